"""Cold start of a one-plan check: ``make bench-cold`` (= ``.venv/bin/python benchmarks/cold_start.py``).

Whole processes, CPU time (user+sys of the child, from ``getrusage``), interleaved and repeated; the
median of each is reported as a ratio to the floor measured in the same run:

  floor     ``python -c pass`` with the project's venv Python
  check     ``xl-careplan check samples/01_asahikawa_clean.xlsx`` (the console script, text output)
  button    what the Excel button's process imports before it touches Excel: ``import xlwings.utils``
            (the VBA's RunPython command line) and the add-in's modules; on Linux xlwings has no
            Excel engine, so this is the import share only

Bytecode: this machine sets PYTHONDONTWRITEBYTECODE and the venv holds the project as an editable
install, so without care every run would compile our ~80 modules from source (pip compiles them
when it installs a wheel, as the office bundle does). The children therefore run with a bytecode
cache of their own (PYTHONPYCACHEPREFIX in a temporary folder, warmed first with compileall); the
"no bytecode cache" row shows what the cache saves.

Target (issue 14): check ≤ 6 × floor. A breakdown run (one extra process, ``time.process_time`` between
import stages) says where the rest goes; it is printed and saved with the table to
benchmarks/COLD_START.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RESULTS = ROOT / "benchmarks" / "COLD_START.md"
SAMPLE = ROOT / "samples" / "01_asahikawa_clean.xlsx"
TARGET = 6.0

BUTTON_IMPORTS = (
    "import xlwings.utils\n"
    "import xl_careplan\n"
    "from xl_careplan.addin import live, flow\n"
    "import xl_careplan.readers, xl_careplan.pipeline, xl_careplan.profiles, xl_careplan.schedule\n"
    "import xl_careplan.writer.annotate\n"
)

# import stages of a check, in the order the command meets them; the last stage is the run itself
STAGES = r'''
import sys, time
marks = [("python start-up (in the floor)", 0.0)]
t = time.process_time()
def mark(label):
    global t
    now = time.process_time(); marks.append((label, now - t)); t = now
import click; mark("click")
import xl_careplan.findings, xl_careplan.models; mark("xl_careplan.models, findings (plain classes)")
import xl_careplan.reading; mark("xl_careplan.reading (calamine, zip)")
import xl_careplan.readers; mark("xl_careplan.readers")
import xl_careplan.rules.engine, xl_careplan.profiles; mark("rules + profiles")
import xl_careplan.commands.check, xl_careplan.batch, xl_careplan.cli; mark("commands.check, batch, cli")
from xl_careplan.cli import cli  # the click group: main() would end the process (os._exit) before the marks print
sys.argv = ["xl-careplan", "check", SAMPLE]
import io, contextlib
with contextlib.redirect_stdout(io.StringIO()):
    try:
        cli(prog_name="xl-careplan")
    except SystemExit:
        pass
mark("the check itself (read, rules, report)")
import json
print(json.dumps(marks))
'''


def cached_env(prefix: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = prefix
    return env


def cpu_of(args: list[str], env: dict | None = None) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{args[:3]} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=15, help="repetitions of each command (interleaved)")
    ap.add_argument("--before", metavar="DIR", help="also time the check with the code of another checkout "
                    "(e.g. a `git worktree add` of an older commit), on PYTHONPATH")
    args = ap.parse_args()
    py = str(BIN / "python")
    commands = {
        "floor": [py, "-c", "pass"],
        "check": [str(BIN / "xl-careplan"), "check", str(SAMPLE)],
        "button": [py, "-B", "-c", BUTTON_IMPORTS],
    }
    cache = tempfile.mkdtemp(prefix="xlcp-pycache-")
    env = cached_env(cache)
    subprocess.run([py, "-m", "compileall", "-q", str(ROOT / "xl_careplan")], env=env, check=True)
    # warm: a first run of each writes the bytecode of everything it imports (with a prefix set, Python
    # reads bytecode only from there); the button's -B would forbid that, so it warms without -B
    for cmd in commands.values():
        cpu_of([c for c in cmd if c != "-B"], env)
    load0 = os.getloadavg()[0]
    times: dict[str, list[float]] = {k: [] for k in commands}
    extra = {"check, no bytecode cache": {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}}
    if args.before:
        before_env = {**env, "PYTHONPATH": str(Path(args.before).resolve())}
        subprocess.run([py, "-m", "compileall", "-q", str(Path(args.before) / "xl_careplan")], env=before_env, check=True)
        cpu_of(commands["check"], before_env)
        extra[f"check, code at {args.before}"] = before_env
    for name in extra:
        times[name] = []
    for _ in range(args.n):
        for name, cmd in commands.items():
            times[name].append(cpu_of(cmd, env))
        for name, e in extra.items():
            times[name].append(cpu_of(commands["check"], e))
    for name in extra:
        commands[name] = commands["check"]
    load1 = os.getloadavg()[0]
    med = {k: statistics.median(v) for k, v in times.items()}
    floor = med["floor"]

    stage_runs = []
    for _ in range(5):
        out = subprocess.run([py, "-c", f"SAMPLE = {str(SAMPLE)!r}\n" + STAGES], capture_output=True, text=True, env=env)
        if out.returncode != 0:
            raise SystemExit(out.stderr[-800:])
        import json

        stage_runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    stages = [(label, statistics.median(run[i][1] for run in stage_runs)) for i, (label, _v) in enumerate(stage_runs[0])]
    stages[0] = (stages[0][0], floor)

    lines = [
        "# Cold start of a one-plan check (last run)",
        "",
        f"Run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC — `make bench-cold` (benchmarks/cold_start.py --n {args.n}); "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}.",
        f"Load average (1 min) before/after: {load0:.1f} / {load1:.1f} (other work on the machine makes every figure noisy;"
        " compare the ratios).",
        "CPU time = user + sys of the whole process; median of the interleaved runs.",
        "",
        "| command | CPU ms (median) | min | max | × floor | |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, vals in times.items():
        ratio = med[name] / floor
        verdict = ""
        if name == "check":  # the figure the target is about: bytecode cached, as installed
            verdict = f"target ≤ {TARGET:g}×: {'OK' if ratio <= TARGET else 'MISSED'}"
        shown = "python -B -c <the button's imports>" if name == "button" else " ".join(
            Path(c).name if i == 0 or c == str(SAMPLE) else c for i, c in enumerate(commands[name]))
        lines.append(f"| {name}: `{shown}` "
                     f"| {med[name] * 1000:.0f} | {min(vals) * 1000:.0f} | {max(vals) * 1000:.0f} | {ratio:.1f} | {verdict} |")
    lines += [
        "",
        "Where a check's CPU goes (one process, `time.process_time` between import stages; median of 5 runs):",
        "",
        "| stage | CPU ms | × floor |",
        "|---|---:|---:|",
    ]
    for label, v in stages:
        lines.append(f"| {label} | {v * 1000:.0f} | {v / floor:.1f} |")
    total = sum(v for _l, v in stages)
    lines.append(f"| **sum** | {total * 1000:.0f} | {total / floor:.1f} |")
    rest = med["check"] - total
    lines.append(f"| the whole check minus the sum (exit, console output, noise) | {rest * 1000:.0f} "
                 f"| {rest / floor:.1f} |")
    text = "\n".join(lines) + "\n"
    shutil.rmtree(cache, ignore_errors=True)
    print(text)
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
