"""The kinds of target an action or a notification can have are one list, activity's:
the API's unions of targets hold a type for each, and the schema does not load while
one has none."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from activity.models import Action
from activity.selectors import ACTION_TARGET_MODELS, target_models
from schema.unions import MODEL_TYPES, types_of

UNION = """
query Union($name: String!) { __type(name: $name) { possibleTypes { name } } }
"""


@pytest.mark.parametrize(
    ("union", "models"),
    [("ActionTarget", ACTION_TARGET_MODELS), ("NotificationTarget", target_models())],
)
def test_a_union_of_targets_holds_each_kind_of_target(api, db, union, models):
    members = api.data(UNION, {"name": union})["__type"]["possibleTypes"]

    assert [member["name"] for member in members] == [
        MODEL_TYPES[model]._meta.name for model in models
    ]


def test_a_kind_of_target_without_a_graphql_type_stops_the_schema():
    with pytest.raises(ImproperlyConfigured, match="No GraphQL type for Action"):
        types_of((*target_models(), Action))
