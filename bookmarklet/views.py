from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bookmarklet.launcher import launcher_href
from images.models import Image
from infra.csp import strict_csp

MAX_URL_LENGTH = Image._meta.get_field("url").max_length
MAX_TITLE_LENGTH = Image._meta.get_field("title").max_length

_is_web_url = URLValidator(schemes=["http", "https"])
# The image being saved comes from anywhere on the web.
locked_down = strict_csp(img_src=("http:", "https:"))


@require_safe
@locked_down
def install(request):
    """Explains the bookmarklet and offers the link to drag to the bookmarks bar."""
    return render(request, "bookmarklet/install.html", {"launcher_href": launcher_href()})


@require_safe
@locked_down
def save(request):
    """The popup the overlay opens: signs in if needed and saves one image through the API."""
    url = request.GET.get("url", "").strip()
    title = " ".join(request.GET.get("title", "").split())[:MAX_TITLE_LENGTH]
    problem = _url_problem(url)
    context = {
        "url": url,
        "title": title,
        "problem": problem,
        "max_title_length": MAX_TITLE_LENGTH,
        "max_url_length": MAX_URL_LENGTH,
        "allowed_host_hint": _allowed_host_hint(url) if settings.DEBUG and not problem else None,
    }
    return render(request, "bookmarklet/save.html", context, status=400 if problem else 200)


def _allowed_host_hint(url):
    """The `IMAGE_FETCH_ALLOWED_HOSTS` entry that lets the downloader reach `url`'s host:
    shown in development only, where images are often served from this machine."""
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return f"{parts.hostname}:{port}"


def _url_problem(url):
    """What is wrong with the address, as a code: the page says it in the reader's language."""
    if not url:
        return "no-url"
    if len(url) > MAX_URL_LENGTH:
        return "too-long"
    try:
        _is_web_url(url)
    except ValidationError:
        return "not-web"
    return None
