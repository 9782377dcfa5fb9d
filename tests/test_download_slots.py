"""Downloads in flight are capped per user and across the fleet, so slow URLs
cannot hold every web worker: past the cap `bookmarkImage` answers TRY_AGAIN
at once, and other requests are still answered."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from images import download_slots
from images.models import Image
from infra import redis as project_redis
from testing.image_fixtures import image_bytes
from tests.conftest import error_codes
from tests.test_bookmark import BOOKMARK, bookmark
from users.tokens import issue_access_token

pytestmark = pytest.mark.redis

BASE_DIR = Path(__file__).resolve().parent.parent
PROMPTLY = 1.0  # seconds; the slow downloads below take 2 s and more


@pytest.fixture
def caps(settings):
    settings.IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER = 2
    settings.IMAGE_FETCH_MAX_IN_FLIGHT = 4
    return settings


def leases_in_redis(redis, *user_ids):
    keys = [download_slots.FLEET_KEY, *(download_slots.user_key(user) for user in user_ids)]
    return [redis.zcard(key) for key in keys]


def test_a_users_third_download_is_refused_while_two_are_in_flight(caps, ann, bob):
    with download_slots.slot(ann.pk), download_slots.slot(ann.pk):
        with pytest.raises(download_slots.NoSlot, match="2 downloads in progress"):
            with download_slots.slot(ann.pk):
                pass
        with download_slots.slot(bob.pk):
            pass


def test_the_fleet_cap_counts_every_users_downloads(caps, ann, bob):
    caps.IMAGE_FETCH_MAX_IN_FLIGHT = 2

    with download_slots.slot(ann.pk), download_slots.slot(bob.pk):
        with pytest.raises(download_slots.NoSlot, match="Too many images"):
            with download_slots.slot(bob.pk):
                pass


def test_slots_are_given_back_when_the_download_fails(caps, ann, redis):
    for _ in range(3):
        with pytest.raises(TimeoutError):
            with download_slots.slot(ann.pk):
                raise TimeoutError

    assert leases_in_redis(redis, ann.pk) == [0, 0]
    with download_slots.slot(ann.pk), download_slots.slot(ann.pk):
        assert leases_in_redis(redis, ann.pk) == [2, 2]


def test_slots_of_a_process_that_died_mid_download_expire(caps, ann, redis, redis_url):
    # Timeouts this short make a lease of 2.6 s instead of 68.
    timeouts = {
        "IMAGE_FETCH_CONNECT_TIMEOUT": "0.2",
        "IMAGE_FETCH_READ_TIMEOUT": "0.2",
        "IMAGE_FETCH_TOTAL_TIMEOUT": "0.4",
    }
    for name, value in timeouts.items():
        setattr(caps, name, float(value))
    dies_holding_two_slots = (
        "import os, signal, django; django.setup()\n"
        "from images import download_slots\n"
        f"with download_slots.slot({ann.pk}), download_slots.slot({ann.pk}):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    environment = {**os.environ, **timeouts, "REDIS_URL": redis_url}
    environment.update(DJANGO_SETTINGS_MODULE="project.settings", IMAGE_FETCH_MAX_IN_FLIGHT="4")

    child = subprocess.run(
        [sys.executable, "-c", dies_holding_two_slots],
        env=environment,
        cwd=BASE_DIR,
        capture_output=True,
    )

    assert child.returncode == -signal.SIGKILL, child.stderr
    assert leases_in_redis(redis, ann.pk) == [2, 2]
    with pytest.raises(download_slots.NoSlot):
        with download_slots.slot(ann.pk):
            pass
    time.sleep(download_slots.lease_seconds())
    with download_slots.slot(ann.pk):
        assert leases_in_redis(redis, ann.pk) == [1, 1]


def test_while_redis_is_unreachable_each_process_applies_the_caps(caps, ann, bob):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    caps.REDIS_URL = f"redis://127.0.0.1:{closed_port}/0"
    project_redis.get_redis.cache_clear()
    caps.IMAGE_FETCH_MAX_IN_FLIGHT = 3

    with download_slots.slot(ann.pk), download_slots.slot(ann.pk):
        with pytest.raises(download_slots.NoSlot, match="2 downloads in progress"):
            with download_slots.slot(ann.pk):
                pass
        with download_slots.slot(bob.pk):
            with pytest.raises(download_slots.NoSlot, match="Too many images"):
                with download_slots.slot(bob.pk):
                    pass
    with download_slots.slot(ann.pk), download_slots.slot(ann.pk):
        pass


def test_bookmarking_past_the_fleet_cap_is_try_again_without_fetching(
    api, caps, ann, bob, image_server, stored_files
):
    caps.IMAGE_FETCH_MAX_IN_FLIGHT = 1
    url = image_server.serve("/waits.jpg", image_bytes())

    with download_slots.slot(ann.pk):
        payload = bookmark(api, bob, url)

    assert error_codes(payload) == ["TRY_AGAIN"]
    assert payload["errors"][0]["field"] is None
    assert image_server.hits == []
    assert not Image.objects.exists() and stored_files() == []
    assert bookmark(api, bob, url)["errors"] == []


class LiveClient:
    """Posts to a live server's /graphql over HTTP, as a front end would."""

    def __init__(self, base_url):
        self.url = f"{base_url}/graphql"

    def post(self, query, variables=None, *, user=None):
        request = urllib.request.Request(
            self.url,
            data=json.dumps({"query": query, "variables": variables or {}}).encode(),
            headers={"Content-Type": "application/json"},
        )
        if user is not None:
            request.add_header("Authorization", f"Bearer {issue_access_token(user)}")
        started = time.monotonic()
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.loads(response.read())
        return body, time.monotonic() - started


@pytest.mark.django_db(transaction=True)
def test_two_slow_downloads_leave_the_server_answering(
    live_server, caps, make_user, image_server, redis
):
    ann = make_user("ann")
    client = LiveClient(live_server.url)
    # Different delays: on SQLite the live server's threads share one
    # connection, so the two bookmarks must not write at the same moment.
    slow = [
        image_server.serve(f"/slow-{n}.jpg", image_bytes(), delay=delay)
        for n, delay in ((1, 2.0), (2, 2.6))
    ]
    third = image_server.serve("/third.jpg", image_bytes())
    answers = {}

    def bookmark_slowly(url):
        body, _ = client.post(BOOKMARK, {"input": {"url": url, "title": "Slow"}}, user=ann)
        answers[url] = body

    threads = [threading.Thread(target=bookmark_slowly, args=(url,)) for url in slow]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 5
    while len(image_server.hits) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sorted(image_server.hits) == ["/slow-1.jpg", "/slow-2.jpg"]

    refused, refused_in = client.post(
        BOOKMARK, {"input": {"url": third, "title": "Third"}}, user=ann
    )
    listed, listed_in = client.post("{ images(first: 5) { totalCount } }")
    for thread in threads:
        thread.join()

    assert error_codes(refused["data"]["bookmarkImage"]) == ["TRY_AGAIN"]
    assert refused_in < PROMPTLY, f"{refused_in:.2f} s"
    assert "/third.jpg" not in image_server.hits
    assert listed == {"data": {"images": {"totalCount": 0}}}
    assert listed_in < PROMPTLY, f"{listed_in:.2f} s"
    assert [answers[url]["data"]["bookmarkImage"]["errors"] for url in slow] == [[], []]
    assert leases_in_redis(redis, ann.pk) == [0, 0]
    again, _ = client.post(BOOKMARK, {"input": {"url": third, "title": "Third"}}, user=ann)
    assert again["data"]["bookmarkImage"]["errors"] == []
