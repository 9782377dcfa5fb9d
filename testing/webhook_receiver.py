"""A webhook receiver on loopback, for the tests and the benchmark: it checks every
delivery's signature with the verification code docs/webhooks.md shows (run as written
there), records what came, and answers with the statuses it is told to."""

import http.server
import json
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "webhooks.md"


def documented_verifier():
    """`verify_pinmark_signature(secret, header, body, now=None)` as docs/webhooks.md
    defines it under "Verifying a delivery"."""
    text = DOCS.read_text()
    section = text[text.index("## Verifying a delivery") :]
    [code] = re.findall(r"```python\n(.*?)```", section, re.S)[:1]
    namespace = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102 - our own docs
    return namespace["verify_pinmark_signature"]


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    verified: bool
    at: float  # time.monotonic() when it came

    @property
    def payload(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    """Answers each POST with the next of `statuses` (then 200), after checking its
    signature against `secrets[path]` (or `secret`)."""

    server: http.server.ThreadingHTTPServer
    secret: str = ""
    secrets: dict = field(default_factory=dict)
    statuses: list = field(default_factory=list)
    answer_headers: dict = field(default_factory=dict)
    answer_body: bytes = b"ok"
    received: list = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    @property
    def host_port(self):
        host, port = self.server.server_address[:2]
        return f"{host}:{port}"

    def url(self, path="/hook"):
        return f"http://{self.host_port}{path}"

    def wait_for(self, count, timeout=20.0):
        """The first `count` deliveries, once they came; fails after `timeout` s."""
        with self.arrived:
            if not self.arrived.wait_for(lambda: len(self.received) >= count, timeout):
                raise AssertionError(f"{len(self.received)} of {count} deliveries came")
            return list(self.received[:count])

    def reset(self):
        with self.arrived:
            self.received.clear()
        self.statuses.clear()
        self.secrets.clear()
        self.answer_headers.clear()
        self.answer_body = b"ok"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def start_receiver() -> Receiver:
    verify = documented_verifier()
    receiver = None

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            secret = receiver.secrets.get(self.path, receiver.secret)
            verified = verify(secret, self.headers.get("Pinmark-Signature", ""), body)
            status = receiver.statuses.pop(0) if receiver.statuses else 200
            self.send_response(status)
            for name, value in receiver.answer_headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(receiver.answer_body)))
            self.end_headers()
            self.wfile.write(receiver.answer_body)
            came = Received(self.path, dict(self.headers), body, verified, time.monotonic())
            with receiver.arrived:
                receiver.received.append(came)
                receiver.arrived.notify_all()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver = Receiver(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver
