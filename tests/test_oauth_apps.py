"""OAuth apps through the API (docs/oauth.md): developers register, list and delete apps;
people list the apps they authorized and revoke them. Account operations all: no access
token runs them, personal or an app's."""

import pytest
from oauth2_provider.models import Application

from testing import oauth_client
from tests.conftest import error_codes
from tests.query_counts import queries_of
from users.services import oauth_apps

REGISTER = """mutation($name: String!, $uris: [String!]!, $type: OAuthClientType!) {
  registerApp(input: {name: $name, redirectUris: $uris, clientType: $type}) {
    app { id name clientId clientType redirectUris createdAt }
    clientSecret errors { field code message } } }"""
DELETE = "mutation($id: ID!) { deleteApp(input: {id: $id}) { deletedId errors { field code } } }"
REVOKE = """mutation($id: ID!) { revokeAuthorizedApp(input: {id: $id}) {
  revokedId errors { field code } } }"""
APPS = "{ viewer { apps { id name clientId clientType redirectUris } } }"
AUTHORIZED = """{ viewer { authorizedApps { id name clientId scopes authorizedAt lastUsedAt } } }"""
OTHERS = "query($name: String!) { user(username: $name) { apps { id } authorizedApps { id } } }"
VIEWER = "{ viewer { username } }"


def register(api, user, name="Photo frame", uris=(oauth_client.REDIRECT_URI,), kind="PUBLIC"):
    variables = {"name": name, "uris": list(uris), "type": kind}
    return api.data(REGISTER, variables, user=user)["registerApp"]


def test_a_public_app_is_registered_without_a_secret(api, carol):
    made = register(api, carol)

    assert made["errors"] == [] and made["clientSecret"] is None
    assert made["app"]["clientType"] == "PUBLIC"
    assert made["app"]["redirectUris"] == [oauth_client.REDIRECT_URI]
    assert api.data(APPS, user=carol)["viewer"]["apps"] == [
        {key: made["app"][key] for key in ("id", "name", "clientId", "clientType", "redirectUris")}
    ]


def test_a_confidential_apps_secret_is_shown_once_and_stored_hashed(api, carol):
    made = register(api, carol, kind="CONFIDENTIAL")

    secret = made["clientSecret"]
    stored = Application.objects.get(client_id=made["app"]["clientId"]).client_secret
    assert len(secret) >= 40 and secret not in stored
    assert "clientSecret" not in str(api.data(APPS, user=carol))


@pytest.mark.parametrize(
    "name,uris",
    [
        ("", [oauth_client.REDIRECT_URI]),
        ("x" * 101, [oauth_client.REDIRECT_URI]),
        ("App", []),
        ("App", ["javascript:alert(1)"]),
        ("App", ["http://example.com/callback"]),
        ("App", ["https://example.com/callback#fragment"]),
        ("App", ["https://user:pw@example.com/callback"]),
        ("App", ["https://example.com/a b"]),
        ("App", ["https://[::1"]),
        ("App", ["https://example.com/" + "a" * 500]),
        ("App", [f"https://example.com/{n}" for n in range(6)]),
    ],
    ids=[
        "no-name",
        "long-name",
        "no-uri",
        "javascript",
        "plain-http",
        "fragment",
        "credentials",
        "space",
        "broken",
        "long-uri",
        "six-uris",
    ],
)
def test_a_bad_registration_is_refused_and_nothing_is_made(api, carol, name, uris):
    made = register(api, carol, name=name, uris=uris)

    assert error_codes(made) == ["INVALID"] and made["app"] is None
    assert not Application.objects.exists()


def test_too_many_apps_are_refused(api, carol, register_app):
    for number in range(oauth_apps.APPS_PER_PERSON):
        register_app(carol, name=f"App {number}")

    made = register(api, carol)

    assert error_codes(made) == ["TOO_MANY_APPS"]


def test_an_app_is_deleted_by_its_owner_only_and_its_tokens_end(api, oauth, ann, bob, carol):
    made = register(api, carol)
    app = Application.objects.get(client_id=made["app"]["clientId"])
    token = oauth.tokens(ann, app)["access_token"]
    variables = {"id": made["app"]["id"]}

    refused = api.data(DELETE, variables, user=bob)["deleteApp"]
    deleted = api.data(DELETE, variables, user=carol)["deleteApp"]

    assert error_codes(refused) == ["NOT_FOUND"]
    assert deleted == {"deletedId": made["app"]["id"], "errors": []}
    assert api.post(VIEWER, token=token).status_code == 401
    assert api.data(AUTHORIZED, user=ann)["viewer"]["authorizedApps"] == []


def test_authorized_apps_show_the_scopes_and_the_last_use(api, oauth, ann, public_app):
    token = oauth.tokens(ann, public_app, scope="read private")["access_token"]
    api.data(VIEWER, token=token)

    [shown] = api.data(AUTHORIZED, user=ann)["viewer"]["authorizedApps"]

    assert shown["name"] == "Photo frame" and shown["clientId"] == public_app.client_id
    assert sorted(shown["scopes"]) == ["PRIVATE", "READ"]
    assert shown["authorizedAt"] and shown["lastUsedAt"]


def test_revoking_an_authorized_app_ends_its_tokens(api, oauth, ann, bob, public_app):
    tokens = oauth.tokens(ann, public_app)
    [shown] = api.data(AUTHORIZED, user=ann)["viewer"]["authorizedApps"]

    refused = api.data(REVOKE, {"id": shown["id"]}, user=bob)["revokeAuthorizedApp"]
    revoked = api.data(REVOKE, {"id": shown["id"]}, user=ann)["revokeAuthorizedApp"]

    assert error_codes(refused) == ["NOT_FOUND"]
    assert revoked == {"revokedId": shown["id"], "errors": []}
    assert api.post(VIEWER, token=tokens["access_token"]).status_code == 401
    renewed = oauth.token_request(
        oauth_client.refresh_exchange(public_app.client_id, tokens["refresh_token"])
    )
    assert renewed.status_code == 400
    assert api.data(AUTHORIZED, user=ann)["viewer"]["authorizedApps"] == []


def test_the_lists_are_their_owners_only(api, oauth, ann, bob, public_app):
    oauth.tokens(ann, public_app)

    assert api.data(OTHERS, {"name": "ann"}, user=bob)["user"] == {
        "apps": None,
        "authorizedApps": None,
    }
    assert api.data(OTHERS, {"name": "carol"})["user"] == {"apps": None, "authorizedApps": None}


@pytest.mark.parametrize(
    "document,variables",
    [
        (REGISTER, {"name": "x", "uris": [oauth_client.REDIRECT_URI], "type": "PUBLIC"}),
        (DELETE, {"id": "T0F1dGhBcHA6MQ=="}),
        (REVOKE, {"id": "QXV0aG9yaXplZEFwcDox"}),
    ],
    ids=["registerApp", "deleteApp", "revokeAuthorizedApp"],
)
def test_no_access_token_runs_them(api, oauth, ann, public_app, document, variables):
    token = oauth.tokens(ann, public_app, scope="read write private")["access_token"]

    response = api.post(document, variables, token=token)

    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "SESSION_REQUIRED"


def test_apps_cost_the_same_queries_for_two_and_five(api, carol, register_app):
    counts = []
    for size in (2, 5):
        while Application.objects.count() < size:
            register_app(carol, name=f"App {Application.objects.count()}")
        counts.append(queries_of(api, APPS, user=carol))

    assert counts[0] == counts[1]


def test_authorized_apps_cost_the_same_queries_for_two_and_five(
    api, oauth, ann, carol, register_app
):
    counts = []
    for size in (2, 5):
        while ann.app_authorizations.count() < size:
            app, _ = register_app(carol, name=f"App {ann.app_authorizations.count()}")
            oauth.tokens(ann, app)
        counts.append(queries_of(api, AUTHORIZED, user=ann))

    assert counts[0] == counts[1]
