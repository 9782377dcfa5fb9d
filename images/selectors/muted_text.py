r"""Whether an image holds a muted word in its title or description, tested cheaply first on
PostgreSQL.

The rule is the regular expression of users/muted_words.py, on the title and on the
description. It costs PostgreSQL about 25 µs per text with 50 words, and a feed's count
tests it on every counted action (or on every image, when it hashes them). On PostgreSQL
cheaper tests run first, on the image's words (its title and description with every run
of characters other than letters and digits made a space, split into words and
lower-cased: the `simple` configuration, no stemming, no stop words):

1. they hold a run of letters and digits of one of the muted words (`_HoldsAny`), on
   every row;
2. where some muted words are phrases, they hold all the runs of one of the words
   (`_HoldsAll`), before the expression;
3. the expression, unless a word of one run is among them and the texts are plain
   (`_Plain`: ASCII, no `_`, no number in scientific notation), where the first test is
   exact for such a word.

The first two pass wherever the expression matches: where a muted word stands as a whole
word, the characters around it are neither letters, digits nor `_`, so they became
spaces, and its pieces are the same runs of letters and digits in both texts, hence the
same words (whatever they would stem to, with nothing read as an address, a number or
markup: those characters are all spaces by then). The parser makes one word of a run of
ASCII letters and digits, the same run lower-cased, but for a number in scientific
notation followed by more ("1e5x" is "1e5" and "x"): a muted word's runs holding one are
left out of the tests, which then ask for less. In a plain text the runs are exactly
what the expression calls words (`\w` is a letter, a digit or `_`), none is cut, and
`lower()` pairs ASCII letters as the case-insensitive match does: a word of one run is
among the image's words exactly where the expression matches it. The queries are
written out once (`tsvector` and `tsquery` syntax) rather than made by PostgreSQL from
each word (fewer expressions to build and plan).

All this holds for words of ASCII characters only: the expression's case-insensitive
match pairs characters that `lower()` does not ("KIRMIZI" matches "kırmızı"), so any
other word is left to the expression alone, as is a word with no run of letters or
digits ("_"). An underscore is a space to the tests but a letter to the expression, so
`cat` passes the first test on "cat_food", the text is not plain, and the expression
then leaves it.

The image's words are a stored column, `words` (PostgreSQL only, images/migrations/0010,
kept by PostgreSQL from the title and description): computed at each test they cost a feed
count as much as the rest of its rule on targets.
"""

import json
import re

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Expression, F, Func, Q, Value
from django.db.models.expressions import Col

# The stored column of an image's words: `to_tsvector('simple', <title and description
# with every run of characters other than letters and digits made a space>)`. Not a field
# of the model (Django would read it with every image).
_WORDS_COLUMN = SearchVectorField()
_WORDS_COLUMN.set_attributes_from_name("words")

# A muted word's runs of (ASCII) letters and digits: the words the parser makes of them.
_RUN = re.compile(r"[a-z0-9]+")
# Except a run holding a number in scientific notation, which the parser may cut in two
# ("1e5x" is "1e5" and "x"): such a run is left out of the test (the test then asks for
# less, and passes wherever it did).
_SCIENTIFIC = re.compile(r"[0-9]e[0-9]")


class _Words(Expression):
    """An image's words: its stored column, on the alias the query gives the image."""

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, *args, **kwargs):
        title = F("title").resolve_expression(query, *args, **kwargs)
        return Col(title.alias, _WORDS_COLUMN)


class _HoldsAny(Func):
    """Whether the image's words hold any of `lexemes`: each of the image's few words is
    looked up among them, kept as the keys of a JSON object (`?|`, a binary search each),
    where `words @@ <any of them>` looks each of them up among the image's words (50
    lookups a row for 50 muted words)."""

    template = "(%(expressions)s)"
    arg_joiner = " ?| "
    output_field = BooleanField()

    def __init__(self, lexemes):
        keys = Func(
            Value(json.dumps(dict.fromkeys(sorted(set(lexemes))))),
            template="%(expressions)s::jsonb",
        )
        super().__init__(keys, Func(_Words(), function="tsvector_to_array"))


class _HoldsAll(Func):
    """Whether the image's words hold all the runs of one of the words of `query`."""

    template = "(%(expressions)s::tsquery)"
    arg_joiner = " @@ "
    output_field = BooleanField()


class _Plain(Func):
    """A text where the test is exact for a word of one run (see above): ASCII, with no `_`
    and no number in scientific notation."""

    template = (
        "(octet_length(%(expressions)s) = char_length(%(expressions)s)"
        " AND strpos(%(expressions)s, '_') = 0 AND %(expressions)s !~ '[0-9][eE][0-9]')"
    )
    output_field = BooleanField()


def _lexemes(word) -> list[str]:
    return [run for run in _RUN.findall(word.lower()) if not _SCIENTIFIC.search(run)]


def prefiltered(words) -> bool:
    """Whether the cheaper test runs before the expression for `words` (see above): on
    PostgreSQL, for words of ASCII characters each with a run of letters or digits to
    test."""
    return connection.vendor == "postgresql" and all(
        word.isascii() and _lexemes(word) for word in words
    )


def query_of(words) -> str:
    """A text search query (prefiltered `words`): any of them, each all of its runs."""
    return " | ".join(
        "(" + " & ".join(f"'{lexeme}'" for lexeme in _lexemes(word)) + ")" for word in words
    )


def with_muted_text(words, pattern):
    """A filter on images: a muted word (`words`, whose regular expression is `pattern`)
    in the title or the description."""
    in_text = Q(title__iregex=pattern) | Q(description__iregex=pattern)
    if not prefiltered(words):
        return in_text
    # In this order: PostgreSQL evaluates a condition's terms as written (it reorders
    # only a WHERE clause's own), and would put the regular expression first by its cost.
    may_hold = Q(_HoldsAny(lexeme for word in words for lexeme in _lexemes(word)))
    one_run = [word for word in words if _RUN.fullmatch(word) and _lexemes(word)]
    if len(one_run) < len(words):
        # Some words are phrases: all their runs, before the expression.
        in_text = Q(_HoldsAll(_Words(), Value(query_of(words)))) & in_text
    if one_run:
        # Where the texts are plain, these words need no expression.
        plain = Q(_Plain("title")) & Q(_Plain("description"))
        if len(one_run) < len(words):
            plain &= Q(_HoldsAny(one_run))
        in_text = plain | in_text
    return may_hold & in_text
