"""Bulk import of occasions from a CSV file (for example a force's crime-records extract).

The file's format and its checks, which touch no database, are in `cases.occasion_csv`.
Here, read top to bottom:

1. Services: `occasion_import_start` stores the upload and queues the job after commit;
   `occasion_import_run` checks the whole file and then writes every row or none;
   `occasion_import_fail` ends a job that broke.
2. Reads for the pages, scoped to the viewer's force (imports are never shared).

An import is all or nothing: nothing is written unless every row is valid, and then all
rows are written in one transaction with their audit rows. The file's text is kept only
until the job ends (data minimisation).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date

from django.core.cache import cache as shared_cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError
from redis import RedisError

from cases.models import ImportStatus, Occasion, OccasionImport, Subject
from cases.occasion_csv import BATCH_SIZE, occasion_csv_read, occasion_rows_check
from kcpo.access import POLICE_CASEWORK, get_for_membership, require_role
from kcpo.accounts.models import Membership, User
from kcpo.audit.models import AuditEvent
from kcpo.audit.services import Operation, audit_record, audit_record_many

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 5 * 1024 * 1024


# 1. Services ----------------------------------------------------------------------------

# Where a job may go from each state, in one place. A job redelivered after its worker died
# starts checking again from wherever it stopped: nothing is written until the writing
# transaction commits, and that transaction re-checks the state under a lock.
TRANSITIONS = {
    ImportStatus.PENDING: {ImportStatus.VALIDATING, ImportStatus.FAILED},
    ImportStatus.VALIDATING: {
        ImportStatus.VALIDATING,
        ImportStatus.INVALID,
        ImportStatus.IMPORTING,
        ImportStatus.FAILED,
    },
    ImportStatus.IMPORTING: {ImportStatus.VALIDATING, ImportStatus.DONE, ImportStatus.FAILED},
    ImportStatus.INVALID: set(),
    ImportStatus.DONE: set(),
    ImportStatus.FAILED: set(),
}
MEGABYTES = MAX_FILE_BYTES // (1024 * 1024)


@transaction.atomic
def occasion_import_start(*, membership: Membership | None, uploaded_file: UploadedFile, today: date) -> OccasionImport:
    """Store an uploaded CSV file and queue the job that checks and imports it. Refuses a
    file that is too large or not UTF-8 text (ValidationError on "file"); the rows are
    checked by the job. `today` is the date the rows' dates are checked against."""
    require_role(membership, POLICE_CASEWORK)
    occasion_import = OccasionImport(
        owner=membership.organisation,
        created_by=membership.user,
        filename=uploaded_file.name[-255:],
        content=_file_text(uploaded_file),
    )
    occasion_import.full_clean()
    occasion_import.save()
    import_id = occasion_import.id
    transaction.on_commit(lambda: _run_queue(import_id=import_id, today=today))
    return occasion_import


def _run_queue(*, import_id: int, today: date) -> None:
    """Queue the job's task. With the broker (Redis) down it cannot be queued, and nothing
    would ever run it: end the job at once, so that the officer is told to upload the file
    again instead of watching a page that waits for ever, and the upload does not fail with
    a server error after its row was committed."""
    from cases.tasks import occasion_import_run_task  # the task module imports this one

    try:
        occasion_import_run_task.delay(import_id=import_id, today=today.isoformat())
    except BrokerError:
        logger.warning("The broker is unavailable: occasion import %s could not be queued and has failed", import_id)
        occasion_import_fail(import_id=import_id)


def _file_text(uploaded_file: UploadedFile) -> str:
    data = uploaded_file.read(MAX_FILE_BYTES + 1)  # one byte more is enough to know it is too large
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError({"file": f"The selected file must be smaller than {MEGABYTES} MB"}, code="too_large")
    try:
        text = data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte order mark
    except UnicodeDecodeError as error:
        raise ValidationError(
            {"file": "The selected file must be saved as UTF-8. In Excel, save it as ‘CSV UTF-8 (Comma delimited)’"},
            code="encoding",
        ) from error
    if "\x00" in text:  # not text at all (and PostgreSQL cannot store it)
        raise ValidationError({"file": "The selected file must be a CSV file"}, code="not_csv")
    return text


def occasion_import_run(*, import_id: int, today: date) -> OccasionImport:
    """Check the whole file, then write every occasion in one transaction, or none.

    Idempotent: a finished job (imported, invalid or failed) is returned unchanged, and
    two runs of one job write its occasions once. Runs outside a transaction so that the
    progress it saves while checking is seen by the progress page at once.
    Note: one query reads the dates of birth of all the subjects the file names."""
    occasion_import = OccasionImport.objects.get(id=import_id)
    if occasion_import.is_finished or not _move(import_id, ImportStatus.VALIDATING, processed_rows=0):
        return OccasionImport.objects.get(id=import_id)

    csv_file = occasion_csv_read(occasion_import.content)
    total = len(csv_file.rows)
    OccasionImport.objects.filter(id=import_id).update(total_rows=total)
    dates_of_birth = dict(
        Subject.objects.owned_by(occasion_import.owner)
        .filter(pk__in=csv_file.subject_ids())
        .values_list("id", "date_of_birth")
    )
    checked = occasion_rows_check(
        csv_file,
        dates_of_birth=dates_of_birth,
        today=today,
        on_progress=lambda count: OccasionImport.objects.filter(id=import_id, status=ImportStatus.VALIDATING).update(
            processed_rows=count
        ),
    )
    if checked.problems:
        _move(
            import_id,
            ImportStatus.INVALID,
            processed_rows=total,
            errors=[problem.as_json() for problem in checked.problems],
            content="",
            finished_at=timezone.now(),
        )
    elif _move(import_id, ImportStatus.IMPORTING, processed_rows=0):
        _occasions_write(import_id=import_id, occasions=checked.occasions)
    return OccasionImport.objects.get(id=import_id)


@transaction.atomic
def _occasions_write(*, import_id: int, occasions: list[dict]) -> None:
    # The lock makes a second run of the same job wait here, then find it done.
    occasion_import = OccasionImport.objects.select_for_update().get(id=import_id)
    if occasion_import.status != ImportStatus.IMPORTING:
        return
    occasion_ids_by_subject: dict[int, list[int]] = defaultdict(list)
    written = 0
    for start in range(0, len(occasions), BATCH_SIZE):
        batch = Occasion.objects.bulk_create([Occasion(**values) for values in occasions[start : start + BATCH_SIZE]])
        for occasion in batch:
            occasion_ids_by_subject[occasion.subject_id].append(occasion.id)
        written += len(batch)
        # This transaction holds the import's row, so a count saved on it would be seen only
        # at commit: while writing, progress goes through the cache instead.
        shared_cache.set(_written_key(import_id), written, timeout=60 * 60)

    _import_audit(occasion_import, occasion_ids_by_subject=occasion_ids_by_subject, count=written)
    occasion_import.status = ImportStatus.DONE
    occasion_import.imported_count = occasion_import.processed_rows = written
    occasion_import.errors = []
    occasion_import.content = ""
    occasion_import.finished_at = timezone.now()
    occasion_import.save(
        update_fields=["status", "imported_count", "processed_rows", "errors", "content", "finished_at", "updated_at"]
    )


def _import_audit(occasion_import: OccasionImport, *, occasion_ids_by_subject: dict[int, list[int]], count: int):
    """One row for the import, and one per subject touched, so that a subject access request
    finds the occasions collected about them."""
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(user_id=occasion_import.created_by_id, organisation_id=occasion_import.owner_id)
        .first()
    )
    by = membership.user if membership else occasion_import.created_by
    audit_record(
        by=by,
        membership=membership,
        operation=Operation.COLLECT,
        object_type="cases.occasion",
        details={"import_id": occasion_import.id, "count": count},
    )
    audit_record_many(
        by=by,
        membership=membership,
        operation=Operation.COLLECT,
        events=(
            {
                "object_type": "cases.occasion",
                "data_subject_id": subject_id,
                "details": {"import_id": occasion_import.id, "count": len(ids), "occasion_ids": ids},
            }
            for subject_id, ids in sorted(occasion_ids_by_subject.items())
        ),
    )


def occasion_import_fail(*, import_id: int) -> bool:
    """End a job that broke: nothing was written (the writing transaction rolled back), so
    say so and drop the file. False if the job had already finished."""
    return _move(import_id, ImportStatus.FAILED, content="", finished_at=timezone.now())


def _move(import_id: int, status: ImportStatus, **changes) -> bool:
    """Move the job to `status` if TRANSITIONS allow it from where it is now; False if not.
    A conditional UPDATE, so two workers cannot both make the same move."""
    sources = [source for source, targets in TRANSITIONS.items() if status in targets]
    updated = OccasionImport.objects.filter(id=import_id, status__in=sources).update(
        status=status, updated_at=timezone.now(), **changes
    )
    return updated == 1


def _written_key(import_id: int) -> str:
    return f"cases:occasion-import:{import_id}:written"


# 2. Reads -------------------------------------------------------------------------------


def occasion_import_list(*, membership: Membership | None) -> QuerySet[OccasionImport]:
    require_role(membership, POLICE_CASEWORK)
    return (
        OccasionImport.objects.visible_to(membership.organisation)
        .select_related("created_by")
        .defer("content", "errors")
        .order_by("-created_at", "-id")
    )


def occasion_import_get(*, membership: Membership | None, import_id: int) -> OccasionImport:
    """The import, if it is the viewer's force's (404 if not) and their role may import (403)."""
    return get_for_membership(
        membership,
        OccasionImport.objects.select_related("created_by").defer("content"),
        roles=POLICE_CASEWORK,
        pk=import_id,
    )


def occasion_import_read_logged(*, user: User, occasion_import: OccasionImport) -> bool:
    """Whether the audit log already has `user` reading the import in its current status.
    Note: one query, on the log's (object_type, object_id) index."""
    return AuditEvent.objects.filter(
        user_id=user.id,
        operation=AuditEvent.Operation.CONSULT,
        object_type=OccasionImport._meta.label_lower,
        object_id=str(occasion_import.id),
        details__status=occasion_import.status,
    ).exists()


def occasion_import_processed_rows(occasion_import: OccasionImport) -> int:
    """Rows checked, or while importing rows written, so far (see `_occasions_write`). The
    count while importing is only progress: with the cache (Redis) down the page shows the
    count on the job's row (0 once writing began) rather than fail."""
    if occasion_import.status == ImportStatus.IMPORTING:
        try:
            return shared_cache.get(_written_key(occasion_import.id), 0)
        except RedisError:
            logger.warning("The cache is unavailable: progress of occasion import %s not shown", occasion_import.id)
    return occasion_import.processed_rows
