"""Reading images for the API, prepared so that a page costs a fixed number of queries."""

from django.db.models import Exists, OuterRef, Value

from images.models import Image
from users.selectors import active_users


def liked_by(viewer):
    """An expression: whether `viewer` likes the image (False for anonymous viewers)."""
    if viewer is None or not viewer.is_authenticated:
        return Value(False)
    likes = Image.users_like.through.objects.filter(image_id=OuterRef("pk"), user_id=viewer.pk)
    return Exists(likes)


def images_for(viewer, *, with_poster_profile=True):
    """All images, their poster (and the poster's profile, unless told not to) loaded
    and `liked_by_viewer` annotated."""
    related = ("user", "user__profile") if with_poster_profile else ("user",)
    return Image.objects.select_related(*related).annotate(liked_by_viewer=liked_by(viewer))


def search_images(viewer, *, posted_by=None, liked_by_username=None, with_poster_profile=True):
    """`images_for(viewer)`, optionally only those posted or liked by an active user,
    named by username in any case."""
    images = images_for(viewer, with_poster_profile=with_poster_profile)
    if posted_by is not None:
        images = images.filter(user__username__iexact=posted_by, user__is_active=True)
    if liked_by_username is not None:
        images = images.filter(
            users_like__username__iexact=liked_by_username, users_like__is_active=True
        )
    return images


def images_posted_by(viewer, user, *, with_poster_profile=True):
    return images_for(viewer, with_poster_profile=with_poster_profile).filter(user=user)


def images_liked_by(viewer, user, *, with_poster_profile=True):
    return images_for(viewer, with_poster_profile=with_poster_profile).filter(users_like=user)


def image_by_id(viewer, image_id):
    return images_for(viewer).filter(pk=image_id).first()


def image_by_slug(viewer, slug):
    return images_for(viewer).filter(slug=slug).first()


def likers_of(image, viewer=None):
    """Active users who like `image`, with the counts `with_stats` gives every listed user."""
    return active_users(viewer=viewer).filter(images_liked=image)


def is_liked_by(image, viewer) -> bool:
    if not viewer.is_authenticated:
        return False
    return Image.users_like.through.objects.filter(image_id=image.pk, user_id=viewer.pk).exists()
