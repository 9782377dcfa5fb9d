"""OAuth 2.0 for third-party apps, as the app sees it (docs/oauth.md): a code through the
consent page, exchanged with its PKCE verifier at /oauth/token/, then the API within the
token's scopes and no further; refresh tokens rotate; every other way in is refused."""

import pytest
from graphql_relay import to_global_id
from oauth2_provider.models import Grant

from testing import oauth_client
from tests.conftest import PASSWORD
from users.services import suspension
from users.tokens import issue_access_token

VIEWER = "{ viewer { username } }"
FOLLOW = 'mutation { followUser(input: {username: "bob"}) { user { username } errors { code } } }'
CREATE_TOKEN = """mutation { createAccessToken(input: {name: "x", scopes: [READ], expiresInDays: 1})
  { token errors { code } } }"""
IMAGE = "query($id: ID!) { node(id: $id) { ... on Image { title } } }"
CHANGE_PASSWORD = """mutation($old: String!, $new: String!) {
  changePassword(input: {oldPassword: $old, newPassword: $new}) { token errors { code } } }"""


def extensions(response):
    [error] = response.json()["errors"]
    return error["extensions"]


def test_a_public_app_exchanges_its_code_with_the_verifier_and_reads_as_the_person(
    api, oauth, ann, public_app
):
    verifier, challenge = oauth_client.pkce_pair()
    code = oauth.code(ann, public_app, challenge)

    response = oauth.token_request(oauth_client.code_exchange(public_app.client_id, code, verifier))

    tokens = response.json()
    assert response.status_code == 200, tokens
    assert tokens["access_token"].startswith("pmo_")
    assert tokens["refresh_token"].startswith("pmr_")
    assert tokens["scope"] == "read" and tokens["expires_in"] == 3600
    assert api.data(VIEWER, token=tokens["access_token"]) == {"viewer": {"username": "ann"}}


def test_a_code_is_good_once(oauth, ann, public_app):
    verifier, challenge = oauth_client.pkce_pair()
    code = oauth.code(ann, public_app, challenge)
    exchange = oauth_client.code_exchange(public_app.client_id, code, verifier)
    assert oauth.token_request(exchange).status_code == 200

    again = oauth.token_request(exchange)

    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_a_call_beyond_the_scopes_is_refused_naming_the_scope(api, oauth, ann, bob, public_app):
    token = oauth.tokens(ann, public_app, scope="read")["access_token"]

    response = api.post(FOLLOW, token=token)

    assert response.status_code == 403
    assert extensions(response) == {"code": "INSUFFICIENT_SCOPE", "scope": "WRITE"}
    assert "OAuth access token lacks the WRITE scope" in response.json()["errors"][0]["message"]
    assert not ann.following.exists()


def test_write_runs_mutations_but_never_account_operations(api, oauth, ann, bob, public_app):
    token = oauth.tokens(ann, public_app, scope="read write")["access_token"]

    followed = api.data(FOLLOW, token=token)["followUser"]
    refused = api.post(CREATE_TOKEN, token=token)

    assert followed == {"user": {"username": "bob"}, "errors": []}
    assert refused.status_code == 403 and extensions(refused)["code"] == "SESSION_REQUIRED"
    assert not ann.access_tokens.exists()


def test_private_images_need_the_private_scope(
    api, oauth, ann, public_app, make_image, make_private
):
    diary = make_private(make_image(ann, "Diary"))
    variables = {"id": to_global_id("Image", diary.pk)}
    read = oauth.tokens(ann, public_app, scope="read")["access_token"]
    private = oauth.tokens(ann, public_app, scope="read private")["access_token"]

    assert api.data(IMAGE, variables, token=read) == {"node": None}
    assert api.data(IMAGE, variables, token=private) == {"node": {"title": "Diary"}}


def test_the_refresh_token_rotates_and_the_old_one_is_refused(api, oauth, ann, public_app):
    first = oauth.tokens(ann, public_app)
    exchange = oauth_client.refresh_exchange(public_app.client_id, first["refresh_token"])

    renewed = oauth.token_request(exchange)
    second = renewed.json()

    assert renewed.status_code == 200 and second["refresh_token"] != first["refresh_token"]
    assert api.data(VIEWER, token=second["access_token"])["viewer"] == {"username": "ann"}
    assert api.post(VIEWER, token=first["access_token"]).status_code == 401
    reused = oauth.token_request(exchange)
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"


def test_a_rotated_refresh_token_presented_again_ends_the_chain(api, oauth, ann, public_app):
    first = oauth.tokens(ann, public_app)
    exchange = oauth_client.refresh_exchange(public_app.client_id, first["refresh_token"])
    second = oauth.token_request(exchange).json()

    oauth.token_request(exchange)  # the copied token, presented by someone else

    assert api.post(VIEWER, token=second["access_token"]).status_code == 401
    later = oauth.token_request(
        oauth_client.refresh_exchange(public_app.client_id, second["refresh_token"])
    )
    assert later.status_code == 400


@pytest.mark.parametrize("verifier", [None, "wrong-verifier-" + "x" * 40], ids=["missing", "wrong"])
def test_a_code_without_its_verifier_is_refused(oauth, ann, public_app, verifier):
    _, challenge = oauth_client.pkce_pair()
    code = oauth.code(ann, public_app, challenge)

    response = oauth.token_request(oauth_client.code_exchange(public_app.client_id, code, verifier))

    assert response.status_code == 400
    assert response.json()["error"] in ("invalid_grant", "invalid_request")


@pytest.mark.parametrize(
    "params",
    [
        {"code_challenge": None, "code_challenge_method": None},
        {"method": "plain"},
        {"response_type": "token"},
        {"scope": "READ admin"},
    ],
    ids=["no-challenge", "plain", "implicit", "unknown-scope"],
)
def test_an_authorization_request_pkce_s256_does_not_allow_is_sent_back_refused(
    oauth, public_app, params
):
    _, challenge = oauth_client.pkce_pair()
    if "code_challenge" in params:
        challenge = None
        params = {"method": None}

    response = oauth.consent_page(public_app, challenge, **params)

    assert response.status_code == 302
    answer = oauth_client.query_of(response["Location"])
    assert answer["error"] and "code" not in answer


@pytest.mark.parametrize("grant_type", ["password", "client_credentials", "implicit"])
def test_other_grants_are_refused_at_the_token_endpoint(oauth, ann, public_app, grant_type):
    form = {
        "grant_type": grant_type,
        "client_id": public_app.client_id,
        "username": "ann",
        "password": PASSWORD,
    }

    response = oauth.token_request(form)

    assert response.status_code in (400, 401)
    assert "access_token" not in response.json()


def test_an_unregistered_redirect_uri_is_never_followed(oauth, public_app):
    _, challenge = oauth_client.pkce_pair()

    response = oauth.consent_page(
        public_app, challenge, redirect_uri="https://attacker.example/callback"
    )

    assert response.status_code == 400
    assert b"attacker.example" not in response.content


def test_deny_sends_the_person_back_with_access_denied(oauth, ann, public_app):
    _, challenge = oauth_client.pkce_pair()

    response = oauth.answer(ann, public_app, challenge, allow=False)

    assert response.status_code == 302
    answer = oauth_client.query_of(response["Location"])
    assert answer == {"error": "access_denied", "state": "xyz"}
    assert not ann.app_authorizations.exists()


@pytest.mark.parametrize("token", ["", "not-a-token", "pmk_personal"], ids=["none", "junk", "pat"])
def test_an_answer_without_a_session_token_changes_nothing(oauth, ann, public_app, token):
    _, challenge = oauth_client.pkce_pair()

    response = oauth.answer(ann, public_app, challenge, token=token)

    assert response.status_code == 401
    assert b"Sign in" in response.content
    assert not ann.app_authorizations.exists()


def test_the_consent_page_names_the_app_and_the_scopes_and_lets_the_form_reach_it(
    oauth, public_app
):
    _, challenge = oauth_client.pkce_pair()

    page = oauth.consent_page(public_app, challenge, scope="read private")

    html = page.content.decode()
    assert "Authorize Photo frame?" in html
    assert "See your private images and secret boards" in html
    assert "form-action 'self' http://127.0.0.1:8765" in page["Content-Security-Policy"]
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]


def test_a_confidential_app_must_send_its_secret(oauth, register_app, ann, carol):
    app, secret = register_app(carol, confidential=True)
    verifier, challenge = oauth_client.pkce_pair()
    code = oauth.code(ann, app, challenge)

    without = oauth.token_request(oauth_client.code_exchange(app.client_id, code, verifier))
    wrong = oauth.token_request(
        oauth_client.code_exchange(app.client_id, code, verifier, secret="nope")
    )
    right = oauth.token_request(
        oauth_client.code_exchange(app.client_id, code, verifier, secret=secret)
    )

    assert without.status_code == 401 and wrong.status_code == 401
    assert right.status_code == 200 and right.json()["access_token"].startswith("pmo_")


def test_a_password_change_ends_every_apps_access(api, oauth, ann, public_app):
    tokens = oauth.tokens(ann, public_app)

    changed = api.data(CHANGE_PASSWORD, {"old": PASSWORD, "new": "another-long-pass-9"}, user=ann)

    assert changed["changePassword"]["errors"] == []
    assert api.post(VIEWER, token=tokens["access_token"]).status_code == 401
    renewed = oauth.token_request(
        oauth_client.refresh_exchange(public_app.client_id, tokens["refresh_token"])
    )
    assert renewed.status_code == 400
    assert not ann.app_authorizations.exists()


def test_a_suspension_ends_every_apps_access(api, oauth, ann, public_app):
    token = oauth.tokens(ann, public_app)["access_token"]

    suspension.suspend(ann)

    assert api.post(VIEWER, token=token).status_code == 401


def test_a_revocation_with_a_nul_character_is_refused(oauth, public_app):
    response = oauth.client.post(
        "/oauth/revoke_token/", {"token": "pmo_\x00", "client_id": public_app.client_id}
    )

    assert response.status_code == 400 and response.json()["error"] == "invalid_request"


def test_an_app_revokes_its_own_token_at_the_revocation_endpoint(api, oauth, ann, public_app):
    tokens = oauth.tokens(ann, public_app)

    response = oauth.client.post(
        "/oauth/revoke_token/",
        {"token": tokens["access_token"], "client_id": public_app.client_id},
    )

    assert response.status_code == 200
    assert api.post(VIEWER, token=tokens["access_token"]).status_code == 401


def test_an_allow_posted_with_another_redirect_uri_is_refused(oauth, ann, public_app):
    _, challenge = oauth_client.pkce_pair()
    page = oauth.consent_page(public_app, challenge)
    form = {name: value for name, value in page.context["form"].initial.items() if value}
    form.update(
        redirect_uri="https://attacker.example/cb",
        access_token=issue_access_token(ann),
        allow="Authorize",
    )

    response = oauth.client.post("/oauth/authorize/", form)

    assert response.status_code == 400
    assert not Grant.objects.exists()


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"grant_type": "authorization_code"},
        {"grant_type": "authorization_code", "client_id": "nobody", "code": "x"},
        {"grant_type": "authorization_code", "client_id": "CLIENT", "code": "x" * 10_000},
        {"grant_type": "refresh_token", "client_id": "CLIENT", "refresh_token": "pmr_nope"},
        {"grant_type": "no-such-grant", "client_id": "CLIENT"},
        {"grant_type": "authorization_code", "client_id": "a\x00b", "code": "x\x00"},
        {"grant_type": "refresh_token", "client_id": "CLIENT", "refresh_token": "pmr_\x00"},
    ],
    ids=[
        "empty",
        "no-client",
        "unknown-client",
        "huge-code",
        "unknown-refresh",
        "unknown-grant",
        "nul-client",
        "nul-refresh",
    ],
)
def test_a_hostile_token_request_is_a_clear_oauth_error(oauth, public_app, form):
    form = {
        name: public_app.client_id if value == "CLIENT" else value for name, value in form.items()
    }

    response = oauth.token_request(form)

    assert response.status_code in (400, 401)
    assert response.json()["error"]


@pytest.mark.parametrize(
    "query",
    ["", "?client_id=nobody&response_type=code", "?client_id=%00&redirect_uri=javascript:x"],
    ids=["nothing", "unknown-client", "control-characters"],
)
def test_a_hostile_authorization_request_shows_an_error_page(db, client, query):
    response = client.get("/oauth/authorize/" + query)

    assert response.status_code == 400
    assert b"could not be answered" in response.content


def test_a_browser_app_of_an_allowed_origin_may_call_the_token_endpoint(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://frame.example"]

    response = client.options(
        "/oauth/token/",
        headers={"Origin": "https://frame.example", "Access-Control-Request-Method": "POST"},
    )

    assert response["Access-Control-Allow-Origin"] == "https://frame.example"
