"""Sign-in and sign-up throttling, through /graphql with a real Redis."""

import time

import pytest
from django.test import RequestFactory

from project import redis as project_redis
from project.client_ip import client_ip
from tests.conftest import PASSWORD, error_codes
from users import throttle
from users.models import User
from users.services import accounts

pytestmark = pytest.mark.django_db

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


def login(api, username, password=PASSWORD, ip="198.51.100.7", **extra):
    variables = {"username": username, "password": password}
    return api.data(LOGIN, variables, REMOTE_ADDR=ip, **extra)["login"]


def register(api, username):
    fields = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    return api.data(REGISTER, {"input": fields})["register"]


def fail_logins(api, username, times, **kwargs):
    for _ in range(times):
        assert error_codes(login(api, username, "wrong", **kwargs)) == ["INVALID_CREDENTIALS"]


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


def test_sign_ups_from_one_address_are_throttled(api, settings):
    settings.REGISTER_IP_LIMIT = 2
    for name in ("carol", "dave"):
        assert register(api, name)["errors"] == []

    payload = register(api, "erin")

    assert error_codes(payload) == ["TOO_MANY_ATTEMPTS"]
    assert not User.objects.filter(username="erin").exists()


def test_logins_are_not_throttled_while_redis_is_unreachable(api, ann, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    project_redis.get_redis.cache_clear()

    fail_logins(api, "ann", 6)

    assert login(api, "ann")["errors"] == []


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


def test_login_wait_is_the_rest_of_the_cool_off(settings):
    settings.LOGIN_COOLOFF_SECONDS = 600
    for _ in range(5):
        throttle.login_failed(ip="198.51.100.7", login="ann")

    assert 590 <= throttle.login_wait(ip="198.51.100.7", login="ann") <= 600
    assert throttle.login_wait(ip="198.51.100.7", login="bob") == 0


def test_registration_without_an_address_is_not_throttled(settings):
    settings.REGISTER_IP_LIMIT = 0

    user = accounts.register_user(username="carol", email="carol@example.com", password=PASSWORD)

    assert user.pk is not None
