from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import Group, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from kcpo.models import BaseModel, choices_constraint


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. What they may see and do comes from their memberships."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Can sign in to the Django admin site.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class OrganisationType(models.TextChoices):
    POLICE_FORCE = "police_force", "Police force"
    CPS_AREA = "cps_area", "CPS area"
    YOT = "yot", "Youth offending team"
    COURT = "court", "Court"
    PROVIDER = "provider", "Provider"


class PoliceForceKind(models.TextChoices):
    # s15(1) OWA 2019: a territorial chief officer, the chief constable of the British
    # Transport Police Force or of the Ministry of Defence Police may apply.
    TERRITORIAL = "territorial", "Territorial police force"
    BRITISH_TRANSPORT_POLICE = "btp", "British Transport Police"
    MINISTRY_OF_DEFENCE_POLICE = "mod", "Ministry of Defence Police"


class CourtKind(models.TextChoices):
    MAGISTRATES = "magistrates", "Magistrates' court"
    YOUTH = "youth", "Youth court"
    CROWN = "crown", "Crown Court"


class Organisation(BaseModel):
    """A police force, CPS area, youth offending team, court or provider."""

    Type = OrganisationType
    PoliceForceKind = PoliceForceKind
    CourtKind = CourtKind

    name = models.CharField(max_length=200, unique=True)
    code = models.SlugField(
        max_length=64, unique=True, help_text="Stable identifier, e.g. the police area code 'metropolitan'."
    )
    type = models.CharField(max_length=20, choices=Type.choices)
    police_force_kind = models.CharField(max_length=20, choices=PoliceForceKind.choices, blank=True, default="")
    court_kind = models.CharField(max_length=20, choices=CourtKind.choices, blank=True, default="")
    is_active = models.BooleanField(default=True)
    # A police force's own target, in calendar days from the day an order is made (the
    # PNC_OVERDUE reminder, kcpo.reminders); not a legal time limit.
    pnc_target_days = models.PositiveSmallIntegerField(
        default=3, help_text="Working target for sending a new order to the PNC Bureau"
    )
    # The auth group through which django-guardian grants this organisation access to
    # objects another organisation owns (a case shared with a CPS area, say). Scoping reads
    # these grants by group id (kcpo.access); users are not added to the group, because
    # memberships, not auth groups, say who belongs where.
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="organisation", editable=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            choices_constraint("type", OrganisationType, name="accounts_organisation_type_valid"),
            choices_constraint(
                "police_force_kind", PoliceForceKind, name="accounts_organisation_force_kind_valid", allow_blank=True
            ),
            choices_constraint(
                "court_kind", CourtKind, name="accounts_organisation_court_kind_valid", allow_blank=True
            ),
            # A police force always says which kind it is; nothing else has a kind.
            models.CheckConstraint(
                condition=(models.Q(type="police_force") & ~models.Q(police_force_kind=""))
                | (~models.Q(type="police_force") & models.Q(police_force_kind="")),
                name="accounts_organisation_force_kind_iff_police",
            ),
            models.CheckConstraint(
                condition=(models.Q(type="court") & ~models.Q(court_kind=""))
                | (~models.Q(type="court") & models.Q(court_kind="")),
                name="accounts_organisation_court_kind_iff_court",
            ),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    POLICE_OFFICER = "police_officer", "Police officer"
    KCPO_LEAD = "kcpo_lead", "KCPO lead"
    AUTHORISING_OFFICER = "authorising_officer", "Authorising officer"
    CPS_LAWYER = "cps_lawyer", "CPS lawyer"
    YOT_WORKER = "yot_worker", "YOT worker"
    SUPERVISOR = "supervisor", "Supervisor"
    ANALYST = "analyst", "Analyst"
    ADMINISTRATOR = "administrator", "Administrator"


# Which roles make sense in which kind of organisation. Analysts and administrators can
# sit anywhere; the casework roles belong to one kind of organisation each.
ROLES_BY_ORGANISATION_TYPE: dict[str, frozenset[str]] = {
    Organisation.Type.POLICE_FORCE: frozenset(
        {Role.POLICE_OFFICER, Role.KCPO_LEAD, Role.AUTHORISING_OFFICER, Role.ANALYST, Role.ADMINISTRATOR}
    ),
    Organisation.Type.CPS_AREA: frozenset({Role.CPS_LAWYER, Role.ANALYST, Role.ADMINISTRATOR}),
    Organisation.Type.YOT: frozenset({Role.YOT_WORKER, Role.SUPERVISOR, Role.ANALYST, Role.ADMINISTRATOR}),
    Organisation.Type.COURT: frozenset({Role.ANALYST, Role.ADMINISTRATOR}),
    Organisation.Type.PROVIDER: frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR}),
}


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True, organisation__is_active=True)


class Membership(BaseModel):
    """A user's place in one organisation, with the role they act in there."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    is_active = models.BooleanField(default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="accounts_membership_one_per_organisation"),
            choices_constraint("role", Role, name="accounts_membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.organisation}"

    def clean(self):
        super().clean()
        if self.organisation_id and self.role and self.role not in ROLES_BY_ORGANISATION_TYPE[self.organisation.type]:
            role, kind = Role(self.role).label.lower(), self.organisation.get_type_display().lower()
            raise ValidationError({"role": f"A {role} cannot belong to a {kind}."}, code="invalid_role")
