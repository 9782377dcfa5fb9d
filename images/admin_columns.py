"""Columns of the image list that need more than a field: the live view counts, read for
the whole page in one Redis round trip."""

from django.contrib import admin

from images import selectors


class LiveViewCounts:
    """A ModelAdmin mixin: the `views` column shows what the site shows (the live count in
    Redis), not the copy `manage.py sync_view_counts` keeps in the database."""

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # The page's queryset keeps these rows: the list is drawn from them.
        images = list(changelist.result_list)
        live = selectors.live_view_counts([image.pk for image in images]) or {}
        for image in images:
            image.views_shown = selectors.total_views(image, live.get(image.pk))
        return changelist

    @admin.display(description="Views", ordering="total_views")
    def views(self, image):
        return getattr(image, "views_shown", image.total_views)
