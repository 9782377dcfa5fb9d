"""A feed page is read from a bounded set of candidate actions (activity.targets.first_shown)
and, when too many of them are hidden from the viewer, from the whole rule: either way the
pages, forward and backward, are those of the rule, and cost the same at two sizes."""

import pytest

from activity.models import Action
from activity.services import create_action
from tests.query_counts import queries_at_page_sizes
from tests.safety_fixtures import MUTE_WORD, payload
from users.services.follows import follow_user

PAGE = """query($first: Int, $after: String, $last: Int, $before: String) {
  feed(first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { node { description } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""


@pytest.fixture
def mostly_muted(api, ann, bob, make_image):
    """bob bookmarked 40 images, 36 of them about spoilers, which ann muted."""
    follow_user(user_from=ann, user_to=bob)
    shown = []
    for n in range(40):
        title = f"Plain {n}" if n % 10 == 0 else f"Spoilers {n}"
        create_action(bob, Action.Verb.BOOKMARKED_IMAGE, make_image(bob, title))
        if title.startswith("Plain"):
            shown.append(f"bob bookmarked image {title}")
    payload(api, MUTE_WORD, {"w": "spoilers"}, ann, "muteWord")
    return shown[::-1]  # newest first


def walk(api, viewer, first=None, last=None):
    lines, cursor = [], None
    while True:
        if first is not None:
            variables = {"first": first, "after": cursor}
        else:
            variables = {"last": last, "before": cursor}
        feed = api.data(PAGE, variables, user=viewer)["feed"]
        page = [edge["node"]["description"] for edge in feed["edges"]]
        info = feed["pageInfo"]
        if first is not None:
            lines += page
            cursor, more = info["endCursor"], info["hasNextPage"]
        else:
            lines = page + lines
            cursor, more = info["startCursor"], info["hasPreviousPage"]
        if not more:
            return lines, feed["totalCount"]


@pytest.mark.parametrize("size", [1, 2, 3])
def test_pages_of_a_mostly_muted_feed_are_the_rules(api, ann, mostly_muted, size):
    forward, counted = walk(api, ann, first=size)
    backward, _ = walk(api, ann, last=size)

    assert forward == backward == mostly_muted
    assert counted == len(mostly_muted)


def test_a_mostly_muted_feed_costs_the_same_at_two_page_sizes(api, ann, mostly_muted):
    assert len(set(queries_at_page_sizes(api, PAGE, (2, 3), user=ann))) == 1
