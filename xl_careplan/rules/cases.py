"""Data-driven test cases kept next to the rules, and the patch helpers they use.

A ``Case`` patches a copy of the clean base plan (tests/rules/conftest.py); the rules of the module the
case lives in must then report exactly ``expect``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from xl_careplan.findings import Finding
from xl_careplan.located import Located
from xl_careplan.models import CarePlan, LongGoal, ShortGoal
from xl_careplan.values import Period


@dataclass
class Case:
    """One test case: ``patch`` changes a copy of the clean base plan (tests/rules/conftest.py);
    the rules of the module the case lives in must then report exactly ``expect``
    — a list of (rule code, "シート!セル" or None when the finding names no cell)."""

    rule: str  # the rule this case is about
    desc: str
    patch: Callable[[CarePlan], Any] | None
    expect: list[tuple[str, str | None]]
    params: dict[str, dict[str, Any]] = field(default_factory=dict)  # {code: {param: value}}
    today: dt.date | None = None  # default: the suite's fixed today (2026-11-25)
    severity: str | None = None  # when set: every finding of the case has this severity (a doubt said as "info")


def where(f: Finding) -> str | None:
    if f.sheet is None:
        return None
    return f"{f.sheet}!{f.cell}" if f.cell else f.sheet


def setv(v: Located[Any], value: Any, raw: str | None = None) -> None:
    """Patch helper: set a Located's value (and raw text) in place, keeping its location."""
    v.value = value
    v.raw = raw if raw is not None else (None if value is None else str(value))
    v.problem = None


def parsed(v: Located[Any], raw: str) -> None:
    """A 頻度 cell as the reader parses it (the way an office wrote it, not a value made by hand)."""
    from xl_careplan.parsing import parse_frequency

    setv(v, parse_frequency(raw), raw)


def unreadable(v: Located[Any], raw: str, problem: str = "読み取れません") -> None:
    """Patch helper: the cell holds text the reader could not parse."""
    v.value = None
    v.raw = raw
    v.problem = problem


def clear(*vs: Located[Any]) -> None:
    for v in vs:
        v.value = None
        v.raw = None
        v.problem = None


def period(a: str, b: str) -> Period:
    return Period(start=dt.date.fromisoformat(a), end=dt.date.fromisoformat(b))


def chain(*patches: Callable[[CarePlan], Any]) -> Callable[[CarePlan], None]:
    def run(plan: CarePlan) -> None:
        for p in patches:
            p(plan)

    return run


def sg0(p: CarePlan, need: int = 0) -> ShortGoal:
    """The first short-term goal of a need of the base plan."""
    return p.table2.needs[need].long_goals[0].short_goals[0]


def lg0(p: CarePlan, need: int = 0) -> LongGoal:
    """The first long-term goal of a need of the base plan."""
    return p.table2.needs[need].long_goals[0]
