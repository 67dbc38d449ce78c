from django.contrib import admin

from eligibility.models import InForcePeriod
from kcpo.accounts.admin import AdministratorsOnly


@admin.register(InForcePeriod)
class InForcePeriodAdmin(AdministratorsOnly, admin.ModelAdmin):
    """Administrators record when ss.14-33 come into force for an area (e.g. a national roll-out)."""

    list_display = ["police_area", "starts_on", "ends_on", "legal_basis", "is_assumption"]
    list_filter = ["police_area", "is_assumption"]
