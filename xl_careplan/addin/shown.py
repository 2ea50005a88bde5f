"""What an open sheet shows besides its values, measured the same way in Excel (``addin.live``) and in Calc
(``addin.uno_access``), so the button reads what ``check`` reads from the saved file.

The file path gets hidden rows and columns, text boxes, ovals, the print header and the sheet's own visibility
from the package (``readers.sheet_extras.SheetExtras``) and ``readers.unseen`` applies them to the grid. The live
paths build the same ``SheetExtras`` from the application: hidden lines by bisecting blocks the application
answers for at once, and a shape's corners as (cell, fraction into it) found by binary search over the rows'
and columns' start positions — one call per position asked, a few dozen per shape.
"""

from __future__ import annotations

from typing import Callable

from xl_careplan.readers.sheet_extras import Shape, shape_between

LAST_ROW, LAST_COL = 1_048_576, 16_384  # Excel's last row and column; no search goes beyond them
# questions to the application about one sheet's rows (or columns, or merged areas) before we give up: a form asks a
# few hundred; every other row of 20,000 hidden would ask 40,000 (minutes over COM) where the file path reads them
MAX_QUESTIONS = 20_000
CALLS_PER_SHAPE = 8  # type, text, top, left, height, width, autoshape type, and a share of the row/column search


TOO_MANY_QUESTIONS = ("このシートは非表示の行・列、結合したセル、図形が細かく入り組んでいて（または多すぎて）、{app} から読み取るのに"
                      "時間がかかりすぎるため、点検しませんでした（何も書き込んでいません）。"
                      "保存したファイルを `xl-careplan check --annotate` で点検してください。")


class TooManyQuestions(Exception):
    """Reading what a sheet shows would take more than ``MAX_QUESTIONS`` calls to the application."""


def hidden_lines(lo: int, hi: int, state: Callable[[int, int], bool | None],
                 limit: int | None = None) -> frozenset[int]:
    """The lines (rows or columns) in ``lo..hi`` that are hidden. ``state(a, b)`` answers for the block a..b:
    True all hidden, False none hidden, None mixed or unknown (the block is split). Raises ``TooManyQuestions``
    after ``limit`` answers (``MAX_QUESTIONS``)."""
    limit = MAX_QUESTIONS if limit is None else limit
    out: set[int] = set()
    stack = [(lo, hi)] if lo <= hi else []
    asked = 0
    while stack:
        a, b = stack.pop()
        asked += 1
        if asked > limit:
            raise TooManyQuestions
        s = state(a, b)
        if s is True:
            out.update(range(a, b + 1))
        elif s is None and a < b:
            mid = (a + b) // 2
            stack += [(a, mid), (mid + 1, b)]
    return frozenset(out)


def line_at(pos: float, start: Callable[[int], float], last: int) -> tuple[int, float]:
    """(line, fraction into it), the line 1-based, of the position ``pos`` along an axis whose ``start(i)`` is
    where line i begins (increasing; a hidden line has no size)."""
    hi = 2
    while hi < last and start(hi) <= pos:
        hi = min(last, hi * 2)
    lo = 1  # invariant: start(lo) <= pos, and start(hi) > pos unless hi is the last line
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if start(mid) <= pos:
            lo = mid
        else:
            hi = mid
    if start(hi) <= pos:
        lo = hi
    first = start(lo)
    size = start(lo + 1) - first if lo < last else 0
    return lo, (pos - first) / size if size > 0 else 0.0


def shape_at(top: float, left: float, height: float, width: float, row_start: Callable[[int], float],
             col_start: Callable[[int], float], text: str, oval: bool) -> Shape:
    """The cells under a shape placed at (top, left) with this size, in the units of ``row_start`` /
    ``col_start`` (points in Excel, 1/100 mm in Calc)."""
    r0, rf0 = line_at(top, row_start, LAST_ROW)
    r1, rf1 = line_at(top + height, row_start, LAST_ROW)
    c0, cf0 = line_at(left, col_start, LAST_COL)
    c1, cf1 = line_at(left + width, col_start, LAST_COL)
    return shape_between((c0 - 1, cf0, r0 - 1, rf0), (c1 - 1, cf1, r1 - 1, rf1), text, oval)
