"""Services name the input at fault as Python does (`new_password`); the API turns the name
into the input's own (`newPassword`) in one place, schema/core/mutations.py."""

import datetime

import pytest

from activity import services as activity_services
from infra.errors import DomainError
from tests.conftest import PASSWORD
from users.services import accounts, sessions

pytestmark = pytest.mark.django_db


def fields_of(raised):
    return [problem.field for problem in raised.value.problems]


def test_a_date_of_birth_in_the_future_is_blamed_on_date_of_birth(ann):
    with pytest.raises(DomainError) as raised:
        accounts.update_profile(user=ann, ip=None, date_of_birth=datetime.date(2999, 1, 1))

    assert fields_of(raised) == ["date_of_birth"]


def test_too_long_names_are_blamed_on_first_and_last_name(ann):
    with pytest.raises(DomainError) as raised:
        accounts.update_profile(user=ann, ip=None, first_name="x" * 151, last_name="y" * 151)

    assert fields_of(raised) == ["first_name", "last_name"]


def test_a_wrong_current_password_is_blamed_on_old_password(ann):
    with pytest.raises(DomainError) as raised:
        accounts.change_password(
            user=ann, ip="203.0.113.5", old_password="wrong", new_password="a-new-passphrase-7"
        )

    assert fields_of(raised) == ["old_password"]


def test_the_same_password_again_is_blamed_on_new_password(ann):
    with pytest.raises(DomainError) as raised:
        accounts.change_password(
            user=ann, ip="203.0.113.5", old_password=PASSWORD, new_password=PASSWORD
        )

    assert fields_of(raised) == ["new_password"]


def test_an_unknown_refresh_token_is_blamed_on_refresh_token(db):
    with pytest.raises(DomainError) as raised:
        sessions.end_session(refresh_token="nope")

    assert fields_of(raised) == ["refresh_token"]


def test_an_unknown_notification_is_blamed_on_up_to(ann):
    with pytest.raises(DomainError) as raised:
        activity_services.mark_notifications_read(user=ann, up_to_group_id=123456)

    assert fields_of(raised) == ["up_to"]
