"""Which answers a browser or CDN may keep.

Only an anonymous GET (no `Authorization` header) whose answer has data and
no errors is public: `Cache-Control: public, max-age=GRAPHQL_GET_CACHE_SECONDS`
with a strong `ETag` of the body, and `If-None-Match` answers 304 Not Modified.
GET runs queries only and the URL carries the whole request (with persisted
queries, a short one), so a CDN can serve the public image pages. Every other
answer is `Cache-Control: no-store`. All vary by `Authorization` and `Accept`.
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
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
    return get_conditional_response(request, etag=response["ETag"], response=response)


def is_anonymous_get(request) -> bool:
    return request.method == "GET" and not request.headers.get("Authorization")
