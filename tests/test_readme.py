"""The README's walk through the API runs as written, against the demo data."""

import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql import parse, validate

from demo import data as demo
from schema import schema
from tests.conftest import PASSWORD

pytestmark = pytest.mark.redis

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
WALK = README[README.index("## A walk through the API") : README.index("## Authentication")]
ALL_OPERATIONS = re.findall(r"```graphql\n(.*?)```", README, re.S)
# Subscriptions run over WebSocket (tests/test_subscriptions.py runs these).
SUBSCRIPTIONS = [document for document in ALL_OPERATIONS if document.startswith("subscription")]
OPERATIONS = [
    document
    for document in re.findall(r"```graphql\n(.*?)```", WALK, re.S)
    if document not in SUBSCRIPTIONS
]
CURL_UPLOAD = re.search(r"```sh\ncurl .*?```", README, re.S).group(0)
ROOT = Path(__file__).resolve().parent.parent
MAKE_RUN_ADDRESS = "http://127.0.0.1:8000"


def payload_errors(data):
    payloads = [field for field in data.values() if isinstance(field, dict)]
    return [error for payload in payloads for error in payload.get("errors") or []]


@pytest.mark.django_db(reset_sequences=True)
def test_the_walk_through_runs_as_written(api, live_server, settings):
    """As on `make run`'s machine, offline: the bookmark comes from the server itself."""
    demo.seed()
    host_port = live_server.url.removeprefix("http://")
    settings.IMAGE_FETCH_ALLOWED_HOSTS = [host_port]
    token = refresh_token = None
    assert [re.match(r"(query|mutation) (\w+)", op).group(2) for op in OPERATIONS] == [
        "SignIn",
        "NewestImages",
        "LikeAndView",
        "MostViewed",
        "Follow",
        "Feed",
        "Notifications",
        "MarkRead",
        "Bookmark",
        "Refresh",
    ]

    for operation in OPERATIONS:
        operation = operation.replace(MAKE_RUN_ADDRESS, live_server.url)
        operation = operation.replace("<refreshToken from SignIn>", refresh_token or "")
        data = api.data(operation, token=token)
        assert payload_errors(data) == [], operation
        if "login" in data:
            token, refresh_token = data["login"]["token"], data["login"]["refreshToken"]
        check_operation(data)


def test_every_other_example_is_valid_against_the_schema():
    others = [
        operation
        for operation in ALL_OPERATIONS
        if operation not in OPERATIONS and operation not in SUBSCRIPTIONS
    ]

    assert [re.match(r"(query|mutation) (\w+)", op).group(2) for op in others] == ["SocialSignIn"]
    for operation in others:
        assert validate(schema.graphql_schema, parse(operation)) == [], operation


def check_operation(results):
    """What each step shows, in the words of the README."""
    if "images" in results:
        assert len(results["images"]["edges"]) == 3
        assert results["images"]["pageInfo"]["hasNextPage"] is True
    if "likeImage" in results:
        assert results["likeImage"]["image"]["title"] == "Autumn lake"
        assert results["likeImage"]["image"]["likedByViewer"] is True
        assert results["viewImage"]["counted"] is True
    if "imageRanking" in results:
        assert [image["title"] for image in results["imageRanking"]] == [
            "Sunset over the bay",
            "Morning fog",
            "Desert noon",
        ]
    if "followUser" in results:
        assert results["followUser"]["user"]["isFollowedByViewer"] is True
    if "feed" in results:
        assert results["feed"]["edges"][0]["node"]["actor"]["username"] in demo.FOLLOWS["ann"] + [
            "dan"
        ]
    if "notifications" in results:
        assert results["viewer"]["unreadNotificationsCount"] > 0
        groups = [edge["node"] for edge in results["notifications"]["edges"]]
        assert {group["kind"] for group in groups} == {"LIKED_YOUR_IMAGE", "FOLLOWED_YOU"}
        assert all(group["unread"] for group in groups)
    if "markNotificationsRead" in results:
        assert results["markNotificationsRead"]["unreadNotificationsCount"] == 0
    if "bookmarkImage" in results:
        assert results["bookmarkImage"]["image"]["title"] == "Harbour"


def test_the_upload_example_runs_as_written(api, ann, client):
    operations = re.search(r"-F operations='(.*?)' \\", CURL_UPLOAD).group(1)
    file_map = re.search(r"-F map='(.*?)' \\", CURL_UPLOAD).group(1)
    path = re.search(r"-F 0=@(\S+)", CURL_UPLOAD).group(1)
    photo = SimpleUploadedFile("harbour.jpg", (ROOT / path).read_bytes(), content_type="image/jpeg")
    token = api.data(
        'mutation($p: String!) { login(input: {username: "ann", password: $p}) { token } }',
        {"p": PASSWORD},
    )["login"]["token"]

    headers = dict(re.findall(r'-H "([^:]+): ([^"]+)"', CURL_UPLOAD))
    headers["Authorization"] = f"Bearer {token}"

    response = client.post(
        "/graphql", {"operations": operations, "map": file_map, "0": photo}, headers=headers
    )

    upload = response.json()["data"]["uploadImage"]
    assert upload["errors"] == []
    assert upload["image"]["slug"] == "my-photo"
    assert json.loads(file_map) == {"0": ["variables.file"]}
