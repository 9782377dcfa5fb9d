"""Mail reaches a real SMTP server through Django's SMTP backend, configured by EMAIL_URL."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail

from testing.smtp_fixtures import start_smtp_server

BASE_DIR = Path(__file__).resolve().parent.parent


def test_send_mail_reaches_the_smtp_server(smtp_server):
    send_mail(
        "Reset your password",
        "Follow https://pinmark.example.com/reset/abc",
        "Pinmark <noreply@pinmark.example.com>",
        ["ann@example.com"],
        html_message='<p>Follow <a href="https://pinmark.example.com/reset/abc">this link</a></p>',
    )

    [message] = smtp_server.messages
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert message.subject == "Reset your password"
    assert message.from_ == "Pinmark <noreply@pinmark.example.com>"
    assert message.to == ["ann@example.com"]
    assert message.envelope_to == ["ann@example.com"]
    assert message.text.strip() == "Follow https://pinmark.example.com/reset/abc"
    assert 'href="https://pinmark.example.com/reset/abc"' in message.html


def test_a_plain_text_message_has_no_html_part(smtp_server):
    send_mail("Plain", "Only text", None, ["bob@example.com"])

    [message] = smtp_server.wait_for_messages(1)
    assert (message.text.strip(), message.html) == ("Only text", None)


def test_email_url_from_the_environment_delivers_with_its_credentials():
    controller, server = start_smtp_server()
    try:
        env = {**os.environ, "DEFAULT_FROM_EMAIL": "Pinmark <hello@pinmark.example.com>"}
        env["EMAIL_URL"] = f"smtp://mailer:s%40cret@{server.host}:{server.port}"
        result = subprocess.run(
            [sys.executable, "manage.py", "sendtestemail", "dan@example.com"],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        controller.stop()

    assert result.returncode == 0, result.stderr
    [message] = server.messages
    assert server.logins == [("mailer", "s@cret")]
    assert message.login == "mailer"
    assert message.from_ == "Pinmark <hello@pinmark.example.com>"
    assert message.to == ["dan@example.com"]
    assert message.subject.startswith("Test email from")
