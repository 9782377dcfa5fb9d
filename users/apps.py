from django.apps import AppConfig
from django.db.models.signals import post_save


class UsersConfig(AppConfig):
    name = "users"

    def ready(self):
        from users import signals
        from users.models import User

        post_save.connect(signals.create_profile, sender=User, dispatch_uid="create_profile")
