"""The GraphQL server: the HTTP endpoint, the document pipeline, execution and the
WebSocket protocol. It takes the API from schema/ at one place, server/served_schema.py.
"""
