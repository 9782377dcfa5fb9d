"""The server's side of the front end's routes (infra/front_end_routes.py): each route's path
answers the page, so a reload or a shared link works; any other path outside the server's
own answers the page too, with a 404 (the client shows its "Not found"). The installable app's
files (manifest, icons, service worker) and the share target's POST come first."""

import re

from django.urls import path, re_path

from frontend import share_target, web_app
from frontend.views import page, unknown_page
from infra import front_end_routes


def django_route(client_path: str) -> str:
    """`/people/:username` as Django writes it: `people/<str:username>`."""
    return re.sub(r":(\w+)", r"<str:\1>", client_path.removeprefix("/"))


web_app_paths = [
    path("manifest.webmanifest", web_app.manifest, name="web-app-manifest"),
    path("icons/<str:purpose>-<int:size>.png", web_app.icon, name="web-app-icon"),
    path("sw.js", web_app.service_worker, name="service-worker"),
    # GET answers the page, as every route does; POST is the share sheet's.
    path("share", share_target.share, name="share-target"),
    path("shares/<str:key>", share_target.shared, name="shared"),
    path("shares/<str:key>/image", share_target.shared_image, name="shared-image"),
]

urlpatterns = web_app_paths + [
    path(django_route(route["path"]), page, name=route["page"])
    for route in front_end_routes.routes()
]

# Last in the project's URLs, after media in development.
_server_paths = "|".join(map(re.escape, front_end_routes.server_paths()))
unknown_pages = re_path(rf"^(?!(?:{_server_paths})(?:/|$)).+$", unknown_page)
