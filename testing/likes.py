"""Likes as fixture data, thousands at once: the rows and `Image.total_likes` written in
bulk, as the like services would leave them, without the activity they record."""

from django.db.models import F

from images.models import Image

Like = Image.users_like.through


def add_likes(user, images):
    """`user` likes each of `images` (none liked yet), each counting one more."""
    Like.objects.bulk_create(Like(user_id=user.pk, image_id=image.pk) for image in images)
    Image.objects.filter(pk__in=[image.pk for image in images]).update(
        total_likes=F("total_likes") + 1
    )
