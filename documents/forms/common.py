"""What more than one court form prints the same way: lettered lines, months, the court's
heading, a person's address, an occasion, a provision with its details, an evidence item, a
YOT consultation. A form's own module (documents/forms/<form>.py) builds its context from these,
so one record reads the same on every form that shows it."""

from django.utils import timezone

from eligibility.core import HearingKind
from eligibility.core.dates import day_text
from eligibility.core.provisions import ProvisionKind
from orders.templatetags.drafting_tags import schedule_text

# The court named in "IN THE [XXX] MAGISTRATES’ COURT" without the words the form already prints.
MAGISTRATES_SUFFIXES = (" magistrates’ court", " magistrates' court")


def letter(index: int) -> str:
    """(a), (b) … (z), (aa), (ab) …: the forms' lettering for their lists."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return f"({letters})"


def lettered(entries: list, lines: int) -> list[dict]:
    """The entries lettered (a), (b) …, then blank lines up to the form's `lines`."""
    padded = list(entries) + [""] * max(0, lines - len(entries))
    return [{"mark": letter(i), "text": text} for i, text in enumerate(padded)]


def dotted_letters(entries: list, lines: int) -> list[dict]:
    """The entries lettered a., b. … (as Appendix D letters them), then blank lines up to `lines`."""
    padded = list(entries) + [""] * max(0, lines - len(entries))
    return [{"mark": f"{letter(i)[1:-1]}.", "text": text} for i, text in enumerate(padded)]


def numbered(entries: list, lines: int) -> list[dict]:
    """The entries numbered 1., 2. …, then blank lines up to the form's `lines`."""
    padded = list(entries) + [""] * max(0, lines - len(entries))
    return [{"mark": f"{i}.", "text": text} for i, text in enumerate(padded, start=1)]


def months_text(months: int | None) -> str:
    if not months:
        return ""
    return f"{months} month{'' if months == 1 else 's'}"


def court_heading(court) -> tuple[str, bool]:
    """The court's name as "IN THE … MAGISTRATES’ COURT" needs it, and whether the form's
    "MAGISTRATES’ COURT" should follow it (not for a name that is already a whole court's
    name, such as a youth court)."""
    if court is None:
        return "", True
    name = court.name.strip()
    for suffix in MAGISTRATES_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)].strip(), True
    if name.lower().endswith("court"):
        return name, False
    return name, True


def address_text(subject) -> str:
    return "\n".join(part for part in (subject.address_line_1, subject.address_line_2, subject.town) if part)


def postal_address(subject) -> str:
    """The address with its postcode, for a form with one box for both."""
    return "\n".join(part for part in (address_text(subject), subject.postcode) if part)


def guardian_text(subject) -> str:
    if subject.guardian_name and subject.guardian_relationship:
        return f"{subject.guardian_name} ({subject.guardian_relationship})"
    return subject.guardian_name


def occasion_text(occasion) -> str:
    """One s14(3) instance as the forms list it: the date, where, and what was had."""
    place = occasion.get_place_display()
    if occasion.place_description:
        place = f"{place} ({occasion.place_description})"
    text = f"{day_text(occasion.occurred_on)}: {place}, {occasion.location}; {occasion.article}"
    if occasion.source_reference:
        text += f" (ref. {occasion.source_reference})"
    return text


def provision_period_text(provision) -> str:
    """A provision's own period within the order (s23(8)); "" when it runs with the order."""
    if provision.period_months and provision.starts_after_months:
        return (
            f"{months_text(provision.period_months)}, beginning {months_text(provision.starts_after_months)} "
            "after the order takes effect"
        )
    if provision.period_months:
        return f"{months_text(provision.period_months)} from the day the order takes effect"
    if provision.starts_after_months:
        return f"From {months_text(provision.starts_after_months)} after the order takes effect until the order ends"
    return ""


def provision_context(provision) -> dict:
    """A proposed (Provision) or made (OrderProvision) requirement or prohibition: its label,
    wording and the details recorded for it. `suitability_evidence` is a proposal's only."""
    details = [
        ("Place", provision.place),
        ("Persons", provision.persons),
        ("Articles", provision.articles),
        ("Activity", provision.activity),
        ("When", schedule_text(provision.schedule) if provision.schedule else ""),
        ("Period", provision_period_text(provision)),
        ("Exceptions", provision.exceptions),
    ]
    return {
        "requirement": provision.kind == ProvisionKind.REQUIREMENT,
        "label": provision.label,
        "wording": provision.wording,
        "details": [{"name": name, "value": value} for name, value in details if value],
        "supervisor": provision.supervisor,
        "suitability_evidence": getattr(provision, "suitability_evidence", ""),
    }


def evidence_text(item) -> str:
    text = f"{item.get_kind_display()}: {item.description}"
    return f"{text} ({item.reference})" if item.reference else text


def hearsay_text(item) -> str:
    return f"Hearsay evidence of {item.maker}: {item.description}"


def consultation_context(consultation) -> dict:
    if consultation.replied_at is not None:
        status = f"replied on {day_text(timezone.localdate(consultation.replied_at))}"
    elif consultation.deadline_passed_recorded_at is not None:
        status = f"no reply by the deadline of {day_text(consultation.reply_due_on)}"
    else:
        status = f"reply due by {day_text(consultation.reply_due_on)}"
    sent_on = day_text(timezone.localdate(consultation.sent_at))
    return {
        "yot": consultation.yot.name,
        "summary": f"{consultation.yot.name}: consulted on {sent_on}; {status}",
        "views": consultation.views,
        "concluded": consultation.is_concluded,
    }


# "In the … Magistrates’ / Youth / Crown Court": the form prints the kinds of court itself, so
# a court's name is shown without its kind, and the kinds it is not are struck through.
COURT_KIND_SUFFIXES = {
    "magistrates": (" magistrates’ court", " magistrates' court", " magistrates court"),
    "youth": (" youth court",),
    "crown": (" crown court",),
}


def court_place(name: str, kind: str = "") -> tuple[str, str]:
    """A court's name split into the place the form's blank takes and its kind
    ("Highbury Corner Magistrates’ Court" → ("Highbury Corner", "magistrates")). `kind` is the
    court's recorded kind (Organisation.court_kind), where there is one; a name that does not
    end in a kind of court is kept whole."""
    name = name.strip()
    for suffix_kind, suffixes in COURT_KIND_SUFFIXES.items():
        for suffix in suffixes:
            if name.lower().endswith(suffix) and kind in ("", suffix_kind):
                return name[: -len(suffix)].strip(), suffix_kind
    return name, kind


def listed_court(application, hearings) -> dict:
    """The court the order will be sought in and the day: the sentencing hearing's (s19: the
    order is made with the sentence), else another hearing's with a court, else the court the
    conviction records, with no day. Of several, the latest listed: an adjourned hearing is
    listed again later, and that later listing is the one still to come.

    `hearings` are the application's (hearing_list_for_application), so the caller decides the
    query; the conviction must have been selected with the application."""
    with_court = [h for h in hearings if h.court_id]
    if with_court:
        hearing = max(with_court, key=lambda h: (h.kind == HearingKind.SENTENCING, h.date, h.id))
        return {"name": hearing.court.name, "kind": hearing.court.court_kind, "date": day_text(hearing.date)}
    conviction = application.conviction
    return {"name": conviction.court if conviction else "", "kind": "", "date": ""}


def supervisor_text(provision) -> str:
    """Who supervises a requirement (s22): the named individual and the organisation, as many
    of them as are recorded ("Sam Mentor (Lambeth Youth Mentoring)")."""
    organisation = provision.supervisor_organisation.name if provision.supervisor_organisation else ""
    if provision.supervisor_name and organisation:
        return f"{provision.supervisor_name} ({organisation})"
    return provision.supervisor_name or organisation
