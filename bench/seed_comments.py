"""The image page's data: one image, private and shared with the load's viewers, with
comments under it, some hidden by moderators (one of them by the first viewer, who still
sees it: their own).

The image is the oldest of the showcase board's owner's images on it (bench/seed.py):
made private after it was pinned, as people do, it is shared with the board's
collaborators (its `ImageAccess` rows are there already), so its ID carries its link key.
"""

from datetime import timedelta

from django.db.models import F

from boards.models import Pin
from comments.models import Comment
from images.models import Image, Visibility

COMMENTED_SLUG = "commented"
COMMENTS = 30
HIDDEN_EVERY = 6  # every sixth comment is hidden by moderators


def comment(user_ids, rng, *, viewers):
    from bench.seed import SHOWCASE_SLUG

    pins = Pin.objects.filter(board__slug=SHOWCASE_SLUG, image__user=F("board__owner"))
    image = Image.objects.filter(pk__in=pins.values("image_id")).order_by("id").first()
    if image is None:
        return
    image.visibility, image.slug = Visibility.PRIVATE, COMMENTED_SLUG
    others = [user_id for user_id in user_ids if user_id not in user_ids[:viewers]]
    comments = []
    for n in range(COMMENTS):
        hidden = n % HIDDEN_EVERY == 2
        # The first viewer wrote one of the hidden ones: they see it, the others do not.
        author = user_ids[0] if n == 2 else rng.choice(others or user_ids)
        comments.append(
            Comment(
                image=image,
                author_id=author,
                text=f"Comment {n} on a {image.title.split()[0].lower()}",
                created=image.created + timedelta(minutes=n),
                hidden_by_moderators=hidden,
            )
        )
    Comment.objects.bulk_create(comments)
    image.comments_count = len(comments)
    image.save(update_fields=["visibility", "slug", "comments_count"])


def commented_image():
    """(id, link key) of the image whose page the benchmark loads."""
    return Image.objects.filter(slug=COMMENTED_SLUG).values_list("pk", "link_key").get()
