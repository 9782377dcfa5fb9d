"""PostgreSQL: the documents' stored `vector` (english configuration, GIN index), matched
by a tsquery combined from one `plainto_tsquery`/`phraseto_tsquery` per term, so that no
character a person typed is read as tsquery syntax. People are also found by trigram
similarity of their names (pg_trgm, GIN index), despite a typo."""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db.models import F, FloatField, Q
from django.db.models.functions import Cast

from search.models import Document, Kind

CONFIG = "english"


def _query(term) -> SearchQuery:
    search_type = "phrase" if " " in term else "plain"
    return SearchQuery(term, config=CONFIG, search_type=search_type)


def _matching(documents, terms, kind):
    """The matching `documents` and their rank (an expression)."""
    query = reduce(and_, (_query(term) for term in terms))
    if kind != Kind.USER:
        return documents.filter(vector=query), _exact(SearchRank(F("vector"), query))
    text = " ".join(terms)
    return (
        documents.filter(Q(vector=query) | Q(TrigramWordSimilar(F("title"), text))),
        _exact(SearchRank(F("vector"), query) + TrigramWordSimilarity(text, "title")),
    )


def _exact(rank):
    # ts_rank is a `real`, which reaches Python rounded to its shortest decimal form: as a
    # double it comes back exactly, so that a cursor's rank equals the row's.
    return Cast(rank, FloatField())


def matches(where, terms, kind):
    """The index rows (those meeting `where(prefix)`) where every term matches."""
    return _matching(Document.objects.filter(where()), terms, kind)[0]


def newest_matches(where, terms, kind):
    """`matches` as (document_id, object_id, score) rows, to be read newest first: the
    planner walks the GIN index for a rare word, or the primary key backwards for a common
    one, and ts_rank runs for the rows read."""
    found, rank = _matching(Document.objects.filter(where()), terms, kind)
    return found.annotate(document_id=F("pk"), score=rank)


def matching_any(documents, terms):
    return documents.filter(vector=reduce(or_, (_query(term) for term in terms)))


def after_write(documents):
    documents.update(
        vector=SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("body", weight="B", config=CONFIG)
        + SearchVector("extra", weight="C", config=CONFIG)
    )


def optimize():
    """Nothing: PostgreSQL keeps its GIN index."""
