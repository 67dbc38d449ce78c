"""Reading rendered forms back for the form tests: the PDF's text (pypdf) without its running
footer, whitespace-insensitive comparison, and the check that every label of a seed form
appears in the form's order."""

import io
import re

from pypdf import PdfReader


def normalised(text: str) -> str:
    """One space for any run of whitespace (line breaks, no-break spaces), straight apostrophes."""
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip()


def footer_pattern(heading: str) -> re.Pattern:
    """The running footer (document.css @page: the first heading, then "Page N of M"), which
    the text of a page may give back anywhere."""
    return re.compile(re.escape(heading).replace(r"\ ", r"\s+") + r"\s+Page \d+ of \d+")


def pdf_text(pdf: bytes, *, heading: str) -> str:
    """The PDF's text without its page footers (`heading` is the form's first h1)."""
    footer = footer_pattern(heading)
    return "\n".join(footer.sub("", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages)


def missing_in_order(text: str, labels) -> list[str]:
    """The labels not found in `text` in the given order: each is looked for after the end of
    the one before, so a label out of place is reported even if it appears elsewhere."""
    text, position, missing = normalised(text), 0, []
    for label in labels:
        found = text.find(normalised(label), position)
        if found == -1:
            missing.append(label)
        else:
            position = found + len(normalised(label))
    return missing


def blank_after(html: str, label: str) -> bool:
    """Whether the form's `label` is followed by an empty bordered box in the HTML."""
    return re.search(rf"{re.escape(label)}</p>\s*<div class=\"field field--blank\"></div>", html) is not None


def assert_in(fragment: str, text: str):
    assert normalised(fragment) in normalised(text), fragment
