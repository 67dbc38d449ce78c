"""Every migration of ours can be reversed and re-applied (the house rule for deploys)."""

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_our_migrations_reverse_to_zero_and_apply_again():
    call_command("migrate", "accounts", "zero", verbosity=0)  # unapplies cases and audit too
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('audit_auditevent'), to_regclass('cases_case')")
        assert cursor.fetchone() == (None, None)

    call_command("migrate", verbosity=0)

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('audit_auditevent')::text, to_regclass('cases_case')::text")
        assert cursor.fetchone() == ("audit_auditevent", "cases_case")
