from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"

    def ready(self):
        from activity.selectors import TARGET_QUERYSETS
        from boards.signals import image_saved
        from comments.signals import comment_added
        from images.signals import image_liked
        from users.signals import user_followed
        from webhooks import receivers
        from webhooks.models import Webhook
        from webhooks.selectors import webhooks_of

        for signal, receiver in (
            (image_liked, receivers.image_liked),
            (image_saved, receivers.image_saved),
            (comment_added, receivers.image_commented),
            (user_followed, receivers.user_followed),
        ):
            signal.connect(receiver, dispatch_uid=f"webhooks.{receiver.__name__}")
        # A WEBHOOK_DISABLED notification is about the webhook (its owner's own).
        TARGET_QUERYSETS[Webhook] = webhooks_of
