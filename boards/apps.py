from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "boards"

    def ready(self):
        from boards import receivers
        from users.signals import account_deleting

        account_deleting.connect(
            receivers.forget_deleted_account, dispatch_uid="boards_forget_deleted_account"
        )
