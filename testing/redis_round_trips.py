"""Counting the requests sent to Redis, for tests and benchmarks that pin round trips."""

from contextlib import contextmanager

from redis.connection import AbstractConnection


@contextmanager
def counting_round_trips():
    """Collect the requests sent to Redis meanwhile (a pipeline or a script is one):
    for tests and benchmarks that pin round trips per operation."""
    sent = []
    original = AbstractConnection.send_packed_command

    def send(connection, command, check_health=True):
        sent.append(command if isinstance(command, bytes) else b"".join(command))
        return original(connection, command, check_health)

    AbstractConnection.send_packed_command = send
    try:
        yield sent
    finally:
        AbstractConnection.send_packed_command = original
