"""The read paths of jobs, access tokens, webhooks and OAuth apps the leak matrix walks
(tests/leak_paths.py explains a path).

paula's export job, access token and webhook (tests/leak_world.py) are hers alone: by
their IDs and in `User.jobs`, `User.accessTokens` and `User.webhooks`, whoever else asks
finds nothing; so are the app she registered (`User.apps`) and the app she authorized
(`User.authorizedApps`). The subject is beside the point here: each path looks once, at
the public image's row of the matrix.
"""

from tests.leak_paths import PAGE, Path, data, listed_ids
from tests.leak_world import POSTER, PUBLIC


def node_of_job(world, viewer, subject):
    """paula's job by its ID."""
    query = "query($id: ID!) { node(id: $id) { id ... on Job { kind status resultUrl } } }"
    return data(world, viewer, query, {"id": world.jobs[POSTER]})["node"] is not None


def users_jobs(world, viewer, subject):
    """paula's jobs, in `User.jobs`."""
    query = f"""query {{ user(username: "paula") {{ jobs(first: {PAGE}) {{
      totalCount edges {{ node {{ id }} }} }} }} }}"""
    user = data(world, viewer, query)["user"]
    if user is None or user["jobs"] is None:
        return False
    return world.jobs[POSTER] in listed_ids(user["jobs"])


def users_access_tokens(world, viewer, subject):
    """paula's access tokens, in `User.accessTokens`."""
    query = 'query { user(username: "paula") { accessTokens { id name } } }'
    user = data(world, viewer, query)["user"]
    if user is None or user["accessTokens"] is None:
        return False
    return world.access_tokens[POSTER] in {token["id"] for token in user["accessTokens"]}


def users_apps(world, viewer, subject):
    """paula's registered apps, in `User.apps`."""
    query = 'query { user(username: "paula") { apps { id name clientId } } }'
    user = data(world, viewer, query)["user"]
    if user is None or user["apps"] is None:
        return False
    return world.apps[POSTER] in {app["id"] for app in user["apps"]}


def users_authorized_apps(world, viewer, subject):
    """The apps paula authorized, in `User.authorizedApps`."""
    query = 'query { user(username: "paula") { authorizedApps { id name scopes } } }'
    user = data(world, viewer, query)["user"]
    if user is None or user["authorizedApps"] is None:
        return False
    return world.authorized_apps[POSTER] in {app["id"] for app in user["authorizedApps"]}


def node_of_webhook(world, viewer, subject):
    """paula's webhook by its ID, with its deliveries."""
    query = """query($id: ID!) { node(id: $id) { id ... on Webhook { url
      deliveries(first: 5) { totalCount } } } }"""
    return data(world, viewer, query, {"id": world.webhooks[POSTER]})["node"] is not None


def users_webhooks(world, viewer, subject):
    """paula's webhooks, in `User.webhooks`."""
    query = f"""query {{ user(username: "paula") {{ webhooks(first: {PAGE}) {{
      totalCount edges {{ node {{ id }} }} }} }} }}"""
    user = data(world, viewer, query)["user"]
    if user is None or user["webhooks"] is None:
        return False
    return world.webhooks[POSTER] in listed_ids(user["webhooks"])


def owner_only(viewer, subject, world):
    return viewer == POSTER


JOB_PATHS = [
    Path("node(Job)", node_of_job, (PUBLIC,), expect=owner_only),
    Path("User.jobs", users_jobs, (PUBLIC,), expect=owner_only),
    Path("User.accessTokens", users_access_tokens, (PUBLIC,), expect=owner_only),
    Path("User.apps", users_apps, (PUBLIC,), expect=owner_only),
    Path("User.authorizedApps", users_authorized_apps, (PUBLIC,), expect=owner_only),
    Path("node(Webhook)", node_of_webhook, (PUBLIC,), expect=owner_only),
    Path("User.webhooks", users_webhooks, (PUBLIC,), expect=owner_only),
]
