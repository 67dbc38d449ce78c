"""Appendix C of the Home Office practitioners' guidance: the complaint to vary, renew or
discharge a knife crime prevention order (s27), built from the order it concerns and, once the
variation workflow records one, the complaint itself.

The complaint's own parts come in as a VariationComplaint: the police's latest application under
s27 recorded on the order (complaint_recorded), or one given; without either they are all left
blank for hand completion. The rest of the form is filled from the order the application led to: the most recent one,
by the day made and then id, as documents/forms/order.py prints it. As with the other forms,
what is not recorded is left "" and the template prints the form's blank for it."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from cases.choices import Gender
from documents.forms.common import address_text, court_heading, provision_context
from documents.forms.order import applies  # noqa: F401 - a complaint concerns an order: C applies where it does
from eligibility.core.dates import day_text
from kcpo.accounts.models import Organisation
from orders.models import Application, Order, OrderKind, Proceeding, ProceedingApplicant, ProceedingKind
from orders.selectors import order_latest_for_application

TEMPLATE_VERSION = "appendix-c/1"
TITLE = "Complaint to vary, renew or discharge a Knife Crime Prevention Order (Appendix C)"

# The seed form's requirements table has four numbered rows; proposed changes fill them and
# the rest stay blank to write on.
REQUIREMENT_ROWS = 4

ComplaintKind = Literal["vary", "renew", "discharge"]
ComplaintApplicant = Literal["defendant", "police"]
KINDS = ("vary", "renew", "discharge")
APPLICANTS = ("defendant", "police")


@dataclass(frozen=True)
class ApplicantDetails:
    """Section 1's "Details": whoever makes the complaint (s27(2)), the defendant or someone
    for the chief officer of police."""

    full_name: str = ""
    email: str = ""
    telephone: str = ""
    address: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class VariationComplaint:
    """What the complaint itself says, as the variation workflow will record it. Every part is
    optional: what is not given is printed as the form's blank.

    `proposed_requirement_changes` is one (wording, supervisor) pair per row of section 5's
    table. `court`, `court_reference`, `made_on` and `connection` go beyond the order: the court
    the complaint is made to, its reference for it, the complaint's date, and the connection
    between the order and the complaint (section 3's last column)."""

    kind: ComplaintKind | None = None
    applicant: ComplaintApplicant | None = None
    applicant_details: ApplicantDetails = field(default_factory=ApplicantDetails)
    reasons: str = ""
    proposed_duration: str = ""
    proposed_prohibition_changes: str = ""
    proposed_requirement_changes: tuple[tuple[str, str], ...] = ()
    supporting_documents_index: str = ""
    court: Organisation | None = None
    court_reference: str = ""
    made_on: date | None = None
    connection: str = ""

    def __post_init__(self):
        # A kind or applicant the form has no box for would print as nothing ticked, silently.
        if self.kind not in (None, *KINDS):
            raise ValueError(f"Not a kind of s27 complaint: {self.kind!r}")
        if self.applicant not in (None, *APPLICANTS):
            raise ValueError(f"Not an applicant under s27(2): {self.applicant!r}")
        # Kept as tuples, so that the frozen complaint cannot be changed through a list.
        object.__setattr__(
            self,
            "proposed_requirement_changes",
            tuple((wording, supervisor) for wording, supervisor in self.proposed_requirement_changes),
        )


def complaint_recorded(order: Order) -> VariationComplaint | None:
    """The police's most recent application under s27 on `order` (orders.variations), as the
    complaint says it: what it asks for, the reasons, its date and the court it is listed at.
    What the proposal changes is one text on the record, so section 5's parts stay blank to be
    completed by hand. One query."""
    proceeding = (
        Proceeding.objects.filter(order=order, kind=ProceedingKind.APPLICATION, applicant=ProceedingApplicant.POLICE)
        .select_related("hearing__court")
        .order_by("-made_on", "-id")
        .first()
    )
    if proceeding is None:
        return None
    return VariationComplaint(
        kind=proceeding.sought,
        applicant="police",
        reasons=proceeding.reasons,
        court=proceeding.hearing.court if proceeding.hearing else None,
        made_on=proceeding.made_on,
    )


def _conditions(order: Order) -> list[dict]:
    """Section 4a: the prohibitions and requirements of the order as it stands (as the court made
    them and as any variation since left them), with their details."""
    made = order.provisions.current().select_related("supervisor_organisation").order_by("number", "id")
    return [provision_context(p) for p in made]


def _requirement_rows(changes: tuple[tuple[str, str], ...]) -> list[dict | None]:
    rows = [{"wording": wording, "supervisor": supervisor} for wording, supervisor in changes]
    return rows + [None] * max(0, REQUIREMENT_ROWS - len(rows))


def appendix_c_context(application: Application, complaint: VariationComplaint | None = None) -> dict:
    """Everything Appendix C shows for a complaint about `application`'s most recent order.
    Raises Order.DoesNotExist when no order has been made (see `applies`).
    Note: three queries (the application with its subject, its latest order with the court,
    the order's provisions); a complaint's court is used as given."""
    application = Application.objects.select_related("case__subject").get(pk=application.pk)
    order = order_latest_for_application(application=application)
    if order is None:
        raise Order.DoesNotExist(f"No order has been made on application {application.pk}.")
    complaint = complaint or complaint_recorded(order) or VariationComplaint()
    subject = application.case.subject
    court_name, court_suffix = court_heading(complaint.court)
    order_court_name, order_court_suffix = court_heading(order.court)
    applicant = complaint.applicant_details
    interim = order.kind != OrderKind.FULL

    return {
        # The heading: the complaint's court, reference and date.
        "court_name": court_name,
        "court_suffix": court_suffix,
        "court_reference": complaint.court_reference,
        "complaint_date": day_text(complaint.made_on) if complaint.made_on else "",
        "vary": complaint.kind == "vary",
        "renew": complaint.kind == "renew",
        "discharge": complaint.kind == "discharge",
        # The order complained of.
        "interim": interim,
        "full": not interim,
        "order_made_on": day_text(order.made_on),
        "order_court_name": order_court_name,
        "order_court_suffix": order_court_suffix,
        # 1. Applicant details.
        "applicant_defendant": complaint.applicant == "defendant",
        "applicant_police": complaint.applicant == "police",
        "applicant": {
            "full_name": applicant.full_name,
            "email": applicant.email,
            "telephone": applicant.telephone,
            "address": applicant.address,
            "postcode": applicant.postcode,
        },
        # 2. Defendant details. The form's third box is "Prefer not to say", which none of the
        # recorded genders ("other", "not known") is, so neither ticks it.
        "defendant": {
            "family_name": subject.family_name,
            "given_names": subject.given_names,
            "male": subject.gender == Gender.MALE,
            "female": subject.gender == Gender.FEMALE,
            "prefer_not_to_say": False,
            "date_of_birth": day_text(subject.date_of_birth),
            "address": address_text(subject),
            "postcode": subject.postcode,
            "email": "",
            "telephone": "",
        },
        # 3. The order the complaint relates to.
        "previous_orders": [
            {
                "court_reference": order.court_reference,
                "made_on": day_text(order.made_on),
                "court": order.court.name if order.court else "",
                "connection": complaint.connection,
            }
        ],
        # 4. Matter of complaint.
        "conditions": _conditions(order),
        "reasons": complaint.reasons,
        # Supplement.
        "proposed_duration": complaint.proposed_duration,
        "proposed_prohibition_changes": complaint.proposed_prohibition_changes,
        "requirement_rows": _requirement_rows(complaint.proposed_requirement_changes),
        "supporting_documents_index": complaint.supporting_documents_index,
    }
