"""Rule machinery in the style of ruff / sqlfluff: code, severity, parameters, doc, check()."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable

from xl_careplan.checked import checked
from xl_careplan.findings import Finding, Severity
from xl_careplan.located import Loc
from xl_careplan.models import CarePlan, fields_of


@checked
class NoParams:
    pass


@dataclass
class Context:
    """What a rule may know besides the plan: the file label and today's date (fixed in tests)."""

    file: str
    today: dt.date = field(default_factory=dt.date.today)
    profile: str = "national"
    home: Loc | None = None  # where a finding with no cell of its own goes (the engine sets it from the plan)


class Rule:
    code: ClassVar[str]  # e.g. "CP101"
    name: ClassVar[str]  # short Japanese title
    severity: ClassVar[Severity]
    Params: ClassVar[type] = NoParams  # a @checked class: built from the profile's [params.CODE]
    # doc (Japanese): what it checks, why, source, failing and passing example
    what: ClassVar[str]
    why: ClassVar[str]
    source: ClassVar[str]
    bad: ClassVar[str]
    good: ClassVar[str]
    hint: ClassVar[str] = ""
    implemented: ClassVar[bool] = True
    not_yet_reason: ClassVar[str] = ""

    def __init__(self, params: dict[str, Any] | None = None, severity: Severity | None = None):
        self.params = self.Params(**(params or {}))
        self.effective_severity = severity or self.severity

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finding(self, ctx: Context, loc: Loc | None, message: str, hint: str | None = None,
                doubt: bool = False) -> Finding:
        """A finding at ``loc``; with no loc, at the plan's home cell (a finding always has a sheet and a cell).
        ``doubt``: the rule could not be sure (the form may be written some other way) — said as advice (info),
        never as an error or warning."""
        loc = loc or ctx.home
        return Finding(
            file=ctx.file,
            sheet=loc.sheet if loc else None,
            cell=loc.cell if loc else None,
            rule=self.code,
            severity=Severity.INFO if doubt else self.effective_severity,
            message=message,
            source=self.source,
            hint=hint or self.hint or None,
        )

    @classmethod
    def explain(cls) -> str:
        lines = [
            f"{cls.code} {cls.name}  [{cls.severity.value} / {cls.severity.label}]",
            "",
            f"■ 点検内容\n{cls.what}",
            f"■ 理由\n{cls.why}",
            f"■ 根拠\n{cls.source}",
            f"■ 指摘される例\n{cls.bad}",
            f"■ 指摘されない例\n{cls.good}",
        ]
        if cls.hint:
            lines.append(f"■ 対応\n{cls.hint}")
        fields = fields_of(cls.Params)
        if fields:
            lines.append("■ パラメータ")
            for name, f in fields.items():
                lines.append(f"  {name} = {f.default_value()!r}  {f.description or ''}".rstrip())
        if not cls.implemented:
            lines.append(f"■ 未実装\n{cls.not_yet_reason}")
        return "\n".join(lines)


REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.code in REGISTRY:
        raise ValueError(f"duplicate rule code {cls.code}")
    REGISTRY[cls.code] = cls
    return cls
