from django.contrib import admin

from kcpo.reminders.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Read-only, and for superusers only: sweeps create reminders and officers mark them
    done on My tasks, through services that audit the change. This is for looking at what a
    sweep made. Organisation administrators have no case access (DESIGN §1), and a reminder
    points at casework, so they do not see this."""

    list_display = ["due_on", "kind", "organisation", "assignee", "emailed_at", "done_at"]
    list_filter = ["kind", "organisation"]
    list_select_related = ["organisation", "assignee"]
    date_hierarchy = "due_on"
    show_full_result_count = False
    # The subject's name is personal data: the list shows ids and kinds, not the title.
    fields = ["kind", "due_on", "organisation", "assignee", "content_type", "object_id", "link", "emailed_at"]
    fields += ["done_at", "done_by", "created_at"]
    readonly_fields = fields

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
