from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.core.exceptions import PermissionDenied

from infra.errors import DomainError
from infra.service_admin import DeletedByService
from users.models import Profile, User
from users.services import deletion, photos, staff


class ProfileForm(forms.ModelForm):
    """A new photo is checked and stored as one sent through the API (users/services/photos.py),
    and the one it replaces, or one removed, goes from the storage."""

    new_photo = forms.FileField(required=False, label="New photo")
    remove_photo = forms.BooleanField(required=False, label="Remove the photo")

    prepared_photo = None

    def clean_new_photo(self):
        upload = self.cleaned_data["new_photo"]
        if upload:
            try:
                self.prepared_photo = photos.prepared_photo(upload)
            except DomainError as error:
                raise forms.ValidationError(
                    [problem.message for problem in error.problems]
                ) from None
        return upload

    def save(self, commit=True):
        # The admin's own page saves in `save_model` (commit=False); the inline saves here.
        profile = super().save(commit=False)
        if commit:
            self.save_by_service()
        return profile

    def save_by_service(self):
        staff.save_profile(
            profile=self.instance,
            photo=self.prepared_photo,
            remove_photo=self.cleaned_data.get("remove_photo", False),
        )


class ProfileInline(admin.StackedInline):
    model = Profile
    form = ProfileForm
    can_delete = False
    readonly_fields = ("photo",)


class StaffPasswordForm(AdminPasswordChangeForm):
    """The admin's password page, saving through the service (which ends every session)."""

    def save(self, commit=True):
        usable = self.cleaned_data["set_usable_password"]
        staff.set_password(
            user=self.user, password=self.cleaned_data["password1"] if usable else None
        )
        return self.user


@admin.register(User)
class PinmarkUserAdmin(DeletedByService, UserAdmin):
    """Deleting people here goes through the account deletion service, one by one, so
    that nothing of them is left behind (users/services/deletion.py); edits and new
    passwords are saved by users/services/staff.py (sessions ended, addresses unverified)."""

    inlines = [ProfileInline]
    change_password_form = StaffPasswordForm
    list_display = ("username", "email", "first_name", "last_name", "is_active", "date_joined")

    def get_inline_instances(self, request, obj=None):
        # Saving a new account makes its profile (users/receivers.py): none on the add page.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def save_model(self, request, obj, form, change):
        staff.save_account(user=obj, changed=form.changed_data)

    def delete_by_service(self, user):
        deletion.remove_account(user=user)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    """Profiles are looked at and corrected here; one goes only with its account (every
    account has one: the API counts on it)."""

    form = ProfileForm
    list_display = ("user", "date_of_birth", "photo")
    list_select_related = ("user",)
    readonly_fields = ("user", "photo")
    search_fields = ("user__username",)

    def save_model(self, request, obj, form, change):
        form.save_by_service()

    # Not `has_delete_permission`: deleting an account here must still take its profile.
    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied("A profile goes only with its account.")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "show_delete": False}
        return super().change_view(request, object_id, form_url, extra_context)
