"""A workbook as plain data (cells, formats, merges, widths), saved by one of several spreadsheet writers.

Layouts fill a Book; a writer turns it into .xlsx. Every value a layout writes for a plan field is put
with the field's key, so the cell that holds it is recorded by the same code that placed it
(``Book.places``) and planted problems resolve their truth from there — they cannot drift.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

WAREKI_FORMATS = (
    '[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@',
    '[$-411]ggge"年"m"月"d"日";@',
    '[$-ja-JP]ggge"年"m"月"d"日"',
)
SEIREKI_FORMATS = ("yyyy/m/d", 'yyyy"年"m"月"d"日"', "yyyy-mm-dd")


@dataclass(frozen=True)
class XDate:
    """A real Excel date cell shown with a number format."""

    value: dt.date | dt.datetime
    num_format: str = "yyyy/m/d"


@dataclass
class Style:
    bold: bool = False
    wrap: bool = False
    size: float | None = None
    border: bool = False
    center: bool = False


def col_letter(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def a1(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


def split_a1(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    if not m:
        raise ValueError(ref)
    return int(m.group(2)), col_number(m.group(1))


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], tuple[object, Style]] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)


class Book:
    def __init__(self) -> None:
        self.sheets: list[Sheet] = []
        self.places: dict[str, list[tuple[str, str]]] = {}  # field key -> cells holding it: [(sheet, A1)]

    def sheet(self, name: str) -> Sheet:
        for s in self.sheets:
            if s.name == name:
                return s
        s = Sheet(name)
        self.sheets.append(s)
        return s

    def put(self, sheet: str, row: int, col: int, value, key: str | None = None, style: Style | None = None,
            merge: tuple[int, int] | None = None) -> str:
        """Write ``value`` at (row, col); ``merge`` = (last_row, last_col) merges from here. Returns A1."""
        sh = self.sheet(sheet)
        if value is not None and value != "":
            sh.cells[(row, col)] = (value, style or Style())
        elif style is not None:
            sh.cells[(row, col)] = (None, style)
        if merge and merge != (row, col):
            new = (row, col, merge[0], merge[1])
            for m in sh.merges:
                if not (new[2] < m[0] or m[2] < new[0] or new[3] < m[1] or m[3] < new[1]):
                    raise ValueError(f"{sheet}: merge {a1(row, col)}:{a1(*merge)} overlaps {a1(m[0], m[1])}:{a1(m[2], m[3])}")
            sh.merges.append(new)
        ref = a1(row, col)
        if key is not None:
            self.place(key, sheet, ref)
        return ref

    def place(self, key: str, sheet: str, ref: str) -> None:
        """Record a cell that holds (or is the blank cell for) a field; a field may live in several cells
        (a date written at the top and in the form, a period's start and end cells, a need repeated per row)."""
        cells = self.places.setdefault(key, [])
        if (sheet, ref) not in cells:
            cells.append((sheet, ref))

    def find(self, value) -> list[tuple[str, str]]:
        """Every cell holding exactly ``value`` (for entries a layout writes without a field key)."""
        return [(sh.name, a1(r, c)) for sh in self.sheets for (r, c), (v, _) in sorted(sh.cells.items()) if v == value]

    def width(self, sheet: str, col: int, w: float) -> None:
        self.sheet(sheet).widths[col] = w


# --------------------------------------------------------------------------- writers

def save_openpyxl(book: Book, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    for sh in book.sheets:
        ws = wb.create_sheet(sh.name)
        for (r, c), (v, st) in sorted(sh.cells.items()):
            cell = ws.cell(row=r, column=c)
            if isinstance(v, XDate):
                cell.value = v.value
                cell.number_format = v.num_format
            elif v is not None:
                cell.value = v
            if st.bold or st.size:
                cell.font = Font(bold=st.bold, size=st.size or 11)
            if st.wrap or st.center:
                cell.alignment = Alignment(wrap_text=st.wrap, horizontal="center" if st.center else None,
                                           vertical="top")
            if st.border:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for r1, c1, r2, c2 in sh.merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        for c, w in sh.widths.items():
            ws.column_dimensions[col_letter(c)].width = w
    wb.save(path)


def save_xlsxwriter(book: Book, path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({"created": dt.datetime(2026, 4, 1, 9, 0)})
    cache: dict[tuple, object] = {}

    def fmt(st: Style, num: str | None):
        k = (st.bold, st.wrap, st.size, st.border, st.center, num)
        if k not in cache:
            d: dict = {"valign": "top"}
            if st.bold:
                d["bold"] = True
            if st.wrap:
                d["text_wrap"] = True
            if st.size:
                d["font_size"] = st.size
            if st.border:
                d["border"] = 1
            if st.center:
                d["align"] = "center"
            if num:
                d["num_format"] = num
            cache[k] = wb.add_format(d)
        return cache[k]

    for sh in book.sheets:
        ws = wb.add_worksheet(sh.name)
        merged_tl = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sh.merges}
        covered = {(r, c) for r1, c1, r2, c2 in sh.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                   if (r, c) != (r1, c1)}
        for (r, c), (v, st) in sorted(sh.cells.items()):
            if (r, c) in covered:
                continue
            num = v.num_format if isinstance(v, XDate) else None
            f = fmt(st, num)
            if (r, c) in merged_tl:
                r2, c2 = merged_tl.pop((r, c))
                if isinstance(v, XDate):
                    ws.merge_range(r - 1, c - 1, r2 - 1, c2 - 1, "", f)
                    ws.write_datetime(r - 1, c - 1, _as_datetime(v.value), f)
                else:
                    ws.merge_range(r - 1, c - 1, r2 - 1, c2 - 1, v if v is not None else "", f)
                continue
            if isinstance(v, XDate):
                ws.write_datetime(r - 1, c - 1, _as_datetime(v.value), f)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(r - 1, c - 1, v, f)
            elif isinstance(v, (dt.date, dt.datetime)):
                ws.write_datetime(r - 1, c - 1, _as_datetime(v), fmt(st, "yyyy/m/d"))
            elif v is None:
                ws.write_blank(r - 1, c - 1, None, f)
            else:
                ws.write_string(r - 1, c - 1, str(v), f)
        for (r1, c1), (r2, c2) in merged_tl.items():  # merges whose top-left holds nothing
            ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "", None)
        for c, w in sh.widths.items():
            ws.set_column(c - 1, c - 1, w)
    wb.close()


def _as_datetime(v: dt.date | dt.datetime) -> dt.datetime:
    return v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def save_libreoffice(book: Book, path: Path) -> None:
    """Written by openpyxl, then opened and re-saved by LibreOffice Calc (its own OOXML writer)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in" / path.name
        src.parent.mkdir()
        save_openpyxl(book, src)
        relabel_many([src], Path(tmp) / "out", exe)
        shutil.move(str(Path(tmp) / "out" / path.name), path)


def relabel_many(files: list[Path], out_dir: Path, exe: str | None = None) -> None:
    """One soffice run converting many files (starting LibreOffice dominates the cost)."""
    exe = exe or soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
             "--outdir", str(out_dir), *map(str, files)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
        )


WRITERS = {"openpyxl": save_openpyxl, "xlsxwriter": save_xlsxwriter}
