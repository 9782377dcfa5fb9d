"""The feed's rule is read in three forms, a page of `feed`, its `totalCount` and the
live `feedActionAdded`; they show the same actions."""

import pytest

from activity import selectors
from activity.models import Action
from activity.services import create_action
from users.services.follows import follow_user


@pytest.fixture
def dora(make_user):
    return make_user("dora")


@pytest.fixture
def everyone_acted(ann, bob, carol, dora):
    for user in (ann, bob, carol, dora):
        create_action(user, Action.Verb.JOINED)


def deactivate(user):
    user.is_active = False
    user.save()


def feed_in_each_form(viewer):
    page = {action.pk for action in selectors.feed_for(viewer)}
    counted = set(selectors.feed_to_count(viewer).values_list("pk", flat=True))
    in_feed = selectors.feed_includes(viewer)
    live = {
        action.pk
        for action in Action.objects.filter(user__is_active=True)
        if in_feed(action.user_id)
    }
    return page, counted, live


def actions_by(*users):
    return set(Action.objects.filter(user__in=users).values_list("pk", flat=True))


def test_a_viewer_who_follows_nobody_sees_everyone_elses_actions_in_each_form(
    ann, bob, carol, dora, everyone_acted
):
    deactivate(dora)

    page, counted, live = feed_in_each_form(ann)

    assert page == counted == live == actions_by(bob, carol)


def test_a_viewer_who_follows_people_sees_their_actions_in_each_form(
    ann, bob, carol, dora, everyone_acted
):
    follow_user(user_from=ann, user_to=bob)
    follow_user(user_from=ann, user_to=dora)
    deactivate(dora)

    page, counted, live = feed_in_each_form(ann)

    assert page == counted == live == actions_by(bob)
