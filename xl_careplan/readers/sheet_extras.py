"""What a worksheet shows besides its cells' values, read from the package (calamine gives none of it):
hidden rows and columns, the print header and footer, drawing shapes (text boxes typed over the form, ovals drawn
over a printed word), and formula cells saved without a computed value.

Read during the grid reader's own pass over each sheet (``ExtrasListener``, a ``reading.PackageListener``: the
same size guards, one inflation of each part); anything this module cannot read is simply absent — it only ever
adds reading notes and values a person sees on the printed form.
"""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from xl_careplan import ooxml

# a shape's position in cells when the sheet's own widths are unknown: Excel's default column and row (EMU)
_COL_EMU = 609600
_ROW_EMU = 190500
_MAX_DRAWING_BYTES = 5 * 2**20  # a drawing part that big holds pictures, not text boxes
# a hidden <col min max> over the rest of the sheet (max=16384) counts 200 columns: no form is wider
_MAX_HIDDEN_COLS = 200


@dataclass(frozen=True)
class Shape:
    top: int  # the cells the shape covers, 1-based inclusive
    left: int
    bottom: int
    right: int
    center: tuple[int, int]  # (row, col) of the cell under the shape's middle
    text: str
    oval: bool


@dataclass(frozen=True)
class Control:
    """A form control (check box or option button, 開発 → フォーム コントロール) over the sheet: the cells its
    anchor covers (1-based inclusive), its own caption, and whether the saved file says it is on."""

    top: int
    left: int
    bottom: int
    right: int
    text: str
    checked: bool
    radio: bool


@dataclass
class SheetExtras:
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    header: list[str] = field(default_factory=list)  # header and footer sections' texts, &-codes removed
    shapes: list[Shape] = field(default_factory=list)
    uncomputed: frozenset[tuple[int, int]] = frozenset()  # formula cells with no saved value
    hidden_sheet: bool = False  # the sheet itself is hidden or very hidden
    controls: list[Control] = field(default_factory=list)  # check boxes and option buttons (VML)


_ROW_RE = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_COL_RE = re.compile(rb"<(?:\w+:)?col\b([^>]*?)/?>")
_HF_RE = re.compile(rb"<(?:\w+:)?(?:odd|even|first)(?:Header|Footer)>([^<]*)</")
_DRAWING_RE = re.compile(rb"<(?:\w+:)?drawing\b[^>]*?\bid=\"([^\"]+)\"")
_LEGACY_RE = re.compile(rb"<(?:\w+:)?legacyDrawing\b[^>]*?\bid=\"([^\"]+)\"")
# a formula saved without a result: <c r="B3"><f>…</f><v/></c> or no <v> at all (openpyxl); an explicit
# <v></v> is a computed empty string (Excel adds t="str", XlsxWriter does not) and stays a blank cell. Found from
# each formula start (a sheet has few formulas and many cells): the <c> start tag before it, then what follows it.
_F_START_RE = re.compile(rb"<(?:\w+:)?f[\s>/]")
_C_BEFORE_F_RE = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*>\s*')
_F_REST_RE = re.compile(rb'<(?:\w+:)?f\b(?:[^>]*/>|[^>]*>[^<]*</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>)?\s*</(?:\w+:)?c>')


def _novalue(buf: bytes):
    """(column letters, row digits) of every formula cell saved without a result."""
    for m in _F_START_RE.finditer(buf):
        lt = buf.rfind(b"<", 0, m.start())
        if lt < 0:
            continue
        c = _C_BEFORE_F_RE.fullmatch(buf, lt, m.start())
        if c is not None and _F_REST_RE.match(buf, m.start()):
            yield c.group(1), c.group(2)


_ATTR_RE = re.compile(rb'(\w+)="([^"]*)"')
_HF_CODE_RE = re.compile(r"&(?:\"[^\"]*\"|[0-9]+|[LCRPNDTFAZGBIUESXY&KH]|K[0-9A-Fa-f]{6})")


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return dict(_ATTR_RE.findall(raw))


def _on(v: bytes | None) -> bool:
    return v in (b"1", b"true")


def header_sections(text: str) -> list[str]:
    """「&L利用者名　山田 様&R作成日 …」 -> the sections' texts, Excel's codes (&P, &"ＭＳ 明朝", &12) removed."""
    import html

    text = html.unescape(text)
    parts = re.split(r"&[LCR]", text)
    out = []
    for p in parts:
        t = _HF_CODE_RE.sub(" ", p).strip()
        if t:
            out.append(t)
    return out


class _SheetBlocks:
    """Hidden rows/columns, header texts, formula cells without a value, and the drawing's r:id, from
    blocks of a sheet's XML that each end after a whole element (``reading.scan_sheet``'s blocks)."""

    def __init__(self) -> None:
        self.rows: set[int] = set()
        self.cols: set[int] = set()
        self.novalue: set[tuple[int, int]] = set()
        self.hf: list[str] = []
        self.drawing: str | None = None
        self.legacy: str | None = None  # the VML part (comments, form controls)

    def __call__(self, buf: bytes) -> None:
        if b'hidden="' in buf:  # most sheets hide nothing, hold few formulas: one byte search each
            for m in _ROW_RE.finditer(buf):
                a = _attrs(m.group(1))
                if _on(a.get(b"hidden")) and a.get(b"r", b"").isdigit():
                    self.rows.add(int(a[b"r"]))
            for m in _COL_RE.finditer(buf):
                a = _attrs(m.group(1))
                if _on(a.get(b"hidden")) and a.get(b"min", b"").isdigit() and a.get(b"max", b"").isdigit():
                    lo = int(a[b"min"])
                    self.cols.update(range(lo, min(int(a[b"max"]), lo + _MAX_HIDDEN_COLS) + 1))
        if b"<f" in buf or b":f" in buf:
            for letters, digits in _novalue(buf):
                self.novalue.add((int(digits), ooxml.col_number(letters.decode())))
        if b"Header>" in buf or b"Footer>" in buf:
            for m in _HF_RE.finditer(buf):
                self.hf.append(m.group(1).decode("utf-8", "replace"))
        if self.drawing is None and b"drawing" in buf:
            m = _DRAWING_RE.search(buf)
            if m:
                self.drawing = m.group(1).decode()
        if self.legacy is None and b"legacyDrawing" in buf:
            m = _LEGACY_RE.search(buf)
            if m:
                self.legacy = m.group(1).decode()

    def extras(self) -> SheetExtras:
        ex = SheetExtras()
        ex.hidden_rows, ex.hidden_cols, ex.uncomputed = frozenset(self.rows), frozenset(self.cols), frozenset(self.novalue)
        ex.header = [s for t in dict.fromkeys(self.hf) for s in header_sections(t)]
        return ex


_SHEET_RE = re.compile(rb"<(?:\w+:)?sheet\b([^>]*?)/?>")


def hidden_sheets(workbook_xml: bytes) -> set[str]:
    """Names of the sheets the workbook part marks hidden or very hidden (``<sheet state="hidden">``)."""
    import html

    out = set()
    for m in _SHEET_RE.finditer(workbook_xml or b""):
        a = _attrs(m.group(1))
        if a.get(b"state") in (b"hidden", b"veryHidden") and b"name" in a:
            out.add(html.unescape(a[b"name"].decode("utf-8", "replace")))
    return out


class ExtrasListener:
    """``reading.PackageListener``: the extras read during the grid reader's own pass over each sheet (the
    part is inflated once for both), the drawings read from the package before it closes."""

    def __init__(self) -> None:
        self._blocks: dict[str, tuple[str, _SheetBlocks]] = {}
        self.extras: dict[str, SheetExtras] = {}

    def sheet(self, name: str, member: str) -> _SheetBlocks:
        blocks = self._blocks[name] = (member, _SheetBlocks())
        return blocks[1]

    def done(self, pkg) -> None:
        hidden = hidden_sheets(pkg.workbook_xml)
        for name, (member, blocks) in self._blocks.items():
            ex = blocks.extras()
            ex.hidden_sheet = name in hidden
            if blocks.drawing is not None:
                try:
                    ex.shapes, placeless = _shapes(pkg, member, blocks.drawing)
                except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError, OSError, EOFError, RuntimeError):
                    ex.shapes, placeless = [], []
                ex.controls = placeless
            if blocks.legacy is not None:
                try:
                    ex.controls = ex.controls + _controls(pkg, member, blocks.legacy)
                except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError, OSError, EOFError, RuntimeError):
                    pass
            if ex.hidden_rows or ex.hidden_cols or ex.header or ex.shapes or ex.uncomputed or ex.hidden_sheet or ex.controls:
                self.extras[name] = ex

    def attach(self, grid) -> None:
        for sh in grid.sheets:
            sh.extras = self.extras.get(sh.name)


class _Names:
    """Qualified names of a drawing part's elements, in its own dialect (Transitional or Strict)."""

    def __init__(self, xdr: str):
        self.xdr, self.a = xdr, ooxml.DRAWINGML[xdr]

    def x(self, tag: str) -> str:
        return f"{{{self.xdr}}}{tag}"

    def d(self, tag: str) -> str:
        return f"{{{self.a}}}{tag}"


def _pt(el, name: str, ns: _Names) -> tuple[int, int, int, int] | None:
    """(col, colOff, row, rowOff) of an anchor's <from>/<to>."""
    p = el.find(ns.x(name))
    if p is None:
        return None
    try:
        return tuple(int(p.findtext(ns.x(t)) or 0) for t in ("col", "colOff", "row", "rowOff"))  # type: ignore[return-value]
    except ValueError:
        return None


def _shape_text(sp, ns: _Names) -> str:
    paras = []
    for para in sp.iter(ns.d("p")):
        paras.append("".join(t.text or "" for t in para.iter(ns.d("t"))))
    return "\n".join(paras).strip()


def _is_oval(sp, ns: _Names) -> bool:
    geom = sp.find(f".//{ns.d('prstGeom')}")
    return geom is not None and geom.get("prst") in ("ellipse", "flowChartConnector")


def shape_between(start: tuple[int, float, int, float], end: tuple[int, float, int, float], text: str,
                  oval: bool) -> Shape:
    """A shape from its top-left and bottom-right corners, each (column, fraction into it, row, fraction into it),
    0-based like a drawing's anchor (the live paths measure the same corners on the open sheet)."""
    c0 = start[0] + min(start[1], 0.99)
    c1 = end[0] + min(end[1], 0.99)
    r0 = start[2] + min(start[3], 0.99)
    r1 = end[2] + min(end[3], 0.99)
    top, left = start[2] + 1, start[0] + 1
    bottom = max(top, end[2] + (1 if end[3] > 0 else 0))
    right = max(left, end[0] + (1 if end[1] > 0 else 0))
    center = (math.floor((r0 + r1) / 2) + 1, math.floor((c0 + c1) / 2) + 1)
    return Shape(top, left, bottom, right, center, text, oval)


def read_drawing(data: bytes) -> list[Shape]:
    """Shapes of a spreadsheet drawing part (two-cell and one-cell anchors; pictures and charts left out),
    Transitional or Strict."""
    root = ET.fromstring(data)
    xdr = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
    if xdr not in ooxml.DRAWINGML:
        return []
    ns = _Names(xdr)
    out: list[Shape] = []
    for anchor in list(root):
        kind = anchor.tag.rpartition("}")[2]
        start = _pt(anchor, "from", ns)
        if start is None:
            continue
        if kind == "twoCellAnchor":
            end = _pt(anchor, "to", ns)
        elif kind == "oneCellAnchor":
            ext = anchor.find(ns.x("ext"))
            cx = int(ext.get("cx", "0")) if ext is not None else 0
            cy = int(ext.get("cy", "0")) if ext is not None else 0
            c = start[0] + (start[1] + cx) / _COL_EMU
            r = start[2] + (start[3] + cy) / _ROW_EMU
            end = (int(c), int((c - int(c)) * _COL_EMU), int(r), int((r - int(r)) * _ROW_EMU))
        else:
            continue
        if end is None:
            continue
        for sp in anchor.iter(ns.x("sp")):
            text, oval = _shape_text(sp, ns), _is_oval(sp, ns)
            if not text and not oval:
                continue
            out.append(shape_between((start[0], start[1] / _COL_EMU, start[2], start[3] / _ROW_EMU),
                                     (end[0], end[1] / _COL_EMU, end[2], end[3] / _ROW_EMU), text, oval))
    return out


# form controls a program saved as plain drawing shapes (LibreOffice writes option buttons so, without their place
# or state): only their names say what they are
_CONTROL_NAME_RE = re.compile('<(?:\\w+:)?cNvPr\\b[^>]*\\bname="(?:Option Button|Check Box|オプション ボタン|チェック ボックス)'.encode())
PLACELESS = Control(top=0, left=0, bottom=0, right=0, text="", checked=False, radio=True)  # somewhere on the sheet


def _related(pkg, member: str, rid: str, kind: str) -> bytes | None:
    """The bytes of the sheet's related part ``rid`` of this kind (a drawing, a VML drawing), within the size guard."""
    rels = pkg.read(ooxml.rels_path(ooxml.part_name(member)))
    if not rels:
        return None
    for rel in ET.fromstring(rels).iter(f"{{{ooxml.NS_PKG_REL}}}Relationship"):
        if rel.get("Id") != rid or ooxml.rel_kind(rel.get("Type")) != kind or rel.get("TargetMode") == "External":
            continue
        part = pkg.member(ooxml.resolve(ooxml.part_name(member), rel.get("Target") or ""))
        if part is not None and pkg.zf.getinfo(part).file_size <= _MAX_DRAWING_BYTES:
            return pkg.zf.read(part)
    return None


def _shapes(pkg, member: str, rid: str) -> tuple[list[Shape], list[Control]]:
    """The drawing's shapes, and a placeless control for each form control saved as a plain shape."""
    data = _related(pkg, member, rid, ooxml.DRAWING)
    if data is None:
        return [], []
    return read_drawing(data), [PLACELESS] * len(_CONTROL_NAME_RE.findall(data))


# VML is not always well-formed XML (Excel writes <br> unclosed): its form controls are found by pattern
_VML_SHAPE_RE = re.compile(rb"<v:shape\b.*?</v:shape>", re.S)
_VML_OBJECT_RE = re.compile(rb'<x:ClientData\b[^>]*\bObjectType="(Checkbox|Radio)"')
_VML_ANCHOR_RE = re.compile(rb"<x:Anchor>\s*([0-9,\s]+)</x:Anchor>")
_VML_CHECKED_RE = re.compile(rb"<x:Checked>\s*([0-9]+)\s*</x:Checked>")
_VML_TEXTBOX_RE = re.compile(rb"<v:textbox\b[^>]*>(.*?)</v:textbox>", re.S)
_TAG_RE = re.compile(rb"<[^>]*>")


def read_vml_controls(data: bytes) -> list[Control]:
    """Check boxes and option buttons of a VML drawing part: the anchor's cells (LeftColumn, LeftOffset,
    TopRow, TopOffset, RightColumn, RightOffset, BottomRow, BottomOffset; 0-based), the caption and the state."""
    import html

    out = []
    for m in _VML_SHAPE_RE.finditer(data):
        shape = m.group(0)
        kind = _VML_OBJECT_RE.search(shape)
        anchor = _VML_ANCHOR_RE.search(shape)
        if kind is None or anchor is None:
            continue
        nums = [int(x) for x in anchor.group(1).replace(b" ", b"").split(b",") if x.isdigit()]
        if len(nums) != 8:
            continue
        lc, lo, tr, to, rc, ro, br, bo = nums
        checked = _VML_CHECKED_RE.search(shape)
        box = _VML_TEXTBOX_RE.search(shape)
        text = html.unescape(_TAG_RE.sub(b"", box.group(1)).decode("utf-8", "replace")).strip() if box else ""
        out.append(Control(top=tr + 1, left=lc + 1, bottom=max(tr + 1, br + (1 if bo > 0 else 0)),
                           right=max(lc + 1, rc + (1 if ro > 0 else 0)), text=text,
                           checked=bool(checked and checked.group(1) == b"1"), radio=kind.group(1) == b"Radio"))
    return out


def _controls(pkg, member: str, rid: str) -> list[Control]:
    """The form controls of the sheet's VML drawing (a VML part of comments only holds none)."""
    data = _related(pkg, member, rid, ooxml.VML_DRAWING)
    if data is None or (b'ObjectType="Checkbox"' not in data and b'ObjectType="Radio"' not in data):
        return []
    return read_vml_controls(data)
