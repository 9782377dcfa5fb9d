"""SQLite: the FTS5 table `search_fts` over the documents (search/migrations), with the
porter stemmer. MATCH expressions are built here from parsed terms, each a quoted FTS5
string, so that no character a person typed is read as FTS5 syntax (NEAR, *, ^, column
filters, unbalanced quotes)."""

from django.db import connection
from django.db.models import F, Lookup
from django_cte import CTE

from search.backends.ranked import oldest_ranked_id, ranked_only_from
from search.models import FullText, MatchColumn

# bm25 weights of the title, body and extra columns.
WEIGHTS = (10.0, 3.0, 1.0)


@MatchColumn.register_lookup
class FullTextMatch(Lookup):
    lookup_name = "fts5_match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


def quoted(term: str) -> str:
    """`term` as an FTS5 string: its tokens in a row, whatever characters it holds."""
    return '"' + term.replace('"', '""') + '"'


def _all_of(terms) -> str:
    return " AND ".join(quoted(term) for term in terms)


def _with_rowids(documents, expression):
    # The FTS5 table is read first, once (its MATCH gives the rowids); a join would let
    # SQLite walk every document of the kind and run the MATCH for each.
    rowids = FullText.objects.filter(fts__fts5_match=expression).values("document_id")
    return documents.filter(pk__in=rowids)


def ranked_hits(documents, terms, kind):
    """The matching `documents` as (object_id, rank) rows, and the CTE they read: one FTS5
    cursor scores every hit (bm25 keeps its term statistics per cursor, so one cursor per
    hit would walk each term's whole doclist again), materialized before the join so that
    SQLite cannot turn it into a MATCH per document. bm25 runs for the newest ranked hits
    only (FTS5 computes `rank` when it is read)."""
    expression = _all_of(terms)
    oldest_ranked = oldest_ranked_id(_with_rowids(documents, expression))
    scores = FullText.objects.filter(fts__fts5_match=expression).values(
        "document_id", score=ranked_only_from("document_id", oldest_ranked, -F("rank"))
    )
    scores = CTE(scores, name="search_scores", materialized=True)
    hits = scores.join(documents, pk=scores.col.document_id)
    return [scores], hits.values("object_id", rank=scores.col.score)


def matching_any(documents, terms):
    return _with_rowids(documents, " OR ".join(quoted(term) for term in terms))


def after_write(documents):
    """Nothing: the table's triggers have written it already."""


def optimize():
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FullText._meta.db_table}(search_fts) VALUES ('optimize')")
