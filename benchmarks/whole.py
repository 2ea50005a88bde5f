"""Whole commands, process start included: `xl-careplan check DIR` against the floor run the same way
(benchmarks/floor.py: python-calamine reading the same files in the same number of processes), timed
from the parent with the clock on the wall, interleaved, best of ``repeat``.

Also the bare start-up costs that every run pays: `python -c pass`, and `xl-careplan --version`
(interpreter + the command line's imports) — what a lazy import can save shows up there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TODAY = "2026-11-25"


def _cli() -> list[str]:
    exe = BIN / "xl-careplan"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "xl_careplan.cli"]


def commands(folder: Path, jobs: int) -> dict[str, list[str]]:
    return {
        "floor": [sys.executable, str(ROOT / "benchmarks" / "floor.py"), str(folder), str(jobs)],
        "check": _cli() + ["check", str(folder), "--format", "json", "--jobs", str(jobs), "--today", TODAY],
        "check_quiet": _cli() + ["check", str(folder), "--quiet", "--jobs", str(jobs), "--today", TODAY],
    }


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    secs = time.perf_counter() - t0
    if r.returncode not in (0, 1):  # 1: error-level findings, which the generated plans have
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {r.returncode}")
    return secs


def start_up(repeat: int) -> dict[str, float]:
    cmds = {"python -c pass": [sys.executable, "-c", "pass"], "xl-careplan --version": _cli() + ["--version"]}
    return {k: min(timed(c) for _ in range(repeat)) for k, c in cmds.items()}


def measure(folders: dict[int, Path], jobs: int, repeat: int) -> dict[int, dict[str, float]]:
    """{N: {"floor": s, "check": s, "check_quiet": s}}: best of ``repeat`` interleaved runs."""
    out: dict[int, dict[str, float]] = {}
    for n, folder in folders.items():
        cmds = commands(folder, jobs)
        timed(cmds["floor"])  # page cache warm for both
        best: dict[str, float] = {}
        for _ in range(repeat):
            for key, cmd in cmds.items():
                best[key] = min(best.get(key, float("inf")), timed(cmd))
        out[n] = best
    return out


def table(results: dict[int, dict[str, float]], starts: dict[str, float], jobs: int) -> list[str]:
    lines = [
        f"| whole command (jobs={jobs}) | N | seconds | workbooks/s | ratio to floor | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for n, r in results.items():
        for key, label in (("floor", "floor: calamine in a fresh process"),
                           ("check", "`xl-careplan check DIR --format json`"),
                           ("check_quiet", "`xl-careplan check DIR --quiet`")):
            ratio = r[key] / r["floor"]
            target = ""
            if key == "check" and n == 100:
                target = f"≥ 100/s: {'met' if n / r[key] >= 100 else 'MISSED'}"
            if key == "check" and n >= 1000:
                target = f"≤ 2× floor: {'met' if ratio <= 2 else 'MISSED'}"
            lines.append(f"| {label} | {n} | {r[key]:.2f} | {n / r[key]:.0f} | {ratio:.2f} | {target} |")
    lines += ["", "| start-up (best of the repeats) | seconds |", "|---|---:|"]
    lines += [f"| `{k}` | {v:.3f} |" for k, v in starts.items()]
    return lines
