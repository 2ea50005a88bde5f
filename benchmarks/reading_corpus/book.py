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


@dataclass(frozen=True)
class Formula:
    """A formula cell with the value Excel last computed (the cached value a reader sees)."""

    formula: str  # without the leading "="
    cached: object  # str, int/float, or a date (written as its serial)
    num_format: str | None = None


@dataclass(frozen=True)
class Shape:
    """A drawing shape over the sheet: a text box with text, or an oval (a circle drawn over a printed word).
    Anchored from (row, col) to (row2, col2), 1-based, both inclusive."""

    kind: str  # "textbox" | "oval"
    row: int
    col: int
    row2: int
    col2: int
    text: str = ""


@dataclass(frozen=True)
class Control:
    """An Excel form control (開発 → 挿入 → フォーム コントロール) over the sheet: a check box or an option button,
    written as a VML legacy drawing shape plus a ctrlProp part, as Excel saves them. Anchored from (row, col) to
    (row2, col2), 1-based, inclusive. ``text``: the control's own caption (often the option's word, the cell under
    it left blank); ``link``: the linked cell (A1) Excel writes TRUE/FALSE or the chosen button's number into;
    ``first``: the first option button of a group."""

    kind: str  # "checkbox" | "radio"
    row: int
    col: int
    row2: int
    col2: int
    text: str = ""
    checked: bool = False
    link: str | None = None
    first: bool = False


@dataclass
class Style:
    bold: bool = False
    wrap: bool = False
    size: float | None = None
    border: bool = False
    center: bool = False
    shrink: bool = False  # shrink to fit
    quote: bool = False  # a leading apostrophe (quotePrefix): a number kept as text


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
    shapes: list[Shape] = field(default_factory=list)
    controls: list[Control] = field(default_factory=list)  # form controls (check boxes, option buttons)
    validations: list[tuple[str, list[str]]] = field(default_factory=list)  # (range A1:B2, list drop-down options)
    header: dict[str, str] = field(default_factory=dict)  # print header: "L" / "C" / "R" -> text
    footer: dict[str, str] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    repeat_rows: tuple[int, int] | None = None  # print titles (rows repeated on every printed page)
    row_breaks: list[int] = field(default_factory=list)  # manual page break after these rows
    state: str = "visible"  # "visible" | "hidden" | "veryHidden" (a sheet only a macro can show)
    protected: bool = False  # sheet protection on (cells locked; values still readable)


class Book:
    def __init__(self) -> None:
        self.sheets: list[Sheet] = []
        self.places: dict[str, list[tuple[str, str]]] = {}  # field key -> cells holding it: [(sheet, A1)]
        # field keys whose value is in no cell (a shape, the print header): no planted truth may expect a finding
        # the reader cannot see from the cells
        self.unseen: set[str] = set()

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
            elif isinstance(v, Formula):
                cell.value = "=" + v.formula  # openpyxl writes no cached value: added after saving
                if v.num_format:
                    cell.number_format = v.num_format
            elif v is not None:
                cell.value = v
            if st.bold or st.size:
                cell.font = Font(bold=st.bold, size=st.size or 11)
            if st.wrap or st.center or st.shrink:
                cell.alignment = Alignment(wrap_text=st.wrap, horizontal="center" if st.center else None,
                                           vertical="top", shrink_to_fit=st.shrink)
            if st.quote:
                cell.quotePrefix = True
            if st.border:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for r1, c1, r2, c2 in sh.merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        for c, w in sh.widths.items():
            ws.column_dimensions[col_letter(c)].width = w
        for c in sh.hidden_cols:
            ws.column_dimensions[col_letter(c)].hidden = True
        for r in sh.hidden_rows:
            ws.row_dimensions[r].hidden = True
        for part, d in (("oddHeader", sh.header), ("oddFooter", sh.footer)):
            for k, text in d.items():
                getattr(getattr(ws, part), {"L": "left", "C": "center", "R": "right"}[k]).text = text
        if sh.repeat_rows:
            ws.print_title_rows = f"{sh.repeat_rows[0]}:{sh.repeat_rows[1]}"
        if sh.row_breaks:
            from openpyxl.worksheet.pagebreak import Break
            for r in sh.row_breaks:
                ws.row_breaks.append(Break(id=r))
        ws.sheet_state = sh.state
        if sh.protected:
            ws.protection.sheet = True
        for ref, options in sh.validations:
            from openpyxl.worksheet.datavalidation import DataValidation
            dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
            dv.add(ref)
            ws.add_data_validation(dv)
    wb.save(path)
    _finish_package(book, path, cached=True)


def save_xlsxwriter(book: Book, path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({"created": dt.datetime(2026, 4, 1, 9, 0)})
    cache: dict[tuple, object] = {}

    def fmt(st: Style, num: str | None):
        k = (st.bold, st.wrap, st.size, st.border, st.center, st.shrink, st.quote, num)
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
            if st.shrink:
                d["shrink"] = True
            if st.quote:
                d["quote_prefix"] = True
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
            num = v.num_format if isinstance(v, (XDate, Formula)) else None
            f = fmt(st, num)
            if isinstance(v, Formula):
                if (r, c) in merged_tl:
                    r2, c2 = merged_tl.pop((r, c))
                    ws.merge_range(r - 1, c - 1, r2 - 1, c2 - 1, "", f)
                ws.write_formula(r - 1, c - 1, "=" + v.formula, f, _cached(v.cached))
                continue
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
            elif isinstance(v, bool):
                ws.write_boolean(r - 1, c - 1, v, f)
            elif isinstance(v, (int, float)):
                ws.write_number(r - 1, c - 1, v, f)
            elif isinstance(v, (dt.date, dt.datetime)):
                ws.write_datetime(r - 1, c - 1, _as_datetime(v), fmt(st, "yyyy/m/d"))
            elif v is None:
                ws.write_blank(r - 1, c - 1, None, f)
            else:
                ws.write_string(r - 1, c - 1, str(v), f)
        for (r1, c1), (r2, c2) in merged_tl.items():  # merges whose top-left holds nothing
            ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "", None)
        for c in sorted(set(sh.widths) | sh.hidden_cols):
            ws.set_column(c - 1, c - 1, sh.widths.get(c), None, {"hidden": True} if c in sh.hidden_cols else {})
        for r in sorted(sh.hidden_rows):
            ws.set_row(r - 1, None, None, {"hidden": True})
        if sh.header:
            ws.set_header("".join(f"&{k}{t}" for k, t in sh.header.items()))
        if sh.footer:
            ws.set_footer("".join(f"&{k}{t}" for k, t in sh.footer.items()))
        if sh.repeat_rows:
            ws.repeat_rows(sh.repeat_rows[0] - 1, sh.repeat_rows[1] - 1)
        if sh.row_breaks:
            ws.set_h_pagebreaks(sh.row_breaks)
        if sh.state == "hidden":
            ws.hide()
        elif sh.state == "veryHidden":
            ws.very_hidden()
        if sh.protected:
            ws.protect()
        for ref, options in sh.validations:
            ws.data_validation(ref, {"validate": "list", "source": options})
    wb.close()
    _finish_package(book, path, cached=False)


def _cached(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return _serial(v)
    return v


def _serial(v: dt.date | dt.datetime) -> float:
    d = _as_datetime(v)
    return (d - dt.datetime(1899, 12, 30)).total_seconds() / 86400


def _finish_package(book: Book, path: Path, cached: bool) -> None:
    """What the writers cannot do, edited into the saved package: formulas' cached values (openpyxl writes
    none) and drawing shapes (text boxes, ovals) as a spreadsheet drawing part per sheet."""
    if not any(sh.shapes or sh.controls for sh in book.sheets) and not (cached and any(
            isinstance(v, Formula) for sh in book.sheets for v, _ in sh.cells.values())):
        return
    import zipfile
    from xml.sax.saxutils import escape

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    wbx = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    targets = dict(re.findall(r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
    targets.update({i: t for t, i in re.findall(r'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    sheet_part = {}
    for m in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", wbx):
        tag = m.group(0)
        name = re.search(r'name="([^"]*)"', tag).group(1)
        rid = re.search(r'r:id="([^"]*)"', tag).group(1)
        t = targets[rid].lstrip("/")
        sheet_part[_unescape(name)] = t if t.startswith("xl/") else "xl/" + t
    ndraw = 0
    for sh in book.sheets:
        part = sheet_part[sh.name]
        x = parts[part].decode()
        if cached:
            for (r, c), (v, _) in sh.cells.items():
                if isinstance(v, Formula):
                    ref = a1(r, c)
                    val = _cached(v.cached)
                    kind = ' t="str"' if isinstance(val, str) else ""
                    x = re.sub(rf'<c r="{ref}"((?: s="\d+")?)( t="\w+")?><f>(.*?)</f><v ?/>(?:</v>)?</c>',
                               lambda m: f'<c r="{ref}"{m.group(1)}{kind}><f>{m.group(3)}</f><v>{escape(str(val))}</v></c>', x)
        if sh.shapes:
            ndraw += 1
            dname = f"xl/drawings/drawing{ndraw}.xml"
            parts[dname] = _drawing_xml(sh.shapes).encode()
            rel_name = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
            rel = f'<Relationship Id="rIdXcp{ndraw}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing{ndraw}.xml"/>'
            if rel_name in parts:
                parts[rel_name] = parts[rel_name].decode().replace("</Relationships>", rel + "</Relationships>").encode()
            else:
                parts[rel_name] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
                                   f'"http://schemas.openxmlformats.org/package/2006/relationships">{rel}</Relationships>').encode()
            if 'xmlns:r="' not in x[:x.index(">", x.index("<worksheet"))]:
                x = x.replace("<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ', 1)
            tag = f'<drawing r:id="rIdXcp{ndraw}"/>'
            for before in ("<legacyDrawing", "<tableParts", "<extLst", "</worksheet>"):
                if before in x:
                    x = x.replace(before, tag + before, 1)
                    break
            ct = parts["[Content_Types].xml"].decode()
            parts["[Content_Types].xml"] = ct.replace("</Types>", f'<Override PartName="/{dname}" ContentType='
                                                      '"application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>').encode()
        if sh.controls:
            x = _add_controls(parts, part, x, sh.controls, book.sheets.index(sh) + 1)
        parts[part] = x.encode()
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    tmp.replace(path)


VML_NS = ('xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
          'xmlns:x="urn:schemas-microsoft-com:office:excel"')


def _add_controls(parts: dict, part: str, x: str, controls: list[Control], n: int) -> str:
    """Form controls as Excel 2010+ saves them: a VML legacy drawing with one shape per control (ClientData
    Checkbox / Radio with Checked, FmlaLink), a ctrlProp part per control, and the sheet's <controls> list."""
    from xml.sax.saxutils import escape

    rel_name = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
    rels = parts[rel_name].decode() if rel_name in parts else (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
        '"http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    ct = parts["[Content_Types].xml"].decode()
    if 'Extension="vml"' not in ct:
        ct = ct.replace("<Default ", '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default ', 1)
    vml = [f'<xml {VML_NS}><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{n}"/></o:shapelayout>'
           '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe">'
           '<v:stroke joinstyle="miter"/><v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>'
           '<o:lock v:ext="edit" shapetype="t"/></v:shapetype>']
    ctl = []
    nprop = sum(1 for k in parts if k.startswith("xl/ctrlProps/"))
    new_rels = []
    for i, c in enumerate(controls):
        sid = n * 1024 + 1 + i
        obj = "Checkbox" if c.kind == "checkbox" else "Radio"
        name = f"{'Check Box' if c.kind == 'checkbox' else 'Option Button'} {i + 1}"
        cap = f'<font face="ＭＳ Ｐゴシック" size="180" color="auto">{escape(c.text)}</font>' if c.text else ""
        anchor = f"{c.col - 1}, 2, {c.row - 1}, 2, {c.col2}, 0, {c.row2}, 0"
        vml.append(
            f'<v:shape id="_x0000_s{sid}" type="#_x0000_t201" style="position:absolute;z-index:{i + 1}" filled="f" '
            f'fillcolor="window [65]" stroked="f" strokecolor="windowText [64]" o:insetmode="auto"><v:textbox '
            f'style="mso-direction-alt:auto" o:singleclick="f"><div style="text-align:left">{cap}</div></v:textbox>'
            f'<x:ClientData ObjectType="{obj}"><x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>'
            f'<x:AutoLine>False</x:AutoLine><x:TextVAlign>Center</x:TextVAlign>'
            + (f"<x:FmlaLink>{c.link}</x:FmlaLink>" if c.link else "")
            + ("<x:Checked>1</x:Checked>" if c.checked else "") + ("<x:FirstButton/>" if c.first else "")
            + "<x:NoThreeD/></x:ClientData></v:shape>")
        nprop += 1
        prop = f"xl/ctrlProps/ctrlProp{nprop}.xml"
        attrs = f'objectType="{"CheckBox" if c.kind == "checkbox" else "Radio"}"'
        if c.checked:
            attrs += ' checked="Checked"'
        if c.first:
            attrs += ' firstButton="1"'
        if c.link:
            attrs += f' fmlaLink="{c.link.replace("$", "")}"'
        parts[prop] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<formControlPr xmlns='
                       f'"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" {attrs} lockText="1" noThreeD="1"/>').encode()
        ct = ct.replace("</Types>", f'<Override PartName="/{prop}" ContentType="application/vnd.ms-excel.controlproperties+xml"/></Types>')
        rid = f"rIdXctl{i + 1}"
        new_rels.append(f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/ctrlProp" Target="../ctrlProps/ctrlProp{nprop}.xml"/>')
        ctl.append(f'<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                   'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><mc:Choice Requires="x14">'
                   f'<control shapeId="{sid}" r:id="{rid}" name="{name}"><controlPr defaultSize="0" autoFill="0" autoLine="0" '
                   'autoPict="0"><anchor moveWithCells="1"><from xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">'
                   f'<xdr:col>{c.col - 1}</xdr:col><xdr:colOff>19050</xdr:colOff><xdr:row>{c.row - 1}</xdr:row><xdr:rowOff>19050</xdr:rowOff></from>'
                   '<to xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">'
                   f'<xdr:col>{c.col2}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{c.row2}</xdr:row><xdr:rowOff>0</xdr:rowOff></to>'
                   '</anchor></controlPr></control></mc:Choice></mc:AlternateContent>')
    vml.append("</xml>")
    vname = f"xl/drawings/vmlDrawingXctl{n}.vml"
    parts[vname] = "".join(vml).encode()
    new_rels.append(f'<Relationship Id="rIdXvml{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawingXctl{n}.vml"/>')
    parts[rel_name] = rels.replace("</Relationships>", "".join(new_rels) + "</Relationships>").encode()
    parts["[Content_Types].xml"] = ct.encode()
    if 'xmlns:r="' not in x[:x.index(">", x.index("<worksheet"))]:
        x = x.replace("<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ', 1)
    tail = f'<legacyDrawing r:id="rIdXvml{n}"/><controls>{"".join(ctl)}</controls>'
    for before in ("<tableParts", "<extLst", "</worksheet>"):
        if before in x:
            return x.replace(before, tail + before, 1)
    return x


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def _drawing_xml(shapes: list[Shape]) -> str:
    from xml.sax.saxutils import escape

    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/'
           'drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">']
    for i, sp in enumerate(shapes, start=2):
        oval = sp.kind == "oval"
        name = f"楕円 {i - 1}" if oval else f"テキスト ボックス {i - 1}"
        paras = "".join(f'<a:p><a:r><a:rPr lang="ja-JP" altLang="en-US" sz="1000"/><a:t>{escape(line)}</a:t></a:r></a:p>'
                        for line in sp.text.split("\n")) if sp.text else '<a:p><a:endParaRPr lang="ja-JP" sz="1000"/></a:p>'
        out.append(
            f'<xdr:twoCellAnchor><xdr:from><xdr:col>{sp.col - 1}</xdr:col><xdr:colOff>{"38100" if oval else "0"}</xdr:colOff>'
            f'<xdr:row>{sp.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{sp.col2}</xdr:col>'
            f'<xdr:colOff>0</xdr:colOff><xdr:row>{sp.row2}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
            f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{i}" name="{name}"/>'
            f'<xdr:cNvSpPr{"" if oval else " txBox=" + chr(34) + "1" + chr(34)}/></xdr:nvSpPr>'
            f'<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm><a:prstGeom prst="{"ellipse" if oval else "rect"}">'
            '<a:avLst/></a:prstGeom><a:noFill/><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></xdr:spPr>'
            f'<xdr:txBody><a:bodyPr vertOverflow="clip" wrap="square" rtlCol="0" anchor="t"/><a:lstStyle/>{paras}</xdr:txBody>'
            '</xdr:sp><xdr:clientData/></xdr:twoCellAnchor>')
    out.append("</xdr:wsDr>")
    return "".join(out)


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
