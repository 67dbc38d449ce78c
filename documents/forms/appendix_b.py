"""Appendix B of the Home Office practitioners' guidance: the prosecutor's notice of intention to
apply for a knife crime prevention order if the defendant is convicted (s19), built from the
application's records.

As with Appendix A, what is not recorded is left empty ("" or an empty list) and the template
prints the form's blank for it, so a missing record shows on the page instead of disappearing."""

from documents.forms.common import (
    court_place,
    evidence_text,
    hearsay_text,
    lettered,
    listed_court,
    months_text,
    numbered,
    postal_address,
    provision_context,
    supervisor_text,
)
from eligibility.core import NecessityGround
from eligibility.core.dates import day_text
from eligibility.core.provisions import ProvisionKind
from orders.drafting import evidence_item_list, hearsay_item_list
from orders.models import Application, EvidenceKind
from orders.selectors import application_provisions, hearing_list_for_application

TEMPLATE_VERSION = "appendix-b/1"
TITLE = "Notice of intention to apply for a Knife Crime Prevention Order on conviction (Appendix B)"

# How many numbered or lettered lines the seed form prints in each list: recorded entries fill
# them, and the rest stay as blank lines to write on, as on the paper form.
PROHIBITION_LINES = 4
REQUIREMENT_LINES = 4
EVIDENCE_LINES = 4


def _labelled(entries: list[tuple[str, str]]) -> str:
    """One line per requirement that has the detail: "R2: …"."""
    return "\n".join(f"{label}: {text}" for label, text in entries if text)


def _offence(conviction) -> dict:
    if conviction is None:
        return {"text": "", "violence_or_threat": False, "bladed_article_used": False, "bladed_article_had": False}
    return {
        "text": f"{conviction.offence} on {day_text(conviction.offence_date)}",
        # s19(10): the three kinds of relevant offence, as recorded on the conviction.
        "violence_or_threat": conviction.violence_or_threat,
        "bladed_article_used": conviction.bladed_article_used,
        "bladed_article_had": conviction.bladed_article_had,
    }


def appendix_b_context(application: Application) -> dict:
    """Everything Appendix B shows for `application`, from the records as they stand. Five
    queries: the application with its case, subject, conviction and CPS area; its hearings;
    provisions; evidence; hearsay."""
    application = Application.objects.select_related("case__subject", "conviction", "cps_area").get(pk=application.pk)
    subject = application.case.subject
    court = listed_court(application, hearing_list_for_application(application=application))
    court_name, court_kind = court_place(court["name"], court["kind"])

    provision_rows = list(application_provisions(application=application))
    provisions = [provision_context(p) for p in provision_rows]
    requirements = [p for p in provision_rows if p.kind == ProvisionKind.REQUIREMENT]

    # 8 lists the evidence relied on, hearsay included, so that 9 can point at its letters;
    # maps are "other material" (10: "any draft exclusion zone").
    evidence = list(evidence_item_list(application=application))
    hearsay = list(hearsay_item_list(application=application))
    relied_on = [evidence_text(item) for item in evidence if item.kind != EvidenceKind.MAP]
    evidence_lines = lettered(relied_on + [hearsay_text(item) for item in hearsay], EVIDENCE_LINES)
    hearsay_marks = [line["mark"] for line in evidence_lines[len(relied_on) : len(relied_on) + len(hearsay)]]
    grounds = set(application.necessity_grounds)

    return {
        # The heading.
        "defendant_name": subject.full_name,
        "case_reference": "",  # the court's case number (or URN) is not recorded
        "court_name": court_name,
        "court_kind": court_kind,
        "offence": _offence(application.conviction),
        # 1. The defendant.
        "defendant": {
            "name": subject.full_name,
            "address": postal_address(subject),
            "date_of_birth": day_text(subject.date_of_birth),
        },
        # 2. The terms sought.
        "prohibition_lines": numbered([p for p in provisions if not p["requirement"]], PROHIBITION_LINES),
        "requirement_lines": numbered([p for p in provisions if p["requirement"]], REQUIREMENT_LINES),
        # 3. Who supervises the requirements; their address and contact details are not recorded.
        "supervisor": {
            "name": _labelled([(p.label, supervisor_text(p)) for p in requirements]),
            "address": "",
            "contact_details": "",
            "suitability_evidence": _labelled([(p.label, p.suitability_evidence) for p in requirements]),
        },
        # 4.-5. The period and why the order is necessary.
        "duration": months_text(application.proposed_duration_months),
        "grounds": {ground.value: ground.value in grounds for ground in NecessityGround},
        # 7.-10. The facts, the evidence, the hearsay and other material.
        "facts": application.grounds_argument,
        "evidence_lines": evidence_lines,
        "hearsay": [
            {"mark": mark, "description": item.description, "maker": item.maker, "reason": item.reason_not_called}
            for mark, item in zip(hearsay_marks, hearsay, strict=True)
        ],
        "other_material": "\n".join(evidence_text(item) for item in evidence if item.kind == EvidenceKind.MAP),
        # 11. The prosecutor (the CPS area the police submitted to) and the chief officer, whose
        # name and contact details are not recorded.
        "prosecutor": application.cps_area.name if application.cps_area else "",
        "prosecutor_contact": "",
        "chief_officer": {"name": "", "contact_details": ""},
    }
