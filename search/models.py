"""The search index: one row per image, person and board, written by their apps' services
(search/index.py). PostgreSQL matches the stored `vector` (GIN); SQLite matches the FTS5
table `search_fts` that triggers keep equal to these rows (search/backends/sqlite.py)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class Kind(models.TextChoices):
    IMAGE = "image", "image"
    USER = "user", "user"
    BOARD = "board", "board"


class Document(models.Model):
    """The searchable text of one object, by weight: `title` counts most, then `body`,
    then `extra` (an image's tags, its poster's username and host)."""

    kind = models.CharField(max_length=8, choices=Kind.choices)
    object_id = models.BigIntegerField()
    # Whose it is (a person's own row too): an account's deletion takes them all at once.
    owner_id = models.BigIntegerField(null=True, db_index=True)
    # The host an image was saved from, lower-case ("" for uploads, people and boards).
    host = models.CharField(max_length=255, blank=True, db_index=True)
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    extra = models.TextField(blank=True)
    # PostgreSQL only (SQLite leaves it null): the three texts, weighted A, B and C.
    vector = SearchVectorField(null=True)

    class Meta:
        db_table = "search_document"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class MatchColumn(models.TextField):
    """The FTS5 table's hidden column named after the table, which MATCH takes
    (the lookup `fts5_match`, search/backends/sqlite.py)."""


class FullText(models.Model):
    """SQLite's FTS5 table over `Document` (rowid = the document's id), as the ORM joins it:
    `fts` is the table's own column that MATCH takes, `rank` its bm25 score (lower is better).
    Never written through the ORM."""

    document = models.OneToOneField(
        Document,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="full_text",
    )
    fts = MatchColumn(db_column="search_fts")
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self):
        return f"full text of document {self.document_id}"
