"""Django itself: paths, apps, middleware, database, static and media files, CORS, tokens."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from infra.media_storage import media_storage
from project.settings.env import env_bool, env_int, env_list, env_str, secret_key_from
from project.settings.production import require_production_settings, run_environment

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
# Production stops here without its required settings; development generates its key.
PINMARK_ENV = run_environment(debug=DEBUG)
require_production_settings(PINMARK_ENV)
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
    "taggit",
    "search",
    "users",
    "images",
    "boards",
    "activity",
    "comments",
    "moderation",
    "bookmarklet",
    "demo",
    "jobs",
    "webhooks",
    # Social sign-in's models (associations, state nonces); no provider is on until configured.
    "social_django",
    # OAuth 2.0 for third-party apps (users/oauth/, docs/oauth.md).
    "oauth2_provider",
]

MIDDLEWARE = [
    # /healthz, /readyz and /metrics, ahead of host checks, HTTPS redirects and the rest.
    "infra.observability.service_endpoints.ServiceEndpointsMiddleware",
    "infra.observability.request_observation.RequestObservationMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "infra.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of the answer (docs/languages.md).
    "infra.languages.LanguageMiddleware",
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
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The languages people read us in (docs/languages.md); codes never change with them.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Media files (infra/media_storage.py): the local disk, or S3-compatible object
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
# The token endpoints too, for a browser app of another origin (docs/oauth.md).
CORS_URLS_REGEX = r"^/(graphql/?|oauth/(token|revoke_token)/)$"
CORS_ALLOW_CREDENTIALS = False
# A front end on another origin may read the rate limit (docs/rate-limits.md).
CORS_EXPOSE_HEADERS = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"]

# The API authenticates with bearer tokens only (see server/http/endpoint.py).
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
