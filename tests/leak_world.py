"""The world the leak matrix looks at: a poster's images of each visibility, a public and a
secret board, and the people who look at them, all made through the API as clients make them.

- paula posts `public` (PUBLIC), `unlisted` (UNLISTED) and `private` (PRIVATE) and pins the
  first two to her public board `open` and the private one to her secret board `hidden`
  (uploaded with `boardId`); she also saves `kept`, a public image of hers, to `hidden`, and
  tries to pin `private` to `open` as well.
- cole collaborates on `hidden`, so he may see `private`; he likes the three images and
  comments on each, mentioning fern and sam (who may not see `private`: not told of it).
- fern follows paula and cole; sam follows nobody (so his feed shows everybody's actions);
  the anonymous viewer sends no token.
- Every signed-in viewer has a public board `mine` of their own to save to.
- paula asked for an export of her account and made a personal access token and a
  webhook.
- Safety: paula blocked bea, and ben blocked paula; mia muted paula; stan is staff. paula's
  public `moderated` image (liked by cole) was hidden by stan on sam's report; sid's public
  `suspended` image (liked by cole) went with sid's suspension on sam's report. paula and
  sid (before his suspension) also commented on `public`, so that its `commentsCount`
  differs for mia and staff.

Subjects are what may leak: an image of each visibility, a pin on a secret board together
with the board itself, a hidden image and one of a suspended person. Who may see a subject is
said once, in `may_open` and `may_list`; which viewer meets which subject, in `meets` (so
that the matrix stays small).
"""

import contextlib
import itertools
import json
import tempfile
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from oauth2_provider.models import get_application_model

from testing.oauth_client import REDIRECT_URI
from testing.pictures import picture_bytes
from tests.conftest import PREFLIGHT, GraphQLClient
from tests.oauth_fixtures import OAuthFlow
from users.services import follows
from users.tokens import issue_access_token

POSTER, COLLABORATOR, FOLLOWER, STRANGER, ANONYMOUS = BASE_VIEWERS = (
    "poster",
    "collaborator",
    "follower",
    "stranger",
    "anonymous",
)
BLOCKED, BLOCKER, MUTER, STAFF = SAFETY_VIEWERS = ("blocked", "blocker", "muter", "staff")
VIEWERS = BASE_VIEWERS + SAFETY_VIEWERS
# paula and cole through a personal access token with READ and WRITE but not PRIVATE: to
# them private images and secret boards are as absent as to a stranger. HTTP only (live
# connections take no such token), so the live matrix leaves them out.
# paula and cole with a personal access token, and paula through an OAuth app, each with
# the READ and WRITE scopes but not PRIVATE.
POSTER_TOKEN, COLLABORATOR_TOKEN, POSTER_APP = TOKEN_VIEWERS = (
    "poster_token",
    "collaborator_token",
    "poster_app",
)
PUBLIC, UNLISTED, PRIVATE, SECRET_PIN = SUBJECTS = ("public", "unlisted", "private", "secret_pin")
IMAGE_SUBJECTS = (PUBLIC, UNLISTED, PRIVATE)
MODERATED, SUSPENDED = MODERATED_SUBJECTS = ("moderated", "suspended")
USERNAMES = {
    POSTER: "paula",
    COLLABORATOR: "cole",
    FOLLOWER: "fern",
    STRANGER: "sam",
    BLOCKED: "bea",
    BLOCKER: "ben",
    MUTER: "mia",
    STAFF: "stan",
}
SUSPENDED_POSTER = "sid"
TAG = "subject"  # every image subject carries it

UPLOAD = """mutation($input: UploadImageInput!) {
  uploadImage(input: $input) { image { id slug } errors { field code message } } }"""
CREATE_BOARD = """mutation($input: CreateBoardInput!) {
  createBoard(input: $input) { board { id slug } errors { field code message } } }"""
SAVE_IMAGE = """mutation($input: SaveImageInput!) {
  saveImage(input: $input) { pin { id } errors { field code message } } }"""
ADD_COLLABORATOR = """mutation($input: AddBoardCollaboratorInput!) {
  addBoardCollaborator(input: $input) { board { id } errors { field code message } } }"""
LIKE = """mutation($id: ID!) { likeImage(input: {id: $id}) { errors { field code message } } }"""
DELETE_IMAGE = """mutation($id: ID!) {
  deleteImage(input: {id: $id}) { deletedId errors { field code message } } }"""
ADD_COMMENT = """mutation($image: ID!, $text: String!) {
  addComment(input: {imageId: $image, text: $text}) {
    comment { id } errors { field code message } } }"""
DELETE_COMMENT = """mutation($id: ID!) {
  deleteComment(input: {id: $id}) { deletedId errors { field code message } } }"""
DELETE_BOARD = """mutation($id: ID!) {
  deleteBoard(input: {id: $id}) { deletedId errors { field code message } } }"""

_pictures = itertools.count(40)


def may_open(viewer, subject) -> bool:
    """Whether `viewer` may open `subject` by its ID or link (the rule of issue 25): none
    of paula's across a block, hidden ones to their poster and staff only, a suspended
    person's to staff only. Muting hides nothing here (`Path.muted_hides` says where)."""
    if subject == SUSPENDED:
        return viewer == STAFF
    if viewer in (BLOCKED, BLOCKER):
        return False
    if subject == MODERATED:
        return viewer in (POSTER, STAFF)
    if subject in (PUBLIC, UNLISTED):
        return True
    return viewer in (POSTER, COLLABORATOR)


def meets(viewer, subject) -> bool:
    """Whether the matrix looks at `subject` as `viewer`, so that it stays small: the block
    and mute viewers at paula's public image (they are strangers to the rest), staff at what
    is not public, the hidden image and the suspended person's by those whose answer the
    rule tells apart; the token viewers at what only PRIVATE would show; everyone else at
    everything."""
    if viewer in TOKEN_VIEWERS:
        return subject in (PRIVATE, SECRET_PIN)
    if viewer in (BLOCKED, BLOCKER, MUTER):
        return subject == PUBLIC
    if viewer == STAFF:
        return subject in (PRIVATE, SECRET_PIN, MODERATED, SUSPENDED)
    if subject == MODERATED:
        return viewer in (POSTER, STRANGER, ANONYMOUS)
    if subject == SUSPENDED:
        return viewer in (STRANGER, ANONYMOUS)
    return True


def may_list(viewer, subject) -> bool:
    """Whether `subject` may appear in a list `viewer` reads: an unlisted image is listed
    for its poster only (in their own lists, as their private images are)."""
    if subject == UNLISTED:
        return viewer == POSTER
    return may_open(viewer, subject)


@dataclass
class Subject:
    """What the paths look for: an image (`image_id`, `slug`) or a secret board's pin."""

    name: str
    image_id: str | None = None
    slug: str | None = None
    pin_id: str | None = None
    board_id: str | None = None
    comment_id: str | None = None


@dataclass
class World:
    api: object
    users: dict
    # Who signs in as each role (the suspended poster too, once made).
    accounts: dict
    boards: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    subjects: dict = field(default_factory=dict)
    ghosts: dict = field(default_factory=dict)
    # The picture (testing/pictures.py's seed) of each image, by global ID.
    pictures: dict = field(default_factory=dict)
    private_pinned_openly: bool = False
    jobs: dict = field(default_factory=dict)
    access_tokens: dict = field(default_factory=dict)
    apps: dict = field(default_factory=dict)
    authorized_apps: dict = field(default_factory=dict)
    webhooks: dict = field(default_factory=dict)
    # The personal access token each token viewer sends.
    personal_tokens: dict = field(default_factory=dict)

    def token(self, viewer):
        """A fresh access token: a module of the matrix can outlast one (five minutes) on a
        busy machine."""
        if viewer in self.personal_tokens:
            return self.personal_tokens[viewer]
        account = self.accounts.get(viewer)
        return issue_access_token(account) if account is not None else None

    def ask(self, viewer, query, variables=None):
        """The JSON answer to `query` as `viewer` sees it."""
        return self.api.execute(query, variables, token=self.token(viewer))

    def run(self, viewer, query, variables=None, payload=None):
        """The `data` (or the mutation payload named `payload`) of an answer with no
        top-level errors."""
        body = self.ask(viewer, query, variables)
        assert "errors" not in body, body["errors"]
        data = body["data"]
        if payload is not None:
            data = data[payload]
            assert data["errors"] == [], data["errors"]
        return data


@contextlib.contextmanager
def built_for_a_module(django_db_blocker, build):
    """`build()` run once, its world kept for every test of a module: in a transaction
    rolled back at the end (each test runs in a savepoint of its own), its files in a
    directory of its own."""
    with (
        tempfile.TemporaryDirectory(prefix="pinmark-leak-media-") as media,
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build()
        transaction.set_rollback(True)


def people(names: dict) -> World:
    """A world of people, by role, made through the test client: `names` maps each role
    to a username (the STAFF role is staff)."""
    users = {
        role: get_user_model().objects.create_user(
            username=name,
            email=f"{name}@example.com",
            email_verified=True,
            password=None,
            is_staff=role == STAFF,
        )
        for role, name in names.items()
    }
    return World(
        api=GraphQLClient(Client()),
        users=users,
        accounts=dict(users),
    )


def build_world() -> World:
    """The world of the module docstring."""
    world = people(USERNAMES)
    users = world.users
    follows.follow_user(user_from=users[FOLLOWER], user_to=users[POSTER])
    follows.follow_user(user_from=users[FOLLOWER], user_to=users[COLLABORATOR])
    for role in USERNAMES:
        world.boards[role, "mine"] = create_board(world, role, f"{role}'s own", "PUBLIC")
    world.boards["open"] = create_board(world, POSTER, "Open", "PUBLIC")
    world.boards["hidden"] = create_board(world, POSTER, "Hidden", "SECRET")
    _add_collaborator(world, world.boards["hidden"], COLLABORATOR)
    _post_subjects(world)
    _make_ghosts(world)
    _moderate(world)
    _block_and_mute(world)
    export = world.run(POSTER, REQUEST_EXPORT, payload="requestExport")
    world.jobs[POSTER] = export["job"]["id"]
    made = world.run(POSTER, CREATE_ACCESS_TOKEN, payload="createAccessToken")
    world.access_tokens[POSTER] = made["accessToken"]["id"]
    # Nothing listens there: the world's transaction never commits, so nothing is sent.
    with override_settings(WEBHOOK_ALLOWED_HOSTS=["127.0.0.1:9"]):
        made = world.run(POSTER, CREATE_WEBHOOK, payload="createWebhook")
    world.webhooks[POSTER] = made["webhook"]["id"]
    for viewer, role in ((POSTER_TOKEN, POSTER), (COLLABORATOR_TOKEN, COLLABORATOR)):
        made = world.run(role, CREATE_READ_WRITE_TOKEN, payload="createAccessToken")
        world.personal_tokens[viewer] = made["token"]
        world.boards[viewer, "mine"] = world.boards[role, "mine"]
    _authorize_an_app(world)
    return world


def _authorize_an_app(world):
    """paula registers an app and authorizes it (READ and WRITE) through the consent
    page: its access token is POSTER_APP's."""
    made = world.run(POSTER, REGISTER_APP, payload="registerApp")
    world.apps[POSTER] = made["app"]["id"]
    app = get_application_model().objects.get(client_id=made["app"]["clientId"])
    tokens = OAuthFlow(world.api.client).tokens(world.accounts[POSTER], app, scope="read write")
    world.personal_tokens[POSTER_APP] = tokens["access_token"]
    world.boards[POSTER_APP, "mine"] = world.boards[POSTER, "mine"]
    [authorized] = world.run(POSTER, AUTHORIZED_APPS)["viewer"]["authorizedApps"]
    world.authorized_apps[POSTER] = authorized["id"]


REGISTER_APP = f"""mutation {{ registerApp(input: {{name: "Frame", clientType: PUBLIC,
  redirectUris: ["{REDIRECT_URI}"]}}) {{ app {{ id clientId }} errors {{ code }} }} }}"""
AUTHORIZED_APPS = "{ viewer { authorizedApps { id } } }"
REQUEST_EXPORT = "mutation { requestExport(input: {}) { job { id } errors { code } } }"
CREATE_READ_WRITE_TOKEN = """mutation { createAccessToken(input: {name: "no private",
  scopes: [READ, WRITE], expiresInDays: 30}) { token errors { code } } }"""
CREATE_WEBHOOK = """mutation { createWebhook(input: {url: "http://127.0.0.1:9/hook",
  events: [IMAGE_LIKED]}) { webhook { id } errors { code } } }"""
CREATE_ACCESS_TOKEN = """mutation { createAccessToken(input: {name: "script",
  scopes: [READ, PRIVATE], expiresInDays: 30}) { accessToken { id } errors { code } } }"""


def create_board(world, role, name, privacy) -> str:
    board = world.run(
        role,
        CREATE_BOARD,
        {"input": {"name": name, "description": "", "privacy": privacy}},
        payload="createBoard",
    )["board"]
    return board["id"]


def upload(
    world, role, title, *, visibility="PUBLIC", board_id=None, tags=(), picture=None
) -> dict:
    """An image uploaded by `role` through `uploadImage`: its `id` and `slug`. Each shows a
    picture of its own, unless given one (another image's, in `world.pictures`)."""
    picture = next(_pictures) if picture is None else picture
    variables = {
        "input": {"file": None, "title": title, "visibility": visibility, "tags": list(tags)}
    }
    if board_id is not None:
        variables["input"]["boardId"] = board_id
    response = world.api.client.post(
        "/graphql",
        {
            "operations": json.dumps({"query": UPLOAD, "variables": variables}),
            "map": json.dumps({"0": ["variables.input.file"]}),
            "0": SimpleUploadedFile(
                f"{title}.jpg", picture_bytes(picture, scale=0.25), content_type="image/jpeg"
            ),
        },
        headers={"Authorization": f"Bearer {world.token(role)}", **PREFLIGHT},
    )
    assert response.status_code == 200, response.content
    payload = response.json()["data"]["uploadImage"]
    assert payload["errors"] == [], payload["errors"]
    world.pictures[payload["image"]["id"]] = picture
    return payload["image"]


def save_image(world, role, image_id, board_id) -> dict:
    """The answer of `saveImage` as `role`: its payload, errors included."""
    body = world.ask(
        role, SAVE_IMAGE, {"input": {"imageId": image_id, "boardId": board_id, "note": ""}}
    )
    assert "errors" not in body, body["errors"]
    return body["data"]["saveImage"]


def comment(world, role, image_id, text="Seen by") -> str:
    """The ID of `role`'s comment on the image: `text`, mentioning fern and sam."""
    text = f"{text} @{USERNAMES[FOLLOWER]} and @{USERNAMES[STRANGER]}"
    variables = {"image": image_id, "text": text}
    return world.run(role, ADD_COMMENT, variables, payload="addComment")["comment"]["id"]


def _add_collaborator(world, board_id, role):
    world.run(
        POSTER,
        ADD_COLLABORATOR,
        {"input": {"boardId": board_id, "username": USERNAMES[role]}},
        payload="addBoardCollaborator",
    )


def _post_subjects(world):
    open_board, hidden = world.boards["open"], world.boards["hidden"]
    for name, visibility, board in (
        (PUBLIC, "PUBLIC", open_board),
        (UNLISTED, "UNLISTED", open_board),
        (PRIVATE, "PRIVATE", hidden),
    ):
        image = upload(
            world, POSTER, f"{name} image", visibility=visibility, board_id=board, tags=[TAG]
        )
        world.images[name] = image
        world.subjects[name] = Subject(name, image_id=image["id"], slug=image["slug"])
        world.run(COLLABORATOR, LIKE, {"id": image["id"]}, payload="likeImage")
        world.subjects[name].comment_id = comment(world, COLLABORATOR, image["id"])
    # Her answer under the public image: not counted for mia, who muted her.
    answer = {"image": world.images[PUBLIC]["id"], "text": "Thank you"}
    world.run(POSTER, ADD_COMMENT, answer, payload="addComment")
    # Her own private image on her public board: the pin must stay as private as the image.
    world.private_pinned_openly = not save_image(
        world, POSTER, world.images[PRIVATE]["id"], open_board
    )["errors"]
    kept = upload(world, POSTER, "kept image")
    world.images["kept"] = kept
    pin = save_image(world, POSTER, kept["id"], hidden)
    assert pin["errors"] == [], pin["errors"]
    world.subjects[SECRET_PIN] = Subject(
        SECRET_PIN, image_id=kept["id"], pin_id=pin["pin"]["id"], board_id=hidden
    )


REPORT = """mutation($id: ID!) { report(input: {subjectId: $id, reason: SPAM}) {
  report { id } errors { field code message } } }"""
RESOLVE = """mutation($id: ID!, $action: ModerationAction!) {
  resolveReport(input: {id: $id, action: $action}) { errors { field code message } } }"""
BLOCK = """mutation($u: String!) { blockUser(input: {username: $u}) {
  errors { field code message } } }"""
MUTE = """mutation($u: String!) { muteUser(input: {username: $u}) {
  errors { field code message } } }"""


def _moderate(world):
    """paula's `moderated` image hidden, sid's `suspended` image gone with his suspension:
    each liked by cole first, then reported by sam and decided on by stan."""
    sid = get_user_model().objects.create_user(username=SUSPENDED_POSTER, password=None)
    world.accounts[SUSPENDED_POSTER] = sid
    # Gone with his suspension from the list and the count of everyone but staff.
    before = {"image": world.images[PUBLIC]["id"], "text": "Before my suspension"}
    world.run(SUSPENDED_POSTER, ADD_COMMENT, before, payload="addComment")
    for name, poster, action in (
        (MODERATED, POSTER, "HIDE_CONTENT"),
        (SUSPENDED, SUSPENDED_POSTER, "SUSPEND_USER"),
    ):
        image = upload(world, poster, f"{name} image", tags=[TAG])
        world.images[name] = image
        world.subjects[name] = Subject(name, image_id=image["id"], slug=image["slug"])
        world.run(COLLABORATOR, LIKE, {"id": image["id"]}, payload="likeImage")
        report = world.run(STRANGER, REPORT, {"id": image["id"]}, payload="report")["report"]
        variables = {"id": report["id"], "action": action}
        world.run(STAFF, RESOLVE, variables, payload="resolveReport")


def _block_and_mute(world):
    world.run(POSTER, BLOCK, {"u": USERNAMES[BLOCKED]}, payload="blockUser")
    world.run(BLOCKER, BLOCK, {"u": USERNAMES[POSTER]}, payload="blockUser")
    world.run(MUTER, MUTE, {"u": USERNAMES[POSTER]}, payload="muteUser")


def _make_ghosts(world):
    """IDs of an image, a board, a pin and a comment that existed and are gone: what a
    missing one answers is what an invisible one must answer."""
    image = upload(world, POSTER, "ghost image", board_id=world.boards["open"])
    gone = comment(world, POSTER, world.images[PUBLIC]["id"])
    world.run(POSTER, DELETE_COMMENT, {"id": gone}, payload="deleteComment")
    board = create_board(world, POSTER, "Ghost", "SECRET")
    pin = save_image(world, POSTER, world.images[PUBLIC]["id"], board)["pin"]
    world.run(POSTER, DELETE_BOARD, {"id": board}, payload="deleteBoard")
    world.run(POSTER, DELETE_IMAGE, {"id": image["id"]}, payload="deleteImage")
    world.ghosts = {"image": image, "board": board, "pin": pin["id"], "comment": gone}
