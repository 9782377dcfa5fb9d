"""Importing bookmarks through /graphql: the file checked at once, its links saved by the
job (its task's body run here; tests/test_jobs_worker.py runs real workers)."""

import pytest

from boards.models import Board
from images.models import Image
from jobs.models import ImportItem, Job
from testing.image_fixtures import image_bytes
from testing.pictures import picture_bytes
from tests.board_fixtures import gid
from tests.conftest import error_codes
from tests.job_fixtures import (
    bookmark_file,
    csv_file,
    job_of,
    run_import,
    send_import,
)

pytestmark = pytest.mark.usefixtures("one_worker_task")


def test_a_bookmark_file_queues_an_import_of_its_links(client, ann, picture_links):
    links = picture_links(3)

    payload = send_import(
        client, ann, bookmark_file([(url, f"P{i}") for i, url in enumerate(links)])
    )

    assert payload["errors"] == []
    assert payload["job"]["kind"] == "IMPORT"
    assert payload["job"]["status"] == "QUEUED"
    assert payload["job"]["total"] == 3
    assert Image.objects.count() == 0


def test_the_import_saves_each_link_with_its_title(api, client, ann, picture_links):
    links = picture_links(3)
    job_id = send_import(
        client, ann, bookmark_file([(url, f"Photo {i}") for i, url in enumerate(links)])
    )["job"]["id"]

    run_import(job_id)

    job = job_of(api, ann, job_id)
    assert (job["status"], job["done"], job["failed"], job["errors"]) == ("DONE", 3, 0, [])
    assert job["finishedAt"] is not None
    assert sorted(Image.objects.values_list("title", flat=True)) == [
        "Photo 0",
        "Photo 1",
        "Photo 2",
    ]
    assert set(Image.objects.values_list("url", flat=True)) == set(links)
    assert all(image.user_id == ann.pk for image in Image.objects.all())


def test_folders_become_boards_when_no_board_is_given(api, client, ann, picture_links):
    cats, dogs, loose = picture_links(4)[:2], picture_links(1, start=10), picture_links(1, start=20)
    data = bookmark_file(
        [(loose[0], "Loose")], {"Cats": [(u, "cat") for u in cats], "Dogs": [(dogs[0], "dog")]}
    )

    run_import(send_import(client, ann, data)["job"]["id"])

    boards = {board.name: board for board in Board.objects.filter(owner=ann)}
    assert set(boards) == {"Cats", "Dogs"}
    assert {pin.image.url for pin in boards["Cats"].pins.all()} == set(cats)
    assert Image.objects.get(url=loose[0]).pins.count() == 0


def test_a_board_given_takes_every_link(api, client, ann, picture_links, make_board):
    board = make_board(ann, "Inbox")
    links = picture_links(2)
    data = bookmark_file([], {"Cats": [(u, "cat") for u in links]})

    run_import(send_import(client, ann, data, board_id=gid("Board", board))["job"]["id"])

    assert Board.objects.filter(owner=ann).count() == 1
    assert board.pins.count() == 2


def test_someone_elses_board_is_not_found_and_nothing_is_queued(
    client, ann, bob, picture_links, make_board
):
    board = make_board(bob, "Bob's", privacy="secret")

    payload = send_import(
        client, ann, bookmark_file([(picture_links(1)[0], "x")]), board_id=gid("Board", board)
    )

    assert error_codes(payload) == ["NOT_FOUND"]
    assert Job.objects.count() == 0


def test_a_csv_gives_titles_descriptions_tags_and_boards(client, ann, picture_links):
    first, second = picture_links(2)
    data = csv_file(
        [(first, "Harbour", "At dawn", '"sea, boats"', "Trips"), (second, "", "", "", "")]
    )

    run_import(send_import(client, ann, data, name="links.csv")["job"]["id"])

    harbour = Image.objects.get(url=first)
    assert (harbour.title, harbour.description) == ("Harbour", "At dawn")
    assert sorted(harbour.tags.names()) == ["boats", "sea"]
    assert harbour.pins.get().board.name == "Trips"
    assert Image.objects.get(url=second).title == "p1"  # from the address when none is given


def test_a_link_to_a_page_saves_its_og_image_with_the_page_title(client, ann, image_server):
    picture = image_server.serve("/big.jpg", picture_bytes(5))
    page = image_server.serve(
        "/article",
        b"<html><head><title>A walk</title>"
        b'<meta property="og:image" content="/big.jpg"></head></html>',
        content_type="text/html",
    )

    run_import(
        send_import(client, ann, csv_file([(page, "", "", "", "")]), name="l.csv")["job"]["id"]
    )

    image = Image.objects.get()
    assert (image.url, image.title) == (picture, "A walk")


def test_twitter_image_counts_too(client, ann, image_server):
    picture = image_server.serve("/t.jpg", picture_bytes(6))
    page = image_server.serve(
        "/tweet",
        f'<meta name="twitter:image" content="{picture}">'.encode(),
        content_type="text/html",
    )

    run_import(
        send_import(client, ann, csv_file([(page, "Mine", "", "", "")]), name="l.csv")["job"]["id"]
    )

    assert Image.objects.get().title == "Mine"


def test_importing_the_same_file_again_adds_nothing(api, client, ann, picture_links):
    data = bookmark_file([], {"Cats": [(u, f"c{i}") for i, u in enumerate(picture_links(3))]})
    run_import(send_import(client, ann, data)["job"]["id"])

    again = send_import(client, ann, data)["job"]["id"]
    run_import(again)

    job = job_of(api, ann, again)
    assert (job["status"], job["done"], job["failed"]) == ("DONE", 3, 0)
    assert Image.objects.count() == 3
    assert Board.objects.filter(owner=ann).count() == 1
    assert Board.objects.get(owner=ann).pins.count() == 3


def test_a_picture_saved_from_elsewhere_counts_as_already_there(api, client, ann, image_server):
    image_server.serve("/a.jpg", picture_bytes(7))
    copy = image_server.serve("/copy.jpg", picture_bytes(7, encoding="png"))
    run_import(
        send_import(
            client, ann, csv_file([(image_server.url("/a.jpg"), "A", "", "", "")]), name="a.csv"
        )["job"]["id"]
    )

    job_id = send_import(client, ann, csv_file([(copy, "Copy", "", "", "")]), name="b.csv")["job"][
        "id"
    ]
    run_import(job_id)

    job = job_of(api, ann, job_id)
    assert (job["done"], job["failed"]) == (1, 0)
    assert Image.objects.count() == 1


def test_bad_links_are_listed_with_their_line_and_the_rest_imported(
    api, client, ann, image_server, picture_links
):
    good = picture_links(1)[0]
    page = image_server.serve(
        "/plain", b"<html><title>No picture</title></html>", content_type="text/html"
    )
    rows = [
        (good, "Good", "", "", ""),
        ("javascript:alert(1)", "Script", "", "", ""),
        ("file:///etc/passwd", "File", "", "", ""),
        (image_server.url("/missing.jpg"), "Gone", "", "", ""),
        (page, "", "", "", ""),
        (
            image_server.serve("/text.jpg", b"not an image", content_type="image/jpeg"),
            "Fake",
            "",
            "",
            "",
        ),
    ]

    job_id = send_import(client, ann, csv_file(rows), name="mixed.csv")["job"]["id"]
    run_import(job_id)

    job = job_of(api, ann, job_id)
    assert (job["status"], job["done"], job["failed"]) == ("DONE", 1, 5)
    assert [error["line"] for error in job["errors"]] == [3, 4, 5, 6, 7]
    assert job["errors"][0]["url"] == "javascript:alert(1)"
    assert "http" in job["errors"][0]["message"]
    assert "status 404" in job["errors"][2]["message"]
    assert "og:image" in job["errors"][3]["message"]
    assert Image.objects.count() == 1


def test_a_links_failure_is_kept_in_its_owners_language(api, client, ann, image_server):
    ann.language = "es"
    ann.save()
    page = image_server.serve("/plain", b"<html></html>", content_type="text/html")
    rows = [(image_server.url("/missing.jpg"), "Gone", "", "", ""), (page, "", "", "", "")]

    job_id = send_import(client, ann, csv_file(rows), name="es.csv")["job"]["id"]
    run_import(job_id)

    messages = [error["message"] for error in job_of(api, ann, job_id)["errors"]]
    assert messages == [
        "El servidor respondió con el estado 404.",
        "La página no nombra ninguna imagen (og:image ni twitter:image).",
    ]


def test_private_addresses_are_refused(api, client, ann, guarded_image_server):
    url = guarded_image_server.serve("/a.jpg", image_bytes())
    rows = [
        (url, "Loopback", "", "", ""),
        ("http://169.254.169.254/latest/meta-data/", "Metadata", "", "", ""),
    ]

    job_id = send_import(client, ann, csv_file(rows), name="ssrf.csv")["job"]["id"]
    run_import(job_id)

    job = job_of(api, ann, job_id)
    assert job["failed"] == 2
    assert all("private or reserved" in error["message"] for error in job["errors"])
    assert guarded_image_server.hits == []


def test_a_page_naming_a_private_picture_is_refused(api, client, ann, image_server):
    page = image_server.serve(
        "/p",
        b'<meta property="og:image" content="http://10.0.0.1/x.jpg">',
        content_type="text/html",
    )

    job_id = send_import(client, ann, csv_file([(page, "P", "", "", "")]), name="p.csv")["job"][
        "id"
    ]
    run_import(job_id)

    assert "private or reserved" in job_of(api, ann, job_id)["errors"][0]["message"]


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "x.html", "NOT_UTF8"),
        (b"just some words\nwith no links", "x.txt", "NOT_A_BOOKMARK_FILE"),
        (b"url,title\nhttp://a/b.jpg,x\n", "x.csv", "NOT_A_BOOKMARK_FILE"),
        ("<DL><p>caf\u00e9".encode("latin-1"), "x.html", "NOT_UTF8"),
        (b"url,title,description,tags,board\n", "x.csv", "NO_LINKS"),
        (b"<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><p></DL>", "x.html", "NO_LINKS"),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_and_nothing_is_written(
    client, ann, data, name, code
):
    payload = send_import(client, ann, data, name=name)

    assert error_codes(payload) == [code]
    assert payload["job"] is None
    assert Job.objects.count() == 0 and ImportItem.objects.count() == 0


def test_more_than_5000_links_are_refused(client, ann):
    rows = [(f"http://example.com/{n}.jpg", "", "", "", "") for n in range(5001)]

    payload = send_import(client, ann, csv_file(rows), name="many.csv")

    assert error_codes(payload) == ["TOO_MANY_LINKS"]
    assert "5,001" in payload["errors"][0]["message"]
    assert Job.objects.count() == 0


def test_a_file_over_10_mb_is_refused(client, ann):
    data = csv_file([("http://example.com/a.jpg", "x" * 1000, "", "", "")] * 10_600)

    payload = send_import(client, ann, data, name="big.csv")

    assert error_codes(payload) == ["TOO_LARGE"]
    assert Job.objects.count() == 0


def test_signing_in_is_required(api):
    body = api.execute("mutation { requestExport(input: {}) { job { id } } }")

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
