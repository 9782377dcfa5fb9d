"""Images' background work: copying the view counts from Redis into the database."""

import logging

from celery import shared_task

from images import view_count_sync
from images.ranking import RankingUnavailable

logger = logging.getLogger(__name__)


@shared_task
def sync_view_counts() -> None:
    """Run by beat every VIEW_COUNT_SYNC_SECONDS (project/settings/tasks.py); idempotent, and
    skipped (until the next run) while Redis is unavailable."""
    try:
        changed = view_count_sync.sync_view_counts()
    except RankingUnavailable as error:
        logger.warning("View counts not synced, Redis is unavailable: %s", error)
        return
    logger.info("View counts synced: %s images updated.", changed)
