"""deleteAccount: an account and everything of it."""

import graphene

from infra.client_ip import client_ip
from schema.core.ids import encode_id
from schema.core.mutations import Mutation
from schema.users.accounts import AccountError
from users.services import deletion


class DeleteAccount(Mutation):
    """Delete the viewer's account with its images, likes, follows and activity; its
    tokens stop working at once. Give the password; an account without one needs a
    social sign-in within the last 10 minutes instead."""

    class Meta:
        account_operation = True
        error_type = AccountError
        login_required = True

    class Input:
        password = graphene.String(description="Required when the account has a password.")

    deleted_id = graphene.ID(description="The global ID of the deleted user.")

    @classmethod
    def perform(cls, info, password=None):
        pk = deletion.delete_account(
            user=info.context.user, password=password, ip=client_ip(info.context)
        )
        return {"deleted_id": encode_id("User", pk)}


class Mutations(graphene.ObjectType):
    delete_account = DeleteAccount.Field()
