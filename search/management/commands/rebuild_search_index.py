from django.core.management.base import BaseCommand

from search import index


class Command(BaseCommand):
    help = (
        "Write the search index again from the images, people and boards in the database "
        "(after restoring a backup, or to index rows made before search existed)."
    )

    def handle(self, *args, **options):
        for kind, count in index.rebuild().items():
            self.stdout.write(f"{kind.label}: {count} indexed")
