"""Comments live, as the npm graphql-ws client under node sees them: `commentAdded`, and
`imageChanged` showing `commentsCount` as comments come and go."""

import pytest

from comments.services import add_comment, delete_comment
from images.services import delete_image, update_image
from tests.comment_fixtures import image_id
from tests.test_subscriptions import data
from users.services.blocks import block
from users.services.mutes import mute
from users.tokens import issue_access_token

pytestmark = pytest.mark.django_db(transaction=True)

COMMENT_ADDED = """subscription($id: ID!) { commentAdded(imageId: $id) {
  text author { username } image { commentsCount } } }"""
IMAGE_CHANGED = "subscription($id: ID!) { imageChanged(id: $id) { commentsCount } }"


def on(image, query):
    return {"query": query, "variables": {"id": image_id(image)}}


def test_a_subscriber_sees_each_new_comment(node_client, ann, bob, sunset):
    client = node_client([on(sunset, COMMENT_ADDED)])

    add_comment(author=bob, image_id=sunset.pk, text="First <b>light</b>")
    first = data(client.wait_for("next"), "commentAdded")
    add_comment(author=ann, image_id=sunset.pk, text="Thanks!")
    second = data(client.wait_for("next"), "commentAdded")

    assert first == {
        "text": "First <b>light</b>",
        "author": {"username": "bob"},
        "image": {"commentsCount": 1},
    }
    assert (second["author"]["username"], second["image"]["commentsCount"]) == ("ann", 2)


def test_image_changed_shows_the_comments_count(node_client, ann, bob, sunset):
    client = node_client([on(sunset, IMAGE_CHANGED)])

    comment = add_comment(author=bob, image_id=sunset.pk, text="Hello")
    added = data(client.wait_for("next"), "imageChanged")
    delete_comment(user=ann, comment_id=comment.pk)
    deleted = data(client.wait_for("next"), "imageChanged")

    assert (added, deleted) == ({"commentsCount": 1}, {"commentsCount": 0})


def test_deleting_the_image_completes_comment_subscriptions(node_client, ann, sunset):
    client = node_client([on(sunset, COMMENT_ADDED)])

    delete_image(user=ann, image_id=sunset.pk)

    assert client.wait_for("complete")["event"] == "complete"


def keep_carol_apart_from_bob(how, bob, carol):
    if how == "blocks":
        block(blocker=carol, username="bob")
    elif how == "is_blocked_by":
        block(blocker=bob, username="carol")
    else:
        mute(muter=carol, username="bob")


@pytest.mark.parametrize("keep_apart", ["blocks", "is_blocked_by", "mutes"])
def test_a_subscriber_does_not_hear_someone_they_are_kept_apart_from(
    node_client, ann, bob, carol, sunset, keep_apart
):
    keep_carol_apart_from_bob(keep_apart, bob, carol)
    client = node_client([on(sunset, COMMENT_ADDED)], issue_access_token(carol))

    add_comment(author=bob, image_id=sunset.pk, text="Not for carol")
    add_comment(author=ann, image_id=sunset.pk, text="For everyone")

    # Events reach a subscriber in order: the first she hears is ann's.
    heard = data(client.wait_for("next"), "commentAdded")
    assert (heard["author"]["username"], heard["text"]) == ("ann", "For everyone")


@pytest.mark.parametrize("keep_apart", ["blocks", "is_blocked_by", "mutes"])
def test_the_image_count_says_nothing_of_someone_they_are_kept_apart_from(
    node_client, ann, bob, carol, sunset, keep_apart
):
    keep_carol_apart_from_bob(keep_apart, bob, carol)
    client = node_client([on(sunset, IMAGE_CHANGED)], issue_access_token(carol))

    unseen = add_comment(author=bob, image_id=sunset.pk, text="Not for carol")
    delete_comment(user=bob, comment_id=unseen.pk)
    add_comment(author=bob, image_id=sunset.pk, text="Still not for carol")
    add_comment(author=ann, image_id=sunset.pk, text="For everyone")

    # The first change she hears of is ann's comment, counted as she sees the list.
    assert data(client.wait_for("next"), "imageChanged") == {"commentsCount": 1}


@pytest.mark.parametrize(
    "query", [COMMENT_ADDED, IMAGE_CHANGED], ids=["commentAdded", "imageChanged"]
)
@pytest.mark.parametrize("blocker", ["ann", "carol"])
def test_a_block_ends_a_subscription_by_an_unlisted_images_key(
    node_client, ann, carol, make_image, query, blocker
):
    image = make_image(ann, "Unlisted")
    unlisted = update_image(user=ann, image_id=image.pk, visibility="unlisted")
    client = node_client([on(unlisted, query)], issue_access_token(carol))

    if blocker == "ann":
        block(blocker=ann, username="carol")
    else:
        block(blocker=carol, username="ann")
    add_comment(author=ann, image_id=unlisted.pk, text="Not for carol", link_key=unlisted.link_key)

    # As if the image were gone: her ID, key and all, no longer opens it.
    assert client.wait_for("complete")["event"] == "complete"
