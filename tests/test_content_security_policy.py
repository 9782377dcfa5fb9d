"""Every HTML page we serve sends a strict Content-Security-Policy and carries no inline
code; the API's JSON answers need none. (The browser enforces it: test_graphiql_browser.)"""

import re

import pytest

pytestmark = pytest.mark.django_db

HTML_PAGES = [
    "/",
    "/graphql",
    "/bookmarklet/",
    "/bookmarklet/save/?url=https://example.com/a.jpg",
]


def get_html(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response


def directives(response):
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


@pytest.mark.parametrize("path", HTML_PAGES)
def test_every_html_page_sends_a_strict_policy(client, path):
    response = get_html(client, path)

    policy = directives(response)
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"][0] == "'self'"
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", HTML_PAGES)
def test_html_pages_carry_no_inline_code(client, path):
    html = get_html(client, path).text

    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts
    for tag in scripts:
        assert re.search(r'\ssrc="/static/[\w/.-]+\.js"', tag) or 'type="application/json"' in tag
    assert not re.search(r"<[^>]*\son\w+\s*=", html)
    assert "style=" not in html
    assert "<style" not in html
    # The bookmarklet's launcher link is the one javascript: URL, by design.
    assert html.count("javascript:") == html.count('id="bookmarklet" href="javascript:')


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/images/image/", "/no-such-page"])
def test_pages_without_a_policy_of_their_own_get_the_strict_one(client, make_user, path):
    client.force_login(make_user(is_staff=True, is_superuser=True))

    response = client.get(path)

    assert response["Content-Type"].startswith("text/html")
    policy = directives(response)
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]


def test_debug_error_pages_keep_their_inline_styles(client, settings):
    settings.DEBUG = True

    response = client.get("/bookmarklet/no-such-page")

    assert response.status_code == 404
    assert "Content-Security-Policy" not in response


def test_api_answers_carry_no_policy(api):
    response = api.post("{ __typename }")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/graphql-response+json; charset=utf-8"
    assert "Content-Security-Policy" not in response


def test_scripts_and_styles_may_come_from_an_absolute_static_url(client, settings):
    settings.STATIC_URL = "https://static.example/pinmark/"

    for path in ("/", "/graphql"):
        policy = directives(get_html(client, path))

        assert policy["script-src"] == ["'self'", "https://static.example"]
        assert policy["style-src"][:2] == ["'self'", "https://static.example"]


def test_images_may_come_from_an_absolute_media_url(client, settings):
    settings.MEDIA_URL = "https://media.example/pinmark/"

    policy = directives(get_html(client, "/"))

    assert "https://media.example" in policy["img-src"]
    assert "http:" not in policy["img-src"]
