"""Generate the corpus: clean plans and plans with planted problems, in every layout, by several writers.

Deterministic for a given seed. Each workbook's truth (problem, rule, sheet, cells, how close) comes from
the cells its own layout recorded while writing it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import layouts
from .book import WRITERS, relabel_many, soffice
from .plan import make_plan
from .problems import PROBLEMS, Expect

TODAY = dt.date(2026, 11, 20)  # the day the corpus is checked on (monitoring months are judged up to October)
PROBLEM_NAMES = sorted(PROBLEMS)


@dataclass
class Truth:
    problem: str
    rule: str
    sheet: str
    cells: list[str]
    match: str  # cell | row | sheet
    profiles: list[str]


@dataclass
class Case:
    file: str
    layout: str
    writer: str
    seed: int
    clean: bool
    truths: list[Truth] = field(default_factory=list)


def _section(e: Expect) -> str:
    return e.key.split(".")[0]


COMPATIBLE = {frozenset(p) for p in [("t1", "as"), ("t1", "t4"), ("t2", "as"), ("t2", "t4"), ("t2", "mon"),
                                       ("as", "mon"), ("t4", "mon"), ("as", "t4")]}


def plant(plan, r: random.Random, first: int, count: int) -> list[tuple[str, Expect]]:
    """Apply up to ``count`` problems, starting with problem type ``first`` (rotating through all types),
    choosing only problems on independent parts of the plan so each one's finding stays predictable."""
    out: list[tuple[str, Expect]] = []
    sections: set[str] = set()
    order = PROBLEM_NAMES[first:] + PROBLEM_NAMES[:first]
    if count > 1:
        rest = order[1:]
        r.shuffle(rest)
        order = order[:1] + rest
    for name in order:
        if len(out) >= count:
            break
        trial = plan.copy()
        exp = PROBLEMS[name](trial, random.Random(r.random()))
        if not exp:
            continue
        secs = {_section(e) for e in exp}
        if out and (secs & sections or any(frozenset((a, b)) not in COMPATIBLE for a in secs for b in sections)):
            continue
        plan.__dict__.update(trial.__dict__)
        sections |= secs
        out += [(name, e) for e in exp]
    return out


def generate(out_dir: Path, per_layout: int = 32, clean_per_layout: int = 12, layout_names: list[str] | None = None,
             writers: list[str] | None = None, seed: int = 2026, libreoffice: int = 0) -> list[Case]:
    """``libreoffice``: how many workbooks per layout are also re-saved by LibreOffice (0 = none)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    writers = writers or list(WRITERS)
    cases: list[Case] = []
    lo_src: list[tuple[Path, Case]] = []
    for li, lname in enumerate(layout_names or layouts.NAMES):
        mod = layouts.load(lname)
        layout_opx: list[tuple[Path, Case]] = []
        for idx in range(per_layout):
            s = seed * 1000003 + li * 1009 + idx
            r = random.Random(s)
            plan = make_plan(f"{lname}-{idx:03d}", s, TODAY)
            clean = idx < clean_per_layout
            planted = [] if clean else plant(plan, r, (idx * 7 + li * 3) % len(PROBLEM_NAMES), 1 + (idx % 3 == 0))
            book = mod.build(plan, random.Random(s + 1))
            writer = writers[idx % len(writers)]
            name = f"{lname}_{idx:03d}_{writer}{'_clean' if clean else ''}.xlsx"
            path = out_dir / name
            WRITERS[writer](book, path)
            truths = []
            for pname, e in planted:
                if any(k in book.unseen for k in e.needs) or all(k in book.unseen for k in e.key.split("|")):
                    continue  # the value is in no cell (a shape, the print header): no finding can be expected
                if e.key.startswith("find:"):
                    places = book.find(e.key[5:])
                else:  # "a|b": either field's cell
                    places = [pl for k in e.key.split("|") for pl in book.places.get(k, [])]
                if not places:
                    raise RuntimeError(f"{lname}: no cell recorded for {e.key} ({pname})")
                match = e.match
                if e.key.startswith("mon.r") and not getattr(mod, "PLANNED_DATES", True):
                    match = "sheet"  # no 予定日 column: the reader cannot know which month a blank row is for
                truths.append(Truth(pname, e.rule, places[0][0], [c for sh, c in places if sh == places[0][0]],
                                    match, list(e.profiles)))
            case = Case(name, lname, writer, s, clean, truths)
            cases.append(case)
            if writer == "openpyxl":
                layout_opx.append((path, case))
        if libreoffice and layout_opx:  # spread over clean and planted plans
            step = max(1, len(layout_opx) // libreoffice)
            lo_src += layout_opx[::step][:libreoffice]
    if lo_src and soffice():
        lo_dir = out_dir / "_lo"
        relabel_many([p for p, _ in lo_src], lo_dir)
        for p, c in lo_src:
            target = out_dir / p.name.replace("_openpyxl", "_libreoffice")
            (lo_dir / p.name).rename(target)
            cases.append(Case(target.name, c.layout, "libreoffice", c.seed, c.clean, c.truths))
        lo_dir.rmdir()
    (out_dir / "truth.json").write_text(
        json.dumps({"today": TODAY.isoformat(), "cases": [asdict(c) for c in cases]}, ensure_ascii=False, indent=1),
        encoding="utf-8")
    return cases
