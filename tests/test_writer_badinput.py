"""Bad input on the check / annotate / schedule paths: each gets a clear Japanese message, never a crash.

A value at XFD1048576 (calamine would allocate the whole sheet and abort), a zip bomb, formula
errors (#REF!), our own _点検済 copy named on the command line, a refused write's exit code.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import writer_fixtures as W
from xl_careplan import batch, pipeline
from xl_careplan.errors import WorkbookReadError
from xl_careplan.profiles import load_profile
from xl_careplan.reading import MAX_PART_BYTES, load_workbook_grid

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "08_missing_service_fields.xlsx"
TODAY = "2026-11-25"
CLI = [sys.executable, "-m", "xl_careplan.cli"]


# The child reports its own peak memory (VmHWM of its own address space) when it exits. ru_maxrss is no
# measure here: Linux keeps the forked parent's peak across exec, so a big test process would show through.
_PEAK = (
    "import atexit, os, runpy, sys\n"
    "def _peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            open(os.environ['XLCP_TEST_PEAK'], 'w').write(line.split()[1])\n"
    "atexit.register(_peak)\n"
    "sys.argv = ['xl-careplan'] + sys.argv[1:]\n"
    "runpy.run_module('xl_careplan.cli', run_name='__main__')\n"
)


def _run(*args: str, cwd: Path) -> tuple[int, str, dict]:
    """Run the command line in a child process; (exit code, stdout+stderr, the child's own peak memory)."""
    peak = (Path(cwd) / ".peak").resolve()
    env = dict(os.environ, XLCP_TEST_PEAK=str(peak))
    proc = subprocess.run([sys.executable, "-c", _PEAK, *args], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.decode("utf-8", "replace")
    usage = {"maxrss_mb": int(peak.read_text()) / 1024 if peak.exists() else float("nan")}
    peak.unlink(missing_ok=True)
    return proc.returncode, out, usage


@pytest.fixture
def far_cell(tmp_path) -> Path:
    return W.set_cells(shutil.copy(SAMPLE, tmp_path / "far.xlsx"), "第1表", {"XFD1048576": '<c r="XFD1048576"><v>1</v></c>'})


def test_far_cell_is_refused_before_calamine_allocates(far_cell):
    with pytest.raises(WorkbookReadError) as e:
        load_workbook_grid(far_cell)
    assert "XFD1048576" in str(e.value) and "第1表" in str(e.value) and "far.xlsx" in str(e.value)


@pytest.mark.parametrize("args", [["check"], ["check", "--annotate"], ["schedule", "--annotate"]])
def test_far_cell_gives_a_message_not_an_abort(far_cell, args):
    code, out, _ = _run(*args, str(far_cell), "--today", TODAY, cwd=far_cell.parent)
    assert code == 2, out
    assert "XFD1048576" in out and "大きすぎる" in out
    assert "panicked" not in out and "Traceback" not in out
    assert sorted(p.name for p in far_cell.parent.iterdir()) == ["far.xlsx"]  # nothing written


def test_style_only_far_cell_is_fine(tmp_path):
    """Formatting a whole sheet (no values) costs calamine nothing and is read as usual."""
    p = W.set_cells(shutil.copy(SAMPLE, tmp_path / "s.xlsx"), "第1表", {"XFD1048576": '<c r="XFD1048576" s="1"/>'})
    assert load_workbook_grid(p).sheet("第1表").value(4, 2)


def test_zip_bomb_is_refused_with_bounded_memory(tmp_path):
    p = shutil.copy(SAMPLE, tmp_path / "bomb.xlsx")
    member = W.sheet_member(p, "第1表")
    mb = MAX_PART_BYTES // 2**20 + 60
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename != member:
                out.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with out.open(member, "w", force_zip64=True) as fh:  # whitespace between rows is legal XML
                fh.write(head + b"<sheetData>")
                block = b" " * 2**20
                for _ in range(mb):
                    fh.write(block)
                fh.write(tail)
    assert p.stat().st_size < 2 * 2**20
    for args in (["check"], ["check", "--annotate"]):
        code, out, usage = _run(*args, str(p), "--today", TODAY, cwd=tmp_path)
        assert code == 2, out
        assert "展開すると大きすぎる" in out and "bomb.xlsx" in out
        assert usage["maxrss_mb"] < 400, usage  # the part was never inflated (nan: the child did not report)


def test_formula_errors_are_reading_doubts_not_blanks(tmp_path):
    p = W.set_cells(shutil.copy(SAMPLE, tmp_path / "e.xlsx"), "第1表", {
        "B4": '<c r="B4" t="e"><f>#REF!</f><v>#REF!</v></c>',
        "K1": '<c r="K1" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    })
    r = pipeline.check_file(str(p), load_profile("national"), dt.date(2026, 11, 25))
    at = {(f.cell, f.rule): f for f in r.findings if f.sheet == "第1表"}
    for cell, err in (("B4", "#REF!"), ("K1", "#DIV/0!")):
        rules = {rule for c, rule in at if c == cell}
        assert rules == {"CP102"}, rules
        assert err in at[(cell, "CP102")].message
        assert not any("空欄" in f.message for f in r.findings if f.cell == cell)


def test_our_annotated_copy_can_be_checked_by_name(tmp_path):
    src = shutil.copy(SAMPLE, tmp_path / "plan.xlsx")
    code, out, _ = _run("check", str(src), "--annotate", "--today", TODAY, cwd=tmp_path)
    copy = tmp_path / "plan_点検済.xlsx"
    assert copy.is_file(), out
    assert batch.discover([copy]) == [copy]
    assert batch.discover([tmp_path]) == [src]  # in a folder, our outputs are still skipped
    code, out, _ = _run("check", str(copy), "--today", TODAY, cwd=tmp_path)
    assert code in (0, 1), out
    assert "見つかりませんでした" not in out and "plan_点検済.xlsx" in out


def test_check_annotate_exits_2_when_the_write_is_refused(tmp_path):
    from openpyxl import load_workbook

    p = tmp_path / "own.xlsx"
    wb = load_workbook(SAMPLE)
    wb.create_sheet("点検結果")["A1"] = "自分でつけた点検の記録"
    wb.save(p)
    code, out, _ = _run("check", str(p), "--annotate", "--today", TODAY, cwd=tmp_path)
    assert code == 2, out
    assert "点検結果" in out and "上書きしませんでした" in out
