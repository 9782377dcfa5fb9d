"""Muted words: how a word a person typed is kept, and how it is matched.

A word is kept lower-cased with its inner spaces collapsed, and matches where it stands
as a whole word (or phrase) in a text, whatever the case: "cat" mutes "Cat pictures" and
"#cat" but not "category". Kept to letters, digits, spaces and the characters ' - _, so
that it is the same pattern in PostgreSQL's regular expressions and Python's (SQLite's
REGEXP is Python's `re`).
"""

import re

from django.db import connection
from django.db.models import BooleanField
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
# words once read, and whether it muted any, read with the account; and whether it muted
# anyone (users.selectors.not_muted).
READ = "_muted_words"
ANY = "muted_any_word"
ANYONE = "muted_anyone"


def with_any_flag(users):
    """`users` annotated with whether each muted a word, and anyone: read with a request's
    account, so that for one who muted none (most people) their words need no query and
    their lists no test of whom they muted."""
    return users.annotate(**flags(users.model, "id"))


def flags(model, user_column) -> dict:
    """Annotations of rows of `model` (by the names a viewer holds them under): whether the
    user whose key is the row's `user_column` muted a word, and anyone. Written as SQL:
    each is an index probe, and building it as an `Exists` cost every request more than a
    whole list's test of whom the viewer muted."""
    quote = connection.ops.quote_name
    user = f"{quote(model._meta.db_table)}.{quote(user_column)}"

    def any_row(table_model, column):
        table, column = quote(table_model._meta.db_table), quote(column)
        sql = f"EXISTS (SELECT 1 FROM {table} WHERE {table}.{column} = {user})"
        return RawSQL(sql, (), output_field=BooleanField())

    return {ANY: any_row(MutedWord, "user_id"), ANYONE: any_row(Mute, "muter_id")}


def hold_flags(viewer, row):
    """Give `viewer` the `flags` read on `row`, for this request only."""
    for name in (ANY, ANYONE):
        viewer.__dict__[name] = getattr(row, name)


def forget(viewer):
    """Drop what `viewer` held of their muted words and people, which just changed."""
    for name in (READ, ANY, ANYONE):
        viewer.__dict__.pop(name, None)
