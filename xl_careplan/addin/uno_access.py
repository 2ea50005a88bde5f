"""``UnoWorkbook``: the WorkbookAccess protocol over a LibreOffice Calc document (UNO).

Used by the Calc extension's 「点検する」 (inside LibreOffice's own Python) and by the tests, which
drive a headless LibreOffice over a UNO bridge. Only the ``uno`` module's structs are imported, lazily;
everything else is plain UNO calls on the document, so this module imports anywhere.

Mapping to Calc:
- values: one ``getDataArray`` per sheet over the cells with content; numbers formatted as a date
  or time (the number format's type) become ``date`` / ``time`` / ``datetime`` like the file reader's;
- merged ranges: ``XMergeable.getIsMerged`` of a range is true when the range holds the top-left cell
  of a merge, so the used block is bisected down to those cells (a few calls per merge) and each is
  widened with ``collapseToMergedArea``;
- notes: cell annotations; fills: ``CellBackColor`` (-1: none) over the whole merged area;
- text is written with ``setString`` (never parsed: "000000" stays text, "=…" is no formula);
- our sheets: ``setDataArray`` for the rows, URL text fields for links (``#Sheet.A1``, which Calc
  follows and writes to .xlsx as a link into the workbook), ``IsVisible`` for the hidden state sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterable, Iterator, Sequence
from urllib.parse import unquote

from xl_careplan.addin.outside import refuse_outside
from xl_careplan.addin import shown
from xl_careplan.addin.shown import CALLS_PER_SHAPE, TOO_MANY_QUESTIONS, shape_at
from xl_careplan.errors import WorkbookReadError, WriteRefusedError
from xl_careplan.grid import CellError, SheetGrid, WorkbookGrid, parse_a1
from xl_careplan.reading import MAX_CELL_AREA, MSG_FAR_CELL
from xl_careplan.readers.sheet_extras import SheetExtras, Shape
from xl_careplan.reading import _clean as _clean_cell  # the file readers' normalisation of a cell value

# com.sun.star.sheet.CellFlags
VALUE, DATETIME, STRING, ANNOTATION, FORMULA, HARDATTR, STYLES, OBJECTS, EDITATTR = 1, 2, 4, 8, 16, 32, 64, 128, 256
CONTENT = VALUE | DATETIME | STRING | FORMULA
EVERYTHING = CONTENT | ANNOTATION | HARDATTR | STYLES | OBJECTS | EDITATTR
# com.sun.star.util.NumberFormat
NF_DATE, NF_TIME, NF_LOGICAL = 2, 4, 1024
NO_COLOR = -1
DATE_FORMAT = "YYYY/MM/DD"
TIME_FORMAT = "HH:MM"
DATETIME_FORMAT = "YYYY/MM/DD HH:MM"
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")
# Calc column width (1/100 mm) of one Excel character unit: 7 px + 5 px padding at 96 dpi
_PX = 2540 / 96
LINK_TIP = "クリックすると該当のセルへ移動します"
PROTECTED_SHEET = ("このシートは保護されているため、何も書き込まずに止めました（書き込みの途中で止まると、メモと色が半分だけ残ります）。"
                   "［ツール］→［シートの保護］で保護を外してから、もう一度押してください。")
PROTECTED_BOOK = ("ドキュメントの構成が保護されていて「点検結果」シートを追加できないため、何も書き込まずに止めました。"
                  "［ツール］→［ドキュメントの保護］→［スプレッドシート］を外してから、もう一度押してください。")


def _struct(name: str, *args: Any) -> Any:
    import uno  # only in a Python that has LibreOffice's UNO bridge

    return uno.createUnoStruct(name, *args)


def calc_link(target: str) -> str:
    """An Excel-style target "'第1表'!B3" as a Calc document link "#'第1表'.B3"."""
    sheet, _, cell = target.rpartition("!")
    return f"#{sheet}.{cell}"


class UnoWorkbook:
    """``WorkbookAccess`` over an open Calc document (``com.sun.star.sheet.SpreadsheetDocument``)."""

    def __init__(self, doc: Any, *, label: str | None = None):
        self.doc = doc
        self.label = label if label is not None else self._doc_label(doc)
        self._grid: WorkbookGrid | None = None
        self._sheets: dict[str, Any] = {}  # name -> sheet object (a lookup is a call over the bridge)
        self._formats: dict[int, int] = {}  # number format key -> its NumberFormat type bits
        self._keys: dict[str, int] = {}
        null = doc.NullDate
        self._null_date = dt.date(null.Year, null.Month, null.Day)

    @staticmethod
    def _doc_label(doc: Any) -> str:
        url = doc.getURL() or ""
        if url:
            return unquote(url.rstrip("/").rsplit("/", 1)[-1])
        return str(doc.getTitle() or "Calc")

    # --- sheets and cells -------------------------------------------------------------------
    def sheet_names(self) -> list[str]:
        return list(self.doc.Sheets.ElementNames)

    def _sheet(self, name: str) -> Any:
        sh = self._sheets.get(name)
        if sh is None:
            sh = self._sheets[name] = self.doc.Sheets.getByName(name)
        return sh

    def _cell(self, sheet: str, cell: str) -> Any:
        r, c = parse_a1(cell.split(":")[0])
        return self._sheet(sheet).getCellByPosition(c - 1, r - 1)

    def _merged_area(self, sheet: str, cell: str) -> Any:
        """The cell, or the whole merged range it belongs to (so a colour covers what the user sees)."""
        sh = self._sheet(sheet)
        cur = sh.createCursorByRange(self._cell(sheet, cell))
        cur.collapseToMergedArea()
        return cur

    # --- values -----------------------------------------------------------------------------
    def _format_type(self, key: int) -> int:
        t = self._formats.get(key)
        if t is None:
            try:
                t = int(self.doc.NumberFormats.getByKey(key).Type)
            except Exception:  # noqa: BLE001 - an unknown key reads as a plain number
                t = 0
            self._formats[key] = t
        return t

    def _from_serial(self, v: float, kind: int) -> Any:
        if kind & NF_LOGICAL:
            return bool(v)
        if not kind & (NF_DATE | NF_TIME):
            return v
        whole = int(v // 1)
        secs = round((v - whole) * 86400)
        if secs >= 86400:
            whole, secs = whole + 1, 0
        t = dt.time(secs // 3600, secs % 3600 // 60, secs % 60)
        if not kind & NF_DATE:
            return t if whole == 0 else dt.datetime.combine(self._null_date + dt.timedelta(days=whole), t)
        day = self._null_date + dt.timedelta(days=whole)
        return day if secs == 0 else dt.datetime.combine(day, t)

    def _to_serial(self, d: dt.date | dt.datetime) -> float:
        if isinstance(d, dt.datetime):
            delta = d.replace(tzinfo=None) - dt.datetime.combine(self._null_date, dt.time(0))
            return delta.days + delta.seconds / 86400
        return float((d - self._null_date).days)

    def _format_key(self, code: str) -> int:
        key = self._keys.get(code)
        if key is None:
            formats = self.doc.NumberFormats
            locale = _struct("com.sun.star.lang.Locale")
            key = formats.queryKey(code, locale, False)
            if key == -1:
                key = formats.addNew(code, locale)
            self._keys[code] = key
        return key

    def _content_end(self, sh: Any) -> tuple[int, int] | None:
        """(last row, last column), 0-based, of the cells with content; None for an empty sheet. Refused (as the
        file readers refuse it) when the block from A1 would fill the memory: one value in XFD1048576."""
        ranges = sh.queryContentCells(CONTENT).getRangeAddresses()
        if not ranges:
            return None
        end = max(a.EndRow for a in ranges), max(a.EndColumn for a in ranges)
        rows, cols = end[0] + 1, end[1] + 1
        if rows * cols > MAX_CELL_AREA:
            raise WorkbookReadError(MSG_FAR_CELL.format(ref=_a1(*end), rows=rows, cols=cols), file=self.label,
                                    sheet=sh.Name)
        return end

    def _sheet_values(self, sh: Any) -> dict[tuple[int, int], Any]:
        """Normalised values by 1-based (row, col)."""
        end = self._content_end(sh)
        if end is None:
            return {}
        data = sh.getCellRangeByPosition(0, 0, end[1], end[0]).getDataArray()
        cells: dict[tuple[int, int], Any] = {}
        for i, row in enumerate(data):
            for j, v in enumerate(row):
                v = _clean_cell(v)
                if v is not None:
                    cells[(i + 1, j + 1)] = v
        # numbers shown as dates, times or TRUE/FALSE: the number format says so; formula errors
        numeric = sh.queryContentCells(VALUE | DATETIME | FORMULA).getCells().createEnumeration()
        while numeric.hasMoreElements():
            cell = numeric.nextElement()
            addr = cell.getCellAddress()
            pos = (addr.Row + 1, addr.Column + 1)
            if cell.getError():  # a broken formula: a reading doubt for the readers, never a blank
                cells[pos] = CellError(cell.getString() or "#VALUE!")
                continue
            v = cells.get(pos)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                kind = self._format_type(cell.NumberFormat)
                if kind & (NF_DATE | NF_TIME | NF_LOGICAL):
                    cells[pos] = self._from_serial(float(v), kind)
        return cells

    def _merges(self, sh: Any) -> list[tuple[int, int, int, int]]:
        cur = sh.createCursor()
        cur.gotoEndOfUsedArea(False)
        end = cur.getRangeAddress()
        content = self._content_end(sh)
        last_row = max(end.EndRow, content[0] if content else 0)
        last_col = max(end.EndColumn, content[1] if content else 0)
        found: list[tuple[int, int, int, int]] = []
        stack = [(0, 0, last_row, last_col)]
        asked = 0
        while stack:
            r1, c1, r2, c2 = stack.pop()
            asked += 1
            if asked > shown.MAX_QUESTIONS:  # 100,000 tiny merges: millions of calls
                raise WorkbookReadError(TOO_MANY_QUESTIONS.format(app="LibreOffice"), file=self.label, sheet=sh.Name)
            block = sh.getCellRangeByPosition(c1, r1, c2, r2)
            if not block.getIsMerged():
                continue
            if (r1, c1) == (r2, c2):
                area = sh.createCursorByRange(block)
                area.collapseToMergedArea()
                a = area.getRangeAddress()
                if (a.StartRow, a.StartColumn) == (a.EndRow, a.EndColumn):
                    continue
                found.append((a.StartRow + 1, a.StartColumn + 1, a.EndRow + 1, a.EndColumn + 1))
                continue
            if r2 - r1 >= c2 - c1:
                mid = (r1 + r2) // 2
                stack += [(mid + 1, c1, r2, c2), (r1, c1, mid, c2)]
            else:
                mid = (c1 + c2) // 2
                stack += [(r1, mid + 1, r2, c2), (r1, c1, r2, mid)]
        return sorted(found)

    def _names(self) -> dict[str, tuple[str, int, int]]:
        out: dict[str, tuple[str, int, int]] = {}
        names = self.sheet_names()
        ranges = self.doc.NamedRanges
        for i in range(ranges.Count):
            try:
                nr = ranges.getByIndex(i)
                cells = nr.getReferredCells()
                if cells is None:
                    continue
                a = cells.getRangeAddress()
                out[nr.Name] = (names[a.Sheet], a.StartRow + 1, a.StartColumn + 1)
            except Exception:  # noqa: BLE001 - a broken name must not stop the check
                continue
        return out

    def grid(self) -> WorkbookGrid:
        if self._grid is None:
            sheets = []
            for name in self.sheet_names():
                sh = self._sheet(name)
                cells = self._sheet_values(sh)
                extras = self._extras(sh) if cells else None
                sheets.append(SheetGrid(name=name, cells=cells, merged=self._merges(sh), extras=extras))
            self._grid = WorkbookGrid(sheets=sheets, names=self._names(), path=self.label)
        return self._grid

    # --- what the sheet shows besides its values (as the file path's readers.sheet_extras) ---------------
    def _extras(self, sh: Any) -> SheetExtras | None:
        """Hidden (and filtered) rows and columns of the used block, from its visible cells in one call; text
        boxes and ovals from the draw page; the print header and footer from the sheet's page style; whether
        the sheet itself is hidden."""
        ex = SheetExtras(hidden_sheet=not sh.IsVisible)
        end = self._content_end(sh)
        if end is not None:
            shown = sh.getCellRangeByPosition(0, 0, end[1], end[0]).queryVisibleCells().getRangeAddresses()
            rows = {r for a in shown for r in range(a.StartRow, a.EndRow + 1)}
            cols = {c for a in shown for c in range(a.StartColumn, a.EndColumn + 1)}
            ex.hidden_rows = frozenset(r + 1 for r in range(end[0] + 1) if r not in rows)
            ex.hidden_cols = frozenset(c + 1 for c in range(end[1] + 1) if c not in cols)
        ex.shapes = self._shapes(sh)
        ex.header = self._header(sh)
        return ex if (ex.hidden_sheet or ex.hidden_rows or ex.hidden_cols or ex.shapes or ex.header) else None

    def _shapes(self, sh: Any) -> list[Shape]:
        page = sh.DrawPage
        if not page.Count:
            return []
        rows: dict[int, float] = {}
        cols: dict[int, float] = {}

        def row_start(i: int) -> float:
            if i not in rows:
                rows[i] = float(sh.getCellByPosition(0, i - 1).Position.Y)
            return rows[i]

        def col_start(j: int) -> float:
            if j not in cols:
                cols[j] = float(sh.getCellByPosition(j - 1, 0).Position.X)
            return cols[j]

        if page.Count * CALLS_PER_SHAPE > shown.MAX_QUESTIONS:
            raise WorkbookReadError(TOO_MANY_QUESTIONS.format(app="LibreOffice"), file=self.label, sheet=sh.Name)
        out: list[Shape] = []
        for i in range(page.Count):
            shape = page.getByIndex(i)
            try:
                drawn = _drawn(shape, 0)
                if drawn:  # a group's members on the whole group's box, as the file path reads a group anchor
                    pos, size = shape.Position, shape.Size
                    out += [shape_at(pos.Y, pos.X, size.Height, size.Width, row_start, col_start, text, oval)
                            for text, oval in drawn]
            except Exception:  # noqa: BLE001 - a shape we cannot measure is left out, as the file path does
                continue
        return out

    def _header(self, sh: Any) -> list[str]:
        try:
            style = self.doc.StyleFamilies.getByName("PageStyles").getByName(sh.PageStyle)
            texts = []
            for on, content in (("HeaderIsOn", "RightPageHeaderContent"), ("FooterIsOn", "RightPageFooterContent")):
                if getattr(style, on):
                    c = getattr(style, content)
                    texts += [c.getLeftText().getString(), c.getCenterText().getString(), c.getRightText().getString()]
        except Exception:  # noqa: BLE001 - no page style: nothing printed around the sheet
            return []
        return [t.strip() for t in texts if t and t.strip()]  # Calc gives each section's text, fields as shown

    # --- before the first write: what we refuse rather than write half ------------------------------
    def before_writing(self, sheets: Iterable[str], values: Iterable[str] = ()) -> None:
        """Raise ``WriteRefusedError`` when a sheet we would write to or the document's structure is protected, or
        when a formula would reach outside the document as our writes make Calc recalculate (``addin.outside``)."""
        if self.doc.isProtected():
            raise WriteRefusedError(PROTECTED_BOOK, file=self.label)
        for name in sheets:
            if self.doc.Sheets.hasByName(name) and self._sheet(name).isProtected():
                raise WriteRefusedError(PROTECTED_SHEET, file=self.label, sheet=name)
        refuse_outside(self._formulas(), self._name_formulas(), self.label)

    def _formulas(self) -> Iterator[tuple[str, str, str]]:
        """(sheet, cell, formula) of every formula cell, one ``getFormulaArray`` per block of formula cells."""
        for name in self.sheet_names():
            sh = self._sheet(name)
            for a in sh.queryContentCells(FORMULA).getRangeAddresses():
                block = sh.getCellRangeByPosition(a.StartColumn, a.StartRow, a.EndColumn, a.EndRow).getFormulaArray()
                for i, row in enumerate(block):
                    for j, f in enumerate(row):
                        if f.startswith("="):
                            yield name, _a1(a.StartRow + i, a.StartColumn + j), f

    def _name_formulas(self) -> Iterator[tuple[str, str]]:
        ranges = self.doc.NamedRanges
        for i in range(ranges.Count):
            nr = ranges.getByIndex(i)
            yield nr.Name, "=" + (nr.Content or "")

    def refresh(self) -> None:
        """Forget the grid and sheet handles (the document was changed by someone else)."""
        self._grid = None
        self._sheets.clear()

    def _keep(self, sheet: str, cell: str, value: Any) -> None:
        if self._grid is not None:
            v = value if isinstance(value, (dt.date, dt.time)) else _clean_cell(value)
            self._grid.put_value(sheet, *parse_a1(cell), v)

    def set_value(self, sheet: str, cell: str, value: Any) -> None:
        c = self._cell(sheet, cell)
        self._keep(sheet, cell, value)
        if value is None or (isinstance(value, str) and value == ""):
            c.clearContents(CONTENT)
        elif isinstance(value, str):
            c.setString(value)
        elif isinstance(value, bool):
            c.setValue(1.0 if value else 0.0)
        elif isinstance(value, (int, float)):
            c.setValue(float(value))
        elif isinstance(value, dt.datetime):
            c.setValue(self._to_serial(value))
            c.NumberFormat = self._format_key(DATETIME_FORMAT)
        elif isinstance(value, dt.date):
            c.setValue(self._to_serial(value))
            c.NumberFormat = self._format_key(DATE_FORMAT)
        elif isinstance(value, dt.time):
            c.setValue((value.hour * 3600 + value.minute * 60 + value.second) / 86400)
            c.NumberFormat = self._format_key(TIME_FORMAT)
        else:
            c.setString(str(value))

    # --- notes ------------------------------------------------------------------------------
    def get_note(self, sheet: str, cell: str) -> str | None:
        text = self._cell(sheet, cell).getAnnotation().getString()
        return text.replace("\r\n", "\n") if text else None

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        c = self._cell(sheet, cell)
        addr = c.getCellAddress()
        notes = self._sheet(sheet).getAnnotations()
        if c.getAnnotation().getString():
            for i in range(notes.Count):
                pos = notes.getByIndex(i).getPosition()
                if (pos.Row, pos.Column) == (addr.Row, addr.Column):
                    notes.removeByIndex(i)
                    break
        if text:
            notes.insertNew(addr, text)

    # --- fills ------------------------------------------------------------------------------
    def get_fill(self, sheet: str, cell: str) -> str | None:
        c = self._cell(sheet, cell)
        color = c.CellBackColor
        if c.IsCellBackgroundTransparent or color is None or color < 0:
            return None
        return f"{color & 0xFFFFFF:06X}"

    def set_fill(self, sheet: str, cell: str, rgb: str | None) -> None:
        m = _HEX.match(rgb) if rgb else None
        if rgb and m is None:
            return  # not an RGB colour (the file writer's opaque tokens never reach a live document)
        area = self._merged_area(sheet, cell)
        if m is None:
            area.CellBackColor = NO_COLOR
            area.IsCellBackgroundTransparent = True
        else:
            area.CellBackColor = int(m.group(1), 16)

    # --- sheets we own ----------------------------------------------------------------------
    def write_sheet(
        self,
        name: str,
        rows: Sequence[Sequence[Any]],
        *,
        links: dict[str, str] | None = None,
        col_widths: dict[str, float] | None = None,
        hidden: bool = False,
    ) -> None:
        sheets = self.doc.Sheets
        if sheets.hasByName(name):
            sh = self._sheet(name)
            sh.clearContents(EVERYTHING)  # values, formats, notes, links (text fields are content)
            used = sh.createCursor()
            used.gotoEndOfUsedArea(True)
            used.merge(False)
        else:
            order = self.sheet_names()
            visible = [i for i, n in enumerate(order) if self._sheet(n).IsVisible]
            sheets.insertNewByName(name, (visible[-1] + 1) if visible else len(order))
            sh = self._sheet(name)
        width = max((len(r) for r in rows), default=0)
        if rows and width:
            block = sh.getCellRangeByPosition(0, 0, width - 1, len(rows) - 1)
            dates: list[tuple[int, int, Any]] = []
            data = []
            for i, row in enumerate(rows):
                out = []
                for j in range(width):
                    v = row[j] if j < len(row) else None
                    if isinstance(v, (dt.date, dt.time)):
                        dates.append((i, j, v))
                        out.append("")
                    elif v is None:
                        out.append("")
                    elif isinstance(v, bool):
                        out.append(1.0 if v else 0.0)
                    elif isinstance(v, (int, float)):
                        out.append(float(v))
                    else:
                        out.append(str(v))
                data.append(tuple(out))
            block.setDataArray(tuple(data))
            for i, j, v in dates:
                self.set_value(name, _a1(i, j), v)
            block.IsTextWrapped = True
            block.VertJustify = 1  # com.sun.star.table.CellVertJustify.TOP
        for ref, target in (links or {}).items():
            r, c = parse_a1(ref)
            shown = rows[r - 1][c - 1] if r - 1 < len(rows) and c - 1 < len(rows[r - 1]) else None
            self._add_link(sh.getCellByPosition(c - 1, r - 1), calc_link(target),
                           str(shown if shown not in (None, "") else target))
        for col, w in (col_widths or {}).items():
            _r, c = parse_a1(f"{col}1")
            sh.getColumns().getByIndex(c - 1).Width = int(round((w * 7 + 5) * _PX))
        sh.IsVisible = not hidden
        if self._grid is not None:
            fresh = [[v if isinstance(v, (dt.date, dt.time)) else _clean_cell(v) for v in r] for r in rows]
            self._grid.put_sheet(SheetGrid.from_rows(name, fresh), self.sheet_names())

    def _add_link(self, cell: Any, url: str, text: str) -> None:
        field = self.doc.createInstance("com.sun.star.text.TextField.URL")
        field.URL = url
        field.Representation = text
        cell.setString("")
        cursor = cell.createTextCursor()
        cell.insertTextContent(cursor, field, False)

    def read_sheet(self, name: str) -> list[list[Any]] | None:
        if not self.doc.Sheets.hasByName(name):
            return None
        cells = self._sheet_values(self._sheet(name))
        if not cells:
            return []
        nrows = max(r for r, _ in cells)
        ncols = max(c for _, c in cells)
        return [[cells.get((r, c)) for c in range(1, ncols + 1)] for r in range(1, nrows + 1)]


_DRAWN = ("com.sun.star.drawing.CustomShape", "com.sun.star.drawing.TextShape", "com.sun.star.drawing.EllipseShape",
          "com.sun.star.drawing.RectangleShape")
# the file's prstGeom ellipse / flowChartConnector as LibreOffice imports them, and its own kinds
_OVAL_TYPES = ("ooxml-ellipse", "ellipse", "ooxml-flowChartConnector", "flowchart-connector")


def _drawn(shape: Any, depth: int) -> list[tuple[str, bool]]:
    """(text, oval) of a text box, autoshape or oval with text or an oval's outline; of a group, of its members."""
    kind = shape.ShapeType
    if kind == "com.sun.star.drawing.GroupShape":
        if depth >= 8:
            return []
        return [d for i in range(shape.Count) for d in _drawn(shape.getByIndex(i), depth + 1)]
    if kind not in _DRAWN:  # pictures, charts, controls, notes' captions
        return []
    try:
        text = (shape.getString() or "").replace("\r\n", "\n").strip()
        oval = _is_oval(shape)
    except Exception:  # noqa: BLE001 - a member we cannot read is left out
        return []
    return [(text, oval)] if text or oval else []


def _is_oval(shape: Any) -> bool:
    if shape.ShapeType == "com.sun.star.drawing.EllipseShape":
        return True
    try:
        geometry = {p.Name: p.Value for p in shape.CustomShapeGeometry}
    except Exception:  # noqa: BLE001 - not a custom shape
        return False
    return geometry.get("Type") in _OVAL_TYPES


def _a1(i: int, j: int) -> str:
    """0-based (row, col) as A1."""
    from xl_careplan.grid import a1

    return a1(i + 1, j + 1)
