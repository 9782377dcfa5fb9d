"""Suspending an account through the moderation queue, and lifting the suspension:
through /graphql, and for live connections through a real server."""

import pytest

from images.models import Image
from infra.errors import DomainError
from moderation.models import Decision
from tests.conftest import PASSWORD, error_codes
from tests.safety_fixtures import ERRORS, IMAGE, USER, gid, payload, titles
from tests.test_moderation import report, resolve
from users.services import sessions

LOGIN = f"""mutation($u: String!, $p: String!) {{ login(input: {{username: $u, password: $p}}) {{
  token refreshToken {ERRORS} }} }}"""
REFRESH = f"""mutation($t: String!) {{ refreshToken(input: {{refreshToken: $t}}) {{
  token {ERRORS} }} }}"""
LIFT = f"""mutation($id: ID!, $note: String) {{
  liftSuspension(input: {{userId: $id, note: $note}}) {{ user {{ username }} {ERRORS} }} }}"""
VIEWER = "{ viewer { username } }"


@pytest.fixture
def mod(make_user):
    return make_user("mod", is_staff=True)


def suspend(api, moderator, reporter, subject):
    made = report(api, reporter, subject)["report"]
    decided = resolve(api, moderator, made["id"], "SUSPEND_USER", "spam ring")
    assert decided["data"]["resolveReport"]["errors"] == []


def login(api, username):
    return payload(api, LOGIN, {"u": username, "p": PASSWORD}, None, "login")


def test_a_suspended_person_cannot_sign_in_and_their_sessions_end(api, ann, bob, mod, sunset):
    session = login(api, "ann")

    suspend(api, mod, bob, sunset)

    assert error_codes(login(api, "ann")) == ["ACCOUNT_SUSPENDED"]
    assert api.post(VIEWER, token=session["token"]).json().get("data", {}).get("viewer") is None
    refreshed = payload(api, REFRESH, {"t": session["refreshToken"]}, None, "refreshToken")
    assert error_codes(refreshed) == ["INVALID_TOKEN"]


def test_a_wrong_password_of_a_suspended_account_is_just_wrong(api, ann, bob, mod):
    suspend(api, mod, bob, ann)

    wrong = payload(api, LOGIN, {"u": "ann", "p": "not-it"}, None, "login")

    assert error_codes(wrong) == ["INVALID_CREDENTIALS"]


def test_what_a_suspended_person_posted_is_absent_but_to_staff(api, ann, bob, mod, sunset):
    suspend(api, mod, bob, sunset)

    for viewer in (bob, None):
        assert api.data(USER, {"u": "ann"}, user=viewer)["user"] is None
        assert api.data(IMAGE, {"id": gid(sunset)}, user=viewer)["image"] is None
        assert titles(api, viewer) == []
    assert api.data(USER, {"u": "ann"}, user=mod)["user"] == {"username": "ann"}
    assert titles(api, mod) == ["Sunset"]
    assert not Image.objects.get().hidden_by_moderators


def test_lifting_the_suspension_brings_the_account_back_and_is_logged(api, ann, bob, mod, sunset):
    suspend(api, mod, bob, sunset)

    lifted = payload(api, LIFT, {"id": gid(ann), "note": "appeal granted"}, mod, "liftSuspension")

    assert lifted == {"user": {"username": "ann"}, "errors": []}
    assert login(api, "ann")["errors"] == []
    assert titles(api, bob) == ["Sunset"]
    log = Decision.objects.order_by("created", "id")
    assert [(d.action, d.account, d.moderator, d.note) for d in log] == [
        ("suspend_user", ann, mod, "spam ring"),
        ("lift_suspension", ann, mod, "appeal granted"),
    ]


def test_lifting_is_staffs_only_and_needs_a_suspension(api, ann, bob, mod):
    refused = api.execute(LIFT, {"id": gid(ann)}, user=bob)
    not_suspended = payload(api, LIFT, {"id": gid(ann)}, mod, "liftSuspension")

    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert error_codes(not_suspended) == ["NOT_SUSPENDED"]
    assert not Decision.objects.exists()


def test_staff_are_not_suspended_through_the_queue(api, bob, mod, make_user):
    other_mod = make_user("other", is_staff=True)
    made = report(api, bob, other_mod)["report"]

    decided = resolve(api, mod, made["id"], "SUSPEND_USER")["data"]["resolveReport"]

    assert error_codes(decided) == ["CANNOT_SUSPEND"]
    assert not other_mod.__class__.objects.get(pk=other_mod.pk).is_suspended


def test_a_suspended_account_cannot_start_a_session_by_any_door(db, ann):
    ann.is_suspended = True

    with pytest.raises(DomainError) as refused:
        sessions.start_session(ann)

    assert refused.value.problems[0].code.name == "ACCOUNT_SUSPENDED"
