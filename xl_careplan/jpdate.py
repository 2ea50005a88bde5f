"""How a date is shown to a user: 2026年12月1日, one style everywhere (messages, listings, the sheets we
write, calendars, the office report). JSON keeps ISO dates (2026-12-01) for programs.

The style is the one of the date cells of our template (``template.DATE_FORMAT``), so a date in a
message reads like the cell it points at. 和暦 (令和8年12月1日) and 2026/12/01 are read everywhere
(``parsing.parse_date``) but never written.
"""

from __future__ import annotations

import datetime as dt

WEEKDAYS = "月火水木金土日"
# the same style for date cells of the sheets we write (the office report, the モニタリング sheet)
EXCEL_DATE_FORMAT = 'yyyy"年"m"月"d"日"'


def jp_date(d: dt.date | None, *, weekday: bool = False, blank: str = "（空欄）") -> str:
    """2026-12-01 -> 2026年12月1日 (with ``weekday``: 2026年12月1日（火）)."""
    if d is None:
        return blank
    text = f"{d.year}年{d.month}月{d.day}日"
    return f"{text}（{WEEKDAYS[d.weekday()]}）" if weekday else text


def jp_month(year: int, month: int) -> str:
    """(2026, 12) -> 2026年12月."""
    return f"{year}年{month}月"
