"""A webhook receiver on loopback (testing/webhook_receiver.py) that webhooks may reach,
and webhooks made through the API, for the webhook tests."""

import pytest

from testing.webhook_receiver import start_receiver

CREATE = """mutation($url: String!, $events: [WebhookEvent!]!) {
  createWebhook(input: {url: $url, events: $events}) {
    webhook { id url events active } secret errors { field code message } } }"""
ALL_EVENTS = ["IMAGE_LIKED", "IMAGE_SAVED", "IMAGE_COMMENTED", "USER_FOLLOWED"]


@pytest.fixture(scope="module")
def receiver_server():
    receiver = start_receiver()
    yield receiver
    receiver.stop()


@pytest.fixture
def receiver(receiver_server, settings):
    """The module's receiver, emptied, let through the address rules for this test."""
    receiver_server.reset()
    settings.WEBHOOK_ALLOWED_HOSTS = [receiver_server.host_port]
    return receiver_server


@pytest.fixture
def make_webhook(api, receiver):
    """Make a webhook of `user` through the API; the receiver checks its signatures."""

    def make(user, events=ALL_EVENTS, path="/hook"):
        variables = {"url": receiver.url(path), "events": list(events)}
        made = api.data(CREATE, variables, user=user)["createWebhook"]
        assert made["errors"] == [], made
        receiver.secrets[path] = made["secret"]
        return made

    return make
