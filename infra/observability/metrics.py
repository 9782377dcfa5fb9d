"""Prometheus metrics: what is counted, and `/metrics`, the page Prometheus scrapes.

Under gunicorn each worker is a process: with PROMETHEUS_MULTIPROC_DIR set (an
empty directory, emptied again when gunicorn starts: project/gunicorn_config.py)
every process writes its samples there and `/metrics` adds up all of them.
Without it, `/metrics` shows the answering process alone (runserver, tests).

`/metrics` answers a request that carries `Authorization: Bearer <METRICS_TOKEN>`
(when that is set) or comes from an address in METRICS_ALLOWED_NETWORKS
(loopback by default); any other gets 403.
"""

import hmac
import ipaddress
import os

from django.conf import settings
from django.http import HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

from infra.client_ip import client_ip

if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    # Each metric opens its file there when it is made, in any process
    # (`manage.py migrate` too): the directory must exist first.
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

GRAPHQL_REQUESTS = Counter(
    "pinmark_graphql_requests",
    "GraphQL requests answered, by operation name and type and HTTP status.",
    ["operation", "type", "status"],
)
GRAPHQL_SECONDS = Histogram(
    "pinmark_graphql_request_duration_seconds",
    "Time to answer a GraphQL request, by operation name and type.",
    ["operation", "type"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
GRAPHQL_ERRORS = Counter(
    "pinmark_graphql_errors",
    "Errors in GraphQL answers (top-level `errors`), by `extensions.code`.",
    ["code"],
)
REDIS_FALLBACKS = Counter(
    "pinmark_redis_fallbacks",
    "Times Redis could not be reached and a feature fell back (or was refused).",
    ["component"],
)
IMAGE_STAGE_SECONDS = Histogram(
    "pinmark_image_stage_duration_seconds",
    "Time spent per stage of saving an image: download, prepare (decode, check, "
    "re-encode), store (original and thumbnails to storage).",
    ["stage"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20),
)
STORAGE_ORPHANS = Counter(
    "pinmark_storage_orphans",
    "Files that could not be deleted from storage and were left behind (see the log).",
)


def operation_label(name: str | None, known: bool) -> str:
    """The `operation` label for an operation named `name` (None: unnamed). Clients choose
    names: only those of our own clients (`known`, server/documents/operation_names.py) are labels,
    so that the labels, and the memory they take, stay bounded."""
    if name is None:
        return "anonymous"
    return name if known else "other"


# The labelled children per (operation, type, status): prometheus-client's
# labels() takes a lock and checks its arguments on every call.
_request_children = {}


def count_graphql_request(operation, kind, status, seconds) -> None:
    key = (operation, kind, status)
    children = _request_children.get(key)
    if children is None:
        children = _request_children[key] = (
            GRAPHQL_REQUESTS.labels(operation, kind, str(status)),
            GRAPHQL_SECONDS.labels(operation, kind),
        )
    children[0].inc()
    children[1].observe(seconds)


def redis_fallback(component: str) -> None:
    REDIS_FALLBACKS.labels(component).inc()


def may_read_metrics(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        scheme, _, sent = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(sent.strip(), token):
            return True
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


def metrics_response(request) -> HttpResponse:
    if not may_read_metrics(request):
        return HttpResponse("Forbidden.\n", status=403, content_type="text/plain")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
