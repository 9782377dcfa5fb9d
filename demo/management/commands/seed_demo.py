from django.core.management.base import BaseCommand

from demo import data as demo


class Command(BaseCommand):
    help = "Load the demo dataset (idempotent): users, images, follows, likes, views."

    def handle(self, *args, **options):
        people, images = demo.seed()
        self.stdout.write(f"Demo data ready: {len(people)} users, {len(images)} images.")
        self.stdout.write("Sign in as any of them (username / password):")
        for username in people:
            self.stdout.write(f"  {username:<6} {demo.demo_password(username)}")
        self.stdout.write(f"  admin  {demo.ADMIN_PASSWORD}  (also for /admin/)")
