"""The production environment documented in docs/deployment.md passes Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "PINMARK_ENV": "production",
    "SECRET_KEY": "k3Vq9-production-secret-of-at-least-fifty-characters-xZ7pL2",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "pinmark.example.com",
    "PUBLIC_URL": "https://pinmark.example.com",
    "BEHIND_HTTPS_PROXY": "1",
    "TRUSTED_PROXY_COUNT": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_COOKIES": "1",
    "SECURE_HSTS_SECONDS": "31536000",
}


def check_deploy(**variables):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in PRODUCTION and not name.startswith("SECURE_")
    }
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_documented_production_environment_passes_check_deploy():
    result = check_deploy(**PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_development_defaults_do_not_pass_check_deploy():
    result = check_deploy()

    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012"):
        assert warning in result.stderr


def test_the_deployment_page_documents_the_production_environment():
    deployment = (BASE_DIR / "docs" / "deployment.md").read_text().split("\n## ", 1)[0]

    for name in PRODUCTION:
        assert f"export {name}=" in deployment


def test_the_wsgi_application_settles_once_loaded():
    # The URLconf (and the schema through it) loaded, and what start-up made frozen.
    program = (
        "import gc, sys, project.wsgi; print(gc.get_freeze_count(), 'schema.unions' in sys.modules)"
    )
    run = subprocess.run(
        [sys.executable, "-c", program],
        cwd=BASE_DIR,
        env={**os.environ, "PINMARK_ENV": "development"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    frozen, schema_loaded = run.stdout.split()
    assert int(frozen) > 100_000
    assert schema_loaded == "True"
