"""Pictures recognised by their look, through /graphql: a person's second copy of a picture
is refused (ALREADY_SAVED), and `Image.similar` lists what looks alike."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from images.models import Image
from testing.image_fixtures import image_bytes
from testing.pictures import ENCODINGS, SCALES, encoded, picture, picture_bytes, re_encoded
from tests.board_fixtures import image_gid
from tests.conftest import error_codes
from tests.query_counts import queries_at_page_sizes
from tests.test_image_changes import multipart

BOOKMARK = """
mutation Bookmark($input: BookmarkImageInput!) {
  bookmarkImage(input: $input) {
    image { id title }
    existingImage { id title url }
    errors { field code message }
  }
}"""

UPLOAD = """
mutation Upload($input: UploadImageInput!) {
  uploadImage(input: $input) {
    image { id }
    existingImage { id title }
    errors { field code message }
  }
}"""

SIMILAR = """
query Similar($id: ID!, $first: Int) {
  image(id: $id) { similar(first: $first) { id title } }
}"""

VIEWER_COPY = """
query Copy($id: ID!) { image(id: $id) { viewerCopy { id } savesCount } }"""


def bookmark(api, user, url, title="Shapes"):
    return api.data(BOOKMARK, {"input": {"url": url, "title": title}}, user=user)["bookmarkImage"]


def upload(client, user, data, title="Shapes"):
    file = SimpleUploadedFile("picture.bin", data, content_type="application/octet-stream")
    variables = {"input": {"file": None, "title": title}}
    response = multipart(client, user, UPLOAD, variables, "variables.input.file", file)
    return response.json()["data"]["uploadImage"]


def gid(image):
    return image_gid(image)


@pytest.fixture
def saved_by_ann(api, ann, image_server):
    """Ann's bookmark of picture 1, as a JPEG at full size."""
    url = image_server.serve("/original.jpg", picture_bytes(1))
    assert bookmark(api, ann, url, "Original")["errors"] == []
    return Image.objects.get(user=ann, url=url)


class TestTheSamePictureIsRefused:
    @pytest.mark.parametrize("encoding", sorted(ENCODINGS))
    @pytest.mark.parametrize("scale", SCALES)
    def test_from_another_address_in_any_format_and_size(
        self, api, ann, image_server, saved_by_ann, stored_files, encoding, scale
    ):
        files_before = stored_files()
        copy = re_encoded(encoded(picture(1), encoding, scale))
        url = image_server.serve(f"/copy-{encoding}-{scale}", copy, content_type="image/*")

        payload = bookmark(api, ann, url, "Copy")

        assert error_codes(payload) == ["ALREADY_SAVED"]
        assert payload["errors"][0]["field"] == "url"
        assert payload["image"] is None
        assert payload["existingImage"] == {
            "id": gid(saved_by_ann),
            "title": "Original",
            "url": saved_by_ann.url,
        }
        assert Image.objects.count() == 1
        assert stored_files() == files_before

    def test_as_an_upload(self, client, ann, saved_by_ann, stored_files):
        files_before = stored_files()

        payload = upload(client, ann, picture_bytes(1, "webp", 0.5))

        assert error_codes(payload) == ["ALREADY_SAVED"]
        assert payload["errors"][0]["field"] == "file"
        assert payload["existingImage"] == {"id": gid(saved_by_ann), "title": "Original"}
        assert Image.objects.count() == 1
        assert stored_files() == files_before

    def test_even_when_the_first_copy_is_private(self, client, ann, saved_by_ann):
        Image.objects.filter(pk=saved_by_ann.pk).update(visibility="private")

        payload = upload(client, ann, picture_bytes(1, "png"))

        assert error_codes(payload) == ["ALREADY_SAVED"]
        assert payload["existingImage"]["id"] == gid(saved_by_ann)


class TestWhatIsNotRefused:
    def test_a_different_picture(self, api, ann, image_server, saved_by_ann):
        url = image_server.serve("/other.jpg", picture_bytes(2))

        assert bookmark(api, ann, url, "Other")["errors"] == []

    @pytest.mark.parametrize("seed", range(3, 23))
    def test_twenty_distinct_pictures_are_all_saved(self, client, ann, seed, saved_by_ann):
        assert upload(client, ann, picture_bytes(seed))["errors"] == []

    def test_another_person_saving_the_same_picture(self, client, bob, saved_by_ann):
        payload = upload(client, bob, picture_bytes(1, "png", 0.25))

        assert payload["errors"] == []
        assert payload["existingImage"] is None

    def test_a_picture_of_one_flat_colour_twice(self, client, ann):
        assert upload(client, ann, image_bytes(300, 200))["errors"] == []
        assert upload(client, ann, image_bytes(600, 400))["errors"] == []

    def test_the_same_picture_after_the_first_copy_was_deleted(self, client, ann, saved_by_ann):
        Image.objects.filter(pk=saved_by_ann.pk).delete()

        assert upload(client, ann, picture_bytes(1))["errors"] == []


@pytest.fixture
def copies(client, ann, bob, carol):
    """Picture 1 saved by ann, bob (half size PNG) and carol (WebP), picture 2 by bob."""
    saved = {}
    for name, user, data in (
        ("ann", ann, picture_bytes(1)),
        ("bob", bob, picture_bytes(1, "png", 0.5)),
        ("carol", carol, picture_bytes(1, "webp")),
        ("other", bob, picture_bytes(2)),
    ):
        assert upload(client, user, data, title=name)["errors"] == []
        saved[name] = Image.objects.get(title=name)
    return saved


class TestSimilar:
    def test_lists_the_other_copies_but_not_itself_or_other_pictures(self, api, copies):
        similar = api.data(SIMILAR, {"id": gid(copies["ann"])})["image"]["similar"]

        assert sorted(image["title"] for image in similar) == ["bob", "carol"]

    def test_costs_the_same_queries_at_two_sizes(self, api, bob, make_user, client, copies):
        dan = make_user("dan")
        assert upload(client, dan, picture_bytes(1, "jpeg-low", 0.25), title="dan")["errors"] == []
        query = """query($id: ID!, $first: Int) { image(id: $id) {
          similar(first: $first) { id title postedBy { username } likedByViewer totalViews } } }"""

        counts = queries_at_page_sizes(api, query, (1, 3), {"id": gid(copies["ann"])}, user=bob)

        assert counts[0] == counts[1]

    def test_first_null_means_the_default(self, api, copies):
        similar = api.data(SIMILAR, {"id": gid(copies["ann"]), "first": None})["image"]["similar"]

        assert len(similar) == 2

    def test_first_limits_the_list(self, api, copies):
        similar = api.data(SIMILAR, {"id": gid(copies["ann"]), "first": 1})["image"]["similar"]

        assert len(similar) == 1

    def test_a_private_copy_is_seen_only_by_its_poster(self, api, bob, carol, copies):
        Image.objects.filter(pk=copies["carol"].pk).update(visibility="private")

        def titles(user):
            answer = api.data(SIMILAR, {"id": gid(copies["ann"])}, user=user)
            return sorted(image["title"] for image in answer["image"]["similar"])

        assert titles(None) == ["bob"]
        assert titles(bob) == ["bob"]
        assert titles(carol) == ["bob", "carol"]

    def test_an_unlisted_copy_is_not_listed(self, api, copies):
        Image.objects.filter(pk=copies["bob"].pk).update(visibility="unlisted")

        similar = api.data(SIMILAR, {"id": gid(copies["ann"])})["image"]["similar"]

        assert [image["title"] for image in similar] == ["carol"]

    @pytest.mark.parametrize("first", [-1, 51])
    def test_first_out_of_bounds_is_a_bad_request(self, api, copies, first):
        response = api.post(SIMILAR, {"id": gid(copies["ann"]), "first": first}).json()

        assert [error["extensions"]["code"] for error in response["errors"]] == ["BAD_REQUEST"]

    def test_a_flat_picture_has_no_similar_images(self, api, make_image, ann):
        flat = make_image(ann)

        assert api.data(SIMILAR, {"id": gid(flat)})["image"]["similar"] == []

    def test_asking_for_it_across_a_long_list_is_refused_as_too_costly(self, api, copies):
        query = "{ images(first: 100) { edges { node { similar { id } } } } }"

        response = api.post(query).json()

        assert [error["extensions"]["code"] for error in response["errors"]] == [
            "QUERY_TOO_COMPLEX"
        ]


class TestViewerCopy:
    def test_names_the_viewers_own_copy_of_someone_elses_image(self, api, bob, copies):
        answer = api.data(VIEWER_COPY, {"id": gid(copies["ann"])}, user=bob)["image"]

        assert answer["viewerCopy"] == {"id": gid(copies["bob"])}

    def test_is_the_image_itself_for_its_poster(self, api, ann, copies):
        answer = api.data(VIEWER_COPY, {"id": gid(copies["ann"])}, user=ann)["image"]

        assert answer["viewerCopy"] == {"id": gid(copies["ann"])}

    def test_is_null_for_anonymous_viewers_and_people_without_a_copy(self, api, make_user, copies):
        dan = make_user("dan")
        assert api.data(VIEWER_COPY, {"id": gid(copies["ann"])})["image"]["viewerCopy"] is None
        answer = api.data(VIEWER_COPY, {"id": gid(copies["ann"])}, user=dan)["image"]
        assert answer["viewerCopy"] is None


SAVED_IMAGE = "query($url: String!) { savedImage(url: $url) { id savesCount } }"


class TestSavedImage:
    def test_names_the_viewers_image_from_that_address(self, api, ann, saved_by_ann):
        answer = api.data(SAVED_IMAGE, {"url": saved_by_ann.url}, user=ann)

        assert answer["savedImage"] == {"id": gid(saved_by_ann), "savesCount": 0}

    def test_is_null_for_someone_else_and_for_anonymous_viewers(self, api, bob, saved_by_ann):
        assert api.data(SAVED_IMAGE, {"url": saved_by_ann.url}, user=bob)["savedImage"] is None
        assert api.data(SAVED_IMAGE, {"url": saved_by_ann.url})["savedImage"] is None

    def test_downloads_nothing_so_another_address_is_not_known(
        self, api, ann, image_server, saved_by_ann
    ):
        url = image_server.serve("/copy.png", picture_bytes(1, "png"))
        hits_before = list(image_server.hits)

        assert api.data(SAVED_IMAGE, {"url": url}, user=ann)["savedImage"] is None
        assert image_server.hits == hits_before

    @pytest.mark.parametrize(
        "url", ["", "not a url", "ftp://example.com/a.jpg", "http://", "javascript:alert(1)"]
    )
    def test_a_malformed_address_is_answered_null(self, api, ann, url):
        assert api.data(SAVED_IMAGE, {"url": url}, user=ann)["savedImage"] is None

    def test_an_address_over_2000_characters_is_a_bad_request(self, api, ann):
        url = "https://example.com/" + "a" * 2000

        response = api.post(SAVED_IMAGE, {"url": url}, user=ann).json()

        assert [error["extensions"]["code"] for error in response["errors"]] == ["BAD_REQUEST"]
