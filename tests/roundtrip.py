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


# --------------------------------------------------------------------------- package contract

import re as _re
import zipfile as _zipfile
from xml.etree import ElementTree as _ET

from xl_careplan import ooxml as _ox
from xl_careplan.writer.annotate import NOTE_MARKER as _MARKER

_M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"  # set per package (Strict has its own)


def _c14n(el) -> str:
    """Canonical XML of an element, its tail text (which ``tostring`` would append) compared as text."""
    tail, el.tail = el.tail, None
    try:
        return _ET.canonicalize(_ET.tostring(el, encoding="unicode")) + repr((tail or "").strip())
    finally:
        el.tail = tail


def _strip_cells(root, keep_refs: set[str] | None, keep_rows: set[str] = frozenset()) -> None:
    """Drop s="" from every cell; with ``keep_refs``, drop cells not in it that hold nothing (ours), and
    rows not in ``keep_rows`` left empty."""
    for row in root.iter(f"{_M}row"):
        for c in list(row):
            if c.tag != f"{_M}c":
                continue
            c.attrib.pop("s", None)
            if keep_refs is not None and c.get("r") not in keep_refs and len(c) == 0:
                row.remove(c)
        if keep_refs is not None and "spans" in row.attrib:
            row.attrib.pop("spans")
    if keep_refs is not None:
        for sd in root.iter(f"{_M}sheetData"):
            for row in list(sd):
                if len(row) == 0 and row.get("r") not in keep_rows:
                    sd.remove(row)


def _sheet_diff(a: bytes, b: bytes, name: str) -> list[str]:
    ra, rb = _ET.fromstring(a), _ET.fromstring(b)
    refs = {c.get("r") for c in ra.iter(f"{_M}c")}
    rows = {r.get("r") for r in ra.iter(f"{_M}row")}
    _strip_cells(ra, None)
    for row in ra.iter(f"{_M}row"):
        row.attrib.pop("spans", None)
    _strip_cells(rb, refs, rows)
    if rb.find(f"{_M}legacyDrawing") is not None and ra.find(f"{_M}legacyDrawing") is None:
        rb.remove(rb.find(f"{_M}legacyDrawing"))
    return [] if _c14n(ra) == _c14n(rb) else [f"{name}: changed beyond cell formats and our legacyDrawing"]


def _styles_diff(a: bytes, b: bytes) -> list[str]:
    ra, rb = _ET.fromstring(a), _ET.fromstring(b)
    out = []
    for sec in ("fonts", "fills", "borders", "cellXfs"):
        ea, eb = ra.find(f"{_M}{sec}"), rb.find(f"{_M}{sec}")
        if ea is None and eb is not None:
            rb.remove(eb)
            continue
        if ea is None:
            continue
        la, lb = list(ea), list(eb)
        if [_c14n(x) for x in la] != [_c14n(x) for x in lb[:len(la)]]:
            out.append(f"styles: {sec} not kept as a prefix")
        for x in lb[len(la):]:
            eb.remove(x)
        ea.attrib.pop("count", None)
        eb.attrib.pop("count", None)
    if _c14n(ra) != _c14n(rb):
        out.append("styles: changed beyond appended fonts/fills/cellXfs")
    return out


def _workbook_diff(a: bytes, b: bytes) -> list[str]:
    ra, rb = _ET.fromstring(a), _ET.fromstring(b)
    names = {s.get("name") for s in ra.iter(f"{_M}sheet")}
    for sheets in rb.iter(f"{_M}sheets"):
        for s in list(sheets):
            if s.get("name") not in names:
                sheets.remove(s)
            elif s.get("name") in OURS:
                s.attrib.pop("state", None)
    for s in ra.iter(f"{_M}sheet"):
        if s.get("name") in OURS:
            s.attrib.pop("state", None)
    return [] if _c14n(ra) == _c14n(rb) else ["workbook.xml: changed beyond our sheets"]


def _set_diff(a: bytes, b: bytes, name: str) -> list[str]:
    """rels / content types: every original entry still there, unchanged."""
    ea = {_c14n(x) for x in _ET.fromstring(a)}
    eb = {_c14n(x) for x in _ET.fromstring(b)}
    return [] if ea <= eb else [f"{name}: entries removed or changed"]


def _comments_diff(a: bytes, b: bytes, name: str) -> list[str]:
    ra, rb = _ET.fromstring(a), _ET.fromstring(b)
    out = []
    aa = [x.text for x in ra.iter(f"{_M}author")]
    ab = [x.text for x in rb.iter(f"{_M}author")]
    if ab[:len(aa)] != aa:
        out.append(f"{name}: authors changed")
    cb = {c.get("ref"): c for c in rb.iter(f"{_M}comment")}
    for c in ra.iter(f"{_M}comment"):
        mine = cb.get(c.get("ref"))
        text_a = c.find(f"{_M}text")
        if mine is None:
            if _MARKER not in "".join(text_a.itertext()):
                out.append(f"{name}: the user's note on {c.get('ref')} was removed")
            continue
        text_b = mine.find(f"{_M}text")
        kids_a = [x for x in text_a if _MARKER not in "".join(x.itertext())]
        kids_b = [x for x in text_b if _MARKER not in "".join(x.itertext())]
        if [_c14n(x) for x in kids_a] != [_c14n(x) for x in kids_b] or \
                {k: v for k, v in c.attrib.items()} != {k: v for k, v in mine.attrib.items()}:
            out.append(f"{name}: the user's note on {c.get('ref')} changed")
    return out


class _Zip:
    """A package read by part name (any case, '\\' or '/'), the parts' roles found from the relationships."""

    def __init__(self, z: _zipfile.ZipFile):
        self.z = z
        self.members = _ox.member_index(z.namelist())
        self.workbook = _ox.workbook_part(self.read) or _ox.DEFAULT_WORKBOOK
        wb = self.read(self.workbook) or b""
        self.dialect = _ox.dialect_of(wb) or _ox.TRANSITIONAL
        self.roles: dict[str, str] = {_ox.part_key(self.workbook): "workbook", _ox.part_key(_ox.CONTENT_TYPES): "set"}
        self.sheets: dict[str, str] = {}  # part key of a worksheet -> sheet name
        rels = self._rels(self.workbook)
        for r in rels.values():
            kind = _ox.rel_kind(r["Type"])
            if kind in (_ox.STYLES, _ox.WORKSHEET):
                self.roles[_ox.part_key(_ox.resolve(self.workbook, r["Target"]))] = kind
        try:
            root = _ET.fromstring(wb)
            for s in root.iter(f"{{{self.dialect.main}}}sheet"):
                r = rels.get(s.get(f"{{{self.dialect.r}}}id"))
                if r is not None:
                    self.sheets[_ox.part_key(_ox.resolve(self.workbook, r["Target"]))] = s.get("name")
        except _ET.ParseError:
            pass
        for key, role in list(self.roles.items()):
            if role == _ox.WORKSHEET:
                for r in self._rels(key).values():
                    if _ox.rel_kind(r["Type"]) in (_ox.COMMENTS, _ox.VML_DRAWING):
                        self.roles[_ox.part_key(_ox.resolve(key, r["Target"]))] = _ox.rel_kind(r["Type"])

    def read(self, part: str) -> bytes | None:
        m = self.members.get(_ox.part_key(part))
        return None if m is None else self.z.read(m)

    def _rels(self, part: str) -> dict[str, dict]:
        data = self.read(_ox.rels_path(part))
        items = _ox.relationships(_ox.decode(data)) if data else []
        return {r["Id"]: r for r in items if r["TargetMode"] != "External" and r["Target"]}

    def role(self, key: str) -> str | None:
        if key.endswith(".rels"):
            return "set"
        if key.endswith(".vml"):
            return _ox.VML_DRAWING
        return self.roles.get(key)


def contract_violations(original: str | Path, written: str | Path) -> list[str]:
    """The writer's package contract: parts we do not edit are byte-identical; in the parts we edit,
    everything but our changes is unchanged (canonical XML); nothing is removed; new parts are ours.
    Parts are matched by part name and given their role by the relationships (any workbook location,
    Transitional or Strict)."""
    global _M
    out: list[str] = []
    with _zipfile.ZipFile(original) as za, _zipfile.ZipFile(written) as zb:
        pa, pb = _Zip(za), _Zip(zb)
        _M = f"{{{pa.dialect.main}}}"
        na, nb = set(pa.members), set(pb.members)
        out += [f"{pa.members[n]}: removed" for n in sorted(na - nb)]
        # new parts are ours (a workbook without styles gets its styles part where readers look for it)
        out += [f"{pb.members[n]}: added, not ours" for n in sorted(nb - na)
                if "xlcp" not in n and not n.endswith(".rels") and pb.role(n) != _ox.STYLES]
        for n in sorted(na & nb):
            a, b = za.read(pa.members[n]), zb.read(pb.members[n])
            if a == b:
                continue
            role = pa.role(n)
            name = pa.members[n]
            if role is None:
                out.append(f"{name}: changed (must be byte-identical)")
            elif role == "set":
                out += _set_diff(a, b, name)
            elif role == "workbook":
                out += _workbook_diff(a, b)
            elif role == _ox.STYLES:
                out += _styles_diff(a, b)
            elif role == _ox.COMMENTS:
                out += _comments_diff(a, b, name)
            elif role == _ox.WORKSHEET:
                if pa.sheets.get(n) not in OURS:
                    out += _sheet_diff(a, b, name)
            # .vml: Excel's VML is not always XML; the note tests check its shapes
    return out
