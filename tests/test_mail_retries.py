"""Which mail failures are tried again, and how long each wait is (users/tasks.py)."""

import smtplib

import pytest

from users.tasks import LONGEST_WAIT_SECONDS, is_temporary, retry_wait


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError("timed out"),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        smtplib.SMTPConnectError(554, b"Not now"),
        smtplib.SMTPDataError(451, b"Try again later"),
    ],
    ids=["refused", "timeout", "disconnected", "connect refused", "451"],
)
def test_a_server_down_or_busy_is_tried_again(error):
    assert is_temporary(error)


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPDataError(554, b"Message rejected"),
        smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"No such user")}),
        smtplib.SMTPAuthenticationError(535, b"Bad credentials"),
    ],
    ids=["554", "recipients refused", "authentication"],
)
def test_a_refusal_for_good_is_not_tried_again(error):
    assert not is_temporary(error)


def test_each_wait_is_twice_the_last_up_to_half_an_hour(settings):
    settings.MAIL_RETRY_SECONDS = 30

    waits = [retry_wait(retries) for retries in range(8)]

    assert waits == [30, 60, 120, 240, 480, 960, 1800, 1800]
    assert LONGEST_WAIT_SECONDS < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
