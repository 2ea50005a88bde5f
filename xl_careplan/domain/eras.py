"""元号 (eras): the one table the date parser reads 和暦 with (令和8年4月1日, R8.4.1).
Dates are shown to users in one style, 2026年4月1日 (``xl_careplan.jpdate``), never in 和暦."""

from __future__ import annotations

import datetime as dt

#: era name -> (first Gregorian year, first day of the era)
ERAS: dict[str, tuple[int, dt.date]] = {
    "明治": (1868, dt.date(1868, 1, 25)),  # 慶応4年1月1日 (改元は遡って適用)
    "大正": (1912, dt.date(1912, 7, 30)),
    "昭和": (1926, dt.date(1926, 12, 25)),
    "平成": (1989, dt.date(1989, 1, 8)),
    "令和": (2019, dt.date(2019, 5, 1)),
}
