"""Ctrl+C in a real batch, measured: `xl-careplan check DIR --annotate --output OUT` on N generated
workbooks gets SIGINT (to its whole process group, as a terminal sends it) once ``after`` copies are
written; reported: seconds from SIGINT to exit, copies at SIGINT and at exit, what the command said,
and any file in OUT that is not a finished copy. (tests/test_batch_interrupt.py checks the same on a
smaller folder.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _copies(out: Path) -> list[Path]:
    return list(out.rglob("*_点検済.xlsx"))


def measure(folder: Path, out: Path, after: int = 49, jobs: int = 2) -> dict:
    exe = Path(sys.executable).parent / "xl-careplan"
    cmd = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "xl_careplan.cli"]),
           "check", str(folder), "--annotate", "--output", str(out), "--jobs", str(jobs), "--quiet",
           "--today", "2026-11-25"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    while len(_copies(out)) < after and proc.poll() is None:
        time.sleep(0.01)
    at_signal = len(_copies(out))
    sent = time.perf_counter()
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    stopped = time.perf_counter() - sent
    time.sleep(1)  # anything still writing after the command returned would show now
    copies = _copies(out)
    broken = 0
    for p in copies:
        try:
            with zipfile.ZipFile(p) as z:
                broken += z.testzip() is not None
        except zipfile.BadZipFile:
            broken += 1
    others = [p.name for p in out.rglob("*") if p.is_file() and not p.name.endswith("_点検済.xlsx")]
    lines = err.decode("utf-8", "replace").strip().splitlines()
    return {"seconds": stopped, "at_signal": at_signal, "at_exit": len(copies), "broken": broken,
            "leftovers": others, "exit": proc.returncode, "said": lines[-1] if lines else ""}


def table(r: dict, n: int) -> list[str]:
    return [
        f"| Ctrl+C during `check DIR --annotate` ({n} files) | value |", "|---|---|",
        f"| seconds from SIGINT to exit | {r['seconds']:.2f} |",
        f"| copies written at SIGINT → at exit | {r['at_signal']} → {r['at_exit']} |",
        f"| unreadable copies / other files left in the output folder | {r['broken']} / {len(r['leftovers'])} |",
        f"| exit code | {r['exit']} |",
        f"| what it said | {r['said']} |",
    ]
