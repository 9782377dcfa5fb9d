"""The admin's sign-in page checks passwords as the API does: through the same throttle,
per account and client network, failing closed when an attempt cannot be counted."""

import pytest

from tests.conftest import PASSWORD
from tests.test_throttle import counting_hasher  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture
def staff(make_user):
    return make_user("root", is_staff=True, is_superuser=True)


def admin_sign_in(client, login, password=PASSWORD, ip="198.51.100.7"):
    """POST the admin's sign-in form; whether it signed in (a redirect to the admin)."""
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": login, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_the_admin_signs_in_with_the_right_password(client, staff):
    assert admin_sign_in(client, "root")


def test_failures_on_the_admin_page_lock_the_account_even_with_the_right_password(
    client, staff, settings
):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        assert not admin_sign_in(client, "root", "wrong")

    assert not admin_sign_in(client, "root")


def test_failures_through_the_api_lock_the_admin_page_too(api, client, staff, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        api.data(
            'mutation { login(input: {username: "root", password: "wrong"}) { token } }',
            REMOTE_ADDR="198.51.100.7",
        )

    assert not admin_sign_in(client, "root@example.com")


def test_without_a_counter_the_admin_page_checks_no_password(
    client,
    staff,
    own_redis,
    counting_hasher,  # noqa: F811
):
    with own_redis.refusing_writes():
        wrong = [admin_sign_in(client, "root", "wrong") for _ in range(30)]
        right = admin_sign_in(client, "root")

    assert wrong == [False] * 30 and not right
    assert counting_hasher.checked == 0
