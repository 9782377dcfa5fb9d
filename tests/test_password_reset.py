"""Password reset by e-mail, through /graphql, with a real SMTP server where mail matters."""

import os
import re
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.browser_fixtures import ARTIFACTS
from tests.celery_fixtures import run_tasks_here
from tests.conftest import PASSWORD, error_codes
from users import emailed_links
from users.emailed_links import PASSWORD_RESET

BASE_DIR = Path(__file__).resolve().parent.parent
NEW_PASSWORD = "a-brand-new-passphrase-42"

REQUEST = """
mutation Request($email: String!) {
  requestPasswordReset(input: {email: $email}) { sent errors { field code message } }
}"""

RESET = """
mutation Reset($uid: String!, $token: String!, $password: String!) {
  resetPassword(input: {uid: $uid, token: $token, newPassword: $password}) {
    user { username } token refreshToken errors { field code message }
  }
}"""

LOGIN = """
mutation Login($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) { token refreshToken errors { code } }
}"""

REFRESH = """
mutation Refresh($token: String!) {
  refreshToken(input: {refreshToken: $token}) { token errors { code } }
}"""

LINK = re.compile(r"http://testserver/reset-password#(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)")


@pytest.fixture(autouse=True)
def public_url(settings):
    settings.PUBLIC_URL = "http://testserver"
    settings.PASSWORD_RESET_URL = "http://testserver/reset-password#{uid}/{token}"


def request_reset(api, email, ip="198.51.100.7"):
    return api.data(REQUEST, {"email": email}, REMOTE_ADDR=ip)["requestPasswordReset"]


def reset(api, uid, token, password=NEW_PASSWORD, ip="198.51.100.7"):
    variables = {"uid": uid, "token": token, "password": password}
    return api.data(RESET, variables, REMOTE_ADDR=ip)["resetPassword"]


def login(api, username, password):
    return api.data(LOGIN, {"username": username, "password": password})["login"]


def link_parts(user):
    """The uid and token of a fresh reset link for `user`, as a mail would carry them."""
    return LINK.fullmatch(emailed_links.link_for(PASSWORD_RESET, user)).group("uid", "token")


# --- the whole flow, with mail through a real SMTP server (a task queued after commit)


@pytest.mark.django_db(transaction=True)
def test_the_mailed_link_resets_the_password_once(api, ann, smtp_server):
    old_session = login(api, "ann", PASSWORD)

    assert request_reset(api, "ANN@example.com ") == {"sent": True, "errors": []}

    run_tasks_here()
    [message] = smtp_server.wait_for_messages(1)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "password-reset-email.txt").write_text(
        f"Subject: {message.subject}\nFrom: {message.from_}\nTo: {', '.join(message.to)}\n\n"
        f"{message.text}"
    )
    assert message.to == ["ann@example.com"]
    assert message.subject == "Reset your Pinmark password"
    link = LINK.search(message.text)
    assert link is not None, message.text
    assert f'href="{link.group(0)}"' in message.html
    assert "1 hour" in message.text

    payload = reset(api, link["uid"], link["token"])

    assert payload["errors"] == []
    assert payload["user"] == {"username": "ann"}
    assert payload["token"] and payload["refreshToken"]
    assert error_codes(login(api, "ann", PASSWORD)) == ["INVALID_CREDENTIALS"]
    assert login(api, "ann", NEW_PASSWORD)["errors"] == []
    assert error_codes(reset(api, link["uid"], link["token"], "yet-another-passphrase-7")) == [
        "INVALID_TOKEN"
    ]
    assert api.post("{ viewer { username } }", token=old_session["token"]).status_code == 401
    refreshed = api.data(REFRESH, {"token": old_session["refreshToken"]})["refreshToken"]
    assert error_codes(refreshed) == ["INVALID_TOKEN"]


@pytest.mark.django_db(transaction=True)
def test_an_unknown_address_gets_the_same_answer_and_no_mail(api, ann, smtp_server):
    assert request_reset(api, "nobody@example.com") == {"sent": True, "errors": []}

    run_tasks_here()
    assert smtp_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_inactive_accounts_get_no_mail(api, make_user, smtp_server):
    make_user("gone", is_active=False)

    assert request_reset(api, "gone@example.com") == {"sent": True, "errors": []}

    run_tasks_here()
    assert smtp_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_a_slow_mail_server_does_not_slow_the_answer(api, ann, smtp_server):
    smtp_server.delay = 2.0

    started = time.monotonic()
    payload = request_reset(api, "ann@example.com")
    elapsed = time.monotonic() - started

    assert payload["sent"] is True
    assert elapsed < 1.0
    run_tasks_here()
    assert len(smtp_server.wait_for_messages(1, timeout=10)) == 1


def test_the_request_does_the_same_work_whether_or_not_the_address_has_an_account(api, ann):
    def queries_of(email):
        with CaptureQueriesContext(connection) as captured:
            assert request_reset(api, email)["sent"] is True
        statements = [query["sql"] for query in captured.captured_queries]
        return [sql for sql in statements if "SAVEPOINT" not in sql]

    # The account is looked up by the mail task, after the request.
    assert queries_of("ann@example.com") == queries_of("nobody@example.com") == []


# --- using a link


@pytest.mark.django_db
def test_an_expired_link_is_refused(api, ann, settings):
    uid, token = link_parts(ann)

    with time_machine.travel(timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)):
        payload = reset(api, uid, token)

    assert error_codes(payload) == ["INVALID_TOKEN"]
    assert payload["errors"][0]["field"] == "token"


@pytest.mark.django_db
def test_a_link_still_works_just_before_it_expires(api, ann, settings):
    uid, token = link_parts(ann)

    with time_machine.travel(timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT - 60)):
        assert reset(api, uid, token)["errors"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tamper",
    [
        lambda uid, token: (uid, token[:-1] + ("0" if token[-1] != "0" else "1")),
        lambda uid, token: (uid, ""),
        lambda uid, token: (uid, "not-a-token"),
        lambda uid, token: ("OTk5OTk", token),  # an account that does not exist
        lambda uid, token: ("!!", token),
        lambda uid, token: ("", token),
        lambda uid, token: ("OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk", token),  # beyond 64 bits
    ],
    ids=["forged", "empty", "garbage", "unknown uid", "bad uid", "no uid", "huge uid"],
)
def test_a_forged_link_is_refused_and_changes_nothing(api, ann, tamper):
    uid, token = tamper(*link_parts(ann))

    payload = reset(api, uid, token)

    assert error_codes(payload) == ["INVALID_TOKEN"]
    assert payload["token"] is None
    ann.refresh_from_db()
    assert ann.check_password(PASSWORD)


@pytest.mark.django_db
def test_another_users_uid_does_not_take_this_token(api, ann, bob):
    _, token = link_parts(ann)
    bob_uid, _ = link_parts(bob)

    assert error_codes(reset(api, bob_uid, token)) == ["INVALID_TOKEN"]


@pytest.mark.django_db
def test_a_weak_password_is_refused_with_the_validators_messages_and_the_link_still_works(api, ann):
    uid, token = link_parts(ann)

    payload = reset(api, uid, token, "12345")

    assert {error["code"] for error in payload["errors"]} == {"INVALID_PASSWORD"}
    assert {error["field"] for error in payload["errors"]} == {"newPassword"}
    messages = " ".join(error["message"] for error in payload["errors"])
    assert "too short" in messages and "entirely numeric" in messages
    assert reset(api, uid, token)["errors"] == []


@pytest.mark.django_db
def test_a_link_of_an_account_deactivated_since_is_refused(api, ann):
    uid, token = link_parts(ann)
    ann.is_active = False
    ann.save()

    assert error_codes(reset(api, uid, token)) == ["INVALID_TOKEN"]


@pytest.mark.django_db
def test_guessing_tokens_is_throttled_like_passwords(api, ann):
    uid, token = link_parts(ann)
    for _ in range(5):
        assert error_codes(reset(api, uid, "1-" + "0" * 32)) == ["INVALID_TOKEN"]

    payload = reset(api, uid, token)

    assert error_codes(payload) == ["TOO_MANY_ATTEMPTS"]
    assert reset(api, uid, token, ip="203.0.113.9")["errors"] == []


# --- asking for links


@pytest.mark.django_db
def test_requests_are_throttled_per_address_whether_or_not_it_has_an_account(api, ann):
    for email in ("ann@example.com", "nobody@example.com"):
        for number in range(3):
            assert request_reset(api, email, ip=f"198.51.100.{number}")["sent"] is True

        payload = request_reset(api, email, ip="198.51.100.99")

        assert payload["sent"] is False
        assert error_codes(payload) == ["TOO_MANY_ATTEMPTS"]


@pytest.mark.django_db
def test_requests_are_throttled_per_client_address(api, settings):
    settings.PASSWORD_RESET_REQUEST_IP_LIMIT = 4
    for number in range(4):
        assert request_reset(api, f"person{number}@example.com")["sent"] is True

    assert error_codes(request_reset(api, "person9@example.com")) == ["TOO_MANY_ATTEMPTS"]
    assert request_reset(api, "person9@example.com", ip="203.0.113.9")["sent"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["", "   ", "not-an-address", "ann@", "a" * 300 + "@example.com"])
def test_an_invalid_address_is_a_field_error(api, email):
    payload = request_reset(api, email)

    assert payload["sent"] is False
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [
        ("email", "INVALID")
    ]


def test_the_default_link_is_the_front_ends_reset_page_with_the_token_in_the_fragment(settings):
    from project import settings as project_settings

    assert project_settings.PASSWORD_RESET_URL == (
        f"{project_settings.PUBLIC_URL}/reset-password#{{uid}}/{{token}}"
    )
    assert urlsplit(project_settings.PASSWORD_RESET_URL).path == "/reset-password"


@pytest.mark.django_db
def test_the_link_follows_the_password_reset_url_template(ann, settings):
    settings.PASSWORD_RESET_URL = "https://app.example.com/reset?u={uid}&t={token}"

    link = emailed_links.link_for(PASSWORD_RESET, ann)

    assert re.fullmatch(r"https://app\.example\.com/reset\?u=[\w-]+&t=[\w-]+", link)


def test_a_password_reset_url_without_its_placeholders_is_refused_at_start():
    env = {**os.environ, "PASSWORD_RESET_URL": "https://app.example.com/reset/{uid}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "PASSWORD_RESET_URL must contain {uid} and {token}" in result.stderr
