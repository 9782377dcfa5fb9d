"""GraphQL over HTTP: the /graphql endpoint, request parsing, media types, caching, uploads
and GraphiQL.
"""
