"""The README's walk through the API runs as pasted into a shell, against the demo data
served on port 8100 (a port other than make run's default), and the other examples in
the README and docs/ are valid against the schema."""

import json
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread
from graphql import parse, validate

from demo import data as demo
from schema import schema

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
DOCS = {path.name: path.read_text() for path in sorted((ROOT / "docs").glob("*.md"))}
WALK = README[README.index("## A walk through the API") : README.index("## The reference front")]
STEPS = re.findall(r"```sh\n(.*?)```", WALK, re.S)
# The documents in the walk's steps (between `<<'EOF'` or `<<EOF` and `EOF`).
OPERATIONS = [
    document for step in STEPS for document in re.findall(r"<<'?EOF'?\n(.*?)\nEOF", step, re.S)
]
ALL_OPERATIONS = [
    document
    for text in [README, *DOCS.values()]
    for document in re.findall(r"```graphql\n(.*?)```", text, re.S)
]
# Subscriptions run over WebSocket (tests/test_subscriptions.py runs these).
SUBSCRIPTIONS = [document for document in ALL_OPERATIONS if document.startswith("subscription")]
MAKE_RUN_ADDRESS = "http://127.0.0.1:8000"
KEEP_ANSWER = 'printf "%s\\n" "$ANSWER" >> "$ANSWERS"'
# `gql` as the README defines it, then the answer kept.
KEEP_ANSWERS = f'eval "readme_$(declare -f gql)"\ngql() {{ readme_gql; {KEEP_ANSWER}; }}'
PORT = 8100


def port_is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture
def server_on_8100(transactional_db, settings):
    """The project (with its static files, as under DEBUG) on 127.0.0.1:8100, or on
    another free port when something else holds that one."""
    server = LiveServerThread(
        "127.0.0.1", StaticFilesHandler, port=PORT if port_is_free(PORT) else 0
    )
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    url = f"http://127.0.0.1:{server.port}"
    settings.PUBLIC_URL = url
    settings.IMAGE_FETCH_ALLOWED_HOSTS = [f"127.0.0.1:{server.port}"]  # as make run sets it
    yield url
    server.terminate()


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_the_walk_through_runs_as_pasted(server_on_8100, tmp_path):
    demo.seed()
    assert [re.match(r"(query|mutation) (\w+)", op).group(2) for op in OPERATIONS] == [
        "SignIn",
        "NewestImages",
        "TaggedSky",
        "LikeAndView",
        "MostViewed",
        "Follow",
        "Feed",
        "Notifications",
        "MarkRead",
        "Bookmark",
        "Refresh",
    ]
    assert f"export PINMARK={MAKE_RUN_ADDRESS} " in STEPS[0]
    # The reader pastes the line `make run PORT=8100` printed, then each step as written;
    # each answer is kept for the checks below.
    answers = tmp_path / "answers"
    script = [STEPS[0].replace(MAKE_RUN_ADDRESS, server_on_8100), "set -e", KEEP_ANSWERS]
    for step in STEPS[1:]:
        script += [step] if "gql <<" in step else [step, KEEP_ANSWER]
    shell = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=tmp_path,  # not the repository: the steps work from any directory
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path), "ANSWERS": str(answers)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shell.returncode == 0, shell.stderr

    results = [json.loads(line) for line in answers.read_text().splitlines()]
    assert len(results) == len(OPERATIONS) + 1  # and the upload
    for result in results:
        assert "errors" not in result, result
        assert payload_errors(result["data"]) == [], result
        check_operation(result["data"])
    assert results[-2]["data"]["uploadImage"]["image"]["slug"] == "my-photo"
    assert results[-1]["data"]["refreshToken"]["token"]


def payload_errors(data):
    payloads = [field for field in data.values() if isinstance(field, dict)]
    return [error for payload in payloads for error in payload.get("errors") or []]


def test_every_other_example_is_valid_against_the_schema():
    assert "SocialSignIn" in [re.match(r"\w+ (\w+)", op).group(1) for op in ALL_OPERATIONS]
    for operation in ALL_OPERATIONS + OPERATIONS:
        if operation in SUBSCRIPTIONS or "$" in operation.split("{", 1)[1]:
            continue  # subscriptions, and documents the shell fills in ($PINMARK)
        assert validate(schema.graphql_schema, parse(operation)) == [], operation


def check_operation(results):
    """What each step shows, in the words of the README."""
    if "images" in results:
        assert len(results["images"]["edges"]) == 3
        assert results["images"]["pageInfo"]["hasNextPage"] is True
    if "tagged" in results:
        titles = {edge["node"]["title"] for edge in results["tagged"]["edges"]}
        assert titles == {"Sunset over the bay", "Desert noon", "Northern lights"}
        assert all("sky" in edge["node"]["tags"] for edge in results["tagged"]["edges"])
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
        assert {group["kind"] for group in groups} == {
            "LIKED_YOUR_IMAGE",
            "FOLLOWED_YOU",
            "COMMENTED_ON_YOUR_IMAGE",
        }
        assert all(group["unread"] for group in groups)
    if "markNotificationsRead" in results:
        assert results["markNotificationsRead"]["unreadNotificationsCount"] == 0
    if "bookmarkImage" in results:
        assert results["bookmarkImage"]["image"]["title"] == "Harbour"
        assert results["bookmarkImage"]["image"]["tags"] == ["harbour", "sample"]
