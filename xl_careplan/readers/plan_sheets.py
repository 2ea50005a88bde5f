"""Which sheets of a workbook are read as the plan.

Not the sheets we write ourselves (点検結果, the hidden _xlcp_* state sheet). Not a sheet that is hidden or very
hidden: it is neither shown nor printed — offices keep the previous plan, drop-down lists or a prefecture's
記入例 there. Not a filled-in example left in the workbook (a sheet named 記入例, 記載例, 見本, サンプル …): its
needs, dates and services are another person's. Not the previous plan kept on a sheet of its own (「第2表（前回）」
「旧プラン」「変更前」), when the other sheets still hold a 第2表: read with the current one, its needs would be
taken for the plan's. Nor the previous plan kept on sheets named like the current ones but with an older date
(「第1表(R7.10)」 beside 「第1表(R8.4)」, 「R7.10 第2表」, 「第2表_20251015」): of sheets whose names differ only by
their date, only the newest are read — except records (モニタリング, 経過記録 …), where each dated sheet holds other
visits. A note names each sheet left out; when nothing else would be left, the hidden and example
sheets are read after all (a workbook is never read as empty because of this).
"""

from __future__ import annotations

import re

from xl_careplan import fields as F
from xl_careplan.grid import WorkbookGrid
from xl_careplan.models import ReadingNote
from xl_careplan.readers.common import norm_label
from xl_careplan.readers.table2 import detect_header

_EXAMPLE = re.compile(r"記入例|記載例|作成例|見本|サンプル|^例[0-9]*$|^(?:example|sample)", re.I)
_PREVIOUS = re.compile(r"前回|旧|変更前|以前|過去|^(?:old|prev)", re.I)
_PLAN_FORM = re.compile(r"表|計画|プラン|plan", re.I)
# a date in a sheet's name (after norm_label: half-width, no spaces): R8.4 / R8.4.10 / H31.3 / 令和8年4月(10日) /
# 2026.4 / 2026-04-10 / 2026年4月 / 20260410
_NAME_DATE = re.compile(
    r"(?P<era>[RHrh]|令和|平成)(?P<ey>\d{1,2})(?:[.\-/年](?P<em>\d{1,2})月?(?:[.\-/](?P<ed>\d{1,2})|(?P<ed2>\d{1,2})日)?)"
    r"|(?P<y>(?:19|20)\d{2})(?:[.\-/年](?P<m>\d{1,2})月?(?:[.\-/](?P<d>\d{1,2})|(?P<d2>\d{1,2})日)?"
    r"|(?P<m8>[01]\d)(?P<d8>[0-3]\d)(?!\d))")
_NAME_FILLER = re.compile(r"[()\[\]{}【】「」_\-・.,、\s]+")
_RECORD = re.compile(r"モニタリング|経過|記録|訪問|評価|支援経過")
_ERA_BASE = {"r": 2018, "令和": 2018, "h": 1988, "平成": 1988}


def dated_name(name: str) -> tuple[str, tuple[int, int, int]] | None:
    """(the name without its date, the date as (year, month, day; 0 = not written)) for a sheet named with a date."""
    n = norm_label(name)
    m = _NAME_DATE.search(n)
    if m is None:
        return None
    if m.group("era"):
        y = _ERA_BASE[m.group("era").lower()] + int(m.group("ey"))
        mo, d = m.group("em"), m.group("ed") or m.group("ed2")
    else:
        y = int(m.group("y"))
        mo, d = m.group("m") or m.group("m8"), m.group("d") or m.group("d2") or m.group("d8")
    if mo is None or not 1 <= int(mo) <= 12:
        return None
    rest = _NAME_FILLER.sub("", n[:m.start()] + n[m.end():])
    return rest, (y, int(mo), int(d or 0))


def older_dated(names: list[str]) -> list[str]:
    """Sheets named like another sheet but with an older date (the previous plan's copies); records excepted."""
    groups: dict[str, list[tuple[tuple[int, int, int], str]]] = {}
    for name in names:
        dn = dated_name(name)
        if dn is not None and dn[0] and not _RECORD.search(dn[0]):
            groups.setdefault(dn[0], []).append((dn[1], name))
    out = []
    for group in groups.values():
        newest = max(d for d, _ in group)
        out += [name for d, name in group if d < newest]
    return out


def is_example(name: str) -> bool:
    return bool(_EXAMPLE.search(norm_label(name)))


def _hidden(sh) -> bool:
    return bool(sh.extras and sh.extras.hidden_sheet)  # readers.sheet_extras (file) / addin.shown (live)


def plan_sheets(grid: WorkbookGrid) -> tuple[WorkbookGrid, list[ReadingNote]]:
    ours = {s.name for s in grid.sheets if s.name == F.SHEET_RESULTS or s.name.startswith(F.OWN_SHEET_PREFIX)}
    hidden = [s.name for s in grid.sheets if s.name not in ours and _hidden(s)]
    examples = [s.name for s in grid.sheets if s.name not in ours and not _hidden(s) and is_example(s.name)]
    left_out = ours | set(hidden) | set(examples)
    if not any(s.name not in left_out for s in grid.sheets):
        left_out, hidden, examples = ours, [], []
    previous = [s.name for s in grid.sheets if s.name not in left_out and _PREVIOUS.search(norm_label(s.name))
                and (_PLAN_FORM.search(s.name) or detect_header(s))]  # an old 経過記録 is still the record
    if previous and any(detect_header(s) for s in grid.sheets if s.name not in left_out and s.name not in previous):
        left_out |= set(previous)
    else:
        previous = []
    dated = older_dated([s.name for s in grid.sheets if s.name not in left_out])
    left_out |= set(dated)
    if not left_out:
        return grid, []
    notes = [ReadingNote(part=name, message="非表示のシートは画面にも印刷にも出ないため、計画として読んでいません"
                                           "（前の計画の写しや選択肢の一覧など）", looked=f"シート「{name}」")
             for name in hidden]
    notes += [ReadingNote(part=name, message="記入例・見本のシートは計画の内容ではないため、読んでいません",
                          looked=f"シート「{name}」") for name in examples]
    notes += [ReadingNote(part=name, message="前の計画のシートと見て、今回の計画としては読んでいません（シート名から）",
                          looked=f"シート「{name}」") for name in previous]
    notes += [ReadingNote(part=name, message="同じ名前で日付の新しいシートがあるため、前の計画のシートと見て、今回の計画としては読んでいません"
                                             "（シート名の日付から）", looked=f"シート「{name}」") for name in dated]
    return WorkbookGrid(sheets=[s for s in grid.sheets if s.name not in left_out], names=grid.names,
                        path=grid.path), notes
