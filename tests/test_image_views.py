"""Counting image views and ranking the most viewed, through /graphql, on a real Redis."""

import pytest
from graphql_relay import to_global_id

from images import ranking
from images.models import Image
from testing.redis_round_trips import counting_round_trips
from tests.conftest import error_codes, key_count
from tests.query_counts import queries_at_page_sizes

pytestmark = pytest.mark.redis

VIEW = """
mutation View($id: ID!) {
  viewImage(input: {id: $id}) {
    counted
    image { title totalViews }
    errors { field code message }
  }
}"""

RANKING = """
query Ranking($first: Int) { imageRanking(first: $first) { title totalViews } }"""

PAGE = """
query Page($first: Int) { images(first: $first) { edges { node { title totalViews } } } }"""

TOTAL_VIEWS = """
query($id: ID!) { image(id: $id) { totalViews } }"""

DELETE = """
mutation Delete($id: ID!) { deleteImage(input: {id: $id}) { deletedId errors { code } } }"""


def gid(image):
    return to_global_id("Image", image.pk)


def view(api, image, **kwargs):
    return api.data(VIEW, {"id": gid(image)}, **kwargs)["viewImage"]


def view_as(api, image, address):
    return view(api, image, REMOTE_ADDR=address)


def ranking_titles(api, first=10):
    return [image["title"] for image in api.data(RANKING, {"first": first})["imageRanking"]]


@pytest.fixture
def image(ann, make_image):
    return make_image(ann, "Sunset")


def test_viewing_an_image_counts_one_view(api, bob, image):
    payload = view(api, image, user=bob)

    assert payload == {
        "counted": True,
        "image": {"title": "Sunset", "totalViews": 1},
        "errors": [],
    }


def test_viewing_again_within_the_window_is_not_counted(api, bob, image):
    view(api, image, user=bob)

    again = view(api, image, user=bob)

    assert again["counted"] is False
    assert again["image"]["totalViews"] == 1


def test_each_signed_in_viewer_counts_once(api, ann, bob, image):
    view(api, image, user=ann)
    view(api, image, user=bob)

    assert view(api, image, user=bob)["image"]["totalViews"] == 2


def test_anonymous_viewers_count_once_per_ip_address(api, image):
    first = view_as(api, image, "203.0.113.7")
    same_address = view_as(api, image, "203.0.113.7")
    other_address = view_as(api, image, "198.51.100.20")

    assert [first["counted"], same_address["counted"], other_address["counted"]] == [
        True,
        False,
        True,
    ]
    assert other_address["image"]["totalViews"] == 2


def test_anonymous_viewers_in_one_ipv6_64_count_once(api, image, redis):
    """One subscriber holds a whole /64: rotating addresses in it neither inflates the
    count nor stores a key per address."""
    keys_before = key_count(redis)
    views = [view_as(api, image, f"2001:db8:1:2::{n:x}") for n in range(1, 21)]

    assert [v["counted"] for v in views] == [True] + [False] * 19
    assert views[-1]["image"]["totalViews"] == 1
    assert key_count(redis) - keys_before <= 2
    assert view_as(api, image, "2001:db8:1:3::1")["counted"] is True


def test_a_signed_in_viewer_is_not_confused_with_an_anonymous_one(api, bob, image):
    view(api, image, user=bob, REMOTE_ADDR="203.0.113.7")

    assert view_as(api, image, "203.0.113.7")["counted"] is True


def test_no_ip_address_is_stored_in_redis(api, redis, image):
    view_as(api, image, "203.0.113.7")

    stored = [key for key in redis.scan_iter()] + [
        redis.get(key) for key in redis.scan_iter() if redis.type(key) == b"string"
    ]
    assert stored and not any(b"203.0.113.7" in value for value in stored)


def test_a_view_is_remembered_for_the_window(api, settings, redis, bob, image):
    settings.VIEW_DEDUP_SECONDS = 600

    view(api, image, user=bob)

    key = ranking.viewed_by_key(image.pk, ranking.signed_in_viewer(bob.pk))
    assert 590 < redis.ttl(key) <= 600


def test_a_window_of_zero_counts_every_view(api, settings, redis, bob, image):
    settings.VIEW_DEDUP_SECONDS = 0

    answers = [view(api, image, user=bob) for _ in range(3)]

    assert [answer["counted"] for answer in answers] == [True, True, True]
    assert answers[-1]["image"]["totalViews"] == 3
    assert not list(redis.scan_iter("image:*:viewed_by:*"))


@pytest.mark.django_db
def test_viewing_a_missing_image_is_not_found(api, redis):
    payload = api.data(VIEW, {"id": to_global_id("Image", 404)})["viewImage"]

    assert error_codes(payload) == ["NOT_FOUND"]
    assert payload["counted"] is False and payload["image"] is None
    assert key_count(redis) == 0


@pytest.mark.django_db
def test_a_malformed_id_is_a_bad_request(api, redis):
    body = api.execute(VIEW, {"id": to_global_id("User", 1)})

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert key_count(redis) == 0


def test_a_get_request_never_counts_a_view(client, redis, image):
    response = client.get("/graphql", {"query": VIEW, "variables": f'{{"id": "{gid(image)}"}}'})

    assert response.status_code == 405
    assert key_count(redis) == 0


def test_a_repeated_view_is_one_redis_round_trip_and_a_counted_view_adds_one(api, bob, image):
    with counting_round_trips() as counted:
        view(api, image, user=bob)
    with counting_round_trips() as repeated:
        view(api, image, user=bob)

    # On a Redis Cluster the pipelined mark and count may go to two nodes at once.
    assert len(counted) == len(repeated) + 1 <= 3
    assert b"ZINCRBY" in counted[-1] and not any(b"ZINCRBY" in sent for sent in repeated)


def test_total_views_of_a_page_shows_each_images_count(api, bob, make_image, image):
    other = make_image(bob, "Dawn")
    view_as(api, image, "203.0.113.1")
    view_as(api, image, "203.0.113.2")
    view_as(api, other, "203.0.113.1")

    edges = api.data(PAGE, {"first": 10})["images"]["edges"]

    assert {edge["node"]["title"]: edge["node"]["totalViews"] for edge in edges} == {
        "Sunset": 2,
        "Dawn": 1,
    }


@pytest.mark.parametrize("page_size", [3, 30])
def test_total_views_of_a_page_is_one_redis_round_trip(api, ann, make_image, page_size):
    for _ in range(page_size):
        make_image(ann)

    with counting_round_trips() as sent:
        edges = api.data(PAGE, {"first": page_size})["images"]["edges"]

    assert len(edges) == page_size
    assert len(sent) == 1 and b"ZMSCORE" in sent[0]


def test_total_views_of_a_page_costs_the_same_queries_whatever_its_size(api, ann, make_image):
    for _ in range(40):
        make_image(ann)

    assert queries_at_page_sizes(api, PAGE, (3, 30)) == [1, 1]


def test_total_views_shows_the_stored_count_when_redis_has_less(api, ann, make_image):
    restored_late = make_image(ann, total_views=40)

    assert api.data(TOTAL_VIEWS, {"id": gid(restored_late)})["image"]["totalViews"] == 40


def test_the_ranking_lists_the_most_viewed_first(api, ann, make_image):
    images = {title: make_image(ann, title) for title in ("Once", "Thrice", "Twice", "Never")}
    for title, times in (("Once", 1), ("Thrice", 3), ("Twice", 2)):
        for n in range(times):
            view_as(api, images[title], f"203.0.113.{n}")

    ranked = api.data(RANKING, {"first": 10})["imageRanking"]

    assert ranked == [
        {"title": "Thrice", "totalViews": 3},
        {"title": "Twice", "totalViews": 2},
        {"title": "Once", "totalViews": 1},
    ]


def test_the_ranking_returns_first_images(api, ann, make_image):
    for n in range(4):
        view_as(api, make_image(ann), f"203.0.113.{n}")

    assert len(ranking_titles(api, first=2)) == 2
    assert len(api.data("{ imageRanking { title } }")["imageRanking"]) == 4


@pytest.mark.django_db
@pytest.mark.parametrize("first", [101, -1])
def test_a_ranking_size_out_of_range_is_a_bad_request(api, first):
    body = api.execute(RANKING, {"first": first})

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_the_ranking_skips_and_prunes_images_that_no_longer_exist(api, redis, ann, make_image):
    kept, gone = make_image(ann, "Kept"), make_image(ann, "Gone")
    view_as(api, kept, "203.0.113.1")
    view_as(api, gone, "203.0.113.1")
    Image.objects.filter(pk=gone.pk).delete()

    assert ranking_titles(api) == ["Kept"]
    assert redis.zrange(ranking.RANKING_KEY, 0, -1) == [str(kept.pk).encode()]


RANKING_PAGE = """query($first: Int) { imageRanking(first: $first) {
  title totalViews likedByViewer postedBy { username } } }"""


def test_the_ranking_costs_the_same_queries_at_two_sizes(api, ann, make_image):
    for _ in range(40):
        view_as(api, make_image(ann), "203.0.113.1")

    assert queries_at_page_sizes(api, RANKING_PAGE, (3, 30)) == [1, 1]


def test_the_ranking_is_one_redis_round_trip(api, ann, make_image):
    for _ in range(5):
        view_as(api, make_image(ann), "203.0.113.1")

    with counting_round_trips() as sent:
        ranked = api.data(RANKING_PAGE, {"first": 5})["imageRanking"]

    assert len(ranked) == 5
    assert len(sent) == 1 and b"ZREVRANGE" in sent[0]


def test_deleting_an_image_removes_it_from_the_ranking(
    api, redis, ann, image, django_capture_on_commit_callbacks
):
    view_as(api, image, "203.0.113.1")

    with django_capture_on_commit_callbacks(execute=True):
        api.data(DELETE, {"id": gid(image)}, user=ann)

    assert redis.zscore(ranking.RANKING_KEY, image.pk) is None


def test_behind_a_trusted_proxy_anonymous_viewers_are_told_apart_by_forwarded_address(
    api, settings, image
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    first = view(api, image, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    second = view(api, image, HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)

    assert (first["counted"], second["counted"]) == (True, True)
    assert second["image"]["totalViews"] == 2
