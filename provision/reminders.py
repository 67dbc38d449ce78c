"""The finder for the police's follow-up of a referral until contact is made
(kcpo.reminders.sweeps; provision.referrals sets `follow_up_on`).

A referral sent and not answered, or accepted with no first contact recorded, is due for
follow-up on its `follow_up_on`. Each answer moves that day on (or clears it), so the police
get a new reminder for each step that stalls, and none once contact is made, the referral is
declined or they withdraw it. One query, whatever the number of referrals."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Case, Exists, F, OuterRef, When
from django.urls import reverse

from eligibility.core.dates import day_text
from kcpo.accounts.models import Membership
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.sweeps import Due, content_type_id, finder, horizon
from provision.models import Referral, ReferralState
from provision.referrals import AWAITING_CONTACT

# Rows fetched per round trip.
CHUNK_SIZE = 500


def _title(referral: Referral) -> str:
    name, provider = referral.subject.full_name, referral.provider.name
    if referral.state == ReferralState.ACCEPTED:
        return (
            f"Follow up the referral of {name} to {provider}: accepted on {day_text(referral.answered_on)}, "
            "no contact made yet"
        )
    return f"Follow up the referral of {name} to {provider}: sent on {day_text(referral.sent_on)}, no answer yet"


@finder(ReminderKind.REFERRAL_FOLLOW_UP)
def referrals_awaiting_contact(today: date) -> Iterator[Due]:
    """Referrals sent or accepted, without first contact, whose follow-up day has come. Due
    on that day; for the officer who sent it while still a member of the force, else the
    force's unassigned list. About the referral, done on its page."""
    kind = ReminderKind.REFERRAL_FOLLOW_UP
    sender_still_here = Exists(
        Membership.objects.active().filter(user_id=OuterRef("sent_by_id"), organisation_id=OuterRef("owner_id"))
    )
    # Those already reminded for this follow-up day are left out here, not by the insert, so
    # that a sweep reads only what is new (one NOT EXISTS on the reminders' unique index).
    reminded = Reminder.objects.filter(
        content_type_id=content_type_id(Referral), object_id=OuterRef("pk"), kind=kind, due_on=OuterRef("follow_up_on")
    )
    referrals = (
        Referral.objects.filter(
            state__in=AWAITING_CONTACT, first_contact_on__isnull=True, follow_up_on__lte=horizon(kind, today)
        )
        .exclude(Exists(reminded))
        .select_related("subject", "provider")
        .annotate(reminder_assignee=Case(When(sender_still_here, then=F("sent_by_id")), default=None))
        .order_by("id")
    )
    for referral in referrals.iterator(chunk_size=CHUNK_SIZE):
        yield Due(
            content_type_id=content_type_id(Referral),
            object_id=referral.id,
            kind=kind,
            due_on=referral.follow_up_on,
            organisation_id=referral.owner_id,
            assignee_id=referral.reminder_assignee,
            subject_id=referral.subject_id,
            title=_title(referral),
            link=reverse("provision:referral_detail", args=[referral.id]),
        )
