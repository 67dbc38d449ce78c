"""`python manage.py render_forms --application REFERENCE --out DIR` writes every court form
that applies to the application (Appendix A, or B and E on conviction; C, D and the order
where their records exist) as DIR/<form>.pdf. `--demo` does the same for every demo
application, one folder each (DIR/<reference>/<form>.pdf).

REFERENCE is the case reference the application belongs to (seed_demo prints the demo ones).
A case with more than one application needs `REFERENCE:ID`, ID the application's number.

The files are drafts (watermarked, nothing stored) and writing them is logged as a disclosure:
they hold personal data, so keep DIR somewhere only you can read."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.services import document_drafts_for_export
from orders.demo import demo_applications
from orders.models import Application


def application_for(reference: str) -> Application:
    case_reference, _, application_id = reference.partition(":")
    applications = Application.objects.select_related("case").filter(case__reference=case_reference)
    if application_id:
        if not application_id.isdigit():
            raise CommandError(f"{reference}: the part after the colon is the application's number.")
        applications = applications.filter(pk=application_id)
    found = list(applications.order_by("id"))
    if not found:
        raise CommandError(f"No application has the reference {reference}.")
    if len(found) > 1:
        choices = ", ".join(f"{case_reference}:{a.id}" for a in found)
        raise CommandError(f"Case {case_reference} has {len(found)} applications: name one of {choices}.")
    return found[0]


class Command(BaseCommand):
    help = "Write every court form that applies to an application (or to every demo application) as PDF files."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--application", metavar="REFERENCE", help="the case reference, or REFERENCE:ID")
        which.add_argument("--demo", action="store_true", help="every demo application (seed_demo)")
        parser.add_argument("--out", metavar="DIR", required=True, type=Path, help="the folder to write to")

    def handle(self, *args, application=None, demo=False, out: Path, **options):
        if demo:
            targets = [(a, out / a.case.reference) for a in demo_applications()]
            if not targets:
                raise CommandError("There are no demo applications: run `python manage.py seed_demo` first.")
        else:
            targets = [(application_for(application), out)]
        for target, folder in targets:
            self._write(target, folder)

    def _write(self, application: Application, folder: Path) -> None:
        pdfs = document_drafts_for_export(application=application, reason="Court forms written by render_forms")
        folder.mkdir(parents=True, exist_ok=True)
        for filename, pdf in pdfs.items():
            (folder / filename).write_bytes(pdf)
        listed = ", ".join(pdfs) or "no form applies yet"
        self.stdout.write(f"{application.case.reference} ({application.get_route_display()}): {listed}")
