"""Reading argument values as graphene passes them, and arguments several domains share."""

import graphene

from schema.core.lengths import with_max_length


def tag_argument():
    """The `tag` filter of image lists."""
    return graphene.String(
        description=with_max_length(
            "Only images carrying this tag, normalised as tags are (`#Cats` finds `cats`); "
            "a value that cannot be a tag finds nothing",
            "tag",
        )
    )


def enum_value(value, default):
    """The value of an enum argument: graphene passes its default as a value, a value sent
    by the client as a member, and an explicit `null` as None (which means the default)."""
    if value is None:
        return default
    return getattr(value, "value", value)
