"""The GraphQL documents the benchmark sends."""

# An image as the images page and the board page show it: a card.
IMAGE_CARD = """id title slug postedBy { username }
      thumbnail { url width height } totalLikes likedByViewer totalViews"""


def images_page(rows):
    return f"""query ImagesPage {{
  images(first: {rows}) {{
    edges {{ node {{ {IMAGE_CARD} }} }}
  }}
}}"""


IMAGES_PAGE = images_page(20)

FEED_PAGE = """query FeedPage {
  feed(first: 20) {
    edges { node { id verb createdAt actor { username }
      target {
        ... on Image { title thumbnail { url } postedBy { username } }
        ... on User { username }
      } } }
  }
}"""

# A board's head and its newest pins, each a card of its image.
BOARD_PAGE = f"""query BoardPage($id: ID!) {{
  board(id: $id) {{
    id name privacy pinsCount owner {{ username }}
    pins(first: 20) {{
      edges {{ node {{ id createdAt image {{ {IMAGE_CARD} }} }} }}
    }}
  }}
}}"""

# The feed's totalCount, counted up to GRAPHQL_MAX_TOTAL_COUNT.
FEED_COUNT = "query FeedCount { feed(first: 1) { totalCount } }"

IMAGE = """query Image($id: ID!) {
  image(id: $id) { id title description thumbnail(size: LARGE) { url width height }
    postedBy { username } totalLikes totalViews }
}"""

VIEW_IMAGE = """mutation View($id: ID!) {
  viewImage(input: {id: $id}) { counted image { totalViews } errors { code } }
}"""

LIKE_IMAGE = """mutation Like($id: ID!) {
  likeImage(input: {id: $id}) { image { totalLikes likedByViewer } errors { code } }
}"""

# Search results: a one-word query (bench/seed.py's titles), by relevance, each a card.
SEARCH_PAGE = f"""query SearchPage($query: String!) {{
  search(query: $query, first: 20) {{
    edges {{ node {{ ... on Image {{ {IMAGE_CARD} }} }} }}
  }}
}}"""

# An image's page: its card, what it says of itself and its 20 oldest comments.
IMAGE_PAGE = f"""query ImagePage($id: ID!) {{
  image(id: $id) {{
    {IMAGE_CARD} description createdAt commentsCount
    comments(first: 20) {{
      edges {{ node {{ id text createdAt author {{ username }} }} }}
    }}
  }}
}}"""
