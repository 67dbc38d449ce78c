"""Appendix D of the Home Office practitioners' guidance: the defendant's notice in response to
a knife crime prevention order application, one form for each notice the defence served
(orders.models.DefendantNotice), in the order they were served.

As with the other forms, what is not recorded is left empty ("" or an empty list) and the
template prints the form's blank for it, so a missing record shows on the page instead of
disappearing. Who the notice was served on (the court officer, the prosecutor) is not recorded
with the notice, so those boxes are always left to be completed by hand."""

from documents.forms.common import court_place, dotted_letters, listed_court, numbered
from eligibility.core.dates import day_text
from orders.court import call_witness_notice_due
from orders.models import Application, DefendantNoticePurpose
from orders.selectors import hearing_list_for_application, order_latest_for_application

TEMPLATE_VERSION = "appendix-d/1"
TITLE = "Defendant’s notice in response to a Knife Crime Prevention Order application (Appendix D)"

# How many numbered or lettered lines the seed form prints in each list: recorded lines fill
# them, and the rest stay as blank lines to write on, as on the paper form.
EVIDENCE_LINES = 4
MATERIAL_LINES = 4


def applies(application: Application) -> bool:
    """Whether the defence has served at least one notice in response to the application."""
    return application.defendant_notices.exists()


def _lines(text: str) -> list[str]:
    """A recorded list, one entry a line, without the empty lines between them."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _notice_context(notice) -> dict:
    purposes = set(notice.purposes)
    # The form's "not more than 7 days after the service of this notice": only a notice about
    # the prosecution's hearsay starts it.
    last_day = call_witness_notice_due(notice)
    return {
        "id": notice.id,
        # 1. What the notice relates to.
        "own_evidence": DefendantNoticePurpose.OWN_EVIDENCE in purposes,
        "cross_examine": DefendantNoticePurpose.CROSS_EXAMINE in purposes,
        "challenge_credibility": DefendantNoticePurpose.CHALLENGE_CREDIBILITY in purposes,
        # 2. The defendant's evidence.
        "evidence_lines": numbered(_lines(notice.evidence_relied_on), EVIDENCE_LINES),
        # 3. Cross-examination.
        "witnesses_to_cross_examine": notice.witnesses_to_cross_examine,
        "cross_examination_reasons": notice.cross_examination_reasons,
        # 4. Credibility or consistency.
        "witnesses_challenged": notice.witnesses_challenged,
        "material_lines": dotted_letters(_lines(notice.challenge_material), MATERIAL_LINES),
        "served_on": day_text(notice.served_on),
        "call_witness_last_day": day_text(last_day) if last_day else "",
        "defendant_contact": notice.defendant_contact,
    }


def appendix_d_context(application: Application) -> dict:
    """Everything Appendix D shows for `application`'s defendant's notices, from the records as
    they stand. Note: four queries whatever the number of notices (the application with its
    subject and conviction, its hearings, its latest order, its notices)."""
    application = Application.objects.select_related("case__subject", "conviction").get(pk=application.pk)
    subject = application.case.subject
    # The form prints "Magistrates’ / Youth / Crown Court" (it serves both routes, s14 and s19),
    # so the court is split as Appendix B splits it, not as the magistrates'-only heading is.
    court = listed_court(application, hearing_list_for_application(application=application))
    court_name, court_kind = court_place(court["name"], court["kind"])
    # The court's case number is known once the court has made an order (interim or full).
    order = order_latest_for_application(application=application)
    notices = application.defendant_notices.order_by("served_on", "id")

    return {
        "defendant_name": subject.full_name,
        "case_reference": order.court_reference if order else "",
        "court_name": court_name,
        "court_kind": court_kind,
        # To: neither is recorded with the notice.
        "court_officer": "",
        "prosecutor": "",
        "notices": [_notice_context(notice) for notice in notices],
    }
