from django.core.management.base import BaseCommand, CommandError

from images import view_count_sync
from images.ranking import RankingUnavailable


class Command(BaseCommand):
    help = (
        "Copy the view counts from Redis into Image.total_views (which orders "
        "images(orderBy: MOST_VIEWED) and survives a Redis loss). Idempotent; run it from cron."
    )

    def handle(self, *args, **options):
        try:
            changed = view_count_sync.sync_view_counts()
        except RankingUnavailable as error:
            raise CommandError(f"Redis is unavailable: {error}") from None
        self.stdout.write(f"{changed} images updated.")
