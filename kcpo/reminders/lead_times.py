"""How long before its due day each kind of reminder appears, in one place.

A reminder's `due_on` is always the day the law (or the force's own target) fixes, never the day
it appears: the reminder is keyed on (object, kind, due_on), so a lead time can be changed here
without creating a second reminder for work already on someone's list. A sweep creates the
reminder on the first run on or after `due_on - LEAD_TIMES[kind]`.
"""

from datetime import timedelta

from kcpo.reminders.models import ReminderKind

LEAD_TIMES: dict[str, timedelta] = {
    # s26(4): the review is listed by the court when it makes the order; four weeks is time to
    # gather the supervisors' reports and the PNC print and to warn the defendant's solicitor.
    ReminderKind.REVIEW_HEARING: timedelta(weeks=4),
    # s27: an order can be renewed (varied) only while it is in effect. Eight weeks leaves time
    # to decide, draft, consult the YOT for an under-18 and get the application heard before
    # the last day. Due on the last day itself (s23(3)), the one date the law fixes.
    ReminderKind.ORDER_EXPIRING: timedelta(weeks=8),
    # s23(8): a requirement or prohibition with its own shorter period; two weeks to tell its
    # supervisor and the subject, and to update the PNC record of the conditions.
    ReminderKind.PROVISION_EXPIRING: timedelta(days=14),
    # The order has ended: the PNC must be updated now, not in advance.
    ReminderKind.ORDER_ENDED: timedelta(0),
    # s24(2), s25: overdue the day after the last day to notify, and not before: until then
    # the defendant is still in time.
    ReminderKind.NOTIFICATION_OVERDUE: timedelta(0),
    # Service before a listed hearing (eligibility.core.service): personal service needs the
    # defendant found and an officer free, so a working week whatever the weekday.
    ReminderKind.SERVICE_DEADLINE: timedelta(days=7),
    ReminderKind.HEARSAY_DEADLINE: timedelta(days=7),
    # Derived from s14(4): after `eligible_until` the second qualifying occasion leaves the
    # two-year period and no order can be made; two weeks to get the application heard.
    ReminderKind.ELIGIBILITY_LAPSING: timedelta(days=14),
    # The YOT hands over to probation when the subject turns 18: eight weeks for the two to
    # plan it and for any requirement's supervisor to be changed.
    ReminderKind.TURNS_18: timedelta(weeks=8),
    ReminderKind.TURNS_18_YOT: timedelta(weeks=8),
    # The guidance, ch. 11: the police reply to a defendant's application under s27 within 14
    # days of receipt; the reminder appears on receipt, when the 14 days start.
    ReminderKind.REPRESENTATIONS_DUE: timedelta(days=14),
    # The force's own target (Organisation.pnc_target_days) is already the allowance: the
    # reminder appears on the target day, when the order should have gone.
    ReminderKind.PNC_OVERDUE: timedelta(0),
    # s22(5)(c): a supervisor's report that the subject did not comply; the police triage it at
    # once (the guidance, ch. 9), and for a child the YOT is told at once too.
    ReminderKind.NON_COMPLIANCE: timedelta(0),
    ReminderKind.NON_COMPLIANCE_YOT: timedelta(0),
    # provision.referrals: the day to chase a referral with no answer or no contact is already
    # the allowance (FOLLOW_UP_AFTER); the reminder appears on that day.
    ReminderKind.REFERRAL_FOLLOW_UP: timedelta(0),
}
