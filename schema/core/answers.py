"""Resolvers whose answer a row may hold already: a list's selector annotates it, or a
per-request loader gives it to every row it fetched for. The short way of
server/execution.py reads the attribute a resolver names (`answered_from`) and calls the
resolver only when the row lacks it (None), so that each row of a page skips a call; the
resolver returns that same value when the attribute is set."""

ANSWERED_FROM = "answered_from"


def answered_from(attribute):
    """Mark a resolver as answered by its row's `attribute` when that is set."""

    def mark(resolver):
        setattr(resolver, ANSWERED_FROM, attribute)
        return resolver

    return mark
