"""`Image.commentsCount` is the number of comments the viewer would find under the image,
counted for a whole page of images in one query (none when no image of it has comments)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.comment_fixtures import image_id
from tests.query_counts import queries_at_page_sizes
from tests.safety_fixtures import BLOCK, MUTE, MUTE_WORD, payload

COUNTS = """query($first: Int) { images(first: $first) {
  edges { node { id commentsCount } } } }"""
WITHOUT_COUNTS = """query($first: Int) { images(first: $first) { edges { node { id } } } }"""


def counts(api, viewer, first=20):
    edges = api.data(COUNTS, {"first": first}, user=viewer)["images"]["edges"]
    return {edge["node"]["id"]: edge["node"]["commentsCount"] for edge in edges}


def test_each_viewer_counts_the_comments_they_would_find(
    api, ann, bob, carol, make_user, make_image, make_comment
):
    dave = make_user("dave")
    sunset, fog = make_image(ann, "Sunset"), make_image(ann, "Fog")
    make_comment(bob, sunset, "from bob")
    make_comment(carol, sunset, "spoilers ahead")
    make_comment(carol, sunset, "from carol")
    make_comment(dave, fog, "from dave")
    payload(api, MUTE, {"u": "bob"}, ann, "muteUser")
    payload(api, MUTE_WORD, {"w": "spoilers"}, ann, "muteWord")
    payload(api, BLOCK, {"u": "ann"}, dave, "blockUser")  # dave is gone for ann

    assert counts(api, ann) == {image_id(sunset): 1, image_id(fog): 0}
    assert counts(api, carol) == {image_id(sunset): 3, image_id(fog): 1}
    assert counts(api, None) == {image_id(sunset): 3, image_id(fog): 1}


def test_a_page_of_counts_costs_the_same_at_two_page_sizes(
    api, ann, bob, carol, make_image, make_comment
):
    for n in range(12):
        image = make_image(bob, f"Image {n}")
        make_comment(carol, image, "from carol")
        make_comment(bob, image, "from bob")
    payload(api, MUTE, {"u": "carol"}, ann, "muteUser")

    assert len(set(queries_at_page_sizes(api, COUNTS, (3, 10), user=ann))) == 1
    assert set(counts(api, ann).values()) == {1}


def test_images_without_comments_cost_no_count(api, bob, make_image):
    for n in range(5):
        make_image(bob, f"Image {n}")

    asked = {}
    for name, query in (("counts", COUNTS), ("plain", WITHOUT_COUNTS)):
        with CaptureQueriesContext(connection) as captured:
            api.data(query, {"first": 5}, user=bob)
        asked[name] = len(captured)

    assert asked["counts"] == asked["plain"]
    assert set(counts(api, bob).values()) == {0}
