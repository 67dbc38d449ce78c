"""Every document the service can generate: its template, the version of that template, its
title, which applications it applies to, and how its context and sources are gathered. Adding a
form is adding an entry here, its context module under documents/forms/ and its template.

Who works with an application's documents is decided here too (`document_roles`), once for
every page, service and command that touches them."""

from collections.abc import Callable
from dataclasses import dataclass

from documents.forms import appendix_a, appendix_b, appendix_c, appendix_d, appendix_e, order, order_easy_read
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


def _form(kind: DocumentKind, module, *, applies: Callable[[Application], bool] | None = None) -> FormSpec:
    """The entry of a form made the usual way: documents/forms/<kind>.py with TEMPLATE_VERSION,
    TITLE, `<kind>_context` and (unless `applies` is given) `applies`; template
    documents/<kind>.html."""
    return FormSpec(
        kind=kind,
        template=f"documents/{kind.value}.html",
        template_version=module.TEMPLATE_VERSION,
        title=module.TITLE,
        context=getattr(module, f"{kind.value}_context"),
        applies=applies or module.applies,
    )


FORMS: dict[str, FormSpec] = {
    spec.kind.value: spec
    for spec in (
        _form(DocumentKind.APPENDIX_A, appendix_a, applies=on_complaint),
        _form(DocumentKind.APPENDIX_B, appendix_b, applies=on_conviction),
        _form(DocumentKind.APPENDIX_E, appendix_e, applies=on_conviction),
        # Filled from the order and the police's latest application under s27 on it.
        _form(DocumentKind.APPENDIX_C, appendix_c),
        _form(DocumentKind.APPENDIX_D, appendix_d),
        _form(DocumentKind.ORDER, order),
        _form(DocumentKind.ORDER_EASY_READ, order_easy_read),
    )
}


def forms_for(application: Application) -> list[FormSpec]:
    return [spec for spec in FORMS.values() if spec.applies(application)]
