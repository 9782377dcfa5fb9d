"""Reading argument values as graphene passes them."""


def enum_value(value, default):
    """The value of an enum argument: graphene passes its default as a value, a value sent
    by the client as a member, and an explicit `null` as None (which means the default)."""
    if value is None:
        return default
    return getattr(value, "value", value)
