from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "boards"

    def ready(self):
        from boards import receivers, search_entries
        from search.index import SOURCES
        from search.models import Kind
        from users.signals import account_deleting

        account_deleting.connect(
            receivers.forget_deleted_account, dispatch_uid="boards_forget_deleted_account"
        )
        SOURCES[Kind.BOARD] = search_entries.all_entries
