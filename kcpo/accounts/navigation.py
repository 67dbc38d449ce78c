"""The primary navigation each role sees."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from kcpo.access import CASE_READERS, POLICE_CASEWORK
from kcpo.accounts.models import Role
from kcpo.reminders.selectors import reminder_due_count


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool


def navigation_for(request, membership) -> list[NavItem]:
    if membership is None:
        return []
    items = [("Home", reverse("accounts:home"))]
    # One COUNT on every page a member sees: their open tasks that are overdue or due today.
    due = reminder_due_count(membership=membership, today=timezone.localdate())
    items.append((f"My tasks ({due})" if due else "My tasks", reverse("reminders:my_tasks")))
    if membership.role in CASE_READERS:
        items.append(("Cases", reverse("cases:list")))
        items.append(("People", reverse("subjects:search")))
    if membership.role in POLICE_CASEWORK:
        items.append(("Eligible under s14", reverse("eligibility:s14_screening")))
        items.append(("Import occasions", reverse("imports:list")))
        items.append(("Catalogue", reverse("provision:catalogue")))
    if membership.role == Role.YOT_WORKER:
        items.append(("Consultations", reverse("applications:consultation_inbox")))
        items.append(("Non-compliance", reverse("supervision:yot_non_compliance")))
    if membership.role == Role.SUPERVISOR:
        items.append(("Requirements you supervise", reverse("supervision:requirement_list")))
    # Imported here: kcpo sits below the domain apps and reaches into them only when it runs.
    from oversight.access import is_statistics_reader
    from provision.catalogue import is_provider_member

    if is_provider_member(membership):
        items.append(("Our offers", reverse("provision:offer_list")))
        items.append(("Referrals", reverse("provision:referral_list")))
    if membership.role == Role.CPS_LAWYER:
        items.append(("CPS submissions", reverse("applications:cps_inbox")))
    if is_statistics_reader(membership):
        items.append(("Statistics", reverse("oversight:statistics")))
    items.append(("Your organisation", reverse("accounts:people")))
    if membership.role == Role.ADMINISTRATOR and request.user.is_staff:
        items.append(("Administration", reverse("admin:index")))
    path = request.path
    return [
        NavItem(text, href, current=(path == href if href == "/" else path.startswith(href))) for text, href in items
    ]
