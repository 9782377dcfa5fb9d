"""Muted words: how a word a person typed is kept, and how it is matched.

A word is kept lower-cased with its inner spaces collapsed, and matches where it stands
as a whole word (or phrase) in a text, whatever the case: "cat" mutes "Cat pictures" and
"#cat" but not "category". Kept to letters, digits, spaces and the characters ' - _, so
that it is the same pattern in PostgreSQL's regular expressions and Python's (SQLite's
REGEXP is Python's `re`).
"""

import re

from django.db import connections, router
from django.db.models import BooleanField, JSONField
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext

from infra.errors import DomainError
from users.errors import AccountErrorCode as Code
from users.models import Mute, MutedWord

MUTED_WORDS_LIMIT = 200  # per person: each one is in every feed and search query they make
MUTED_WORD_MAX_LENGTH = 50
_WORD = re.compile(r"\w+(?:[ '-]+\w+)*")


def normalised(word: str) -> str:
    """`word` as it is kept; INVALID when it is empty, too long or not a word."""
    word = " ".join((word or "").split()).lower()
    if not word:
        raise DomainError.of(Code.REQUIRED, gettext("Enter a word to mute."), "word")
    if len(word) > MUTED_WORD_MAX_LENGTH:
        raise DomainError.of(
            Code.INVALID,
            gettext("A muted word has at most %(muted_word_max_length)s characters.")
            % {"muted_word_max_length": MUTED_WORD_MAX_LENGTH},
            "word",
        )
    if not _WORD.fullmatch(word):
        raise DomainError.of(
            Code.INVALID,
            gettext("Use letters, digits, spaces and the characters ' - _ only."),
            "word",
        )
    return word


def pattern(words) -> str | None:
    """One case-insensitive regular expression matching any of `words` (kept forms) as a
    whole word; None for no words."""
    if not words:
        return None
    # Only \w, space, ' and - can occur: "-" is the one to escape, the same in both dialects.
    alternatives = "|".join(word.replace("-", r"\-") for word in words)
    return rf"(^|\W)({alternatives})(\W|$)"


# What a viewer object holds of its muted words (users.selectors.muted_words_of): the
# words, read with the account or on first use; and whether it muted anyone
# (users.selectors.not_muted).
READ = "_muted_words"
ANYONE = "muted_anyone"


def with_mutes(users):
    """`users` annotated with the words each muted, and whether they muted anyone: read with
    a request's account, so that its words need no query of their own and, for one who
    muted nobody (most people), their lists no test of whom they muted."""
    return users.annotate(**flags(users.model, "id"))


# The words as a JSON list (`[]` for none), alphabetical on PostgreSQL (`_WordList` sorts
# them on SQLite, whose aggregate takes no order).
_WORDS_SQL = {
    "postgresql": "(SELECT COALESCE(json_agg({word} ORDER BY {word}), '[]')::text"
    " FROM {table} WHERE {column} = {user})",
    "sqlite": "(SELECT json_group_array({word}) FROM {table} WHERE {column} = {user})",
}


class _WordList(JSONField):
    """The words read by `_WORDS_SQL`, in the order `ORDER BY word` gives (on SQLite, its
    binary order: Python's order of code points)."""

    def from_db_value(self, value, expression, connection):
        words = super().from_db_value(value, expression, connection)
        return sorted(words) if connection.vendor == "sqlite" else words


def flags(model, user_column) -> dict:
    """Annotations of rows of `model` (by the names a viewer holds them under): the words
    the user whose key is the row's `user_column` muted, and whether they muted anyone.
    Written as SQL: each is an index probe, and building it as a subquery of the ORM cost
    every request more than a whole list's test of whom the viewer muted."""
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    user = f"{quote(model._meta.db_table)}.{quote(user_column)}"

    def in_table(table_model, column):
        return f"{quote(table_model._meta.db_table)}.{quote(column)}"

    words = _WORDS_SQL[connection.vendor].format(
        word=in_table(MutedWord, "word"),
        table=quote(MutedWord._meta.db_table),
        column=in_table(MutedWord, "user_id"),
        user=user,
    )
    mutes = f"EXISTS (SELECT 1 FROM {quote(Mute._meta.db_table)}"
    mutes += f" WHERE {in_table(Mute, 'muter_id')} = {user})"
    return {
        READ: RawSQL(words, (), output_field=_WordList()),
        ANYONE: RawSQL(mutes, (), output_field=BooleanField()),
    }


def hold_flags(viewer, row):
    """Give `viewer` the `flags` read on `row`, for this request only."""
    for name in (READ, ANYONE):
        viewer.__dict__[name] = getattr(row, name)


def forget(viewer):
    """Drop what `viewer` held of their muted words and people, which just changed."""
    for name in (READ, ANYONE):
        viewer.__dict__.pop(name, None)
