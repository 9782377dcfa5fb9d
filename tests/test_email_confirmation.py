"""A new e-mail address takes effect when the link mailed to it is followed."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.celery_fixtures import run_tasks_here
from tests.conftest import error_codes
from users import emailed_links
from users.emailed_links import EMAIL_CHANGE

LINK = re.compile(r"http://127\.0\.0\.1:8000/confirm-email#(?P<uid>[\w-]+)/(?P<token>[\w-]+)")

UPDATE_EMAIL = """mutation($email: String!) {
  updateProfile(input: {email: $email}) { user { email pendingEmail } errors { code } }
}"""
CONFIRM = """mutation($uid: String!, $token: String!) {
  confirmEmailChange(input: {uid: $uid, token: $token}) { email errors { field code message } }
}"""
VIEWER = "{ viewer { email pendingEmail } }"


def ask_for(api, user, email):
    return api.data(UPDATE_EMAIL, {"email": email}, user=user)["updateProfile"]


def confirm(api, uid, link_token, **kwargs):
    return api.data(CONFIRM, {"uid": uid, "token": link_token}, **kwargs)["confirmEmailChange"]


def link_parts(user):
    user.refresh_from_db()
    return LINK.fullmatch(emailed_links.link_for(EMAIL_CHANGE, user)).group("uid", "token")


@pytest.mark.django_db(transaction=True)
def test_the_link_mailed_to_the_new_address_applies_the_change_once(api, ann, smtp_server):
    ask_for(api, ann, "ann.new@example.com")

    run_tasks_here()
    [message] = smtp_server.wait_for_messages(1)
    assert message.to == ["ann.new@example.com"]
    assert message.subject == "Confirm your new Pinmark e-mail address"
    link = LINK.search(message.text)
    assert link is not None and f'href="{link.group(0)}"' in message.html

    # followed in any browser: no sign-in needed, a stale token does not matter
    assert confirm(api, link["uid"], link["token"], token="stale") == {
        "email": "ann.new@example.com",
        "errors": [],
    }
    assert api.data(VIEWER, user=ann)["viewer"] == {
        "email": "ann.new@example.com",
        "pendingEmail": None,
    }
    assert error_codes(confirm(api, link["uid"], link["token"])) == ["INVALID_TOKEN"]


@pytest.mark.django_db(transaction=True)
def test_an_address_another_account_holds_gets_no_mail(api, ann, bob, smtp_server):
    assert ask_for(api, bob, "ann@example.com")["errors"] == []

    run_tasks_here()
    assert smtp_server.messages == []


def test_a_replaced_request_kills_the_first_link(api, ann):
    ask_for(api, ann, "first@example.com")
    first = link_parts(ann)
    ask_for(api, ann, "second@example.com")

    assert error_codes(confirm(api, *first)) == ["INVALID_TOKEN"]
    assert confirm(api, *link_parts(ann))["email"] == "second@example.com"


def test_a_link_expires(api, ann, settings):
    ask_for(api, ann, "late@example.com")
    uid, token = link_parts(ann)

    with time_machine.travel(timezone.now() + timedelta(seconds=settings.EMAIL_CHANGE_TIMEOUT + 5)):
        assert error_codes(confirm(api, uid, token)) == ["INVALID_TOKEN"]

    assert api.data(VIEWER, user=ann)["viewer"]["email"] == "ann@example.com"


def test_an_address_taken_meanwhile_is_refused_and_changes_nothing(api, ann, make_user):
    ask_for(api, ann, "wanted@example.com")
    uid, token = link_parts(ann)
    make_user("quick", email="WANTED@example.com")

    payload = confirm(api, uid, token)

    assert error_codes(payload) == ["EMAIL_TAKEN"]
    assert api.data(VIEWER, user=ann)["viewer"]["email"] == "ann@example.com"


@pytest.mark.parametrize(("uid", "token"), [("MQ", "forged-token"), ("not-a-uid", "x"), ("", "")])
def test_a_forged_link_is_an_invalid_token(api, ann, uid, token):
    ask_for(api, ann, "target@example.com")

    assert error_codes(confirm(api, uid, token)) == ["INVALID_TOKEN"]


def test_guessing_tokens_is_throttled_like_passwords(api, ann, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    ask_for(api, ann, "target@example.com")
    uid, token = link_parts(ann)

    for _ in range(3):
        confirm(api, uid, "1-guess")

    assert error_codes(confirm(api, uid, token)) == ["TOO_MANY_ATTEMPTS"]
