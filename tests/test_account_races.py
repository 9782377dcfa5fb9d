"""One reset link, one sign-in code, one account deleted: used by many requests at once
on PostgreSQL, each works once.

SQLite serialises every writer, so these races only exist on PostgreSQL.
"""

import os

import pytest

from tests.conftest import PASSWORD
from tests.test_concurrency import THREADS, all_at_once, payload_errors
from users import emailed_links
from users.models import EmailChange, User
from users.services import social

RESET = """
mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { token errors { code } } }"""
SOCIAL_SIGN_IN = """
mutation($code: String!, $nonce: String) {
  socialSignIn(input: {code: $code, nonce: $nonce}) { token errors { code } }
}"""
NONCE = "the-nonce-of-the-browser-that-signs-in"
pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="SQLite serialises all writers: only PostgreSQL shows these races.",
    ),
    pytest.mark.django_db(transaction=True),
]

DELETE = """
mutation($password: String) { deleteAccount(input: {password: $password}) { errors { code } } }"""


def codes(answers):
    """The error code of each answer's payload ("OK" for none), sorted."""
    payloads = [payload for data in answers for payload in data.values()]
    return sorted(
        payload["errors"][0]["code"] if payload["errors"] else "OK" for payload in payloads
    )


def test_a_reset_link_used_by_many_requests_at_once_works_once(make_user):
    ann = make_user("ann")
    uid = emailed_links.uid_of(ann)
    token = emailed_links.PASSWORD_RESET.token_generator.make_token(ann)

    def reset(api, number):
        variables = {
            "input": {"uid": uid, "token": token, "newPassword": f"new-passphrase-{number}"}
        }
        # Each from its own address, so that the throttle does not take part.
        return [api.data(RESET, variables, REMOTE_ADDR=f"198.51.100.{number + 1}")]

    bodies, raised = all_at_once(reset, list(range(THREADS)))

    assert raised == []
    assert codes(bodies) == ["INVALID_TOKEN"] * (THREADS - 1) + ["OK"]


def test_a_sign_in_code_exchanged_by_many_requests_at_once_works_once(make_user):
    ann = make_user("ann")
    code = social.issue_sign_in_code(user=ann, provider="oidc", created_account=False, nonce=NONCE)

    bodies, raised = all_at_once(
        lambda api, _: [api.data(SOCIAL_SIGN_IN, {"code": code, "nonce": NONCE})],
        list(range(THREADS)),
    )

    assert raised == []
    assert codes(bodies) == ["INVALID_TOKEN"] * (THREADS - 1) + ["OK"]


def test_an_account_deleted_by_many_requests_at_once_goes_once(make_user):
    ann = make_user("ann")

    def delete(api, _):
        response = api.post(DELETE, {"password": PASSWORD}, user=ann)
        if response.status_code == 401:  # the account was gone before this request began
            return ["UNAUTHENTICATED"]
        assert response.status_code == 200, response.content
        errors = payload_errors(response.json())
        return [errors[0]["code"] if errors else "OK"]

    outcomes, raised = all_at_once(delete, list(range(8)))

    assert raised == []
    assert outcomes.count("OK") == 1
    assert set(outcomes) <= {"OK", "NOT_FOUND", "UNAUTHENTICATED"}
    assert not User.objects.filter(pk=ann.pk).exists()


CONFIRM_EMAIL = """
mutation($uid: String!, $token: String!) {
  confirmEmail(input: {uid: $uid, token: $token}) { email errors { code } }
}"""


def test_many_accounts_confirming_one_new_address_at_once_get_it_once(make_user):
    """Each checks that nobody holds the address before any commits; the unique index then
    refused all but one (an INTERNAL_SERVER_ERROR each) instead of EMAIL_TAKEN."""
    people = [make_user(f"user{n}") for n in range(8)]
    links = []
    for person in people:
        EmailChange.objects.create(user=person, email="shared@example.org")
        person.refresh_from_db()
        links.append(
            {
                "uid": emailed_links.uid_of(person),
                "token": emailed_links.EMAIL_CHANGE.token_generator.make_token(person),
            }
        )

    bodies, raised = all_at_once(
        lambda api, n: [api.data(CONFIRM_EMAIL, links[n], REMOTE_ADDR=f"198.51.100.{n + 1}")],
        list(range(len(people))),
    )

    assert raised == []
    assert codes(bodies) == ["EMAIL_TAKEN"] * (len(people) - 1) + ["OK"]
    assert User.objects.filter(email="shared@example.org").count() == 1
