"""Appendix E of the Home Office practitioners' guidance: the police submission to the CPS for an
order on conviction (s19), built from the application's records: the defendant, the court, each
condition sought with its rationale, evidence, hearsay and supervisor, and the duration.

As with the other forms, what is not recorded is left empty and the template prints the form's
blank for it."""

from documents.forms.common import hearsay_text, listed_court, postal_address, provision_context, supervisor_text
from eligibility.core.dates import day_text
from eligibility.core.provisions import ProvisionKind
from orders.drafting import hearsay_item_list
from orders.models import Application
from orders.selectors import application_provisions, hearing_list_for_application

TEMPLATE_VERSION = "appendix-e/1"
TITLE = "Police submission to the CPS for an on-conviction Knife Crime Prevention Order (Appendix E)"


def relates(item, provision) -> bool:
    """Whether a hearsay item is evidence for a condition. Nothing links the two records, so a
    condition is taken to rely on a hearsay statement when its recorded evidence names the
    statement's maker; one it does not name is left to be written in by hand."""
    maker = item.maker.strip().casefold()
    return bool(maker) and maker in provision.evidence.casefold()


def _condition(provision, hearsay) -> dict:
    requirement = provision.kind == ProvisionKind.REQUIREMENT
    return {
        **provision_context(provision),
        "rationale": provision.rationale,
        "evidence": provision.evidence,
        "hearsay": [
            {"text": hearsay_text(item), "reason": item.reason_not_called}
            for item in hearsay
            if relates(item, provision)
        ],
        # A prohibition has no supervisor (s22 is about requirements): its box stays empty.
        "supervisor": supervisor_text(provision) if requirement else "",
    }


def appendix_e_context(application: Application) -> dict:
    """Everything Appendix E shows for `application`, from the records as they stand. Four
    queries: the application with its case, subject and conviction; its hearings; provisions;
    hearsay."""
    application = Application.objects.select_related("case__subject", "conviction").get(pk=application.pk)
    subject = application.case.subject
    court = listed_court(application, hearing_list_for_application(application=application))
    hearsay = list(hearsay_item_list(application=application))
    conditions = [_condition(p, hearsay) for p in application_provisions(application=application)]

    return {
        "defendant": {
            "name": subject.full_name,
            "address": postal_address(subject),
            "date_of_birth": day_text(subject.date_of_birth),
        },
        "urn": "",  # the case's unique reference number is not recorded
        "court_name": court["name"],
        "court_date": court["date"],
        # The form's table: its "Prohibitions" rows, then its "Requirements" rows.
        "groups": [
            {"name": "Prohibitions", "conditions": [c for c in conditions if not c["requirement"]]},
            {"name": "Requirements", "conditions": [c for c in conditions if c["requirement"]]},
        ],
        "duration_months": application.proposed_duration_months,
    }
