"""Who a secret board shares private images with, and how many pins hold an image: the
images side of boards, written only by the boards services (images cannot import boards,
so they hand over ids), in the caller's transaction."""

from django.db.models import F

from images.models import Image, ImageAccess


def share_privately(*, board_id, image_ids, user_ids) -> None:
    """The secret board `board_id` now shares `image_ids` (its owner's images on it) with
    `user_ids` (its collaborators): its earlier rows are replaced. Empty lists, for a
    public or deleted board, leave it sharing nothing."""
    ImageAccess.objects.filter(board_id=board_id).delete()
    ImageAccess.objects.bulk_create(
        ImageAccess(board_id=board_id, image_id=image_id, user_id=user_id)
        for image_id in image_ids
        for user_id in user_ids
    )


def count_saves(image_ids, change: int) -> None:
    """Add `change` to the `saves_count` of each of `image_ids`, in SQL, so that
    concurrent saves all count (negative when pins go)."""
    Image.objects.filter(pk__in=image_ids).update(saves_count=F("saves_count") + change)
