from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class UsersConfig(AppConfig):
    name = "users"

    def ready(self):
        from search.index import SOURCES
        from search.models import Kind
        from users import receivers, search_entries
        from users.models import Profile, User

        post_save.connect(receivers.create_profile, sender=User, dispatch_uid="create_profile")
        post_save.connect(
            receivers.index_for_search, sender=User, dispatch_uid="users_index_for_search"
        )
        SOURCES[Kind.USER] = search_entries.all_entries
        post_delete.connect(
            receivers.remove_photo_of_deleted_profile,
            sender=Profile,
            dispatch_uid="remove_photo_of_deleted_profile",
        )
