"""Consistency and timeliness (oversight/measures.py): medians over the full orders of the
period, by group, none for a group of fewer than five orders; in the CSV, without the groups'
sizes."""

import csv
import io
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from cases.models import Case
from orders.models import Order, ServiceRecord
from oversight.exports import table_csv
from oversight.measures import SMALLEST_GROUP, consistency, timeliness
from tests.oversight.builders import FIRST, LAST, order_made, scope


def row(table, label):
    return next(r for r in table.rows if r.label == label)


def test_a_group_of_five_orders_has_medians(officer):
    for months in (6, 12, 12, 18, 24):
        Order.objects.filter(pk=order_made(officer, local_authority="Lambeth").pk).update(duration_months=months)

    lambeth = row(consistency(scope(officer)), "Lambeth")

    assert (lambeth.orders, lambeth.medians) == (5, (12, 1, 0))  # make_order's orders: one prohibition each


def test_a_group_of_fewer_than_five_orders_has_none(officer):
    for _ in range(SMALLEST_GROUP - 1):
        order_made(officer, local_authority="Croydon")

    croydon = row(consistency(scope(officer)), "Croydon")

    assert (croydon.orders, croydon.medians) == (4, (None, None, None))


@pytest.mark.parametrize(("born", "group"), [(date(2008, 10, 2), "Under 18"), (date(2008, 10, 1), "18 and over")])
def test_children_and_adults_are_told_apart_on_the_day_the_order_was_made(officer, born, group):
    order_made(officer, on=FIRST, date_of_birth=born)

    assert row(consistency(scope(officer)), group).orders == 1


def test_time_to_an_order_and_the_notice_the_defendant_had(officer):
    for notice in (7, 8, 9, 10, None):
        order = order_made(officer, on=LAST)
        application = order.application
        Case.objects.filter(pk=application.case_id).update(
            created_at=timezone.make_aware(datetime.combine(LAST - timedelta(days=60), time(10, 0)))
        )
        type(application).objects.filter(pk=application.pk).update(application_date=LAST - timedelta(days=30))
        if notice is not None:
            ServiceRecord.objects.create(
                application=application,
                document="application",
                recipient="defendant",
                recipient_name="The defendant",
                method="personal",
                served_on=LAST - timedelta(days=notice),
                served_by="PC Smith",
                recorded_by=officer.user,
            )

    with_notice = row(timeliness(scope(officer)), "Section 14, with notice")

    assert (with_notice.orders, with_notice.medians) == (5, (60, 30, 8.5))  # the unserved one is not measured


def test_the_csv_gives_medians_without_group_sizes_and_hides_small_groups(officer):
    for _ in range(SMALLEST_GROUP):
        order_made(officer, local_authority="Lambeth")
    order_made(officer, local_authority="Croydon")

    rows = list(csv.reader(io.StringIO(table_csv(consistency(scope(officer))))))

    assert rows[0] == ["Group", "Duration (months)", "Prohibitions", "Requirements"]
    assert ["Lambeth", "12", "1", "0"] in rows and ["Croydon", "[c]", "[c]", "[c]"] in rows
