"""Score xl_careplan's reading and checking on the independent corpus (benchmarks/reading_corpus).

    python benchmarks/score_reading.py [--out DIR] [--quick] [--layouts a,b] [--libreoffice N] [--json FILE]

Prints recall per problem type, per layout and per writer (found = a finding of that rule at the right cell,
or the right row for row-level problems, under every profile the rule belongs to), every error/warning on a
clean plan, and every finding without a sheet or cell. ``score()`` returns the same figures for a test.
"""

from __future__ import annotations

import argparse
import json
import datetime as dt
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.reading_corpus.generate import TODAY, Case, Truth, generate  # noqa: E402

PROFILES = ("national", "asahikawa", "nayoro")
BAD = ("error", "warning")


@dataclass
class Hit:
    file: str
    profile: str
    rule: str
    severity: str
    sheet: str | None
    cell: str | None
    message: str

    def line(self) -> str:
        return f"{self.file} [{self.profile}] {self.rule} {self.severity} {self.sheet}!{self.cell}: {self.message}"


@dataclass
class Score:
    files: int = 0
    clean: int = 0
    planted: int = 0  # planted problems
    found: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # problem -> [found, total]
    by_layout: dict[str, list[int]] = field(default_factory=dict)
    by_writer: dict[str, list[int]] = field(default_factory=dict)
    false_alarms: list[Hit] = field(default_factory=list)  # error/warning on clean plans
    unplaced: list[Hit] = field(default_factory=list)  # any finding without sheet or cell
    missed: list[tuple[str, Truth, list[Hit]]] = field(default_factory=list)  # (file, truth, same-rule findings)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    clean_by_layout: dict[str, list[int]] = field(default_factory=dict)  # layout -> [error/warning findings, clean plans]
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def false_alarms_per_clean(self) -> float:
        return len(self.false_alarms) / self.clean if self.clean else 0.0


def _row(cell: str | None) -> int | None:
    m = re.search(r"(\d+)$", cell or "")
    return int(m.group(1)) if m else None


def matches(h: Hit, t: Truth) -> bool:
    if h.rule != t.rule or h.sheet != t.sheet:
        return False
    if t.match == "sheet":
        return True
    if t.match == "row":
        return _row(h.cell) in {_row(c) for c in t.cells}
    return h.cell in t.cells


def check_cases(out_dir: Path, cases: list[Case], profiles=PROFILES, today: dt.date = TODAY) -> Score:
    from xl_careplan.pipeline import check_file
    from xl_careplan.profiles import load_profile

    loaded = {p: load_profile(p) for p in profiles}
    sc = Score()
    for case in cases:
        sc.files += 1
        sc.clean += case.clean
        path = str(Path(out_dir) / case.file)
        hits: dict[str, list[Hit]] = {}
        for pname, prof in loaded.items():
            res = check_file(path, prof, today)
            if res.error:
                sc.unreadable.append((case.file, res.error))
                hits[pname] = []
                continue
            hs = [Hit(case.file, pname, f.rule, f.severity.value, f.sheet, f.cell, f.message) for f in res.findings
                  if not f.acknowledged]
            hits[pname] = hs
            sc.unplaced += [h for h in hs if not h.sheet or not h.cell]
            if case.clean:
                bad = [h for h in hs if h.severity in BAD]
                sc.false_alarms += bad
                sc.clean_by_layout.setdefault(case.layout, [0, 0])[0] += len(bad)
        if case.clean:
            sc.clean_by_layout.setdefault(case.layout, [0, 0])[1] += 1
        for t in case.truths:
            # the profiles that hold the rule now (rules move between profiles; the truth names only the rule)
            active = [p for p, prof in loaded.items() if prof.is_selected(t.rule)]
            if not active:
                continue
            ok = all(any(matches(h, t) for h in hits[p]) for p in active)
            sc.planted += 1
            sc.found += ok
            for d, k in ((sc.by_type, t.problem), (sc.by_layout, case.layout), (sc.by_writer, case.writer)):
                d.setdefault(k, [0, 0])
                d[k][0] += ok
                d[k][1] += 1
            if not ok:
                same = [h for p in active for h in hits[p] if h.rule == t.rule]
                sc.missed.append((case.file, t, same))
    return sc


def score(out_dir: Path | str, profiles=PROFILES, quick: bool = False, layouts: list[str] | None = None,
          libreoffice: int = 0) -> Score:
    """Generate the corpus into ``out_dir`` and score it. ``quick`` = the CI-size subset."""
    t0 = time.perf_counter()
    kw = dict(per_layout=8, clean_per_layout=3) if quick else {}
    cases = generate(Path(out_dir), layout_names=layouts, libreoffice=libreoffice, **kw)
    sc = check_cases(Path(out_dir), cases, profiles)
    sc.seconds = time.perf_counter() - t0
    return sc


def _pct(a: int, n: int) -> str:
    return f"{a}/{n} = {a / n:.0%}" if n else "-"


def report(sc: Score, limit: int = 400) -> str:
    out = [f"files {sc.files} (clean {sc.clean}), planted problems {sc.planted}, {sc.seconds:.1f} s",
           f"recall {_pct(sc.found, sc.planted)}",
           f"error/warning findings on clean plans: {len(sc.false_alarms)} ({sc.false_alarms_per_clean:.2f} per clean plan)",
           f"findings without sheet or cell: {len(sc.unplaced)}",
           f"unreadable files: {len(sc.unreadable)}", ""]
    for title, d in (("per layout", sc.by_layout), ("per writer", sc.by_writer), ("per problem type", sc.by_type)):
        out.append(f"recall {title}:")
        out += [f"  {k:32s} {_pct(*v)}" for k, v in sorted(d.items())]
        out.append("")
    per_profile: dict[str, int] = defaultdict(int)
    for h in sc.false_alarms:
        per_profile[h.profile] += 1
    out.append("error/warning findings per clean plan, per profile: " + ", ".join(
        f"{p} {n}/{sc.clean} = {n / sc.clean if sc.clean else 0:.2f}" for p, n in sorted(per_profile.items())))
    out.append("error/warning findings per clean plan, per layout (all profiles together):")
    out += [f"  {k:32s} {a}/{n} = {a / n if n else 0:.2f}" for k, (a, n) in sorted(sc.clean_by_layout.items())]
    out.append("")
    by_rule: dict[str, int] = defaultdict(int)
    for h in sc.false_alarms:
        by_rule[h.rule] += 1
    out.append("false alarms by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(by_rule.items())))
    out.append("")
    out.append("error/warning findings on clean plans:")
    out += ["  " + h.line() for h in sc.false_alarms[:limit]]
    out.append("")
    out.append("findings without sheet or cell:")
    out += ["  " + h.line() for h in sc.unplaced[:limit]]
    out.append("")
    out.append("missed planted problems (expected; what the same rule said instead):")
    for f, t, same in sc.missed[:limit]:
        out.append(f"  {f}: {t.problem} {t.rule} at {t.sheet}!{'/'.join(t.cells)} ({t.match})")
        out += [f"      got {h.profile} {h.sheet}!{h.cell}: {h.message}" for h in same[:3]]
    if sc.unreadable:
        out.append("")
        out.append("unreadable files:")
        out += [f"  {f}: {m}" for f, m in sorted(set(sc.unreadable))]
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="output directory (default: a temporary directory)")
    ap.add_argument("--quick", action="store_true", help="the CI-size subset")
    ap.add_argument("--layouts", help="comma-separated layout names")
    ap.add_argument("--libreoffice", type=int, default=0, help="re-save N openpyxl workbooks per layout with LibreOffice")
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--json", help="also write the figures as JSON to this file")
    a = ap.parse_args(argv)
    layouts = a.layouts.split(",") if a.layouts else None
    if a.out:
        sc = score(a.out, quick=a.quick, layouts=layouts, libreoffice=a.libreoffice)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            sc = score(tmp, quick=a.quick, layouts=layouts, libreoffice=a.libreoffice)
    print(report(sc, a.limit))
    if a.json:
        Path(a.json).write_text(json.dumps(summary(sc), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def summary(sc: Score) -> dict:
    """The figures of a run (no workbook content beyond rule, place and message)."""
    return {
        "files": sc.files, "clean": sc.clean, "planted": sc.planted, "found": sc.found, "recall": round(sc.recall, 4),
        "false_alarms": len(sc.false_alarms), "false_alarms_per_clean": round(sc.false_alarms_per_clean, 3),
        "unplaced": len(sc.unplaced), "unreadable": len(sc.unreadable), "seconds": round(sc.seconds, 1),
        "by_layout": sc.by_layout, "by_writer": sc.by_writer, "by_type": sc.by_type, "clean_by_layout": sc.clean_by_layout,
        "false_alarm_list": [asdict(h) for h in sc.false_alarms],
        "unplaced_list": [asdict(h) for h in sc.unplaced],
        "missed": [{"file": f, **asdict(t)} for f, t, _ in sc.missed],
    }


if __name__ == "__main__":
    raise SystemExit(main())
