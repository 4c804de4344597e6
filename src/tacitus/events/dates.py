"""Resolve a date expression in a sentence against the publication date.

News convention, which generic parsers get wrong: a bare weekday in a report of what
happened is the most recent such day on or before publication ("on Tuesday" in a
Tuesday paper is that Tuesday); in a report of what is planned it is the next such day.
Absolute and other relative expressions go to dateparser with the same direction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from tacitus.records import DatePrecision

WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
DATE_WORDS = frozenset(
    [
        *WEEKDAYS,
        *MONTHS,
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "morning",
        "afternoon",
        "evening",
        "night",
        "overnight",
        "week",
        "weekend",
        "month",
        "year",
        "day",
        "days",
        "weeks",
        "months",
        "years",
        "hours",
        "time",
        "noon",
        "midnight",
        "dawn",
    ]
)
_WEEKDAY_RE = re.compile(
    r"^(?:on\s+|last\s+|this\s+(?:past\s+)?|next\s+|(?:early|late)\s+)?"
    r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
_RELATIVE: dict[str, tuple[int, DatePrecision]] = {
    "today": (0, "day"),
    "tonight": (0, "day"),
    "this morning": (0, "day"),
    "this afternoon": (0, "day"),
    "this evening": (0, "day"),
    "earlier today": (0, "day"),
    "yesterday": (-1, "day"),
    "last night": (-1, "day"),
    "tomorrow": (1, "day"),
    "last week": (-7, "week"),
    "this week": (0, "week"),
    "earlier this week": (0, "week"),
    "next week": (7, "week"),
}
_PERIODS: dict[str, DatePrecision] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}
_NOT_DATES = re.compile(
    r"\b(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies)|hours?)\s+(?:old|long)\b"
    r"|^(?:the\s+)?(?:past|last|next|coming|first|second)\s+(?:\w+\s+)?(?:years|months|decades|days)\b"
    r"|\bannual|\bdaily|\bweekly|\bmonthly|\bdecades?\b|^\d+\s+(?:years|months|days|weeks)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    day: date
    precision: DatePrecision
    text: str


def _clean(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    text = re.sub(r"^(?:on|in|at|during|by|since|from|the)\s+", "", text, flags=re.IGNORECASE)
    return re.sub(r"^(?:earlier|later)\s+(?=this|last)", "", text, flags=re.IGNORECASE)


@lru_cache(maxsize=4096)
def resolve(text: str, published: date | None, *, future: bool = False) -> ResolvedDate | None:
    """The calendar date an expression names, or None if it names none. Cached: news
    repeats "on Tuesday" against one publication date, and dateparser is slow."""
    cleaned = _clean(text)
    lower = cleaned.lower()
    if not cleaned or _NOT_DATES.search(lower):
        return None
    weekday = _WEEKDAY_RE.match(lower)
    if weekday is not None:
        if published is None:
            return None
        target = WEEKDAYS[weekday.group("day").lower()]
        if lower.startswith("next"):
            future = True
        if future:
            delta = (target - published.weekday()) % 7
        else:
            delta = -((published.weekday() - target) % 7)
        if lower.startswith("last") and delta == 0:
            delta = -7
        if lower.startswith("next") and delta == 0:
            delta = 7
        return ResolvedDate(published + timedelta(days=delta), "day", text)
    if lower in _RELATIVE:
        if published is None:
            return None
        days, precision = _RELATIVE[lower]
        day = published + timedelta(days=days)
        if precision == "week":
            day -= timedelta(days=day.weekday())  # a week is named by its Monday
        return ResolvedDate(day, precision, text)
    return _parse(cleaned, text, published, future)


def _parse(cleaned: str, text: str, published: date | None, future: bool) -> ResolvedDate | None:
    has_year = re.search(r"\b(?:1[89]|20)\d\d\b", cleaned) is not None
    if published is None and not has_year:
        return None  # "March 3" with no year and no publication date names no day
    parser = _parser(published, future)
    try:
        data = parser.get_date_data(cleaned)
    except (ValueError, OverflowError):
        return None
    if data is None or data.date_obj is None:
        return None
    precision = _PERIODS.get(data.period or "day", "day")
    if precision == "day" and not re.search(r"\d", cleaned) and not _names_day(cleaned):
        return None
    day = data.date_obj.date()
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = date(day.year, 1, 1)
    return ResolvedDate(day, precision, text)


@lru_cache(maxsize=256)
def _parser(published: date | None, future: bool) -> DateDataParser:
    """A dateparser parser for one publication date and direction (building one costs
    far more than parsing with it)."""
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": [],
    }
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


def _names_day(text: str) -> bool:
    lower = text.lower()
    return any(word in lower for word in ("yesterday", "today", "tomorrow", "ago"))
