"""The read paths the leak matrix walks: one small function each, in one table.

A path is `look(world, viewer, subject) -> bool`: whether `viewer` sees `subject` there
(tests/leak_world.py builds the world). It also asserts what must hold whatever it finds,
such as a list's `totalCount` being the number of items it lists, so that a count shown to
others gives nothing away. Whether the viewer should see the subject is `may_list` for lists
and `may_open` for what opens by ID, unless the path says otherwise (`expect`: True, False,
or None where either is right).

To add a path, write its function and append a `Path` to `PATHS` (or to a family of them).
"""

from collections.abc import Callable
from dataclasses import dataclass

from graphql_relay import from_global_id

from images import ranking
from tests.leak_world import (
    ANONYMOUS,
    COLLABORATOR,
    IMAGE_SUBJECTS,
    POSTER,
    PRIVATE,
    PUBLIC,
    SECRET_PIN,
    SUBJECTS,
    USERNAMES,
    may_list,
    may_open,
)

PAGE = 100  # more than the world holds of anything: every list fits on one page
LISTED = "totalCount edges { node { id } }"


@dataclass(frozen=True)
class Path:
    name: str
    look: Callable
    subjects: tuple = SUBJECTS
    rule: Callable = may_list
    signed_in_only: bool = False
    expect: Callable | None = None  # (viewer, subject, world) -> True, False or None

    def expected(self, viewer, subject, world):
        if self.signed_in_only and viewer == ANONYMOUS:
            return False
        if self.expect is not None:
            return self.expect(viewer, subject, world)
        return self.rule(viewer, subject)


def listed_ids(connection) -> list[str]:
    """The ids a one-page connection lists, after checking its count says as many."""
    ids = [edge["node"]["id"] for edge in connection["edges"]]
    assert connection["totalCount"] == len(ids), connection
    return ids


def data(world, viewer, query, variables=None):
    return world.run(viewer, query, variables)


def the_things(subject) -> set:
    """The global ids that stand for `subject` wherever it shows: the secret pin and its
    board, or the image."""
    if subject.name == SECRET_PIN:
        return {subject.pin_id, subject.board_id}
    return {subject.image_id}


# --- opening by ID or link


def node(world, viewer, subject):
    query = "query($id: ID!) { node(id: $id) { id } }"
    found = [data(world, viewer, query, {"id": id})["node"] for id in sorted(the_things(subject))]
    return any(found)


def image_by_id(world, viewer, subject):
    query = "query($id: ID!) { image(id: $id) { id title } }"
    return data(world, viewer, query, {"id": subject.image_id})["image"] is not None


def image_by_slug(world, viewer, subject):
    query = "query($slug: String!) { image(slug: $slug) { id title } }"
    return data(world, viewer, query, {"slug": subject.slug})["image"] is not None


def board_by_id(world, viewer, subject):
    query = "query($id: ID!) { board(id: $id) { id name pinsCount } }"
    return data(world, viewer, query, {"id": subject.board_id})["board"] is not None


def likers(world, viewer, subject):
    query = f"""query($id: ID!) {{ image(id: $id) {{
      likers(first: {PAGE}) {{ totalCount edges {{ node {{ id username }} }} }} }} }}"""
    image = data(world, viewer, query, {"id": subject.image_id})["image"]
    if image is None:
        return False
    listed_ids(image["likers"])
    names = [edge["node"]["username"] for edge in image["likers"]["edges"]]
    return USERNAMES[COLLABORATOR] in names


# --- lists


def board_pins(world, viewer, subject):
    """The subject's pin on the board that holds it: `open` for an image, `hidden` for the
    secret pin; the board's `pinsCount` is the number of pins it lists."""
    board_id = subject.board_id or world.boards["open"]
    query = f"""query($id: ID!) {{ board(id: $id) {{ pinsCount
      pins(first: {PAGE}) {{ totalCount edges {{ node {{ id image {{ id }} }} }} }} }} }}"""
    board = data(world, viewer, query, {"id": board_id})["board"]
    if board is None:
        return False
    pins = board["pins"]
    assert board["pinsCount"] == len(listed_ids(pins)), board
    if subject.pin_id:
        return subject.pin_id in listed_ids(pins)
    return subject.image_id in [edge["node"]["image"]["id"] for edge in pins["edges"]]


def expect_board_pins(viewer, subject, world):
    """A pin shows to those its image's lists show to (an unlisted image's pin to its poster
    only); when the API refused to pin the private image to a public board, there is
    nothing of it to see there."""
    if subject == PRIVATE and not world.private_pinned_openly:
        return False if not may_list(viewer, subject) else None
    return may_list(viewer, subject)


def user_boards(world, viewer, subject):
    query = f"""query($username: String!) {{ user(username: $username) {{
      boards(first: {PAGE}) {{ totalCount edges {{ node {{ id pinsCount }} }} }} }} }}"""
    user = data(world, viewer, query, {"username": USERNAMES[POSTER]})["user"]
    return subject.board_id in listed_ids(user["boards"])


def images_list(order, filter_name=None, username=None):
    arguments = f"orderBy: {order}, first: {PAGE}"
    if filter_name:
        arguments += f', {filter_name}: "{username}"'

    def look(world, viewer, subject):
        if order == "MOST_VIEWED":
            _view_every_subject(world)
        found = data(world, viewer, f"{{ images({arguments}) {{ {LISTED} }} }}")["images"]
        return subject.image_id in listed_ids(found)

    return look


def user_images(world, viewer, subject):
    query = f"""query($username: String!) {{ user(username: $username) {{
      imagesCount images(first: {PAGE}) {{ {LISTED} }} }} }}"""
    user = data(world, viewer, query, {"username": USERNAMES[POSTER]})["user"]
    ids = listed_ids(user["images"])
    assert user["imagesCount"] == len(ids), user
    return subject.image_id in ids


def user_liked_images(world, viewer, subject):
    query = f"""query($username: String!) {{ user(username: $username) {{
      likedImages(first: {PAGE}) {{ {LISTED} }} }} }}"""
    user = data(world, viewer, query, {"username": USERNAMES[COLLABORATOR]})["user"]
    return subject.image_id in listed_ids(user["likedImages"])


def image_ranking(world, viewer, subject):
    _view_every_subject(world)
    ranked = data(world, viewer, f"{{ imageRanking(first: {PAGE}) {{ id }} }}")["imageRanking"]
    return subject.image_id in [image["id"] for image in ranked]


def _view_every_subject(world):
    """A view of each image, so each is in the ranking (Redis is emptied between tests)."""
    for image in world.images.values():
        pk = int(from_global_id(image["id"])[1])
        ranking.record_view(pk, ranking.signed_in_viewer(world.users[COLLABORATOR].pk))


# --- activity

ACTIONS = """totalCount edges { node { id verb description
  target { __typename ... on Node { id } } } }"""


def _mentions(actions, world, subject) -> bool:
    """Whether an action of `actions` is about the subject: by its target, or by a
    description naming it (a target hidden as null must not leave the sentence behind)."""
    title = {SECRET_PIN: "kept image"}.get(subject.name, f"{subject.name} image")
    for edge in actions["edges"]:
        action = edge["node"]
        target = (action["target"] or {}).get("id")
        if subject.name == SECRET_PIN:
            if target in the_things(subject) or (
                action["verb"] == "SAVED_IMAGE" and target == subject.image_id
            ):
                return True
            if action["verb"] == "SAVED_IMAGE" and title in action["description"]:
                return True
            continue
        if target == subject.image_id or title in action["description"]:
            return True
    return False


def feed(world, viewer, subject):
    body = world.ask(viewer, f"{{ feed(first: {PAGE}) {{ {ACTIONS} }} }}")
    if viewer == ANONYMOUS:
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", body
        return False
    assert "errors" not in body, body["errors"]
    listed_ids(body["data"]["feed"])
    return _mentions(body["data"]["feed"], world, subject)


def actions_of(role):
    def look(world, viewer, subject):
        query = f"query($u: String!) {{ actions(username: $u, first: {PAGE}) {{ {ACTIONS} }} }}"
        actions = data(world, viewer, query, {"u": USERNAMES[role]})["actions"]
        listed_ids(actions)
        return _mentions(actions, world, subject)

    return look


def expect_activity(viewer, subject, world):
    """Never where the viewer may not list the subject; a public image's actions must show
    (each viewer has someone else's action on it to see); elsewhere either is right, as
    whether an action of a secret save exists at all is the backend's choice."""
    if not may_list(viewer, subject):
        return False
    return True if subject == PUBLIC else None


def notifications(world, viewer, subject):
    query = f"""{{ notifications(first: {PAGE}) {{ totalCount edges {{ node {{ id kind
      target {{ __typename ... on Node {{ id }} }} }} }} }} }}"""
    body = world.ask(viewer, query)
    if viewer == ANONYMOUS:
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", body
        return False
    assert "errors" not in body, body["errors"]
    groups = body["data"]["notifications"]
    listed_ids(groups)
    targets = {(edge["node"]["target"] or {}).get("id") for edge in groups["edges"]}
    return bool(targets & the_things(subject))


def expect_notifications(viewer, subject, world):
    """cole's likes notify paula alone; adding cole to the secret board notifies cole alone."""
    if subject == SECRET_PIN:
        return viewer == COLLABORATOR
    return viewer == POSTER


# --- mutations: an invisible subject answers exactly as a missing one


def _answer(world, viewer, query, variables, field):
    """What a client can tell from a mutation's answer: its top-level error codes, or the
    payload's errors."""
    body = world.ask(viewer, query, variables)
    if "errors" in body:
        return ("top", sorted(error["extensions"]["code"] for error in body["errors"]))
    return ("payload", body["data"][field]["errors"])


def _differs_from_missing(world, viewer, query, field, variables, missing_variables):
    answer = _answer(world, viewer, query, variables, field)
    missing = _answer(world, viewer, query, missing_variables, field)
    if viewer != ANONYMOUS:
        assert missing[1] and missing[1][0].get("code") == "NOT_FOUND", missing
    return answer != missing


ERRORS = "errors { field code message }"


def like_image(world, viewer, subject):
    query = f"mutation($id: ID!) {{ likeImage(input: {{id: $id}}) {{ {ERRORS} }} }}"
    return _differs_from_missing(
        world,
        viewer,
        query,
        "likeImage",
        {"id": subject.image_id},
        {"id": world.ghosts["image"]["id"]},
    )


def view_image(world, viewer, subject):
    query = f"mutation($id: ID!) {{ viewImage(input: {{id: $id}}) {{ {ERRORS} }} }}"
    return _differs_from_missing(
        world,
        viewer,
        query,
        "viewImage",
        {"id": subject.image_id},
        {"id": world.ghosts["image"]["id"]},
    )


def save_image(world, viewer, subject):
    """An image saved to a board of the viewer's (the collaborator's: the secret board),
    or, for the secret pin, the public image saved to the secret board."""
    query = f"""mutation($image: ID!, $board: ID!) {{
      saveImage(input: {{imageId: $image, boardId: $board, note: ""}}) {{ {ERRORS} }} }}"""
    if subject.name == SECRET_PIN:
        image = world.images[PUBLIC]["id"]
        variables = {"image": image, "board": subject.board_id}
        missing = {"image": image, "board": world.ghosts["board"]}
    else:
        board = world.boards.get((viewer, "mine"))
        if viewer == COLLABORATOR:
            board = world.boards["hidden"]
        board = board or world.boards[POSTER, "mine"]
        variables = {"image": subject.image_id, "board": board}
        missing = {"image": world.ghosts["image"]["id"], "board": board}
    return _differs_from_missing(world, viewer, query, "saveImage", variables, missing)


def add_board_collaborator(world, viewer, subject):
    query = f"""mutation($board: ID!) {{ addBoardCollaborator(input:
      {{boardId: $board, username: "{USERNAMES["stranger"]}"}}) {{ {ERRORS} }} }}"""
    return _differs_from_missing(
        world,
        viewer,
        query,
        "addBoardCollaborator",
        {"board": subject.board_id},
        {"board": world.ghosts["board"]},
    )


def remove_pin(world, viewer, subject):
    query = f"mutation($id: ID!) {{ removePin(input: {{id: $id}}) {{ {ERRORS} }} }}"
    return _differs_from_missing(
        world, viewer, query, "removePin", {"id": subject.pin_id}, {"id": world.ghosts["pin"]}
    )


def expect_board_editing(viewer, subject, world):
    """Only the owner edits a board's collaborators: what a collaborator is told (who may see
    the board) is the backend's choice."""
    return None if viewer == COLLABORATOR else may_open(viewer, subject)


# --- the table

ORDERS = ("NEWEST", "OLDEST", "MOST_LIKED", "MOST_VIEWED")
IMAGE_LISTS = [
    Path(f"images({label}orderBy:{order})", images_list(order, name, who), IMAGE_SUBJECTS)
    for order in ORDERS
    for label, name, who in (
        ("", None, None),
        ("postedBy,", "postedBy", USERNAMES[POSTER]),
        ("likedBy,", "likedBy", USERNAMES[COLLABORATOR]),
    )
]
SECRET = (SECRET_PIN,)

PATHS = [
    Path("node", node, rule=may_open),
    Path("image(id)", image_by_id, IMAGE_SUBJECTS, rule=may_open),
    Path("image(slug)", image_by_slug, IMAGE_SUBJECTS, rule=may_open),
    Path("Image.likers", likers, IMAGE_SUBJECTS, rule=may_open),
    Path("board(id)", board_by_id, SECRET, rule=may_open),
    Path("Board.pins", board_pins, expect=expect_board_pins),
    Path("User.boards", user_boards, SECRET),
    *IMAGE_LISTS,
    Path("User.images", user_images, IMAGE_SUBJECTS),
    Path("User.likedImages", user_liked_images, IMAGE_SUBJECTS),
    Path("imageRanking", image_ranking, IMAGE_SUBJECTS),
    Path("feed", feed, signed_in_only=True, expect=expect_activity),
    Path("actions(poster)", actions_of(POSTER), expect=expect_activity),
    Path("actions(collaborator)", actions_of(COLLABORATOR), IMAGE_SUBJECTS, expect=expect_activity),
    Path("notifications", notifications, signed_in_only=True, expect=expect_notifications),
    Path("likeImage", like_image, IMAGE_SUBJECTS, rule=may_open, signed_in_only=True),
    Path("viewImage", view_image, IMAGE_SUBJECTS, rule=may_open),
    Path("saveImage", save_image, rule=may_open, signed_in_only=True),
    Path(
        "addBoardCollaborator",
        add_board_collaborator,
        SECRET,
        signed_in_only=True,
        expect=expect_board_editing,
    ),
    Path("removePin", remove_pin, SECRET, rule=may_open, signed_in_only=True),
]
