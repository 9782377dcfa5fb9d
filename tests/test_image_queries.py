"""Reading images: by id or slug, lists in four orders with keyset cursors, fixed query counts."""

import base64
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql_relay import to_global_id
from PIL import Image as PillowImage

from images.services import like_image
from testing.image_fixtures import stored_path
from tests.query_counts import queries_at_page_sizes
from users.services import mutes

IMAGE_BY = """
query($id: ID, $slug: String) { image(id: $id, slug: $slug) { id slug title } }"""

IMAGES = """
query Images($first: Int, $after: String, $orderBy: ImageOrder, $postedBy: String,
             $likedBy: String) {
  images(first: $first, after: $after, orderBy: $orderBy, postedBy: $postedBy,
         likedBy: $likedBy) {
    totalCount
    edges { cursor node { title } }
    pageInfo { hasNextPage endCursor }
  }
}"""

PAGE = """
query Page($first: Int) {
  images(first: $first) {
    edges { node { postedBy { username } thumbnail { url } totalLikes likedByViewer } }
  }
}"""


def titles(data):
    return [edge["node"]["title"] for edge in data["images"]["edges"]]


def all_pages(api, page_size, **variables):
    seen, after = [], None
    while True:
        data = api.data(IMAGES, {"first": page_size, "after": after, **variables})
        seen += titles(data)
        if not data["images"]["pageInfo"]["hasNextPage"]:
            return seen
        after = data["images"]["pageInfo"]["endCursor"]


def test_an_image_by_id_and_by_slug(api, ann, make_image):
    image = make_image(ann, "Sunset")
    image_id = to_global_id("Image", image.pk)

    by_id = api.data(IMAGE_BY, {"id": image_id})["image"]
    by_slug = api.data(IMAGE_BY, {"slug": image.slug})["image"]

    assert by_id == by_slug == {"id": image_id, "slug": image.slug, "title": "Sunset"}


def test_node_fetches_an_image(api, ann, make_image):
    image = make_image(ann, "Sunset")

    node = api.data(
        "query($id: ID!) { node(id: $id) { ... on Image { title } } }",
        {"id": to_global_id("Image", image.pk)},
    )

    assert node == {"node": {"title": "Sunset"}}


@pytest.mark.parametrize("variables", [{}, {"id": to_global_id("Image", 1), "slug": "x"}])
def test_image_wants_exactly_one_of_id_and_slug(api, variables, db):
    body = api.execute(IMAGE_BY, variables)

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_an_unknown_slug_is_null(api, db):
    assert api.data(IMAGE_BY, {"slug": "nothing"}) == {"image": None}


def test_images_are_newest_first_by_default(api, ann, make_image):
    now = timezone.now()
    for age, title in ((3, "old"), (1, "new"), (2, "middle")):
        make_image(ann, title, created=now - timedelta(days=age))

    assert titles(api.data(IMAGES)) == ["new", "middle", "old"]
    assert titles(api.data(IMAGES, {"orderBy": "OLDEST"})) == ["old", "middle", "new"]


def test_most_liked_and_most_viewed_orders(api, ann, make_image):
    make_image(ann, "a", total_likes=1, total_views=30)
    make_image(ann, "b", total_likes=5, total_views=10)
    make_image(ann, "c", total_likes=3, total_views=20)

    assert titles(api.data(IMAGES, {"orderBy": "MOST_LIKED"})) == ["b", "c", "a"]
    assert titles(api.data(IMAGES, {"orderBy": "MOST_VIEWED"})) == ["a", "c", "b"]


@pytest.mark.parametrize("order", ["NEWEST", "OLDEST", "MOST_LIKED", "MOST_VIEWED"])
def test_pages_neither_repeat_nor_skip_rows_that_tie(api, ann, make_image, order):
    same_moment = timezone.now()
    for number in range(7):
        make_image(ann, f"tie{number}", created=same_moment, total_likes=2, total_views=2)

    seen = all_pages(api, 3, orderBy=order)

    assert sorted(seen) == [f"tie{number}" for number in range(7)]


def test_a_page_asked_for_after_new_rows_arrive_does_not_repeat(api, ann, make_image):
    now = timezone.now()
    for age in range(4):
        make_image(ann, f"old{age}", created=now - timedelta(hours=age + 1))
    first_page = api.data(IMAGES, {"first": 2})
    make_image(ann, "newer", created=now)

    after = first_page["images"]["pageInfo"]["endCursor"]
    second_page = api.data(IMAGES, {"first": 2, "after": after})

    assert titles(first_page) == ["old0", "old1"]
    assert titles(second_page) == ["old2", "old3"]


def test_a_cursor_of_another_order_is_a_bad_request(api, ann, make_image):
    make_image(ann)
    make_image(ann)
    cursor = api.data(IMAGES, {"first": 1})["images"]["pageInfo"]["endCursor"]

    body = api.execute(IMAGES, {"first": 1, "after": cursor, "orderBy": "MOST_LIKED"})

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_images_posted_by_and_liked_by_a_user(api, ann, bob, make_image):
    anns = make_image(ann, "ann's")
    make_image(bob, "bob's")
    like_image(user=bob, image_id=anns.pk)

    assert titles(api.data(IMAGES, {"postedBy": "ANN"})) == ["ann's"]
    assert titles(api.data(IMAGES, {"likedBy": "bob"})) == ["ann's"]
    assert api.data(IMAGES, {"postedBy": "nobody"})["images"]["totalCount"] == 0


def test_first_over_100_is_a_bad_request(api, db):
    body = api.execute(IMAGES, {"first": 101})

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_liked_by_viewer_is_per_viewer(api, ann, bob, make_image):
    like_image(user=bob, image_id=make_image(ann).pk)
    query = "{ images { edges { node { likedByViewer } } } }"

    def liked(**kwargs):
        return api.data(query, **kwargs)["images"]["edges"][0]["node"]["likedByViewer"]

    assert (liked(user=bob), liked(user=ann), liked()) == (True, False, False)


def test_a_page_of_images_costs_the_same_few_queries_whatever_its_size(api, make_user, make_image):
    viewer = make_user()
    for number in range(50):
        image = make_image(make_user())
        if number % 2:
            like_image(user=viewer, image_id=image.pk)

    # the viewer's account (with what they muted: docs/safety.md), then the page
    assert queries_at_page_sizes(api, PAGE, (5, 50), user=viewer) == [2, 2]


def test_a_viewer_who_muted_a_word_costs_no_query_of_their_words(api, make_user, make_image):
    viewer, poster = make_user(), make_user()
    for number in range(30):
        make_image(poster, title=f"Lake {number}" if number % 3 else f"Muted {number}")
    mutes.mute_word(user=viewer, word="muted")

    query = "query($first: Int) { images(first: $first) { edges { node { title } } } }"

    counts = queries_at_page_sizes(api, query, (5, 50), user=viewer)
    shown = titles(api.data(query, {"first": 50}, user=viewer))

    assert counts == [2, 2]  # their words are read with their account
    assert len(shown) == 20
    assert not [title for title in shown if title.startswith("Muted")]


def test_likers_cost_the_same_queries_at_two_page_sizes(api, ann, make_user, make_image):
    image = make_image(ann)
    for _ in range(30):
        like_image(user=make_user(), image_id=image.pk)
    query = """query($id: ID!, $first: Int) { image(id: $id) {
      likers(first: $first) {
        totalCount edges { node { username imagesCount profile { photo { url } } } }
      }
    } }"""
    image_id = to_global_id("Image", image.pk)

    # the image, the likers page, its COUNT
    assert queries_at_page_sizes(api, query, (5, 30), {"id": image_id}) == [3, 3]


@pytest.mark.parametrize("field", ["images", "likedImages"])
def test_a_users_images_cost_the_same_queries_at_two_page_sizes(api, ann, bob, make_image, field):
    for _ in range(30):
        like_image(user=ann, image_id=make_image(ann).pk)
    query = f"""query($first: Int) {{ user(username: "ann") {{ imagesCount
      {field}(first: $first) {{ totalCount edges {{ node {{
        title postedBy {{ username }} thumbnail {{ url }} totalLikes likedByViewer }} }} }}
    }} }}"""

    # viewer, user, the page, its COUNT
    assert queries_at_page_sizes(api, query, (5, 30), user=bob) == [4, 4]


def test_a_users_images_and_liked_images(api, ann, bob, make_image):
    make_image(ann, "mine")
    like_image(user=ann, image_id=make_image(bob, "bob's").pk)
    query = """{ user(username: "ann") { imagesCount
      images { edges { node { title } } } likedImages { edges { node { title } } } } }"""

    user = api.data(query)["user"]

    assert user["imagesCount"] == 1
    assert [edge["node"]["title"] for edge in user["images"]["edges"]] == ["mine"]
    assert [edge["node"]["title"] for edge in user["likedImages"]["edges"]] == ["bob's"]


@pytest.mark.parametrize("size", [(1200, 900), (333, 777), (100, 80), (4001, 2999)])
def test_thumbnail_sizes_given_are_those_of_the_files(api, ann, make_image, media_root, size):
    make_image(ann, with_file=True, width=size[0], height=size[1])
    query = """{ images { edges { node {
      small: thumbnail(size: SMALL) { url width height }
      medium: thumbnail(size: MEDIUM) { url width height }
      large: thumbnail(size: LARGE) { url width height } } } } }"""

    node = api.data(query)["images"]["edges"][0]["node"]

    for thumbnail in node.values():
        path = stored_path(media_root, thumbnail["url"])
        with PillowImage.open(path) as stored:
            assert stored.size == (thumbnail["width"], thumbnail["height"])


def test_an_explicit_null_order_and_size_mean_the_defaults(api, ann, make_image):
    make_image(ann, "Older", created=timezone.now() - timedelta(hours=1))
    make_image(ann, "Newer")

    data = api.data(
        "{ images(orderBy: null) { edges { node { title thumbnail(size: null) { width } } } } }"
    )

    nodes = [edge["node"] for edge in data["images"]["edges"]]
    assert [node["title"] for node in nodes] == ["Newer", "Older"]
    assert {node["thumbnail"]["width"] for node in nodes} == {64}


@pytest.mark.parametrize(
    "order, values",
    [("NEWEST", ["newest", "not a date", 1]), ("MOST_LIKED", ["most_liked", "many", 1])],
)
def test_a_cursor_with_values_of_the_wrong_type_is_a_bad_request(
    api, ann, make_image, order, values
):
    make_image(ann)
    cursor = base64.urlsafe_b64encode(json.dumps(values).encode()).decode()

    body = api.execute(IMAGES, {"orderBy": order, "after": cursor})

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


POSTER_PROFILES = {
    "field": """query($first: Int) { images(first: $first) {
      edges { node { postedBy { profile { photo { url } } } } } } }""",
    "fragment": """query($first: Int) { images(first: $first) { ...Posters } }
      fragment Posters on ImageConnection {
        edges { node { postedBy { ... on User { profile { photo { url } } } } } } }""",
    "user's images": """query($first: Int) { user(username: "ann") { images(first: $first) {
      edges { node { postedBy { profile { photo { url } } } } } } } }""",
}


@pytest.mark.parametrize("query", POSTER_PROFILES.values(), ids=POSTER_PROFILES.keys())
def test_posters_profiles_cost_the_same_queries_at_two_page_sizes(
    api, ann, make_user, make_image, query
):
    for number in range(30):
        make_image(ann if number % 2 else make_user())

    counts = queries_at_page_sizes(api, query, (5, 30))

    assert counts[0] == counts[1]


def test_a_page_asking_for_no_profile_reads_no_profile(api, ann, make_image):
    from users.models import Profile

    make_image(ann)

    with CaptureQueriesContext(connection) as captured:
        api.data(PAGE, {"first": 5}, user=ann)

    assert not [query for query in captured if Profile._meta.db_table in query["sql"]]
