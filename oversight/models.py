"""The one thing oversight keeps of its own: population estimates, the baseline the
disproportionality table compares orders against (DESIGN §6: "rates by ethnicity against a
loadable population baseline"). Public figures (for example the Census 2021 ethnic group
tables by local authority), loaded per force by oversight.population, never personal data."""

from django.db import models

from kcpo.accounts.models import Organisation
from kcpo.models import BaseModel, choices_constraint


class EthnicGroup(models.TextChoices):
    """The five high-level groups of the 18+1 categories (cases.choices.Ethnicity: the first
    letter of the code), as population estimates are published."""

    ASIAN = "A", "Asian"
    BLACK = "B", "Black"
    MIXED = "M", "Mixed"
    WHITE = "W", "White"
    OTHER = "O", "Other"


class PopulationEstimate(BaseModel):
    """How many people of `ethnic_group` live in `area` (a local authority, stored lower-case
    and single-spaced), for the force that loaded it, and where the figure comes from."""

    force = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="population_estimates",
        limit_choices_to={"type": Organisation.Type.POLICE_FORCE},
    )
    area = models.CharField(max_length=100)
    ethnic_group = models.CharField(max_length=1, choices=EthnicGroup.choices)
    population = models.PositiveIntegerField()
    source = models.CharField(max_length=300, help_text="For example, Census 2021, TS021, ages 10 to 24")

    class Meta:
        ordering = ["force", "area", "ethnic_group"]
        constraints = [
            models.UniqueConstraint(fields=["force", "area", "ethnic_group"], name="oversight_population_once"),
            choices_constraint("ethnic_group", EthnicGroup, name="oversight_population_group_valid"),
            models.CheckConstraint(condition=~models.Q(area=""), name="oversight_population_has_area"),
        ]

    def __str__(self):
        return f"{self.area}: {self.get_ethnic_group_display()} {self.population}"
