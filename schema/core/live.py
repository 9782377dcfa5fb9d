"""The contract of a subscription field: a `Topic` says what the field listens to and
makes of a live event (the channels it listens on, the state it keeps between events,
and the deliveries, root objects, an event makes for its subscriptions). Each domain's
`subscriptions.py` has its topics; schema/__init__.py gathers them in `TOPICS`.

An event (infra/events/) says what changed, not the new values: for each
event the process reads the changed object once, whatever the number of its
subscribers. Reading after the event, rather than trusting values carried in
it, means that events delivered out of order still leave every subscriber with
the latest committed state.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from infra.events import Event
from schema.core.errors import unauthenticated

COMPLETE = object()  # a delivery that ends its subscription


@dataclass(eq=False)
class LiveSubscription:
    """One `subscribe` of a connection, running."""

    connection: Any  # server.ws.consumer.GraphQLWebSocket
    id: str
    document: Any
    operation_name: str | None
    variables: dict | None
    topic: "Topic"
    arguments: dict
    state: dict = field(default_factory=dict)
    channels: tuple = ()
    ready: bool = False

    def __post_init__(self):
        self.variables_key = json.dumps(self.variables, sort_keys=True)

    @property
    def viewer(self):
        return self.connection.user


@dataclass
class Delivery:
    subscription: LiveSubscription
    root: Any  # what the root field resolves to, or COMPLETE
    prepare: Any = None  # called just before the execution, to fit `root` to this viewer
    # What `prepare` fits: executions of one document alike in all else share a result.
    fitted: Any = None


class Topic:
    """What one subscription field listens to and makes of events. `start` and
    `deliveries` run in a worker thread (they use the ORM)."""

    field_name = ""
    login_required = True

    def channels(self, subscription) -> list[str]:
        raise NotImplementedError

    def start(self, subscription) -> None:
        """Load what the subscription keeps between events; raise a GraphQLError to refuse it."""

    def deliveries(self, channel: str, event: Event, subscriptions):
        """The deliveries an event makes, in a list or read at once: each may share the
        object read with the others, `prepare` fitting it to its viewer just before it
        is executed (server/ws/fanout.py)."""
        raise NotImplementedError


def require_viewer(topic, user):
    if topic.login_required and not user.is_authenticated:
        raise unauthenticated(
            gettext(
                "Sign in to subscribe to `%(field_name)s`: send "
                '{"Authorization": "Bearer <token>"} as the connection_init '
                "payload."
            )
            % {"field_name": topic.field_name}
        )
