"""Appendix A, the complaint otherwise than on conviction (documents/forms/appendix_a.py and
templates/documents/appendix_a.html): every label of the guidance's form in its order, the
records filled in, the with-notice and without-notice variants, the blanks an empty application
leaves, and recorded text printed as typed."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from cases.choices import Gender
from documents.forms.appendix_a import TEMPLATE_VERSION, TITLE, appendix_a_context
from documents.rendering import render_html, render_pdf
from orders.models import EvidenceItem, Hearing, HearsayItem, Provision
from orders.workflow import Route
from tests.documents.pdf_text import assert_in, blank_after, missing_in_order, normalised, pdf_text
from tests.factories import OrganisationFactory, make_occasion
from tests.orders.review_builders import make_application, make_consultation, under_18_on

# Within the Metropolitan Police pilot (eligibility migration 0002), so the occasions count.
APPLICATION_DATE = date(2023, 3, 1)
TEMPLATE = "documents/appendix_a.html"
HEADING = "Complaint for a Knife Crime Prevention Order"

# The form's own words, in its order: Home Office practitioners' guidance, "Appendix A –
# Notification of KCPO application otherwise than on conviction form" (reference seed 003).
# A line with a blank to fill ("[Name of Police Force] APPLICANT") is split around the blank.
SEED_LABELS = (
    "Appendix A – Notification of KCPO application otherwise than on conviction form",
    "Complaint for a Knife Crime Prevention Order",
    "Section 14 Offensive Weapons Act 2019",
    "IN THE",
    "MAGISTRATES’ COURT",
    "BETWEEN: -",
    "APPLICANT",
    "-v-",
    "DEFENDANT",
    "Court Ref. No:",
    "Date of complaint:",
    "Complaint for an otherwise than on conviction FCPO:",
    "With notice",
    "Without notice (S. 16 Offensive Weapons Act 2019)",
    "1. Applicant’s details",
    "This application is made on behalf of the Chief Office",
    "(Name)",
    "of",
    "by:",
    "Full name (applicant):",
    "Rank/Band:",
    "Pay/Warrant no.:",
    "Email address:",
    "Telephone no:",
    "Address of police force:",
    "Postcode:",
    "I confirm that I am a constable, or designated person, able to apply on behalf of the Chief Officer of Police.",
    "Defendant’s details",
    "Surname:",
    "First name(s):",
    "Gender:",
    "Male",
    "Female",
    "Other",
    "Date of birth:",
    "Under 18 on date of complaint:",
    "Yes",
    "No",
    "Full postal address:",
    "Postcode:",
    "Email address:",
    "Phone no. (if known):",
    "The defendant:",
    "Lives in the police area of the applicant (S.15(2)(a) Offensive Weapons Act 2019)",
    "Is in, or is intending to come to, the police area of the applicant (S.15(2)(b) Offensive Weapons Act 2019)",
    "If under 18, and where known, Parent/Guardian details:",
    "Parent/Guardian Name:",
    "Parent/Guardian Address:",
    "If unable to provide, explanation as to why:",
    "Matter of complaint",
    "This complaint is made on the basis of section 14 Offensive Weapons Act 2019, that the defendant has had a "
    "bladed article with them without good reason or lawful authority in a public place in England and Wales, on "
    "school premises or on further education premises, on at least two occasions in the relevant period, namely:",
    "And it is necessary to make an order to:",
    "(a) Protect the public in England and Wales from the risk of harm involving a bladed article, or",
    "(b) Protect any particular members of the public in England and Wales (including the defendant) from such "
    "risk, or",
    "(c) To prevent the defendant from committing an offence involving a bladed article.",
    "Provide the grounds in support of your complaint:",
    "Taken before me:",
    "(Choose an item.)",
    "Note: This complaint, including the supplement, must be served on the court. For a With Notice application, "
    "an authorised officer or the court will decide to issue a summons. Following the issue of the summons, both "
    "the complaint, including the supplement, and the summons, must be served on the defendant in accordance with "
    "the Magistrates’ Courts Rules 1981.",
    "Supplement to the complaint for a Knife Crime Prevention Order",
    "Proposed Duration of Knife Crime Prevention Order",
    "The order to last for/until:",
    "Note: A Knife Crime Prevention Order has effect for a fixed period specified in the order. The fixed period "
    "specified must be a period of a maximum 2 years beginning with the day on which the order is made. Different "
    "periods may be specified in relation to different prohibitions or requirements. The minimum period is 6 "
    "months. A new Knife Crime Prevention Order replaces an existing one.",
    "An Interim Knife Crime Prevention Order does not have to be for a fixed period and has effect only until the "
    "determination of the main complaint, when it ceases to have effect.",
    "Proposed Prohibitions/Requirements",
    "The Applicant proposes the following PROHIBITIONS:",
    "The Applicant proposes the following REQUIREMENTS:",
    "Requirement",
    "Supervisor (Person and/or organisation)",
    "1.",
    "2.",
    "3.",
    "4.",
    "Note: It is important that any proposed positive requirement in respect of the defendant be such that the "
    "supervisor can monitor their compliance in order to comply with their duty under s.22(5) Offensive Weapons "
    "Act 2019. Requirements in an order must be compatible with each other.",
    "4. Attachments in support of the proposed application:",
    "The applicant attaches the following material upon which the application will be based: (Attach items (i) "
    "and (ii) in every case and (iii) where applicable.)",
    "(i) Description of previous instances of the defendant having a bladed article with them without good reason "
    "or lawful authority in a public place in England and Wales, on school premises or on further education "
    "premises (a list, with dates, of the specific instances upon which the applicant will rely in making this "
    "application)",
    "(a)",
    "(b)",
    "(c)",
    "(d)",
    "(ii) Evidence to be relied on (e.g. witness statements, any previous convictions):",
    "A list of such evidence that has not yet been served and is attached to and served with this notice:",
    "(a)",
    "(b)",
    "(c)",
    "(d)",
    "(iii) Other documents served with this notice (The applicant is required to list and attach all other "
    "documents now served, such as a map of the proposed exclusion area).",
    "(a)",
    "(b)",
    "5. Connection to previous order(s)",
    "Is this complaint connected to one or more previous Knife Crime Prevention Orders?",
    "Yes (If yes, please give the previous Order(s) court case reference number(s) and explain the connection "
    "between them and this complaint)",
    "No",
    "Reference no.",
    "Connection",
    "6. YOT consultation conducted? (Under 18 only)",
    "Yes",
    "No",
    "YOT consulted:",
    "If applying without notice, which YOT do you intend to consult:",
    "7. Declaration",
    "To the best of my knowledge and belief:",
    "(a) this complaint discloses all of the information that is material to what the court must take into "
    "consideration when deciding on the complaint, including anything that might reasonably be considered capable "
    "of undermining any of the grounds of the complaint; and",
    "(b) The content of this complaint is true.",
    "Signed:",
    "Date:",
)

HOSTILE_WORDING = "Not to carry <b>any</b> knife"
HOSTILE_ARGUMENT = 'See <img src="file:///etc/passwd"> and <script>alert(1)</script>'


def render(application, *, draft=False) -> str:
    pdf = render_pdf(TEMPLATE, appendix_a_context(application), draft=draft, title=TITLE)
    return pdf_text(pdf, heading=HEADING)


def missing_labels(text: str) -> list[str]:
    return missing_in_order(text, SEED_LABELS)


@pytest.fixture
def full_application(officer):
    """An under-18's with-notice application with everything the form can show recorded."""
    application = make_application(
        officer, date_of_birth=under_18_on(APPLICATION_DATE), application_date=APPLICATION_DATE
    )
    application.necessity_grounds = ["protect_public", "prevent_offence"]
    application.grounds_argument = "Two knives in public within five months, both near the same estate."
    application.proposed_duration_months = 18
    application.save()
    subject = application.case.subject
    subject.given_names, subject.family_name, subject.gender = "Jordan Lee", "Ellis", Gender.MALE
    subject.address_line_1, subject.town, subject.postcode = "12 Acre Lane", "London", "SW2 5SG"
    subject.police_area = "metropolitan"
    subject.guardian_name, subject.guardian_relationship = "Maria Ellis", "mother"
    subject.guardian_address = "12 Acre Lane, London SW2 5SG"
    subject.save()
    # Two occasions that count; one with a good reason and one too old, which do not.
    make_occasion(subject, date(2022, 12, 10))
    make_occasion(subject, date(2022, 10, 3), place="school_premises")
    make_occasion(subject, date(2023, 1, 2), good_reason="work")
    make_occasion(subject, date(2020, 6, 1))

    application.provisions.filter(number=1).update(
        wording="Not to enter the area marked on the attached map",
        place="Brixton town centre",
        schedule=[{"days": [0, 1, 2, 3, 4], "start": "19:00", "end": "07:00"}],
        period_months=12,
        exceptions="To attend court or a solicitor by appointment",
    )
    mentoring = OrganisationFactory(provider=True, name="Lambeth Youth Mentoring")
    Provision.objects.create(
        application=application,
        number=2,
        kind="requirement",
        wording="To attend a weekly mentoring session",
        supervisor_organisation=mentoring,
        suitability_evidence="Statement of the service manager, 20 February 2023",
    )
    EvidenceItem.objects.create(
        application=application, kind="lead_statement", description="Statement of PC Smith", reference="MG11/1"
    )
    EvidenceItem.objects.create(application=application, kind="pnc_print", description="PNC print of the defendant")
    EvidenceItem.objects.create(application=application, kind="map", description="Map of the exclusion area")
    HearsayItem.objects.create(
        application=application,
        description="Account of the second occasion",
        maker="Ms A Witness",
        reason_not_called="Fear of reprisal",
    )
    yot = OrganisationFactory(yot=True, name="Lambeth Youth Offending Service")
    make_consultation(
        application,
        yot,
        officer,
        views="The YOT supports a mentoring requirement.",
        replied_at=timezone.now(),
    )
    court = OrganisationFactory(court=True, name="Highbury Corner Magistrates’ Court")
    Hearing.objects.create(
        application=application, court=court, date=APPLICATION_DATE + timedelta(days=21), kind="full"
    )
    return application


def test_every_label_of_the_form_appears_in_the_forms_order(full_application):
    text = render(full_application)

    assert missing_labels(text) == []
    # pypdf gives back the form's curly apostrophes and dashes as they are.
    assert "Applicant’s details" in text
    assert "Appendix A – Notification" in text


def test_the_records_are_filled_in(full_application, officer):
    text = render(full_application)

    for value in (
        "IN THE HIGHBURY CORNER MAGISTRATES’ COURT",
        "BETWEEN: - Metropolitan Police Service APPLICANT",
        "Jordan Lee Ellis DEFENDANT",
        "Date of complaint: 1 March 2023",
        f"of Metropolitan Police Service by: Full name (applicant): {officer.user.full_name}",
        f"Email address: {officer.user.email}",
        "Surname: Ellis First name(s): Jordan Lee",
        "Gender: [X] Male [ ] Female [ ] Other",
        "Date of birth: 1 March 2008",
        "Under 18 on date of complaint: [X] Yes [ ] No",
        "Full postal address: 12 Acre Lane London Postcode: SW2 5SG",
        "[X] Lives in the police area of the applicant",
        "[ ] Is in, or is intending to come to",
        "Parent/Guardian Name: Maria Ellis (mother)",
        "Parent/Guardian Address: 12 Acre Lane, London SW2 5SG",
        # The occasions that count, most recent first; not the one with a good reason or the old one.
        "namely: 10 December 2022: Public place, High Street; Kitchen knife "
        "3 October 2022: School premises, High Street; Kitchen knife And it is necessary",
        "[X] (a) Protect the public",
        "[ ] (b) Protect any particular members",
        "[X] (c) To prevent the defendant",
        "Two knives in public within five months, both near the same estate.",
        "The order to last for/until: 18 months",
        "P1 Not to enter the area marked on the attached map",
        "Place: Brixton town centre",
        "When: Mon-Fri 19:00-07:00",
        "Period: 12 months from the day the order takes effect",
        "Exceptions: To attend court or a solicitor by appointment",
        "1. R2 To attend a weekly mentoring session Lambeth Youth Mentoring",
        "Statement of the service manager, 20 February 2023",
        "(a) 10 December 2022: Public place",
        "(b) 3 October 2022: School premises",
        "(a) Lead officer’s statement (MG11): Statement of PC Smith (MG11/1)",
        "(b) PNC court print: PNC print of the defendant",
        "(c) Hearsay evidence of Ms A Witness: Account of the second occasion",
        "(a) Map: Map of the exclusion area",
        "(Under 18 only) [X] Yes [ ] No",
        "Lambeth Youth Offending Service: consulted on",
        "The YOT supports a mentoring requirement.",
    ):
        assert_in(value, text)
    assert "2 January 2023" not in text and "1 June 2020" not in text
    assert "Reasons for applying without notice" not in text
    assert_in("[X] With notice [ ] Without notice", text)


def test_the_prohibition_is_listed_under_prohibitions_and_the_requirement_in_the_table(full_application):
    text = normalised(render(full_application))

    prohibitions = text.index("PROHIBITIONS:")
    requirements = text.index("REQUIREMENTS:")
    assert prohibitions < text.index("Not to enter the area marked") < requirements
    assert requirements < text.index("To attend a weekly mentoring session")


def test_without_notice_ticks_section_16_and_gives_the_reasons(officer):
    application = make_application(officer, route=Route.S14_WITHOUT_NOTICE, application_date=APPLICATION_DATE)

    text = render(application)

    assert_in("[ ] With notice [X] Without notice (S. 16 Offensive Weapons Act 2019)", text)
    assert_in("Reasons for applying without notice: Threat of imminent retaliation 1. Applicant’s details", text)
    assert missing_labels(text) == []


def test_an_application_with_nothing_recorded_keeps_every_blank(officer):
    application = make_application(officer, application_date=APPLICATION_DATE)
    application.provisions.all().delete()
    application.necessity_grounds, application.grounds_argument, application.proposed_duration_months = [], "", None
    application.save()

    context = appendix_a_context(application)
    html = render_html(TEMPLATE, {**context, "title": TITLE}, draft=False)
    text = render(application)

    assert missing_labels(text) == []
    for label in (
        "Court Ref. No:",
        "Rank/Band:",
        "Pay/Warrant no.:",
        "Telephone no:",
        "Parent/Guardian Name:",
        "Provide the grounds in support of your complaint:",
        "The order to last for/until:",
        "The Applicant proposes the following PROHIBITIONS:",
        "YOT consulted:",
        "If applying without notice, which YOT do you intend to consult:",
        "Signed:",
        "Date:",
    ):
        assert blank_after(html, label), label
    # Every lettered line of the attachments is there to be written on: 4 + 4 + 2.
    assert html.count('<span class="letter">') == 10
    assert len(re.findall(r'<span class="letter">\([a-d]\)</span><div class="field field--blank"></div>', html)) == 10
    assert html.count('<td class="blank-row"><span class="row-number">') == 4
    assert_in("[ ] (a) Protect the public", text)
    assert_in("[ ] (b) Protect any particular", text)
    assert_in("[ ] (c) To prevent", text)
    # An adult with no consultation: neither box of the under-18s' question is ticked.
    assert_in("Under 18 on date of complaint: [ ] Yes [X] No", text)
    assert_in("(Under 18 only) [ ] Yes [ ] No", text)
    assert_in("IN THE MAGISTRATES’ COURT", text)


def test_an_adults_guardian_is_not_printed(full_application):
    subject = full_application.case.subject
    subject.date_of_birth = date(2000, 1, 1)
    subject.save()

    context = appendix_a_context(full_application)

    assert context["guardian"] == {"name": "", "address": "", "not_provided_reason": ""}
    assert context["defendant"]["under_18"] is False


def test_recorded_markup_is_printed_as_typed(full_application):
    full_application.provisions.filter(number=1).update(wording=HOSTILE_WORDING)
    full_application.grounds_argument = HOSTILE_ARGUMENT
    full_application.save()

    html = render_html(TEMPLATE, {**appendix_a_context(full_application), "title": TITLE}, draft=False)
    text = re.sub(r"\s+", "", render(full_application))

    assert "&lt;b&gt;any&lt;/b&gt;" in html and "<b>any</b>" not in html
    assert '<img src="file:///etc/passwd">' not in html
    assert re.sub(r"\s+", "", HOSTILE_WORDING) in text
    assert re.sub(r"\s+", "", HOSTILE_ARGUMENT) in text


def test_the_draft_is_watermarked_and_the_context_takes_few_queries(full_application, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        context = appendix_a_context(full_application)

    assert TEMPLATE_VERSION == "appendix-a/1"
    assert "DRAFT" in pdf_text(render_pdf(TEMPLATE, context, draft=True, title=f"DRAFT {TITLE}"), heading=HEADING)
