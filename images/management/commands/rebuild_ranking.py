from django.core.management.base import BaseCommand, CommandError

from images import view_count_sync
from images.ranking import RankingUnavailable


class Command(BaseCommand):
    help = (
        "Restore the view counts (the ranking) in Redis from Image.total_views (after "
        "Redis lost its data) and drop entries of deleted images. Never lowers a count; "
        "idempotent."
    )

    def handle(self, *args, **options):
        try:
            restored, pruned = view_count_sync.rebuild_ranking()
        except RankingUnavailable as error:
            raise CommandError(f"Redis is unavailable: {error}") from None
        self.stdout.write(f"{restored} images restored, {pruned} missing images pruned.")
