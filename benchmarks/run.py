"""Benchmark the batch check: ``make bench`` (= ``.venv/bin/python benchmarks/run.py [--n 1000]``).

Generates N plan workbooks into benchmarks/_data/ by copying the samples (each copy gets its own
user name, written straight into the zip so generation is fast), then measures in one run:

  (a) floor     python-calamine reads every sheet of every file to lists (same worker count as (b))
  (b) check     batch.discover + read + rules (run_batch, jobs=2)
  (c) annotate  writer.output.annotate_file on a subset (findings computed beforehand)
  (d) load+save openpyxl load_workbook + save of the same subset
  memory        peak RSS of a batch over N and over 2N files (fresh process each; parent and workers)

Targets: ≥100 workbooks/s on 2 cores, check ≤ 1.5 × floor, annotate ≤ 0.2 × load+save (issue 11; the whole-process
figure is benchmarks/writer_speed.py's).
The table is printed and saved to benchmarks/RESULTS.md. ``--profile`` adds a cProfile summary of
the sequential check path (what dominates).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
DATA = ROOT / "benchmarks" / "_data"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
TODAY = dt.date(2026, 11, 25)
PROFILE = "national"

FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田"]
GIVEN = ["花子", "一郎", "幸子", "正雄", "和子", "茂", "節子", "勇", "美智子", "清"]


# ---------------------------------------------------------------- data

_SOURCES: list[tuple[Path, str]] = []


def sources() -> list[tuple[Path, str]]:
    """Readable samples with their user names (computed once)."""
    if not _SOURCES:
        _SOURCES.extend(_sources())
    return _SOURCES


def _sources() -> list[tuple[Path, str]]:
    from xl_careplan.batch import discover

    found = [p for p in discover([ROOT / "samples"]) if p.suffix.lower() in (".xlsx", ".xlsm")] \
        if (ROOT / "samples").is_dir() else []
    readable = []
    from xl_careplan.readers import read_plan_file

    for p in found:
        try:
            plan = read_plan_file(str(p))
        except Exception:
            continue  # the broken/old samples are for the error paths, not for throughput
        readable.append((p, plan.table1.user_name.raw or ""))
    if not readable:
        tpl = ROOT / "templates" / "居宅サービス計画書.xlsx"
        readable = [(tpl, "")]
    return readable


def _rename_user(src: Path, dest: Path, old: str, new: str) -> None:
    """Copy ``src`` to ``dest`` replacing the user's name in the shared strings (and inline strings)."""
    if not old:
        shutil.copyfile(src, dest)
        return
    old_b, new_b = old.encode("utf-8"), new.encode("utf-8")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith(".xml") and old_b in data:
                data = data.replace(old_b, new_b)
            zout.writestr(item, data)


def generate(n: int, folder: Path) -> list[Path]:
    """N workbooks in folder/<care manager-ish subfolder>/plan_<i>.xlsx (kept when already there)."""
    marker = folder / ".complete"
    if marker.exists():
        from xl_careplan.batch import discover

        files = discover([folder])
        if len(files) == n:
            return files
    shutil.rmtree(folder, ignore_errors=True)
    srcs = sources()
    out = []
    for i in range(n):
        src, user = srcs[i % len(srcs)]
        sub = folder / f"担当{i % 7:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        dest = sub / f"plan_{i:05d}{src.suffix}"
        name = f"{FAMILY[i % len(FAMILY)]}{GIVEN[(i // len(FAMILY)) % len(GIVEN)]}{i}"
        _rename_user(src, dest, user, name)
        out.append(dest)
    marker.write_text(str(n))
    return out


# ---------------------------------------------------------------- measurements

def _calamine_all(path: str) -> int:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    cells = 0
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python()
        cells += sum(len(r) for r in rows)
    return cells


def _calamine_chunk(paths: list[str]) -> int:
    return sum(_calamine_all(p) for p in paths)


def floor(files: list[Path], jobs: int) -> float:
    paths = [str(p) for p in files]
    t0 = time.perf_counter()
    if jobs <= 1:
        _calamine_chunk(paths)
    else:
        size = max(1, min(32, len(paths) // (jobs * 8)))
        chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_calamine_chunk, chunks))
    return time.perf_counter() - t0


def _burn(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def machine_parallelism(jobs: int, tasks: int = 8, n: int = 1_500_000) -> float:
    """Control: speed-up of a pure-CPU loop with ``jobs`` processes (2.0 on two idle cores)."""
    t0 = time.perf_counter()
    for _ in range(tasks):
        _burn(n)
    seq = time.perf_counter() - t0
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_burn, [n] * jobs))  # start the workers
        t0 = time.perf_counter()
        list(pool.map(_burn, [n] * tasks))
        par = time.perf_counter() - t0
    return seq / par


def check(folder: Path, jobs: int, keep_plans=False) -> tuple[float, list]:
    """What `xl-careplan check DIR` does (keep_plans=False) or `--report` needs (keep_plans="report")."""
    from xl_careplan.batch import discover, run_batch

    t0 = time.perf_counter()
    files = discover([folder])
    res = run_batch(files, profile_name=PROFILE, today=TODAY, jobs=jobs, progress=False, keep_plans=keep_plans)
    return time.perf_counter() - t0, res


def check_and_report(folder: Path, jobs: int, dest: Path) -> tuple[float, float]:
    from xl_careplan.report import write_office_report

    t_check, res = check(folder, jobs, keep_plans="report")
    t0 = time.perf_counter()
    write_office_report(res, dest, today=TODAY, mask=True, mask_key=b"bench")
    return t_check, time.perf_counter() - t0


def annotate_vs_loadsave(results: list, out: Path) -> tuple[float, float, int]:
    from openpyxl import load_workbook

    from xl_careplan.writer.output import annotate_file

    ok = [r for r in results if r.error is None]
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    # interleaved file by file, so load changes on the machine hit both sides alike
    t_ann = t_ls = 0.0
    for i, r in enumerate(ok):
        t0 = time.perf_counter()
        annotate_file(r.file, r.findings, profile=PROFILE, today=TODAY, output_dir=out)
        t1 = time.perf_counter()
        wb = load_workbook(r.file)
        wb.save(out / f"plain_{i}.xlsx")
        t2 = time.perf_counter()
        t_ann += t1 - t0
        t_ls += t2 - t1
    return t_ann, t_ls, len(ok)


MEM_SCRIPT = r"""
import datetime as dt, json, resource, sys
sys.path.insert(0, {root!r})
from xl_careplan.batch import discover, run_batch
files = discover([{folder!r}])
res = run_batch(files, profile_name={profile!r}, today=dt.date(2026, 11, 25), jobs={jobs}, progress=False,
                keep_plans={keep!r})
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would include the benchmark process
me = next((int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")), None)
if me is None:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({{"files": len(res), "parent_kb": me, "worker_kb": kids}}))
"""


def memory(folder: Path, jobs: int, keep_plans: bool | str = True) -> dict:
    code = MEM_SCRIPT.format(root=str(ROOT), folder=str(folder), profile=PROFILE, jobs=jobs, keep=keep_plans)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def profile_check(files: list[Path], top: int = 25) -> str:
    from xl_careplan import pipeline
    from xl_careplan.profiles import load_profile

    prof = load_profile(PROFILE)
    pipeline.check_file(str(files[0]), prof, TODAY)  # warm imports
    pr = cProfile.Profile()
    pr.enable()
    for f in files:
        pipeline.check_file(str(f), prof, TODAY)
    pr.disable()
    buf = io.StringIO()
    st = pstats.Stats(pr, stream=buf)
    st.sort_stats("cumulative").print_stats(top)
    # time by area (own time of functions, grouped by file)
    areas: dict[str, float] = {}
    for (fname, _line, _func), (_cc, _nc, tt, _ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        f = fname.replace("\\", "/")
        func = _func.lower()
        if "python_calamine" in f or (fname == "~" and "calamine" in func):
            key = "calamine"
        elif "/xl_careplan/readers/" in f or f.endswith("xl_careplan/reading.py") or f.endswith("parsing.py"):
            key = "readers (xl_careplan.readers/reading/parsing)"
        elif "/xl_careplan/rules/" in f or f.endswith("profiles.py"):
            key = "rules"
        elif "xml" in f or "zipfile" in f or "zlib" in f:
            key = "zip/xml (stdlib)"
        elif "/xl_careplan/" in f:
            key = "other xl_careplan"
        else:
            key = "other (builtins, stdlib)"
        areas[key] = areas.get(key, 0.0) + tt
    total = sum(areas.values()) or 1.0
    lines = ["| area | own time (s) | share |", "|---|---:|---:|"]
    for k, v in sorted(areas.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {k} | {v:.2f} | {v / total:.0%} |")
    return "\n".join(lines) + "\n\n```\n" + "\n".join(buf.getvalue().splitlines()[:top + 12]) + "\n```\n"


# ---------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="number of workbooks (default 1000)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--subset", type=int, default=200, help="files for annotate vs load+save (default 200)")
    ap.add_argument("--no-memory", action="store_true", help="skip the N / 2N memory runs")
    ap.add_argument("--profile", action="store_true", help="add a cProfile summary of the check path")
    ap.add_argument("--data", default=str(DATA), help="folder for the generated workbooks")
    ap.add_argument("--results", default=str(RESULTS), help="where to save the results table")
    ap.add_argument("--repeat", type=int, default=2, help="repeats of the floor/check timings (best kept)")
    ap.add_argument("--whole-sizes", default=None,
                    help="comma-separated N for the whole-command runs (default: 100 and --n)")
    ap.add_argument("--interrupt", type=int, default=300,
                    help="files for the Ctrl+C measurement (0: skip it)")
    ap.add_argument("--whole-only", action="store_true",
                    help="only the whole commands (process start included) at N=100 and N, with their floor")
    args = ap.parse_args(argv)

    n, jobs = args.n, args.jobs
    data = Path(args.data)
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    files = generate(n, data / f"n{n}")
    print(f"data: {len(files)} workbooks in {data / f'n{n}'} ({time.perf_counter() - t0:.1f}s)", file=sys.stderr)

    speedup = machine_parallelism(jobs)
    import whole

    sizes = sorted({int(x) for x in args.whole_sizes.split(",")}) if args.whole_sizes else sorted({100, n})
    folders = {k: (data / f"n{k}") for k in sizes}
    for k in sizes:
        generate(k, folders[k])
    whole_results = whole.measure(folders, jobs, max(2, args.repeat))
    whole_lines = whole.table(whole_results, whole.start_up(5), jobs)
    if args.interrupt:
        import interrupt

        folder = data / f"n{args.interrupt}"
        generate(args.interrupt, folder)
        with tempfile.TemporaryDirectory(dir=data) as tmp:
            stop = interrupt.measure(folder, Path(tmp) / "out", after=min(49, max(1, args.interrupt // 6)),
                                     jobs=jobs)
        whole_lines += ["", *interrupt.table(stop, args.interrupt)]
    if args.whole_only:
        return _write(args, _header(n, jobs, load_before, speedup, args.repeat) + [
            "## Whole commands, process start included", "", *whole_lines, "",
            "The in-process figures (annotate, report, memory) are left out of this run (`--whole-only`); "
            "`make bench` measures them too."])
    floor(files[:20], 1)  # warm the page cache
    # interleaved repeats, best of each (other load on the machine only ever adds time)
    best: dict[str, float] = {}
    results: list = []
    for _ in range(max(1, args.repeat)):
        for key, fn in (
            ("floor", lambda: floor(files, jobs)),
            ("check", lambda: check(data / f"n{n}", jobs)),
            ("floor1", lambda: floor(files, 1)),
            ("check1", lambda: check(data / f"n{n}", 1)),
        ):
            out = fn()
            secs = out[0] if isinstance(out, tuple) else out
            if key == "check":
                results = out[1]
            best[key] = min(best.get(key, float("inf")), secs)
    t_floor, t_check, t_floor1, t_check1 = best["floor"], best["check"], best["floor1"], best["check1"]
    t_check_r, t_report = check_and_report(data / f"n{n}", jobs, data / "office_report.xlsx")
    unreadable = sum(1 for r in results if r.error)
    findings = sum(len(r.findings) for r in results)

    subset = results[: args.subset]
    with tempfile.TemporaryDirectory(dir=data) as tmp:
        t_ann, t_ls, n_ann = annotate_vs_loadsave(subset, Path(tmp))

    mem = {}
    if not args.no_memory:
        files2 = generate(2 * n, data / f"n{2 * n}")
        mem["N, plans kept for --report"] = memory(data / f"n{n}", jobs, keep_plans="report")
        mem["2N, plans kept for --report"] = memory(data / f"n{2 * n}", jobs, keep_plans="report")
        mem["N, findings only"] = memory(data / f"n{n}", jobs, keep_plans=False)
        mem["2N, findings only"] = memory(data / f"n{2 * n}", jobs, keep_plans=False)
        del files2

    prof_txt = profile_check(files[: min(100, n)]) if args.profile else ""

    wps = n / t_check
    rows = [
        ("(a) floor: calamine, all sheets to lists", f"jobs={jobs}", t_floor, n / t_floor, ""),
        ("(a) floor, 1 process", "jobs=1", t_floor1, n / t_floor1, ""),
        ("(b) batch check: discover+read+rules", f"jobs={jobs}", t_check, wps,
         f"target ≥100/s: {'OK' if wps >= 100 else 'MISSED'}"),
        ("(b) check, 1 process", "jobs=1", t_check1, n / t_check1, ""),
        ("(b) check keeping plans for --report", f"jobs={jobs}", t_check_r, n / t_check_r, ""),
        ("office report (write_office_report, --mask)", f"{n} plans", t_report, n / t_report, ""),
        ("(c) annotate_file", f"{n_ann} files, 1 process", t_ann, n_ann / t_ann if t_ann else 0, ""),
        ("(d) openpyxl load+save", f"{n_ann} files, 1 process", t_ls, n_ann / t_ls if t_ls else 0, ""),
    ]
    r_check = t_check / t_floor
    r_ann = t_ann / t_ls if t_ls else float("nan")
    lines = _header(n, jobs, load_before, speedup, args.repeat) + [
        "## Whole commands, process start included", "", *whole_lines, "",
        "## Inside one process (no start-up)", "",
        f"Data: {n} workbooks generated from samples/ ({len(sources())} readable sample(s)); "
        f"{unreadable} unreadable, {findings} findings in total.",
        "",
        "| measurement | setting | seconds | workbooks/s | |",
        "|---|---|---:|---:|---|",
    ]
    for name, setting, secs, rate, note in rows:
        lines.append(f"| {name} | {setting} | {secs:.2f} | {rate:.1f} | {note} |")
    lines += [
        "",
        "| ratio | value | target | |",
        "|---|---:|---:|---|",
        f"| check / floor (jobs={jobs}) | {r_check:.2f} | ≤ 1.5 | {'OK' if r_check <= 1.5 else 'MISSED'} |",
        f"| check / floor (1 process) | {t_check1 / t_floor1:.2f} | ≤ 1.5 | {'OK' if t_check1 / t_floor1 <= 1.5 else 'MISSED'} |",
        f"| annotate / (load+save) | {r_ann:.2f} | ≤ 0.2 | {'OK' if r_ann <= 0.2 else 'MISSED'} |",
    ]
    if mem:
        lines += [
            "",
            "| peak RSS | files | parent (MB) | largest worker (MB) |",
            "|---|---:|---:|---:|",
        ]
        for k, m in mem.items():
            lines.append(f"| {k} | {m['files']} | {m['parent_kb'] / 1024:.0f} | {m['worker_kb'] / 1024:.0f} |")
        lines += ["", "Workers stay flat (each file is dropped once its result is sent back). With `--report` the "
                  "parent keeps every plan model for the office lists, so it grows with the number of files; "
                  "without it (findings only) the parent keeps just the findings."]
    if prof_txt:
        lines += ["", f"## Profile of the check path (1 process, {min(100, n)} files, own time by area)", "", prof_txt]
    return _write(args, lines)


def _header(n: int, jobs: int, load_before, speedup: float, repeat: int) -> list[str]:
    cpu = platform.processor() or platform.machine()
    return [
        "# Benchmark results (last run)",
        "",
        f"Run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC — benchmarks/run.py --n {n}; "
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()}.",
        "**The machine is shared** (up to 8 developers' builds and tests run on its 2 cores at the same time), "
        "so single timings swing widely; every ratio compares figures measured in the same run, interleaved, "
        "best of each.",
        f"Load average (1 min) before/after: {load_before[0]:.1f} / {os.getloadavg()[0]:.1f}.",
        f"Control: a pure-CPU loop runs {speedup:.2f}× faster with {jobs} processes than with 1 "
        f"(2.0 on {jobs} idle cores) — the machine's real parallelism during this run.",
        f"Timings: best of {max(2, repeat)} interleaved runs.",
        "",
    ]


def _write(args, lines: list[str]) -> int:
    text = "\n".join(lines) + "\n"
    print(text)
    out_path = Path(args.results)
    out_path.write_text(text, encoding="utf-8")
    print(f"saved {out_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
