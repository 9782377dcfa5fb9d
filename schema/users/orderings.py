"""The orders of user lists in the API (and of a user's images and boards), from the sort
keys beside the selectors."""

from boards.selectors import BOARD_ORDERS
from images.selectors import IMAGE_ORDERS
from jobs.selectors import JOB_ORDERS
from schema.core.pagination import Ordering, orderings
from users.selectors import USER_ORDERS
from webhooks.selectors import WEBHOOK_ORDERS

USER_ORDERINGS = orderings(USER_ORDERS)
BY_USERNAME = USER_ORDERINGS["username"]
BY_FOLLOW = USER_ORDERINGS["follow"]
BY_BLOCK = USER_ORDERINGS["blocked"]
BY_MUTE = USER_ORDERINGS["muted"]
IMAGE_ORDERINGS = orderings(IMAGE_ORDERS)
NEWEST_BOARDS = Ordering("newest_board", BOARD_ORDERS["newest"])
NEWEST_JOBS = Ordering("newest_job", JOB_ORDERS["newest"])
NEWEST_WEBHOOKS = Ordering("newest_webhook", WEBHOOK_ORDERS["newest"])
