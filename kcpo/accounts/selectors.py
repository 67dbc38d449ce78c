"""Reads for organisations, users and memberships."""

from django.db.models import Count, Q, QuerySet

from kcpo.accounts.models import Membership, Organisation, User


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )


def organisation_member_list(*, organisation: Organisation) -> QuerySet[Membership]:
    """Everyone in the organisation, for its own members to see."""
    return (
        Membership.objects.active()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "id")
    )


def organisation_list_with_member_counts() -> QuerySet[Organisation]:
    return Organisation.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__is_active=True))
    ).order_by("type", "name", "id")


def organisation_counts_by_type() -> list[tuple[str, int]]:
    """(type label, number of organisations) for the analyst's overview; no personal data."""
    rows = Organisation.objects.values("type").annotate(count=Count("id")).order_by("type")
    return [(Organisation.Type(row["type"]).label, row["count"]) for row in rows]
