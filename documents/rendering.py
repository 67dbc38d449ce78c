"""Render a document template to PDF: template → HTML → WeasyPrint, with a URL fetcher that
serves our own document assets and nothing else.

WeasyPrint is pinned at 70 (pyproject.toml): 70 has the `URLFetcher` class this module
subclasses and PDF tagging (`pdf_tags`, PDF/UA) for screen readers; each major version renders
slightly differently, so upgrades are deliberate and checked against the form tests."""

import base64
import binascii
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The only files a document may load: its stylesheet and fonts/images beside it.
ASSETS = (Path(settings.BASE_DIR) / "static" / "documents").resolve()
BASE_URL = ASSETS.as_uri() + "/"
# data: URLs are allowed for images only (a logo, a map), never for stylesheets or fonts.
DATA_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/svg+xml"})


class RefusedURL(ValueError):
    """A document asked for something outside its own assets. WeasyPrint logs the refusal and
    renders on without it (a ValueError is not fatal), so user text can never break a render."""


class AssetsOnlyFetcher(URLFetcher):
    """Serves files under ASSETS and data: images; refuses everything else: other files
    (file:///etc/passwd), http(s) (no network, no redirects), other data: types."""

    def __init__(self):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "file":
            return self._asset(url, Path(unquote(parts.path)))
        if parts.scheme == "data":
            return self._data_image(url)
        raise RefusedURL(f"Documents may not load {parts.scheme or 'relative'} URLs: {url[:80]}")

    def _asset(self, url: str, path: Path) -> URLFetcherResponse:
        resolved = path.resolve()
        if not resolved.is_relative_to(ASSETS) or not resolved.is_file():
            raise RefusedURL(f"Not a document asset: {url[:80]}")
        mime_type = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=resolved.read_bytes(), headers={"Content-Type": mime_type})

    def _data_image(self, url: str) -> URLFetcherResponse:
        header, _, payload = url[len("data:") :].partition(",")
        mime_type, *params = header.split(";")
        if mime_type.lower() not in DATA_IMAGE_TYPES:
            raise RefusedURL(f"Only images may be given as data: URLs, not {mime_type or 'text'}")
        try:
            body = base64.b64decode(payload, validate=True) if "base64" in params else unquote(payload).encode()
        except binascii.Error as error:
            raise RefusedURL("A data: image that is not valid base64") from error
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime_type})


def render_html(template_name: str, context: dict, *, draft: bool) -> str:
    """The document's HTML. Django's autoescaping escapes every recorded string."""
    return render_to_string(template_name, {**context, "draft": draft})


def render_pdf(template_name: str, context: dict, *, draft: bool, title: str) -> bytes:
    """A tagged, A4 PDF of the template (its stylesheet sets the page), titled `title`, in
    British English. `draft` adds the DRAFT watermark (documents/base.html)."""
    html = render_html(template_name, {**context, "title": title}, draft=draft)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=AssetsOnlyFetcher())
    return document.write_pdf(pdf_tags=True)
