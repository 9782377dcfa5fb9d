"""Deleting an account tells live subscribers once it commits: the subscriptions of its
images complete, and each image it had liked shows its new `totalLikes`."""

import pytest

from images.models import Image
from images.services import like_image
from infra import events
from testing.likes import add_likes
from testing.redis_round_trips import counting_round_trips
from tests.conftest import PASSWORD
from tests.test_live_events import Listener
from tests.test_subscriptions import data, image_changed
from users.tokens import issue_access_token

DELETE = """
mutation Delete($password: String) {
  deleteAccount(input: {password: $password}) { deletedId errors { code } }
}"""


def delete_account(api, user):
    payload = api.data(DELETE, {"password": PASSWORD}, user=user)["deleteAccount"]
    assert payload["errors"] == []


@pytest.mark.django_db(transaction=True)
def test_deleting_an_account_completes_the_subscriptions_of_its_images(
    node_client, api, ann, sunset
):
    client = node_client([image_changed(sunset)])

    delete_account(api, ann)

    assert client.wait_for("complete") == {"event": "complete", "index": 0}


@pytest.mark.django_db(transaction=True)
def test_the_images_a_deleted_account_liked_show_their_likes_without_it(
    node_client, api, ann, bob, carol, make_image
):
    bobs = make_image(bob, "Bob's")
    like_image(user=ann, image_id=bobs.pk)
    like_image(user=carol, image_id=bobs.pk)
    client = node_client([image_changed(bobs)], issue_access_token(carol))

    delete_account(api, ann)

    update = data(client.wait_for("next"), "imageChanged")
    assert (update["totalLikes"], update["likedByViewer"]) == (1, True)


@pytest.mark.django_db
def test_thousands_of_likes_are_told_in_a_few_round_trips_after_the_commit(
    api, ann, bob, redis, django_capture_on_commit_callbacks
):
    liked = Image.objects.bulk_create(
        Image(user=bob, title=f"{n}", slug=f"liked-{n}", file=f"x/{n}.jpg", width=1, height=1)
        for n in range(1001)
    )
    add_likes(ann, liked)
    listener = Listener(redis)

    with django_capture_on_commit_callbacks() as after_commit:
        delete_account(api, ann)
    published_before_commit = listener.received(wait=0.1)
    with counting_round_trips() as sent:
        for callback in after_commit:
            callback()

    assert published_before_commit == []
    unliked = events.ImageLikesChanged(user=ann.pk)
    told = [channel for channel, event in listener.received(wait=0.5) if event == unliked]
    assert sorted(told) == sorted(events.image_channel(image.pk) for image in liked)
    # Batches of 500 likes, and the one telling that her sessions ended.
    assert sum(1 for request in sent if b"PUBLISH" in request) <= 4
    listener.close()
