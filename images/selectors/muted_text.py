"""Whether an image holds a muted word in its title or description, tested cheaply first on
PostgreSQL.

The rule is the regular expression of users/muted_words.py, on the title and on the
description. It costs PostgreSQL about 25 µs per text with 50 words, and a feed's count
tests it on every counted action (or on every image, when it hashes them). On PostgreSQL
a cheaper test runs first, and the expression only where it passes: the image's words
(its title and description with every run of characters other than letters and digits
made a space, split into words and lower-cased: the `simple` configuration, no stemming,
no stop words) hold all the words of one of the muted words, cut the same way.

That test passes wherever the expression matches: where a muted word stands as a whole
word, the characters around it are neither letters, digits nor `_`, so they became
spaces, and its pieces are the same runs of letters and digits in both texts, hence the
same words (whatever they would stem to, with nothing read as an address, a number or
markup: those characters are all spaces by then). The parser makes one word of a run of
ASCII letters and digits, the same run lower-cased, but for a number in scientific
notation followed by more ("1e5x" is "1e5" and "x"): a muted word's runs holding one are
left out of the test, which then asks for less. The query is written out once, in
`tsquery`'s syntax, rather than made by PostgreSQL from each word (fewer expressions to
build and plan). It holds for words of ASCII characters only: the expression's
case-insensitive match pairs characters that `lower()` does not ("KIRMIZI" matches
"kırmızı"), so any other word is left to the expression alone, as is a word with no run
of letters or digits ("_"). An underscore is a space to the test but a letter to the
expression, so `cat` passes the test on "cat_food", and the expression then leaves it.

The image's words are a stored column, `words` (PostgreSQL only, images/migrations/0010,
kept by PostgreSQL from the title and description): computed at each test they cost a feed
count as much as the rest of its rule on targets.
"""

import re

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
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


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class _Query(Func):
    """A text search query written out (`tsquery`'s own syntax), parsed once per query."""

    template = "%(expressions)s::tsquery"
    output_field = SearchQueryField()


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
    """The test's query for `words` (prefiltered): any of them, each all of its runs."""
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
    # only a WHERE clause's own), and puts the regular expression first by its cost.
    may_hold = _Matches(_Words(), _Query(Value(query_of(words))))
    return Q(may_hold) & in_text
