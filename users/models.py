from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower

username_validator = RegexValidator(
    r"^[A-Za-z0-9_.-]+\Z",
    "Use only letters, digits and the characters . _ -",
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
    # Bumped on password change: access tokens carrying an older value are refused.
    token_version = models.PositiveIntegerField(default=0, editable=False)

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
