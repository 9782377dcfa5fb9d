from django.core.management.base import BaseCommand

from images import duplicates


class Command(BaseCommand):
    help = (
        "Compute the perceptual hash of images saved before hashing existed (what duplicate "
        "checks and Image.similar use), in batches. Idempotent and resumable: run it again, "
        "or pass --from-id with the last id it printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument("--from-id", type=int, default=0)

    def handle(self, *args, batch_size, from_id, **options):
        total = 0
        for last_id, hashed in duplicates.hash_saved_images(
            batch_size=max(1, batch_size), from_id=from_id
        ):
            total += hashed
            self.stdout.write(f"up to id {last_id}: {hashed} hashed")
        self.stdout.write(f"{total} images hashed.")
