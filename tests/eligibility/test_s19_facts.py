"""The recorded facts for an order on conviction (eligibility.services.subject_s19_facts): a
subject's recorded offence as the engine's s19 facts, and the day the order would be made."""

from datetime import date

import pytest

from cases.models import Conviction
from eligibility.core import Disposal, Limb, NecessityGround, Result, Route, Status, assess
from eligibility.core.facts import InForcePeriod as InForce
from eligibility.models import InForcePeriod
from eligibility.services import subject_s19_facts
from tests.factories import OrganisationFactory, SubjectFactory

APPLIED = date(2026, 6, 1)  # the application date


@pytest.fixture
def subject(db):
    force = OrganisationFactory(code="testshire")
    InForcePeriod.objects.create(police_area="testshire", starts_on=date(2021, 7, 5))
    return SubjectFactory(owner=force, date_of_birth=date(2000, 1, 1))


def offence(subject, **fields) -> Conviction:
    defaults = {
        "offence": "Possession of a bladed article",
        "offence_date": date(2026, 3, 1),
        "bladed_article_had": True,
    }
    return Conviction.objects.create(subject=subject, **{**defaults, **fields})


def test_a_charge_awaiting_the_verdict_is_assessed_on_the_application_date(subject):
    facts = subject_s19_facts(
        subject=subject,
        conviction=offence(subject),
        on=APPLIED,
        necessity_grounds=frozenset({NecessityGround.PROTECT_PUBLIC}),
    )

    assert (facts.route, facts.order_date, facts.application_date, facts.police_area) == (
        Route.S19,
        APPLIED,
        APPLIED,
        "testshire",
    )
    assert facts.in_force_periods == (InForce(starts=date(2021, 7, 5)),)
    assert facts.conviction.limbs == {Limb.BLADED_ARTICLE_HAD}
    assert (facts.conviction.disposal, facts.conviction.sentenced) == (Disposal.PENDING, False)
    determination = assess(facts)
    # s19(1)(a) not yet convicted, s19(7) pending sentence: warnings; s19(3) is the CPS's to decide.
    assert [(c.code, c.status) for c in determination.checks if c.status != Status.PASS] == [
        ("S19_CONVICTED", Status.WARNING),
        ("S19_PROSECUTION_APPLIES", Status.UNKNOWN),
        ("S19_WITH_SENTENCE", Status.WARNING),
    ]
    assert determination.result == Result.CANNOT_TELL


# s19(7): the order is made with the sentence, so its day is the date of sentence once known;
# before then the application date, but never before the conviction. Sentenced before the
# application date, the application came too late (s19(9A) adjourns only one already made).
@pytest.mark.parametrize(
    ("convicted_on", "sentenced_on", "disposal", "order_date", "sentenced", "notice"),
    [
        pytest.param(None, None, "pending", APPLIED, False, Status.PASS, id="s19-before-the-verdict"),
        pytest.param(date(2026, 5, 1), None, "pending", APPLIED, False, Status.PASS, id="s19-convicted-before"),
        pytest.param(
            date(2026, 6, 10), None, "pending", date(2026, 6, 10), False, Status.PASS, id="s19-convicted-after"
        ),
        pytest.param(
            date(2026, 6, 10),
            date(2026, 6, 20),
            "sentence",
            date(2026, 6, 20),
            False,
            Status.PASS,
            id="s19-7-sentenced-after-the-application",
        ),
        pytest.param(date(2026, 5, 1), APPLIED, "sentence", APPLIED, False, Status.PASS, id="s19-7-sentenced-that-day"),
        pytest.param(
            date(2026, 5, 1),
            date(2026, 5, 31),
            "conditional_discharge",
            date(2026, 5, 31),
            True,
            Status.FAIL,
            id="s19-9A-sentenced-the-day-before",
        ),
    ],
)
def test_s19_7_the_order_date_and_whether_sentenced_before_the_application(
    subject, convicted_on, sentenced_on, disposal, order_date, sentenced, notice
):
    conviction = offence(subject, convicted_on=convicted_on, sentenced_on=sentenced_on, disposal=disposal)

    facts = subject_s19_facts(subject=subject, conviction=conviction, on=APPLIED)

    assert (facts.order_date, facts.conviction.sentenced, facts.conviction.disposal) == (
        order_date,
        sentenced,
        Disposal(disposal),
    )
    determination = assess(facts)
    assert determination.check("S19_NOTICE_BEFORE_SENTENCING").status == notice
    assert determination.check("S19_CONVICTED").status != Status.FAIL  # never "an order before the conviction"


# s19(1)(b), (10): the relevant-offence limbs as recorded; none ticked is not a relevant offence.
@pytest.mark.parametrize(
    ("fields", "limbs", "expected"),
    [
        pytest.param({"bladed_article_had": False}, frozenset(), Status.FAIL, id="s19-10-none"),
        pytest.param(
            {"violence_or_threat": True, "bladed_article_used": True},
            {Limb.VIOLENCE_OR_THREAT, Limb.BLADED_ARTICLE_USED, Limb.BLADED_ARTICLE_HAD},
            Status.PASS,
            id="s19-10-several",
        ),
    ],
)
def test_s19_1_b_the_recorded_limbs(subject, fields, limbs, expected):
    facts = subject_s19_facts(subject=subject, conviction=offence(subject, **fields), on=APPLIED)

    assert facts.conviction.limbs == limbs
    assert assess(facts).check("S19_RELEVANT_OFFENCE").status == expected
