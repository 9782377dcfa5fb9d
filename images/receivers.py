"""What images does when something else happens: no files outliving their image, and
nothing of a deleted account left behind (`Image.total_likes` is kept by the like
services in images/services.py).
"""

from django.db import transaction


def remove_files_of_deleted_image(sender, instance, **kwargs):
    """However an image is deleted (its poster's account too), its files go once that commits."""
    from images import storage

    storage.remove_on_commit(instance.file)


def forget_deleted_account(sender, user, **kwargs):
    """Before a deleted account's rows go (users/services/deletion.py).

    Its likes are taken back by the service, so that the images it liked lose them
    from `total_likes` (the cascade would delete the rows without a word). Once
    the deletion commits, the Redis keys of its images and of its views go, the live
    subscriptions of its images complete and those of the images it liked hear of it.
    """
    from images import live_events, ranking, services
    from images.models import Image

    image_ids = list(Image.objects.filter(user=user).values_list("pk", flat=True))
    own = set(image_ids)
    liked_ids = [pk for pk in services.take_back_likes(user=user) if pk not in own]
    viewer = ranking.signed_in_viewer(user.pk)
    transaction.on_commit(lambda: ranking.forget_account(viewer=viewer, image_ids=image_ids))
    live_events.account_deleted(user_id=user.pk, image_ids=image_ids, liked_ids=liked_ids)
