"""The YOT worker's pages of the non-compliance of the children their youth offending team was
consulted on (the guidance, ch. 9: the YOT "may wish to consider necessary support for the
child"). Reads through provision.supervision; every read of personal data is logged."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kcpo.audit.services import audit_read
from kcpo.pagination import paginate
from provision import supervision


@login_required
@require_GET
def non_compliance_list(request):
    page = paginate(request, supervision.yot_non_compliance_list(membership=request.membership))
    audit_read(
        request,
        object_type="provision.compliancereport",
        details={
            "page": "children's non-compliance",
            "report_ids": [r.id for r in page],
            "subject_ids": sorted({r.session.requirement.order.subject_id for r in page}),
        },
    )
    return render(request, "provision/yot/non_compliance_list.html", {"page": page})


@login_required
@require_GET
def non_compliance_detail(request, report_id: int):
    report = supervision.yot_non_compliance_get(membership=request.membership, report_id=report_id)
    audit_read(request, obj=report, data_subject_id=report.session.requirement.order.subject_id)
    return render(request, "provision/yot/non_compliance_detail.html", {"report": report})
