"""Date expressions resolved against the publication date (news conventions)."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus.events.dates import resolve

TUESDAY = date(2023, 9, 5)


@pytest.mark.parametrize(
    ("text", "future", "expected", "precision"),
    [
        ("on Tuesday", False, date(2023, 9, 5), "day"),  # same day as publication
        ("on Monday", False, date(2023, 9, 4), "day"),
        ("Wednesday", False, date(2023, 8, 30), "day"),  # the last one, not tomorrow
        ("Wednesday", True, date(2023, 9, 6), "day"),  # planned: the next one
        ("next Tuesday", False, date(2023, 9, 12), "day"),
        ("last Tuesday", False, date(2023, 8, 29), "day"),
        ("yesterday", False, date(2023, 9, 4), "day"),
        ("today", False, date(2023, 9, 5), "day"),
        ("last week", False, date(2023, 8, 28), "week"),  # weeks are named by Monday
        ("two days ago", False, date(2023, 9, 3), "day"),
        ("on Jan. 30", False, date(2023, 1, 30), "day"),
        ("Jan. 30, 2023", False, date(2023, 1, 30), "day"),
        ("in March", False, date(2023, 3, 1), "month"),
        ("earlier this month", False, date(2023, 9, 1), "month"),
        ("in 2019", False, date(2019, 1, 1), "year"),
    ],
)
def test_resolve(text: str, future: bool, expected: date, precision: str) -> None:
    resolved = resolve(text, TUESDAY, future=future)
    assert resolved is not None
    assert (resolved.day, resolved.precision) == (expected, precision)
    assert resolved.text == text


@pytest.mark.parametrize(
    "text", ["the past two years", "annual", "decades", "three years old", "the weekend"]
)
def test_not_a_date(text: str) -> None:
    assert resolve(text, TUESDAY) is None


def test_relative_dates_need_a_publication_date() -> None:
    assert resolve("on Monday", None) is None
    assert resolve("yesterday", None) is None
    assert resolve("March 3", None) is None
    absolute = resolve("March 3, 2021", None)
    assert absolute is not None and absolute.day == date(2021, 3, 3)
