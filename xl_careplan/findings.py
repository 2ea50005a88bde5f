"""The one Finding model used by every output (text, JSON, notes, 点検結果 sheet, office report)."""

from __future__ import annotations

from enum import Enum

from xl_careplan.record import record


class Severity(str, Enum):
    ERROR = "error"  # national rule or form requirement
    WARNING = "warning"  # municipal policy
    INFO = "info"  # advice

    @property
    def label(self) -> str:
        return {"error": "エラー", "warning": "警告", "info": "助言"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@record
class Finding:
    file: str  # path as given on the command line (or the live workbook's name)
    sheet: str | None = None
    cell: str | None = None  # A1, top-left of a merged range
    rule: str
    severity: Severity
    message: str  # Japanese
    source: str  # 根拠: seed file and section, or the national notice and article
    hint: str | None = None  # what to do (対応)
    acknowledged: bool = False  # the care manager wrote a reason for this deviation
    ack_reason: str | None = None
    ack_at: str | None = None  # where the reason is written ('方針と異なる理由!D4'): it may be someone else's

    def sort_key(self):
        return (self.file, self.severity.rank, self.sheet or "", self.cell or "", self.rule)
