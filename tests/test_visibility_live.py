"""Live updates keep the visibility rule: a private image's changes, new actions about it
and notifications reach only those who may see it (the topics, tested as the subscription
router runs them)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from activity.models import Action
from infra import events
from schema.activity.subscriptions import FeedActionAdded
from schema.core.live import COMPLETE, LiveSubscription
from schema.images.subscriptions import ImageChanged
from tests.board_fixtures import gid


def subscribe(topic, user, **arguments):
    subscription = LiveSubscription(
        connection=SimpleNamespace(user=user or AnonymousUser()),
        id="1",
        document=None,
        operation_name=None,
        variables=None,
        topic=topic,
        arguments=arguments,
    )
    subscription.channels = tuple(topic.channels(subscription))
    return subscription


@pytest.fixture
def shared(ann, bob, sunset, make_board, pin, make_private):
    """ann's Sunset, private on her secret board that bob collaborates on."""
    board = make_board(ann, privacy="secret", collaborators=[bob])
    pin(ann, sunset, board)
    make_private(sunset)
    return sunset


def test_a_private_image_cannot_be_followed_by_those_it_is_not_shared_with(shared, carol):
    from graphql import GraphQLError

    topic = ImageChanged()
    with pytest.raises(GraphQLError):
        topic.start(subscribe(topic, carol, id=gid("Image", shared)))


def test_an_image_made_private_completes_the_subscriptions_of_those_who_lose_it(
    ann, bob, carol, sunset, make_board, pin, make_private
):
    board = make_board(ann, privacy="secret", collaborators=[bob])
    pin(ann, sunset, board)
    topic = ImageChanged()
    subscriptions = [
        subscribe(topic, user, id=gid("Image", sunset)) for user in (ann, bob, carol, None)
    ]
    for subscription in subscriptions:
        topic.start(subscription)

    make_private(sunset)
    deliveries = list(topic.deliveries("", events.ImageEdited(), subscriptions))

    completed = [delivery.root is COMPLETE for delivery in deliveries]
    assert completed == [False, False, True, True]


def test_the_live_feed_tells_an_action_about_a_private_image_only_to_who_may_see_it(
    ann, bob, carol, shared
):
    action = Action.objects.create(user=carol, verb=Action.Verb.LIKED_IMAGE, target=shared)
    topic = FeedActionAdded()
    subscriptions = [subscribe(topic, user) for user in (bob, carol, ann)]
    for subscription in subscriptions:
        topic.start(subscription)

    deliveries = topic.deliveries(
        events.ACTIONS, events.ActionAdded(action=action.pk, actor=carol.pk), subscriptions
    )

    # bob follows nobody (sees everybody's), carol never sees her own, ann may see it.
    assert {delivery.subscription.viewer for delivery in deliveries} == {bob, ann}


def test_the_live_feed_leaves_out_a_private_image_for_a_stranger(ann, carol, make_user, shared):
    dan = make_user("dan")
    action = Action.objects.create(user=carol, verb=Action.Verb.LIKED_IMAGE, target=shared)
    topic = FeedActionAdded()
    subscription = subscribe(topic, dan)
    topic.start(subscription)

    deliveries = topic.deliveries(
        events.ACTIONS, events.ActionAdded(action=action.pk, actor=carol.pk), [subscription]
    )

    assert list(deliveries) == []
