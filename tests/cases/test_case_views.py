import pytest
from django.urls import reverse

from cases.services import case_share
from kcpo.access import CASE_READERS, CASE_SHARERS
from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from tests.access import OrganisationAccess, assert_access, login_as
from tests.factories import CaseFactory, MembershipFactory


def test_case_page_permissions_for_every_role_of_every_organisation(client, case, case_access):
    assert_access(client, reverse("cases:detail", args=[case.id]), case_access.expectations(allowed=CASE_READERS))


def test_a_shared_case_opens_for_the_recipients_case_readers_only(client, case, alice):
    access = OrganisationAccess.around(case.owner)
    cps_lawyer = next(m for m in access.others if m.role == Role.CPS_LAWYER)
    cps_analyst = next(m for m in access.others if m.organisation == cps_lawyer.organisation and m.role == Role.ANALYST)
    case_share(case=case, organisation=cps_lawyer.organisation, by=alice.user, membership=alice, reason="s19")

    assert_access(client, reverse("cases:detail", args=[case.id]), {cps_lawyer: 200, cps_analyst: 403})


def test_case_list_shows_only_the_organisations_cases(alice_client, case, other_force):
    CaseFactory(owner=other_force, reference="TVP-0001")

    response = alice_client.get(reverse("cases:list"))

    assert [c.reference for c in response.context["page"]] == [case.reference]


def test_case_list_permissions_for_every_role_of_every_organisation(client, case_access):
    # No object in the URL: every organisation's case readers get their own list.
    assert_access(client, reverse("cases:list"), case_access.expectations_without_object(allowed=CASE_READERS))


def test_case_list_view_is_logged_once(alice_client, alice, case):
    alice_client.get(reverse("cases:list"))

    event = AuditEvent.objects.get()
    assert (event.user_id, event.operation, event.object_type, event.details["case_ids"]) == (
        alice.user_id,
        "consult",
        "cases.case",
        [case.id],
    )


def test_case_list_query_count_does_not_grow_with_cases(alice_client, force, django_assert_max_num_queries):
    CaseFactory.create_batch(3, owner=force)
    with django_assert_max_num_queries(12) as small:
        alice_client.get(reverse("cases:list"))
    CaseFactory.create_batch(30, owner=force)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = alice_client.get(reverse("cases:list"))
    assert len(response.context["page"]) == 25  # and it paginates


def test_case_list_paginates(alice_client, force):
    CaseFactory.create_batch(27, owner=force)

    response = alice_client.get(reverse("cases:list"), {"page": 2})

    assert len(response.context["page"]) == 2
    assert b'aria-label="Pagination"' in response.content


def test_share_page_permissions(client, case, case_access):
    assert_access(client, reverse("cases:share", args=[case.id]), case_access.expectations(allowed=CASE_SHARERS))


def test_a_recipient_cannot_share_on(client, case, alice):
    lawyer = MembershipFactory(organisation__cps=True, role=Role.CPS_LAWYER)
    case_share(case=case, organisation=lawyer.organisation, by=alice.user, membership=alice, reason="s19")
    login_as(client, lawyer)

    assert client.get(reverse("cases:share", args=[case.id])).status_code == 403


def test_sharing_through_the_form_grants_access_and_logs_a_disclosure(alice_client, alice, case):
    yot = MembershipFactory(organisation__yot=True, role=Role.YOT_WORKER).organisation

    response = alice_client.post(
        reverse("cases:share", args=[case.id]), {"organisation": yot.id, "reason": "YOT consultation, s15(3)"}
    )

    assert response.status_code == 302
    disclosure = AuditEvent.objects.get(operation="disclose")
    assert (disclosure.recipient, disclosure.reason, disclosure.object_id) == (
        yot.name,
        "YOT consultation, s15(3)",
        str(case.id),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"organisation": "", "reason": "x"}, "Select the organisation to share the case with"),
        ({"organisation": "999999", "reason": "x"}, "Select a valid choice"),
        ({"reason": ""}, "Enter why you are sharing this case"),
    ],
)
def test_bad_input_shows_an_error_and_changes_nothing(alice_client, case, data, message):
    yot = MembershipFactory(organisation__yot=True, role=Role.YOT_WORKER).organisation
    data = {"organisation": yot.id, **data}

    response = alice_client.post(reverse("cases:share", args=[case.id]), data)

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(operation="disclose").exists()


def test_a_force_is_not_offered_as_a_recipient(alice_client, case, other_force):
    response = alice_client.get(reverse("cases:share", args=[case.id]))

    offered = list(response.context["form"].fields["organisation"].queryset)
    assert other_force not in offered


def test_the_case_page_shows_the_s14_determination(alice_client, case):
    from datetime import timedelta

    from django.utils import timezone

    from eligibility.core.dates import last_order_date_counting
    from eligibility.models import InForcePeriod
    from tests.factories import make_occasion

    today = timezone.localdate()
    InForcePeriod.objects.create(police_area=case.owner.code, starts_on=today - timedelta(days=400))
    first = make_occasion(case.subject, today - timedelta(days=100))
    make_occasion(case.subject, today - timedelta(days=50))
    make_occasion(case.subject, today - timedelta(days=10), place="other")

    response = alice_client.get(reverse("cases:detail", args=[case.id]))

    determination = response.context["determination"]
    # No necessity ground is chosen until an application is drafted (s14(6)), so: cannot tell yet.
    assert (determination.result, determination.check("S14_NECESSITY").status) == ("cannot_tell", "unknown")
    assert determination.check("S14_TWO_OCCASIONS").status == "pass"
    assert len(determination.qualifying_occasions) == 2
    body = response.content.decode()
    assert "Can a KCPO be sought under section 14 today?" in body
    until = determination.eligible_until
    assert until == last_order_date_counting(first.occurred_on)  # s14(4), one definition (leap days too)
    assert f"Eligible until <strong>{until.day} {until:%B %Y}</strong>" in body
    assert body.count(">Counts</strong>") == 2


def test_the_case_page_query_count_does_not_grow_with_occasions(alice_client, case, django_assert_max_num_queries):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import make_occasion

    make_occasion(case.subject, timezone.localdate() - timedelta(days=5))
    with django_assert_max_num_queries(20) as few:
        alice_client.get(reverse("cases:detail", args=[case.id]))
    for days in range(10, 40):
        make_occasion(case.subject, timezone.localdate() - timedelta(days=days))
    with django_assert_max_num_queries(len(few.captured_queries)):
        alice_client.get(reverse("cases:detail", args=[case.id]))


def test_the_case_timeline_shows_sharing_with_its_recipient_and_reason(alice_client, alice, case):
    lawyer = MembershipFactory(organisation__cps=True, organisation__name="CPS London", role=Role.CPS_LAWYER)
    case_share(case=case, organisation=lawyer.organisation, by=alice.user, membership=alice, reason="s19 application")

    response = alice_client.get(reverse("cases:detail", args=[case.id]))

    entry = response.context["timeline_entries"][0]
    assert (entry.title, entry.detail, entry.by) == ("Case shared", "CPS London: s19 application", "Alice Lead")


def test_the_timeline_paginates_and_leaves_out_page_views(alice_client, alice, case):
    for n in range(22):
        case_share(
            case=case,
            organisation=MembershipFactory(organisation__yot=True).organisation,
            by=alice.user,
            membership=alice,
            reason=f"Consultation {n}",
        )
    alice_client.get(reverse("cases:detail", args=[case.id]))  # a page view: in the log, not the timeline

    response = alice_client.get(reverse("cases:detail", args=[case.id]), {"page": 2})

    assert len(response.context["timeline_entries"]) == 2
    assert {e.title for e in response.context["timeline_entries"]} == {"Case shared"}


def test_the_case_timeline_shows_an_applications_moves_with_reasons(alice_client, alice, case):
    from datetime import date

    from orders import services
    from orders.models import Application

    application = services.application_start(
        case=case, route="s14_with_notice", membership=alice, today=date(2026, 1, 5)
    )
    Application.objects.filter(pk=application.pk).update(state="laid")
    services.application_withdraw(application=application, membership=alice, reason="Subject moved abroad")

    response = alice_client.get(reverse("cases:detail", args=[case.id]))

    titles = [(e.title, e.detail) for e in response.context["timeline_entries"]]
    assert titles[:2] == [("Application: withdrawn", "Subject moved abroad"), ("Application started", "")]
