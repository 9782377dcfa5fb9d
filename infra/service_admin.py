"""The admin's deletions through the domain's services: a ModelAdmin mixin for models
whose deletion must do more than remove rows (files, Redis keys, live events, counts)."""

from django.contrib import messages
from django.http import HttpResponseRedirect

from infra.errors import DomainError
from infra.tasks import BrokerUnavailable


class DeletedByService:
    """Deleting one object, or each of those the list's "delete selected" action selects,
    calls `delete_by_service(obj)`, in place of Django's row deletion (which would run
    no service, and for the action not even `Model.delete`). A deletion the service
    refuses, or cannot do now (the broker that removes files is down), is shown as a
    message on the page it was asked from, and the object is kept."""

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

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except (DomainError, BrokerUnavailable) as error:
            return self._not_deleted(request, error)

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except (DomainError, BrokerUnavailable) as error:
            return self._not_deleted(request, error)

    def _not_deleted(self, request, error):
        if isinstance(error, BrokerUnavailable):
            reason = "the background workers' queue does not answer; try again in a moment"
        else:
            reason = str(error)
        self.message_user(request, f"Not deleted: {reason}.", messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())
