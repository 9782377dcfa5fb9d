"""SQLite: the FTS5 table `search_fts` over the documents (search/migrations), with the
porter stemmer. MATCH expressions are built here from parsed terms, each a quoted FTS5
string, so that no character a person typed is read as FTS5 syntax (NEAR, *, ^, column
filters, unbalanced quotes)."""

from django.db import connection
from django.db.models import F, Lookup

from search.models import Document, FullText, MatchColumn

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


def matches(where, terms, kind):
    """The index rows (those meeting `where(prefix)`) where every term matches."""
    return _with_rowids(Document.objects.filter(where()), _all_of(terms))


def newest_matches(where, terms, kind):
    """`matches` as (document_id, object_id, score) rows, to be read newest first: one FTS5
    cursor walks the match's rowids backwards (bm25 keeps its term statistics per cursor),
    each joined to its index row, and bm25 runs for the rows read (FTS5 computes `rank`
    when it is read)."""
    found = FullText.objects.filter(where("document__"), fts__fts5_match=_all_of(terms))
    return found.annotate(object_id=F("document__object_id"), score=-F("rank"))


def matching_any(documents, terms):
    return _with_rowids(documents, " OR ".join(quoted(term) for term in terms))


def after_write(documents):
    """Nothing: the table's triggers have written it already."""


def optimize():
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FullText._meta.db_table}(search_fts) VALUES ('optimize')")
