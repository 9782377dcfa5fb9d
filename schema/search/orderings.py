"""The orders of search results, by type, from the sort keys beside each domain's
selectors."""

from boards.selectors import BOARD_SEARCH_ORDERS
from images.selectors import IMAGE_SEARCH_ORDERS
from schema.core.pagination import orderings
from users.selectors import USER_SEARCH_ORDERS

SEARCH_ORDERINGS = {
    "images": orderings(IMAGE_SEARCH_ORDERS),
    "users": orderings(USER_SEARCH_ORDERS),
    "boards": orderings(BOARD_SEARCH_ORDERS),
}
