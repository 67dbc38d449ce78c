"""The statistics page and its CSV downloads (DESIGN §6), for a police force's analysts and
KCPO leads, counting the force's own records. Every read is written to the audit log with the
filters used."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kcpo.accounts.models import Membership
from kcpo.audit.services import audit_read
from oversight import registry, selectors
from oversight.access import require_statistics_reader
from oversight.exports import SMALLEST_SHOWN, SUPPRESSED, table_csv
from oversight.forms import StatisticsForm, default_period
from oversight.measures import SMALLEST_GROUP


def _form(request) -> StatisticsForm:
    asked = any(key.startswith(("date_from", "date_to", "area")) for key in request.GET)
    return StatisticsForm(request.GET if asked else default_period(timezone.localdate()))


def _scope(membership: Membership, form: StatisticsForm) -> selectors.Scope:
    data = form.cleaned_data
    return selectors.Scope(
        owner_id=membership.organisation_id,
        date_from=data["date_from"],
        date_to=data["date_to"],
        area=data["area"],
    )


def _audit(request, form: StatisticsForm, **details) -> None:
    filters = {name: str(form.cleaned_data.get(name, "")) for name in ("date_from", "date_to", "area")}
    audit_read(request, object_type="oversight.statistics", details={"filters": filters, **details})


@login_required
@require_GET
def statistics_page(request):
    membership = require_statistics_reader(request.membership)
    form = _form(request)
    tables = []
    if form.is_valid():
        tables = registry.statistics(_scope(membership, form))
        _audit(request, form, page="statistics")
    return render(
        request,
        "oversight/statistics.html",
        {
            "form": form if form.errors else None,
            "filter_form": form,
            "tables": tables,
            "query": request.GET.urlencode() if form.is_valid() else "",
            "smallest_shown": SMALLEST_SHOWN,
            "smallest_group": SMALLEST_GROUP,
            "suppressed": SUPPRESSED,
        },
    )


@login_required
@require_GET
def statistics_csv(request, key: str):
    membership = require_statistics_reader(request.membership)
    table_of = registry.TABLES.get(key)
    if table_of is None:
        raise Http404
    form = _form(request)
    if not form.is_valid():
        return HttpResponse("The period is not valid: choose it again on the statistics page.", status=400)
    scope = _scope(membership, form)
    table = table_of(scope)
    _audit(request, form, export=key)
    response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    filename = f"kcpo-{key}-{scope.date_from.isoformat()}-to-{scope.date_to.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
