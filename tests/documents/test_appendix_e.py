"""Appendix E, the police submission to the CPS for an order on conviction
(documents/forms/appendix_e.py and templates/documents/appendix_e.html): every label of the
guidance's form in its order, the records filled in, the blanks an empty application leaves, and
recorded text printed as typed."""

import re
from datetime import date, timedelta

import pytest

from documents.forms.appendix_e import TEMPLATE_VERSION, TITLE, appendix_e_context
from documents.rendering import render_html, render_pdf
from orders.models import Hearing, HearsayItem, Provision
from orders.workflow import Route
from tests.documents.pdf_text import assert_in, blank_after, missing_in_order, normalised, pdf_text
from tests.factories import OrganisationFactory
from tests.orders.review_builders import make_application

APPLICATION_DATE = date(2026, 3, 10)
TEMPLATE = "documents/appendix_e.html"
# The running footer: the heading's shorter name (data-footer in the template).
FOOTER = "Police submission to the CPS for an on-conviction KCPO"

# The form's own words, in its order: Home Office practitioners' guidance, "Appendix E – Police
# submission to CPS Form" (reference seed 003). A line with a blank to fill is split around it.
SEED_LABELS = (
    "Appendix E – Police submission to CPS Form",
    "Police Submission to the Crown Prosecution Service for an On Conviction KCPO",
    "Note – A draft Form KP3 (On Conviction KCPO Application) must also be submitted with the case file.",
    "Defendant’s name:",
    "Address:",
    "Date of birth:",
    "URN:",
    "Court and court date:",
    "The following conditions are sought. The reason for this, and any evidence, in support is indicated against each:",
    "Condition wording",
    "Rationale and evidence",
    "Oral evidence or hearsay, including reason",
    "Details of requirement supervisor (individual or organisation)",
    "Prohibitions",
    "Requirements",
    "Proposed duration of the order:",
    "months/years",
    "Where witnesses give evidence, this should be in Section 9 format. An indication should be given as to whether "
    "it is proposed the witness give evidence. If it is not, a reason for introducing their evidence as hearsay will "
    "need to be given in a notice. The clearest reason in a post-conviction case is that the witness’ evidence is not "
    "understood to be in dispute (this includes subject to minor editing) and therefore absent good reason their "
    "attendance should not be required. Provided they are clearly identified and referenced, police records may also "
    "be submitted: a PNC print, and where possible, material (for instance a crime report) explaining the underlying "
    "facts of the incident.",
)

HOSTILE_WORDING = "Not to carry <b>any</b> knife"
HOSTILE_RATIONALE = 'See <img src="file:///etc/passwd"> and <script>alert(1)</script>'


def render(application) -> str:
    pdf = render_pdf(TEMPLATE, appendix_e_context(application), draft=False, title=TITLE)
    return pdf_text(pdf, heading=FOOTER)


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def html_of(application) -> str:
    return render_html(TEMPLATE, {**appendix_e_context(application), "title": TITLE}, draft=False)


@pytest.fixture
def full_application(officer):
    """An adult's s19 application with a prohibition relying on hearsay, a supervised
    requirement, a sentencing hearing and a duration."""
    application = make_application(officer, route=Route.S19, application_date=APPLICATION_DATE)
    application.proposed_duration_months = 18
    application.save()
    subject = application.case.subject
    subject.given_names, subject.family_name = "Jordan Lee", "Ellis"
    subject.address_line_1, subject.town, subject.postcode = "12 Acre Lane", "London", "SW2 5SG"
    subject.save()
    application.provisions.filter(number=1).update(
        place="Brixton town centre", evidence="MG11 of PC Smith; account of Ms A Witness"
    )
    Provision.objects.create(
        application=application,
        number=2,
        kind="requirement",
        wording="To attend a weekly mentoring session",
        rationale="Addresses the peer group behind the offence",
        evidence="YOT assessment",
        supervisor_organisation=OrganisationFactory(provider=True, name="Lambeth Youth Mentoring"),
        suitability_evidence="Statement of the service manager",
    )
    HearsayItem.objects.create(
        application=application,
        description="Account of the threats online",
        maker="Ms A Witness",
        reason_not_called="Not in dispute after conviction",
    )
    court = OrganisationFactory(court=True, name="Inner London Crown Court", court_kind="crown")
    Hearing.objects.create(application=application, court=court, date=APPLICATION_DATE, kind="other")
    Hearing.objects.create(
        application=application, court=court, date=APPLICATION_DATE + timedelta(days=28), kind="sentencing"
    )
    return application


@pytest.fixture
def empty_application(officer):
    application = make_application(officer, route=Route.S19, application_date=APPLICATION_DATE)
    application.provisions.all().delete()
    application.proposed_duration_months = None
    application.save()
    return application


def test_every_label_of_the_form_appears_in_the_forms_order(full_application):
    text = render(full_application)

    assert missing_in_order(text, SEED_LABELS) == []
    assert "Defendant’s name:" in text
    assert "Appendix E – Police" in text


def test_the_records_are_filled_in(full_application):
    text = render(full_application)

    for value in (
        "Defendant’s name: Jordan Lee Ellis Address: 12 Acre Lane London SW2 5SG Date of birth: 1 January 2000",
        "Court and court date: Inner London Crown Court, 7 April 2026",
        "Proposed duration of the order: 18 months/years",
    ):
        assert_in(value, text)


def test_the_prohibitions_come_before_the_requirements_each_under_its_own_row(full_application):
    text = normalised(render(full_application))

    prohibitions, requirements = text.index("Prohibitions P1"), text.index("Requirements R2")
    assert prohibitions < text.index("Not to enter the area marked") < requirements
    assert requirements < text.index("To attend a weekly mentoring session")


def test_each_condition_shows_its_rationale_evidence_hearsay_and_supervisor(full_application):
    # The narrow columns wrap anywhere, even inside "(s.22)", so the comparison ignores whitespace.
    text = squashed(render(full_application))

    assert (
        squashed(
            "P1 Not to enter the area marked on the attached map Place: Brixton town centre "
            "Rationale: Both occasions were in this area Evidence: MG11 of PC Smith; account of Ms A Witness "
            "Hearsay evidence of Ms A Witness: Account of the threats online Reason: Not in dispute after conviction"
        )
        in text
    )
    assert (
        squashed(
            "R2 To attend a weekly mentoring session Rationale: Addresses the peer group behind the offence "
            "Evidence: YOT assessment Lambeth Youth Mentoring "
            "Evidence of suitability and enforceability (s.22): Statement of the service manager"
        )
        in text
    )


def test_hearsay_whose_maker_a_condition_does_not_name_is_left_off_that_condition(full_application):
    context = appendix_e_context(full_application)
    prohibitions, requirements = (group["conditions"] for group in context["groups"])

    assert [item["reason"] for item in prohibitions[0]["hearsay"]] == ["Not in dispute after conviction"]
    assert requirements[0]["hearsay"] == []


def test_the_years_of_months_years_are_struck_through_once_months_are_recorded(full_application):
    html = html_of(full_application)

    assert '<span class="inline-field">18</span> months/<s>years</s>' in html


def test_without_a_hearing_the_court_is_the_one_the_conviction_records(full_application):
    full_application.hearings.all().delete()
    full_application.conviction.court = "Lavender Hill Magistrates’ Court"
    full_application.conviction.save()

    html = html_of(full_application)

    assert re.search(
        r'Court and court date:</p><div class="field">Lavender Hill Magistrates’ Court, '
        r'<span class="inline-field inline-field--blank"></span></div>',
        html,
    )


def test_an_application_with_nothing_recorded_keeps_every_blank(empty_application):
    html = html_of(empty_application)
    text = render(empty_application)

    assert missing_in_order(text, SEED_LABELS) == []
    assert blank_after(html, "URN:")
    assert blank_after(html, "Court and court date:")
    # One empty row to write in under each of "Prohibitions" and "Requirements".
    assert len(re.findall(r"<tr>(<td class=\"blank-row\"></td>){4}</tr>", html)) == 2
    assert '<span class="inline-field inline-field--blank"></span> months/years' in html
    assert "<s>" not in html


def test_recorded_markup_is_printed_as_typed(full_application):
    full_application.provisions.filter(number=1).update(wording=HOSTILE_WORDING, rationale=HOSTILE_RATIONALE)

    html = html_of(full_application)
    text = squashed(render(full_application))

    assert "&lt;b&gt;any&lt;/b&gt;" in html and "<b>any</b>" not in html
    assert '<img src="file:///etc/passwd">' not in html
    assert squashed(HOSTILE_WORDING) in text
    assert squashed(HOSTILE_RATIONALE) in text


def test_the_context_takes_few_queries(full_application, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        appendix_e_context(full_application)

    assert TEMPLATE_VERSION == "appendix-e/1"
