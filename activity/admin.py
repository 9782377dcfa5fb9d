"""Activity and notifications in the admin, to look at only: they are records of what
people did, made and removed by the services with the acts they tell of."""

from django.contrib import admin

from activity.models import Action, Notification, NotificationGroup


class ReadOnly(admin.ModelAdmin):
    """Listed and opened, never added, changed or deleted here; each page of the list costs
    a fixed number of queries (its users by join, its targets one query per model)."""

    list_per_page = 50
    date_hierarchy = "created"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("target")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Target")
    def target_shown(self, record):
        return record.target if record.target is not None else "-"


@admin.register(Action)
class ActionAdmin(ReadOnly):
    list_display = ("created", "user", "verb", "target_shown")
    list_select_related = ("user", "target_ct")
    list_filter = ("verb",)
    search_fields = ("user__username",)


@admin.register(Notification)
class NotificationAdmin(ReadOnly):
    list_display = ("created", "recipient", "actor", "kind", "target_shown", "read")
    list_select_related = ("recipient", "actor", "target_ct")
    list_filter = ("kind", "read")
    search_fields = ("recipient__username", "actor__username")


@admin.register(NotificationGroup)
class NotificationGroupAdmin(ReadOnly):
    date_hierarchy = "latest_at"
    list_display = ("latest_at", "recipient", "kind", "target_shown")
    list_select_related = ("recipient", "target_ct")
    list_filter = ("kind",)
    search_fields = ("recipient__username",)
