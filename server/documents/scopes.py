"""What a personal access token may run, checked once per operation before execution.

Queries and subscriptions need the READ scope. Each mutation declares the scope it needs
(`required_scope` on schema/core/mutations.py's base, WRITE unless it says otherwise), and
account operations (`account_operation`: password, e-mail, sessions, deletion, social
accounts, exports, the tokens themselves) never run with an access token, whatever its
scopes. A root field without a declaration needs WRITE, so a new one cannot be
forgotten. A request signed in otherwise (a session's access token) is not checked here.
"""

from django.utils.translation import gettext_lazy
from graphql import OperationType, get_named_type

from schema.core.errors import api_error
from server.documents.limits import root_field_names
from server.errors import RequestRefused
from users import scopes

SESSION_ONLY = gettext_lazy(
    "`{field}` is an account operation: it takes the access token of a signed-in session "
    "(login), never a personal access token nor an app's."
)
MISSING = gettext_lazy("This {kind} lacks the {scope} scope that `{field}` needs.")
# What the viewer's credential is called in a refusal (an OAuth app's token says so).
PERSONAL = gettext_lazy("personal access token")


def refusal(schema, document, operation, viewer) -> RequestRefused | None:
    """Why `viewer`'s access token may not run `operation` (403), or None."""
    granted = getattr(viewer, "token_scopes", None)
    if granted is None:
        return None
    for name in sorted(root_field_names(document, operation)):
        scope, account = _rule(schema, operation.operation, name)
        if account:
            return _refused(SESSION_ONLY.format(field=name), "SESSION_REQUIRED")
        if scope not in granted:
            kind = getattr(viewer, "token_kind", PERSONAL)
            message = MISSING.format(kind=kind, scope=scope, field=name)
            return _refused(message, "INSUFFICIENT_SCOPE", scope=scope)
    return None


def _rule(schema, operation_type, name):
    """(the scope the root field `name` needs, whether it is an account operation)."""
    if operation_type != OperationType.MUTATION:
        return scopes.READ, False
    field = schema.mutation_type.fields.get(name)
    mutation = field and getattr(get_named_type(field.type), "graphene_type", None)
    return (
        getattr(mutation, "required_scope", scopes.WRITE),
        getattr(mutation, "account_operation", False),
    )


def _refused(message, code, **extensions):
    return RequestRefused(403, [api_error(message, code, **extensions)])
