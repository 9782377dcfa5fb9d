"""Text every request may send: no NUL characters, in the document or its variables.

PostgreSQL cannot store or even compare a NUL in text (a lookup fails with a
database error) and no person types one, so the request is refused up front as
Django's forms refuse it.
"""

from graphql import GraphQLError, ValidationRule

NUL = "\x00"
MESSAGE = "Text cannot contain NUL characters."


class NoNulCharactersRule(ValidationRule):
    def enter_string_value(self, node, *_args):
        if NUL in node.value:
            self.report_error(GraphQLError(MESSAGE, node))


def contains_nul(value) -> bool:
    """Whether `value` (decoded JSON: variables) holds a NUL in any string, key or value."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(contains_nul(item) for item in value)
    return False
