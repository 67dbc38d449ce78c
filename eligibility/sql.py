"""The date rules of eligibility.core.dates as SQL expressions, for queries that must decide
them in the database (a sweep, a statistics table) rather than row by row in Python. Each is
kept in step with its Python rule by tests/eligibility/test_sql.py, at the boundaries (the day
before, of and after; 29 February).

They take paths (strings) to date columns, as F() does."""

from django.db.models import DateField, F, Func, IntegerField

from eligibility.core.dates import RELEVANT_PERIOD_YEARS


def birthday_sql(date_of_birth: str, age: int) -> Func:
    """The day the person born on `date_of_birth` attains `age` (eligibility.core.dates.birthday,
    Family Law Reform Act 1969 s9): "the day before, plus the years, plus a day", so that a
    29 February birthday falls on 1 March in a common year (as eligibility.screening does)."""
    return Func(
        F(date_of_birth),
        template=f"((%(expressions)s - 1 + interval '{int(age)} years')::date + 1)",
        output_field=DateField(),
    )


def age_sql(date_of_birth: str, on: str) -> Func:
    """Completed years of age on the day at `on` (eligibility.core.dates.age_on). PostgreSQL's
    age() counts a 29 February birthday as reached on 1 March in a common year, as age_on does."""
    return Func(
        F(on),
        F(date_of_birth),
        template="date_part('year', age(%(expressions)s))::integer",
        output_field=IntegerField(),
    )


def relevant_period_start_sql(order_date: str) -> Func:
    """The first day of the s14(4) relevant period for an order made on the day at `order_date`
    (eligibility.core.dates.relevant_period_start): "the period of two years ending with the day
    on which the order is made"."""
    return Func(
        F(order_date),
        template=f"((%(expressions)s - interval '{RELEVANT_PERIOD_YEARS} years')::date + 1)",
        output_field=DateField(),
    )
