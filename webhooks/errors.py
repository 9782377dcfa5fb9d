from enum import Enum


class WebhookErrorCode(Enum):
    INVALID_URL = "invalid_url"
    # The address is private, loopback, link-local or otherwise not on the public internet.
    FORBIDDEN_ADDRESS = "forbidden_address"
    INVALID_EVENTS = "invalid_events"
    # More than WEBHOOKS_PER_PERSON (webhooks/services.py).
    TOO_MANY_WEBHOOKS = "too_many_webhooks"
    NOT_FOUND = "not_found"
