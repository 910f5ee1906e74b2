from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from portal.models import RulesVersion, User


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody edits or deletes in the admin (audit trails, ledgers, send logs): viewing only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MemberCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ["email", "display_name"]


class MemberChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = MemberChangeForm
    add_form = MemberCreationForm
    ordering = ["-date_joined"]
    list_display = ["display_name", "email", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "demo", "groups"]
    search_fields = ["display_name", "email"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Public profile"), {"fields": ["display_name", "bio"]}),
        (_("Notifications"), {"fields": ["notify_on_replies", "notify_on_mentions", "email_frequency"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "display_name", "usable_password", "password1", "password2"]}),
    ]


@admin.register(RulesVersion)
class RulesVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "effective_from", "summary_of_changes"]
    ordering = ["-version"]
    fields = ["version", "effective_from", "summary_of_changes", "body"]

    def get_readonly_fields(self, request, obj=None):
        # Members accepted the text of a version in force; it must never change under them.
        if obj is not None and obj.is_in_force:
            return self.fields
        return []

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_in_force:
            return False
        return super().has_delete_permission(request, obj)

    def get_changeform_initial_data(self, request):
        # A new version starts from the current text, with the next number.
        initial = super().get_changeform_initial_data(request)
        latest = RulesVersion.objects.order_by("-version").first()
        if latest is not None:
            initial.setdefault("version", latest.version + 1)
            initial.setdefault("body", latest.body)
        else:
            initial.setdefault("version", 1)
        return initial
