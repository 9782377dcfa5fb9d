from django.apps import AppConfig
from django.db.models.signals import post_save


class UsersConfig(AppConfig):
    name = "users"

    def ready(self):
        from users import receivers
        from users.models import User

        post_save.connect(receivers.create_profile, sender=User, dispatch_uid="create_profile")
