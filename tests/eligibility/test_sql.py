"""The SQL forms of the date rules (eligibility/sql.py) agree with eligibility.core.dates at the
boundaries: the day before, of and after a birthday and a relevant period's start, and
29 February in leap and common years."""

from datetime import date

import pytest
from django.db.models import DateField, Value

from cases.models import Subject
from eligibility.core.dates import age_on, birthday, relevant_period_start
from eligibility.sql import age_sql, birthday_sql, relevant_period_start_sql
from tests.factories import SubjectFactory

BIRTHS = [date(2008, 2, 29), date(2008, 2, 28), date(2008, 3, 1), date(2009, 6, 1), date(2010, 12, 31)]
DAYS = [date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1), date(2027, 5, 31), date(2027, 6, 1), date(2028, 2, 29)]


def evaluated(born: date, day: date, **expressions):
    SubjectFactory(date_of_birth=born)
    return (
        Subject.objects.annotate(day=Value(day, output_field=DateField()))
        .annotate(**expressions)
        .values(*expressions)[0]
    )


@pytest.mark.parametrize("born", BIRTHS)
@pytest.mark.parametrize("age", [12, 18])
def test_the_birthday_s9_family_law_reform_act_1969(db, born, age):
    assert evaluated(born, born, value=birthday_sql("date_of_birth", age))["value"] == birthday(born, age)


@pytest.mark.parametrize("born", BIRTHS)
@pytest.mark.parametrize("day", DAYS)
def test_the_age_on_a_day(db, born, day):
    assert evaluated(born, day, value=age_sql("date_of_birth", "day"))["value"] == age_on(born, day)


@pytest.mark.parametrize("day", [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1), date(2022, 3, 1)])
def test_the_relevant_period_start_s14_4(db, day):
    assert evaluated(date(2005, 1, 1), day, value=relevant_period_start_sql("day"))["value"] == relevant_period_start(
        day
    )
