"""Many clients at once through /graphql on PostgreSQL: counts stay exact and a
race never reaches a client as a server error.

SQLite serialises every writer, so these races only exist on PostgreSQL.
"""

import os
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from graphql_jwt.refresh_token.models import RefreshToken
from graphql_relay import to_global_id

from images import storage
from images.models import Image
from testing.image_fixtures import image_bytes
from tests.conftest import GraphQLClient
from users.models import Contact
from users.services.sessions import start_session

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
REFRESH = """
mutation($token: String!) {
  refreshToken(input: {refreshToken: $token}) { token refreshToken errors { code message } }
}"""
VIEWER = "{ viewer { username } }"
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


def waiting_on_locks():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def test_two_refreshes_with_one_token_at_once_one_wins_and_the_session_goes_on(make_user):
    # Per the OAuth 2.0 Security BCP a rotated refresh token presented again ends
    # its session. Two requests that both arrived while the token was live are a
    # client racing itself (two tabs), not a copied token: one gets the new tokens,
    # the other INVALID_TOKEN, and the session is not ended.
    session = start_session(make_user("ann"))
    token = session.refresh_token
    holding, release = threading.Event(), threading.Event()

    def hold_the_tokens_row():
        # Both refreshes read the token live, then queue for its row lock.
        try:
            with transaction.atomic():
                RefreshToken.objects.select_for_update().get(token=token)
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_tokens_row)
    holder.start()
    assert holding.wait(10)
    answers, raised = [], []

    def refresh():
        try:
            response = GraphQLClient(Client()).post(REFRESH, {"token": token})
            answers.append(response.json()["data"]["refreshToken"])
        except Exception as error:  # reported below
            raised.append(error)
        finally:
            connection.close()

    refreshes = [threading.Thread(target=refresh) for _ in range(2)]
    for thread in refreshes:
        thread.start()
    deadline = time.monotonic() + 10
    while waiting_on_locks() < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    release.set()
    for thread in [holder, *refreshes]:
        thread.join()

    assert raised == []
    winner, loser = sorted(answers, key=lambda answer: len(answer["errors"]))
    assert winner["errors"] == [] and winner["refreshToken"] not in (None, token)
    assert [error["code"] for error in loser["errors"]] == ["INVALID_TOKEN"]
    assert "just used by another request" in loser["errors"][0]["message"]
    api = GraphQLClient(Client())
    assert api.execute(VIEWER, token=winner["token"])["data"]["viewer"] == {"username": "ann"}
    assert (
        api.execute(REFRESH, {"token": winner["refreshToken"]})["data"]["refreshToken"]["errors"]
        == []
    )


def test_a_refresh_after_the_rotation_committed_ends_the_session(make_user):
    session = start_session(make_user("ann"))
    api = GraphQLClient(Client())
    rotated = api.execute(REFRESH, {"token": session.refresh_token})["data"]["refreshToken"]

    reused = api.execute(REFRESH, {"token": session.refresh_token})["data"]["refreshToken"]

    assert [error["code"] for error in reused["errors"]] == ["INVALID_TOKEN"]
    assert api.post(VIEWER, token=rotated["token"]).status_code == 401
