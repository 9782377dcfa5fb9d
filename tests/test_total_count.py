"""totalCount stops counting at a cap, so that it costs no more as a table grows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

USERS = "{ users { totalCount } }"


def test_a_list_shorter_than_the_cap_is_counted_exactly(api, make_user):
    for _ in range(4):
        make_user()

    assert api.data(USERS)["users"]["totalCount"] == 4


def test_a_list_longer_than_the_cap_answers_the_cap(api, make_user, settings):
    settings.GRAPHQL_MAX_TOTAL_COUNT = 3
    for _ in range(5):
        make_user()

    with CaptureQueriesContext(connection) as queries:
        count = api.data(USERS)["users"]["totalCount"]

    assert count == 3
    assert "LIMIT 3" in queries[-1]["sql"]
