"""Formulas keep their cached results in the annotated copy (openpyxl alone would drop them)."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

import writer_fixtures as W
from roundtrip import differences
from xl_careplan.findings import Finding, Severity
from xl_careplan.writer.cached import restore_cached_values
from xl_careplan.writer.output import annotate_file


def _values(path, sheet):
    wb = load_workbook(path, data_only=True)
    return wb[sheet]


def test_openpyxl_alone_drops_cached_results(tmp_path):
    src = W.with_cached_results(tmp_path / "plan.xlsx")
    assert _values(src, "第1表")["D12"].value == 7
    wb = load_workbook(src)
    wb.save(tmp_path / "plain_save.xlsx")
    assert _values(tmp_path / "plain_save.xlsx", "第1表")["D12"].value is None  # the loss we repair
    assert any("cached result" in x for x in differences(src, tmp_path / "plain_save.xlsx"))
    assert restore_cached_values(src, tmp_path / "plain_save.xlsx") == 3
    assert _values(tmp_path / "plain_save.xlsx", "第1表")["D12"].value == 7
    assert differences(src, tmp_path / "plain_save.xlsx") == []


def test_annotated_copy_keeps_cached_results(tmp_path):
    src = W.with_cached_results(tmp_path / "plan.xlsx")
    f = Finding(file=str(src), sheet="第1表", cell="B4", rule="CP101", severity=Severity.ERROR, message="x", source="y")
    res = annotate_file(src, [f], profile="national", today=dt.date(2026, 11, 25))
    ws1, ws2 = _values(res.path, "第1表"), _values(res.path, "第2表")
    assert ws1["D12"].value == 7
    assert ws2["B2"].value == "テスト　太郎"
    assert ws2["C2"].value is True
    # formulas themselves unchanged
    assert load_workbook(res.path)["第2表"]["B2"].value == "=第1表!B4"
    # an independent reader sees the values too
    def cal(path):
        return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("第2表").to_python()

    assert cal(res.path) == cal(src)
    assert ["", "テスト　太郎", True] in cal(res.path)
    assert differences(src, res.path) == []
