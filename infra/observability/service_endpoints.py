"""`/healthz`, `/readyz` and `/metrics`: for load balancers, orchestrators and
Prometheus, answered ahead of every other middleware.

So they are cheap, need no authentication, are never throttled or redirected
to HTTPS, and answer whatever Host header a probe sends (an orchestrator
probes the instance's own address, which ALLOWED_HOSTS need not list).

- `/healthz`: 200 while the process can answer at all; it looks at nothing else.
- `/readyz`: 200 when the database, Redis and the media storage each answered
  within READINESS_TIMEOUT seconds, else 503; the JSON body says which failed.
- `/metrics`: Prometheus metrics, to allowed scrapers only (infra/observability/metrics.py).
"""

from django.conf import settings
from django.http import HttpResponseNotAllowed, JsonResponse

from infra.observability import health, metrics


def healthz(request):
    return JsonResponse({"status": "ok"})


def readyz(request):
    checks = health.readiness(settings.READINESS_TIMEOUT)
    ready = all(outcome == "ok" for outcome in checks.values())
    failed = [name for name, outcome in checks.items() if outcome != "ok"]
    body = {"status": "ready" if ready else "unavailable", "failed": failed, "checks": checks}
    return JsonResponse(body, status=200 if ready else 503)


ENDPOINTS = {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics.metrics_response}


class ServiceEndpointsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        endpoint = ENDPOINTS.get(request.path_info)
        if endpoint is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        response = endpoint(request)
        response["Cache-Control"] = "no-store"
        return response
