from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied

from infra.service_admin import DeletedByService
from users import tokens
from users.models import Profile, User
from users.services import deletion, email_confirmation


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


@admin.register(User)
class PinmarkUserAdmin(DeletedByService, UserAdmin):
    """Deleting people here goes through the account deletion service, one by one, so
    that nothing of them is left behind (users/services/deletion.py). A new password or
    a deactivation ends every session, as `changePassword` does. An address typed here
    is unverified until the link mailed to it is followed, as at sign-up."""

    inlines = [ProfileInline]
    list_display = ("username", "email", "first_name", "last_name", "is_active", "date_joined")

    def get_inline_instances(self, request, obj=None):
        # Saving a new account makes its profile (users/receivers.py): none on the add page.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def save_model(self, request, obj, form, change):
        new_address = "email" in form.changed_data
        if new_address:
            obj.email_verified = False
        super().save_model(request, obj, form, change)
        if new_address:
            email_confirmation.mail_verification_link(obj)
        if change and "is_active" in form.changed_data and not obj.is_active:
            tokens.revoke_all_tokens(obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            tokens.revoke_all_tokens(self.get_object(request, unquote(id)))
        return response

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
