"""The order as made (documents/forms/order.py, templates/documents/order.html) and its easy read
(documents/forms/order_easy_read.py, templates/documents/order_easy_read.html): the order's
headings in order, the records filled in with the provisions as the court made them, when each
kind of order takes effect and how long it lasts (s23), the review hearing (s26), the
notification duty (s24, s25) and the breach warning (s29), and the easy read's plain headings
and large type."""

import re
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from documents.forms import order, order_easy_read
from documents.forms.order import order_context
from documents.forms.order_easy_read import order_easy_read_context
from documents.rendering import render_html, render_pdf
from orders.court import OrderTerms, hearing_list, hearing_record_outcome
from orders.models import Hearing, Order
from orders.workflow import Route, State
from tests.documents.builders import COURT_WORDING, MENTORING_WORDING, REVIEW_ON, make_full_order
from tests.documents.builders import make_order as build_order
from tests.documents.pdf_text import assert_in, blank_after, missing_in_order, normalised, pdf_text
from tests.orders.review_builders import make_application

TODAY = date(2026, 11, 22)
HEARING_DAY = date(2026, 12, 14)
TEMPLATE = "documents/order.html"
EASY_TEMPLATE = "documents/order_easy_read.html"
HEADING = "Knife Crime Prevention Order"
INTERIM_HEADING = "Interim Knife Crime Prevention Order"
EASY_HEADING = "Your knife crime prevention order"

# The order's headings and labels, in its order (a full order with a requirement).
ORDER_LABELS = (
    "Knife Crime Prevention Order",
    "Section 14 Offensive Weapons Act 2019",
    "IN THE",
    "MAGISTRATES’ COURT",
    "BETWEEN: -",
    "APPLICANT",
    "-v-",
    "DEFENDANT",
    "Court Ref. No:",
    "Date order made:",
    "Kind of order:",
    "Defendant’s details",
    "Name:",
    "Date of birth:",
    "Address:",
    "The order",
    "Duration",
    "When the order takes effect:",
    "How long the order lasts:",
    "Prohibitions",
    "The defendant is subject to the following PROHIBITIONS:",
    "Requirements",
    "The defendant is subject to the following REQUIREMENTS:",
    "Requirement",
    "Supervisor (Person and/or organisation)",
    "Review hearing (section 26)",
    "Review hearing date:",
    "Notification requirements (section 24)",
    "Warning",
    "Signed on behalf of the court",
    "Signed:",
    "Name and title:",
    "Date:",
)
EASY_HEADINGS = (
    "Your knife crime prevention order",
    "What this order means",
    "You must not",
    "You must",
    "Who will help you",
    "Dates",
    "Telling the police where you live",
    "If you break the order",
)
# s24(2), (3), (5)-(7) in the Act's words.
S24_TEXT = (
    "The defendant must notify the following information to the police within the period of 3 days beginning "
    "with the day on which the order takes effect",
    "(a) the defendant’s name on the day on which the notification is given and, where the defendant uses one or "
    "more other names on that day, each of those names, and (b) the defendant’s home address on that day.",
    "uses a name which has not previously been notified to the police",
    "changes their home address",
    "decides to live for a period of one month or more at any premises the address of which has not been notified "
    "to the police",
    "attending at a police station in a police area in which the defendant lives, and giving an oral notification "
    "to a police officer, or to any person authorised for the purpose by the officer in charge of the station "
    "(section 24(7))",
    "can be a criminal offence (section 25 Offensive Weapons Act 2019)",
)
S29_WARNING = (
    "If the defendant, without reasonable excuse, fails to comply with any prohibition or requirement of this "
    "order, the defendant commits a criminal offence (section 29 Offensive Weapons Act 2019). The offence may be "
    "tried in a magistrates’ court or in the Crown Court. The maximum penalty is 2 years’ imprisonment, a fine, "
    "or both."
)
HOSTILE_WORDING = 'Not to carry <b>any</b> knife <img src="file:///etc/passwd">'


def render(application, *, easy=False) -> str:
    if easy:
        pdf = render_pdf(EASY_TEMPLATE, order_easy_read_context(application), draft=False, title=order_easy_read.TITLE)
        return pdf_text(pdf, heading=EASY_HEADING)
    context = order_context(application)
    return pdf_text(render_pdf(TEMPLATE, context, draft=False, title=order.TITLE), heading=context["heading"])


def html(application, *, easy=False) -> str:
    if easy:
        return render_html(EASY_TEMPLATE, {**order_easy_read_context(application), "title": "t"}, draft=False)
    return render_html(TEMPLATE, {**order_context(application), "title": "t"}, draft=False)


def make_order(officer, **fields):
    """An order of 18 months unless told otherwise (tests.documents.builders.make_order)."""
    return build_order(officer, **{"duration_months": 18, **fields})


@pytest.fixture
def full_order(officer, court):
    return make_full_order(officer, court)


# --- the order ---------------------------------------------------------------------------


def test_every_heading_and_label_of_the_order_appears_in_its_order(full_order):
    assert missing_in_order(render(full_order), ORDER_LABELS) == []


def test_the_records_are_filled_in(full_order, officer):
    text = render(full_order)

    for value in (
        "IN THE HIGHBURY CORNER MAGISTRATES’ COURT",
        f"BETWEEN: - {officer.organisation.name} APPLICANT",
        "Jordan Lee Ellis DEFENDANT",
        "Court Ref. No: KCPO/2026/001",
        "Date order made: 14 December 2026",
        "Kind of order: Knife crime prevention order",
        "Name: Jordan Lee Ellis",
        "Date of birth: 9 April 2005",
        "Address: 12 Acre Lane London SW2 5SG",
        "On 14 December 2026 the court made a knife crime prevention order in respect of the defendant under "
        "section 14 of the Offensive Weapons Act 2019.",
        f"P1 {COURT_WORDING}",
        "Place: Brixton town centre",
        "When: Mon-Fri 19:00-07:00",
        "Period: 12 months from the day the order takes effect",
        "Exceptions: To attend court or a solicitor by appointment",
        f"R2 {MENTORING_WORDING} Lambeth Youth Mentoring",
    ):
        assert_in(value, text)


def test_the_provisions_are_printed_as_the_court_made_them_not_as_proposed(full_order):
    text = render(full_order)

    assert_in(COURT_WORDING, text)
    assert "Not to enter the area marked on the attached map" not in normalised(text)


def test_the_prohibition_and_the_requirement_are_each_under_their_heading(full_order):
    text = normalised(render(full_order))

    assert text.index("PROHIBITIONS:") < text.index(COURT_WORDING) < text.index("REQUIREMENTS:")
    assert text.index("REQUIREMENTS:") < text.index(MENTORING_WORDING)


def test_a_full_order_takes_effect_on_the_day_made_and_its_last_day_is_worked_out_s23_1_3(full_order):
    text = render(full_order)

    assert_in("This order takes effect on the day on which it is made (section 23(1)): 14 December 2026.", text)
    # 18 months beginning with 14 December 2026 ends on 13 June 2028 (eligibility.core.dates).
    assert_in(
        "This order has effect for a fixed period of 18 months beginning with the day on which it takes effect "
        "(section 23(3)). Its last day is 13 June 2028.",
        text,
    )


def test_an_s17_interim_order_takes_effect_when_served_and_lasts_until_the_application_is_determined(officer):
    application = make_order(officer, route=Route.S14_WITHOUT_NOTICE, outcome="interim_order", duration_months=None)

    text = render(application)

    assert text.startswith(INTERIM_HEADING)
    assert_in("Section 17 Offensive Weapons Act 2019", text)
    assert_in("This interim order takes effect when it is served on the defendant (section 23(2)).", text)
    assert_in(
        "This interim order has effect until the determination of the application for a knife crime prevention "
        "order (section 23(4)), subject to section 27 (variation, renewal or discharge).",
        text,
    )
    assert_in("None: an interim order under section 17 may not impose requirements (section 17(5)).", text)
    assert "Its last day" not in text


def test_an_s18_interim_order_takes_effect_on_the_day_made_and_lasts_until_the_application_is_determined(officer):
    application = make_order(officer, route=Route.S14_WITH_INTERIM, outcome="interim_order", duration_months=None)

    text = render(application)

    assert_in("Section 18 Offensive Weapons Act 2019", text)
    assert_in("This order takes effect on the day on which it is made (section 23(1)): 14 December 2026.", text)
    assert_in("until the determination of the application for a knife crime prevention order (section 23(5))", text)
    assert "Its last day" not in text


def test_an_interim_order_has_no_review_hearing_because_s26_is_for_a_full_order(officer):
    application = make_order(officer, route=Route.S14_WITH_INTERIM, outcome="interim_order", duration_months=None)

    assert "Review hearing" not in render(application)


def test_the_most_recent_order_is_the_one_printed(officer):
    application = make_order(officer, route=Route.S14_WITH_INTERIM, outcome="interim_order", duration_months=None)
    full = Hearing.objects.create(application=application, date=HEARING_DAY + timedelta(days=28), kind="full")
    hearing_record_outcome(
        hearing=full,
        membership=officer,
        outcome="granted",
        today=full.date,
        order_terms=OrderTerms.as_proposed(application, court_reference="KCPO/FULL", duration_months=6),
    )

    context = order_context(application)

    assert (context["kind"], context["court_reference"], context["made_on"]) == (
        "Knife crime prevention order",
        "KCPO/FULL",
        "11 January 2027",
    )


def test_the_s24_notification_duty_and_s25_are_explained_with_the_day_to_notify_by(full_order):
    text = render(full_order)

    for sentence in S24_TEXT:
        assert_in(sentence, text)
    # 3 days beginning with 14 December 2026: 14, 15 and 16 December.
    assert_in("(for an order taking effect on 14 December 2026, by 16 December 2026) (section 24(2) and (3))", text)


def test_a_full_order_replacing_an_interim_one_does_not_restart_the_3_day_notification_s24_1_a(officer):
    application = make_order(officer, route=Route.S14_WITH_INTERIM, outcome="interim_order", duration_months=None)
    full = Hearing.objects.create(application=application, date=HEARING_DAY + timedelta(days=28), kind="full")
    hearing_record_outcome(
        hearing=full,
        membership=officer,
        outcome="granted",
        today=full.date,
        order_terms=OrderTerms.as_proposed(application, court_reference="KCPO/FULL", duration_months=6),
    )

    text = render(application)

    assert_in("is not required again (section 24(1)(a))", text)
    assert "by 13 January 2027" not in text
    assert_in("While subject to this order, the defendant must notify the police within the period of 3 days", text)


def test_the_s29_warning_is_printed(full_order):
    assert_in(S29_WARNING, render(full_order))


def test_an_unlisted_review_hearing_is_a_blank_with_the_s26_rule_when_a_provision_runs_beyond_a_year(full_order):
    # An order recorded before its review hearing was required (orders migration 0005) has none.
    full_order.hearings.filter(kind="review").delete()

    text = render(full_order)

    assert blank_after(html(full_order), "Review hearing date:")
    # R2 runs with the 18-month order, past the first year.
    assert_in(
        "so the court must order the applicant and the defendant to attend a review hearing on a specified date "
        "within the last 4 weeks of that 1 year period (section 26(3) and (4)): for an order taking effect on "
        "14 December 2026, between 16 November 2027 and 13 December 2027.",
        text,
    )


def test_no_s26_rule_is_printed_when_nothing_runs_beyond_a_year(officer):
    application = make_order(officer, duration_months=12)

    text = render(application)

    assert blank_after(html(application), "Review hearing date:")
    assert "section 26(3)" not in text


def test_a_listed_review_hearing_is_printed(full_order, court):
    Hearing.objects.create(application=full_order, court=court, date=date(2027, 12, 1), kind="review")

    text = render(full_order)

    assert_in("Review hearing date: 1 December 2027, Highbury Corner Magistrates’ Court", text)
    assert "section 26(3)" not in text


def test_the_signature_and_date_are_left_for_the_court(full_order):
    page = html(full_order)

    for label in ("Signed:", "Name and title:", "Date:"):
        assert blank_after(page, label), label


def test_an_order_on_conviction_cites_section_19_and_the_cps_as_applicant(officer, lawyer):
    application = make_application(
        officer, route=Route.S19, state=State.ACCEPTED_BY_CPS, cps_area=lawyer.organisation, application_date=TODAY
    )
    hearing = hearing_list(application=application, membership=officer, court=None, on=HEARING_DAY, kind="sentencing")
    hearing_record_outcome(
        hearing=hearing,
        membership=officer,
        outcome="granted",
        today=HEARING_DAY,
        order_terms=OrderTerms.as_proposed(
            application, court_reference="T2026/1", duration_months=24, review_on=REVIEW_ON
        ),
    )

    context = order_context(application)

    assert (context["section"], context["applicant"]) == (
        "Section 19 Offensive Weapons Act 2019",
        lawyer.organisation.name,
    )


def test_it_applies_only_once_an_order_is_made(officer, full_order):
    without = make_application(officer, state=State.LAID, application_date=TODAY)

    assert (order.applies(full_order), order.applies(without)) == (True, False)
    assert (order_easy_read.applies(full_order), order_easy_read.applies(without)) == (True, False)


def test_there_is_no_order_to_print_before_one_is_made(officer):
    application = make_application(officer, state=State.LAID, application_date=TODAY)

    with pytest.raises(Order.DoesNotExist):
        order_context(application)


def test_recorded_markup_is_printed_as_typed(officer):
    application = make_order(officer, P1=HOSTILE_WORDING)

    page = html(application)
    easy_page = html(application, easy=True)
    text = re.sub(r"\s+", "", render(application))

    for rendered in (page, easy_page):
        assert "&lt;b&gt;any&lt;/b&gt;" in rendered and "<b>any</b>" not in rendered
        assert '<img src="file:///etc/passwd">' not in rendered
    assert re.sub(r"\s+", "", HOSTILE_WORDING) in text


def test_the_contexts_take_a_fixed_number_of_queries(full_order, django_assert_num_queries):
    with django_assert_num_queries(4):
        order_context(full_order)
    with django_assert_num_queries(4):
        order_easy_read_context(full_order)

    assert (order.TEMPLATE_VERSION, order_easy_read.TEMPLATE_VERSION) == ("order/1", "order-easy-read/1")


# --- the easy read -------------------------------------------------------------------------


def test_the_easy_read_has_its_plain_headings_in_order(full_order):
    assert missing_in_order(render(full_order, easy=True), EASY_HEADINGS) == []


def test_the_easy_read_prints_every_provisions_exact_words_with_its_plain_explanation(full_order):
    text = render(full_order, easy=True)

    assert_in(f"P1 {COURT_WORDING}", text)
    assert_in("You must not go to the place the order names.", text)
    assert_in(f"R2 {MENTORING_WORDING}", text)
    assert_in("You must meet a mentor.", text)
    assert_in("Where: Brixton town centre", text)
    assert_in("For how long: 12 months from the day the order takes effect", text)


def test_a_provision_without_a_category_has_its_words_and_no_explanation(officer):
    application = make_order(officer)
    application.orders.get().provisions.update(category="")

    context = order_easy_read_context(application)

    assert [(p["wording"], p["plain"]) for p in context["prohibitions"]] == [
        ("Not to enter the area marked on the attached map", "")
    ]


def test_the_easy_read_names_who_will_help_and_the_dates(full_order):
    text = render(full_order, easy=True)

    for value in (
        "Lambeth Youth Mentoring will help you with R2.",
        "They will tell the police if you do it or not.",
        "The court made the order on: 14 December 2026",
        "The order starts on: 14 December 2026",
        "The last day of the order is: 13 June 2028",
        "Go by the end of: 16 December 2026",
        "A phone call, letter or message does not count.",
        "Breaking the order without a good reason is a crime.",
        "The court could send you to prison for up to 2 years, give you a fine, or both.",
    ):
        assert_in(value, text)


def test_the_easy_read_of_an_s17_interim_order_starts_when_it_is_given(officer):
    application = make_order(officer, route=Route.S14_WITHOUT_NOTICE, outcome="interim_order", duration_months=None)

    text = render(application, easy=True)

    assert_in("It is called an interim knife crime prevention order.", text)
    assert_in("The order starts on the day it is officially given to you.", text)
    assert_in("The order lasts until the court makes its final decision about the police’s request.", text)
    # Prohibitions only (s17(5)), so no one supervises anything.
    assert "Who will help you" not in text


def test_the_easy_read_body_text_is_14pt_or_larger(full_order):
    css = (Path(settings.BASE_DIR) / "static" / "documents" / "document.css").read_text()
    rules = dict(re.findall(r"^(\.easy-read[^{]*)\{([^}]*)\}", css, flags=re.MULTILINE))
    sizes = [float(size) for size in re.findall(r"font-size:\s*([\d.]+)pt", " ".join(rules.values()))]
    page = html(full_order, easy=True)

    assert 'class="easy-read"' in page
    assert "font-size: 14pt" in rules[".easy-read "]
    assert min(sizes) >= 14
    # No class that the base stylesheet sets in small type is used inside the easy read.
    assert not re.search(r'class="[^"]*\b(note|provision__detail|form-ref|hint)\b', page)


def test_the_easy_read_text_is_rendered_at_14pt_or_larger(full_order):
    pdf = render_pdf(EASY_TEMPLATE, order_easy_read_context(full_order), draft=False, title=order_easy_read.TITLE)
    sizes = set()

    def visit(text, cm, tm, font, size):
        if text.strip():
            # The size on the page: the font size scaled by the text and current matrices.
            sizes.add(round(abs(size * tm[3] * cm[3]), 1))

    for page in PdfReader(BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)

    assert sizes and min(sizes) >= 14, sorted(sizes)
