"""viewImage throughput and Redis round trips per view-related operation.

.venv/bin/python -m bench.view_counts

Runs against a throwaway SQLite database and an embedded Redis server of its
own under var/bench-view-counts/, through the Django test client (no HTTP
server, so the figures are the application's cost alone).
"""

import time

from bench.in_process import stop, throwaway_django

throwaway_django("view-counts")

from django.test import Client  # noqa: E402
from graphql_relay import to_global_id  # noqa: E402

from images import ranking, view_count_sync  # noqa: E402
from images.models import Image  # noqa: E402
from infra import redis as project_redis  # noqa: E402
from testing.redis_round_trips import counting_round_trips  # noqa: E402
from users.models import User  # noqa: E402
from users.tokens import issue_access_token  # noqa: E402

IMAGES = 1000
VIEWS = 1000

VIEW = """
mutation View($id: ID!) { viewImage(input: {id: $id}) { counted errors { code } } }"""
PAGE = "query($first: Int) { images(first: $first) { edges { node { id totalViews } } } }"
RANKING = "query($first: Int) { imageRanking(first: $first) { id totalViews } }"


def set_up():
    poster = User.objects.create_user("poster", "poster@example.com", "bench-password-1")
    viewer = User.objects.create_user("viewer", "viewer@example.com", "bench-password-1")
    Image.objects.bulk_create(
        Image(user=poster, title=f"Image {n}", slug=f"image-{n}", file=f"images/{n}.jpg")
        for n in range(IMAGES)
    )
    return viewer, list(Image.objects.values_list("pk", flat=True))


def post(client, query, variables, **extra):
    response = client.post(
        "/graphql", {"query": query, "variables": variables}, "application/json", **extra
    )
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return body["data"]


def throughput(label, requests):
    start = time.perf_counter()
    for request in requests:
        request()
    elapsed = time.perf_counter() - start
    per_request_ms = elapsed / len(requests) * 1e3
    print(f"  {label:<44} {len(requests) / elapsed:>7.0f} req/s {per_request_ms:>6.2f} ms")


def view_requests(client, image_ids, distinct_viewers, headers=None):
    def request(n):
        ip = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" if distinct_viewers else "10.0.0.1"
        variables = {"id": to_global_id("Image", image_ids[n % len(image_ids)])}
        return lambda: post(client, VIEW, variables, REMOTE_ADDR=ip, headers=headers or {})

    return [request(n) for n in range(VIEWS)]


def trips_of(label, operation):
    with counting_round_trips() as sent:
        operation()
    print(f"  {label:<44} {len(sent):>3}")


def main():
    viewer, image_ids = set_up()
    client = Client()
    token = {"Authorization": f"Bearer {issue_access_token(viewer)}"}
    project_redis.get_redis().ping()

    print(f"viewImage throughput ({VIEWS} requests, Django test client, one process)")
    throughput("anonymous, every view counted", view_requests(client, image_ids, True))
    throughput("anonymous, every view a duplicate", view_requests(client, image_ids, False))
    throughput("signed in, every view a duplicate", view_requests(client, image_ids, False, token))
    throughput(
        "ranking.record_view alone (the Redis part)",
        [
            lambda n=n: ranking.record_view(image_ids[n % IMAGES], f"bench:{n}")
            for n in range(VIEWS)
        ],
    )

    print("Redis round trips per operation")
    new_ip = {"REMOTE_ADDR": "192.0.2.1"}
    first = {"id": to_global_id("Image", image_ids[0])}
    trips_of("viewImage, counted", lambda: post(client, VIEW, first, **new_ip))
    trips_of("viewImage, duplicate", lambda: post(client, VIEW, first, **new_ip))
    for size in (10, 100):
        trips_of(
            f"images(first: {size}) {{ totalViews }}",
            lambda s=size: post(client, PAGE, {"first": s}),
        )
    for size in (10, 100):
        trips_of(
            f"imageRanking(first: {size}) {{ totalViews }}",
            lambda s=size: post(client, RANKING, {"first": s}),
        )
    trips_of(f"sync_view_counts, {IMAGES} images", view_count_sync.sync_view_counts)
    trips_of(f"rebuild_ranking, {IMAGES} images", view_count_sync.rebuild_ranking)


if __name__ == "__main__":
    try:
        main()
    finally:
        stop()
