"""An issued document is evidence of what was served: a trigger refuses UPDATE for every
client (the admin, a shell, psql). A correction is a new version. DELETE stays possible for
erasure under the retention policy."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION documents_document_refuse_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'documents_document rows never change: issue a new version'
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER documents_document_never_updated
    BEFORE UPDATE ON documents_document
    FOR EACH ROW EXECUTE FUNCTION documents_document_refuse_update();
"""

REVERSE = """
DROP TRIGGER IF EXISTS documents_document_never_updated ON documents_document;
DROP FUNCTION IF EXISTS documents_document_refuse_update();
"""


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_issued_documents")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
