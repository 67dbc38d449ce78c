from eligibility.core.dates import birthday, relevant_period_start
from eligibility.core.determination import Determination, overall_result
from eligibility.core.facts import Facts, Route
from eligibility.core.rules import (
    ADULT_AGE,
    MIN_AGE,
    S14_CHECKS,
    S19_CHECKS,
    court_for,
    eligible_until,
    qualifying_occasions,
    under_18_on_application,
)


def assess(facts: Facts) -> Determination:
    """One determination for one set of facts: every check of the route, cited."""
    is_s14 = facts.route == Route.S14
    checks = tuple(check(facts) for check in (S14_CHECKS if is_s14 else S19_CHECKS))
    dob = facts.subject.date_of_birth
    return Determination(
        result=overall_result(checks),
        checks=checks,
        qualifying_occasions=tuple(o.id for o in qualifying_occasions(facts)) if is_s14 else (),
        relevant_period_start=relevant_period_start(facts.order_date) if is_s14 and facts.order_date else None,
        relevant_period_end=facts.order_date if is_s14 else None,
        # None unless S14_TWO_OCCASIONS and IN_FORCE pass: it needs two qualifying occasions and
        # an in-force period on the order date, the same facts those checks decide on.
        eligible_until=eligible_until(facts) if is_s14 else None,
        turns_12_on=birthday(dob, MIN_AGE) if dob else None,
        turns_18_on=birthday(dob, ADULT_AGE) if dob else None,
        court=court_for(facts) if is_s14 else None,
        yot_consultation_required=under_18_on_application(facts),
    )
