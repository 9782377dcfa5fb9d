"""The server answers every path of the front end with the same page, so that a reload or a
shared link works; the API's own paths keep their answers."""

import json
import re
from pathlib import Path

import pytest

from infra import front_end_routes as manifest
from users.social import front_end

STATIC_APP = Path(__file__).resolve().parent.parent / "static" / "app"

FRONT_END_PATHS = [
    "/",
    "/sign-in",
    "/sign-in/callback",
    "/register",
    "/forgot-password",
    "/reset-password",
    "/reset-password/MQ/abc-123",
    "/confirm-email",
    "/settings",
    "/people",
    "/people/ann",
    "/people/ann/followers",
    "/people/ann/following",
    "/people/ann/boards/trips",
    "/images/SW1hZ2U6MQ==/sunset",
    "/upload",
    "/share",
    "/notifications",
    "/moderation",
]


def is_front_end(response):
    return b'src="/static/app/app.js"' in response.content


@pytest.mark.parametrize("path", FRONT_END_PATHS)
def test_a_front_end_path_answers_the_page(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert is_front_end(response)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/no/such/page", "/people/ann/extra/parts", "/images"])
def test_an_unknown_page_answers_the_page_with_a_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert is_front_end(response)


@pytest.mark.parametrize(
    "path",
    [
        "/graphql/x",
        "/media/no-such.jpg",
        "/static/no-such.js",
        "/bookmarklet/nope",
        "/auth/social/nope",
        "/icons/nope",
        "/shares/a/b/c",
    ],
)
def test_an_unknown_server_path_stays_a_plain_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert not is_front_end(response)


@pytest.mark.django_db
def test_the_server_pages_keep_their_answers(client):
    assert client.get("/bookmarklet/").status_code == 200
    assert client.get("/admin/").status_code == 302
    assert client.get("/healthz").status_code == 200
    graphiql = client.get("/graphql", headers={"Accept": "text/html"})
    assert graphiql.status_code == 200
    assert not is_front_end(graphiql)


@pytest.mark.parametrize("route", manifest.routes(), ids=lambda route: route["path"])
def test_every_route_of_the_manifest_answers_the_page(client, route):
    path = re.sub(r":\w+", "sample", route["path"])

    response = client.get(path)

    assert response.status_code == 200, path
    assert is_front_end(response)


def test_every_page_of_the_manifest_has_its_module():
    not_found = json.loads(manifest.MANIFEST.read_text())["notFoundPage"]
    pages = {route["page"] for route in manifest.routes()} | {not_found}

    for page in pages:
        assert (STATIC_APP / "pages" / f"{page}.js").is_file(), page


def test_the_client_and_the_server_read_the_same_manifest():
    router = (STATIC_APP / "router.js").read_text()

    assert 'from "./routes.json" with { type: "json" }' in router
    assert manifest.MANIFEST == STATIC_APP / "routes.json"
    assert "route(" not in (STATIC_APP / "app.js").read_text()


def test_the_sign_in_callback_comes_from_the_manifest():
    social = (STATIC_APP / "components" / "social.js").read_text()

    assert 'SIGN_IN_CALLBACK = pathOf("sign-in-callback")' in social
    assert front_end.CALLBACK_PATH == "/sign-in/callback"


def test_a_static_host_elsewhere_may_serve_the_routes_to_the_page(client, settings):
    settings.STATIC_URL = "https://static.example/pinmark/"

    policy = client.get("/")["Content-Security-Policy"]

    connect_src = next(part for part in policy.split("; ") if part.startswith("connect-src"))
    assert "https://static.example" in connect_src.split()
