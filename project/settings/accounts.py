"""Accounts: throttles, e-mail, password reset, address verification, social sign-in."""

from django.core.exceptions import ImproperlyConfigured

from project.settings.core import PUBLIC_URL, VAR_DIR
from project.settings.email_url import email_settings
from project.settings.env import env_int, env_str

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

# E-mail (project/settings/email_url.py): unset EMAIL_URL writes each message to a file
# under var/mail/.
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
# Passwords (by username or e-mail), then each provider whose key is set.
AUTHENTICATION_BACKENDS = ["users.backends.UsernameOrEmailBackend"] + [
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

# OAuth 2.0 for third-party apps (django-oauth-toolkit, users/oauth/, docs/oauth.md):
# the authorization code grant with PKCE (S256) only, refresh tokens rotated on use (a
# rotated one presented again ends the whole chain), only digests of tokens stored.
OAUTH2_PROVIDER = {
    "SCOPES": {
        "read": "See your images, boards, likes, follows and everything public.",
        "write": "Save, change and delete images, boards, pins, likes, follows and comments "
        "as you (never your password, e-mail, tokens or account).",
        "private": "See your private images and secret boards, and those shared with you.",
    },
    "DEFAULT_SCOPES": ["read"],
    "READ_SCOPE": "read",
    "WRITE_SCOPE": "write",
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("OAUTH_ACCESS_TOKEN_SECONDS", 3600),
    # Idle lifetime: a refresh token unused this long after its access token expired is dead.
    "REFRESH_TOKEN_EXPIRE_SECONDS": env_int("OAUTH_REFRESH_TOKEN_SECONDS", 30 * 86400),
    "ROTATE_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_GRACE_PERIOD_SECONDS": 0,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "PKCE_REQUIRED": True,
    "REQUEST_APPROVAL_PROMPT": "force",
    "ACCESS_TOKEN_GENERATOR": "users.oauth.token_format.access_token",
    "REFRESH_TOKEN_GENERATOR": "users.oauth.token_format.refresh_token",
    "OAUTH2_VALIDATOR_CLASS": "users.oauth.validator.PinmarkValidator",
    # RFC 9700's recommendations, enforced: no implicit or password grant, no `plain`
    # PKCE, tokens never in a query string, tokens stored as digests only.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    # RFC 9207: the authorization response names its issuer, against mix-up attacks.
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
}
# `http` redirect URIs stay allowed for native apps' loopback callbacks (RFC 8252): app
# registration takes http only to 127.0.0.1, localhost or [::1] (users/services/oauth_apps.py).
SILENCED_SYSTEM_CHECKS = ["oauth2_provider.W008"]
# The toolkit's own models (named, as migrations that point at them need the setting).
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
