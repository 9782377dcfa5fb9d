"""A real S3 API server on loopback (moto's), for media on object storage.

It is moto's S3 application served by werkzeug in a thread, as moto's
`ThreadedMotoServer` does, with what tests need besides: it records the
requests it receives, it can refuse the requests a test chooses (503, as an
overloaded S3 does), and it can stop for good in the middle of a test (after
the request a test chooses), its socket closed, as a storage outage does.
"""

import itertools
import json
import threading
from contextlib import contextmanager

import boto3
import pytest
from moto.moto_server.werkzeug_app import MotoRequestHandler
from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

from infra.media_storage import s3_storage

REGION = "us-east-1"
KEYS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret"}
_buckets = itertools.count(1)
SLOW_DOWN = (
    b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code>'
    b"<Message>Please reduce your request rate.</Message></Error>"
)


class _QuietHandler(MotoRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class S3Server:
    def __init__(self):
        self.requests = []
        self.refuse = None
        self.stop_after = None
        self._app = DomainDispatcherApplication(create_backend_app)
        self.httpd = make_server(
            "127.0.0.1", 0, self._recording, threaded=True, request_handler=_QuietHandler
        )
        self.endpoint_url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.stopped = False

    def _recording(self, environ, start_response):
        request = (environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""))
        self.requests.append(request)
        if self.refuse is not None and self.refuse(*request):
            start_response("503 Service Unavailable", [("Content-Type", "application/xml")])
            return [SLOW_DOWN]
        stop = self.stop_after is not None and self.stop_after(*request)
        if not stop:
            return self._app(environ, start_response)

        def closing_start_response(status, headers, exc_info=None):
            return start_response(status, [*headers, ("Connection", "close")], exc_info)

        body = self._app(environ, closing_start_response)
        threading.Thread(target=self.stop, daemon=True).start()
        return body

    @contextmanager
    def counting(self):
        """The requests received during the block."""
        start = len(self.requests)
        received = []
        yield received
        received.extend(self.requests[start:])

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint_url, region_name=REGION, **KEYS)

    def new_bucket(self) -> str:
        """A new bucket whose objects anyone may read, as a public bucket behind a CDN."""
        name = f"pinmark-test-{next(_buckets)}"
        client = self.client()
        client.create_bucket(Bucket=name)
        client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))
        return name

    def stop(self):
        if not self.stopped:
            self.stopped = True
            self.httpd.shutdown()
            self.httpd.server_close()


def public_read_policy(bucket):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


def bucket_keys(bucket, server) -> list[str]:
    """The names of the objects in `bucket` (read through `server`)."""
    listing = server.client().list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def storage_on(server, bucket, *, public=True) -> dict:
    """The STORAGES entry for `bucket` on `server`: URLs under the bucket's own
    public address, or signed ones (`public=False`)."""
    return s3_storage(
        bucket=bucket,
        media_url=f"{server.endpoint_url}/{bucket}/" if public else "",
        endpoint_url=server.endpoint_url,
        region=REGION,
        access_key_id=KEYS["aws_access_key_id"],
        secret_access_key=KEYS["aws_secret_access_key"],
        timeout=2,
    )


@pytest.fixture(scope="session")
def s3_server():
    server = S3Server()
    yield server
    server.stop()


@pytest.fixture
def bucket(settings, s3_server):
    """Media on a new bucket of the S3 server, served from the bucket's URL."""
    name = s3_server.new_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": storage_on(s3_server, name)}
    return name
