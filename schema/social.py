"""Following people: followUser and unfollowUser."""

import graphene

from project.errors import DomainError
from schema.ids import decode_id
from schema.mutations import Mutation
from schema.users import AccountError, UserNode
from users import selectors, services
from users.errors import AccountErrorCode


def _user_named(id, username):
    """The active user given by exactly one of a global `id` and a `username`."""
    if (id is None) == (username is None):
        raise DomainError.of(AccountErrorCode.INVALID, "Give either `id` or `username`.")
    if id is not None:
        user = selectors.active_users().filter(pk=decode_id(id, "User")).first()
    else:
        user = selectors.active_users().filter(username__iexact=username.strip()).first()
    if user is None:
        field = "id" if id is not None else "username"
        raise DomainError.of(AccountErrorCode.NOT_FOUND, "There is no such user.", field)
    return user


def _change_follow(info, change, id, username):
    """Apply `change` (follow or unfollow) from the viewer to the user named;
    the payload shows that user with fresh counts."""
    viewer = info.context.user
    user = _user_named(id, username)
    change(user_from=viewer, user_to=user)
    return {"user": selectors.user_by_username(user.username, viewer=viewer)}


class FollowInput:
    id = graphene.ID(description="The user's global ID (or give `username`).")
    username = graphene.String(description="The user's username (or give `id`).")


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
        return _change_follow(info, services.follow_user, id, username)


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
        return _change_follow(info, services.unfollow_user, id, username)


class Mutations(graphene.ObjectType):
    follow_user = FollowUser.Field()
    unfollow_user = UnfollowUser.Field()
