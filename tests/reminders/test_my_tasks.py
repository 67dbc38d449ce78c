"""The My tasks page: what each tab lists, in which order, how it reads, who sees what,
what it costs, and what it logs; and the "My tasks (N)" navigation item."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from kcpo.accounts.models import Role
from kcpo.accounts.navigation import navigation_for
from kcpo.audit.models import AuditEvent
from kcpo.reminders.models import Reminder
from tests.access import OrganisationAccess, as_member, login_as
from tests.factories import CaseFactory, MembershipFactory, OrganisationFactory, ReminderFactory

TODAY = date(2027, 3, 1)
LONDON = ZoneInfo("Europe/London")
URL = reverse("reminders:my_tasks")


@pytest.fixture(autouse=True)
def today():
    """The officer's today, pinned: noon in London on 1 March 2027."""
    with time_machine.travel(datetime(2027, 3, 1, 12, 0, tzinfo=LONDON), tick=False):
        yield TODAY


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def at(n: int) -> datetime:
    """Noon in London `n` days from today."""
    return datetime.combine(days(n), datetime.min.time().replace(hour=12), tzinfo=LONDON)


def tab(client, **query):
    return client.get(URL, query)


def listed(response) -> list[int]:
    return [row.reminder.id for row in response.context["rows"]]


# --- who may open it ---------------------------------------------------------------------


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={URL}"


def test_every_role_of_every_organisation_can_open_their_tasks(client, force):
    access = OrganisationAccess.around(force)

    for membership in [*access.own.values(), *access.others]:
        assert as_member(client, membership).get(URL).status_code == 200, membership


def test_a_user_with_no_membership_is_sent_home(client, db):
    membership = MembershipFactory(is_active=False)
    client.force_login(membership.user)

    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == reverse("accounts:home")


# --- what each tab lists -----------------------------------------------------------------


def test_the_overdue_tab_lists_open_reminders_due_before_today_the_oldest_first(alice_client, alice, force):
    newer = ReminderFactory(organisation=force, assignee=alice.user, due_on=days(-1))
    older = ReminderFactory(organisation=force, assignee=alice.user, due_on=days(-5))
    ReminderFactory(organisation=force, assignee=alice.user, due_on=TODAY)
    ReminderFactory(organisation=force, assignee=alice.user, due_on=days(-3), done_at=at(-2))

    response = tab(alice_client, status="overdue")

    assert listed(response) == [older.id, newer.id]


def test_the_due_tab_lists_open_reminders_from_today_the_soonest_first(alice_client, alice, force):
    later = ReminderFactory(organisation=force, assignee=alice.user, due_on=days(10))
    today = ReminderFactory(organisation=force, assignee=alice.user, due_on=TODAY)
    tomorrow = ReminderFactory(organisation=force, assignee=alice.user, due_on=days(1))
    ReminderFactory(organisation=force, assignee=alice.user, due_on=days(-1))

    response = tab(alice_client, status="due")

    assert listed(response) == [today.id, tomorrow.id, later.id]
    assert [row.when for row in response.context["rows"]] == ["Due today", "Due tomorrow", "Due in 10 days"]


def test_the_done_tab_lists_done_reminders_the_latest_first_with_who_and_when(alice_client, alice, force):
    first = ReminderFactory(
        organisation=force,
        assignee=alice.user,
        done_at=datetime(2027, 2, 20, 9, 5, tzinfo=LONDON),
        done_by=alice.user,
    )
    last = ReminderFactory(
        organisation=force,
        assignee=alice.user,
        done_at=datetime(2027, 2, 27, 14, 30, tzinfo=LONDON),
        done_by=alice.user,
    )
    ReminderFactory(organisation=force, assignee=alice.user)

    response = tab(alice_client, status="done")

    assert listed(response) == [last.id, first.id]
    assert "By Alice Lead<br>on 27 February 2027 at 2:30pm" in response.content.decode()


def test_a_done_time_is_shown_in_london_time(alice_client, alice, force):
    # 23:30 UTC on 31 March 2027 is 00:30 on 1 April in British Summer Time.
    ReminderFactory(
        organisation=force,
        assignee=alice.user,
        done_at=datetime(2027, 3, 31, 23, 30, tzinfo=ZoneInfo("UTC")),
        done_by=alice.user,
    )

    response = tab(alice_client, status="done")

    assert "on 1 April 2027 at 12:30am" in response.content.decode()


def test_a_row_shows_the_kind_the_linked_title_the_due_date_and_the_person(alice_client, alice, force):
    case = CaseFactory(owner=force, subject__given_names="Jordan", subject__family_name="Ellis")
    ReminderFactory(
        organisation=force,
        target=case,
        assignee=alice.user,
        kind=Reminder.Kind.NOTIFICATION_OVERDUE,
        title="Record the s24 notification",
        link=f"/cases/{case.id}/",
        due_on=date(2027, 2, 26),
    )

    body = tab(alice_client, status="overdue").content.decode()

    assert "Notification overdue (s24, s25)</strong>" in body
    assert f'<a class="govuk-link" href="/cases/{case.id}/">Record the s24 notification</a>' in body
    assert "26 February 2027<br><span" in body
    assert "3 days overdue" in body
    assert "Jordan Ellis" in body


def test_a_reminder_about_no_one_says_so(alice_client, alice, force):
    ReminderFactory(organisation=force, assignee=alice.user, subject=None)

    body = tab(alice_client, status="due").content.decode()

    assert '<td class="govuk-table__cell">None</td>' in body


@pytest.mark.parametrize(
    ("due_on", "text"),
    [(days(-1), "1 day overdue"), (days(-12), "12 days overdue"), (days(0), "Due today"), (days(3), "Due in 3 days")],
)
def test_the_when_text(due_on, text):
    from kcpo.reminders.views import when_text

    assert when_text(due_on, TODAY) == text


def test_the_page_opens_on_overdue_when_something_is_overdue(alice_client, alice, force):
    ReminderFactory(organisation=force, assignee=alice.user, due_on=days(-1))

    assert tab(alice_client).context["status"] == "overdue"


def test_the_page_opens_on_due_when_nothing_is_overdue(alice_client, alice, force):
    ReminderFactory(organisation=force, assignee=alice.user, due_on=days(1))

    assert tab(alice_client).context["status"] == "due"


def test_an_unknown_tab_falls_back_to_the_default(alice_client, alice, force):
    mine = ReminderFactory(organisation=force, assignee=alice.user, due_on=days(1))

    response = tab(alice_client, whose="everyone", status="all")

    assert (response.context["whose"], response.context["status"], listed(response)) == ("mine", "due", [mine.id])


def test_mine_lists_only_what_is_assigned_to_me_and_team_only_what_is_assigned_to_no_one(alice_client, alice, force):
    mine = ReminderFactory(organisation=force, assignee=alice.user)
    nobodys = ReminderFactory(organisation=force, assignee=None)
    ReminderFactory(organisation=force, assignee=MembershipFactory(organisation=force).user)

    assert listed(tab(alice_client, whose="mine", status="due")) == [mine.id]
    assert listed(tab(alice_client, whose="team", status="due")) == [nobodys.id]


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.ANALYST])
def test_a_role_without_case_access_sees_no_team_reminders(client, force, role):
    """The team's unassigned reminders name the people they concern (DESIGN §1: no case access)."""
    ReminderFactory(organisation=force, assignee=None, due_on=days(1))
    member = MembershipFactory(organisation=force, role=role)
    as_member(client, member)

    response = tab(client, whose="team", status="due")

    assert listed(response) == []
    assert response.context["whose_tabs"][1].text == "Unassigned in your team (0)"


def test_the_tab_labels_count_each_list(alice_client, alice, force):
    ReminderFactory.create_batch(2, organisation=force, assignee=alice.user, due_on=days(-1))
    ReminderFactory(organisation=force, assignee=alice.user, due_on=days(2))
    ReminderFactory(organisation=force, assignee=alice.user, done_at=at(-1))
    ReminderFactory.create_batch(3, organisation=force, assignee=None, due_on=days(4))

    response = tab(alice_client)

    assert [t.text for t in response.context["whose_tabs"]] == ["Assigned to you (3)", "Unassigned in your team (3)"]
    assert [t.text for t in response.context["status_tabs"]] == ["Overdue (2)", "Due (1)", "Done (1)"]
    assert [t.current for t in response.context["status_tabs"]] == [True, False, False]


def test_the_tabs_are_links_that_work_without_javascript(alice_client, alice):
    body = tab(alice_client, whose="team", status="done").content.decode()

    assert f'href="{URL}?whose=team&amp;status=overdue"' in body
    assert f'href="{URL}?whose=mine&amp;status=done"' in body
    assert f'href="{URL}?whose=team&amp;status=done" aria-current="page"' in body


@pytest.mark.parametrize(
    ("whose", "status", "text"),
    [
        ("mine", "overdue", "You have no overdue tasks."),
        ("mine", "due", "You have no tasks coming up."),
        ("mine", "done", "You have not marked any tasks as done."),
        ("team", "overdue", "Your team has no overdue tasks that are not assigned to anyone."),
        ("team", "due", "Your team has no tasks coming up that are not assigned to anyone."),
        ("team", "done", "No unassigned task of your team has been marked as done."),
    ],
)
def test_an_empty_tab_says_so_in_plain_words(alice_client, alice, whose, status, text):
    body = tab(alice_client, whose=whose, status=status).content.decode()

    assert f'<p class="govuk-body" data-testid="no-tasks">{text}</p>' in body
    assert 'data-testid="task-list"' not in body


# --- another organisation ----------------------------------------------------------------


def test_no_one_in_another_organisation_sees_the_reminders(client, force):
    access = OrganisationAccess.around(force)
    assignee = access.own[Role.KCPO_LEAD].user
    ReminderFactory(organisation=force, assignee=None, due_on=days(-1))
    ReminderFactory(organisation=force, assignee=assignee, due_on=days(1))
    ReminderFactory(organisation=force, assignee=None, done_at=at(-1))

    seen = {}
    for membership in access.others:
        as_member(client, membership)
        seen[membership.id] = [
            reminder_id
            for whose in ("mine", "team")
            for status in ("overdue", "due", "done")
            for reminder_id in listed(tab(client, whose=whose, status=status))
        ]

    assert seen == dict.fromkeys(seen, [])


def test_a_member_of_two_organisations_sees_only_the_one_they_act_for(client, alice, force):
    elsewhere = MembershipFactory(user=alice.user, organisation=OrganisationFactory(), role=Role.KCPO_LEAD)
    ReminderFactory(organisation=force, assignee=alice.user, due_on=days(1))
    theirs = ReminderFactory(organisation=elsewhere.organisation, assignee=alice.user, due_on=days(1))

    login_as(client, elsewhere)
    response = tab(client, status="due")

    assert listed(response) == [theirs.id]
    assert [t.text for t in response.context["status_tabs"]] == ["Overdue (0)", "Due (1)", "Done (0)"]


# --- pagination and cost -----------------------------------------------------------------


def test_each_tab_pages_by_25(alice_client, alice, force):
    reminders = [ReminderFactory(organisation=force, assignee=alice.user, due_on=days(n)) for n in range(27)]

    response = tab(alice_client, status="due", page=2)

    assert listed(response) == [r.id for r in reminders[25:]]
    body = response.content.decode()
    assert 'aria-label="Pagination"' in body
    assert 'href="?status=due&amp;page=1"' in body


# The page's queries, whatever the number of reminders: session, user, memberships (the
# middleware); the tab counts (one aggregate); the page's COUNT and its rows; the audit row;
# the navigation's "My tasks (N)" count.
PAGE_QUERIES = 8


@pytest.mark.parametrize("status", ["overdue", "due", "done"])
def test_the_page_costs_the_same_queries_for_2_or_30_reminders(
    alice_client, alice, force, django_assert_num_queries, status
):
    def make(n):
        for _ in range(n):
            if status == "done":
                ReminderFactory(organisation=force, assignee=alice.user, done_at=at(-1), done_by=alice.user)
            else:
                ReminderFactory(organisation=force, assignee=alice.user, due_on=days(-1 if status == "overdue" else 1))

    make(2)
    with django_assert_num_queries(PAGE_QUERIES):
        tab(alice_client, status=status)
    make(28)
    with django_assert_num_queries(PAGE_QUERIES):
        response = tab(alice_client, status=status)
    assert len(response.context["rows"]) == 25


# --- audit -------------------------------------------------------------------------------


def test_viewing_reminders_about_people_writes_one_read_row_listing_them(alice_client, alice, force):
    first = ReminderFactory(organisation=force, assignee=alice.user, due_on=days(1))
    second = ReminderFactory(organisation=force, assignee=alice.user, due_on=days(2))

    tab(alice_client, status="due")

    event = AuditEvent.objects.get()
    assert (event.user_id, event.operation, event.object_type, event.details) == (
        alice.user_id,
        "consult",
        "reminders.reminder",
        {
            "page": "my tasks",
            "reminder_ids": [first.id, second.id],
            "subject_ids": sorted([first.subject_id, second.subject_id]),
        },
    )


def test_a_page_that_shows_no_one_writes_no_read_row(alice_client, alice, force):
    ReminderFactory(organisation=force, assignee=alice.user, subject=None)

    tab(alice_client, status="due")
    tab(alice_client, status="overdue")

    assert AuditEvent.objects.count() == 0


# --- navigation --------------------------------------------------------------------------


def test_my_tasks_is_the_second_item_for_every_role(client, force):
    access = OrganisationAccess.around(force)

    seconds = {}
    for membership in [*access.own.values(), *access.others]:
        navigation = as_member(client, membership).get(reverse("accounts:home")).context["navigation"]
        seconds[membership.id] = (navigation[0].text, navigation[1].text, navigation[1].href)

    assert set(seconds.values()) == {("Home", "My tasks", URL)}


def test_the_navigation_counts_my_open_tasks_overdue_or_due_today(alice_client, alice, force):
    ReminderFactory(organisation=force, assignee=alice.user, due_on=days(-3))
    ReminderFactory(organisation=force, assignee=alice.user, due_on=TODAY)
    ReminderFactory(organisation=force, assignee=alice.user, due_on=days(1))  # not due yet
    ReminderFactory(organisation=force, assignee=alice.user, due_on=days(-1), done_at=at(0))  # done
    ReminderFactory(organisation=force, assignee=None, due_on=days(-1))  # nobody's
    ReminderFactory(organisation=force, assignee=MembershipFactory(organisation=force).user, due_on=days(-1))

    navigation = alice_client.get(reverse("cases:list")).context["navigation"]

    assert navigation[1].text == "My tasks (2)"


def test_the_navigation_item_is_current_on_the_page(alice_client):
    navigation = alice_client.get(URL).context["navigation"]

    assert [item.text for item in navigation if item.current] == ["My tasks"]


def test_the_navigation_count_costs_one_query(rf, alice, force, django_assert_num_queries):
    ReminderFactory.create_batch(3, organisation=force, assignee=alice.user, due_on=days(-1))
    request = rf.get("/")
    request.user = alice.user

    with django_assert_num_queries(1):
        navigation = navigation_for(request, alice)

    assert navigation[1].text == "My tasks (3)"


# --- the Django admin --------------------------------------------------------------------


def test_only_a_superuser_sees_reminders_in_the_admin_and_cannot_change_them(client, force):
    reminder = ReminderFactory(organisation=force)
    administrator = MembershipFactory(organisation=force, role=Role.ADMINISTRATOR, user__is_staff=True)
    superuser = MembershipFactory(organisation=force, role=Role.ADMINISTRATOR, user__is_superuser=True)
    superuser.user.is_staff = True
    superuser.user.save(update_fields=["is_staff"])
    changelist = reverse("admin:reminders_reminder_changelist")

    assert as_member(client, administrator).get(changelist).status_code == 403
    response = as_member(client, superuser).get(changelist)
    assert list(response.context["cl"].queryset) == [reminder]
    assert client.post(reverse("admin:reminders_reminder_change", args=[reminder.id])).status_code == 403
