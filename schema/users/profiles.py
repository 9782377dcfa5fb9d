"""What a person tells of themselves besides their names (Profile), the provider accounts
they sign in with, and the test every owner-only field makes (`is_viewer`)."""

import graphene
from graphene_django import DjangoObjectType

from schema.core.files import StoredImage
from users import selectors
from users.models import Profile


def is_viewer(info, user):
    viewer = info.context.user
    return viewer.is_authenticated and viewer.pk == user.pk


class ProfileType(DjangoObjectType):
    """What a user tells about themselves besides their names."""

    class Meta:
        model = Profile
        name = "Profile"
        fields = ()

    date_of_birth = graphene.Date(description="Visible to its owner only.")
    photo = graphene.Field(StoredImage, description="Their profile photo; null when none.")

    def resolve_date_of_birth(profile, info):
        return profile.date_of_birth if is_viewer(info, profile.user) else None

    def resolve_photo(profile, info):
        return selectors.photo_of(profile)


class SocialAccount(graphene.ObjectType):
    """A provider account linked to a user, to sign in with."""

    provider = graphene.String(required=True, description="The provider's name (`oidc`, ...).")
    uid = graphene.String(required=True, description="The account's id at the provider.")
