"""Reads of an application's documents, scoped through the application (orders.selectors):
another organisation gets 404, a role that may not see its documents 403
(documents.registry.document_roles)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from documents.models import BundleJob, Document
from documents.registry import document_roles
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Membership
from orders.models import Application
from orders.selectors import application_get
from orders.services import check_actor
from orders.workflow import CPS_LAWYERS


def application_get_for_documents(*, membership: Membership | None, application_id: int) -> Application:
    """An application whose documents the viewer may work with: 404 if their organisation
    cannot see it; 403 for a role that may not, or an organisation that sees the application
    but not its documents (a consulted YOT)."""
    application = application_get(
        membership=membership, application_id=application_id, roles=POLICE_CASEWORK | CPS_LAWYERS
    )
    check_actor(application, membership, document_roles(application))
    return application


def document_list(*, application: Application) -> QuerySet[Document]:
    """Without the PDF bytes: a list never needs them."""
    return application.documents.defer("pdf").select_related("issued_by").order_by("kind", "-version")


def document_get(*, membership: Membership | None, document_id: int) -> Document:
    application_id = Document.objects.filter(pk=document_id).values_list("application_id", flat=True).first()
    if application_id is None:
        raise Http404
    application = application_get_for_documents(membership=membership, application_id=application_id)
    document = Document.objects.get(pk=document_id)
    document.application = application
    return document


def bundle_job_get(*, membership: Membership | None, job_id: int) -> BundleJob:
    """A bundle job, seen through its application (404 for another organisation)."""
    application_id = BundleJob.objects.filter(pk=job_id).values_list("application_id", flat=True).first()
    if application_id is None:
        raise Http404
    application = application_get_for_documents(membership=membership, application_id=application_id)
    job = BundleJob.objects.select_related("requested_by__user", "document").get(pk=job_id)
    job.application = application
    return job


def bundle_job_unfinished(*, application: Application) -> BundleJob | None:
    return application.bundle_jobs.filter(status__in=[BundleJob.Status.QUEUED, BundleJob.Status.RENDERING]).first()


def documents_visible(*, application: Application, membership: Membership | None) -> bool:
    """Whether the viewer may open the application's documents page (for a link to it)."""
    try:
        check_actor(application, membership, document_roles(application))
    except PermissionDenied:
        return False
    return True
