"""False alarms on good plans written the way other offices write them, and recall on realistic bad ones.

    python benchmarks/score_alarms.py [--set 1|2|3] [--out DIR] [--per N] [--variants a,b] [--json FILE]

The plans come from benchmarks/reading_corpus/variation.py (``--set 1``, the default) or variation2.py (``--set 2``,
the second, independent set) or variation3.py (``--set 3``, the third); each variant cites the rule text that makes it acceptable. Every good plan is checked under national, asahikawa and nayoro (check day of the reading corpus);
every error or warning on it is a false alarm, except the rules a variant names as its own point (``allowed``).
A bad plan counts as found when its expected rule reports it (anywhere, as an error or warning) under every profile
that holds the rule.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.reading_corpus.generate import TODAY  # noqa: E402
from benchmarks.reading_corpus.variation import generate_variation  # noqa: E402
from benchmarks.reading_corpus.variation2 import generate_variation2  # noqa: E402
from benchmarks.reading_corpus.variation3 import generate_variation3  # noqa: E402

PROFILES = ("national", "asahikawa", "nayoro")
SETS = {1: generate_variation, 2: generate_variation2, 3: generate_variation3}
BAD = ("error", "warning")


def score(out_dir: Path, per: int = 4, names: list[str] | None = None, which: int = 1) -> dict:
    from xl_careplan.pipeline import check_file
    from xl_careplan.profiles import load_profile

    cases = SETS[which](Path(out_dir), per_variant=per, names=names)
    loaded = {p: load_profile(p) for p in PROFILES}
    alarms: list[dict] = []
    good = 0
    bad_found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed: list[str] = []
    unreadable: list[str] = []
    for c in cases:
        path = str(Path(out_dir) / c.file)
        found_all = True
        active = 0
        good += c.good
        for pname, prof in loaded.items():
            res = check_file(path, prof, TODAY)
            if res.error:
                unreadable.append(f"{c.file} [{pname}]: {res.error}")
                found_all = False
                continue
            fs = [f for f in res.findings if not f.acknowledged]
            if c.good:
                alarms += [dict(file=c.file, variant=c.variant, profile=pname, rule=f.rule, severity=f.severity.value,
                                cell=f"{f.sheet}!{f.cell}", message=f.message)
                           for f in fs if f.severity.value in BAD and f.rule not in c.allowed]
            elif prof.is_selected(c.expect):
                active += 1
                found_all &= any(f.rule == c.expect and f.severity.value in BAD for f in fs)  # advice is not a finding
        if not c.good and active:
            bad_found[c.variant][0] += found_all
            bad_found[c.variant][1] += 1
            if not found_all:
                missed.append(f"{c.file}: {c.expect}")
    return {"good": good, "bad": sum(n for _, n in bad_found.values()), "alarms": alarms,
            "bad_found": dict(bad_found), "missed": missed, "unreadable": unreadable}


def report(sc: dict) -> str:
    g = sc["good"] or 1
    out = [f"good plans {sc['good']} (x3 profiles), bad plans {sc['bad']}"]
    al = sc["alarms"]
    out.append(f"error/warning findings on good plans: {len(al)} ({len(al) / g:.2f} per good plan, all profiles)")
    per_p = Counter(a["profile"] for a in al)
    out.append("per profile: " + ", ".join(f"{p} {per_p[p]} ({per_p[p] / g:.2f}/plan)" for p in PROFILES))
    out.append("by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(a["rule"] for a in al).items())))
    by_var: dict[str, Counter] = defaultdict(Counter)
    for a in al:
        by_var[a["variant"]][a["rule"]] += 1
    out.append("by variant:")
    out += [f"  {k:30s} " + ", ".join(f"{r} {n}" for r, n in sorted(c.items())) for k, c in sorted(by_var.items())]
    found = sum(a for a, _ in sc["bad_found"].values())
    total = sum(n for _, n in sc["bad_found"].values())
    out.append(f"recall on bad plans: {found}/{total}")
    out += [f"  {k:30s} {a}/{n}" for k, (a, n) in sorted(sc["bad_found"].items())]
    out.append("missed:")
    out += ["  " + m for m in sc["missed"]]
    out.append("false alarms:")
    seen = set()
    for a in al:
        key = (a["variant"], a["rule"], a["message"][:60])
        if key in seen:
            continue
        seen.add(key)
        out.append(f"  {a['file']} [{a['profile']}] {a['rule']} {a['severity']} {a['cell']}: {a['message']}")
    if sc["unreadable"]:
        out.append("unreadable:")
        out += ["  " + u for u in sc["unreadable"]]
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=int, choices=sorted(SETS), default=1, help="1: variation.py, 2: variation2.py, 3: variation3.py")
    ap.add_argument("--out")
    ap.add_argument("--per", type=int, default=4, help="workbooks per variant")
    ap.add_argument("--variants", help="comma-separated variant names")
    ap.add_argument("--json")
    a = ap.parse_args(argv)
    names = a.variants.split(",") if a.variants else None
    if a.out:
        sc = score(Path(a.out), a.per, names, a.set)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            sc = score(Path(tmp), a.per, names, a.set)
    print(report(sc))
    if a.json:
        Path(a.json).write_text(json.dumps(sc, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
