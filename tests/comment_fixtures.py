"""What comment tests share: the documents a client sends, and comments made directly."""

import itertools

import pytest
from graphql_relay import to_global_id

from comments import services
from tests.board_fixtures import image_gid

ADD = """
mutation Add($imageId: ID!, $text: String!) {
  addComment(input: {imageId: $imageId, text: $text}) {
    comment { id text createdAt author { username } image { id commentsCount } }
    errors { field code message }
  }
}"""

DELETE = """
mutation Delete($id: ID!) {
  deleteComment(input: {id: $id}) { deletedId errors { field code message } }
}"""

COMMENTS = """
query Comments($id: ID!, $first: Int, $after: String) {
  image(id: $id) {
    commentsCount
    comments(first: $first, after: $after) {
      totalCount
      edges { cursor node { id text createdAt author { username profile { photo { url } } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}"""


def image_id(image):
    """The image's ID as a client is given it (with its link key when not public)."""
    return image_gid(image)


def comment_id(comment):
    return to_global_id("Comment", comment.pk)


_numbers = itertools.count(1)


@pytest.fixture
def make_comment(settings):
    """A comment written through the service, the rate limit lifted."""
    settings.COMMENT_LIMIT = 10_000

    def make(author, image, text=None):
        text = text or f"Nice {next(_numbers)}"
        # The writer holds the image's link, as a client does.
        return services.add_comment(
            author=author, image_id=image.pk, text=text, link_key=image.link_key
        )

    return make
