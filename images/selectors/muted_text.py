"""Which images hold a muted word in their title or description, found through an index on
PostgreSQL.

The rule is the regular expression of users/muted_words.py, on the title and on the
description. Matched against every image, it is the costliest part of a feed's count and
of a search for someone who muted words (PostgreSQL underestimates it and runs it on all
of them). On PostgreSQL a GIN index (migration images/0009) holds each image's words:
its title and description with every run of characters other than letters and digits
made a space, split into words and lower-cased (the `simple` configuration: no stemming,
no stop words). A muted word gives the words it is made of, cut the same way, and the
regular expression is run only on the images holding all of them.

This finds every image the expression matches: where a muted word stands as a whole word,
the characters around it are neither letters, digits nor `_`, so they became spaces, and
its pieces are the same runs of letters and digits in both texts, hence the same words
(whatever the case, whatever their letters stem to, with nothing read as an address, a
number or a tag: those are all spaces by then). An underscore is a space here but a
letter to the expression, so `cat` finds "cat_food" through the index, and the expression
then leaves it. A word without an ASCII letter or digit is left to the expression on every
image (with a C locale, PostgreSQL would cut it away entirely).
"""

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Exists, Func, OuterRef, Q, Value

from images.models import Image

# Every run of characters other than letters and digits as a space, for the text and the
# words alike. The index (migration images/0009) has the same expression, written with no
# parameter so that PostgreSQL recognises it (tests/test_muted_word_edges.py checks that
# the index is used).
_AS_WORDS = "regexp_replace((%(expressions)s), '[^[:alnum:]]+', ' ', 'g')"


class _Words(Func):
    """An image's indexed words (the index's expression)."""

    template = f"to_tsvector('simple'::regconfig, {_AS_WORDS})"
    arg_joiner = " || ' ' || "
    output_field = SearchVectorField()

    def __init__(self):
        super().__init__("title", "description")


class _AllOf(Func):
    """A muted word as a text search query: all the words it is made of."""

    template = f"plainto_tsquery('simple'::regconfig, {_AS_WORDS})"
    output_field = SearchQueryField()


class _AnyOf(Func):
    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = SearchQueryField()


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def indexed(words) -> bool:
    """Whether the index finds every image with one of `words` (see the module's text)."""
    return connection.vendor == "postgresql" and all(
        any(char.isascii() and char.isalnum() for char in word) for word in words
    )


def with_muted_text(words, pattern):
    """A filter on images: a muted word (`words`, whose regular expression is `pattern`)
    in the title or the description."""
    if not indexed(words):
        return _in_text(pattern)
    return Exists(images_with_muted_text(words, pattern).filter(pk=OuterRef("pk")))


def images_with_muted_text(words, pattern):
    """The images with one of `words` in their title or description, found through the
    index (for words `indexed`)."""
    candidates = _AnyOf(*(_AllOf(Value(word)) for word in words))
    return Image.objects.filter(_Matches(_Words(), candidates), _in_text(pattern))


def _in_text(pattern):
    return Q(title__iregex=pattern) | Q(description__iregex=pattern)
