"""The GOV.UK date input: three boxes, the pattern's own error messages."""

from datetime import date

import pytest
from django import forms

from kcpo.fields import GovukDateField


class DateForm(forms.Form):
    date_of_birth = GovukDateField(label="Date of birth", error_messages={"required": "Enter the date of birth"})


def submit(day, month, year):
    return DateForm({"date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year})


@pytest.mark.parametrize(
    ("day", "month", "year", "error"),
    [
        ("", "", "", "Enter the date of birth"),
        ("14", "", "2010", "Date of birth must include a month"),
        ("", "", "2010", "Date of birth must include a day and a month"),
        ("14", "3", "", "Date of birth must include a year"),
        ("31", "2", "2010", "Date of birth must be a real date"),
        ("29", "2", "2011", "Date of birth must be a real date"),  # not a leap year
        ("1", "13", "2010", "Date of birth must be a real date"),
        ("x", "3", "2010", "Date of birth must be a real date"),
        ("99999999999999999999", "3", "2010", "Date of birth must be a real date"),  # was a 500 (OverflowError)
        ("14", "99999999999999999999", "2010", "Date of birth must be a real date"),
        ("14", "3", "10", "Year must include 4 numbers"),
    ],
)
def test_bad_dates_get_the_govuk_message(day, month, year, error):
    form = submit(day, month, year)
    assert form.errors["date_of_birth"] == [error]


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("14", "3", "2010", date(2010, 3, 14)),
        (" 29 ", "02", "2012", date(2012, 2, 29)),
        ("01", "1", "2000", date(2000, 1, 1)),
    ],
)
def test_good_dates_are_read(day, month, year, expected):
    form = submit(day, month, year)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == expected


def test_it_renders_three_labelled_boxes_keeping_what_was_typed():
    html = str(submit("31", "2", "2010")["date_of_birth"])
    for name, value in (("day", "31"), ("month", "2"), ("year", "2010")):
        assert f'name="date_of_birth_{name}"' in html and f'value="{value}"' in html
    assert "govuk-input--error" in html


def test_initial_dates_fill_the_boxes():
    html = str(DateForm(initial={"date_of_birth": date(2010, 3, 14)})["date_of_birth"])
    assert 'value="14"' in html and 'value="3"' in html and 'value="2010"' in html
