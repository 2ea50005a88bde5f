"""Workbook files (and open openpyxl workbooks) as ``WorkbookGrid``s.

File path: cell values come from python-calamine (fast, dates as date/datetime, merged ranges for
xlsx); workbook-level defined names come from a byte scan of ``xl/workbook.xml`` (calamine does not
expose them). openpyxl is only the fallback when calamine cannot read a file.

Every failure is a ``WorkbookReadError`` with a Japanese message naming the file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Protocol
from xml.etree import ElementTree as ET

from xl_careplan import ooxml
from xl_careplan.errors import WorkbookReadError
from xl_careplan.grid import CellError, CellValue, SheetGrid, WorkbookGrid
from xl_careplan.package import Package

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

MSG_MISSING = "ファイルが見つかりません"
MSG_NOT_FILE = "ファイルではありません（フォルダなど）"
MSG_NOT_XLSX = "Excelブック（.xlsx/.xlsm）として読み取れません"
MSG_ENCRYPTED = "パスワードで保護されています。保護を解除して保存し直してください"
MSG_XLS = "古い形式（.xls）です。Excelで .xlsx 形式で保存し直してください"
MSG_CORRUPT = "ファイルが壊れているため読み取れません。Excelで開いて保存し直してください"
MSG_UNREADABLE = "ファイルを開けません（他のプログラムが使用中か、読み取り権限がありません）"
MSG_TOO_LARGE = ("展開すると大きすぎるため読み取りません（{what}）。ケアプランのブックではないか、壊れている"
                 "可能性があります。Excel で開いて不要なシート・画像を削除し、保存し直してください")
MSG_FAR_CELL = ("セル {ref} に値があり、表の範囲（{rows:,} 行 × {cols:,} 列）が大きすぎるため読み取りません。"
                "Excel でこのセルの値を削除し（Ctrl+End で移動できます）、保存し直してください")

# Limits that bound memory for any input (a care plan is a few hundred kB unpacked): a zip bomb of
# 1 MB unpacks to gigabytes, and calamine allocates every cell of a sheet's used range at once.
MAX_PART_BYTES = 100 * 2**20  # one XML part, unpacked
MAX_TOTAL_BYTES = 400 * 2**20  # the whole package, unpacked
MAX_MEMBERS = 20_000
MAX_CELL_AREA = 4_000_000  # rows × columns of a sheet's used range (a form is ~ 100 × 60)


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
    if not head:  # NPOI's poc-xmlbomb-empty.xlsx; a save that never finished
        raise WorkbookReadError(MSG_NOT_XLSX + "（空のファイルです（0 バイト））", file=label)
    if head == OLE_MAGIC:
        kind = _ole_kind(path)
        if kind == "encrypted":
            raise WorkbookReadError(MSG_ENCRYPTED, file=label)
        if kind == "xls":
            raise WorkbookReadError(MSG_XLS, file=label)
        raise WorkbookReadError(MSG_NOT_XLSX + "（Excel以外のOffice文書です）", file=label)
    if not head.startswith(ZIP_MAGICS[0]) and not head.startswith(ZIP_MAGICS[1]):
        raise WorkbookReadError(MSG_NOT_XLSX, file=label)


def check_sizes(zf: zipfile.ZipFile, label: str) -> None:
    """Refuse a package whose parts unpack to more than the limits (declared sizes: zipfile never
    inflates a member past its declared size, so these bound what any later read takes)."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise WorkbookReadError(MSG_TOO_LARGE.format(what=f"部品が {len(infos):,} 個"), file=label)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_BYTES and not ooxml.part_key(info.filename).startswith("xl/media/"):
            raise WorkbookReadError(MSG_TOO_LARGE.format(what=f"{info.filename} が {info.file_size / 2**20:,.0f} MB"),
                                    file=label)
    if total > MAX_TOTAL_BYTES:
        raise WorkbookReadError(MSG_TOO_LARGE.format(what=f"合計 {total / 2**20:,.0f} MB"), file=label)


def _read_zip_parts(path: Path, label: str) -> Package:
    """The open package (sizes checked) and its workbook part, or the right error."""
    try:
        pkg = Package(path)
        zf = pkg.zf
        try:
            check_sizes(zf, label)
            workbook = ooxml.workbook_part(pkg.read)
            if workbook is None or workbook.lower().endswith(".bin"):
                if workbook is not None or pkg.member("xl/workbook.bin"):
                    raise WorkbookReadError(MSG_NOT_XLSX + "（.xlsb 形式です。.xlsx 形式で保存し直してください）", file=label)
                raise WorkbookReadError(MSG_NOT_XLSX + "（中身がExcelブックではありません）", file=label)
            pkg.workbook, pkg.workbook_xml = workbook, pkg.read(workbook) or b""
            if ooxml.dialect_of(pkg.workbook_xml) is None:  # e.g. Excel 2007 beta: its cells would read as blank
                raise WorkbookReadError(MSG_NOT_XLSX + "（標準でない形式です。Excel で .xlsx 形式で保存し直してください）",
                                        file=label)
            return pkg
        except BaseException:
            zf.close()
            raise
    except WorkbookReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError, OSError, KeyError,
            RuntimeError):  # RuntimeError: an encrypted member
        raise WorkbookReadError(MSG_CORRUPT, file=label) from None


# --------------------------------------------------------------------------- sheet scan

# a cell with content (<v>, <f> or <is> right after its start tag); style-only cells cost calamine nothing
# (any attribute order; only a cell's r= holds letters and digits, and its attributes hold no '/')
_VALUE_CELL_RE = re.compile(rb' r="([A-Z]{1,3})([0-9]{1,7})"[^>/]*><[vfi]')
_ERROR_CELL_RE = re.compile(rb'<c\s([^>]*?\bt="e"[^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?<v>([^<]*)</v>')
_REF_ATTR_RE = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_CHUNK = 1 << 20


def _col_key(letters: bytes) -> tuple[int, bytes]:
    return len(letters), letters


@dataclass
class SheetScan:
    """What one cheap pass over a worksheet's XML tells before calamine allocates anything."""

    min_row: int = 0
    max_row: int = 0
    min_col: int = 0
    max_col: int = 0
    far: str = ""  # the cell that sets the far corner
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> '#REF!' …

    @property
    def area(self) -> int:
        if not self.max_row:
            return 0
        return (self.max_row - self.min_row + 1) * (self.max_col - self.min_col + 1)


def _scan_block(block: bytes, scan: SheetScan) -> None:
    refs = _VALUE_CELL_RE.findall(block)
    if refs:
        # distinct rows and columns are few (a form repeats them): reduce in C first, then compare those
        cols, rows = (set(x) for x in zip(*refs))
        lo, hi = min(map(int, rows)), max(map(int, rows))
        clo, chi = min(cols, key=_col_key), max(cols, key=_col_key)
        clo_n, chi_n = ooxml.col_number(clo.decode()), ooxml.col_number(chi.decode())
        if not scan.max_row:
            scan.min_row, scan.max_row, scan.min_col, scan.max_col = lo, hi, clo_n, chi_n
        else:
            scan.min_row, scan.min_col = min(scan.min_row, lo), min(scan.min_col, clo_n)
            scan.max_row, scan.max_col = max(scan.max_row, hi), max(scan.max_col, chi_n)
        if hi == scan.max_row or chi_n == scan.max_col:
            scan.far = f"{ooxml.col_letters(scan.max_col)}{scan.max_row}"
    if b't="e"' in block:
        for attrs, text in _ERROR_CELL_RE.findall(block):
            m = _REF_ATTR_RE.search(attrs)
            if m:
                scan.errors[(int(m.group(2)), ooxml.col_number(m.group(1).decode()))] = text.decode("utf-8", "replace")


BlockHook = Callable[[bytes], None]


def scan_sheet(zf: zipfile.ZipFile, member: str, on_block: BlockHook | None = None,
               keep: Callable[[str, bytes], None] | None = None) -> SheetScan:
    """Used range and error cells of a worksheet part, read in 1 MB blocks (memory stays bounded).

    ``on_block`` gets the same blocks (each ends after a whole element, so no tag is cut): a reader of
    what else the sheet XML holds shares this pass instead of inflating the part once more. ``keep``
    gets a part that fits in one block, whole (``Package.keep``: the writer then need not inflate it again)."""
    scan = SheetScan()
    tail = b""
    whole: bytes | None = None
    first = True
    with zf.open(member) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            buf = tail + chunk
            if not chunk:
                if whole is not None and keep is not None:
                    keep(member, whole)
                _scan_block(buf, scan)
                if on_block is not None:
                    on_block(buf)
                return scan
            if first and len(chunk) < _CHUNK:
                whole = chunk  # read(n) gives n bytes unless the part ends: this is all of it
            first = False
            cut = buf.rfind(b"</c>")  # blocks end on a whole cell
            if cut < 0:
                tail = buf
                continue
            _scan_block(buf[:cut + 4], scan)
            if on_block is not None:
                on_block(buf[:cut + 4])
            tail = buf[cut + 4:]


def sheet_members(pkg: Package) -> list[tuple[str, str]]:
    """(sheet name, zip member) of every worksheet, in workbook order (chart sheets left out);
    Transitional or Strict."""
    dialect = ooxml.dialect_of(pkg.workbook_xml) or ooxml.TRANSITIONAL
    try:
        root = ET.fromstring(pkg.workbook_xml)
        rels = ET.fromstring(pkg.read(ooxml.rels_path(pkg.workbook)) or b"")
    except ET.ParseError:
        return []
    targets = {r.get("Id"): r for r in rels.iter(f"{{{ooxml.NS_PKG_REL}}}Relationship")}
    out = []
    for sh in root.iter(f"{{{dialect.main}}}sheet"):
        rel = targets.get(sh.get(f"{{{dialect.r}}}id"))
        if rel is None or ooxml.rel_kind(rel.get("Type")) != ooxml.WORKSHEET or rel.get("TargetMode") == "External":
            continue
        member = pkg.member(ooxml.resolve(pkg.workbook, rel.get("Target") or ""))
        if member is not None:
            out.append((sh.get("name") or "", member))
    return out


class PackageListener(Protocol):
    """Reads more of the package during the guard's pass (``load_workbook_grid(path, listener)``)."""

    def sheet(self, name: str, member: str) -> BlockHook | None: ...

    def done(self, pkg: Package) -> None: ...


def scan_sheets(pkg: Package, label: str, listener: PackageListener | None = None) -> dict[str, SheetScan]:
    """Scan every worksheet; refuse (naming sheet and cell) a used range too large to allocate."""
    scans: dict[str, SheetScan] = {}
    for name, member in sheet_members(pkg):
        scan = scan_sheet(pkg.zf, member, listener.sheet(name, member) if listener is not None else None,
                          keep=pkg.keep if pkg.keep_parts else None)
        if scan.area > MAX_CELL_AREA:
            rows, cols = scan.max_row - scan.min_row + 1, scan.max_col - scan.min_col + 1
            raise WorkbookReadError(MSG_FAR_CELL.format(ref=scan.far, rows=rows, cols=cols), file=label,
                                    sheet=name)
        scans[name] = scan
    return scans


def check_workbook_file(path: str | os.PathLike, label: str | None = None) -> None:
    """A real xlsx/xlsm whose parts unpack within the limits (what the package editor needs)."""
    open_workbook_file(path, label).close()


def open_workbook_file(path: str | os.PathLike, label: str | None = None) -> Package:
    """``check_workbook_file``, and the package it opened (the caller closes it): the writer edits the
    same open file instead of opening it a second time."""
    label = str(path) if label is None else label
    p = Path(path)
    _check_file(p, label)
    return _read_zip_parts(p, label)


def check_package(path: str | os.PathLike, label: str | None = None) -> dict[str, SheetScan]:
    """Every guard before a workbook is opened by calamine, openpyxl or the writer: a real xlsx/xlsm,
    unpacked sizes within the limits, no sheet whose used range would exhaust memory."""
    label = str(path) if label is None else label
    pkg = open_workbook_file(path, label)
    try:
        return scan_sheets(pkg, label)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError, RuntimeError, zlib.error):
        raise WorkbookReadError(MSG_CORRUPT, file=label) from None
    finally:
        pkg.close()


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


# <definedName name="cp_user_name" …>'第1表'!$B$4</definedName>, with or without a namespace prefix
_DEFINED_NAME_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?definedName\s([^>]*)>([^<]*)(?=<)")
_XML_ATTR_RE = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@lru_cache(maxsize=4096)
def _defined_name(attrs_raw: bytes, text_raw: bytes) -> tuple[str, tuple[str, int, int]] | None:
    """One <definedName> (its attributes and text as bytes) -> (name, ref), or None when it is not a
    workbook-level name of one cell or range. Offices' workbooks come from a few templates: the same
    names repeat across a batch, hence the cache."""
    if attrs_raw.endswith(b"/"):
        return None  # <definedName … /> has no reference
    attrs = {m[0].decode("utf-8", "replace").rpartition(":")[2]: (m[1] or m[2]).decode("utf-8", "replace")
             for m in _XML_ATTR_RE.findall(attrs_raw)}
    name = _xml_text(attrs.get("name", ""))
    if not name or name.startswith("_xlnm.") or "localSheetId" in attrs:
        return None
    ref = parse_name_ref(_xml_text(text_raw.decode("utf-8", "replace")))
    return (name, ref) if ref is not None else None


def _xml_text(text: str) -> str:
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


def _names_from_workbook_xml(xml: bytes) -> dict[str, tuple[str, int, int]]:
    """Workbook-level defined names that point at one cell or range, by a byte scan of workbook.xml
    (the calamine path needs nothing else from that part; no ElementTree pass)."""
    names: dict[str, tuple[str, int, int]] = {}
    for attrs_raw, text_raw in _DEFINED_NAME_RE.findall(xml):
        found = _defined_name(attrs_raw, text_raw)
        if found is not None:
            names[found[0]] = found[1]
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
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():  # "Unknown extension is not supported…" would print under our Japanese message
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(str(path), data_only=True)
    except Exception:
        raise WorkbookReadError(MSG_CORRUPT, file=label) from None
    try:
        return grid_from_openpyxl(wb)
    finally:
        wb.close()


def load_workbook_grid(path: str | os.PathLike, listener: PackageListener | None = None, *,
                       package: Package | None = None) -> WorkbookGrid:
    """Read an .xlsx/.xlsm file into a WorkbookGrid (values, merged ranges, workbook-level names).

    ``listener`` (``readers.sheet_extras``) sees each sheet's XML during the guard's pass and the open
    package after it; a listener that fails is the listener's business (it must not raise).
    ``package``: ``path`` already opened by ``open_workbook_file`` (its guards passed) and kept open for
    the writer, which then finds the small parts this read inflated (the caller closes it).

    Raises WorkbookReadError (Japanese, naming the file) for a missing file, something that is not an
    Excel workbook, a password-protected workbook, an old .xls, or a broken file.
    """
    label = str(path)
    p = Path(path)
    pkg = package if package is not None else open_workbook_file(p, label)
    try:
        scans = scan_sheets(pkg, label, listener)
        if listener is not None:
            listener.done(pkg)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError, RuntimeError, zlib.error):
        raise WorkbookReadError(MSG_CORRUPT, file=label) from None
    finally:
        if package is None:
            pkg.close()
    wb_xml = pkg.workbook_xml
    if ooxml.encoding_of(wb_xml)[0] != "utf-8":  # the names' byte scan reads UTF-8
        wb_xml = ooxml.decode(wb_xml).encode("utf-8")
    names = _names_from_workbook_xml(wb_xml)
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
    for sheet in sheets:  # calamine reads error cells as blank
        scan = scans.get(sheet.name)
        if scan is not None:
            for pos, text in scan.errors.items():
                sheet.cells[pos] = CellError(text)
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
    if cell.data_type == "e" and isinstance(v, str):
        return CellError(v)
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
