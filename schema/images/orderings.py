"""The orders of image lists in the API (and of an image's likers), from the sort keys
beside the selectors."""

from images.selectors import IMAGE_ORDERS
from schema.core.pagination import Ordering, orderings
from users.selectors import USER_ORDERS

IMAGE_ORDERINGS = orderings(IMAGE_ORDERS)
BY_USERNAME = Ordering("username", USER_ORDERS["username"])
