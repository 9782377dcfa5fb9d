"""Deliveries to a real receiver on loopback, made here in the test process (the task's
function, webhooks/delivery.py): every signature checked by the code docs/webhooks.md
shows, the same body on every attempt, retries with backoff, disabling after repeated
failures, and the address rules at every delivery. tests/test_webhooks_worker.py runs
them on a real worker."""

import json
import socket
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from graphql_relay import to_global_id

from tests.board_fixtures import gid
from tests.webhook_fixtures import ALL_EVENTS
from users.services import mutes
from webhooks import delivery, tasks
from webhooks.models import Delivery, Webhook

LIKE = "mutation($id: ID!) { likeImage(input: {id: $id}) { errors { code } } }"
FOLLOW = """mutation($name: String!) { followUser(input: {username: $name}) {
  errors { code } } }"""
SAVE = """mutation($image: ID!, $board: ID!) {
  saveImage(input: {imageId: $image, boardId: $board}) { errors { code } } }"""
COMMENT = """mutation($image: ID!) { addComment(input: {imageId: $image, text: "Lovely"}) {
  comment { id } errors { code } } }"""
DELIVERIES = """{ viewer { webhooks(first: 5) { edges { node { active
  deliveries(first: 10) { edges { node {
    event attempt statusCode deliveredAt responseBody error succeeded } } } } } } } }"""
NOTIFICATIONS = """{ notifications(first: 5) { edges { node {
  kind target { ... on Webhook { id active } } } } } }"""


def like(api, user, image):
    assert api.data(LIKE, {"id": gid("Image", image)}, user=user)["likeImage"]["errors"] == []


def pending():
    return list(Delivery.objects.filter(delivered_at__isnull=True).order_by("pk"))


def deliver_pending():
    """Make every pending attempt that is due; how many were made."""
    return sum(delivery.attempt(row.pk) is not None for row in pending())


def test_each_event_reaches_the_receiver_with_its_documented_data_and_signature(
    api, ann, bob, sunset, make_board, make_webhook, receiver
):
    made = make_webhook(ann)
    board = make_board(bob, "Skies")

    like(api, bob, sunset)
    api.data(SAVE, {"image": gid("Image", sunset), "board": gid("Board", board)}, user=bob)
    comment = api.data(COMMENT, {"image": gid("Image", sunset)}, user=bob)["addComment"]
    api.data(FOLLOW, {"name": "ann"}, user=bob)
    assert deliver_pending() == 4

    came = receiver.wait_for(4)
    assert all(request.verified for request in came)
    assert [request.headers["Pinmark-Event"] for request in came] == ALL_EVENTS
    payloads = [request.payload for request in came]
    assert [payload["event"] for payload in payloads] == ALL_EVENTS
    for request, payload in zip(came, payloads, strict=True):
        assert request.headers["Pinmark-Delivery"] == payload["id"]
        assert request.headers["Content-Type"] == "application/json"
        assert payload["createdAt"].endswith("Z")
    image = {"id": to_global_id("Image", sunset.pk), "title": "Sunset", "slug": sunset.slug}
    person = {"id": to_global_id("User", bob.pk), "username": "bob"}
    assert payloads[0]["data"] == {"image": image, "user": person}
    assert payloads[1]["data"] == {
        "image": image,
        "user": person,
        "board": {"id": to_global_id("Board", board.pk), "name": "Skies"},
    }
    assert payloads[2]["data"] == {
        "image": image,
        "user": person,
        "comment": {"id": comment["comment"]["id"], "text": "Lovely"},
    }
    assert payloads[3]["data"] == {"user": person}
    logged = api.data(DELIVERIES, user=ann)["viewer"]["webhooks"]["edges"][0]["node"]
    assert made["webhook"]["active"] and logged["active"]
    assert {edge["node"]["statusCode"] for edge in logged["deliveries"]["edges"]} == {200}
    assert all(edge["node"]["responseBody"] == "ok" for edge in logged["deliveries"]["edges"])


def test_a_webhook_hears_only_the_events_it_chose(api, ann, bob, sunset, make_webhook):
    make_webhook(ann, events=["USER_FOLLOWED"])

    like(api, bob, sunset)

    assert pending() == []


def test_own_acts_secret_boards_and_muted_people_tell_nothing(
    api, ann, bob, sunset, make_board, make_webhook
):
    make_webhook(ann)
    secret = make_board(bob, "Mine", privacy="secret")
    like(api, ann, sunset)
    api.data(SAVE, {"image": gid("Image", sunset), "board": gid("Board", secret)}, user=bob)
    mutes.mute(muter=ann, username="bob")

    like(api, bob, sunset)

    assert pending() == []


def test_a_failed_attempt_is_retried_later_with_the_same_body(
    api, ann, bob, sunset, make_webhook, receiver
):
    make_webhook(ann, events=["IMAGE_LIKED"])
    receiver.statuses.extend([500])
    like(api, bob, sunset)

    assert deliver_pending() == 1
    [retry] = pending()
    first = Delivery.objects.get(attempt=1)
    assert first.status_code == 500 and retry.attempt == 2
    assert retry.due - first.delivered_at == pytest.approx(
        timedelta(seconds=60), abs=timedelta(seconds=2)
    )
    assert delivery.attempt(retry.pk) is None  # not due yet
    with time_machine.travel(retry.due + timedelta(seconds=1), tick=True):
        assert deliver_pending() == 1

    failed, succeeded = receiver.wait_for(2)
    assert failed.verified and succeeded.verified
    assert failed.body == succeeded.body
    assert failed.headers["Pinmark-Delivery"] == succeeded.headers["Pinmark-Delivery"]
    assert failed.headers["Pinmark-Signature"] != succeeded.headers["Pinmark-Signature"]
    log = api.data(DELIVERIES, user=ann)["viewer"]["webhooks"]["edges"][0]["node"]
    rows = [edge["node"] for edge in log["deliveries"]["edges"]]
    assert [(row["attempt"], row["statusCode"], row["succeeded"]) for row in rows] == [
        (2, 200, True),
        (1, 500, False),
    ]
    assert Webhook.objects.get().consecutive_failures == 0


def test_retries_back_off_fourfold_over_about_a_day(settings):
    waits = [delivery.retry_wait(attempt) for attempt in range(1, settings.WEBHOOK_ATTEMPTS)]

    assert waits[:4] == [60, 240, 960, 3840]
    assert 20 * 3600 < sum(waits) < 26 * 3600


def test_the_last_attempt_failing_schedules_no_other(
    api, ann, bob, sunset, make_webhook, receiver, settings
):
    settings.WEBHOOK_ATTEMPTS = 2
    settings.WEBHOOK_RETRY_SECONDS = 0
    make_webhook(ann, events=["IMAGE_LIKED"])
    receiver.statuses.extend([500, 500, 500])
    like(api, bob, sunset)

    assert deliver_pending() == 1
    assert deliver_pending() == 1

    assert pending() == [] and len(receiver.wait_for(2)) == 2
    assert Webhook.objects.get().active  # failing for less than WEBHOOK_FAILING_SECONDS


def test_a_webhook_failing_long_enough_is_disabled_and_its_owner_notified(
    api, ann, bob, carol, sunset, make_webhook, receiver, settings
):
    settings.WEBHOOK_RETRY_SECONDS = 0
    settings.WEBHOOK_FAILURE_LIMIT = 3
    settings.WEBHOOK_FAILING_SECONDS = 0
    made = make_webhook(ann, events=["IMAGE_LIKED"])
    receiver.statuses.extend([500] * 5)
    like(api, bob, sunset)

    for _ in range(3):
        assert deliver_pending() == 1

    assert pending() == []
    webhook = Webhook.objects.get()
    assert not webhook.active and webhook.consecutive_failures == 3
    edges = api.data(NOTIFICATIONS, user=ann)["notifications"]["edges"]
    [told] = [edge for edge in edges if edge["node"]["kind"] == "WEBHOOK_DISABLED"]
    assert told["node"] == {
        "kind": "WEBHOOK_DISABLED",
        "target": {"id": made["webhook"]["id"], "active": False},
    }
    like(api, carol, sunset)
    assert pending() == []  # a disabled webhook is told of nothing


def test_a_redirect_is_not_followed(api, ann, bob, sunset, make_webhook, receiver):
    make_webhook(ann, events=["IMAGE_LIKED"])
    receiver.statuses.append(302)
    receiver.answer_headers["Location"] = receiver.url("/elsewhere")
    like(api, bob, sunset)

    deliver_pending()

    [came] = receiver.wait_for(1)
    assert came.path == "/hook" and len(receiver.received) == 1
    answered = Delivery.objects.get(attempt=1)
    assert answered.status_code == 302 and not answered.succeeded
    assert [row.attempt for row in pending()] == [2]


def test_only_the_first_kilobyte_of_the_answer_is_read(
    api, ann, bob, sunset, make_webhook, receiver
):
    make_webhook(ann, events=["IMAGE_LIKED"])
    receiver.answer_body = "é".encode() * 4000
    like(api, bob, sunset)

    deliver_pending()

    kept = Delivery.objects.get().response_body
    assert len(kept.encode()) <= 1024 and kept.startswith("éé")


def test_an_address_no_longer_allowed_is_refused_at_delivery(
    api, ann, bob, sunset, make_webhook, receiver, settings
):
    make_webhook(ann, events=["IMAGE_LIKED"])
    like(api, bob, sunset)
    # As when the host's name resolves to a private address now (DNS rebinding).
    settings.WEBHOOK_ALLOWED_HOSTS = []

    deliver_pending()

    attempt = Delivery.objects.get(attempt=1)
    assert attempt.status_code is None and "private" in attempt.error
    assert receiver.received == []


def test_a_receiver_that_never_answers_times_out(api, ann, bob, sunset, receiver, settings):
    settings.WEBHOOK_TIMEOUT = 0.3
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        host_port = f"127.0.0.1:{silent.getsockname()[1]}"
        settings.WEBHOOK_ALLOWED_HOSTS = [host_port]
        Webhook.objects.create(
            owner=ann, url=f"http://{host_port}/", events="image_liked", secret="s"
        )
        like(api, bob, sunset)

        deliver_pending()

    attempt = Delivery.objects.get(attempt=1)
    assert attempt.status_code is None and "0.3 seconds" in attempt.error


def test_a_task_run_twice_sends_once(api, ann, bob, sunset, make_webhook, receiver):
    make_webhook(ann, events=["IMAGE_LIKED"])
    like(api, bob, sunset)
    [row] = pending()

    tasks.deliver(row.pk)
    tasks.deliver(row.pk)

    assert len(receiver.wait_for(1)) == 1
    assert Delivery.objects.count() == 1


def test_the_sweep_takes_attempts_due_without_a_task(ann, receiver):
    webhook = Webhook.objects.create(owner=ann, url=receiver.url(), events="image_liked")
    now = timezone.now()
    waiting = Delivery.objects.create(webhook=webhook, body="{}", due=now, queued=False)
    lost = Delivery.objects.create(
        webhook=webhook, body="{}", due=now - timedelta(hours=1), queued=True
    )
    Delivery.objects.create(webhook=webhook, body="{}", due=now, queued=True)
    Delivery.objects.create(webhook=webhook, body="{}", due=now + timedelta(hours=1))

    taken = delivery.take_due_deliveries()

    assert sorted(taken) == sorted([waiting.pk, lost.pk])
    assert delivery.take_due_deliveries() == []
    assert json.loads(waiting.body) == {}


def test_an_attempt_whose_worker_stopped_counts_as_failed(ann, receiver):
    webhook = Webhook.objects.create(owner=ann, url=receiver.url(), events="image_liked")
    claimed = timezone.now() - timedelta(minutes=20)
    Delivery.objects.create(webhook=webhook, body="{}", delivered_at=claimed)

    assert delivery.fail_stranded_attempts() == 1

    stranded = Delivery.objects.get(attempt=1)
    assert stranded.error.startswith("No outcome") and stranded.status_code is None
    assert [row.attempt for row in pending()] == [2]
    assert delivery.fail_stranded_attempts() == 0
