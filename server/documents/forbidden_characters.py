"""Text every request may send: no NUL characters, in the document or its variables,
and no unpaired surrogates anywhere.

PostgreSQL cannot store or even compare a NUL in text (a lookup fails with a
database error) and no person types one, so the request is refused up front as
Django's forms refuse it. An unpaired surrogate (JSON can spell one, `\\ud800`) is no
character at all: it cannot be encoded as UTF-8, so every hash, digest, database
lookup and log line it reaches would fail; the request is refused before any.
"""

import re

from django.utils.translation import gettext_lazy
from graphql import GraphQLError, ValidationRule

NUL = "\x00"
MESSAGE = gettext_lazy("Text cannot contain NUL characters.")
SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATE_MESSAGE = gettext_lazy(
    "Text must be Unicode characters: an unpaired surrogate (\\ud800 to \\udfff) is none."
)


class NoNulCharactersRule(ValidationRule):
    def enter_string_value(self, node, *_args):
        if NUL in node.value:
            self.report_error(GraphQLError(str(MESSAGE), node))


def contains_nul(value) -> bool:
    """Whether `value` (decoded JSON: variables) holds a NUL in any string, key or value."""
    return _any_string(value, lambda string: NUL in string)


def contains_surrogate(value) -> bool:
    """Whether `value` (decoded JSON) holds an unpaired surrogate in any string, key or value
    (JSON decoding joins the halves of a pair into one character)."""
    return _any_string(value, SURROGATE.search)


def _any_string(value, test) -> bool:
    if isinstance(value, str):
        return bool(test(value))
    if isinstance(value, dict):
        return any(_any_string(key, test) or _any_string(item, test) for key, item in value.items())
    if isinstance(value, list):
        return any(_any_string(item, test) for item in value)
    return False
