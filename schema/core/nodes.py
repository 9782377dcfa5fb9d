from django.utils.translation import gettext
from graphene import relay

from schema.core.errors import bad_request
from schema.core.ids import decode_typed_id


class Node(relay.Node):
    """An object with a global ID, fetchable with `node(id:)`."""

    class Meta:
        name = "Node"

    @classmethod
    def get_node_from_global_id(cls, info, global_id, only_type=None):
        type_name, decoded = decode_typed_id(global_id)
        graphql_type = info.schema.get_type(type_name)
        graphene_type = getattr(graphql_type, "graphene_type", None)
        if graphene_type is None or cls not in getattr(graphene_type._meta, "interfaces", ()):
            raise bad_request(
                gettext("Invalid ID: %(global_id)r names no kind of object.")
                % {"global_id": global_id}
            )
        keyed = getattr(graphene_type, "get_keyed_node", None)
        if decoded.link_key is not None and keyed is None:
            raise bad_request(gettext("Invalid ID: %(global_id)r.") % {"global_id": global_id})
        if only_type and graphene_type is not only_type:
            return None
        if keyed is not None:
            return keyed(info, decoded.pk, decoded.link_key)
        return graphene_type.get_node(info, decoded.pk)
