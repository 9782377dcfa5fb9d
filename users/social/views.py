"""The two redirect endpoints of a social sign-in (see users/social/__init__.py).

Both use the Django session, which holds the sign-in's state; neither signs anyone in
to a Django session (`login()` is never called): the sign-in ends with the one-time
code the pipeline hands the front end. Any failure sends the browser back to the front
end with `#error=<code>`, social-core's code for it (`authorization_declined`,
`session_context_missing`, `state_mismatch`, `email_in_use`, ...).
"""

import logging

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from social_core.actions import do_auth, do_complete
from social_core.exceptions import SocialAuthBaseException
from social_django.utils import load_backend, load_strategy

from users.social import browser_nonce, front_end
from users.social.backends import callback_url, configured_backends

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def start(request, backend):
    """Send the browser to the provider; `?next=` is the front-end page to come back to,
    `?nonce=` the random value the front end keeps for `socialSignIn`."""
    backend = _backend(request, backend)
    next_url = front_end.checked(request.GET.get("next"))
    if next_url is None:
        return _bad_request("`next` must be a page of this site or of an allowed front end.")
    nonce = browser_nonce.checked(request.GET.get("nonce"))
    if nonce is None:
        return _bad_request(
            "`nonce` must be a random value the front end keeps for socialSignIn: "
            "22 to 128 characters among A-Z, a-z, 0-9, - and _."
        )
    front_end.save(backend.strategy, next_url)
    browser_nonce.save(backend.strategy, nonce)
    try:
        return do_auth(backend)
    except SocialAuthBaseException as error:
        return _back_with_error(backend, error)


@never_cache
@require_GET
def complete(request, backend):
    """The provider's redirect back: check it, run the pipeline, back to the front end."""
    backend = _backend(request, backend)
    try:
        return do_complete(backend, login=_never_login, user=None)
    except SocialAuthBaseException as error:
        return _back_with_error(backend, error)


def _backend(request, name):
    if name not in configured_backends():
        raise Http404("No such sign-in provider.")
    return load_backend(load_strategy(request), name, redirect_uri=callback_url(name))


def _bad_request(message):
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _back_with_error(backend, error):
    logger.info("Social sign-in with %s failed: %s at %s", backend.name, error.code, error.stage)
    return redirect(front_end.with_fragment(front_end.saved(backend.strategy), error=error.code))


def _never_login(backend, user, social_user):
    raise AssertionError("the pipeline ends with a redirect; nobody gets a Django session")
