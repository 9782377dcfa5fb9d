"""Password reset by e-mail: requestPasswordReset mails a link, resetPassword uses it."""

import graphene

from infra.client_ip import client_ip
from schema.core.mutations import Mutation
from schema.users.accounts import AccountError, MailsALink, StartsASession, signed_in
from users.services import password_reset


class RequestPasswordReset(MailsALink, Mutation):
    """Mail a link to reset the password to the account with this address.

    The answer is the same whether or not an account has the address (only an active
    account whose address is verified gets mail), and so is the time it takes: the mail
    is sent afterwards."""

    class Meta:
        account_operation = True
        error_type = AccountError

    class Input:
        email = graphene.String(required=True, description="The account's e-mail address.")

    sent = graphene.Boolean(
        required=True,
        description="True once the request is accepted, whether or not the address has an "
        "account; false with errors.",
    )

    @classmethod
    def perform(cls, info, email):
        password_reset.request_password_reset(email=email, ip=client_ip(info.context))
        return {"sent": True}


class ResetPassword(StartsASession, Mutation):
    """Choose a new password with the `uid` and `token` of a reset link: every session of
    the account ends, and this one starts signed in."""

    class Meta:
        account_operation = True
        error_type = AccountError

    class Input:
        uid = graphene.String(required=True, description="The `{uid}` part of the mailed link.")
        token = graphene.String(required=True, description="The `{token}` part of the mailed link.")
        new_password = graphene.String(required=True, description="A password the rules accept.")

    @classmethod
    def perform(cls, info, uid, token, new_password):
        session = password_reset.reset_password(
            uid=uid, token=token, new_password=new_password, ip=client_ip(info.context)
        )
        return signed_in(info, session)


class Mutations(graphene.ObjectType):
    request_password_reset = RequestPasswordReset.Field()
    reset_password = ResetPassword.Field()
