"""Keeping derived data true: `Image.total_likes`, and no files outliving their image.

Each change of likes is one UPDATE that adds or subtracts in SQL, so concurrent likes
of one image by different people all count. Rows about to be removed are
counted in SQL before they go, so removing a like that does not exist (or
`clear()`) subtracts exactly what disappears, whichever side it is done from.
"""

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
