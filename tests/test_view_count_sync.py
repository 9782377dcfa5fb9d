"""Keeping view counts in the database and restoring Redis from it: the two commands."""

from io import StringIO

import pytest
from django.core.management import call_command
from graphql_relay import to_global_id

from images import ranking, view_count_sync
from images.errors import ViewErrorCode
from images.models import Image
from images.services import view_counting
from infra.errors import DomainError
from tests.conftest import key_count

pytestmark = pytest.mark.redis

MOST_VIEWED = """
{ images(orderBy: MOST_VIEWED) { edges { node { title totalViews } } } }"""


def count_views(image, times):
    for n in range(times):
        ranking.record_view(image.pk, ranking.anonymous_viewer(f"203.0.113.{n}"))


def stored_views(image):
    return Image.objects.values_list("total_views", flat=True).get(pk=image.pk)


def run(command):
    out = StringIO()
    call_command(command, stdout=out)
    return out.getvalue().strip()


def test_sync_copies_the_live_counts_into_the_database(ann, make_image):
    sunset, dawn = make_image(ann, "Sunset"), make_image(ann, "Dawn")
    count_views(sunset, 3)
    count_views(dawn, 1)

    assert run("sync_view_counts") == "2 images updated."

    assert (stored_views(sunset), stored_views(dawn)) == (3, 1)


def test_sync_twice_changes_nothing_the_second_time(ann, make_image):
    count_views(make_image(ann), 2)
    run("sync_view_counts")

    assert run("sync_view_counts") == "0 images updated."


def test_sync_never_lowers_a_stored_count(ann, make_image):
    image = make_image(ann, total_views=50)
    count_views(image, 3)

    view_count_sync.sync_view_counts()

    assert stored_views(image) == 50


def test_synced_counts_order_the_most_viewed_images(api, ann, make_image):
    for title, times in (("Once", 1), ("Thrice", 3), ("Twice", 2)):
        count_views(make_image(ann, title), times)

    view_count_sync.sync_view_counts()

    edges = api.data(MOST_VIEWED)["images"]["edges"]
    assert [(edge["node"]["title"], edge["node"]["totalViews"]) for edge in edges] == [
        ("Thrice", 3),
        ("Twice", 2),
        ("Once", 1),
    ]


def test_rebuild_restores_counts_and_ranking_after_redis_lost_them(api, redis, ann, make_image):
    sunset, dawn = make_image(ann, "Sunset"), make_image(ann, "Dawn")
    count_views(sunset, 2)
    count_views(dawn, 5)
    view_count_sync.sync_view_counts()
    redis.flushdb()

    assert run("rebuild_ranking") == "2 images restored, 0 missing images pruned."

    assert ranking.total_views_of([sunset.pk, dawn.pk]) == {sunset.pk: 2, dawn.pk: 5}
    assert ranking.top_image_ids(10) == [(dawn.pk, 5), (sunset.pk, 2)]


def test_rebuild_keeps_views_counted_since_the_last_sync(ann, make_image):
    image = make_image(ann, total_views=2)
    count_views(image, 4)

    view_count_sync.rebuild_ranking()

    assert ranking.top_image_ids(10) == [(image.pk, 4)]


def test_rebuild_twice_changes_nothing_the_second_time(redis, ann, make_image):
    make_image(ann, total_views=3)
    view_count_sync.rebuild_ranking()
    before = {key: redis.dump(key) for key in redis.scan_iter()}

    view_count_sync.rebuild_ranking()

    assert {key: redis.dump(key) for key in redis.scan_iter()} == before


def test_rebuild_prunes_images_that_no_longer_exist(redis, ann, make_image):
    gone = make_image(ann)
    count_views(gone, 1)
    Image.objects.filter(pk=gone.pk).delete()

    assert view_count_sync.rebuild_ranking() == (0, 1)

    assert redis.zscore(ranking.RANKING_KEY, gone.pk) is None
    assert ranking.top_image_ids(10) == []


def test_images_never_viewed_take_no_redis_key(redis, ann, make_image):
    make_image(ann)

    view_count_sync.rebuild_ranking()

    assert key_count(redis) == 0


@pytest.mark.django_db
def test_forgetting_an_image_removes_its_count_and_ranking_entry(ann, make_image):
    image = make_image(ann)
    count_views(image, 2)

    assert ranking.forget_image(image.pk) is True

    assert ranking.total_views_of([image.pk]) == {image.pk: 0}
    assert ranking.top_image_ids(10) == []


def test_the_anonymous_viewer_id_is_a_stable_hash_without_the_address():
    viewer = ranking.anonymous_viewer("203.0.113.7")

    assert viewer == ranking.anonymous_viewer("203.0.113.7")
    assert viewer != ranking.anonymous_viewer("203.0.113.8")
    assert "203.0.113" not in viewer and viewer.startswith("ip:")


def test_viewing_through_the_service_reports_a_missing_image(db):
    with pytest.raises(DomainError) as raised:
        view_counting.view_image(image_id=404, ip="203.0.113.7")

    assert raised.value.problems[0].code is ViewErrorCode.NOT_FOUND


def test_global_ids_in_rebuilt_rankings_are_images(api, ann, make_image):
    image = make_image(ann, total_views=9)
    view_count_sync.rebuild_ranking()

    ranked = api.data("{ imageRanking { id totalViews } }")["imageRanking"]

    assert ranked == [{"id": to_global_id("Image", image.pk), "totalViews": 9}]
