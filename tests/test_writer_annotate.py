"""annotate(): notes, fills, the 点検結果 sheet and idempotence, through the protocol only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Sequence

import pytest
from openpyxl import load_workbook

from writer_fixtures import plain_plan
from xl_careplan.fields import SHEET_RESULTS
from xl_careplan.findings import Finding, Severity
from xl_careplan.writer.annotate import NOTE_MARKER, SEVERITY_FILL, STATE_SHEET, annotate, strip_our_block
from xl_careplan.writer.editor import PackageWorkbook as FileWorkbook

TODAY = dt.date(2026, 11, 25)


def F(cell, rule="CP101", sev=Severity.ERROR, sheet="第1表", **kw) -> Finding:
    return Finding(file="plan.xlsx", sheet=sheet, cell=cell, rule=rule, severity=sev,
                   message=kw.pop("message", f"{rule} の指摘"), source=kw.pop("source", "老企第29号"), **kw)


class ProtocolOnly:
    """Implements exactly the WorkbookAccess methods annotate may use (as the xlwings access will)."""

    def __init__(self, sheets: list[str]):
        self.label = "live.xlsx"
        self.sheets: dict[str, dict[str, Any]] = {s: {} for s in sheets}
        self.notes: dict[tuple[str, str], str] = {}
        self.fills: dict[tuple[str, str], str] = {}
        self.hidden: set[str] = set()
        self.links: dict[str, dict[str, str]] = {}

    def grid(self):  # pragma: no cover - not used by annotate
        raise AssertionError("annotate must not need grid()")

    def sheet_names(self):
        return list(self.sheets)

    def get_note(self, sheet, cell):
        return self.notes.get((sheet, cell))

    def set_note(self, sheet, cell, text):
        if text is None:
            self.notes.pop((sheet, cell), None)
        else:
            self.notes[(sheet, cell)] = text

    def get_fill(self, sheet, cell):
        return self.fills.get((sheet, cell))

    def set_fill(self, sheet, cell, rgb):
        if rgb is None:
            self.fills.pop((sheet, cell), None)
        else:
            self.fills[(sheet, cell)] = rgb

    def set_value(self, sheet, cell, value):  # pragma: no cover
        self.sheets[sheet][cell] = value

    def write_sheet(self, name, rows: Sequence[Sequence[Any]], *, links=None, col_widths=None, hidden=False):
        # a replaced sheet starts empty: no old notes or fills
        self.notes = {k: v for k, v in self.notes.items() if k[0] != name}
        self.fills = {k: v for k, v in self.fills.items() if k[0] != name}
        self.sheets[name] = {"rows": [list(r) for r in rows]}
        self.links[name] = dict(links or {})
        if hidden:
            self.hidden.add(name)

    def read_sheet(self, name):
        s = self.sheets.get(name)
        return None if s is None else [list(r) for r in s["rows"]]

    def plan_fills(self):
        """Fills on the plan's own sheets (the 点検結果 list colours its severity column too)."""
        return {k: v for k, v in self.fills.items() if k[0] != SHEET_RESULTS}

    def snapshot(self):
        return (dict(self.notes), dict(self.fills), {k: v for k, v in self.sheets.items()}, set(self.hidden))


def run(acc, findings):
    return annotate(acc, findings, profile="national", tool_version="0.1.0", today=TODAY)


def test_notes_and_fills_land_on_their_cells():
    acc = ProtocolOnly(["第1表", "第2表"])
    s = run(acc, [F("B4"), F("A6", "CP201", Severity.WARNING, sheet="第2表"), F("K1", "CP301", Severity.INFO)])
    assert acc.plan_fills() == {("第1表", "B4"): SEVERITY_FILL[Severity.ERROR], ("第2表", "A6"): SEVERITY_FILL[Severity.WARNING],
                         ("第1表", "K1"): SEVERITY_FILL[Severity.INFO]}
    note = acc.notes[("第1表", "B4")]
    assert note.startswith(NOTE_MARKER)
    assert "エラー" in note and "[CP101]" in note and "根拠: 老企第29号" in note
    assert "[CP201]" in acc.notes[("第2表", "A6")] and "警告" in acc.notes[("第2表", "A6")]
    assert s.noted_cells == 3 and s.filled_cells == 3 and s.counts == {"error": 1, "warning": 1, "info": 1}
    assert STATE_SHEET in acc.hidden and SHEET_RESULTS not in acc.hidden


def test_several_findings_share_one_note_and_the_worst_colour():
    acc = ProtocolOnly(["第1表"])
    run(acc, [F("B4", "CP150", Severity.INFO, hint="記入してください"), F("B4", "CP101", Severity.ERROR),
              F("b4", "CP120", Severity.WARNING)])
    assert list(acc.notes) == [("第1表", "B4")]
    note = acc.notes[("第1表", "B4")]
    assert note.count(NOTE_MARKER) == 1
    # most serious first
    assert note.index("[CP101]") < note.index("[CP120]") < note.index("[CP150]")
    assert "対応: 記入してください" in note
    assert acc.fills[("第1表", "B4")] == SEVERITY_FILL[Severity.ERROR]


def test_user_note_kept_and_only_our_block_removed_on_rerun():
    acc = ProtocolOnly(["第1表"])
    acc.notes[("第1表", "B8")] = "区分変更申請中（11/10）"
    acc.fills[("第1表", "B8")] = "FFF2CC"
    run(acc, [F("B8")])
    note = acc.notes[("第1表", "B8")]
    assert note.startswith("区分変更申請中（11/10）\n") and NOTE_MARKER in note
    run(acc, [])
    assert acc.notes == {("第1表", "B8"): "区分変更申請中（11/10）"}
    assert acc.plan_fills() == {("第1表", "B8"): "FFF2CC"}


def test_twice_equals_once_protocol():
    findings = [F("B4"), F("B4", "CP102", Severity.INFO), F("B11", "CP110", Severity.WARNING), F(None, "CP900")]
    acc = ProtocolOnly(["第1表"])
    acc.notes[("第1表", "B11")] = "ユーザーのメモ"
    run(acc, findings)
    once = acc.snapshot()
    run(acc, findings)
    assert acc.snapshot() == once


def test_removed_finding_restores_original_fill_and_drops_note():
    acc = ProtocolOnly(["第1表"])
    acc.fills[("第1表", "B11")] = "xml:<fill>theme colour</fill>"  # opaque non-RGB fill comes back exactly
    run(acc, [F("B4"), F("B11", "CP110", Severity.WARNING)])
    assert acc.fills[("第1表", "B11")] == SEVERITY_FILL[Severity.WARNING]
    run(acc, [F("B4")])
    assert acc.plan_fills() == {("第1表", "B4"): SEVERITY_FILL[Severity.ERROR], ("第1表", "B11"): "xml:<fill>theme colour</fill>"}
    assert ("第1表", "B11") not in acc.notes


def test_fill_changed_by_user_after_our_run_is_left_alone():
    acc = ProtocolOnly(["第1表"])
    run(acc, [F("B4")])
    acc.fills[("第1表", "B4")] = "00B050"  # the user recoloured the cell themselves
    run(acc, [])
    assert acc.fills[("第1表", "B4")] == "00B050"


def test_acknowledged_whole_plan_and_unplaced_findings():
    acc = ProtocolOnly(["第1表"])
    findings = [
        F("B6", "CP104", acknowledged=True, ack_reason="本人の強い希望のため"),
        F(None, "CP900", Severity.WARNING, sheet=None, message="計画全体の指摘"),
        F("A1", "CP300", sheet="存在しないシート"),
        F("B4"),
    ]
    s = run(acc, findings)
    assert ("第1表", "B6") not in acc.fills and ("第1表", "B6") not in acc.notes
    assert s.acknowledged == 1 and s.whole_plan == 1 and [f.rule for f in s.unplaced] == ["CP300"]
    rows = acc.read_sheet(SHEET_RESULTS)
    flat = ["|".join("" if v is None else str(v) for v in r) for r in rows]
    assert any("CP900" in r and "（計画全体）" in r for r in flat)
    ack_at = next(i for i, r in enumerate(flat) if r.startswith("方針と異なる理由"))
    assert any("CP104" in r and "本人の強い希望のため" in r for r in flat[ack_at:])
    assert not any("CP104" in r for r in flat[:ack_at])
    # findings on a cell link to it (acknowledged ones too); whole-plan and unplaced ones do not
    links = acc.links[SHEET_RESULTS]
    assert sorted(links.values()) == ["'第1表'!B4", "'第1表'!B6"]
    by_target = {t: int(ref[1:]) for ref, t in links.items()}
    assert rows[by_target["'第1表'!B4"] - 1][3] == "CP101"
    assert rows[by_target["'第1表'!B6"] - 1][3] == "CP104"


def test_results_sheet_header_and_counts():
    acc = ProtocolOnly(["第1表"])
    run(acc, [F("B4"), F("B8", "CP2", Severity.WARNING), F("B9", "CP3", Severity.WARNING)])
    rows = acc.read_sheet(SHEET_RESULTS)
    assert rows[1] == ["点検日", "2026年11月25日"]
    assert rows[2] == ["プロファイル", "national"]
    assert rows[3] == ["ツールの版", "0.1.0"]
    assert "エラー 1 件" in rows[4][1] and "警告 2 件" in rows[4][1] and "助言 0 件" in rows[4][1]
    assert rows[6] == ["重要度", "シート", "セル", "ルール", "内容", "根拠", "対応"]
    assert [r[0] for r in rows[7:10]] == ["エラー", "警告", "警告"]
    assert acc.fills[(SHEET_RESULTS, "A8")] == SEVERITY_FILL[Severity.ERROR]
    assert acc.fills[(SHEET_RESULTS, "A10")] == SEVERITY_FILL[Severity.WARNING]


def test_strip_our_block():
    assert strip_our_block(None) is None
    assert strip_our_block("user") == "user"
    ours = NOTE_MARKER + "\n■エラー [CP101] x\n　根拠: y\n　対応: z"
    assert strip_our_block(ours) is None
    assert strip_our_block("user\n\n" + ours) == "user"
    # what the user typed below our block is theirs (it used to be cut off with the block)
    assert strip_our_block("user\n\n" + ours + "\n主治医に確認済み") == "user\n\n主治医に確認済み"
    assert strip_our_block(ours + "\r\n確認済み") == "確認済み"


# --- the same through a real file ------------------------------------------------------------------
def _state(path: Path):
    wb = load_workbook(path, rich_text=True)
    out = {}
    for ws in wb.worksheets:
        cells = {}
        for (r, c), cell in ws._cells.items():
            cells[cell.coordinate] = (repr(cell.value), cell.comment.text if cell.comment else None,
                                      repr(cell.fill.fgColor.rgb), cell.fill.fill_type,
                                      cell.hyperlink.location if cell.hyperlink else None)
        out[ws.title] = (ws.sheet_state, cells)
    return out


@pytest.fixture
def plan(tmp_path):
    return plain_plan(tmp_path / "plan.xlsx")


def _file_run(src: Path, dest: Path, findings):
    fw = FileWorkbook(src)
    s = annotate(fw, findings, profile="national", tool_version="0.1.0", today=TODAY)
    fw.save(dest)
    return s


def test_file_twice_equals_once(plan, tmp_path):
    findings = [F("B4"), F("B8", "CP120", Severity.WARNING), F("B11", "CP130", Severity.INFO), F(None, "CP900", sheet=None)]
    once, twice = tmp_path / "once.xlsx", tmp_path / "twice.xlsx"
    _file_run(plan, once, findings)
    _file_run(once, twice, findings)
    a, b = _state(once), _state(twice)
    assert a == b
    assert a[STATE_SHEET][0] == "veryHidden"
    assert a["第1表"][1]["B8"][1].startswith("区分変更申請中\n\n" + NOTE_MARKER)
    assert a["第1表"][1]["B4"][2] == "'FF" + SEVERITY_FILL[Severity.ERROR] + "'"
    assert load_workbook(twice).sheetnames == ["第1表", "第2表", SHEET_RESULTS, STATE_SHEET]


def test_file_removing_findings_restores_everything(plan, tmp_path):
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    _file_run(plan, first, [F("B4"), F("B8", "CP120", Severity.WARNING), F("B11", "CP130", Severity.INFO)])
    wb = load_workbook(first)
    assert wb["第1表"]["B11"].fill.fgColor.rgb == "FF" + SEVERITY_FILL[Severity.INFO]
    _file_run(first, second, [])
    orig, now = _state(plan), _state(second)
    assert now["第1表"] == orig["第1表"]  # original fill FFF2CC on B11, user note on B8, no note on B4
    assert now["第2表"] == orig["第2表"]


def test_results_sheet_link_goes_to_the_cell(plan, tmp_path):
    out = tmp_path / "o.xlsx"
    _file_run(plan, out, [F("B4")])
    ws = load_workbook(out)[SHEET_RESULTS]
    row = next(r for r in ws.iter_rows(min_row=8) if r[3].value == "CP101")
    assert row[2].hyperlink.location == "'第1表'!B4"
    assert row[2].value == "B4"


class NumberHappyExcel(ProtocolOnly):
    """Like Excel through xlwings: text that looks like a number is stored as a number."""

    def write_sheet(self, name, rows, **kw):
        def excelish(v):
            if isinstance(v, str):
                try:
                    return float(v)
                except ValueError:
                    return v
            return v

        super().write_sheet(name, [[excelish(v) for v in r] for r in rows], **kw)


def test_state_survives_a_host_that_turns_text_into_numbers():
    acc = NumberHappyExcel(["第1表"])
    acc.fills[("第1表", "B4")] = "00E100"  # a green that Excel would read as 0 × 10^100
    run(acc, [F("B4")])
    run(acc, [])
    assert acc.plan_fills() == {("第1表", "B4"): "00E100"}


def test_cell_given_as_range_or_absolute_reference():
    acc = ProtocolOnly(["第1表"])
    run(acc, [F("B11:L11"), F("$B$4", "CP102", Severity.INFO)])
    assert set(acc.plan_fills()) == {("第1表", "B11"), ("第1表", "B4")}


def test_long_note_gets_a_box_tall_enough(plan, tmp_path):
    out = tmp_path / "o.xlsx"
    long = "とても長い指摘の文章です。" * 8
    _file_run(plan, out, [F("B4", message=long), F("B4", "CP102", message=long)])
    c = load_workbook(out)["第1表"]["B4"].comment
    assert c.author == "xl_careplan"
    # the box size is only in the VML drawing (openpyxl reads every note back as 144 × 79)
    import re
    import zipfile

    with zipfile.ZipFile(out) as z:
        vml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".vml"))
    heights = [int(h) for h in re.findall(r"height:(\d+)(?:px|pt)", vml)]
    # ≈ 2 × 104 full-width characters at ≈ 25 a line, plus the marker and 根拠 lines
    assert max(heights) >= 15 * 10
