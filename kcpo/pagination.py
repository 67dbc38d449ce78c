"""Every list paginates: one helper, one template (templates/includes/pagination.html).

Two kinds of source, one set of links:

- `paginate(request, queryset)`: a QuerySet; Paginator runs COUNT(*) and then the slice.
- `paginate_fetched(request, fetch)`: a fetch that returns one slice *and* the total in
  the same query (SQL with `count(*) OVER ()`, such as the s14 screening), so a page
  costs that one query and no COUNT.

A page with two lists gives one of them its own query parameter (`paginate(..., param=)`);
each list's links keep the other's page number.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.core.paginator import Page, Paginator

DEFAULT_PAGE_SIZE = 25


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None is an ellipsis
    href: str
    current: bool


def paginate(request, queryset, *, per_page: int = DEFAULT_PAGE_SIZE, param: str = "page") -> Page:
    """The page that `param` asks for (a bad or out-of-range number gives the nearest real page).

    Uses a plain Paginator: its COUNT(*) is one query whatever the page size, so the page's
    query count stays constant as data grows."""
    return _with_links(request, Paginator(queryset, per_page).get_page(request.GET.get(param)), param)


class SliceFetch(Protocol):
    def __call__(self, *, limit: int, offset: int) -> tuple[Sequence, int]:
        """The rows from `offset` (at most `limit` of them) and the total number of rows.
        An empty slice may report a total of 0: a window count comes with rows only."""


class FetchedSlices:
    """What Paginator needs from its object list (`count()` and slicing), over a `SliceFetch`.

    Paginator asks for the count before it asks for the slice. We answer the count by
    fetching the slice we expect it to ask for next (`expected`, from the page number in the
    request) and serve that slice from the rows already fetched: one fetch per page.
    A guess that misses costs one more fetch, never a wrong page: a page number past the end
    returns no rows and so no total, so we fetch from the start to learn it, and then the
    last page if that is not the first."""

    def __init__(self, fetch: SliceFetch, *, expected: slice):
        self._fetch = fetch
        self._expected = expected
        self._total: int | None = None
        self._offset = 0
        self._rows: list = []

    def _load(self, offset: int, limit: int) -> int:
        rows, total = self._fetch(limit=limit, offset=offset)
        self._offset, self._rows = offset, list(rows)
        return total

    def count(self) -> int:
        if self._total is None:
            start, stop = self._expected.start, self._expected.stop
            self._total = self._load(start, stop - start)
            if not self._rows and start > 0:
                self._total = self._load(0, stop - start)
        return self._total

    def __getitem__(self, key: slice) -> list:
        start, stop = key.start or 0, key.stop
        if not (self._offset <= start and stop <= self._offset + len(self._rows)):
            self._load(start, stop - start)
        return self._rows[start - self._offset : stop - self._offset]


def paginate_fetched(request, fetch: SliceFetch, *, per_page: int = DEFAULT_PAGE_SIZE) -> Page:
    """Like `paginate`, over a fetch that returns a slice with the total (see `FetchedSlices`)."""
    number = _requested_number(request)
    source = FetchedSlices(fetch, expected=slice((number - 1) * per_page, number * per_page))
    return _with_links(request, Paginator(source, per_page).get_page(request.GET.get("page")), "page")


def _requested_number(request) -> int:
    """The page number asked for, or 1. Only a guess at which slice to fetch first:
    Paginator.get_page still decides the page."""
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except (TypeError, ValueError):
        return 1


def _with_links(request, page: Page, param: str) -> Page:
    page.links = _page_links(request, page, param)
    return page


def _href(request, number: int, param: str) -> str:
    query = request.GET.copy()
    query[param] = str(number)
    return f"?{query.urlencode()}"


def _page_links(request, page: Page, param: str) -> list[PageLink]:
    last, current = page.paginator.num_pages, page.number
    wanted = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    links: list[PageLink] = []
    previous = 0
    for number in wanted:
        if number - previous > 1:
            links.append(PageLink(None, "", False))
        links.append(PageLink(number, _href(request, number, param), number == current))
        previous = number
    page.previous_href = _href(request, current - 1, param) if page.has_previous() else ""
    page.next_href = _href(request, current + 1, param) if page.has_next() else ""
    return links
