from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"

    def ready(self):
        from activity.selectors import TARGET_QUERYSETS
        from moderation.models import Report
        from moderation.selectors import own_reports

        # A REPORT_RESOLVED notification is about the report (its reporter's own).
        TARGET_QUERYSETS[Report] = own_reports
