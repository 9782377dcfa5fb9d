"""The ASGI application: HTTP (Django) and WebSocket (GraphQL subscriptions at /graphql,
server/ws/consumer.py) on one port. `uvicorn project.asgi:application` serves both."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
http_application = get_asgi_application()  # sets Django up before the imports below

from channels.routing import URLRouter  # noqa: E402
from django.urls import path  # noqa: E402

from infra import start_up  # noqa: E402
from server.ws import router as live  # noqa: E402
from server.ws.consumer import GraphQLWebSocket  # noqa: E402

websocket_application = URLRouter([path("graphql", GraphQLWebSocket.as_asgi())])


async def lifespan(scope, receive, send):
    """Server start and stop: at stop, the live events' Redis connection closes cleanly."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            start_up.settle()
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await live.close_router()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def application(scope, receive, send):
    if scope["type"] == "http":
        return await http_application(scope, receive, send)
    if scope["type"] == "websocket":
        return await websocket_application(scope, receive, send)
    if scope["type"] == "lifespan":
        return await lifespan(scope, receive, send)
    raise ValueError(f"Unknown ASGI scope type {scope['type']!r}")
