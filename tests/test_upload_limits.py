"""One request cannot make the server decode an upload many times, nor carry
more files or bytes than the caps allow: each is a 400 (413 for the length)
before any image is opened, and nothing is stored."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from images.models import Image
from testing.hostile_images import gif_claiming
from testing.image_fixtures import image_bytes
from tests.conftest import PREFLIGHT, error_codes
from tests.test_image_changes import upload
from users.tokens import issue_access_token

pytestmark = pytest.mark.endpoint

IMAGE_FIELDS = "image { title } errors { code message }"
TWO_UPLOADS = f"""
mutation Two($a: UploadImageInput!, $b: UploadImageInput!) {{
  a: uploadImage(input: $a) {{ {IMAGE_FIELDS} }}
  b: uploadImage(input: $b) {{ {IMAGE_FIELDS} }}
}}"""
TWO_UPLOADS_OF_ONE_INPUT = f"""
mutation Twice($input: UploadImageInput!) {{
  a: uploadImage(input: $input) {{ {IMAGE_FIELDS} }}
  b: uploadImage(input: $input) {{ {IMAGE_FIELDS} }}
}}"""
UPLOAD_IN_A_FRAGMENT = f"""
mutation Twice($input: UploadImageInput!) {{
  a: uploadImage(input: $input) {{ {IMAGE_FIELDS} }}
  ...More
}}
fragment More on Mutation {{ b: uploadImage(input: $input) {{ {IMAGE_FIELDS} }} }}"""


def post_multipart(client, user, query, variables, file_map, files):
    fields = {
        "operations": json.dumps({"query": query, "variables": variables}),
        "map": json.dumps(file_map),
    }
    for key, data in files.items():
        fields[key] = SimpleUploadedFile(f"{key}.jpg", data, content_type="image/jpeg")
    headers = {"Authorization": f"Bearer {issue_access_token(user)}", **PREFLIGHT}
    return client.post("/graphql", fields, headers=headers)


def two_inputs():
    return {"a": {"file": None, "title": "A"}, "b": {"file": None, "title": "B"}}


def assert_refused(response, status, message_part, stored_files):
    assert response.status_code == status, response.content
    errors = response.json()["errors"]
    assert errors[0]["extensions"]["code"] in ("BAD_REQUEST", "QUERY_TOO_COMPLEX")
    assert message_part in errors[0]["message"]
    assert not Image.objects.exists() and stored_files() == []


def test_one_file_mapped_to_several_aliased_uploads_is_a_bad_request(client, ann, stored_files):
    file_map = {"0": ["variables.a.file", "variables.b.file"]}

    response = post_multipart(
        client, ann, TWO_UPLOADS, two_inputs(), file_map, {"0": image_bytes()}
    )

    assert_refused(response, 400, "mapped to 2 paths", stored_files)


@pytest.mark.parametrize("query", [TWO_UPLOADS_OF_ONE_INPUT, UPLOAD_IN_A_FRAGMENT])
def test_one_file_variable_used_by_several_aliased_uploads_is_a_bad_request(
    client, ann, stored_files, query
):
    variables = {"input": {"file": None, "title": "Twice"}}

    response = post_multipart(
        client, ann, query, variables, {"0": ["variables.input.file"]}, {"0": image_bytes()}
    )

    assert_refused(response, 400, "$input is used 2 times", stored_files)


def test_aliased_uploads_of_distinct_files_are_each_saved(client, ann):
    file_map = {"0": ["variables.a.file"], "1": ["variables.b.file"]}
    files = {"0": image_bytes(), "1": image_bytes(format="PNG")}

    response = post_multipart(client, ann, TWO_UPLOADS, two_inputs(), file_map, files)

    data = response.json()["data"]
    assert data["a"]["errors"] == [] and data["b"]["errors"] == []
    assert sorted(Image.objects.values_list("title", flat=True)) == ["A", "B"]


@pytest.mark.parametrize("parser_stops_first", [False, True], ids=["our-count", "django-parser"])
def test_more_files_than_allowed_is_a_bad_request(
    client, ann, stored_files, settings, parser_stops_first
):
    settings.UPLOAD_MAX_FILES = 2
    if parser_stops_first:
        settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = {str(n): image_bytes() for n in range(3)}
    file_map = {"0": ["variables.a.file"], "1": ["variables.b.file"], "2": ["variables.c"]}
    variables = {**two_inputs(), "c": None}

    response = post_multipart(client, ann, TWO_UPLOADS, variables, file_map, files)

    assert_refused(response, 400, "at most 2 files", stored_files)


def test_a_body_longer_than_the_allowed_files_is_refused_before_it_is_read(
    client, ann, stored_files, settings
):
    settings.IMAGE_MAX_BYTES = 2_000
    settings.UPLOAD_MAX_FILES = 2
    settings.GRAPHQL_MAX_BODY_BYTES = 2_000
    files = {"0": b"\xff" * 3_000, "1": b"\xff" * 3_000}  # 6 KB, over 2 x 2 KB + 2 KB
    file_map = {"0": ["variables.a.file"], "1": ["variables.b.file"]}

    response = post_multipart(client, ann, TWO_UPLOADS, two_inputs(), file_map, files)

    assert_refused(response, 413, "larger than 2 files of", stored_files)


def test_an_uploaded_bomb_across_frames_is_too_large(client, ann, stored_files):
    payload = upload(client, ann, gif_claiming(7000, 7000, 4), name="frames.gif")

    assert error_codes(payload) == ["TOO_LARGE"]
    assert payload["errors"][0]["field"] == "file"
    assert not Image.objects.exists() and stored_files() == []
