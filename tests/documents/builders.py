"""Applications with what a court made of them, for the tests of the forms that print an order
(the order, its easy read, Appendix C, Appendix D's case reference)."""

from datetime import date

from orders.court import OrderTerms, hearing_list, hearing_record_outcome
from orders.workflow import Route, State
from tests.orders.review_builders import make_application

TODAY = date(2026, 11, 22)
HEARING_DAY = date(2026, 12, 14)
COURT_REFERENCE = "KCPO/2026/001"


def make_order(officer, *, route=Route.S14_WITH_NOTICE, outcome="granted", duration_months=12, court=None, **wording):
    """An application on `route` with the order the court made at a hearing on HEARING_DAY
    (`wording`: the court's own words for provisions, as OrderTerms.as_proposed takes them)."""
    application = make_application(officer, route=route, state=State.LAID, application_date=TODAY)
    kind = "without_notice" if route == Route.S14_WITHOUT_NOTICE else "full"
    hearing = hearing_list(application=application, membership=officer, court=court, on=HEARING_DAY, kind=kind)
    terms = OrderTerms.as_proposed(
        application, court_reference=COURT_REFERENCE, duration_months=duration_months, **wording
    )
    hearing_record_outcome(hearing=hearing, membership=officer, outcome=outcome, today=HEARING_DAY, order_terms=terms)
    return application
