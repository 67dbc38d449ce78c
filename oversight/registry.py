"""The statistics page's tables by the key of their CSV download, in the order the pilot's FOI
request asks its questions (oversight.selectors), then consistency and timeliness
(oversight.measures), and disproportionality. Each function's table carries the same key."""

from oversight import disproportionality, measures, selectors

TABLES = {
    "orders-made": selectors.orders_made,
    "gender": selectors.orders_by_gender,
    "age": selectors.orders_by_age,
    "ethnicity": selectors.orders_by_ethnicity,
    "borough": selectors.orders_by_borough,
    "basis": selectors.orders_by_basis,
    "applications": selectors.application_steps,
    "hearing-outcomes": selectors.hearing_outcomes,
    "refusal-reasons": selectors.refusal_reasons,
    "requirements": selectors.positive_requirements,
    "breaches": selectors.breaches_by_decision,
    "court-outcomes": selectors.court_outcomes,
    "consistency": measures.consistency,
    "timeliness": measures.timeliness,
    "disproportionality": disproportionality.disproportionality,
}


def statistics(scope: selectors.Scope) -> list:
    """Every table of the page: one query each, two for disproportionality (orders, population)."""
    return [table(scope) for table in TABLES.values()]
