"""Whole commands, process start included: `xl-careplan check DIR` against the floor run the same way
(benchmarks/floor.py: python-calamine reading the same files in the same number of processes), timed
from the parent with the clock on the wall, interleaved, best of ``repeat``.

Also the bare start-up costs that every run pays: `python -c pass`, and `xl-careplan --version`
(interpreter + the command line's imports) — what a lazy import can save shows up there.
"""

from __future__ import annotations

import resource
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


CPU: dict[str, float] = {}  # best CPU seconds (user + system, the command and all its processes) per key


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(cmd: list[str], key: str | None = None) -> float:
    """Wall-clock seconds of the whole command; its CPU seconds (workers included) go to ``CPU[key]``:
    on a shared machine the wall clock includes waiting for a core, the CPU time does not."""
    c0, t0 = _cpu(), time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    secs = time.perf_counter() - t0
    if r.returncode not in (0, 1):  # 1: error-level findings, which the generated plans have
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {r.returncode}")
    if key:
        CPU[key] = min(CPU.get(key, float("inf")), _cpu() - c0)
    return secs


def start_up(repeat: int) -> dict[str, float]:
    cmds = {"python -c pass": [sys.executable, "-c", "pass"], "xl-careplan --version": _cli() + ["--version"],
            "python -c 'import xl_careplan.readers, xl_careplan.rules.engine'":
                [sys.executable, "-c", "import xl_careplan.readers, xl_careplan.rules.engine"]}
    return {k: min(timed(c, f"start {k}") for _ in range(repeat)) for k, c in cmds.items()}


def measure(folders: dict[int, Path], jobs: int, repeat: int) -> dict[int, dict[str, float]]:
    """{N: {"floor": s, "check": s, "check_quiet": s}}: best of ``repeat`` interleaved runs."""
    out: dict[int, dict[str, float]] = {}
    for n, folder in folders.items():
        cmds = commands(folder, jobs)
        timed(cmds["floor"])  # page cache warm for both
        best: dict[str, float] = {}
        for _ in range(repeat):
            for key, cmd in cmds.items():
                best[key] = min(best.get(key, float("inf")), timed(cmd, f"{n} {key}"))
        out[n] = best
    return out


def table(results: dict[int, dict[str, float]], starts: dict[str, float], jobs: int) -> list[str]:
    lines = [
        f"| whole command (jobs={jobs}) | N | seconds | workbooks/s | ratio to floor | target | CPU s | CPU ratio |",
        "|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    for n, r in results.items():
        floor_cpu = CPU.get(f"{n} floor", float("nan"))
        for key, label in (("floor", "floor: calamine in a fresh process"),
                           ("check", "`xl-careplan check DIR --format json`"),
                           ("check_quiet", "`xl-careplan check DIR --quiet`")):
            ratio = r[key] / r["floor"]
            target = ""
            if key == "check" and n == 100:
                target = f"≥ 100/s: {'met' if n / r[key] >= 100 else 'MISSED'}"
            if key == "check" and n >= 1000:
                target = f"≤ 2× floor: {'met' if ratio <= 2 else 'MISSED'}"
            cpu = CPU.get(f"{n} {key}", float("nan"))
            lines.append(f"| {label} | {n} | {r[key]:.2f} | {n / r[key]:.0f} | {ratio:.2f} | {target} | "
                         f"{cpu:.2f} | {cpu / floor_cpu:.2f} |")
    lines += ["", "CPU s: user + system time of the command and all its processes (best of the repeats); "
              "unlike the wall clock it leaves out the time spent waiting for a core the other work holds.",
              "", "| start-up (best of the repeats) | seconds | CPU s |", "|---|---:|---:|"]
    lines += [f"| `{k}` | {v:.3f} | {CPU.get(f'start {k}', float('nan')):.3f} |" for k, v in starts.items()]
    return lines
