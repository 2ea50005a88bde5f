"""Workbook files (and open openpyxl workbooks) as ``WorkbookGrid``s.

File path: cell values come from python-calamine (fast, dates as date/datetime, merged ranges for
xlsx); workbook-level defined names come from one small ElementTree pass over ``xl/workbook.xml``
(calamine does not expose them). openpyxl is only the fallback when calamine cannot read a file.

Every failure is a ``WorkbookReadError`` with a Japanese message naming the file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from xl_careplan.errors import WorkbookReadError
from xl_careplan.grid import CellValue, SheetGrid, WorkbookGrid

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

MSG_MISSING = "ファイルが見つかりません"
MSG_NOT_FILE = "ファイルではありません（フォルダなど）"
MSG_NOT_XLSX = "Excelブック（.xlsx/.xlsm）として読み取れません"
MSG_ENCRYPTED = "パスワードで保護されています。保護を解除して保存し直してください"
MSG_XLS = "古い形式（.xls）です。Excelで .xlsx 形式で保存し直してください"
MSG_CORRUPT = "ファイルが壊れているため読み取れません。Excelで開いて保存し直してください"
MSG_UNREADABLE = "ファイルを開けません（他のプログラムが使用中か、読み取り権限がありません）"


# --------------------------------------------------------------------------- file checks


def _ole_kind(path: Path) -> str:
    """'encrypted' | 'xls' | 'other' for an OLE compound file."""
    try:
        import olefile

        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=True)}
    except Exception:
        return "xls"  # an OLE header we cannot even list: by far most likely an old or broken .xls
    if "encryptioninfo" in streams or "encryptedpackage" in streams:
        return "encrypted"
    if "workbook" in streams or "book" in streams:
        try:
            import msoffcrypto

            with open(path, "rb") as fh:
                if msoffcrypto.OfficeFile(fh).is_encrypted():
                    return "encrypted"
        except Exception:
            pass
        return "xls"
    return "other"


def _check_file(path: Path, label: str) -> None:
    """Raise the right WorkbookReadError for anything that is not a readable xlsx/xlsm zip."""
    try:
        if not path.exists():
            raise WorkbookReadError(MSG_MISSING, file=label)
        if not path.is_file():
            raise WorkbookReadError(MSG_NOT_FILE, file=label)
        with open(path, "rb") as fh:
            head = fh.read(8)
    except PermissionError:
        raise WorkbookReadError(MSG_UNREADABLE, file=label) from None
    except OSError:
        raise WorkbookReadError(MSG_UNREADABLE, file=label) from None
    if head == OLE_MAGIC:
        kind = _ole_kind(path)
        if kind == "encrypted":
            raise WorkbookReadError(MSG_ENCRYPTED, file=label)
        if kind == "xls":
            raise WorkbookReadError(MSG_XLS, file=label)
        raise WorkbookReadError(MSG_NOT_XLSX + "（Excel以外のOffice文書です）", file=label)
    if not head.startswith(ZIP_MAGICS[0]) and not head.startswith(ZIP_MAGICS[1]):
        raise WorkbookReadError(MSG_NOT_XLSX, file=label)


def _read_zip_parts(path: Path, label: str) -> tuple[list[str], bytes]:
    """Member names and xl/workbook.xml of an xlsx, or the right error."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if "xl/workbook.xml" not in names:
                if "xl/workbook.bin" in names:
                    raise WorkbookReadError(MSG_NOT_XLSX + "（.xlsb 形式です。.xlsx 形式で保存し直してください）", file=label)
                raise WorkbookReadError(MSG_NOT_XLSX + "（中身がExcelブックではありません）", file=label)
            return names, zf.read("xl/workbook.xml")
    except WorkbookReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError, OSError):
        raise WorkbookReadError(MSG_CORRUPT, file=label) from None


# --------------------------------------------------------------------------- defined names

_REF_RE = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?[A-Za-z]{1,3}\$?\d+)?$")


def parse_name_ref(text: str) -> tuple[str, int, int] | None:
    """"'第1表'!$K$1" / "第1表!$K$1:$L$1" -> ('第1表', 1, 11); None for formulas, #REF!, whole rows…"""
    m = _REF_RE.match(text.strip())
    if not m:
        return None
    sheet = m.group(1).replace("''", "'") if m.group(1) is not None else m.group(2)
    col = 0
    for ch in m.group(3).upper():
        col = col * 26 + ord(ch) - 64
    return sheet, int(m.group(4)), col


def _names_from_workbook_xml(xml: bytes) -> dict[str, tuple[str, int, int]]:
    names: dict[str, tuple[str, int, int]] = {}
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        return names
    dn = root.find(f"{NS_MAIN}definedNames")
    if dn is None:
        return names
    for el in dn.findall(f"{NS_MAIN}definedName"):
        name = el.get("name") or ""
        if not name or name.startswith("_xlnm.") or el.get("localSheetId") is not None:
            continue
        ref = parse_name_ref(el.text or "")
        if ref is not None:
            names[name] = ref
    return names


# --------------------------------------------------------------------------- values


def _clean(v: Any) -> CellValue:
    """Normalise a cell value: '' -> None, integral floats -> int, timedelta -> time-of-day."""
    if v is None:
        return None
    if isinstance(v, str):
        return v if v.strip() else None
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return int(v)
        return v
    if isinstance(v, dt.timedelta):
        secs = int(v.total_seconds())
        if 0 <= secs < 86400:
            return dt.time(secs // 3600, secs % 3600 // 60, secs % 60)
        return str(v)
    return v


def _sheet_from_rows(name: str, rows: list[list[Any]], r0: int, c0: int, merged) -> SheetGrid:
    cells: dict[tuple[int, int], CellValue] = {}
    for i, row in enumerate(rows, r0):
        if row.count("") == len(row):  # calamine gives "" for empty cells: most rows are all blank
            continue
        for j, v in enumerate(row, c0):
            if v == "":
                continue
            t = type(v)
            if t is str:
                if not v.isspace():
                    cells[(i, j)] = v
            elif v is None:
                continue
            elif t is float:
                cells[(i, j)] = int(v) if v.is_integer() and -1e15 < v < 1e15 else v
            else:
                v = _clean(v)
                if v is not None:
                    cells[(i, j)] = v
    return SheetGrid(name=name, cells=cells, merged=list(merged))


def _grid_with_calamine(path: Path, label: str) -> list[SheetGrid]:
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise WorkbookReadError(MSG_ENCRYPTED, file=label) from None
    sheets: list[SheetGrid] = []
    try:
        for meta in wb.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            sh = wb.get_sheet_by_name(meta.name)
            start = sh.start
            if start is None:
                rows: list[list[Any]] = []
                r0 = c0 = 1
            else:
                rows = sh.to_python(skip_empty_area=True)
                r0, c0 = start[0] + 1, start[1] + 1
            merged = [
                (a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in (sh.merged_cell_ranges or ())
            ]
            sheets.append(_sheet_from_rows(meta.name, rows, r0, c0, merged))
    finally:
        try:
            wb.close()
        except Exception:
            pass
    return sheets


def _grid_with_openpyxl_file(path: Path, label: str) -> WorkbookGrid:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(str(path), data_only=True)
    except Exception:
        raise WorkbookReadError(MSG_CORRUPT, file=label) from None
    try:
        return grid_from_openpyxl(wb)
    finally:
        wb.close()


def load_workbook_grid(path: str | os.PathLike) -> WorkbookGrid:
    """Read an .xlsx/.xlsm file into a WorkbookGrid (values, merged ranges, workbook-level names).

    Raises WorkbookReadError (Japanese, naming the file) for a missing file, something that is not an
    Excel workbook, a password-protected workbook, an old .xls, or a broken file.
    """
    label = str(path)
    p = Path(path)
    _check_file(p, label)
    _, workbook_xml = _read_zip_parts(p, label)
    names = _names_from_workbook_xml(workbook_xml)
    try:
        sheets = _grid_with_calamine(p, label)
    except WorkbookReadError:
        raise
    except Exception:
        # calamine refuses some files openpyxl still reads (odd producers); a truly broken file fails both
        grid = _grid_with_openpyxl_file(p, label)
        grid.path = label
        if not grid.names:
            grid.names = names
        return grid
    return WorkbookGrid(sheets=sheets, names=names, path=label)


# --------------------------------------------------------------------------- openpyxl


# Number formats built into Japanese Excel (not written to styles.xml, unknown to openpyxl, which then
# gives the serial number): 和暦/年月日 dates, and 時分 times. calamine already reads them as dates.
_JP_BUILTIN_DATE_IDS = frozenset([27, 28, 29, 30, 31, 34, 35, 36, *range(50, 59)])
_JP_BUILTIN_TIME_IDS = frozenset([32, 33])


def _jp_builtin(cell, v):
    try:
        fmt_id = cell._style.numFmtId  # openpyxl keeps the id even when it has no format text for it
    except AttributeError:
        return v
    if fmt_id not in _JP_BUILTIN_DATE_IDS and fmt_id not in _JP_BUILTIN_TIME_IDS:
        return v
    from openpyxl.utils.datetime import from_excel

    try:
        d = from_excel(v)
    except (ValueError, OverflowError, TypeError):
        return v
    if fmt_id in _JP_BUILTIN_TIME_IDS:
        return d.time() if isinstance(d, dt.datetime) else d
    if isinstance(d, dt.datetime) and d.time() == dt.time(0):
        return d.date()
    return d


def _openpyxl_value(cell) -> CellValue:
    v = cell.value
    if v is None:
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool) and cell.number_format == "General":
        v = _jp_builtin(cell, v)
    if cell.data_type == "f" or not isinstance(v, (str, int, float, bool, dt.datetime, dt.date, dt.time, dt.timedelta)):
        return None  # a formula (workbook loaded without data_only) or a rich object: no value to read
    if isinstance(v, dt.datetime) and v.time() == dt.time(0) and cell.is_date:
        fmt = (cell.number_format or "").lower()
        fmt = re.sub(r'"[^"]*"|\[[^\]]*\]', "", fmt)
        if "h" not in fmt and "s" not in fmt:
            return v.date()  # a date-formatted cell, as calamine gives it
    return _clean(v)


def grid_from_openpyxl(wb, path: str | None = None) -> WorkbookGrid:
    """WorkbookGrid from an open openpyxl Workbook (not read-only). Formula cells read as blank unless
    the workbook was loaded with ``data_only=True``."""
    sheets: list[SheetGrid] = []
    for ws in wb.worksheets:
        cells: dict[tuple[int, int], CellValue] = {}
        store = getattr(ws, "_cells", None)
        it = store.items() if isinstance(store, dict) else (((c.row, c.column), c) for row in ws.iter_rows() for c in row)
        for (r, c), cell in it:
            v = _openpyxl_value(cell)
            if v is not None:
                cells[(r, c)] = v
        merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        sheets.append(SheetGrid(name=ws.title, cells=cells, merged=merged))
    names: dict[str, tuple[str, int, int]] = {}
    for name, dn in wb.defined_names.items():
        if name.startswith("_xlnm."):
            continue
        ref = parse_name_ref(dn.attr_text or "")
        if ref is not None:
            names[name] = ref
    return WorkbookGrid(sheets=sheets, names=names, path=path)
