"""Appendix C, the complaint to vary, renew or discharge an order (s27) (documents/forms/appendix_c.py
and templates/documents/appendix_c.html): every label of the guidance's form in its order, the order
complained of filled in, a complaint's own parts filled in when one is given and left blank when not,
recorded text printed as typed, and which applications it applies to."""

import re
from datetime import date

import pytest

from cases.choices import Gender
from documents.forms import appendix_c
from documents.forms.appendix_c import (
    TEMPLATE_VERSION,
    TITLE,
    ApplicantDetails,
    VariationComplaint,
    appendix_c_context,
)
from documents.rendering import render_html, render_pdf
from orders.court import OrderTerms, hearing_list, hearing_record_outcome
from orders.models import Order
from orders.workflow import Route
from tests.documents.builders import COURT_WORDING, MENTORING_WORDING, make_full_order, make_order
from tests.documents.pdf_text import assert_in, blank_after, missing_in_order, normalised, pdf_text
from tests.orders.review_builders import make_application

TODAY = date(2026, 11, 22)
HEARING_DAY = date(2026, 12, 14)
TEMPLATE = "documents/appendix_c.html"
# The running footer: the heading's shorter name (data-footer in the template).
FOOTER = "Complaint to vary, renew or discharge a KCPO (Appendix C)"

# The form's own words, in its order: Home Office practitioners' guidance, "Appendix C – Application
# to Vary, Renew or Discharge form" (reference seed 003). A line with a blank to fill ("IN THE [XXX]
# MAGISTRATES’ COURT") is split around the blank.
SEED_LABELS = (
    "Appendix C – Application to Vary, Renew or Discharge form",
    "Complaint to vary, renew or discharge a Knife Crime Prevention Order",
    "Section 27 Offensive Weapons Act 2019",
    "IN THE",
    "MAGISTRATES’ COURT",
    "Court Ref. No:",
    "Date:",
    "Please mark appropriate box:",
    "Complaint to vary",
    "Complaint to renew",
    "Complaint to discharge",
    "Please mark appropriate box:",
    "An Interim Knife Crime Prevention Order",
    "A Knife Crime Prevention Order",
    "Made on:",
    "by:",
    "Magistrates’ Court",
    "1. Applicant details",
    "The applicant is (please mark appropriate box):",
    "The defendant (S.27(2)(a) Offensive Weapons Act 2019)",
    "The Chief Officer of Police (including an officer/staff member acting on their authority) (S.27(2)(b) – (f) "
    "Offensive Weapons Act 2019)",
    "Details",
    "Full name:",
    "Email address:",
    "Telephone no:",
    "Address:",
    "Postcode:",
    "2. Defendant details (Complete even if the applicant stated in Section 1)",
    "Surname:",
    "First name(s):",
    "Gender:",
    "Male",
    "Female",
    "Prefer not to say",
    "Date of birth:",
    "Address:",
    "Postcode:",
    "Email address:",
    "Telephone no",
    "3. Connection to previous order(s)",
    "a) Please give the previous order(s) details and explain the connection between them and this complaint.",
    "Original Court Ref.no",
    "Date original Knife Crime Prevention Order was made",
    "Name of court that made the Knife Crime Prevention Order to which this complaint relates",
    "Connection to this Order",
    "4. Matter of Complaint",
    "a) Please provide details of the conditions imposed on the defendant:",
    "b) Briefly state reasons for your complaint to vary, renew or discharge a Knife Crime Prevention Order:",
    "Taken before me:",
    "(Choose an item.)",
    "Note: This complaint, including the supplement, must be served on the court for an authorised officer or the "
    "court to issue a summons. Following the issue of the summons, both the complaint, including the supplement, "
    "and the summons, must be served on the defendant in accordance with the Magistrates’ Courts Rules 1981.",
    "Supplement to the complaint for a Knife Crime Prevention Order",
    "Proposed Duration of Knife Crime Prevention Order/Interim Knife Crime Prevention Order (please delete as "
    "appropriate)",
    "The order to last for ………./until ………./until further notice.",
    "5. Proposed changes to existing Prohibitions/Requirements from Knife Crime Prevention order",
    "The Applicant proposes for the following changes to the Prohibitions (please specify below):",
    "The Applicant proposes for the following changes to the Requirements (please specify below):",
    "Requirement",
    "Supervisor (Person and/or organisation)",
    "1.",
    "2.",
    "3.",
    "4.",
    "Note: It is important that any proposed positive requirement in respect of the defendant be such that the "
    "supervisor can monitor their compliance; in order to comply with their duty under s.22(5) Offensive Weapons "
    "Act 2019.",
    "6. Supporting documents",
    "This complaint is supported by documents listed in an index, marked",
    "7. Declaration",
    "To the best of my knowledge and belief",
    "(a) this complaint discloses all of the information that is material to what the court must take into "
    "consideration when deciding on the complaint, including anything that might reasonably be considered capable "
    "of undermining any of the grounds of the complaint; and",
    "(b) the content of this complaint is true.",
    "Signed:",
    "Date:",
)

HOSTILE_WORDING = "Not to carry <b>any</b> knife"
HOSTILE_REASONS = 'See <img src="file:///etc/passwd"> and <script>alert(1)</script>'


def render(application, complaint=None) -> str:
    pdf = render_pdf(TEMPLATE, appendix_c_context(application, complaint), draft=False, title=TITLE)
    return pdf_text(pdf, heading=FOOTER)


def html(application, complaint=None) -> str:
    return render_html(TEMPLATE, {**appendix_c_context(application, complaint), "title": TITLE}, draft=False)


@pytest.fixture
def full_order(officer, court):
    return make_full_order(officer, court)


@pytest.fixture
def complaint(court):
    """The police's complaint to vary the order, with every part the form asks for."""
    return VariationComplaint(
        kind="vary",
        applicant="police",
        applicant_details=ApplicantDetails(
            full_name="PC Sam Taylor",
            email="sam.taylor@met.police.example",
            telephone="020 7230 1212",
            address="Brixton Police Station, 367 Brixton Road, London",
            postcode="SW9 7DD",
        ),
        reasons="The defendant has moved to Croydon; the exclusion area no longer fits.",
        proposed_duration="until 13 June 2028",
        proposed_prohibition_changes="P1 to name Croydon town centre instead of Brixton",
        proposed_requirement_changes=(("To attend a fortnightly mentoring session", "Croydon Youth Mentoring"),),
        supporting_documents_index="KCPO/V/01",
        court=court,
        court_reference="KCPO/2027/014",
        made_on=date(2027, 3, 1),
        connection="The order this complaint asks to vary",
    )


def test_every_label_of_the_form_appears_in_the_forms_order(full_order):
    text = render(full_order)

    assert missing_in_order(text, SEED_LABELS) == []
    assert "Appendix C – Application" in text


def test_every_label_appears_in_order_with_a_complaint_filled_in(full_order, complaint):
    assert missing_in_order(render(full_order, complaint), SEED_LABELS) == []


def test_the_order_complained_of_is_filled_in(full_order):
    text = render(full_order)

    for value in (
        "[ ] An Interim Knife Crime Prevention Order [X] A Knife Crime Prevention Order",
        "Made on: 14 December 2026",
        "by: Highbury Corner Magistrates’ Court",
        "Surname: Ellis First name(s): Jordan Lee",
        "Gender: [X] Male [ ] Female [ ] Prefer not to say",
        "Date of birth: 9 April 2005",
        "Address: 12 Acre Lane London Postcode: SW2 5SG",
        "Connection to this Order KCPO/2026/001 14 December 2026 Highbury Corner Magistrates’ Court",
        # 4a: the conditions as the court made them, with their details.
        f"imposed on the defendant: P1 {COURT_WORDING}",
        "Place: Brixton town centre",
        "When: Mon-Fri 19:00-07:00",
        "Period: 12 months from the day the order takes effect",
        "Exceptions: To attend court or a solicitor by appointment",
        f"R2 {MENTORING_WORDING} Supervisor: Lambeth Youth Mentoring",
    ):
        assert_in(value, text)


def test_an_interim_order_ticks_the_interim_box(officer, court):
    application = make_order(
        officer, route=Route.S14_WITHOUT_NOTICE, outcome="interim_order", duration_months=None, court=court
    )

    text = render(application)

    assert_in("[X] An Interim Knife Crime Prevention Order [ ] A Knife Crime Prevention Order", text)
    assert missing_in_order(text, SEED_LABELS) == []


def test_the_most_recent_order_is_the_one_complained_of(officer, court):
    application = make_order(officer, route=Route.S14_WITH_INTERIM, outcome="interim_order", duration_months=None)
    full = OrderTerms.as_proposed(application, court_reference="KCPO/2026/009", duration_months=12)
    hearing = hearing_list(application=application, membership=officer, court=court, on=date(2027, 1, 11), kind="full")
    hearing_record_outcome(
        hearing=hearing, membership=officer, outcome="granted", today=date(2027, 1, 11), order_terms=full
    )

    context = appendix_c_context(application)

    assert (context["full"], context["order_made_on"], context["previous_orders"][0]["court_reference"]) == (
        True,
        "11 January 2027",
        "KCPO/2026/009",
    )


def test_a_complaint_fills_its_parts(full_order, complaint):
    text = render(full_order, complaint)

    for value in (
        "IN THE HIGHBURY CORNER MAGISTRATES’ COURT",
        "Court Ref. No: KCPO/2027/014 Date: 1 March 2027",
        "[X] Complaint to vary [ ] Complaint to renew [ ] Complaint to discharge",
        "[ ] The defendant (S.27(2)(a)",
        "[X] The Chief Officer of Police",
        "Full name: PC Sam Taylor",
        "Email address: sam.taylor@met.police.example",
        "Telephone no: 020 7230 1212",
        "Address: Brixton Police Station, 367 Brixton Road, London Postcode: SW9 7DD",
        "Highbury Corner Magistrates’ Court The order this complaint asks to vary",
        "Prevention Order: The defendant has moved to Croydon; the exclusion area no longer fits.",
        "until further notice. until 13 June 2028",
        "(please specify below): P1 to name Croydon town centre instead of Brixton",
        "1. To attend a fortnightly mentoring session Croydon Youth Mentoring 2. 3. 4.",
        "documents listed in an index, marked KCPO/V/01 . 7. Declaration",
    ):
        assert_in(value, text)


def test_with_no_complaint_every_part_of_the_complaint_stays_blank(full_order):
    markup = html(full_order)
    text = render(full_order)

    for label in (
        "Court Ref. No:",
        "Date:",
        "Full name:",
        "Telephone no:",
        "Telephone no",
        "b) Briefly state reasons for your complaint to vary, renew or discharge a Knife Crime Prevention Order:",
        "The order to last for ………./until ………./until further notice.",
        "The Applicant proposes for the following changes to the Prohibitions (please specify below):",
        "Signed:",
    ):
        assert blank_after(markup, label), label
    assert markup.count('<td class="blank-row"><span class="row-number">') == 4
    assert_in("[ ] Complaint to vary [ ] Complaint to renew [ ] Complaint to discharge", text)
    assert_in("[ ] The defendant (S.27(2)(a)", text)
    assert_in("[ ] The Chief Officer of Police", text)
    assert_in("IN THE [XXX] MAGISTRATES’ COURT", text)
    assert_in("documents listed in an index, marked XX/01 . 7. Declaration", text)
    # Section 3's connection is the complaint's to explain.
    assert '<td class="pre blank-row"></td>' in markup


def test_an_order_with_nothing_recorded_about_the_defendant_keeps_those_blanks(officer):
    application = make_order(officer)
    subject = application.case.subject
    subject.address_line_1 = subject.address_line_2 = subject.town = subject.postcode = ""
    subject.gender = Gender.NOT_KNOWN
    subject.save()
    Order.objects.filter(application=application).update(court=None)

    markup = html(application)
    text = render(application)

    for label in ("Address:", "Postcode:", "Email address:"):
        assert blank_after(markup, label), label
    assert_in("Gender: [ ] Male [ ] Female [ ] Prefer not to say", text)
    assert_in("by: ………. Magistrates’ Court", text)
    assert missing_in_order(text, SEED_LABELS) == []


def test_recorded_markup_is_printed_as_typed(full_order):
    Order.objects.get(application=full_order).provisions.filter(number=1).update(wording=HOSTILE_WORDING)
    hostile = VariationComplaint(reasons=HOSTILE_REASONS, proposed_requirement_changes=((HOSTILE_WORDING, ""),))

    markup = html(full_order, hostile)
    text = re.sub(r"\s+", "", render(full_order, hostile))

    assert "&lt;b&gt;any&lt;/b&gt;" in markup and "<b>any</b>" not in markup
    assert '<img src="file:///etc/passwd">' not in markup
    assert text.count(re.sub(r"\s+", "", HOSTILE_WORDING)) == 2
    assert re.sub(r"\s+", "", HOSTILE_REASONS) in text


def test_a_complaint_of_a_kind_the_form_has_no_box_for_is_refused():
    with pytest.raises(ValueError):
        VariationComplaint(kind="revoke")


def test_the_context_takes_the_same_few_queries_however_many_provisions(
    full_order, complaint, django_assert_max_num_queries
):
    order = Order.objects.get(application=full_order)
    for number in (3, 4, 5):
        order.provisions.create(number=number, kind="prohibition", wording=f"Prohibition {number}")

    with django_assert_max_num_queries(3):
        context = appendix_c_context(full_order, complaint)

    assert [p["label"] for p in context["conditions"]] == ["P1", "R2", "P3", "P4", "P5"]
    assert TEMPLATE_VERSION == "appendix-c/1"


def test_it_applies_only_once_an_order_is_made(full_order, officer):
    without = make_application(officer, application_date=TODAY)

    assert (appendix_c.applies(full_order), appendix_c.applies(without)) == (True, False)


def test_the_supplement_starts_on_a_new_page(full_order):
    markup = normalised(html(full_order))

    assert '<h2 class="part">Supplement to the complaint for a Knife Crime Prevention Order</h2>' in markup


def test_the_police_application_recorded_on_the_order_fills_the_complaint(full_order, officer, court):
    from orders.variations import proceeding_hearing_list, proceeding_start

    order = Order.objects.get(application=full_order)
    proceeding = proceeding_start(
        order=order,
        membership=officer,
        kind="application",
        applicant="police",
        sought="renew",
        made_on=date(2027, 3, 1),
        today=date(2027, 3, 1),
        reasons="He carried a knife again in February.",
    )
    proceeding_hearing_list(proceeding=proceeding, membership=officer, on=date(2027, 4, 1), court=court)

    text = render(full_order)

    for value in (
        "IN THE HIGHBURY CORNER MAGISTRATES’ COURT",
        "Date: 1 March 2027",
        "[ ] Complaint to vary [X] Complaint to renew [ ] Complaint to discharge",
        "[X] The Chief Officer of Police",
        "Prevention Order: He carried a knife again in February.",
    ):
        assert_in(value, text)


def test_a_defendants_application_is_not_the_police_complaint(full_order, officer):
    from orders.variations import proceeding_start

    proceeding_start(
        order=Order.objects.get(application=full_order),
        membership=officer,
        kind="application",
        applicant="defendant",
        sought="discharge",
        made_on=date(2027, 3, 1),
        today=date(2027, 3, 1),
        reasons="Doing well at college.",
    )

    assert_in("[ ] Complaint to vary [ ] Complaint to renew [ ] Complaint to discharge", render(full_order))
