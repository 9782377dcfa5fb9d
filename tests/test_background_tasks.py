"""Background work runs on a real Celery worker, taken from a real broker."""

from images import ranking
from images.models import Image
from images.tasks import sync_view_counts


def test_the_worker_copies_the_view_counts_into_the_database(celery_worker, ann, make_image):
    sunset = make_image(ann, "Sunset")
    for n in range(3):
        ranking.record_view(sunset.pk, ranking.anonymous_viewer(f"203.0.113.{n}"))

    sync_view_counts.delay()

    celery_worker.wait_for(
        lambda: Image.objects.get(pk=sunset.pk).total_views == 3, what="the synced count"
    )
