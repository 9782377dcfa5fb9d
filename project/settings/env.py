"""Reading settings from the environment, each with its development default.

Surrounding spaces do not count and an empty variable is an unset one; a boolean is on for
1, true, yes or on, off for anything else. (django-environ, the library for this, reads ""
as off, "ok", "y" and "2" as on, keeps spaces, and takes a value starting with `$` as the
name of another variable, a secret's included.)
"""

import os
import secrets
from pathlib import Path


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default=False):
    value = env_str(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = env_str(name)
    return int(value) if value else default


def env_list(name, default=()):
    value = env_str(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def secret_key_from(path: Path) -> str:
    """The development secret key, generated once and kept under var/."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def unset_variables(names):
    """Those of `names` the environment leaves unset or empty."""
    return [name for name in names if not env_str(name)]
