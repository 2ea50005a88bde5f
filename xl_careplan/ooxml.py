"""OOXML names in one place: namespaces, content types, relationship types, part paths, schema order.

Everything that reads or writes the package by hand (the reader's guards, the package editor) takes
its names from here, the way openpyxl keeps them in ``packaging/relationship.py`` and ``xml/constants.py``.
"""

from __future__ import annotations

import posixpath

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

# --- relationship types -------------------------------------------------------------------------
REL_OFFICE_DOCUMENT = f"{NS_R}/officeDocument"
REL_WORKSHEET = f"{NS_R}/worksheet"
REL_STYLES = f"{NS_R}/styles"
REL_SHARED_STRINGS = f"{NS_R}/sharedStrings"
REL_COMMENTS = f"{NS_R}/comments"
REL_VML_DRAWING = f"{NS_R}/vmlDrawing"
REL_DRAWING = f"{NS_R}/drawing"
REL_HYPERLINK = f"{NS_R}/hyperlink"
REL_CALC_CHAIN = f"{NS_R}/calcChain"

# --- content types ------------------------------------------------------------------------------
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CT_XML = "application/xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CT_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_WORKBOOK_MACRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"

# --- part paths ---------------------------------------------------------------------------------
CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"

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


def rels_path(part: str) -> str:
    """'xl/worksheets/sheet1.xml' -> 'xl/worksheets/_rels/sheet1.xml.rels'."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve(part: str, target: str) -> str:
    """A relationship's internal target, as a zip member name, relative to the part that holds it."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


def relative(part: str, member: str) -> str:
    """A target for ``member`` written in the rels of ``part``."""
    return posixpath.relpath(member, posixpath.dirname(part) or ".")


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
