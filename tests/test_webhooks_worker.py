"""Webhook deliveries on a real Celery worker (tests/celery_fixtures.py): an event
committed through the API reaches the receiver, signed, and a receiver answering 500 is
tried again after the backoff until it answers 200."""

import pytest

from tests.board_fixtures import gid
from tests.celery_fixtures import wait_for
from webhooks.models import Delivery

LIKE = "mutation($id: ID!) { likeImage(input: {id: $id}) { errors { code } } }"
LOG = """{ viewer { webhooks(first: 1) { edges { node { deliveries(first: 5) { edges {
  node { attempt statusCode succeeded } } } } } } } }"""


@pytest.fixture
def webhook_worker(celery_worker, receiver):
    """The worker, let through to the receiver, its retries a fifth of a second apart."""
    wanted = {"WEBHOOK_ALLOWED_HOSTS": receiver.host_port, "WEBHOOK_RETRY_SECONDS": "0.2"}
    if any(celery_worker.environment.get(name) != value for name, value in wanted.items()):
        celery_worker.environment.update(wanted)
        celery_worker.stop()
        celery_worker.start()
    return celery_worker


def test_a_like_reaches_the_receiver_and_a_failure_is_retried_on_the_worker(
    api, ann, bob, sunset, make_webhook, receiver, webhook_worker
):
    make_webhook(ann, events=["IMAGE_LIKED"])
    receiver.statuses.append(500)

    assert api.data(LIKE, {"id": gid("Image", sunset)}, user=bob)["likeImage"]["errors"] == []

    failed, delivered = receiver.wait_for(2)
    assert failed.verified and delivered.verified and failed.body == delivered.body
    assert delivered.payload["event"] == "IMAGE_LIKED"
    wait_for(lambda: Delivery.objects.filter(status_code=200).exists(), what="the record")
    log = api.data(LOG, user=ann)["viewer"]["webhooks"]["edges"][0]["node"]["deliveries"]
    assert [(edge["node"]["attempt"], edge["node"]["statusCode"]) for edge in log["edges"]] == [
        (2, 200),
        (1, 500),
    ]
