"""Appendix D, the defendant's notice in response to an application (documents/forms/appendix_d.py
and templates/documents/appendix_d.html): every label of the guidance's form in its order, the
notice's records filled in, one form per notice on its own page in the order served, the blanks
a bare notice leaves, recorded text printed as typed, and which applications it applies to."""

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from documents.forms import appendix_d
from documents.forms.appendix_d import TEMPLATE_VERSION, TITLE, appendix_d_context
from documents.rendering import render_html, render_pdf
from orders.court import OrderTerms, defendant_notice_record, hearing_list, hearing_record_outcome
from orders.models import DefendantNotice
from orders.workflow import State
from tests.documents.pdf_text import assert_in, blank_after, footer_pattern, missing_in_order, normalised, pdf_text
from tests.orders.review_builders import make_application

TODAY = date(2026, 11, 22)
SERVED_ON = date(2026, 11, 16)
HEARING_DAY = date(2026, 12, 14)
TEMPLATE = "documents/appendix_d.html"
HEADING = "Appendix D - Defendant’s Notice in response to a Knife Crime Prevention Order application"
# The running footer: the heading's shorter name (data-footer in the template).
FOOTER = "Defendant’s notice (Appendix D)"

# The form's own words, in its order: Home Office practitioners' guidance, "Appendix D - Defendant’s
# Notice in response to a Knife Crime Prevention Order application" (reference seed 003), with its
# two sections numbered 4. A line with a blank to fill is split around the blank.
SEED_LABELS = (
    HEADING,
    "R v",
    "Case reference number:",
    "In the",
    "Magistrates’ / Youth / Crown Court",
    "To:",
    "The Court Officer (provide details of the court officer on whom this notice is served)",
    "The prosecutor (provide details of the prosecutor on whom this notice is served)",
    "1. THIS NOTICE:",
    "relates to evidence on which the defendant will rely in this application",
    "relates to hearsay evidence on which the prosecution intend to rely: the defendant wants to cross-examine "
    "that witness",
    "relates to hearsay evidence on which the prosecution intend to rely: the defendant wants to challenge the "
    "credibility or consistency of that witness",
    "2. TAKE NOTE, the evidence on which the defendant intends to rely, and which is attached where it has not "
    "already been served, is as follows:",
    "1.",
    "2.",
    "3.",
    "4.",
    "3. TAKE NOTE, the defendant wants to cross-examine the following witness(es):",
    "for the following reason(s):",
    "Those served with this application have at least 7 days in which to make representations, including "
    "representations as to whether there should be a hearing.",
    "4. TAKE NOTE, the defendant wants to challenge the credibility or consistency of the following witness(es):",
    "Any statement or other material relied upon is as follows:",
    "a.",
    "b.",
    "c.",
    "d.",
    "If the party which served the hearsay evidence intends to call the witness to give oral evidence they must "
    "serve a notice of intention to do so not more than 7 days after the service of this notice.",
    "4. Name and contact details of defendant:",
    "Name:",
    "Contact details:",
)

HOSTILE_WITNESS = "PC <b>Smith</b>"
HOSTILE_MATERIAL = 'See <img src="file:///etc/passwd"> and <script>alert(1)</script>'


def render_bytes(application) -> bytes:
    return render_pdf(TEMPLATE, appendix_d_context(application), draft=False, title=TITLE)


def render(application) -> str:
    return pdf_text(render_bytes(application), heading=FOOTER)


def html(application) -> str:
    return render_html(TEMPLATE, {**appendix_d_context(application), "title": TITLE}, draft=False)


def blank_under_heading(markup: str, heading: str) -> bool:
    """Whether a section heading of the form is followed by an empty bordered box."""
    return re.search(rf"{re.escape(heading)}</h2>\s*<div class=\"field field--blank\"></div>", markup) is not None


def record_notice(application, officer, **fields):
    arguments = {
        "served_on": SERVED_ON,
        "purposes": ["own_evidence", "cross_examine", "challenge_credibility"],
        "evidence_relied_on": "Letter from the defendant’s college\n\nStatement of Ms Jones",
        "witnesses_to_cross_examine": "PC Smith",
        "cross_examination_reasons": "Identification is disputed",
        "witnesses_challenged": "Ms A Witness",
        "challenge_material": "Her first account to the police\nCCTV of the High Street",
        "defendant_contact": "c/o Ellis & Co Solicitors, 1 Brixton Road, London SW9 6DE",
        "today": TODAY,
        **fields,
    }
    return defendant_notice_record(application=application, membership=officer, **arguments)


@pytest.fixture
def noticed(officer, court):
    """A laid application listed for its full hearing, with the defence's notice served on it."""
    application = make_application(officer, state=State.LAID, application_date=TODAY - timedelta(days=30))
    subject = application.case.subject
    subject.given_names, subject.family_name = "Jordan Lee", "Ellis"
    subject.save()
    hearing_list(application=application, membership=officer, court=court, on=HEARING_DAY, kind="full")
    record_notice(application, officer)
    return application


def with_order(application, officer, court):
    """The court made a full order on the application (KCPO/2026/001)."""
    hearing = application.hearings.get()
    terms = OrderTerms.as_proposed(application, court_reference="KCPO/2026/001", duration_months=12)
    hearing_record_outcome(hearing=hearing, membership=officer, outcome="granted", today=HEARING_DAY, order_terms=terms)


def test_every_label_of_the_form_appears_in_the_forms_order(noticed):
    text = render(noticed)

    assert missing_in_order(text, SEED_LABELS) == []
    # The seed's own hyphen and curly apostrophe are printed as they are.
    assert "Appendix D - Defendant’s Notice" in text


def test_the_notice_is_filled_in(noticed):
    text = render(noticed)

    for value in (
        "R v Jordan Lee Ellis",
        "In the Highbury Corner Magistrates’ / Youth / Crown Court",
        "[X] relates to evidence on which the defendant will rely",
        "[X] relates to hearsay evidence on which the prosecution intend to rely: the defendant wants to cross-examine",
        "[X] relates to hearsay evidence on which the prosecution intend to rely: the defendant wants to challenge",
        # The evidence one line to a numbered line, the empty line between them dropped.
        "1. Letter from the defendant’s college 2. Statement of Ms Jones 3.",
        "witness(es): PC Smith for the following reason(s): Identification is disputed",
        "witness(es): Ms A Witness",
        "a. Her first account to the police b. CCTV of the High Street c.",
        "Name: Jordan Lee Ellis",
        "Contact details: c/o Ellis & Co Solicitors, 1 Brixton Road, London SW9 6DE",
    ):
        assert_in(value, text)


def test_the_last_day_for_notice_of_calling_the_witness_is_printed_by_the_served_date(noticed):
    text = render(noticed)

    # Served on 16 November 2026; not more than 7 days after it is 23 November 2026.
    assert_in(
        "after the service of this notice. This notice served on: 16 November 2026 "
        "Last day for notice of intention to call the witness: 23 November 2026",
        text,
    )


def test_a_notice_only_of_the_defendants_own_evidence_sets_no_last_day(noticed):
    noticed.defendant_notices.update(purposes=["own_evidence"])

    context = appendix_d_context(noticed)

    assert (context["notices"][0]["served_on"], context["notices"][0]["call_witness_last_day"]) == (
        "16 November 2026",
        "",
    )


def test_the_case_reference_is_the_orders_once_the_court_has_made_one(noticed, officer, court):
    with_order(noticed, officer, court)

    assert_in("Case reference number: KCPO/2026/001", render(noticed))


def test_a_bare_notice_keeps_every_blank(officer):
    application = make_application(officer, application_date=TODAY)
    DefendantNotice.objects.create(
        application=application, served_on=SERVED_ON, purposes=["own_evidence"], recorded_by=officer.user
    )

    markup = html(application)
    text = render(application)

    assert missing_in_order(text, SEED_LABELS) == []
    for label in ("Case reference number:", "for the following reason(s):", "Contact details:"):
        assert blank_after(markup, label), label
    for heading in (
        "3. TAKE NOTE, the defendant wants to cross-examine the following witness(es):",
        "4. TAKE NOTE, the defendant wants to challenge the credibility or consistency of the following witness(es):",
    ):
        assert blank_under_heading(markup, heading), heading
    # To: the court officer and the prosecutor are not recorded with the notice.
    assert (
        len(re.findall(r'on whom this notice is served\)</span></p>\s*<div class="field field--blank"></div>', markup))
        == 2
    )
    # Every numbered and lettered line is there to be written on: 4 + 4.
    assert len(re.findall(r'<span class="letter">[1-4a-d]\.</span><div class="field field--blank"></div>', markup)) == 8
    assert_in("In the ………. Magistrates’ / Youth / Crown Court", text)
    assert_in("[X] relates to evidence on which the defendant will rely", text)
    assert_in(
        "[ ] relates to hearsay evidence on which the prosecution intend to rely: the defendant wants to cross", text
    )


def test_two_notices_give_two_forms_each_on_its_own_page_in_the_order_served(noticed, officer):
    # Recorded after the fixture's notice of 16 November, but served before it.
    record_notice(noticed, officer, served_on=date(2026, 11, 13), purposes=["own_evidence"])

    pages = PdfReader(io.BytesIO(render_bytes(noticed))).pages
    footer = footer_pattern(FOOTER)
    texts = [normalised(footer.sub("", page.extract_text())) for page in pages]
    forms = [text for text in texts if text.startswith(normalised(HEADING))]

    assert len(forms) == 2
    assert [
        re.search(r"This notice served on: (\d+ \w+ \d{4})", " ".join(texts[texts.index(form) :])).group(1)
        for form in forms
    ] == ["13 November 2026", "16 November 2026"]


def test_recorded_markup_is_printed_as_typed(noticed):
    noticed.defendant_notices.update(witnesses_to_cross_examine=HOSTILE_WITNESS, challenge_material=HOSTILE_MATERIAL)

    markup = html(noticed)
    text = re.sub(r"\s+", "", render(noticed))

    assert "PC &lt;b&gt;Smith&lt;/b&gt;" in markup and "<b>Smith</b>" not in markup
    assert '<img src="file:///etc/passwd">' not in markup
    assert re.sub(r"\s+", "", HOSTILE_WITNESS) in text
    assert re.sub(r"\s+", "", HOSTILE_MATERIAL) in text


def test_the_context_takes_the_same_few_queries_however_many_notices(
    noticed, officer, court, django_assert_max_num_queries
):
    with_order(noticed, officer, court)
    for days in (1, 2, 3):
        record_notice(noticed, officer, served_on=SERVED_ON + timedelta(days=days))

    with django_assert_max_num_queries(4):
        context = appendix_d_context(noticed)

    assert len(context["notices"]) == 4
    assert TEMPLATE_VERSION == "appendix-d/1"


def test_it_applies_only_once_the_defence_has_served_a_notice(noticed, officer):
    without = make_application(officer, application_date=TODAY)

    assert (appendix_d.applies(noticed), appendix_d.applies(without)) == (True, False)
