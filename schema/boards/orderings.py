"""The order of pins in the API, from the sort keys beside the selectors (a person's
boards: schema/users/orderings.py)."""

from boards.selectors import PIN_ORDERS
from schema.core.pagination import Ordering

NEWEST_PINS = Ordering("newest_pin", PIN_ORDERS["newest"])
