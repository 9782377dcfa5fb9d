"""Webhooks (webhooks/delivery.py, docs/webhooks.md): where they may send, how long an
attempt waits, how retries back off and when a failing webhook is disabled."""

from project.settings.env import env_int, env_list, env_str

# host:port entries webhooks may reach although private (tests, intranets), as
# IMAGE_FETCH_ALLOWED_HOSTS is for the image downloader.
WEBHOOK_ALLOWED_HOSTS = env_list("WEBHOOK_ALLOWED_HOSTS")
WEBHOOKS_PER_PERSON = env_int("WEBHOOKS_PER_PERSON", 10)
# Seconds an attempt waits to connect and for each read; the 1 KB kept of the answer too.
WEBHOOK_TIMEOUT = float(env_str("WEBHOOK_TIMEOUT", "5"))
# Attempts of one event in all, the first retry after WEBHOOK_RETRY_SECONDS, each next
# one four times as long after: 1, 4, 16, 64 minutes, about 4 and 17 hours.
WEBHOOK_ATTEMPTS = env_int("WEBHOOK_ATTEMPTS", 7)
WEBHOOK_RETRY_SECONDS = float(env_str("WEBHOOK_RETRY_SECONDS", "60"))
# Disabled after this many failed attempts in a row, once failing for this long (so that
# a short outage of a busy receiver does not disable it, and one event tried for a
# whole day does).
WEBHOOK_FAILURE_LIMIT = env_int("WEBHOOK_FAILURE_LIMIT", 7)
WEBHOOK_FAILING_SECONDS = env_int("WEBHOOK_FAILING_SECONDS", 12 * 3600)
