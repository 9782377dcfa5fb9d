"""Images, people and boards in the search index, and the search query as a client asks it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from images import search_entries
from images.tags import set_image_tags
from search import index

SEARCH = """query($q: String!, $type: SearchType, $order: SearchOrder, $first: Int,
  $after: String) {
  search(query: $q, type: $type, orderBy: $order, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      __typename
      ... on Image { id title tags postedBy { username } totalViews }
      ... on User { id username }
      ... on Board { id name owner { username } cover { id title } }
    } }
  }
}"""


def found(api, query, *, user=None, **variables) -> list[str]:
    """The titles, usernames or board names `search` answers, in order, on one page."""
    connection = api.data(SEARCH, {"q": query, "first": 100, **variables}, user=user)["search"]
    nodes = [edge["node"] for edge in connection["edges"]]
    assert connection["totalCount"] == len(nodes)
    return [node.get("title") or node.get("username") or node.get("name") for node in nodes]


@pytest.fixture
def post(make_image):
    """An image in the index (as the services and `rebuild_search_index` write it), posted
    `days_ago` days ago."""

    def make(user, title, description="", *, days_ago=0, tags=(), **fields):
        fields.setdefault("created", timezone.now() - timedelta(days=days_ago))
        image = make_image(user, title, description=description, **fields)
        set_image_tags(image=image, tags=tags)
        index.put(search_entries.entry_of(image))
        return image

    return make
