"""Preload the Metropolitan Police district pilot: ss.14-33 in force from 5 July 2021
(S.I. 2021/762 reg. 2) to 31 March 2023 (as amended by S.I. 2022/828)."""

from datetime import date

from django.db import migrations

LEGAL_BASIS = "S.I. 2021/762 reg. 2, as amended by S.I. 2022/828 (Metropolitan Police district pilot)"


def add_pilot(apps, schema_editor):
    InForcePeriod = apps.get_model("eligibility", "InForcePeriod")
    InForcePeriod.objects.get_or_create(
        police_area="metropolitan",
        starts_on=date(2021, 7, 5),
        defaults={"ends_on": date(2023, 3, 31), "legal_basis": LEGAL_BASIS},
    )


def remove_pilot(apps, schema_editor):
    InForcePeriod = apps.get_model("eligibility", "InForcePeriod")
    InForcePeriod.objects.filter(police_area="metropolitan", starts_on=date(2021, 7, 5)).delete()


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0001_initial")]

    operations = [migrations.RunPython(add_pilot, remove_pilot)]
