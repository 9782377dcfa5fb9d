"""The orders of image lists in the API (and of an image's likers and comments), from the
sort keys beside the selectors."""

from comments.selectors import COMMENT_ORDERS
from images.selectors import IMAGE_ORDERS
from schema.core.pagination import Ordering, orderings
from users.selectors import USER_ORDERS

IMAGE_ORDERINGS = orderings(IMAGE_ORDERS)
BY_USERNAME = Ordering("username", USER_ORDERS["username"])
OLDEST_COMMENTS = Ordering("oldest_comment", COMMENT_ORDERS["oldest"])
