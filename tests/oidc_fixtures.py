"""A real OpenID Connect provider on loopback: panva's `oidc-provider`, run by node.

The provider (tests/oidc/provider.mjs) knows one confidential client and the accounts a test
adds; people sign in and consent through the provider's own HTML forms, which `sign_in`
drives over plain HTTP. Without node or the installed node packages (`npm ci` at the
repository root, which `.ci/run` does) the tests using it skip, saying why.
"""

import itertools
import json
import os
import secrets
import selectors
import shutil
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from tests.node_tools import missing_node_packages

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "tests" / "oidc" / "provider.mjs"
START_TIMEOUT = 15.0
HTTP_TIMEOUT = 5.0


def missing_node_tools(root=ROOT):
    """Why the provider cannot start here, or None when node and its package are installed."""
    return missing_node_packages("oidc-provider", root=root)


_subjects = itertools.count(1)


class OIDCProvider:
    """A running provider: its issuer, its one client, and the accounts it knows."""

    def __init__(self, *, issuer, client_id, client_secret, redirect_uris, accounts_file):
        self.issuer = issuer
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uris = list(redirect_uris)
        self.accounts_file = accounts_file
        self.accounts = {}

    @property
    def discovery_url(self):
        return f"{self.issuer}/.well-known/openid-configuration"

    def discovery(self):
        response = http_session().get(self.discovery_url, timeout=HTTP_TIMEOUT)
        response.raise_for_status()
        return response.json()

    def add_account(
        self, sub=None, *, email=None, email_verified=True, name="Test Person", **claims
    ):
        """An account with the claims given (any password signs in); returns its `sub`."""
        sub = sub or f"subject-{next(_subjects)}"
        email = email or f"{sub}@provider.test"
        self.accounts[sub] = {"email": email, "email_verified": email_verified, "name": name}
        self.accounts[sub].update(claims)
        scratch = self.accounts_file.with_suffix(".tmp")
        scratch.write_text(json.dumps(self.accounts))
        scratch.replace(self.accounts_file)
        return sub

    def sign_in(self, session, authorization_url, *, sub, consent=True):
        """Follows the provider's pages from an authorization request to the redirect back.

        Signs in as `sub` through the login form, then approves the consent form or, with
        `consent=False`, follows its "Cancel" link. Returns the URL the provider redirects
        the browser to (the client's redirect URI with `code` or `error`, and `state`).
        """
        response = session.get(authorization_url, allow_redirects=False, timeout=HTTP_TIMEOUT)
        for _ in range(10):
            if response.is_redirect:
                location = urljoin(response.url, response.headers["Location"])
                if not location.startswith(self.issuer + "/"):
                    return location
                response = session.get(location, allow_redirects=False, timeout=HTTP_TIMEOUT)
                continue
            response.raise_for_status()
            page = InteractionPage.parse(response.text, base_url=response.url)
            if page.prompt == "login":
                fields = {**page.fields, "login": sub, "password": "any password"}
                response = session.post(
                    page.action, data=fields, allow_redirects=False, timeout=HTTP_TIMEOUT
                )
            elif page.prompt == "consent" and consent:
                response = session.post(
                    page.action, data=page.fields, allow_redirects=False, timeout=HTTP_TIMEOUT
                )
            elif page.prompt == "consent":
                response = session.get(page.cancel_url, allow_redirects=False, timeout=HTTP_TIMEOUT)
            else:
                raise AssertionError(f"unexpected provider page: {response.text[:500]}")
        raise AssertionError("the provider never redirected back to the client")


class InteractionPage(HTMLParser):
    """The form (and the "Cancel" link) of one of the provider's interaction pages."""

    def __init__(self, base_url):
        super().__init__()
        self.base_url = base_url
        self.action = ""
        self.fields = {}
        self.cancel_url = ""
        self._link = ""

    @classmethod
    def parse(cls, html, *, base_url):
        page = cls(base_url)
        page.feed(html)
        return page

    @property
    def prompt(self):
        return self.fields.get("prompt")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.action = urljoin(self.base_url, attrs.get("action") or "")
        elif tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "a":
            self._link = attrs.get("href") or ""

    def handle_data(self, data):
        if self._link and "cancel" in data.lower():
            self.cancel_url = urljoin(self.base_url, self._link)

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = ""


def http_session():
    """A requests session that talks to loopback directly, whatever proxies the machine sets."""
    session = requests.Session()
    session.trust_env = False
    return session


@pytest.fixture(scope="module")
def oidc_redirect_uris():
    """The redirect URIs the provider's client accepts; override it in a test module."""
    return ["http://testserver/oidc/callback"]


@pytest.fixture(scope="module")
def oidc_provider(oidc_redirect_uris):
    reason = missing_node_tools()
    if reason:
        pytest.skip(reason)
    workdir = Path(tempfile.mkdtemp(prefix="pinmark-oidc-"))
    settings = {
        "clientId": "pinmark-test",
        "clientSecret": secrets.token_urlsafe(24),
        "redirectUris": list(oidc_redirect_uris),
        "accountsFile": str(workdir / "accounts.json"),
    }
    log = (workdir / "provider.log").open("w+")
    process = subprocess.Popen(
        ["node", str(LAUNCHER)],
        cwd=ROOT,
        env={**os.environ, "OIDC_TEST_PROVIDER": json.dumps(settings)},
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        issuer = _read_issuer(process, log)
        provider = OIDCProvider(
            issuer=issuer,
            client_id=settings["clientId"],
            client_secret=settings["clientSecret"],
            redirect_uris=settings["redirectUris"],
            accounts_file=Path(settings["accountsFile"]),
        )
        _wait_for_discovery(provider, process, log)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _read_issuer(process, log):
    """The issuer the launcher prints once it listens."""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if selector.select(timeout=START_TIMEOUT):
            line = process.stdout.readline()
            if line:
                return json.loads(line)["issuer"]
    _fail_start(process, log, "printed no issuer")


def _wait_for_discovery(provider, process, log):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if provider.discovery()["issuer"] == provider.issuer:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    _fail_start(process, log, "did not answer its discovery document")


def _fail_start(process, log, what):
    log.flush()
    log.seek(0)
    status = process.poll()
    raise RuntimeError(
        f"the OpenID Connect provider {what} (exit status {status}):\n{log.read()[-3000:]}"
    )
