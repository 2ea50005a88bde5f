"""Findings → cell notes, severity fills and the 点検結果 sheet, through WorkbookAccess only.

The same code drives a file (the package editor, ``editor.PackageWorkbook``) and a live workbook (xlwings). It is idempotent:
a very hidden state sheet records every cell we coloured (with its original fill and the colour
we applied) and every note we touched, so a re-run first undoes the previous run exactly
(original fills back, our note blocks removed, user note text kept) and then applies the new findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from xl_careplan.access import WorkbookAccess
from xl_careplan.errors import WriteRefusedError
from xl_careplan.fields import SHEET_RESULTS, SHEET_STATE
from xl_careplan.findings import Finding, Severity
from xl_careplan.grid import parse_a1  # not openpyxl.utils: the button's process need not import openpyxl
from xl_careplan.jpdate import jp_date
from xl_careplan.writer.styles import same_fill

STATE_SHEET = SHEET_STATE
STATE_MAGIC = "xl_careplan state v1"
RESULTS_TITLE = "点検結果（xl_careplan）"  # A1 of our 点検結果 sheet: how we know the sheet is ours
NOTE_MARKER = "【xl_careplan 点検】"
NOTE_SEPARATOR = "\n\n"  # between the user's own note text and our block

# Fill colours by severity: hue for the screen, clearly different lightness for black-and-white print
# (grey levels ≈ 69 % / 84 % / 95 %): the darker the cell, the more serious the finding.
SEVERITY_FILL: dict[Severity, str] = {
    Severity.ERROR: "E89A9A",  # rose, darkest
    Severity.WARNING: "FFD966",  # amber, middle
    Severity.INFO: "EEF5FB",  # pale blue, lightest
}

RESULT_HEADER = ["重要度", "シート", "セル", "ルール", "内容", "根拠", "対応"]
ACK_HEADER = ["重要度", "シート", "セル", "ルール", "内容", "方針と異なる理由", "根拠", "理由の場所"]
HEADER_FILL = "DDEBF7"  # the 点検結果 list headers, as in the template's table headers
RESULT_WIDTHS = {"A": 13, "B": 14, "C": 8, "D": 9, "E": 50, "F": 40, "G": 40, "H": 22}


@dataclass
class AnnotateSummary:
    noted_cells: int = 0  # cells that received (or share) a note
    filled_cells: int = 0
    findings: int = 0  # findings listed (not acknowledged)
    acknowledged: int = 0
    whole_plan: int = 0  # findings without a cell (summary sheet only)
    unplaced: list[Finding] = field(default_factory=list)  # cell given but sheet/cell missing
    counts: dict[str, int] = field(default_factory=dict)  # severity value -> count (not acknowledged)
    restored_cells: int = 0  # cells undone from a previous run


def _valid_cell(ref: str | None) -> bool:
    if not ref or not isinstance(ref, str):
        return False
    ref = ref.split(":")[0]
    try:
        row, col = parse_a1(ref)
        return 1 <= row <= 1_048_576 and 1 <= col <= 16_384
    except Exception:  # noqa: BLE001
        return False


def _norm_cell(ref: str) -> str:
    """'$b$4' -> 'B4'; a range 'B4:C4' -> its first cell."""
    return ref.split(":")[0].replace("$", "").upper()


_OUR_LINE = re.compile(r"■(エラー|警告|助言) \[[^\]\n]*\] |　根拠: |　対応: ")  # the lines note_block writes


def strip_our_block(text: str | None) -> str | None:
    """The user's part of a note (None when nothing of theirs remains): the text before our marker and
    whatever follows our block's own lines (a user who types below our block keeps it; a forged marker
    takes nothing but the marker and lines shaped like ours)."""
    if text is None:
        return None
    kept: list[str] = []
    while True:
        i = text.find(NOTE_MARKER)
        if i < 0:
            kept.append(text)
            break
        kept.append(text[:i])
        lines = re.split(r"\r?\n", text[i + len(NOTE_MARKER):])
        j = 1
        while j < len(lines) and _OUR_LINE.match(lines[j]):
            j += 1
        rest = "\n".join(([lines[0]] if lines[0].strip() else []) + lines[j:])
        text = rest
    parts = [p.strip("\r\n").rstrip() for p in kept]
    out = NOTE_SEPARATOR.join(p for p in parts if p.strip())
    return out or None


def _one_line(text: str) -> str:
    """A message quoting a multi-line cell stays on its line: strip_our_block knows our block by its lines."""
    return " ".join(re.split(r"\r?\n|\r", text))


def note_block(findings: list[Finding]) -> str:
    lines = [NOTE_MARKER]
    for f in sorted(findings, key=lambda f: (f.severity.rank, f.rule)):
        lines.append(_one_line(f"■{f.severity.label} [{f.rule}] {f.message}"))
        lines.append(_one_line(f"　根拠: {f.source}"))
        if f.hint:
            lines.append(_one_line(f"　対応: {f.hint}"))
    return "\n".join(lines)


def _pack(token: str | None) -> str:
    """A fill for the state sheet: always text (Excel would turn 'RRGGBB' such as 00E100 into a number)."""
    return "none" if token is None else "fill:" + token


def _unpack(value: Any) -> str | None:
    if value is None or value in ("", "none"):
        return None
    text = str(value)
    return text[5:] if text.startswith("fill:") else text


MAX_STATE_ROWS = 20_000  # our state lists the cells one click marked (a plan has hundreds); more is not ours


def _read_state(access: WorkbookAccess) -> list[list[Any]]:
    """The state's (kind, sheet, cell, …) rows, each cell once. A state listing more cells than a click can mark
    was planted (a received workbook's very hidden sheet): undoing it would cost a live call per listed cell, so
    nothing of it is undone (it is replaced by ours)."""
    rows = access.read_sheet(STATE_SHEET)
    if not rows:
        return []
    out, seen = [], set()
    for r in rows[1:]:
        if r and r[0] in ("fill", "note"):
            key = tuple(str(v) for v in r[:3])
            if key not in seen:
                seen.add(key)
                out.append(r)
    return out if len(out) <= MAX_STATE_ROWS else []


def check_own_sheets(access: WorkbookAccess) -> None:
    """Refuse to replace a 点検結果 or state sheet that the user made (same name, not ours)."""
    for name, first in ((SHEET_RESULTS, RESULTS_TITLE), (STATE_SHEET, STATE_MAGIC)):
        rows = access.read_sheet(name)
        if rows is None:
            continue
        a1 = rows[0][0] if rows and rows[0] else None
        if a1 != first:
            raise WriteRefusedError(
                f"「{name}」という名前のシートが既にあり、xl_careplan が作ったシートではないため、"
                "上書きしませんでした。シート名を変更してから、もう一度実行してください。",
                file=access.label, sheet=name,
            )


def undo_previous(access: WorkbookAccess) -> int:
    """Restore fills and remove our note blocks recorded by a previous run. Returns cells touched."""
    names = set(access.sheet_names())
    touched: set[tuple[str, str]] = set()
    for row in _read_state(access):
        kind = row[0]
        sheet = row[1] if len(row) > 1 else None
        cell = row[2] if len(row) > 2 else None
        if not sheet or sheet not in names or not _valid_cell(cell):
            continue
        if kind == "fill":
            original = _unpack(row[3] if len(row) > 3 else None)
            applied = _unpack(row[4] if len(row) > 4 else None)
            current = access.get_fill(sheet, cell)
            # only undo our own colour: a fill the user changed since stays
            if current is not None and applied is not None and same_fill(current, str(applied)):
                access.set_fill(sheet, cell, original)
            touched.add((sheet, cell))
        elif kind == "note":
            current = access.get_note(sheet, cell)
            if current is not None and NOTE_MARKER in current:
                access.set_note(sheet, cell, strip_our_block(current))
            touched.add((sheet, cell))
    return len(touched)


def result_rows(
    findings: list[Finding], *, profile: str, tool_version: str, today: dt.date, sheet_names: set[str]
) -> tuple[list[list[Any]], dict[str, str], dict[str, str]]:
    """Rows of the 点検結果 sheet, its links (A1 -> target cell) and its fills (A1 -> RRGGBB: severity column, headers)."""
    open_ = sorted((f for f in findings if not f.acknowledged), key=Finding.sort_key)
    acked = sorted((f for f in findings if f.acknowledged), key=Finding.sort_key)
    counts = {s: sum(1 for f in open_ if f.severity is s) for s in Severity}
    rows: list[list[Any]] = [
        [RESULTS_TITLE],
        ["点検日", jp_date(today)],
        ["プロファイル", profile],
        ["ツールの版", tool_version],
        ["件数", f"エラー {counts[Severity.ERROR]} 件 / 警告 {counts[Severity.WARNING]} 件 / "
                 f"助言 {counts[Severity.INFO]} 件 / 理由記入済み {len(acked)} 件"],
        [],
        RESULT_HEADER,
    ]
    links: dict[str, str] = {}
    fills: dict[str, str] = {f"{chr(65 + i)}{len(rows)}": HEADER_FILL for i in range(len(RESULT_HEADER))}

    def link(sheet: str | None, cell: str | None) -> str | None:
        if sheet and sheet in sheet_names and _valid_cell(cell):
            return "'" + sheet.replace("'", "''") + "'!" + _norm_cell(cell)  # type: ignore[arg-type]
        return None

    def target(f: Finding) -> str | None:
        return link(f.sheet, f.cell)

    for f in open_:
        rows.append([f.severity.label, f.sheet or "（計画全体）", f.cell or "", f.rule, f.message, f.source, f.hint or ""])
        fills[f"A{len(rows)}"] = SEVERITY_FILL[f.severity]
        t = target(f)
        if t:
            links[f"C{len(rows)}"] = t
    if not open_:
        rows.append(["", "", "", "", "指摘はありません。"])
    rows.append([])
    rows.append(["方針と異なる理由が記入された指摘（確認済み・色付けなし）"])
    rows.append(ACK_HEADER)
    fills.update({f"{chr(65 + i)}{len(rows)}": HEADER_FILL for i in range(len(ACK_HEADER))})
    for f in acked:
        rows.append([f.severity.label, f.sheet or "（計画全体）", f.cell or "", f.rule, f.message, f.ack_reason or "", f.source,
                     f.ack_at or ""])
        t = target(f)
        if t:
            links[f"C{len(rows)}"] = t
        at_sheet, _, at_cell = (f.ack_at or "").rpartition("!")
        t = link(at_sheet, at_cell)  # the reason's row: a reason the sender wrote is one click away
        if t:
            links[f"H{len(rows)}"] = t
    if not acked:
        rows.append(["", "", "", "", "ありません。"])
    return rows, links, fills


def annotate(
    access: WorkbookAccess,
    findings: list[Finding],
    *,
    profile: str,
    tool_version: str,
    today: dt.date,
) -> AnnotateSummary:
    check_own_sheets(access)
    summary = AnnotateSummary()
    summary.restored_cells = undo_previous(access)

    names = set(access.sheet_names())
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.acknowledged:
            summary.acknowledged += 1
            continue
        summary.findings += 1
        summary.counts[f.severity.value] = summary.counts.get(f.severity.value, 0) + 1
        if not f.sheet or not f.cell:
            summary.whole_plan += 1
            continue
        if f.sheet not in names or f.sheet in (SHEET_RESULTS, STATE_SHEET) or not _valid_cell(f.cell):
            summary.unplaced.append(f)
            continue
        by_cell[(f.sheet, _norm_cell(f.cell))].append(f)

    order = {n: i for i, n in enumerate(access.sheet_names())}
    state: list[list[Any]] = [[STATE_MAGIC, today.isoformat()], ["kind", "sheet", "cell", "original", "applied"]]
    for (sheet, cell), group in sorted(by_cell.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        user_text = strip_our_block(access.get_note(sheet, cell))
        block = note_block(group)
        access.set_note(sheet, cell, block if user_text is None else user_text + NOTE_SEPARATOR + block)
        state.append(["note", sheet, cell])
        summary.noted_cells += 1

        worst = min(group, key=lambda f: f.severity.rank).severity
        original = access.get_fill(sheet, cell)
        access.set_fill(sheet, cell, SEVERITY_FILL[worst])
        applied = access.get_fill(sheet, cell)  # as the access reports it ('RRGGBB' live, a format token in a file)
        state.append(["fill", sheet, cell, _pack(original), _pack(applied)])
        summary.filled_cells += 1

    rows, links, severity_cells = result_rows(
        findings, profile=profile, tool_version=tool_version, today=today, sheet_names=names
    )
    access.write_sheet(SHEET_RESULTS, rows, links=links, col_widths=RESULT_WIDTHS)
    for ref, rgb in severity_cells.items():  # the list's severity column carries the cells' colours
        access.set_fill(SHEET_RESULTS, ref, rgb)
    access.write_sheet(STATE_SHEET, state, hidden=True)
    return summary
