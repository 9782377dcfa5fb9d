"""Closed-loop HTTP load on loopback, run in its own process.

`python -m bench.load SPEC_JSON` where SPEC names the server, a scenario,
the clients and the duration; prints one JSON line of results. Each client
keeps one connection open and sends its next request when the answer came.
"""

import http.client
import json
import random
import sys
import threading
import time


def _request(connection, path, body, token):
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection.request("POST" if body is not None else "GET", path, body=body, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    # Top-level errors and non-empty payload errors both read `"errors":[{`.
    return response.status, response.status >= 400 or b'"errors":[{' in payload


def _graphql(query, variables):
    return json.dumps({"query": query, "variables": variables}).encode()


def scenario_steps(spec, rng):
    """The requests of one iteration: a list of (path, body)."""
    kind = spec["scenario"]
    if kind == "get":
        return [(spec["path"], None)]
    if kind == "image_then_view":
        image_id = rng.choice(spec["image_ids"])
        return [
            ("/graphql", _graphql(spec["query"], {"id": image_id})),
            ("/graphql", _graphql(spec["mutation"], {"id": image_id})),
        ]
    if kind == "by_image":
        return [("/graphql", _graphql(spec["query"], {"id": rng.choice(spec["image_ids"])}))]
    path = spec.get("path", "/graphql")
    return [(path, _graphql(spec["query"], spec.get("variables", {})))]


def client(spec, deadline, latencies, counters, seed):
    rng = random.Random(seed)
    token = spec["tokens"][seed % len(spec["tokens"])] if spec.get("tokens") else None
    connection = http.client.HTTPConnection(spec["host"], spec["port"], timeout=30)
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        for path, body in scenario_steps(spec, rng):
            status, failed = _request(connection, path, body, token)
            counters["requests"] += 1
            counters["5xx"] += status >= 500
            counters["failed"] += failed
        latencies.append(time.perf_counter() - started)
    connection.close()


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def run(spec):
    latencies = []
    counters = {"requests": 0, "5xx": 0, "failed": 0}
    warmup_counters = dict(counters)
    warmup_end = time.perf_counter() + spec.get("warmup", 1.0)
    threads = [
        threading.Thread(target=client, args=(spec, warmup_end, [], warmup_counters, n))
        for n in range(spec["clients"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    started = time.perf_counter()
    deadline = started + spec["duration"]
    threads = [
        threading.Thread(target=client, args=(spec, deadline, latencies, counters, n))
        for n in range(spec["clients"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "iterations_per_s": len(latencies) / elapsed,
        "requests_per_s": counters["requests"] / elapsed,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "requests": counters["requests"],
        "requests_with_warmup": counters["requests"] + warmup_counters["requests"],
        "5xx": counters["5xx"],
        "failed": counters["failed"],
    }


if __name__ == "__main__":
    print(json.dumps(run(json.loads(sys.argv[1]))))
