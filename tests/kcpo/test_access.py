"""The permission mechanism itself: scoping answers 404, the wrong role answers 403."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cases.models import Case
from kcpo.access import CASE_READERS, get_for_membership, require_role
from kcpo.accounts.models import Role
from tests.factories import CaseFactory, MembershipFactory, OrganisationFactory


def test_it_returns_an_object_of_the_own_organisation(alice, case):
    assert get_for_membership(alice, Case.objects.all(), roles=CASE_READERS, pk=case.pk) == case


def test_it_answers_404_for_another_organisations_object(charlie, case):
    with pytest.raises(Http404):
        get_for_membership(charlie, Case.objects.all(), roles=CASE_READERS, pk=case.pk)


def test_it_answers_403_for_the_wrong_role_in_the_own_organisation(bob, case):
    with pytest.raises(PermissionDenied):
        get_for_membership(bob, Case.objects.all(), roles=CASE_READERS, pk=case.pk)


def test_it_answers_404_not_403_when_both_organisation_and_role_are_wrong(other_force, case):
    # An administrator elsewhere must not learn the case exists from a 403.
    outsider = MembershipFactory(organisation=other_force, role=Role.ADMINISTRATOR)
    with pytest.raises(Http404):
        get_for_membership(outsider, Case.objects.all(), roles=CASE_READERS, pk=case.pk)


def test_it_answers_404_without_a_membership(case):
    with pytest.raises(Http404):
        get_for_membership(None, Case.objects.all(), roles=CASE_READERS, pk=case.pk)


def test_it_answers_404_for_a_malformed_id(alice):
    with pytest.raises(Http404):
        get_for_membership(alice, Case.objects.all(), roles=CASE_READERS, pk="not-a-number")


def test_require_role_refuses_a_user_without_membership():
    with pytest.raises(PermissionDenied):
        require_role(None, CASE_READERS)


def test_a_share_makes_the_object_visible_to_that_organisation_only(alice, case):
    from cases.services import case_share

    cps = OrganisationFactory(cps=True)
    other_cps = OrganisationFactory(cps=True)
    case_share(case=case, organisation=cps, by=alice.user, membership=alice, reason="s19 submission")

    assert list(Case.objects.visible_to(cps)) == [case]
    assert list(Case.objects.visible_to(other_cps)) == []


def test_visible_to_lists_owned_and_shared_objects_without_duplicates(force, other_force, alice, charlie):
    from cases.services import case_share

    owned = CaseFactory(owner=force)
    theirs = CaseFactory(owner=other_force)
    yot = OrganisationFactory(yot=True)
    case_share(case=owned, organisation=yot, by=alice.user, membership=alice, reason="consultation")
    case_share(case=theirs, organisation=yot, by=charlie.user, membership=charlie, reason="consultation")
    # Two grants for the same case to two groups must not duplicate rows.
    case_share(case=owned, organisation=OrganisationFactory(cps=True), by=alice.user, membership=alice, reason="x")

    assert sorted(Case.objects.visible_to(force).values_list("id", flat=True)) == [owned.id]
    assert sorted(Case.objects.visible_to(yot).values_list("id", flat=True)) == sorted([owned.id, theirs.id])
