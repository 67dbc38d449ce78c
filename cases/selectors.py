"""Reads for cases. Those that take a `membership` are scoped to its organisation (see
kcpo.access); those that take a subject or case expect one fetched that way."""

from datetime import date

from django.contrib.postgres.search import TrigramSimilarity
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat, Greatest

from cases.models import Case, CaseGroupObjectPermission, Conviction, Occasion, Subject, SubjectAlias
from kcpo.access import CASE_READERS, CASE_SHARERS, POLICE_CASEWORK, get_for_membership, require_role
from kcpo.accounts.models import Membership, Organisation
from kcpo.audit.models import AuditEvent


def case_list(*, membership: Membership | None) -> QuerySet[Case]:
    require_role(membership, CASE_READERS)
    return (
        Case.objects.visible_to(membership.organisation)
        .select_related("subject", "owner", "lead_officer")
        .order_by("-created_at", "-id")
    )


def case_get(*, membership: Membership | None, case_id: int, roles=CASE_READERS) -> Case:
    return get_for_membership(
        membership, Case.objects.select_related("subject", "owner", "lead_officer"), roles=roles, pk=case_id
    )


def case_shared_organisations(*, case: Case) -> QuerySet[Organisation]:
    group_ids = CaseGroupObjectPermission.objects.filter(content_object=case, permission__codename="view_case").values(
        "group_id"
    )
    return Organisation.objects.filter(group_id__in=group_ids).order_by("name", "id")


def case_shared_with(*, case: Case, organisation: Organisation) -> bool:
    return Case.objects.filter(pk=case.pk).shared_with(organisation).exists()


def occasion_list_for_subject(*, subject: Subject) -> QuerySet[Occasion]:
    return Occasion.objects.filter(subject=subject).order_by("-occurred_on", "-id")


def owner_casework(*, membership: Membership | None, owner_id: int) -> bool:
    """Whether `membership` acts in a police casework role of the force `owner_id`: who may add
    to what that force owns (a person's record, a case). A shared case lets others read, not write."""
    return membership is not None and membership.role in POLICE_CASEWORK and membership.organisation_id == owner_id


def case_can_share(*, membership: Membership | None, case: Case) -> bool:
    """Only a sharing role of the force that owns the case may share it: a recipient sees a
    shared case but cannot pass it on."""
    return membership is not None and membership.role in CASE_SHARERS and membership.organisation_id == case.owner_id


def case_counts_by_force():
    """Number of cases per owning force, for the analyst's overview; no personal data."""
    return Case.objects.values("owner__name").annotate(count=Count("id")).order_by("owner__name")


# --- Subjects ---------------------------------------------------------------------------

# Trigram similarity (pg_trgm) at or above which two names are "similar" for the likely-
# duplicate check; 0.3 is pg_trgm's own default threshold for its % operator.
SIMILAR_NAME_THRESHOLD = 0.3


def _with_aliases(queryset: QuerySet[Subject]) -> QuerySet[Subject]:
    return queryset.select_related("owner").prefetch_related(
        Prefetch("aliases", queryset=SubjectAlias.objects.order_by("name", "id"))
    )


def subject_search(*, membership: Membership | None, name: str = "", date_of_birth: date | None = None):
    """Subjects the organisation can see whose names and aliases contain every word of
    `name`, born on `date_of_birth` if given; closest names first. Each word is a lookup in
    the trigram index on Subject.search_names."""
    require_role(membership, CASE_READERS)
    subjects = Subject.objects.visible_to(membership.organisation)
    if date_of_birth is not None:
        subjects = subjects.filter(date_of_birth=date_of_birth)
    words = name.split()
    for word in words:
        subjects = subjects.filter(search_names__icontains=word)
    if words:
        subjects = subjects.annotate(
            closeness=TrigramSimilarity(Concat("given_names", Value(" "), "family_name"), " ".join(words))
        ).order_by("-closeness", "family_name", "given_names", "id")
    return _with_aliases(subjects)


def subject_likely_duplicates(
    *, owner: Organisation, given_names: str, family_name: str, date_of_birth: date, aliases=()
) -> QuerySet[Subject]:
    """Subjects the force has already recorded who are probably this person: the same date
    of birth and a similar name — the full name, the family name or an alias resembles the
    new record's full name, family name or an alias (trigram similarity)."""
    names = [f"{given_names} {family_name}".strip(), family_name.strip(), *(a.strip() for a in aliases if a.strip())]
    full_name = Concat("given_names", Value(" "), "family_name")

    def best(expression):
        return Greatest(*(TrigramSimilarity(expression, name) for name in names))

    alias_similarity = (
        SubjectAlias.objects.filter(subject=OuterRef("pk")).annotate(s=best(F("name"))).order_by("-s").values("s")[:1]
    )
    subjects = (
        Subject.objects.filter(owner=owner, date_of_birth=date_of_birth)
        .annotate(
            closeness=Greatest(
                best(full_name), best(F("family_name")), Coalesce(Subquery(alias_similarity), Value(0.0))
            )
        )
        .filter(closeness__gte=SIMILAR_NAME_THRESHOLD)
        .order_by("-closeness", "id")
    )
    return _with_aliases(subjects)


def subject_get(*, membership: Membership | None, subject_id: int, roles=CASE_READERS) -> Subject:
    """A subject the organisation can see (404 otherwise), for one of `roles` (403 otherwise)."""
    return get_for_membership(membership, _with_aliases(Subject.objects.all()), roles=roles, pk=subject_id)


def subject_get_for_recording(*, membership: Membership | None, subject_id: int) -> Subject:
    """A subject the organisation may add records to: only the force that recorded the
    subject (a shared case lets others read, not write), in a police casework role."""
    subject = subject_get(membership=membership, subject_id=subject_id, roles=POLICE_CASEWORK)
    if not owner_casework(membership=membership, owner_id=subject.owner_id):
        raise PermissionDenied("Only the force that recorded this person can add to their record.")
    return subject


def subject_cases(*, membership: Membership, subject: Subject) -> QuerySet[Case]:
    """The subject's cases that the organisation can see."""
    return (
        Case.objects.visible_to(membership.organisation)
        .filter(subject=subject)
        .select_related("lead_officer")
        .order_by("-created_at", "-id")
    )


def conviction_list_for_subject(*, subject: Subject) -> QuerySet[Conviction]:
    return Conviction.objects.filter(subject=subject).order_by("-offence_date", "-id")


def subject_timeline(*, subject_id: int) -> QuerySet[AuditEvent]:
    """Everything recorded about a person, newest first: the audit log's writes and
    disclosures for them (page views are left out; they are in the audit log itself)."""
    return (
        AuditEvent.objects.filter(data_subject_id=subject_id)
        .exclude(operation=AuditEvent.Operation.CONSULT)
        .select_related("user")
        .order_by("-occurred_at", "-id")
    )
