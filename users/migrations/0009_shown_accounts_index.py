"""PostgreSQL indexes the ids of the accounts shown to non-staff viewers (active, not
suspended: users/selectors.py `shown_account`), so that a rule joining each of many rows
(a feed's count tests every counted action's image) to its account finds it in the index
alone, without reading the account's row. Not in the model's state: SQLite looks accounts
up by rowid, which no index beats, so it has none."""

from django.db import migrations

INDEX = "user_shown_idx"


def _add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON users_user (id) WHERE is_active AND NOT is_suspended"
        )


def _remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("users", "0008_language")]

    operations = [migrations.RunPython(_add, _remove, elidable=False)]
