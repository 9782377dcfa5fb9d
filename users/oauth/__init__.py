"""OAuth 2.0 for third-party apps, served by django-oauth-toolkit under /oauth/
(docs/oauth.md): the consent page, the token format, the rules the toolkit asks us."""
