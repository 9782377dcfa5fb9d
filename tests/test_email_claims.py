"""Unverified addresses as claims (users/services/email_confirmation.py): a claim lapses
when its verification link would have expired, and only then can it be dropped."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from users.services import email_confirmation

pytestmark = pytest.mark.django_db


def test_only_an_unverified_claim_older_than_its_link_is_dropped(make_user, settings):
    fresh = make_user("fresh", email_verified=False)
    held = make_user("held")
    lifetime = timedelta(seconds=settings.EMAIL_VERIFICATION_TIMEOUT)

    with time_machine.travel(timezone.now() + lifetime - timedelta(minutes=1)):
        assert email_confirmation.drop_lapsed_claim(fresh) is False
    with time_machine.travel(timezone.now() + lifetime + timedelta(minutes=1)):
        assert email_confirmation.drop_lapsed_claim(held) is False
        assert email_confirmation.drop_lapsed_claim(fresh) is True

    fresh.refresh_from_db()
    held.refresh_from_db()
    assert (fresh.email, held.email) == ("", "held@example.com")
