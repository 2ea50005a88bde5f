"""Batch end to end: a folder with good, bad and broken files through `xl-careplan check DIR`.

Uses the real readers and rules on the samples (and the template as a plan with blanks).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xl_careplan import batch, report
from xl_careplan.cli import cli
from xl_careplan.record import dump

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 25)
TEMPLATE = ROOT / "templates" / "居宅サービス計画書.xlsx"
KEY = "batch-test-key"



@pytest.fixture(autouse=True)
def pool_even_for_small_batches(monkeypatch):
    """These folders are small: make run_batch use worker processes anyway, so the pool path is tested."""
    monkeypatch.setattr(batch, "MIN_FILES_PER_WORKER", 1)


@pytest.fixture(scope="module")
def classified():
    """Samples sorted by what the checker makes of them: (clean, with error findings)."""
    from xl_careplan.pipeline import check_file
    from xl_careplan.profiles import load_profile

    prof = load_profile("national")
    clean, bad = [], []
    for p in sorted((ROOT / "samples").glob("*.xlsx")):
        r = check_file(str(p), prof, TODAY)
        if r.error:
            continue
        (bad if r.has_error_finding else clean).append(p)
    return clean, bad


def _encrypted(dest: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(TEMPLATE, "rb") as fh, open(dest, "wb") as out:
        OOXMLFile(fh).encrypt("pass", out)
    return dest


def _not_a_plan(dest: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "買物リスト"
    ws["A1"], ws["B1"] = "品名", "数量"
    ws["A2"], ws["B2"] = "牛乳", 2
    wb.save(dest)
    return dest


@pytest.fixture
def office(tmp_path, classified):
    clean, bad = classified
    assert clean and bad, "samples/ should hold plans with and without error findings"
    root = tmp_path / "office"
    (root / "担当A").mkdir(parents=True)
    (root / "担当B" / "old").mkdir(parents=True)
    for i, p in enumerate(clean[:3]):
        shutil.copy(p, root / "担当A" / f"good{i}.xlsx")
    shutil.copy(bad[0], root / "担当B" / "bad.xlsx")
    (root / "担当B" / "broken.xlsx").write_bytes(bytes(range(256)) * 8)
    (root / "担当B" / "old" / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    _encrypted(root / "担当B" / "locked.xlsx")
    _not_a_plan(root / "担当A" / "shopping.xlsx")
    shutil.copy(clean[0], root / "担当A" / "~$good0.xlsx")
    shutil.copy(clean[0], root / "担当A" / ".hidden.xlsx")
    return root


def run(*args):
    res = CliRunner().invoke(cli, ["check", *map(str, args), "--today", TODAY.isoformat()])
    return res


def test_full_folder_report_and_exit_2(office, tmp_path):
    rep = tmp_path / "集計表.xlsx"
    res = run(office, "--jobs", "2", "--format", "json", "--report", rep)
    assert res.exit_code == 2, res.output
    data = json.loads(res.stdout)
    unreadable = sorted(Path(e["file"]).name for e in data["errors"])
    assert unreadable == ["broken.xlsx", "locked.xlsx", "old.xls", "shopping.xlsx"]
    assert all(e["message"] for e in data["errors"])
    assert data["summary"]["files"] == 8  # 3 good + bad + 4 unreadable; lock and hidden skipped
    files = {Path(f["file"]).name for f in data["findings"]} | set(unreadable)
    assert "~$good0.xlsx" not in files and ".hidden.xlsx" not in files
    for f in data["findings"]:
        assert {"file", "sheet", "cell", "rule", "severity", "message", "source"} <= set(f)

    wb = openpyxl.load_workbook(rep)
    assert wb.sheetnames == list(report.SHEETS)
    summary = "\n".join(str(v) for row in wb["概要"].iter_rows(values_only=True) for v in row if v is not None)
    for name in unreadable:
        assert name in summary
    assert "パスワード" in summary and "古い形式" in summary
    assert "~$good0.xlsx" in summary and "ロックファイル" in summary  # skipped files listed with the reason
    assert "ロックファイル 1 件" in res.stderr and "隠しファイル 1 件" in res.stderr
    plans = list(wb["計画別"].iter_rows(min_row=4, values_only=True))
    assert len(plans) == 8
    assert wb["ルール別"]._charts and wb["特定事業所集中"]._charts is not None


def test_only_findings_exit_1(office):
    for name in ["broken.xlsx", "locked.xlsx", "old/old.xls"]:
        (office / "担当B" / name).unlink()
    (office / "担当A" / "shopping.xlsx").unlink()
    res = run(office, "--jobs", "2")
    assert res.exit_code == 1, res.output
    assert "合計 4 ファイル" in res.stdout


def test_clean_folder_exit_0(office):
    res = run(office / "担当A" / "good0.xlsx", office / "担当A" / "good1.xlsx", "--jobs", "2")
    assert res.exit_code == 0, res.output


def test_missing_folder_and_empty_folder_exit_2(tmp_path):
    assert run(tmp_path / "nope").exit_code == 2
    (tmp_path / "empty").mkdir()
    res = run(tmp_path / "empty")
    assert res.exit_code == 2 and "見つかりませんでした" in res.stderr


def _key(r):
    return (r.file, r.error, [dump(f) for f in r.findings],
            dump(r.plan) if r.plan is not None else None)


def test_parallel_equals_sequential(office):
    files = batch.discover([office])
    seq = batch.run_batch(files, profile_name="national", today=TODAY, jobs=1, progress=False)
    par = batch.run_batch(files, profile_name="national", today=TODAY, jobs=2, progress=False)
    assert [str(f) for f in files] == [r.file for r in par]
    assert [_key(r) for r in seq] == [_key(r) for r in par]


def test_annotated_copies_mirror_the_tree(office, tmp_path):
    out = tmp_path / "out"
    res = run(office, "--jobs", "2", "--annotate", "--output", out)
    assert res.exit_code == 2
    assert (out / "担当A" / "good0_点検済.xlsx").is_file()
    assert (out / "担当B" / "bad_点検済.xlsx").is_file()
    assert not (out / "担当B" / "broken_点検済.xlsx").exists()
    # a second run over the office folder does not pick up anything from inside OUTDIR or the copies
    assert not any(p.name.endswith("_点検済.xlsx") for p in batch.discover([office]))


def test_mask_in_report_no_real_names(office, tmp_path, monkeypatch):
    monkeypatch.setenv("XL_CAREPLAN_MASK_KEY", KEY)
    files = batch.discover([office])
    results = batch.run_batch(files, profile_name="national", today=TODAY, jobs=2, progress=False)
    names = {r.plan.table1.user_name.value for r in results if r.plan and r.plan.table1.user_name.value}
    assert names
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run(office, "--jobs", "2", "--report", a, "--mask").exit_code == 2
    assert run(office, "--jobs", "2", "--report", b, "--mask").exit_code == 2

    def text(p):
        wb = openpyxl.load_workbook(p)
        return "\n".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)

    ta = text(a)
    for n in names:
        assert n not in ta
        assert report.Masker(True, KEY.encode()).user(n) in ta
    assert "担当A" not in ta and "good0" not in ta  # folder and file names hidden too
    assert ta == text(b)


def test_keep_plans_modes(office):
    files = [office / "担当A" / "good0.xlsx", office / "担当B" / "bad.xlsx"]
    full = batch.run_batch(files, profile_name="national", today=TODAY, jobs=2, progress=False)
    slim = batch.run_batch(files, profile_name="national", today=TODAY, jobs=2, progress=False, keep_plans="report")
    none = batch.run_batch(files, profile_name="national", today=TODAY, jobs=1, progress=False, keep_plans=False)
    assert all(r.plan is not None and r.plan.assessment is not None for r in full)
    for f, s in zip(full, slim):
        assert s.plan.table1 == f.plan.table1 and s.plan.table2 == f.plan.table2
        assert s.plan.monitoring == f.plan.monitoring
        assert s.plan.assessment is None and s.plan.table3 is None and s.plan.table4 is None
        assert s.findings == f.findings
    assert all(r.plan is None for r in none) and [r.findings for r in none] == [r.findings for r in full]


def test_progress_line_on_a_terminal_only(office):
    import os
    import pty
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "xl_careplan.cli", "check", str(office / "担当A"), "--jobs", "2",
           "--today", TODAY.isoformat()]
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=slave, timeout=120)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    tty_err = b"".join(chunks).decode("utf-8", "replace")
    assert "点検中 4/4 件" in tty_err
    assert "点検中" not in proc.stdout.decode("utf-8")
    piped = subprocess.run(cmd, capture_output=True, timeout=120)
    assert "点検中".encode() not in piped.stderr
