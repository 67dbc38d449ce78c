"""Planning a requirement's sessions (provision/sessions.py): generated from its weekly schedule
within its own period, once per start time, past midnight into the next day, in Europe/London
time across the clock change; a one-off appointment; only by the requirement's supervisor."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from orders.models import Order, OrderProvision
from provision.models import Session
from provision.sessions import scheduled_times, session_add, sessions_generate
from tests.factories import MembershipFactory
from tests.provision.supervision_builders import TODAY, at

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")

pytestmark = pytest.mark.usefixtures("frozen")


def logged_by(membership):
    """The audit rows the test's own actions wrote (building the order writes some too)."""
    return AuditEvent.objects.filter(user_id=membership.user_id)


def starts(requirement) -> list:
    return list(
        Session.objects.filter(requirement=requirement).order_by("starts_at").values_list("starts_at", flat=True)
    )


# --- the schedule's windows as sessions ---------------------------------------------------------


def test_a_window_makes_a_session_on_each_of_its_days():
    times = scheduled_times(
        [{"days": [0, 2], "start": "16:00", "end": "17:30"}], start=date(2027, 3, 1), end=date(2027, 3, 7)
    )

    assert times == [
        (at(date(2027, 3, 1), 16), at(date(2027, 3, 1), 17, 30)),
        (at(date(2027, 3, 3), 16), at(date(2027, 3, 3), 17, 30)),
    ]


def test_a_window_past_midnight_ends_the_next_day():
    times = scheduled_times(
        [{"days": [4], "start": "22:00", "end": "02:00"}], start=date(2027, 3, 5), end=date(2027, 3, 5)
    )

    assert times == [(at(date(2027, 3, 5), 22), at(date(2027, 3, 6), 2))]


def test_a_window_that_ends_when_it_starts_lasts_24_hours():
    times = scheduled_times(
        [{"days": [4], "start": "09:00", "end": "09:00"}], start=date(2027, 3, 5), end=date(2027, 3, 5)
    )

    assert times == [(at(date(2027, 3, 5), 9), at(date(2027, 3, 6), 9))]


def test_sessions_keep_their_local_time_across_the_clock_change():
    # British Summer Time begins on Sunday 28 March 2027: 16:00 is 16:00 UTC before it, 15:00 after.
    wednesdays = [{"days": [2], "start": "16:00", "end": "17:30"}]

    times = scheduled_times(wednesdays, start=date(2027, 3, 24), end=date(2027, 3, 31))

    assert [s.astimezone(UTC).hour for s, _e in times] == [16, 15]
    assert [s.astimezone(LONDON).hour for s, _e in times] == [16, 16]


# --- generating --------------------------------------------------------------------------------


def test_the_supervisor_generates_the_sessions_of_the_next_weeks(supervised):
    made = sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=2, today=TODAY)

    assert made == 2
    assert starts(supervised.r2) == [at(date(2027, 3, 3), 16), at(date(2027, 3, 10), 16)]
    session = Session.objects.get(requirement=supervised.r2, starts_at=at(date(2027, 3, 3), 16))
    assert (session.ends_at, session.generated, session.created_by_id) == (
        at(date(2027, 3, 3), 17, 30),
        True,
        supervised.supervisor.user_id,
    )


def test_generating_again_makes_only_the_sessions_not_there(supervised):
    sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=2, today=TODAY)

    made = sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=3, today=TODAY)

    assert made == 1
    assert len(starts(supervised.r2)) == 3


def test_generating_the_same_weeks_twice_makes_nothing_and_logs_nothing_more(supervised):
    sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=2, today=TODAY)
    logged = logged_by(supervised.supervisor).count()

    made = sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=2, today=TODAY)

    assert (made, Session.objects.count(), logged_by(supervised.supervisor).count()) == (0, 2, logged)


def test_generating_is_logged_as_a_collection_about_the_subject(supervised):
    sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=1, today=TODAY)

    event = logged_by(supervised.supervisor).get()
    assert (event.operation, event.object_type, event.object_id, event.data_subject_id, event.details) == (
        "collect",
        "orders.orderprovision",
        str(supervised.r2.id),
        supervised.order.subject_id,
        {"change": "sessions generated", "sessions": 1, "first_day": "2027-03-03", "last_day": "2027-03-09"},
    )


def test_no_session_is_made_after_the_requirement_ends_s23_8(supervised):
    OrderProvision.objects.filter(pk=supervised.r2.pk).update(ends_on=date(2027, 3, 9))
    supervised.r2.refresh_from_db()

    made = sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=4, today=TODAY)

    assert (made, starts(supervised.r2)) == (1, [at(date(2027, 3, 3), 16)])


def test_a_session_on_the_requirements_last_day_is_made(supervised):
    OrderProvision.objects.filter(pk=supervised.r2.pk).update(ends_on=date(2027, 3, 10))
    supervised.r2.refresh_from_db()

    sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=4, today=TODAY)

    assert starts(supervised.r2) == [at(date(2027, 3, 3), 16), at(date(2027, 3, 10), 16)]


def test_no_session_is_made_before_the_requirement_starts_s23_8(supervised):
    OrderProvision.objects.filter(pk=supervised.r2.pk).update(starts_on=date(2027, 3, 10))
    supervised.r2.refresh_from_db()

    sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=2, today=TODAY)

    assert starts(supervised.r2) == [at(date(2027, 3, 10), 16)]


def test_no_session_is_made_once_the_order_has_ended(supervised):
    # ended_on is the order's first day without effect: 10 March itself has no session.
    Order.objects.filter(pk=supervised.order.pk).update(ended_on=date(2027, 3, 10), end_reason="Discharged")
    supervised.r2.refresh_from_db()

    sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=4, today=TODAY)

    assert starts(supervised.r2) == [at(date(2027, 3, 3), 16)]


def test_a_requirement_not_in_force_in_those_weeks_gets_a_clear_refusal(supervised):
    OrderProvision.objects.filter(pk=supervised.r2.pk).update(ends_on=date(2027, 3, 2))
    supervised.r2.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=4, today=TODAY)

    assert refused.value.messages == ["The requirement is not in force in those weeks, so no sessions can be made."]
    assert (Session.objects.count(), logged_by(supervised.supervisor).count()) == (0, 0)


def test_a_requirement_without_a_schedule_cannot_be_generated(supervised):
    OrderProvision.objects.filter(pk=supervised.r2.pk).update(schedule=[])

    with pytest.raises(ValidationError) as refused:
        sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=4, today=TODAY)

    assert refused.value.code == "no_schedule"
    assert Session.objects.count() == 0


@pytest.mark.parametrize("weeks", [0, 27])
def test_the_number_of_weeks_is_bounded(supervised, weeks):
    with pytest.raises(ValidationError) as refused:
        sessions_generate(requirement=supervised.r2, membership=supervised.supervisor, weeks=weeks, today=TODAY)

    assert refused.value.message_dict == {"weeks": ["Enter a number of weeks from 1 to 26"]}
    assert Session.objects.count() == 0


def test_another_providers_supervisor_cannot_generate(supervised):
    with pytest.raises(PermissionDenied):
        sessions_generate(requirement=supervised.r2, membership=supervised.other_supervisor, weeks=1, today=TODAY)

    assert Session.objects.count() == 0


def test_an_administrator_of_the_provider_cannot_generate(supervised):
    admin = MembershipFactory(organisation=supervised.provider, role=Role.ADMINISTRATOR)

    with pytest.raises(PermissionDenied):
        sessions_generate(requirement=supervised.r2, membership=admin, weeks=1, today=TODAY)

    assert Session.objects.count() == 0


# --- a one-off appointment -----------------------------------------------------------------------


def add(supervised, on=date(2027, 3, 5), starts=time(11, 0), ends=time(12, 0), membership=None):
    return session_add(
        requirement=supervised.r2, membership=membership or supervised.supervisor, on=on, starts=starts, ends=ends
    )


def test_the_supervisor_adds_an_appointment(supervised):
    session = add(supervised)

    assert (session.starts_at, session.ends_at, session.generated, session.created_by_id) == (
        at(date(2027, 3, 5), 11),
        at(date(2027, 3, 5), 12),
        False,
        supervised.supervisor.user_id,
    )
    event = logged_by(supervised.supervisor).get()
    assert (event.operation, event.details) == ("collect", {"change": "appointment added", "session_id": session.id})


def test_an_appointment_that_happened_can_be_added_to_report_it(supervised):
    session = add(supervised, on=date(2027, 2, 1))

    assert session.starts_at == at(date(2027, 2, 1), 11)


def test_an_appointment_must_end_after_it_starts(supervised):
    with pytest.raises(ValidationError) as refused:
        add(supervised, starts=time(12, 0), ends=time(12, 0))

    assert refused.value.message_dict == {"ends": ["The end time must be after the start time"]}
    assert (Session.objects.count(), logged_by(supervised.supervisor).count()) == (0, 0)


def test_an_appointment_before_the_requirement_starts_is_refused(supervised):
    with pytest.raises(ValidationError) as refused:
        add(supervised, on=supervised.r2.starts_on - timedelta(days=1))

    assert refused.value.message_dict == {
        "on": ["The date must be on or after 14 December 2026, when the requirement starts"]
    }
    assert Session.objects.count() == 0


def test_an_appointment_after_the_requirement_ends_is_refused(supervised):
    with pytest.raises(ValidationError) as refused:
        add(supervised, on=supervised.r2.ends_on + timedelta(days=1))

    assert refused.value.message_dict == {
        "on": ["The date must be on or before 13 June 2028, when the requirement ends"]
    }
    assert Session.objects.count() == 0


def test_a_second_session_at_the_same_start_is_refused(supervised):
    add(supervised)

    with pytest.raises(ValidationError) as refused:
        add(supervised, ends=time(13, 0))

    assert refused.value.message_dict == {"starts": ["There is already a session starting at that time"]}
    assert Session.objects.count() == 1


def test_another_providers_supervisor_cannot_add_an_appointment(supervised):
    with pytest.raises(PermissionDenied):
        add(supervised, membership=supervised.other_supervisor)

    assert Session.objects.count() == 0
