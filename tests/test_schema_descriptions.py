"""The schema explains itself: every type, field, argument, enum value and input field
has a description, as GitHub's public schema does."""

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLUnionType,
)

from schema import schema


def undescribed():
    """Coordinates (`Type.field(argument:)`) of everything without a description."""
    missing = []
    for name, type_ in schema.graphql_schema.type_map.items():
        if name.startswith("__") or name in ("String", "Int", "Float", "Boolean", "ID"):
            continue
        if not type_.description:
            missing.append(name)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in type_.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                missing += [
                    f"{name}.{field_name}({argument_name}:)"
                    for argument_name, argument in field.args.items()
                    if not argument.description
                ]
        elif isinstance(type_, GraphQLInputObjectType):
            missing += [
                f"{name}.{field_name}"
                for field_name, field in type_.fields.items()
                if not field.description
            ]
        elif isinstance(type_, GraphQLEnumType):
            missing += [
                f"{name}.{value_name}"
                for value_name, value in type_.values.items()
                if not value.description
            ]
        elif isinstance(type_, GraphQLUnionType):
            pass
    return missing


def test_everything_in_the_schema_has_a_description():
    assert undescribed() == []
