"""OOXML names in one place: namespaces, content types, relationship types, part paths, schema order.

Everything that reads or writes the package by hand (the reader's guards, the package editor) takes
its names from here, the way openpyxl keeps them in ``packaging/relationship.py`` and ``xml/constants.py``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import unquote

# --- namespaces ---------------------------------------------------------------------------------
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_VML = "urn:schemas-microsoft-com:vml"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"  # a sheet's drawing part
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"  # DrawingML: shapes' geometry and text
NS_VML_OFFICE = "urn:schemas-microsoft-com:office:office"
NS_VML_EXCEL = "urn:schemas-microsoft-com:office:excel"

# Strict (ISO/IEC 29500 Strict, Excel's "Strict Open XML Spreadsheet"): the same element names and content
# types, other namespaces for SpreadsheetML and for relationships (r:id and the relationship types).
NS_MAIN_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
NS_R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
NS_XDR_STRICT = "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing"
NS_A_STRICT = "http://purl.oclc.org/ooxml/drawingml/main"
DRAWINGML = {NS_XDR: NS_A, NS_XDR_STRICT: NS_A_STRICT}  # a drawing part's namespace -> its DrawingML namespace

# --- relationship types (their last path segment; ``Dialect.rel`` gives the full type) -------------
OFFICE_DOCUMENT = "officeDocument"
WORKSHEET = "worksheet"
STYLES = "styles"
SHARED_STRINGS = "sharedStrings"
COMMENTS = "comments"
VML_DRAWING = "vmlDrawing"
DRAWING = "drawing"
HYPERLINK = "hyperlink"
CALC_CHAIN = "calcChain"

REL_OFFICE_DOCUMENT = f"{NS_R}/{OFFICE_DOCUMENT}"
REL_WORKSHEET = f"{NS_R}/{WORKSHEET}"
REL_STYLES = f"{NS_R}/{STYLES}"
REL_SHARED_STRINGS = f"{NS_R}/{SHARED_STRINGS}"
REL_COMMENTS = f"{NS_R}/{COMMENTS}"
REL_VML_DRAWING = f"{NS_R}/{VML_DRAWING}"
REL_DRAWING = f"{NS_R}/{DRAWING}"
REL_HYPERLINK = f"{NS_R}/{HYPERLINK}"
REL_CALC_CHAIN = f"{NS_R}/{CALC_CHAIN}"


@dataclass(frozen=True)
class Dialect:
    """Transitional or Strict SpreadsheetML: the namespaces a package's parts are written in."""

    name: str
    main: str  # SpreadsheetML namespace
    r: str  # the namespace of r:id attributes, and the base of relationship types

    def rel(self, kind: str) -> str:
        """The relationship type of ``kind`` (``WORKSHEET`` …) in this dialect."""
        return f"{self.r}/{kind}"


TRANSITIONAL = Dialect("transitional", NS_MAIN, NS_R)
STRICT = Dialect("strict", NS_MAIN_STRICT, NS_R_STRICT)
DIALECTS = (TRANSITIONAL, STRICT)


def rel_kind(rtype: str | None) -> str | None:
    """'worksheet' for the worksheet relationship type of either dialect; None for other types."""
    for d in DIALECTS:
        if rtype and rtype.startswith(d.r + "/"):
            return rtype[len(d.r) + 1:]
    return None


def dialect_of(xml: str | bytes) -> Dialect | None:
    """The dialect of a SpreadsheetML part, from its document element's namespaces; None when the
    part is in neither (e.g. Excel 2007 beta's own namespace)."""
    if isinstance(xml, bytes):
        codec, bom = encoding_of(xml)
        head = xml[len(bom):len(bom) + 65536].decode(codec, "replace")
    else:
        head = xml[:65536]
    m = re.search(r"<(?![?!])[^>]*>", head)
    tag = m.group(0) if m else ""
    namespaces = set(re.findall(r"""\bxmlns(?::[\w.-]+)?\s*=\s*["']([^"']+)["']""", tag))
    for d in DIALECTS:
        if d.main in namespaces:
            return d
    return None

# --- content types ------------------------------------------------------------------------------
# the ribbon of an add-in (customUI part): Office 2007's and Office 2010's namespaces and relationship types
NS_CUSTOMUI_2006 = "http://schemas.microsoft.com/office/2006/01/customui"
NS_CUSTOMUI_2009 = "http://schemas.microsoft.com/office/2009/07/customui"
REL_UI_2007 = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
REL_UI_2010 = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
REL_VBA_PROJECT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"  # an .xlsm / .xlam's macros

CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CT_XML = "application/xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CT_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_WORKBOOK_MACRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"

# (Strict packages use these same content types.)

# --- part paths ---------------------------------------------------------------------------------
CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"
DEFAULT_WORKBOOK = "xl/workbook.xml"  # where Excel puts it; the root relationships say where it is

# CT_Worksheet's children in schema order (ECMA-376 Part 1, 18.3.1.99): a new element goes before the
# first present element that follows it here.
WORKSHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
    "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
    "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts",
    "extLst",
)

# CT_Stylesheet's children in schema order (18.8.39)
STYLESHEET_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
                    "tableStyles", "colors", "extLst")

# CT_Workbook's children in schema order (18.2.27)
WORKBOOK_ORDER = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
                  "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize",
                  "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
                  "fileRecoveryPr", "webPublishObjects", "extLst")

MAX_ROW = 1_048_576
MAX_COL = 16_384


def part_name(member: str) -> str:
    """A zip member's part name: '/'-separated without a leading '/' (some Windows tools write
    'xl\\workbook.xml')."""
    return member.replace("\\", "/").lstrip("/")


def part_key(name: str) -> str:
    """What part names are compared by: ASCII case-insensitively (ECMA-376 Part 2, 9.1.1.1)."""
    return part_name(name).lower()


def member_index(members: Iterable[str]) -> dict[str, str]:
    """part_key -> zip member name (the first member of a key wins, as in a zip's central directory)."""
    out: dict[str, str] = {}
    for m in members:
        out.setdefault(part_key(m), m)
    return out


_REL_RE = re.compile(r"<(?:[\w.-]+:)?Relationship\s([^>]*?)/?>")
_ATTR_RE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _unescape(v: str) -> str:
    if "&" not in v:
        return v
    import html

    return html.unescape(v)


def relationships(xml: str) -> list[dict[str, str | None]]:
    """The relationships of a .rels part, in order: dicts of Id, Type, Target, TargetMode."""
    out = []
    for m in _REL_RE.finditer(xml):
        attrs = {a[0]: _unescape(a[1] or a[2]) for a in _ATTR_RE.findall(m.group(1))}
        out.append({k: attrs.get(k) for k in ("Id", "Type", "Target", "TargetMode")})
    return out


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def encoding_of(data: bytes) -> tuple[str, bytes]:
    """(codec, byte order mark) of an XML part: by its BOM, else by how '<' is written (XML 1.0, F.1)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, bom
    if data.startswith(b"\x00<"):
        return "utf-16-be", b""
    if data.startswith(b"<\x00"):
        return "utf-16-le", b""
    return "utf-8", b""


def decode(data: bytes) -> str:
    """An XML part's text, whatever of UTF-8 and UTF-16 (with or without BOM) it is in."""
    codec, bom = encoding_of(data)
    return data[len(bom):].decode(codec)


def workbook_part(read: Callable[[str], bytes | None]) -> str | None:
    """The workbook part of a package: the target of the root relationships' officeDocument
    relationship (either dialect), else xl/workbook.xml when the package has it. ``read(part)`` gives
    a part's bytes or None."""
    rels = read(ROOT_RELS)
    if rels is not None:
        try:
            items = relationships(decode(rels))
        except UnicodeDecodeError:
            items = []
        for r in items:
            if rel_kind(r["Type"]) == OFFICE_DOCUMENT and r["TargetMode"] != "External" and r["Target"]:
                part = resolve("", r["Target"])
                if read(part) is not None:
                    return part
    return DEFAULT_WORKBOOK if read(DEFAULT_WORKBOOK) is not None else None


def rels_path(part: str) -> str:
    """'xl/worksheets/sheet1.xml' -> 'xl/worksheets/_rels/sheet1.xml.rels'."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve(part: str, target: str) -> str:
    """A relationship's internal target, as a zip member name, relative to the part that holds it."""
    target = unquote(target.replace("\\", "/"))  # a part name is a URI: 'sheet%201.xml' is 'sheet 1.xml'
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


def relative(part: str, member: str) -> str:
    """A target for ``member`` written in the rels of ``part`` (part names are relative to the package
    root, so no working directory is involved, as ``posixpath.relpath`` would involve)."""
    start = [p for p in posixpath.dirname(part).split("/") if p and p != "."]
    to = [p for p in member.split("/") if p and p != "."]
    i = 0
    while i < min(len(start), len(to) - 1) and start[i] == to[i]:
        i += 1
    return "/".join([".."] * (len(start) - i) + to[i:])


def col_letters(col: int) -> str:
    s = ""
    while col:
        col, rem = divmod(col - 1, 26)
        s = chr(65 + rem) + s
    return s


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n
