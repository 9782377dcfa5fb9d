"""Reports and the moderation queue, through /graphql: anyone signed in reports, staff
decide, every decision is kept, and the reporters are told."""

import pytest
from graphql_relay import to_global_id

from activity.models import Notification
from images.models import Image
from moderation.models import Decision, Report
from tests.conftest import error_codes
from tests.query_counts import queries_at_page_sizes
from tests.safety_fixtures import ERRORS, IMAGE, gid, payload, titles

REPORT = f"""mutation($id: ID!, $reason: ReportReason!, $comment: String) {{
  report(input: {{subjectId: $id, reason: $reason, comment: $comment}}) {{
    report {{ id status reason comment }} {ERRORS} }} }}"""
RESOLVE = f"""mutation($id: ID!, $action: ModerationAction!, $note: String) {{
  resolveReport(input: {{id: $id, action: $action, note: $note}}) {{
    report {{ status resolvedAt decisions {{ action note moderator {{ username }} }} }}
    {ERRORS} }} }}"""
QUEUE = """query($first: Int, $status: ReportStatus) {
  moderationQueue(first: $first, status: $status) { totalCount edges { node {
    id reason comment status reporter { username } subjectReportsCount
    subjectReports { reporter { username } }
    subject { __typename ... on Image { title hiddenByModerators postedBy { username } }
              ... on User { username } }
    decisions { action note } } } } }"""
REPORT_NODE = "query($id: ID!) { node(id: $id) { ... on Report { status reporter { username } } } }"


@pytest.fixture
def mod(make_user):
    return make_user("mod", is_staff=True)


def report(api, reporter, subject, reason="SPAM", comment=""):
    variables = {"id": gid(subject), "reason": reason, "comment": comment}
    return payload(api, REPORT, variables, reporter, "report")


def resolve(api, moderator, report_id, action, note="checked"):
    variables = {"id": report_id, "action": action, "note": note}
    return api.execute(RESOLVE, variables, user=moderator)


def test_reporting_an_image_opens_a_report(api, bob, sunset):
    made = report(api, bob, sunset, "NUDITY", "  not for here ")

    assert made["errors"] == []
    assert made["report"]["status"] == "OPEN"
    assert made["report"]["reason"] == "NUDITY"
    assert made["report"]["comment"] == "not for here"


def test_reporting_again_while_open_answers_the_same_report(api, bob, sunset):
    first = report(api, bob, sunset)

    again = report(api, bob, sunset, "OTHER")

    assert again["report"] == first["report"]
    assert Report.objects.count() == 1


def test_what_cannot_be_seen_cannot_be_reported(api, ann, bob, make_image):
    private = make_image(ann, "Mine", visibility=Image.Visibility.PRIVATE)

    assert error_codes(report(api, bob, private)) == ["NOT_FOUND"]
    assert error_codes(report(api, bob, bob)) == ["INVALID"]
    assert error_codes(report(api, bob, ann, comment="x" * 1001)) == ["INVALID"]
    board = to_global_id("Board", 1)
    body = api.data(REPORT, {"id": board, "reason": "SPAM"}, user=bob)["report"]
    assert error_codes(body) == ["NOT_FOUND"]
    assert api.execute(REPORT, {"id": "bad", "reason": "SPAM"}, user=bob)["errors"]
    assert not Report.objects.exists()


def test_reporting_needs_a_signed_in_user(api, sunset):
    body = api.execute(REPORT, {"id": gid(sunset), "reason": "SPAM"})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_only_staff_read_the_queue_and_decide(api, ann, bob, sunset):
    made = report(api, bob, sunset)["report"]

    queue = api.execute(QUEUE, user=bob)
    decided = resolve(api, bob, made["id"], "HIDE_CONTENT")

    assert queue["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert decided["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert api.execute(QUEUE)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert not Image.objects.get().hidden_by_moderators
    assert not Decision.objects.exists()


def test_the_queue_lists_open_reports_oldest_first_with_their_subject(
    api, ann, bob, carol, mod, sunset
):
    report(api, bob, sunset, comment="first")
    report(api, carol, ann, "HARASSMENT")
    report(api, carol, sunset, comment="second")

    edges = api.data(QUEUE, {"first": 10}, user=mod)["moderationQueue"]["edges"]

    nodes = [edge["node"] for edge in edges]
    assert [node["comment"] for node in nodes] == ["first", "", "second"]
    assert nodes[0]["subject"] == {
        "__typename": "Image",
        "title": "Sunset",
        "hiddenByModerators": False,
        "postedBy": {"username": "ann"},
    }
    assert nodes[0]["subjectReportsCount"] == 2
    assert nodes[0]["subjectReports"] == [
        {"reporter": {"username": "bob"}},
        {"reporter": {"username": "carol"}},
    ]
    assert nodes[1]["subject"] == {"__typename": "User", "username": "ann"}
    assert nodes[1]["reporter"] == {"username": "carol"}


def test_dismissing_resolves_every_open_report_on_the_subject_and_tells_the_reporters(
    api, bob, carol, mod, sunset
):
    first = report(api, bob, sunset)["report"]
    report(api, carol, sunset)

    decided = resolve(api, mod, first["id"], "DISMISS", "fine by the rules")["data"]

    assert decided["resolveReport"]["errors"] == []
    resolved = decided["resolveReport"]["report"]
    assert resolved["status"] == "RESOLVED" and resolved["resolvedAt"]
    assert resolved["decisions"] == [
        {"action": "DISMISS", "note": "fine by the rules", "moderator": {"username": "mod"}}
    ]
    assert not Report.objects.filter(status=Report.Status.OPEN).exists()
    assert Decision.objects.count() == 2
    told = Notification.objects.filter(kind="report_resolved")
    assert sorted(told.values_list("recipient__username", flat=True)) == ["bob", "carol"]
    assert not Image.objects.get().hidden_by_moderators


def test_the_reporter_reads_the_notification_and_the_report_but_not_the_log(api, bob, mod, sunset):
    made = report(api, bob, sunset)["report"]
    resolve(api, mod, made["id"], "DISMISS", "internal note")
    query = """{ notifications(first: 5) { edges { node { kind actors(first: 2) { username }
      target { __typename ... on Report { id status decisions { note } reporter { username }
      subject { __typename } } } } } } }"""

    (edge,) = api.data(query, user=bob)["notifications"]["edges"]

    assert edge["node"] == {
        "kind": "REPORT_RESOLVED",
        "actors": [{"username": "bob"}],
        "target": {
            "__typename": "Report",
            "id": made["id"],
            "status": "RESOLVED",
            "decisions": [],
            "reporter": None,
            "subject": None,
        },
    }


def test_a_report_is_its_reporters_and_staffs_only(api, ann, bob, mod, sunset):
    made = report(api, bob, sunset)["report"]

    assert api.data(REPORT_NODE, {"id": made["id"]}, user=ann)["node"] is None
    assert api.data(REPORT_NODE, {"id": made["id"]})["node"] is None
    assert api.data(REPORT_NODE, {"id": made["id"]}, user=bob)["node"]["status"] == "OPEN"
    staff_sees = api.data(REPORT_NODE, {"id": made["id"]}, user=mod)["node"]
    assert staff_sees == {"status": "OPEN", "reporter": {"username": "bob"}}


def test_hiding_content_leaves_it_to_its_poster_and_staff(api, ann, bob, carol, mod, sunset):
    made = report(api, bob, sunset)["report"]

    resolve(api, mod, made["id"], "HIDE_CONTENT")

    for viewer in (bob, carol, None):
        assert api.data(IMAGE, {"id": gid(sunset)}, user=viewer)["image"] is None
        assert titles(api, viewer) == []
    for viewer in (ann, mod):
        image = api.data(IMAGE, {"id": gid(sunset)}, user=viewer)["image"]
        assert image == {"title": "Sunset", "hiddenByModerators": True}


def test_a_person_cannot_be_hidden(api, ann, bob, mod):
    made = report(api, bob, ann)["report"]

    decided = resolve(api, mod, made["id"], "HIDE_CONTENT")["data"]["resolveReport"]

    assert error_codes(decided) == ["ACTION_NOT_APPLICABLE"]
    assert Report.objects.get().status == Report.Status.OPEN
    assert not Decision.objects.exists()


def test_a_report_is_decided_once(api, bob, mod, sunset):
    made = report(api, bob, sunset)["report"]
    resolve(api, mod, made["id"], "DISMISS")

    again = resolve(api, mod, made["id"], "HIDE_CONTENT")["data"]["resolveReport"]

    assert error_codes(again) == ["ALREADY_RESOLVED"]
    assert Decision.objects.count() == 1


def test_bad_decisions_are_refused(api, bob, mod, sunset):
    made = report(api, bob, sunset)["report"]

    too_long = resolve(api, mod, made["id"], "DISMISS", "x" * 1001)["data"]["resolveReport"]
    lift = resolve(api, mod, made["id"], "LIFT_SUSPENSION")["data"]["resolveReport"]
    gone = resolve(api, mod, to_global_id("Report", 999), "DISMISS")["data"]["resolveReport"]

    assert error_codes(too_long) == ["INVALID"]
    assert error_codes(lift) == ["INVALID"]
    assert error_codes(gone) == ["NOT_FOUND"]
    assert not Decision.objects.exists()


def test_the_queue_costs_the_same_queries_at_two_page_sizes(api, mod, make_user, make_image):
    for _ in range(12):
        reporter = make_user()
        report(api, reporter, make_image(make_user()))
        report(api, reporter, make_user())

    counts = queries_at_page_sizes(api, QUEUE, (3, 20), user=mod)

    assert len(set(counts)) == 1


def test_staff_learn_they_are_staff_and_nobody_else_is_told(api, mod, bob):
    ask = "query($name: String!) { viewer { isStaff } user(username: $name) { isStaff } }"

    assert api.data(ask, {"name": "bob"}, user=mod) == {
        "viewer": {"isStaff": True},
        "user": {"isStaff": None},
    }
    assert api.data(ask, {"name": "mod"}, user=bob) == {
        "viewer": {"isStaff": False},
        "user": {"isStaff": None},
    }
    assert api.data(ask, {"name": "mod"}) == {"viewer": None, "user": {"isStaff": None}}
