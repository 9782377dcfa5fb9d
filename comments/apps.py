from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"

    def ready(self):
        from comments import receivers
        from users.signals import account_deleting

        account_deleting.connect(
            receivers.forget_deleted_account, dispatch_uid="comments_forget_deleted_account"
        )
