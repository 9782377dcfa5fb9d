"""Which answers a browser or CDN may keep.

Only an anonymous GET (no `Authorization` header) whose answer has data and
no errors is public, with a strong `ETag` of the body (`If-None-Match` answers 304 Not
Modified). GET runs queries only and the URL carries the whole request (with persisted
queries, a short one).

What it shows can be withdrawn at any moment (an image made private or unlisted, a
board made secret, anything deleted), so a shared cache (a CDN) may keep the answer but
must ask again before each reuse (`s-maxage=0, proxy-revalidate`): the query runs again
under the rules of that moment and a 304 saves only the bytes. The reader's own browser
may reuse what it was shown for GRAPHQL_GET_CACHE_SECONDS (`max-age`): nobody else is
shown anything. Every other answer is `Cache-Control: no-store`. All vary by
`Authorization` and `Accept`.
"""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers


def with_cache_headers(request, response, *, cacheable: bool):
    patch_vary_headers(response, ("Authorization", "Accept"))
    max_age = settings.GRAPHQL_GET_CACHE_SECONDS
    if not (cacheable and max_age > 0 and is_anonymous_get(request)):
        response["Cache-Control"] = "no-store"
        return response
    response["Cache-Control"] = f"public, max-age={max_age}, s-maxage=0, proxy-revalidate"
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
    return get_conditional_response(request, etag=response["ETag"], response=response)


def is_anonymous_get(request) -> bool:
    return request.method == "GET" and not request.headers.get("Authorization")
