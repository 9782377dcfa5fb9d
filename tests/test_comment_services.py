"""The comment services on their own: what they write, count and refuse."""

import pytest

from comments import services
from comments.errors import CommentErrorCode
from comments.models import Comment
from images.models import Image, Visibility
from infra import events
from infra.errors import DomainError


def codes(error):
    return [problem.code for problem in error.value.problems]


def test_adding_keeps_the_text_and_raises_the_count(bob, sunset):
    comment = services.add_comment(author=bob, image_id=sunset.pk, text=" hi\n")

    assert (comment.text, comment.author, comment.image_id) == (" hi\n", bob, sunset.pk)
    assert Image.objects.get(pk=sunset.pk).comments_count == 1


def test_the_count_is_added_in_sql(ann, sunset, make_image):
    fog = make_image(ann)
    Image.objects.filter(pk__in=[sunset.pk, fog.pk]).update(comments_count=5)

    services.count_comments([sunset.pk, fog.pk], -2)

    assert [image.comments_count for image in Image.objects.order_by("pk")] == [3, 3]
    # Kept apart from the stale instance: an UPDATE, never a read then a write.
    assert sunset.comments_count == 0


def test_someone_else_may_not_delete_and_nothing_changes(bob, carol, sunset, make_comment):
    comment = make_comment(bob, sunset)

    with pytest.raises(DomainError) as refused:
        services.delete_comment(user=carol, comment_id=comment.pk)

    assert codes(refused) == [CommentErrorCode.NOT_YOURS]
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_a_private_image_of_someone_else_is_not_found(ann, bob, make_image):
    private = make_image(ann, visibility=Visibility.PRIVATE)

    with pytest.raises(DomainError) as refused:
        services.add_comment(author=bob, image_id=private.pk, text="hi")

    assert codes(refused) == [CommentErrorCode.NOT_FOUND]


def test_adding_and_deleting_tell_the_images_subscribers_after_commit(
    bob, sunset, django_capture_on_commit_callbacks, redis
):
    pubsub = redis.pubsub()
    pubsub.subscribe(events.image_channel(sunset.pk))
    pubsub.get_message(timeout=1)

    with django_capture_on_commit_callbacks(execute=True):
        comment = services.add_comment(author=bob, image_id=sunset.pk, text="hi")
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_comment(user=bob, comment_id=comment.pk)

    received = [events.decode(pubsub.get_message(timeout=1)["data"]) for _ in range(2)]
    assert received == [
        events.CommentAdded(comment=comment.pk),
        events.CommentsRemoved(author=bob.pk),
    ]
