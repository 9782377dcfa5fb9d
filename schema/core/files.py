"""Files in the API: `Upload`, a file a client sends, and `StoredImage`, a file we serve."""

import graphene


class Upload(graphene.Scalar):
    """A file sent by the GraphQL multipart request specification."""

    @staticmethod
    def serialize(value):
        return None

    @staticmethod
    def parse_literal(node, _variables=None):
        return None

    @staticmethod
    def parse_value(value):
        return value


class StoredImage(graphene.ObjectType):
    """A stored image file."""

    url = graphene.String(required=True, description="Its absolute URL.")
    width = graphene.Int(description="Its width in pixels.")
    height = graphene.Int(description="Its height in pixels.")
