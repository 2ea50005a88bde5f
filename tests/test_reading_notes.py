"""Reading notes (読み取りメモ, CP001): a part the reader cannot find is one info note, never an error,
and it shows in `read`, in `check --format json` and in the 点検結果 sheet. No finding without a place."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from click.testing import CliRunner

from xl_careplan.cli import cli as main
from xl_careplan.findings import Finding, Severity
from xl_careplan.pipeline import check_file
from xl_careplan.profiles import load_profile
from xl_careplan.rules.base import Context
from xl_careplan.rules.engine import place, run_rules

TODAY = dt.date(2026, 11, 25)


def _two_sheet_plan(path) -> str:
    """第1表 and 第2表 only (an office that keeps 第3表, 第4表, assessment and monitoring in other files)."""
    wb = openpyxl.Workbook()
    s1 = wb.active
    s1.title = "計画書1"
    rows1 = [
        ("作成日", "令和8年4月10日"), ("利用者名", "試験 一郎"), ("要介護状態区分", "要介護1"),
        ("認定の有効期間", "令和8年4月1日～令和9年3月31日"), ("利用者及び家族の生活に対する意向", "家で暮らしたい"),
        ("総合的な援助の方針", "自宅での生活が続くよう支援します。緊急時は長男へ連絡します。"), ("説明・同意日", "令和8年4月14日"),
    ]
    for i, (k, v) in enumerate(rows1, start=2):
        s1.cell(i, 1, k)
        s1.cell(i, 3, v)
    s2 = wb.create_sheet("計画書2")
    head = ["生活全般の解決すべき課題（ニーズ）", "長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1",
            "サービス種別", "※2", "頻度", "期間"]
    for c, h in enumerate(head, start=1):
        s2.cell(3, c, h)
    s2.append(["お風呂に安全に入りたい", "見守りで入浴できる", "R8.4.15～R9.3.31", "デイで週2回入浴する", "R8.4.15～R8.10.14",
               "入浴の介助", "○", "通所介護", "試験デイ", "週2回", "R8.4.15～R8.10.14"])
    p = path / "two_sheets.xlsx"
    wb.save(p)
    return str(p)


@pytest.fixture
def two_sheets(tmp_path):
    return _two_sheet_plan(tmp_path)


def test_missing_parts_give_one_info_note_and_no_dependent_errors(two_sheets):
    res = check_file(two_sheets, load_profile("national"), TODAY)
    assert res.error is None
    notes = [f for f in res.findings if f.rule == "CP001"]
    assert len(notes) == 1 and notes[0].severity is Severity.INFO
    for part in ("第3表", "第4表", "アセスメント", "モニタリング"):
        assert part in notes[0].message
    assert "layout" not in notes[0].message and "[table4]" in (notes[0].hint or "")
    assert not [f for f in res.findings if f.rule in ("CP170", "CP171", "CP160")]
    assert all(f.sheet and f.cell for f in res.findings), [(f.rule, f.sheet, f.cell) for f in res.findings]


def test_read_shows_map_and_notes(two_sheets):
    out = CliRunner().invoke(main, ["read", two_sheets]).output
    assert "■ ブックの地図" in out and "第2表: シート「計画書2」" in out and "見出し 3 行目" in out
    assert "■ 読み取りメモ（5件）" in out and "指定のしかた: レイアウトファイルの [monitoring]" in out


def test_json_has_the_note(two_sheets):
    r = CliRunner().invoke(main, ["check", two_sheets, "--format", "json"])
    data = json.loads(r.output)
    notes = [f for f in data["findings"] if f["rule"] == "CP001"]
    assert len(notes) == 1 and notes[0]["severity"] == "info" and notes[0]["sheet"] == "計画書1" and notes[0]["cell"] == "A1"


def test_results_sheet_lists_the_note(two_sheets, tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["check", two_sheets, "--annotate", "--output", str(out)])
    assert r.exit_code in (0, 1), r.output
    (written,) = list(out.glob("*.xlsx"))
    ws = openpyxl.load_workbook(written)["点検結果"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("CP001" in t for t in texts) and any("読み取りメモ" in t for t in texts)


def test_engine_gives_every_finding_a_place(make_plan_factory=None):
    from xl_careplan.located import Loc

    home = Loc(sheet="第1表", cell="A1")
    f = Finding(file="x", rule="CP999", severity=Severity.ERROR, message="m", source="s")
    place(f, home)
    assert (f.sheet, f.cell) == ("第1表", "A1")
    g = Finding(file="x", sheet="第4表", rule="CP999", severity=Severity.ERROR, message="m", source="s")
    place(g, home)
    assert (g.sheet, g.cell) == ("第4表", "A1")


def test_a_rule_that_gives_no_loc_still_lands_somewhere(two_sheets):
    from xl_careplan.readers import read_plan_file
    from xl_careplan.rules.base import Rule

    class Nowhere(Rule):
        code, name, severity, source = "CP998", "t", Severity.ERROR, "記載要領"

        def check(self, plan, ctx):
            yield self.finding(ctx, None, "どこにもない")
            f = self.finding(ctx, None, "シートだけ")
            f.sheet, f.cell = "計画書2", None
            yield f

    plan = read_plan_file(two_sheets)
    found = run_rules(plan, [Nowhere()], Context(file="x", today=TODAY))
    assert sorted((f.sheet, f.cell) for f in found) == [("計画書1", "A1"), ("計画書2", "A1")]
