"""The one permission mechanism: organisation scoping plus role checks.

Every page, API endpoint, export and document that shows a scoped object goes through
`get_for_membership` (one object) or `require_role` + a `visible_to` QuerySet (lists):

- Scoping: a model's QuerySet has `visible_to(organisation)`: the rows the organisation
  owns, plus rows shared with it through a django-guardian grant to its group
  (`ScopedQuerySet` below). An object outside that set answers **404**, so another
  organisation cannot even learn that it exists.
- Role: within what the organisation can see, the acting role must be one the operation
  allows, or the answer is **403**.

Order matters: scope first, role second (cf. `_get_check_for_user` and
`_get_rw_check_for_user` in healthchecks' front/views.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from kcpo.accounts.models import Role

if TYPE_CHECKING:
    from kcpo.accounts.models import Membership, Organisation

M = TypeVar("M", bound=models.Model)

# Roles grouped by what they do; operations name these rather than listing roles ad hoc.
POLICE_CASEWORK = frozenset({Role.POLICE_OFFICER, Role.KCPO_LEAD, Role.AUTHORISING_OFFICER})
CASE_READERS = POLICE_CASEWORK | {Role.CPS_LAWYER, Role.YOT_WORKER}
CASE_SHARERS = frozenset({Role.KCPO_LEAD, Role.AUTHORISING_OFFICER})


class ScopedQuerySet(models.QuerySet):
    """A QuerySet over objects owned by one organisation and shareable with others.

    Subclasses set `owner_field` (the FK to the owning organisation) and
    `group_permission_model` (guardian's direct-FK group permission table for the model,
    which is far faster than the generic one at scale) and `view_codename`.
    """

    owner_field = "owner"
    group_permission_model: type[models.Model]
    view_codename: str

    def _grants_to(self, organisation: Organisation):
        return self.group_permission_model.objects.filter(
            content_object=models.OuterRef("pk"),
            group_id=organisation.group_id,
            permission__codename=self.view_codename,
        )

    def shared_with(self, organisation: Organisation) -> ScopedQuerySet:
        """Rows another organisation owns and has shared with this one."""
        return self.filter(models.Exists(self._grants_to(organisation)))

    def owned_by(self, organisation: Organisation | None) -> ScopedQuerySet:
        """Rows the organisation owns: what it may change (shared rows are read-only to it)."""
        if organisation is None:
            return self.none()
        return self.filter(**{f"{self.owner_field}_id": organisation.id})

    def visible_to(self, organisation: Organisation | None) -> ScopedQuerySet:
        if organisation is None:
            return self.none()
        owned = models.Q(**{f"{self.owner_field}_id": organisation.id})
        return self.filter(owned | models.Exists(self._grants_to(organisation)))


def require_role(membership: Membership | None, roles: Iterable[str]) -> Membership:
    """403 unless the user acts in one of `roles`. A user with no active membership has no role."""
    if membership is None or membership.role not in roles:
        raise PermissionDenied("Your role does not allow this.")
    return membership


def get_for_membership(membership: Membership | None, queryset: ScopedQuerySet, *, roles: Iterable[str], **lookup) -> M:
    """The object matching `lookup` as `membership` may see it: 404 if its organisation
    cannot see it, 403 if it can but the role may not do this."""
    organisation = membership.organisation if membership is not None else None
    try:
        obj = queryset.visible_to(organisation).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    require_role(membership, roles)
    return obj
