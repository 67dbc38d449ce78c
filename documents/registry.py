"""Every document the service can generate: its template, the version of that template, its
title, which applications it applies to, and how its context and sources are gathered. Adding a
form is adding an entry here, its context module under documents/forms/ and its template.

Who works with an application's documents is decided here too (`document_roles`), once for
every page, service and command that touches them."""

from collections.abc import Callable
from dataclasses import dataclass

from documents.forms import appendix_a, appendix_b, appendix_e, order, order_easy_read
from documents.models import DocumentKind
from kcpo.access import POLICE_CASEWORK
from orders.models import Application
from orders.workflow import CPS_LAWYERS, S14_ROUTES, Route


@dataclass(frozen=True)
class FormSpec:
    kind: DocumentKind
    template: str
    template_version: str
    title: str
    context: Callable[[Application], dict]
    applies: Callable[[Application], bool]

    @property
    def filename(self) -> str:
        """How the form is named when written out (render_forms): its kind, e.g. appendix_a.pdf."""
        return f"{self.kind.value}.pdf"


def document_roles(application: Application) -> frozenset:
    """The roles that may preview, issue and download the application's documents: its own
    force's police casework roles and, for an order on conviction, the CPS lawyers of the area
    it was submitted to, because the prosecutor serves the notice (Appendix B), presents the
    application and is served the defendant's notice (Appendix D). Which organisation each
    role must belong to is orders.services.check_actor's rule."""
    if application.route == Route.S19:
        return POLICE_CASEWORK | CPS_LAWYERS
    return POLICE_CASEWORK


def sources(application: Application) -> dict:
    """The ids of the records a form of the application is made from, as stored with an issue."""
    return {
        "application": application.id,
        "subject": application.case.subject_id,
        "provisions": sorted(application.provisions.values_list("id", flat=True)),
        "evidence_items": sorted(application.evidence_items.values_list("id", flat=True)),
        "hearsay_items": sorted(application.hearsay_items.values_list("id", flat=True)),
        "consultations": sorted(application.consultations.values_list("id", flat=True)),
        "hearings": sorted(application.hearings.values_list("id", flat=True)),
        "orders": sorted(application.orders.values_list("id", flat=True)),
        "defendant_notices": sorted(application.defendant_notices.values_list("id", flat=True)),
    }


def on_complaint(application: Application) -> bool:
    return application.route in S14_ROUTES


def on_conviction(application: Application) -> bool:
    return application.route == Route.S19


FORMS: dict[str, FormSpec] = {
    spec.kind.value: spec
    for spec in (
        FormSpec(
            kind=DocumentKind.APPENDIX_A,
            template="documents/appendix_a.html",
            template_version=appendix_a.TEMPLATE_VERSION,
            title=appendix_a.TITLE,
            context=appendix_a.appendix_a_context,
            applies=on_complaint,
        ),
        FormSpec(
            kind=DocumentKind.APPENDIX_B,
            template="documents/appendix_b.html",
            template_version=appendix_b.TEMPLATE_VERSION,
            title=appendix_b.TITLE,
            context=appendix_b.appendix_b_context,
            applies=on_conviction,
        ),
        FormSpec(
            kind=DocumentKind.APPENDIX_E,
            template="documents/appendix_e.html",
            template_version=appendix_e.TEMPLATE_VERSION,
            title=appendix_e.TITLE,
            context=appendix_e.appendix_e_context,
            applies=on_conviction,
        ),
        FormSpec(
            kind=DocumentKind.ORDER,
            template="documents/order.html",
            template_version=order.TEMPLATE_VERSION,
            title=order.TITLE,
            context=order.order_context,
            applies=order.applies,
        ),
        FormSpec(
            kind=DocumentKind.ORDER_EASY_READ,
            template="documents/order_easy_read.html",
            template_version=order_easy_read.TEMPLATE_VERSION,
            title=order_easy_read.TITLE,
            context=order_easy_read.order_easy_read_context,
            applies=order_easy_read.applies,
        ),
    )
}


def forms_for(application: Application) -> list[FormSpec]:
    return [spec for spec in FORMS.values() if spec.applies(application)]
