"""The order in easy read, for a child or anyone with identified developmental needs: the
guidance asks that the order be served so that its subject "is able to fully understand the
conditions of their order" (Home Office practitioners' guidance, "Service and Notification").

It is built on the order's own context (documents/forms/order.py), so both print the same
records. Every provision's exact wording is printed, because the order's words are the law;
beside it goes a plain explanation of what kind of provision it is, where the provision was
given a category from the guidance's menu of options. Nothing else is explained that the
records do not hold: a provision without a category has its words and details only."""

from documents.forms.order import applies, order_context  # noqa: F401 - applies where the order does
from eligibility.core.provisions import ProvisionCategory
from orders.models import Application

TEMPLATE_VERSION = "order-easy-read/1"
TITLE = "Your knife crime prevention order: easy read"

# What each kind of provision on the guidance's menu (Guidance ch. 9; s21(2), (4)) asks, in
# plain words. It explains the kind only; the order's own words say exactly what, where and when.
PLAIN = {
    # Requirements: things to do.
    ProvisionCategory.BE_AT_PLACE: "You must be at the place the order names, at the times it says.",
    ProvisionCategory.PRESENT_TO_PERSON: "You must go and see the person the order names, at the times it says.",
    ProvisionCategory.PARTICIPATE_IN_ACTIVITIES: "You must take part in the activity the order names.",
    ProvisionCategory.RESTORATIVE_JUSTICE: "You must take part in an activity about the harm that knife crime does.",
    ProvisionCategory.STRUCTURED_ACTIVITIES: "You must take part in the learning or support the order names.",
    ProvisionCategory.REPARATION: "You must do the work for your community that the order names.",
    ProvisionCategory.MEDIATION: "You must take part in a meeting to help sort out a problem between people.",
    ProvisionCategory.SUPPORT_AND_COUNSELLING: "You must go to the support or counselling the order names.",
    ProvisionCategory.AWARENESS_CLASSES: "You must go to the classes the order names.",
    ProvisionCategory.YOUTH_MENTORING: "You must meet a mentor. A mentor is someone who gives you help and advice.",
    ProvisionCategory.JOB_READINESS: "You must go to a course that helps you get ready for work.",
    # Prohibitions: things not to do.
    ProvisionCategory.NOT_TO_ATTEND_LOCATION: "You must not go to the place the order names.",
    ProvisionCategory.CURFEW: "You must stay in at the times the order says.",
    ProvisionCategory.NON_ASSOCIATION: "You must not be with the people the order names.",
    ProvisionCategory.PROHIBITED_ACTIVITIES: "You must not do the activity the order names.",
    ProvisionCategory.ARTICLES: "You must not have or use the things the order names.",
    ProvisionCategory.INTERNET: "You must not use the internet to help or encourage crime with knives or blades.",
}

# The details of a provision (documents.forms.common.provision_context) under plain names.
DETAIL_NAMES = {
    "Place": "Where",
    "Persons": "Who",
    "Articles": "What things",
    "Activity": "What activity",
    "When": "When",
    "Period": "For how long",
    "Exceptions": "This does not apply",
}


def _plain(provision: dict) -> dict:
    return {
        **provision,
        "plain": PLAIN.get(provision["category"], ""),
        "details": [{**d, "name": DETAIL_NAMES.get(d["name"], d["name"])} for d in provision["details"]],
    }


def order_easy_read_context(application: Application) -> dict:
    """The order's context (the same records and queries) with each provision's plain
    explanation and the supervisors of its requirements, for "Who will help you"."""
    context = order_context(application)
    context["prohibitions"] = [_plain(p) for p in context["prohibitions"]]
    context["requirements"] = [_plain(p) for p in context["requirements"]]
    # The headings are the easy read's own ("You must not", "You must"); a part with nothing in it is left out.
    parts = (("You must not", context["prohibitions"]), ("You must", context["requirements"]))
    context["provision_parts"] = [{"heading": heading, "provisions": items} for heading, items in parts if items]
    context["supervised"] = [p for p in context["requirements"] if p["supervisor"]]
    context["unsupervised"] = [p for p in context["requirements"] if not p["supervisor"]]
    return context
