"""Bookmarking an image by URL through /graphql, against a real HTTP server."""

import pytest
from django.db import connection
from PIL import Image as PillowImage

from activity.models import Action
from images import fetch
from images.models import Image
from testing.hostile_images import gif_claiming, png_claiming
from testing.image_fixtures import image_bytes, stored_path
from tests.conftest import error_codes

BOOKMARK = """
mutation Bookmark($input: BookmarkImageInput!) {
  bookmarkImage(input: $input) {
    image {
      id slug title description url totalLikes likedByViewer
      postedBy { username }
      file { url width height }
      thumbnail(size: SMALL) { url width height }
    }
    errors { field code message }
  }
}"""


def bookmark(api, user, url, title="Sunset", **extra):
    variables = {"input": {"url": url, "title": title, **extra}}
    return api.data(BOOKMARK, variables, user=user)["bookmarkImage"]


def test_bookmarking_stores_the_image_with_its_thumbnails(api, ann, image_server, stored_files):
    url = image_server.serve("/sunset.jpg", image_bytes(800, 600))

    payload = bookmark(api, ann, url, description="Red sky")

    assert payload["errors"] == []
    image = payload["image"]
    assert image["title"] == "Sunset"
    assert image["slug"] == "sunset"
    assert image["description"] == "Red sky"
    assert image["url"] == url
    assert image["postedBy"] == {"username": "ann"}
    assert image["file"]["width"] == 800 and image["file"]["height"] == 600
    assert image["thumbnail"]["width"] == 150 and image["thumbnail"]["height"] == 150
    assert image["totalLikes"] == 0 and image["likedByViewer"] is False
    assert len(stored_files()) == 4  # the original and three thumbnails


def test_bookmarking_records_the_activity(api, ann, image_server):
    url = image_server.serve("/a.jpg", image_bytes())

    bookmark(api, ann, url)

    action = Action.objects.get()
    assert action.user == ann
    assert action.verb == Action.Verb.BOOKMARKED_IMAGE
    assert action.target == Image.objects.get()


def test_the_format_comes_from_the_bytes_not_the_name_or_content_type(
    api, ann, image_server, media_root
):
    url = image_server.serve("/photo.jpg", image_bytes(format="PNG"), content_type="text/html")

    payload = bookmark(api, ann, url)

    assert payload["errors"] == []
    stored = Image.objects.get()
    assert stored.file.name.endswith(".png")
    with PillowImage.open(media_root / stored.file.name) as image:
        assert image.format == "PNG"


def test_a_title_without_ascii_letters_still_gets_a_usable_slug(api, ann, image_server):
    url = image_server.serve("/j.jpg", image_bytes())

    payload = bookmark(api, ann, url, title="日本語")

    assert payload["image"]["slug"] == "日本語"
    found = api.data("query($s: String!) { image(slug: $s) { title } }", {"s": "日本語"})
    assert found == {"image": {"title": "日本語"}}


def test_a_title_of_symbols_only_gets_a_slug_anyway(api, ann, image_server):
    url = image_server.serve("/s.jpg", image_bytes())

    payload = bookmark(api, ann, url, title="🎉 !!")

    assert payload["image"]["slug"] == "image"


def test_the_same_title_twice_gets_two_slugs(api, ann, bob, image_server):
    first = bookmark(api, ann, image_server.serve("/1.jpg", image_bytes()))["image"]["slug"]
    second = bookmark(api, bob, image_server.serve("/2.jpg", image_bytes()))["image"]["slug"]

    assert first == "sunset"
    assert second.startswith("sunset-") and second != first


def test_bookmarking_the_same_url_twice_is_a_duplicate(api, ann, image_server, stored_files):
    url = image_server.serve("/a.jpg", image_bytes())
    bookmark(api, ann, url)

    payload = bookmark(api, ann, url, title="Again")

    assert error_codes(payload) == ["DUPLICATE"]
    assert payload["errors"][0]["field"] == "url"
    assert Image.objects.count() == 1
    assert len(stored_files()) == 4


def test_two_people_may_bookmark_the_same_url(api, ann, bob, image_server):
    url = image_server.serve("/a.jpg", image_bytes())

    bookmark(api, ann, url)
    payload = bookmark(api, bob, url)

    assert payload["errors"] == []
    assert Image.objects.count() == 2


def test_an_anonymous_caller_is_unauthenticated(api, image_server, stored_files, db):
    url = image_server.serve("/a.jpg", image_bytes())

    body = api.execute(BOOKMARK, {"input": {"url": url, "title": "Sunset"}})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert image_server.hits == []
    assert not Image.objects.exists() and stored_files() == []


@pytest.mark.parametrize("title", ["", "   "])
def test_an_empty_title_is_required_and_nothing_is_fetched(api, ann, image_server, title):
    url = image_server.serve("/a.jpg", image_bytes())

    payload = bookmark(api, ann, url, title=title)

    assert payload["errors"][0]["code"] == "REQUIRED"
    assert payload["errors"][0]["field"] == "title"
    assert image_server.hits == []


def test_exif_orientation_is_applied_and_gps_is_dropped(api, ann, image_server, media_root):
    exif = PillowImage.Exif()
    exif[0x0112] = 6  # rotated 90°: the upright image is portrait
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0)}
    url = image_server.serve("/gps.jpg", image_bytes(400, 200, exif=exif.tobytes()))

    payload = bookmark(api, ann, url)

    assert payload["image"]["file"]["width"] == 200
    assert payload["image"]["file"]["height"] == 400
    with PillowImage.open(media_root / Image.objects.get().file.name) as stored:
        assert stored.size == (200, 400)
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info


class TestHostileInput:
    """Each: a clear user error on `url`, no row and no file left behind."""

    def assert_refused(self, api, user, url, code, stored_files):
        payload = bookmark(api, user, url)
        assert error_codes(payload) == [code], payload
        assert payload["errors"][0]["field"] == "url"
        assert payload["errors"][0]["message"]
        assert payload["image"] is None
        assert not Image.objects.exists()
        assert not Action.objects.exists()
        assert stored_files() == []

    def test_a_non_image_served_as_jpeg(self, api, ann, image_server, stored_files):
        url = image_server.serve("/fake.jpg", b"<html>Not found</html>" * 20)
        self.assert_refused(api, ann, url, "NOT_AN_IMAGE", stored_files)

    def test_a_truncated_jpeg(self, api, ann, image_server, stored_files):
        whole = image_bytes(640, 480, quality=95)
        url = image_server.serve("/cut.jpg", whole[: len(whole) // 2])
        self.assert_refused(api, ann, url, "NOT_AN_IMAGE", stored_files)

    def test_an_svg(self, api, ann, image_server, stored_files):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
        url = image_server.serve("/a.svg", svg, content_type="image/svg+xml")
        self.assert_refused(api, ann, url, "NOT_AN_IMAGE", stored_files)

    def test_another_image_format(self, api, ann, image_server, stored_files):
        url = image_server.serve("/a.bmp", image_bytes(format="BMP"), content_type="image/bmp")
        self.assert_refused(api, ann, url, "NOT_AN_IMAGE", stored_files)

    def test_a_decompression_bomb(self, api, ann, image_server, stored_files):
        url = image_server.serve("/bomb.png", png_claiming(20_000, 20_000))
        self.assert_refused(api, ann, url, "TOO_LARGE", stored_files)

    def test_a_decompression_bomb_across_frames(self, api, ann, image_server, stored_files):
        url = image_server.serve("/frames.gif", gif_claiming(7000, 7000, 4))
        self.assert_refused(api, ann, url, "TOO_LARGE", stored_files)

    def test_a_body_over_the_cap(self, api, ann, image_server, stored_files, settings):
        settings.IMAGE_MAX_BYTES = 100_000
        url = image_server.serve("/big.jpg", b"\xff" * 150_000)
        self.assert_refused(api, ann, url, "TOO_LARGE", stored_files)

    def test_a_body_over_the_cap_without_a_length(
        self, api, ann, image_server, stored_files, settings
    ):
        settings.IMAGE_MAX_BYTES = 100_000
        url = image_server.serve("/big.jpg", b"\xff" * 150_000, declare_length=False)
        self.assert_refused(api, ann, url, "TOO_LARGE", stored_files)

    def test_a_server_slower_than_the_read_timeout(
        self, api, ann, image_server, stored_files, settings
    ):
        settings.IMAGE_FETCH_READ_TIMEOUT = 0.3
        url = image_server.serve("/slow.jpg", image_bytes(), delay=1.5)
        self.assert_refused(api, ann, url, "TIMED_OUT", stored_files)

    def test_an_error_status(self, api, ann, image_server, stored_files):
        url = image_server.url("/missing.jpg")
        self.assert_refused(api, ann, url, "UNREACHABLE_URL", stored_files)

    def test_a_redirect_loop(self, api, ann, image_server, stored_files):
        url = image_server.redirect("/loop", "/loop")
        self.assert_refused(api, ann, url, "UNREACHABLE_URL", stored_files)

    def test_a_redirect_to_a_private_address(self, api, ann, image_server, stored_files):
        url = image_server.redirect("/go", "http://169.254.169.254/latest/meta-data/")
        self.assert_refused(api, ann, url, "FORBIDDEN_URL", stored_files)

    def test_a_redirect_to_another_scheme(self, api, ann, image_server, stored_files):
        url = image_server.redirect("/go", "file:///etc/passwd")
        self.assert_refused(api, ann, url, "UNREACHABLE_URL", stored_files)

    def test_a_loopback_address(self, api, ann, guarded_image_server, stored_files):
        url = guarded_image_server.serve("/a.jpg", image_bytes())
        self.assert_refused(api, ann, url, "FORBIDDEN_URL", stored_files)
        assert guarded_image_server.hits == []

    @pytest.mark.parametrize("url", ["ftp://example.com/a.jpg", "file:///etc/passwd", "a.jpg"])
    def test_a_url_that_is_not_http(self, api, ann, url, stored_files):
        self.assert_refused(api, ann, url, "INVALID_URL", stored_files)


THUMBNAILS = """
query($slug: String!) { image(slug: $slug) {
  small: thumbnail(size: SMALL) { url width height }
  medium: thumbnail(size: MEDIUM) { url width height }
  large: thumbnail(size: LARGE) { url width height }
} }"""


@pytest.mark.parametrize(
    "data",
    [
        image_bytes(700, 500, color=(10, 200, 10, 128), format="PNG"),
        image_bytes(700, 500, format="GIF"),
        image_bytes(700, 500, color=(10, 200, 10, 128), format="WEBP"),
        image_bytes(130, 1000, format="JPEG"),
    ],
    ids=["transparent-png", "gif", "transparent-webp", "narrow-jpeg"],
)
def test_every_format_gets_thumbnails_of_the_sizes_given(api, ann, image_server, media_root, data):
    slug = bookmark(api, ann, image_server.serve("/i", data))["image"]["slug"]

    image = api.data(THUMBNAILS, {"slug": slug})["image"]

    for thumbnail in image.values():
        with PillowImage.open(stored_path(media_root, thumbnail["url"])) as stored:
            assert stored.size == (thumbnail["width"], thumbnail["height"])


@pytest.mark.django_db(transaction=True)
def test_the_download_holds_no_database_transaction_open(api, ann, image_server, monkeypatch):
    url = image_server.serve("/slow.jpg", image_bytes())
    in_transaction_while_fetching = []
    real_fetch = fetch.fetch

    def watched_fetch(url):
        in_transaction_while_fetching.append(connection.in_atomic_block)
        return real_fetch(url)

    monkeypatch.setattr(fetch, "fetch", watched_fetch)

    payload = bookmark(api, ann, url)

    assert payload["errors"] == []
    assert in_transaction_while_fetching == [False]
    assert Image.objects.filter(url=url, user=ann).count() == 1
