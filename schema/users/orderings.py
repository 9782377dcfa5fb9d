"""The orders of user lists in the API (and of a user's images), from the sort keys beside
the selectors."""

from images.selectors import IMAGE_ORDERS
from schema.core.pagination import orderings
from users.selectors import USER_ORDERS

USER_ORDERINGS = orderings(USER_ORDERS)
BY_USERNAME = USER_ORDERINGS["username"]
BY_FOLLOW = USER_ORDERINGS["follow"]
IMAGE_ORDERINGS = orderings(IMAGE_ORDERS)
