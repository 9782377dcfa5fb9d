"""The enums of `search`; its result union and connection are cross-domain
(schema/unions.py)."""

import graphene


class SearchType(graphene.Enum):
    """What to search."""

    IMAGES = "images"
    USERS = "users"
    BOARDS = "boards"

    @property
    def description(self):
        return {
            SearchType.IMAGES: "Images, by title, description, tags, poster and site.",
            SearchType.USERS: "People, by username and names.",
            SearchType.BOARDS: "Boards, by name and description.",
        }[self]


class SearchOrder(graphene.Enum):
    """The order of search results."""

    RELEVANCE = "relevance"
    NEWEST = "newest"

    @property
    def description(self):
        return {
            SearchOrder.RELEVANCE: "Best match first; the newest first among equal matches.",
            SearchOrder.NEWEST: "Most recently posted (or joined, or made) first.",
        }[self]
