"""Comments and the safety tools, through /graphql: blocked, suspended and hidden comments
are absent, muted people and words leave the muter's comment lists, a mention across a
block tells nobody, and a comment can be reported and hidden; `commentsCount` counts what
each viewer finds."""

from graphql_relay import to_global_id

from activity.models import Notification
from moderation.models import Report
from tests.comment_fixtures import ADD, COMMENTS, image_id
from tests.conftest import error_codes
from tests.safety_fixtures import BLOCK, MUTE, MUTE_WORD, payload
from tests.test_moderation import resolve

REPORT = """mutation($id: ID!) { report(input: {subjectId: $id, reason: HARASSMENT}) {
  report { id } errors { code } } }"""
HIDDEN_FLAG = "query($id: ID!) { node(id: $id) { ... on Comment { text hiddenByModerators } } }"


def texts(api, image, viewer):
    found = api.data(COMMENTS, {"id": image_id(image), "first": 50}, user=viewer)["image"]
    comments = found["comments"]
    listed = [edge["node"]["text"] for edge in comments["edges"]]
    assert comments["totalCount"] == len(listed)
    assert found["commentsCount"] == len(listed)  # the count the viewer would see
    return listed


def test_a_blocked_person_cannot_comment_and_their_comments_are_absent(
    api, ann, bob, carol, sunset, make_comment
):
    make_comment(bob, sunset, "first!")
    make_comment(carol, sunset, "lovely")
    payload(api, BLOCK, {"u": "bob"}, ann, "blockUser")

    added = payload(api, ADD, {"imageId": image_id(sunset), "text": "hi"}, bob, "addComment")

    assert error_codes(added) == ["NOT_FOUND"]
    assert texts(api, sunset, ann) == ["lovely"]
    assert texts(api, sunset, carol) == ["first!", "lovely"]


def test_a_mention_across_a_block_tells_nobody(api, ann, bob, carol, sunset, make_comment):
    payload(api, BLOCK, {"u": "carol"}, bob, "blockUser")

    make_comment(carol, sunset, "look @bob")

    assert not Notification.objects.filter(recipient=bob, kind="mentioned_you").exists()


def test_muted_people_and_words_leave_the_muters_comments(
    api, ann, bob, carol, sunset, make_comment
):
    make_comment(bob, sunset, "from bob")
    make_comment(carol, sunset, "Spoilers ahead")
    make_comment(carol, sunset, "nothing to see")
    payload(api, MUTE, {"u": "bob"}, ann, "muteUser")
    payload(api, MUTE_WORD, {"w": "spoilers"}, ann, "muteWord")

    assert texts(api, sunset, ann) == ["nothing to see"]
    assert len(texts(api, sunset, carol)) == 3


def test_a_reported_comment_hidden_by_moderators_stays_to_its_author_and_staff(
    api, ann, bob, carol, sunset, make_comment, make_user
):
    comment = make_comment(bob, sunset, "rude words")
    mod = make_user("mod", is_staff=True)
    gid = to_global_id("Comment", comment.pk)
    report = payload(api, REPORT, {"id": gid}, carol, "report")["report"]

    resolve(api, mod, report["id"], "HIDE_CONTENT")

    assert texts(api, sunset, carol) == []
    assert texts(api, sunset, ann) == []
    seen = {"text": "rude words", "hiddenByModerators": True}
    assert api.data(HIDDEN_FLAG, {"id": gid}, user=bob)["node"] == seen
    assert api.data(HIDDEN_FLAG, {"id": gid}, user=mod)["node"] == seen
    assert Report.objects.get().status == Report.Status.RESOLVED


def test_suspending_a_comments_author_takes_their_comments_away(
    api, ann, bob, carol, sunset, make_comment, make_user
):
    comment = make_comment(bob, sunset, "spam spam")
    mod = make_user("mod", is_staff=True)
    report = payload(api, REPORT, {"id": to_global_id("Comment", comment.pk)}, carol, "report")[
        "report"
    ]

    resolve(api, mod, report["id"], "SUSPEND_USER")

    assert texts(api, sunset, carol) == []
    assert texts(api, sunset, mod) == ["spam spam"]
