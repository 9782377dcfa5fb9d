"""Development or production (PINMARK_ENV), and the settings production cannot start without
(docs/configuration.md)."""

from django.core.exceptions import ImproperlyConfigured

from project.settings.env import env_str, unset_variables

DEVELOPMENT, PRODUCTION = "development", "production"
# Their development defaults are wrong on a server: a key generated per server makes the
# servers of a fleet refuse each other's tokens, and the loopback host names and address
# answer no one else and put 127.0.0.1 in the links mailed.
REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "ALLOWED_HOSTS", "PUBLIC_URL")


def run_environment(*, debug):
    """PINMARK_ENV; unset, development when DEBUG is on or pytest runs the process (pytest sets
    PYTEST_VERSION for its run and the processes it starts), production otherwise."""
    chosen = env_str("PINMARK_ENV").lower()
    if chosen in (DEVELOPMENT, PRODUCTION):
        return chosen
    if chosen:
        raise ImproperlyConfigured(
            f"PINMARK_ENV must be {DEVELOPMENT} or {PRODUCTION}, not {chosen!r}"
        )
    return DEVELOPMENT if debug or env_str("PYTEST_VERSION") else PRODUCTION


def require_production_settings(environment):
    """In production, ImproperlyConfigured naming each required variable left unset."""
    missing = unset_variables(REQUIRED_IN_PRODUCTION)
    if environment != PRODUCTION or not missing:
        return
    if len(missing) == 1:
        unset = f"{missing[0]} is not set, and production needs it"
    else:
        unset = (
            f"{', '.join(missing[:-1])} and {missing[-1]} are not set, and production needs them"
        )
    raise ImproperlyConfigured(
        f"{unset} (docs/configuration.md). "
        "For a development run, set DEBUG=1 or PINMARK_ENV=development."
    )
