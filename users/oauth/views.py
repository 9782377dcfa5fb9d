"""The OAuth endpoints (docs/oauth.md): django-oauth-toolkit's token and revocation views,
and its authorization view made the consent page.

The front end keeps its session in the browser (the access and refresh tokens in
localStorage, static/app/tokens.js), not in a Django session cookie. So the consent page
is shown to anyone (it names only the app and the scopes it asks for), its script
(static/app/oauth-consent.js) asks the visitor to sign in through the front end when the
browser holds no session, and Allow or Deny posts the session's access token in the form.
The answer is given only for the person that token names; a cross-site form cannot
forge it, since no other site can read the token.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from oauth2_provider.views import AuthorizationView
from oauth2_provider.views.mixins import OAuthLibMixin

from infra.csp import content_security_policy
from users.errors import InvalidToken
from users.tokens import user_for_access_token

NUL_SENT = {
    "error": "invalid_request",
    "description": "A parameter holds a NUL character: no client or token has one.",
}
SIGN_IN_AGAIN = {
    "error": "sign_in_required",
    "description": "Your sign-in has ended: sign in again, then answer the app's request.",
}
# Parameters of the toolkit that would answer without asking (a consent given before,
# a sign-in form of Django's): this page always asks, and sign-in is the front end's.
NOT_HONOURED = ("approval_prompt", "prompt")


@method_decorator(never_cache, name="dispatch")
class ConsentView(AuthorizationView):
    template_name = "oauth/consent.html"

    def dispatch(self, request, *args, **kwargs):
        self.oauth2_data = {}
        request.GET = request.GET.copy()
        for name in NOT_HONOURED:
            request.GET.pop(name, None)
        if request.method == "POST":
            try:
                request.user = user_for_access_token(request.POST.get("access_token", ""))
            except InvalidToken:
                return self.render_to_response({"error": SIGN_IN_AGAIN}, status=401)
        # The toolkit's LoginRequiredMixin wants a Django session: skipped (see above).
        return super(OAuthLibMixin, self).dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("error", None)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # Allow and Deny post here, then the toolkit redirects to the app: the policy's
        # form-action must let the browser follow that redirect.
        app_origin = _origin(context.get("redirect_uri") or "")
        response["Content-Security-Policy"] = content_security_policy(
            form_action=(app_origin,) if app_origin else ()
        )
        return response


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def refusing_nul(view, *, page=False):
    """`view`, but a request with a NUL character in a parameter is refused (400) before
    the toolkit looks anything up: PostgreSQL cannot compare text holding one."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        values = (
            value
            for query in (request.GET, request.POST)
            for _, vs in query.lists()
            for value in vs
        )
        if not any("\x00" in value for value in values):
            return view(request, *args, **kwargs)
        if page:
            return render(request, ConsentView.template_name, {"error": NUL_SENT}, status=400)
        error = {"error": NUL_SENT["error"], "error_description": NUL_SENT["description"]}
        return JsonResponse(error, status=400)

    return checked
