from django.contrib import admin
from django.utils.html import format_html

from images import thumbnails
from images.admin_columns import LiveViewCounts
from images.models import Image

PREVIEW_SIZE = 60  # px: the list keeps room for its other columns at 1,280 px


@admin.register(Image)
class ImageAdmin(LiveViewCounts, admin.ModelAdmin):
    """Images are created through the API (which validates the file); here they are
    looked at, corrected and removed."""

    list_display = ("preview", "title", "user", "created", "total_likes", "views")
    list_select_related = ("user",)
    search_fields = ("title", "slug", "user__username", "url")
    date_hierarchy = "created"
    fields = ("preview", "title", "slug", "description", "user", "url", "file", "created")
    readonly_fields = ("preview", "user", "url", "file", "created")

    @admin.display(description="Preview")
    def preview(self, image):
        if not image.file:
            return "-"
        small = thumbnails.thumbnail_of(image.file, image.width, image.height, "small")
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="">', small.url, PREVIEW_SIZE, PREVIEW_SIZE
        )

    def has_add_permission(self, request):
        return False
