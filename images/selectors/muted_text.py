r"""Whether an image holds a muted word in its title or description (tested cheaply first on
PostgreSQL) or as a tag: `without_muted_words`, written as SQL.

The rule is the regular expression of users/muted_words.py, on the title and on the
description. It costs PostgreSQL about 25 µs per text with 50 words, and a feed's count
tests it on every counted action (or on every image, when it hashes them). On PostgreSQL
cheaper tests run first, on the image's words (its title and description with every run
of characters other than letters and digits made a space, split into words and
lower-cased: the `simple` configuration, no stemming, no stop words):

1. they hold a run of letters and digits of one of the muted words (`_holds_any`), on
   every row;
2. where some muted words are phrases, they hold all the runs of one of the words
   (`words @@ <query>`), before the expression;
3. the expression, unless a word of one run is among them and the texts are plain
   (`_plain`: ASCII, no `_`, no number in scientific notation), where the first test is
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

from django.db import connection as default_connection
from django.db.models import BooleanField, Expression, F, Q

from images.models import TaggedImage
from users import muted_words

# A muted word's runs of (ASCII) letters and digits: the words the parser makes of them.
_RUN = re.compile(r"[a-z0-9]+")
# Except a run holding a number in scientific notation, which the parser may cut in two
# ("1e5x" is "1e5" and "x"): such a run is left out of the test (the test then asks for
# less, and passes wherever it did).
_SCIENTIFIC = re.compile(r"[0-9]e[0-9]")
# Where the SQL names the image (its table or the query's alias for it).
_IMAGE = "{image}"


def _lexemes(word) -> list[str]:
    return [run for run in _RUN.findall(word.lower()) if not _SCIENTIFIC.search(run)]


def prefiltered(words, connection=default_connection) -> bool:
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


def without_muted_words(words, *, for_many=False):
    """A filter on images: no muted word (`words`) in the title or the description, nor as
    a tag. `for_many`: the same filter, cheaper on many rows and dearer on a few."""
    return Q(_NoMutedWord(tuple(words), for_many))


class _NoMutedWord(Expression):
    """`without_muted_words`, written as SQL once per list of words and database: building
    and compiling it in the ORM's expressions cost a page of the feed more than PostgreSQL
    spends running it."""

    output_field = BooleanField()

    def __init__(self, words, for_many):
        super().__init__()
        self.words, self.for_many = words, for_many
        self.image = F("pk")

    def get_source_expressions(self):
        return [self.image]

    def set_source_expressions(self, exprs):
        (self.image,) = exprs

    def as_sql(self, compiler, connection):
        sql, params = _sql_without(self.words, self.for_many, connection)
        return sql.replace(_IMAGE, compiler.quote_name_unless_alias(self.image.alias)), params


# The SQL written for each list of words, by database kind (whose quoting and operators
# it follows): people keep their words for long, and many mute the same few.
_WRITTEN = {}
_WRITTEN_KEPT = 256


def _sql_without(words, for_many, connection):
    key = (words, for_many, connection.vendor)
    written = _WRITTEN.get(key)
    if written is None:
        text_sql, text_params = _muted_in_text(words, connection)
        tag_sql, tag_params = _muted_as_tag(words, for_many, connection)
        written = f"(NOT {text_sql} AND NOT {tag_sql})", (*text_params, *tag_params)
        if len(_WRITTEN) >= _WRITTEN_KEPT:
            _WRITTEN.clear()
        _WRITTEN[key] = written
    return written


def _column(name, connection) -> str:
    return f"{_IMAGE}.{connection.ops.quote_name(name)}"


def _table(model, connection) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _muted_in_text(words, connection):
    """A muted word in the title or the description: the regular expression, after the
    cheaper tests when `prefiltered`."""
    # On PostgreSQL the pattern is read from a subquery (run once per query): as a constant,
    # the planner runs it over the columns' statistics, which doubled a feed page's planning.
    pattern = "(SELECT %s::text)" if connection.vendor == "postgresql" else "%s"
    matches = connection.operators["iregex"] % pattern
    title, description = _column("title", connection), _column("description", connection)
    sql = f"({title} {matches} OR {description} {matches})"
    params = (muted_words.pattern(words),) * 2
    if not prefiltered(words, connection):
        return sql, params
    # In this order: PostgreSQL evaluates a condition's terms as written (it reorders
    # only a WHERE clause's own), and would put the regular expression first by its cost.
    one_run = [word for word in words if _RUN.fullmatch(word) and _lexemes(word)]
    phrases = len(one_run) < len(words)
    if phrases:
        # Some words are phrases: all their runs, before the expression.
        sql = f"({_column('words', connection)} @@ %s::tsquery AND {sql})"
        params = (query_of(words), *params)
    if one_run:
        # Where the texts are plain, these words need no expression.
        plain = f"{_plain(title)} AND {_plain(description)}"
        plain_params = ()
        if phrases:
            plain += f" AND {_holds_any(connection)}"
            plain_params = (_keys(one_run),)
        sql = f"(({plain}) OR {sql})"
        params = (*plain_params, *params)
    return f"({_holds_any(connection)} AND {sql})", (_keys(words), *params)


def _holds_any(connection) -> str:
    """Whether the image's words hold any of the keys of a JSON object (`_keys`): each of
    the image's few words is looked up among them (`?|`, a binary search each), where
    `words @@ <any of them>` would look each of them up among the image's words (50
    lookups a row for 50 muted words)."""
    return f"(%s::jsonb ?| tsvector_to_array({_column('words', connection)}))"


def _keys(words) -> str:
    lexemes = {lexeme for word in words for lexeme in _lexemes(word)}
    return json.dumps(dict.fromkeys(sorted(lexemes)))


def _plain(column) -> str:
    """A text where the test is exact for a word of one run (see above): ASCII, with no `_`
    and no number in scientific notation."""
    return (
        f"(octet_length({column}) = char_length({column}) AND strpos({column}, '_') = 0"
        f" AND {column} !~ '[0-9][eE][0-9]')"
    )


def _muted_as_tag(words, for_many, connection):
    """A muted word as a tag (tags are kept lower-case, as muted words are). `for_many`:
    whether any muted word is a tag is asked once, so that when none is no image is looked
    up among the tagged; asking costs a page of the feed more than it spares."""
    names = ", ".join(["%s"] * len(words))
    quote = connection.ops.quote_name
    tag = _table(TaggedImage._meta.get_field("tag").related_model, connection)
    tagged = _table(TaggedImage, connection)
    muted_tags = f"SELECT {tag}.{quote('id')} FROM {tag} WHERE {tag}.{quote('name')} IN ({names})"
    if connection.vendor == "postgresql":
        # The muted tags' ids are read once (an array), so that the planner has no join
        # to plan for each image.
        muted_tags = f"ANY (ARRAY({muted_tags}))"
        among = "="
    else:
        among = "IN"
        muted_tags = f"({muted_tags})"
    sql = (
        f"EXISTS (SELECT 1 FROM {tagged} muted_tagged"
        f" WHERE muted_tagged.{quote('content_object_id')} = {_column('id', connection)}"
        f" AND muted_tagged.{quote('tag_id')} {among} {muted_tags})"
    )
    if not for_many:
        return sql, words
    any_tag = f"EXISTS (SELECT 1 FROM {tag} WHERE {tag}.{quote('name')} IN ({names}))"
    return f"({any_tag} AND {sql})", (*words, *words)
