"""Helpers that every feature's permission tests use (own org / wrong role / other org).

    def test_case_page_permissions(client, case_access):
        assert_access(client, url, case_access.expectations(allowed=CASE_READERS))

`OrganisationAccess` builds, around one owning organisation, a member in every role that
organisation type allows, and a member in every role of every *other* organisation (one
of each type, plus a second organisation of the owner's type). `expectations()` then
says what each should get: 200 for the allowed roles of the owner, 403 for its other
roles, 404 for everyone elsewhere.
"""

from dataclasses import dataclass, field

from kcpo.accounts.middleware import SESSION_KEY
from kcpo.accounts.models import ROLES_BY_ORGANISATION_TYPE, Membership, Organisation
from tests.factories import MembershipFactory, OrganisationFactory

TRAITS = {
    Organisation.Type.POLICE_FORCE: {},
    Organisation.Type.CPS_AREA: {"cps": True},
    Organisation.Type.YOT: {"yot": True},
    Organisation.Type.PROVIDER: {"provider": True},
    Organisation.Type.COURT: {"court": True},
}


def login_as(client, membership: Membership) -> None:
    """Sign `client` in as the membership's user, acting in that membership."""
    client.force_login(membership.user)
    session = client.session
    session[SESSION_KEY] = membership.id
    session.save()


def as_member(client, membership: Membership):
    """`client`, signed out of whoever it was and signed in as `membership`."""
    client.logout()
    login_as(client, membership)
    return client


def members_in_every_role(organisation: Organisation) -> dict[str, Membership]:
    return {
        role: MembershipFactory(organisation=organisation, role=role)
        for role in sorted(ROLES_BY_ORGANISATION_TYPE[organisation.type])
    }


@dataclass
class OrganisationAccess:
    owner: Organisation
    own: dict[str, Membership] = field(default_factory=dict)
    others: list[Membership] = field(default_factory=list)

    @classmethod
    def around(cls, owner: Organisation) -> "OrganisationAccess":
        access = cls(owner=owner, own=members_in_every_role(owner))
        other_organisations = [OrganisationFactory(**TRAITS[owner.type])]
        other_organisations += [
            OrganisationFactory(**traits) for type_, traits in TRAITS.items() if type_ != owner.type
        ]
        for organisation in other_organisations:
            access.others.extend(members_in_every_role(organisation).values())
        return access

    def expectations(self, *, allowed, ok: int = 200, other_org: int = 404) -> dict[Membership, int]:
        expected = {m: (ok if role in allowed else 403) for role, m in self.own.items()}
        expected.update(dict.fromkeys(self.others, other_org))
        return expected

    def expectations_without_object(self, *, allowed, ok: int = 200) -> dict[Membership, int]:
        """For pages with no object in the URL (lists, searches, forms to create): members
        elsewhere are judged by role alone, since they see only their own organisation's
        data there, so they get 200 or 403, never 404."""
        expected = self.expectations(allowed=allowed, ok=ok)
        expected.update({m: ok if m.role in allowed else 403 for m in self.others})
        return expected

    def grant(self, membership: Membership) -> None:
        """Treat a membership of another organisation as one the object was shared with."""
        self.others.remove(membership)


def assert_access(
    client, url: str, expected: dict[Membership, int], *, method: str = "get", data=None, **extra
) -> None:
    """Request `url` as each membership and compare every status code at once, so one
    failure report shows the whole table."""
    actual = {}
    for membership, _status in expected.items():
        client.logout()
        login_as(client, membership)
        response = getattr(client, method)(url, data or {}, **extra)
        actual[membership] = response.status_code
    describe = lambda table: {f"{m.organisation.get_type_display()}/{m.role}": s for m, s in table.items()}  # noqa: E731
    assert describe(actual) == describe(expected)
