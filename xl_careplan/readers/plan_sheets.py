"""Which sheets of a workbook are read as the plan.

Not the sheets we write ourselves (点検結果, the hidden _xlcp_* state sheet). Not a sheet that is hidden or very
hidden: it is neither shown nor printed — offices keep the previous plan, drop-down lists or a prefecture's
記入例 there. Not a filled-in example left in the workbook (a sheet named 記入例, 記載例, 見本, サンプル …): its
needs, dates and services are another person's. Not the previous plan kept on a sheet of its own (「第2表（前回）」
「旧プラン」「変更前」), when the other sheets still hold a 第2表: read with the current one, its needs would be
taken for the plan's. A note names each sheet left out; when nothing else would be left, the hidden and example
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


def is_example(name: str) -> bool:
    return bool(_EXAMPLE.search(norm_label(name)))


def _hidden(sh) -> bool:
    return bool(sh.extras and sh.extras.hidden_sheet)  # readers.sheet_extras (file) / addin.shown (live)


def plan_sheets(grid: WorkbookGrid) -> tuple[WorkbookGrid, list[ReadingNote]]:
    ours = {s.name for s in grid.sheets if s.name == F.SHEET_RESULTS or s.name.startswith("_xlcp")}
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
    if not left_out:
        return grid, []
    notes = [ReadingNote(part=name, message="非表示のシートは画面にも印刷にも出ないため、計画として読んでいません"
                                           "（前の計画の写しや選択肢の一覧など）", looked=f"シート「{name}」")
             for name in hidden]
    notes += [ReadingNote(part=name, message="記入例・見本のシートは計画の内容ではないため、読んでいません",
                          looked=f"シート「{name}」") for name in examples]
    notes += [ReadingNote(part=name, message="前の計画のシートと見て、今回の計画としては読んでいません（シート名から）",
                          looked=f"シート「{name}」") for name in previous]
    return WorkbookGrid(sheets=[s for s in grid.sheets if s.name not in left_out], names=grid.names,
                        path=grid.path), notes
