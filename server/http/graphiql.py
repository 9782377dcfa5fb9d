"""GraphiQL, the page /graphql shows a browser: our vendored static files only
(static/vendor/graphiql/, no CDN), under the strict Content-Security-Policy."""

import secrets

from django.shortcuts import render
from graphene_django.settings import graphene_settings

from infra.csp import content_security_policy, same_host_websockets


def graphiql_page(request):
    style_nonce = secrets.token_urlsafe(18)
    page_settings = {
        "url": request.path,
        "styleNonce": style_nonce,
        "headerEditorEnabled": graphene_settings.GRAPHIQL_HEADER_EDITOR_ENABLED,
        "shouldPersistHeaders": graphene_settings.GRAPHIQL_SHOULD_PERSIST_HEADERS,
        "inputValueDeprecation": graphene_settings.GRAPHIQL_INPUT_VALUE_DEPRECATION,
    }
    response = render(request, "graphiql.html", {"graphiql_settings": page_settings})
    response["Content-Security-Policy"] = content_security_policy(
        # Radix's dialogs add a <style> element while open (scroll lock); graphiql.js
        # gives it this nonce. Style attributes are set through the CSSOM, which CSP allows.
        style_src=(f"'nonce-{style_nonce}'",),
        # graphiql.min.css carries its fonts and a few icons as data: URLs.
        font_src=("data:",),
        img_src=("data:",),
        # Subscriptions: graphql-transport-ws on the same host and path.
        connect_src=same_host_websockets(request),
    )
    return response
