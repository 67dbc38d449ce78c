"""Appendix B, the notice of intention to apply on conviction (documents/forms/appendix_b.py and
templates/documents/appendix_b.html): every label of the guidance's form in its order, the records
filled in, the blanks an empty application leaves, and recorded text printed as typed."""

import re
from datetime import date, timedelta

import pytest

from documents.forms.appendix_b import TEMPLATE_VERSION, TITLE, appendix_b_context
from documents.forms.common import court_place
from documents.rendering import render_html, render_pdf
from orders.models import EvidenceItem, Hearing, HearsayItem, Provision
from orders.workflow import Route
from tests.documents.pdf_text import assert_in, blank_after, missing_in_order, normalised, pdf_text
from tests.factories import OrganisationFactory
from tests.orders.review_builders import make_application

APPLICATION_DATE = date(2026, 3, 10)
TEMPLATE = "documents/appendix_b.html"
HEADING = (
    "Notice of intention to apply for a Knife Crime Prevention Order is the defendant is convicted and proposed "
    "application"
)
# The running footer: the heading's shorter name (data-footer in the template).
FOOTER = "Notice of intention to apply for a KCPO on conviction"

# The form's own words, in its order: Home Office practitioners' guidance, "Appendix B –
# Notification of KCPO application on conviction form" (reference seed 003), typo and all
# ("is the defendant is convicted"). A line with a blank to fill is split around the blank.
SEED_LABELS = (
    "Appendix B – Notification of KCPO application on conviction form",
    HEADING,
    "(section 19 Offensive Weapons Act 2019)",
    "R v",
    "Case reference number:",
    "In the",
    "Magistrates’ / Youth / Crown Court",
    "Relevant offence(s) charged:",
    "(this offence involves:",
    "violence or the threat of violence",
    "the use by the defendant or any other person of a bladed article in the commission of the offence",
    "the defendant or another person who committed the offence had a bladed article with them when the offence "
    "was committed)",
    "1. THIS NOTICE is to tell you (name, address and date of birth of the defendant against whom the prosecutor "
    "intends to apply to the court for a Knife Crime Prevention Order)",
    "Defendant name:",
    "Address:",
    "Date of birth:",
    "that if you are convicted of one or more relevant offences with which you have been charged, the prosecutor "
    "intends to apply to the court for a Knife Crime Prevention Order to be made against you.",
    "If you are under 18 years of age when the application is made the prosecution must consult the youth "
    "offending team about the proposed order.",
    "2. THE TERMS OF THE ORDER the prosecutor wants the court to make are:",
    "The defendant must not: (prosecutor to specify here the prohibitions sought)",
    "1.",
    "2.",
    "3.",
    "4.",
    "The defendant must: (prosecutor to specify here the requirements sought)",
    "1.",
    "2.",
    "3.",
    "4.",
    "3. Where a requirement(s) is/are proposed, the individual or organisation responsible for supervising the "
    "requirement is:",
    "Name:",
    "Address:",
    "Contact details:",
    "It is proposed that the evidence about the suitability and enforceability of the requirement is given in the "
    "following way:",
    "4. The period for which the order is sought is:",
    "(this period will be between 6 months and 2 years in duration)",
    "5. The prosecution say that it is necessary to make the order:",
    "to protect the public in England and Wales from the risk of harm involving a bladed article,",
    "to protect any particular members of the public in England and Wales (including the defendant) from such risk",
    "to prevent the defendant from committing an offence involving a bladed article.",
    "6. NOTICE TO THE DEFENDANT SERVED with this document:",
    "If you are convicted, you will have an opportunity to explain to the court why you think the proposed order "
    "should not be made. (Written notice of any evidence you rely on needs to be served on the court officer and "
    "the prosecutor.)",
    "7. Summary of the relevant facts.",
    "8. Evidence in support:",
    "The prosecution will rely on the following evidence, and attaches any evidence not already served:",
    "(a)",
    "(b)",
    "(c)",
    "(d)",
    "9. Notice of intention to rely on hearsay evidence",
    "THIS NOTICE is to tell you that the prosecution intends to rely on hearsay evidence in this application for a "
    "Knife Crime Prevention Order against the defendant.",
    "TAKE NOTE, the hearsay evidence is that referred to at the following points above:",
    "Item of hearsay evidence",
    "Identity of the maker of the hearsay statement (or explanation if they are not identified)",
    "Why that person will not be called to give oral evidence",
    "10. Other material submitted in support of the application",
    "Any other relevant material should also be identified and served (for instance, any draft exclusion zone).",
    "11. Details of applicant",
    "Signed",
    "Prosecutor",
    "Contact details:",
    "Date",
    "Details of Chief Officer of Police or Chief Constable",
    "Name:",
    "Contact details:",
    "This notice and proposed application must be served, with the listed attachments upon which the application "
    "will be based, as soon as possible (in an appropriate case, without waiting for a verdict) on the court "
    "officer, the defendant and any person on whom the order would likely have a significant adverse effect.",
)

HOSTILE_WORDING = "Not to carry <b>any</b> knife"
HOSTILE_FACTS = 'See <img src="file:///etc/passwd"> and <script>alert(1)</script>'


def render(application) -> str:
    pdf = render_pdf(TEMPLATE, appendix_b_context(application), draft=False, title=TITLE)
    return pdf_text(pdf, heading=FOOTER)


def html_of(application) -> str:
    return render_html(TEMPLATE, {**appendix_b_context(application), "title": TITLE}, draft=False)


@pytest.fixture
def full_application(officer):
    """An adult's s19 application with everything the form can show recorded."""
    application = make_application(officer, route=Route.S19, application_date=APPLICATION_DATE)
    application.necessity_grounds = ["protect_public", "prevent_offence"]
    application.grounds_argument = "Stabbed a rival outside a chicken shop after a week of threats online."
    application.proposed_duration_months = 18
    application.cps_area = OrganisationFactory(cps=True, name="CPS London North")
    application.save()
    subject = application.case.subject
    subject.given_names, subject.family_name = "Jordan Lee", "Ellis"
    subject.address_line_1, subject.town, subject.postcode = "12 Acre Lane", "London", "SW2 5SG"
    subject.save()
    conviction = application.conviction
    conviction.offence, conviction.offence_date = "Wounding with intent", date(2026, 2, 14)
    conviction.violence_or_threat, conviction.bladed_article_used = True, True
    conviction.bladed_article_had = False
    conviction.save()

    application.provisions.filter(number=1).update(
        place="Brixton town centre",
        schedule=[{"days": [0, 1, 2, 3, 4], "start": "19:00", "end": "07:00"}],
        exceptions="To attend court or a solicitor by appointment",
    )
    Provision.objects.create(
        application=application,
        number=2,
        kind="requirement",
        wording="To attend a weekly mentoring session",
        supervisor_name="Sam Mentor",
        supervisor_organisation=OrganisationFactory(provider=True, name="Lambeth Youth Mentoring"),
        suitability_evidence="Statement of the service manager, 20 February 2026",
    )
    EvidenceItem.objects.create(
        application=application, kind="lead_statement", description="Statement of PC Smith", reference="MG11/1"
    )
    EvidenceItem.objects.create(application=application, kind="pnc_print", description="PNC print of the defendant")
    EvidenceItem.objects.create(application=application, kind="map", description="Draft exclusion zone")
    HearsayItem.objects.create(
        application=application,
        description="Account of the threats online",
        maker="Ms A Witness",
        reason_not_called="Not in dispute after conviction",
    )
    court = OrganisationFactory(court=True, name="Inner London Crown Court", court_kind="crown")
    Hearing.objects.create(
        application=application, court=court, date=APPLICATION_DATE + timedelta(days=28), kind="sentencing"
    )
    return application


@pytest.fixture
def empty_application(officer):
    """An s19 application with nothing recorded beyond what starting one requires."""
    application = make_application(officer, route=Route.S19, application_date=APPLICATION_DATE)
    application.provisions.all().delete()
    application.necessity_grounds, application.grounds_argument, application.proposed_duration_months = [], "", None
    application.save()
    conviction = application.conviction
    conviction.bladed_article_had = False
    conviction.save()
    return application


def test_every_label_of_the_form_appears_in_the_forms_order(full_application):
    text = render(full_application)

    assert missing_in_order(text, SEED_LABELS) == []
    # pypdf gives back the form's curly apostrophes and dashes as they are.
    assert "Magistrates’" in text
    assert "Appendix B – Notification" in text


def test_the_records_are_filled_in(full_application):
    text = render(full_application)

    for value in (
        "R v Jordan Lee Ellis Case reference number:",
        "In the Inner London Magistrates’ / Youth / Crown Court",
        "Relevant offence(s) charged: Wounding with intent on 14 February 2026",
        "[X] violence or the threat of violence",
        "[X] the use by the defendant or any other person of a bladed article",
        "[ ] the defendant or another person who committed the offence had a bladed article",
        "Defendant name: Jordan Lee Ellis Address: 12 Acre Lane London SW2 5SG Date of birth: 1 January 2000",
        "1. P1 Not to enter the area marked on the attached map Place: Brixton town centre When: Mon-Fri "
        "19:00-07:00 Exceptions: To attend court or a solicitor by appointment 2. 3. 4.",
        "1. R2 To attend a weekly mentoring session 2. 3. 4.",
        "Name: R2: Sam Mentor (Lambeth Youth Mentoring) Address:",
        "in the following way: R2: Statement of the service manager, 20 February 2026 4. The period",
        "4. The period for which the order is sought is: 18 months",
        "[X] to protect the public",
        "[ ] to protect any particular members",
        "[X] to prevent the defendant",
        "7. Summary of the relevant facts. Stabbed a rival outside a chicken shop after a week of threats online.",
        "(a) Lead officer’s statement (MG11): Statement of PC Smith (MG11/1) "
        "(b) PNC court print: PNC print of the defendant "
        "(c) Hearsay evidence of Ms A Witness: Account of the threats online (d)",
        "(c) Account of the threats online Ms A Witness Not in dispute after conviction",
        "(for instance, any draft exclusion zone). Map: Draft exclusion zone",
        "Prosecutor CPS London North",
    ):
        assert_in(value, text)


def test_the_kinds_of_court_it_is_not_are_struck_through(full_application):
    html = html_of(full_application)

    assert "<s>Magistrates’</s> / <s>Youth</s> / Crown Court" in html


def test_a_courts_name_is_given_without_its_kind_of_court():
    assert court_place("Highbury Corner Magistrates’ Court") == ("Highbury Corner", "magistrates")
    assert court_place("Wood Green Crown Court", "crown") == ("Wood Green", "crown")
    assert court_place("Crown Court at Snaresbrook", "crown") == ("Crown Court at Snaresbrook", "crown")


def test_without_a_hearing_the_court_is_the_one_the_conviction_records(full_application):
    full_application.hearings.all().delete()
    full_application.conviction.court = "Lavender Hill Magistrates’ Court"
    full_application.conviction.save()

    text = render(full_application)

    assert_in("In the Lavender Hill Magistrates’ / Youth / Crown Court", text)
    assert "Magistrates’ / <s>Youth</s> / <s>Crown</s> Court" in html_of(full_application)


def test_an_application_with_nothing_recorded_keeps_every_blank(empty_application):
    html = html_of(empty_application)
    text = render(empty_application)

    assert missing_in_order(text, SEED_LABELS) == []
    for label in (
        "Case reference number:",
        "Contact details:",
        "It is proposed that the evidence about the suitability and enforceability of the requirement is given in "
        "the following way:",
        "Any other relevant material should also be identified and served (for instance, any draft exclusion zone).",
        "Signed",
        "Prosecutor",
        "Date",
    ):
        assert blank_after(html, label), label
    for heading in (
        "4. The period for which the order is sought is:",
        "7. Summary of the relevant facts.",
    ):
        assert re.search(rf"{re.escape(heading)}</h2>\s*<div class=\"field field--blank\"></div>", html), heading
    # Four numbered lines each for prohibitions and requirements, four lettered for evidence.
    assert len(re.findall(r'<span class="letter">[1-4]\.</span><div class="field field--blank"></div>', html)) == 8
    assert len(re.findall(r'<span class="letter">\([a-d]\)</span><div class="field field--blank"></div>', html)) == 4
    assert html.count('<td class="blank-row"></td>') == 3
    assert html.count('<span class="inline-field inline-field--blank"></span>') == 1  # the court
    assert "<s>" not in html
    for box in (
        "[ ] violence or the threat of violence",
        "[ ] the use by the defendant",
        "[ ] the defendant or another person",
        "[ ] to protect the public",
        "[ ] to protect any particular",
        "[ ] to prevent the defendant",
    ):
        assert_in(box, text)


def test_recorded_markup_is_printed_as_typed(full_application):
    full_application.provisions.filter(number=1).update(wording=HOSTILE_WORDING)
    full_application.grounds_argument = HOSTILE_FACTS
    full_application.save()

    html = html_of(full_application)
    text = normalised(render(full_application))

    assert "&lt;b&gt;any&lt;/b&gt;" in html and "<b>any</b>" not in html
    assert '<img src="file:///etc/passwd">' not in html
    assert re.sub(r"\s+", "", HOSTILE_WORDING) in re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", HOSTILE_FACTS) in re.sub(r"\s+", "", text)


def test_the_context_takes_few_queries(full_application, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        appendix_b_context(full_application)

    assert TEMPLATE_VERSION == "appendix-b/1"
