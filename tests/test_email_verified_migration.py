"""Migration users.0004: existing accounts learn whether their address is verified. Only
accounts a provider created (no password, the address it vouched for) are; an address
typed at sign-up was never checked, and a squatter's looks like anyone's."""

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("users", "0003_social_sign_in")]
AFTER = [("users", "0004_email_verified")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def back_to_the_latest_migrations():
    """The tests after this one expect every migration applied (later ones included)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_only_addresses_a_provider_vouched_for_are_marked_verified():
    old = migrate(BEFORE)
    User = old.get_model("users", "User")
    for username, email, password in [
        ("typed", "typed@example.com", make_password("a-long-enough-passphrase-7")),
        ("vouched", "vouched@example.com", make_password(None)),
        ("no-address", "", make_password(None)),
    ]:
        User.objects.create(username=username, email=email, password=password)

    new = migrate(AFTER)

    verified = dict(
        new.get_model("users", "User").objects.values_list("username", "email_verified")
    )
    assert verified == {"typed": False, "vouched": True, "no-address": False}
