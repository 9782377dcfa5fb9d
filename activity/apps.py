from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "activity"

    def ready(self):
        from activity import receivers
        from images.signals import image_liked, image_posted, image_unliked
        from users.signals import (
            account_deleting,
            user_followed,
            user_registered,
            user_unfollowed,
        )

        for signal, receiver in (
            (user_registered, receivers.record_joined),
            (user_followed, receivers.record_followed),
            (user_unfollowed, receivers.record_unfollowed),
            (image_posted, receivers.record_bookmarked),
            (image_liked, receivers.record_liked),
            (image_unliked, receivers.record_unliked),
            (account_deleting, receivers.forget_deleted_account),
        ):
            signal.connect(receiver, dispatch_uid=f"activity.{receiver.__name__}")
