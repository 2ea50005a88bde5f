"""An in-memory stand-in for the parts of xlwings that ``xl_careplan.addin.live`` uses.

It follows xlwings' (0.37) and Excel's documented behaviour for each call we make, so tests on Linux
mean something:

- ``Range.value``: a 1-cell range gives a scalar, a 1-row or 1-column range a 1-D list and anything
  else a 2-D list, unless ``options(ndim=2)``; empty cells are None; numbers come back as float
  (Excel stores doubles), dates as ``datetime``; the non-top-left cells of a merged range are empty.
  Assigning a list to a one-cell range writes from that cell on (xlwings expands it); a ragged
  2-D list is refused.
- assignment is typed like Excel input: a string starting with an apostrophe is text (the apostrophe
  is not part of the value), "=…" is a formula, "123" / "1e5" become numbers, "2026-11-25" /
  "2026/11/25" become dates; other strings stay text.
- ``Sheet.used_range``: the bounding box of cells with a value, a fill, a note or a merge — it starts
  at A1 only when row 1 and column A are used; an empty sheet gives A1.
- ``Range.merge_cells``: True when every cell of the range is in a merge area, False when none is,
  None when mixed (COM's Null). ``merge_area`` is for one cell and gives that cell when unmerged.
- ``Range.note`` is None or a Note (``text``, ``delete()``); ``add_note`` refuses empty text, a
  multi-cell range or a cell that already has a note (as xlwings does).
- ``Range.color``: None or an (r, g, b) tuple; set with a tuple, '#rrggbb' or None.
- ``Range.add_hyperlink(address, text_to_display, screen_tip)``: the cell shows ``text_to_display``.
- ``Sheet.clear()``: values, formats (fills, merges), notes and hyperlinks go.
- ``Sheets.add(name, before=None, after=None)``: the new sheet becomes the active one; a taken name
  is refused. ``Sheet.visible`` gives COM's value on Windows (-1 visible, 0 hidden, 2 very hidden —
  so a very hidden sheet is truthy) and takes a bool; ``Sheet.api.Visible`` takes the constants.
- ``Range.address`` is absolute ('$A$1:$B$2').
- geometry (points): ``Range.top`` / ``left`` of a range's first cell; ``row_height`` / ``column_width`` (in
  characters) the common value of the range's rows / columns, None when they differ, 0 for a hidden line.
- ``Sheet.shapes``: the drawing's shapes (``type`` 'text_box', 'auto_shape' or 'group' (its members in
  ``api.GroupItems``, COM objects with Type, TextFrame2.TextRange.Text, AutoShapeType), ``left``/``top``/``width``/
  ``height`` in points, ``text`` with Excel's \r between paragraphs, ``api.AutoShapeType``);
  ``Sheet.api.PageSetup.LeftHeader`` … ``RightFooter`` (Windows COM).
- ``Sheet.api.OLEObjects()``: the sheet's ActiveX controls (``Count``, ``Item(i).LinkedCell``).
- ``Range.formula``: COM's Range.Formula (a cell's formula, a constant as text); ``Sheet.api.ProtectContents`` and
  ``Book.api.ProtectStructure`` (set ``Sheet._protected`` / ``Book.protect_structure``).
- events: while ``App.enable_events`` is True, a value written through COM (``Range.value``, a hyperlink's
  display text, ``Sheet.clear``) fires the workbook's ``Worksheet_Change`` and ``Sheets.add`` its
  ``Workbook_NewSheet``: ``Book.event_vba(event, sheet, range)``, when set, is the received .xlsm's VBA.

``Book.calls`` counts the cross-process calls the real thing would make (one per property read or
write on a Range/Sheet/Book), so tests can hold the live reader to a call budget.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from openpyxl.utils.cell import column_index_from_string, get_column_letter

_NUM = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")


class Formula(str):
    """What a cell holds after a string starting with '=' was assigned."""


def _excel_input(v: Any) -> Any:
    """How Excel stores a value assigned through COM."""
    if isinstance(v, str):
        if v.startswith("'"):
            return v[1:] if len(v) > 1 else None
        if v == "":
            return None
        if v.startswith("="):
            return Formula(v)
        s = v.strip()
        if _NUM.match(s):
            return float(s)
        m = _DATE.match(s)
        if m:
            try:
                return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return v
        return v
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return float(v)
    if isinstance(v, dt.datetime):
        return v
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day)
    if isinstance(v, dt.time):
        raise TypeError("xlwings cannot write a datetime.time")
    return v


def _parse_cell(ref: str) -> tuple[int, int]:
    m = re.match(r"^\$?([A-Za-z]{1,3})\$?(\d+)$", ref.strip())
    if not m:
        raise ValueError(f"bad cell reference {ref!r}")
    return int(m.group(2)), column_index_from_string(m.group(1).upper())


def _addr(r: int, c: int) -> str:
    return f"${get_column_letter(c)}${r}"


class Note:
    def __init__(self, sheet: "Sheet", key: tuple[int, int]):
        self._sheet, self._key = sheet, key

    @property
    def text(self) -> str:
        self._sheet.book.calls += 1
        return self._sheet._notes[self._key]

    @text.setter
    def text(self, value: str) -> None:
        self._sheet.book.calls += 1
        self._sheet._notes[self._key] = value

    def delete(self) -> None:
        self._sheet.book.calls += 1
        del self._sheet._notes[self._key]

    @property
    def api(self):
        return _Api()


class _Api:
    """Swallows the cosmetic COM calls made on Windows (WrapText, Shape.Width …)."""

    def __init__(self):
        self.__dict__["attrs"] = {}

    def __getattr__(self, name):
        if name in self.attrs:
            return self.attrs[name]
        sub = _Api()
        self.attrs[name] = sub
        return sub

    def __setattr__(self, name, value):
        self.attrs[name] = value

    def __float__(self):
        return 0.0


class Range:
    def __init__(self, sheet: "Sheet", r1: int, c1: int, r2: int, c2: int, ndim: int | None = None,
                 whole_columns: bool = False):
        self.sheet = sheet
        self.r1, self.c1, self.r2, self.c2 = min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)
        self._ndim = ndim
        self._whole_columns = whole_columns

    # geometry
    @property
    def row(self) -> int:
        self.sheet.book.calls += 1
        return self.r1

    @property
    def column(self) -> int:
        self.sheet.book.calls += 1
        return self.c1

    @property
    def shape(self) -> tuple[int, int]:
        self.sheet.book.calls += 1
        return (self.r2 - self.r1 + 1, self.c2 - self.c1 + 1)

    @property
    def address(self) -> str:
        self.sheet.book.calls += 1
        if (self.r1, self.c1) == (self.r2, self.c2):
            return _addr(self.r1, self.c1)
        return f"{_addr(self.r1, self.c1)}:{_addr(self.r2, self.c2)}"

    def options(self, convert=None, **options) -> "Range":
        if convert is not None or set(options) - {"ndim"}:
            raise NotImplementedError("only options(ndim=...) is faked")
        return Range(self.sheet, self.r1, self.c1, self.r2, self.c2, ndim=options.get("ndim"))

    def _cells(self):
        for r in range(self.r1, self.r2 + 1):
            for c in range(self.c1, self.c2 + 1):
                yield r, c

    # values
    @property
    def value(self) -> Any:
        self.sheet.book.calls += 1
        if self._whole_columns:
            raise NotImplementedError
        grid = [[self.sheet._get(r, c) for c in range(self.c1, self.c2 + 1)] for r in range(self.r1, self.r2 + 1)]
        if self._ndim == 2:
            return grid
        nrows, ncols = len(grid), len(grid[0])
        if nrows == 1 and ncols == 1:
            return grid[0][0]
        if nrows == 1:
            return grid[0]
        if ncols == 1:
            return [row[0] for row in grid]
        return grid

    @value.setter
    def value(self, data: Any) -> None:
        self.sheet.book.calls += 1
        if isinstance(data, (list, tuple)):
            rows = [list(r) for r in data] if data and isinstance(data[0], (list, tuple)) else [list(data)]
            widths = {len(r) for r in rows}
            if len(widths) > 1:
                raise ValueError("All elements of a 2d list or tuple must be of the same length")
            for i, row in enumerate(rows):
                for j, v in enumerate(row):
                    self.sheet._set(self.r1 + i, self.c1 + j, _excel_input(v))
        else:
            for r, c in self._cells():
                self.sheet._set(r, c, _excel_input(data))
        self.sheet.book._event("Worksheet_Change", self.sheet, self)

    @property
    def formula(self) -> Any:
        """COM's Range.Formula: a string for one cell, else rows of strings (a constant as text, "" when empty)."""
        self.sheet.book.calls += 1
        grid = tuple(tuple(self.sheet._formula(r, c) for c in range(self.c1, self.c2 + 1))
                     for r in range(self.r1, self.r2 + 1))
        return grid[0][0] if (self.r1, self.c1) == (self.r2, self.c2) else grid

    # merges
    @property
    def merge_cells(self) -> bool | None:
        self.sheet.book.calls += 1
        states = {self.sheet._merge_of(r, c) is not None for r, c in self._cells()}
        if states == {True}:
            return True
        if states == {False}:
            return False
        return self.sheet.book.mixed_merge_state

    @property
    def merge_area(self) -> "Range":
        self.sheet.book.calls += 1
        area = self.sheet._merge_of(self.r1, self.c1)
        if area is None:
            return Range(self.sheet, self.r1, self.c1, self.r1, self.c1)
        return Range(self.sheet, *area)

    def merge(self) -> None:
        self.sheet.book.calls += 1
        for area in list(self.sheet._merges):
            if not (area[2] < self.r1 or area[0] > self.r2 or area[3] < self.c1 or area[1] > self.c2):
                raise ValueError("overlapping merge")
        self.sheet._merges.append((self.r1, self.c1, self.r2, self.c2))

    # notes
    @property
    def note(self) -> Note | None:
        self.sheet.book.calls += 1
        key = (self.r1, self.c1)
        return Note(self.sheet, key) if key in self.sheet._notes else None

    def add_note(self, text: str) -> Note:
        if not isinstance(text, str):
            raise TypeError("Note text must be a string")
        if not text:
            raise ValueError("Note text must not be empty")
        if (self.r1, self.c1) != (self.r2, self.c2):
            raise ValueError("A note can only be added to a single cell")
        if self.note is not None:
            raise ValueError("This cell already has a note")
        self.sheet.book.calls += 1
        self.sheet._notes[(self.r1, self.c1)] = text
        return Note(self.sheet, (self.r1, self.c1))

    # fills
    @property
    def color(self) -> tuple[int, int, int] | None:
        self.sheet.book.calls += 1
        return self.sheet._fills.get((self.r1, self.c1))

    @color.setter
    def color(self, value: tuple[int, int, int] | str | None) -> None:
        self.sheet.book.calls += 1
        if isinstance(value, str):
            h = value.lstrip("#")
            value = (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
        for key in self._cells():
            if value is None:
                self.sheet._fills.pop(key, None)
            else:
                self.sheet._fills[key] = tuple(value)

    # hyperlinks
    def add_hyperlink(self, address: str, text_to_display: str | None = None, screen_tip: str | None = None) -> None:
        self.sheet.book.calls += 1
        if text_to_display is None:
            text_to_display = address
        self.sheet._links[(self.r1, self.c1)] = (address, screen_tip)
        # Excel shows (and stores) the display text; taken as typed, the pessimistic reading of TextToDisplay
        self.sheet._set(self.r1, self.c1, _excel_input(text_to_display))
        self.sheet.book._event("Worksheet_Change", self.sheet, self)

    @property
    def hyperlink(self) -> str:
        return self.sheet._links[(self.r1, self.c1)][0]

    # geometry
    @property
    def top(self) -> float:
        self.sheet.book.calls += 1
        return self.sheet._row_top(self.r1)

    @property
    def left(self) -> float:
        self.sheet.book.calls += 1
        return self.sheet._col_left(self.c1)

    @property
    def row_height(self) -> float | None:
        self.sheet.book.calls += 1
        heights = {self.sheet._row_height(r) for r in range(self.r1, self.r2 + 1)}
        return heights.pop() if len(heights) == 1 else None

    @property
    def column_width(self) -> float | None:
        self.sheet.book.calls += 1
        widths = {0.0 if c in self.sheet._hidden_cols else self.sheet._widths.get(c, DEFAULT_WIDTH)
                  for c in range(self.c1, self.c2 + 1)}
        return widths.pop() if len(widths) == 1 else None

    @column_width.setter
    def column_width(self, w: float) -> None:
        self.sheet.book.calls += 1
        for c in range(self.c1, self.c2 + 1):
            self.sheet._widths[c] = w

    @property
    def api(self):
        return _Api()


class _SheetApi:
    def __init__(self, sheet: "Sheet"):
        object.__setattr__(self, "_sheet", sheet)

    @property
    def Visible(self) -> int:  # noqa: N802 - COM name
        return self._sheet._visibility

    @property
    def ProtectContents(self) -> bool:  # noqa: N802 - COM name
        self._sheet.book.calls += 1
        return self._sheet._protected

    def OLEObjects(self) -> "_GroupItems":  # noqa: N802 - COM name: the sheet's ActiveX controls
        self._sheet.book.calls += 1
        return _GroupItems(self._sheet._controls)

    @property
    def PageSetup(self) -> _PageSetup:  # noqa: N802 - COM name
        self._sheet.book.calls += 1
        return self._sheet._page_setup

    def __setattr__(self, name, value):
        if name == "Visible":
            if value is True:
                value = -1
            if value is False:
                value = 0
            if value not in (-1, 0, 2):
                raise ValueError(value)
            self._sheet._check_can_hide(value)
            self._sheet._visibility = value
        else:
            raise AttributeError(name)


DEFAULT_HEIGHT, DEFAULT_WIDTH = 15.0, 8.43  # points; characters


def _width_points(chars: float) -> float:
    """A column width in characters as points (Calibri 11: 7 px a character + 5 px padding, 96 dpi)."""
    return (round(chars * 7) + 5) * 0.75 if chars > 0 else 0.0


class Shape:
    def __init__(self, sheet: "Sheet", kind: str, left: float, top: float, width: float, height: float,
                 text: str, autoshape: int, members: list | None = None):
        self._sheet, self._type, self._box, self._text = sheet, kind, (left, top, width, height), text
        self._api = _ShapeApi(autoshape, members)

    def _read(self, v):
        self._sheet.book.calls += 1
        return v

    type = property(lambda self: self._read(self._type))
    left = property(lambda self: self._read(self._box[0]))
    top = property(lambda self: self._read(self._box[1]))
    width = property(lambda self: self._read(self._box[2]))
    height = property(lambda self: self._read(self._box[3]))
    text = property(lambda self: self._read(self._text))
    api = property(lambda self: self._api)


class _ShapeApi:
    def __init__(self, autoshape: int, members: list | None = None):
        self.AutoShapeType = autoshape
        if members is not None:
            self.GroupItems = _GroupItems(members)


class _PageSetup:
    def __init__(self, parts: dict[str, str]):
        for part in ("Left", "Center", "Right"):
            for kind in ("Header", "Footer"):
                setattr(self, part + kind, parts.get(part + kind, ""))


class Sheet:
    def __init__(self, book: "Book", name: str):
        self.book = book
        self._name = name
        self._values: dict[tuple[int, int], Any] = {}
        self._fills: dict[tuple[int, int], tuple[int, int, int]] = {}
        self._notes: dict[tuple[int, int], str] = {}
        self._links: dict[tuple[int, int], tuple[str, str | None]] = {}
        self._merges: list[tuple[int, int, int, int]] = []
        self._widths: dict[int, float] = {}
        self._visibility = -1
        self._heights: dict[int, float] = {}
        self._hidden_rows: set[int] = set()
        self._hidden_cols: set[int] = set()
        self._shapes: list[Shape] = []
        self._page_setup = _PageSetup({})
        self._protected = False  # Sheet.api.ProtectContents
        self._controls: list = []  # Sheet.api.OLEObjects(): ActiveX controls (objects with LinkedCell)

    def _formula(self, r: int, c: int) -> str:
        v = self._values.get((r, c))
        if v is None or isinstance(v, Formula):
            return v or ""
        if isinstance(v, bool):
            return "TRUE" if v else "FALSE"
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    def _row_height(self, r: int) -> float:
        return 0.0 if r in self._hidden_rows else self._heights.get(r, DEFAULT_HEIGHT)

    def _row_top(self, r: int) -> float:
        special = set(self._heights) | self._hidden_rows
        return (r - 1 - sum(1 for x in special if x < r)) * DEFAULT_HEIGHT + sum(self._row_height(x) for x in special if x < r)

    def _col_points(self, c: int) -> float:
        return 0.0 if c in self._hidden_cols else _width_points(self._widths.get(c, DEFAULT_WIDTH))

    def _col_left(self, c: int) -> float:
        special = set(self._widths) | self._hidden_cols
        return ((c - 1 - sum(1 for x in special if x < c)) * _width_points(DEFAULT_WIDTH)
                + sum(self._col_points(x) for x in special if x < c))

    @property
    def shapes(self) -> list[Shape]:
        self.book.calls += 1
        return list(self._shapes)

    def __repr__(self) -> str:
        return f"<Sheet [{self.book.name}]{self._name}>"

    @property
    def name(self) -> str:
        self.book.calls += 1
        return self._name

    # cell store
    def _merge_of(self, r: int, c: int):
        for area in self._merges:
            if area[0] <= r <= area[2] and area[1] <= c <= area[3]:
                return area
        return None

    def _get(self, r: int, c: int) -> Any:
        area = self._merge_of(r, c)
        if area is not None and (r, c) != (area[0], area[1]):
            return None
        v = self._values.get((r, c))
        return None if isinstance(v, Formula) else v  # no calculation engine here

    def _set(self, r: int, c: int, v: Any) -> None:
        if v is None:
            self._values.pop((r, c), None)
        else:
            self._values[(r, c)] = v

    # ranges
    def range(self, arg1: Any, arg2: Any = None) -> Range:
        self.book.calls += 1
        if arg2 is not None:
            (r1, c1), (r2, c2) = arg1, arg2
            return Range(self, r1, c1, r2, c2)
        if isinstance(arg1, tuple):
            return Range(self, arg1[0], arg1[1], arg1[0], arg1[1])
        ref = arg1.replace("$", "")
        m = re.match(r"^([A-Za-z]{1,3}):([A-Za-z]{1,3})$", ref)
        if m:
            c1, c2 = column_index_from_string(m.group(1).upper()), column_index_from_string(m.group(2).upper())
            return Range(self, 1, c1, 1048576, c2, whole_columns=True)
        first, _, last = ref.partition(":")
        r1, c1 = _parse_cell(first)
        r2, c2 = _parse_cell(last) if last else (r1, c1)
        return Range(self, r1, c1, r2, c2)

    def __getitem__(self, ref: str) -> Range:
        return self.range(ref)

    @property
    def used_range(self) -> Range:
        self.book.calls += 1
        keys = set(self._values) | set(self._fills) | set(self._notes)
        for a in self._merges:
            keys |= {(a[0], a[1]), (a[2], a[3])}
        if not keys:
            return Range(self, 1, 1, 1, 1)
        rows = [k[0] for k in keys]
        cols = [k[1] for k in keys]
        return Range(self, min(rows), min(cols), max(rows), max(cols))

    def clear(self) -> None:
        self.book.calls += 1
        self._values.clear()
        self._fills.clear()
        self._notes.clear()
        self._links.clear()
        self._merges.clear()
        self.book._event("Worksheet_Change", self, self.used_range)

    # visibility
    @property
    def visible(self) -> int:
        """As on Windows: COM's XlSheetVisibility, not a bool (-1 visible, 0 hidden, 2 very hidden)."""
        self.book.calls += 1
        return self._visibility

    @visible.setter
    def visible(self, value: bool) -> None:
        self.book.calls += 1
        new = -1 if value else 0
        self._check_can_hide(new)
        self._visibility = new

    def _check_can_hide(self, new: int) -> None:
        if new != -1 and not any(s._visibility == -1 for s in self.book._sheets if s is not self):
            raise RuntimeError("A workbook must contain at least one visible worksheet")
        if new != -1 and self.book._active is self:
            others = [s for s in self.book._sheets if s is not self and s._visibility == -1]
            self.book._active = others[0]

    @property
    def api(self) -> _SheetApi:
        return _SheetApi(self)

    def activate(self) -> None:
        self.book.calls += 1
        if self._visibility != -1:
            raise RuntimeError("cannot activate a hidden sheet")
        self.book._active = self


class Sheets:
    def __init__(self, book: "Book"):
        self.book = book

    def __iter__(self):
        return iter(list(self.book._sheets))

    def __len__(self) -> int:
        return len(self.book._sheets)

    def __getitem__(self, key: int | str) -> Sheet:
        self.book.calls += 1
        if isinstance(key, int):
            return self.book._sheets[key]
        for s in self.book._sheets:
            if s._name.lower() == key.lower():  # Excel sheet names are case-insensitive
                return s
        raise KeyError(key)

    @property
    def active(self) -> Sheet:
        self.book.calls += 1
        return self.book._active

    def add(self, name: str | None = None, before: Sheet | None = None, after: Sheet | None = None) -> Sheet:
        self.book.calls += 1
        if name is None:
            name = f"Sheet{len(self.book._sheets) + 1}"
        if any(s._name.lower() == name.lower() for s in self.book._sheets):
            raise ValueError(f"Sheet named '{name}' already present in workbook")
        if len(name) > 31 or re.search(r"[\\/?*\[\]:]", name):
            raise ValueError(f"invalid sheet name {name!r}")
        sheet = Sheet(self.book, name)
        if after is not None:
            idx = self.book._sheets.index(after) + 1
        elif before is not None:
            idx = self.book._sheets.index(before)
        else:  # xlwings/Excel default: before the active sheet
            idx = self.book._sheets.index(self.book._active)
        self.book._sheets.insert(idx, sheet)
        self.book._active = sheet
        self.book._event("Workbook_NewSheet", sheet, None)
        return sheet


class Name:
    def __init__(self, book: "Book", name: str, refers_to: str):
        self.book, self._name, self._refers_to = book, name, refers_to

    @property
    def name(self) -> str:
        self.book.calls += 1
        return self._name

    @property
    def refers_to(self) -> str:
        self.book.calls += 1
        return self._refers_to


class _BookApi:
    def __init__(self, book: "Book"):
        self._book = book

    @property
    def ProtectStructure(self) -> bool:  # noqa: N802 - COM name
        self._book.calls += 1
        return self._book.protect_structure


class App:
    def __init__(self):
        self.alerts: list[dict[str, Any]] = []
        self._books: dict[str, Book] = {}
        self.screen_updating = True
        self.status_bar: str | bool = False
        self.enable_events = True

    def alert(self, prompt: str, title: str | None = None, buttons: str = "ok", mode: str | None = None,
              callback: str | None = None) -> str:
        if buttons not in ("ok", "ok_cancel", "yes_no", "yes_no_cancel"):
            raise ValueError(buttons)
        if mode not in (None, "info", "critical"):
            raise ValueError(mode)
        self.alerts.append({"prompt": prompt, "title": title, "buttons": buttons, "mode": mode})
        return "ok"

    @property
    def books(self) -> dict[str, "Book"]:
        return self._books


class Book:
    def __init__(self, name: str = "Book1.xlsx", app: App | None = None, sheet_names: tuple[str, ...] = ("Sheet1",)):
        self._name = name
        self.app = app or App()
        self.app._books[name] = self
        self.calls = 0
        self.mixed_merge_state: bool | None = None  # COM's Null; set True to model "contains merged cells"
        self._sheets = [Sheet(self, n) for n in sheet_names]
        self._active = self._sheets[0]
        self._names: list[Name] = []
        self.event_vba = None  # the workbook's event VBA: event_vba(event, sheet, range)
        self.protect_structure = False  # Book.api.ProtectStructure

    @property
    def api(self) -> "_BookApi":
        return _BookApi(self)

    def _event(self, event: str, sheet: "Sheet", rng: "Range | None") -> None:
        if self.event_vba is not None and self.app.enable_events:
            self.event_vba(event, sheet, rng)

    @property
    def name(self) -> str:
        return self._name

    @property
    def sheets(self) -> Sheets:
        return Sheets(self)

    @property
    def names(self) -> list[Name]:
        self.calls += 1
        return list(self._names)

    def add_name(self, name: str, refers_to: str) -> None:
        self._names.append(Name(self, name, refers_to))

    # ---- test helpers -------------------------------------------------------------------
    @classmethod
    def from_xlsx(cls, path, name: str | None = None, app: App | None = None) -> "Book":
        """A stand-in holding what Excel would show for a workbook file: values (formulas as their
        cached results), merges, solid fills, notes, workbook-level names and sheet visibility."""
        from pathlib import Path

        from openpyxl import load_workbook

        path = Path(path)
        wb = load_workbook(path, data_only=True)
        book = cls(name or path.name, app=app, sheet_names=tuple(ws.title for ws in wb.worksheets))
        for ws, sheet in zip(wb.worksheets, book._sheets):
            for (r, c), cell in ws._cells.items():
                v = cell.value
                if v is None or v == "":
                    pass
                elif isinstance(v, bool) or isinstance(v, (str, dt.datetime)):
                    sheet._values[(r, c)] = v
                elif isinstance(v, (int, float)):
                    sheet._values[(r, c)] = float(v)
                elif isinstance(v, dt.date):
                    sheet._values[(r, c)] = dt.datetime(v.year, v.month, v.day)
                elif isinstance(v, dt.time):
                    sheet._values[(r, c)] = dt.datetime(1899, 12, 30, v.hour, v.minute, v.second)
                elif isinstance(v, dt.timedelta):
                    sheet._values[(r, c)] = dt.datetime(1899, 12, 30) + v
                else:
                    sheet._values[(r, c)] = str(v)
                fill = cell.fill if cell.has_style else None
                if fill is not None and fill.patternType == "solid" and fill.fgColor is not None \
                        and fill.fgColor.type == "rgb" and isinstance(fill.fgColor.rgb, str):
                    h = fill.fgColor.rgb[-6:]
                    sheet._fills[(r, c)] = (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
                if cell.comment is not None:
                    sheet._notes[(r, c)] = cell.comment.text
            for m in ws.merged_cells.ranges:
                sheet._merges.append((m.min_row, m.min_col, m.max_row, m.max_col))
            sheet._visibility = {"visible": -1, "hidden": 0, "veryHidden": 2}[ws.sheet_state]
            _geometry(ws, sheet)
        for dn_name, dn in wb.defined_names.items():
            book.add_name(dn_name, "=" + (dn.attr_text or ""))
        visible = [s for s in book._sheets if s._visibility == -1]
        book._active = visible[0] if visible else book._sheets[0]
        wb.close()
        _drawings(path, book)
        book.calls = 0
        return book

    def snapshot(self) -> dict[str, Any]:
        """Everything a user could see, for comparing two runs."""
        return {
            s._name: {
                "values": dict(sorted(s._values.items())),
                "fills": dict(sorted(s._fills.items())),
                "notes": dict(sorted(s._notes.items())),
                "links": dict(sorted(s._links.items())),
                "merges": sorted(s._merges),
                "visibility": s._visibility,
            }
            for s in self._sheets
        }


# ---- what from_xlsx reads besides values: row and column sizes, hidden lines, headers, drawing shapes


def _geometry(ws, sheet: Sheet) -> None:
    for r, dim in ws.row_dimensions.items():
        if dim.hidden:
            sheet._hidden_rows.add(r)
        if dim.ht is not None:
            sheet._heights[r] = float(dim.ht)
    for dim in ws.column_dimensions.values():
        lo, hi = dim.min or column_index_from_string(dim.index), dim.max or column_index_from_string(dim.index)
        for c in range(lo, min(hi, lo + 200) + 1):
            if dim.hidden:
                sheet._hidden_cols.add(c)
            if dim.customWidth and dim.width:
                sheet._widths[c] = float(dim.width)
    parts = {}
    for kind, hf in (("Header", ws.oddHeader), ("Footer", ws.oddFooter)):
        for part in ("left", "center", "right"):
            text = getattr(hf, part).text
            if text:
                parts[part.capitalize() + kind] = text
    sheet._page_setup = _PageSetup(parts)


_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_EMU_PER_POINT = 12700
_AUTOSHAPE = {"rect": 1, "ellipse": 9, "flowChartConnector": 73}


def _drawings(path, book: Book) -> None:
    """Excel's view of each sheet's drawing: shapes placed by their anchors on the sheet's own sizes."""
    import posixpath
    import zipfile
    from xml.etree import ElementTree as ET

    rel_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())

        def rels(part):
            rp = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
            if rp not in names:
                return {}
            return {r.get("Id"): posixpath.normpath(posixpath.join(posixpath.dirname(part), r.get("Target"))).lstrip("/")
                    for r in ET.fromstring(z.read(rp)).iter(rel_ns + "Relationship")}  # '/xl/…' is from the root

        wb_rels = rels("xl/workbook.xml")
        main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        for el in ET.fromstring(z.read("xl/workbook.xml")).iter(main + "sheet"):
            member = wb_rels.get(el.get(rid))
            if member not in names:
                continue
            sheet = next(s for s in book._sheets if s._name == el.get("name"))
            root = ET.fromstring(z.read(member))
            for d in root.iter(main + "drawing"):
                target = rels(member).get(d.get(rid))
                if target in names:
                    sheet._shapes += _shapes_of(ET.fromstring(z.read(target)), sheet)


def _shapes_of(root, sheet: Sheet) -> list[Shape]:
    def point(el):
        col, coff, row, roff = (int(el.findtext(_XDR + t) or 0) for t in ("col", "colOff", "row", "rowOff"))
        return sheet._col_left(col + 1) + coff / _EMU_PER_POINT, sheet._row_top(row + 1) + roff / _EMU_PER_POINT

    out = []
    for anchor in root:
        start = anchor.find(_XDR + "from")
        if start is None:
            continue
        left, top = point(start)
        if anchor.find(_XDR + "to") is not None:
            right, bottom = point(anchor.find(_XDR + "to"))
        else:
            ext = anchor.find(_XDR + "ext")
            right = left + int(ext.get("cx")) / _EMU_PER_POINT
            bottom = top + int(ext.get("cy")) / _EMU_PER_POINT
        group = anchor.find(_XDR + "grpSp")
        items = [_item(sp) for sp in anchor.iter(_XDR + "sp")]
        if group is not None:  # Excel lists a group as one shape; its members are in api.GroupItems
            out.append(Shape(sheet, "group", left, top, right - left, bottom - top, "", 0,
                             [_ComShape(*item) for item in items]))
            continue
        for kind, text, autoshape in items:
            out.append(Shape(sheet, "text_box" if kind == 17 else "auto_shape", left, top, right - left,
                             bottom - top, text, autoshape))
    return out


def _item(sp) -> tuple[int, str, int]:
    """(MsoShapeType, text with Excel's \\r between paragraphs, MsoAutoShapeType) of a drawing's <xdr:sp>."""
    nv = sp.find(f"{_XDR}nvSpPr/{_XDR}cNvSpPr")
    geom = sp.find(f".//{_A}prstGeom")
    text = "\r".join("".join(t.text or "" for t in p.iter(_A + "t")) for p in sp.iter(_A + "p"))
    return (17 if nv is not None and nv.get("txBox") == "1" else 1, text,
            _AUTOSHAPE.get(geom.get("prst") if geom is not None else "", 138))


class _ComShape:
    """A group member as COM gives it (``Shape.api.GroupItems.Item(i)``): Type, TextFrame2, AutoShapeType."""

    def __init__(self, kind: int, text: str, autoshape: int):
        self.Type, self.AutoShapeType = kind, autoshape
        self.TextFrame2 = _Api()
        self.TextFrame2.TextRange.Text = text


class _GroupItems:
    def __init__(self, items: list):
        self._items = items

    @property
    def Count(self) -> int:  # noqa: N802 - COM name
        return len(self._items)

    def Item(self, i: int):  # noqa: N802 - COM name, 1-based
        return self._items[i - 1]
