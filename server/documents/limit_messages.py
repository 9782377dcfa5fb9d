"""What a client is told when a document is over one of its limits (server/documents/
limits.py), in the language of the request (docs/languages.md)."""

from django.utils.translation import gettext


def body_too_large(limits):
    return gettext("The request body is larger than %(max_body_bytes)s bytes.") % {
        "max_body_bytes": limits.max_body_bytes
    }


def repeated_fields(shape, limits):
    return gettext(
        "The document repeats fields: %(pairs)s pairs of fields share a name within a "
        "selection (each fragment counted as often as it is spread); at most %(limit)s are "
        "allowed."
    ) % {"pairs": shape.repeated_pairs, "limit": limits.max_repeated_field_pairs}


def operation_name(operation):
    if operation.name:
        return f"'{operation.name.value}'"
    return gettext("The operation")


def too_deep(name, shape, limits):
    return gettext("%(name)s has a depth of %(depth)s; the maximum depth is %(limit)s.") % {
        "name": name,
        "depth": shape.depth,
        "limit": limits.max_depth,
    }


def introspection_too_deep(name, shape, limits):
    return gettext(
        "%(name)s has an introspection depth of %(depth)s; the maximum is %(limit)s."
    ) % {"name": name, "depth": shape.introspection_depth, "limit": limits.max_introspection_depth}


def too_many_aliases(name, shape, limits):
    return gettext(
        "%(name)s has %(aliases)s aliases (each fragment counted as often as it is spread); "
        "at most %(limit)s are allowed."
    ) % {"name": name, "aliases": shape.aliases, "limit": limits.max_aliases}


def too_many_root_fields(name, shape, limits):
    return gettext("%(name)s asks for %(fields)s root fields; at most %(limit)s are allowed.") % {
        "name": name,
        "fields": shape.fields,
        "limit": limits.max_root_fields,
    }


def too_costly(cost, limits):
    return gettext(
        "This query may return about %(cost)s items; at most %(limit)s are allowed. Ask for "
        "smaller pages or fewer nested lists."
    ) % {"cost": cost, "limit": limits.max_cost}


def introspection_too_large(limits):
    return gettext(
        "This introspection query returns more than %(limit)s fields; ask for less of the "
        "schema at a time."
    ) % {"limit": limits.max_introspection_fields}
