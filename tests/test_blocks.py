"""Blocking, through /graphql: the blocked person finds the blocker as if they did not
exist, and the blocker no longer finds the blocked person anywhere."""

from graphql_relay import to_global_id

from activity.models import Action
from activity.services import create_action
from images import services as image_services
from tests.conftest import error_codes
from tests.query_counts import queries_at_page_sizes
from tests.safety_fixtures import (
    BLOCK,
    FOLLOW,
    IMAGE,
    LIKE,
    SAVE,
    UNBLOCK,
    USER,
    board_of,
    feed,
    gid,
    payload,
    titles,
    usernames,
)
from users.models import Block, Contact
from users.services import follows

BLOCKED = """query($first: Int, $after: String) { viewer {
  blockedUsers(first: $first, after: $after) {
    totalCount edges { node { username } } pageInfo { hasNextPage endCursor } } } }"""


def block(api, blocker, username):
    return payload(api, BLOCK, {"u": username}, blocker, "blockUser")


def test_blocking_ends_the_follows_both_ways(api, ann, bob):
    follows.follow_user(user_from=ann, user_to=bob)
    follows.follow_user(user_from=bob, user_to=ann)

    blocked = block(api, ann, "BOB")

    assert blocked == {"user": {"username": "bob", "isFollowedByViewer": False}, "errors": []}
    assert not Contact.objects.exists()
    assert Block.objects.filter(blocker=ann, blocked=bob).count() == 1


def test_blocking_twice_keeps_one_block(api, ann, bob):
    block(api, ann, "bob")

    again = block(api, ann, "bob")

    assert again["errors"] == []
    assert Block.objects.count() == 1


def test_the_blocked_person_finds_the_blocker_as_if_they_did_not_exist(api, ann, bob, make_image):
    sunset = make_image(ann, "Sunset")
    board = board_of(bob)
    block(api, ann, "bob")

    assert api.data(USER, {"u": "ann"}, user=bob)["user"] is None
    assert api.data(IMAGE, {"id": gid(sunset)}, user=bob)["image"] is None
    assert titles(api, bob) == []
    assert "ann" not in usernames(api, bob)
    for query, variables, name in (
        (FOLLOW, {"u": "ann"}, "followUser"),
        (LIKE, {"id": gid(sunset)}, "likeImage"),
        (
            SAVE,
            {"input": {"imageId": gid(sunset), "boardId": to_global_id("Board", board.pk)}},
            "saveImage",
        ),
    ):
        assert error_codes(payload(api, query, variables, bob, name)) == ["NOT_FOUND"], name
    assert not Contact.objects.exists()
    assert sunset.users_like.count() == 0


def test_the_blocker_no_longer_finds_the_blocked_person(api, ann, bob, carol, make_image):
    follows.follow_user(user_from=ann, user_to=carol)
    tree = make_image(bob, "Tree")
    river = make_image(carol, "River")
    image_services.like_image(user=bob, image_id=river.pk)
    create_action(bob, Action.Verb.BOOKMARKED_IMAGE, tree)
    create_action(carol, Action.Verb.BOOKMARKED_IMAGE, river)
    block(api, ann, "bob")

    assert api.data(USER, {"u": "bob"}, user=ann)["user"] is None
    assert titles(api, ann) == ["River"]
    assert usernames(api, ann) == ["ann", "carol"]
    likers = """query($id: ID!) { image(id: $id) { totalLikes
      likers(first: 10) { totalCount edges { node { username } } } } }"""
    image = api.data(likers, {"id": gid(river)}, user=ann)["image"]
    assert image["likers"] == {"totalCount": 0, "edges": []}
    assert feed(api, ann) == ["carol bookmarked image River"]


def test_others_still_see_both(api, ann, bob, carol, make_image):
    make_image(ann, "Sunset")
    make_image(bob, "Tree")
    block(api, ann, "bob")

    assert sorted(titles(api, carol)) == ["Sunset", "Tree"]
    assert sorted(titles(api, None)) == ["Sunset", "Tree"]


def test_unblocking_lets_them_find_each_other_again_without_the_follows(api, ann, bob):
    follows.follow_user(user_from=bob, user_to=ann)
    block(api, ann, "bob")

    unblocked = payload(api, UNBLOCK, {"u": "bob"}, ann, "unblockUser")

    assert unblocked == {"user": {"username": "bob"}, "errors": []}
    assert api.data(USER, {"u": "ann"}, user=bob)["user"] == {"username": "ann"}
    assert not Contact.objects.exists()


def test_blocking_yourself_or_nobody_is_refused(api, ann, bob):
    assert error_codes(block(api, ann, "ann")) == ["CANNOT_BLOCK_SELF"]
    assert error_codes(block(api, ann, "nobody")) == ["NOT_FOUND"]
    assert error_codes(block(api, ann, "")) == ["NOT_FOUND"]
    assert error_codes(block(api, ann, "x" * 500)) == ["NOT_FOUND"]
    assert not Block.objects.exists()


def test_someone_who_blocked_you_cannot_be_blocked_back_as_they_are_not_found(api, ann, bob):
    block(api, ann, "bob")

    assert error_codes(block(api, bob, "ann")) == ["NOT_FOUND"]


def test_blocking_needs_a_signed_in_user(api, ann):
    body = api.execute(BLOCK, {"u": "ann"})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_blocked_users_lists_the_newest_block_first_to_its_owner_only(api, ann, make_user):
    for name in ("dan", "eve", "fay"):
        make_user(name)
        block(api, ann, name)

    listed = api.data(BLOCKED, {"first": 2}, user=ann)["viewer"]["blockedUsers"]
    rest = api.data(BLOCKED, {"after": listed["pageInfo"]["endCursor"]}, user=ann)

    assert [edge["node"]["username"] for edge in listed["edges"]] == ["fay", "eve"]
    assert listed["totalCount"] == 3
    assert [e["node"]["username"] for e in rest["viewer"]["blockedUsers"]["edges"]] == ["dan"]
    others = 'query { user(username: "ann") { blockedUsers(first: 5) { totalCount } } }'
    assert api.data(others, user=make_user("gus"))["user"]["blockedUsers"] is None


def test_blocked_users_cost_the_same_queries_at_two_page_sizes(api, ann, make_user):
    for _ in range(12):
        block(api, ann, make_user().username)

    assert len(set(queries_at_page_sizes(api, BLOCKED, (3, 10), user=ann))) == 1
