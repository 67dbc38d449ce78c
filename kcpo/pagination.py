"""Every list paginates: one helper, one template (templates/includes/pagination.html)."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

DEFAULT_PAGE_SIZE = 25


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None is an ellipsis
    href: str
    current: bool


def paginate(request, queryset, *, per_page: int = DEFAULT_PAGE_SIZE) -> Page:
    """The requested page (a bad or out-of-range number gives the nearest real page).

    Uses a plain Paginator: its COUNT(*) is one query whatever the page size, so the page's
    query count stays constant as data grows."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    page.links = _page_links(request, page)
    return page


def _href(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return f"?{query.urlencode()}"


def _page_links(request, page: Page) -> list[PageLink]:
    last, current = page.paginator.num_pages, page.number
    wanted = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    links: list[PageLink] = []
    previous = 0
    for number in wanted:
        if number - previous > 1:
            links.append(PageLink(None, "", False))
        links.append(PageLink(number, _href(request, number), number == current))
        previous = number
    page.previous_href = _href(request, current - 1) if page.has_previous() else ""
    page.next_href = _href(request, current + 1) if page.has_next() else ""
    return links
