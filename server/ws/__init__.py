"""GraphQL over WebSocket: the graphql-transport-ws protocol, admission, the subscription
router, the fan-out of deliveries and the event hub.
"""
