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
from dataclasses import dataclass, replace

from graphql_relay import from_global_id, to_global_id

from images import ranking
from images.slugs import base_slug
from tests.leak_world import (
    ANONYMOUS,
    BLOCKED,
    BLOCKER,
    COLLABORATOR,
    FOLLOWER,
    IMAGE_SUBJECTS,
    MODERATED,
    MUTER,
    POSTER,
    PRIVATE,
    PUBLIC,
    SECRET_PIN,
    STRANGER,
    SUBJECTS,
    SUSPENDED,
    TAG,
    UNLISTED,
    USERNAMES,
    may_list,
    may_open,
    upload,
)

PAGE = 100  # more than the world holds of anything: every list fits on one page
LISTED = "totalCount edges { node { id } }"
ACTIONS = """totalCount edges { node { id verb description
  target { __typename ... on Node { id } } } }"""


@dataclass(frozen=True)
class Path:
    name: str
    look: Callable
    subjects: tuple = SUBJECTS
    rule: Callable = may_list
    signed_in_only: bool = False
    expect: Callable | None = None  # (viewer, subject, world) -> True, False or None
    muted_hides: bool = False  # the path leaves out what the viewer muted (feeds, search)

    def describe(self) -> str:
        """What the path looks at: the first sentence of its function's docstring."""
        return " ".join((self.look.__doc__ or self.name).split()).split(". ")[0]

    def expected(self, viewer, subject, world):
        if self.signed_in_only and viewer == ANONYMOUS:
            return False
        if self.muted_hides and viewer == MUTER:
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
    return _any_node(world, viewer, the_things(subject))


def _any_node(world, viewer, ids) -> bool:
    """Whether `node(id)` answers anything for one of `ids` (which must not be empty)."""
    assert ids, "nothing to look up"
    query = "query($id: ID!) { node(id: $id) { id } }"
    return any(data(world, viewer, query, {"id": id})["node"] for id in sorted(ids))


def node_of_actions(world, viewer, subject):
    """The actions about the subject (as its poster finds them), each by its ID."""
    ids = set()
    for role in (POSTER, COLLABORATOR):
        query = f"query($u: String!) {{ actions(username: $u, first: {PAGE}) {{ {ACTIONS} }} }}"
        actions = data(world, POSTER, query, {"u": USERNAMES[role]})["actions"]
        ids |= {edge["node"]["id"] for edge in actions["edges"] if _about(edge, subject)}
    return _any_node(world, viewer, ids) if ids else False


def node_of_pins(world, viewer, subject):
    """The pins of the subject's image on the poster's boards (as she finds them), each by
    its ID."""
    query = f"""query($id: ID!) {{ board(id: $id) {{
      pins(first: {PAGE}) {{ edges {{ node {{ id image {{ id }} }} }} }} }} }}"""
    ids = set()
    for board in (world.boards["open"], world.boards["hidden"]):
        pins = data(world, POSTER, query, {"id": board})["board"]["pins"]["edges"]
        ids |= {pin["node"]["id"] for pin in pins if pin["node"]["image"]["id"] == subject.image_id}
    return _any_node(world, viewer, ids)


def node_of_notifications(world, viewer, subject):
    """The notification groups about the subject (as their recipient finds them), each by
    its ID."""
    recipient = COLLABORATOR if subject.name == SECRET_PIN else POSTER
    ids = {group["id"] for group in _notification_groups(world, recipient, subject)}
    return _any_node(world, viewer, ids)


def expect_pin_by_id(viewer, subject, world):
    """A pin opens where its image is listed; an unlisted image's pin by its ID: either."""
    if subject == UNLISTED and viewer != POSTER:
        return None
    return may_list(viewer, subject)


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


def board_cover(world, viewer, subject):
    query = "query($id: ID!) { board(id: $id) { cover { id } } }"
    board = data(world, viewer, query, {"id": subject.board_id or world.boards["open"]})["board"]
    return _is_cover(board, subject)


def user_boards_cover(world, viewer, subject):
    query = f"""query($username: String!) {{ user(username: $username) {{
      boards(first: {PAGE}) {{ edges {{ node {{ id cover {{ id }} }} }} }} }} }}"""
    user = data(world, viewer, query, {"username": USERNAMES[POSTER]})["user"]
    if user is None:
        return False
    wanted = subject.board_id or world.boards["open"]
    boards = [edge["node"] for edge in user["boards"]["edges"] if edge["node"]["id"] == wanted]
    return _is_cover(boards[0] if boards else None, subject)


def _is_cover(board, subject) -> bool:
    if board is None or board["cover"] is None:
        return False
    return board["cover"]["id"] == subject.image_id


def expect_cover(viewer, subject, world):
    """A board's cover is its latest pin the viewer may see: on `open`, of the public,
    unlisted and private images pinned in that order; on `hidden`, `kept`."""
    if subject == SECRET_PIN:
        return may_open(viewer, subject)
    pinned = [PUBLIC, UNLISTED] + ([PRIVATE] if world.private_pinned_openly else [])
    shown = [name for name in pinned if may_list(viewer, name)]
    return bool(shown) and shown[-1] == subject


def user_boards(world, viewer, subject):
    query = f"""query($username: String!) {{ user(username: $username) {{
      boards(first: {PAGE}) {{ totalCount edges {{ node {{ id pinsCount }} }} }} }} }}"""
    user = data(world, viewer, query, {"username": USERNAMES[POSTER]})["user"]
    return user is not None and subject.board_id in listed_ids(user["boards"])


def collaborators_boards(world, viewer, subject):
    """The boards the collaborator owns or collaborates on (what his save picker lists)."""
    query = f"""query($username: String!) {{ user(username: $username) {{
      boards(first: {PAGE}, includeCollaborations: true) {{
        totalCount edges {{ node {{ id pinsCount }} }} }} }} }}"""
    user = data(world, viewer, query, {"username": USERNAMES[COLLABORATOR]})["user"]
    return subject.board_id in listed_ids(user["boards"])


def board_by_slug(world, viewer, subject):
    """The secret board by its owner and slug (the board page's address)."""
    query = "query($id: ID!) { node(id: $id) { ... on Board { slug } } }"
    slug = data(world, POSTER, query, {"id": subject.board_id})
    query = """query($username: String!, $slug: String!) { user(username: $username) {
      board(slug: $slug) { id pinsCount } } }"""
    variables = {"username": USERNAMES[POSTER], "slug": slug["node"]["slug"]}
    board = data(world, viewer, query, variables)["user"]["board"]
    return board is not None and board["id"] == subject.board_id


def search_for(kind, query, order):
    """`search` of one type for the poster's things, the subject's image (or its board)
    among them."""

    def look(world, viewer, subject):
        arguments = f'query: "{query}", type: {kind}, orderBy: {order}, first: {PAGE}'
        answer = f"""{{ search({arguments}) {{ totalCount edges {{ node {{
          ... on Node {{ id }} }} }} }} }}"""
        ids = listed_ids(data(world, viewer, answer)["search"])
        return (subject.board_id if kind == "BOARDS" else subject.image_id) in ids

    return look


def images_list(order, filter_name=None, value=None):
    arguments = f"orderBy: {order}, first: {PAGE}"
    if filter_name:
        arguments += f', {filter_name}: "{value}"'

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
    if user is None:
        return False
    ids = listed_ids(user["images"])
    assert user["imagesCount"] == len(ids), user
    return subject.image_id in ids


def user_images_by_tag(world, viewer, subject):
    query = f"""query($username: String!) {{ user(username: $username) {{
      images(tag: "{TAG}", first: {PAGE}) {{ {LISTED} }} }} }}"""
    user = data(world, viewer, query, {"username": USERNAMES[POSTER]})["user"]
    return user is not None and subject.image_id in listed_ids(user["images"])


def images_count_in_lists(world, viewer, subject):
    """The poster's `imagesCount` where lists of people show it (found by `users`, among
    whom fern follows) is the number of her images the viewer may find (where she is
    listed: not to who muted her, in `users`, nor across a block)."""
    query = f"""query($username: String!) {{
      user(username: $username) {{ images(first: {PAGE}) {{ {LISTED} }} }}
      users(search: $username) {{ edges {{ node {{ username imagesCount }} }} }}
      follower: user(username: "{USERNAMES[FOLLOWER]}") {{
        following {{ edges {{ node {{ username imagesCount }} }} }} }} }}"""
    found = data(world, viewer, query, {"username": USERNAMES[POSTER]})
    if found["user"] is None:
        return False
    ids = listed_ids(found["user"]["images"])
    people = found["users"]["edges"] + found["follower"]["following"]["edges"]
    counts = [
        edge["node"]["imagesCount"]
        for edge in people
        if edge["node"]["username"] == USERNAMES[POSTER]
    ]
    assert counts and set(counts) == {len(ids)}, (counts, len(ids))
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
        pk = int(from_global_id(image["id"])[1].partition(":")[0])
        ranking.record_view(pk, ranking.signed_in_viewer(world.users[COLLABORATOR].pk))


def similar_to_a_copy(world, viewer, subject):
    """The images that look like a stranger's copy of the subject's picture
    (`Image.similar`)."""
    picture = world.pictures[subject.image_id]
    copy = upload(world, STRANGER, f"copy of {subject.name}", picture=picture)
    query = "query($id: ID!) { image(id: $id) { similar { id } } }"
    similar = data(world, viewer, query, {"id": copy["id"]})["image"]["similar"]
    return subject.image_id in [image["id"] for image in similar]


def viewer_copy(world, viewer, subject):
    """The viewer's own image of the picture of a stranger's copy of the subject
    (`Image.viewerCopy`): only the poster has one, and may see it."""
    picture = world.pictures[subject.image_id]
    copy = upload(world, STRANGER, f"copy of {subject.name}", picture=picture)
    query = "query($id: ID!) { image(id: $id) { viewerCopy { id } } }"
    found = data(world, viewer, query, {"id": copy["id"]})["image"]["viewerCopy"]
    return found is not None and found["id"] == subject.image_id


# --- activity


def _mentions(actions, world, subject) -> bool:
    """Whether an action of `actions` is about the subject."""
    return any(_about(edge, subject) for edge in actions["edges"])


def _about(edge, subject) -> bool:
    """Whether the action is about the subject: by its target, or by a description naming
    it (a target hidden as null must not leave the sentence behind). Of the secret pin's
    image, only saving it is about the secret board."""
    action = edge["node"]
    target = (action["target"] or {}).get("id")
    if subject.name == SECRET_PIN:
        saved = action["verb"] == "SAVED_IMAGE"
        return target in the_things(subject) or (
            saved and (target == subject.image_id or "kept image" in action["description"])
        )
    return target == subject.image_id or f"{subject.name} image" in action["description"]


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
    if viewer == ANONYMOUS:
        body = world.ask(viewer, NOTIFICATIONS)
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", body
        return False
    return bool(_notification_groups(world, viewer, subject))


NOTIFICATIONS = f"""{{ notifications(first: {PAGE}) {{ totalCount edges {{ node {{ id kind
  target {{ __typename ... on Node {{ id }} }} }} }} }} }}"""


def _notification_groups(world, viewer, subject) -> list:
    """`viewer`'s notification groups about the subject."""
    groups = data(world, viewer, NOTIFICATIONS)["notifications"]
    listed_ids(groups)
    return [
        edge["node"]
        for edge in groups["edges"]
        if (edge["node"]["target"] or {}).get("id") in the_things(subject)
    ]


def expect_notifications(viewer, subject, world):
    """cole's likes and comments notify paula; his comments' mentions, fern and sam where
    they may list the image; adding cole to the secret board notifies cole alone."""
    if subject == SECRET_PIN:
        return viewer == COLLABORATOR
    return viewer == POSTER or (viewer in (FOLLOWER, STRANGER) and may_list(viewer, subject))


def expect_own_notification_groups(viewer, subject, world):
    """A notification group opens for its recipient alone: paula's, or cole's of the
    secret board."""
    return viewer == (COLLABORATOR if subject == SECRET_PIN else POSTER)


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


def unlike_image(world, viewer, subject):
    query = f"mutation($id: ID!) {{ unlikeImage(input: {{id: $id}}) {{ {ERRORS} }} }}"
    return _by_id_differs_from_missing(world, viewer, query, "unlikeImage", subject.image_id)


def update_image(world, viewer, subject):
    query = f"""mutation($id: ID!) {{ updateImage(input: {{id: $id, title: "Renamed"}}) {{
      {ERRORS} }} }}"""
    return _by_id_differs_from_missing(world, viewer, query, "updateImage", subject.image_id)


def delete_image(world, viewer, subject):
    query = f"mutation($id: ID!) {{ deleteImage(input: {{id: $id}}) {{ {ERRORS} }} }}"
    return _by_id_differs_from_missing(world, viewer, query, "deleteImage", subject.image_id)


def update_board(world, viewer, subject):
    query = f"""mutation($id: ID!) {{ updateBoard(input: {{id: $id, name: "Renamed"}}) {{
      {ERRORS} }} }}"""
    return _by_id_differs_from_missing(world, viewer, query, "updateBoard", subject.board_id)


def delete_board(world, viewer, subject):
    query = f"mutation($id: ID!) {{ deleteBoard(input: {{id: $id}}) {{ {ERRORS} }} }}"
    return _by_id_differs_from_missing(world, viewer, query, "deleteBoard", subject.board_id)


def remove_board_collaborator(world, viewer, subject):
    query = f"""mutation($id: ID!) {{ removeBoardCollaborator(input:
      {{boardId: $id, username: "{USERNAMES[COLLABORATOR]}"}}) {{ {ERRORS} }} }}"""
    return _by_id_differs_from_missing(
        world, viewer, query, "removeBoardCollaborator", subject.board_id
    )


def _by_id_differs_from_missing(world, viewer, query, field, id):
    """Whether the mutation of the subject `id` answers otherwise than of a missing one of
    its kind."""
    kind = {"Image": world.ghosts["image"]["id"], "Board": world.ghosts["board"]}
    missing = kind[from_global_id(id)[0]]
    return _differs_from_missing(world, viewer, query, field, {"id": id}, {"id": missing})


def slug_of_a_namesake(world, viewer, subject):
    """Whether the viewer's own new image, titled as the subject is, gets a slug other
    than its title's: a suffix tells them an image of that title exists."""
    if viewer == ANONYMOUS:
        return False
    title = f"{subject.name} image"
    return upload(world, viewer, title)["slug"] != base_slug(title)


def expect_hidden_only_to_the_unseeing(viewer, subject, world):
    """Absent to those who may not open the subject; to the others, either. An image posted
    public took its title's bare slug: a namesake tells that it was posted, whatever
    became of it since (hidden, its poster suspended or blocking)."""
    if subject in (MODERATED, SUSPENDED) or viewer in (BLOCKED, BLOCKER):
        return None
    return None if may_open(viewer, subject) else False


def expect_owner_only(viewer, subject, world):
    """What only the owner may do: done for her; for others who may see the subject,
    refused in a way of the backend's choosing; for the rest, as if it did not exist."""
    if viewer == POSTER:
        return True
    return None if may_open(viewer, subject) else False


def expect_board_editing(viewer, subject, world):
    """Only the owner edits a board's collaborators: what a collaborator is told (who may see
    the board) is the backend's choice."""
    return None if viewer == COLLABORATOR else may_open(viewer, subject)


# --- walking IDs: an ID made from a primary key, without the key of the image's link


def by_bare_id(look):
    """`look`, given the subject's image ID with its link key taken out: what walking
    sequential IDs would try. It opens what the viewer may find in a list, nothing more."""

    def look_by_bare_id(world, viewer, subject):
        type_name, raw_id = from_global_id(subject.image_id)
        bare = to_global_id(type_name, raw_id.partition(":")[0])
        return look(world, viewer, replace(subject, image_id=bare))

    look_by_bare_id.__doc__ = by_bare_id.__doc__
    return look_by_bare_id


def unlisted_id_carries_a_key(world, viewer, subject):
    """Whether the subject's ID, as the API gives it, is more than its primary key."""
    return ":" in from_global_id(subject.image_id)[1]


BARE_ID_PATHS = [
    Path(f"{name} by bare ID", by_bare_id(look), IMAGE_SUBJECTS, signed_in_only=signed_in)
    for name, look, signed_in in (
        ("node", node, False),
        ("image(id)", image_by_id, False),
        ("Image.likers", likers, False),
        ("likeImage", like_image, True),
        ("viewImage", view_image, False),
        ("saveImage", save_image, True),
    )
] + [
    Path(
        "the ID of an image not public carries a key",
        unlisted_id_carries_a_key,
        IMAGE_SUBJECTS,
        expect=lambda viewer, subject, world: subject != PUBLIC,
    )
]


# --- the table

ORDERS = ("NEWEST", "OLDEST", "MOST_LIKED", "MOST_VIEWED")
# Paula's hidden image goes where her images go; the suspended person's image only where
# anyone's may (not in paula's lists, not in her notifications).
PAULAS = IMAGE_SUBJECTS + (MODERATED,)
ANYONES = PAULAS + (SUSPENDED,)
IMAGE_LISTS = [
    Path(
        f"images({label}orderBy:{order})",
        images_list(order, name, who),
        PAULAS if name == "postedBy" else ANYONES,
        muted_hides=name != "postedBy",
    )
    for order in ORDERS
    for label, name, who in (
        ("", None, None),
        ("postedBy,", "postedBy", USERNAMES[POSTER]),
        ("likedBy,", "likedBy", USERNAMES[COLLABORATOR]),
        ("tag,", "tag", TAG),
    )
]
SECRET = (SECRET_PIN,)
SEARCHES = [
    Path(
        f"search({kind},{order})",
        search_for(kind, query, order),
        subjects,
        muted_hides=kind == "IMAGES",
    )
    for order in ("RELEVANCE", "NEWEST")
    for kind, query, subjects in (
        ("IMAGES", f"image user:{USERNAMES[POSTER]}", IMAGE_SUBJECTS + (MODERATED,)),
        ("BOARDS", "hidden", SECRET),
    )
]

PATHS = [
    Path("node", node, SUBJECTS + (MODERATED, SUSPENDED), rule=may_open),
    Path("node(Action)", node_of_actions, SUBJECTS + (MODERATED,), expect=expect_activity),
    Path("node(Pin)", node_of_pins, IMAGE_SUBJECTS, expect=expect_pin_by_id),
    Path(
        "node(NotificationGroup)",
        node_of_notifications,
        SUBJECTS + (MODERATED,),
        expect=expect_own_notification_groups,
    ),
    Path("image(id)", image_by_id, ANYONES, rule=may_open),
    Path("image(slug)", image_by_slug, ANYONES, rule=may_open),
    Path("Image.likers", likers, ANYONES, rule=may_open),
    Path("board(id)", board_by_id, SECRET, rule=may_open),
    Path("Board.pins", board_pins, expect=expect_board_pins),
    Path("User.boards", user_boards, SECRET),
    Path("User.boards(includeCollaborations)", collaborators_boards, SECRET),
    Path("User.board(slug)", board_by_slug, SECRET, rule=may_open),
    Path("Board.cover", board_cover, expect=expect_cover),
    Path("User.boards.cover", user_boards_cover, expect=expect_cover),
    *IMAGE_LISTS,
    *BARE_ID_PATHS,
    *SEARCHES,
    Path("User.images", user_images, PAULAS),
    Path("User.images(tag)", user_images_by_tag, IMAGE_SUBJECTS),
    Path("User.likedImages", user_liked_images, ANYONES),
    Path("imagesCount in lists", images_count_in_lists, PAULAS),
    Path("imageRanking", image_ranking, ANYONES),
    Path("Image.similar", similar_to_a_copy, IMAGE_SUBJECTS),
    Path(
        "Image.viewerCopy",
        viewer_copy,
        IMAGE_SUBJECTS,
        expect=lambda viewer, subject, world: viewer == POSTER,
    ),
    Path(
        "feed",
        feed,
        SUBJECTS + (MODERATED, SUSPENDED),
        signed_in_only=True,
        expect=expect_activity,
        muted_hides=True,
    ),
    Path("actions(poster)", actions_of(POSTER), SUBJECTS + (MODERATED,), expect=expect_activity),
    Path("actions(collaborator)", actions_of(COLLABORATOR), ANYONES, expect=expect_activity),
    Path(
        "notifications",
        notifications,
        SUBJECTS + (MODERATED,),
        signed_in_only=True,
        expect=expect_notifications,
    ),
    Path("likeImage", like_image, ANYONES, rule=may_open, signed_in_only=True),
    Path("viewImage", view_image, ANYONES, rule=may_open),
    Path(
        "saveImage",
        save_image,
        SUBJECTS + (MODERATED, SUSPENDED),
        rule=may_open,
        signed_in_only=True,
    ),
    Path(
        "addBoardCollaborator",
        add_board_collaborator,
        SECRET,
        signed_in_only=True,
        expect=expect_board_editing,
    ),
    Path("removePin", remove_pin, SECRET, rule=may_open, signed_in_only=True),
    Path("unlikeImage", unlike_image, ANYONES, rule=may_open, signed_in_only=True),
    Path(
        "uploadImage's slug",
        slug_of_a_namesake,
        ANYONES,
        expect=expect_hidden_only_to_the_unseeing,
    ),
    *(
        Path(name, look, subjects, signed_in_only=True, expect=expect_owner_only)
        for name, look, subjects in (
            ("updateImage", update_image, PAULAS),
            ("deleteImage", delete_image, PAULAS),
            ("updateBoard", update_board, SECRET),
            ("deleteBoard", delete_board, SECRET),
            ("removeBoardCollaborator", remove_board_collaborator, SECRET),
        )
    ),
]
