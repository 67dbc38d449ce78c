"""The catalogue pages (provision/views/catalogue_views.py): a provider's own offers, the
police's search (GET filters, no JavaScript), who gets what, the audit of each read, the forms'
errors, the lists' query counts, and the drafting page's link to the search."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from orders.models import Order
from orders.workflow import State
from provision.models import Offer
from tests.access import OrganisationAccess, as_member, assert_access
from tests.documents.builders import make_full_order
from tests.factories import MembershipFactory, OfferFactory, OrganisationFactory
from tests.orders.review_builders import make_application


@pytest.fixture
def provider(db):
    return OrganisationFactory(provider=True, name="Brixton Mentors")


@pytest.fixture
def supervisor(provider):
    return MembershipFactory(organisation=provider, role=Role.SUPERVISOR)


@pytest.fixture
def offer(provider):
    return OfferFactory(provider=provider, name="Weekly mentoring")


def everyone_around(organisation):
    access = OrganisationAccess.around(organisation)
    return [*access.own.values(), *access.others]


def is_provider_member(membership):
    return membership.organisation.type == "provider" and membership.role in (Role.SUPERVISOR, Role.ADMINISTRATOR)


def consults():
    return AuditEvent.objects.filter(operation="consult", object_type="provision.offer")


# --- a provider's own offers --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["offer_list", "offer_new"])
def test_the_offer_pages_without_an_offer_are_for_providers_members(client, provider, name):
    expected = {m: 200 if is_provider_member(m) else 403 for m in everyone_around(provider)}

    assert_access(client, reverse(f"provision:{name}"), expected)


@pytest.mark.parametrize("name", ["offer_edit", "offer_deactivate"])
def test_an_offers_pages_are_for_its_providers_members_only(client, provider, offer, name):
    access = OrganisationAccess.around(provider)
    expected = access.expectations(allowed={Role.SUPERVISOR, Role.ADMINISTRATOR})

    assert_access(client, reverse(f"provision:{name}", args=[offer.id]), expected)


def test_the_list_shows_only_the_providers_own_offers(client, supervisor, offer):
    OfferFactory(name="Theirs")
    withdrawn = OfferFactory(provider=supervisor.organisation, name="Boxing", is_active=False)

    response = as_member(client, supervisor).get(reverse("provision:offer_list"))

    assert [row.offer for row in response.context["rows"]] == [offer, withdrawn]
    assert consults().get().details == {"page": "our offers", "offer_ids": [offer.id, withdrawn.id]}


def test_the_offer_list_query_count_does_not_grow_with_the_page(
    client, supervisor, provider, django_assert_max_num_queries
):
    as_member(client, supervisor)
    OfferFactory(provider=provider)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("provision:offer_list"))
    for _ in range(12):
        OfferFactory(provider=provider)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("provision:offer_list"))
    assert len(response.context["rows"]) == 13


def an_offer(**changes):
    return {
        "name": "Weekly mentoring",
        "description": "",
        "categories": ["youth_mentoring"],
        "areas": "Lambeth\nSouthwark, Croydon",
        "named_supervisor": "",
        "min_age": "12",
        "max_age": "18",
        "window_1_days": ["2"],
        "window_1_start": "16:00",
        "window_1_end": "17.30",
        "window_2_start": "",
        "window_2_end": "",
        "capacity": "",
        "funding": "free",
        "accepts_supervisor_duty": "True",
        **changes,
    }


def test_an_offer_is_added_from_the_form(client, supervisor, provider):
    response = as_member(client, supervisor).post(reverse("provision:offer_new"), an_offer())

    assert response.url == reverse("provision:offer_list")
    offer = Offer.objects.get()
    assert (offer.provider, offer.areas, offer.min_age, offer.max_age, offer.capacity) == (
        provider,
        ["lambeth", "southwark", "croydon"],
        12,
        18,
        None,
    )
    assert offer.schedule == [{"days": [2], "start": "16:00", "end": "17:30"}]
    assert offer.accepts_supervisor_duty is True


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter the name of what you offer"),
        ({"categories": []}, "Select at least one kind of requirement you provide"),
        ({"categories": ["curfew"]}, "Select kinds of requirement from the list"),
        ({"areas": " , "}, "Enter at least one area you work in"),
        ({"min_age": ""}, "Enter the youngest age you work with"),
        ({"max_age": "eighteen"}, "Enter an age as a whole number, like 15"),
        ({"min_age": "19"}, "The oldest age must be the same as or more than the youngest"),
        ({"window_1_days": []}, "Select the days of the first window"),
        ({"window_1_end": "25:00"}, "Enter the end time of the first window as a 24-hour time, like 16:00"),
        ({"window_2_start": "10:00"}, "Select the days of the second window"),
        ({"capacity": "0"}, "Enter the number of places as a whole number, 1 or more, or leave it blank"),
        ({"funding": ""}, "Select how it is funded"),
        ({"accepts_supervisor_duty": ""}, "Select yes if you will take the supervisor’s duties"),
    ],
)
def test_a_bad_offer_is_shown_and_nothing_is_added(client, supervisor, changes, message):
    response = as_member(client, supervisor).post(reverse("provision:offer_new"), an_offer(**changes))

    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html and message in html
    assert not Offer.objects.exists()


def test_the_offer_form_shows_what_is_saved(client, supervisor, provider):
    offer = OfferFactory(
        provider=provider, areas=["lambeth", "southwark"], schedule=[{"days": [5], "start": "10:00", "end": "12:00"}]
    )

    response = as_member(client, supervisor).get(reverse("provision:offer_edit", args=[offer.id]))

    form = response.context["form"]
    assert (form["areas"].value(), form["window_1_days"].value(), form["window_1_start"].value()) == (
        "lambeth\nsouthwark",
        ["5"],
        "10:00",
    )
    assert consults().get().object_id == str(offer.id)


def test_an_offer_is_changed_from_the_form(client, supervisor, offer):
    as_member(client, supervisor).post(
        reverse("provision:offer_edit", args=[offer.id]),
        an_offer(name="Mentoring, Saturdays", accepts_supervisor_duty="False"),
    )

    offer.refresh_from_db()
    assert (offer.name, offer.accepts_supervisor_duty) == ("Mentoring, Saturdays", False)


def test_an_offer_is_withdrawn_after_confirming(client, supervisor, offer):
    as_member(client, supervisor)

    confirm = client.get(reverse("provision:offer_deactivate", args=[offer.id]))
    assert Offer.objects.get(pk=offer.pk).is_active is True and "Withdraw the offer" in confirm.content.decode()
    client.post(reverse("provision:offer_deactivate", args=[offer.id]))

    assert Offer.objects.get(pk=offer.pk).is_active is False


# --- the police's search --------------------------------------------------------------------------


def test_the_catalogue_is_for_the_police_casework_roles(client, force):
    expected = {m: 200 if m.role in POLICE_CASEWORK else 403 for m in everyone_around(force)}

    assert_access(client, reverse("provision:catalogue"), expected)


def test_the_search_filters_by_get_without_javascript(alice_client, db):
    wanted = OfferFactory(categories=["job_readiness"], areas=["croydon"], min_age=16, max_age=24)
    OfferFactory(categories=["job_readiness"], areas=["croydon"], min_age=18, max_age=24)
    OfferFactory(categories=["youth_mentoring"], areas=["croydon"])

    response = alice_client.get(
        reverse("provision:catalogue"), {"category": "job_readiness", "area": "Croydon", "age": "17"}
    )

    assert [row.offer for row in response.context["rows"]] == [wanted]
    html = response.content.decode()
    assert 'method="get"' in html and "1 offer found" in html


def test_the_search_can_ask_for_supervisors_only(alice_client, db):
    willing = OfferFactory(accepts_supervisor_duty=True)
    OfferFactory(accepts_supervisor_duty=False)

    response = alice_client.get(reverse("provision:catalogue"), {"supervisors_only": "yes"})

    assert [row.offer for row in response.context["rows"]] == [willing]


def test_a_bad_filter_is_shown_and_finds_nothing(alice_client, offer):
    response = alice_client.get(reverse("provision:catalogue"), {"age": "fifteen"})

    assert "Enter an age as a whole number, like 15" in response.content.decode()
    assert response.context["rows"] == []


def test_searching_is_audited_with_its_filters(alice_client, offer):
    alice_client.get(reverse("provision:catalogue"), {"area": "lambeth"})

    event = consults().get()
    assert event.details == {
        "page": "catalogue",
        "offer_ids": [offer.id],
        "filters": {"category": "", "area": "lambeth", "age": ""},
        "requirement_id": None,
        "application_id": None,
    }


def test_the_search_query_count_does_not_grow_with_the_page(alice_client, db, django_assert_max_num_queries):
    OfferFactory()
    with django_assert_max_num_queries(30) as few:
        alice_client.get(reverse("provision:catalogue"))
    for _ in range(12):
        OfferFactory()

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = alice_client.get(reverse("provision:catalogue"))
    assert len(response.context["rows"]) == 13


@pytest.fixture
def r2(alice):
    order = Order.objects.get(application=make_full_order(alice, court=None))
    order.subject.__class__.objects.filter(pk=order.subject_id).update(local_authority="Lambeth")
    return order.provisions.select_related("order__subject").get(number=2)


def test_the_search_for_a_requirement_is_for_its_forces_police(client, force, r2):
    access = OrganisationAccess.around(force)

    assert_access(
        client,
        reverse("provision:catalogue") + f"?requirement={r2.id}",
        access.expectations(allowed=POLICE_CASEWORK),
    )


@pytest.mark.parametrize("bad", ["0", "x"])
def test_the_search_for_an_unknown_requirement_is_404(alice_client, bad):
    assert alice_client.get(reverse("provision:catalogue"), {"requirement": bad}).status_code == 404


@pytest.fixture
def pinned():
    """6 January 2027, before anyone signs in (a session must not jump a month ahead)."""
    with time_machine.travel(date(2027, 1, 6), tick=False):
        yield


def test_the_search_for_a_requirement_starts_from_it_and_offers_to_refer_it(pinned, alice_client, r2, offer):
    OfferFactory(categories=["job_readiness"])  # another kind of requirement
    OfferFactory(max_age=18)  # too young for them

    response = alice_client.get(reverse("provision:catalogue"), {"requirement": r2.id})

    # R2 is youth mentoring; the subject lives in Lambeth and is 21 (born on 9 April 2005).
    form = response.context["search_form"]
    assert (form["category"].value(), form["area"].value(), form["age"].value()) == ("youth_mentoring", "Lambeth", "21")
    assert [row.offer for row in response.context["rows"]] == [offer]
    assert reverse("provision:referral_new", args=[offer.id, r2.id]) in response.content.decode()
    event = consults().get()
    assert (event.data_subject_id, event.details["requirement_id"]) == (r2.order.subject_id, r2.id)


def test_the_officers_own_filters_replace_the_requirements(alice_client, r2, offer):
    other = OfferFactory(categories=["job_readiness"], areas=["croydon"], max_age=18)

    response = alice_client.get(reverse("provision:catalogue"), {"requirement": r2.id, "category": ""})

    assert [row.offer for row in response.context["rows"]] == [offer, other]  # by provider: B…, then P…


# --- drafting a requirement ----------------------------------------------------------------------


def test_the_requirement_form_links_to_the_catalogue_search_for_it(alice_client, alice):
    application = make_application(alice)
    provision = application.provisions.get(number=1)

    new = alice_client.get(reverse("applications:provision_new", args=[application.id])).content.decode()
    edit = alice_client.get(reverse("applications:provision_edit", args=[application.id, provision.id]))

    search = reverse("provision:catalogue")
    assert f"{search}?supervisors_only=yes&amp;draft={application.id}" in new
    assert f"{search}?supervisors_only=yes&amp;draft={application.id}&amp;provision={provision.id}" in (
        edit.content.decode()
    )


@pytest.fixture
def draft(alice):
    return make_application(alice)


def test_searching_for_a_draft_offers_to_choose_only_providers_that_take_the_duty(alice_client, draft):
    willing = OfferFactory(provider__name="Willing Mentors", accepts_supervisor_duty=True)
    unwilling = OfferFactory(provider__name="Unwilling Club", accepts_supervisor_duty=False)

    response = alice_client.get(reverse("provision:catalogue"), {"draft": draft.id})

    rows = {row.offer: row.pick_href for row in response.context["rows"]}
    new_form = reverse("applications:provision_new", args=[draft.id])
    assert rows == {unwilling: "", willing: f"{new_form}?supervisor={willing.provider_id}"}
    assert "Choose a supervisor" in response.content.decode()
    assert consults().get().details["application_id"] == draft.id


def test_choosing_from_the_catalogue_fills_in_the_supervisor_of_a_new_requirement(alice_client, draft):
    offer = OfferFactory(provider__name="Willing Mentors")

    response = alice_client.get(
        reverse("applications:provision_new", args=[draft.id]), {"supervisor": offer.provider_id}
    )

    form = response.context["form"]
    assert (form["kind"].value(), form["supervisor_organisation"].value()) == ("requirement", offer.provider_id)


@pytest.mark.parametrize("chosen", ["withdrawn", "unwilling", "not a number"])
def test_a_supervisor_that_may_not_be_named_is_not_filled_in(alice_client, draft, chosen):
    offers = {
        "withdrawn": OfferFactory(is_active=False),
        "unwilling": OfferFactory(accepts_supervisor_duty=False),
    }
    value = offers[chosen].provider_id if chosen in offers else "x"

    response = alice_client.get(reverse("applications:provision_new", args=[draft.id]), {"supervisor": value})

    assert response.context["form"]["supervisor_organisation"].value() is None


def test_choosing_from_the_catalogue_changes_an_existing_provisions_supervisor_only_when_saved(alice_client, draft):
    named = OfferFactory(provider__name="First Mentors").provider
    provision = draft.provisions.create(
        number=2, kind="requirement", wording="Mentoring", supervisor_organisation=named
    )
    chosen = OfferFactory(provider__name="Second Mentors").provider
    edit = reverse("applications:provision_edit", args=[draft.id, provision.id])

    search = alice_client.get(reverse("provision:catalogue"), {"draft": draft.id, "provision": provision.id})
    response = alice_client.get(edit, {"supervisor": chosen.id})

    assert f"{edit}?supervisor={chosen.id}" in search.content.decode()
    assert response.context["form"]["supervisor_organisation"].value() == chosen.id
    provision.refresh_from_db()
    assert provision.supervisor_organisation_id == named.id


def test_searching_for_a_draft_is_for_its_forces_police(client, force, draft):
    access = OrganisationAccess.around(force)

    assert_access(
        client, reverse("provision:catalogue") + f"?draft={draft.id}", access.expectations(allowed=POLICE_CASEWORK)
    )


def test_searching_for_another_applications_provision_is_404(alice_client, alice, draft):
    elsewhere = make_application(alice).provisions.get(number=1)

    response = alice_client.get(reverse("provision:catalogue"), {"draft": draft.id, "provision": elsewhere.id})

    assert response.status_code == 404


def test_searching_for_an_application_that_can_no_longer_change_is_refused(alice_client, alice):
    laid = make_application(alice, state=State.LAID)

    assert alice_client.get(reverse("provision:catalogue"), {"draft": laid.id}).status_code == 403


def test_a_requirement_form_keeps_a_supervisor_named_before_it_withdrew_its_offer(alice_client, alice):
    application = make_application(alice)
    named = OrganisationFactory(provider=True, name="Withdrew since")
    provision = application.provisions.create(
        number=2, kind="requirement", wording="Mentoring", supervisor_organisation=named
    )

    response = alice_client.get(reverse("applications:provision_edit", args=[application.id, provision.id]))

    assert list(response.context["form"].fields["supervisor_organisation"].queryset) == [named]


# --- navigation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        ({"role": Role.POLICE_OFFICER}, {"Catalogue"}),
        ({"role": Role.ANALYST}, set()),
        ({"organisation__provider": True, "role": Role.SUPERVISOR}, {"Our offers", "Referrals"}),
        ({"organisation__provider": True, "role": Role.ADMINISTRATOR}, {"Our offers", "Referrals"}),
        ({"organisation__yot": True, "role": Role.SUPERVISOR}, set()),
        ({"organisation__cps": True, "role": Role.CPS_LAWYER}, set()),
    ],
)
def test_the_navigation_shows_the_catalogue_and_referral_pages_to_who_uses_them(client, db, member, expected):
    response = as_member(client, MembershipFactory(**member)).get(reverse("accounts:home"))

    texts = {item.text for item in response.context["navigation"]}
    assert texts & {"Catalogue", "Our offers", "Referrals"} == expected


def test_withdrawing_an_offer_is_for_its_providers_members_only(client, provider, offer):
    access = OrganisationAccess.around(provider)
    expected = access.expectations(allowed={Role.SUPERVISOR, Role.ADMINISTRATOR}, ok=302)

    assert_access(client, reverse("provision:offer_deactivate", args=[offer.id]), expected, method="post")


def test_changing_an_offer_is_for_its_providers_members_only(client, provider, offer):
    access = OrganisationAccess.around(provider)
    expected = access.expectations(allowed={Role.SUPERVISOR, Role.ADMINISTRATOR}, ok=302)

    assert_access(client, reverse("provision:offer_edit", args=[offer.id]), expected, method="post", data=an_offer())


def test_adding_an_offer_is_for_providers_members_only(client, provider):
    expected = {m: 302 if is_provider_member(m) else 403 for m in everyone_around(provider)}

    assert_access(client, reverse("provision:offer_new"), expected, method="post", data=an_offer())
    assert Offer.objects.count() == 4  # by the two members of each of the two providers


def test_reading_the_withdraw_page_is_audited(client, supervisor, offer):
    as_member(client, supervisor).get(reverse("provision:offer_deactivate", args=[offer.id]))

    assert consults().get().object_id == str(offer.id)
