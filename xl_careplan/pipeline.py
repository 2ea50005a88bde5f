"""One file through read → check: the unit of work for the command line, the batch and the add-in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from xl_careplan.errors import XlCareplanError
from xl_careplan.findings import Finding, Severity
from xl_careplan.logs import get_logger
from xl_careplan.models import CarePlan

log = get_logger(__name__)


@dataclass
class FileResult:
    file: str  # path as given
    plan: CarePlan | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # Japanese message when the file could not be read

    @property
    def problems(self) -> list[Finding]:
        """Findings not acknowledged by the care manager."""
        return [f for f in self.findings if not f.acknowledged]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.problems if f.severity is severity)

    @property
    def has_error_finding(self) -> bool:
        return self.count(Severity.ERROR) > 0


def check_plan(plan: CarePlan, profile, today: dt.date, file: str) -> list[Finding]:
    from xl_careplan.rules.base import Context
    from xl_careplan.rules.engine import run_checks

    return run_checks(plan, profile, Context(file=file, today=today, profile=profile.name))


def check_file(path: str, profile, today: dt.date, layout: str | None = None, *, package=None) -> FileResult:
    """Read and check one workbook. Never raises for bad input: the error goes into the result.
    ``package``: the file already open (``reading.open_workbook_file``), kept open for the writer."""
    from xl_careplan.readers import read_plan_file

    try:
        plan = read_plan_file(path, layout=layout, package=package)
    except XlCareplanError as e:
        return FileResult(file=path, error=str(e))
    plan.source = path
    return FileResult(file=path, plan=plan, findings=check_plan(plan, profile, today, path))
