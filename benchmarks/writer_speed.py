"""Writer speed as ratios against openpyxl load+save of the same files, whole processes, one run
(``make bench-writer``).

  floor      one process: openpyxl ``load_workbook`` + ``save`` of every file (what the writer did before,
             without its carry-back passes)
  annotate   ``xl-careplan check DIR --annotate --output OUT --jobs 1`` on the same files (read, check,
             write every annotated copy)
  write      one process: ``write_copy`` with a note, a fill and a new sheet for every file (the writer alone)

Bytecode: pip compiles a wheel's modules when it installs them (as the office bundle does), but this
project is an editable install and the machine may set PYTHONDONTWRITEBYTECODE, so every process would
compile our modules from source; ``compileall`` first gives our modules the bytecode openpyxl's already
have.

Files: N copies of the samples (care plans), and the Excel-made comparison files of XlsxWriter when the
fetched snapshot is there (``benchmarks/fidelity.py`` extracts them). Target: annotate ≤ 0.2 × floor.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

FLOOR = """
import sys, warnings
from pathlib import Path
import openpyxl
warnings.simplefilter("ignore")
out = Path(sys.argv[1])
for i, f in enumerate(sys.argv[2:]):
    keep = f.lower().endswith(".xlsm")
    wb = openpyxl.load_workbook(f, keep_vba=keep)
    wb.save(out / f"{i}{Path(f).suffix}")
"""

WRITE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from fidelity import _edit
from xl_careplan.writer.output import write_copy
out = Path(sys.argv[2])
for i, f in enumerate(sys.argv[3:]):
    try:
        write_copy(f, _edit, suffix="_x", output_dir=out / str(i))
    except Exception:
        pass
"""


def _timed(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a whole child process (CPU: user + system, less noisy on a shared machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=False, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def care_plans(n: int, folder: Path) -> list[Path]:
    samples = sorted(p for p in (ROOT / "samples").glob("*.xlsx"))
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = samples[i % len(samples)]
        dest = folder / f"{i:04d}_{src.name}"
        shutil.copy(src, dest)
        out.append(dest)
    return out


def measure(name: str, files: list[Path], work: Path, cli: bool) -> list[str]:
    floor = _timed([sys.executable, "-c", FLOOR, str(_mk(work / f"{name}-floor")), *map(str, files)])
    runs = [("openpyxl load+save (floor)", floor),
            ("write_copy: note + fill + sheet", _timed([sys.executable, "-c", WRITE, str(ROOT / "benchmarks"),
                                                         str(_mk(work / f"{name}-write")), *map(str, files)]))]
    if cli:
        runs.append(("check --annotate (--jobs 1)", _timed(
            [str(BIN / "xl-careplan"), "check", str(files[0].parent), "--annotate", "--output",
             str(_mk(work / f"{name}-annotated")), "--jobs", "1", "--today", "2026-11-25"])))
        runs.append(("check alone (--jobs 1)", _timed(
            [str(BIN / "xl-careplan"), "check", str(files[0].parent), "--jobs", "1", "--today", "2026-11-25"])))
    return [f"| {name} | {len(files)} | {what} | {wall:.1f} s | {wall / floor[0]:.2f} | {cpu:.1f} s | {cpu / floor[1]:.2f} |"
            for what, (wall, cpu) in runs]


def _mk(p: Path) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    return p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="copies of the samples (default 200)")
    args = ap.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "xl_careplan")], check=True,
                   capture_output=True)
    work = Path(tempfile.mkdtemp(prefix="xlcp-wspeed-"))
    rows = ["| files | n | what (whole process) | wall | × floor | CPU | × floor |", "|---|---|---|---|---|---|---|"]
    rows += measure("care plans", care_plans(args.n, work / "plans"), work, cli=True)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from fidelity import MIRRORS, extract

    if Path(MIRRORS["excel"][0]).exists():
        folder = extract("excel", Path(tempfile.gettempdir()) / "xlcp-corpus")
        rows += measure("Excel-made", sorted(folder.rglob("*.xlsx")), work, cli=False)
    print("\n".join(rows))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
