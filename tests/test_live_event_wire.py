"""Live events on the wire: every kind survives encode and decode, the JSON keeps the
shape older servers read and write (a rolling deploy mixes them on one Redis), and
anything else decodes to None."""

from dataclasses import FrozenInstanceError, dataclass, fields

import pytest

from infra import events
from infra.events.kinds import BY_TAG


def an_event_of(kind):
    """An event of `kind` with a distinct id in each field."""
    return kind(**{field.name: 40 + n for n, field in enumerate(fields(kind))})


@pytest.mark.parametrize("kind", BY_TAG.values(), ids=list(BY_TAG))
def test_every_kind_survives_encoding_and_decoding(kind):
    event = an_event_of(kind)

    assert events.decode(events.encode(event)) == event


@pytest.mark.parametrize("kind", BY_TAG.values(), ids=list(BY_TAG))
def test_an_event_cannot_be_changed(kind):
    with pytest.raises(FrozenInstanceError):
        an_event_of(kind).extra = 1


def test_the_message_is_a_json_object_tagged_with_its_type_and_snake_case_ids():
    assert events.encode(events.ImageLikesChanged(user=7)) == b'{"type":"likes","user":7}'
    assert events.encode(events.ActionAdded(action=3, actor=7)) == (
        b'{"type":"action","action":3,"actor":7}'
    )
    assert events.encode(events.SessionsEnded()) == b'{"type":"sessions"}'


@pytest.mark.parametrize(
    ("message", "event"),
    [
        (b'{"type":"likes","user":7,"liked":true}', events.ImageLikesChanged(user=7)),
        (b'{"type":"views","totalViews":12}', events.ImageViewed()),
        (b'{"type":"notification","group":5}', events.NotificationAdded(group=5)),
        # Before removals named their author: one told to everyone.
        (b'{"type":"uncomment"}', events.CommentsRemoved(author=0)),
        (b'{"type":"uncomment","author":4}', events.CommentsRemoved(author=4)),
    ],
)
def test_what_older_servers_publish_is_understood(message, event):
    assert events.decode(message) == event


@pytest.mark.parametrize(
    "message",
    [
        b'{"type":"repainted"}',
        b'{"type":"Likes","user":7}',
    ],
)
def test_an_unknown_type_decodes_to_none(message):
    assert events.decode(message) is None


@pytest.mark.parametrize(
    "message",
    [
        b"not json",
        b'{"type":"likes","user":7',
        b"\xff\xfe",
        b"[]",
        b'"likes"',
        b"null",
        b"{}",
        b'{"type":7}',
        b'{"type":["likes"]}',
        None,
    ],
)
def test_malformed_data_decodes_to_none(message):
    assert events.decode(message) is None


@pytest.mark.parametrize(
    "message",
    [
        b'{"type":"likes"}',
        b'{"type":"action","action":3}',
        b'{"type":"notification","group":null}',
    ],
)
def test_a_missing_field_decodes_to_none(message):
    assert events.decode(message) is None


@pytest.mark.parametrize(
    "message",
    [
        b'{"type":"likes","user":"7"}',
        b'{"type":"likes","user":7.5}',
        b'{"type":"likes","user":true}',
        b'{"type":"notification","group":{"id":5}}',
        b'{"type":"uncomment","author":null}',
    ],
)
def test_a_field_of_another_type_decodes_to_none(message):
    assert events.decode(message) is None


def test_two_kinds_cannot_share_a_tag():
    with pytest.raises(TypeError, match="likes"):

        @dataclass(frozen=True)
        class Liked(events.Event, tag="likes"):
            user: int

    assert BY_TAG["likes"] is events.ImageLikesChanged
