"""How long requestPasswordReset takes for an address with an account and for one without.

.venv/bin/python -m bench.password_reset_timing [--rounds 300] [--smtp-delay 0.05]

In process: a scratch in-memory SQLite database, the Django test client, a real SMTP
server on loopback (aiosmtpd) that takes `--smtp-delay` seconds per message, and Redis
as configured (REDIS_URL, else the embedded server under var/; the throttle's keys are
written there; the mail tasks queue on the broker, CELERY_BROKER_URL or that Redis). The
two kinds of request alternate; it prints the latency percentiles of each, then runs the
queued mail tasks here and prints how many messages the server received.
"""

import argparse
import logging
import os
import statistics
import time
import warnings

import django

warnings.filterwarnings("ignore", message="No directory at")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

from project.celery import app as celery_app  # noqa: E402
from project.settings.email_url import email_settings  # noqa: E402
from testing.celery_queue import purge_queue, run_queued_tasks  # noqa: E402
from testing.smtp_fixtures import start_smtp_server  # noqa: E402

QUEUE = f"pinmark-bench-password-reset-{os.getpid()}"

REQUEST = """mutation R($email: String!) {
  requestPasswordReset(input: {email: $email}) { sent errors { code } }
}"""


def timed_request(client, email):
    start = time.perf_counter()
    response = client.post(
        "/graphql",
        {"query": REQUEST, "variables": {"email": email}},
        content_type="application/json",
    )
    elapsed = time.perf_counter() - start
    assert response.json()["data"]["requestPasswordReset"]["sent"] is True, response.content
    return elapsed * 1000


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--smtp-delay", type=float, default=0.05)
    args = parser.parse_args()

    for noisy in ("mail.log", "users.emailed_links", "django.request", "celery"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    from users.models import User

    User.objects.create_user(
        "ann", "ann@example.com", "correct-horse-battery-staple", email_verified=True
    )
    controller, server = start_smtp_server()
    server.delay = args.smtp_delay
    limits = {
        "PASSWORD_RESET_REQUEST_EMAIL_LIMIT": 10**9,
        "PASSWORD_RESET_REQUEST_IP_LIMIT": 10**9,
        **email_settings(server.url),
    }
    times = {"account": [], "no account": []}
    celery_app.conf.task_default_queue = QUEUE
    try:
        with override_settings(**limits):
            client = Client()
            for kind, email in (("account", "ann@example.com"), ("no account", "x@example.com")):
                timed_request(client, email)  # warm-up
                times[kind].clear()
            for _ in range(args.rounds):
                times["account"].append(timed_request(client, "ann@example.com"))
                times["no account"].append(timed_request(client, "nobody@example.com"))
            run_queued_tasks(celery_app, QUEUE, limit=10 * args.rounds)
    finally:
        controller.stop()
        purge_queue(celery_app, QUEUE, delete=True)

    print(f"requestPasswordReset, {args.rounds} rounds, SMTP server taking {args.smtp_delay}s/mail")
    print(f"{'address':<12} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'mean ms':>8}")
    for kind, values in times.items():
        print(
            f"{kind:<12} {percentile(values, 0.5):>8.2f} {percentile(values, 0.9):>8.2f} "
            f"{percentile(values, 0.99):>8.2f} {statistics.fmean(values):>8.2f}"
        )
    difference = percentile(times["account"], 0.5) - percentile(times["no account"], 0.5)
    print(f"p50 difference (account - no account): {difference:+.2f} ms")
    print(f"messages received: {len(server.messages)} (expected {args.rounds + 1})")


if __name__ == "__main__":
    main()
