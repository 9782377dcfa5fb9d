"""What a personal access token may do (users/services/access_tokens.py): its scopes, and
the viewer's `token_scopes` that the visibility rules read (images.selectors.rule,
boards.selectors). A viewer signed in otherwise (a session's access token) has them all."""

READ = "READ"
WRITE = "WRITE"
# Private images and secret boards (docs/access-tokens.md).
PRIVATE = "PRIVATE"
ALL = frozenset({READ, WRITE, PRIVATE})


def scopes_of(viewer) -> frozenset:
    """The scopes the request's credential grants `viewer` (all of them for a session)."""
    return getattr(viewer, "token_scopes", ALL)


def sees_private(viewer) -> bool:
    """Whether `viewer` may see private images and secret boards (their own and those
    shared with them): always, unless they came with an access token without PRIVATE."""
    return PRIVATE in scopes_of(viewer)
