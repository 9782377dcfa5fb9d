"""Django's e-mail settings from one URL, the EMAIL_URL variable (docs/configuration.md).

The SMTP forms (credentials are percent-decoded):

- `smtp://user:pass@host:port`: plain SMTP (port 25 unless given);
- `smtp+tls://user:pass@host:port`: SMTP with STARTTLS (port 587 unless given);
- `smtp+ssl://user:pass@host:port`: SMTP over TLS from the first byte (port 465 unless given);

and the two development forms:

- `console:`: each message is printed on the terminal;
- `file:///path/to/dir`: each message is written to a file in that directory.
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
FILES = "django.core.mail.backends.filebased.EmailBackend"

SMTP_DEFAULT_PORTS = {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}
FORMS = "smtp://user:pass@host:port, smtp+tls://..., smtp+ssl://..., console: or file:///path"


def email_settings(url):
    """The EMAIL_* settings `url` stands for; ImproperlyConfigured for anything else."""
    scheme = url.partition(":")[0].lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": CONSOLE}
    if scheme == "file":
        return {"EMAIL_BACKEND": FILES, "EMAIL_FILE_PATH": _directory(url)}
    if scheme in SMTP_DEFAULT_PORTS:
        return _smtp_settings(url, scheme)
    raise ImproperlyConfigured(f"EMAIL_URL must be one of {FORMS}; its scheme is {scheme!r}")


def _directory(url):
    path = unquote(urlsplit(url).path)
    if not path.startswith("/"):
        raise ImproperlyConfigured("EMAIL_URL file:///path needs an absolute path")
    return path


def _smtp_settings(url, scheme):
    parts = urlsplit(url)
    if parts.query or parts.path not in ("", "/"):
        raise ImproperlyConfigured(f"EMAIL_URL takes no path or options: {FORMS}")
    if not parts.hostname:
        raise ImproperlyConfigured(f"EMAIL_URL names no host: {FORMS}")
    return {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": _port(parts) or SMTP_DEFAULT_PORTS[scheme],
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": scheme == "smtp+tls",
        "EMAIL_USE_SSL": scheme == "smtp+ssl",
    }


def _port(parts):
    try:
        return parts.port
    except ValueError:
        raise ImproperlyConfigured(f"EMAIL_URL has a port that is not a number: {FORMS}") from None


def where_mail_goes(settings):
    """Where the configured backend delivers, in words, without any password."""
    backend = settings.EMAIL_BACKEND
    if backend == FILES:
        return f"written to files in {settings.EMAIL_FILE_PATH}/"
    if backend == CONSOLE:
        return "printed on this terminal"
    if backend == SMTP:
        security = ""
        if settings.EMAIL_USE_SSL:
            security = " over TLS"
        elif settings.EMAIL_USE_TLS:
            security = " with STARTTLS"
        return f"sent to the SMTP server {settings.EMAIL_HOST}:{settings.EMAIL_PORT}{security}"
    return f"handed to {backend}"
