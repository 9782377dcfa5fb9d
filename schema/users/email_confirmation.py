"""Proving an address: confirmEmail takes the link mailed at sign-up or for an e-mail
change; resendEmailVerification mails the sign-up link again."""

import graphene

from infra.client_ip import client_ip
from schema.core.mutations import Mutation
from schema.users.accounts import USER, AccountError, MailsALink
from schema.users.types import UserNode
from users.services import email_confirmation


class ConfirmEmail(Mutation):
    """Verify an e-mail address with the `uid` and `token` of a mailed link (no sign-in
    needed): the account's own address (the link mailed at sign-up) or the new address
    it asked for (the link an e-mail change mailed, which applies the change). The link
    works once. Someone signed in confirms only their own account's links
    (`OTHER_ACCOUNT` otherwise)."""

    class Meta:
        account_operation = True
        error_type = AccountError

    class Input:
        uid = graphene.String(required=True, description="The `{uid}` part of the mailed link.")
        token = graphene.String(required=True, description="The `{token}` part of the mailed link.")

    user = graphene.Field(UserNode, description=USER)
    email = graphene.String(
        description="The address now verified (whoever holds the link knows it); null on error."
    )

    @classmethod
    def perform(cls, info, uid, token):
        user = email_confirmation.confirm_email(
            uid=uid, token=token, ip=client_ip(info.context), viewer=info.context.user
        )
        return {"user": user, "email": user.email}


class ResendEmailVerification(MailsALink, Mutation):
    """Mail the viewer a new link to verify their address (nothing when it is verified)."""

    class Meta:
        account_operation = True
        error_type = AccountError
        login_required = True

    sent = graphene.Boolean(
        required=True,
        description="True when a link is on its way; false when the address is already "
        "verified or empty, or with errors.",
    )

    @classmethod
    def perform(cls, info):
        user = info.context.user
        email_confirmation.request_email_verification(user=user, ip=client_ip(info.context))
        return {"sent": bool(user.email) and not user.email_verified}


class Mutations(graphene.ObjectType):
    confirm_email = ConfirmEmail.Field()
    resend_email_verification = ResendEmailVerification.Field()
