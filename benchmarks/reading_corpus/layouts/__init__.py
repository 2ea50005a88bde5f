"""One module per layout; each has NAME, MODELS (what real form it imitates) and build(plan, rng) -> Book."""

from __future__ import annotations

from importlib import import_module

NAMES = ["mhlw", "software", "handmade", "split_pages", "prefecture", "listexport", "onesheet"]
# held out: never in the default or --quick corpus (the reader was not developed against it); run it by name,
# ``score_reading.py --layouts heldout_city``
HELDOUT = ["heldout_city", "blind_export", "blind_cm", "blind_office", "blind_vendor", "blind_a3", "blind_input",
           "blind5_a", "blind5_b", "blind5_c", "blind6_a"]  # blind_*: written blind (see README, "blind layouts")


def load(name: str):
    return import_module(f"{__name__}.{name}")


def raw_or(plan, key: str, text):
    """The text a planted problem puts in place of the value (an unreadable date), else ``text``."""
    return plan.raw.get(key, text)


T2_COLS = ("need", "long", "long_period", "short", "short_period", "content", "insured", "kind", "provider", "freq", "period")


def put_t2_merged(b, s: str, p, top: int, col: dict[str, int], period, style, freq=lambda f: f,
                  needs: list[int] | None = None) -> int:
    """第2表 rows from ``top`` in the printed 様式's shape: each need, goal and goal period merged over the rows of
    its services (``needs``: the needs on this page). ``period(key, start, end)`` gives a period's text.
    Returns the next free row."""
    from ..book import a1

    row = top
    for i in range(len(p.needs)) if needs is None else needs:
        n = p.needs[i]
        n_top = row
        for j, lg in enumerate(n.longs):
            l_top = row
            for k, sg in enumerate(lg.shorts):
                s_top = row
                base = f"t2.n{i}.l{j}.s{k}"
                for m, sv in enumerate(sg.services):
                    key = f"{base}.v{m}"
                    for name, v in (("content", sv.content), ("insured", "○" if sv.insured else ""), ("kind", sv.kind),
                                    ("provider", sv.provider), ("freq", freq(sv.freq)),
                                    ("period", period(f"{key}.period", sv.start, sv.end))):
                        b.put(s, row, col[name], v, style=style)
                        b.place(f"{key}.{name}", s, a1(row, col[name]))
                    row += 1
                for name, key, v in (("short", f"{base}.text", sg.text),
                                     ("short_period", f"{base}.period", period(f"{base}.period", sg.start, sg.end))):
                    b.put(s, s_top, col[name], v, style=style, merge=(row - 1, col[name]))
                    b.place(key, s, a1(s_top, col[name]))
            for name, key, v in (("long", f"t2.n{i}.l{j}.text", lg.text),
                                 ("long_period", f"t2.n{i}.l{j}.period", period(f"t2.n{i}.l{j}.period", lg.start, lg.end))):
                b.put(s, l_top, col[name], v, style=style, merge=(row - 1, col[name]))
                b.place(key, s, a1(l_top, col[name]))
        b.put(s, n_top, col["need"], n.text, style=style, merge=(row - 1, col["need"]))
        b.place(f"t2.n{i}.text", s, a1(n_top, col["need"]))
    return row


def put_week_grid(b, s: str, p, first_row: int, first_col: int, hours: list[int], style) -> None:
    """第3表 entries in a grid of 2-hour rows (``hours``) × 月〜日 columns from ``first_col``; a service longer than
    one row is merged down; each weekly group once."""
    from ..plan import WEEKDAYS

    seen = set()
    for sv in p.weekly_services():
        if sv.group in seen:
            continue
        seen.add(sv.group)
        h = int(sv.time.split(":")[0])
        for d in sv.days:
            row = first_row + hours.index(h - h % 2)
            col = first_col + WEEKDAYS.index(d)
            last = min(row + sv.rows - 1, first_row + len(hours) - 1)
            b.put(s, row, col, sv.weekly_label, style=style, merge=(last, col) if last > row else None)
