"""Many clients at once through /graphql on PostgreSQL: counts stay exact and a
race never reaches a client as a server error.

SQLite serialises every writer, so these races only exist on PostgreSQL.
"""

import os
import threading

import pytest
from django.db import connection
from django.test import Client
from graphql_relay import to_global_id

from images import storage
from images.models import Image
from tests.conftest import GraphQLClient
from tests.image_fixtures import image_bytes
from users.models import Contact

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="SQLite serialises all writers: only PostgreSQL shows these races.",
    ),
    pytest.mark.django_db(transaction=True),
]

THREADS = 20

LIKE = """mutation($input: LikeImageInput!) { likeImage(input: $input) { errors { code } } }"""
UNLIKE = (
    """mutation($input: UnlikeImageInput!) { unlikeImage(input: $input) { errors { code } } }"""
)
FOLLOW = """mutation($input: FollowUserInput!) { followUser(input: $input) { errors { code } } }"""
UNFOLLOW = """
mutation($input: UnfollowUserInput!) { unfollowUser(input: $input) { errors { code } } }"""
BOOKMARK = """
mutation($input: BookmarkImageInput!) {
  bookmarkImage(input: $input) { image { id } errors { code } }
}"""


def all_at_once(work, arguments):
    """Run `work(argument)` in one thread per argument, started together; the answers
    (each a list of JSON bodies) and the exceptions raised."""
    start = threading.Barrier(len(arguments))
    answers, raised = [], []

    def run(argument):
        try:
            start.wait()
            answers.append(work(GraphQLClient(Client()), argument))
        except Exception as error:  # a thread cannot fail the test; reported below
            raised.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [body for bodies in answers for body in bodies], raised


def post(api, query, variables, user):
    response = api.post(query, variables, user=user)
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body


def payload_errors(body):
    (payload,) = body["data"].values()
    return payload["errors"]


def test_liking_and_unliking_at_once_keeps_the_count_exact(make_user, make_image):
    image = make_image(make_user("poster"))
    likers = [make_user(f"liker{n}") for n in range(THREADS // 2)]
    variables = {"input": {"id": to_global_id("Image", image.pk)}}

    # Two threads per liker, each liking, unliking and liking again: every liker
    # ends up liking it, whatever the interleaving.
    def like_unlike_like(api, user):
        return [post(api, query, variables, user) for query in (LIKE, UNLIKE, LIKE)]

    bodies, raised = all_at_once(like_unlike_like, likers * 2)

    assert raised == []
    assert len(bodies) == THREADS * 3
    image.refresh_from_db()
    assert image.users_like.count() == len(likers)
    assert image.total_likes == len(likers)


def test_following_and_unfollowing_one_pair_at_once_leaves_one_follow(make_user):
    ann, bob = make_user("ann"), make_user("bob")
    variables = {"input": {"username": "bob"}}

    def follow_unfollow_follow(api, user):
        return [post(api, query, variables, user) for query in (FOLLOW, UNFOLLOW, FOLLOW)]

    bodies, raised = all_at_once(follow_unfollow_follow, [ann] * THREADS)

    assert raised == []
    assert [payload_errors(body) for body in bodies] == [[]] * (THREADS * 3)
    assert Contact.objects.filter(user_from=ann, user_to=bob).count() == 1


def test_bookmarking_one_url_at_once_saves_it_once(
    make_user, image_server, stored_files, media_root, settings
):
    # The race under test is the duplicate check: let every download run.
    settings.IMAGE_FETCH_MAX_IN_FLIGHT = settings.IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER = THREADS
    ann = make_user("ann")
    url = image_server.serve("/once.jpg", image_bytes())
    variables = {"input": {"url": url, "title": "Once"}}

    def bookmark(api, user):
        return [post(api, BOOKMARK, variables, user)]

    bodies, raised = all_at_once(bookmark, [ann] * THREADS)

    assert raised == []
    payloads = [body["data"]["bookmarkImage"] for body in bodies]
    saved = [payload for payload in payloads if payload["image"] is not None]
    refused = [payload["errors"] for payload in payloads if payload["image"] is None]
    assert len(saved) == 1 and saved[0]["errors"] == []
    assert refused == [[{"code": "DUPLICATE"}]] * (THREADS - 1)
    image = Image.objects.get(user=ann, url=url)
    on_disk = {str(path.relative_to(media_root)) for path in stored_files()}
    assert image.file.name in on_disk
    assert on_disk <= set(storage.stored_names(image.file)), "files of refused bookmarks remain"
