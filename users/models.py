import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone, translation

username_validator = RegexValidator(
    r"^[A-Za-z0-9_.-]+\Z",
    translation.gettext_lazy("Use only letters, digits and the characters . _ -"),
)


class CaseInsensitiveUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(username__iexact=username)


class User(AbstractUser):
    """An account. Usernames and e-mails are unique whatever their case.

    Usernames cannot contain "@", so a login name is never both a username
    and an e-mail address.
    """

    username = models.CharField(
        "username",
        max_length=30,
        unique=True,
        validators=[username_validator],
        help_text="Up to 30 letters, digits and . _ -",
        error_messages={"unique": "A user with that username already exists."},
    )
    email = models.EmailField("email address", blank=True)
    # Proven by following a link mailed to it, or vouched for by a provider: until then
    # the address is only a claim (users/services/email_confirmation.py).
    email_verified = models.BooleanField("email address verified", default=False)
    # Set by moderators (moderation/): the account cannot sign in, its tokens stop working
    # and what it posted is absent for everyone but staff, until the suspension is lifted.
    is_suspended = models.BooleanField("suspended", default=False)
    # Blank: the browser's `Accept-Language` decides, e-mails are in English (docs/languages.md).
    language = models.CharField("language", max_length=8, choices=settings.LANGUAGES, blank=True)
    # Bumped on password change: access tokens carrying an older value are refused.
    token_version = models.PositiveIntegerField(default=0, editable=False)
    following = models.ManyToManyField(
        "self", through="Contact", related_name="followers", symmetrical=False, blank=True
    )
    # Activity that points at this user (someone followed them); deleted with them.
    target_actions = GenericRelation(
        "activity.Action", content_type_field="target_ct", object_id_field="target_id"
    )

    objects = CaseInsensitiveUserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_ci_unique",
            ),
        ]


class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    date_of_birth = models.DateField(null=True, blank=True)
    photo = models.ImageField(upload_to="users/%Y/%m/%d/", blank=True)
    photo_width = models.PositiveIntegerField(null=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, editable=False)

    def __str__(self):
        return f"Profile of {self.user.username}"


class Contact(models.Model):
    """`user_from` follows `user_to` since `created`."""

    user_from = models.ForeignKey(User, on_delete=models.CASCADE, related_name="rel_from_set")
    user_to = models.ForeignKey(User, on_delete=models.CASCADE, related_name="rel_to_set")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user_from", "user_to"], name="contact_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(user_from=models.F("user_to")), name="contact_not_self"
            ),
        ]
        indexes = [
            models.Index(fields=["user_to", "-created", "-id"], name="contact_followers_idx"),
            models.Index(fields=["user_from", "-created", "-id"], name="contact_following_idx"),
        ]

    def __str__(self):
        return f"{self.user_from} follows {self.user_to}"


class Block(models.Model):
    """`blocker` blocked `blocked`: neither finds the other anywhere any more
    (users/selectors.py `hidden_by_block`)."""

    blocker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks_received")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]
        indexes = [
            # The unique pair serves "did the viewer block them"; this serves the reverse.
            models.Index(fields=["blocked", "blocker"], name="block_received_idx"),
            models.Index(fields=["blocker", "-created", "-id"], name="block_newest_idx"),
        ]

    def __str__(self):
        return f"{self.blocker} blocked {self.blocked}"


class Mute(models.Model):
    """`muter` muted `muted`: what `muted` does leaves `muter`'s feed, search, comments and
    notifications; `muted` is not told."""

    muter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mutes_made")
    muted = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="mute_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(muter=models.F("muted")), name="mute_not_self"
            ),
        ]
        indexes = [models.Index(fields=["muter", "-created", "-id"], name="mute_newest_idx")]

    def __str__(self):
        return f"{self.muter} muted {self.muted}"


class MutedWord(models.Model):
    """A word (or phrase) `user` does not want to read: stored lower-cased, matched as a
    whole word (users/muted_words.py)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="muted_words")
    word = models.CharField(max_length=50)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "word"], name="muted_word_unique"),
        ]

    def __str__(self):
        return f"{self.user} muted {self.word!r}"


class EmailChange(models.Model):
    """A new e-mail address a user asked for, not in effect yet.

    It takes effect when its owner confirms it from the address itself (a link
    mailed there); until then the account keeps its address. Asking for an
    address another account holds is recorded the same way, so the answer tells
    nothing about who holds which address. A new request replaces this one.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="email_change"
    )
    email = models.EmailField()
    requested = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} asked for {self.email}"


class RefreshTokenFamily(models.Model):
    """A session: the refresh tokens descending from one sign-in, each rotated into
    the next (OAuth 2.0 Security BCP, refresh token rotation).

    The live token is `refresh_token`, one django-graphql-jwt row rotated in
    place; the tokens it replaced are `rotated` (presenting one again ends the
    family). The family has ended once that row is revoked (sign-out, reuse,
    password change) and cannot be refreshed past `expires`, however often it
    was used. Access tokens carry the family's id (`sid`) and die with it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    refresh_token = models.OneToOneField(
        "refresh_token.RefreshToken", on_delete=models.CASCADE, related_name="family"
    )
    started = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "refresh token families"

    def __str__(self):
        return f"Session of {self.refresh_token.user_id} since {self.started:%Y-%m-%d %H:%M}"

    @property
    def expires(self):
        return self.started + timedelta(days=settings.REFRESH_TOKEN_ABSOLUTE_DAYS)


class RotatedRefreshToken(models.Model):
    """A refresh token of `family` that was exchanged for the next one: kept (as a
    SHA-256 digest) to recognise it if it is presented again. Deleted with the family
    (`manage.py cleartokens --expired` removes ended and expired families)."""

    token_digest = models.CharField(max_length=64, unique=True)
    family = models.ForeignKey(RefreshTokenFamily, on_delete=models.CASCADE, related_name="rotated")
    rotated = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Rotated token of {self.family_id}"


class SocialSignIn(models.Model):
    """A sign-in through a provider (users/social/): the one-time code the redirect
    brought back to the front end, and once `socialSignIn` exchanged it, when.

    Only a SHA-256 digest of the code with the nonce of the browser that started the
    sign-in is stored; it can be exchanged once, with that nonce, until `expires`.
    `used` dates the sign-in (account deletion asks for a recent one when the
    account has no password).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="social_sign_ins")
    provider = models.CharField(max_length=32)
    created_account = models.BooleanField(default=False)
    code_digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    used = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["created"], name="social_sign_in_created_idx"),
            models.Index(fields=["user", "-used"], name="social_sign_in_user_used_idx"),
        ]

    def __str__(self):
        return f"{self.user} through {self.provider} at {self.created:%Y-%m-%d %H:%M}"


class AccessToken(models.Model):
    """A personal access token (users/services/access_tokens.py): a credential its owner
    made for a script or an app, limited to `scopes` (space-separated), until `expires`.

    Only the SHA-256 digest of the token is stored; the token is shown once, at creation.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=100)
    scopes = models.CharField(max_length=64)
    token_digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)
    expires = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "-created"], name="access_token_user_idx")]

    def __str__(self):
        return f"{self.name} of {self.user_id}"


class AppAuthorization(models.Model):
    """A person's consent to a third-party app (an OAuth application registered by a
    developer): the scopes granted, when, and when the app last called the API.
    Revoking it ends the app's tokens (users/services/app_authorizations.py)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="app_authorizations")
    application = models.ForeignKey(
        "oauth2_provider.Application",
        on_delete=models.CASCADE,
        related_name="authorizations",
    )
    scopes = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "application"], name="one_authorization_per_app"
            )
        ]

    def __str__(self):
        return f"{self.application_id} for {self.user_id}"
