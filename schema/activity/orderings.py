"""The orders of actions and notification groups in the API, from the sort keys beside the
selectors."""

from activity.selectors import ACTION_ORDER, NOTIFICATION_GROUP_ORDER
from schema.core.pagination import Ordering

NEWEST_ACTIONS = Ordering("newest", ACTION_ORDER)
NEWEST_GROUPS = Ordering("newest_group", NOTIFICATION_GROUP_ORDER)
