"""The receiver's side of a signature, as the README and docs/webhooks.md show it: their
code accepts what webhooks/signing.py signs, and refuses another body, another secret, a
header that is not one, and a timestamp older than its tolerance (a replay)."""

import re
import time
from pathlib import Path

import pytest

from testing.webhook_receiver import documented_verifier
from webhooks.signing import new_secret, signature

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
BODY = b'{"event":"IMAGE_LIKED","id":"1","createdAt":"2026-12-07T06:30:00Z","data":{}}'


def readme_verifier():
    section = README[README.index("## Webhooks") :]
    [code] = re.findall(r"```python\n(.*?)```", section, re.S)[:1]
    namespace = {}
    exec(code, namespace)  # noqa: S102 - our own README
    return namespace["verify_pinmark_signature"]


@pytest.fixture(params=["docs", "readme"])
def verify(request):
    return documented_verifier() if request.param == "docs" else readme_verifier()


def test_a_signature_of_now_is_accepted(verify):
    secret = new_secret()

    assert verify(secret, signature(secret, BODY), BODY)


@pytest.mark.parametrize(
    "change",
    ["body", "secret", "old", "future", "no-version", "garbage", "empty"],
)
def test_anything_else_is_refused(verify, change):
    secret = new_secret()
    now = int(time.time())
    header = signature(secret, BODY, at=now)
    body = BODY
    if change == "body":
        body = BODY.replace(b"IMAGE_LIKED", b"USER_FOLLOWED")
    elif change == "secret":
        secret = new_secret()
    elif change == "old":
        header = signature(secret, BODY, at=now - 301)
    elif change == "future":
        header = signature(secret, BODY, at=now + 301)
    elif change == "no-version":
        header = header.split(",")[0]
    elif change == "garbage":
        header = "t=abc,v1=zz"
    else:
        header = ""

    assert not verify(secret, header, body)


def test_the_signature_is_hmac_sha256_of_the_timestamp_and_body():
    import hashlib
    import hmac

    expected = hmac.new(b"whsec_x", b"1700000000." + BODY, hashlib.sha256).hexdigest()

    assert signature("whsec_x", BODY, at=1700000000) == f"t=1700000000,v1={expected}"
