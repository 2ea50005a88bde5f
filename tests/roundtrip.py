"""Round-trip comparison: did annotating keep everything of the original workbook?

``differences(original, annotated)`` compares, for every sheet of the original: cell values and
formulas (rich text included), number formats, fonts, borders, alignment, protection, fills (except
the cells we coloured), merged ranges, data validations, conditional formatting, hyperlinks, column
widths, row heights, hidden rows/columns, formulas' cached results, freeze panes, page setup, margins, print options, header
and footer, print area and titles, sheet state and protection, and workbook-level defined names,
sheet order and workbook protection. Notes must keep the user's text (our block is ignored).
Our own sheets (点検結果, _xlcp_state) are ignored. Returns a list of readable differences.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from xl_careplan.fields import SHEET_RESULTS
from xl_careplan.writer.annotate import SEVERITY_FILL, STATE_SHEET, strip_our_block

OURS = {SHEET_RESULTS, STATE_SHEET}
OUR_FILLS = {"FF" + c for c in SEVERITY_FILL.values()}


def _load(path: Path):
    return load_workbook(path, rich_text=True, keep_vba=path.suffix.lower() == ".xlsm")


def _obj(o):
    """A comparable form of an openpyxl serialisable object."""
    if o is None:
        return None
    try:
        return repr(sorted((k, _obj(v) if hasattr(v, "__elements__") else repr(v)) for k, v in dict(o).items()))
    except Exception:  # noqa: BLE001
        return repr(o)


def _style(wb, cell, cache: dict) -> dict[str, str]:
    """Comparable style of a cell (a missing cell has the default style), cached per style table entry."""
    arr = cell._style if cell is not None else None
    out = {}
    for attr, table, idx in (
        ("font", wb._fonts, arr.fontId if arr else 0),
        ("border", wb._borders, arr.borderId if arr else 0),
        ("fill", wb._fills, arr.fillId if arr else 0),
        ("alignment", wb._alignments, arr.alignmentId if arr else 0),
        ("protection", wb._protections, arr.protectionId if arr else 0),
    ):
        key = (attr, idx)
        if key not in cache:
            cache[key] = _obj(table[idx])
        out[attr] = cache[key]
    out["number_format"] = cell.number_format if cell is not None else "General"
    return out


def _header_footer(ws):
    """What prints: texts of every header and footer part (empty elements and false flags are no header)."""
    hf = ws.HeaderFooter
    parts = []
    for name in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"):
        item = getattr(hf, name)
        for pos in ("left", "center", "right"):
            part = getattr(item, pos)
            parts.append((part.text or "", part.font, part.size, part.color))
    return (bool(hf.differentFirst), bool(hf.differentOddEven), bool(hf.scaleWithDoc is not False),
            bool(hf.alignWithMargins is not False), tuple(parts))


def _dv(ws):
    return sorted(
        (str(dv.sqref), dv.type, dv.formula1, dv.formula2, dv.operator, dv.allow_blank, dv.showErrorMessage,
         dv.showInputMessage, dv.prompt, dv.error, dv.errorTitle, dv.promptTitle)
        for dv in ws.data_validations.dataValidation
    )


def _cf(ws):
    out = []
    for rng in ws.conditional_formatting:
        for rule in rng.rules:
            out.append((str(rng.sqref), rule.type, rule.operator, tuple(rule.formula or ()), rule.priority,
                        _obj(rule.dxf)))
    return sorted(out)


def _names(wb):
    out = {name: dn.attr_text for name, dn in wb.defined_names.items()}
    for ws in wb.worksheets:
        for name, dn in ws.defined_names.items():
            out[f"{ws.title}!{name}"] = dn.attr_text
    return out


def differences(original: str | Path, annotated: str | Path, *, coloured: set[tuple[str, str]] | None = None) -> list[str]:
    """Everything of ``original`` that ``annotated`` does not keep (empty list: nothing lost).

    ``coloured``: cells we filled; by default any cell whose fill is one of our severity colours.
    """
    a, b = _load(Path(original)), _load(Path(annotated))
    diffs: list[str] = []
    cache_a: dict = {}
    cache_b: dict = {}

    def d(msg):
        if len(diffs) < 50:
            diffs.append(msg)

    sheets_a = [s for s in a.sheetnames]
    sheets_b = [s for s in b.sheetnames if s not in OURS or s in sheets_a]
    if sheets_a != sheets_b:
        d(f"sheets {sheets_a} != {sheets_b}")
    if _names(a) != _names(b):
        d(f"defined names {_names(a)} != {_names(b)}")
    if _obj(a.security) != _obj(b.security):
        d("workbook protection")
    for title in sheets_a:
        if title in OURS or title not in b.sheetnames:
            continue
        wa, wb_ = a[title], b[title]
        if wa.sheet_state != wb_.sheet_state:
            d(f"{title}: state {wa.sheet_state} != {wb_.sheet_state}")
        keys = set(wa._cells) | set(wb_._cells)
        for key in sorted(keys):
            ca, cb = wa._cells.get(key), wb_._cells.get(key)
            ref = f"{title}!{(ca or cb).coordinate}"
            va = ca.value if ca is not None else None
            vb = cb.value if cb is not None else None
            if va != vb or type(va) is not type(vb):
                d(f"{ref}: value {va!r} != {vb!r}")
            sig_a, sig_b = _style(a, ca, cache_a), _style(b, cb, cache_b)
            for attr in ("number_format", "font", "border", "alignment", "protection"):
                if sig_a[attr] != sig_b[attr]:
                    d(f"{ref}: {attr} differs")
            ours = (coloured is not None and (title, (ca or cb).coordinate) in coloured) or (
                coloured is None and cb is not None and cb.fill is not None and cb.fill.fill_type == "solid"
                and str(cb.fill.fgColor.rgb) in OUR_FILLS)
            if not ours and sig_a["fill"] != sig_b["fill"]:
                d(f"{ref}: fill differs")
            na = strip_our_block(ca.comment.text) if ca is not None and ca.comment else None
            nb = strip_our_block(cb.comment.text) if cb is not None and cb.comment else None
            if na != nb:
                d(f"{ref}: note {na!r} != {nb!r}")
            ha = ca.hyperlink.target if ca is not None and ca.hyperlink else None
            hb = cb.hyperlink.target if cb is not None and cb.hyperlink else None
            if ha != hb:
                d(f"{ref}: hyperlink {ha!r} != {hb!r}")
        if sorted(map(str, wa.merged_cells.ranges)) != sorted(map(str, wb_.merged_cells.ranges)):
            d(f"{title}: merged ranges differ")
        if _dv(wa) != _dv(wb_):
            d(f"{title}: data validation {_dv(wa)} != {_dv(wb_)}")
        if _cf(wa) != _cf(wb_):
            d(f"{title}: conditional formatting differs")
        for col in set(wa.column_dimensions) | set(wb_.column_dimensions):
            x, y = wa.column_dimensions[col], wb_.column_dimensions[col]
            if (x.width, x.hidden, x.min, x.max) != (y.width, y.hidden, y.min, y.max):
                d(f"{title}: column {col} width/hidden {(x.width, x.hidden)} != {(y.width, y.hidden)}")
        for row in set(wa.row_dimensions) | set(wb_.row_dimensions):
            x, y = wa.row_dimensions[row], wb_.row_dimensions[row]
            if (x.height, x.hidden) != (y.height, y.hidden):
                d(f"{title}: row {row} height/hidden {(x.height, x.hidden)} != {(y.height, y.hidden)}")
        for attr in ("page_setup", "page_margins", "print_options", "sheet_properties", "protection", "views"):
            if _obj(getattr(wa, attr)) != _obj(getattr(wb_, attr)):
                d(f"{title}: {attr} differs")
        if _header_footer(wa) != _header_footer(wb_):
            d(f"{title}: header/footer differs")
        if (wa.print_area, wa.print_title_rows, wa.print_title_cols, wa.freeze_panes) != \
                (wb_.print_area, wb_.print_title_rows, wb_.print_title_cols, wb_.freeze_panes):
            d(f"{title}: print area / titles / freeze panes differ")
        if len(wa._charts) != len(wb_._charts) or len(wa._images) != len(wb_._images):
            d(f"{title}: charts/images {len(wa._charts)}/{len(wa._images)} != {len(wb_._charts)}/{len(wb_._images)}")
        if sorted(wa.tables) != sorted(wb_.tables):
            d(f"{title}: tables differ")
    # cached results of formulas (what readers that do not calculate see)
    has_formula = any(isinstance(c.value, str) and c.value.startswith("=") for ws in a.worksheets
                      for c in ws._cells.values())
    if not has_formula:
        return diffs
    va, vb = load_workbook(Path(original), data_only=True), load_workbook(Path(annotated), data_only=True)
    for title in sheets_a:
        if title in OURS or title not in vb.sheetnames:
            continue
        for key, cell in va[title]._cells.items():
            if isinstance(a[title]._cells.get(key).value, str) and str(a[title]._cells[key].value).startswith("="):
                other = vb[title]._cells.get(key)
                if other is None or other.value != cell.value:
                    d(f"{title}!{cell.coordinate}: cached result {cell.value!r} != {None if other is None else other.value!r}")
    return diffs
