"""Pinmark settings: every value comes from the environment (see README)."""

import ipaddress
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from project.email_url import email_settings
from project.env import env_bool, env_int, env_list, env_str, secret_key_from
from project.media_storage import media_storage

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or secret_key_from(VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
PUBLIC_URL = env_str("PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "project.admin_site.PinmarkAdminConfig",
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
    # /healthz, /readyz and /metrics, ahead of host checks, HTTPS redirects and the rest.
    "project.service_endpoints.ServiceEndpointsMiddleware",
    "project.request_observation.RequestObservationMiddleware",
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
# Media files (project/media_storage.py): the local disk, or S3-compatible object
# storage with MEDIA_STORAGE=s3. MEDIA_URL is where clients fetch them: our own
# /media/ by default, or a CDN or public bucket (an absolute URL).
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "local").lower()
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
_media_url = env_str("MEDIA_URL")
MEDIA_URL = _media_url.rstrip("/") + "/" if _media_url else "media/"
STORAGES = {
    "default": media_storage(
        MEDIA_STORAGE,
        bucket=env_str("S3_BUCKET"),
        media_url=_media_url,
        endpoint_url=env_str("S3_ENDPOINT_URL"),
        region=env_str("S3_REGION"),
        access_key_id=env_str("S3_ACCESS_KEY_ID"),
        secret_access_key=env_str("S3_SECRET_ACCESS_KEY"),
        timeout=float(env_str("S3_TIMEOUT", "5")),
        signed_url_seconds=env_int("S3_SIGNED_URL_SECONDS", 3600),
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

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
# totalCount counts up to this (a full COUNT costs more as a table grows).
GRAPHQL_MAX_TOTAL_COUNT = env_int("GRAPHQL_MAX_TOTAL_COUNT", 10_000)
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
# A subscription's document runs again at each event, for each subscriber.
GRAPHQL_SUBSCRIPTION_MAX_COST = env_int("GRAPHQL_SUBSCRIPTION_MAX_COST", 50)
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
# Automatic persisted queries (project/persisted_query_store.py): a stored document
# expires this long after it was last used.
GRAPHQL_PERSISTED_QUERY_TTL_SECONDS = env_int("GRAPHQL_PERSISTED_QUERY_TTL_SECONDS", 86_400)
# Only documents up to this size are stored (anonymous clients: the smaller one), and
# the store keeps at most this many documents and bytes, dropping the least used.
GRAPHQL_PERSISTED_QUERY_MAX_BYTES = env_int("GRAPHQL_PERSISTED_QUERY_MAX_BYTES", 20_000)
GRAPHQL_PERSISTED_QUERY_ANONYMOUS_MAX_BYTES = env_int(
    "GRAPHQL_PERSISTED_QUERY_ANONYMOUS_MAX_BYTES", 4_000
)
GRAPHQL_PERSISTED_QUERY_STORE_DOCUMENTS = env_int("GRAPHQL_PERSISTED_QUERY_STORE_DOCUMENTS", 1_000)
GRAPHQL_PERSISTED_QUERY_STORE_BYTES = env_int("GRAPHQL_PERSISTED_QUERY_STORE_BYTES", 2_000_000)
# Anonymous GET answers without errors may be kept this long by browsers and CDNs
# (schema/http_caching.py); 0 makes every answer `no-store`.
GRAPHQL_GET_CACHE_SECONDS = env_int("GRAPHQL_GET_CACHE_SECONDS", 60)
# Production lock-down (schema/trusted_documents.py): run only the documents of this manifest.
GRAPHQL_TRUSTED_DOCUMENTS_ONLY = env_bool("GRAPHQL_TRUSTED_DOCUMENTS_ONLY", False)
GRAPHQL_TRUSTED_DOCUMENTS = env_str("GRAPHQL_TRUSTED_DOCUMENTS")

# Live updates: GraphQL subscriptions over WebSocket (schema/websocket.py, schema/live*.py).
LIVE_MAX_SUBSCRIPTIONS = env_int("LIVE_MAX_SUBSCRIPTIONS", 20)  # per connection
# Per person (a signed-in user, or the client network of sockets not signed in) and
# per server process (schema/ws_admission.py).
LIVE_MAX_SUBSCRIPTIONS_PER_PERSON = env_int("LIVE_MAX_SUBSCRIPTIONS_PER_PERSON", 100)
LIVE_MAX_CONNECTIONS_PER_USER = env_int("LIVE_MAX_CONNECTIONS_PER_USER", 20)
LIVE_MAX_ANONYMOUS_CONNECTIONS_PER_ADDRESS = env_int(
    "LIVE_MAX_ANONYMOUS_CONNECTIONS_PER_ADDRESS", 100
)
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

# Password reset by e-mail (users/services/password_reset.py): the link mailed, a template
# with {uid} and {token} (default: the front end's reset page, the token in the fragment so
# that it reaches neither server logs nor Referer headers), valid for this long.
PASSWORD_RESET_URL = env_str("PASSWORD_RESET_URL", f"{PUBLIC_URL}/reset-password#{{uid}}/{{token}}")
if "{uid}" not in PASSWORD_RESET_URL or "{token}" not in PASSWORD_RESET_URL:
    raise ImproperlyConfigured("PASSWORD_RESET_URL must contain {uid} and {token}")
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3600)
# A new e-mail address takes effect when the link mailed to it is followed.
EMAIL_CHANGE_URL = env_str("EMAIL_CHANGE_URL", f"{PUBLIC_URL}/confirm-email#{{uid}}/{{token}}")
if "{uid}" not in EMAIL_CHANGE_URL or "{token}" not in EMAIL_CHANGE_URL:
    raise ImproperlyConfigured("EMAIL_CHANGE_URL must contain {uid} and {token}")
EMAIL_CHANGE_TIMEOUT = env_int("EMAIL_CHANGE_TIMEOUT", 86400)
# An account's address is verified through the link mailed to it at sign-up (or on request
# from the settings page). An address left unverified this long after sign-up is a lapsed
# claim: a provider vouching for it gets its own account (users/services/email_confirmation.py).
EMAIL_VERIFICATION_URL = env_str(
    "EMAIL_VERIFICATION_URL", f"{PUBLIC_URL}/confirm-email#{{uid}}/{{token}}"
)
if "{uid}" not in EMAIL_VERIFICATION_URL or "{token}" not in EMAIL_VERIFICATION_URL:
    raise ImproperlyConfigured("EMAIL_VERIFICATION_URL must contain {uid} and {token}")
EMAIL_VERIFICATION_TIMEOUT = env_int("EMAIL_VERIFICATION_TIMEOUT", 3 * 86400)
PASSWORD_RESET_REQUEST_EMAIL_LIMIT = env_int("PASSWORD_RESET_REQUEST_EMAIL_LIMIT", 3)
PASSWORD_RESET_REQUEST_IP_LIMIT = env_int("PASSWORD_RESET_REQUEST_IP_LIMIT", 20)
PASSWORD_RESET_REQUEST_WINDOW_SECONDS = env_int("PASSWORD_RESET_REQUEST_WINDOW_SECONDS", 3600)

# Social sign-in (users/social/): a provider is offered when its key is set.
SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = env_str("SOCIAL_AUTH_GOOGLE_OAUTH2_KEY")
SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = env_str("SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET")
# Any OpenID Connect provider, by its issuer (the URL before /.well-known/openid-configuration).
SOCIAL_AUTH_OIDC_OIDC_ENDPOINT = env_str("SOCIAL_AUTH_OIDC_ENDPOINT").rstrip("/")
SOCIAL_AUTH_OIDC_KEY = env_str("SOCIAL_AUTH_OIDC_KEY")
SOCIAL_AUTH_OIDC_SECRET = env_str("SOCIAL_AUTH_OIDC_SECRET")
SOCIAL_AUTH_OIDC_LABEL = env_str("SOCIAL_AUTH_OIDC_LABEL", "OpenID Connect")
SOCIAL_AUTH_OIDC_USE_PKCE = True
SOCIAL_AUTH_GOOGLE_OAUTH2_USE_PKCE = True
if SOCIAL_AUTH_GOOGLE_OAUTH2_KEY and not SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET:
    raise ImproperlyConfigured(
        "SOCIAL_AUTH_GOOGLE_OAUTH2_KEY needs SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET"
    )
if SOCIAL_AUTH_OIDC_KEY and not (SOCIAL_AUTH_OIDC_SECRET and SOCIAL_AUTH_OIDC_OIDC_ENDPOINT):
    raise ImproperlyConfigured(
        "SOCIAL_AUTH_OIDC_KEY needs SOCIAL_AUTH_OIDC_SECRET and SOCIAL_AUTH_OIDC_ENDPOINT"
    )
AUTHENTICATION_BACKENDS += [
    backend
    for backend, key in (
        ("social_core.backends.open_id_connect.OpenIdConnectAuth", SOCIAL_AUTH_OIDC_KEY),
        ("users.social.backends.GoogleOAuth2PKCE", SOCIAL_AUTH_GOOGLE_OAUTH2_KEY),
    )
    if key
]
# Our redirect endpoints and pipeline (users/social/): the pipeline runs in one
# transaction and ends by redirecting to the front end with a one-time code.
SOCIAL_AUTH_STRATEGY = "users.social.strategy.AtomicStrategy"
SOCIAL_AUTH_PIPELINE = (
    "social_core.pipeline.social_auth.social_details",
    "social_core.pipeline.social_auth.social_names",
    "social_core.pipeline.social_auth.social_uid",
    "social_core.pipeline.social_auth.auth_allowed",
    "social_core.pipeline.social_auth.social_user",
    "users.social.pipeline.associate_by_verified_email",
    "users.social.pipeline.create_social_user",
    "social_core.pipeline.social_auth.associate_user",
    "users.social.pipeline.redirect_with_one_time_code",
)
SOCIAL_AUTH_REQUESTS_TIMEOUT = env_int("SOCIAL_AUTH_REQUESTS_TIMEOUT", 5)

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

# Readiness (/readyz): how long the database, Redis and storage checks may take.
READINESS_TIMEOUT = float(env_str("READINESS_TIMEOUT", "2"))
# /metrics answers requests with this bearer token, or from these networks.
METRICS_TOKEN = env_str("METRICS_TOKEN")
METRICS_ALLOWED_NETWORKS = [
    ipaddress.ip_network(network, strict=False)
    for network in env_list("METRICS_ALLOWED_NETWORKS", ["127.0.0.0/8", "::1/128"])
]

# LOG_FORMAT=json writes each line as a JSON object with the request's id,
# operation and user (project/json_logs.py), and one access line per request.
LOG_FORMAT = env_str("LOG_FORMAT", "text").lower()
_json_logs = LOG_FORMAT == "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "project.json_logs.RequestContextFilter"}},
    "formatters": {"json": {"()": "project.json_logs.JsonFormatter"}},
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
