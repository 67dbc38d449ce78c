"""Reads for applications, scoped to the viewer's organisation (kcpo.access): the owning
force sees its applications, a CPS area what was submitted to it, a YOT what it was
consulted on (orders.models.ApplicationQuerySet)."""

from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, QuerySet
from django.http import Http404

from kcpo.access import POLICE_CASEWORK, get_for_membership, require_role
from kcpo.accounts.models import Membership, Role
from orders.models import (
    Application,
    ApplicationEvent,
    ApplicationSubmission,
    DefendantNotice,
    Hearing,
    Notification,
    Order,
    OrderProvision,
    Proceeding,
    Provision,
    ProvisionComment,
    ServiceRecord,
    YotConsultation,
)
from orders.workflow import CPS_LAWYERS, State, Transition, available_transitions

APPLICATION_READERS = POLICE_CASEWORK | {Role.CPS_LAWYER, Role.YOT_WORKER}
# What a CPS area sees: submissions, from the first one on.
CPS_STATES = frozenset({State.SUBMITTED_TO_CPS, State.RETURNED_BY_CPS, State.ACCEPTED_BY_CPS, State.DECLINED_BY_CPS})


def _with_case(queryset):
    return queryset.select_related("case__subject", "case__lead_officer", "owner", "cps_area", "created_by")


def application_get(*, membership: Membership | None, application_id: int, roles=APPLICATION_READERS) -> Application:
    """404 if the organisation cannot see it, 403 if the role may not."""
    return get_for_membership(membership, _with_case(Application.objects.all()), roles=roles, pk=application_id)


def application_get_for_owner(*, membership: Membership | None, application_id: int) -> Application:
    """An application its own force's police may work on: 404 for another organisation, 403
    for a role of a consulted or reviewing organisation (the services refuse other states)."""
    application = application_get(membership=membership, application_id=application_id, roles=POLICE_CASEWORK)
    if application.owner_id != membership.organisation_id:
        raise PermissionDenied("Only the force that owns the application can change it.")
    return application


def application_list_for_case(*, membership: Membership, case) -> QuerySet[Application]:
    """With what the service checks read (orders.court.service_checks), so the case page's
    service warnings take a fixed number of queries."""
    return (
        Application.objects.visible_to(membership.organisation)
        .filter(case=case)
        .select_related("case__subject")
        .prefetch_related("hearings", "service_records", "hearsay_items")
        .order_by("-created_at", "-id")
    )


def application_events(*, application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.select_related("by", "organisation").order_by("occurred_at", "id")


def consultation_inbox(*, membership: Membership | None) -> QuerySet[YotConsultation]:
    """The consultations sent to the YOT worker's YOT, newest first."""
    require_role(membership, {Role.YOT_WORKER})
    return (
        YotConsultation.objects.filter(yot=membership.organisation)
        .select_related("application__case__subject", "application__owner")
        # Awaiting a reply first: PostgreSQL sorts NULLs last in ascending order unless told.
        .order_by(F("replied_at").asc(nulls_first=True), "-sent_at", "-id")
    )


def consultation_get(*, membership: Membership | None, consultation_id: int) -> YotConsultation:
    """A consultation as the consulted YOT or the owning force sees it (404 for anyone else)."""
    # Scope first, role second (kcpo.access): another organisation learns nothing, even
    # that the consultation exists, whatever its role.
    consultation = (
        YotConsultation.objects.select_related("application__case__subject", "application__owner", "yot", "sent_by")
        .filter(pk=consultation_id)
        .first()
    )
    organisation_id = membership.organisation_id if membership is not None else None
    if consultation is None or organisation_id not in (consultation.yot_id, consultation.application.owner_id):
        raise Http404
    require_role(membership, POLICE_CASEWORK | {Role.YOT_WORKER})
    return consultation


def cps_inbox(*, membership: Membership | None) -> QuerySet[Application]:
    require_role(membership, {Role.CPS_LAWYER})
    return _with_case(Application.objects.filter(cps_area=membership.organisation, state__in=CPS_STATES)).order_by(
        "-updated_at", "-id"
    )


def application_actions(*, application: Application, membership: Membership) -> list[Transition]:
    """The transitions the viewer's role could make now (before the services' guards): the
    police only on their own force's applications, a CPS lawyer only on what was submitted
    to their area."""
    if membership.role in CPS_LAWYERS:
        acting_for = application.cps_area_id
    elif membership.role in POLICE_CASEWORK:
        acting_for = application.owner_id
    else:
        return []
    if membership.organisation_id != acting_for:
        return []
    # Court outcomes are recorded against a hearing (orders.court), not as bare moves.
    return available_transitions(
        route=application.route, state=application.state, role=membership.role, at_hearing=False
    )


def application_provisions(*, application: Application) -> QuerySet[Provision]:
    return application.provisions.select_related("supervisor_organisation").order_by("number", "id")


def application_consultations(*, application: Application) -> QuerySet[YotConsultation]:
    return application.consultations.select_related("yot", "sent_by", "replied_by").order_by("sent_at", "id")


def consultation_for_yot(*, application: Application, membership: Membership) -> YotConsultation:
    """The consultation of the viewer's YOT on this application (404 if it was not consulted)."""
    consultation = application.consultations.filter(yot_id=membership.organisation_id).first()
    if consultation is None:
        raise Http404
    return consultation


def application_submissions(*, application: Application) -> QuerySet[ApplicationSubmission]:
    """Every round submitted to the CPS, first to last."""
    return application.submissions.select_related("submitted_by").order_by("round")


def provision_comment_list(*, application: Application) -> QuerySet[ProvisionComment]:
    return application.provision_comments.select_related("by").order_by("round", "created_at", "id")


def hearing_list_for_application(*, application: Application) -> QuerySet[Hearing]:
    return application.hearings.select_related("court", "outcome_recorded_by").order_by("date", "id")


def _get_through_owned_application(queryset, *, membership: Membership | None, pk: int):
    """A row of an application the viewer's force owns (404 for anyone else): the application
    is scoped first, so another organisation learns nothing, even that the row exists."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    found.application = application_get_for_owner(membership=membership, application_id=found.application_id)
    return found


def hearing_get_for_owner(*, membership: Membership | None, hearing_id: int) -> Hearing:
    """A hearing of an application the viewer's force owns (404 for anyone else)."""
    return _get_through_owned_application(
        Hearing.objects.select_related("court", "application"), membership=membership, pk=hearing_id
    )


def service_record_list(*, application: Application) -> QuerySet[ServiceRecord]:
    return application.service_records.select_related("recorded_by").order_by("served_on", "id")


def defendant_notice_list(*, application: Application) -> QuerySet[DefendantNotice]:
    return application.defendant_notices.select_related("recorded_by").order_by("served_on", "id")


def order_list_for_application(*, application: Application) -> QuerySet[Order]:
    return (
        application.orders.select_related("court", "hearing")
        .prefetch_related(
            Prefetch(
                "provisions",
                queryset=OrderProvision.objects.current().select_related("supervisor_organisation"),
            )
        )
        .order_by("made_on", "id")
    )


def order_get_for_owner(*, membership: Membership | None, order_id: int) -> Order:
    """An order of an application the viewer's force owns, with what its page shows: 404 for
    another organisation, 403 for a role that may not work on it."""
    return _get_through_owned_application(
        Order.objects.select_related("court", "hearing", "replaces", "replaced_by"), membership=membership, pk=order_id
    )


def order_provision_list(*, order: Order) -> QuerySet[OrderProvision]:
    """The order's requirements and prohibitions now: as made, and as varied since (s27)."""
    return order.provisions.current().select_related("supervisor_organisation").order_by("number", "id")


def proceeding_list(*, order: Order) -> QuerySet[Proceeding]:
    return order.proceedings.select_related("hearing__court", "yot", "decided_by").order_by("made_on", "id")


def proceeding_get_for_owner(*, membership: Membership | None, proceeding_id: int) -> Proceeding:
    """A review, application or appeal on an order the viewer's force owns (404 for anyone else)."""
    proceeding = (
        Proceeding.objects.select_related("order__court", "hearing__court", "yot").filter(pk=proceeding_id).first()
    )
    if proceeding is None:
        raise Http404
    proceeding.order.application = application_get_for_owner(
        membership=membership, application_id=proceeding.order.application_id
    )
    return proceeding


def notification_list(*, order: Order) -> QuerySet[Notification]:
    return order.notifications.select_related("recorded_by").order_by("notified_on", "id")


def order_latest_for_application(*, application: Application) -> Order | None:
    """The application's most recent order (by the day made, then id): the full order once
    made, otherwise the interim one. Forms about "the order" print this one."""
    return application.orders.select_related("court").order_by("-made_on", "-id").first()
