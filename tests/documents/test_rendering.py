"""The PDF renderer (documents/rendering.py): what it loads, what it escapes, and the PDF it
makes (tagged for screen readers, titled, in British English, DRAFT when a draft)."""

import io

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from documents.rendering import ASSETS, BASE_URL, AssetsOnlyFetcher, RefusedURL, render_pdf

HOSTILE = (
    '<img src="file:///etc/passwd">'
    '<img src="http://127.0.0.1:9/tracker.png">'
    '<link rel="stylesheet" href="http://127.0.0.1:9/redirect-to-file">'
    '<style>@import url("http://127.0.0.1:9/evil.css"); @import url("file:///etc/hostname");</style>'
)


class RecordingFetcher(AssetsOnlyFetcher):
    """The real fetcher, noting what it was asked for and what it refused."""

    def __init__(self):
        super().__init__()
        self.asked, self.refused = [], []

    def fetch(self, url, headers=None):
        self.asked.append(url)
        try:
            return super().fetch(url, headers)
        except RefusedURL:
            self.refused.append(url)
            raise


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        f"{BASE_URL}../../../etc/passwd",
        "http://127.0.0.1:9/image.png",
        "https://example.com/style.css",
        "data:text/css,body{}",
        "ftp://example.com/x",
    ],
)
def test_the_fetcher_refuses_anything_but_our_assets(url):
    with pytest.raises(RefusedURL):
        AssetsOnlyFetcher().fetch(url)


def test_the_fetcher_serves_the_document_stylesheet_and_data_images():
    fetcher = AssetsOnlyFetcher()

    css = fetcher.fetch(f"{BASE_URL}document.css")
    image = fetcher.fetch("data:image/png;base64,iVBORw0KGgo=")

    assert css.read() == (ASSETS / "document.css").read_bytes()
    assert image.headers.get_content_type() == "image/png"


def test_hostile_markup_is_refused_and_the_render_completes():
    fetcher = RecordingFetcher()

    pdf = HTML(string=f"<p>Still rendered</p>{HOSTILE}", base_url=BASE_URL, url_fetcher=fetcher).write_pdf()

    assert "Still rendered" in text_of(pdf)
    assert {
        "file:///etc/passwd",
        "http://127.0.0.1:9/tracker.png",
        "http://127.0.0.1:9/redirect-to-file",
        "http://127.0.0.1:9/evil.css",
        "file:///etc/hostname",
    } <= set(fetcher.refused)


def test_recorded_text_is_escaped_not_interpreted(db):
    pdf = render_pdf("documents/tests/sample.html", {"name": f"Jordan {HOSTILE}"}, draft=False, title="Sample")

    # The markup is printed as the characters typed, so nothing in it was fetched.
    assert '<img src="file:///etc/passwd">' in text_of(pdf).replace("\n", "")


def test_a_pdf_is_tagged_titled_and_in_british_english(db):
    pdf = render_pdf("documents/tests/sample.html", {"name": "Jordan Ellis"}, draft=False, title="Sample form")
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]

    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "Sample form"
    assert "DRAFT" not in text_of(pdf)


def test_a_draft_carries_the_watermark(db):
    pdf = render_pdf("documents/tests/sample.html", {"name": "Jordan Ellis"}, draft=True, title="Sample form")

    assert "DRAFT" in text_of(pdf)
