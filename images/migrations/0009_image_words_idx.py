"""PostgreSQL: the words of each image's title and description, indexed, through which
muted words are found (images/selectors/muted_text.py, whose expression this is). SQLite
has nothing to add."""

from django.db import migrations

WORDS_INDEX = """CREATE INDEX image_words_idx ON images_image USING gin (
    to_tsvector('simple'::regconfig,
                regexp_replace((title || ' ' || description), '[^[:alnum:]]+', ' ', 'g')))"""
WORDS_INDEX_REMOVED = "DROP INDEX image_words_idx"


def _on_postgresql(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0008_band_indexes_hold_the_hash"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(WORDS_INDEX), _on_postgresql(WORDS_INDEX_REMOVED)),
    ]
