"""Which language a person reads us in (docs/languages.md): their `User.language` when
they chose one, else the first language of their `Accept-Language` that we speak, else
English. Codes and enum values never change with it: only messages do."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header


def language_of(user, accept_language: str = "") -> str:
    """The language for `user` (anonymous or not), whose client sent `accept_language`."""
    chosen = getattr(user, "language", "")
    if chosen and any(chosen == code for code, _name in settings.LANGUAGES):
        return chosen
    return accepted_language(accept_language)


def accepted_language(header: str) -> str:
    """The first language of an `Accept-Language` header that we speak (Django's
    parsing, by quality), else the default."""
    if not header:  # most clients of the API send none
        return settings.LANGUAGE_CODE
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def socket_language(scope, user) -> str:
    """The language of a WebSocket connection (ASGI `scope`), whose person is `user`."""
    headers = dict(scope.get("headers", []))
    return language_of(user, headers.get(b"accept-language", b"").decode("latin-1"))


def activate_for(request, user=None):
    """Read the rest of `request` in the language of `user` (None before authentication)
    and of its `Accept-Language`; the API's endpoint calls it again once it knows who
    signed in."""
    language = language_of(user, request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    if language == getattr(request, "LANGUAGE_CODE", None):
        return  # active since the first call (a person who chose none, or the same)
    request.LANGUAGE_CODE = language
    translation.activate(language)


class LanguageMiddleware:
    """Every request runs in the language of its `Accept-Language` (until the endpoint
    knows its user); its answer says which (`Content-Language`) and that it depends on
    the header (`Vary`). Django's LocaleMiddleware would also read a cookie and the
    session, which must not count for the API."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        activate_for(request)
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


def recipient_language(user) -> str:
    """The language of an e-mail to `user`: theirs, else the default (a mail is not an
    answer to a request, so no `Accept-Language` counts)."""
    return language_of(user)
