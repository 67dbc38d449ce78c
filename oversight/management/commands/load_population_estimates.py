"""`python manage.py load_population_estimates --force CODE --source "..." FILE.csv`: replace a
force's population estimates (oversight.population) from a CSV of area, ethnic_group,
population."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kcpo.accounts.models import Organisation
from oversight.population import estimates_load


class Command(BaseCommand):
    help = "Replace a police force's population estimates (the disproportionality baseline) from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--force", required=True, help="The force's organisation code, e.g. metropolitan")
        parser.add_argument("--source", required=True, help="Where the figures come from, e.g. Census 2021 TS021")

    def handle(self, *args, file: Path, force: str, source: str, **options):
        organisation = Organisation.objects.filter(code=force).first()
        if organisation is None:
            raise CommandError(f"No organisation has the code {force}")
        try:
            loaded = estimates_load(force=organisation, text=file.read_text(encoding="utf-8-sig"), source=source)
        except ValidationError as error:
            raise CommandError("Nothing was loaded:\n" + "\n".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"{loaded} population estimates loaded for {organisation.name}."))
