"""The User and Profile types: what a person shows of themselves, to others and to themselves."""

import graphene
from graphene_django import DjangoObjectType

from activity import selectors as activity_selectors
from boards import selectors as board_selectors
from images import selectors as image_selectors
from jobs import selectors as job_selectors
from schema.core.arguments import enum_value, tag_argument
from schema.core.image_columns import selected_columns, selects_poster_profile
from schema.core.lengths import with_max_length
from schema.core.loaders import covers_loader, expect_images, expect_jobs
from schema.core.nodes import Node
from schema.core.pagination import CountableConnection, connection_args, paginate, paginate_field
from schema.users.orderings import (
    BY_BLOCK,
    BY_FOLLOW,
    BY_MUTE,
    IMAGE_ORDERINGS,
    NEWEST_BOARDS,
    NEWEST_JOBS,
    NEWEST_WEBHOOKS,
)
from schema.users.profiles import ProfileType, SocialAccount, UserLanguage, is_viewer
from users import selectors
from users.models import User
from users.services import access_tokens, app_authorizations, oauth_apps, social
from webhooks import selectors as webhook_selectors


def _image_list_args(**extra):
    # Images are defined in schema.images.types, which builds on this module.
    return connection_args(
        order_by=graphene.Argument(
            "schema.images.types.ImageOrder",
            default_value="newest",
            description="The order of the list.",
        ),
        **extra,
    )


class UserNode(UserLanguage, DjangoObjectType):
    """An account: someone who posts, likes and follows."""

    class Meta:
        model = User
        name = "User"
        interfaces = (Node,)
        fields = ("id", "username", "first_name", "last_name", "date_joined")

    username = graphene.String(
        required=True, description="Unique whatever its case: letters, digits and . _ -."
    )
    first_name = graphene.String(required=True, description="Their first name (may be empty).")
    last_name = graphene.String(required=True, description="Their last name (may be empty).")
    date_joined = graphene.DateTime(required=True, description="When the account was made.")
    email = graphene.String(description="Visible to its owner only.")
    pending_email = graphene.String(
        description="A new address asked for, in effect once confirmed. Its owner's only."
    )
    email_verified = graphene.Boolean(
        required=True,
        description="Whether `email` is verified (its owner followed a link mailed to it, "
        "or a provider vouched for it): until then no password reset is mailed to it and "
        "no provider links to it. Its owner's only: false for others.",
    )
    has_password = graphene.Boolean(
        description="Whether the account has a password (else it signs in through a "
        "provider). Visible to its owner only."
    )
    social_accounts = graphene.NonNull(
        graphene.List(graphene.NonNull(SocialAccount)),
        description="Provider accounts linked to this account. Its owner's only: empty for others.",
    )
    profile = graphene.Field(
        ProfileType, required=True, description="Their profile: date of birth and photo."
    )
    images = graphene.Field(
        graphene.NonNull("schema.images.types.ImageConnection"),
        description="Images this user posted.",
        **_image_list_args(tag=tag_argument()),
    )
    liked_images = graphene.Field(
        graphene.NonNull("schema.images.types.ImageConnection"),
        description="Images this user likes.",
        **_image_list_args(),
    )
    boards = graphene.Field(
        graphene.NonNull("schema.boards.types.BoardConnection"),
        description="This user's boards that the viewer may see, the newest first.",
        **connection_args(
            include_collaborations=graphene.Boolean(
                default_value=False,
                description="Also the boards they collaborate on (the boards they may save "
                "to, for the viewer's own), among them.",
            )
        ),
    )
    board = graphene.Field(
        "schema.boards.types.BoardNode",
        slug=graphene.String(
            required=True, description=with_max_length("The board's slug", "slug")
        ),
        description="One of this user's boards by its slug; null if there is none the "
        "viewer may see.",
    )
    images_count = graphene.Int(
        required=True,
        description="How many images this user posted that the viewer may find in a list.",
    )
    followers = graphene.Field(
        graphene.NonNull(lambda: UserConnection),
        description="Users who follow this user, the newest follow first.",
        **connection_args(),
    )
    following = graphene.Field(
        graphene.NonNull(lambda: UserConnection),
        description="Users this user follows, the newest follow first.",
        **connection_args(),
    )
    followers_count = graphene.Int(required=True, description="How many users follow them.")
    following_count = graphene.Int(required=True, description="How many users they follow.")
    is_followed_by_viewer = graphene.Boolean(
        required=True, description="Whether the signed-in user follows this user."
    )
    unread_notifications_count = graphene.Int(
        description="How many of their notifications they have not read. Its owner's only."
    )
    blocked_users = graphene.Field(
        lambda: UserConnection,
        description="The people they blocked, the newest block first. Its owner's only.",
        **connection_args(),
    )
    muted_users = graphene.Field(
        lambda: UserConnection,
        description="The people they muted, the newest mute first. Its owner's only.",
        **connection_args(),
    )
    jobs = graphene.Field(
        "schema.jobs.types.JobConnection",
        description="Their imports and exports, the newest first. Its owner's only.",
        **connection_args(),
    )
    access_tokens = graphene.List(
        graphene.NonNull("schema.developers.types.AccessTokenNode"),
        description="Their personal access tokens, the newest first. Its owner's only.",
    )
    apps = graphene.List(
        graphene.NonNull("schema.developers.types.OAuthAppNode"),
        description="The OAuth apps they registered, the newest first. Its owner's only.",
    )
    authorized_apps = graphene.List(
        graphene.NonNull("schema.developers.types.AuthorizedAppNode"),
        description="The apps they allowed to use their account (OAuth), the latest "
        "first. Its owner's only.",
    )
    webhooks = graphene.Field(
        "schema.developers.webhooks.WebhookConnection",
        description="Their webhooks, the newest first. Its owner's only.",
        **connection_args(),
    )
    muted_words = graphene.List(
        graphene.NonNull(graphene.String),
        description="The words they muted, in alphabetical order. Its owner's only.",
    )
    is_staff = graphene.Boolean(
        description="Whether they are staff, who may moderate (`moderationQueue`, "
        "`resolveReport`). Its owner's only: who is staff is not told to others."
    )

    @classmethod
    def get_node(cls, info, id):
        return selectors.user_with_stats(id, viewer=info.context.user)

    def resolve_email(user, info):
        return user.email if is_viewer(info, user) else None

    def resolve_email_verified(user, info):
        return user.email_verified if is_viewer(info, user) else False

    def resolve_pending_email(user, info):
        return selectors.pending_email(user) if is_viewer(info, user) else None

    def resolve_has_password(user, info):
        return user.has_usable_password() if is_viewer(info, user) else None

    def resolve_social_accounts(user, info):
        return social.social_accounts_of(user) if is_viewer(info, user) else []

    def resolve_unread_notifications_count(user, info):
        if not is_viewer(info, user):
            return None
        return activity_selectors.unread_notifications_count(user)

    def resolve_blocked_users(user, info, **page):
        if not is_viewer(info, user):
            return None
        return paginate(UserConnection, selectors.blocked_users(user), BY_BLOCK, **page)

    def resolve_muted_users(user, info, **page):
        if not is_viewer(info, user):
            return None
        return paginate(UserConnection, selectors.muted_users(user), BY_MUTE, **page)

    def resolve_jobs(user, info, **page):
        if not is_viewer(info, user):
            return None
        jobs = job_selectors.jobs_of(user, info.context.user)
        connection = paginate_field(info, jobs, NEWEST_JOBS, **page)
        expect_jobs(info, (edge.node for edge in connection.edges))
        return connection

    def resolve_webhooks(user, info, **page):
        if not is_viewer(info, user):
            return None
        webhooks = webhook_selectors.webhooks_of(info.context.user)
        return paginate_field(info, webhooks, NEWEST_WEBHOOKS, **page)

    def resolve_access_tokens(user, info):
        return access_tokens.access_tokens_of(user) if is_viewer(info, user) else None

    def resolve_apps(user, info):
        return oauth_apps.apps_of(user) if is_viewer(info, user) else None

    def resolve_authorized_apps(user, info):
        return app_authorizations.authorizations_of(user) if is_viewer(info, user) else None

    def resolve_muted_words(user, info):
        return selectors.muted_words_of(user) if is_viewer(info, user) else None

    def resolve_is_staff(user, info):
        return user.is_staff if is_viewer(info, user) else None

    def resolve_images(user, info, order_by, tag=None, **page):
        return _image_page(info, image_selectors.images_posted_by, user, order_by, page, tag=tag)

    def resolve_liked_images(user, info, order_by, **page):
        return _image_page(info, image_selectors.images_liked_by, user, order_by, page)

    def resolve_boards(user, info, include_collaborations, **page):
        viewer = info.context.user
        boards = board_selectors.boards_of(user, viewer, with_collaborations=include_collaborations)
        connection = paginate_field(info, boards, NEWEST_BOARDS, **page)
        covers_loader(info).expect(edge.node for edge in connection.edges)
        return connection

    def resolve_board(user, info, slug):
        return board_selectors.board_by_slug(user, slug, info.context.user)

    # Users listed by the selectors carry these counts as annotations; users
    # reached another way (an image's poster, say) cost a query when asked.
    def resolve_images_count(user, info):
        return _annotated(
            user, "images_count", lambda: image_selectors.images_count(user, info.context.user)
        )

    def resolve_followers_count(user, info):
        return _annotated(user, "followers_count", lambda: selectors.followers_count(user))

    def resolve_following_count(user, info):
        return _annotated(user, "following_count", lambda: selectors.following_count(user))

    def resolve_is_followed_by_viewer(user, info):
        return _annotated(
            user,
            "is_followed_by_viewer",
            lambda: selectors.is_following(info.context.user, user),
        )

    def resolve_followers(user, info, **page):
        followers = selectors.followers_of(user, viewer=info.context.user)
        return paginate(UserConnection, followers, BY_FOLLOW, **page)

    def resolve_following(user, info, **page):
        following = selectors.following_of(user, viewer=info.context.user)
        return paginate(UserConnection, following, BY_FOLLOW, **page)


def _image_page(info, images_of, user, order_by, page, **filters):
    """A page of one user's images as `images_of` (a selector) picks them."""
    profile = selects_poster_profile(info)
    images = images_of(info.context.user, user, with_poster_profile=profile, **filters)
    ordering = IMAGE_ORDERINGS[enum_value(order_by, "newest")]
    connection = paginate_field(info, selected_columns(info, images, ordering), ordering, **page)
    expect_images(info, (edge.node for edge in connection.edges))
    return connection


def _annotated(user, name, compute):
    value = getattr(user, name, None)
    return compute() if value is None else value


class UserConnection(CountableConnection):
    """A page of users."""

    class Meta:
        node = UserNode
