"""The admin's deletions through the domain's services: a ModelAdmin mixin for models
whose deletion must do more than remove rows (files, Redis keys, live events, counts)."""


class DeletedByService:
    """Deleting one object, or each of those the list's "delete selected" action selects,
    calls `delete_by_service(obj)`, in place of Django's row deletion (which would run
    no service, and for the action not even `Model.delete`)."""

    def delete_by_service(self, obj):
        raise NotImplementedError

    def get_deleted_objects(self, objs, request):
        # What goes with the object (activity, notifications, ...) may be read-only in the
        # admin: the service removes it, so deleting the object itself is enough.
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def delete_model(self, request, obj):
        self.delete_by_service(obj)

    def delete_queryset(self, request, queryset):
        # One at a time, each in its own transaction, as the API deletes them.
        for obj in queryset:
            self.delete_by_service(obj)
