"""Applications with what a court made of them, for the tests of the forms that print an order
(the order, its easy read, Appendix C, Appendix D's case reference)."""

from datetime import date

from cases.choices import Gender
from eligibility.core.order_dates import review_window
from orders.court import MadeProvision, OrderTerms, hearing_list, hearing_record_outcome
from orders.models import Provision
from orders.workflow import Route, State
from tests.factories import OrganisationFactory
from tests.orders.review_builders import make_application

TODAY = date(2026, 11, 22)
HEARING_DAY = date(2026, 12, 14)
COURT_REFERENCE = "KCPO/2026/001"
# s26(4): the first day of the review window for an order made (and taking effect) on HEARING_DAY.
REVIEW_ON = review_window(HEARING_DAY)[0]
COURT_WORDING = "Not to enter the area of Brixton marked on map KCPO-1"
MENTORING_WORDING = "To attend a weekly mentoring session"


def make_order(officer, *, route=Route.S14_WITH_NOTICE, outcome="granted", duration_months=12, court=None, **wording):
    """An application on `route` with the order the court made at a hearing on HEARING_DAY
    (`wording`: the court's own words for provisions, as OrderTerms.as_proposed takes them)."""
    application = make_application(officer, route=route, state=State.LAID, application_date=TODAY)
    kind = "without_notice" if route == Route.S14_WITHOUT_NOTICE else "full"
    hearing = hearing_list(application=application, membership=officer, court=court, on=HEARING_DAY, kind=kind)
    terms = OrderTerms.as_proposed(
        application,
        court_reference=COURT_REFERENCE,
        duration_months=duration_months,
        # s26: an order lasting beyond a year sets its review hearing.
        review_on=REVIEW_ON if outcome == "granted" and (duration_months or 0) > 12 else None,
        **wording,
    )
    hearing_record_outcome(hearing=hearing, membership=officer, outcome=outcome, today=HEARING_DAY, order_terms=terms)
    return application


def make_full_order(officer, court):
    """A full 18-month order made at `court`, with the court's own words for P1 (12 months of
    its own) and a supervised R2, for a man with an address."""
    application = make_application(officer, state=State.LAID, application_date=TODAY)
    subject = application.case.subject
    subject.given_names, subject.family_name, subject.date_of_birth = "Jordan Lee", "Ellis", date(2005, 4, 9)
    subject.address_line_1, subject.town, subject.postcode = "12 Acre Lane", "London", "SW2 5SG"
    subject.gender = Gender.MALE
    subject.save()
    application.provisions.filter(number=1).update(
        place="Brixton town centre",
        schedule=[{"days": [0, 1, 2, 3, 4], "start": "19:00", "end": "07:00"}],
        period_months=12,
        exceptions="To attend court or a solicitor by appointment",
    )
    Provision.objects.create(
        application=application,
        number=2,
        kind="requirement",
        category="youth_mentoring",
        wording=MENTORING_WORDING,
        supervisor_organisation=OrganisationFactory(provider=True, name="Lambeth Youth Mentoring"),
    )
    hearing = hearing_list(application=application, membership=officer, court=court, on=HEARING_DAY, kind="full")
    proposed = {p.number: p for p in application.provisions.all()}
    terms = OrderTerms(
        court_reference=COURT_REFERENCE,
        provisions=(
            # The court reworded P1 and shortened it to 12 months; R2 as proposed.
            MadeProvision(kind="prohibition", wording=COURT_WORDING, proposed=proposed[1], period_months=12),
            MadeProvision(kind="requirement", wording=MENTORING_WORDING, proposed=proposed[2]),
        ),
        duration_months=18,
        review_on=REVIEW_ON,  # R2 runs beyond the first year (s26)
    )
    hearing_record_outcome(hearing=hearing, membership=officer, outcome="granted", today=HEARING_DAY, order_terms=terms)
    return application
