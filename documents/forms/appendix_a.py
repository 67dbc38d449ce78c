"""Appendix A of the Home Office practitioners' guidance: the complaint for a knife crime
prevention order otherwise than on conviction (s14, with notice or without notice under s16),
with its supplement, built from the application's records.

Everything the form shows comes from here, as text or as a tick; whatever is not recorded is
left empty ("" or an empty list) and the template prints the form's blank for it, so a missing
record is visible on the page rather than silently dropped."""

from cases.choices import Gender
from cases.selectors import occasion_list_for_subject
from documents.forms.common import (
    address_text,
    consultation_context,
    court_heading,
    evidence_text,
    guardian_text,
    hearsay_text,
    lettered,
    months_text,
    occasion_text,
    provision_context,
)
from eligibility.core import NecessityGround, yot_consultation_required
from eligibility.core.dates import day_text
from eligibility.core.rules import qualifying_occasions
from eligibility.services import subject_s14_facts
from orders.drafting import evidence_item_list, hearsay_item_list
from orders.models import Application, EvidenceKind
from orders.selectors import application_consultations, application_provisions, hearing_list_for_application
from orders.workflow import Route

TEMPLATE_VERSION = "appendix-a/1"
TITLE = "Complaint for a Knife Crime Prevention Order (Appendix A)"

# How many numbered or lettered lines the seed form prints in each list: recorded entries fill
# them, and the rest stay as blank lines to write on, as on the paper form.
REQUIREMENT_ROWS = 4
INSTANCE_LINES = 4
EVIDENCE_LINES = 4
OTHER_DOCUMENT_LINES = 2


def _instances(application: Application, subject) -> list[str]:
    """The occasions that count under s14(3)-(5) for an order made on the application date,
    most recent first, as the engine decides (eligibility.core.rules.qualifying_occasions)."""
    occasions = {str(o.id): o for o in occasion_list_for_subject(subject=subject)}
    facts = subject_s14_facts(subject=subject, on=application.application_date)
    return [occasion_text(occasions[o.id]) for o in qualifying_occasions(facts) if o.id in occasions]


def appendix_a_context(application: Application) -> dict:
    """Everything Appendix A shows for `application`, from the records as they stand."""
    application = Application.objects.select_related("case__subject__owner", "owner", "created_by").get(
        pk=application.pk
    )
    subject = application.case.subject
    under_18 = yot_consultation_required(subject.date_of_birth, application.application_date)

    hearing = next((h for h in hearing_list_for_application(application=application) if h.court_id), None)
    court_name, court_suffix = court_heading(hearing.court if hearing else None)

    provisions = [provision_context(p) for p in application_provisions(application=application)]
    prohibitions = [p for p in provisions if not p["requirement"]]
    requirements = [p for p in provisions if p["requirement"]]
    requirement_rows = requirements + [None] * max(0, REQUIREMENT_ROWS - len(requirements))

    evidence = list(evidence_item_list(application=application))
    maps = [evidence_text(item) for item in evidence if item.kind == EvidenceKind.MAP]
    relied_on = [evidence_text(item) for item in evidence if item.kind != EvidenceKind.MAP]
    relied_on += [hearsay_text(item) for item in hearsay_item_list(application=application)]

    instances = _instances(application, subject)
    consultations = [consultation_context(c) for c in application_consultations(application=application)]
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
            "address": address_text(subject),
            "postcode": subject.postcode,
            "email": "",
            "phone": "",
            # s15(2)(a): lives in the applicant's police area; (b) is not recorded.
            "lives_in_area": bool(subject.police_area) and subject.police_area == application.owner.code,
            "in_or_coming_to_area": False,
        },
        # Parent or guardian: printed only for someone under 18.
        "guardian": {
            "name": guardian_text(subject) if under_18 else "",
            "address": subject.guardian_address if under_18 else "",
            "not_provided_reason": "",
        },
        # Matter of complaint.
        "instances": instances,
        "grounds": {ground.value: ground.value in grounds for ground in NecessityGround},
        "grounds_argument": application.grounds_argument,
        # Supplement.
        "duration": months_text(application.proposed_duration_months),
        "prohibitions": prohibitions,
        "requirements": requirements,
        "requirement_rows": requirement_rows,
        # 4. Attachments.
        "instance_lines": lettered(instances, INSTANCE_LINES),
        "evidence_lines": lettered(relied_on, EVIDENCE_LINES),
        "other_document_lines": lettered(maps, OTHER_DOCUMENT_LINES),
        # 5. Connection to previous orders: not recorded.
        "previous_orders": None,
        # 6. YOT consultation.
        "yot_consulted": True if consulted else (False if under_18 else None),
        "consultations": consultations,
        "yot_intended": "",
    }
