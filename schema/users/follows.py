"""Following people: followUser and unfollowUser."""

import graphene

from schema.core.ids import decode_id
from schema.core.mutations import Mutation
from schema.users.accounts import AccountError
from schema.users.types import UserNode
from users.services import follows


class FollowInput:
    id = graphene.ID(description="The user's global ID (or give `username`).")
    username = graphene.String(description="The user's username (or give `id`).")


def _user_id(id):
    return None if id is None else decode_id(id, "User")


class FollowUser(Mutation):
    """Follow a user. Following someone you already follow changes nothing."""

    class Meta:
        error_type = AccountError
        login_required = True

    class Input(FollowInput):
        pass

    user = graphene.Field(UserNode, description="The user followed.")

    @classmethod
    def perform(cls, info, id=None, username=None):
        user = follows.follow(user_from=info.context.user, user_id=_user_id(id), username=username)
        return {"user": user}


class UnfollowUser(Mutation):
    """Stop following a user. Unfollowing someone you do not follow is fine."""

    class Meta:
        error_type = AccountError
        login_required = True

    class Input(FollowInput):
        pass

    user = graphene.Field(UserNode, description="The user unfollowed.")

    @classmethod
    def perform(cls, info, id=None, username=None):
        user = follows.unfollow(
            user_from=info.context.user, user_id=_user_id(id), username=username
        )
        return {"user": user}


class Mutations(graphene.ObjectType):
    follow_user = FollowUser.Field()
    unfollow_user = UnfollowUser.Field()
