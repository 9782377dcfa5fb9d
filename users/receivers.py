from infra import tasks
from search import index
from users import search_entries


def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every user has a profile from the moment the account exists."""
    from users.models import Profile

    if created and not raw:
        Profile.objects.create(user=instance)


def index_for_search(sender, instance, raw=False, update_fields=None, **kwargs):
    """A person is found by their names from the moment the account exists, however it
    was made or changed (sign-up, social sign-in, the admin, `createsuperuser`); saves of
    other fields (a sign-in's `last_login`) leave the index alone."""
    if raw or (update_fields is not None and not set(update_fields) & search_entries.FIELDS):
        return
    index.put(search_entries.entry_of(instance))


def remove_photo_of_deleted_profile(sender, instance, **kwargs):
    """A profile's photo file goes once its deletion (its account's) commits."""
    if instance.photo:
        tasks.delete_files_after_commit([instance.photo.name])
