"""Single-value fields (第1表, 第4表, アセスメント実施日): found by layout file, defined name or label."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from xl_careplan import fields as F
from xl_careplan.grid import WorkbookGrid
from xl_careplan.located import Located
from xl_careplan.models import fields_of
from xl_careplan.readers.common import (
    TILDES,
    LabelIndex,
    Pos,
    cell_text,
    find_value,
    is_label,
    is_skeleton,
    looks_like_date,
    is_printed,
    located,
    loc_of,
    next_right,
    norm_label,
    row_cells,
    safe_parse,
    sheet_candidates,
)


@dataclass
class FieldPos:
    """Where a field's value is: the value cell, and for a two-cell period the end cell."""

    pos: Pos
    end: Pos | None = None
    how: str = "labels"  # template | labels | layout-file
    inline_text: str | None = None  # value written in the label's own cell ("氏名：山田")
    doubt: bool = False  # the cell next to the label holds something that does not fit the field


_LEVEL_LIKE = re.compile(r"要介護|要支援|介護|支援|事業対象|^[1-5１-５]$")


def fits(spec: F.FieldSpec, v: Any) -> bool:
    """Whether a cell value could be this field's value (labels and captions are ruled out before)."""
    if v is None or isinstance(v, bool):
        return False
    if spec.kind in ("date", "period"):
        return looks_like_date(v)
    if spec.kind == "care_level":
        return isinstance(v, (int, float)) or (isinstance(v, str) and bool(_LEVEL_LIKE.search(v)))
    if spec.kind == "choice":
        n = norm_label(cell_text(v))
        return any(norm_label(c) in n for c in spec.choices)
    return True  # text: anything that is not printed text of the form


@lru_cache(maxsize=None)
def parser_for(spec: F.FieldSpec) -> Callable[[Any], Any] | None:
    from xl_careplan import parsing as P

    if spec.key == "living_support_reason":
        return _living_support_reason
    if spec.kind == "text":
        return None
    if spec.kind == "date":
        return P.parse_date
    if spec.kind == "care_level":
        return _care_level
    if spec.kind == "choice":
        return lambda v: P.parse_choice(v, spec.choices)
    if spec.kind == "period":
        return P.parse_period
    raise ValueError(spec.kind)


_LIVING_KEYWORDS = ("一人暮らし", "家族等が障害", "その他")


def _living_support_reason(value: Any) -> str:
    """生活援助中心型の算定理由: free text, or the printed list 「1. 一人暮らし 2. 家族等が障害、疾病等
    3. その他（　）」 with one marked. The printed list with no mark is not a reason (the mark may be a shape)."""
    from xl_careplan import parsing as P

    text = str(value).strip()
    if sum(1 for k in _LIVING_KEYWORDS if k in text) < 2:
        return text
    chosen = P.parse_choice(text, F.LIVING_SUPPORT_CHOICES)
    return text if chosen == F.LIVING_SUPPORT_CHOICES[-1] else chosen  # その他: keep the written reason


def _care_level(value: Any):
    """要介護状態区分 as written, or a printed list of all levels with one marked (「要介護1・(要介護2)・…」)."""
    from xl_careplan import parsing as P
    from xl_careplan.values import CareLevel

    if isinstance(value, str):
        value = _expand_level_groups(value)
    try:
        return P.parse_care_level(value)
    except P.ParseError as first:
        if not isinstance(value, str):
            raise
        choices = tuple(c.value for c in CareLevel)
        try:
            return CareLevel(P.parse_choice(value, choices))
        except P.ParseError as e:
            # the list printed with no visible mark: say so (the circle may be a drawn shape)
            if sum(1 for c in choices if c in P.normalize(value)) >= 2:
                raise e from None
            raise first from None


_LEVEL_GROUP = re.compile(r"(要介護|要支援)\s*\(([^()]*)\)")


def _expand_level_groups(text: str) -> str:
    """「要支援（１・２）　要介護（ 1・■2・3・4・5 ）」 → 「要支援1・要支援2・要介護1・■要介護2・…」: the levels
    printed as groups, with the mark kept in front of its level."""
    import unicodedata

    t = unicodedata.normalize("NFKC", text)
    if not _LEVEL_GROUP.search(t):
        return text

    def one(m: re.Match) -> str:
        kind, body = m.group(1), m.group(2)
        out = []
        for tok in re.split(r"[・,、\s]+", body.strip()):
            d = re.search(r"[1-5]", tok)
            if d:
                out.append(f"{tok[:d.start()]}{kind}{d.group(0)}{tok[d.end():]}")
        return "・".join(out)

    return _LEVEL_GROUP.sub(one, t)


_MARK_ONLY = frozenset("○〇◯●◎■☑✓✔レ□☐◻✕×")


def _options(spec: F.FieldSpec) -> tuple[str, ...]:
    if spec.key == "living_support_reason":
        return ("一人暮らし", "家族等が障害", "その他")
    return tuple(norm_label(c) for c in spec.choices)


def choice_run(sh, row: int, after: int, spec: F.FieldSpec) -> tuple[tuple[int, int], str] | None:
    """Choices laid out as cells — a mark cell (○ ◯ レ, or blank) before each option cell — right of column
    ``after`` in ``row``: (first cell, the options glued into one text with their marks, 「要支援1・レ要介護1・…」).
    None unless ≥2 options follow one another."""
    opts = _options(spec)
    parts: list[str] = []
    cols: list[int] = []
    mark, first, any_mark = "", None, False
    for col, v in row_cells(sh, row):
        if col <= after or sh.top_left(row, col) != (row, col):
            continue
        t = cell_text(v)
        n = norm_label(t)
        if n and all(ch in _MARK_ONLY for ch in n):
            mark += n
            first = first or (row, col)
            continue
        if any(o in n and (o + "の") not in n for o in opts):  # 「（その他の内容）」 is the caption of its box
            any_mark = any_mark or bool(mark)
            parts.append(mark + t)
            cols.append(col)
            mark = ""
            first = first or (row, col)
            continue
        break
    if len(parts) < 2:
        return None
    if not any_mark:  # the mark in its own cell right under (or over) the option it chooses
        for rr in (row + 1, row - 1):
            hits = [i for i, c in enumerate(cols) if _is_set_mark(cell_text(sh.value(rr, c)))]
            if len(hits) == 1:
                parts[hits[0]] = "○" + parts[hits[0]]
                break
    return first, "・".join(parts)


_SET_MARKS = frozenset("○〇◯●◎■☑✓✔レ")


def _is_set_mark(text: str) -> bool:
    """A cell holding only a mark that sets an option (an empty box □ or a cross × does not)."""
    n = norm_label(text)
    return bool(n) and all(ch in _SET_MARKS for ch in n)


def _unlabelled_run(grid: WorkbookGrid, idx: LabelIndex, spec: F.FieldSpec, sheets: list[str]) -> FieldPos | None:
    """「○ | 初回 | | 紹介 | | 継続」 with no label: a run of every option's cell on one row."""
    first_opt = norm_label(spec.choices[0])
    hits = [*idx.by_text.get(first_opt, ()), *(h for m in _SET_MARKS for h in idx.by_text.get(m + first_opt, ()))]
    for sheet, r, c in sorted(hits, key=lambda h: (sheets.index(h[0]) if h[0] in sheets else 99, h[1], h[2])):
        if sheets and sheet not in sheets:
            continue
        sh = grid.sheet(sheet)
        run = choice_run(sh, r, c - 2, spec) or choice_run(sh, r, c - 1, spec)  # a mark cell before it, or another field's word
        if run is not None and all(norm_label(o) in norm_label(run[1]) for o in spec.choices):
            return FieldPos((sheet, *run[0]), None, how="labels", inline_text=run[1])
    return None


def _printed_choice(idx: LabelIndex, spec: F.FieldSpec, sheets: list[str]) -> Pos | None:
    """A cell printing every option with one marked (「初回・紹介・○継続」「■認定済 □申請中」)."""
    opts = [norm_label(c) for c in spec.choices]
    labels = {norm_label(x) for x in spec.labels}
    best: Pos | None = None
    for key, hits in idx.by_text.items():
        if key in labels or not all(o in key for o in opts):
            continue
        for h in hits:
            if sheets and h[0] not in sheets:
                continue
            if best is None or (sheets.index(h[0]) if sheets else 0, h[1], h[2]) < (sheets.index(best[0]) if sheets else 0, best[1], best[2]):
                best = h
    return best


def sheets_for(grid: WorkbookGrid, idx: LabelIndex, standard: str, specs: list[F.FieldSpec]) -> list[str]:
    """Sheets to look for these fields on: by sheet name, else the sheets holding ≥2 of their labels."""
    by_name = sheet_candidates(grid, standard)
    if by_name:
        return by_name
    counts: dict[str, int] = {}
    for spec in specs:
        seen = set()
        for label in spec.labels:
            for s, _, _ in idx.by_text.get(norm_label(label), ()):
                seen.add(s)
        for s in seen:
            counts[s] = counts.get(s, 0) + 1
    order = {s.name: i for i, s in enumerate(grid.sheets)}
    return sorted((s for s, n in counts.items() if n >= 2), key=lambda s: (-counts[s], order[s]))


TILDE_NORMS = frozenset(norm_label(t) for t in TILDES)


def _period_end(grid: WorkbookGrid, pos: Pos) -> Pos | None:
    """Two-cell period: start | ～ | end (or 'start～' | end). The end cell, or None."""
    sheet, r, c = pos
    sh = grid.sheet(sheet)
    if sh is None:
        return None
    _, _, _, c2 = sh.extent(r, c)
    nxt = next_right(sh, r, c2, max_cols=4)
    text = cell_text(sh.cells.get((r, c)))
    if nxt is None:
        return None
    ntext = norm_label(cell_text(sh.cells.get(nxt)))
    if ntext in TILDE_NORMS:
        _, _, _, tc2 = sh.extent(*nxt)
        end = next_right(sh, nxt[0], tc2, max_cols=4)
        if end is not None and not is_label(sh.cells.get(end)) and looks_like_date(sh.cells.get(end)):
            return sheet, end[0], end[1]
        return sheet, nxt[0], tc2 + 1  # 「～」 then a blank end cell
    # 'start～' | end: only a date is the end (a memo written beside the period is not)
    if text and text[-1] in "～〜~" and not is_label(sh.cells.get(nxt)) and looks_like_date(sh.cells.get(nxt)):
        return sheet, nxt[0], nxt[1]
    if _a_date(sh.cells.get((r, c))) and _a_date(sh.cells.get(nxt)):
        return sheet, nxt[0], nxt[1]  # two dates side by side, no 「～」 between them
    return None


_CODE = re.compile(r"^\s*[0-9０-９]{1,3}\s*$")


def _name_after_code(sh, pos: tuple[int, int], spec: F.FieldSpec) -> tuple[int, int] | None:
    """A software export's code with its name in the next cell (「22 | 要介護２」「2 | 紹介」「1 | 一人暮らし」): the
    name's cell, when the name fits the field; else None (the code alone is read, or not, as it stands)."""
    if spec.kind not in ("choice", "care_level") and spec.key != "living_support_reason":
        return None
    v = sh.cells.get(pos)
    if not ((isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, str) and _CODE.match(v))):
        return None
    nxt = next_right(sh, pos[0], sh.extent(*pos)[3], max_cols=2)
    nv = sh.cells.get(nxt) if nxt is not None else None
    if not isinstance(nv, str) or _CODE.match(nv) or is_printed(nv) or not fits(spec, nv):
        return None
    if spec.key == "living_support_reason" and not any(k in nv for k in _LIVING_KEYWORDS):
        return None
    return nxt


def _lone_date(spec: F.FieldSpec, sh, pos: Pos) -> bool:
    """One date where a period is asked for, no 「～」 and no end cell found: where the end is, is not known
    (written in a place no form the reader knows puts it) — a doubt, not an unreadable period."""
    if spec.kind != "period":
        return False
    return _a_date(sh.cells.get(sh.top_left(pos[1], pos[2])))


def _a_date(v: Any) -> bool:
    """A date cell, a number that is a date (a serial, 20260401), or text that reads as one date
    (「2026/4/1」「R8.4.1」)."""
    if isinstance(v, dt.date):
        return True
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return looks_like_date(v)
    if not isinstance(v, str) or not looks_like_date(v):
        return False
    from xl_careplan import parsing as P

    try:
        P.parse_date(v)
    except P.ParseError:
        return False
    return True


_START_RE = re.compile(r"開始|始期|\(自\)|^自$")
_END_LABEL_RE = re.compile(r"終了|終期|\(至\)|^至$")


def _end_by_label(grid: WorkbookGrid, label: Pos, spec: F.FieldSpec) -> Pos | None:
    """「認定有効期間（開始）」 with 「認定有効期間（終了）」 next to it, or in the row below (a list of items, one a
    row): the end's value cell."""
    sheet, r, c = label
    sh = grid.sheet(sheet)
    if sh is None or not _START_RE.search(norm_label(cell_text(sh.cells.get((r, c))))):
        return None
    _, _, r2, c2 = sh.extent(r, c)
    below = sh.top_left(r2 + 1, c)
    bv = sh.cells.get(below)
    ends = [(r, col) for col, v in row_cells(sh, r) if col > c2 and isinstance(v, str) and _END_LABEL_RE.search(norm_label(v))]
    if isinstance(bv, str) and _END_LABEL_RE.search(norm_label(bv)):
        ends.append(below)
    for er, ec in ends[:1]:
        (vr, vc), state = find_value(sh, er, ec, lambda x: fits(spec, x))
        return (sheet, vr, vc) if state != "doubt" else None
    return None


def locate_field(
    grid: WorkbookGrid,
    idx: LabelIndex,
    spec: F.FieldSpec,
    sheets: list[str],
    overrides: dict[str, FieldPos] | None = None,
    name_key: str | None = None,
) -> FieldPos | None:
    if overrides and spec.key in overrides:
        return overrides[spec.key]
    name = name_key or spec.defined_name
    if name in grid.names and grid.sheet(grid.names[name][0]) is not None:
        end = None
        if spec.kind == "period":
            end_name = f"{name}_end"
            end = grid.names.get(end_name)
        return FieldPos(grid.names[name], end, how="template")
    hit = idx.find(spec.labels, sheets if sheets else None)
    inl = idx.find_inline(spec.labels, sheets if sheets else None)
    if inl is not None and hit is not None and hit[0] != inl[0][0] and sheets and hit[0] not in sheets[:1] and inl[0][0] in sheets[:1]:
        hit = None  # 「作成日　令和8年4月10日」 on the form's own sheet beats a bare label elsewhere
    if hit is not None and spec.block:
        return _block(grid, hit)
    if hit is not None:
        sheet, r, c = hit
        sh = grid.sheet(sheet)
        assert sh is not None
        if spec.kind in ("choice", "care_level") or spec.key == "living_support_reason":
            c2 = sh.extent(r, c)[3]
            run = choice_run(sh, r, c2, spec)
            if run is not None:  # at the cell right after the label, where the choices begin
                return FieldPos((sheet, *sh.top_left(r, c2 + 1)), None, how="labels", inline_text=run[1])
        (vr, vc), state = find_value(sh, r, c, lambda v: fits(spec, v))
        named = _name_after_code(sh, (vr, vc), spec)
        if named is not None:
            (vr, vc), state = named, "value"
        if state == "doubt" and inl is not None and _inline_fits(spec, inl[1]):
            return FieldPos(inl[0], None, how="labels", inline_text=inl[1])
        pos = (sheet, vr, vc)
        end = None
        if spec.kind == "period":
            if norm_label(cell_text(sh.cells.get((vr, vc)))) in TILDE_NORMS:
                # start blank, 「～」 right after the label: the start is the cell next to the label
                lr, _, _, lc2 = sh.extent(r, c)
                pos = (sheet, lr, lc2 + 1)
            end = _end_by_label(grid, hit, spec) or _period_end(grid, pos)
        return FieldPos(pos, end, how="labels", doubt=(state == "doubt" or _lone_date(spec, sh, pos)) and end is None)
    if inl is not None and _inline_fits(spec, inl[1]):
        pos, rest = inl
        return FieldPos(pos, None, how="labels", inline_text=rest)
    if spec.kind == "choice":
        pos = _printed_choice(idx, spec, sheets)
        if pos is not None:
            return FieldPos(pos, None, how="labels")
        run = _unlabelled_run(grid, idx, spec, sheets)
        if run is not None:
            return run
    hit = idx.find_pattern(spec.key, sheets if sheets else None)
    if hit is not None:  # a label in other words (「計画の説明・同意年月日」): the same value search
        sheet, r, c = hit
        sh = grid.sheet(sheet)
        (vr, vc), state = find_value(sh, r, c, lambda v: fits(spec, v))
        end = _period_end(grid, (sheet, vr, vc)) if spec.kind == "period" else None
        return FieldPos((sheet, vr, vc), end, how="labels",
                        doubt=(state == "doubt" or _lone_date(spec, sh, (sheet, vr, vc))) and end is None)
    if spec.key == "consent_on":
        fp = _date_in_consent(idx, sheets)
        if fp is not None:
            return fp
    return _value_before(grid, idx, spec, sheets)


_DATE_IN_TEXT = re.compile(
    r"(?:令和|平成|[RH])\s*(?:[0-9]{1,2}|元)?\s*年\s*[0-9]{0,2}\s*月\s*[0-9]{0,2}\s*日"
    r"|(?:令和|平成|[RH])\s*[0-9]{1,2}\s*[./]\s*[0-9]{1,2}\s*[./]\s*[0-9]{1,2}"
    r"|(?:19|20)[0-9]{2}\s*[/年.\-]\s*[0-9]{1,2}\s*[/月.\-]\s*[0-9]{1,2}\s*日?")


def _date_in_consent(idx: LabelIndex, sheets: list[str]) -> FieldPos | None:
    """No 説明・同意日 label: the date written in the consent sentence's own cell (「…説明を受け、同意し、交付を受け
    ました。　令和8年4月14日」, the printed 「令和　　年　　月　　日」 when unsigned) is the consent date."""
    import unicodedata

    order = {s: i for i, s in enumerate(sheets)}
    for pos, text in sorted(idx.consent, key=lambda h: (order.get(h[0][0], 99), h[0][1], h[0][2])):
        if sheets and pos[0] not in order:
            continue
        m = _DATE_IN_TEXT.search(unicodedata.normalize("NFKC", text))
        if m is not None:
            return FieldPos(pos, None, how="labels", inline_text=m.group(0))
    return None


def _value_before(grid: WorkbookGrid, idx: LabelIndex, spec: F.FieldSpec, sheets: list[str]) -> FieldPos | None:
    """「R8.4.10｜作成」: a label written after its value (``fields.LABELS_AFTER``); the value right before it,
    when it fits the field. A blank there is not read (the field stays unfound: a reading note)."""
    after = F.LABELS_AFTER.get(spec.key)
    hit = idx.find(after, sheets if sheets else None) if after else None
    if hit is None:
        return None
    sheet, r, c = hit
    sh = grid.sheet(sheet)
    r1, c1, _, _ = sh.extent(r, c)
    if c1 <= 1:
        return None
    left = sh.top_left(r1, c1 - 1)
    v = sh.cells.get(left)
    if _blank_cell(v) or is_printed(v) or not fits(spec, v):
        return None
    return FieldPos((sheet, *left), None, how="labels")


def _block(grid: WorkbookGrid, hit: Pos) -> FieldPos:
    """A value written as a grid right of its label (会議出席者: 所属（職種） | 氏名 pairs on several rows): every
    written cell from the label's row down to the row before the next written cell in the label's column (the
    next label, also one in words no list knows), joined."""
    sheet, r, c = hit
    sh = grid.sheet(sheet)
    assert sh is not None
    r1, c1, r2, c2 = sh.extent(r, c)
    last = r2
    for row in range(r2 + 1, r2 + 30):
        v = sh.value(row, c1)
        if sh.top_left(row, c1)[0] <= r2:
            continue
        if not _blank_cell(v):
            break
        if any(not _blank_cell(x) for _, x in row_cells(sh, row)):
            last = row
    texts, first = [], None
    for row in range(r1, last + 1):
        for col, v in row_cells(sh, row):
            if col <= c2 or sh.top_left(row, col) != (row, col):
                continue
            t = cell_text(v)
            if t and not is_printed(v):
                texts.append(t)
                first = first or (row, col)
    pos = (sheet, *(first or (r1, c2 + 1)))
    return FieldPos(pos, None, how="labels", inline_text="、".join(texts) if texts else None)


def _blank_cell(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _inline_fits(spec: F.FieldSpec, rest: str) -> bool:
    return bool(rest.strip()) and not is_printed(rest) and fits(spec, rest)


_ERA_CELL = frozenset({"令和", "平成", "昭和", "R", "H", "S", "西暦"})
_SPLIT_FULL = re.compile(r"(?:令和|平成|昭和|西暦|[RHS])?[0-9]*年[0-9]*月[0-9]*日")
_SPLIT_PART = re.compile(r"(?:令和|平成|昭和|西暦|[RHS])?[0-9]*(?:年(?:[0-9]*(?:月[0-9]*)?)?)?")


def split_date(sh, r: int, c: int) -> tuple[str, int] | None:
    """A date written across cells, 「令和 | 8 | 年 | 4 | 月 | 10 | 日」 (the printed blank 「令和 |  | 年 |  | 月 |  | 日」
    too), starting at (r, c): (the cells' texts joined, the last cell's column), else None."""
    first = norm_label(cell_text(sh.cells.get((r, c))))
    if first not in _ERA_CELL and not (first.isdigit() and len(first) in (1, 2, 4)):
        return None
    parts, col = [], c
    for _ in range(9):
        tl = sh.top_left(r, col)
        if tl[0] != r:
            return None
        parts.append(norm_label(cell_text(sh.cells.get(tl))))
        joined = "".join(parts)
        if _SPLIT_FULL.fullmatch(joined):
            return joined if len(parts) > 1 else None, sh.extent(*tl)[3]  # type: ignore[return-value]
        if not _SPLIT_PART.fullmatch(joined):
            return None
        col = sh.extent(*tl)[3] + 1
    return None


def _split_value(sh, spec: F.FieldSpec, r: int, c: int) -> str | None:
    """A date field's value written across cells (and a period's two such dates around 「～」), as one text."""
    run = split_date(sh, r, c)
    if run is None or run[0] is None:
        return None
    text, last = run
    if spec.kind != "period":
        return text
    nxt = next_right(sh, r, last, max_cols=3)
    if nxt is None or norm_label(cell_text(sh.cells.get(nxt))) not in TILDE_NORMS:
        return text
    end = split_date(sh, r, sh.extent(*nxt)[3] + 1)
    return f"{text}～{end[0]}" if end is not None and end[0] is not None else f"{text}～"


def read_field(grid: WorkbookGrid, spec: F.FieldSpec, fp: FieldPos | None, typ: type) -> Located:
    if fp is None or fp.doubt:
        return typ()  # not found, or what is next to the label does not fit: a reading note, not a guess
    sheet, r, c = fp.pos
    sh = grid.sheet(sheet)
    if sh is None:
        return typ()
    r, c = sh.top_left(r, c)
    raw = fp.inline_text if fp.inline_text is not None else sh.cells.get((r, c))
    parse = parser_for(spec)
    if spec.kind in ("date", "period") and fp.inline_text is None and (
            (type(raw) is str and len(raw) <= 4) or (type(raw) is int and 0 < raw < 10000)):
        joined = _split_value(sh, spec, r, c)
        if joined is not None:
            from xl_careplan import parsing as P

            if spec.kind == "period" and not _PLACEHOLDER_PERIOD.fullmatch(joined):
                start, _, end = joined.partition("～")
                if not is_skeleton(start) and (not end or _SPLIT_BLANK.fullmatch(end)):
                    joined = start + "～"  # the end's cells not filled in: a period with its start only
            return located(typ, sheet, r, c, joined, P.parse_period if spec.kind == "period" else parse)
    if spec.kind == "period" and fp.end is not None:
        esh = grid.sheet(fp.end[0])
        end_raw = esh.cells.get(esh.top_left(fp.end[1], fp.end[2])) if esh is not None else None
        from xl_careplan import parsing as P

        if cell_text(end_raw) != "" and not is_skeleton(cell_text(end_raw)):
            start_raw = raw if cell_text(raw) != "" else None
            combined = f"{cell_text(start_raw)}～{cell_text(end_raw)}"
            return safe_parse(typ, loc_of(sheet, r, c), combined, P.parse_period, start_raw, end_raw)
        if cell_text(raw) != "" and _a_date(raw):  # the end cell is there but blank: a period with its start only
            return safe_parse(typ, loc_of(sheet, r, c), f"{cell_text(raw)}～", P.parse_period, f"{cell_text(raw)}～")
    if spec.kind == "period" and isinstance(raw, str):
        m = _UNFILLED_END.match(raw.strip())
        if m and is_skeleton(m.group(2).strip()) and not is_skeleton(m.group(1).strip()):  # 「令和8年3月1日～令和　年　月　日」: the end not filled in
            raw = m.group(1).strip() + "～"
    return located(typ, sheet, r, c, raw, parse)


_UNFILLED_END = re.compile(r"^(.*?)\s*[～〜~]\s*(.+)$", re.S)
_SPLIT_BLANK = re.compile(r"(?:令和|平成|昭和|西暦|[RHS])?年月日")
_PLACEHOLDER_PERIOD = re.compile(r"(?:(?:令和|平成|昭和|西暦|[RHS])?年月日)(?:～(?:(?:令和|平成|昭和|西暦|[RHS])?年月日)?)?")


def read_fields(
    grid: WorkbookGrid,
    idx: LabelIndex,
    specs: list[F.FieldSpec],
    model_cls: type,
    sheets: list[str],
    overrides: dict[str, FieldPos] | None = None,
    doubts: list | None = None,
) -> tuple[dict[str, Located], set[str]]:
    """Values for ``specs`` as keyword arguments for ``model_cls``, and how each was found. Fields whose
    cell holds something that does not fit are left unknown and listed in ``doubts`` (spec, loc, text)."""
    out: dict[str, Located] = {}
    hows: set[str] = set()
    for spec in specs:
        typ = fields_of(model_cls)[spec.key].annotation
        fp = locate_field(grid, idx, spec, sheets, overrides)
        if fp is not None:
            hows.add(fp.how)
            if fp.doubt and doubts is not None:
                sh = grid.sheet(fp.pos[0])
                doubts.append((spec, loc_of(*fp.pos), cell_text(sh.cells.get(fp.pos[1:])) if sh else ""))
        out[spec.key] = read_field(grid, spec, fp, typ)
    return out, hows
