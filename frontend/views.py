"""The reference front end's page (static/app/): its scripts talk to /graphql over HTTP and
WebSocket. Every front-end path answers the same page; the client's router draws the view."""

from django.shortcuts import render

from infra.csp import content_security_policy, same_host_websockets, static_origins


def page(request, status=200, **route):
    """The front end's page, for any of its routes (`route` holds the path's parts, which
    the client reads from its address)."""
    response = render(request, "index.html", status=status)
    response["Content-Security-Policy"] = content_security_policy(
        # The router reads its routes as a JSON module, which the policy counts as a fetch.
        connect_src=(*same_host_websockets(request), *static_origins()),
        # The upload and settings pages preview a chosen file from a blob: URL.
        img_src=("blob:",),
        # The installable app: its manifest, and its service worker (/sw.js, app.js).
        manifest_src=("'self'",),
        worker_src=("'self'",),
    )
    return response


def unknown_page(request):
    """A path no route knows: the same page (it shows its own "not found"), with a 404."""
    return page(request, status=404)
