from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class UsersConfig(AppConfig):
    name = "users"

    def ready(self):
        from users import receivers
        from users.models import Profile, User

        post_save.connect(receivers.create_profile, sender=User, dispatch_uid="create_profile")
        post_delete.connect(
            receivers.remove_photo_of_deleted_profile,
            sender=Profile,
            dispatch_uid="remove_photo_of_deleted_profile",
        )
