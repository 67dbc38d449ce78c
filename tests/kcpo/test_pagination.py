"""kcpo.pagination: a source that fetches a slice and its total together, and a second list's
own page parameter."""

import pytest
from django.test import RequestFactory

from kcpo.pagination import paginate, paginate_fetched


class Source:
    """`total` numbered rows, fetched like `count(*) OVER ()` SQL: an empty slice has no total."""

    def __init__(self, total: int):
        self.rows = list(range(1, total + 1))
        self.fetches: list[tuple[int, int]] = []

    def __call__(self, *, limit: int, offset: int):
        self.fetches.append((offset, limit))
        rows = self.rows[offset : offset + limit]
        return rows, (len(self.rows) if rows else 0)


def page_of(source, page=None, per_page=10):
    request = RequestFactory().get("/", {"page": page} if page is not None else {})
    return paginate_fetched(request, source, per_page=per_page)


def test_a_page_costs_one_fetch():
    source = Source(total=25)

    page = page_of(source, "2")

    assert (page.number, list(page), page.paginator.count) == (2, list(range(11, 21)), 25)
    assert source.fetches == [(10, 10)]


def test_the_last_partial_page_costs_one_fetch():
    source = Source(total=25)

    page = page_of(source, "3")

    assert (page.number, list(page), page.start_index(), page.end_index()) == (3, [21, 22, 23, 24, 25], 21, 25)
    assert source.fetches == [(20, 10)]


def test_the_first_page_is_the_default():
    source = Source(total=25)

    page = page_of(source)

    assert (page.number, list(page)) == (1, list(range(1, 11)))
    assert source.fetches == [(0, 10)]


@pytest.mark.parametrize("number", ["x", "", "1.5"])
def test_a_page_number_that_is_not_a_number_gives_the_first_page(number):
    source = Source(total=25)

    page = page_of(source, number)

    assert (page.number, list(page)) == (1, list(range(1, 11)))
    assert source.fetches == [(0, 10)]


def test_a_page_past_the_end_gives_the_last_page_after_learning_the_total():
    source = Source(total=25)

    page = page_of(source, "9")

    assert (page.number, list(page)) == (3, [21, 22, 23, 24, 25])
    assert source.fetches == [(80, 10), (0, 10), (20, 5)]  # Paginator asks only for what is left


def test_a_page_past_the_end_of_a_single_page_needs_no_third_fetch():
    source = Source(total=4)

    page = page_of(source, "5")

    assert (page.number, list(page)) == (1, [1, 2, 3, 4])
    assert source.fetches == [(40, 10), (0, 10)]


def test_an_empty_source_has_one_empty_page():
    source = Source(total=0)

    page = page_of(source)

    assert (page.number, list(page), page.paginator.count, [link.number for link in page.links]) == (1, [], 0, [1])
    assert source.fetches == [(0, 10)]


def test_links_are_built_as_for_a_queryset():
    page = page_of(Source(total=95), "5")

    assert [(link.number, link.href, link.current) for link in page.links] == [
        (1, "?page=1", False),
        (None, "", False),
        (4, "?page=4", False),
        (5, "?page=5", True),
        (6, "?page=6", False),
        (None, "", False),
        (10, "?page=10", False),
    ]
    assert (page.previous_href, page.next_href) == ("?page=4", "?page=6")


def test_a_second_list_on_the_page_has_its_own_parameter_and_keeps_the_others():
    request = RequestFactory().get("/", {"page": "2", "occasions_page": "3"})

    page = paginate(request, list(range(95)), per_page=10, param="occasions_page")

    assert (page.number, list(page)) == (3, list(range(20, 30)))
    assert (page.previous_href, page.next_href) == ("?page=2&occasions_page=2", "?page=2&occasions_page=4")
