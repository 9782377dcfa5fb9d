"""Pinmark settings: every value comes from the environment (see README)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from project.email_url import email_settings
from project.env import env_bool, env_int, env_list, env_str, secret_key_from

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or secret_key_from(VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
PUBLIC_URL = env_str("PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "graphene_django",
    "graphql_jwt.refresh_token",
    "easy_thumbnails",
    "users",
    "images",
    "activity",
    "bookmarklet",
    "demo",
    # Social sign-in's models (associations, state nonces); no provider is on until configured.
    "social_django",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "project.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"
ASGI_APPLICATION = "project.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = ["users.backends.UsernameOrEmailBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "media/"

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/graphql/?$"
CORS_ALLOW_CREDENTIALS = False

# The API authenticates with bearer tokens only (see schema/endpoint.py).
GRAPHQL_JWT = {
    "JWT_VERIFY_EXPIRATION": True,
    "JWT_EXPIRATION_DELTA": timedelta(minutes=5),
    "JWT_LONG_RUNNING_REFRESH_TOKEN": True,
    "JWT_REFRESH_EXPIRATION_DELTA": timedelta(days=30),
    "JWT_REUSE_REFRESH_TOKENS": True,
    "JWT_AUTH_HEADER_PREFIX": "Bearer",
    "JWT_ALGORITHM": "HS256",
}
# A session (the refresh tokens descending from one sign-in) ends this long after
# the sign-in however often it is refreshed (users/tokens.py).
REFRESH_TOKEN_ABSOLUTE_DAYS = env_int("REFRESH_TOKEN_ABSOLUTE_DAYS", 90)

GRAPHENE = {
    "SCHEMA": "schema.schema",
    "SCHEMA_OUTPUT": str(BASE_DIR / "schema.graphql"),
    "RELAY_CONNECTION_MAX_LIMIT": 100,
}
GRAPHQL_DEFAULT_PAGE_SIZE = 20
GRAPHQL_MAX_PAGE_SIZE = 100

# Query limits (schema/limits.py); each refusal is a QUERY_TOO_COMPLEX error.
GRAPHQL_MAX_BODY_BYTES = env_int("GRAPHQL_MAX_BODY_BYTES", 100_000)
GRAPHQL_MAX_TOKENS = env_int("GRAPHQL_MAX_TOKENS", 5_000)
GRAPHQL_MAX_DEPTH = env_int("GRAPHQL_MAX_DEPTH", 10)
# GraphiQL's introspection query nests 14 deep.
GRAPHQL_MAX_INTROSPECTION_DEPTH = env_int("GRAPHQL_MAX_INTROSPECTION_DEPTH", 15)
GRAPHQL_MAX_ALIASES = env_int("GRAPHQL_MAX_ALIASES", 100)
GRAPHQL_MAX_ROOT_FIELDS = env_int("GRAPHQL_MAX_ROOT_FIELDS", 50)
# Pairs of fields sharing a response name in one selection set, which the standard
# validation compares one by one.
GRAPHQL_MAX_REPEATED_FIELD_PAIRS = env_int("GRAPHQL_MAX_REPEATED_FIELD_PAIRS", 1_000)
GRAPHQL_MAX_COST = env_int("GRAPHQL_MAX_COST", 10_000)
# Fields an operation that introspects may resolve (the whole schema is about 4,500).
GRAPHQL_MAX_INTROSPECTION_FIELDS = env_int("GRAPHQL_MAX_INTROSPECTION_FIELDS", 25_000)
GRAPHQL_MAX_ERRORS = 20
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)
# Parsed documents are kept up to this many bytes of query text per process;
# larger documents are checked on every request instead.
GRAPHQL_DOCUMENT_CACHE_BYTES = env_int("GRAPHQL_DOCUMENT_CACHE_BYTES", 512_000)
GRAPHQL_DOCUMENT_CACHE_MAX_DOCUMENT_BYTES = env_int(
    "GRAPHQL_DOCUMENT_CACHE_MAX_DOCUMENT_BYTES", 20_000
)

# Live updates: GraphQL subscriptions over WebSocket (schema/websocket.py, schema/live.py).
LIVE_MAX_SUBSCRIPTIONS = env_int("LIVE_MAX_SUBSCRIPTIONS", 20)  # per connection
LIVE_INIT_TIMEOUT_SECONDS = env_int("LIVE_INIT_TIMEOUT_SECONDS", 10)
# What may wait to be sent to one client before it counts as not reading (closed).
LIVE_MAX_QUEUED_MESSAGES = env_int("LIVE_MAX_QUEUED_MESSAGES", 100)
LIVE_MAX_QUEUED_BYTES = env_int("LIVE_MAX_QUEUED_BYTES", 1_000_000)
# Every signed-in connection's token is checked against the database this often.
LIVE_TOKEN_RECHECK_SECONDS = env_int("LIVE_TOKEN_RECHECK_SECONDS", 60)

# Throttling of password checks, sign-ups and e-mail changes (users/throttle.py).
# The LOGIN_ limits count failed password checks of every kind (sign-in,
# password change, ...), per account and client network.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_IP_FAILURE_LIMIT = env_int("LOGIN_IP_FAILURE_LIMIT", 50)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900)
LOGIN_COOLOFF_SECONDS = env_int("LOGIN_COOLOFF_SECONDS", 900)
REGISTER_IP_LIMIT = env_int("REGISTER_IP_LIMIT", 10)
REGISTER_IP_WINDOW_SECONDS = env_int("REGISTER_IP_WINDOW_SECONDS", 3600)
EMAIL_CHANGE_LIMIT = env_int("EMAIL_CHANGE_LIMIT", 5)
EMAIL_CHANGE_NETWORK_LIMIT = env_int("EMAIL_CHANGE_NETWORK_LIMIT", 20)
EMAIL_CHANGE_WINDOW_SECONDS = env_int("EMAIL_CHANGE_WINDOW_SECONDS", 3600)
# How many reverse proxies append to X-Forwarded-For; 0 trusts only REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# E-mail (project/email_url.py): unset EMAIL_URL writes each message to a file under var/mail/.
# Tests use Django's in-memory outbox unless they point these settings at the SMTP fixture.
_email = email_settings(env_str("EMAIL_URL") or (VAR_DIR / "mail").as_uri())
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH")
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Pinmark <noreply@localhost>")

REDIS_URL = env_str("REDIS_URL")
REDIS_EMBEDDED_PATH = VAR_DIR / "redis.db"
REDIS_SOCKET_TIMEOUT = float(env_str("REDIS_SOCKET_TIMEOUT", "0.5"))

IMAGE_FETCH_ALLOWED_HOSTS = env_list("IMAGE_FETCH_ALLOWED_HOSTS")
IMAGE_FETCH_CONNECT_TIMEOUT = float(env_str("IMAGE_FETCH_CONNECT_TIMEOUT", "3"))
IMAGE_FETCH_READ_TIMEOUT = float(env_str("IMAGE_FETCH_READ_TIMEOUT", "5"))
IMAGE_FETCH_TOTAL_TIMEOUT = float(env_str("IMAGE_FETCH_TOTAL_TIMEOUT", "20"))
# Downloads in flight at once (images/download_slots.py): per user, and across
# the fleet, by default half the web workers of one machine (gunicorn reads
# WEB_CONCURRENCY as its worker count), so the rest keep answering.
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", 2)
IMAGE_FETCH_MAX_IN_FLIGHT = env_int("IMAGE_FETCH_MAX_IN_FLIGHT", max(1, WEB_CONCURRENCY // 2))
IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER = env_int("IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER", 2)
# Largest image file accepted, downloaded or uploaded.
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 10 * 2**20)
# Decoded size cap (decompression bombs): 50 megapixels is about 200 MB as RGBA.
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 50_000_000)
# Files one multipart request may carry (Django stops parsing past it); the
# body may be as long as that many files of IMAGE_MAX_BYTES (schema/uploads.py).
UPLOAD_MAX_FILES = env_int("UPLOAD_MAX_FILES", 5)
DATA_UPLOAD_MAX_NUMBER_FILES = UPLOAD_MAX_FILES
# Frames of one animation; their pixels together count against IMAGE_MAX_PIXELS.
IMAGE_MAX_FRAMES = env_int("IMAGE_MAX_FRAMES", 500)
VIEW_DEDUP_SECONDS = env_int("VIEW_DEDUP_SECONDS", 1800)
ACTION_DEDUP_SECONDS = env_int("ACTION_DEDUP_SECONDS", 60)

THUMBNAIL_ALIASES = {
    "": {
        "small": {"size": (150, 150), "crop": "smart"},
        "medium": {"size": (300, 0)},
        "large": {"size": (600, 0)},
    }
}
THUMBNAIL_SOURCE_GENERATORS = ("images.thumbnails.draft_source",)
THUMBNAIL_PRESERVE_EXTENSIONS = ("png", "gif", "webp")
THUMBNAIL_NAMER = "easy_thumbnails.namers.alias"

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
