"""Helpers for the jobs' tests: sending a file to `importBookmarks`, reading a job back,
and bookmark files and CSVs of links to a loopback server."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id

from jobs import tasks
from jobs.models import Job
from testing.pictures import picture_bytes
from tests.conftest import PREFLIGHT
from users.tokens import issue_access_token

IMPORT = """
mutation Import($input: ImportBookmarksInput!) {
  importBookmarks(input: $input) { job { id kind status total } errors { field code message } }
}"""

JOB = """
query Job($id: ID!) {
  node(id: $id) {
    ... on Job {
      id kind status total done failed message resultUrl createdAt finishedAt
      errors(first: 50) { line url message }
    }
  }
}"""


def send_import(client, user, data, *, name="bookmarks.html", board_id=None):
    variables = {"input": {"file": None, **({"boardId": board_id} if board_id else {})}}
    response = client.post(
        "/graphql",
        {
            "operations": json.dumps({"query": IMPORT, "variables": variables}),
            "map": json.dumps({"0": ["variables.input.file"]}),
            "0": SimpleUploadedFile(name, data, content_type="application/octet-stream"),
        },
        headers={"Authorization": f"Bearer {issue_access_token(user)}", **PREFLIGHT},
    )
    assert response.status_code == 200, response.content
    assert "errors" not in response.json(), response.json()
    return response.json()["data"]["importBookmarks"]


def job_of(api, user, job_id):
    return api.data(JOB, {"id": job_id}, user=user)["node"]


def run_import(global_id) -> None:
    """What a worker does with the import (the task's body, run here)."""
    tasks.run_import(_pk(global_id))


def _pk(global_id):
    from schema.core.ids import decode_id

    return decode_id(global_id, "Job")


def job_gid(job: Job) -> str:
    return to_global_id("Job", job.pk)


def bookmark_file(links, folders=None) -> bytes:
    """A Chrome-style bookmark export: `links` on the bookmarks bar, each folder of
    `folders` (name -> links) inside it. A link is (url, title)."""

    def entries(items, indent):
        return "".join(
            f'{indent}<DT><A HREF="{url}" ADD_DATE="1">{title}</A>\n' for url, title in items
        )

    body = entries(links, "        ")
    for name, items in (folders or {}).items():
        inside = entries(items, "            ")
        body += f"        <DT><H3>{name}</H3>\n        <DL><p>\n{inside}        </DL><p>\n"
    return (
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n"
        '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n'
        "<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n"
        '    <DT><H3 ADD_DATE="1" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>\n'
        f"    <DL><p>\n{body}    </DL><p>\n</DL><p>\n"
    ).encode()


def csv_file(rows) -> bytes:
    lines = ["url,title,description,tags,board"] + [",".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def picture_links(image_server):
    """`picture_links(n)`: links to n distinct pictures on the loopback server."""

    def make(count, start=0):
        return [
            image_server.serve(f"/p{seed}.jpg", picture_bytes(seed))
            for seed in range(start, start + count)
        ]

    return make


@pytest.fixture
def one_worker_task(settings):
    """The import's work done by the calling test alone, in one go."""
    settings.JOB_IMPORT_WORKERS = 1
    settings.JOB_IMPORT_SLICE_SECONDS = 600
