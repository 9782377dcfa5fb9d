import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

import search.models

# SQLite: an FTS5 table over the documents (external content: it stores only its index),
# kept equal to them by triggers, and its rank set to bm25 with the columns' weights.
SQLITE_FULL_TEXT = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, extra,
        content='search_document', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, title, body, extra)
        VALUES (new.id, new.title, new.body, new.extra);
    END""",
    """CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, extra)
        VALUES ('delete', old.id, old.title, old.body, old.extra);
    END""",
    """CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, extra)
        VALUES ('delete', old.id, old.title, old.body, old.extra);
        INSERT INTO search_fts(rowid, title, body, extra)
        VALUES (new.id, new.title, new.body, new.extra);
    END""",
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 3.0, 1.0)')",
]
SQLITE_FULL_TEXT_REMOVED = [
    "DROP TRIGGER search_document_au",
    "DROP TRIGGER search_document_ad",
    "DROP TRIGGER search_document_ai",
    "DROP TABLE search_fts",
]
POSTGRES_INDEXES = [
    "CREATE INDEX search_document_vector_idx ON search_document USING gin (vector)",
    # People by their names despite a typo (word similarity, `%>`).
    """CREATE INDEX search_document_title_trgm_idx ON search_document
        USING gin (title gin_trgm_ops) WHERE kind = 'user'""",
]
POSTGRES_INDEXES_REMOVED = [
    "DROP INDEX search_document_title_trgm_idx",
    "DROP INDEX search_document_vector_idx",
]


def _on(vendor, statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != vendor:
            return
        if vendor == "sqlite":
            _require_fts5(schema_editor.connection)
        for statement in statements:
            schema_editor.execute(statement)

    return run


def _require_fts5(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
        if not cursor.fetchone()[0]:
            raise RuntimeError(
                "Search needs SQLite's FTS5, which this Python's sqlite3 lacks: use a Python "
                "built with FTS5 (most are) or PostgreSQL (DATABASE_URL)."
            )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="Document",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("image", "image"), ("user", "user"), ("board", "board")], max_length=8)),
                ("object_id", models.BigIntegerField()),
                ("owner_id", models.BigIntegerField(db_index=True, null=True)),
                ("host", models.CharField(blank=True, db_index=True, max_length=255)),
                ("title", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("extra", models.TextField(blank=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={"db_table": "search_document"},
        ),
        migrations.CreateModel(
            name="FullText",
            fields=[
                ("document", models.OneToOneField(db_column="rowid", on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name="full_text", serialize=False, to="search.document")),
                ("fts", search.models.MatchColumn(db_column="search_fts")),
                ("rank", models.FloatField()),
            ],
            options={"db_table": "search_fts", "managed": False},
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(fields=("kind", "object_id"), name="search_document_unique"),
        ),
        migrations.RunPython(
            _on("sqlite", SQLITE_FULL_TEXT), _on("sqlite", SQLITE_FULL_TEXT_REMOVED)
        ),
        migrations.RunPython(
            _on("postgresql", POSTGRES_INDEXES), _on("postgresql", POSTGRES_INDEXES_REMOVED)
        ),
    ]
