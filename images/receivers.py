"""Keeping derived data true: `Image.total_likes`, no files outliving their image, and
nothing of a deleted account left behind.

Each change of likes is one UPDATE that adds or subtracts in SQL, so concurrent likes
of one image by different people all count. Rows about to be removed are
counted in SQL before they go, so removing a like that does not exist (or
`clear()`) subtracts exactly what disappears, whichever side it is done from.
"""

from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def users_like_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    from images.models import Image

    if action not in ("post_add", "pre_remove", "pre_clear"):
        return
    if reverse:  # `instance` is a user; `pk_set` holds image ids
        images = Image.objects.filter(users_like=instance)
        if action == "post_add":
            Image.objects.filter(pk__in=pk_set).update(total_likes=F("total_likes") + 1)
        elif action == "pre_remove":
            images.filter(pk__in=pk_set).update(total_likes=F("total_likes") - 1)
        else:
            images.update(total_likes=F("total_likes") - 1)
        return
    # `instance` is an image; `pk_set` holds user ids
    image = Image.objects.filter(pk=instance.pk)
    if action == "post_add":
        image.update(total_likes=F("total_likes") + len(pk_set))
    else:
        existing = sender.objects.filter(image_id=OuterRef("pk"))
        if action == "pre_remove":
            existing = existing.filter(user_id__in=pk_set)
        removed = existing.values("image_id").annotate(n=Count("*")).values("n")
        image.update(total_likes=F("total_likes") - Coalesce(Subquery(removed), Value(0)))


def remove_files_of_deleted_image(sender, instance, **kwargs):
    """However an image is deleted (its poster's account too), its files go once that commits."""
    from images import storage

    storage.remove_on_commit(instance.file)


def forget_deleted_account(sender, user, **kwargs):
    """Before a deleted account's rows go (users/services/deletion.py).

    Its likes are taken back through the relation, so that the images it liked lose
    them from `total_likes` (the cascade would delete the rows without a word). Once
    the deletion commits, the Redis keys of its images and of its views go, the live
    subscriptions of its images complete and those of the images it liked hear of it.
    """
    from images import live_events, ranking
    from images.models import Image

    image_ids = list(Image.objects.filter(user=user).values_list("pk", flat=True))
    liked_ids = list(user.images_liked.exclude(user=user).values_list("pk", flat=True))
    user.images_liked.clear()
    viewer = ranking.signed_in_viewer(user.pk)
    transaction.on_commit(lambda: ranking.forget_account(viewer=viewer, image_ids=image_ids))
    live_events.account_deleted(user_id=user.pk, image_ids=image_ids, liked_ids=liked_ids)
