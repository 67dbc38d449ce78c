import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import Case
from cases.selectors import case_shared_with
from cases.services import case_share, case_unshare
from kcpo.audit.models import AuditEvent
from tests.factories import OrganisationFactory


def test_sharing_twice_is_a_no_op(alice, case):
    cps = OrganisationFactory(cps=True)
    case_share(case=case, organisation=cps, by=alice.user, membership=alice, reason="s19")
    case_share(case=case, organisation=cps, by=alice.user, membership=alice, reason="s19")

    assert AuditEvent.objects.filter(operation="disclose").count() == 1
    assert list(Case.objects.visible_to(cps)) == [case]


@pytest.mark.parametrize(
    "make_recipient", [lambda force: force, lambda force: OrganisationFactory()], ids=["own", "force"]
)
def test_sharing_with_a_police_force_is_refused_and_changes_nothing(alice, case, force, make_recipient):
    recipient = make_recipient(force)
    with pytest.raises(ValidationError):
        case_share(case=case, organisation=recipient, by=alice.user, membership=alice, reason="x")

    assert not case_shared_with(case=case, organisation=recipient)
    assert AuditEvent.objects.count() == 0


def test_sharing_needs_a_reason(alice, case):
    with pytest.raises(ValidationError) as error:
        case_share(case=case, organisation=OrganisationFactory(yot=True), by=alice.user, membership=alice, reason=" ")
    assert error.value.message_dict == {"reason": ["Enter why the case is being shared."]}


def test_unsharing_withdraws_access_and_is_logged(alice, case):
    yot = OrganisationFactory(yot=True)
    case_share(case=case, organisation=yot, by=alice.user, membership=alice, reason="consultation")

    case_unshare(case=case, organisation=yot, by=alice.user, membership=alice, reason="consultation answered")

    assert list(Case.objects.visible_to(yot)) == []
    assert AuditEvent.objects.filter(operation="alter", recipient=yot.name).count() == 1


def test_only_a_sharing_role_of_the_owning_force_can_share(case, bob, charlie):
    yot = OrganisationFactory(yot=True)
    for membership in (bob, charlie):  # wrong role in the owning force; a lead of another force
        with pytest.raises(PermissionDenied):
            case_share(case=case, organisation=yot, by=membership.user, membership=membership, reason="x")
    assert not case_shared_with(case=case, organisation=yot)
    assert AuditEvent.objects.count() == 0
