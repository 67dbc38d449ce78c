import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from kcpo.audit.models import AuditEvent
from kcpo.audit.services import Operation, audit_record


@pytest.fixture
def event(alice, case):
    return audit_record(by=alice.user, membership=alice, operation=Operation.CONSULT, obj=case, reason="test")


def test_it_records_who_what_and_why(alice, case, event):
    event.refresh_from_db()
    assert (event.user_id, event.user_email, event.organisation_id, event.organisation_name, event.role) == (
        alice.user_id,
        alice.user.email,
        alice.organisation_id,
        "Metropolitan Police Service",
        "kcpo_lead",
    )
    assert (event.operation, event.object_type, event.object_id, event.reason) == (
        "consult",
        "cases.case",
        str(case.id),
        "test",
    )


def test_the_database_refuses_update(event):
    # DPA 2018 s62: the log is evidence, so not even a direct SQL statement may change it.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = 'tampered' WHERE id = %s", [event.id])
    event.refresh_from_db()
    assert event.reason == "test"


def test_the_database_refuses_delete(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.id])
    assert AuditEvent.objects.filter(id=event.id).exists()


def test_the_orm_cannot_delete_either(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(id=event.id).delete()
    assert AuditEvent.objects.count() == 1


def test_inserting_still_works(event, alice, case):
    audit_record(by=alice.user, membership=alice, operation=Operation.DISCLOSE, obj=case, recipient="CPS London")
    assert AuditEvent.objects.count() == 2


def test_a_case_page_view_writes_exactly_one_read_row(alice_client, alice, case):
    response = alice_client.get(reverse("cases:detail", args=[case.id]))

    assert response.status_code == 200
    rows = list(AuditEvent.objects.values_list("user_id", "operation", "object_type", "object_id", "data_subject_id"))
    assert rows == [(alice.user_id, "consult", "cases.case", str(case.id), case.subject_id)]


def test_a_refused_page_view_writes_no_read_row(client, charlie, case):
    from tests.access import login_as

    login_as(client, charlie)
    response = client.get(reverse("cases:detail", args=[case.id]))

    assert response.status_code == 404
    assert AuditEvent.objects.count() == 0


def test_the_migration_is_reversible(transactional_db):
    from django.core.management import call_command

    call_command("migrate", "audit", "0001", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_auditevent_append_only'")
        assert cursor.fetchone() == (0,)
    call_command("migrate", "audit", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_auditevent_append_only'")
        assert cursor.fetchone() == (1,)


def test_a_disclosure_must_name_its_recipient(alice, case):
    with pytest.raises(ValueError, match="recipient"):
        audit_record(by=alice.user, membership=alice, operation=Operation.DISCLOSE, obj=case)
    assert AuditEvent.objects.count() == 0


def test_the_database_also_insists_on_a_disclosures_recipient(alice, case):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(operation="disclose", object_type="cases.case", object_id=str(case.id))
