"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, parsed.

`smtp_server` starts it for one test and points Django's e-mail settings at it, as
EMAIL_URL=smtp://127.0.0.1:<port> would; other tests keep Django's in-memory outbox.
"""

import asyncio
import email
import email.policy
import errno
import socket
import time
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from project.settings.email_url import email_settings


@dataclass
class ReceivedMessage:
    """One message as the server received it."""

    envelope_from: str
    envelope_to: list
    message: email.message.EmailMessage
    login: str | None = None

    @property
    def subject(self):
        return self.message["Subject"]

    @property
    def from_(self):
        return self.message["From"]

    @property
    def to(self):
        return [address.addr_spec for address in self.message["To"].addresses]

    @property
    def text(self):
        return self._body("plain")

    @property
    def html(self):
        return self._body("html")

    def _body(self, subtype):
        part = self.message.get_body(preferencelist=(subtype,))
        return part.get_content() if part is not None else None


@dataclass
class SMTPServer:
    """The server's address and the messages it received, oldest first."""

    host: str
    port: int
    messages: list = field(default_factory=list)
    logins: list = field(default_factory=list)
    # Seconds the server takes to accept each message (a slow mail server).
    delay: float = 0.0

    @property
    def url(self):
        return f"smtp://{self.host}:{self.port}"

    def wait_for_messages(self, count, timeout=5.0):
        """The messages once there are `count` of them (mail sent after commit, in a thread)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.messages) >= count, f"{len(self.messages)} messages, expected {count}"
        return self.messages

    # aiosmtpd's handler hooks: accept any login (so smtp://user:pass@... works), keep mail.

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True, auth_data=auth_data)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        login = session.auth_data.login.decode() if session.auth_data else None
        self.messages.append(
            ReceivedMessage(
                envelope_from=envelope.mail_from,
                envelope_to=list(envelope.rcpt_tos),
                message=email.message_from_bytes(envelope.content, policy=email.policy.default),
                login=login,
            )
        )
        return "250 Message accepted for delivery"


def start_smtp_server(attempts=5):
    """A started controller and its server, on a free port of 127.0.0.1."""
    for _ in range(attempts):
        server = SMTPServer(host="127.0.0.1", port=_free_port())
        controller = controller_for(server)
        try:
            controller.start()
        except OSError as error:  # the port was taken between choosing and binding it
            if error.errno != errno.EADDRINUSE:
                raise
            continue
        return controller, server
    raise RuntimeError("no free port for the SMTP server")


def controller_for(server: SMTPServer) -> Controller:
    """An aiosmtpd controller serving `server` on its port (start it to listen; a stopped
    server started again this way keeps its port and its messages)."""
    return Controller(
        server,
        hostname=server.host,
        port=server.port,
        authenticator=server.authenticate,
        auth_require_tls=False,
    )


def _free_port():
    # aiosmtpd's Controller connects to its own port to check it started, so it needs the
    # number up front rather than port 0.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    controller, server = start_smtp_server()
    for name, value in email_settings(server.url).items():
        setattr(settings, name, value)
    try:
        yield server
    finally:
        controller.stop()
