"""The search query language, token by token (search/query.py), hostile inputs included:
whatever is typed parses, and what is not an operator is read as words."""

from datetime import date

import pytest

from search.query import MAX_TERMS, ParsedQuery, parse


def test_words_are_kept_as_typed():
    assert parse("Mountain  lake") == ParsedQuery(words=("Mountain", "lake"))


def test_a_quoted_phrase_is_one_term():
    assert parse('"golden hour" sea') == ParsedQuery(words=("sea",), phrases=("golden hour",))


def test_a_minus_excludes_a_word_or_a_phrase():
    assert parse('sea -beach -"red sky"') == ParsedQuery(
        words=("sea",), excluded=("beach", "red sky")
    )


def test_a_hash_names_a_tag_in_lower_case():
    assert parse("#Sunset #night_sky #a-b") == ParsedQuery(tags=("sunset", "night_sky", "a-b"))


def test_user_names_a_poster():
    assert parse("user:Ann") == ParsedQuery(users=("ann",))


@pytest.mark.parametrize(
    "typed",
    [
        "site:example.com",
        "site:www.example.com",
        "site:https://example.com/a?b=c",
        "SITE:Example.COM",
    ],
)
def test_site_names_a_host_however_given(typed):
    assert parse(typed) == ParsedQuery(sites=("example.com",))


def test_before_and_after_take_a_day():
    assert parse("after:2026-01-31 before:2026-03-01") == ParsedQuery(
        after=date(2026, 1, 31), before=date(2026, 3, 1)
    )


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("before:yesterday", ("before:yesterday",)),
        ("after:2026-02-30", ("after:2026-02-30",)),
        ("site:nohost", ("site:nohost",)),
        ("site:[::1", ("site:[::1",)),
        ("user:", ("user:",)),
        ("#no!tag", ("#no!tag",)),
        ("#" + "x" * 33, ("#" + "x" * 33,)),
        ("colour:red", ("colour:red",)),
    ],
)
def test_an_operator_that_does_not_parse_is_read_as_words(typed, words):
    assert parse(typed) == ParsedQuery(words=words)


@pytest.mark.parametrize("typed", ["", "   ", "-", "#", '"', '""', "- # \" ''", "\x00", "!!! ???"])
def test_a_query_of_nothing_meaningful_is_empty(typed):
    assert parse(typed).is_empty()


def test_an_unbalanced_quote_is_read_as_words():
    assert parse('"golden hour') == ParsedQuery(words=("golden", "hour"))
    assert parse('golden" hour') == ParsedQuery(words=("golden", "hour"))


def test_control_characters_and_nul_separate_words():
    assert parse("sun\x00set\x1fsea") == ParsedQuery(words=("sun", "set", "sea"))


def test_right_to_left_text_and_emoji_are_words():
    assert parse("שקיעה ים 🌅") == ParsedQuery(words=("שקיעה", "ים"))
    assert parse("غروب #شمس") == ParsedQuery(words=("غروب",), tags=("شمس",))


def test_full_width_letters_fold_to_plain_ones():
    assert parse("ｓｕｎｓｅｔ") == ParsedQuery(words=("sunset",))


@pytest.mark.parametrize(
    "typed",
    ["NEAR(sun sea)", "sun*", "^sun", "title:sun", "sun AND NOT sea", "(sun OR sea)", "{title}:x"],
)
def test_full_text_syntax_characters_are_plain_words(typed):
    assert parse(typed).words == tuple(typed.split())


def test_like_wildcards_are_plain_characters():
    assert parse("50% off_") == ParsedQuery(words=("50%", "off_"))


def test_repeated_terms_count_once_and_terms_are_capped():
    assert parse("sea sea") == ParsedQuery(words=("sea",))
    many = " ".join(f"w{number}" for number in range(100))
    assert len(parse(many).words) == MAX_TERMS


def test_ten_kilobytes_parse():
    parsed = parse("sunset " * 1500)
    assert parsed == ParsedQuery(words=("sunset",))
