"""Writes for organisations, users and memberships."""

from django.contrib.auth.models import Group
from django.db import transaction

from kcpo.accounts.models import Membership, Organisation, User


@transaction.atomic
def organisation_create(
    *, name: str, code: str, type: str, police_force_kind: str = "", court_kind: str = ""
) -> Organisation:
    group = Group.objects.create(name=f"organisation:{code}")
    organisation = Organisation(
        name=name, code=code, type=type, police_force_kind=police_force_kind, court_kind=court_kind, group=group
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def user_create(*, email: str, full_name: str, password: str | None = None, is_staff: bool = False) -> User:
    user = User(email=email, full_name=full_name, is_staff=is_staff)
    user.full_clean(exclude=["password"])
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def membership_create(*, user: User, organisation: Organisation, role: str) -> Membership:
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean()
    membership.save()
    return membership
