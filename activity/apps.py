from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "activity"

    def ready(self):
        from activity import receivers
        from images.signals import image_liked, image_posted
        from users.signals import user_followed, user_registered

        for signal, receiver in (
            (user_registered, receivers.record_joined),
            (user_followed, receivers.record_followed),
            (image_posted, receivers.record_bookmarked),
            (image_liked, receivers.record_liked),
        ):
            signal.connect(receiver, dispatch_uid=f"activity.{receiver.__name__}")
