"""A page reads the row past it, to tell whether there are more, only when the client asks
(`pageInfo { hasNextPage }` or `hasPreviousPage`, fragments followed)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

PAGES = {
    "images": "images(%s) { %s }",
    "a person's images": 'user(username: "ann") { images(%s) { %s } }',
}
TITLES = "edges { node { title } }"


@pytest.fixture
def five_images(ann, make_image):
    return [make_image(ann, title=f"Image {number}") for number in range(5)]


def _page_sql(api, page, arguments, selection, user):
    with CaptureQueriesContext(connection) as captured:
        data = api.data("query { %s }" % (PAGES[page] % (arguments, selection)), user=user)
    sql = [query["sql"] for query in captured if "ORDER BY" in query["sql"]]
    listed = data["images"] if "images" in data else data["user"]["images"]
    return listed, sql[-1]


@pytest.mark.parametrize("page", PAGES)
def test_a_page_not_asked_whether_there_are_more_reads_no_row_past_it(api, five_images, bob, page):
    listed, sql = _page_sql(api, page, "first: 3", TITLES, bob)

    assert sql.endswith("LIMIT 3")
    assert [edge["node"]["title"] for edge in listed["edges"]] == ["Image 4", "Image 3", "Image 2"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("first: 3", {"hasNextPage": True, "hasPreviousPage": False}),
        ("first: 5", {"hasNextPage": False, "hasPreviousPage": False}),
        ("last: 3", {"hasNextPage": False, "hasPreviousPage": True}),
        ("last: 5", {"hasNextPage": False, "hasPreviousPage": False}),
    ],
)
def test_asked_whether_there_are_more_a_page_reads_one_row_past_it(
    api, five_images, bob, page, arguments, expected
):
    selection = TITLES + " pageInfo { hasNextPage hasPreviousPage }"
    listed, sql = _page_sql(api, page, arguments, selection, bob)

    assert listed["pageInfo"] == expected
    assert sql.endswith(f"LIMIT {int(arguments.split()[-1]) + 1}")


def test_the_question_counts_in_a_fragment(api, five_images, bob):
    selection = TITLES + " ... on ImageConnection { pageInfo { hasNextPage } }"

    listed, sql = _page_sql(api, "images", "first: 3", selection, bob)

    assert listed["pageInfo"] == {"hasNextPage": True}
    assert sql.endswith("LIMIT 4")
