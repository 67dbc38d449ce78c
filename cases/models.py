from django.conf import settings
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from kcpo.access import ScopedQuerySet
from kcpo.accounts.models import Organisation
from kcpo.models import BaseModel


class Subject(BaseModel):
    """The person a KCPO case is about (DESIGN §2). Recorded by one police force."""

    given_names = models.CharField(max_length=200)
    family_name = models.CharField(max_length=200)
    date_of_birth = models.DateField()
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="subjects",
        limit_choices_to={"type": Organisation.Type.POLICE_FORCE},
        help_text="The police force that recorded the subject.",
    )

    class Meta:
        ordering = ["family_name", "given_names", "id"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()


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
