"""Appendix A of the Home Office practitioners' guidance: the complaint for a knife crime
prevention order otherwise than on conviction (s14, with notice or without notice under s16),
with its supplement, built from the application's records.

Everything the form shows comes from here, as text or as a tick; whatever is not recorded is
left empty ("" or an empty list) and the template prints the form's blank for it, so a missing
record is visible on the page rather than silently dropped."""

from django.utils import timezone

from cases.choices import Gender
from cases.selectors import occasion_list_for_subject
from eligibility.core import NecessityGround, yot_consultation_required
from eligibility.core.dates import day_text
from eligibility.core.provisions import ProvisionKind
from eligibility.core.rules import qualifying_occasions
from eligibility.services import subject_s14_facts
from orders.drafting import evidence_item_list, hearsay_item_list
from orders.models import Application, EvidenceKind
from orders.selectors import application_consultations, application_provisions, hearing_list_for_application
from orders.templatetags.drafting_tags import schedule_text
from orders.workflow import Route

TEMPLATE_VERSION = "appendix-a/1"
TITLE = "Complaint for a Knife Crime Prevention Order (Appendix A)"

# How many numbered or lettered lines the seed form prints in each list: recorded entries fill
# them, and the rest stay as blank lines to write on, as on the paper form.
REQUIREMENT_ROWS = 4
INSTANCE_LINES = 4
EVIDENCE_LINES = 4
OTHER_DOCUMENT_LINES = 2

# The court named in "IN THE [XXX] MAGISTRATES’ COURT" without the words the form already prints.
MAGISTRATES_SUFFIXES = (" magistrates’ court", " magistrates' court")


def _letter(index: int) -> str:
    """(a), (b) … (z), (aa), (ab) …: the form's lettering for its lists."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return f"({letters})"


def _lettered(entries: list, lines: int) -> list[dict]:
    """The entries lettered (a), (b) …, then blank lines up to the form's `lines`."""
    padded = list(entries) + [""] * max(0, lines - len(entries))
    return [{"letter": _letter(i), "text": text} for i, text in enumerate(padded)]


def _months(months: int) -> str:
    return f"{months} month{'' if months == 1 else 's'}"


def _court_heading(court) -> tuple[str, bool]:
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


def _address(subject) -> str:
    return "\n".join(part for part in (subject.address_line_1, subject.address_line_2, subject.town) if part)


def _guardian_name(subject) -> str:
    if subject.guardian_name and subject.guardian_relationship:
        return f"{subject.guardian_name} ({subject.guardian_relationship})"
    return subject.guardian_name


def _occasion_text(occasion) -> str:
    """One s14(3) instance as the form lists it: the date, where, and what was had."""
    place = occasion.get_place_display()
    if occasion.place_description:
        place = f"{place} ({occasion.place_description})"
    text = f"{day_text(occasion.occurred_on)}: {place}, {occasion.location}; {occasion.article}"
    if occasion.source_reference:
        text += f" (ref. {occasion.source_reference})"
    return text


def _instances(application: Application, subject) -> list[str]:
    """The occasions that count under s14(3)-(5) for an order made on the application date,
    most recent first, as the engine decides (eligibility.core.rules.qualifying_occasions)."""
    occasions = {str(o.id): o for o in occasion_list_for_subject(subject=subject)}
    facts = subject_s14_facts(subject=subject, on=application.application_date)
    return [_occasion_text(occasions[o.id]) for o in qualifying_occasions(facts) if o.id in occasions]


def _period(provision) -> str:
    """A provision's own period within the order (s23(8)); "" when it runs with the order."""
    if provision.period_months and provision.starts_after_months:
        return (
            f"{_months(provision.period_months)}, beginning {_months(provision.starts_after_months)} "
            "after the order takes effect"
        )
    if provision.period_months:
        return f"{_months(provision.period_months)} from the day the order takes effect"
    if provision.starts_after_months:
        return f"From {_months(provision.starts_after_months)} after the order takes effect until the order ends"
    return ""


def _provision(provision) -> dict:
    details = [
        ("Place", provision.place),
        ("Persons", provision.persons),
        ("Articles", provision.articles),
        ("Activity", provision.activity),
        ("When", schedule_text(provision.schedule) if provision.schedule else ""),
        ("Period", _period(provision)),
        ("Exceptions", provision.exceptions),
    ]
    return {
        "requirement": provision.kind == ProvisionKind.REQUIREMENT,
        "label": provision.label,
        "wording": provision.wording,
        "details": [{"name": name, "value": value} for name, value in details if value],
        "supervisor": provision.supervisor,
        "suitability_evidence": provision.suitability_evidence,
    }


def _evidence_text(item) -> str:
    text = f"{item.get_kind_display()}: {item.description}"
    return f"{text} ({item.reference})" if item.reference else text


def _hearsay_text(item) -> str:
    return f"Hearsay evidence of {item.maker}: {item.description}"


def _consultation(consultation) -> dict:
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


def appendix_a_context(application: Application) -> dict:
    """Everything Appendix A shows for `application`, from the records as they stand."""
    application = Application.objects.select_related("case__subject__owner", "owner", "created_by").get(
        pk=application.pk
    )
    subject = application.case.subject
    under_18 = yot_consultation_required(subject.date_of_birth, application.application_date)

    hearing = next((h for h in hearing_list_for_application(application=application) if h.court_id), None)
    court_name, court_suffix = _court_heading(hearing.court if hearing else None)

    provisions = [_provision(p) for p in application_provisions(application=application)]
    prohibitions = [p for p in provisions if not p["requirement"]]
    requirements = [p for p in provisions if p["requirement"]]
    requirement_rows = requirements + [None] * max(0, REQUIREMENT_ROWS - len(requirements))

    evidence = list(evidence_item_list(application=application))
    maps = [_evidence_text(item) for item in evidence if item.kind == EvidenceKind.MAP]
    relied_on = [_evidence_text(item) for item in evidence if item.kind != EvidenceKind.MAP]
    relied_on += [_hearsay_text(item) for item in hearsay_item_list(application=application)]

    instances = _instances(application, subject)
    consultations = [_consultation(c) for c in application_consultations(application=application)]
    consulted = any(c["concluded"] for c in consultations)
    grounds = set(application.necessity_grounds)
    without_notice = application.route == Route.S14_WITHOUT_NOTICE
    applicant = application.created_by

    return {
        # The heading and the parties.
        "court_name": court_name,
        "court_suffix": court_suffix,
        "force_name": application.owner.name,
        "defendant_name": subject.full_name,
        "court_reference": "",  # the court's reference is not recorded before an order is made
        "complaint_date": day_text(application.application_date),
        "with_notice": not without_notice,
        "without_notice": without_notice,
        "without_notice_reasons": application.without_notice_reasons if without_notice else "",
        # 1. Applicant's details: the officer who started the application.
        "chief_officer_name": "",
        "applicant": {
            "full_name": applicant.full_name,
            "rank": "",
            "warrant_number": "",
            "email": applicant.email,
            "telephone": "",
            "force_address": "",
            "force_postcode": "",
        },
        # Defendant's details.
        "defendant": {
            "family_name": subject.family_name,
            "given_names": subject.given_names,
            "male": subject.gender == Gender.MALE,
            "female": subject.gender == Gender.FEMALE,
            "other_gender": subject.gender == Gender.OTHER,
            "date_of_birth": day_text(subject.date_of_birth),
            "under_18": under_18,
            "address": _address(subject),
            "postcode": subject.postcode,
            "email": "",
            "phone": "",
            # s15(2)(a): lives in the applicant's police area; (b) is not recorded.
            "lives_in_area": bool(subject.police_area) and subject.police_area == application.owner.code,
            "in_or_coming_to_area": False,
        },
        # Parent or guardian: printed only for someone under 18.
        "guardian": {
            "name": _guardian_name(subject) if under_18 else "",
            "address": subject.guardian_address if under_18 else "",
            "not_provided_reason": "",
        },
        # Matter of complaint.
        "instances": instances,
        "grounds": {ground.value: ground.value in grounds for ground in NecessityGround},
        "grounds_argument": application.grounds_argument,
        # Supplement.
        "duration": _months(application.proposed_duration_months) if application.proposed_duration_months else "",
        "prohibitions": prohibitions,
        "requirements": requirements,
        "requirement_rows": requirement_rows,
        # 4. Attachments.
        "instance_lines": _lettered(instances, INSTANCE_LINES),
        "evidence_lines": _lettered(relied_on, EVIDENCE_LINES),
        "other_document_lines": _lettered(maps, OTHER_DOCUMENT_LINES),
        # 5. Connection to previous orders: not recorded.
        "previous_orders": None,
        # 6. YOT consultation.
        "yot_consulted": True if consulted else (False if under_18 else None),
        "consultations": consultations,
        "yot_intended": "",
    }
