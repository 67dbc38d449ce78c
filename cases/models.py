from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Upper
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from cases.choices import (
    COMMITMENT_KIND_CHOICES,
    DISPOSAL_CHOICES,
    GOOD_REASON_CHOICES,
    PLACE_CHOICES,
    Ethnicity,
    Gender,
    OccasionOutcome,
    OccasionSource,
)
from eligibility.core import Disposal
from kcpo.access import ScopedQuerySet
from kcpo.accounts.models import Organisation
from kcpo.models import BaseModel, choices_constraint


class SubjectQuerySet(ScopedQuerySet):
    """A subject is visible to the force that recorded it and to any organisation one of
    the subject's cases has been shared with (the grant is on the case, not the person)."""

    owner_field = "owner"
    view_codename = "view_case"

    def _grants_to(self, organisation):
        return CaseGroupObjectPermission.objects.filter(
            content_object__subject_id=models.OuterRef("pk"),
            group_id=organisation.group_id,
            permission__codename=self.view_codename,
        )


class Subject(BaseModel):
    """The person a KCPO case is about (DESIGN §2). Recorded by one police force."""

    given_names = models.CharField(max_length=200)
    family_name = models.CharField(max_length=200)
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.NOT_KNOWN)
    ethnicity = models.CharField(
        max_length=2, choices=Ethnicity.choices, default=Ethnicity.NS, help_text="Self-defined (18+1 categories)."
    )
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="subjects",
        limit_choices_to={"type": Organisation.Type.POLICE_FORCE},
        help_text="The police force that recorded the subject.",
    )
    # Where they live: the police area decides who may apply (s15(2)) and which periods of
    # commencement apply; the borough feeds the statistics.
    address_line_1 = models.CharField(max_length=200, blank=True, default="")
    address_line_2 = models.CharField(max_length=200, blank=True, default="")
    town = models.CharField(max_length=100, blank=True, default="")
    postcode = models.CharField(max_length=10, blank=True, default="")
    police_area = models.SlugField(max_length=64, blank=True, default="", help_text="e.g. 'metropolitan'")
    local_authority = models.CharField(max_length=100, blank=True, default="", help_text="Borough or council")
    # Parent or guardian (S.I. 2020/210 r. 2(1)(b)(ii): named on an application for an under-18).
    guardian_name = models.CharField(max_length=200, blank=True, default="")
    guardian_relationship = models.CharField(max_length=100, blank=True, default="")
    guardian_address = models.CharField(max_length=500, blank=True, default="")
    guardian_phone = models.CharField(max_length=40, blank=True, default="")
    # Flags that change how notice is given and who must be told.
    special_educational_needs = models.BooleanField(default=False)
    looked_after_child = models.BooleanField(default=False)
    child_in_need = models.BooleanField(default=False)
    social_worker = models.CharField(max_length=300, blank=True, default="", help_text="Name and contact details")
    interpreter_language = models.CharField(max_length=100, blank=True, default="")
    cultural_needs = models.CharField(max_length=500, blank=True, default="")
    # Every name the person is known by, for search, so one indexed column answers "name or
    # alias contains". Written by the services that change names or aliases, with
    # searchable_names() below.
    search_names = models.TextField(blank=True, default="", editable=False)

    objects = SubjectQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_names", "id"]
        constraints = [
            choices_constraint("gender", Gender, name="cases_subject_gender_valid"),
            choices_constraint("ethnicity", Ethnicity, name="cases_subject_ethnicity_valid"),
        ]
        indexes = [
            # Duplicate detection and search: same date of birth, then names compared.
            models.Index(fields=["owner", "date_of_birth"], name="cases_subject_owner_dob_idx"),
            # Name search: a trigram index on UPPER(search_names), the expression Django's
            # icontains compares, so every searched word is an index lookup (pg_trgm).
            GinIndex(OpClass(Upper("search_names"), name="gin_trgm_ops"), name="cases_subject_names_trgm"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    @property
    def address(self) -> str:
        """The address on one line: its parts that are recorded, comma-separated."""
        parts = (self.address_line_1, self.address_line_2, self.town, self.postcode)
        return ", ".join(part for part in parts if part)


def searchable_names(given_names: str, family_name: str, aliases=()) -> str:
    """What Subject.search_names holds: the full name, then every alias."""
    return " ".join([f"{given_names} {family_name}".strip(), *aliases])


class SubjectAlias(BaseModel):
    """Another name the subject is known by (nickname, former name, street name)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["subject", "name"], name="cases_alias_unique_per_subject")]

    def __str__(self):
        return self.name


class Occasion(BaseModel):
    """One time the subject had a bladed article with them (s14(3))."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="occasions")
    occurred_on = models.DateField()
    place = models.CharField(max_length=40, choices=PLACE_CHOICES)
    location = models.CharField(max_length=300, help_text="Street or address")
    # Required for school or further-education premises (the name of the school or college)
    # and for any other place (what kind of place it was); see cases.validation.
    place_description = models.CharField(max_length=300, blank=True, default="")
    article = models.CharField(max_length=300, help_text="What the bladed article was")
    source = models.CharField(max_length=20, choices=OccasionSource.choices)
    source_reference = models.CharField(max_length=100, blank=True, default="", help_text="e.g. the crime number")
    outcome = models.CharField(max_length=20, choices=OccasionOutcome.choices, blank=True, default="")
    # Blank: no good reason or lawful authority claimed (s14(3), (5)); otherwise the one claimed.
    good_reason = models.CharField(max_length=20, choices=GOOD_REASON_CHOICES, blank=True, default="")
    good_reason_details = models.TextField(blank=True, default="")
    evidence = models.TextField(blank=True, default="", help_text="Evidence items, one per line")

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [
            choices_constraint("place", PLACE_CHOICES, name="cases_occasion_place_valid"),
            choices_constraint(
                "good_reason", GOOD_REASON_CHOICES, name="cases_occasion_good_reason_valid", allow_blank=True
            ),
            choices_constraint("source", OccasionSource, name="cases_occasion_source_valid"),
            choices_constraint("outcome", OccasionOutcome, name="cases_occasion_outcome_valid", allow_blank=True),
        ]
        indexes = [
            # s14 screening: qualifying occasions by subject in a date window.
            models.Index(fields=["subject", "-occurred_on"], name="cases_occasion_subj_date_idx"),
        ]

    def __str__(self):
        return f"{self.occurred_on:%d/%m/%Y} {self.get_place_display()}"


class Conviction(BaseModel):
    """A conviction, for the on-conviction route (s19)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="convictions")
    offence = models.CharField(max_length=300)
    offence_date = models.DateField()
    court = models.CharField(max_length=200, blank=True, default="")
    charged_on = models.DateField(null=True, blank=True)
    convicted_on = models.DateField(null=True, blank=True)
    sentenced_on = models.DateField(null=True, blank=True)
    # s19(1)(b), (10): the three kinds of relevant offence.
    violence_or_threat = models.BooleanField(default=False)
    bladed_article_used = models.BooleanField(default=False)
    bladed_article_had = models.BooleanField(default=False)
    disposal = models.CharField(max_length=30, choices=DISPOSAL_CHOICES, default=Disposal.PENDING.value)

    class Meta:
        ordering = ["-offence_date", "-id"]
        constraints = [
            choices_constraint("disposal", DISPOSAL_CHOICES, name="cases_conviction_disposal_valid"),
            models.CheckConstraint(
                condition=models.Q(convicted_on__isnull=True) | models.Q(convicted_on__gte=models.F("offence_date")),
                name="cases_conviction_after_offence",
            ),
            models.CheckConstraint(
                condition=models.Q(sentenced_on__isnull=True)
                | models.Q(convicted_on__isnull=False, sentenced_on__gte=models.F("convicted_on")),
                name="cases_sentence_after_conviction",
            ),
        ]

    def __str__(self):
        return self.offence


class CaseQuerySet(ScopedQuerySet):
    owner_field = "owner"
    view_codename = "view_case"

    @property
    def group_permission_model(self):
        return CaseGroupObjectPermission


class Case(BaseModel):
    """The KCPO case file for one subject, owned by a police force."""

    reference = models.CharField(max_length=40, unique=True)
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="cases")
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="cases",
        limit_choices_to={"type": Organisation.Type.POLICE_FORCE},
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="led_cases"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The force's case list: WHERE owner_id = ? ORDER BY created_at DESC, id DESC.
            models.Index(fields=["owner", "-created_at", "-id"], name="cases_case_owner_recent_idx"),
        ]

    def __str__(self):
        return self.reference


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    """Guardian grants on cases to organisations' groups, with a real foreign key so the
    scoping subquery is an indexed join rather than a text comparison on object_pk."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class ImportStatus(models.TextChoices):
    PENDING = "pending", "Waiting to start"
    VALIDATING = "validating", "Checking the file"
    INVALID = "invalid", "Errors found – nothing imported"
    IMPORTING = "importing", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed – nothing imported"


class OccasionImportQuerySet(ScopedQuerySet):
    """An import is seen only by the force that uploaded it: it is never shared, so
    `visible_to` is ownership alone (no guardian grants to look up)."""

    owner_field = "owner"

    def shared_with(self, organisation):
        return self.none()

    def visible_to(self, organisation):
        return self.owned_by(organisation)


class OccasionImport(BaseModel):
    """One CSV file of occasions uploaded by a force (e.g. a crime-records extract).

    The whole file is validated before anything is written; rows are written in one
    transaction, so an import is all or nothing. The file's text is kept only until the
    import ends (data minimisation), then cleared."""

    Status = ImportStatus
    # Once here the job is over: the file's text is gone and a re-run changes nothing.
    FINISHED = frozenset({ImportStatus.INVALID, ImportStatus.DONE, ImportStatus.FAILED})

    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="occasion_imports",
        limit_choices_to={"type": Organisation.Type.POLICE_FORCE},
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    content = models.TextField(blank=True, default="")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    imported_count = models.PositiveIntegerField(default=0)
    # [{"line": 3, "column": "date", "message": "..."}], line numbers as in the file (header = 1).
    errors = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = OccasionImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [choices_constraint("status", ImportStatus, name="cases_occasionimport_status_valid")]
        indexes = [models.Index(fields=["owner", "-created_at"], name="cases_import_owner_recent_idx")]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def status_tag_class(self) -> str:
        """The GOV.UK tag colour for the status."""
        return {
            ImportStatus.INVALID: "govuk-tag--red",
            ImportStatus.FAILED: "govuk-tag--red",
            ImportStatus.DONE: "govuk-tag--green",
        }.get(self.status, "govuk-tag--blue")


class Commitment(BaseModel):
    """A regular time the subject must be somewhere (school, work, worship, another order), so
    that proposed provisions can be checked for clashes with it (s21; eligibility.core.provisions).
    `schedule` has the shape of orders.Provision.schedule."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="commitments")
    label = models.CharField(max_length=200, help_text="For example, Stockwell Park School")
    kind = models.CharField(max_length=20, choices=COMMITMENT_KIND_CHOICES)
    schedule = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["subject", "label", "id"]
        constraints = [choices_constraint("kind", COMMITMENT_KIND_CHOICES, name="cases_commitment_kind_valid")]

    def __str__(self):
        return self.label
