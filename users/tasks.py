"""Accounts' background work: mailing links (users/emailed_links.py).

A mail server that refuses or cannot be reached does not lose the link: the task is
tried again, waiting twice as long each time (MAIL_RETRY_SECONDS, at most half an hour,
MAIL_RETRY_LIMIT times). Delivery is at least once: a worker that dies after the server
took the message, before the task is acknowledged, sends it again.
"""

import smtplib

from celery import shared_task
from django.conf import settings
from oauth2_provider.models import clear_expired

from users import emailed_links

# Half of the broker's default visibility timeout: a Redis broker would hand a task
# waiting longer to a second worker.
LONGEST_WAIT_SECONDS = 1800


@shared_task(bind=True, max_retries=None)
def mail_link(self, kind_name, *, user_id=None, email=None) -> None:
    try:
        emailed_links.send_link(kind_name, user_id=user_id, email=email)
    except OSError as error:  # smtplib's errors included
        if not is_temporary(error) or self.request.retries >= settings.MAIL_RETRY_LIMIT:
            raise
        raise self.retry(exc=error, countdown=retry_wait(self.request.retries)) from None


def is_temporary(error) -> bool:
    """A server down, unreachable or answering 4xx; not an address it refuses for good."""
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500 or isinstance(error, smtplib.SMTPConnectError)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    # SMTPException is an OSError: of its kinds, only a dropped connection is temporary.
    if isinstance(error, smtplib.SMTPException):
        return isinstance(error, smtplib.SMTPServerDisconnected)
    return isinstance(error, OSError)


def retry_wait(retries: int) -> float:
    """Seconds before the next try, after `retries` tries again already."""
    return min(settings.MAIL_RETRY_SECONDS * 2**retries, LONGEST_WAIT_SECONDS)


@shared_task
def clear_expired_oauth_tokens() -> None:
    """Delete OAuth tokens and codes past their lifetime (docs/oauth.md), as the toolkit's
    `cleartokens` command does; idempotent."""
    clear_expired()
