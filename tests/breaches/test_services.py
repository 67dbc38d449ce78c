"""breaches/services.py: recording police checks and suspected breaches, the police's decision
and the court's outcome — each validated, each refusal keyed by its field and changing nothing,
each write audited, and only by the police of the force that owns the order."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from breaches.models import Breach, PoliceCheck
from breaches.services import breach_court_outcome, breach_decide, breach_record, check_record
from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from orders.models import Order
from orders.variations import Decision, VariedProvision, proceeding_decide, proceeding_start
from tests.breaches.conftest import add_provision, at, provision, report
from tests.documents.builders import make_order
from tests.factories import BreachFactory, MembershipFactory, PoliceCheckFactory

ON = date(2027, 3, 1)
NIGHT = date(2027, 2, 20)


def record_check(order, membership, **fields):
    values = {
        "kind": "curfew",
        "prohibition": provision(order, "P3"),
        "checked_at": at(NIGHT, 21, 20),
        "place": "12 Acre Lane, London SW2 5SG",
        "complied": False,
        "minutes_outside": 20,
        "officer": "PC Smith",
        "now": at(ON, 12),
    }
    return check_record(order=order, membership=membership, **{**values, **fields})


def record_breach(order, officer, **fields):
    values = {
        "provision": provision(order, "P3"),
        "occurred_on": NIGHT,
        "came_to_light": "curfew_check",
        "evidence": "Not at home at 21:20; returned at 21:20 by his own account.",
        "today": ON,
    }
    return breach_record(order=order, membership=officer, **{**values, **fields})


def another_order(officer) -> Order:
    """Another order of the same force, with P1 (a place) and R2 (a requirement)."""
    order = Order.objects.get(application=make_order(officer))
    add_provision(order, number=2, kind="requirement", category="youth_mentoring", wording="To attend mentoring")
    return order


def refusal(call, *args, **kwargs) -> dict:
    with pytest.raises(ValidationError) as raised:
        call(*args, **kwargs)
    return raised.value.message_dict


# --- police checks -------------------------------------------------------------------------------


def test_it_records_a_curfew_check_broken_by_20_minutes_and_audits_it(order, officer):
    check = record_check(order, officer)

    assert (check.kind, check.complied, check.minutes_outside) == ("curfew", False, 20)
    assert check.prohibition == provision(order, "P3") and check.recorded_by == officer.user
    event = AuditEvent.objects.get(operation="collect", details__check_id=check.id)
    assert (event.object_id, event.details["order_id"]) == (str(order.application_id), order.id)


def test_a_check_of_a_place_found_complied_needs_no_minutes(order, officer):
    check = record_check(
        order, officer, kind="place", prohibition=provision(order, "P1"), complied=True, minutes_outside=None
    )

    assert (check.kind, check.complied, check.minutes_outside) == ("place", True, None)


def test_another_check_may_name_no_prohibition(order, officer):
    check = record_check(order, officer, kind="other", prohibition=None, complied=True, minutes_outside=None)

    assert check.prohibition is None


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"checked_at": at(ON, 12, 1)}, {"checked_at": ["The check must be now or in the past"]}),
        (
            {"checked_at": at(date(2026, 12, 13), 21)},
            {"checked_at": ["The check cannot be before the order took effect (14 December 2026)"]},
        ),
        ({"kind": "visit", "minutes_outside": None}, {"kind": ["Select the kind of check"]}),
        ({"place": "  "}, {"place": ["Enter where the check was made"]}),
        ({"officer": ""}, {"officer": ["Enter the officer who made the check"]}),
        (
            {"minutes_outside": None},
            {"minutes_outside": ["Enter how many minutes outside the curfew the subject was"]},
        ),
        (
            {"complied": True},
            {"minutes_outside": ["Minutes outside the curfew are recorded only for a curfew found broken"]},
        ),
        (
            {"kind": "place", "prohibition": "P1"},
            {"minutes_outside": ["Minutes outside the curfew are recorded only for a curfew found broken"]},
        ),
        (
            {"minutes_outside": 0},
            {"minutes_outside": ["Minutes outside the curfew must be a whole number from 1 to 1440"]},
        ),
        ({"prohibition": None}, {"prohibition": ["Select the prohibition that was checked"]}),
        ({"prohibition": "R2"}, {"prohibition": ["Choose a prohibition of this order"]}),
        (
            {"prohibition": "P1"},
            {"prohibition": ["P1 is not about a curfew: choose the prohibition checked, or “Other check”"]},
        ),
        (
            # P1 has 12 months of its own (s23(8)), to 13 December 2027.
            {
                "checked_at": at(date(2027, 12, 14), 21),
                "now": at(date(2027, 12, 15), 9),
                "prohibition": "P1",
                "kind": "place",
                "minutes_outside": None,
            },
            {"prohibition": ["P1 ended on 13 December 2027 (s23(8))"]},
        ),
    ],
)
def test_a_check_is_refused_with_the_reason_and_nothing_is_recorded(order, officer, fields, errors):
    if isinstance(fields.get("prohibition"), str):
        fields["prohibition"] = provision(order, fields["prohibition"])

    events = AuditEvent.objects.count()

    assert refusal(record_check, order, officer, **fields) == errors
    assert not PoliceCheck.objects.exists() and AuditEvent.objects.count() == events


def test_a_check_of_another_orders_prohibition_is_refused(order, officer):
    other = another_order(officer)

    errors = refusal(
        record_check, order, officer, kind="place", prohibition=provision(other, "P1"), minutes_outside=None
    )

    assert errors == {"prohibition": ["Choose a prohibition of this order"]}


@pytest.mark.parametrize("who", ["analyst", "other_force_lead", "lawyer"])
def test_only_the_owning_forces_police_record_a_check(order, force, who):
    membership = {
        "analyst": lambda: MembershipFactory(organisation=force, role=Role.ANALYST),
        "other_force_lead": lambda: MembershipFactory(role=Role.KCPO_LEAD),
        "lawyer": lambda: MembershipFactory(organisation__cps=True, role=Role.CPS_LAWYER),
    }[who]()

    with pytest.raises(PermissionDenied):
        record_check(order, membership)
    assert not PoliceCheck.objects.exists()


# --- suspected breaches --------------------------------------------------------------------------


def test_it_records_a_breach_of_a_prohibition_with_the_check_it_rests_on(order, officer):
    check = record_check(order, officer)

    breach = record_breach(order, officer, checks=[check])

    assert (breach.provision, breach.notification_duty, breach.occurred_on) == (provision(order, "P3"), False, NIGHT)
    assert list(breach.checks.all()) == [check] and breach.decision == ""
    assert AuditEvent.objects.filter(operation="collect", details__breach_id=breach.id).exists()


def test_it_records_a_breach_of_a_requirement_with_the_reports_it_rests_on(order, officer):
    r2 = provision(order, "R2")
    missed = [report(r2, date(2027, 2, day), "failed") for day in (1, 8)]

    breach = record_breach(order, officer, provision=r2, came_to_light="supervisor_report", reports=missed)

    assert set(breach.reports.all()) == set(missed)


def test_it_records_a_failure_to_notify(order, officer):
    breach = record_breach(order, officer, provision=None, notification_duty=True, came_to_light="other")

    assert (breach.provision, breach.notification_duty) == (None, True)


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"provision": None}, {"provision": ["Select what was breached"]}),
        (
            {"notification_duty": True},
            {"provision": ["Choose a requirement or prohibition, or the duty to notify, not both"]},
        ),
        ({"came_to_light": "rumour"}, {"came_to_light": ["Select how it came to light"]}),
        ({"evidence": " "}, {"evidence": ["Enter the evidence of the breach"]}),
        ({"occurred_on": date(2027, 3, 2)}, {"occurred_on": ["The date must be today or in the past"]}),
        (
            {"occurred_on": date(2026, 12, 13)},
            {"occurred_on": ["The breach cannot be before the order took effect (14 December 2026)"]},
        ),
        (
            {"provision": "P1", "occurred_on": date(2027, 12, 14), "today": date(2028, 1, 5)},
            {"provision": ["P1 ended on 13 December 2027 (s23(8))"]},
        ),
        (
            {"occurred_on": date(2028, 6, 14), "today": date(2028, 7, 1)},
            {"occurred_on": ["The order’s last day was 13 June 2028 (s23(3))"]},
        ),
    ],
)
def test_a_breach_is_refused_with_the_reason_and_nothing_is_recorded(order, officer, fields, errors):
    if isinstance(fields.get("provision"), str):
        fields["provision"] = provision(order, fields["provision"])

    events = AuditEvent.objects.count()

    assert refusal(record_breach, order, officer, **fields) == errors
    assert not Breach.objects.exists() and AuditEvent.objects.count() == events


def test_a_breach_of_the_day_the_order_took_effect_is_accepted(order, officer):
    assert record_breach(order, officer, occurred_on=date(2026, 12, 14)).occurred_on == date(2026, 12, 14)


def test_a_provision_of_another_order_is_refused(order, officer):
    other = another_order(officer)

    errors = refusal(record_breach, order, officer, provision=provision(other, "P1"))

    assert errors == {"provision": ["Choose a requirement or prohibition of this order"]}


def test_a_breach_is_of_the_version_in_force_on_the_day(order, officer):
    """A variation (s27) replaces P1 from the day the court decides it: a breach before then is
    of the old version, after it of the new one."""
    old_p1 = provision(order, "P1")
    proceeding = proceeding_start(
        order=order,
        membership=officer,
        kind="application",
        applicant="police",
        sought="vary",
        made_on=date(2027, 1, 10),
        today=date(2027, 1, 10),
        reasons="A smaller area",
    )
    proceeding_decide(
        proceeding=proceeding,
        membership=officer,
        decision=Decision(
            outcome="varied",
            decided_on=date(2027, 2, 1),
            provisions=(
                VariedProvision(number=1, wording="Not to enter Brixton town centre", period_months=12),
                VariedProvision(number=2, wording="To attend a weekly mentoring session"),
                VariedProvision(number=3, wording="To remain at 12 Acre Lane between 21:00 and 06:00 every day"),
            ),
        ),
        today=date(2027, 2, 1),
    )
    new_p1 = provision(order, "P1")

    assert record_breach(order, officer, provision=old_p1, occurred_on=date(2027, 1, 31)).provision == old_p1
    assert refusal(record_breach, order, officer, provision=old_p1, occurred_on=date(2027, 2, 1)) == {
        "provision": ["This version of P1 was replaced or removed on 1 February 2027: choose the version in force then"]
    }
    assert refusal(record_breach, order, officer, provision=new_p1, occurred_on=date(2027, 1, 31)) == {
        "provision": ["This version of P1 was not made until a later variation"]
    }
    assert record_breach(order, officer, provision=new_p1, occurred_on=date(2027, 2, 1)).provision == new_p1


def test_reports_must_be_of_the_requirement_breached(order, officer):
    missed = report(provision(order, "R2"), date(2027, 2, 1), "failed")

    errors = refusal(record_breach, order, officer, reports=[missed])

    assert errors == {"reports": ["A supervisor’s report is evidence of a breach of its own requirement only"]}
    assert not Breach.objects.exists()


def test_reports_of_another_orders_requirement_are_refused(order, officer):
    other = another_order(officer)
    elsewhere = report(provision(other, "R2"), date(2027, 2, 1), "failed")

    errors = refusal(record_breach, order, officer, provision=provision(order, "R2"), reports=[elsewhere])

    assert errors == {"reports": ["Choose reports of sessions of R2: a report is evidence of its own requirement"]}


def test_checks_must_be_of_this_order_and_of_the_prohibition_breached(order, officer):
    other = another_order(officer)
    elsewhere = PoliceCheckFactory(order=other, prohibition=None, kind="other")
    of_p1 = PoliceCheckFactory(order=order, prohibition=provision(order, "P1"), kind="place", complied=False)

    assert refusal(record_breach, order, officer, checks=[elsewhere]) == {"checks": ["Choose checks of this order"]}
    assert refusal(record_breach, order, officer, checks=[of_p1]) == {
        "checks": ["A check of another prohibition is not evidence of a breach of P3"]
    }
    assert not Breach.objects.exists()


def test_only_the_owning_forces_police_record_a_breach(order):
    with pytest.raises(PermissionDenied):
        record_breach(order, MembershipFactory(role=Role.KCPO_LEAD))
    assert not Breach.objects.exists()


# --- the decision --------------------------------------------------------------------------------


@pytest.fixture
def breach(order):
    return BreachFactory(order=order, provision=provision(order, "P3"), occurred_on=NIGHT)


def decide(breach, officer, **fields):
    values = {"decision": "words_of_advice", "decided_on": ON, "reason": "First breach; he came home.", "today": ON}
    return breach_decide(breach=breach, membership=officer, **{**values, **fields})


def test_it_records_the_decision_and_audits_it(breach, officer):
    decided = decide(breach, officer, decision="charge_s29")

    decided.refresh_from_db()
    assert (decided.decision, decided.decided_on, decided.decided_by) == ("charge_s29", ON, officer.user)
    assert decided.decision_reason == "First breach; he came home."
    assert AuditEvent.objects.filter(operation="alter", details__breach_id=breach.id).exists()


def test_a_decision_on_the_day_of_the_breach_is_accepted(breach, officer):
    assert decide(breach, officer, decided_on=NIGHT).decided_on == NIGHT


def test_the_decision_is_made_once(breach, officer):
    decide(breach, officer)

    with pytest.raises(ValidationError) as raised:
        decide(breach, officer, decision="charge_s29")

    assert raised.value.message_dict == {"decision": ["The decision on this breach is already recorded"]}
    assert raised.value.error_dict["decision"][0].code == "conflict"
    breach.refresh_from_db()
    assert breach.decision == "words_of_advice"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"decision": ""}, {"decision": ["Select the decision"]}),
        (
            {"decision": "charge_s25"},
            {"decision": ["A breach of a requirement or prohibition is charged under s29, not s25"]},
        ),
        ({"decided_on": date(2027, 3, 2)}, {"decided_on": ["The date of the decision must be today or in the past"]}),
        (
            {"decided_on": date(2027, 2, 19)},
            {"decided_on": ["The decision cannot be before the breach (20 February 2027)"]},
        ),
        ({"reason": "  "}, {"reason": ["Enter the reasons for the decision"]}),
    ],
)
def test_a_decision_is_refused_with_the_reason_and_nothing_changes(breach, officer, fields, errors):
    events = AuditEvent.objects.count()

    assert refusal(decide, breach, officer, **fields) == errors
    breach.refresh_from_db()
    assert (breach.decision, breach.decided_on) == ("", None)
    assert AuditEvent.objects.count() == events


def test_a_failure_to_notify_is_charged_under_s25_not_s29(order, officer):
    breach = BreachFactory(order=order, provision=None, notification_duty=True, occurred_on=NIGHT)

    assert refusal(decide, breach, officer, decision="charge_s29") == {
        "decision": ["A failure to notify the police is charged under s25, not s29"]
    }
    assert decide(breach, officer, decision="charge_s25").decision == "charge_s25"


def test_considering_a_variation_may_name_the_application_to_vary(breach, order, officer):
    application = proceeding_start(
        order=order,
        membership=officer,
        kind="application",
        applicant="police",
        sought="vary",
        made_on=ON,
        today=ON,
        reasons="More time for R2",
    )

    decided = decide(breach, officer, decision="consider_variation", variation=application)

    assert decided.variation == application


def test_only_an_application_to_vary_this_order_and_only_when_considering_a_variation(breach, order, officer):
    other = another_order(officer)
    elsewhere = proceeding_start(
        order=other,
        membership=officer,
        kind="application",
        applicant="police",
        sought="vary",
        made_on=ON,
        today=ON,
        reasons="More time",
    )
    own = proceeding_start(
        order=order,
        membership=officer,
        kind="application",
        applicant="police",
        sought="vary",
        made_on=ON,
        today=ON,
        reasons="More time",
    )

    assert refusal(decide, breach, officer, decision="consider_variation", variation=elsewhere) == {
        "variation": ["Choose an application to vary, renew or discharge this order"]
    }
    assert refusal(decide, breach, officer, decision="arrest", variation=own) == {
        "variation": ["Name an application to vary only when the decision is to consider varying"]
    }


def test_only_the_owning_forces_police_decide(breach, force):
    with pytest.raises(PermissionDenied):
        decide(breach, MembershipFactory(organisation=force, role=Role.ADMINISTRATOR))
    breach.refresh_from_db()
    assert breach.decision == ""


# --- the court's outcome -------------------------------------------------------------------------


def outcome(breach, officer, **fields):
    values = {"outcome": "conditional_discharge", "outcome_on": date(2027, 4, 1), "today": date(2027, 4, 1)}
    return breach_court_outcome(breach=breach, membership=officer, **{**values, **fields})


@pytest.mark.parametrize("charge", ["charge_s29", "charge_s25"])
def test_it_records_the_courts_outcome_of_a_charge(order, officer, charge):
    notification = charge == "charge_s25"
    breach = BreachFactory(
        order=order,
        provision=None if notification else provision(order, "P3"),
        notification_duty=notification,
        occurred_on=NIGHT,
    )
    decide(breach, officer, decision=charge)

    recorded = outcome(breach, officer, notes="12 months")

    recorded.refresh_from_db()
    assert (recorded.court_outcome, recorded.court_outcome_on, recorded.court_outcome_notes) == (
        "conditional_discharge",
        date(2027, 4, 1),
        "12 months",
    )
    assert AuditEvent.objects.filter(reason__startswith="Court outcome", details__breach_id=breach.id).exists()


@pytest.mark.parametrize("decision", [None, "nfa", "words_of_advice", "consider_variation", "arrest"])
def test_there_is_no_court_outcome_without_a_charge(breach, officer, decision):
    if decision:
        decide(breach, officer, decision=decision)

    assert refusal(outcome, breach, officer) == {
        "outcome": ["A court outcome follows a charge under s29 or s25: record the decision to charge first"]
    }
    breach.refresh_from_db()
    assert breach.court_outcome == ""


def test_the_courts_outcome_is_recorded_once(breach, officer):
    decide(breach, officer, decision="charge_s29")
    outcome(breach, officer)

    assert refusal(outcome, breach, officer, outcome="fine") == {"outcome": ["The court’s outcome is already recorded"]}
    breach.refresh_from_db()
    assert breach.court_outcome == "conditional_discharge"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"outcome": "acquitted"}, {"outcome": ["Select the court’s outcome"]}),
        ({"outcome_on": date(2027, 4, 2)}, {"outcome_on": ["The date must be today or in the past"]}),
        ({"outcome_on": date(2027, 2, 28)}, {"outcome_on": ["The outcome cannot be before the charge (1 March 2027)"]}),
    ],
)
def test_a_court_outcome_is_refused_with_the_reason_and_nothing_changes(breach, officer, fields, errors):
    decide(breach, officer, decision="charge_s29")

    assert refusal(outcome, breach, officer, **fields) == errors
    breach.refresh_from_db()
    assert (breach.court_outcome, breach.court_outcome_on) == ("", None)
