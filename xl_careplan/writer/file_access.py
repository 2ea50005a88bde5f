"""``FileWorkbook``: the WorkbookAccess protocol over an openpyxl workbook on disk.

Fills are exchanged as 'RRGGBB' for plain solid fills. Any other fill (theme or indexed colour,
tint, pattern, gradient) is returned as an opaque token ``"xml:<fill XML>"`` that ``set_fill``
accepts back unchanged, so restoring an original fill is exact. The live (xlwings) implementation
only ever produces 'RRGGBB'; the annotator treats both as opaque strings.
"""

from __future__ import annotations

import math
import unicodedata
import warnings
from pathlib import Path
from typing import Any, Sequence

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.fills import Fill
from openpyxl.styles.proxy import StyleProxy
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.xml.functions import fromstring, tostring

from xl_careplan.errors import WorkbookReadError
from xl_careplan.grid import WorkbookGrid
from xl_careplan.writer.annotate import NOTE_MARKER

NOTE_AUTHOR = "xl_careplan"
NOTE_WIDTH_PX = 320
NOTE_WIDTH_UNITS = 50  # text width of that box in half-width characters
_FILL_TOKEN = "xml:"


def _fill_token(fill: Fill | None) -> str | None:
    if fill is None:
        return None
    if isinstance(fill, StyleProxy):
        fill = fill._StyleProxy__target  # the Fill itself (cell.fill is a read-only proxy)
    if isinstance(fill, PatternFill):
        if fill.patternType is None:
            return None
        fg = fill.fgColor
        if fill.patternType == "solid" and fg is not None and fg.type == "rgb" and isinstance(fg.rgb, str):
            rgb = fg.rgb[-6:].upper()
            if _fill_from_token(rgb) == fill:  # exactly what set_fill(rgb) makes: 'RRGGBB' is lossless
                return rgb
    return _FILL_TOKEN + tostring(fill.to_tree()).decode("utf-8")


def _fill_from_token(token: str | None) -> Fill:
    if not token:
        return PatternFill(fill_type=None)
    if token.startswith(_FILL_TOKEN):
        tree = fromstring(token[len(_FILL_TOKEN):])
        return Fill.from_tree(tree)
    rgb = token.upper().lstrip("#")
    return PatternFill(fill_type="solid", fgColor="FF" + rgb, bgColor="FF" + rgb)


def _lines_needed(text: str, width: float) -> int:
    """Rough line count of wrapped text in a column (full-width characters count double)."""
    total = 0
    for line in text.split("\n"):
        units = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)
        total += max(1, math.ceil(units / max(1.0, width - 1)))
    return total


class FileWorkbook:
    """A workbook file opened with openpyxl (``keep_vba=True`` for .xlsm)."""

    def __init__(self, path: str | Path, label: str | None = None):
        self.path = Path(path)
        self.label = label if label is not None else str(path)
        keep_vba = self.path.suffix.lower() in (".xlsm", ".xltm")
        try:
            with warnings.catch_warnings():  # "extension is not supported": safety/transplant deal with those
                warnings.simplefilter("ignore", UserWarning)
                self.wb = load_workbook(self.path, keep_vba=keep_vba, rich_text=True)  # keep partly formatted text
        except Exception as e:  # noqa: BLE001 - any openpyxl/zip error
            raise WorkbookReadError(f"ブックを開けません（{type(e).__name__}）", file=self.label) from e
        self._grid: WorkbookGrid | None = None

    # --- reading -------------------------------------------------------------------------
    def grid(self) -> WorkbookGrid:
        """Values as the readers see them (cached formula results), read once with the readers' converter."""
        from xl_careplan.reading import grid_from_openpyxl

        if self._grid is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                values_wb = load_workbook(self.path, data_only=True)
            try:
                self._grid = grid_from_openpyxl(values_wb, self.label)
            finally:
                values_wb.close()
        return self._grid

    def sheet_names(self) -> list[str]:
        """Worksheets only: chart sheets have no cells to annotate."""
        return [ws.title for ws in self.wb.worksheets]

    def _cell(self, sheet: str, cell: str):
        ws = self.wb[sheet]
        c = ws[cell]
        if isinstance(c, MergedCell):  # inside a merged range: Excel shows the top-left cell's note and fill
            for rng in ws.merged_cells.ranges:
                if c.coordinate in rng:
                    return ws.cell(row=rng.min_row, column=rng.min_col)
        return c

    # --- notes ---------------------------------------------------------------------------
    def get_note(self, sheet: str, cell: str) -> str | None:
        c = self._cell(sheet, cell).comment
        return c.text if c is not None else None

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        target = self._cell(sheet, cell)
        if text is None:
            target.comment = None
            return
        old = target.comment
        author = old.author if old is not None and old.author else NOTE_AUTHOR
        if NOTE_MARKER not in text:  # the user's own note alone: openpyxl's ordinary note box
            target.comment = Comment(text, author)
            return
        # a box large enough to read our block without resizing (about 24 full-width characters a line)
        lines = _lines_needed(text, NOTE_WIDTH_UNITS)
        target.comment = Comment(text, author, width=NOTE_WIDTH_PX, height=min(900, 15 * lines + 24))

    # --- fills ---------------------------------------------------------------------------
    def get_fill(self, sheet: str, cell: str) -> str | None:
        c = self._cell(sheet, cell)
        return _fill_token(c.fill) if c.has_style else None

    def set_fill(self, sheet: str, cell: str, rgb: str | None) -> None:
        self._cell(sheet, cell).fill = _fill_from_token(rgb)

    def set_value(self, sheet: str, cell: str, value: Any) -> None:
        self._cell(sheet, cell).value = value

    # --- sheets we own -------------------------------------------------------------------
    def write_sheet(
        self,
        name: str,
        rows: Sequence[Sequence[Any]],
        *,
        links: dict[str, str] | None = None,
        col_widths: dict[str, float] | None = None,
        hidden: bool = False,
    ) -> None:
        wb = self.wb
        old = wb[name] if name in wb.sheetnames else None
        index = wb.sheetnames.index(name) if old is not None else len(wb.sheetnames)
        ws = wb.create_sheet(title=name + "_xlcp_new", index=index)
        if old is not None:
            ws.sheet_properties.codeName = old.sheet_properties.codeName  # keep a VBA document module's link
            was_active = wb.active is old
            wb.remove(old)
            if was_active:
                wb.active = wb.sheetnames.index(ws.title)
        ws.title = name
        top = Alignment(vertical="top")
        wrap = Alignment(vertical="top", wrap_text=True)
        widths = col_widths or {}
        for r, row in enumerate(rows, start=1):
            filled = [v for v in row if v is not None and v != ""]
            table_row = len(filled) >= 3  # label/value and title rows overflow to the right instead
            lines = 1
            for c, v in enumerate(row, start=1):
                if v is None or v == "":
                    continue
                cell = ws.cell(row=r, column=c, value=v)
                cell.alignment = wrap if table_row else top
                width = widths.get(get_column_letter(c))
                if table_row and width and isinstance(v, str):
                    lines = max(lines, _lines_needed(v, width))
            if lines > 1 and not hidden:
                ws.row_dimensions[r].height = 15 * lines + 2  # openpyxl cannot autofit; LibreOffice does not either
        if rows and not hidden:
            for cell in ws[1]:
                cell.font = Font(name=self._font_name(), bold=True, size=12)
        for ref, target in (links or {}).items():
            cell = ws[ref]
            cell.hyperlink = Hyperlink(ref=ref, location=target, display=str(cell.value or ""))
            cell.font = Font(name=self._font_name(), color="0563C1", underline="single")
        for col, width in (col_widths or {}).items():
            ws.column_dimensions[col].width = width
        if hidden:
            ws.sheet_state = "veryHidden"
        else:
            ws.page_setup.orientation = "landscape"
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
        if wb.active is None or wb.active.sheet_state != "visible":  # wb.active takes an index into all sheets
            wb.active = next(i for i, s in enumerate(wb._sheets) if getattr(s, "sheet_state", "visible") == "visible")

    def _font_name(self) -> str | None:
        """The workbook's default font (fonts without a name fall back to a serif face in LibreOffice)."""
        fonts = getattr(self.wb, "_fonts", None)
        return fonts[0].name if fonts else None

    def read_sheet(self, name: str) -> list[list[Any]] | None:
        if name not in self.wb.sheetnames:
            return None
        ws = self.wb[name]
        return [list(row) for row in ws.iter_rows(values_only=True)]

    # --- saving --------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        self.wb.save(str(path))

    def close(self) -> None:
        self.wb.close()
