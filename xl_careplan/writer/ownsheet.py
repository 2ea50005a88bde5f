"""The XML of a sheet we own (点検結果, the very hidden state sheet, a new モニタリング sheet): written whole.

Strings are inline (sharedStrings stays the user's), formats are appended to styles.xml through
``Styles.derive``, and links are internal (a location, no relationship).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from xl_careplan import ooxml
from xl_careplan.writer import xmltext as X
from xl_careplan.writer.notes import lines_needed
from xl_careplan.writer.sheetxml import cell_xml
from xl_careplan.writer.styles import DATE_FMT_ID, Styles

LINK_COLOUR = "0563C1"


@dataclass
class OwnSheet:
    name: str
    part: str  # zip member
    rows: list[list[Any]]
    links: dict[str, str] = field(default_factory=dict)
    col_widths: dict[str, float] = field(default_factory=dict)
    hidden: bool = False
    new: bool = True  # a new part (else the previous run's part, rewritten)
    fills: dict[str, str] = field(default_factory=dict)  # A1 -> RRGGBB

    def xml(self, styles: Styles, *, ns: ooxml.Dialect = ooxml.TRANSITIONAL) -> str:
        bold = styles.font_index(bold=True, size="12")
        link_font = styles.font_index(color=LINK_COLOUR, underline=True)
        top, wrap = styles.alignment(wrap=False), styles.alignment(wrap=True)
        widths = self.col_widths
        fills, links, hidden = self.fills, self.links, self.hidden
        cache: dict[tuple, int] = {}
        out_rows: list[str] = []
        letters = [ooxml.col_letters(c) for c in range(1, max((len(r) for r in self.rows), default=0) + 1)]
        for r, row in enumerate(self.rows, start=1):
            table_row = sum(1 for v in row if v is not None and v != "") >= 3  # label/value and title rows overflow instead
            align = wrap if table_row else top
            lines = 1
            cells: list[str] = []
            for c, v in enumerate(row):
                col = letters[c]
                ref = f"{col}{r}"
                blank = v is None or v == ""
                if blank and ref not in fills:
                    continue
                font = bold if (r == 1 and not hidden) else link_font if ref in links else None
                num_fmt = DATE_FMT_ID if isinstance(v, (dt.date, dt.datetime)) else None
                key = (fills.get(ref), font, num_fmt, table_row)
                style = cache.get(key)
                if style is None:
                    style = cache[key] = styles.derive(0, fill=key[0], font=font, num_fmt=num_fmt, align=align)
                cells.append(f'<c r="{ref}" s="{style}"/>' if blank else cell_xml("", ref, v, style))
                if table_row and type(v) is str:
                    width = widths.get(col)
                    if width:
                        lines = max(lines, lines_needed(v, width))
            height = f' ht="{15 * lines + 2}" customHeight="1"' if lines > 1 and not hidden else ""
            if cells or height:
                out_rows.append(f'<row r="{r}"{height}>{"".join(cells)}</row>')
        cols = "".join(
            f'<col min="{ooxml.col_number(k)}" max="{ooxml.col_number(k)}" width="{w}" customWidth="1"/>'
            for k, w in sorted(self.col_widths.items(), key=lambda kv: ooxml.col_number(kv[0])))
        links = "".join(
            f'<hyperlink ref="{ref}" location="{X.attr(target)}" display="{X.attr(_display(self.rows, ref))}"/>'
            for ref, target in self.links.items())
        page = "" if self.hidden else '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{ns.main}" xmlns:r="{ns.r}">'
            + ("" if self.hidden else '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
            + '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + f'<sheetData>{"".join(out_rows)}</sheetData>'
            + (f"<hyperlinks>{links}</hyperlinks>" if links else "")
            + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            + page + "</worksheet>")


def _display(rows: list[list[Any]], ref: str) -> str:
    from xl_careplan.grid import parse_a1

    r, c = parse_a1(ref)
    try:
        v = rows[r - 1][c - 1]
    except IndexError:
        return ""
    return "" if v is None else str(v)
