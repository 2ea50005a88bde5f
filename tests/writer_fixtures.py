"""Workbooks for the writer tests: a template-like plan and variants holding special parts.

Special parts are written straight into the zip (no Excel, no Pillow needed), the way Excel
stores them, so the tests exercise what openpyxl does with each of them on load + save.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def plain_plan(path: Path, *, chart: bool = False) -> Path:
    """A small plan-like workbook: merges, validation, names, widths, heights, print setup, a formula."""
    wb = Workbook()
    ws = wb.active
    ws.title = "第1表"
    ws["A1"] = "居宅サービス計画書（1）"
    ws["I1"] = "作成日"
    ws["K1"] = "2026-11-01"
    ws.merge_cells("K1:L1")
    ws["A4"] = "利用者名"
    ws["B4"] = "テスト　太郎"
    ws.merge_cells("B4:C4")
    ws["A8"] = "要介護状態区分"
    ws["B8"] = "要介護2"
    ws["A11"] = "総合的な援助の方針"
    ws["B11"] = "自宅での生活を続けられるよう支援します。"
    ws.merge_cells("B11:L11")
    ws["B11"].fill = PatternFill("solid", fgColor="FFFFF2CC")  # a user's own fill
    ws["A12"] = "合計"
    ws["B12"] = 3
    ws["C12"] = 4
    ws["D12"] = "=B12+C12"
    ws["A4"].font = Font(bold=True)
    ws["A13"] = CellRichText(["確認事項: ", TextBlock(InlineFont(b=True, color="FFFF0000"), "要再確認"), "（担当者）"])
    ws["B8"].comment = Comment("区分変更申請中", "担当者")
    dv = DataValidation(type="list", formula1='"要支援1,要支援2,要介護1,要介護2,要介護3,要介護4,要介護5"', allow_blank=True)
    dv.add("B8")
    ws.add_data_validation(dv)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 22
    ws.row_dimensions[11].height = 48
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_area = "A1:L14"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = 0.4
    ws.oddHeader.center.text = "居宅サービス計画書"
    wb.defined_names["cp_user_name"] = DefinedName("cp_user_name", attr_text="'第1表'!$B$4")
    wb.defined_names["cp_care_level"] = DefinedName("cp_care_level", attr_text="'第1表'!$B$8")
    ws2 = wb.create_sheet("第2表")
    ws2["A4"] = "生活全般の解決すべき課題（ニーズ）"
    ws2["A6"] = "一人で入浴できない"
    ws2["B6"] = "安心して入浴できる"
    ws2["C6"] = "2026/12/1～2027/5/31"
    ws2.freeze_panes = "A6"
    if chart:
        ws3 = wb.create_sheet("集計")
        for i, (k, v) in enumerate([("訪問介護", 8), ("通所介護", 4), ("福祉用具", 1)], start=1):
            ws3.cell(row=i, column=1, value=k)
            ws3.cell(row=i, column=2, value=v)
        ch = BarChart()
        ch.title = "サービス回数"
        ch.add_data(Reference(ws3, min_col=2, min_row=1, max_row=3))
        ch.set_categories(Reference(ws3, min_col=1, min_row=1, max_row=3))
        ws3.add_chart(ch, "D2")
    wb.save(path)
    return path


# --- zip surgery ---------------------------------------------------------------------------------
def _rewrite(path: Path, edits: dict[str, bytes | str | None], extra: dict[str, bytes | str] | None = None,
             dest: Path | None = None) -> Path:
    """Copy the zip with some parts replaced (None deletes) and others added."""
    dest = dest or path
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    tmp = dest.with_suffix(dest.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            if info.filename in edits:
                new = edits[info.filename]
                if new is None:
                    continue
                data = new.encode("utf-8") if isinstance(new, str) else new
            out.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    tmp.replace(dest)
    return dest


def _read(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def _names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return z.namelist()


def _add_ct(ct: str, *, default: tuple[str, str] | None = None, override: tuple[str, str] | None = None) -> str:
    if default and f'Extension="{default[0]}"' not in ct:
        ct = ct.replace("</Types>", f'<Default Extension="{default[0]}" ContentType="{default[1]}"/></Types>')
    if override:
        ct = ct.replace("</Types>", f'<Override PartName="{override[0]}" ContentType="{override[1]}"/></Types>')
    return ct


def _add_rel(rels: str | None, rid: str, rtype: str, target: str, external: bool = False) -> str:
    if rels is None:
        rels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
    mode = ' TargetMode="External"' if external else ""
    return rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{rtype}" Target="{target}"{mode}/></Relationships>')


from xl_careplan.ooxml import WORKSHEET_ORDER as _WS_ORDER  # noqa: E402 - the schema order, in one place


def _insert_ws(xml: str, tag: str, snippet: str) -> str:
    """Insert an element into a worksheet at its schema position."""
    later = _WS_ORDER[_WS_ORDER.index(tag) + 1:]
    for t in later:
        m = re.search(rf"<{t}[\s>/]", xml)
        if m:
            return xml[: m.start()] + snippet + xml[m.start():]
    return xml.replace("</worksheet>", snippet + "</worksheet>")


def _with_r_ns(xml: str) -> str:
    root = xml[xml.index("<worksheet"): xml.index(">", xml.index("<worksheet"))]
    if 'xmlns:r="' not in root:
        xml = xml.replace("<worksheet ", f'<worksheet xmlns:r="{NS_R}" ', 1)
    return xml


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


_ANCHOR = ('<xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>'
           '<xdr:to><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>4</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>')
_DRAWING_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr '
                 'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
                 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                 f'xmlns:r="{NS_R}">')


def _attach_drawing(path: Path, body: str, drawing_rels: str | None, extra: dict) -> Path:
    sheet = "xl/worksheets/sheet1.xml"
    srels = "xl/worksheets/_rels/sheet1.xml.rels"
    names = _names(path)
    ws = _with_r_ns(_read(path, sheet))
    ws = _insert_ws(ws, "drawing", '<drawing r:id="rIdXd1"/>')
    rels = _add_rel(_read(path, srels) if srels in names else None, "rIdXd1",
                    f"{NS_R}/drawing", "../drawings/drawing91.xml")
    ct = _add_ct(_read(path, "[Content_Types].xml"),
                 override=("/xl/drawings/drawing91.xml", "application/vnd.openxmlformats-officedocument.drawing+xml"))
    ct = _add_ct(ct, default=("png", "image/png"))
    edits = {sheet: ws, "[Content_Types].xml": ct}
    add = dict(extra)
    add["xl/drawings/drawing91.xml"] = _DRAWING_HEAD + body + "</xdr:wsDr>"
    if drawing_rels:
        add["xl/drawings/_rels/drawing91.xml.rels"] = drawing_rels
    if srels in names:
        edits[srels] = rels
    else:
        add[srels] = rels
    return _rewrite(path, edits, add)


def with_image(path: Path) -> Path:
    """A picture (e.g. an office logo or seal) anchored on 第1表."""
    plain_plan(path)
    pic = ('<xdr:twoCellAnchor editAs="oneCell">' + _ANCHOR +
           '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="図 1" descr="事業所ロゴ"/><xdr:cNvPicPr>'
           '<a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rIdImg1"/>'
           '<a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/>'
           '<a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
           '</xdr:pic><xdr:clientData/></xdr:twoCellAnchor>')
    drels = _add_rel(None, "rIdImg1", f"{NS_R}/image", "../media/image91.png")
    return _attach_drawing(path, pic, drels, {"xl/media/image91.png": tiny_png()})


def with_shape(path: Path) -> Path:
    """A text box shape (xdr:sp), as offices use for stamps and remarks."""
    plain_plan(path)
    sp = ('<xdr:twoCellAnchor>' + _ANCHOR +
          '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="3" name="テキスト ボックス 2"/><xdr:cNvSpPr txBox="1"/>'
          '</xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="457200"/></a:xfrm>'
          '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/>'
          '<a:p><a:r><a:rPr lang="ja-JP"/><a:t>確認印</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/>'
          '</xdr:twoCellAnchor>')
    return _attach_drawing(path, sp, None, {})


def with_chart(path: Path) -> Path:
    return plain_plan(path, chart=True)


def with_checkbox(path: Path) -> Path:
    """A form-control check box (ctrlProps + VML + <controls> in the sheet), as Excel writes it."""
    plain_plan(path)
    sheet = "xl/worksheets/sheet1.xml"
    srels = "xl/worksheets/_rels/sheet1.xml.rels"
    names = _names(path)
    ws = _with_r_ns(_read(path, sheet))
    ws = ws.replace("<worksheet ", '<worksheet xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" ', 1)
    controls = ('<mc:AlternateContent><mc:Choice Requires="x14"><controls><mc:AlternateContent>'
                '<mc:Choice Requires="x14"><control shapeId="1025" r:id="rIdCtl1" name="Check Box 1">'
                '<controlPr defaultSize="0" autoFill="0" autoLine="0" autoPict="0"><anchor moveWithCells="1">'
                '<from><xdr:col xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">5</xdr:col>'
                '<xdr:colOff xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">0</xdr:colOff>'
                '<xdr:row xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">2</xdr:row>'
                '<xdr:rowOff xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">0</xdr:rowOff></from>'
                '<to><xdr:col xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">6</xdr:col>'
                '<xdr:colOff xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">0</xdr:colOff>'
                '<xdr:row xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">3</xdr:row>'
                '<xdr:rowOff xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">0</xdr:rowOff></to>'
                '</anchor></controlPr></control></mc:Choice></mc:AlternateContent></controls></mc:Choice></mc:AlternateContent>')
    # the check box's VML shape lives in the sheet's legacy drawing (the plain plan already has one for its note)
    legacy = re.search(r'<legacyDrawing r:id="([^"]+)"', ws)
    ws = _insert_ws(ws, "controls", controls) if legacy is None else ws.replace(
        legacy.group(0), legacy.group(0), 1)
    if legacy is not None:
        i = ws.index("/>", ws.index("<legacyDrawing")) + 2
        ws = ws[:i] + controls + ws[i:]
    rels = _add_rel(_read(path, srels) if srels in names else None, "rIdCtl1",
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/ctrlProp",
                    "../ctrlProps/ctrlProp1.xml")
    ct = _add_ct(_read(path, "[Content_Types].xml"),
                 override=("/xl/ctrlProps/ctrlProp1.xml", "application/vnd.ms-excel.controlproperties+xml"))
    ctrl = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<formControlPr '
            'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" objectType="CheckBox" '
            'checked="Checked" lockText="1" fmlaLink="$H$3"/>')
    edits = {sheet: ws, "[Content_Types].xml": ct}
    add = {"xl/ctrlProps/ctrlProp1.xml": ctrl}
    if srels in names:
        edits[srels] = rels
    else:
        add[srels] = rels
    return _rewrite(path, edits, add)


def fake_vba_project() -> bytes:
    """Not a real VBA project: openpyxl copies vbaProject.bin as bytes, which is all we test."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"xl_careplan test vba project".ljust(504, b"\x00")


def as_xlsm(path: Path) -> Path:
    """A macro-enabled workbook (.xlsm) with a vbaProject.bin part."""
    assert path.suffix == ".xlsm"
    plain_plan(path)
    ct = _read(path, "[Content_Types].xml")
    ct = ct.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    ct = _add_ct(ct, default=("bin", "application/vnd.ms-office.vbaProject"))
    rels = _add_rel(_read(path, "xl/_rels/workbook.xml.rels"), "rIdVba1",
                    "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin")
    return _rewrite(path, {"[Content_Types].xml": ct, "xl/_rels/workbook.xml.rels": rels},
                    {"xl/vbaProject.bin": fake_vba_project()})


def with_threaded_comment(path: Path) -> Path:
    """An Excel 365 threaded comment (with its legacy note placeholder, as Excel writes both)."""
    plain_plan(path)
    srels = "xl/worksheets/_rels/sheet1.xml.rels"
    tc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments '
          'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
          '<threadedComment ref="B8" dT="2026-11-20T10:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" '
          'id="{00000000-0000-0000-0000-0000000000A1}"><text>区分変更の結果待ち</text></threadedComment>'
          '<threadedComment ref="B8" dT="2026-11-21T10:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" '
          'id="{00000000-0000-0000-0000-0000000000A2}" parentId="{00000000-0000-0000-0000-0000000000A1}">'
          '<text>返信: 12月に結果</text></threadedComment></ThreadedComments>')
    rels = _add_rel(_read(path, srels), "rIdTc1",
                    "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
                    "../threadedComments/threadedComment1.xml")
    ct = _add_ct(_read(path, "[Content_Types].xml"),
                 override=("/xl/threadedComments/threadedComment1.xml", "application/vnd.ms-excel.threadedcomments+xml"))
    return _rewrite(path, {srels: rels, "[Content_Types].xml": ct}, {"xl/threadedComments/threadedComment1.xml": tc})


def with_x14_validation(path: Path) -> Path:
    """A list validation whose source is another sheet, stored by Excel in the x14 extLst."""
    plain_plan(path)
    sheet = "xl/worksheets/sheet1.xml"
    ws = _read(path, sheet)
    ws = ws.replace("<worksheet ", '<worksheet xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
                    'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" ', 1)
    ext = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1">'
           '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>第2表!$A$6:$A$10</xm:f></x14:formula1>'
           '<xm:sqref>B3</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>')
    ws = ws.replace("</worksheet>", ext + "</worksheet>")
    return _rewrite(path, {sheet: ws})


def with_custom_xml(path: Path) -> Path:
    plain_plan(path)
    rels = _add_rel(_read(path, "_rels/.rels"), "rIdCx1",
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml", "customXml/item1.xml")
    item = '<?xml version="1.0" encoding="UTF-8"?><plan xmlns="urn:example:careplan"><id>0001</id></plan>'
    return _rewrite(path, {"_rels/.rels": rels}, {"customXml/item1.xml": item})


def with_protection(path: Path) -> Path:
    plain_plan(path)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["第1表"].protection.sheet = True
    wb["第1表"].protection.password = "test"
    from openpyxl.workbook.protection import WorkbookProtection

    wb.security = WorkbookProtection(workbookPassword="test", lockStructure=True)
    wb.save(path)
    return path


def with_conditional_format(path: Path) -> Path:
    plain_plan(path)
    from openpyxl import load_workbook
    from openpyxl.formatting.rule import CellIsRule

    wb = load_workbook(path)
    wb["第1表"].conditional_formatting.add(
        "B12:C12", CellIsRule(operator="greaterThan", formula=["3"], fill=PatternFill("solid", bgColor="FFC7CE")))
    wb.save(path)
    return path


def with_external_link(path: Path) -> Path:
    plain_plan(path)
    wbrels = _add_rel(_read(path, "xl/_rels/workbook.xml.rels"), "rIdExt1",
                      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink",
                      "externalLinks/externalLink1.xml")
    wbx = _read(path, "xl/workbook.xml")
    wbx = wbx.replace("</sheets>", '</sheets><externalReferences><externalReference r:id="rIdExt1"/></externalReferences>')
    if 'xmlns:r="' not in wbx[: wbx.index(">", wbx.index("<workbook"))]:
        wbx = wbx.replace("<workbook ", f'<workbook xmlns:r="{NS_R}" ', 1)
    link = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink '
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{NS_R}"><externalBook r:id="rId1"><sheetNames><sheetName val="一覧"/></sheetNames>'
            '<sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>事業所</v></cell></row>'
            '</sheetData></sheetDataSet></externalBook></externalLink>')
    lrels = _add_rel(None, "rId1", f"{NS_R}/externalLinkPath", "file:///C:/care/office.xlsx", external=True)
    ct = _add_ct(_read(path, "[Content_Types].xml"),
                 override=("/xl/externalLinks/externalLink1.xml",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"))
    return _rewrite(path, {"xl/_rels/workbook.xml.rels": wbrels, "xl/workbook.xml": wbx, "[Content_Types].xml": ct},
                    {"xl/externalLinks/externalLink1.xml": link,
                     "xl/externalLinks/_rels/externalLink1.xml.rels": lrels})


def with_cached_results(path: Path) -> Path:
    """Formulas with cached results, as Excel saves them (利用者名 repeated on 第2表 by a formula)."""
    plain_plan(path)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["第2表"]["B2"] = "=第1表!B4"
    wb["第2表"]["C2"] = "=第1表!B12>2"
    wb.save(path)
    s1, s2 = _read(path, "xl/worksheets/sheet1.xml"), _read(path, "xl/worksheets/sheet2.xml")
    s1 = s1.replace("<f>B12+C12</f><v />", "<f>B12+C12</f><v>7</v>")
    s2 = s2.replace('<c r="B2"><f>', '<c r="B2" t="str"><f>').replace("<f>第1表!B4</f><v />", "<f>第1表!B4</f><v>テスト　太郎</v>")
    s2 = s2.replace('<c r="C2"><f>', '<c r="C2" t="b"><f>').replace("<f>第1表!B12&gt;2</f><v />", "<f>第1表!B12&gt;2</f><v>1</v>")
    assert "<v>7</v>" in s1 and "テスト　太郎</v>" in s2 and "<v>1</v>" in s2
    return _rewrite(path, {"xl/worksheets/sheet1.xml": s1, "xl/worksheets/sheet2.xml": s2})


def with_excel_chart(path: Path) -> Path:
    """A chart as Excel 2016 saves it: style and colour parts, and an extension openpyxl does not model."""
    with_chart(path)
    chart = _read(path, "xl/charts/chart1.xml")
    chart = chart.replace("</chartSpace>", '<extLst><ext uri="{781A3756-C4B2-4CAC-9D66-4F8BD8637D16}" '
                          'xmlns:c16r3="http://schemas.microsoft.com/office/drawing/2017/03/chart">'
                          '<c16r3:dataDisplayOptions16><c16r3:dispNaAsBlank val="1"/></c16r3:dataDisplayOptions16>'
                          '</ext></extLst></chartSpace>')
    style = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cs:chartStyle '
             'xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" '
             'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" id="201"/>')
    colors = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cs:colorStyle '
              'xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" meth="cycle" id="10">'
              '<a:schemeClr val="accent1"/></cs:colorStyle>')
    rels = _add_rel(None, "rId1", "http://schemas.microsoft.com/office/2011/relationships/chartStyle", "style1.xml")
    rels = _add_rel(rels, "rId2", "http://schemas.microsoft.com/office/2011/relationships/chartColorStyle", "colors1.xml")
    ct = _add_ct(_read(path, "[Content_Types].xml"),
                 override=("/xl/charts/style1.xml", "application/vnd.ms-office.chartstyle+xml"))
    ct = _add_ct(ct, override=("/xl/charts/colors1.xml", "application/vnd.ms-office.chartcolorstyle+xml"))
    return _rewrite(path, {"xl/charts/chart1.xml": chart, "[Content_Types].xml": ct},
                    {"xl/charts/style1.xml": style, "xl/charts/colors1.xml": colors,
                     "xl/charts/_rels/chart1.xml.rels": rels})


def with_printer_settings(path: Path) -> Path:
    """Printer driver settings (DEVMODE: tray, duplex) linked from <pageSetup r:id>, as Excel saves them."""
    plain_plan(path)
    s = _with_r_ns(_read(path, "xl/worksheets/sheet1.xml"))
    s = re.sub(r"<pageSetup ([^/]*)/>", r'<pageSetup \1 r:id="rIdPs1"/>', s)
    assert 'r:id="rIdPs1"' in s
    rels = _add_rel(_read(path, "xl/worksheets/_rels/sheet1.xml.rels"), "rIdPs1",
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings",
                    "../printerSettings/printerSettings1.bin")
    ct = _add_ct(_read(path, "[Content_Types].xml"),
                 default=("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"))
    return _rewrite(path, {"xl/worksheets/sheet1.xml": s, "xl/worksheets/_rels/sheet1.xml.rels": rels,
                           "[Content_Types].xml": ct},
                    {"xl/printerSettings/printerSettings1.bin": devmode()})


def devmode() -> bytes:
    return "Canon LBP 事務所".encode("utf-16-le").ljust(64, b"\0") + bytes(range(156))


def with_sparkline(path: Path) -> Path:
    """A sparkline (x14 extension of the sheet) next to the totals row."""
    plain_plan(path)
    sheet = "xl/worksheets/sheet1.xml"
    ws = _read(path, sheet)
    ext = ('<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" '
           'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
           '<x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/>'
           '<x14:sparklines><x14:sparkline><xm:f>第1表!B12:C12</xm:f><xm:sqref>E12</xm:sqref></x14:sparkline>'
           '</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>')
    return _rewrite(path, {sheet: ws.replace("</worksheet>", ext + "</worksheet>")})


def with_header_picture(path: Path) -> Path:
    """A picture in the page header (事業所ロゴ): &G in the header text, a VML drawing holding the image."""
    plain_plan(path)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["第1表"].oddHeader.left.text = "&G"
    wb.save(path)
    sheet = "xl/worksheets/sheet1.xml"
    srels = "xl/worksheets/_rels/sheet1.xml.rels"
    ws = _with_r_ns(_read(path, sheet))
    assert "&amp;L&amp;G" in ws
    ws = _insert_ws(ws, "legacyDrawingHF", '<legacyDrawingHF r:id="rIdHf1"/>')
    vml = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="2"/>'
           '</o:shapelayout><v:shapetype id="_x0000_t75" coordsize="21600,21600" o:spt="75" o:preferrelative="t" '
           'path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f"><v:stroke joinstyle="miter"/></v:shapetype>'
           '<v:shape id="LH" o:spid="_x0000_s2049" type="#_x0000_t75" style="position:absolute;margin-left:0;'
           'margin-top:0;width:60pt;height:30pt;z-index:1"><v:imagedata o:relid="rId1" o:title="logo"/>'
           '<o:lock v:ext="edit" rotation="t"/></v:shape></xml>')
    vrels = _add_rel(None, "rId1", f"{NS_R}/image", "../media/image_hf.png")
    rels = _add_rel(_read(path, srels), "rIdHf1", f"{NS_R}/vmlDrawing", "../drawings/vmlDrawingHF1.vml")
    ct = _add_ct(_read(path, "[Content_Types].xml"), default=("png", "image/png"))
    ct = _add_ct(ct, default=("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing"))
    return _rewrite(path, {sheet: ws, srels: rels, "[Content_Types].xml": ct},
                    {"xl/drawings/vmlDrawingHF1.vml": vml, "xl/drawings/_rels/vmlDrawingHF1.vml.rels": vrels,
                     "xl/media/image_hf.png": tiny_png()})


def with_furigana(path: Path) -> Path:
    """Names typed through a Japanese IME: shared strings with readings (rPh), one cell showing them."""
    plain_plan(path)
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst '
           'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
           '<si><t>山田　花子</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh><rPh sb="3" eb="5"><t>ハナコ</t></rPh>'
           '<phoneticPr fontId="1"/></si>'
           '<si><t>旭川市</t><rPh sb="0" eb="3"><t>アサヒカワシ</t></rPh><phoneticPr fontId="1"/></si></sst>')
    s = _read(path, "xl/worksheets/sheet1.xml")
    s = re.sub(r'<c r="B4"([^>]*?) t="inlineStr"><is>.*?</is></c>', r'<c r="B4"\1 t="s" ph="1"><v>0</v></c>', s)
    assert 't="s" ph="1"><v>0</v>' in s
    # one more cell using the second string
    s = s.replace('<c r="A8"', '<c r="A7" t="s"><v>1</v></c><c r="A8"', 1)
    rels = _add_rel(_read(path, "xl/_rels/workbook.xml.rels"), "rIdSst1",
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings", "sharedStrings.xml")
    ct = _add_ct(_read(path, "[Content_Types].xml"), override=(
        "/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"))
    return _rewrite(path, {"xl/worksheets/sheet1.xml": s, "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": ct},
                    {"xl/sharedStrings.xml": sst})


# --- bad input -----------------------------------------------------------------------------------
def sheet_member(path: Path, sheet: str) -> str:
    """Zip member of a worksheet, by name."""
    from xl_careplan.reading import _read_zip_parts, sheet_members

    pkg = _read_zip_parts(Path(path), str(path))
    try:
        return dict(sheet_members(pkg))[sheet]
    finally:
        pkg.close()


def set_cells(path: Path, sheet: str, cells: dict[str, str], dest: Path | None = None) -> Path:
    """Replace (or add, at the end of its row) cells given as raw XML, e.g. ``{'B4': '<c r="B4" t="e"><v>#REF!</v></c>'}``."""
    member = sheet_member(path, sheet)
    xml = _read(path, member)
    for ref, cell in cells.items():
        pat = re.compile(rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)', re.S)
        if pat.search(xml):
            xml = pat.sub(lambda _m: cell, xml, count=1)
            continue
        row = re.sub(r"[A-Z]+", "", ref)
        m = re.search(rf'<row r="{row}"[^>]*?(/?)>', xml)
        if m and m.group(1):
            xml = xml[:m.start()] + xml[m.start():m.end() - 2] + ">" + cell + "</row>" + xml[m.end():]
        elif m:
            end = xml.index("</row>", m.end())
            xml = xml[:end] + cell + xml[end:]
        else:
            xml = xml.replace("</sheetData>", f'<row r="{row}">{cell}</row></sheetData>').replace(
                "<sheetData/>", f'<sheetData><row r="{row}">{cell}</row></sheetData>')
    return _rewrite(path, {member: xml}, dest=dest)


def zip_bomb(path: Path, unpacked_mb: int = 300) -> Path:
    """A sample whose first sheet gains a comment-like part of ``unpacked_mb`` MB of spaces (a few hundred kB packed)."""
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/bomb.xml", "w", force_zip64=True) as fh:
            block = b" " * (1 << 20)
            for _ in range(unpacked_mb):
                fh.write(block)
    return path


def with_users_results_sheet(path: Path) -> Path:
    """A plan whose user made a sheet named 点検結果 (the one thing the writer refuses: it is not ours to replace)."""
    from openpyxl import load_workbook

    plain_plan(path)
    wb = load_workbook(path)
    wb.create_sheet("点検結果")["A1"] = "事業所で作った点検結果の表"
    wb.save(path)
    return path
