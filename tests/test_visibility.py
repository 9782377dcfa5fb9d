"""Nothing leaks: a private image, an unlisted one in lists, a secret board and the pins
on it are absent for everyone the rule leaves out, on every read path, as if they did
not exist; the poster and a secret board's collaborators still see what it shares."""

import pytest
from graphql_relay import to_global_id

from images import ranking
from images.services import like_image
from tests.board_fixtures import gid
from tests.conftest import error_codes
from tests.query_counts import queries_at_page_sizes

VIEWERS = ("poster", "collaborator", "follower", "stranger", "anonymous")


@pytest.fixture
def world(ann, bob, carol, make_user, make_image, make_board, pin, make_private):
    """ann posts a public, an unlisted and a private image; the private one is on her
    secret board, which bob collaborates on; carol follows ann; dan is a stranger."""
    from users.services import follows

    dan = make_user("dan")
    follows.follow_user(user_from=carol, user_to=ann)
    public = make_image(ann, "Public")
    unlisted = make_image(ann, "Unlisted", visibility="unlisted")
    private = make_image(ann, "Private")
    secret = make_board(ann, "Secret", privacy="secret", collaborators=[bob])
    open_board = make_board(ann, "Open")
    pin(ann, private, secret)
    pin(ann, public, secret)
    pin(ann, public, open_board)
    like_image(user=carol, image_id=private.pk)
    like_image(user=dan, image_id=public.pk)
    make_private(private)
    return {
        "users": {"poster": ann, "collaborator": bob, "follower": carol, "stranger": dan},
        "public": public,
        "unlisted": unlisted,
        "private": private,
        "secret": secret,
        "open": open_board,
    }


def as_viewer(world, viewer):
    user = world["users"].get(viewer)
    return {} if user is None else {"user": user}


SEES_PRIVATE = {"poster", "collaborator"}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_private_image_by_id_slug_or_node_is_null_to_those_it_is_not_shared_with(
    api, world, viewer
):
    private = world["private"]
    query = """query($id: ID!, $slug: String!) {
      image(id: $id) { title } bySlug: image(slug: $slug) { title } node(id: $id) { id }
    }"""

    data = api.data(
        query, {"id": gid("Image", private), "slug": private.slug}, **as_viewer(world, viewer)
    )

    if viewer in SEES_PRIVATE:
        assert data["image"] == data["bySlug"] == {"title": "Private"}
    else:
        assert data == {"image": None, "bySlug": None, "node": None}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_an_unlisted_image_opens_by_id_for_anyone(api, world, viewer):
    data = api.data(
        "query($id: ID!) { image(id: $id) { title visibility } }",
        {"id": gid("Image", world["unlisted"])},
        **as_viewer(world, viewer),
    )

    assert data["image"] == {"title": "Unlisted", "visibility": "UNLISTED"}


LISTS = """
query($order: ImageOrder) {
  all: images(orderBy: $order) { totalCount edges { node { title } } }
  posted: images(orderBy: $order, postedBy: "ann") { totalCount edges { node { title } } }
  liked: images(orderBy: $order, likedBy: "carol") { totalCount edges { node { title } } }
  user(username: "ann") {
    imagesCount
    images(orderBy: $order) { totalCount edges { node { title } } }
    boards { totalCount edges { node { name pinsCount cover { title } } } }
  }
  carol: user(username: "carol") { likedImages { totalCount edges { node { title } } } }
}"""


@pytest.mark.parametrize("order", ["NEWEST", "OLDEST", "MOST_LIKED", "MOST_VIEWED"])
@pytest.mark.parametrize("viewer", VIEWERS)
def test_lists_and_their_counts_show_only_what_the_viewer_may_find(api, world, viewer, order):
    data = api.data(LISTS, {"order": order}, **as_viewer(world, viewer))

    def titles(connection):
        return sorted(edge["node"]["title"] for edge in connection["edges"])

    expected = ["Private", "Public"] if viewer in SEES_PRIVATE else ["Public"]
    if viewer == "poster":
        expected = ["Private", "Public", "Unlisted"]
    for connection in (data["all"], data["posted"], data["user"]["images"]):
        assert titles(connection) == expected
        assert connection["totalCount"] == len(expected)
    assert data["user"]["imagesCount"] == len(expected)
    liked = data["carol"]["likedImages"]
    assert titles(data["liked"]) == titles(liked) == (["Private"] if viewer in SEES_PRIVATE else [])
    boards = {edge["node"]["name"]: edge["node"] for edge in data["user"]["boards"]["edges"]}
    if viewer in SEES_PRIVATE:
        assert boards["Secret"] == {"name": "Secret", "pinsCount": 2, "cover": {"title": "Public"}}
        assert data["user"]["boards"]["totalCount"] == 2
    else:
        assert set(boards) == {"Open"}
        assert data["user"]["boards"]["totalCount"] == 1


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_secret_board_and_its_pins_are_absent_to_others(api, world, viewer):
    secret = world["secret"]
    pin_id = gid("Pin", secret.pins.get(image=world["private"]))
    query = """query($board: ID!, $pin: ID!) {
      board(id: $board) { name pins { totalCount edges { node { image { title } } } } }
      node(id: $pin) { id }
      boardNode: node(id: $board) { id }
    }"""

    data = api.data(
        query, {"board": gid("Board", secret), "pin": pin_id}, **as_viewer(world, viewer)
    )

    if viewer in SEES_PRIVATE:
        assert data["board"]["pins"]["totalCount"] == 2
        assert data["node"] == {"id": pin_id}
    else:
        assert data == {"board": None, "node": None, "boardNode": None}


def test_a_private_image_pinned_to_a_public_board_is_not_listed_there(
    api, world, make_board, pin, dan=None
):
    world["open"].pins.all().delete()
    pin(world["users"]["poster"], world["private"], world["open"])
    query = """query($id: ID!) { board(id: $id) { pinsCount cover { title }
      pins { totalCount edges { node { id } } } } }"""

    data = api.data(query, {"id": gid("Board", world["open"])}, user=world["users"]["stranger"])

    assert data["board"] == {"pinsCount": 0, "cover": None, "pins": {"totalCount": 0, "edges": []}}


@pytest.mark.parametrize("viewer", ["stranger", "collaborator"])
def test_the_feed_and_actions_leave_out_a_private_image(api, world, viewer):
    # carol liked the image before it turned private; neither viewer follows anyone,
    # so their feed is everybody's.
    query = """{
      feed { totalCount edges { node { verb target { ... on Image { title } } } } }
      actions(username: "carol") {
        totalCount edges { node { verb target { ... on Image { title } } } }
      }
    }"""

    data = api.data(query, **as_viewer(world, viewer))

    for connection in (data["feed"], data["actions"]):
        targets = [edge["node"]["target"] for edge in connection["edges"]]
        titles = {target["title"] for target in targets if target}
        assert "Unlisted" not in titles
        assert ("Private" in titles) == (viewer == "collaborator")
        assert connection["totalCount"] == len(connection["edges"])


def test_saving_to_a_public_board_reaches_followers_and_a_secret_one_does_not(
    api, world, pin, make_image
):
    ann, carol = world["users"]["poster"], world["users"]["follower"]
    shown, hidden = make_image(ann, "Shown"), make_image(ann, "Hidden")
    pin(ann, shown, world["open"])
    pin(ann, hidden, world["secret"])
    query = """{ feed { edges { node { verb target { ... on Image { title } } } } } }"""

    edges = api.data(query, user=carol)["feed"]["edges"]
    saved = [
        edge["node"]["target"]["title"] for edge in edges if edge["node"]["verb"] == "SAVED_IMAGE"
    ]

    assert "Shown" in saved and "Hidden" not in saved


def test_making_an_image_private_withdraws_its_notifications(api, ann, bob, sunset, make_private):
    like_image(user=bob, image_id=sunset.pk)
    query = "{ notifications { totalCount } viewer { unreadNotificationsCount } }"
    assert api.data(query, user=ann)["notifications"]["totalCount"] == 1

    make_private(sunset)

    assert api.data(query, user=ann) == {
        "notifications": {"totalCount": 0},
        "viewer": {"unreadNotificationsCount": 0},
    }


def test_the_ranking_leaves_out_a_private_image_without_forgetting_it(api, world, redis):
    for image in (world["public"], world["private"]):
        ranking.record_view(image.pk, ranking.signed_in_viewer(world["users"]["poster"].pk))
    query = "{ imageRanking { title } }"

    stranger = api.data(query, user=world["users"]["stranger"])["imageRanking"]
    poster = api.data(query, user=world["users"]["poster"])["imageRanking"]

    assert [image["title"] for image in stranger] == ["Public"]
    assert sorted(image["title"] for image in poster) == ["Private", "Public"]


LIKE = """mutation($id: ID!) { likeImage(input: {id: $id}) { image { title } errors { code } } }"""
VIEW = """mutation($id: ID!) { viewImage(input: {id: $id}) { image { title } errors { code } } }"""
UPDATE = """mutation($id: ID!) {
  updateImage(input: {id: $id, title: "x"}) { image { title } errors { code } }
}"""


@pytest.mark.parametrize("mutation", [LIKE, VIEW, UPDATE])
def test_acting_on_a_private_image_one_may_not_see_finds_nothing(api, world, mutation):
    variables = {"id": gid("Image", world["private"])}

    body = api.data(mutation, variables, user=world["users"]["stranger"])

    (payload,) = body.values()
    assert error_codes(payload) == ["NOT_FOUND"] and payload["image"] is None


def test_a_private_image_leaves_a_collaborator_when_the_board_turns_public(api, world, make_board):
    from boards.services import update_board

    update_board(user=world["users"]["poster"], board_id=world["secret"].pk, privacy="public")
    query = "query($id: ID!) { image(id: $id) { title } }"

    data = api.data(
        query, {"id": gid("Image", world["private"])}, user=world["users"]["collaborator"]
    )

    assert data["image"] is None


def test_a_removed_collaborator_no_longer_sees_the_board_or_its_notification(api, world):
    from boards.services import remove_collaborator

    bob = world["users"]["collaborator"]
    assert (
        api.data("{ notifications { totalCount } }", user=bob)["notifications"]["totalCount"] == 1
    )

    remove_collaborator(user=world["users"]["poster"], board_id=world["secret"].pk, username="bob")

    data = api.data(
        """query($b: ID!, $i: ID!) { board(id: $b) { id } image(id: $i) { id }
           notifications { totalCount } }""",
        {"b": gid("Board", world["secret"]), "i": to_global_id("Image", world["private"].pk)},
        user=bob,
    )
    assert data == {"board": None, "image": None, "notifications": {"totalCount": 0}}


IMAGE_LISTS = """
query($first: Int) {
  images(first: $first) { totalCount edges { node { title visibility savesCount likedByViewer
    postedBy { username } } } }
  user(username: "ann") { likedImages(first: $first) { edges { node { title } } } }
}"""


def test_a_page_of_images_under_the_rule_costs_the_same_at_any_size(
    api, ann, bob, make_image, make_board, pin, make_private
):
    board = make_board(ann, privacy="secret", collaborators=[bob])
    for number in range(8):
        image = make_image(ann if number % 2 else bob)
        like_image(user=ann, image_id=image.pk)
        if number % 3 == 0:
            make_private(image)
        if image.user == ann:
            pin(ann, image, board)

    counts = queries_at_page_sizes(api, IMAGE_LISTS, (2, 4), user=bob)

    assert counts[0] == counts[1]
