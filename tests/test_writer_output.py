"""annotate_file: where copies go, backups, refusal with a separate report, round trips."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

import writer_fixtures as W
from roundtrip import contract_violations, differences
from xl_careplan.errors import WriteRefusedError, XlCareplanError
from xl_careplan.fields import SHEET_RESULTS
from xl_careplan.findings import Finding, Severity
from xl_careplan.writer.annotate import NOTE_MARKER, SEVERITY_FILL, STATE_SHEET
from xl_careplan.writer.output import annotate_file

TODAY = dt.date(2026, 11, 25)
ROOT = Path(__file__).parent.parent


def _findings(path, sheet="第1表"):
    return [
        Finding(file=str(path), sheet=sheet, cell="B4", rule="CP101", severity=Severity.ERROR,
                message="利用者名が空欄です", source="老企第29号 第1表", hint="利用者名を記入してください"),
        Finding(file=str(path), sheet=sheet, cell="B8", rule="CP120", severity=Severity.WARNING,
                message="要介護状態区分を確認してください", source="市の運用"),
        Finding(file=str(path), sheet=sheet, cell="B11", rule="CP130", severity=Severity.INFO,
                message="方針が短いです", source="助言"),
        Finding(file=str(path), rule="CP900", severity=Severity.WARNING, message="計画全体の指摘", source="市の運用"),
    ]


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_default_copy_next_to_the_file(tmp_path):
    src = W.plain_plan(tmp_path / "山田様_計画.xlsx")
    before = _sha(src)
    res = annotate_file(src, _findings(src), profile="national", today=TODAY)
    assert res.path == tmp_path / "山田様_計画_点検済.xlsx" and res.path.exists()
    assert res.backup is None
    assert _sha(src) == before
    wb = load_workbook(res.path)
    assert wb["第1表"]["B4"].comment.text.startswith(NOTE_MARKER)
    assert wb["第1表"]["B4"].comment.author == "xl_careplan"
    assert wb["第1表"]["B4"].fill.fgColor.rgb == "FF" + SEVERITY_FILL[Severity.ERROR]
    assert wb[STATE_SHEET].sheet_state == "veryHidden"
    assert res.summary.noted_cells == 3 and res.summary.whole_plan == 1
    assert differences(src, res.path) == []
    # no temporary files left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["山田様_計画.xlsx", "山田様_計画_点検済.xlsx"]


def test_output_dir_and_rerun_on_annotated_copy(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    out = tmp_path / "out"
    res = annotate_file(src, _findings(src), profile="national", today=TODAY, output_dir=out)
    assert res.path == out / "plan_点検済.xlsx"
    # annotating the annotated copy again keeps its name (no 「_点検済_点検済」)
    res2 = annotate_file(res.path, _findings(src)[:1], profile="national", today=TODAY, output_dir=tmp_path / "o2")
    assert res2.path.name == "plan_点検済.xlsx"
    wb = load_workbook(res2.path)
    assert wb["第1表"]["B8"].comment.text == "区分変更申請中"  # our block removed, user's note kept
    assert wb["第1表"]["B11"].fill.fgColor.rgb == "FFFFF2CC"  # the user's own fill is back
    assert differences(src, res2.path) == []


def test_in_place_backs_up_first(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    original = src.read_bytes()
    res = annotate_file(src, _findings(src), profile="national", today=TODAY, in_place=True)
    assert res.path == src
    assert res.backup is not None and res.backup.name.startswith("plan.bak-") and res.backup.suffix == ".xlsx"
    assert res.backup.read_bytes() == original
    assert SHEET_RESULTS in load_workbook(src).sheetnames
    assert differences(res.backup, src) == []


def test_same_destination_as_source_is_refused(tmp_path):
    src = W.plain_plan(tmp_path / "plan_点検済.xlsx")
    before = _sha(src)
    with pytest.raises(WriteRefusedError):
        annotate_file(src, _findings(src), profile="national", today=TODAY)
    assert _sha(src) == before


REFUSED = [W.with_users_results_sheet]


@pytest.mark.parametrize("build", REFUSED, ids=[b.__name__ for b in REFUSED])
@pytest.mark.parametrize("in_place", [False, True])
def test_refused_workbook_gets_separate_report_and_stays_untouched(build, in_place, tmp_path):
    src = build(tmp_path / "plan.xlsx")
    before = _sha(src)
    with pytest.raises(WriteRefusedError) as e:
        annotate_file(src, _findings(src), profile="national", today=TODAY, in_place=in_place)
    msg = str(e.value)
    assert str(src) in msg and "plan_点検結果.xlsx" in msg and "上書きしませんでした" in msg
    assert isinstance(e.value, XlCareplanError)
    assert _sha(src) == before
    report = tmp_path / "plan_点検結果.xlsx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx", "plan_点検結果.xlsx"]  # no copy, no backup
    wb = load_workbook(report)
    assert wb.sheetnames == [SHEET_RESULTS]
    values = [c for row in wb[SHEET_RESULTS].iter_rows(values_only=True) for c in row if c]
    assert "CP101" in values and "CP900" in values and "利用者名が空欄です" in values
    assert wb[SHEET_RESULTS]["A6"].value == "元のブック"
    assert wb[SHEET_RESULTS]["B6"].value.startswith("plan.xlsx: 「点検結果」という名前のシートが既にあり")


def test_refused_report_goes_to_output_dir(tmp_path):
    src = W.with_users_results_sheet(tmp_path / "plan.xlsx")
    with pytest.raises(WriteRefusedError):
        annotate_file(src, _findings(src), profile="national", today=TODAY, output_dir=tmp_path / "out")
    assert (tmp_path / "out" / "plan_点検結果.xlsx").exists()


KEPT = [(W.plain_plan, ".xlsx"), (W.as_xlsm, ".xlsm"), (W.with_chart, ".xlsx"), (W.with_protection, ".xlsx"),
        (W.with_conditional_format, ".xlsx"), (W.with_external_link, ".xlsx"), (W.with_checkbox, ".xlsx"),
        (W.with_threaded_comment, ".xlsx"), (W.with_image, ".xlsx"), (W.with_shape, ".xlsx"),
        (W.with_excel_chart, ".xlsx"), (W.with_x14_validation, ".xlsx"), (W.with_custom_xml, ".xlsx"),
        (W.with_printer_settings, ".xlsx"), (W.with_sparkline, ".xlsx"), (W.with_header_picture, ".xlsx"),
        (W.with_furigana, ".xlsx"), (W.with_cached_results, ".xlsx")]


@pytest.mark.parametrize("build,suffix", KEPT, ids=[b.__name__ for b, _ in KEPT])
def test_special_workbooks_round_trip(build, suffix, tmp_path):
    src = build(tmp_path / f"plan{suffix}")
    res = annotate_file(src, _findings(src), profile="national", today=TODAY)
    assert res.path.suffix == suffix
    assert differences(src, res.path) == []
    assert contract_violations(src, res.path) == []
    if suffix == ".xlsm":
        import zipfile

        with zipfile.ZipFile(res.path) as z:
            assert z.read("xl/vbaProject.bin") == W.fake_vba_project()


def test_roundtrip_helper_can_fail(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    res = annotate_file(src, _findings(src), profile="national", today=TODAY)
    wb = load_workbook(res.path)
    ws = wb["第1表"]
    ws.column_dimensions["B"].width = 5
    ws.unmerge_cells("B11:L11")
    ws["D12"] = 7
    ws.data_validations.dataValidation.clear()
    ws["B8"].comment = None
    ws.page_setup.orientation = "portrait"
    del wb.defined_names["cp_user_name"]
    wb.save(tmp_path / "broken.xlsx")
    diffs = "\n".join(differences(src, tmp_path / "broken.xlsx"))
    for expected in ("column B", "merged", "D12", "data validation", "B8: note", "page_setup", "defined names"):
        assert expected in diffs, expected


def _workbooks(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).glob("*.xls[xm]") if not p.name.startswith(("~$", ".")))


@pytest.mark.parametrize("path", _workbooks("templates") + _workbooks("samples"),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_templates_and_samples_round_trip(path, tmp_path):
    src = tmp_path / path.name
    shutil.copy(path, src)
    sheets = load_workbook(src, read_only=True).sheetnames
    findings = [Finding(file=str(src), sheet=sheets[0], cell=c, rule="CP101", severity=Severity.ERROR,
                        message="テスト", source="テスト") for c in ("A1", "B4", "K1")]
    res = annotate_file(src, findings, profile="national", today=TODAY)
    assert differences(src, res.path) == []
    assert contract_violations(src, res.path) == []
    res2 = annotate_file(res.path, findings, profile="national", today=TODAY, output_dir=tmp_path / "again")
    assert differences(res.path, res2.path) == []


def test_users_own_results_sheet_is_not_overwritten(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    wb = load_workbook(src)
    wb.create_sheet(SHEET_RESULTS)["A1"] = "事業所で作った点検結果の表"
    wb.save(src)
    before = _sha(src)
    with pytest.raises(WriteRefusedError) as e:
        annotate_file(src, _findings(src), profile="national", today=TODAY)
    assert "「点検結果」という名前のシートが既にあり" in str(e.value) and "plan_点検結果.xlsx" in str(e.value)
    assert _sha(src) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx", "plan_点検結果.xlsx"]


def test_cell_inside_a_merged_range_and_odd_references(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")  # B11:L11 is merged
    findings = [
        Finding(file="p", sheet="第1表", cell="D11", rule="CP130", severity=Severity.WARNING, message="結合内", source="s"),
        Finding(file="p", sheet="第1表", cell="XFE1", rule="CP131", severity=Severity.ERROR, message="範囲外", source="s"),
        Finding(file="p", sheet="第1表", cell="第1表", rule="CP132", severity=Severity.ERROR, message="変な参照", source="s"),
    ]
    res = annotate_file(src, findings, profile="national", today=TODAY)
    ws = load_workbook(res.path)["第1表"]
    assert "[CP130]" in ws["B11"].comment.text
    assert ws["B11"].fill.fgColor.rgb == "FF" + SEVERITY_FILL[Severity.WARNING]
    assert sorted(f.rule for f in res.summary.unplaced) == ["CP131", "CP132"]
    res2 = annotate_file(res.path, [], profile="national", today=TODAY, output_dir=tmp_path / "again")
    assert differences(src, res2.path) == []


def test_partly_formatted_text_is_kept(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")  # A13 holds red bold words inside the text
    res = annotate_file(src, _findings(src), profile="national", today=TODAY)
    assert differences(src, res.path) == []
    # openpyxl's default load would flatten it, and the comparison notices
    load_workbook(src).save(tmp_path / "flat.xlsx")
    assert any("A13: value" in d for d in differences(src, tmp_path / "flat.xlsx"))


def test_file_workbook_grid_reads_values_and_names(tmp_path):
    from xl_careplan.writer.editor import PackageWorkbook as FileWorkbook

    src = W.with_cached_results(tmp_path / "plan.xlsx")
    fw = FileWorkbook(src, label="plan.xlsx")
    g = fw.grid()
    assert g.sheet_names == ["第1表", "第2表"] == fw.sheet_names()
    t1 = g.sheet("第1表")
    assert t1.text(4, 3) == "テスト　太郎"  # C4 lies in the merged B4:C4
    assert t1.value(12, 4) == 7  # a formula's cached result, not the formula
    assert g.names["cp_user_name"] == ("第1表", 4, 2)


def test_in_place_refused_while_open_in_excel(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    (tmp_path / "~$plan.xlsx").write_bytes(b"lock")
    before = _sha(src)
    with pytest.raises(XlCareplanError) as e:
        annotate_file(src, _findings(src), profile="national", today=TODAY, in_place=True)
    assert "Excel で開かれている" in str(e.value)
    assert _sha(src) == before and not list(tmp_path.glob("plan.bak-*"))


def test_unwritable_destination_gives_a_japanese_error(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(XlCareplanError) as e:
        annotate_file(src, _findings(src), profile="national", today=TODAY, output_dir=blocker)
    assert "保存できませんでした" in str(e.value)
    assert not list(tmp_path.glob(".xlcp-*"))


def test_not_a_workbook(tmp_path):
    from xl_careplan.errors import WorkbookReadError

    src = tmp_path / "plan.xlsx"
    src.write_text("not a zip")
    with pytest.raises(WorkbookReadError):
        annotate_file(src, [], profile="national", today=TODAY)


def test_written_files_get_ordinary_permissions(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    src.chmod(0o640)
    res = annotate_file(src, _findings(src), profile="national", today=TODAY)
    assert res.path.stat().st_mode & 0o777 == 0o640
    img = W.with_users_results_sheet(tmp_path / "img.xlsx")
    with pytest.raises(WriteRefusedError):
        annotate_file(img, _findings(img), profile="national", today=TODAY)
    import os

    umask = os.umask(0o022)
    os.umask(umask)
    assert (tmp_path / "img_点検結果.xlsx").stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


def test_write_copy_returns_what_the_edit_returns_and_refuses_by_default(tmp_path):
    from xl_careplan.writer.output import write_copy

    src = W.plain_plan(tmp_path / "plan.xlsx")
    dest, backup, got = write_copy(src, lambda fw: fw.set_value("第1表", "B12", 5) or "done", suffix="_x")
    assert (dest, backup, got) == (tmp_path / "plan_x.xlsx", None, "done")
    assert load_workbook(dest)["第1表"]["B12"].value == 5 and load_workbook(src)["第1表"]["B12"].value == 3
    img = W.with_users_results_sheet(tmp_path / "box.xlsx")
    before = _sha(img)

    def refusing(fw):
        raise WriteRefusedError("書きません。")

    with pytest.raises(WriteRefusedError) as e:  # no refuse given: the plain refusal, no report file
        write_copy(img, refusing, suffix="_x")
    assert "書きません。" in str(e.value) and "元のファイルは変更していません" in str(e.value)
    assert _sha(img) == before and not (tmp_path / "box_x.xlsx").exists()


@pytest.mark.parametrize("in_place", [False, True])
def test_write_copy_edit_failures_leave_no_file(tmp_path, in_place):
    from xl_careplan.writer.output import write_copy

    src = W.plain_plan(tmp_path / "plan.xlsx")
    before = _sha(src)

    def refusing(fw):
        fw.set_value("第1表", "B12", 5)
        raise WriteRefusedError("書きません。")

    seen = []

    def refuse(why):
        seen.append(why)
        raise XlCareplanError("refused: " + why)

    with pytest.raises(XlCareplanError, match="refused: 書きません。"):
        write_copy(src, refusing, suffix="_x", in_place=in_place, refuse=refuse)

    def broken(fw):
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        write_copy(src, broken, suffix="_x", in_place=in_place)
    assert seen == ["書きません。"]
    assert _sha(src) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]  # no copy, backup or temporary file


def test_stale_temporaries_of_a_killed_run_are_swept_once_per_folder(tmp_path):
    """A named temporary left by a killed run (the fallback path) is removed by the next write into that
    folder; a fresh one (another process may be writing it) stays, and later writes do not scan again."""
    import os
    import time

    from xl_careplan.writer import atomic

    stale, fresh = tmp_path / ".xlcp-1-aaaaaa.tmp", tmp_path / ".xlcp-2-bbbbbb.tmp"
    for p in (stale, fresh):
        p.write_bytes(b"half a plan")
    old = time.time() - atomic.STALE_SECONDS - 60
    os.utime(stale, (old, old))
    atomic.place(b"one", tmp_path / "a.xlsx")
    assert not stale.exists() and fresh.exists()
    stale.write_bytes(b"half a plan")
    os.utime(stale, (old, old))
    atomic.place(b"two", tmp_path / "b.xlsx")
    assert stale.exists()  # swept already in this process: a batch does not rescan the folder per copy
    assert (tmp_path / "a.xlsx").read_bytes() == b"one" and (tmp_path / "b.xlsx").read_bytes() == b"two"
