"""The referral pages (provision/views/referral_views.py) and the order page's part in them:
who gets what (the owning force's police and the provider's members on a referral, 404 for
everyone else), the audit of each read, the forms' errors, the lists' query counts, and what
the provider never sees."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from orders.models import Order
from provision.models import Referral, ReferralState
from tests.access import OrganisationAccess, as_member, assert_access
from tests.documents.builders import make_full_order
from tests.factories import MembershipFactory, OfferFactory, ReferralFactory

TODAY = date(2027, 1, 6)
pytestmark = pytest.mark.usefixtures("pinned")


@pytest.fixture
def pinned():
    with time_machine.travel(timezone.make_aware(timezone.datetime(2027, 1, 6, 10, 0)), tick=False):
        yield


@pytest.fixture
def order(alice):
    application = make_full_order(alice, court=None)
    return Order.objects.select_related("subject", "application__case").get(application=application)


@pytest.fixture
def r2(order):
    return order.provisions.get(number=2)


@pytest.fixture
def offer(r2):
    return OfferFactory(provider=r2.supervisor_organisation, name="Weekly mentoring")


@pytest.fixture
def provider_members(offer):
    return {
        role: MembershipFactory(organisation=offer.provider, role=role)
        for role in (Role.SUPERVISOR, Role.ADMINISTRATOR)
    }


@pytest.fixture
def supervisor(provider_members):
    return provider_members[Role.SUPERVISOR]


@pytest.fixture
def referral(alice, r2, offer):
    return ReferralFactory(
        requirement=r2,
        offer=offer,
        sent_by=alice.user,
        contact_details="Mother, Ms Ellis: 07700 900123",
        relevant_needs="Dyslexic: read written material aloud",
    )


def both_sides(force, provider_members, *, police_casework: int, police_others: int = 403, provider: int):
    """Every role of the owning force, of the provider and of every other kind of organisation
    (a second provider among them), with what each should get."""
    access = OrganisationAccess.around(force)
    expected = {m: police_casework if role in POLICE_CASEWORK else police_others for role, m in access.own.items()}
    expected.update(dict.fromkeys(access.others, 404))
    expected.update(dict.fromkeys(provider_members.values(), provider))
    return expected


def consults(object_type):
    return AuditEvent.objects.filter(operation="consult", object_type=object_type)


def errors_of(response) -> str:
    return response.content.decode()


# --- the referral's page, both sides -------------------------------------------------------------


def test_the_referral_page_is_for_the_owning_forces_police_and_the_provider(client, force, provider_members, referral):
    url = reverse("provision:referral_detail", args=[referral.id])

    assert_access(client, url, both_sides(force, provider_members, police_casework=200, provider=200))


def test_reading_the_referral_is_audited(client, supervisor, referral):
    as_member(client, supervisor).get(reverse("provision:referral_detail", args=[referral.id]))

    event = consults("provision.referral").get()
    assert (event.object_id, event.data_subject_id, event.user_id) == (
        str(referral.id),
        referral.subject_id,
        supervisor.user_id,
    )


def test_the_provider_sees_what_the_referral_gives_and_nothing_of_the_case(client, order, supervisor, referral):
    html = as_member(client, supervisor).get(reverse("provision:referral_detail", args=[referral.id])).content.decode()

    for shown in ("Jordan Lee Ellis", "07700 900123", "Dyslexic", "To attend a weekly mentoring session", "Sent"):
        assert shown in html
    for hidden in (
        order.application.case.reference,
        reverse("orders:detail", args=[order.id]),
        reverse("applications:detail", args=[order.application_id]),
        reverse("cases:detail", args=[order.application.case_id]),
        "Two occasions with a knife",  # the application's grounds
        "12 Acre Lane",  # the subject's address, not given in this referral
    ):
        assert hidden not in html
    assert "Accept the referral" in html and "Withdraw the referral" not in html


def test_the_police_see_the_state_and_can_go_back_to_the_order(alice_client, order, referral):
    html = alice_client.get(reverse("provision:referral_detail", args=[referral.id])).content.decode()

    assert reverse("orders:detail", args=[order.id]) in html
    assert "Follow it up on 11 January 2027" in html
    assert "Withdraw the referral" in html and "Accept the referral" not in html


def test_a_provider_gets_404_on_every_page_of_the_case_behind_a_referral(client, order, provider_members, referral):
    application = order.application
    for member in provider_members.values():
        as_member(client, member)
        for url in (
            reverse("cases:detail", args=[application.case_id]),
            reverse("applications:detail", args=[application.id]),
            reverse("orders:detail", args=[order.id]),
            reverse("provision:catalogue") + f"?requirement={referral.requirement_id}",
            reverse("provision:referral_new", args=[referral.offer_id, referral.requirement_id]),
        ):
            assert client.get(url).status_code == 404, url


def test_another_providers_referral_is_404_to_a_provider(client, r2, supervisor):
    theirs = ReferralFactory(requirement=r2)  # to a new provider

    response = as_member(client, supervisor).get(reverse("provision:referral_detail", args=[theirs.id]))

    assert response.status_code == 404


# --- the provider's answers -----------------------------------------------------------------------


def test_accepting_is_for_the_provider_only(client, force, provider_members, referral):
    url = reverse("provision:referral_accept", args=[referral.id])

    assert_access(client, url, both_sides(force, provider_members, police_casework=403, provider=302), method="post")


def test_accepting_moves_the_referral_on(client, supervisor, referral):
    response = as_member(client, supervisor).post(reverse("provision:referral_accept", args=[referral.id]))

    assert response.url == reverse("provision:referral_detail", args=[referral.id])
    referral.refresh_from_db()
    assert (referral.state, referral.answered_on, referral.follow_up_on) == (
        ReferralState.ACCEPTED,
        TODAY,
        date(2027, 1, 13),
    )


def test_accepting_a_withdrawn_referral_says_why_not_and_changes_nothing(client, supervisor, referral):
    Referral.objects.filter(pk=referral.pk).update(state=ReferralState.WITHDRAWN, withdrawn_reason="Moved")

    response = as_member(client, supervisor).post(reverse("provision:referral_accept", args=[referral.id]), follow=True)

    assert "You cannot accept this referral: it has been withdrawn by the police." in response.content.decode()
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.WITHDRAWN


@pytest.mark.parametrize(("name", "state"), [("referral_decline", "sent"), ("referral_first_contact", "accepted")])
def test_the_answer_pages_are_for_the_provider_only(client, force, provider_members, referral, name, state):
    Referral.objects.filter(pk=referral.pk).update(state=state)
    url = reverse(f"provision:{name}", args=[referral.id])

    assert_access(client, url, both_sides(force, provider_members, police_casework=403, provider=200))


def test_the_withdraw_page_is_for_the_owning_forces_police_only(client, force, provider_members, referral):
    url = reverse("provision:referral_withdraw", args=[referral.id])

    assert_access(client, url, both_sides(force, provider_members, police_casework=200, provider=403))


def test_an_answer_page_no_longer_open_goes_back_to_the_referral(client, supervisor, referral):
    response = as_member(client, supervisor).get(reverse("provision:referral_first_contact", args=[referral.id]))

    assert response.url == reverse("provision:referral_detail", args=[referral.id])


def test_declining_records_the_reason(client, supervisor, referral):
    as_member(client, supervisor).post(
        reverse("provision:referral_decline", args=[referral.id]), {"reason": "We are full until March"}
    )

    referral.refresh_from_db()
    assert (referral.state, referral.declined_reason) == (ReferralState.DECLINED, "We are full until March")


@pytest.mark.parametrize(
    ("name", "state", "data", "message"),
    [
        ("referral_decline", "sent", {"reason": " "}, "Enter why you are declining the referral"),
        ("referral_first_contact", "accepted", {}, "Enter the date you first made contact"),
        (
            "referral_first_contact",
            "accepted",
            {"first_contact_on_day": "7", "first_contact_on_month": "1", "first_contact_on_year": "2027"},
            "The date you first made contact must be today or in the past",
        ),
        (
            "referral_first_contact",
            "accepted",
            {"first_contact_on_day": "31", "first_contact_on_month": "2", "first_contact_on_year": "2027"},
            "The date you first made contact must be a real date",
        ),
    ],
)
def test_a_bad_answer_is_shown_and_changes_nothing(client, supervisor, referral, name, state, data, message):
    Referral.objects.filter(pk=referral.pk).update(state=state)
    before = Referral.objects.values().get(pk=referral.pk)

    response = as_member(client, supervisor).post(reverse(f"provision:{name}", args=[referral.id]), data)

    assert response.status_code == 200
    assert message in errors_of(response) and "There is a problem" in errors_of(response)
    assert Referral.objects.values().get(pk=referral.pk) == before


def test_first_contact_is_recorded(client, supervisor, referral):
    Referral.objects.filter(pk=referral.pk).update(state=ReferralState.ACCEPTED)

    as_member(client, supervisor).post(
        reverse("provision:referral_first_contact", args=[referral.id]),
        {"first_contact_on_day": "5", "first_contact_on_month": "1", "first_contact_on_year": "2027"},
    )

    referral.refresh_from_db()
    assert (referral.state, referral.first_contact_on, referral.follow_up_on) == (
        ReferralState.IN_CONTACT,
        date(2027, 1, 5),
        None,
    )


def test_the_police_withdraw_a_referral_with_a_reason(alice_client, referral):
    alice_client.post(reverse("provision:referral_withdraw", args=[referral.id]), {"reason": "Order discharged"})

    referral.refresh_from_db()
    assert (referral.state, referral.withdrawn_reason) == (ReferralState.WITHDRAWN, "Order discharged")


def test_withdrawing_without_a_reason_is_shown_and_changes_nothing(alice_client, referral):
    response = alice_client.post(reverse("provision:referral_withdraw", args=[referral.id]), {"reason": ""})

    assert "Enter why you are withdrawing the referral" in errors_of(response)
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.SENT


# --- the provider's list ---------------------------------------------------------------------------


def test_the_referrals_list_is_for_providers_members(client, offer):
    access = OrganisationAccess.around(offer.provider)
    expected = {
        m: 200 if m.organisation.type == "provider" and m.role in (Role.SUPERVISOR, Role.ADMINISTRATOR) else 403
        for m in [*access.own.values(), *access.others]
    }

    assert_access(client, reverse("provision:referral_list"), expected)


def test_the_list_shows_the_providers_referrals_in_the_state_asked_for(client, r2, offer, supervisor, referral):
    accepted = ReferralFactory(requirement=r2, offer=offer, state=ReferralState.ACCEPTED, answered_on=TODAY)
    ReferralFactory(requirement=r2)  # to another provider
    as_member(client, supervisor)

    new = client.get(reverse("provision:referral_list"))
    on_accepted = client.get(reverse("provision:referral_list") + "?state=accepted")

    assert list(new.context["page"]) == [referral]
    assert list(on_accepted.context["page"]) == [accepted]
    assert [tab.text for tab in new.context["tabs"]] == [
        "New (1)",
        "Accepted (1)",
        "In contact (0)",
        "Declined (0)",
        "Withdrawn (0)",
    ]


def test_reading_the_list_is_audited_with_the_people_on_it(client, supervisor, referral):
    as_member(client, supervisor).get(reverse("provision:referral_list"))

    event = consults("provision.referral").get()
    assert (event.details["referral_ids"], event.details["subject_ids"]) == ([referral.id], [referral.subject_id])


def test_the_list_query_count_does_not_grow_with_the_page(client, r2, offer, supervisor, django_assert_max_num_queries):
    as_member(client, supervisor)
    ReferralFactory(requirement=r2, offer=offer)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("provision:referral_list"))
    for _ in range(12):
        ReferralFactory(requirement=r2, offer=offer)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("provision:referral_list"))
    assert len(response.context["page"]) == 13


# --- the police: referring from the order ------------------------------------------------------


def test_the_order_page_links_each_requirement_to_the_catalogue(alice_client, order, r2):
    html = alice_client.get(reverse("orders:detail", args=[order.id])).content.decode()

    assert f"{reverse('provision:catalogue')}?requirement={r2.id}" in html
    p1 = order.provisions.get(number=1)
    assert f"?requirement={p1.id}" not in html


def test_the_order_page_lists_its_referrals_with_their_state(alice_client, order, referral):
    response = alice_client.get(reverse("orders:detail", args=[order.id]))

    assert response.context["referrals"] == [referral]
    html = response.content.decode()
    assert reverse("provision:referral_detail", args=[referral.id]) in html and "Follow up 11 January 2027" in html


def test_the_order_page_query_count_does_not_grow_with_referrals(
    alice_client, order, r2, offer, django_assert_max_num_queries
):
    ReferralFactory(requirement=r2, offer=offer)
    with django_assert_max_num_queries(60) as few:
        alice_client.get(reverse("orders:detail", args=[order.id]))
    for _ in range(5):
        ReferralFactory(requirement=r2)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = alice_client.get(reverse("orders:detail", args=[order.id]))
    assert len(response.context["referrals"]) == 6


def test_the_referral_form_is_for_the_owning_forces_police(client, force, provider_members, r2, offer):
    url = reverse("provision:referral_new", args=[offer.id, r2.id])

    assert_access(client, url, both_sides(force, provider_members, police_casework=200, provider=404))


def test_an_offer_out_of_the_catalogue_cannot_be_referred_to(alice_client, r2, offer):
    type(offer).objects.filter(pk=offer.pk).update(is_active=False)

    assert alice_client.get(reverse("provision:referral_new", args=[offer.id, r2.id])).status_code == 404


def test_the_referral_form_starts_from_what_the_police_hold(alice_client, order, r2, offer):
    response = alice_client.get(reverse("provision:referral_new", args=[offer.id, r2.id]))

    assert response.context["form"].initial["contact_details"] == "Jordan Lee Ellis: 12 Acre Lane, London, SW2 5SG"
    event = consults("orders.orderprovision").get()
    assert (event.object_id, event.data_subject_id) == (str(r2.id), order.subject_id)


def a_referral(**changes):
    return {
        "contact_details": "Mother: 07700 900123",
        "consent_by": "parent",
        "consent_on_day": "5",
        "consent_on_month": "1",
        "consent_on_year": "2027",
        "relevant_needs": "",
        **changes,
    }


def test_a_referral_is_sent_from_the_form(alice_client, order, r2, offer):
    response = alice_client.post(reverse("provision:referral_new", args=[offer.id, r2.id]), a_referral())

    referral = Referral.objects.get()
    assert response.url == reverse("provision:referral_detail", args=[referral.id])
    assert (referral.requirement, referral.provider, referral.sent_on, referral.consent_on) == (
        r2,
        offer.provider,
        TODAY,
        date(2027, 1, 5),
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"contact_details": ""}, "Enter how the provider can contact the young person"),
        ({"consent_by": ""}, "Select who agreed to share these details"),
        ({"consent_on_day": "", "consent_on_month": "", "consent_on_year": ""}, "Enter the date consent was given"),
        ({"consent_on_month": ""}, "The date consent was given must include a month"),
        ({"consent_on_day": "7"}, "The date consent was given must be today or in the past"),
    ],
)
def test_a_bad_referral_is_shown_and_nothing_is_sent(alice_client, r2, offer, changes, message):
    response = alice_client.post(reverse("provision:referral_new", args=[offer.id, r2.id]), a_referral(**changes))

    assert response.status_code == 200 and message in errors_of(response)
    assert not Referral.objects.exists()


def test_a_second_referral_to_the_same_provider_is_shown_and_not_sent(alice_client, r2, offer, referral):
    response = alice_client.post(reverse("provision:referral_new", args=[offer.id, r2.id]), a_referral())

    assert "R2 has already been referred to Lambeth Youth Mentoring" in errors_of(response)
    assert Referral.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "state", "who"),
    [
        ("referral_decline", "sent", "provider"),
        ("referral_first_contact", "accepted", "provider"),
        ("referral_withdraw", "sent", "police"),
    ],
)
def test_reading_an_answer_page_is_audited(client, alice, supervisor, referral, name, state, who):
    Referral.objects.filter(pk=referral.pk).update(state=state)

    as_member(client, supervisor if who == "provider" else alice).get(reverse(f"provision:{name}", args=[referral.id]))

    event = consults("provision.referral").get()
    assert (event.object_id, event.data_subject_id, event.details) == (
        str(referral.id),
        referral.subject_id,
        {"action": name.removeprefix("referral_")},
    )
