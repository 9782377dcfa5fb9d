"""An address is verified by following a link mailed to it: at sign-up, on request from
the settings, or when an e-mail change is confirmed. Until then it is a claim, and no
password reset is mailed to it."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.celery_fixtures import run_tasks_here
from tests.conftest import PASSWORD, error_codes
from users import emailed_links
from users.models import User
from users.services.accounts import request_email_change

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

LINK = re.compile(r"http://127\.0\.0\.1:8000/confirm-email#(?P<uid>[\w-]+)/(?P<token>[\w-]+)")

REGISTER = """mutation($input: RegisterInput!) {
  register(input: $input) { user { username } token errors { field code message } }
}"""
CONFIRM = """mutation($uid: String!, $token: String!) {
  confirmEmail(input: {uid: $uid, token: $token}) {
    user { username } email errors { field code message }
  }
}"""
CONFIRM_CHANGE = """mutation($uid: String!, $token: String!) {
  confirmEmailChange(input: {uid: $uid, token: $token}) { email errors { code } }
}"""
RESEND = "mutation { resendEmailVerification(input: {}) { sent errors { code message } } }"
REQUEST_RESET = """mutation($email: String!) {
  requestPasswordReset(input: {email: $email}) { sent errors { code } }
}"""
VIEWER = "{ viewer { email emailVerified pendingEmail } }"
USER = "query($username: String!) { user(username: $username) { email emailVerified } }"


def register(api, username, email, password="a-long-enough-passphrase-7", ip="198.51.100.7"):
    variables = {"input": {"username": username, "email": email, "password": password}}
    return api.data(REGISTER, variables, REMOTE_ADDR=ip)["register"]


def confirm(api, uid, link_token, **kwargs):
    return api.data(CONFIRM, {"uid": uid, "token": link_token}, **kwargs)["confirmEmail"]


def link_parts(kind, user):
    user.refresh_from_db()
    return LINK.fullmatch(emailed_links.link_for(kind, user)).group("uid", "token")


def verified(api, user):
    return api.data(VIEWER, user=user)["viewer"]["emailVerified"]


@pytest.fixture
def newcomer(api):
    """An account whose address was never verified: signed up through the API."""
    assert register(api, "newcomer", "newcomer@example.com", password=PASSWORD)["errors"] == []
    return User.objects.get(username="newcomer")


@pytest.mark.django_db(transaction=True)
def test_signing_up_mails_a_link_that_verifies_the_address_once(api, smtp_server):
    token = register(api, "dan", "Dan@example.com")["token"]
    assert api.data(VIEWER, token=token)["viewer"]["emailVerified"] is False

    run_tasks_here()
    [message] = smtp_server.wait_for_messages(1)
    assert message.to == ["Dan@example.com"]
    assert message.subject == "Confirm your Pinmark e-mail address"
    link = LINK.search(message.text)
    assert link is not None and f'href="{link.group(0)}"' in message.html

    # followed in any browser: no sign-in needed
    assert confirm(api, link["uid"], link["token"]) == {
        "user": {"username": "dan"},
        "email": "Dan@example.com",
        "errors": [],
    }
    assert api.data(VIEWER, token=token)["viewer"]["emailVerified"] is True
    assert error_codes(confirm(api, link["uid"], link["token"])) == ["INVALID_TOKEN"]


def test_whether_an_address_is_verified_is_its_owners_only(api, newcomer, ann):
    assert api.data(USER, {"username": "ann"}, user=newcomer)["user"] == {
        "email": None,
        "emailVerified": False,
    }
    assert api.data(USER, {"username": "ann"}, user=ann)["user"]["emailVerified"] is True


def test_a_verification_link_expires(api, newcomer, settings):
    uid, token = link_parts(emailed_links.EMAIL_VERIFICATION, newcomer)

    late = timezone.now() + timedelta(seconds=settings.EMAIL_VERIFICATION_TIMEOUT + 5)
    with time_machine.travel(late):
        assert error_codes(confirm(api, uid, token)) == ["INVALID_TOKEN"]

    assert verified(api, newcomer) is False


def test_a_verification_link_dies_when_the_address_changes(api, newcomer):
    old_link = link_parts(emailed_links.EMAIL_VERIFICATION, newcomer)
    request_email_change(user=newcomer, email="newcomer.new@example.com", ip="127.0.0.1")
    assert confirm(api, *link_parts(emailed_links.EMAIL_CHANGE, newcomer))["errors"] == []

    assert error_codes(confirm(api, *old_link)) == ["INVALID_TOKEN"]
    assert api.data(VIEWER, user=newcomer)["viewer"] == {
        "email": "newcomer.new@example.com",
        "emailVerified": True,
        "pendingEmail": None,
    }


def test_confirming_an_email_change_the_old_way_verifies_the_new_address(api, newcomer):
    request_email_change(user=newcomer, email="newcomer.new@example.com", ip="127.0.0.1")
    uid, token = link_parts(emailed_links.EMAIL_CHANGE, newcomer)

    assert api.data(CONFIRM_CHANGE, {"uid": uid, "token": token})["confirmEmailChange"] == {
        "email": "newcomer.new@example.com",
        "errors": [],
    }
    assert verified(api, newcomer) is True


def test_a_change_link_is_not_a_verification_of_the_current_address(api, newcomer):
    request_email_change(user=newcomer, email="newcomer.new@example.com", ip="127.0.0.1")
    uid, _ = link_parts(emailed_links.EMAIL_CHANGE, newcomer)
    _, verification_token = link_parts(emailed_links.EMAIL_VERIFICATION, newcomer)

    # the verification token says nothing about the pending change
    assert error_codes(
        api.data(CONFIRM_CHANGE, {"uid": uid, "token": verification_token})["confirmEmailChange"]
    ) == ["INVALID_TOKEN"]
    assert api.data(VIEWER, user=newcomer)["viewer"]["email"] == "newcomer@example.com"


@pytest.mark.parametrize(("uid", "token"), [("MQ", "forged-token"), ("not-a-uid", "x"), ("", "")])
def test_a_forged_link_is_an_invalid_token(api, newcomer, uid, token):
    assert error_codes(confirm(api, uid, token)) == ["INVALID_TOKEN"]
    assert verified(api, newcomer) is False


def test_guessing_tokens_is_throttled_like_passwords(api, newcomer, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    uid, token = link_parts(emailed_links.EMAIL_VERIFICATION, newcomer)

    for _ in range(3):
        confirm(api, uid, "1-guess")

    assert error_codes(confirm(api, uid, token)) == ["TOO_MANY_ATTEMPTS"]
    assert verified(api, newcomer) is False


@pytest.mark.django_db(transaction=True)
def test_the_link_is_mailed_again_on_request_while_unverified(api, smtp_server, newcomer, ann):
    assert api.data(RESEND, user=newcomer)["resendEmailVerification"] == {
        "sent": True,
        "errors": [],
    }
    # the link mailed at sign-up, and the one asked for
    run_tasks_here()
    first, again = smtp_server.wait_for_messages(2)
    assert first.to == again.to == ["newcomer@example.com"]

    assert api.data(RESEND, user=ann)["resendEmailVerification"] == {"sent": False, "errors": []}
    run_tasks_here()
    assert len(smtp_server.messages) == 2


def test_asking_for_links_again_is_throttled(api, newcomer, settings):
    settings.EMAIL_CHANGE_LIMIT = 2
    for _ in range(2):
        api.data(RESEND, user=newcomer)

    payload = api.data(RESEND, user=newcomer)["resendEmailVerification"]

    assert payload["sent"] is False
    assert error_codes(payload) == ["TOO_MANY_ATTEMPTS"]


def test_asking_for_a_link_needs_a_viewer(api):
    body = api.execute(RESEND)

    assert body["data"]["resendEmailVerification"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


# --- an unverified address is a claim: a password reset does not reach the account


@pytest.mark.django_db(transaction=True)
def test_no_reset_mail_goes_to_an_unverified_address_and_the_answer_is_the_same(
    api, smtp_server, newcomer, ann
):
    unverified = api.data(REQUEST_RESET, {"email": "NEWCOMER@example.com"})
    known = api.data(REQUEST_RESET, {"email": "ann@example.com"})

    assert unverified == known == {"requestPasswordReset": {"sent": True, "errors": []}}
    run_tasks_here()
    resets = [m for m in smtp_server.messages if m.subject == "Reset your Pinmark password"]
    assert [message.to for message in resets] == [["ann@example.com"]]


# --- register tells EMAIL_TAKEN only to a request that would otherwise succeed


def test_a_request_that_fails_anyway_does_not_tell_whether_the_address_is_taken(api, ann):
    weak = register(api, "dan", "ANN@example.com", password="123")
    free = register(api, "dan", "nobody@example.com", password="123")

    assert error_codes(weak) == error_codes(free)
    assert "EMAIL_TAKEN" not in error_codes(weak)


def test_a_taken_username_hides_whether_the_address_is_taken(api, ann, bob):
    assert error_codes(register(api, "Bob", "ann@example.com")) == ["USERNAME_TAKEN"]
    assert error_codes(register(api, "Bob", "nobody@example.com")) == ["USERNAME_TAKEN"]


def test_a_request_that_would_succeed_is_told_the_address_is_taken(api, ann):
    payload = register(api, "dan", "Ann@Example.com")

    assert error_codes(payload) == ["EMAIL_TAKEN"]
    assert payload["token"] is None


def test_asking_whether_addresses_are_taken_is_behind_the_sign_up_throttle(api, ann, settings):
    settings.REGISTER_IP_LIMIT = 3
    for number in range(3):
        register(api, f"dan{number}", "ann@example.com")

    assert error_codes(register(api, "dan9", "ann@example.com")) == ["TOO_MANY_ATTEMPTS"]


def test_the_account_signs_in_with_its_unverified_address_all_the_same(api, newcomer):
    login = """mutation($login: String!, $password: String!) {
      login(input: {username: $login, password: $password}) { user { username } errors { code } }
    }"""
    variables = {"login": "newcomer@example.com", "password": PASSWORD}

    assert api.data(login, variables)["login"] == {"user": {"username": "newcomer"}, "errors": []}


@pytest.mark.parametrize("document", [CONFIRM, CONFIRM_CHANGE], ids=["confirmEmail", "old-way"])
def test_someone_signed_in_cannot_confirm_another_accounts_link(api, ann, document):
    # mal asks for an address of ann's; the link reaches ann, who opens it signed in.
    mal = User.objects.create_user("mal", "mal@example.com", PASSWORD, email_verified=True)
    request_email_change(user=mal, email="ann.at.work@example.com", ip="127.0.0.1")
    uid, token = link_parts(emailed_links.EMAIL_CHANGE, mal)

    answer = api.data(document, {"uid": uid, "token": token}, user=ann)

    assert error_codes(next(iter(answer.values()))) == ["OTHER_ACCOUNT"]
    mal.refresh_from_db()
    assert (mal.email, mal.email_change.email) == ("mal@example.com", "ann.at.work@example.com")


def test_the_account_itself_confirms_its_link_while_signed_in(api, newcomer):
    link = link_parts(emailed_links.EMAIL_VERIFICATION, newcomer)

    assert confirm(api, *link, user=newcomer)["errors"] == []
    assert verified(api, newcomer) is True
