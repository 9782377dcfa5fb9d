"""`search` as a client sees it: ranking, each operator of the query language, the three
types, pagination in both orders, privacy, hostile queries and its query count. Alike on
SQLite (FTS5) and PostgreSQL (tsvector, pg_trgm)."""

import pytest
from django.db import connection

from tests.board_fixtures import gid
from tests.query_counts import queries_at_page_sizes
from tests.search_fixtures import SEARCH, found

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(ann, bob, post):
    """A small fixed corpus: two images alike in all but age, one that mentions mountains
    in its description only, and others."""
    return {
        "older": post(ann, "Mountain lake", "Still water", days_ago=3, url="https://example.com/1"),
        "newer": post(ann, "Mountain lake", "Still water", days_ago=1, url="https://example.org/2"),
        "house": post(
            ann, "Lake house", "A mountain in the distance", days_ago=2, url="https://other.org/3"
        ),
        "city": post(
            bob, "City night", "Neon and rain", days_ago=5, url="https://photos.example.com/4"
        ),
        "sea": post(
            bob, "Sea cliffs", "Golden hour over the sea", days_ago=4, url=None, tags=["coast"]
        ),
    }


def test_a_title_match_outranks_a_description_match_and_the_newer_wins_a_tie(api, corpus):
    results = api.data(SEARCH, {"q": "mountain"})["search"]["edges"]

    expected = [corpus["newer"], corpus["older"], corpus["house"]]
    assert [edge["node"]["id"] for edge in results] == [gid("Image", image) for image in expected]


def test_words_match_any_form_of_them(api, corpus):
    assert found(api, "mountains") == ["Mountain lake", "Mountain lake", "Lake house"]


def test_all_words_must_match(api, corpus):
    assert found(api, "mountain distance") == ["Lake house"]
    assert found(api, "mountain neon") == []


def test_a_phrase_matches_its_words_in_order(api, corpus):
    assert found(api, '"golden hour"') == ["Sea cliffs"]
    assert found(api, '"hour golden"') == []


def test_a_minus_leaves_out_what_matches_it(api, corpus):
    assert found(api, "mountain -distance") == ["Mountain lake", "Mountain lake"]
    assert found(api, "-mountain -sea", order="NEWEST") == ["City night"]


def test_a_tag_keeps_the_images_carrying_it(api, corpus, post, ann):
    post(ann, "Harbour", tags=["coast", "boats"], days_ago=6)

    assert found(api, "#coast", order="NEWEST") == ["Sea cliffs", "Harbour"]
    assert found(api, "#COAST #boats") == ["Harbour"]
    assert found(api, "#coast cliffs") == ["Sea cliffs"]
    assert found(api, "#coastal") == []


def test_a_tag_is_a_word_too(api, corpus):
    assert found(api, "coast") == ["Sea cliffs"]


def test_user_keeps_one_posters_images(api, corpus):
    assert found(api, "user:BOB", order="NEWEST") == ["Sea cliffs", "City night"]
    assert found(api, "lake user:bob") == []
    assert found(api, "user:nobody") == []


def test_a_posters_username_is_a_word_too(api, corpus):
    assert found(api, "bob", order="NEWEST") == ["Sea cliffs", "City night"]


def test_site_keeps_the_images_saved_from_a_host_and_its_subdomains(api, corpus):
    assert found(api, "site:example.com", order="NEWEST") == ["Mountain lake", "City night"]
    assert found(api, "site:other.org lake") == ["Lake house"]
    assert found(api, "site:ample.com") == []


def test_before_and_after_keep_a_span_of_days(api, corpus):
    from django.utils import timezone

    today = timezone.now().date()
    days = {days: (today - timezone.timedelta(days=days)).isoformat() for days in range(7)}

    assert found(api, f"after:{days[4]} before:{days[1]}", order="NEWEST") == [
        "Lake house",
        "Mountain lake",
    ]
    assert found(api, f"lake before:{days[2]}") == ["Mountain lake"]


def test_newest_orders_by_age_alone(api, corpus):
    assert found(api, "lake", order="NEWEST") == ["Mountain lake", "Lake house", "Mountain lake"]


@pytest.mark.parametrize("order", ["RELEVANCE", "NEWEST"])
def test_pages_follow_each_other_without_repeats_or_gaps(api, corpus, post, ann, order):
    for number in range(6):
        post(ann, f"Lake {number}", "lake lake" if number % 2 else "", days_ago=number % 3)
    everything = found(api, "lake", order=order)

    seen, after = [], None
    for _ in range(len(everything)):
        variables = {"q": "lake", "order": order, "first": 2, "after": after}
        page = api.data(SEARCH, variables)["search"]
        seen += [edge["node"]["title"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert seen == everything
    assert len(everything) == 9


def test_a_cursor_of_another_order_is_a_bad_request(api, corpus):
    newest = api.data(SEARCH, {"q": "lake", "order": "NEWEST", "first": 1})["search"]
    body = api.execute(SEARCH, {"q": "lake", "after": newest["pageInfo"]["endCursor"]})

    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_REQUEST"]


def test_people_are_found_by_username_and_names(api, ann, bob, make_user):
    make_user("annabel", first_name="Annabel", is_active=False)

    assert found(api, "ann", type="USERS") == ["ann"]
    assert found(api, "Lee", type="USERS") == ["ann"]
    assert found(api, "lee -ann", type="USERS") == []


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="typo tolerance is PostgreSQL's (pg_trgm)"
)
def test_people_are_found_despite_a_typo_on_postgresql(api, make_user):
    make_user("margaret", first_name="Margaret")

    assert found(api, "margret", type="USERS") == ["margaret"]


def test_boards_are_found_by_name_and_description_when_the_viewer_may_see_them(
    api, ann, bob, make_board
):
    make_board(ann, "Alpine walks", description="Mountains in summer")
    make_board(ann, "Mountain plans", privacy="secret")
    make_board(bob, "Rivers", description="mountain streams")

    assert sorted(found(api, "mountain", type="BOARDS")) == ["Alpine walks", "Rivers"]
    assert sorted(found(api, "mountain", type="BOARDS", user=bob)) == ["Alpine walks", "Rivers"]
    assert found(api, "mountain", type="BOARDS", user=ann)[0] == "Mountain plans"
    assert found(api, "mountain user:bob", type="BOARDS", user=ann) == ["Rivers"]


def test_operators_that_do_not_apply_to_a_type_are_ignored(api, ann, make_board):
    make_board(ann, "Lakes")

    assert found(api, "lakes site:example.com #water", type="BOARDS") == ["Lakes"]
    assert found(api, "#water", type="USERS") == []


def test_private_and_unlisted_images_are_found_only_by_who_may_list_them(api, ann, bob, post):
    post(ann, "Secret garden", visibility="private")
    post(ann, "Hidden garden", visibility="unlisted")
    post(ann, "Open garden", days_ago=1)

    assert found(api, "garden") == ["Open garden"]
    assert found(api, "garden", user=bob) == ["Open garden"]
    assert sorted(found(api, "garden", user=ann)) == [
        "Hidden garden",
        "Open garden",
        "Secret garden",
    ]


def test_an_empty_query_finds_nothing(api, corpus):
    assert found(api, "") == []
    assert found(api, ' - # "', type="USERS") == []


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        'mountain"',
        "-",
        "user:",
        "#",
        "site:",
        "before:",
        "mountain\u200f\u202e",
        "הר אגם",
        "جبل",
        "🏔️ mountain 🌊",
        "NEAR(mountain lake)",
        "mountain*",
        "^mountain",
        "title:mountain",
        "{title body}:mountain",
        "mountain AND OR NOT",
        "mountain - - lake",
        "% _ %mountain%",
        "site:%.com",
        "user:%",
        "'; DROP TABLE search_document; --",
        "x" * 200,
    ],
)
def test_a_hostile_query_is_answered(api, corpus, query):
    for kind in ("IMAGES", "USERS", "BOARDS"):
        body = api.execute(SEARCH, {"q": query, "type": kind})
        assert "errors" not in body, body
    assert found(api, "mountain") != []


def test_a_nul_character_is_a_bad_request_as_in_any_text(api, corpus):
    body = api.execute(SEARCH, {"q": "\x00mountain"})

    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_REQUEST"]


def test_fts_syntax_is_read_as_words(api, corpus):
    assert found(api, "title:mountain", order="NEWEST") == []
    assert found(api, "mountain*") == ["Mountain lake", "Mountain lake", "Lake house"]


def test_a_query_over_its_maximum_is_a_bad_request(api, corpus):
    response = api.post(SEARCH, {"q": "sunset " * 1500})

    assert response.status_code == 400
    body = response.json()
    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_REQUEST"]
    assert "200" in body["errors"][0]["message"]


@pytest.mark.parametrize("kind", ["IMAGES", "USERS", "BOARDS"])
def test_a_page_of_results_costs_the_same_queries_at_any_size(
    api, ann, post, make_user, make_board, kind
):
    for number in range(6):
        person = make_user(f"lake{number}", first_name="Lake")
        post(person, f"Lake {number}")
        make_board(person, f"Lake board {number}")

    counts = queries_at_page_sizes(api, SEARCH, [2, 5], {"q": "lake", "type": kind}, user=ann)

    assert counts[0] == counts[1]
