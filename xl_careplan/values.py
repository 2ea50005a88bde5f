"""Value types parsed from cells (periods, care levels, frequencies)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from xl_careplan.record import field, hidden, record


class CareLevel(str, Enum):
    JIGYO = "事業対象者"
    SHIEN1 = "要支援1"
    SHIEN2 = "要支援2"
    KAIGO1 = "要介護1"
    KAIGO2 = "要介護2"
    KAIGO3 = "要介護3"
    KAIGO4 = "要介護4"
    KAIGO5 = "要介護5"

    @property
    def is_support(self) -> bool:
        """要支援・事業対象者 (介護予防支援) rather than 要介護 (居宅介護支援)."""
        return self in (CareLevel.JIGYO, CareLevel.SHIEN1, CareLevel.SHIEN2)

    @property
    def kaigo_degree(self) -> int | None:
        return int(self.value[-1]) if self.value.startswith("要介護") else None


@record
class Period:
    start: dt.date | None = None
    end: dt.date | None = None
    # a bound written to the month only (「R8.4～R8.10」): start is that month's first day, end its last — the widest
    # reading; the day is not known, so a check that would fault the period uses its narrowest reading instead
    start_month: bool = hidden(False)
    end_month: bool = hidden(False)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.start == other.start and self.end == other.end  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def narrowest(self) -> tuple[dt.date | None, dt.date | None]:
        """The bounds with a month-only start at its month's last day and a month-only end at its first day."""
        s, e = self.start, self.end
        if s is not None and self.start_month:
            s = (s.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        if e is not None and self.end_month:
            e = e.replace(day=1)
        return s, e

    def contains(self, other: "Period") -> bool:
        if None in (self.start, self.end, other.start, other.end):
            return True  # unknown bounds: nothing to say here, the blank is reported elsewhere
        s, e = other.narrowest()  # a month-only bound outside only if every day of its month is
        return self.start <= s and e <= self.end  # type: ignore[operator]

    def months(self) -> float | None:
        """Length in months, counting a period that ends the day before the same day-of-month as whole months
        (with month-only bounds, the shortest the period can be)."""
        start, end = self.narrowest()
        if start is None or end is None:
            return None
        if end < start:
            return 0.0
        end_next = end + dt.timedelta(days=1)
        m = (end_next.year - start.year) * 12 + (end_next.month - start.month)
        return m + (end_next.day - start.day) / 30.0


FrequencyKind = Literal["daily", "per_week", "per_month", "per_day", "as_needed", "other"]


@record
class Frequency:
    kind: FrequencyKind
    count: float | None = None  # times per unit (週2回 -> 2); None for 随時
    weekdays: list[str] = field(default_factory=list)  # 月・水・金 when written

    def __post_init__(self) -> None:
        if type(self.count) is int:  # 週2回: a count is a float (2.0) in the model and its JSON
            self.count = float(self.count)

    def per_week(self) -> float | None:
        if self.kind == "daily":
            return 7.0
        if self.kind == "per_day" and self.count is not None:
            return 7.0 * self.count
        if self.kind == "per_week" and self.count is not None:
            return float(self.count)
        if self.kind == "per_month" and self.count is not None:
            return self.count * 12 / 52
        return None

    def per_month(self) -> float | None:
        if self.kind == "per_month":
            return self.count
        w = self.per_week()
        return None if w is None else w * 52 / 12
