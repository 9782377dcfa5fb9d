"""Account changes in the API: sign-up, sign-in, sessions, profile and password."""

import graphene

from infra.client_ip import client_ip
from schema.core.arguments import enum_value
from schema.core.errors import error_type
from schema.core.files import Upload
from schema.core.mutations import Mutation
from schema.users.profiles import Language
from schema.users.types import UserNode
from users.errors import AccountErrorCode
from users.services import accounts, email_confirmation, sessions

AccountError = error_type(
    "AccountError",
    AccountErrorCode,
    "A problem with account input.",
    {
        AccountErrorCode.INVALID: "A value is not acceptable (see `message`).",
        AccountErrorCode.REQUIRED: "A required value is missing.",
        AccountErrorCode.USERNAME_TAKEN: "Another account has this username, whatever its case.",
        AccountErrorCode.EMAIL_TAKEN: "Another account has this e-mail address.",
        AccountErrorCode.PASSWORD_TOO_WEAK: "The password breaks a rule `message` names.",
        AccountErrorCode.INVALID_CREDENTIALS: "The login or the password is wrong.",
        AccountErrorCode.INVALID_TOKEN: "The refresh token is unknown, used, expired or revoked.",
        AccountErrorCode.NOT_FOUND: "There is no such user.",
        AccountErrorCode.INACTIVE: "The account is closed.",
        AccountErrorCode.CANNOT_FOLLOW_SELF: "Nobody can follow themselves.",
        AccountErrorCode.TOO_MANY_ATTEMPTS: "Too many attempts: `message` says how long to wait.",
        AccountErrorCode.NOT_AN_IMAGE: "The photo is not a JPEG, PNG, GIF or WebP image.",
        AccountErrorCode.TOO_LARGE: "The photo is over the size or pixel limit.",
        AccountErrorCode.INVALID_PASSWORD: "The new password breaks a rule `message` names.",
        AccountErrorCode.PASSWORD_UNCHANGED: (
            "The new password is the current one: choose another (nothing was changed)."
        ),
        AccountErrorCode.LAST_SIGN_IN_METHOD: (
            "The account would have no way to sign in: set a password first."
        ),
        AccountErrorCode.RECENT_SIGN_IN_REQUIRED: (
            "Sign in with your provider again first (within the last 10 minutes)."
        ),
        AccountErrorCode.UNAVAILABLE: (
            "The photo could not be stored right now (the file storage failed); nothing was "
            "changed. Try again later."
        ),
        AccountErrorCode.TRY_AGAIN: (
            "The attempt could not be counted against its limit right now, so it was not "
            "made (the password or link was not checked), or the mail it sends could not be "
            "queued; nothing was changed. Try again in a minute."
        ),
        AccountErrorCode.OTHER_ACCOUNT: (
            "The link belongs to another account than the one signed in; nothing was "
            "changed. Sign out first if that account is yours."
        ),
        AccountErrorCode.ACCOUNT_SUSPENDED: (
            "Moderators suspended this account: it cannot sign in until they lift it."
        ),
        AccountErrorCode.CANNOT_BLOCK_SELF: "Nobody can block themselves.",
        AccountErrorCode.CANNOT_MUTE_SELF: "Nobody can mute themselves.",
        AccountErrorCode.TOO_MANY_MUTED_WORDS: "At most 200 muted words: unmute one first.",
    },
)

USER = "The account; null when there are errors."
TOKEN = "An access token, valid for 5 minutes: send it as `Authorization: Bearer <token>`."
REFRESH_TOKEN = "A refresh token: exchange it with `refreshToken` for a new pair."


class StartsASession:
    """The payload fields of a mutation that signs someone in (filled by `signed_in`)."""

    user = graphene.Field(UserNode, description=USER)
    token = graphene.String(description=TOKEN)
    refresh_token = graphene.String(description=REFRESH_TOKEN)


class MailsALink:
    """A mutation whose payload's `sent` is false whenever the answer carries errors."""

    @classmethod
    def mutate_and_get_payload(cls, root, info, **data):
        payload = super().mutate_and_get_payload(root, info, **data)
        if payload.errors:
            payload.sent = False
        return payload


def signed_in(info, session):
    """Payload fields of a new session; the rest of the payload sees its user as the viewer."""
    info.context.user = session.user
    return {"user": session.user, "token": session.token, "refresh_token": session.refresh_token}


class Register(StartsASession, Mutation):
    """Create an account and sign in; a link to verify the address is mailed to it.

    EMAIL_TAKEN is told only when nothing else is wrong with the input (behind the
    sign-up throttle)."""

    class Meta:
        account_operation = True
        error_type = AccountError

    class Input:
        username = graphene.String(
            required=True, description="Up to 30 letters, digits and . _ -, unique in any case."
        )
        email = graphene.String(
            required=True,
            description="An e-mail address no account has; a link to verify it is mailed there.",
        )
        password = graphene.String(required=True, description="A password the rules accept.")
        first_name = graphene.String(description="A first name, up to 150 characters.")
        last_name = graphene.String(description="A last name, up to 150 characters.")

    @classmethod
    def perform(cls, info, username, email, password, first_name="", last_name=""):
        session = accounts.sign_up(
            username=username,
            email=email,
            password=password,
            first_name=first_name or "",
            last_name=last_name or "",
            ip=client_ip(info.context),
        )
        return signed_in(info, session)


class Login(StartsASession, Mutation):
    """Sign in with a username or an e-mail address."""

    class Meta:
        account_operation = True
        error_type = AccountError

    class Input:
        username = graphene.String(required=True, description="Username or e-mail address.")
        password = graphene.String(required=True, description="The account's password.")

    @classmethod
    def perform(cls, info, username, password):
        session = sessions.sign_in(ip=client_ip(info.context), login=username, password=password)
        return signed_in(info, session)


class RefreshToken(Mutation):
    """Exchange a refresh token for a new access token and a new refresh token.

    The refresh token sent stops working."""

    class Meta:
        account_operation = True
        error_type = AccountError
        # A reused refresh token ends its session although the answer is an error.
        atomic = False

    class Input:
        refresh_token = graphene.String(
            required=True, description="The refresh token from sign-in or the last refresh."
        )

    token = graphene.String(description=TOKEN)
    refresh_token = graphene.String(description=REFRESH_TOKEN)

    @classmethod
    def perform(cls, info, refresh_token):
        token, new_refresh_token = sessions.refresh_session(refresh_token=refresh_token)
        return {"token": token, "refresh_token": new_refresh_token}


class RevokeToken(Mutation):
    """Sign out: the session of the refresh token ends, its access tokens with it."""

    class Meta:
        account_operation = True
        error_type = AccountError
        atomic = False

    class Input:
        refresh_token = graphene.String(
            required=True, description="The refresh token from sign-in or the last refresh."
        )

    revoked = graphene.Boolean(description="True once the token is revoked; null on error.")

    @classmethod
    def perform(cls, info, refresh_token):
        sessions.end_session(refresh_token=refresh_token)
        return {"revoked": True}


class UpdateProfile(Mutation):
    """Change the viewer's names, e-mail, date of birth, photo or language.

    A new e-mail address becomes the viewer's `pendingEmail`: it takes effect once
    confirmed from the address itself, and the answer is the same whether or not
    another account uses it."""

    class Meta:
        account_operation = True
        error_type = AccountError
        login_required = True

    class Input:
        first_name = graphene.String(description="A new first name; omitted keeps it.")
        last_name = graphene.String(description="A new last name; omitted keeps it.")
        email = graphene.String(description="A new e-mail address; omitted keeps it.")
        date_of_birth = graphene.Date(description="A date of birth; omitted keeps it.")
        photo = Upload(description="A JPEG, PNG, GIF or WebP file (multipart request).")
        language = Language(
            description="The language to read messages and e-mails in; omitted keeps it, "
            "null forgets it (the browser's `Accept-Language` decides again)."
        )

    user = graphene.Field(UserNode, description=USER)

    @classmethod
    def perform(cls, info, **changes):
        # Omitted keeps the language (None); an explicit null forgets it ("").
        language = enum_value(changes.pop("language"), "") if "language" in changes else None
        user = accounts.update_profile(
            user=info.context.user,
            ip=client_ip(info.context),
            language=language,
            **changes,
        )
        return {"user": user}


class ConfirmEmailChange(Mutation):
    """Apply a change of e-mail address with the `uid` and `token` of the link mailed to
    the new address (`updateProfile` asked for it; no sign-in needed). The new address
    is verified. `confirmEmail` does the same and takes the sign-up link too."""

    class Meta:
        account_operation = True
        error_type = AccountError

    class Input:
        uid = graphene.String(required=True, description="The `{uid}` part of the mailed link.")
        token = graphene.String(required=True, description="The `{token}` part of the mailed link.")

    email = graphene.String(description="The account's address now; null on error.")

    @classmethod
    def perform(cls, info, uid, token):
        user = email_confirmation.confirm_email_change(
            uid=uid, token=token, ip=client_ip(info.context), viewer=info.context.user
        )
        return {"email": user.email}


class ChangePassword(StartsASession, Mutation):
    """Change the viewer's password: every session ends, this one gets new tokens."""

    class Meta:
        account_operation = True
        error_type = AccountError
        login_required = True

    class Input:
        old_password = graphene.String(required=True, description="The current password.")
        new_password = graphene.String(required=True, description="A password the rules accept.")

    @classmethod
    def perform(cls, info, old_password, new_password):
        session = accounts.change_password(
            user=info.context.user,
            ip=client_ip(info.context),
            old_password=old_password,
            new_password=new_password,
        )
        return signed_in(info, session)


class Mutations(graphene.ObjectType):
    register = Register.Field()
    login = Login.Field()
    refresh_token = RefreshToken.Field()
    revoke_token = RevokeToken.Field()
    update_profile = UpdateProfile.Field()
    change_password = ChangePassword.Field()
    confirm_email_change = ConfirmEmailChange.Field()
