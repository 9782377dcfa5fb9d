"""The orders of image lists in the API, from the sort keys beside the selectors."""

from images.selectors import IMAGE_ORDERS
from schema.core.pagination import orderings

IMAGE_ORDERINGS = orderings(IMAGE_ORDERS)
