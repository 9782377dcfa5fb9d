"""The server answers every path of the front end with the same page, so that a reload or a
shared link works; the API's own paths keep their answers."""

import re
from pathlib import Path

import pytest

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
    "/images/SW1hZ2U6MQ==/sunset",
    "/upload",
    "/notifications",
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


def test_every_route_of_the_client_is_answered_by_the_server(client):
    app = (Path(__file__).resolve().parent.parent / "static" / "app" / "app.js").read_text()
    routes = re.findall(r'route\("([^"]+)"', app)
    assert len(routes) > 10

    for route in routes:
        path = re.sub(r":\w+", "sample", route)
        assert client.get(path).status_code == 200, path
