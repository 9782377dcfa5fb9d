"""Driving a social sign-in as a browser would, for the tests: our redirect endpoints through
Django's test client (which keeps the session cookie), the provider's pages over HTTP."""

import secrets
from urllib.parse import parse_qs, urlsplit

from django.test import Client

from tests.oidc_fixtures import http_session

OIDC_BACKEND = "social_core.backends.open_id_connect.OpenIdConnectAuth"
PUBLIC_URL = "http://testserver"
CALLBACK = f"{PUBLIC_URL}/auth/social/oidc/complete/"
START = "/auth/social/oidc/start/"
# The front end's page that takes the code (followed by `?next=` when not the home page).
LANDING = f"{PUBLIC_URL}/sign-in/callback"

SOCIAL_SIGN_IN = """
mutation SocialSignIn($code: String!, $nonce: String) {
  socialSignIn(input: {code: $code, nonce: $nonce}) {
    user { username email hasPassword socialAccounts { provider uid } }
    token refreshToken created errors { field code message }
  }
}"""


def configure_oidc(settings, provider, *, public_url=PUBLIC_URL, label="Test Provider"):
    """Settings as SOCIAL_AUTH_OIDC_ENDPOINT, _KEY and _SECRET pointing at `provider` give."""
    settings.PUBLIC_URL = public_url
    settings.SOCIAL_AUTH_OIDC_OIDC_ENDPOINT = provider.issuer
    settings.SOCIAL_AUTH_OIDC_KEY = provider.client_id
    settings.SOCIAL_AUTH_OIDC_SECRET = provider.client_secret
    settings.SOCIAL_AUTH_OIDC_LABEL = label
    if OIDC_BACKEND not in settings.AUTHENTICATION_BACKENDS:
        settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]


def fragment(url) -> dict:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).fragment).items()}


def new_nonce():
    return secrets.token_urlsafe(32)


class Browser:
    """One browser: its cookies for our site, its own session with the provider, and the
    nonce its front end keeps for the sign-in it starts."""

    def __init__(self, provider):
        self.provider = provider
        self.client = Client()
        self.provider_session = http_session()
        self.nonce = new_nonce()

    def start(self, next_url=PUBLIC_URL + "/"):
        """Press "Sign in with …": the provider's authorization URL we redirect to."""
        response = self.client.get(START, {"next": next_url, "nonce": self.nonce})
        assert response.status_code == 302, response.content
        return response["Location"]

    def at_provider(self, authorization_url, sub, *, consent=True):
        """Sign in and consent (or not) at the provider: the callback URL it sends back to."""
        callback = self.provider.sign_in(
            self.provider_session, authorization_url, sub=sub, consent=consent
        )
        assert callback.startswith(CALLBACK), callback
        return callback

    def callback(self, callback_url):
        """Follow the provider's redirect to our callback: where we send the browser next."""
        parts = urlsplit(callback_url)
        response = self.client.get(f"{parts.path}?{parts.query}")
        assert response.status_code == 302, response.content
        return response["Location"]

    def sign_in(self, sub, *, consent=True, next_url=PUBLIC_URL + "/"):
        """The whole dance: the front-end URL it ends on."""
        return self.callback(self.at_provider(self.start(next_url), sub, consent=consent))
