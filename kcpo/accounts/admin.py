"""The Django admin, for administrators: organisations, users and their memberships.

Who may use it: a superuser, or a staff user acting in an administrator membership.
A non-superuser administrator sees and edits only the people of their own organisation,
cannot create organisations, and cannot make anyone a superuser. Administrators have no
case access here (cases are not registered) — DESIGN §1.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm

from kcpo.accounts.models import Membership, Organisation, Role, User
from kcpo.accounts.services import organisation_create


def is_service_administrator(request) -> bool:
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    membership = getattr(request, "membership", None)
    return membership is not None and membership.role == Role.ADMINISTRATOR


class AdministratorsOnly:
    """Permissions come from the acting membership, not from Django's per-model permissions."""

    def has_module_permission(self, request):
        return is_service_administrator(request)

    def has_view_permission(self, request, obj=None):
        return is_service_administrator(request)

    def has_add_permission(self, request, *args):
        return is_service_administrator(request)

    def has_change_permission(self, request, obj=None):
        return is_service_administrator(request)

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: audit rows and case history refer to people


class MembershipInline(AdministratorsOnly, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["organisation", "role", "is_active"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation" and not request.user.is_superuser:
            kwargs["queryset"] = Organisation.objects.filter(id=request.membership.organisation_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("organisation")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(organisation_id=request.membership.organisation_id)


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]
        field_classes = {"email": forms.EmailField}


class UserChangeForm(DjangoUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(AdministratorsOnly, DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal details", {"fields": ["full_name"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "usable_password", "password1", "password2"]})
    ]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(memberships__organisation_id=request.membership.organisation_id).distinct()

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["is_superuser"]


@admin.register(Organisation)
class OrganisationAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["name", "code", "type", "is_active"]
    list_filter = ["type", "is_active"]
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(id=request.membership.organisation_id)

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["code", "type", "police_force_kind", "court_kind"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = organisation_create(
            name=obj.name,
            code=obj.code,
            type=obj.type,
            police_force_kind=obj.police_force_kind,
            court_kind=obj.court_kind,
        )
        obj.pk, obj.group = created.pk, created.group
