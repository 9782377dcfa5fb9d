"""Webhooks through the API: made with a secret shown once, listed and deleted by their
owner only, refused for addresses the image downloader may not reach, never made with a
personal access token."""

import pytest
from graphql_relay import to_global_id

from tests.conftest import error_codes
from tests.query_counts import queries_at_page_sizes
from tests.webhook_fixtures import ALL_EVENTS, CREATE
from webhooks.models import Delivery, Webhook

DELETE = """mutation($id: ID!) { deleteWebhook(input: {id: $id}) {
  deletedId errors { field code } } }"""
WEBHOOKS = """query($name: String!, $first: Int) { user(username: $name) {
  webhooks(first: $first) { totalCount edges { node { id url events active } } } } }"""
DELIVERIES = """query($id: ID!, $first: Int) { node(id: $id) { ... on Webhook {
  deliveries(first: $first) { totalCount edges { cursor node {
    event payloadId statusCode attempt deliveredAt responseBody succeeded } } } } } }"""


def create(api, user, url, events=("IMAGE_LIKED",)):
    variables = {"url": url, "events": list(events)}
    return api.data(CREATE, variables, user=user)["createWebhook"]


def test_a_webhook_is_made_with_its_secret_shown_once(api, ann, receiver):
    made = create(api, ann, receiver.url(), ALL_EVENTS)

    assert made["errors"] == []
    assert made["secret"].startswith("whsec_") and len(made["secret"]) > 40
    assert made["webhook"]["url"] == receiver.url()
    assert made["webhook"]["events"] == ALL_EVENTS
    assert made["webhook"]["active"] is True
    listed = api.data(WEBHOOKS, {"name": "ann"}, user=ann)["user"]["webhooks"]
    assert [edge["node"] for edge in listed["edges"]] == [made["webhook"]]
    assert "secret" not in str(listed)


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://127.0.0.1:9/hook", "FORBIDDEN_ADDRESS"),
        ("http://localhost/hook", "FORBIDDEN_ADDRESS"),
        ("http://10.0.0.5/hook", "FORBIDDEN_ADDRESS"),
        ("http://169.254.169.254/latest/meta-data/", "FORBIDDEN_ADDRESS"),
        ("http://[::1]/hook", "FORBIDDEN_ADDRESS"),
        ("http://[::ffff:127.0.0.1]/hook", "FORBIDDEN_ADDRESS"),
        ("http://2130706433/hook", "FORBIDDEN_ADDRESS"),
        ("http://100.64.0.1/hook", "FORBIDDEN_ADDRESS"),
        ("ftp://example.com/hook", "INVALID_URL"),
        ("file:///etc/passwd", "INVALID_URL"),
        ("javascript:alert(1)", "INVALID_URL"),
        ("https://user:pass@example.com/hook", "INVALID_URL"),
        ("https://example.com:99999/hook", "INVALID_URL"),
        ("not a url", "INVALID_URL"),
        ("https://example.com/" + "a" * 2000, "INVALID_URL"),
    ],
)
def test_a_hostile_url_is_refused_and_nothing_is_made(api, ann, url, code):
    made = create(api, ann, url)

    assert error_codes(made) == [code]
    assert made["errors"][0]["field"] == "url"
    assert made["webhook"] is None and made["secret"] is None
    assert not Webhook.objects.exists()


def test_a_webhook_needs_an_event(api, ann, receiver):
    made = create(api, ann, receiver.url(), events=())

    assert error_codes(made) == ["INVALID_EVENTS"]
    assert not Webhook.objects.exists()


def test_a_person_has_at_most_so_many_webhooks(api, ann, receiver, settings):
    settings.WEBHOOKS_PER_PERSON = 2
    for _ in range(2):
        assert create(api, ann, receiver.url())["errors"] == []

    made = create(api, ann, receiver.url())

    assert error_codes(made) == ["TOO_MANY_WEBHOOKS"]
    assert Webhook.objects.count() == 2


def test_webhooks_are_account_operations_a_personal_access_token_never_runs(api, ann, receiver):
    from users.services.access_tokens import create_access_token

    token, _ = create_access_token(
        user=ann, name="script", scopes_asked=["READ", "WRITE"], expires_in_days=1
    )
    variables = {"url": receiver.url(), "events": ["IMAGE_LIKED"]}

    response = api.post(CREATE, variables, token=token)

    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "SESSION_REQUIRED"
    assert not Webhook.objects.exists()


def test_only_its_owner_sees_or_deletes_a_webhook(api, ann, bob, receiver):
    made = create(api, ann, receiver.url())
    webhook_id = made["webhook"]["id"]

    assert api.data(WEBHOOKS, {"name": "ann"}, user=bob)["user"]["webhooks"] is None
    assert api.data(WEBHOOKS, {"name": "ann"})["user"]["webhooks"] is None
    assert api.data(DELIVERIES, {"id": webhook_id}, user=bob)["node"] is None
    refused = api.data(DELETE, {"id": webhook_id}, user=bob)["deleteWebhook"]
    assert error_codes(refused) == ["NOT_FOUND"]
    assert Webhook.objects.count() == 1

    deleted = api.data(DELETE, {"id": webhook_id}, user=ann)["deleteWebhook"]

    assert deleted == {"deletedId": webhook_id, "errors": []}
    assert not Webhook.objects.exists()


def test_deleting_with_a_malformed_id_is_a_bad_request(api, ann):
    body = api.execute(DELETE, {"id": to_global_id("Image", 1)}, user=ann)

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_listing_webhooks_costs_the_same_queries_at_any_page_size(api, ann, receiver):
    for _ in range(5):
        create(api, ann, receiver.url())

    counts = queries_at_page_sizes(api, WEBHOOKS, (2, 4), {"name": "ann"}, user=ann)

    assert counts[0] == counts[1]


def test_listing_deliveries_costs_the_same_queries_at_any_page_size(api, ann, receiver):
    webhook_id = create(api, ann, receiver.url())["webhook"]["id"]
    webhook = Webhook.objects.get()
    Delivery.objects.bulk_create(
        Delivery(webhook=webhook, event="image_liked", body="{}", status_code=200) for _ in range(6)
    )

    counts = queries_at_page_sizes(api, DELIVERIES, (2, 5), {"id": webhook_id}, user=ann)

    assert counts[0] == counts[1]


def test_deliveries_page_by_cursor_newest_first(api, ann, receiver):
    webhook_id = create(api, ann, receiver.url())["webhook"]["id"]
    webhook = Webhook.objects.get()
    rows = Delivery.objects.bulk_create(
        Delivery(webhook=webhook, event="image_liked", body="{}", attempt=number)
        for number in range(1, 4)
    )
    query = DELIVERIES.replace("deliveries(first: $first)", "deliveries(first: 2, after: $after)")
    query = query.replace("$first: Int", "$after: String")

    first = api.data(DELIVERIES, {"id": webhook_id, "first": 2}, user=ann)["node"]["deliveries"]
    after = first["edges"][-1]["cursor"]
    rest = api.data(query, {"id": webhook_id, "after": after}, user=ann)["node"]["deliveries"]

    attempts = [edge["node"]["attempt"] for edge in first["edges"] + rest["edges"]]
    assert attempts == [3, 2, 1] and first["totalCount"] == len(rows)


NESTED = """query($first: Int) { viewer { webhooks(first: $first) { edges { node { id
  deliveries(first: 3) { pageInfo { hasNextPage } edges { node { attempt } } } } } } } }"""


def test_a_page_of_webhooks_with_their_deliveries_costs_the_same_queries_at_any_size(
    api, ann, receiver
):
    for _ in range(5):
        create(api, ann, receiver.url())
    for webhook in Webhook.objects.all():
        Delivery.objects.bulk_create(
            Delivery(webhook=webhook, event="image_liked", body="{}", attempt=number)
            for number in range(1, 5)
        )

    counts = queries_at_page_sizes(api, NESTED, (2, 5), user=ann)
    webhooks = api.data(NESTED, {"first": 5}, user=ann)["viewer"]["webhooks"]["edges"]

    assert counts[0] == counts[1]
    for edge in webhooks:
        deliveries = edge["node"]["deliveries"]
        assert [row["node"]["attempt"] for row in deliveries["edges"]] == [4, 3, 2]
        assert deliveries["pageInfo"]["hasNextPage"] is True
