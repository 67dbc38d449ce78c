from django.contrib import admin

from kcpo.accounts.admin import AdministratorsOnly
from oversight.models import PopulationEstimate


@admin.register(PopulationEstimate)
class PopulationEstimateAdmin(AdministratorsOnly, admin.ModelAdmin):
    """Administrators see and correct the population estimates loaded by
    `manage.py load_population_estimates` (the disproportionality baseline)."""

    list_display = ["force", "area", "ethnic_group", "population", "source"]
    list_filter = ["force", "ethnic_group"]
    search_fields = ["area"]
