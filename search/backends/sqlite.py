"""SQLite: the FTS5 table `search_fts` over the documents (search/migrations), with the
porter stemmer. MATCH expressions are built here from parsed terms, each a quoted FTS5
string, so that no character a person typed is read as FTS5 syntax (NEAR, *, ^, column
filters, unbalanced quotes)."""

from django.db import connection
from django.db.models import F, FloatField, Lookup, OuterRef, Subquery

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


def matching(documents, terms, kind):
    return _with_rowids(documents, _all_of(terms))


def _with_rowids(documents, expression):
    # The FTS5 table is read first, once (its MATCH gives the rowids); a join would let
    # SQLite walk every document of the kind and run the MATCH for each.
    rowids = FullText.objects.filter(fts__fts5_match=expression).values("document_id")
    return documents.filter(pk__in=rowids)


def rank_of_row(documents, terms, kind):
    """The rank of the row being selected (its `pk`): read from the FTS5 table at its
    document's rowid (an equality FTS5 seeks to, rather than evaluating the MATCH once
    per row)."""
    document = Document.objects.filter(kind=kind, object_id=OuterRef(OuterRef("pk")))
    ranks = FullText.objects.filter(
        fts__fts5_match=_all_of(terms), document_id=Subquery(document.values("id")[:1])
    ).values(score=-F("rank"))
    return Subquery(ranks[:1], output_field=FloatField())


def matching_any(documents, terms):
    return _with_rowids(documents, " OR ".join(quoted(term) for term in terms))


def after_write(documents):
    """Nothing: the table's triggers have written it already."""


def optimize():
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FullText._meta.db_table}(search_fts) VALUES ('optimize')")
