"""Shared reader machinery: a one-pass label index, label → value lookup, Located builders.

Positions are (sheet name, row, col), 1-based. A value's location is always the top-left cell of
its merged range, in A1 form.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any, Callable, Iterable

from xl_careplan import fields as F
from xl_careplan.grid import CellError, SheetGrid, WorkbookGrid, a1, parse_a1
from xl_careplan.located import Loc, Located
from xl_careplan.record import is_record, names_of, replace

Pos = tuple[str, int, int]

_SPACE_RE = re.compile(r"\s+")
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "［": "(", "］": ")", "[": "(", "]": ")", "｢": "(", "｣": ")"})
_TRAIL_RE = re.compile(r"[:：]+$")
# printed date skeletons left unfilled: 「令和　年　月　日」「　年　月　日～　年　月　日」「R　.　.」
_PLACEHOLDER_RE = re.compile(r"[\s\u3000]*(?:(?:令和|平成|昭和|R|H|S|西暦)?[\s\u3000]*年[\s\u3000]*月[\s\u3000]*日?[\s\u3000]*(?:[～〜~\-ー－から]+[\s\u3000]*)?)+|[\s\u3000]*(?:[RHS]?[\s\u3000]*[./][\s\u3000]*[./][\s\u3000]*[～〜~]?[\s\u3000]*)+|(?:週|月|1日)[\s\u3000]*回")
TILDES = {"～", "〜", "~", "∼", "－", "-", "から", "―", "‐"}


# an English caption beside the Japanese label of a localised form (spaces already removed):
# 「User name / 利用者名」「利用者名 / User name」「利用者名（User name）」 -> 利用者名
_EN = r"[A-Za-z]{2}[A-Za-z0-9.,&'\-]*(?:\([0-9]+\))?"
_CAPTION_END = frozenset(")）")
_EN_CAPTION_RE = re.compile(rf"^{_EN}/(?P<a>.*[^\x00-\x7f].*)$|^(?P<b>.*[^\x00-\x7f].*?)(?:/{_EN}|\({_EN}\))$")


@lru_cache(maxsize=65536)
def norm_label(text: str) -> str:
    """Label text for matching: NFKC (full/half width, （）→()), no spaces, unified brackets, no trailing colon,
    no English caption beside the Japanese."""
    t = unicodedata.normalize("NFKC", text)
    t = _SPACE_RE.sub("", t).translate(_BRACKETS)
    t = t.replace("･", "・").replace("·", "・")
    t = _TRAIL_RE.sub("", t)
    if "/" in t or ")" in t:
        m = _EN_CAPTION_RE.match(t)
        if m:
            t = _TRAIL_RE.sub("", m.group("a") or m.group("b"))
    return t


_TRAILING_NOTE_RE = re.compile(r"^(.+?)\([^()]*\)$")
_MARK_PREFIX_RE = re.compile(r"^(※\d)")


@lru_cache(maxsize=65536)
def header_keys(text: str) -> tuple[str, ...]:
    """Keys a table header cell matches by: its normalised text, without a trailing note
    ('頻度（回数）' -> '頻度'), and a leading ※1/※2 ('※2事業所' -> '※2')."""
    n = norm_label(text)
    keys = [n]
    m = _TRAILING_NOTE_RE.match(n)
    if m:
        keys.append(m.group(1))
    m = _MARK_PREFIX_RE.match(n)
    if m and m.group(1) != n:
        keys.append(m.group(1))
    return tuple(keys)


def header_match(v: Any, labels) -> bool:
    if not isinstance(v, str):
        return False
    for k in header_keys(v):
        if k in labels:
            return True
    return False


def cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if hasattr(v, "isoformat") and not isinstance(v, (int, float)):
        try:
            if hasattr(v, "hour") and not hasattr(v, "year"):  # time of day
                return f"{v.hour}:{v.minute:02d}"
            if hasattr(v, "hour") and (v.hour or v.minute or v.second):
                return v.isoformat(sep=" ")
            return (v.date() if hasattr(v, "date") and callable(v.date) else v).isoformat()
        except Exception:
            return str(v)
    return str(v).strip()


# Every label any reader looks for: a value search stops when it runs into one of these.
def _all_labels() -> frozenset[str]:
    out: set[str] = set()
    for spec in [*F.TABLE1_FIELDS, *F.TABLE4_FIELDS, F.ASSESSMENT_DATE]:
        out.update(norm_label(x) for x in spec.labels)
    for cols in (F.T2_COLUMNS, F.ASSESSMENT_COLUMNS, F.MONITORING_COLUMNS, F.ACK_COLUMNS):
        for _, labels in cols.values():
            out.update(norm_label(x) for x in labels)
    out.update(norm_label(x) for x in ("援助目標", "援助内容", "週単位以外のサービス", "主な日常生活上の活動"))
    out.discard("")
    return frozenset(out)


ALL_LABELS = _all_labels()


_INLINE_HEAD_RE = re.compile(r"^([^:：\n]{1,40})[:：]")
_CONSENT_SENTENCE = re.compile(r"説明を受け|交付を受け|同意(?:しま|いたしま)す")
_LABEL_LENGTHS = sorted({len(x) for x in ALL_LABELS}, reverse=True)
_LABEL_HEADS = frozenset(x[:2] for x in ALL_LABELS if len(x) >= 2)  # most cells start with no label: one look
_VALUE_START = re.compile(r"^[\s\u3000]+\S|^(?:明治|大正|昭和|平成|令和|[0-9０-９]|[RHSＲＨＳ][0-9０-９])")


def _label_prefix(raw: str, key: str) -> tuple[str, str] | None:
    """「実施日　令和8年7月6日」: a known label at the start of a cell, then its value — after a space, or
    directly when the value starts like a date. (label, the value as written), else None."""
    if key[:2] not in _LABEL_HEADS:
        return None
    for n in _LABEL_LENGTHS:
        if n < 2 or n >= len(key) or key[:n] not in ALL_LABELS:
            continue
        # the raw text after the label: consume raw characters until their normalised form is the label
        for i in range(n, len(raw) + 1):
            if norm_label(raw[:i]) == key[:n]:
                rest = raw[i:]
                if _VALUE_START.match(rest) and rest.strip():
                    return key[:n], rest.strip()
                break
        return None
    return None
_row_col = itemgetter(1, 2)
_first = itemgetter(0)


@dataclass
class LabelIndex:
    """Normalised text of every string cell -> its positions, built in one pass over the workbook."""

    grid: WorkbookGrid
    by_text: dict[str, list[Pos]] = field(default_factory=dict)
    # "利用者名：山田 太郎" written in one cell: normalised prefix -> (pos, rest of the text)
    inline: dict[str, list[tuple[Pos, str]]] = field(default_factory=dict)
    # the consent sentence (「…説明を受け、同意し、交付を受けました。」) with the text written in its cell
    consent: list[tuple[Pos, str]] = field(default_factory=list)

    @classmethod
    def build(cls, grid: WorkbookGrid) -> "LabelIndex":
        idx = cls(grid)
        by_text = idx.by_text
        inline = idx.inline
        for sh in grid.sheets:
            name = sh.name
            for (r, c), v in sh.cells.items():
                if type(v) is not str:
                    continue
                if "同意" in v and _CONSENT_SENTENCE.search(v):
                    idx.consent.append(((name, r, c), v))
                if len(v) > 48:  # long text (goals, policies) is never a label; it may start with one
                    m = _INLINE_HEAD_RE.match(v)
                    if m and norm_label(m.group(1)) in ALL_LABELS:
                        inline.setdefault(norm_label(m.group(1)), []).append(((name, r, c), v[m.end():].strip()))
                    elif v[-1:] in _CAPTION_END or v[-1:].isascii() and v[-1:].isalpha() or v[:1].isascii() and v[:1].isalpha():
                        key = norm_label(v)  # a long label with its English caption: 「…課題分析の結果 / Wishes」
                        if key in ALL_LABELS:
                            by_text.setdefault(key, []).append((name, r, c))
                    continue
                key = norm_label(v)
                if not key:
                    continue
                by_text.setdefault(key, []).append((name, r, c))
                for alt in header_keys(v)[1:]:  # 「要介護状態区分（要介護度）」: the label with a note
                    if alt in ALL_LABELS and alt != key:
                        by_text.setdefault(alt, []).append((name, r, c))
                if ":" in key:
                    head, _, _ = key.partition(":")
                    if head in ALL_LABELS:
                        rest = re.split(r"[:：]", v, maxsplit=1)[1].strip()
                        inline.setdefault(head, []).append(((name, r, c), rest))
                        continue
                if key not in ALL_LABELS:
                    split = _label_prefix(v, key)
                    if split is not None:
                        inline.setdefault(split[0], []).append(((name, r, c), split[1]))
        for lst in by_text.values():
            if len(lst) > 1:
                lst.sort(key=_row_col)
        return idx

    def find(self, labels: Iterable[str], sheets: Iterable[str] | None = None) -> Pos | None:
        """First position of the first label (in order) found, on the given sheets (in order) or anywhere."""
        sheet_order = list(sheets) if sheets is not None else None
        for label in labels:
            hits = self.by_text.get(norm_label(label))
            if not hits:
                continue
            if sheet_order is None:
                return hits[0]
            for s in sheet_order:
                for h in hits:
                    if h[0] == s:
                        return h
        return None

    def find_pattern(self, key: str, sheets: Iterable[str] | None = None) -> Pos | None:
        """A label cell saying what ``fields.LABEL_PATTERNS[key]`` says (short, no digits: never a value)."""
        pat = _label_pattern(key)
        if pat is None:
            return None
        rx, not_rx = pat
        hits = [h for text, hs in self.by_text.items()
                if len(text) <= 25 and not any(ch.isdigit() for ch in text) and rx.search(text) and not not_rx.search(text)
                for h in hs]
        if not hits:
            return None
        order = {s: i for i, s in enumerate(sheets)} if sheets is not None else None
        if order is not None:
            hits = [h for h in hits if h[0] in order]
        return min(hits, key=lambda h: ((order or {}).get(h[0], 0), h[1], h[2])) if hits else None

    def find_inline(self, labels: Iterable[str], sheets: Iterable[str] | None = None) -> tuple[Pos, str] | None:
        sheet_order = list(sheets) if sheets is not None else None
        for label in labels:
            hits = self.inline.get(norm_label(label))
            if not hits:
                continue
            if sheet_order is None:
                return hits[0]
            for s in sheet_order:
                for h in hits:
                    if h[0][0] == s:
                        return h
        return None


@lru_cache(maxsize=None)
def _label_pattern(key: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    pat = F.LABEL_PATTERNS.get(key)
    return (re.compile(pat[0]), re.compile(pat[1])) if pat else None


def _cache(sh: SheetGrid) -> dict:
    """Per-grid derived data (bounds, rows), rebuilt if the number of cells changed."""
    c = sh.__dict__.get("_xlcp_cache")
    if c is None or c["n"] != len(sh.cells):
        c = {"n": len(sh.cells)}
        sh.__dict__["_xlcp_cache"] = c
    return c


def merge_index(sh: SheetGrid) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """(row, col) -> its merged range, for hot loops (SheetGrid.merged_range without the call chain)."""
    return sh._index()


def max_row(sh: SheetGrid) -> int:
    c = _cache(sh)
    if "max_row" not in c:
        c["max_row"] = max((r for r, _ in sh.cells), default=0)
    return c["max_row"]


def max_col(sh: SheetGrid) -> int:
    c = _cache(sh)
    if "max_col" not in c:
        c["max_col"] = max((col for _, col in sh.cells), default=0)
    return c["max_col"]


def row_cells(sh: SheetGrid, row: int) -> list[tuple[int, Any]]:
    """(col, value) of the non-empty cells of ``row``, left to right."""
    c = _cache(sh)
    rows = c.get("rows")
    if rows is None:
        rows = {}
        for (r, col), v in sh.cells.items():
            rows.setdefault(r, []).append((col, v))
        for lst in rows.values():
            if len(lst) > 1:
                lst.sort(key=_first)
        c["rows"] = rows
    return rows.get(row, [])


def is_label(v: Any) -> bool:
    return isinstance(v, str) and (norm_label(v) in ALL_LABELS or any(k in ALL_LABELS for k in header_keys(v)[1:]))


# Printed captions of a form, never a value: signature and seal boxes (利用者同意欄, 署名, 印, ㊞), the consent
# sentence, honorifics after a name, footnotes, a template's hints left beside the form (「（記入例）…」「記入のポイント」).
_CAPTION_RE = re.compile(
    r"(?:欄|㊞|署名|自署|サイン|押印|捺印)$|^(?:印|\(印\)|署名|サイン|殿|様|氏名\(署名\))$|^※|説明を受け|同意し|交付を受け|同意します"
    r"|^(?:所属|職種|所属\(職種\)|所属・職種|役職|続柄)$"
    r"|^[(【\[]?(?:記入例|記載例|入力例|作成例|記入のポイント|記入上の注意|記入方法)(?:[)】\]:]|$)"
)


def is_caption(v: Any) -> bool:
    return isinstance(v, str) and bool(_CAPTION_RE.search(norm_label(v)))


_DATE_LIKE = re.compile(r"(?:明治|大正|昭和|平成|令和|[MTSHR]\s*[.．]?\s*[0-9元])|[0-9０-９]{1,4}\s*[年/.．／\-－]\s*[0-9０-９]|^[0-9０-９]{8}$"
                        r"|^\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日")
# a printed date skeleton with nothing filled in, in any arrangement: 「平成・令和　　年　　月　　日」「　／　／」
_SKELETON = re.compile(r"[\s\u3000年月日～〜~\-ー－・/／.．:：()（）明治大正昭和平成令和RHSrhs]*")


def is_skeleton(text: str) -> bool:
    return (bool(text) and not any(ch.isdigit() for ch in text) and bool(_SKELETON.fullmatch(text))
            and sum(text.count(ch) for ch in "年月日/／.．") >= 2)


def looks_like_date(v: Any) -> bool:
    """A date cell, a serial number, or text that looks like a date (令和…, R8.4.1, 2026/4/1, 8年4月…) or is an
    unfilled printed skeleton (「　年　月　日」): what a date field's value may be."""
    if isinstance(v, bool) or v is None:
        return False
    if isinstance(v, (dt.date, dt.datetime, int, float)):
        return True
    return isinstance(v, str) and (bool(_DATE_LIKE.search(v)) or is_skeleton(v.strip()))


def is_printed(v: Any) -> bool:
    """A label of any known field (also in other words), or a printed caption: text of the form itself,
    never a field's value."""
    return is_label(v) or is_caption(v) or _says_label(v)


@lru_cache(maxsize=16384)
def _says_label_text(n: str) -> bool:
    if len(n) > 25 or any(ch.isdigit() for ch in n):
        return False
    for key in F.LABEL_PATTERNS:
        rx, not_rx = _label_pattern(key)  # type: ignore[misc]
        if rx.search(n) and not not_rx.search(n):
            return True
    return False


def _says_label(v: Any) -> bool:
    return isinstance(v, str) and _says_label_text(norm_label(v))


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and (not v.strip() or is_placeholder(v)))


# what a drop-down (入力規則のリスト) shows until something is chosen: 「▼選択」「▼」「選択してください」「--選択--」
# 「（リストから選択）」 — nothing was written, the cell is blank
_DROPDOWN_RE = re.compile(
    r"[\s\u3000▼▽↓⇩\-－ー―\[\]【】()（）<>〈〉「」]*"
    r"(?:▼|▽|(?:(?:リスト|一覧|プルダウン)から|クリックして|ここで)?選択(?:して(?:ください|下さい))?)"
    r"[\s\u3000▼▽↓⇩\-－ー―\[\]【】()（）<>〈〉「」]*")


def is_placeholder(v: Any) -> bool:
    """A drop-down's 「▼選択」 left in the cell (nothing chosen). Hot callers test 「▼」/「選択」 in the text first."""
    return type(v) is str and ("▼" in v or "選択" in v or "▽" in v) and len(v) <= 24 and bool(_DROPDOWN_RE.fullmatch(v))


def next_right(sh: SheetGrid, row: int, col_after: int, max_cols: int = 14) -> tuple[int, int] | None:
    """Top-left of the first non-empty cell right of column ``col_after`` in ``row`` (merged ranges count once)."""
    limit = min(max_col(sh), col_after + max_cols)
    c = col_after + 1
    while c <= limit:
        rng = sh.merged_range(row, c)
        tl = (rng[0], rng[1]) if rng else (row, c)
        v = sh.cells.get(tl)
        if v is not None and not (isinstance(v, str) and (not v.strip() or (("▼" in v or "選択" in v) and is_placeholder(v)))):
            return tl
        c = (rng[3] if rng else c) + 1
    return None


def value_cell_for_label(sh: SheetGrid, row: int, col: int,
                         fits: Callable[[Any], bool] | None = None) -> tuple[tuple[int, int], bool]:
    """Where the value of the label at (row, col) is: ((r, c), found_nonblank). See ``find_value``."""
    pos, state = find_value(sh, row, col, fits)
    return pos, state == "value"


def find_value(sh: SheetGrid, row: int, col: int,
               fits: Callable[[Any], bool] | None = None) -> tuple[tuple[int, int], str]:
    """Where the value of the label at (row, col) is, and what is there: "value", "blank" or "doubt".

    A value is never a label of a known field nor a printed caption (利用者同意欄, 署名, 印), and it must
    ``fit`` the field (a date field's value looks like a date). Right of the label (skipping the label's
    own merged range) in the same row, stopping at printed text; otherwise the cell below the label.
    A blank field still gets a location: the cell right after the label, or the cell below on forms that
    print the values below the labels. "doubt": the cell right after the label holds something that does
    not fit the field (「未定」 in a date field) — the reader does not guess.
    """
    r1, c1, r2, c2 = sh.extent(row, col)
    fits = fits or (lambda v: True)
    right = next_right(sh, r1, c2)
    rv = sh.cells.get(right) if right is not None else None
    if right is not None and not is_printed(rv) and fits(rv):
        return right, "value"
    below = sh.top_left(r2 + 1, c1)
    bv = sh.cells.get(below)
    if below[0] > r2 and not _blank(bv) and not is_printed(bv) and fits(bv):
        return below, "value"
    if below[0] > r2 and _blank(bv) and (_values_below(sh, r1, r2) or _box_below(sh, below, r1, c2)):
        return below, "blank"
    adj = sh.top_left(r1, c2 + 1)
    av = sh.cells.get(adj)
    if _blank(av):
        return adj, "blank"
    if not is_printed(av):
        return adj, "doubt"
    if below[0] > r2 and _blank(bv):
        return below, "blank"
    return adj, "doubt"


def _box_below(sh: SheetGrid, below: tuple[int, int], r1: int, c2: int) -> bool:
    """A box merged across several columns below the label, and nothing prepared right of it: the value goes
    in the box (「総合的な援助の方針」 over a wide blank box)."""
    rng = sh.merged_range(*below)
    if rng is None or rng[3] - rng[1] < 1:
        return False
    return sh.merged_range(r1, c2 + 1) is None and next_right(sh, r1, c2) is None


def _values_below(sh: SheetGrid, r1: int, r2: int) -> bool:
    """A form that prints its labels in a row and the values in the row below: ≥2 printed labels in the
    label's row, and below one of them a written value."""
    labels = [(c, v) for c, v in row_cells(sh, r1) if is_printed(v)]
    if len(labels) < 2:
        return False
    for c, _ in labels:
        rng = sh.merged_range(r1, c)
        bottom = rng[2] if rng else r2
        v = sh.cells.get(sh.top_left(bottom + 1, c))
        if not _blank(v) and not is_printed(v):
            return True
    return False


# --------------------------------------------------------------------------- building Located
#
# Located and Loc are plain classes (xl_careplan.record): nothing validates on construction. A parsed
# value's type is still checked against the Located[T] (``_value_check``), so a parser returning the
# wrong type gives a reading problem rather than surprising a rule later.


def construct(cls: type, **fields: Any):
    """``cls(**fields)`` (kept for the readers' calls: the model no longer validates, so this is the constructor)."""
    return cls(**fields)


def make_loc(sheet: str, cell: str) -> Loc:
    return Loc(sheet=sheet, cell=cell)


def make_located(typ: type, value: Any, raw: str | None, loc: Loc | None, problem: str | None = None) -> Located:
    return typ(value=value, raw=raw, loc=loc, problem=problem)


@lru_cache(maxsize=None)
def _value_check(typ: type) -> Callable[[Any], bool]:
    """isinstance test for the value type of a Located[...] class (None when unknown: validate)."""
    import typing

    inner = typ.value_type
    origin = typing.get_origin(inner)
    if origin is list:
        (item,) = typing.get_args(inner) or (object,)
        return lambda v: isinstance(v, list) and all(isinstance(x, item) and not isinstance(x, bool) for x in v)
    if inner is bool:
        return lambda v: isinstance(v, bool)
    if inner is dt.date:
        return lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime)
    if isinstance(inner, type):
        return lambda v: isinstance(v, inner)
    return lambda v: False


def _coerced(typ: type, value: Any) -> Any:
    """A parsed value of another type than the Located's, converted where the conversion loses nothing
    (a datetime at midnight to its date, an enum's value to the enum); TypeError otherwise."""
    import enum

    inner = typ.value_type
    if inner is dt.date and isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return inner(value)
    raise TypeError(f"{type(value).__name__} is not {inner!r}")


def loc_of(sheet: str, row: int, col: int) -> Loc:
    return make_loc(sheet, a1(row, col))


_PARSED: dict[tuple, tuple[Any, str | None]] = {}
_PLACEHOLDER = ("placeholder",)  # memo entry: the text is an unfilled printed skeleton


def located(
    typ: type,
    sheet: str,
    row: int,
    col: int,
    raw_value: Any,
    parse: Callable[[Any], Any] | None,
) -> Located:
    """Located[...] for one cell value, parsing it; a parse failure becomes ``problem`` (never raises)."""
    loc = Loc(sheet=sheet, cell=a1(row, col))
    text = raw_value.strip() if type(raw_value) is str else cell_text(raw_value)
    if type(raw_value) is CellError:  # a broken formula: a reading doubt (CP102), never a blank
        return make_located(typ, None, text, loc, "数式の結果がエラーです。数式と参照先を確認してください")
    if not text or (("▼" in text or "選択" in text) and is_placeholder(text)):
        return typ(value=None, raw=None, loc=loc)  # blank, or a drop-down's 「▼選択」 with nothing chosen
    if parse is None:
        return typ(value=text, raw=text, loc=loc)
    # the same text is parsed again and again (第2表 periods on every service row, 週1回…): memoise
    key = (parse, typ, type(raw_value), raw_value)
    hit = _PARSED.get(key)
    if hit is _PLACEHOLDER:
        return make_located(typ, None, None, loc)
    if hit is None:
        if len(_PARSED) > 8192:
            _PARSED.clear()
        if _PLACEHOLDER_RE.fullmatch(text) or is_skeleton(text):
            _PARSED[key] = _PLACEHOLDER
            return make_located(typ, None, None, loc)  # a printed 「令和　年　月　日」 with nothing filled in
        lv = safe_parse(typ, loc, text, parse, raw_value)
        _PARSED[key] = _PLACEHOLDER if lv.raw is None else (_own(lv.value), lv.problem)
        return lv
    value, problem = hit
    return make_located(typ, _own(value), text, loc, problem)


def _own(value: Any) -> Any:
    """A copy of a parsed value that no other Located shares (dates and enums are immutable)."""
    if is_record(value):  # Period, Frequency: a copy with its own lists
        return replace(value, **{k: list(v) for k in names_of(type(value)) if isinstance(v := getattr(value, k), list)})
    if isinstance(value, list):
        return list(value)
    return value


def safe_parse(typ: type, loc: Loc, text: str, parse: Callable[..., Any], *args: Any) -> Located:
    """``parse(*args)``; ParseError (or a parser bug) becomes a Located with ``problem`` and no value.

    A parsed value of an unexpected type is validated against the field type (and becomes a problem
    if it does not fit) rather than surprising a rule later."""
    from xl_careplan.parsing import Ambiguous, NothingMarked, ParseError

    try:
        value = parse(*args)
    except NothingMarked:
        return make_located(typ, None, None, loc)  # a printed choice list with nothing marked: blank
    except Ambiguous:
        return make_located(typ, None, text, loc)  # written, but readable only with a guess: a reading note
    except ParseError as e:
        return make_located(typ, None, text, loc, str(e) or f"「{text}」を読み取れません")
    except (ValueError, TypeError, OverflowError, AttributeError) as e:  # a parser bug must not stop the read
        return make_located(typ, None, text, loc, f"「{text}」を読み取れません（{type(e).__name__}）")
    if value is None or _value_check(typ)(value):
        return make_located(typ, value, text, loc)
    try:
        return make_located(typ, _coerced(typ, value), text, loc)
    except Exception as e:  # a value of an unexpected type
        return make_located(typ, None, text, loc, f"「{text}」を読み取れません（{type(e).__name__}）")


def parse_ref(ref: str) -> Pos:
    """'第1表!C5' / "'第1表'!$C$5" -> ('第1表', 5, 3). ValueError when malformed."""
    if "!" not in ref:
        raise ValueError(ref)
    sheet, _, cell = ref.rpartition("!")
    sheet = sheet.strip()
    if len(sheet) >= 2 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    row, col = parse_a1(cell.strip())
    return sheet, row, col


def sheet_candidates(grid: WorkbookGrid, standard: str) -> list[str]:
    """Sheets whose (normalised) name is a known variant of ``standard``, best first."""
    variants = [norm_label(v) for v in F.SHEET_VARIANTS.get(standard, [standard])]
    names = {s.name: norm_label(s.name) for s in grid.sheets}
    out: list[str] = []
    for v in variants:
        for name, n in names.items():
            if n == v and name not in out:
                out.append(name)
    for v in variants:  # '第1表（山田様）', 'R8.4 第2表'
        if len(v) < 3:
            continue
        for name, n in names.items():
            if v in n and name not in out:
                out.append(name)
    return out


def col_index(col: str) -> int:
    from xl_careplan.grid import column_index

    return column_index(col.strip().upper())
