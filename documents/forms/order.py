"""The order itself, as the court made it: the kind of order, the court and its reference, the
defendant, the prohibitions and requirements as made (OrderProvision, not the proposal), when it
takes effect and how long it lasts (s23), the review hearing (s26), the notification duty
explained (s24, s25) and the warning that breach is an offence (s29).

The application's most recent order is the one printed (by the day made, then id). The rules of
s23(1)-(5) are printed in words with the dates stored when the order took effect
(orders.lifecycle, from eligibility.core.order_dates); an s17 interim order not yet served has
none yet. Whatever is not recorded is left "" and the template prints the form's blank box for it."""

from datetime import date

from documents.forms.common import court_heading, months_text, postal_address, provision_context
from eligibility.core import HearingKind
from eligibility.core.dates import day_text
from eligibility.core.order_dates import (
    provision_end_months,
    review_needed,
    review_window,
)
from orders.models import Application, Order, OrderKind
from orders.selectors import order_latest_for_application
from orders.workflow import Route

TEMPLATE_VERSION = "order/1"
TITLE = "Knife Crime Prevention Order"

# The section of the Act each kind of interim order is made under.
SECTIONS = {OrderKind.INTERIM_S17: "17", OrderKind.INTERIM_S18: "18"}
HEADINGS = {
    OrderKind.FULL: "Knife Crime Prevention Order",
    OrderKind.INTERIM_S17: "Interim Knife Crime Prevention Order",
    OrderKind.INTERIM_S18: "Interim Knife Crime Prevention Order",
}


def applies(application: Application) -> bool:
    """Whether the court has made an order on the application (full or interim)."""
    return application.orders.exists()


def _section(order: Order, application: Application) -> str:
    """The section the order is made under: a full order on complaint (s14) or on conviction
    (s19), an interim order under s17 or s18."""
    if order.kind in SECTIONS:
        return SECTIONS[order.kind]
    return "19" if application.route == Route.S19 else "14"


def _takes_effect_text(order: Order, start: date | None) -> str:
    if order.kind == OrderKind.INTERIM_S17:
        if start is None:
            return "This interim order takes effect when it is served on the defendant (section 23(2))."
        return f"This interim order took effect when it was served on the defendant (section 23(2)): {day_text(start)}."
    return (
        f"This order takes effect on the day on which it is made (section 23(1)): {day_text(start or order.made_on)}."
    )


def _lasts_text(order: Order, ends_on: date | None) -> str:
    if order.kind == OrderKind.FULL:
        return (
            f"This order has effect for a fixed period of {months_text(order.duration_months)} beginning with the day "
            f"on which it takes effect (section 23(3)). Its last day is {day_text(ends_on)}."
        )
    section = "23(4)" if order.kind == OrderKind.INTERIM_S17 else "23(5)"
    return (
        "This interim order has effect until the determination of the application for a knife crime prevention "
        f"order (section {section}), subject to section 27 (variation, renewal or discharge)."
    )


def _runs_beyond_a_year(provisions, order: Order) -> bool:
    """s26(3): whether any provision has effect beyond the first year. Only a full order is
    reviewed (s26(1))."""
    if order.kind != OrderKind.FULL:
        return False
    return review_needed(
        provision_end_months=[
            provision_end_months(
                starts_after_months=p.starts_after_months,
                period_months=p.period_months,
                order_months=order.duration_months,
            )
            for p in provisions
        ]
    )


def _review_window(start: date | None) -> tuple[str, str]:
    """s26(4): the review window's first and last day as text; ("", "") when the day the
    order takes effect is not known."""
    if start is None:
        return "", ""
    first, last = review_window(start)
    return day_text(first), day_text(last)


def _review_hearings(application: Application, order: Order) -> list[dict]:
    """The review hearings (s26) listed for the application since the order was made."""
    hearings = application.hearings.filter(kind=HearingKind.REVIEW, date__gte=order.made_on).select_related("court")
    return [
        {"date": day_text(h.date), "court": h.court.name if h.court else "", "text": _hearing_text(h)}
        for h in hearings.order_by("date", "id")
    ]


def _hearing_text(hearing) -> str:
    return f"{day_text(hearing.date)}, {hearing.court.name}" if hearing.court else day_text(hearing.date)


def order_context(application: Application) -> dict:
    """Everything the order shows for `application`'s most recent order, from the records as
    they stand. Raises Order.DoesNotExist when no order has been made (see `applies`).
    Note: four queries (the application, its orders, the provisions, the review hearings)."""
    application = Application.objects.select_related("case__subject", "owner", "cps_area").get(pk=application.pk)
    order = order_latest_for_application(application=application)
    if order is None:
        raise Order.DoesNotExist(f"No order has been made on application {application.pk}.")
    subject = application.case.subject

    made = list(order.provisions.as_made().select_related("supervisor_organisation").order_by("number", "id"))
    # The category (the guidance's menu) is not printed here; the easy read explains by it.
    provisions = [{**provision_context(p), "category": p.category} for p in made]
    prohibitions = [p for p in provisions if not p["requirement"]]
    requirements = [p for p in provisions if p["requirement"]]

    full = order.kind == OrderKind.FULL
    # Stored when the order took effect (orders.lifecycle): until then, as for an s17 interim
    # order not yet served, the form prints the rule without the dates.
    start, ends_on, notify_by = order.takes_effect_on, order.ends_on, order.notification_due_on
    # s24(1)(a): a full order replacing an interim one in effect starts no new notification.
    replaces_interim = start is not None and notify_by is None
    window_from, window_to = _review_window(start) if full else ("", "")
    court_name, court_suffix = court_heading(order.court)
    section = _section(order, application)
    if application.route == Route.S19:
        applicant = application.cps_area.name if application.cps_area else ""
    else:
        applicant = application.owner.name

    return {
        # The heading and the parties.
        "heading": HEADINGS[OrderKind(order.kind)],
        "section": f"Section {section} Offensive Weapons Act 2019",
        "made_under": f"section {section}",
        "court_name": court_name,
        "court_suffix": court_suffix,
        "court": order.court.name if order.court else "",
        "applicant": applicant,
        "defendant_name": subject.full_name,
        "court_reference": order.court_reference,
        "made_on": day_text(order.made_on),
        "kind": order.get_kind_display(),
        "full": full,
        "interim": not full,
        "interim_s17": order.kind == OrderKind.INTERIM_S17,
        # The defendant.
        "defendant": {
            "name": subject.full_name,
            "date_of_birth": day_text(subject.date_of_birth),
            "address": postal_address(subject),
        },
        # s23: when it takes effect and how long it lasts.
        "takes_effect": _takes_effect_text(order, start),
        "lasts": _lasts_text(order, ends_on),
        "takes_effect_on": day_text(start) if start else "",
        "ends_on": day_text(ends_on) if ends_on else "",
        "duration": months_text(order.duration_months),
        "ended_on": day_text(order.ended_on) if order.ended_on else "",
        "end_reason": order.end_reason,
        # The provisions as made.
        "prohibitions": prohibitions,
        "requirements": requirements,
        # s26: review hearings (a full order only, s26(1)).
        "review_hearings": _review_hearings(application, order) if full else [],
        "review_required": _runs_beyond_a_year(made, order),
        "review_window_from": window_from,
        "review_window_to": window_to,
        # s24: notification.
        "replaces_interim": replaces_interim,
        "notify_by": day_text(notify_by) if notify_by else "",
    }
