"""Throttling of password checks (sign-in, password change) and sign-ups, through
/graphql with a real Redis: per account and client network."""

import re
import threading
import time
from contextlib import contextmanager

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import RequestFactory
from django.utils import timezone

from infra.client_ip import client_ip, client_network
from tests.conftest import PASSWORD, error_codes
from users import emailed_links, throttle
from users.emailed_links import EMAIL_CHANGE, PASSWORD_RESET
from users.models import EmailChange, User
from users.services import accounts

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

LOGIN = """
mutation Login($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) {
    token errors { code message }
  }
}"""

REGISTER = """
mutation Register($input: RegisterInput!) {
  register(input: $input) { user { username } errors { code } }
}"""


CHANGE_PASSWORD = """
mutation Change($old: String!) {
  changePassword(input: {oldPassword: $old, newPassword: "a-completely-new-passphrase"}) {
    token errors { code message }
  }
}"""


class CountingHasher(MD5PasswordHasher):
    """The tests' hasher, counting the passwords it checks."""

    checked = 0

    def verify(self, password, encoded):
        CountingHasher.checked += 1
        return super().verify(password, encoded)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.test_throttle.CountingHasher"]
    CountingHasher.checked = 0
    return CountingHasher


def login(api, username, password=PASSWORD, ip="198.51.100.7", **extra):
    variables = {"username": username, "password": password}
    return api.data(LOGIN, variables, REMOTE_ADDR=ip, **extra)["login"]


def register(api, username, ip="127.0.0.1"):
    fields = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    return api.data(REGISTER, {"input": fields}, REMOTE_ADDR=ip)["register"]


def fail_logins(api, username, times, **kwargs):
    for _ in range(times):
        assert error_codes(login(api, username, "wrong", **kwargs)) == ["INVALID_CREDENTIALS"]


def change_password(api, user, old, ip="198.51.100.7"):
    return api.data(CHANGE_PASSWORD, {"old": old}, user=user, REMOTE_ADDR=ip)["changePassword"]


def aliased_change_password(guesses):
    fields = " ".join(
        f'g{n}: changePassword(input: {{oldPassword: "{guess}",'
        ' newPassword: "a-completely-new-passphrase"}) { token errors { code } }'
        for n, guess in enumerate(guesses)
    )
    return f"mutation {{ {fields} }}"


def test_five_failures_lock_the_login_even_with_the_right_password(api, ann):
    fail_logins(api, "ann", 5)

    payload = login(api, "ann")

    assert error_codes(payload) == ["TOO_MANY_ATTEMPTS"]
    assert payload["token"] is None
    assert "15 minutes" in payload["errors"][0]["message"]


def test_four_failures_do_not_lock_the_login(api, ann):
    fail_logins(api, "ann", 4)

    assert login(api, "ann")["errors"] == []


def test_a_success_forgets_earlier_failures(api, ann):
    fail_logins(api, "ann", 4)
    assert login(api, "ann")["errors"] == []

    fail_logins(api, "ann", 4)

    assert login(api, "ann")["errors"] == []


def test_the_lock_counts_the_login_in_any_case(api, ann):
    fail_logins(api, "ANN", 5)

    assert error_codes(login(api, "ann")) == ["TOO_MANY_ATTEMPTS"]


def test_the_lock_ends_after_the_cool_off(api, ann, settings):
    settings.LOGIN_COOLOFF_SECONDS = 1
    fail_logins(api, "ann", 5)
    assert error_codes(login(api, "ann")) == ["TOO_MANY_ATTEMPTS"]

    time.sleep(1.1)

    assert login(api, "ann")["errors"] == []


def test_the_lock_is_per_login_and_address(api, ann, bob):
    fail_logins(api, "ann", 5, ip="198.51.100.7")

    assert login(api, "bob", ip="198.51.100.7")["errors"] == []
    assert login(api, "ann", ip="203.0.113.9")["errors"] == []


def test_each_aliased_login_in_one_request_counts(api, ann):
    fields = " ".join(
        f'l{n}: login(input: {{username: "ann", password: "wrong"}}) {{ errors {{ code }} }}'
        for n in range(50)
    )

    data = api.data(f"mutation {{ {fields} }}")

    codes = [data[f"l{n}"]["errors"][0]["code"] for n in range(50)]
    assert codes == ["INVALID_CREDENTIALS"] * 5 + ["TOO_MANY_ATTEMPTS"] * 45
    assert error_codes(login(api, "ann", ip="127.0.0.1")) == ["TOO_MANY_ATTEMPTS"]


def test_aliased_password_guesses_are_throttled_and_the_right_one_then_fails(
    api, ann, counting_hasher
):
    guesses = [f"guess-{n}" for n in range(19)] + [PASSWORD]

    data = api.data(aliased_change_password(guesses), user=ann, REMOTE_ADDR="198.51.100.7")

    codes = [error_codes(data[f"g{n}"]) for n in range(20)]
    assert codes == [["INVALID_CREDENTIALS"]] * 5 + [["TOO_MANY_ATTEMPTS"]] * 15
    assert data["g19"]["token"] is None
    assert counting_hasher.checked == 5
    ann.refresh_from_db()
    assert ann.check_password(PASSWORD)


def test_a_locked_account_is_refused_a_password_change_with_the_right_password(api, ann):
    for _ in range(5):
        assert error_codes(change_password(api, ann, "wrong")) == ["INVALID_CREDENTIALS"]

    payload = change_password(api, ann, PASSWORD)

    assert error_codes(payload) == ["TOO_MANY_ATTEMPTS"]
    assert "15 minutes" in payload["errors"][0]["message"]
    assert change_password(api, ann, PASSWORD, ip="203.0.113.9")["errors"] == []


def test_sign_in_and_password_change_share_the_account_counter(api, ann):
    fail_logins(api, "ann", 3)
    for _ in range(2):
        assert error_codes(change_password(api, ann, "wrong")) == ["INVALID_CREDENTIALS"]

    assert error_codes(login(api, "ann")) == ["TOO_MANY_ATTEMPTS"]
    assert error_codes(change_password(api, ann, PASSWORD)) == ["TOO_MANY_ATTEMPTS"]


def test_the_username_and_the_email_of_an_account_share_a_counter(api, ann):
    fail_logins(api, "ann", 3)
    fail_logins(api, "ANN@example.com", 2)

    assert error_codes(login(api, "ann")) == ["TOO_MANY_ATTEMPTS"]
    assert error_codes(login(api, "ann@example.com")) == ["TOO_MANY_ATTEMPTS"]


def test_an_unknown_login_is_locked_like_a_known_one(api, ann, counting_hasher):
    fail_logins(api, "nobody", 5)

    assert error_codes(login(api, " Nobody")) == ["TOO_MANY_ATTEMPTS"]
    assert counting_hasher.checked == 0  # unknown logins hash a password, checking none
    assert login(api, "ann")["errors"] == []


def test_addresses_in_one_ipv6_64_share_the_account_counter(api, ann):
    for n in range(1, 6):
        fail_logins(api, "ann", 1, ip=f"2001:db8:1:2::{n}")

    assert error_codes(login(api, "ann", ip="2001:db8:1:2:ffff:ffff:ffff:ffff")) == [
        "TOO_MANY_ATTEMPTS"
    ]
    assert login(api, "ann", ip="2001:db8:1:3::1")["errors"] == []


def test_addresses_in_one_ipv6_64_share_the_network_counter(api, make_user, settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 3
    for n, name in enumerate(("u1", "u2", "u3"), start=1):
        fail_logins(api, name, 1, ip=f"2001:db8:1:2::{n}")
    make_user("dan")

    assert error_codes(login(api, "dan", ip="2001:db8:1:2::a:b")) == ["TOO_MANY_ATTEMPTS"]
    assert login(api, "dan", ip="2001:db8:1:3::1")["errors"] == []


def test_concurrent_attempts_cannot_pass_the_limit():
    account = throttle.account_of_login("ann")
    start = threading.Barrier(20)
    waits = []

    def attempt():
        start.wait()
        waits.append(throttle.take_password_attempt(ip="198.51.100.7", account=account))

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert waits.count(0) == 5


def test_an_address_failing_for_many_logins_is_locked_for_all(api, make_user, settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 3
    for name in ("u1", "u2", "u3"):
        fail_logins(api, name, 1)
    make_user("dan")

    assert error_codes(login(api, "dan")) == ["TOO_MANY_ATTEMPTS"]
    assert login(api, "dan", ip="203.0.113.9")["errors"] == []


def test_forwarded_for_is_ignored_without_trusted_proxies(api, ann):
    for n in range(5):
        headers = {"X-Forwarded-For": f"192.0.2.{n}"}
        fail_logins(api, "ann", 1, headers=headers)

    assert error_codes(login(api, "ann")) == ["TOO_MANY_ATTEMPTS"]


def test_behind_a_trusted_proxy_clients_are_told_apart_by_forwarded_for(api, ann, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    fail_logins(api, "ann", 5, headers={"X-Forwarded-For": "192.0.2.1"})

    assert error_codes(login(api, "ann", headers={"X-Forwarded-For": "192.0.2.1"})) == [
        "TOO_MANY_ATTEMPTS"
    ]
    assert login(api, "ann", headers={"X-Forwarded-For": "192.0.2.2"})["errors"] == []


def test_a_client_cannot_escape_the_lock_by_prepending_forwarded_addresses(api, ann, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        headers = {"X-Forwarded-For": f"10.9.9.{n}, 192.0.2.1"}
        fail_logins(api, "ann", 1, headers=headers)

    assert error_codes(login(api, "ann", headers={"X-Forwarded-For": "192.0.2.1"})) == [
        "TOO_MANY_ATTEMPTS"
    ]


def test_sign_ups_from_one_ipv6_64_are_throttled_together(api, settings):
    settings.REGISTER_IP_LIMIT = 1
    assert register(api, "carol", ip="2001:db8:5:6::1")["errors"] == []

    assert error_codes(register(api, "dave", ip="2001:db8:5:6::2")) == ["TOO_MANY_ATTEMPTS"]
    assert register(api, "erin", ip="2001:db8:5:7::1")["errors"] == []


def test_sign_ups_from_one_address_are_throttled(api, settings):
    settings.REGISTER_IP_LIMIT = 2
    for name in ("carol", "dave"):
        assert register(api, name)["errors"] == []

    payload = register(api, "erin")

    assert error_codes(payload) == ["TOO_MANY_ATTEMPTS"]
    assert not User.objects.filter(username="erin").exists()


# Every throttle fails closed: an attempt Redis cannot count is not made.

DELETE_ACCOUNT = """mutation($password: String) {
  deleteAccount(input: {password: $password}) { deletedId errors { code } } }"""
RESET = """mutation($uid: String!, $token: String!) {
  resetPassword(input: {uid: $uid, token: $token, newPassword: "a-completely-new-passphrase"}) {
    token errors { code } } }"""
CONFIRM_EMAIL_CHANGE = """mutation($uid: String!, $token: String!) {
  confirmEmailChange(input: {uid: $uid, token: $token}) { email errors { code } } }"""
REQUEST_RESET = """mutation($email: String!) {
  requestPasswordReset(input: {email: $email}) { sent errors { code } } }"""
UPDATE_EMAIL = """mutation($email: String!) {
  updateProfile(input: {email: $email}) { user { pendingEmail } errors { code } } }"""
LINK = re.compile(r"#(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)$")


def link_variables(kind, user):
    return LINK.search(emailed_links.link_for(kind, user)).groupdict()


@contextmanager
def redis_failing(own_redis, failure):
    if failure == "refusing-writes":
        with own_redis.refusing_writes():
            yield
    else:
        own_redis.kill()
        yield


FAILURES = ["refusing-writes", "down"]


@pytest.mark.parametrize("failure", FAILURES)
def test_without_a_counter_no_password_is_checked_and_the_right_one_fails(
    api, ann, own_redis, counting_hasher, failure
):
    with redis_failing(own_redis, failure):
        wrong = [error_codes(login(api, "ann", "wrong")) for _ in range(30)]
        right = login(api, "ann")

    assert wrong == [["TRY_AGAIN"]] * 30
    assert error_codes(right) == ["TRY_AGAIN"] and right["token"] is None
    assert counting_hasher.checked == 0


@pytest.mark.parametrize("failure", FAILURES)
def test_without_a_counter_every_password_and_link_check_is_refused(
    api, ann, own_redis, counting_hasher, failure
):
    EmailChange.objects.create(user=ann, email="ann.new@example.com", requested=timezone.now())
    reset_link = link_variables(PASSWORD_RESET, ann)
    change_link = link_variables(EMAIL_CHANGE, ann)

    with redis_failing(own_redis, failure):
        changed = change_password(api, ann, PASSWORD)
        deleted = api.data(DELETE_ACCOUNT, {"password": PASSWORD}, user=ann)["deleteAccount"]
        reset = api.data(RESET, reset_link)["resetPassword"]
        confirmed = api.data(CONFIRM_EMAIL_CHANGE, change_link)["confirmEmailChange"]

    assert [error_codes(payload) for payload in (changed, deleted, reset, confirmed)] == [
        ["TRY_AGAIN"]
    ] * 4
    assert counting_hasher.checked == 0
    ann.refresh_from_db()
    assert ann.check_password(PASSWORD) and ann.email == "ann@example.com"


@pytest.mark.parametrize("failure", FAILURES)
def test_without_a_counter_sign_ups_and_mails_are_refused(api, ann, own_redis, mailoutbox, failure):
    with redis_failing(own_redis, failure):
        registered = register(api, "carol")
        reset_asked = api.data(REQUEST_RESET, {"email": "ann@example.com"})
        change_asked = api.data(UPDATE_EMAIL, {"email": "ann.new@example.com"}, user=ann)

    assert error_codes(registered) == ["TRY_AGAIN"]
    assert error_codes(reset_asked["requestPasswordReset"]) == ["TRY_AGAIN"]
    assert error_codes(change_asked["updateProfile"]) == ["TRY_AGAIN"]
    assert not User.objects.filter(username="carol").exists()
    assert not EmailChange.objects.exists()
    assert mailoutbox == []


def test_once_redis_takes_writes_again_signing_in_works(api, ann, own_redis):
    with own_redis.refusing_writes():
        assert error_codes(login(api, "ann")) == ["TRY_AGAIN"]

    assert login(api, "ann")["errors"] == []


def test_a_locked_account_stays_locked_while_redis_refuses_writes(api, ann, own_redis):
    fail_logins(api, "ann", 5)

    with own_redis.refusing_writes():
        assert error_codes(login(api, "ann")) == ["TOO_MANY_ATTEMPTS"]


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "198.51.100.7"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "10.0.0.1, 192.0.2.1", "192.0.2.1"),
        (2, "192.0.2.1, 203.0.113.5", "192.0.2.1"),
        (2, "192.0.2.1", "198.51.100.7"),
        (1, "not-an-ip", "198.51.100.7"),
        (1, "", "198.51.100.7"),
    ],
)
def test_client_ip(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


@pytest.mark.parametrize(
    ("ip", "network"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("", "unknown"),
    ],
)
def test_client_network(ip, network):
    assert client_network(ip) == network


def test_the_wait_is_the_rest_of_the_cool_off(settings):
    settings.LOGIN_COOLOFF_SECONDS = 600
    ann, bob = throttle.account_of_login("ann"), throttle.account_of_login("bob")
    for _ in range(5):
        assert throttle.take_password_attempt(ip="198.51.100.7", account=ann) == 0

    assert 590 <= throttle.take_password_attempt(ip="198.51.100.7", account=ann) <= 600
    assert throttle.take_password_attempt(ip="198.51.100.7", account=bob) == 0


def test_registration_without_an_address_is_not_throttled(settings):
    settings.REGISTER_IP_LIMIT = 0

    user = accounts.register_user(username="carol", email="carol@example.com", password=PASSWORD)

    assert user.pk is not None


def test_a_success_gives_its_attempt_back_to_the_network_without_outliving_it(redis, settings):
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 60
    ann = throttle.account_of_login("ann")
    assert throttle.take_password_attempt(ip="198.51.100.7", account=ann) == 0
    (network_key,) = list(redis.scan_iter("throttle:{198.51.100.7}:password-net"))

    throttle.password_attempt_succeeded(ip="198.51.100.7", account=ann)
    assert int(redis.get(network_key)) == 0
    redis.delete(network_key)  # the window ended between the check and its success
    throttle.password_attempt_succeeded(ip="198.51.100.7", account=ann)

    assert list(redis.scan_iter("throttle:*")) == []
