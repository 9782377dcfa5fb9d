"""The moderation queue and its audit log in the admin, to look at only: decisions are
taken through `resolveReport` and `liftSuspension`, which keep the log."""

from django.contrib import admin

from moderation.models import Decision, Report


class ReadOnly(admin.ModelAdmin):
    list_per_page = 50
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DecisionInline(admin.TabularInline):
    model = Decision
    fields = ("created", "moderator", "action", "account", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ReadOnly):
    """The queue: open reports first, the oldest first."""

    list_display = ("created", "status", "reason", "subject_ct", "subject_id", "reporter")
    list_select_related = ("reporter", "subject_ct")
    list_filter = ("status", "reason", "subject_ct")
    search_fields = ("reporter__username",)
    ordering = ("-status", "created", "id")  # "open" sorts after "resolved"
    inlines = (DecisionInline,)


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    """The audit log, newest first."""

    list_display = ("created", "moderator", "action", "account", "report", "note")
    list_select_related = ("moderator", "account", "report__subject_ct")
    list_filter = ("action",)
    search_fields = ("moderator__username", "account__username", "note")
    ordering = ("-created", "-id")
