from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "activity"

    def ready(self):
        from activity import receivers
        from boards.signals import (
            collaborator_added,
            collaborator_removed,
            image_saved,
            saves_withdrawn,
        )
        from images.signals import image_liked, image_made_private, image_posted, image_unliked
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
            (image_made_private, receivers.record_made_private),
            (image_saved, receivers.record_saved),
            (saves_withdrawn, receivers.forget_withdrawn_saves),
            (collaborator_added, receivers.record_collaborator_added),
            (collaborator_removed, receivers.record_collaborator_removed),
            (account_deleting, receivers.forget_deleted_account),
        ):
            signal.connect(receiver, dispatch_uid=f"activity.{receiver.__name__}")
