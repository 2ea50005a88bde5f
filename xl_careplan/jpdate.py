"""How a date is shown to a user: 令和8年12月1日, one style everywhere (messages, listings, sheets,
calendars, the office report). JSON keeps ISO dates (2026-12-01) for programs.

和暦 is the style of the forms themselves (記載要領 examples, the municipal documents), so a date in a
message reads like the cell it points at. The eras come from ``parsing.ERAS`` (the one table of eras).
"""

from __future__ import annotations

import datetime as dt

from xl_careplan.parsing import ERAS

WEEKDAYS = "月火水木金土日"
_NEWEST_FIRST = sorted(ERAS.items(), key=lambda kv: kv[1][1], reverse=True)


def era_year(d: dt.date) -> str:
    """令和8年 (元年 for an era's first year); a date before 明治 keeps its 西暦 year."""
    for name, (first_year, first_day) in _NEWEST_FIRST:
        if d >= first_day:
            n = d.year - first_year + 1
            return f"{name}{'元' if n == 1 else n}年"
    return f"{d.year}年"


def jp_date(d: dt.date | None, *, weekday: bool = False, blank: str = "（空欄）") -> str:
    """2026-12-01 -> 令和8年12月1日 (with ``weekday``: 令和8年12月1日（火）)."""
    if d is None:
        return blank
    text = f"{era_year(d)}{d.month}月{d.day}日"
    return f"{text}（{WEEKDAYS[d.weekday()]}）" if weekday else text


def jp_month(year: int, month: int) -> str:
    """(2026, 12) -> 令和8年12月 (the era of the month's first day)."""
    return f"{era_year(dt.date(year, month, 1))}{month}月"
