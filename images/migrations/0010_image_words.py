"""PostgreSQL keeps each image's words (title and description, cut as
images/selectors/muted_text.py cuts them) in a stored column, `words`, that the muted-word
test reads instead of computing them for every row it tests. Not a field of the model:
nothing but that test reads it, and PostgreSQL writes it. Nothing on SQLite."""

from django.db import migrations

WORDS = (
    "to_tsvector('simple'::regconfig, "
    "regexp_replace((title::text || ' ' || description), '[^[:alnum:]]+', ' ', 'g'))"
)


def _add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE images_image ADD COLUMN words tsvector GENERATED ALWAYS AS ({WORDS}) STORED"
        )


def _remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE images_image DROP COLUMN words")


class Migration(migrations.Migration):
    dependencies = [("images", "0009_tag_rows_by_image")]

    operations = [migrations.RunPython(_add, _remove, elidable=False)]
