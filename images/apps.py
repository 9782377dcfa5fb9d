from django.apps import AppConfig
from django.db.models.signals import post_delete


class ImagesConfig(AppConfig):
    name = "images"

    def ready(self):
        from images import receivers, search_entries, selectors
        from images.models import Image
        from infra import imaging
        from search.index import SOURCES
        from search.models import Kind
        from users.selectors import USER_COUNTS
        from users.signals import account_deleting

        imaging.configure_pillow()
        post_delete.connect(
            receivers.remove_files_of_deleted_image,
            sender=Image,
            dispatch_uid="images_remove_files_of_deleted_image",
        )
        account_deleting.connect(
            receivers.forget_deleted_account, dispatch_uid="images_forget_deleted_account"
        )
        USER_COUNTS["images_count"] = selectors.images_count_of
        SOURCES[Kind.IMAGE] = search_entries.all_entries
