"""Changing one's e-mail address through updateProfile tells nobody who holds
which address: the new address waits, pending, to be confirmed from itself."""

import pytest

from tests.conftest import PASSWORD, error_codes
from users.models import EmailChange

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

UPDATE_EMAIL = """
mutation Update($email: String!) {
  updateProfile(input: {email: $email}) {
    user { email pendingEmail }
    errors { field code message }
  }
}"""

VIEWER = "{ viewer { email pendingEmail } }"

LOGIN = """
mutation Login($login: String!, $password: String!) {
  login(input: {username: $login, password: $password}) { user { username } errors { code } }
}"""

REGISTER = """
mutation Register($input: RegisterInput!) {
  register(input: $input) { user { username } errors { code } }
}"""


def sign_in(api, login):
    return api.data(LOGIN, {"login": login, "password": PASSWORD})["login"]


def change_email(api, user, email, ip="198.51.100.7"):
    return api.data(UPDATE_EMAIL, {"email": email}, user=user, REMOTE_ADDR=ip)["updateProfile"]


def probe_answers(api, prober, addresses):
    """What the prober is told when asking for each address in turn: the payload and
    what its own account shows afterwards, with the address itself blanked out."""
    answers = []
    for address in addresses:
        payload = change_email(api, prober, address)
        viewer = api.data(VIEWER, user=prober)["viewer"]
        answers.append(str((payload, viewer)).replace(address, "<address>"))
    return answers


def test_taken_and_free_addresses_get_the_same_answer(api, ann, bob):
    taken, free = probe_answers(api, bob, ["ann@example.com", "nobody@example.com"])

    assert taken == free
    assert change_email(api, bob, "ANN@example.com") == {
        "user": {"email": "bob@example.com", "pendingEmail": "ANN@example.com"},
        "errors": [],
    }


def test_a_new_address_waits_to_be_confirmed(api, ann):
    payload = change_email(api, ann, "ann.lee@example.org")

    assert payload == {
        "user": {"email": "ann@example.com", "pendingEmail": "ann.lee@example.org"},
        "errors": [],
    }
    ann.refresh_from_db()
    assert ann.email == "ann@example.com"
    assert EmailChange.objects.get(user=ann).email == "ann.lee@example.org"


def test_a_prober_changes_nothing_of_the_owner_of_an_address(api, ann, bob):
    change_email(api, bob, "ann@example.com")

    ann.refresh_from_db()
    bob.refresh_from_db()
    assert (ann.email, bob.email) == ("ann@example.com", "bob@example.com")
    assert not EmailChange.objects.filter(user=ann).exists()
    assert sign_in(api, "ann@example.com") == {"user": {"username": "ann"}, "errors": []}
    assert sign_in(api, "bob@example.com") == {"user": {"username": "bob"}, "errors": []}


def test_a_free_address_does_not_become_the_probers(api, bob, make_user):
    change_email(api, bob, "carol@example.com")

    fields = {"username": "carol", "email": "carol@example.com", "password": PASSWORD}
    carol = api.data(REGISTER, {"input": fields})["register"]

    assert carol == {"user": {"username": "carol"}, "errors": []}


def test_a_new_request_replaces_the_pending_one_and_the_current_address_cancels_it(api, ann):
    change_email(api, ann, "first@example.org")
    assert change_email(api, ann, "second@example.org")["user"]["pendingEmail"] == (
        "second@example.org"
    )

    payload = change_email(api, ann, "ANN@example.com")

    assert payload["user"] == {"email": "ANN@example.com", "pendingEmail": None}
    assert not EmailChange.objects.exists()


def test_only_a_change_of_ascii_letter_case_applies_at_once(api, make_user):
    """ "\u212a" (KELVIN SIGN) lowercases to "k": another address, another mailbox, that
    would otherwise become the account's, verified, without being confirmed."""
    kate = make_user("kate")

    payload = change_email(api, kate, "\u212aate@example.com")

    assert payload["user"] == {"email": "kate@example.com", "pendingEmail": "\u212aate@example.com"}
    kate.refresh_from_db()
    assert (kate.email, kate.email_verified) == ("kate@example.com", True)


def test_the_pending_address_is_its_owners_only(api, ann, bob):
    change_email(api, ann, "ann.lee@example.org")

    seen = api.data('{ user(username: "ann") { email pendingEmail } }', user=bob)["user"]

    assert seen == {"email": None, "pendingEmail": None}


def test_aliased_changes_of_one_account_are_throttled(api, bob, settings):
    settings.EMAIL_CHANGE_LIMIT = 5
    fields = " ".join(
        f'p{n}: updateProfile(input: {{email: "probe{n}@example.com"}}) {{ errors {{ code }} }}'
        for n in range(50)
    )

    data = api.data(f"mutation {{ {fields} }}", user=bob)

    codes = [error_codes(data[f"p{n}"]) for n in range(50)]
    assert codes == [[]] * 5 + [["TOO_MANY_ATTEMPTS"]] * 45
    assert EmailChange.objects.get(user=bob).email == "probe4@example.com"


def test_changes_from_one_network_are_throttled_whatever_the_account(api, make_user, settings):
    settings.EMAIL_CHANGE_NETWORK_LIMIT = 3
    for n in range(3):
        assert (
            change_email(api, make_user(), f"probe{n}@example.com", ip="2001:db8:0:1::1")["errors"]
            == []
        )

    other_account_same_64 = change_email(
        api, make_user(), "probe@example.com", ip="2001:db8:0:1::2"
    )
    other_network = change_email(api, make_user(), "probe@example.com", ip="2001:db8:0:2::1")

    assert error_codes(other_account_same_64) == ["TOO_MANY_ATTEMPTS"]
    assert other_network["errors"] == []


def test_a_throttled_change_changes_nothing_else(api, ann, settings):
    settings.EMAIL_CHANGE_LIMIT = 0

    payload = api.data(
        """mutation { updateProfile(input: {email: "new@example.org", firstName: "Annie"}) {
             user { firstName } errors { field code } } }""",
        user=ann,
    )["updateProfile"]

    assert payload == {"user": None, "errors": [{"field": "email", "code": "TOO_MANY_ATTEMPTS"}]}
    ann.refresh_from_db()
    assert ann.first_name == "Ann"
    assert not EmailChange.objects.exists()


def test_asking_for_the_current_address_is_not_throttled(api, ann, settings):
    settings.EMAIL_CHANGE_LIMIT = 0

    assert change_email(api, ann, "ann@example.com")["errors"] == []
