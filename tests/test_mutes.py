"""Muting people and words, through /graphql: what they do or say leaves the muter's feed,
search and notifications; nobody is told, and nothing changes for anyone else."""

import re

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from activity.models import Action
from activity.services import create_action
from images import services as image_services
from images.models import Image
from images.selectors import without_muted
from tests.conftest import error_codes
from tests.query_counts import queries_at_page_sizes
from tests.safety_fixtures import (
    MUTE,
    MUTE_WORD,
    NOTIFICATIONS,
    UNMUTE,
    UNMUTE_WORD,
    USER,
    feed,
    payload,
    titles,
    usernames,
)
from users import muted_words
from users.models import MutedWord, User
from users.selectors import muted_words_of, not_muted
from users.services import mutes

MUTED = """query($first: Int) { viewer { mutedWords mutedUsers(first: $first) {
  totalCount edges { node { username } } } } }"""


def mute(api, muter, username):
    return payload(api, MUTE, {"u": username}, muter, "muteUser")


def mute_word(api, user, word):
    return payload(api, MUTE_WORD, {"w": word}, user, "muteWord")


def test_a_muted_person_leaves_the_feed_search_and_notifications(api, ann, bob, carol, make_image):
    sunset = make_image(ann, "Sunset")
    tree = make_image(bob, "Tree")
    create_action(bob, Action.Verb.BOOKMARKED_IMAGE, tree)
    create_action(carol, Action.Verb.JOINED)
    image_services.like_image(user=bob, image_id=sunset.pk)

    assert mute(api, ann, "bob") == {"user": {"username": "bob"}, "errors": []}

    assert feed(api, ann) == ["carol joined"]
    assert titles(api, ann) == ["Sunset"]
    assert usernames(api, ann, search="o") == ["carol"]
    told = api.data(NOTIFICATIONS, user=ann)
    assert told["notifications"] == {"totalCount": 0, "edges": []}
    assert told["viewer"]["unreadNotificationsCount"] == 0


def test_a_muted_person_is_still_found_by_name_and_is_not_told(api, ann, bob, make_image):
    make_image(bob, "Tree")
    mute(api, ann, "bob")

    assert api.data(USER, {"u": "bob"}, user=ann)["user"] == {"username": "bob"}
    posted = 'query { images(postedBy: "bob", first: 5) { edges { node { title } } } }'
    assert api.data(posted, user=ann)["images"]["edges"] == [{"node": {"title": "Tree"}}]
    assert api.data(MUTED, {"first": 5}, user=bob)["viewer"]["mutedUsers"]["totalCount"] == 0
    assert titles(api, bob) == ["Tree"]


def test_unmuting_brings_them_back(api, ann, bob, make_image):
    make_image(bob, "Tree")
    mute(api, ann, "bob")

    payload(api, UNMUTE, {"u": "bob"}, ann, "unmuteUser")

    assert titles(api, ann) == ["Tree"]


def test_muting_yourself_or_nobody_is_refused(api, ann):
    assert error_codes(mute(api, ann, "ann")) == ["CANNOT_MUTE_SELF"]
    assert error_codes(mute(api, ann, "nobody")) == ["NOT_FOUND"]


def test_a_muted_word_hides_images_that_hold_it_as_a_whole_word(api, ann, bob, carol, make_image):
    for title in ("Cats at noon", "A category", "Snow-cat", "Dogs", "CAT", "Cat at noon"):
        image = make_image(bob, title)
        create_action(bob, Action.Verb.BOOKMARKED_IMAGE, image)
    make_image(bob, "Plain", description="my cat sleeps")

    assert mute_word(api, ann, "  Cat ") == {"mutedWords": ["cat"], "errors": []}

    kept = ["A category", "Cats at noon", "Dogs"]
    assert sorted(titles(api, ann)) == kept
    assert sorted(feed(api, ann)) == [f"bob bookmarked image {title}" for title in kept]
    assert len(titles(api, carol)) == 7


def test_a_muted_phrase_matches_its_words_in_order(api, ann, bob, make_image):
    make_image(bob, "Red car parked")
    make_image(bob, "Car, red")
    mute_word(api, ann, "red   car")

    assert titles(api, ann) == ["Car, red"]


def test_muted_words_are_listed_to_their_owner_only_and_can_be_unmuted(api, ann, bob):
    for word in ("zebra", "apple", "apple"):
        mute_word(api, ann, word)

    assert api.data(MUTED, user=ann)["viewer"]["mutedWords"] == ["apple", "zebra"]
    others = 'query { user(username: "ann") { mutedWords mutedUsers(first: 5) { totalCount } } }'
    assert api.data(others, user=bob)["user"] == {"mutedWords": None, "mutedUsers": None}
    unmuted = payload(api, UNMUTE_WORD, {"w": "APPLE"}, ann, "unmuteWord")
    assert unmuted == {"mutedWords": ["zebra"], "errors": []}


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("", "REQUIRED"),
        ("   ", "REQUIRED"),
        ("x" * 51, "INVALID"),
        ("a|b", "INVALID"),
        ("(cat)", "INVALID"),
        ("cat*", "INVALID"),
        ("-cat", "INVALID"),
    ],
)
def test_a_word_that_is_not_one_is_refused(api, ann, word, code):
    assert error_codes(mute_word(api, ann, word)) == [code]
    assert not MutedWord.objects.exists()


def test_past_the_limit_of_muted_words_a_new_one_is_refused(api, ann):
    MutedWord.objects.bulk_create(
        MutedWord(user=ann, word=f"word{n}") for n in range(muted_words.MUTED_WORDS_LIMIT)
    )

    assert error_codes(mute_word(api, ann, "one-more")) == ["TOO_MANY_MUTED_WORDS"]
    assert mute_word(api, ann, "word7")["errors"] == []  # muting one again is fine
    assert MutedWord.objects.count() == muted_words.MUTED_WORDS_LIMIT


def test_muting_needs_a_signed_in_user(api):
    body = api.execute(MUTE_WORD, {"w": "cat"})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_muted_users_cost_the_same_queries_at_two_page_sizes(api, ann, make_user):
    for _ in range(12):
        mute(api, ann, make_user().username)

    assert len(set(queries_at_page_sizes(api, MUTED, (3, 10), user=ann))) == 1


@pytest.mark.parametrize(
    ("text", "muted"),
    [
        ("cat", True),
        ("Cat.", True),
        ("#cat", True),
        ("the cat's toy", True),
        ("category", False),
        ("bobcat", False),
        ("cat_food", False),
        ("", False),
    ],
)
def test_the_muted_word_pattern_matches_whole_words(text, muted):
    pattern = muted_words.pattern(["cat", "snow-man"])

    assert bool(re.search(pattern, text, re.IGNORECASE)) is muted


def test_the_database_matches_muted_words_as_python_does(db, ann, make_image):
    for title in ("Snow-man", "snowman", "Big SNOW-MAN!", "a cat", "catalog"):
        make_image(ann, title)
    ann.__dict__["_muted_words"] = ["cat", "snow-man"]

    kept = Image.objects.filter(without_muted(ann, ["cat", "snow-man"]))

    assert sorted(kept.values_list("title", flat=True)) == ["catalog", "snowman"]


def _images_page_sql(api, user):
    with CaptureQueriesContext(connection) as captured:
        api.data("query { images(first: 5) { edges { node { title } } } }", user=user)
    return next(query["sql"] for query in captured if 'FROM "images_image"' in query["sql"])


def test_a_viewer_who_muted_nobody_pays_no_test_of_whom_they_muted(api, ann, bob, make_image):
    make_image(bob, "Tree")
    assert '"users_mute"' not in _images_page_sql(api, ann)

    mute(api, ann, "bob")

    assert '"users_mute"' in _images_page_sql(api, ann)
    assert titles(api, ann) == []


def test_a_requests_viewer_holds_their_muted_words_in_order_without_a_query(ann):
    for word in ("zebra", "apple", "mango"):
        mutes.mute_word(user=ann, word=word)
    viewer = muted_words.with_mutes(User.objects.filter(pk=ann.pk)).get()

    with CaptureQueriesContext(connection) as queries:
        words = muted_words_of(viewer)

    assert (words, len(queries)) == (["apple", "mango", "zebra"], 0)


def test_muting_someone_forgets_that_the_viewer_had_muted_nobody(ann, bob):
    viewer = muted_words.with_mutes(User.objects.filter(pk=ann.pk)).get()
    assert not_muted(viewer, "user_id") == Q()

    mutes.mute(muter=viewer, username="bob")

    assert not_muted(viewer, "user_id") != Q()
    assert not Image.objects.filter(not_muted(viewer, "user_id"), user=bob).exists()
