"""Live events are published on Redis once the change commits, never for rolled-back work."""

import time

import pytest
from django.db import transaction

from activity.models import Action, NotificationGroup
from images.services import like_image
from images.services.view_counting import view_image
from infra import events
from users.services import follows
from users.tokens import revoke_all_tokens


class Listener:
    """A Redis pub/sub subscriber to every Pinmark channel, as a server process would be:
    what it receives is (channel, event), decoded as a server decodes it."""

    def __init__(self, redis):
        self.pubsub = redis.pubsub(ignore_subscribe_messages=True)
        self.pubsub.psubscribe(f"{events.PREFIX}*")
        self.pubsub.get_message(timeout=1)  # the subscription's confirmation

    def received(self, wait=0.3):
        messages, deadline = [], time.monotonic() + wait
        while time.monotonic() < deadline:
            message = self.pubsub.get_message(timeout=0.05)
            if message:
                messages.append((message["channel"].decode(), events.decode(message["data"])))
        return messages

    def close(self):
        self.pubsub.close()


def channel(message):
    return message[0]


@pytest.fixture
def listener(redis):
    listening = Listener(redis)
    yield listening
    listening.close()


@pytest.mark.django_db(transaction=True)
def test_a_like_is_told_once_it_commits(listener, ann, bob, sunset):
    with transaction.atomic():
        like_image(user=bob, image_id=sunset.pk)
        assert listener.received() == []

    action = Action.objects.get(verb=Action.Verb.LIKED_IMAGE)
    group = NotificationGroup.objects.get()
    # One message per channel. A Redis Cluster does not keep their order across
    # channels (this test saw them arrive in another order there); no client relies on it.
    assert sorted(listener.received(), key=channel) == sorted(
        [
            (events.user_channel(ann.pk), events.NotificationAdded(group=group.pk)),
            (events.ACTIONS, events.ActionAdded(action=action.pk, actor=bob.pk)),
            (events.image_channel(sunset.pk), events.ImageLikesChanged(user=bob.pk)),
        ],
        key=channel,
    )


@pytest.mark.django_db(transaction=True)
def test_rolled_back_work_is_never_told(listener, ann, bob, sunset):
    with pytest.raises(RuntimeError), transaction.atomic():
        like_image(user=bob, image_id=sunset.pk)
        follows.follow_user(user_from=bob, user_to=ann)
        raise RuntimeError("something after the like failed")

    assert listener.received() == []
    assert not Action.objects.filter(verb=Action.Verb.LIKED_IMAGE).exists()


@pytest.mark.django_db(transaction=True)
def test_a_counted_view_is_told_at_once(listener, ann, sunset):
    view_image(image_id=sunset.pk, viewer=ann)
    view_image(image_id=sunset.pk, viewer=ann)  # the same viewer again: not counted

    assert listener.received() == [(events.image_channel(sunset.pk), events.ImageViewed())]


@pytest.mark.django_db(transaction=True)
def test_following_and_ending_sessions_are_told_on_the_users_channel(listener, ann, bob):
    follows.follow_user(user_from=bob, user_to=ann)
    follows.unfollow_user(user_from=bob, user_to=ann)
    revoke_all_tokens(ann)

    told = listener.received()
    assert told.count((events.user_channel(bob.pk), events.FollowingChanged())) == 2
    assert (events.user_channel(ann.pk), events.SessionsEnded()) in told


@pytest.mark.django_db(transaction=True)
def test_redis_being_unreachable_does_not_stop_the_change(ann, bob, sunset, settings):
    from infra import redis as project_redis

    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    project_redis.get_redis.cache_clear()
    try:
        like_image(user=bob, image_id=sunset.pk)
    finally:
        project_redis.get_redis.cache_clear()

    assert sunset.users_like.filter(pk=bob.pk).exists()
