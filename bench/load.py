"""Closed-loop HTTP load on loopback, run in its own process.

`python -m bench.load SPEC_JSON` where SPEC names the server, a scenario,
the clients and the duration; prints one JSON line of results. Each client
keeps one connection open and sends its next request when the answer came.

Scenarios: `get` (a path), `graphql` (one document, the default), `by_image`
and `image_then_view` (a random image each iteration), and `mixed`: the
operations of SPEC's `mix` chosen by weight, as people use the API (the load
gate's traffic). Results are overall and per operation; a server error is an
HTTP 5xx, an answer that is not JSON, or an `INTERNAL_SERVER_ERROR`.
"""

import http.client
import json
import random
import sys
import threading
import time
from collections import defaultdict


def _request(connection, path, body, token):
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection.request("POST" if body is not None else "GET", path, body=body, headers=headers)
    response = connection.getresponse()
    return response.status, response.getheader("Content-Type", ""), response.read()


def _graphql(query, variables=None):
    return json.dumps({"query": query, "variables": variables or {}}).encode()


class Scenario:
    """What one client sends: `steps()` gives one iteration's (operation, path, body)."""

    def __init__(self, spec, number):
        self.spec = spec
        self.rng = random.Random(spec.get("seed", 0) * 1000 + number)
        self.kind = spec["scenario"]
        self.liked = set()
        self.login = (spec.get("logins") or [None])[number % len(spec.get("logins") or [None])]

    def steps(self):
        spec, kind = self.spec, self.kind
        if kind == "get":
            return [(kind, spec["path"], None)]
        if kind == "mixed":
            return [self.mixed_step()]
        image_id = self.rng.choice(spec["image_ids"]) if spec.get("image_ids") else None
        if kind == "image_then_view":
            return [
                ("image", "/graphql", _graphql(spec["query"], {"id": image_id})),
                ("view", "/graphql", _graphql(spec["mutation"], {"id": image_id})),
            ]
        if kind == "by_image":
            return [(kind, "/graphql", _graphql(spec["query"], {"id": image_id}))]
        path = spec.get("path", "/graphql")
        return [(kind, path, _graphql(spec["query"], spec.get("variables", {})))]

    def mixed_step(self):
        names, weights = zip(*self.spec["mix"].items(), strict=True)
        name = self.rng.choices(names, weights)[0]
        documents = self.spec["documents"]
        image_id = self.rng.choice(self.spec["image_ids"])
        if name == "like":
            name = "unlike" if image_id in self.liked else "like"
            self.liked ^= {image_id}
        if name in ("like", "unlike", "view"):
            variables = {"input": {"id": image_id}}
        elif name == "image":
            variables = {"id": image_id}
        elif name == "login":
            variables = {"input": self.login}
        else:
            variables = {}
        return name, "/graphql", _graphql(documents[name], variables)


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.counts = defaultdict(lambda: defaultdict(int))
        self.iterations = []
        self.examples = []

    def record(self, operation, seconds, status, content_type, payload):
        server_error = (
            status >= 500 or "json" not in content_type or b'"INTERNAL_SERVER_ERROR"' in payload
        )
        # Top-level errors and non-empty payload errors both read `"errors":[{`.
        failed = status >= 400 or b'"errors":[{' in payload
        with self.lock:
            self.latencies[operation].append(seconds)
            counts = self.counts[operation]
            counts["requests"] += 1
            counts["5xx"] += status >= 500
            counts["failed"] += failed
            counts["server_errors"] += server_error
            if server_error and len(self.examples) < 5:
                self.examples.append(f"{operation}: HTTP {status} {payload[:300]!r}")

    def total(self, name):
        return sum(counts[name] for counts in self.counts.values())


def client(spec, number, deadline, tally):
    scenario = Scenario(spec, number)
    token = spec["tokens"][number % len(spec["tokens"])] if spec.get("tokens") else None
    connection = http.client.HTTPConnection(spec["host"], spec["port"], timeout=30)
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        for operation, path, body in scenario.steps():
            step_started = time.perf_counter()
            try:
                answer = _request(connection, path, body, token)
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection(spec["host"], spec["port"], timeout=30)
                answer = 599, "", repr(error).encode()
            tally.record(operation, time.perf_counter() - step_started, *answer)
        tally.iterations.append(time.perf_counter() - started)
    connection.close()


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def _load(spec, seconds):
    tally = Tally()
    deadline = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=client, args=(spec, number, deadline, tally))
        for number in range(spec["clients"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def run(spec):
    warmup = _load(spec, spec.get("warmup", 1.0))
    started = time.perf_counter()
    tally = _load(spec, spec["duration"])
    elapsed = time.perf_counter() - started
    iterations = sorted(tally.iterations)
    return {
        "iterations_per_s": len(iterations) / elapsed,
        "requests_per_s": tally.total("requests") / elapsed,
        "p50_ms": percentile(iterations, 0.50) * 1000,
        "p99_ms": percentile(iterations, 0.99) * 1000,
        "requests": tally.total("requests"),
        "requests_with_warmup": tally.total("requests") + warmup.total("requests"),
        "5xx": tally.total("5xx"),
        "failed": tally.total("failed"),
        "server_errors": tally.total("server_errors") + warmup.total("server_errors"),
        "elapsed_s": elapsed,
        "operations": {
            name: {
                **tally.counts[name],
                "p50_ms": percentile(sorted(latencies), 0.50) * 1000,
                "p99_ms": percentile(sorted(latencies), 0.99) * 1000,
            }
            for name, latencies in tally.latencies.items()
        },
        "examples": warmup.examples + tally.examples,
    }


if __name__ == "__main__":
    print(json.dumps(run(json.loads(sys.argv[1]))))
