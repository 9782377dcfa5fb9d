"""The downloader: which addresses it refuses, redirects, time and size limits."""

import gzip
import ipaddress

import pytest

from images import fetch
from testing.image_fixtures import image_bytes

REFUSED_ADDRESSES = [
    "127.0.0.1",  # loopback
    "127.8.9.10",
    "0.0.0.0",  # "this host"
    "10.1.2.3",  # private
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # link-local: cloud metadata
    "100.64.0.1",  # carrier-grade NAT
    "192.0.0.8",
    "198.18.0.1",  # benchmarking
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "224.0.0.1",  # multicast
    "::1",  # IPv6 loopback
    "::",
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:169.254.169.254",
    "::127.0.0.1",  # IPv4-compatible (deprecated)
    "fe80::1",  # link-local
    "fec0::1",  # site-local
    "fc00::1",  # unique local
    "ff02::1",  # multicast
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2001::1",  # Teredo
    "2001:db8::1",  # documentation
]


@pytest.mark.parametrize("address", REFUSED_ADDRESSES)
def test_non_public_addresses_are_not_public(address):
    assert not fetch.is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_internet_addresses_are_public(address):
    assert fetch.is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[2002:a9fe:a9fe::1]/",
        "http://2130706433/",  # 127.0.0.1 as one decimal number
        "http://0x7f.1/",
        "http://0/",
        "https://localhost/",
    ],
)
def test_fetching_a_non_public_address_is_refused(url, settings):
    settings.IMAGE_FETCH_ALLOWED_HOSTS = []

    with pytest.raises(fetch.ForbiddenAddress):
        fetch.fetch(url)


def test_a_host_name_resolving_to_loopback_is_refused(guarded_image_server):
    guarded_image_server.serve("/a.jpg", image_bytes())
    url = guarded_image_server.url("/a.jpg").replace("127.0.0.1", "localhost")

    with pytest.raises(fetch.ForbiddenAddress):
        fetch.fetch(url)
    assert guarded_image_server.hits == []


def test_an_allowed_host_port_is_let_through(image_server):
    body = image_bytes()
    url = image_server.serve("/a.jpg", body)

    assert fetch.fetch(url) == body


def test_the_allow_list_names_a_port_not_a_whole_host(image_server, settings):
    url = image_server.serve("/a.jpg", image_bytes())
    settings.IMAGE_FETCH_ALLOWED_HOSTS = ["127.0.0.1:1"]

    with pytest.raises(fetch.ForbiddenAddress):
        fetch.fetch(url)


def test_up_to_three_redirects_are_followed(image_server):
    body = image_bytes()
    image_server.serve("/final.jpg", body)
    image_server.redirect("/3", "/final.jpg")
    image_server.redirect("/2", "/3")
    url = image_server.redirect("/1", "/2")

    assert fetch.fetch(url) == body


def test_a_fourth_redirect_is_refused(image_server):
    image_server.serve("/final.jpg", image_bytes())
    image_server.redirect("/4", "/final.jpg")
    image_server.redirect("/3", "/4")
    image_server.redirect("/2", "/3")
    url = image_server.redirect("/1", "/2")

    with pytest.raises(fetch.Unreachable):
        fetch.fetch(url)
    assert "/final.jpg" not in image_server.hits


def test_every_redirect_is_checked_again(image_server):
    # The allowed server redirects to itself under a name the allow-list does not hold.
    image_server.serve("/a.jpg", image_bytes())
    url = image_server.redirect("/go", image_server.url("/a.jpg").replace("127.0.0.1", "localhost"))

    with pytest.raises(fetch.ForbiddenAddress):
        fetch.fetch(url)
    assert image_server.hits == ["/go"]


def test_environment_proxies_are_ignored(image_server, monkeypatch):
    body = image_bytes()
    url = image_server.serve("/a.jpg", body)
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9/")  # nothing listens on the discard port
    monkeypatch.setenv("NO_PROXY", "")

    assert fetch.fetch(url) == body


def test_a_slow_trickle_is_stopped_by_the_total_deadline(image_server, settings, monkeypatch):
    settings.IMAGE_FETCH_TOTAL_TIMEOUT = 0.0
    url = image_server.serve("/a.jpg", image_bytes(600, 600) * 3)

    with pytest.raises(fetch.TimedOut):
        fetch.fetch(url)


def test_a_body_at_the_cap_is_accepted(image_server, settings):
    settings.IMAGE_MAX_BYTES = 1000
    url = image_server.serve("/a.bin", b"x" * 1000, declare_length=False)

    assert len(fetch.fetch(url)) == 1000


def test_a_declared_length_over_the_cap_is_refused_before_reading(image_server, settings):
    settings.IMAGE_MAX_BYTES = 1000
    url = image_server.serve("/a.bin", b"x" * 1001)

    with pytest.raises(fetch.TooLarge):
        fetch.fetch(url)


@pytest.mark.parametrize(
    "url", ["", "ftp://example.com/", "javascript:alert(1)", "http://", "http://u:p@example.com/"]
)
def test_only_plain_http_and_https_urls_are_valid(url):
    with pytest.raises(fetch.InvalidURL):
        fetch.check_url(url)


def test_a_compressed_body_is_capped_at_its_inflated_size(image_server, settings):
    settings.IMAGE_MAX_BYTES = 100_000
    inflating = gzip.compress(b"\0" * 5_000_000)
    url = image_server.serve("/a.jpg", inflating, headers={"Content-Encoding": "gzip"})

    with pytest.raises(fetch.TooLarge):
        fetch.fetch(url)
