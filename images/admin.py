from django import forms
from django.contrib import admin
from django.utils.html import format_html

from images import services, thumbnails
from images.admin_columns import LiveViewCounts
from images.models import Image
from infra.errors import DomainError
from infra.service_admin import DeletedByService


class ImageForm(forms.ModelForm):
    """The title and description are checked by the rules the API applies."""

    def clean(self):
        cleaned = super().clean()
        if "title" in cleaned and "description" in cleaned:
            try:
                cleaned["title"], cleaned["description"] = services.checked_text(
                    cleaned["title"], cleaned["description"]
                )
            except DomainError as error:
                for problem in error.problems:
                    self.add_error(problem.field, problem.message)
        return cleaned


PREVIEW_SIZE = 60  # px: the list keeps room for its other columns at 1,280 px


@admin.register(Image)
class ImageAdmin(DeletedByService, LiveViewCounts, admin.ModelAdmin):
    """Images are created through the API (which validates the file); here they are
    looked at, corrected and removed, through the same services as the API's (live
    events, ranking, files), whether one is deleted or many."""

    form = ImageForm
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

    def save_model(self, request, obj, form, change):
        services.edit_image(image=obj, title=obj.title, description=obj.description, slug=obj.slug)

    def delete_by_service(self, image):
        services.remove_image(image_id=image.pk)
