"""Filters the selectors build on every request, written as SQL: building the same subquery
with the ORM (a queryset resolved and compiled inside the outer one) costs a request more
than the database spends running it."""

from django.db.models import BooleanField, Expression, F
from django.db.models.sql.constants import LOUTER


class NotAmong(Expression):
    """A filter: the value at `key` (a field of the filtered rows, "pk" or a column such as
    "user_id") is not among the `column` values of the rows of `model` whose `owner_column`
    is `owner` (`key NOT IN (SELECT column FROM table WHERE owner_column = owner)`); a row
    whose key is null passes. `column` must be NOT NULL, as `NOT IN` means nothing with a
    null among the values."""

    output_field = BooleanField()
    # Names the subquery's table, so that a key in the same table still means the outer row.
    ALIAS = "pinmark_among"

    def __init__(self, key, model, column, owner_column, owner):
        super().__init__()
        self.key = F(key)
        self.model, self.column = model, column
        self.owner_column, self.owner = owner_column, owner

    def get_source_expressions(self):
        return [self.key]

    def set_source_expressions(self, exprs):
        (self.key,) = exprs

    def as_sql(self, compiler, connection):
        key, params = compiler.compile(self.key)
        quote = connection.ops.quote_name
        among = (
            f"SELECT {self.ALIAS}.{quote(self.column)} FROM {quote(self.model._meta.db_table)}"
            f" {self.ALIAS} WHERE {self.ALIAS}.{quote(self.owner_column)} = %s"
        )
        sql = f"NOT ({key} IN ({among}))"
        if self._may_be_null(compiler):
            # A null key is among nobody's (as the ORM's `~Q(key__in=...)` has it).
            sql = f"({key} IS NULL OR {sql})"
        return sql, (*params, self.owner)

    def _may_be_null(self, compiler):
        join = compiler.query.alias_map.get(self.key.alias)
        return self.key.target.null or getattr(join, "join_type", None) == LOUTER
