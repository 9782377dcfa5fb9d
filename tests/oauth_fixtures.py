"""OAuth apps and the flow a third-party app runs (testing/oauth_client.py), through the
Django test client: the consent page answered with the person's session token."""

from urllib.parse import urlencode

import pytest

from testing import oauth_client
from users.services import oauth_apps
from users.tokens import issue_access_token

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def register_app(db):
    """An app of `owner`: (the app, its secret or None)."""

    def register(owner, *, confidential=False, name="Photo frame", uris=None):
        return oauth_apps.register_app(
            user=owner,
            name=name,
            redirect_uris=uris or [oauth_client.REDIRECT_URI],
            confidential=confidential,
        )

    return register


@pytest.fixture
def public_app(register_app, carol):
    app, _ = register_app(carol)
    return app


class OAuthFlow:
    """What a third-party app and its user's browser do, step by step."""

    def __init__(self, client):
        self.client = client

    def consent_page(self, app, challenge, **params):
        return self.client.get(oauth_client.authorize_path(app.client_id, challenge, **params))

    def answer(self, user, app, challenge, *, allow=True, token=None, **params):
        """The redirect the consent page's Allow (or Deny) gives: the response."""
        page = self.consent_page(app, challenge, **params)
        assert page.status_code == 200, page.content
        form = {
            name: value for name, value in page.context["form"].initial.items() if value is not None
        }
        form["access_token"] = issue_access_token(user) if token is None else token
        if allow:
            form["allow"] = "Authorize"
        return self.client.post("/oauth/authorize/", form)

    def code(self, user, app, challenge, **params) -> str:
        response = self.answer(user, app, challenge, **params)
        assert response.status_code == 302, response.content
        return oauth_client.query_of(response["Location"])["code"]

    def token_request(self, form):
        return self.client.post("/oauth/token/", urlencode(form), content_type=FORM)

    def tokens(self, user, app, *, scope="read", secret=None) -> dict:
        """A fresh access and refresh token of `app` for `user` with `scope`."""
        verifier, challenge = oauth_client.pkce_pair()
        code = self.code(user, app, challenge, scope=scope)
        response = self.token_request(
            oauth_client.code_exchange(app.client_id, code, verifier, secret=secret)
        )
        assert response.status_code == 200, response.content
        return response.json()


@pytest.fixture
def oauth(client):
    return OAuthFlow(client)
