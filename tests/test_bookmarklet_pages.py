"""The bookmarklet's pages and files as a browser receives them (the browser tests drive them)."""

import re
from html import unescape
from urllib.parse import unquote

import pytest

pytestmark = pytest.mark.django_db


def launcher_code(response):
    href = unescape(re.search(r'id="bookmarklet" href="([^"]+)"', response.text).group(1))
    assert href.startswith("javascript:")
    return unquote(href.removeprefix("javascript:"))


def test_install_page_offers_a_launcher_loading_the_script_from_the_public_url(client, settings):
    settings.PUBLIC_URL = "https://pinmark.example"

    code = launcher_code(client.get("/bookmarklet/"))

    assert '"https://pinmark.example/static/bookmarklet/bookmarklet.js"' in code
    assert '"https://pinmark.example/bookmarklet/save/"' in code
    assert '"?r=" + Date.now()' in code


def test_launcher_loads_the_script_from_a_static_host_when_static_url_is_absolute(client, settings):
    settings.STATIC_URL = "https://cdn.example/pinmark/"

    code = launcher_code(client.get("/bookmarklet/"))

    assert '"https://cdn.example/pinmark/bookmarklet/bookmarklet.js"' in code


def test_launcher_is_one_line_so_bookmark_managers_keep_it_intact(client):
    code = launcher_code(client.get("/bookmarklet/"))

    assert "\n" not in code


def test_save_page_prefills_the_image_and_the_page_title(client):
    response = client.get(
        "/bookmarklet/save/", {"url": "https://example.com/a.jpg", "title": "  A   sunset "}
    )

    assert response.status_code == 200
    assert 'src="https://example.com/a.jpg"' in response.text
    assert 'name="url" value="https://example.com/a.jpg"' in response.text
    assert 'name="title" value="A sunset"' in response.text


def test_save_page_escapes_a_hostile_title(client):
    response = client.get(
        "/bookmarklet/save/",
        {"url": "https://example.com/a.jpg", "title": '"><script>alert(1)</script>'},
    )

    assert "<script>alert(1)" not in response.text
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in response.text


def test_save_page_cuts_a_long_title_to_what_an_image_can_hold(client):
    response = client.get(
        "/bookmarklet/save/", {"url": "https://example.com/a.jpg", "title": "x" * 500}
    )

    assert f'value="{"x" * 200}"' in response.text
    assert "x" * 201 not in response.text


@pytest.mark.parametrize(
    "url",
    ["", "javascript:alert(1)", "data:image/png;base64,AAAA", "ftp://example.com/a.jpg"],
)
def test_save_page_refuses_an_address_that_is_not_a_web_image(client, url):
    response = client.get("/bookmarklet/save/", {"url": url, "title": "t"})

    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert "<form" not in response.text
    assert "<img" not in response.text


def test_save_page_refuses_an_address_longer_than_an_image_can_store(client):
    response = client.get("/bookmarklet/save/", {"url": "https://example.com/" + "a" * 2000})

    assert response.status_code == 400
    assert "<form" not in response.text


@pytest.mark.parametrize("path", ["/bookmarklet/", "/bookmarklet/save/?url=https://e.com/a.jpg"])
def test_pages_send_a_strict_content_security_policy_and_refuse_framing(client, path):
    response = client.get(path)

    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "connect-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/bookmarklet/", "/bookmarklet/save/?url=https://e.com/a.jpg"])
def test_pages_carry_no_inline_code_the_policy_would_block(client, path):
    html = client.get(path).text

    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts
    # Our static files only: the page's own, and the site's colour scheme.
    assert all(re.search(r'src="/static/(bookmarklet|app)/[\w-]+\.js"', tag) for tag in scripts)
    assert not re.search(r"<[^>]*\son\w+=", html)
    assert "style=" not in html


def test_policy_allows_scripts_from_an_absolute_static_url(client, settings):
    settings.STATIC_URL = "https://cdn.example/pinmark/"

    policy = client.get("/bookmarklet/")["Content-Security-Policy"]

    assert "script-src 'self' https://cdn.example;" in policy


def test_save_page_rejects_a_post(client):
    response = client.post("/bookmarklet/save/", {"url": "https://e.com/a.jpg"})

    assert response.status_code == 405


@pytest.mark.parametrize("name", ["bookmarklet.js", "save.js", "install.js", "pages.css"])
def test_static_files_are_served_with_debug_off(client, settings, name):
    settings.DEBUG = False

    response = client.get(f"/static/bookmarklet/{name}")

    assert response.status_code == 200
    kind = "text/css" if name.endswith(".css") else "text/javascript"
    assert response["Content-Type"].startswith(kind)


def test_save_page_names_the_allowed_hosts_setting_in_development_only(client, settings):
    address = {"url": "http://127.0.0.1:8081/a.jpg", "title": "A sunset"}

    settings.DEBUG = False
    in_production = client.get("/bookmarklet/save/", address).text
    settings.DEBUG = True
    in_development = client.get("/bookmarklet/save/", address).text

    assert "IMAGE_FETCH_ALLOWED_HOSTS" not in in_production
    assert "IMAGE_FETCH_ALLOWED_HOSTS=127.0.0.1:8081" in in_development


@pytest.mark.parametrize(
    "path", ["/bookmarklet/", "/bookmarklet/save/?url=https://example.com/a.jpg"]
)
def test_pages_lead_back_to_the_site(client, path):
    page = client.get(path).text

    assert re.search(r'<header class="site">.*<a[^>]* href="/"', page, re.S)
