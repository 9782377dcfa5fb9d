"""HTTPS and security headers, readiness, metrics and logs."""

import ipaddress

from project.settings.env import env_bool, env_int, env_list, env_str

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY") else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0

# Readiness (/readyz): how long the database, Redis and storage checks may take.
READINESS_TIMEOUT = float(env_str("READINESS_TIMEOUT", "2"))
# /metrics answers requests with this bearer token, or from these networks.
METRICS_TOKEN = env_str("METRICS_TOKEN")
METRICS_ALLOWED_NETWORKS = [
    ipaddress.ip_network(network, strict=False)
    for network in env_list("METRICS_ALLOWED_NETWORKS", ["127.0.0.0/8", "::1/128"])
]

# LOG_FORMAT=json writes each line as a JSON object with the request's id,
# operation and user (infra/observability/json_logs.py), and one access line per request.
LOG_FORMAT = env_str("LOG_FORMAT", "text").lower()
_json_logs = LOG_FORMAT == "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "infra.observability.json_logs.RequestContextFilter"}},
    "formatters": {"json": {"()": "infra.observability.json_logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json", "filters": ["request"]} if _json_logs else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # gunicorn and runserver print their own access lines in text mode.
        "pinmark.access": {"level": "INFO" if _json_logs else "WARNING"},
    },
}
