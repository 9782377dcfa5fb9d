"""The OpenID Connect provider the social sign-in tests use, spoken to over plain HTTP.

An authorization-code flow with state, nonce and PKCE, as a relying party runs it: the
provider's discovery document, its login and consent forms, the token endpoint, a signed ID
token carrying the claims the test chose, and the "access_denied" answer to a refused consent.
"""

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest

from tests.oidc_fixtures import http_session, missing_node_tools

# Never contacted: the provider redirects the browser here and the test reads the redirect.
REDIRECT_URI = "http://127.0.0.1:9/oidc/callback"
TIMEOUT = 5


@pytest.fixture(scope="module")
def oidc_redirect_uris():
    return [REDIRECT_URI]


class Flow:
    """One authorization request of a relying party: its state, nonce and PKCE verifier."""

    def __init__(self, provider, *, scope="openid email profile"):
        self.provider = provider
        self.config = provider.discovery()
        self.state = secrets.token_urlsafe(16)
        self.nonce = secrets.token_urlsafe(16)
        self.verifier = secrets.token_urlsafe(48)
        self.scope = scope

    @property
    def authorization_url(self):
        challenge = base64.urlsafe_b64encode(hashlib.sha256(self.verifier.encode()).digest())
        query = {
            "response_type": "code",
            "client_id": self.provider.client_id,
            "redirect_uri": REDIRECT_URI,
            "scope": self.scope,
            "state": self.state,
            "nonce": self.nonce,
            "code_challenge": challenge.decode().rstrip("="),
            "code_challenge_method": "S256",
        }
        return f"{self.config['authorization_endpoint']}?{urlencode(query)}"

    def sign_in(self, sub, *, consent=True):
        """The query of the redirect back to the client, one value per parameter."""
        callback = self.provider.sign_in(
            http_session(), self.authorization_url, sub=sub, consent=consent
        )
        assert callback.split("?")[0] == REDIRECT_URI
        return {name: values[0] for name, values in parse_qs(urlsplit(callback).query).items()}

    def exchange(self, code, *, verifier=None):
        return http_session().post(
            self.config["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": REDIRECT_URI,
                "code_verifier": verifier or self.verifier,
            },
            auth=(self.provider.client_id, self.provider.client_secret),
            timeout=TIMEOUT,
        )

    def verified_id_token(self, id_token):
        keys = http_session().get(self.config["jwks_uri"], timeout=TIMEOUT).json()
        key = jwt.PyJWKSet.from_dict(keys)[jwt.get_unverified_header(id_token)["kid"]]
        return jwt.decode(
            id_token,
            key.key,
            algorithms=["RS256"],
            audience=self.provider.client_id,
            issuer=self.provider.issuer,
        )

    def userinfo(self, access_token):
        return (
            http_session()
            .get(
                self.config["userinfo_endpoint"],
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=TIMEOUT,
            )
            .json()
        )


def test_the_discovery_document_describes_a_code_flow_provider_with_pkce(oidc_provider):
    config = oidc_provider.discovery()

    assert config["issuer"] == oidc_provider.issuer
    for endpoint in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"):
        assert config[endpoint].startswith(oidc_provider.issuer + "/")
    assert "code" in config["response_types_supported"]
    assert "S256" in config["code_challenge_methods_supported"]
    assert {"openid", "email", "profile"} <= set(config["scopes_supported"])
    assert "client_secret_basic" in config["token_endpoint_auth_methods_supported"]


def test_signing_in_returns_a_code_with_the_state_and_an_id_token_with_the_chosen_claims(
    oidc_provider,
):
    sub = oidc_provider.add_account(email="ann@provider.test", email_verified=True, name="Ann Lee")
    flow = Flow(oidc_provider)

    redirect = flow.sign_in(sub)
    response = flow.exchange(redirect["code"])

    assert redirect["state"] == flow.state
    assert response.status_code == 200, response.text
    tokens = response.json()
    claims = flow.verified_id_token(tokens["id_token"])
    assert claims["sub"] == sub
    assert claims["nonce"] == flow.nonce
    assert (claims["email"], claims["email_verified"], claims["name"]) == (
        "ann@provider.test",
        True,
        "Ann Lee",
    )
    assert flow.userinfo(tokens["access_token"]) == {
        "sub": sub,
        "email": "ann@provider.test",
        "email_verified": True,
        "name": "Ann Lee",
    }


def test_an_unverified_email_is_reported_unverified(oidc_provider):
    sub = oidc_provider.add_account(email="squatter@provider.test", email_verified=False)
    flow = Flow(oidc_provider)

    tokens = flow.exchange(flow.sign_in(sub)["code"]).json()

    claims = flow.verified_id_token(tokens["id_token"])
    assert (claims["email"], claims["email_verified"]) == ("squatter@provider.test", False)
    assert flow.userinfo(tokens["access_token"])["email_verified"] is False


def test_a_code_needs_the_pkce_verifier_of_its_request(oidc_provider):
    flow = Flow(oidc_provider)
    code = flow.sign_in(oidc_provider.add_account())["code"]

    response = flow.exchange(code, verifier=secrets.token_urlsafe(48))

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_a_code_is_single_use(oidc_provider):
    flow = Flow(oidc_provider)
    code = flow.sign_in(oidc_provider.add_account())["code"]
    assert flow.exchange(code).status_code == 200

    replayed = flow.exchange(code)

    assert replayed.status_code == 400
    assert replayed.json()["error"] == "invalid_grant"


def test_refusing_consent_redirects_back_with_access_denied(oidc_provider):
    flow = Flow(oidc_provider)

    redirect = flow.sign_in(oidc_provider.add_account(), consent=False)

    assert redirect["error"] == "access_denied"
    assert redirect["state"] == flow.state
    assert "code" not in redirect


def test_a_redirect_uri_the_client_did_not_register_is_refused(oidc_provider):
    flow = Flow(oidc_provider)
    url = flow.authorization_url.replace(
        urlencode({"r": REDIRECT_URI})[2:], urlencode({"r": "http://127.0.0.1:9/elsewhere"})[2:]
    )

    response = http_session().get(url, allow_redirects=False, timeout=TIMEOUT)

    assert response.status_code == 400
    assert "redirect_uri" in response.text


def test_without_the_node_packages_the_reason_names_the_install_command(tmp_path):
    assert "npm ci" in missing_node_tools(root=tmp_path)
