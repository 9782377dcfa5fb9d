"""Muted words at the edges of what a word is, through /graphql, on both databases: the
test PostgreSQL runs before the regular expression (images/selectors/muted_text.py) must
pass wherever the whole-word rule mutes, however a text would be cut into words or
stemmed for search."""

import re

import pytest
from django.db import connection

from activity.models import Action
from activity.services import create_action
from images.selectors.muted_text import prefiltered
from images.tags import set_image_tags
from tests.safety_fixtures import MUTE_WORD, feed, payload, titles
from users import muted_words

CASES = [
    # (muted word, title, muted?)
    # Words that stem alike, and stop words (for search's English configuration).
    ("running", "Running late", True),
    ("running", "She runs", False),
    ("cats", "Two cats!", True),
    ("cats", "One cat", False),
    ("the", "The end", True),
    ("it's", "It's here", True),
    ("it's", "Its here", False),
    # Punctuation, and what a search parser reads as an address, a number or markup.
    ("cat", "Mail cat@example.com", True),
    ("cat", "See example.com/cat", True),
    ("example", "See example.com/cat", True),
    ("14", "Version 3.14", True),
    ("5", "Down to -5 today", True),
    ("cat", "The <cat> tag", True),
    ("cat", "Say &cat; twice", True),
    ("jpg", "IMG_2041.jpg", True),
    ("img_2041", "IMG_2041.jpg", True),
    ("img_2041", "img 2041", False),
    ("cat", "cat_food", False),
    ("cat", "category", False),
    # A word of underscores alone has no letters or digits to test first.
    ("_", "Snake _ case", True),
    ("_", "snake_case", False),
    ("__ _", "Lines __ _ here", True),
    # What a search parser reads as a number in scientific notation.
    ("1e5x", "Set to 1e5x now", True),
    ("x", "Set to 1e5x now", False),
    ("1e5", "Set to 1e5x now", False),
    ("1e5", "About 1E5 of them", True),
    ("red car", "A red car-park", True),
    ("red car", "A red-car park", False),
    ("snow-man", "Snow man", False),
    ("snow-man", "SNOW-MAN!", True),
    # An ASCII word in a text that is not plain ASCII letters, digits and punctuation.
    ("cat", "Ça, a cat", True),
    ("cat", "Çacat", False),
    ("cat", "A cat and snake_case", True),
    ("cat", "2e5 cats and a cat", True),
    ("cats", "2e5cats", False),
    # Accents and case.
    ("café", "CAFÉ au lait", True),
    ("café", "Cafe au lait", False),
    ("naïve", "A NAÏVE idea", True),
    ("кот", "Мой КОТ спит", True),
    ("кот", "Котик", False),
    ("kırmızı", "KIRMIZI araba", True),
]


def mute_word(api, user, word):
    assert payload(api, MUTE_WORD, {"w": word}, user, "muteWord")["errors"] == []


@pytest.mark.parametrize(("word", "title", "muted"), CASES)
def test_a_muted_word_mutes_exactly_where_it_stands_as_a_whole_word(
    api, ann, bob, make_image, word, title, muted
):
    image = make_image(bob, title)
    create_action(bob, Action.Verb.BOOKMARKED_IMAGE, image)
    make_image(bob, "Unrelated")
    mute_word(api, ann, word)

    assert (title not in titles(api, ann)) is muted
    assert (f"bob bookmarked image {title}" not in feed(api, ann)) is muted
    assert re_matches(word, title) is muted  # the rule itself says so too


def re_matches(word, text) -> bool:
    return re.search(muted_words.pattern([word]), text, re.IGNORECASE) is not None


def test_every_case_is_matched_in_the_description_too(api, ann, bob, make_image):
    for number, (_, title, _) in enumerate(CASES):
        make_image(bob, f"Photo n{number}", description=title)
    for word in {word for word, _, _ in CASES}:
        mute_word(api, ann, word)

    expected = {
        f"Photo n{number}"
        for number, (_, text, _) in enumerate(CASES)
        if not any(re_matches(word, text) for word, _, _ in CASES)
    }
    assert set(titles(api, ann)) == expected


def test_a_phrase_is_not_matched_across_the_title_and_the_description(api, ann, bob, make_image):
    make_image(bob, "A red", description="car on the road")
    mute_word(api, ann, "red car")

    assert titles(api, ann) == ["A red"]


def test_a_muted_word_equal_to_a_tag_mutes_the_image(api, ann, bob, make_image):
    tagged = make_image(bob, "Sunday")
    set_image_tags(image=tagged, tags=["cats", "sea"])
    make_image(bob, "Monday")
    mute_word(api, ann, "cats")

    assert titles(api, ann) == ["Monday"]


@pytest.mark.parametrize("word", ["cats", "dogs"])
def test_the_feed_shows_and_counts_tagged_images_whether_a_muted_word_is_a_tag_or_none(
    api, ann, bob, make_image, word
):
    for title, tags in [("Sunday", ["cats", "sea"]), ("Monday", ["sea"]), ("Tuesday", [])]:
        image = make_image(bob, title)
        set_image_tags(image=image, tags=tags)
        create_action(bob, Action.Verb.BOOKMARKED_IMAGE, image)
    mute_word(api, ann, word)

    shown = {"cats": ["Tuesday", "Monday"], "dogs": ["Tuesday", "Monday", "Sunday"]}[word]
    assert feed(api, ann) == [f"bob bookmarked image {title}" for title in shown]


def test_only_words_of_ascii_characters_are_tested_cheaply_first():
    on_postgresql = connection.vendor == "postgresql"

    assert prefiltered(["cat", "it's", "snow-man", "img_2041"]) is on_postgresql
    assert not prefiltered(["cat", "café"])
    assert not prefiltered(["kırmızı"])
    # Nothing to test first: no letters or digits, or only a number the parser may cut.
    assert not prefiltered(["cat", "_"])
    assert not prefiltered(["cat", "1e5"])
