from django.contrib import admin

from kcpo.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, and the database refuses changes anyway."""

    list_display = ["occurred_at", "user_email", "organisation_name", "role", "operation", "object_type", "object_id"]
    list_filter = ["operation", "object_type"]
    search_fields = ["user_email", "object_id"]
    date_hierarchy = "occurred_at"
    show_full_result_count = False  # counting millions of rows on every page is slow

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
