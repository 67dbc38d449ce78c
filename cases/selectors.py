"""Reads for cases, always scoped to the viewer's organisation (see kcpo.access)."""

from django.db.models import Count, QuerySet

from cases.models import Case, CaseGroupObjectPermission, Occasion, Subject
from kcpo.access import CASE_READERS, CASE_SHARERS, get_for_membership, require_role
from kcpo.accounts.models import Membership, Organisation


def case_list(*, membership: Membership | None) -> QuerySet[Case]:
    require_role(membership, CASE_READERS)
    return (
        Case.objects.visible_to(membership.organisation)
        .select_related("subject", "owner", "lead_officer")
        .order_by("-created_at", "-id")
    )


def case_get(*, membership: Membership | None, case_id: int, roles=CASE_READERS) -> Case:
    return get_for_membership(
        membership, Case.objects.select_related("subject", "owner", "lead_officer"), roles=roles, pk=case_id
    )


def case_shared_organisations(*, case: Case) -> QuerySet[Organisation]:
    group_ids = CaseGroupObjectPermission.objects.filter(content_object=case, permission__codename="view_case").values(
        "group_id"
    )
    return Organisation.objects.filter(group_id__in=group_ids).order_by("name", "id")


def case_shared_with(*, case: Case, organisation: Organisation) -> bool:
    return Case.objects.filter(pk=case.pk).shared_with(organisation).exists()


def occasion_list_for_subject(*, subject: Subject):
    return Occasion.objects.filter(subject=subject).order_by("-occurred_on", "-id")


def case_can_share(*, membership: Membership | None, case: Case) -> bool:
    """Only a sharing role of the force that owns the case may share it: a recipient sees a
    shared case but cannot pass it on."""
    return membership is not None and membership.role in CASE_SHARERS and membership.organisation_id == case.owner_id


def case_counts_by_force():
    """Number of cases per owning force, for the analyst's overview; no personal data."""
    return Case.objects.values("owner__name").annotate(count=Count("id")).order_by("owner__name")
