"""Bulk import of occasions: the upload form with the force's imports, each import's
progress and result, and the template CSV file."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cases.import_forms import OccasionImportForm
from cases.imports import (
    occasion_import_get,
    occasion_import_list,
    occasion_import_processed_rows,
    occasion_import_read_logged,
    occasion_import_start,
)
from cases.occasion_csv import COLUMN_NAMES, COLUMNS
from kcpo.access import POLICE_CASEWORK, require_role
from kcpo.audit.services import audit_read
from kcpo.forms import add_service_errors
from kcpo.pagination import paginate

ERRORS_PER_PAGE = 100


@login_required
@require_http_methods(["GET", "POST"])
def import_index(request):
    # Not audited: the list shows the force's own uploads (file names, who uploaded them,
    # status and counts) and no data subject's personal data. The rows of a file are
    # reported on its own page, import_detail, which is audited.
    imports = occasion_import_list(membership=request.membership)
    form = OccasionImportForm(request.POST, request.FILES) if request.method == "POST" else OccasionImportForm()
    if request.method == "POST" and form.is_valid():
        try:
            occasion_import = occasion_import_start(
                membership=request.membership, uploaded_file=form.cleaned_data["file"], today=timezone.localdate()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("imports:detail", import_id=occasion_import.id)
    return render(
        request,
        "cases/imports/import_list.html",
        {"form": form, "page": paginate(request, imports), "columns": COLUMNS},
    )


@login_required
@require_GET
def import_detail(request, import_id: int):
    occasion_import = occasion_import_get(membership=request.membership, import_id=import_id)
    # The page reports on rows of a file of personal data, line by line, so reading it is
    # logged. While the job runs the page fetches itself every 2 seconds
    # (static/js/job-progress.mjs), and each poll shows what the last one did but for a
    # count: a running import is logged once per reader and status. A finished import's page
    # is not polled, so every read of it is logged.
    polled_again = not occasion_import.is_finished and occasion_import_read_logged(
        user=request.user, occasion_import=occasion_import
    )
    if not polled_again:
        audit_read(request, obj=occasion_import, details={"page": "occasion import", "status": occasion_import.status})
    return render(
        request,
        "cases/imports/import_detail.html",
        {
            "occasion_import": occasion_import,
            "processed_rows": occasion_import_processed_rows(occasion_import),
            "errors_page": paginate(request, occasion_import.errors, per_page=ERRORS_PER_PAGE),
            "refresh": not occasion_import.is_finished,
        },
    )


@login_required
@require_GET
def import_template(request):
    require_role(request.membership, POLICE_CASEWORK)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="occasions-template.csv"'
    csv.writer(response).writerow(COLUMN_NAMES)
    return response
