"""/share, the installed app's share target (the manifest's `share_target`), and /shares/<key>,
what the share page reads back.

The share sheet POSTs multipart (title, text, url, image) as a navigation without our token;
what it sent is kept (frontend/shares.py) and the browser is sent on to the share page,
`/share?key=…`, which saves it once someone is signed in. A refused share goes to
`/share?error=CODE`, with nothing kept. Each answer is a 303, so a reload never posts again.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.csrf import csrf_exempt

from frontend import shares
from frontend.views import page

# The fields of a share and the multipart framing around them, beyond the image itself.
FORM_OVERHEAD_BYTES = 64 * 1024
NO_STORE = "no-store"


class SeeOther(HttpResponseRedirect):
    status_code = 303


def _refused(code):
    return SeeOther("/share?" + urlencode({"error": code}))


def _cross_site(request) -> bool:
    """A POST another site's page made: a share sheet's is `none`, our own pages' `same-origin`."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is not None and origin != f"{request.scheme}://{request.get_host()}"


def _too_long(request) -> bool:
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        return True
    return length > settings.IMAGE_MAX_BYTES + FORM_OVERHEAD_BYTES


@csrf_exempt
def share(request):
    """GET: the share page. POST: keep what was shared, then show it on the share page."""
    if request.method in ("GET", "HEAD"):
        return page(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if _cross_site(request):
        return _refused("CROSS_SITE")
    if _too_long(request):
        return _refused("TOO_LARGE")
    try:
        fields, file = request.POST, request.FILES.get("image")
    except (MultiPartParserError, SuspiciousOperation):
        return _refused("MALFORMED")
    try:
        key = shares.keep_share(fields, file)
    except shares.ShareRefused as refusal:
        return _refused(refusal.code)
    except shares.ShareUnavailable:
        return _refused("UNAVAILABLE")
    return SeeOther("/share?" + urlencode({"key": key}))


def _unavailable():
    return JsonResponse({"error": "UNAVAILABLE"}, status=503, headers={"Cache-Control": NO_STORE})


def _unknown():
    return JsonResponse({"error": "NOT_FOUND"}, status=404, headers={"Cache-Control": NO_STORE})


@csrf_exempt
def shared(request, key):
    """GET: what was shared under `key`, as JSON. DELETE: forget it (the share is saved).
    The key is the only credential: it is unguessable and lives an hour."""
    try:
        if request.method == "DELETE":
            shares.forget_share(key)
            return HttpResponse(status=204)
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET", "DELETE"])
        found = shares.share_of(key)
    except shares.ShareUnavailable:
        return _unavailable()
    if found is None:
        return _unknown()
    return JsonResponse(found, headers={"Cache-Control": NO_STORE})


def shared_image(request, key):
    """The image shared under `key`."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    try:
        image = shares.image_of(key)
    except shares.ShareUnavailable:
        return _unavailable()
    if image is None:
        return _unknown()
    response = HttpResponse(image.content, content_type=image.content_type)
    response["Cache-Control"] = NO_STORE
    response["X-Content-Type-Options"] = "nosniff"
    return response
