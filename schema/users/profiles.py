"""What a person tells of themselves besides their names (Profile), the provider accounts
they sign in with, the language they read us in, and the test every owner-only field
makes (`is_viewer`)."""

import graphene
from django.conf import settings
from graphene_django import DjangoObjectType

from schema.core.files import StoredImage
from users import selectors
from users.models import Profile


def is_viewer(info, user):
    viewer = info.context.user
    return viewer.is_authenticated and viewer.pk == user.pk


Language = graphene.Enum(
    "Language",
    [(code.upper(), code) for code, _ in settings.LANGUAGES],
    description=lambda language: (
        dict(settings.LANGUAGES)[language.value]
        if language
        else "A language people read the API's messages and e-mails in (docs/languages.md)."
    ),
)


class UserLanguage:
    """`User.language`, a field of the User type."""

    language = graphene.Field(
        Language,
        description="The language its owner chose (`updateProfile`); null when they chose none "
        "(their browser's `Accept-Language` decides). Visible to its owner only.",
    )

    def resolve_language(user, info):
        return (user.language or None) if is_viewer(info, user) else None


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
