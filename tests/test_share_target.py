"""/share, the installed app's share target: the share sheet's multipart POST is kept under
an unguessable key for the share page to read back (/shares/<key>), and anything hostile is
refused with a code the page shows, nothing kept."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from frontend import shares
from infra import redis as project_redis
from testing.image_fixtures import image_bytes
from tests.conftest import key_count

# What a share sheet's navigation carries (Chromium sends `none`: no page started it).
SHARE_SHEET = {"HTTP_SEC_FETCH_SITE": "none"}


def png(name="shared.png", **options):
    return SimpleUploadedFile(name, image_bytes(format="PNG", **options), "image/png")


def posted(client, data, **headers):
    return client.post("/share", data, **{**SHARE_SHEET, **headers})


def answer(response):
    """The query of a 303 to the share page: `{"key": …}` or `{"error": …}`."""
    assert response.status_code == 303
    location = urlsplit(response["Location"])
    assert location.path == "/share"
    return {name: values[0] for name, values in parse_qs(location.query).items()}


def refusal(response):
    return answer(response)["error"]


def test_a_shared_image_is_kept_and_read_back_once_by_its_key(client):
    response = posted(client, {"title": "Harbour", "text": "at dusk", "image": png()})

    key = answer(response)["key"]
    shared = client.get(f"/shares/{key}")
    assert shared.status_code == 200
    assert shared["Cache-Control"] == "no-store"
    assert shared.json() == {
        "title": "Harbour",
        "text": "at dusk",
        "url": "",
        "image": True,
        "imageType": "image/png",
    }
    image = client.get(f"/shares/{key}/image")
    assert image["Content-Type"] == "image/png"
    assert image["X-Content-Type-Options"] == "nosniff"
    assert image.content == image_bytes(format="PNG")


def test_a_shared_link_is_kept_and_a_link_in_the_text_counts_as_one(client):
    key = answer(posted(client, {"title": "A page", "text": "look https://example.com/a.jpg"}))[
        "key"
    ]

    assert client.get(f"/shares/{key}").json()["url"] == "https://example.com/a.jpg"
    assert client.get(f"/shares/{key}/image").status_code == 404


def test_a_share_expires_by_itself_within_the_hour(client, redis):
    key = answer(posted(client, {"url": "https://example.com/a.jpg"}))["key"]

    assert 0 < redis.ttl(f"share:{{{key}}}") <= shares.SHARE_SECONDS


def test_a_share_is_forgotten_once_saved(client):
    key = answer(posted(client, {"url": "https://example.com/a.jpg"}))["key"]

    assert client.delete(f"/shares/{key}").status_code == 204

    assert client.get(f"/shares/{key}").status_code == 404


def test_the_keys_are_unguessable_and_differ_each_time(client):
    first = answer(posted(client, {"url": "https://example.com/a.jpg"}))["key"]
    second = answer(posted(client, {"url": "https://example.com/a.jpg"}))["key"]

    assert first != second
    assert len(first) == 43  # 32 random bytes


@pytest.mark.parametrize(
    "key", ["unknown-key-unknown-key-unknown-key-unknow1", "short", "..%2F..%2Fetc", "a" * 500]
)
def test_an_unknown_or_expired_key_is_a_plain_404(client, key):
    for path in (f"/shares/{key}", f"/shares/{key}/image"):
        response = client.get(path)
        assert response.status_code == 404
        if response["Content-Type"] == "application/json":
            assert response.json() == {"error": "NOT_FOUND"}


def test_a_post_from_another_site_is_refused_and_nothing_is_kept(client, redis):
    for headers in ({"HTTP_SEC_FETCH_SITE": "cross-site"}, {"HTTP_SEC_FETCH_SITE": "same-site"}):
        assert refusal(posted(client, {"image": png()}, **headers)) == "CROSS_SITE"
    # A browser without Fetch Metadata still says where the form was.
    older = client.post("/share", {"image": png()}, HTTP_ORIGIN="https://elsewhere.example")
    assert refusal(older) == "CROSS_SITE"

    assert key_count(redis) == 0


def test_our_own_pages_may_post_a_share(client):
    same_origin = client.post("/share", {"image": png()}, HTTP_SEC_FETCH_SITE="same-origin")

    assert "key" in answer(same_origin)


def test_an_image_over_the_size_limit_is_refused(client, settings, redis):
    settings.IMAGE_MAX_BYTES = 100

    response = posted(client, {"title": "big", "image": png(width=400, height=400)})

    assert refusal(response) == "TOO_LARGE"
    assert key_count(redis) == 0


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(client, redis):
    response = client.generic(
        "POST",
        "/share",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 2**20),
        **SHARE_SHEET,
    )

    assert refusal(response) == "TOO_LARGE"
    assert key_count(redis) == 0


@pytest.mark.parametrize(
    "content",
    [b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"%PDF-1.4 not an image", b"\x89PNG\r\n\x1a\n"],
    ids=["svg", "pdf", "truncated-png"],
)
def test_a_file_that_is_not_an_image_we_take_is_refused(client, redis, content):
    file = SimpleUploadedFile("x.png", content, "image/png")

    assert refusal(posted(client, {"title": "t", "image": file})) == "NOT_AN_IMAGE"
    assert key_count(redis) == 0


@pytest.mark.parametrize(
    "data",
    [{}, {"title": "only a title"}, {"text": "no link here"}, {"url": "javascript:alert(1)"}],
)
def test_a_share_with_neither_an_image_nor_a_link_is_refused(client, redis, data):
    assert refusal(posted(client, data)) == "NOTHING_SHARED"
    assert key_count(redis) == 0


def test_a_malformed_multipart_body_is_refused(client, redis):
    response = client.generic(
        "POST",
        "/share",
        b'--x\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n',
        content_type="multipart/form-data; boundary=",
        **SHARE_SHEET,
    )

    assert refusal(response) == "MALFORMED"
    assert key_count(redis) == 0


def test_long_fields_are_cut_to_their_limits(client):
    data = {"title": "t" * 1000, "url": "https://example.com/" + "a" * 5000}

    key = answer(posted(client, data))["key"]

    shared = client.get(f"/shares/{key}").json()
    assert len(shared["title"]) == 200
    assert len(shared["url"]) == 2048


def test_without_redis_a_share_is_refused_clearly(client, settings, unused_port):
    settings.REDIS_URL = f"redis://127.0.0.1:{unused_port}/0"
    project_redis.forget_client()

    assert refusal(posted(client, {"image": png()})) == "UNAVAILABLE"
    missing = client.get("/shares/" + "a" * 43)
    assert missing.status_code == 503
    assert missing.json() == {"error": "UNAVAILABLE"}


def test_nothing_is_written_to_media(client, media_root):
    posted(client, {"title": "t", "image": png()})

    assert not media_root.exists() or not any(media_root.rglob("*"))


def test_the_share_page_answers_a_get_and_refuses_other_methods(client):
    page = client.get("/share?key=abc")
    assert page.status_code == 200
    assert b'src="/static/app/app.js"' in page.content

    assert client.put("/share").status_code == 405
    assert client.post("/shares/" + "a" * 43).status_code == 405
