"""Likes: idempotent, counted by the like services with one UPDATE in SQL each."""

import os
import threading

import pytest
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from activity.models import Action
from images import services
from images.models import Image
from tests.conftest import error_codes

LIKE = """
mutation Like($id: ID!) {
  likeImage(input: {id: $id}) {
    image { totalLikes likedByViewer }
    errors { field code message }
  }
}"""
UNLIKE = """
mutation Unlike($id: ID!) {
  unlikeImage(input: {id: $id}) {
    image { totalLikes likedByViewer }
    errors { field code message }
  }
}"""


def global_id(image):
    return to_global_id("Image", image.pk)


def total_likes(image):
    return Image.objects.get(pk=image.pk).total_likes


def test_liking_counts_and_shows_as_liked(api, ann, bob, make_image):
    image = make_image(ann)

    payload = api.data(LIKE, {"id": global_id(image)}, user=bob)["likeImage"]

    assert payload == {"image": {"totalLikes": 1, "likedByViewer": True}, "errors": []}


def test_liking_twice_keeps_one_like(api, ann, bob, make_image):
    image = make_image(ann)

    api.data(LIKE, {"id": global_id(image)}, user=bob)
    payload = api.data(LIKE, {"id": global_id(image)}, user=bob)["likeImage"]

    assert payload["image"]["totalLikes"] == 1
    assert image.users_like.count() == 1


def test_a_like_is_recorded_as_activity_once(api, ann, bob, make_image):
    image = make_image(ann)

    api.data(LIKE, {"id": global_id(image)}, user=bob)
    api.data(LIKE, {"id": global_id(image)}, user=bob)

    assert Action.objects.filter(user=bob, verb=Action.Verb.LIKED_IMAGE).count() == 1


def test_unliking_removes_the_like(api, ann, bob, make_image):
    image = make_image(ann)
    api.data(LIKE, {"id": global_id(image)}, user=bob)

    payload = api.data(UNLIKE, {"id": global_id(image)}, user=bob)["unlikeImage"]

    assert payload == {"image": {"totalLikes": 0, "likedByViewer": False}, "errors": []}


def test_unliking_an_image_not_liked_changes_nothing(api, ann, bob, make_user, make_image):
    image = make_image(ann)
    services.like_image(user=make_user(), image_id=image.pk)

    payload = api.data(UNLIKE, {"id": global_id(image)}, user=bob)["unlikeImage"]

    assert payload["errors"] == []
    assert payload["image"]["totalLikes"] == 1


def test_liking_an_unknown_image_is_not_found(api, bob, make_image, ann):
    image = make_image(ann)
    missing = global_id(image)
    image.delete()

    payload = api.data(LIKE, {"id": missing}, user=bob)["likeImage"]

    assert error_codes(payload) == ["NOT_FOUND"]


def test_liking_anonymously_is_unauthenticated(api, ann, make_image):
    image = make_image(ann)

    body = api.execute(LIKE, {"id": global_id(image)})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert total_likes(image) == 0


def test_a_malformed_id_is_a_bad_request(api, bob, db):
    body = api.execute(LIKE, {"id": "nonsense"}, user=bob)

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


class TestTheServicesKeepTheCount:
    def test_liking_twice_counts_once(self, ann, bob, make_user, make_image):
        image = make_image(ann)

        for user in (bob, make_user(), bob):
            services.like_image(user=user, image_id=image.pk)

        assert total_likes(image) == 2

    def test_unliking_counts_only_an_existing_like(self, ann, bob, make_user, make_image):
        image = make_image(ann)
        services.like_image(user=bob, image_id=image.pk)

        for user in (bob, make_user(), bob):
            services.unlike_image(user=user, image_id=image.pk)

        assert total_likes(image) == 0

    def test_the_answer_shows_the_new_count(self, ann, bob, carol, make_image):
        image = make_image(ann)
        services.like_image(user=carol, image_id=image.pk)

        liked = services.like_image(user=bob, image_id=image.pk)
        unliked = services.unlike_image(user=carol, image_id=image.pk)

        assert (liked.total_likes, unliked.total_likes) == (2, 1)

    def test_a_like_is_added_to_the_count_in_sql(self, ann, bob, make_image):
        image = make_image(ann)

        with CaptureQueriesContext(connection) as queries:
            services.like_image(user=bob, image_id=image.pk)

        counting = [q["sql"] for q in queries.captured_queries if 'SET "total_likes"' in q["sql"]]
        assert len(counting) == 1
        assert '"total_likes" + 1' in counting[0]

    def test_taking_back_an_accounts_likes_counts_each_off(self, ann, bob, carol, make_image):
        liked, also_liked, not_liked = make_image(ann), make_image(ann), make_image(ann)
        for user, image in ((bob, liked), (bob, also_liked), (carol, liked), (carol, not_liked)):
            services.like_image(user=user, image_id=image.pk)

        taken = services.take_back_likes(user=bob)

        assert sorted(taken) == sorted([liked.pk, also_liked.pk])
        assert [total_likes(image) for image in (liked, also_liked, not_liked)] == [1, 0, 1]
        assert not bob.images_liked.exists()


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="SQLite serialises all writers, so only PostgreSQL can show lost updates.",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_likes_are_all_counted(make_user, make_image):
    ann = make_user("ann")
    image = make_image(ann)
    likers = [make_user(f"liker{n}") for n in range(12)]
    start = threading.Barrier(len(likers) * 2)
    failures = []

    def like(user):
        try:
            start.wait()
            services.like_image(user=user, image_id=image.pk)
        except Exception as error:  # reported below, a thread cannot fail the test itself
            failures.append(error)
        finally:
            close_old_connections()
            connection.close()

    # Every liker likes twice at the same moment: twelve likes, not twenty-four.
    threads = [threading.Thread(target=like, args=(user,)) for user in likers * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert image.users_like.count() == 12
    assert total_likes(image) == 12


def test_a_client_mutation_id_comes_back_in_the_payload(api, ann, bob, make_image):
    image = make_image(ann)
    query = """
    mutation($input: LikeImageInput!) {
      likeImage(input: $input) { clientMutationId image { totalLikes } errors { code } }
    }"""
    variables = {"input": {"id": to_global_id("Image", image.pk), "clientMutationId": "m1"}}

    payload = api.data(query, variables, user=bob)["likeImage"]

    assert payload == {"clientMutationId": "m1", "image": {"totalLikes": 1}, "errors": []}
