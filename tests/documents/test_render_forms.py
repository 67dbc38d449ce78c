"""`render_forms` (documents/management/commands/render_forms.py) and the references seed_demo
prints: every form that applies, written as <form>.pdf, drafts (not stored), and logged. The
demo run also saves a picture of each demo form's first page (pdftoppm), for a person to look
at: var/form-screenshots/<reference>/<form>.png, or under $FORM_SCREENSHOTS_DIR."""

import os
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from documents.models import Document
from documents.registry import FORMS
from kcpo.audit.models import AuditEvent
from orders.workflow import Route, State
from tests.orders.review_builders import make_application

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("FORM_SCREENSHOTS_DIR", ROOT / "var" / "form-screenshots"))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PDFTOPPM = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"  # poppler-utils (scripts/ensure_system_packages.sh)


def save_first_page(pdf: Path, png: Path) -> None:
    """The PDF's first page as a PNG (pdftoppm adds the extension itself)."""
    png.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 - fixed arguments, our own files
        [PDFTOPPM, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png.with_suffix(""))],
        check=True,
    )


def test_it_writes_each_form_that_applies_named_by_form(officer, tmp_path):
    application = make_application(officer, state=State.AUTHORISED)

    call_command("render_forms", application=application.case.reference, out=tmp_path, stdout=StringIO())

    assert sorted(p.name for p in tmp_path.iterdir()) == ["appendix_a.pdf"]
    text = PdfReader(tmp_path / "appendix_a.pdf").pages[0].extract_text()
    assert "Complaint for a Knife Crime Prevention Order" in text and "DRAFT" in text
    assert not Document.objects.exists()


def test_writing_the_forms_is_logged_as_a_disclosure(officer, tmp_path):
    application = make_application(officer, state=State.AUTHORISED)

    call_command("render_forms", application=application.case.reference, out=tmp_path, stdout=StringIO())

    logged = AuditEvent.objects.get(operation="disclose")
    assert (logged.object_id, logged.recipient) == (str(application.id), "render_forms (command line)")
    assert logged.details == {"files": ["appendix_a.pdf"]}


def test_an_unknown_reference_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="No application has the reference NOPE-1"):
        call_command("render_forms", application="NOPE-1", out=tmp_path)


def test_a_case_with_two_applications_needs_the_application_named(officer, tmp_path):
    first = make_application(officer, route=Route.S14_WITH_NOTICE)
    second = make_application(officer, route=Route.S14_WITHOUT_NOTICE)
    second.case = first.case
    second.save()
    reference = first.case.reference

    with pytest.raises(CommandError, match=f"name one of {reference}:{first.id}, {reference}:{second.id}"):
        call_command("render_forms", application=reference, out=tmp_path)
    call_command("render_forms", application=f"{reference}:{second.id}", out=tmp_path, stdout=StringIO())

    assert (tmp_path / "appendix_a.pdf").exists()


def test_demo_writes_a_folder_per_demo_application_and_seed_demo_prints_their_references(db, tmp_path):
    seeded = StringIO()
    call_command("seed_demo", stdout=seeded)
    out = StringIO()

    call_command("render_forms", demo=True, out=tmp_path, stdout=out)

    folders = sorted(p.name for p in tmp_path.iterdir())
    assert folders and all(f"  {reference}  " in seeded.getvalue() for reference in folders)
    assert (tmp_path / "MET-APP-001" / "appendix_a.pdf").exists()
    assert len(out.getvalue().splitlines()) == len(folders)
    # A picture of each demo form's first page, kept after the run for a person to look at.
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    pdfs = sorted(tmp_path.glob("*/*.pdf"))
    # The demo shows every form at least once.
    assert {pdf.stem for pdf in pdfs} == set(FORMS)
    for pdf in pdfs:
        save_first_page(pdf, SCREENSHOTS / pdf.parent.name / f"{pdf.stem}.png")
    pngs = sorted(SCREENSHOTS.glob("*/*.png"))
    assert len(pngs) == len(pdfs)
    assert all(png.read_bytes().startswith(PNG_SIGNATURE) for png in pngs)


def test_demo_without_demo_data_says_what_to_run(db, tmp_path):
    with pytest.raises(CommandError, match="run `python manage.py seed_demo` first"):
        call_command("render_forms", demo=True, out=tmp_path)


def test_an_application_number_that_is_not_a_number_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="the part after the colon is the application's number"):
        call_command("render_forms", application="KCPO-2026-1:x", out=tmp_path)
