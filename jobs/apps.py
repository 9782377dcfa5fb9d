from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"

    def ready(self):
        from jobs import receivers
        from users.signals import account_deleting

        account_deleting.connect(
            receivers.forget_deleted_account, dispatch_uid="jobs_forget_deleted_account"
        )
