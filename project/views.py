"""The reference front end's page (static/app/): its scripts talk to /graphql over HTTP and
WebSocket."""

from django.shortcuts import render

from project.csp import content_security_policy, same_host_websockets


def home(request):
    response = render(request, "index.html")
    response["Content-Security-Policy"] = content_security_policy(
        connect_src=same_host_websockets(request)
    )
    return response
