"""One worksheet part, edited in place: cells' style index (s=""), values into blank cells, and the
<legacyDrawing> element at its schema place. Everything else in the part stays byte for byte.

Cells and rows are found by their r="" attribute, or where it is left out, by their place after the
previous one (as Excel reads them).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from xl_careplan import ooxml
from xl_careplan.grid import parse_a1
from xl_careplan.writer import xmltext as X


_EPOCH = dt.datetime(1899, 12, 30)


def serial(value: dt.date | dt.datetime) -> float:
    """Excel's 1900 date serial (the epoch already counts the phantom 1900-02-29)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    delta = value - _EPOCH
    return delta.days + delta.seconds / 86400


def number(v: float | int) -> str:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def cell_xml(prefix: str, ref: str, value: Any, style: int | None, keep_attrs: str = "") -> str:
    """A complete <c> element for a value (strings inline, so sharedStrings is left alone)."""
    attrs = keep_attrs
    if style:
        attrs = X.set_attr(f"<c{attrs}>", "s", str(style))[2:-1] if attrs else f' s="{style}"'
    p = prefix
    if type(value) is str:  # most cells (our own sheets' text): checked first
        return f'<{p}c r="{ref}"{attrs} t="inlineStr"><{p}is><{p}t xml:space="preserve">{X.xstring(value)}</{p}t></{p}is></{p}c>'
    if isinstance(value, bool):
        return f'<{p}c r="{ref}"{attrs} t="b"><{p}v>{int(value)}</{p}v></{p}c>'
    if isinstance(value, (int, float)):
        return f'<{p}c r="{ref}"{attrs}><{p}v>{number(value)}</{p}v></{p}c>'
    if isinstance(value, (dt.date, dt.datetime)):
        return f'<{p}c r="{ref}"{attrs}><{p}v>{number(serial(value))}</{p}v></{p}c>'
    if isinstance(value, dt.time):
        return f'<{p}c r="{ref}"{attrs}><{p}v>{number((value.hour * 3600 + value.minute * 60 + value.second) / 86400)}</{p}v></{p}c>'
    text = X.xstring(str(value))
    return f'<{p}c r="{ref}"{attrs} t="inlineStr"><{p}is><{p}t xml:space="preserve">{text}</{p}t></{p}is></{p}c>'


_TAGS: dict[str, re.Pattern] = {}
_ROWS: dict[str, re.Pattern] = {}


def _tag_re(prefix: str) -> re.Pattern:
    """<row …> and <c …> start tags of one prefix, with their r="" when they have one
    (groups: 'row' or None for a cell, the column letters, the row number)."""
    if prefix not in _TAGS:
        _TAGS[prefix] = re.compile(rf'<{re.escape(prefix)}(?:(row)|c)(?=[\s/>])'
                                   rf'(?:[^>]*?\sr="([A-Z]{{0,3}})([0-9]{{1,7}})")?[^>]*>')
    return _TAGS[prefix]


def _row_re(prefix: str) -> re.Pattern:
    """<row …> start tags of one prefix (groups: letters of a cell-like r, the row number)."""
    if prefix not in _ROWS:
        _ROWS[prefix] = re.compile(rf'<{re.escape(prefix)}row(?=[\s/>])'
                                   rf'(?:[^>]*?\sr="([A-Z]{{0,3}})([0-9]{{1,7}})")?[^>]*>')
    return _ROWS[prefix]


def _row_number(letters: str | None, number: str | None, previous: int) -> int:
    """A <row>'s number: its r="", or its predecessor's + 1 where it has none (r="A5" on a row is no row
    number), as Excel reads it."""
    return int(number) if number and not letters else previous + 1


@dataclass
class SheetXml:
    text: str
    prefix: str = ""
    # ref -> (start of <c, end of its start tag, row number); row -> (start of <row, end of its start tag).
    # Rows are indexed in one pass; a row's cells only when a cell of that row is asked for (an annotation
    # touches a few rows of a sheet). Where an element ends is found only for the few we edit (``_end``).
    cells: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    rows: dict[int, tuple[int, int]] = field(default_factory=dict)
    replaced: dict[str, str] = field(default_factory=dict)  # ref -> new <c> element (existing cells)
    new: dict[int, dict[int, str]] = field(default_factory=dict)  # row -> col -> new <c> element
    extra: list[tuple[str, str]] = field(default_factory=list)  # (element name, snippet) to insert in order
    _indexed: bool = False
    _row_ends: dict[int, int] = field(default_factory=dict)  # row -> where its cells may run to
    _rows_done: set[int] = field(default_factory=set)  # rows whose cells are in ``cells``
    _all_cells: bool = False

    @classmethod
    def parse(cls, text: str) -> "SheetXml":
        return cls(text=text, prefix=X.root(text).prefix)

    def _end(self, name: str, start: int, tag_end: int) -> int:
        """Just after the element whose start tag spans text[start:tag_end]."""
        if self.text[tag_end - 2] == "/":
            return tag_end
        close = f"</{self.prefix}{name}>"
        return self.text.index(close, tag_end) + len(close)

    def _index(self) -> None:
        """The rows (in document order; a row without r="" is its predecessor + 1, as Excel reads it)."""
        if self._indexed:
            return
        self._indexed = True
        t, p = self.text, re.escape(self.prefix)
        sd_open = re.search(rf"<{p}sheetData\b[^>]*?(/?)>", t)
        if sd_open is None or sd_open.group(1):
            self.sd_open, self.sd_close = sd_open, None
            self._all_cells = True
            return
        close = t.find(f"</{self.prefix}sheetData>", sd_open.end())
        self.sd_open, self.sd_close = sd_open, close
        row_no, last, numbered = 0, None, True
        for m in _row_re(self.prefix).finditer(t, sd_open.end(), close):
            letters, number = m.groups()
            numbered = numbered and bool(number) and not letters
            row_no = _row_number(letters, number, row_no)
            if last is not None:
                self._row_ends[last] = m.start()
            self.rows[row_no] = (m.start(), m.end())
            last = row_no
        if last is not None:
            self._row_ends[last] = close
        if not numbered or (not self.rows and _tag_re(self.prefix).search(t, sd_open.end(), close)):
            self._all()  # rows counted from their predecessor, or cells outside any row: one whole pass

    def _index_cells(self, start: int, end: int, row_no: int) -> None:
        """Cells between ``start`` and ``end`` (a row's, or all of sheetData with its rows); a cell without
        r="" is where its predecessor ends + 1 (as Excel reads it), so it is indexed at that place and
        never given an r."""
        col_no, last = 0, ""
        cells = self.cells
        for m in _tag_re(self.prefix).finditer(self.text, start, end):
            is_row, letters, number = m.groups()
            if is_row:  # only in a whole pass
                row_no = _row_number(letters, number, row_no)
                col_no = 0
                continue
            if letters:
                ref = letters + number
                col_no = -1  # known only if a later cell of the row leaves out its r (then computed)
                last = letters
            else:
                if col_no < 0:
                    col_no = ooxml.col_number(last)
                col_no += 1
                ref = f"{ooxml.col_letters(col_no)}{row_no}"
            cells[ref] = (m.start(), m.end(), row_no)

    def _row_cells(self, row: int) -> None:
        """Index the cells of ``row`` (once). A cell whose r names another row than its <row> (a file no
        spreadsheet writes) sends us to the whole pass, which indexes every cell where it is."""
        self._index()
        if self._all_cells or row in self._rows_done:
            return
        self._rows_done.add(row)
        span = self.rows.get(row)
        if span is None:
            return
        before = set(self.cells)
        self._index_cells(span[1], self._row_ends[row], row)
        if any(parse_a1(ref)[0] != row for ref in set(self.cells) - before):
            self._all()

    def _all(self) -> None:
        """Every cell, in one pass over sheetData (for reading a whole sheet, and odd files: rows without
        r="", whose cells' r may then name a row other than the one counted)."""
        self._index()
        if self._all_cells:
            return
        self._all_cells = True
        self.cells.clear()
        if self.sd_close is not None:
            self._index_cells(self.sd_open.end(), self.sd_close, 0)

    def _cell(self, ref: str) -> tuple[int, int, int] | None:
        self._row_cells(parse_a1(ref)[0])
        return self.cells.get(ref)

    # --- reading -------------------------------------------------------------------------
    def _tag(self, ref: str) -> str | None:
        if ref in self.replaced:
            x = self.replaced[ref]
            return x[: x.index(">") + 1]
        row, col = parse_a1(ref)
        if row in self.new and col in self.new[row]:
            x = self.new[row][col]
            return x[: x.index(">") + 1]
        c = self._cell(ref)
        return None if c is None else self.text[c[0]:c[1]]

    def style(self, ref: str, default: int = 0) -> int:
        """The cell's cellXfs index (``default``, the row's or column's format, when the cell is absent)."""
        self._index()
        tag = self._tag(ref)
        if tag is None:
            return default
        s = X.get_attr(tag[len(self.prefix) + 2:], "s")
        return int(s) if s and s.isdigit() else 0

    def exists(self, ref: str) -> bool:
        self._index()
        return self._tag(ref) is not None

    def row_style(self, row: int) -> int | None:
        self._index()
        c = self.rows.get(row)
        if c is None:
            return None
        tag = self.text[c[0]:c[1]]
        if X.get_attr(tag, "customFormat") in ("1", "true"):
            s = X.get_attr(tag, "s")
            return int(s) if s and s.isdigit() else None
        return None

    def col_style(self, col: int) -> int | None:
        m = re.search(rf"<{re.escape(self.prefix)}cols\b.*?</{re.escape(self.prefix)}cols>", self.text, re.S)
        if not m:
            return None
        for c in re.finditer(rf"<{re.escape(self.prefix)}col\s([^>]*)>", m.group()):
            lo, hi, st = (X.get_attr(c.group(1), k) for k in ("min", "max", "style"))
            if lo and hi and st and int(lo) <= col <= int(hi):
                return int(st)
        return None

    # --- editing -------------------------------------------------------------------------
    def _current(self, ref: str) -> str | None:
        if ref in self.replaced:
            return self.replaced[ref]
        c = self._cell(ref)
        return None if c is None else self.text[c[0]:self._end("c", c[0], c[1])]

    def set_style(self, ref: str, style: int) -> None:
        self._index()
        row, col = parse_a1(ref)
        if row in self.new and col in self.new[row]:
            x = self.new[row][col]
            end = x.index(">") + 1
            self.new[row][col] = X.set_attr(x[:end], "s", str(style)) + x[end:]
            return
        cur = self._current(ref)
        if cur is None:
            self.new.setdefault(row, {})[col] = f'<{self.prefix}c r="{ref}" s="{style}"/>'
            return
        end = cur.index(">") + 1
        self.replaced[ref] = X.set_attr(cur[:end], "s", str(style)) + cur[end:]

    def set_value(self, ref: str, value: Any, style: int | None) -> None:
        """Write a value into a (blank) cell, keeping its other attributes except the type."""
        self._index()
        row, col = parse_a1(ref)
        cur = self._current(ref)
        if cur is None and row in self.new and col in self.new[row]:
            cur = self.new[row][col]
        keep = ""
        if cur is not None:
            tag = cur[: cur.index(">") + 1]
            attrs = tag[len(self.prefix) + 2: -2 if tag.endswith("/>") else -1]
            for name in ("r", "t", "s"):
                attrs = X.set_attr(f"<c{attrs}>", name, None)[2:-1]
            keep = attrs.rstrip()
            if style is None:
                s = X.get_attr(tag, "s")
                style = int(s) if s and s.isdigit() else None
        xml = cell_xml(self.prefix, ref, value, style, keep)
        if self._cell(ref) is not None:
            self.replaced[ref] = xml
        else:
            self.new.setdefault(row, {})[col] = xml

    def merged(self) -> list[tuple[int, int, int, int]]:
        """Merged ranges (min_row, min_col, max_row, max_col) from <mergeCells> (after sheetData: cheap)."""
        self._index()
        start = self.sd_close if self.sd_close is not None else 0
        out = []
        for m in re.finditer(r'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+)(?::([A-Z]+[0-9]+))?"', self.text[start:]):
            r1, c1 = parse_a1(m.group(1))
            r2, c2 = parse_a1(m.group(2) or m.group(1))
            out.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
        return out

    def values(self, shared: "Callable[[int], str]") -> dict[tuple[int, int], Any]:
        """Cell values of a small sheet (our own sheets: inline or shared strings, numbers, booleans)."""
        self._all()
        out: dict[tuple[int, int], Any] = {}
        for ref in self.cells:
            xml = self._current(ref) or ""
            tag = xml[: xml.index(">") + 1]
            t = X.get_attr(tag, "t") or "n"
            if t == "inlineStr":
                v: Any = "".join(X.unxstring(X.unescape(m)) for m in re.findall(r"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", xml, re.S))
            else:
                m = re.search(r"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", xml, re.S)
                if m is None:
                    continue
                raw = X.unescape(m.group(1))
                if t == "s":
                    v = shared(int(raw))
                elif t in ("str", "e"):
                    v = X.unxstring(raw)
                elif t == "b":
                    v = raw == "1"
                else:
                    try:
                        f = float(raw)
                        v = int(f) if f.is_integer() else f
                    except ValueError:
                        continue
            if v == "" or v is None:
                continue
            out[parse_a1(ref)] = v
        return out

    def legacy_drawing_rid(self) -> str | None:
        m = re.search(rf"<{re.escape(self.prefix)}legacyDrawing\s([^>]*?)/?>", self.text)
        if not m:
            return None
        return re.search(r'(?:^|\s)[\w]+:id="([^"]*)"', m.group(1)).group(1) if re.search(r':id="', m.group(1)) else None

    def add_legacy_drawing(self, rid: str, *, r_ns: str = ooxml.NS_R) -> None:
        self.extra.append(("legacyDrawing", f'<{self.prefix}legacyDrawing xmlns:r="{r_ns}" r:id="{rid}"/>'))

    @property
    def changed(self) -> bool:
        return bool(self.replaced or self.new or self.extra)

    # --- writing -------------------------------------------------------------------------
    def serialise(self) -> str:
        if not self.changed:
            return self.text
        self._index()
        t, p = self.text, self.prefix
        edits: list[tuple[int, int, str]] = []
        for ref, xml in self.replaced.items():
            c = self.cells[ref]
            edits.append((c[0], self._end("c", c[0], c[1]), xml))
        by_row_cells: dict[int, list[tuple[int, int]]] = {}  # row -> (column, start of <c)
        if self.new:
            for r in self.new:
                self._row_cells(r)
            for ref, (start, _te, r) in self.cells.items():
                if r in self.new:
                    by_row_cells.setdefault(r, []).append((parse_a1(ref)[1], start))
        new_rows: list[tuple[int, str]] = []
        for r, cols in sorted(self.new.items()):
            row = self.rows.get(r)
            if row is None:
                new_rows.append((r, f'<{p}row r="{r}">' + "".join(x for _c, x in sorted(cols.items())) + f"</{p}row>"))
                continue
            row_start, row_tag_end = row
            row_end = self._end("row", row_start, row_tag_end)
            tag = t[row_start:row_tag_end]
            tag = _widen_spans(tag, min(cols), max(cols))
            if row_end == row_tag_end:  # <row r="5"/>
                edits.append((row_start, row_end, tag[:-2].rstrip() + ">" + "".join(x for _c, x in sorted(cols.items()))
                              + f"</{p}row>"))
                continue
            if tag != t[row_start:row_tag_end]:
                edits.append((row_start, row_tag_end, tag))
            existing = sorted(by_row_cells.get(r, []), key=lambda e: e[0])
            inserts: dict[int, list[str]] = {}
            for col, x in sorted(cols.items()):
                pos = next((start for ec, start in existing if ec > col), row_end - len(f"</{p}row>"))
                inserts.setdefault(pos, []).append(x)
            edits.extend((pos, pos, "".join(xs)) for pos, xs in inserts.items())
        if new_rows:
            if self.sd_close is None:  # <sheetData/>
                sd = self.sd_open
                edits.append((sd.start(), sd.end(), sd.group()[:-2].rstrip() + ">" + "".join(x for _r, x in new_rows)
                              + f"</{p}sheetData>"))
            else:
                existing_rows = sorted(self.rows.items())
                inserts = {}
                for r, x in new_rows:
                    pos = next((c[0] for er, c in existing_rows if er > r), self.sd_close)
                    inserts.setdefault(pos, []).append(x)
                edits.extend((pos, pos, "".join(xs)) for pos, xs in inserts.items())
        if self.extra:
            root = X.root(t)
            for name, snippet in self.extra:
                pos, snip = X.insert_in_order(t, root, ooxml.WORKSHEET_ORDER, name, snippet)
                edits.append((pos, pos, snip))
        return X.splice(t, edits)


def _widen_spans(tag: str, lo: int, hi: int) -> str:
    spans = X.get_attr(tag, "spans")
    if not spans:
        return tag
    try:
        ranges = [tuple(int(x) for x in part.split(":")) for part in spans.split()]
    except ValueError:
        return X.set_attr(tag, "spans", None)
    if any(a <= lo and hi <= b for a, b in ranges):
        return tag
    a0 = min(lo, min(a for a, _b in ranges))
    b0 = max(hi, max(b for _a, b in ranges))
    return X.set_attr(tag, "spans", f"{a0}:{b0}")
