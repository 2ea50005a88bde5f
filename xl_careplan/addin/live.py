"""The open workbook in Excel, through xlwings: ``LiveWorkbook`` and the ribbon button's ``run_on_caller``
(the Excel adapter of the shared click flow in ``addin.flow``).

``LiveWorkbook`` implements ``xl_careplan.access.WorkbookAccess`` over an xlwings ``Book`` so the
readers, rules, annotator and monitoring scheduler run unchanged on the workbook the care manager
has open (nothing is saved: the care manager sees the result and saves, or not, as usual).

Speed. Every xlwings property is a cross-process call (COM on Windows, AppleScript on macOS), so
``grid()`` reads each sheet in bulk and only asks per-range questions where it must:

- values: one call per sheet, ``sheet.used_range.options(ndim=2).value`` (+2 for its origin);
- merged ranges: Excel has no "list the merged areas" call, and asking every cell costs 3 calls
  per cell. ``merged_areas`` asks ``Range.merge_cells`` about whole blocks instead (Excel answers
  True / False / None=mixed for a block in one call): row bands without merges cost one question,
  and in a row with merges each area costs its ``merge_area.address`` plus a galloping/binary search
  (about 2·log2(gap) calls) for the gap before it; an area spanning several rows is found once. For
  our template (7 sheets, 48 merged areas, ~1,000 cells) that is about 820 calls instead of ~3,000
  for cell-by-cell; tests/test_addin_live.py holds the reader to that budget on the stand-in. A faster
  Windows-only route (one ``Range.Value(xlRangeValueXMLSpreadsheet)`` call per sheet, whose XML
  carries ss:MergeAcross/ss:MergeDown) was not taken because it cannot be verified without Excel;
- defined names: two calls per workbook-level name (``name``, ``refers_to``).
The grid is read once per run and kept in step with our own writes (``set_value``, ``write_sheet``),
so the scheduler after the annotator does not read the workbook again.

Values are normalised as the file readers do (``xl_careplan.reading``): integral floats become int
(Excel hands every number over as a double), time-only values (COM returns 1899-12-30 hh:mm)
become ``datetime.time``, a datetime at midnight becomes a ``date`` (what calamine gives for a
date cell; COM does not say how the cell is formatted), blank strings None.

Writing: strings are written with a leading apostrophe, which Excel stores as "text, do not
convert" — without it Excel would turn "000000" into 0, "2026-11-25" into a date and "=…" into a
formula. Fills are exchanged as 'RRGGBB'; a theme or pattern fill is read back as its RGB, so
undoing our colour restores the colour, not the theme link.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sys
from typing import Any, Iterable, Iterator, Sequence

from xl_careplan.addin import flow
from xl_careplan.addin.flow import ALERT_TITLE, CONF_SHEET, RunResult, settings_from_rows
from xl_careplan.errors import WorkbookReadError
from xl_careplan.grid import SheetGrid, WorkbookGrid, a1, parse_a1
from xl_careplan.addin.outside import refuse_outside
from xl_careplan.addin import shown
from xl_careplan.addin.shown import CALLS_PER_SHAPE, TOO_MANY_QUESTIONS, TooManyQuestions, hidden_lines, shape_at
from xl_careplan.errors import WriteRefusedError
from xl_careplan.reading import MAX_CELL_AREA, MSG_FAR_CELL
from xl_careplan.readers.sheet_extras import SheetExtras, Shape
from xl_careplan.reading import _clean as _clean_cell  # the file readers' normalisation of a cell value

log = logging.getLogger(__name__)

LINK_TIP = "クリックすると該当のセルへ移動します"
XL_SHEET_VERY_HIDDEN = 2
XL_TOP = -4160
_EXCEL_ZERO_DAY = dt.date(1899, 12, 30)
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")


# ---------------------------------------------------------------------------------------------
# values


def clean_value(v: Any) -> Any:
    """A value read from Excel as the file readers would give it (``reading``'s normalisation, plus
    what COM hands over differently: dates arrive as datetimes, times as datetimes on day 0)."""
    if isinstance(v, dt.datetime):
        if v.tzinfo is not None:
            v = v.replace(tzinfo=None)
        if v.date() == _EXCEL_ZERO_DAY:
            return v.time()
        if v.time() == dt.time(0):
            return v.date()  # COM cannot tell a date cell from a datetime at midnight; plans hold dates
        return v
    return _clean_cell(v)


def to_excel(v: Any) -> Any:
    """A value to hand to Excel unchanged: text stays text (leading apostrophe), time as a fraction."""
    if isinstance(v, str):
        return "'" + v if v else None
    if isinstance(v, dt.time):
        return (v.hour * 3600 + v.minute * 60 + v.second) / 86400
    return v


_FORMULA_START = ("=", "+", "-", "@")
PROTECTED_SHEET = ("このシートは保護されているため、何も書き込まずに止めました（書き込みの途中で止まると、メモと色が半分だけ残ります）。"
                   "［校閲］→［シート保護の解除］で保護を外してから、もう一度押してください。")
LINKED_CONTROL = ("このシートには、セル {cell} とつながったコントロール（ActiveX）があります。書き込むとそのコントロールのマクロが"
                  "動くおそれがあり、Excel ではイベントを止めてもそれを止められないため、何も書き込まずに止めました。"
                  "受け取ったブックなら、保存したファイルを `xl-careplan check --annotate` で点検してください。")
PROTECTED_BOOK = ("ブックの構成が保護されていて「点検結果」シートを追加できないため、何も書き込まずに止めました。"
                  "［校閲］→［ブックの保護］を外してから、もう一度押してください。")
MSO_GROUP = 6  # MsoShapeType msoGroup
MSO_DRAWN = (1, 17)  # MsoShapeType: msoAutoShape, msoTextBox (a group member's own type)
MSO_OVALS = (9, 73)  # MsoAutoShapeType: msoShapeOval, msoShapeFlowchartConnector (the file's ellipse, flowChartConnector)


def _none_or_zero(size: Any) -> bool | None:
    """A block's common row height / column width as hidden-state: 0 all hidden, None lines differ."""
    if size is None:
        return None
    return float(size) == 0


def _shape_text(shape: Any) -> str:
    try:
        text = shape.text
    except Exception:  # noqa: BLE001 - a shape without a text frame
        return ""
    return _shape_text_of(text)


def _shape_text_of(text: Any) -> str:
    return str(text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").strip()


def _inert(text: str) -> str:
    """A hyperlink's display text that Excel cannot take for a formula: COM's ``Hyperlinks.Add(TextToDisplay=…)``
    puts the text into the cell as if typed, and the text comes from the plan (a sheet called ``=…``)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _rgb_hex(color: Any) -> str | None:
    if color is None:
        return None
    if isinstance(color, tuple) and len(color) == 3:
        return "{:02X}{:02X}{:02X}".format(*color)
    if isinstance(color, str) and _HEX.match(color):
        return _HEX.match(color).group(1).upper()  # type: ignore[union-attr]
    return None


def _is_visible(sheet: Any) -> bool:
    """On Windows ``Sheet.visible`` is COM's XlSheetVisibility (-1 visible, 0 hidden, 2 very hidden)."""
    v = sheet.visible
    return v is True or (not isinstance(v, bool) and v == -1)


def _parse_address(address: str) -> tuple[int, int, int, int]:
    """'$B$3:$D$4' (or '$B$3', or with a sheet prefix) -> (3, 2, 4, 4)."""
    ref = address.split("!")[-1]
    first, _, last = ref.partition(":")
    r1, c1 = parse_a1(first)
    r2, c2 = parse_a1(last) if last else (r1, c1)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def _ref(r1: int, c1: int, r2: int, c2: int) -> str:
    return a1(r1, c1) if (r1, c1) == (r2, c2) else f"{a1(r1, c1)}:{a1(r2, c2)}"


# ---------------------------------------------------------------------------------------------
# merged ranges


def merged_areas(sheet: Any, r1: int, c1: int, r2: int, c2: int,
                 limit: int | None = None) -> list[tuple[int, int, int, int]]:
    """Merge areas meeting the block (r1, c1)–(r2, c2) of an xlwings sheet.

    ``Range.merge_cells`` answers for a whole block (True: all merged, False: none, None: mixed), and
    ``merge_area`` of one cell gives its area. Rows without merges are skipped by bisecting the
    block's rows; in a row with merges we walk left to right: the cell at the cursor is asked for its
    merge area (an area jumps the cursor past it, and is remembered for the rows below), otherwise
    the first merged cell to its right is found by galloping over growing blocks and a binary search
    on ``merge_cells`` inside the first block that holds one. Raises ``TooManyQuestions`` after ``limit`` block
    questions (a received sheet of 100,000 tiny merges).
    """

    limit = shown.MAX_QUESTIONS if limit is None else limit
    asked = [0]

    def ask() -> None:
        asked[0] += 1
        if asked[0] > limit:
            raise TooManyQuestions

    def no_merge(ref: str) -> bool:
        # only False is trusted: a mixed block is Null (None) in COM, and True would be fine too
        ask()
        state = sheet.range(ref).merge_cells
        return state is not None and not state

    def rows_with_merges(a: int, c: int) -> list[int]:
        if no_merge(_ref(a, c1, c, c2)):
            return []
        if a == c:
            return [a]
        mid = (a + c) // 2
        return rows_with_merges(a, mid) + rows_with_merges(mid + 1, c)

    found: list[tuple[int, int, int, int]] = []

    def known(r: int, c: int) -> tuple[int, int, int, int] | None:
        for area in found:
            if area[0] <= r <= area[2] and area[1] <= c <= area[3]:
                return area
        return None

    for r in rows_with_merges(r1, r2):
        c = c1
        while c <= c2:
            area = known(r, c)
            if area is None:
                ask()
                area = _parse_address(sheet.range(a1(r, c)).merge_area.address)
                if area == (r, c, r, c):
                    area = None
                else:
                    found.append(area)
            if area is not None:
                c = area[3] + 1
                continue
            # gallop over the gap after c (blocks of 1, 2, 4 … cells: gaps in forms are short),
            # then binary-search the first block that holds a merge for its first merged cell
            lo, step, hit = c + 1, 1, None
            while lo <= c2:
                hi = min(c2, lo + step - 1)
                if not no_merge(_ref(r, lo, r, hi)):
                    hit = (lo, hi)
                    break
                lo, step = hi + 1, step * 2
            if hit is None:
                break
            lo, hi = hit
            while lo < hi:
                mid = (lo + hi) // 2
                if no_merge(_ref(r, lo, r, mid)):
                    lo = mid + 1
                else:
                    hi = mid
            c = lo
    return sorted(found)


# ---------------------------------------------------------------------------------------------
# the WorkbookAccess implementation


def _linked_control(sheet_api: Any) -> str | None:
    """The linked cell of an ActiveX control on the sheet (COM ``OLEObjects``), or None. Its Change event is VBA
    that Excel runs even with ``EnableEvents`` off, when a cell it is linked to changes."""
    try:
        controls = sheet_api.OLEObjects()
        count = int(controls.Count)
    except Exception:  # noqa: BLE001 - no controls (or not Windows)
        return None
    for i in range(1, min(count, 1000) + 1):
        try:
            cell = str(controls.Item(i).LinkedCell or "")
        except Exception:  # noqa: BLE001 - a control without a linked cell
            continue
        if cell:
            return cell.replace("$", "")[:40]
    return None


def _members(items: Any, depth: int) -> list[tuple[str, bool]]:
    """(text, oval) of each text box or autoshape among COM's ``GroupItems``."""
    out: list[tuple[str, bool]] = []
    for i in range(1, int(items.Count) + 1):
        item = items.Item(i)
        kind = int(item.Type)
        if kind == MSO_GROUP and depth < 8:  # should COM list a nested group rather than its members
            out += _members(item.GroupItems, depth + 1)
            continue
        if kind not in MSO_DRAWN:
            continue
        try:
            text = _shape_text_of(item.TextFrame2.TextRange.Text)
        except Exception:  # noqa: BLE001 - a member without a text frame
            text = ""
        try:
            oval = int(item.AutoShapeType) in MSO_OVALS
        except Exception:  # noqa: BLE001
            oval = False
        out.append((text, oval))
    return out


class LiveWorkbook:
    """``WorkbookAccess`` over an open xlwings ``Book`` (Windows COM or macOS AppleScript)."""

    def __init__(self, book: Any, *, label: str | None = None, platform: str | None = None):
        self.book = book
        self.label = label if label is not None else book.name
        self.platform = platform or sys.platform
        self._grid: WorkbookGrid | None = None
        self._sheets: dict[str, Any] = {}  # name -> xlwings Sheet (saves a lookup call per cell operation)

    # --- reading ---------------------------------------------------------------------------
    def _sheet(self, name: str) -> Any:
        sh = self._sheets.get(name)
        if sh is None:
            sh = self._sheets[name] = self.book.sheets[name]
        return sh

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def _used(self, sheet: Any) -> tuple[Any, int, int]:
        """The used range and its origin, refused (as the file readers refuse it) when its area would fill
        the memory: a received plan with one value in XFD1048576 must not make us fetch 17 billion cells."""
        used = sheet.used_range
        r0, c0 = used.row, used.column
        nrows, ncols = used.shape
        if nrows * ncols > MAX_CELL_AREA:
            raise WorkbookReadError(MSG_FAR_CELL.format(ref=a1(r0 + nrows - 1, c0 + ncols - 1), rows=nrows, cols=ncols),
                                    file=self.label, sheet=sheet.name)
        return used, r0, c0

    def _read_sheet_grid(self, sheet: Any) -> SheetGrid:
        try:
            return self._read_sheet_grid_once(sheet)
        except TooManyQuestions:
            raise WorkbookReadError(TOO_MANY_QUESTIONS.format(app="Excel"), file=self.label, sheet=sheet.name) from None

    def _read_sheet_grid_once(self, sheet: Any) -> SheetGrid:
        used, r0, c0 = self._used(sheet)
        rows = used.options(ndim=2).value or [[None]]
        nrows, ncols = len(rows), max((len(r) for r in rows), default=0)
        cells: dict[tuple[int, int], Any] = {}
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                v = clean_value(v)
                if v is not None:
                    cells[(r0 + i, c0 + j)] = v
        merged = merged_areas(sheet, r0, c0, r0 + nrows - 1, c0 + max(ncols, 1) - 1) if nrows else []
        extras = self._extras(sheet, r0, c0, nrows, ncols) if cells else None
        return SheetGrid(name=sheet.name, cells=cells, merged=merged, extras=extras)

    # --- what the sheet shows besides its values (as the file path's readers.sheet_extras) ---------------
    def _extras(self, sheet: Any, r0: int, c0: int, nrows: int, ncols: int) -> SheetExtras | None:
        """Hidden rows and columns of the used range (a hidden line is 0 high or wide: ``row_height`` and
        ``column_width`` answer for a block, None when its lines differ), text boxes and ovals, the print
        header (Windows), and whether the sheet itself is hidden."""
        ex = SheetExtras(hidden_sheet=not _is_visible(sheet))
        ex.hidden_rows = hidden_lines(r0, r0 + nrows - 1, lambda a, b: _none_or_zero(
            sheet.range((a, c0), (b, c0)).row_height))
        ex.hidden_cols = hidden_lines(c0, c0 + ncols - 1, lambda a, b: _none_or_zero(
            sheet.range((r0, a), (r0, b)).column_width))
        ex.shapes = self._shapes(sheet)
        ex.header = self._header(sheet)
        return ex if (ex.hidden_sheet or ex.hidden_rows or ex.hidden_cols or ex.shapes or ex.header) else None

    def _shapes(self, sheet: Any) -> list[Shape]:
        try:
            shapes = list(sheet.shapes)
        except Exception:  # noqa: BLE001 - no drawing layer: nothing over the cells
            return []
        if len(shapes) * CALLS_PER_SHAPE > shown.MAX_QUESTIONS:  # thousands of shapes: minutes of COM calls
            raise TooManyQuestions
        rows: dict[int, float] = {}
        cols: dict[int, float] = {}

        def row_start(i: int) -> float:
            if i not in rows:
                rows[i] = float(sheet.range((i, 1)).top)
            return rows[i]

        def col_start(j: int) -> float:
            if j not in cols:
                cols[j] = float(sheet.range((1, j)).left)
            return cols[j]

        out = []
        for shape in shapes:
            try:
                kind = shape.type
                if kind == "group":
                    drawn = self._group_members(shape)
                elif kind in ("auto_shape", "text_box"):  # not pictures, charts, notes, controls
                    drawn = [(_shape_text(shape), self._is_oval(shape))]
                else:
                    continue
                drawn = [(text, oval) for text, oval in drawn if text or oval]
                if drawn:
                    box = float(shape.top), float(shape.left), float(shape.height), float(shape.width)
                    out += [shape_at(*box, row_start, col_start, text, oval) for text, oval in drawn]
            except Exception:  # noqa: BLE001 - a shape we cannot measure is left out, as the file path does
                continue
        return out

    def _group_members(self, group: Any) -> list[tuple[str, bool]]:
        """(text, oval) of a group's members (COM's GroupItems, nested groups included: Windows only), each placed
        on the whole group's box, as the file path places the shapes of a drawing's group anchor."""
        if not self.platform.startswith("win"):
            return []  # AppleScript gives no group members
        return _members(group.api.GroupItems, depth=0)

    def _is_oval(self, shape: Any) -> bool:
        if not self.platform.startswith("win"):
            return False  # AppleScript gives no autoshape type: ovals are read only on Windows
        try:
            return int(shape.api.AutoShapeType) in MSO_OVALS
        except Exception:  # noqa: BLE001
            return False

    def _header(self, sheet: Any) -> list[str]:
        if not self.platform.startswith("win"):
            return []
        from xl_careplan.readers.sheet_extras import header_sections

        try:
            setup = sheet.api.PageSetup
            texts = [getattr(setup, part + kind) for kind in ("Header", "Footer") for part in ("Left", "Center", "Right")]
        except Exception:  # noqa: BLE001 - no printer set up: Excel may refuse PageSetup
            return []
        return [sec for t in texts if isinstance(t, str) and t for sec in header_sections(t)]

    def _names(self) -> dict[str, tuple[str, int, int]]:
        from xl_careplan.reading import parse_name_ref

        out: dict[str, tuple[str, int, int]] = {}
        for n in self.book.names:
            try:
                name, refers = n.name, n.refers_to
            except Exception:  # noqa: BLE001 - a broken name must not stop the check
                continue
            if "!" in name or name.startswith("_xlnm."):  # sheet-scoped or built-in (print area)
                continue
            ref = parse_name_ref(str(refers or "").lstrip("="))
            if ref is not None:
                out[name] = ref
        return out

    def grid(self) -> WorkbookGrid:
        if self._grid is None:
            sheets = [self._read_sheet_grid(s) for s in self.book.sheets]
            self._grid = WorkbookGrid(sheets=sheets, names=self._names(), path=self.label)
        return self._grid

    def refresh(self) -> None:
        """Forget the grid and sheet handles (the workbook was changed by someone else)."""
        self._grid = None
        self._sheets.clear()

    # --- before the first write: what we refuse rather than write half ------------------------------
    def before_writing(self, sheets: Iterable[str], values: Iterable[str] = ()) -> None:
        """Raise ``WriteRefusedError`` when writing could not be done safely: a sheet we would write to is
        protected or the workbook's structure is (Excel would stop us half-way), an ActiveX control is linked to a
        cell of a sheet we write ``values`` into (Windows only, where COM tells), or a formula would reach outside
        the workbook when our writes make Excel recalculate (``addin.outside``)."""
        if self.platform.startswith("win"):
            self._refuse_unwritable(sheets, set(values))
        refuse_outside(self._formulas(), self._name_formulas(), self.label)

    def _refuse_unwritable(self, sheets: Iterable[str], values: set[str]) -> None:
        try:
            structure = bool(self.book.api.ProtectStructure)
        except Exception:  # noqa: BLE001 - cannot tell: Excel says so itself when it refuses
            structure = False
        if structure:
            raise WriteRefusedError(PROTECTED_BOOK, file=self.label)
        names = set(self.sheet_names())
        for name in sheets:
            if name not in names:
                continue
            api = self._sheet(name).api
            try:
                protected = bool(api.ProtectContents)
            except Exception:  # noqa: BLE001
                protected = False
            if protected:
                raise WriteRefusedError(PROTECTED_SHEET, file=self.label, sheet=name)
            linked = _linked_control(api) if name in values else None
            if linked:
                raise WriteRefusedError(LINKED_CONTROL.format(cell=linked), file=self.label, sheet=name)

    def _formulas(self) -> Iterator[tuple[str, str, str]]:
        """(sheet, cell, formula) of every formula in the used ranges, one call per sheet (``Range.formula``)."""
        for sheet in self.book.sheets:
            used, r0, c0 = self._used(sheet)
            got = used.formula
            rows = [[got]] if not isinstance(got, (list, tuple)) else [r if isinstance(r, (list, tuple)) else [r] for r in got]
            for i, row in enumerate(rows):
                for j, f in enumerate(row):
                    if isinstance(f, str) and f.startswith("="):
                        yield sheet.name, a1(r0 + i, c0 + j), f

    def _name_formulas(self) -> Iterator[tuple[str, str]]:
        for n in self.book.names:
            try:
                yield str(n.name), str(n.refers_to or "")
            except Exception:  # noqa: BLE001 - a broken name is no formula Excel can calculate
                continue

    # --- notes ------------------------------------------------------------------------------
    def get_note(self, sheet: str, cell: str) -> str | None:
        note = self._sheet(sheet).range(cell).note
        return note.text if note is not None else None

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        rng = self._sheet(sheet).range(cell)
        note = rng.note
        if not text:
            if note is not None:
                note.delete()
            return
        if note is None:
            note = rng.add_note(text)
        else:
            note.text = text
        if self.platform.startswith("win"):
            self._size_note(note, text)

    @staticmethod
    def _size_note(note: Any, text: str) -> None:
        """Make a long note readable when hovered (Excel's default box shows about five lines)."""
        lines = sum(max(1, -(-len(line) // 24)) for line in text.split("\n"))
        try:
            shape = note.api.Shape
            shape.Width = max(float(shape.Width), 240.0)
            shape.Height = max(float(shape.Height), min(600.0, 14.0 * lines + 16.0))
        except Exception:  # noqa: BLE001 - cosmetic only
            pass

    # --- fills ------------------------------------------------------------------------------
    def _area(self, sheet: str, cell: str) -> str:
        """The whole merged range when ``cell`` starts one (so the colour covers what the user sees)."""
        if self._grid is not None:
            sh = self._grid.sheet(sheet)
            if sh is not None:
                r, c = parse_a1(cell)
                return _ref(*sh.extent(r, c))
        return cell

    def get_fill(self, sheet: str, cell: str) -> str | None:
        return _rgb_hex(self._sheet(sheet).range(cell).color)

    def set_fill(self, sheet: str, cell: str, rgb: str | None) -> None:
        rng = self._sheet(sheet).range(self._area(sheet, cell))
        hexv = _rgb_hex(rgb) if rgb else None
        if rgb and hexv is None:
            log.warning("set_fill: not an RGB colour, left unchanged")
            return
        rng.color = None if hexv is None else "#" + hexv

    # --- values -----------------------------------------------------------------------------
    def set_value(self, sheet: str, cell: str, value: Any) -> None:
        self._sheet(sheet).range(cell).value = to_excel(value)
        if self._grid is not None:
            self._grid.put_value(sheet, *parse_a1(cell), clean_value(value))

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
        sheets = self.book.sheets
        names = self.sheet_names()
        if name in names:
            sh = self._sheet(name)
            sh.clear()  # contents, formats, notes and hyperlinks; merged cells are unmerged
        else:
            visible = [s for s in sheets if _is_visible(s)]
            sh = sheets.add(name, after=visible[-1] if visible else None)
            self._sheets[name] = sh
        width = max((len(r) for r in rows), default=0)
        data = [[to_excel(v) for v in list(r) + [None] * (width - len(r))] for r in rows]
        if data and width:
            sh.range("A1").value = data
            if self.platform.startswith("win"):
                try:  # cosmetic: wrap long messages, align to the top
                    body = sh.range(_ref(1, 1, len(data), width)).api
                    body.WrapText = True
                    body.VerticalAlignment = XL_TOP
                except Exception:  # noqa: BLE001
                    pass
        for ref, target in (links or {}).items():
            r, c = parse_a1(ref)
            shown = rows[r - 1][c - 1] if r - 1 < len(rows) and c - 1 < len(rows[r - 1]) else None
            text = str(shown if shown not in (None, "") else target)
            cell = sh.range(ref)
            cell.add_hyperlink("#" + target, _inert(text), LINK_TIP)
            if text != _inert(text):
                cell.value = to_excel(text)  # the link stays; the cell holds the text, never a formula
        for col, w in (col_widths or {}).items():
            sh.range(f"{col}:{col}").column_width = w
        self._set_hidden(sh, hidden)
        if self._grid is not None:
            self._grid.put_sheet(SheetGrid.from_rows(name, [[clean_value(v) for v in r] for r in rows]), self.sheet_names())

    def _set_hidden(self, sh: Any, hidden: bool) -> None:
        if not hidden:
            if not _is_visible(sh):
                sh.visible = True
            return
        if self.platform.startswith("win"):
            try:  # very hidden: not listed in Excel's "Unhide" dialog
                sh.api.Visible = XL_SHEET_VERY_HIDDEN
                return
            except Exception:  # noqa: BLE001
                pass
        sh.visible = False

    def read_sheet(self, name: str) -> list[list[Any]] | None:
        if name not in self.sheet_names():
            return None
        used, r0, c0 = self._used(self._sheet(name))
        values = used.options(ndim=2).value or []
        rows: list[list[Any]] = [[] for _ in range(r0 - 1)]
        for row in values:
            rows.append([None] * (c0 - 1) + [clean_value(v) for v in row])
        while rows and all(v is None for v in rows[-1]):
            rows.pop()
        return rows


# ---------------------------------------------------------------------------------------------
# the button: the shared click flow (``addin.flow``) on the calling workbook


def read_settings(book: Any, addin_name: str | None = None) -> dict[str, str]:
    """The add-in's own settings (key upper-cased -> value), from its ``xl_careplan.conf`` sheet, like the VBA's
    GetConfig. What the plan's own settings sheet may override is ``flow.plan_settings``' business."""
    from xl_careplan.addin.build import ADDIN_FILENAME

    try:
        addin = book.app.books[addin_name or ADDIN_FILENAME]
        if CONF_SHEET not in {s.name for s in addin.sheets}:
            return {}
        rows = addin.sheets[CONF_SHEET].range("A1:B100").options(ndim=2).value or []
    except Exception:  # noqa: BLE001 - add-in not reachable (mock caller, renamed file)
        return {}
    return settings_from_rows([[clean_value(v) for v in row] for row in rows])


def _alert(book: Any, message: str, mode: str) -> None:
    try:
        book.app.alert(message, title=ALERT_TITLE, mode=mode)
    except Exception:  # noqa: BLE001 - last resort: VBA shows stderr when Python fails
        print(message, file=sys.stderr)


def _calling_name(argv: Sequence[str]) -> str | None:
    """The ``--wb=`` argument of RunPython's command line, whole (xlwings cuts it at a second '=')."""
    for arg in argv:
        if arg.startswith("--wb="):
            return arg.partition("=")[2].strip()
    return None


WRONG_BOOK = ("点検できませんでした。\n\nブック「{name}」を見分けられませんでした（名前に「=」があると、開いている別のブックと"
              "取り違えるおそれがあります）。名前を変えて保存してから、もう一度押してください。")


def _same_name(name: str) -> str:
    """Excel compares book names case-insensitively; macOS may hand one side over decomposed (プ as フ + ゚)."""
    import unicodedata

    return unicodedata.normalize("NFC", name).casefold()


def _caller() -> Any:
    """xlwings' ``Book.caller()``, or None (after saying so) when it found another book than the one that
    called: it looks books up by the name before a second '=' (``Book1=計画書.xlsx`` would be the user's own
    open Book1)."""
    import xlwings as xw

    book = xw.Book.caller()
    wanted = _calling_name(sys.argv)
    if wanted is not None and _same_name(str(book.name)) != _same_name(wanted):
        _alert(book, WRONG_BOOK.format(name=wanted[:120]), "critical")
        return None
    return book


def run_on_caller(book: Any = None, *, today: dt.date | None = None, platform: str | None = None) -> RunResult:
    """What the ribbon button runs (via ``xl_careplan.main()``): check the calling workbook and say so."""
    if book is None:
        book = _caller()
        if book is None:
            return RunResult(ok=False, message=WRONG_BOOK.format(name=_calling_name(sys.argv)))
    app = book.app
    restore: dict[str, Any] = {}
    try:
        try:  # a received .xlsm's Worksheet_Change / Workbook_SheetChange / NewSheet must not run on our writes
            restore["enable_events"] = app.enable_events
            app.enable_events = False
        except Exception:  # noqa: BLE001 - then nothing is written
            return _say(book, RunResult(ok=False, message=NO_EVENTS_OFF))
        try:
            restore["active"] = book.sheets.active
            restore["screen_updating"] = app.screen_updating
            app.screen_updating = False
            app.status_bar = "ケアプランを点検しています…"
        except Exception:  # noqa: BLE001 - cosmetic
            pass
        result = flow.click(LiveWorkbook(book, platform=platform), today=today,
                            settings=lambda _access: read_settings(book))
    finally:
        try:
            if "active" in restore:
                restore["active"].activate()
            if "screen_updating" in restore:
                app.screen_updating = restore["screen_updating"]
            app.status_bar = False
        except Exception:  # noqa: BLE001
            pass
        if "enable_events" in restore:  # last: activating the sheet above is an event too
            try:
                app.enable_events = restore["enable_events"]
            except Exception:  # noqa: BLE001
                pass
    return _say(book, result)


NO_EVENTS_OFF = ("点検できませんでした。\n\nExcel のイベント（ブックのマクロ）を止められなかったため、何も書き込みませんでした。"
                 "Excel を再起動してから、もう一度押してください。")


def _say(book: Any, result: RunResult) -> RunResult:
    _alert(book, result.message, "info" if result.ok else "critical")
    return result
