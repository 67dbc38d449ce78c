from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from kcpo.accounts.models import Membership, Organisation, User
from kcpo.accounts.services import organisation_create


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal details", {"fields": ["full_name"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "type", "is_active"]
    list_filter = ["type", "is_active"]
    search_fields = ["name", "code"]

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
