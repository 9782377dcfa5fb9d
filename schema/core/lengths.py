"""How long a string argument may be: the limit each argument name documents, which the
server checks before any resolver runs (server/documents/cost.py)."""

from search.selectors import MAX_QUERY_LENGTH

# Longest text a string argument may carry, by argument name; any other string
# argument or input field may carry DEFAULT_MAX_STRING_LENGTH characters.
MAX_STRING_LENGTHS = {
    "search": 100,
    "query": MAX_QUERY_LENGTH,
    "username": 150,
    "postedBy": 150,
    "likedBy": 150,
    "slug": 220,
    # A tag has at most 32 characters once normalised: room for spaces and a `#` around it.
    "tag": 100,
    "url": 2000,
    "after": 500,
    "before": 500,
}
DEFAULT_MAX_STRING_LENGTH = 10_000


def with_max_length(description, argument_name) -> str:
    """An argument's description, its maximum length documented."""
    return f"{description} (at most {MAX_STRING_LENGTHS[argument_name]} characters)."
