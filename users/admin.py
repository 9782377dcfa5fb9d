from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.core.exceptions import PermissionDenied

from infra.service_admin import DeletedByService
from users.models import Profile, User
from users.services import deletion, staff


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


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

    list_display = ("user", "date_of_birth", "photo")
    list_select_related = ("user",)
    search_fields = ("user__username",)

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
