"""Applications in any state for the application tests: built through the services where
the test is about them, set directly where the state is only the starting point. The
people are fixtures in tests/orders/conftest.py."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from cases.models import Conviction, Subject
from eligibility.core.dates import add_years
from kcpo.accounts.models import Membership, Organisation
from orders import services
from orders.models import Application, Provision, YotConsultation
from orders.workflow import Route, State, Transition
from tests.factories import CaseFactory

ADULT = date(2000, 1, 1)

# Who makes each transition in the tests (a key of the `people` fixture).
ACTORS = {
    "submit_for_authorisation": "officer",
    "authorise": "authoriser",
    "return_for_changes": "authoriser",
    "submit_to_cps": "officer",
    "resubmit_to_cps": "officer",
    "cps_return": "lawyer",
    "cps_accept": "lawyer",
    "cps_decline": "lawyer",
    "lay_complaint": "officer",
    "record_interim_order": "officer",
    "grant": "officer",
    "refuse": "officer",
    "withdraw": "officer",
    "end_on_acquittal": "lawyer",
}


def url(name: str, *args) -> str:
    """The path of an application page (orders/urls.py) by its name."""
    return reverse(f"applications:{name}", args=args)


def route_for(transition: Transition) -> Route:
    """The route a transition is exercised on: the first of its routes in this order."""
    return next(r for r in (Route.S14_WITH_NOTICE, Route.S14_WITHOUT_NOTICE, Route.S19) if r in transition.routes)


def under_18_on(day: date) -> date:
    """The date of birth of someone 15 on `day` (29 February safe)."""
    return add_years(day, -15)


def make_conviction(subject: Subject, **fields) -> Conviction:
    """An offence of the subject's that an s19 application can follow: a bladed article had in
    a public place, charged and awaiting the verdict (the police draft before it)."""
    defaults = {
        "offence": "Possession of a bladed article in a public place",
        "offence_date": date(2026, 3, 1),
        "charged_on": date(2026, 3, 2),
        "bladed_article_had": True,
    }
    return Conviction.objects.create(subject=subject, **{**defaults, **fields})


def make_application(
    officer: Membership,
    *,
    route: str = Route.S14_WITH_NOTICE,
    state: str = State.DRAFT,
    date_of_birth: date = ADULT,
    cps_area: Organisation | None = None,
    application_date: date | None = None,
) -> Application:
    """An application of the officer's force with grounds, duration and one prohibition (P1);
    on the s19 route it names the offence it follows (make_conviction)."""
    case = CaseFactory(owner=officer.organisation, subject__date_of_birth=date_of_birth)
    application = services.application_start(
        case=case, route=route, membership=officer, today=application_date or timezone.localdate()
    )
    Application.objects.filter(pk=application.pk).update(
        state=state,
        necessity_grounds=["protect_public"],
        grounds_argument="Two occasions with a knife near schools in six months.",
        without_notice_reasons="Threat of imminent retaliation" if route == Route.S14_WITHOUT_NOTICE else "",
        cps_area=cps_area,
        proposed_duration_months=12,
        conviction=make_conviction(case.subject) if route == Route.S19 else None,
    )
    Provision.objects.create(
        application=application,
        number=1,
        kind="prohibition",
        category="not_to_attend_location",
        wording="Not to enter the area marked on the attached map",
        purposes=["protect_public"],
        rationale="Both occasions were in this area",
        evidence="MG11 of PC Smith",
    )
    return Application.objects.get(pk=application.pk)


def make_consultation(application: Application, yot: Organisation, officer: Membership, **fields) -> YotConsultation:
    """A consultation as sent, without going through the service (no audit row)."""
    defaults = {
        "sent_by": officer.user,
        "reply_due_on": application.application_date + timedelta(days=10),
        "reason_for_application": "Two occasions with a knife",
        "proposed_provisions": "P1: Not to enter the area marked on the attached map",
    }
    return YotConsultation.objects.create(application=application, yot=yot, **{**defaults, **fields})
