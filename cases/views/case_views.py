from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cases.forms import ShareCaseForm
from cases.selectors import case_can_share, case_get, case_list, case_shared_organisations, owner_casework
from cases.services import case_share
from cases.views.subject_views import subject_record_context
from kcpo.access import CASE_SHARERS
from kcpo.audit.services import audit_read
from kcpo.forms import add_service_errors
from kcpo.pagination import paginate
from orders.court import application_service_warnings
from orders.selectors import application_list_for_case


@login_required
def case_index(request):
    page = paginate(request, case_list(membership=request.membership))
    audit_read(request, object_type="cases.case", details={"page": "case list", "case_ids": [c.id for c in page]})
    return render(request, "cases/case_list.html", {"page": page})


@login_required
def case_detail(request, case_id: int):
    case = case_get(membership=request.membership, case_id=case_id)
    audit_read(request, obj=case, data_subject_id=case.subject_id)
    # Not paginated: a case has a handful of applications, each started by hand.
    applications = list(application_list_for_case(membership=request.membership, case=case))
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "shared_with": case_shared_organisations(case=case),
            "can_share": case_can_share(membership=request.membership, case=case),
            "applications": applications,
            "service_warnings": application_service_warnings(applications, today=timezone.localdate()),
            "can_start_application": owner_casework(membership=request.membership, owner_id=case.owner_id),
            **subject_record_context(request, subject=case.subject),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_share_view(request, case_id: int):
    case = case_get(membership=request.membership, case_id=case_id, roles=CASE_SHARERS)
    if not case_can_share(membership=request.membership, case=case):
        raise PermissionDenied("Only the force that owns the case can share it.")
    form = ShareCaseForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            case_share(
                case=case,
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                membership=request.membership,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Case shared with {form.cleaned_data['organisation'].name}.")
            return redirect("cases:detail", case_id=case.id)
    audit_read(request, obj=case, data_subject_id=case.subject_id)
    return render(request, "cases/case_share.html", {"case": case, "form": form})
