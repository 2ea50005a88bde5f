"""Batch: discovery rules and the parallel runner (with a stand-in check_file, so no readers needed)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from pathlib import Path

import pytest

from xl_careplan import batch, pipeline
from xl_careplan.errors import XlCareplanError
from xl_careplan.findings import Finding, Severity

TODAY = dt.date(2026, 11, 25)



@pytest.fixture(autouse=True)
def pool_even_for_small_batches(monkeypatch):
    """These folders are small: make run_batch use worker processes anyway, so the pool path is tested."""
    monkeypatch.setattr(batch, "MIN_FILES_PER_WORKER", 1)


def touch(p: Path, data: bytes = b"x") -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "office"
    for rel in ["a.xlsx", "b.XLSM", "old.xls", "sub/c.xlsx", "sub/deeper/d.xlsx", "notes.txt", "~$a.xlsx",
                ".hidden.xlsx", ".hiddendir/e.xlsx", "a_点検済.xlsx", "a_点検結果.xlsx", "a.bak-20261125-101010.xlsx",
                "out/a_点検済.xlsx", "out/f.xlsx"]:
        touch(root / rel)
    return root


def rel(paths, root):
    return [p.relative_to(root).as_posix() for p in paths]


def test_discover_recursive_and_skips(tree):
    skipped: list = []
    got = batch.discover([tree], skipped=skipped)
    assert rel(got, tree) == ["a.xlsx", "b.XLSM", "old.xls", "out/f.xlsx", "sub/c.xlsx", "sub/deeper/d.xlsx"]
    reasons = {p.name: r for p, r in skipped}
    assert reasons["~$a.xlsx"] == "ロックファイル"
    assert reasons[".hidden.xlsx"] == "隠しファイル"
    assert reasons["a_点検済.xlsx"] == reasons["a_点検結果.xlsx"] == "点検結果の出力ファイル"
    assert reasons["a.bak-20261125-101010.xlsx"] == "バックアップ"
    assert "e.xlsx" not in reasons  # hidden folder is not even entered


def test_discover_excludes_output_folder_and_dedups(tree):
    got = batch.discover([tree, tree / "a.xlsx", tree / "sub"], exclude=[tree / "out"])
    assert rel(got, tree) == ["a.xlsx", "b.XLSM", "old.xls", "sub/c.xlsx", "sub/deeper/d.xlsx"]


def test_discover_explicit_file_any_extension_but_not_lock(tree):
    assert rel(batch.discover([tree / "notes.txt", tree / "~$a.xlsx"]), tree) == ["notes.txt"]


def test_discover_keeps_a_missing_path_for_the_reader_to_report(tmp_path):
    assert batch.discover([tmp_path / "nope.xlsx"]) == [tmp_path / "nope.xlsx"]


def test_missing_path_is_reported_and_the_other_files_are_still_checked(tmp_path):
    sample = Path(__file__).resolve().parents[1] / "samples" / "09_seikatsu_enjo_over.xlsx"
    files = batch.discover([tmp_path / "nope.xlsx", sample])
    results = batch.run_batch(files, profile_name="national", today=dt.date(2026, 11, 25), jobs=1, progress=False)
    assert "見つかりません" in results[0].error and "nope.xlsx" in results[0].error
    assert results[1].error is None and any(f.rule == "CP142" for f in results[1].findings)


def test_mirror_dir(tmp_path):
    base = tmp_path / "office"
    assert batch.mirror_dir(base / "sub" / "x.xlsx", base, tmp_path / "out") == tmp_path / "out" / "sub"
    assert batch.mirror_dir(base / "x.xlsx", base, tmp_path / "out") == tmp_path / "out"
    assert batch.default_base_dir([base / "sub", base / "other" / "y.xlsx"]) == base


# ---------------------------------------------------------------- runner with a stand-in check_file

def fake_check_file(path, profile, today, layout=None, package=None):
    name = Path(path).name
    if name.startswith("boom"):
        raise RuntimeError("bug")
    if name.startswith("die"):
        os._exit(3)  # the worker process dies
    if name.startswith("bad"):
        return pipeline.FileResult(file=path, error=f"{path}: 読み取れません")
    sev = Severity.ERROR if name.startswith("err") else Severity.INFO
    f = Finding(file=path, rule="CP101", severity=sev, message="m", source="s")
    return pipeline.FileResult(file=path, findings=[f])


class FakeProfile:
    name = "national"


@pytest.fixture
def fake(monkeypatch):
    import xl_careplan.profiles

    monkeypatch.setattr(pipeline, "check_file", fake_check_file)
    monkeypatch.setattr(xl_careplan.profiles, "load_profile", lambda name: FakeProfile())


fork_only = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                               reason="the stand-in check_file reaches workers only through fork")


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=fork_only)])
def test_order_kept_and_crash_becomes_error(fake, tmp_path, jobs):
    files = [str(tmp_path / n) for n in ["ok1.xlsx", "boom.xlsx", "bad.xlsx", "err.xlsx"] * 5]
    res = batch.run_batch(files, profile_name="national", today=TODAY, jobs=jobs, progress=False)
    assert [r.file for r in res] == files
    boom = [r for r in res if r.file.endswith("boom.xlsx")]
    assert all(r.error and "予期しないエラー" in r.error and "RuntimeError" in r.error for r in boom)
    assert all(r.error is None and r.findings for r in res if Path(r.file).name in ("ok1.xlsx", "err.xlsx"))


@fork_only
def test_dead_worker_only_fails_its_file(fake, tmp_path):
    files = [str(tmp_path / f"ok{i}.xlsx") for i in range(12)]
    files.insert(5, str(tmp_path / "die.xlsx"))
    res = batch.run_batch(files, profile_name="national", today=TODAY, jobs=2, progress=False)
    assert [r.file for r in res] == files
    errors = [Path(r.file).name for r in res if r.error]
    assert errors == ["die.xlsx"]
    assert "異常終了" in res[5].error


@fork_only
def test_parallel_equals_sequential_fake(fake, tmp_path):
    files = [str(tmp_path / n) for n in [f"{k}{i}.xlsx" for i in range(10) for k in ("ok", "err", "bad")]]
    seq = batch.run_batch(files, profile_name="national", today=TODAY, jobs=1, progress=False)
    par = batch.run_batch(files, profile_name="national", today=TODAY, jobs=2, progress=False)
    assert [(r.file, r.error, r.findings) for r in seq] == [(r.file, r.error, r.findings) for r in par]


def test_bad_profile_fails_before_work(tmp_path):
    with pytest.raises(XlCareplanError):
        batch.run_batch([str(tmp_path / "ok.xlsx")], profile_name="no-such-profile", today=TODAY, jobs=1,
                        progress=False)


def test_progress_only_on_terminal(fake, tmp_path, capsys):
    batch.run_batch([str(tmp_path / "ok.xlsx")] * 3, profile_name="national", today=TODAY, jobs=1, progress=True)
    assert "点検中" not in capsys.readouterr().err  # captured stderr is not a terminal


def test_progress_line_format(monkeypatch, capsys):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    bar = batch._Progress(40, True)
    bar.enabled = True
    bar.step(12)
    bar.close()
    assert "点検中 12/40 件" in capsys.readouterr().err


def test_small_batch_runs_in_process(fake, tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "MIN_FILES_PER_WORKER", 16)

    def no_pool(*a, **k):
        raise AssertionError("no worker processes for a handful of files")

    monkeypatch.setattr(batch, "ProcessPoolExecutor", no_pool)
    res = batch.run_batch([str(tmp_path / f"ok{i}.xlsx") for i in range(5)], profile_name="national", today=TODAY,
                          jobs=8, progress=False)
    assert len(res) == 5 and all(r.error is None for r in res)
