"""Make the audit log append-only in the database itself (DPA 2018 s62).

Application code never updates or deletes audit rows, but a log that only the application
protects is not evidence: a trigger refuses UPDATE and DELETE for every client, including
the Django admin, a shell and a psql session. (TRUNCATE is left to the table owner: the
test runner empties tables with it between browser tests.)
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION audit_auditevent_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_auditevent is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_refuse_change();
"""

REVERSE = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
