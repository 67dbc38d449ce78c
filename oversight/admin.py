from django.contrib import admin

from kcpo.accounts.admin import AdministratorsOnly
from oversight.models import PopulationEstimate


@admin.register(PopulationEstimate)
class PopulationEstimateAdmin(AdministratorsOnly, admin.ModelAdmin):
    """An administrator sees and corrects their own force's population estimates (the
    disproportionality baseline). They are loaded, whole, by `manage.py load_population_estimates`
    (oversight.population), so here a figure and its source can be changed, nothing added."""

    list_display = ["area", "ethnic_group", "population", "source"]
    list_filter = ["ethnic_group"]
    search_fields = ["area"]
    fields = ["force", "area", "ethnic_group", "population", "source"]
    readonly_fields = ["force", "area", "ethnic_group"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(force_id=request.membership.organisation_id)

    def has_add_permission(self, request, *args):
        return False
