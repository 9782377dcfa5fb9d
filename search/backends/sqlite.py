"""SQLite: the FTS5 table `search_fts` over the documents (search/migrations), with the
porter stemmer. MATCH expressions are built here from parsed terms, each a quoted FTS5
string, so that no character a person typed is read as FTS5 syntax (NEAR, *, ^, column
filters, unbalanced quotes)."""

from django.db import connection
from django.db.models import F, Lookup

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


def matching(documents, terms, kind):
    expression = " AND ".join(quoted(term) for term in terms)
    return documents.filter(full_text__fts__fts5_match=expression).annotate(
        rank=-F("full_text__rank")
    )


def matching_any(documents, terms):
    expression = " OR ".join(quoted(term) for term in terms)
    return documents.filter(full_text__fts__fts5_match=expression)


def after_write(documents):
    """Nothing: the table's triggers have written it already."""


def optimize():
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FullText._meta.db_table}(search_fts) VALUES ('optimize')")
