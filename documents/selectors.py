"""Reads of issued documents, scoped through their application (orders.selectors): another
organisation gets 404, a role that may not see documents 403."""

from django.db.models import QuerySet
from django.http import Http404

from documents.models import Document
from kcpo.accounts.models import Membership
from orders.models import Application
from orders.selectors import application_get_for_owner


def document_list(*, application: Application) -> QuerySet[Document]:
    """Without the PDF bytes: a list never needs them."""
    return application.documents.defer("pdf").select_related("issued_by").order_by("kind", "-version")


def document_get(*, membership: Membership | None, document_id: int) -> Document:
    application_id = Document.objects.filter(pk=document_id).values_list("application_id", flat=True).first()
    if application_id is None:
        raise Http404
    application = application_get_for_owner(membership=membership, application_id=application_id)
    document = Document.objects.get(pk=document_id)
    document.application = application
    return document
