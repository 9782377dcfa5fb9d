"""What the block, mute and moderation tests share: their mutations and small helpers."""

from graphql_relay import to_global_id

from boards.models import Board

ERRORS = "errors { field code message }"
BLOCK = f"""mutation($u: String!) {{ blockUser(input: {{username: $u}}) {{
  user {{ username isFollowedByViewer }} {ERRORS} }} }}"""
UNBLOCK = f"""mutation($u: String!) {{ unblockUser(input: {{username: $u}}) {{
  user {{ username }} {ERRORS} }} }}"""
MUTE = f"""mutation($u: String!) {{ muteUser(input: {{username: $u}}) {{
  user {{ username }} {ERRORS} }} }}"""
UNMUTE = f"""mutation($u: String!) {{ unmuteUser(input: {{username: $u}}) {{
  user {{ username }} {ERRORS} }} }}"""
MUTE_WORD = (
    f"""mutation($w: String!) {{ muteWord(input: {{word: $w}}) {{ mutedWords {ERRORS} }} }}"""
)
UNMUTE_WORD = f"""mutation($w: String!) {{ unmuteWord(input: {{word: $w}}) {{
  mutedWords {ERRORS} }} }}"""
FOLLOW = f"""mutation($u: String!) {{ followUser(input: {{username: $u}}) {{ {ERRORS} }} }}"""
LIKE = f"""mutation($id: ID!) {{ likeImage(input: {{id: $id}}) {{ {ERRORS} }} }}"""
SAVE = f"""mutation($input: SaveImageInput!) {{ saveImage(input: $input) {{ {ERRORS} }} }}"""
USER = "query($u: String!) { user(username: $u) { username } }"
IMAGE = "query($id: ID!) { image(id: $id) { title hiddenByModerators } }"
IMAGES = "query { images(first: 50) { totalCount edges { node { title } } } }"
USERS = "query($s: String) { users(search: $s, first: 50) { edges { node { username } } } }"
FEED = "query { feed(first: 50) { totalCount edges { node { description } } } }"
NOTIFICATIONS = """query { notifications(first: 50) { totalCount
  edges { node { kind actors(first: 5) { username } } } } viewer { unreadNotificationsCount } }"""


def gid(obj) -> str:
    return to_global_id({"Image": "Image", "User": "User"}[type(obj).__name__], obj.pk)


def titles(api, user):
    listed = api.data(IMAGES, user=user)["images"]
    names = [edge["node"]["title"] for edge in listed["edges"]]
    assert listed["totalCount"] == len(names)
    return names


def feed(api, user) -> list[str]:
    listed = api.data(FEED, user=user)["feed"]
    lines = [edge["node"]["description"] for edge in listed["edges"]]
    assert listed["totalCount"] == len(lines)
    return lines


def usernames(api, user, search=None) -> list[str]:
    listed = api.data(USERS, {"s": search}, user=user)["users"]["edges"]
    return [edge["node"]["username"] for edge in listed]


def payload(api, query, variables, user, name):
    return api.data(query, variables, user=user)[name]


def board_of(user) -> Board:
    return Board.objects.create(owner=user, name=f"{user.username}'s", slug=f"{user.username}s")
