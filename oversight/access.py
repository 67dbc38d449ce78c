"""Who reads a force's statistics: its analysts, and its KCPO leads, who answer for the pilot.
The tables count a force's own records; no other kind of organisation has any to count yet."""

from django.core.exceptions import PermissionDenied

from kcpo.accounts.models import Membership, Organisation, Role

STATISTICS_READERS = frozenset({Role.ANALYST, Role.KCPO_LEAD})


def is_statistics_reader(membership: Membership | None) -> bool:
    return (
        membership is not None
        and membership.role in STATISTICS_READERS
        and membership.organisation.type == Organisation.Type.POLICE_FORCE
    )


def require_statistics_reader(membership: Membership | None) -> Membership:
    """403 unless the member is an analyst or KCPO lead of a police force."""
    if not is_statistics_reader(membership):
        raise PermissionDenied("Only a police force’s analysts and KCPO leads can read its statistics.")
    return membership
