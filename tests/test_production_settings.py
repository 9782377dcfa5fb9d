"""Production fails fast: with DEBUG off and outside a development run (PINMARK_ENV,
docs/configuration.md), a process stops while loading its settings when SECRET_KEY,
ALLOWED_HOSTS or PUBLIC_URL is unset, naming them, instead of generating a key of its own
under var/ (each server of a fleet would refuse the others' tokens)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from project.settings.production import run_environment

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "production-secret-the-same-on-every-server-0123456789abcdef",
    "ALLOWED_HOSTS": "pinmark.example.com",
    "PUBLIC_URL": "https://pinmark.example.com",
}
# What makes a run a development one, or production's required settings.
CLEARED = ("DEBUG", "PINMARK_ENV", "PYTEST_VERSION", *PRODUCTION)
PRINT_SETTINGS = "from django.conf import settings as s; print(s.PINMARK_ENV); print(s.SECRET_KEY)"


def started(**variables):
    """A process loading the settings in this environment, outside pytest."""
    env = {name: value for name, value in os.environ.items() if name not in CLEARED}
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PRINT_SETTINGS],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def without(name):
    return {key: value for key, value in PRODUCTION.items() if key != name}


def test_production_without_secret_key_stops_naming_it():
    result = started(**without("SECRET_KEY"))

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set, and production needs it" in result.stderr
    assert "DEBUG=1 or PINMARK_ENV=development" in result.stderr


def test_production_with_its_settings_starts_with_the_key_given():
    result = started(**PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["production", PRODUCTION["SECRET_KEY"]]


def test_pinmark_env_production_needs_them_even_with_debug_on_and_names_each():
    result = started(PINMARK_ENV="production", DEBUG="1")

    assert result.returncode != 0
    assert "SECRET_KEY, ALLOWED_HOSTS and PUBLIC_URL are not set" in result.stderr


@pytest.mark.parametrize("development", [{"DEBUG": "1"}, {"PINMARK_ENV": "development"}])
def test_a_development_run_keeps_the_key_generated_under_var(development):
    result = started(**development)

    assert result.returncode == 0, result.stderr
    key = (BASE_DIR / "var" / "secret_key").read_text().strip()
    assert result.stdout.split() == ["development", key]


def test_an_unknown_pinmark_env_stops_the_start():
    result = started(**PRODUCTION, PINMARK_ENV="staging")

    assert result.returncode != 0
    assert "PINMARK_ENV must be development or production, not 'staging'" in result.stderr


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "production"),
        ({"PYTEST_VERSION": "9.2.0"}, "development"),
        ({"PINMARK_ENV": "Development"}, "development"),
        ({"PINMARK_ENV": "production", "PYTEST_VERSION": "9.2.0"}, "production"),
    ],
)
def test_the_run_environment_is_pinmark_env_or_else_production_outside_pytest(
    monkeypatch, variables, expected
):
    for name in ("PINMARK_ENV", "PYTEST_VERSION"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)

    assert run_environment(debug=False) == expected


def test_debug_makes_a_run_without_pinmark_env_a_development_one(monkeypatch):
    monkeypatch.delenv("PINMARK_ENV", raising=False)
    monkeypatch.delenv("PYTEST_VERSION", raising=False)

    assert run_environment(debug=True) == "development"


def test_the_test_suite_runs_as_development():
    assert settings.PINMARK_ENV == "development"


def test_an_unknown_pinmark_env_is_refused(monkeypatch):
    monkeypatch.setenv("PINMARK_ENV", "prod")

    with pytest.raises(ImproperlyConfigured, match="PINMARK_ENV"):
        run_environment(debug=False)
