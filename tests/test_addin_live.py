"""LiveWorkbook and the button's run_on_caller, on the in-memory xlwings stand-in (no Excel needed)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
from pathlib import Path

import pytest

from fake_xlwings import App, Book
from xl_careplan.addin import flow
from xl_careplan.addin import live as L
from xl_careplan.addin.live import CONF_SHEET, LiveWorkbook, merged_areas, run_on_caller
from xl_careplan.findings import Severity
from xl_careplan.reading import load_workbook_grid

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "templates" / "居宅サービス計画書.xlsx"
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="session")
def samples(tmp_path_factory) -> Path:
    """samples/*.xlsx when generated, else the few we need, built by scripts/make_samples.py."""
    wanted = ["03_other_layout_wareki.xlsx", "07_period_and_dates.xlsx", "10_acknowledged_deviation.xlsx"]
    here = ROOT / "samples"
    if all((here / w).exists() for w in wanted):
        return here
    spec = importlib.util.spec_from_file_location("make_samples_for_addin", ROOT / "scripts" / "make_samples.py")
    ms = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ms)  # type: ignore[union-attr]
    out = tmp_path_factory.mktemp("samples")
    for s in ms.SAMPLES:
        if s["file"] in wanted:
            ms.save_deterministic(ms.build(s), out / s["file"], modified=ms.FIXED_TIME)
    return out


# --------------------------------------------------------------------------- the stand-in itself


def test_stand_in_follows_xlwings_value_shapes():
    b = Book()
    sh = b.sheets[0]
    sh["B2"].value = [[1, "a"], [2, "b"]]
    assert sh["B2"].value == 1.0  # one cell: a scalar (numbers are doubles)
    assert sh["B2:C2"].value == [1.0, "a"]  # one row: 1-D
    assert sh["B2:B3"].value == [1.0, 2.0]  # one column: 1-D
    assert sh["B2:C3"].value == [[1.0, "a"], [2.0, "b"]]
    assert sh["B2"].options(ndim=2).value == [[1.0]]
    used = sh.used_range
    assert (used.row, used.column, used.shape) == (2, 2, (2, 2))  # not from A1
    sh["A1"].value = "'000123"
    sh["A2"].value = "000123"
    assert sh["A1"].value == "000123" and sh["A2"].value == 123.0
    with pytest.raises(ValueError):
        sh["A5"].value = [[1, 2], [3]]


def test_stand_in_merge_cells_is_true_false_or_mixed():
    sh = Book().sheets[0]
    sh["B2:C3"].merge()
    assert sh["B2:C3"].merge_cells is True
    assert sh["D2:E3"].merge_cells is False
    assert sh["A1:C3"].merge_cells is None
    assert sh["C3"].merge_area.address == "$B$2:$C$3"
    assert sh["D4"].merge_area.address == "$D$4"


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize("name", ["template", "03_other_layout_wareki.xlsx", "07_period_and_dates.xlsx"])
def test_grid_equals_the_file_readers_grid(name, samples):
    path = TEMPLATE if name == "template" else samples / name
    book = Book.from_xlsx(path)
    live = LiveWorkbook(book).grid()
    disk = load_workbook_grid(path)
    assert live.sheet_names == disk.sheet_names
    for s in disk.sheets:
        ls = live.sheet(s.name)
        assert ls.cells == s.cells, s.name
        assert sorted(ls.merged) == sorted(s.merged), s.name
    assert live.names == disk.names


def test_grid_stays_within_a_call_budget():
    """Bulk reads: ~920 cross-process calls for our 7-sheet template's values and merges, ~400 more for its hidden
    rows and columns (its rows differ in height, so the bisection goes down to runs of equal rows); cell by cell
    would be ~3,000 for the values and merges alone."""
    book = Book.from_xlsx(TEMPLATE)
    LiveWorkbook(book).grid()
    calls = book.calls
    assert calls <= 1400
    cells = sum(
        (s.used_range.r2 - s.used_range.r1 + 1) * (s.used_range.c2 - s.used_range.c1 + 1) for s in book._sheets
    )
    assert calls < 1.25 * cells  # cell by cell: 3 calls a cell


@pytest.mark.parametrize("mixed", [None, True])
def test_merged_areas_finds_random_merges(mixed):
    """Whether Excel answers a mixed block with Null (None) or True, only False is trusted as 'none'."""
    rng = random.Random(7)
    for _ in range(40):
        book = Book()
        book.mixed_merge_state = mixed
        sh = book.sheets[0]
        truth = []
        for _ in range(rng.randint(0, 12)):
            r, c = rng.randint(1, 30), rng.randint(1, 12)
            h, w = rng.randint(1, 4), rng.randint(1, 5)
            area = (r, c, r + h - 1, c + w - 1)
            if area[:2] == area[2:]:
                continue
            if any(not (a[2] < area[0] or a[0] > area[2] or a[3] < area[1] or a[1] > area[3]) for a in truth):
                continue
            sh._merges.append(area)
            truth.append(area)
        assert merged_areas(sh, 1, 1, 34, 16) == sorted(truth)


def test_values_are_normalised_like_the_file_reader():
    assert L.clean_value(3.0) == 3 and isinstance(L.clean_value(3.0), int)
    assert L.clean_value(2.5) == 2.5
    assert L.clean_value(dt.datetime(1899, 12, 30, 10, 30)) == dt.time(10, 30)
    assert L.clean_value(dt.datetime(2026, 11, 25)) == dt.date(2026, 11, 25)
    assert L.clean_value(dt.datetime(2026, 11, 25, 14, 0)) == dt.datetime(2026, 11, 25, 14, 0)
    assert L.clean_value("  ") is None


# --------------------------------------------------------------------------- writing


def test_notes_fills_and_values():
    book = Book(sheet_names=("第1表",))
    lw = LiveWorkbook(book)
    assert lw.get_note("第1表", "B3") is None
    lw.set_note("第1表", "B3", "一行目\n二行目")
    assert lw.get_note("第1表", "B3") == "一行目\n二行目"
    lw.set_note("第1表", "B3", "置き換え")
    assert lw.get_note("第1表", "B3") == "置き換え"
    lw.set_note("第1表", "B3", None)
    assert lw.get_note("第1表", "B3") is None
    lw.set_note("第1表", "B3", None)  # deleting nothing is fine

    assert lw.get_fill("第1表", "C4") is None
    lw.set_fill("第1表", "C4", "e89a9a")
    assert lw.get_fill("第1表", "C4") == "E89A9A"
    lw.set_fill("第1表", "C4", None)
    assert lw.get_fill("第1表", "C4") is None

    # text stays text: Excel would otherwise make a number, a date or a formula of these
    for i, text in enumerate(["000000", "2026-11-25", "=SUM(A1:A3)", "'quoted", "1e5"], start=1):
        lw.set_value("第1表", f"A{i}", text)
        assert book.sheets["第1表"][f"A{i}"].value == text
    lw.set_value("第1表", "B1", dt.date(2026, 12, 1))
    assert book.sheets["第1表"]["B1"].value == dt.datetime(2026, 12, 1)


def test_fill_covers_a_merged_cell():
    book = Book(sheet_names=("第1表",))
    sh = book.sheets["第1表"]
    sh["B2"].value = "総合的な援助の方針"
    sh["B2:F3"].merge()
    lw = LiveWorkbook(book)
    lw.grid()
    lw.set_fill("第1表", "B2", "FFD966")
    assert all(sh._fills.get((r, c)) == (0xFF, 0xD9, 0x66) for r in (2, 3) for c in range(2, 7))


def test_write_sheet_creates_replaces_links_and_hides():
    book = Book(sheet_names=("第1表", "第2表"))
    lw = LiveWorkbook(book, platform="win32")
    rows = [["点検結果"], ["重要度", "シート", "セル"], ["エラー", "第1表", "B3"], [], ["000000", 5, dt.date(2026, 1, 2)]]
    lw.write_sheet("点検結果", rows, links={"C3": "'第1表'!B3"}, col_widths={"A": 9, "E": 50})
    sh = book.sheets["点検結果"]
    assert sh["C3"].hyperlink == "#'第1表'!B3" and sh["C3"].value == "B3"
    assert sh._widths[1] == 9 and sh._widths[5] == 50
    assert lw.read_sheet("点検結果") == [
        ["点検結果", None, None], ["重要度", "シート", "セル"], ["エラー", "第1表", "B3"], [None, None, None],
        ["000000", 5, dt.date(2026, 1, 2)],
    ]
    # written after the last visible sheet
    assert [s.name for s in book.sheets] == ["第1表", "第2表", "点検結果"]
    # a second write replaces everything of the first
    lw.write_sheet("点検結果", [["新しい"]])
    assert lw.read_sheet("点検結果") == [["新しい"]]
    assert sh._links == {} and sh["C3"].value is None
    # hidden: very hidden on Windows, hidden elsewhere
    lw.write_sheet("_state", [["a"]], hidden=True)
    assert book.sheets["_state"].api.Visible == 2
    mac = LiveWorkbook(book, platform="darwin")
    mac.write_sheet("_state2", [["a"]], hidden=True)
    assert book.sheets["_state2"].visible == 0 and book.sheets["_state2"].api.Visible == 0
    # rewriting a very hidden sheet as visible shows it again (COM reports 2, which is truthy)
    lw.write_sheet("_state", [["b"]])
    assert book.sheets["_state"].visible == -1
    # a new sheet goes after the last *visible* sheet
    lw.write_sheet("後から", [["c"]])
    names = [s.name for s in book.sheets]
    assert names.index("後から") == names.index("_state") + 1
    assert lw.read_sheet("ない") is None


def test_grid_is_kept_in_step_with_our_writes(samples):
    book = Book.from_xlsx(samples / "07_period_and_dates.xlsx")
    lw = LiveWorkbook(book)
    lw.grid()
    lw.set_value("モニタリング", "A40", dt.date(2026, 12, 15))
    lw.set_value("モニタリング", "B40", "モニタリング訪問")
    lw.write_sheet("点検結果", [["x", 1.0]])
    kept = lw.grid()
    fresh = LiveWorkbook(book).grid()
    assert kept.sheet_names == fresh.sheet_names
    for s in fresh.sheets:
        assert kept.sheet(s.name).cells == s.cells, s.name


# --------------------------------------------------------------------------- the button


def _file_findings(path: Path, profile: str = "national"):
    from xl_careplan.pipeline import check_file
    from xl_careplan.profiles import load_profile

    return check_file(str(path), load_profile(profile), TODAY)


def test_run_on_caller_checks_writes_and_says_so(samples):
    path = samples / "07_period_and_dates.xlsx"
    book = Book.from_xlsx(path)
    first_sheet = book.sheets.active
    result = run_on_caller(book, today=TODAY, platform="win32")
    assert result.ok, result.message
    alert = book.app.alerts[-1]
    assert alert["mode"] == "info" and alert["title"] == "ケアプラン点検"
    assert alert["prompt"].startswith("点検が終わりました。") and "「点検結果」シート" in alert["prompt"]
    # the same problems as the command line finds in the file
    file_result = _file_findings(path)
    assert file_result.error is None
    assert result.counts == {s.value: file_result.count(s) for s in Severity if file_result.count(s)}
    assert result.counts.get("error", 0) > 0  # sample 07 has planted errors
    assert f"エラー {result.counts.get('error', 0)} 件" in alert["prompt"]
    names = [s.name for s in book.sheets]
    assert "点検結果" in names
    # each located error has a note and a fill on its cell
    for f in file_result.problems:
        if f.sheet and f.cell and f.sheet in names:
            sh = book.sheets[f.sheet]
            assert sh[f.cell].note is not None and f.rule in sh[f.cell].note.text
            assert sh[f.cell].color is not None
    # the user is left where they were, with the screen updating again
    assert book.sheets.active is first_sheet
    assert book.app.screen_updating is True


def test_running_twice_gives_the_same_workbook(samples):
    book = Book.from_xlsx(samples / "07_period_and_dates.xlsx")
    r1 = run_on_caller(book, today=TODAY, platform="win32")
    snap = book.snapshot()
    r2 = run_on_caller(book, today=TODAY, platform="win32")
    assert book.snapshot() == snap
    assert (r1.counts, r1.acknowledged) == (r2.counts, r2.acknowledged)
    assert r2.schedule_written == 0  # the monitoring dates are already there
    assert book.app.alerts[0]["prompt"].split("\n")[0] == book.app.alerts[1]["prompt"].split("\n")[0]


def test_live_and_file_annotations_agree(samples, tmp_path):
    """The button and `check --annotate` share the annotator: same notes and fills on the same cells."""
    from xl_careplan.writer.annotate import annotate
    from xl_careplan.writer.editor import PackageWorkbook as FileWorkbook

    path = samples / "07_period_and_dates.xlsx"
    findings = _file_findings(path).findings
    fw = FileWorkbook(path)
    annotate(fw, findings, profile="national", tool_version="t", today=TODAY)
    book = Book.from_xlsx(path)
    lw = LiveWorkbook(book)
    annotate(lw, findings, profile="national", tool_version="t", today=TODAY)
    assert lw.read_sheet("点検結果") == [
        [None if v == "" else v for v in row] + [None] * (len(lw.read_sheet("点検結果")[0]) - len(row))
        for row in _trimmed(fw.read_sheet("点検結果"))
    ]
    for f in findings:
        if f.sheet and f.cell and not f.acknowledged:
            assert lw.get_note(f.sheet, f.cell) == fw.get_note(f.sheet, f.cell)
            assert lw.get_fill(f.sheet, f.cell) == fw.fill_rgb(f.sheet, f.cell)
    fw.close()


def _trimmed(rows):
    rows = [list(r) for r in rows]
    while rows and all(v in (None, "") for v in rows[-1]):
        rows.pop()
    return rows


def test_acknowledged_deviation_is_counted_not_coloured(samples):
    book = Book.from_xlsx(samples / "10_acknowledged_deviation.xlsx")
    sh = book.sheets.add(CONF_SHEET, after=book.sheets[-1])
    sh["A1"].value = [["PROFILE", "asahikawa"]]
    result = run_on_caller(book, today=TODAY, platform="win32")
    assert result.ok and result.profile == "asahikawa"
    assert result.acknowledged >= 1
    assert "理由が記入済みの指摘" in book.app.alerts[-1]["prompt"]


def test_profile_setting_comes_from_the_addin_then_the_plan(samples):
    app = App()
    addin = Book("xl_careplan.xlam", app=app, sheet_names=(CONF_SHEET,))
    addin.sheets[CONF_SHEET]["A1"].value = [["Interpreter_Win", r"C:\py\python.exe"], ["PROFILE", "nayoro"]]
    book = Book.from_xlsx(samples / "07_period_and_dates.xlsx", app=app)
    assert L.read_settings(book)["PROFILE"] == "nayoro"
    assert run_on_caller(book, today=TODAY).profile == "nayoro"
    # xlwings' generic sheet name belongs to any xlwings tool: not ours, ignored
    generic = book.sheets.add("xlwings.conf", after=book.sheets[-1])
    generic["A1"].value = [["profile", "asahikawa"]]
    assert run_on_caller(book, today=TODAY).profile == "nayoro"
    own = book.sheets.add(CONF_SHEET, after=book.sheets[-1])
    own["A1"].value = [["profile", "Asahikawa"]]
    assert L.read_settings(book)["PROFILE"] == "nayoro"  # the add-in's own; the plan's sheet is flow's business
    result = run_on_caller(book, today=TODAY)
    assert result.profile == "asahikawa" and result.plan_settings == {"PROFILE": "asahikawa"}
    # said in the message and on the 点検結果 sheet: a received plan's choice is never silent
    assert f"シート「{CONF_SHEET}」の設定（PROFILE=asahikawa）" in book.app.alerts[-1]["prompt"]
    assert f"ブックのシート「{CONF_SHEET}」で指定" in LiveWorkbook(book).read_sheet("点検結果")[2][1]


def test_a_workbook_without_a_plan_gets_a_clear_message_and_is_left_alone():
    book = Book("家計簿.xlsx", sheet_names=("Sheet1",))
    book.sheets[0]["A1"].value = [["日付", "金額"], ["2026-11-01", 1200]]
    before = book.snapshot()
    result = run_on_caller(book, today=TODAY)
    assert not result.ok
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical"
    assert "点検できませんでした" in alert["prompt"] and "家計簿.xlsx" in alert["prompt"]
    assert "Traceback" not in alert["prompt"]
    assert book.snapshot() == before


def test_an_unexpected_error_is_an_alert_not_a_traceback(samples, monkeypatch, tmp_path):
    def boom(*a, **k):
        raise KeyError("山田太郎")  # a value that must not reach the log

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)

    monkeypatch.setattr(flow, "check_workbook", boom)
    book = Book.from_xlsx(samples / "07_period_and_dates.xlsx")
    result = run_on_caller(book, today=TODAY)
    assert not result.ok and "予期しないエラー" in result.message and "KeyError" in result.message
    assert book.app.alerts[-1]["mode"] == "critical"
    assert book.app.screen_updating is True
    log = (tmp_path / flow.ERROR_LOG).read_text(encoding="utf-8")
    assert "KeyError" in log and "boom" in log and str(tmp_path / flow.ERROR_LOG) in result.message
    assert "山田" not in log


def test_the_ribbon_entry_point_uses_the_calling_book(samples, monkeypatch):
    """What RunPython runs: ``import xl_careplan; xl_careplan.main()`` with xlwings' Book.caller()."""
    import xlwings as xw

    import xl_careplan

    book = Book.from_xlsx(samples / "03_other_layout_wareki.xlsx")
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: book))
    xl_careplan.main()
    assert book.app.alerts and book.app.alerts[-1]["mode"] == "info"
    assert "点検結果" in [s.name for s in book.sheets]


def test_a_bad_profile_setting_is_reported_not_raised(samples):
    book = Book.from_xlsx(samples / "07_period_and_dates.xlsx")
    conf = book.sheets.add(CONF_SHEET, after=book.sheets[-1])
    conf["A1"].value = [["PROFILE", "nosuch"]]
    before = book.snapshot()
    result = run_on_caller(book, today=TODAY)
    assert not result.ok
    assert "プロファイル「nosuch」はありません" in book.app.alerts[-1]["prompt"]
    assert book.snapshot() == before


def test_layout_setting_is_used_for_an_offices_own_form(samples, tmp_path):
    layout = tmp_path / "layout.toml"
    layout.write_text('[table1]\nuser_name = "第1表!B4"\n', encoding="utf-8")
    book = Book.from_xlsx(samples / "07_period_and_dates.xlsx")
    conf = book.sheets.add(CONF_SHEET, after=book.sheets[-1])
    conf["A1"].value = [["LAYOUT", str(layout)]]
    result = run_on_caller(book, today=TODAY)
    assert result.ok and result.layout is not None and "layout-file" in result.layout
    conf["A1"].value = [["LAYOUT", str(tmp_path / "missing.toml")]]
    result = run_on_caller(book, today=TODAY)
    assert not result.ok and "レイアウトファイルが見つかりません" in book.app.alerts[-1]["prompt"]


def test_the_click_flow_is_the_same_on_any_workbook_access(samples, tmp_path):
    """flow.click is the one click flow: on a file (FileWorkbook) it finds what the Excel button finds."""
    import shutil

    from xl_careplan.writer.editor import PackageWorkbook as FileWorkbook

    src = samples / "07_period_and_dates.xlsx"
    book = Book.from_xlsx(src)
    live = run_on_caller(book, today=TODAY, platform="win32")
    copy = tmp_path / src.name
    shutil.copy(src, copy)
    fw = FileWorkbook(copy)
    on_file = flow.click(fw, today=TODAY, settings={})
    assert on_file.ok, on_file.message
    assert (on_file.counts, on_file.acknowledged, on_file.schedule_written) == (
        live.counts, live.acknowledged, live.schedule_written)
    assert on_file.message == book.app.alerts[-1]["prompt"]
    assert fw.read_sheet("点検結果")[0][0] == "点検結果（xl_careplan）"
    fw.close()


def test_settings_rows_are_read_down_to_the_first_blank_key():
    rows = [["profile", "nayoro"], ["Layout", None], [None, "x"], ["PROFILE", "asahikawa"]]
    assert flow.settings_from_rows(rows) == {"PROFILE": "nayoro", "LAYOUT": ""}
    assert flow.settings_from_rows(None) == {}


@pytest.mark.parametrize("key, value", [("LAYOUT", r"\\attacker.example\share\layout.toml"),
                                        ("PROFILE", "//attacker.example/share/p.toml"),
                                        ("LAYOUT", "file://attacker.example/x.toml")])
def test_a_plans_settings_sheet_cannot_point_at_another_machine(samples, key, value):
    """Opening \\\\server\\share would make Windows send the user's credentials there: refused, nothing written."""
    book = Book.from_xlsx(samples / "07_period_and_dates.xlsx")
    conf = book.sheets.add(CONF_SHEET, after=book.sheets[-1])
    conf["A1"].value = [[key, value]]
    before = book.snapshot()
    result = run_on_caller(book, today=TODAY)
    assert not result.ok
    assert "ネットワーク上の場所" in book.app.alerts[-1]["prompt"] and key in book.app.alerts[-1]["prompt"]
    assert book.snapshot() == before
