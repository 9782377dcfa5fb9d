"""E-mail is configured by EMAIL_URL: its forms, its refusals, the defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from project.settings.email_url import CONSOLE, FILES, SMTP, email_settings, where_mail_goes

BASE_DIR = Path(__file__).resolve().parent.parent


def test_smtp_url_gives_host_port_and_decoded_credentials():
    assert email_settings("smtp://mailer:s%40cret%2F1@mail.example.com:2525") == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.com",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "s@cret/1",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }


@pytest.mark.parametrize(
    ("url", "port", "tls", "ssl"),
    [
        ("smtp://mail.example.com", 25, False, False),
        ("smtp+tls://user:pass@mail.example.com", 587, True, False),
        ("smtp+tls://user:pass@mail.example.com:2587", 2587, True, False),
        ("smtp+ssl://user:pass@mail.example.com", 465, False, True),
    ],
)
def test_smtp_variants_choose_the_security_and_default_port(url, port, tls, ssl):
    config = email_settings(url)

    assert (config["EMAIL_PORT"], config["EMAIL_USE_TLS"], config["EMAIL_USE_SSL"]) == (
        port,
        tls,
        ssl,
    )


def test_console_url_prints_mail():
    assert email_settings("console:") == {"EMAIL_BACKEND": CONSOLE}


def test_file_url_writes_mail_to_that_absolute_directory():
    assert email_settings("file:///srv/pinmark/mail%20box") == {
        "EMAIL_BACKEND": FILES,
        "EMAIL_FILE_PATH": "/srv/pinmark/mail box",
    }


@pytest.mark.parametrize(
    "url",
    [
        "smtps://user:pass@mail.example.com",  # ambiguous: STARTTLS or TLS? say which
        "http://mail.example.com",
        "mail.example.com:25",
        "smtp://",
        "smtp://mail.example.com/extra",
        "smtp://mail.example.com?timeout=3",
        "smtp://mail.example.com?tls",
        "smtp://mail.example.com:submission",
        "file:relative/dir",
    ],
)
def test_other_urls_are_refused_with_the_accepted_forms(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_settings(url)


def test_where_mail_goes_names_the_destination_without_the_password(settings):
    for name, value in email_settings("smtp+tls://mailer:hunter2@mail.example.com").items():
        setattr(settings, name, value)

    described = where_mail_goes(settings)

    assert described == "sent to the SMTP server mail.example.com:587 with STARTTLS"
    assert "hunter2" not in described


def test_tests_collect_mail_in_djangos_outbox():
    mail.send_mail("Hello", "Body", None, ["ann@example.com"])

    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    assert [message.subject for message in mail.outbox] == ["Hello"]


def configured(code, **environment):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("EMAIL_URL", "DEFAULT_FROM_EMAIL")
    }
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_email_url_mail_goes_to_files_under_var_mail():
    printed = configured(
        "from django.conf import settings as s;"
        "from project.settings.email_url import where_mail_goes;"
        "print(s.EMAIL_BACKEND); print(s.EMAIL_FILE_PATH); print(where_mail_goes(s))"
    )

    assert printed.splitlines() == [
        FILES,
        str(BASE_DIR / "var" / "mail"),
        f"written to files in {BASE_DIR / 'var' / 'mail'}/",
    ]


def test_email_url_and_default_from_email_come_from_the_environment():
    printed = configured(
        "from django.conf import settings as s;"
        "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_SSL, s.DEFAULT_FROM_EMAIL)",
        EMAIL_URL="smtp+ssl://mailer:pass@mail.example.com",
        DEFAULT_FROM_EMAIL="Pinmark <hello@pinmark.example.com>",
    )

    assert printed == "mail.example.com 465 True Pinmark <hello@pinmark.example.com>"
