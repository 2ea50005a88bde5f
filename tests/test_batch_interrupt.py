"""Ctrl+C in a real batch: a subprocess annotating a folder gets SIGINT (as a terminal sends it to the
whole process group) and must stop promptly, leave no half-written copy, and say in Japanese how far
it got.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.xlsx"))
COPIES = 120  # enough that the batch is still running when SIGINT arrives


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("caseload")
    assert SAMPLES, "samples/*.xlsx missing"
    for i in range(COPIES):
        s = SAMPLES[i % len(SAMPLES)]
        shutil.copyfile(s, src / f"{i:04d}_{s.name}")
    return src


def _written(out: Path) -> list[Path]:
    return sorted(out.rglob("*_点検済.xlsx"))


@pytest.mark.skipif(os.name == "nt", reason="process groups and SIGINT are POSIX")
@pytest.mark.parametrize("jobs", ["2", "1"])
def test_ctrl_c_stops_the_batch_and_leaves_nothing_half_written(folder, tmp_path, jobs):
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "xl_careplan.cli", "check", str(folder), "--annotate", "--output", str(out),
         "--jobs", jobs, "--today", "2026-12-01", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while len(_written(out)) < 3:  # the batch is under way, copies are being written
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "no annotated copy appeared"
            time.sleep(0.02)
        sent = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)  # what ^C in a terminal does: every process of the group
        stdout, stderr = proc.communicate(timeout=60)
        stopped_after = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    text = stderr.decode("utf-8")
    assert proc.returncode == 130, text
    assert "Aborted" not in text and "Traceback" not in text, text
    m = re.search(r"中断しました（Ctrl\+C）: (\d+) 件中 (\d+) 件を点検しました（書き込んだコピー (\d+) 件）", text)
    assert m, text
    total, done, written = map(int, m.groups())
    assert total == COPIES and done < total  # it did stop early
    # within a second or so of ^C (16 s before, while the copies went on from 49 to 276); the bound is loose
    # because the machine is shared, the printed count and the files on disk are the real check
    print(f"stopped {stopped_after:.2f} s after SIGINT, {done}/{total} done")
    assert stopped_after < 5, stopped_after
    copies = _written(out)
    assert len(copies) == written
    time.sleep(0.5)
    assert len(_written(out)) == written, "a worker went on writing after the command ended"
    leftovers = [p for p in out.rglob("*") if p.is_file() and not p.name.endswith("_点検済.xlsx")]
    assert leftovers == []  # no temporary (.xlcp-*) or half-written file
    for p in copies:
        with zipfile.ZipFile(p) as z:
            assert z.testzip() is None
    assert sorted(folder.iterdir()) == sorted(folder.glob("*.xlsx"))  # the originals' folder is untouched


def test_a_copy_placed_just_before_ctrl_c_is_counted(tmp_path, monkeypatch):
    """^C between a copy's final rename and its result being recorded: the copy is on disk, so the count
    the user reads must include it (otherwise the message and the folder disagree)."""
    from xl_careplan import batch
    from xl_careplan.writer.output import annotated_path

    src = tmp_path / "in"
    src.mkdir()
    files = [Path(shutil.copyfile(SAMPLES[i], src / f"{i}_{SAMPLES[i].name}")) for i in range(3)]
    out = tmp_path / "out"
    old = out / annotated_path(files[2], out).name
    out.mkdir()
    old.write_bytes(b"a copy from an earlier run")  # present before this run: not this run's copy
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    real = batch._check_chunk
    calls = []

    def chunk(tasks):
        calls.append(tasks[0][1])
        if len(calls) == 2:  # the second file: written, then ^C before its result is kept
            annotated_path(Path(tasks[0][1]), tasks[0][4]).write_bytes(b"placed")
            raise KeyboardInterrupt
        return real(tasks)

    monkeypatch.setattr(batch, "_check_chunk", chunk)
    with pytest.raises(batch.BatchInterrupted) as e:
        batch.run_batch(files, profile_name="national", today=__import__("datetime").date(2026, 12, 1), jobs=1,
                        annotate=True, annotate_dir=out, base_dir=src)
    written = [r for r in e.value.results if r.annotated]
    assert len(e.value.results) == 2 and len(written) == 2
    assert sorted(Path(r.annotated).name for r in written) == sorted(p.name for p in out.iterdir() if p != old)
