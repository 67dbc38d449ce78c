"""Pages of the rules engine."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from eligibility.core.rules import MIN_AGE, MIN_OCCASIONS
from eligibility.screening import RELEVANT_PERIOD_YEARS, s14_screening
from eligibility.selectors import in_force_period_on, s14_screened_subjects
from kcpo.access import POLICE_CASEWORK, require_role
from kcpo.audit.services import audit_read
from kcpo.pagination import paginate_fetched


@login_required
def s14_screening_page(request):
    """Who the signed-in user's force has recorded that meets s14's statutory conditions
    today. No object in the URL: the force is the user's own, so another force's casework
    roles see their own people here, never ours."""
    membership = require_role(request.membership, POLICE_CASEWORK)
    force = membership.organisation
    today = timezone.localdate()
    period = in_force_period_on(police_area=force.code, on=today)

    def fetch(*, limit: int, offset: int):
        if period is None:
            return [], 0  # nobody can meet s14 where ss.14-33 are not in force: skip the query
        screening = s14_screening(owner_id=force.id, police_area=force.code, today=today, limit=limit, offset=offset)
        return screening.rows, screening.total

    page = paginate_fetched(request, fetch)
    people = s14_screened_subjects(organisation=force, rows=page.object_list, today=today)
    audit_read(
        request,
        object_type="cases.subject",
        details={"page": "s14 screening", "subject_ids": [person.subject.id for person in people]},
    )
    return render(
        request,
        "eligibility/s14_screening.html",
        {
            "page": page,
            "people": people,
            "today": today,
            "period": period,
            "force": force,
            # The conditions the page states, from the definitions the screening applies.
            "min_age": MIN_AGE,  # s14(1)
            "min_occasions": MIN_OCCASIONS,  # s14(3)
            "relevant_period_years": RELEVANT_PERIOD_YEARS,  # s14(4)
        },
    )
