"""Filling Redis from outside, then signing in while it refuses writes: what an
anonymous client stores through automatic persisted queries (100 documents of
95 KB, then 2,000 of 3 KB, each made unique by a comment), and what 30 wrong
passwords and then the right one get once Redis is out of memory.

.venv/bin/python -m bench.redis_filling

Runs against a throwaway SQLite database and an embedded Redis server of its own
under var/bench-redis-filling/, through the Django test client.
"""

import hashlib
import logging
import time
from collections import Counter

from bench.in_process import stop, throwaway_django

throwaway_django("redis-filling")

from django.test import Client  # noqa: E402

from infra import redis as project_redis  # noqa: E402
from users.models import User  # noqa: E402

PASSWORD = "the-right-passphrase-20"
LOGIN = """mutation Login($password: String!) {
  login(input: {username: "victim", password: $password}) { token errors { code } }
}"""


def padded_document(number, size):
    head = f"query Fill {{ __typename }} # {number} "
    return head + "x" * (size - len(head))


def persisted_post(client, text):
    sha256 = hashlib.sha256(text.encode()).hexdigest()
    body = {"query": text, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256}}}
    return client.post("/graphql", body, "application/json", REMOTE_ADDR="198.51.100.7")


def stored_bytes(redis):
    return sum(
        redis.memory_usage(key) or 0 for key in redis.scan_iter("persisted_query:*", count=1000)
    )


def fill(client, redis, count, size):
    started = time.perf_counter()
    for number in range(count):
        persisted_post(client, padded_document(number, size))
    elapsed = time.perf_counter() - started
    print(
        f"{count:>5} anonymous documents of {size // 1000} KB in {elapsed:5.2f} s: "
        f"{stored_bytes(redis) / 1e6:6.2f} MB stored (Redis used {redis.info('memory')['used_memory'] / 1e6:.1f} MB)"  # noqa: E501
    )


def sign_in_while_redis_refuses_writes(client, redis):
    redis.config_set("maxmemory-policy", "noeviction")
    redis.config_set("maxmemory", 1)
    try:
        codes = Counter()
        for _ in range(30):
            answer = client.post(
                "/graphql", {"query": LOGIN, "variables": {"password": "wrong"}}, "application/json"
            ).json()["data"]["login"]
            codes[answer["errors"][0]["code"] if answer["errors"] else "SIGNED_IN"] += 1
        right = client.post(
            "/graphql", {"query": LOGIN, "variables": {"password": PASSWORD}}, "application/json"
        ).json()["data"]["login"]
    finally:
        redis.config_set("maxmemory", 0)
    summary = ", ".join(f"{count} {code}" for code, count in sorted(codes.items()))
    outcome = right["errors"][0]["code"] if right["errors"] else "signed in"
    print(f"Redis refusing writes: 30 wrong passwords: {summary}; the right one: {outcome}")


def main():
    logging.disable(logging.WARNING)  # Redis refusing writes is logged at every request
    User.objects.create_user("victim", "victim@example.com", PASSWORD)
    client = Client()
    redis = project_redis.get_redis()
    fill(client, redis, 100, 95_000)
    redis.flushdb()
    fill(client, redis, 2_000, 3_000)
    sign_in_while_redis_refuses_writes(client, redis)
    stop()


if __name__ == "__main__":
    main()
