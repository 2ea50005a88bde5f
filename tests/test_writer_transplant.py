"""Pictures and shapes are carried over byte for byte into the annotated copy."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

import writer_fixtures as W
from roundtrip import differences
from xl_careplan.errors import WriteRefusedError
from xl_careplan.findings import Finding, Severity
from xl_careplan.writer.output import annotate_file
from xl_careplan.writer.safety import unpreservable_parts
from xl_careplan.writer.transplant import carried_drawings

TODAY = dt.date(2026, 11, 25)


def _f():
    return [Finding(file="p", sheet="第1表", cell=c, rule="CP101", severity=Severity.ERROR, message="m", source="s")
            for c in ("B4", "B8")]


def _parts(p):
    with zipfile.ZipFile(p) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.mark.parametrize("build", [W.with_image, W.with_shape], ids=["image", "shape"])
def test_pictures_and_shapes_are_carried_over(build, tmp_path):
    src = build(tmp_path / "plan.xlsx")
    assert unpreservable_parts(src) != []  # openpyxl alone would lose them
    assert unpreservable_parts(src, carry_drawings=True) == []
    assert carried_drawings(src) == {"第1表": "xl/drawings/drawing91.xml"}
    res = annotate_file(src, _f(), profile="national", today=TODAY)
    a, b = _parts(src), _parts(res.path)
    assert b["xl/drawings/drawing91_xlcp1.xml"] == a["xl/drawings/drawing91.xml"]  # byte for byte
    sheet = b["xl/worksheets/sheet1.xml"].decode()
    assert sheet.count("<drawing ") == 1 and sheet.index("<drawing ") < sheet.index("<legacyDrawing")
    assert b"drawing91_xlcp1.xml" in b["xl/worksheets/_rels/sheet1.xml.rels"]
    assert b'PartName="/xl/drawings/drawing91_xlcp1.xml"' in b["[Content_Types].xml"]
    if build is W.with_image:
        assert b["xl/media/image91_xlcp1.png"] == a["xl/media/image91.png"]
        assert b"../media/image91_xlcp1.png" in b["xl/drawings/_rels/drawing91_xlcp1.xml.rels"]
        assert b'PartName="/xl/media/image91_xlcp1.png" ContentType="image/png"' in b["[Content_Types].xml"]
    assert differences(src, res.path) == []
    # a second run carries it again, once
    res2 = annotate_file(res.path, _f()[:1], profile="national", today=TODAY, output_dir=tmp_path / "again")
    c = _parts(res2.path)
    assert c["xl/drawings/drawing91_xlcp1.xml"] == a["xl/drawings/drawing91.xml"]
    assert sum(1 for n in c if n.startswith("xl/drawings/drawing")) == 1
    assert c["xl/worksheets/sheet1.xml"].decode().count("<drawing ") == 1


def test_picture_next_to_a_chart_on_another_sheet(tmp_path):
    src = W.with_chart(tmp_path / "plan.xlsx")
    img = W.with_image(tmp_path / "img.xlsx")
    # put the picture's drawing onto 第1表 of the chart workbook
    a = _parts(img)
    W._rewrite(src, {"xl/worksheets/sheet1.xml": a["xl/worksheets/sheet1.xml"],
                     "xl/worksheets/_rels/sheet1.xml.rels": a["xl/worksheets/_rels/sheet1.xml.rels"],
                     "[Content_Types].xml": _parts(src)["[Content_Types].xml"].replace(
                         b"</Types>", b'<Default Extension="png" ContentType="image/png"/><Override PartName="/xl/drawings/'
                         b'drawing91.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')},
               {n: a[n] for n in ("xl/drawings/drawing91.xml", "xl/drawings/_rels/drawing91.xml.rels", "xl/media/image91.png")})
    assert unpreservable_parts(src, carry_drawings=True) == []
    res = annotate_file(src, _f(), profile="national", today=TODAY)
    a, b = _parts(src), _parts(res.path)
    assert carried_drawings(src) == {"第1表": "xl/drawings/drawing91.xml", "集計": "xl/drawings/drawing1.xml"}
    carried = [n for n in b if "_xlcp" in n and "_rels" not in n]
    assert sorted(carried) == ["xl/charts/chart1_xlcp2.xml", "xl/drawings/drawing1_xlcp2.xml",
                               "xl/drawings/drawing91_xlcp1.xml", "xl/media/image91_xlcp1.png"]
    assert b["xl/charts/chart1_xlcp2.xml"] == a["xl/charts/chart1.xml"]
    assert b"../charts/chart1_xlcp2.xml" in b["xl/drawings/_rels/drawing1_xlcp2.xml.rels"]
    assert differences(src, res.path) == []


def test_drawing_with_a_form_control_is_still_refused(tmp_path):
    src = W.with_checkbox(tmp_path / "plan.xlsx")
    img = _parts(W.with_image(tmp_path / "img.xlsx"))
    assert any("フォームコントロール" in x for x in unpreservable_parts(src, carry_drawings=True))
    with pytest.raises(WriteRefusedError):
        annotate_file(src, _f(), profile="national", today=TODAY)
    assert img  # the picture alone would have been carried


def test_drawing_with_alternate_content_is_not_carried(tmp_path):
    """Excel 2010+ content (form-control shapes, slicers) also lives outside the drawing: refuse it."""
    src = W.with_image(tmp_path / "plan.xlsx")
    d = _parts(src)["xl/drawings/drawing91.xml"].decode()
    alt = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:Choice xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" Requires="a14">'
           '<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>'
           '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>2</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2'
           '</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro="" textlink=""><xdr:nvSpPr>'
           '<xdr:cNvPr id="1025" name="Check Box 1" hidden="1"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr/></xdr:sp>'
           '<xdr:clientData/></xdr:twoCellAnchor></mc:Choice><mc:Fallback/></mc:AlternateContent>')
    W._rewrite(src, {"xl/drawings/drawing91.xml": d.replace("</xdr:wsDr>", alt + "</xdr:wsDr>")})
    assert carried_drawings(src) == {}
    found = unpreservable_parts(src, carry_drawings=True)
    assert any("画像" in x for x in found) and any("拡張描画" in x for x in found)


def test_drawing_linking_to_a_missing_part_is_not_carried(tmp_path):
    src = W.with_image(tmp_path / "plan.xlsx")
    W._rewrite(src, {"xl/media/image91.png": None})
    assert carried_drawings(src) == {}
    assert any("画像" in x for x in unpreservable_parts(src, carry_drawings=True))


def test_excel_chart_is_carried_with_its_style_parts(tmp_path):
    src = W.with_excel_chart(tmp_path / "plan.xlsx")
    assert any("グラフ" in x for x in unpreservable_parts(src))  # openpyxl would rebuild it without them
    assert unpreservable_parts(src, carry_drawings=True) == []
    res = annotate_file(src, _f(), profile="national", today=TODAY)
    a, b = _parts(src), _parts(res.path)
    n = "xlcp" + str(sorted(carried_drawings(src)).index("集計") + 1)
    for old in ("xl/charts/chart1.xml", "xl/charts/style1.xml", "xl/charts/colors1.xml"):
        stem, ext = old.rsplit(".", 1)
        assert b[f"{stem}_{n}.{ext}"] == a[old]
    rels = b[f"xl/charts/_rels/chart1_{n}.xml.rels"].decode()
    assert f'Target="style1_{n}.xml"' in rels and f'Target="colors1_{n}.xml"' in rels
    assert b"application/vnd.ms-office.chartstyle+xml" in b["[Content_Types].xml"]
    assert not any(x == "xl/charts/chart1.xml" for x in b)  # openpyxl's rebuilt copy was not written
    assert differences(src, res.path) == []


def test_printer_settings_are_carried(tmp_path):
    src = W.with_printer_settings(tmp_path / "plan.xlsx")
    # openpyxl alone drops the part and its link
    from openpyxl import load_workbook

    load_workbook(src).save(tmp_path / "plain.xlsx")
    assert not any(n.startswith("xl/printerSettings/") for n in _parts(tmp_path / "plain.xlsx"))
    res = annotate_file(src, _f(), profile="national", today=TODAY)
    b = _parts(res.path)
    assert b["xl/printerSettings/printerSettings_xlcp1.bin"] == W.devmode()
    sheet = b["xl/worksheets/sheet1.xml"].decode()
    assert 'r:id="rIdXlcpPrinter1"' in sheet and sheet.count("<pageSetup") == 1
    assert b"../printerSettings/printerSettings_xlcp1.bin" in b["xl/worksheets/_rels/sheet1.xml.rels"]
    assert b'PartName="/xl/printerSettings/printerSettings_xlcp1.bin"' in b["[Content_Types].xml"]
    assert differences(src, res.path) == []
    # again: still one part, one link
    res2 = annotate_file(res.path, _f(), profile="national", today=TODAY, output_dir=tmp_path / "again")
    c = _parts(res2.path)
    assert [n for n in c if n.startswith("xl/printerSettings/")] == ["xl/printerSettings/printerSettings_xlcp1.bin"]
    assert c["xl/worksheets/sheet1.xml"].decode().count("rIdXlcpPrinter1") == 1


def test_list_validation_from_another_sheet_is_carried(tmp_path):
    src = W.with_x14_validation(tmp_path / "plan.xlsx")
    assert any("他のシートを参照する入力規則" in x for x in unpreservable_parts(src))
    assert unpreservable_parts(src, carry_drawings=True) == []
    res = annotate_file(src, _f(), profile="national", today=TODAY)
    sheet = _parts(res.path)["xl/worksheets/sheet1.xml"].decode()
    ext = sheet[sheet.index("<extLst>"):]
    assert "<xm:f>第2表!$A$6:$A$10</xm:f>" in ext and "<xm:sqref>B3</xm:sqref>" in ext
    assert 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"' in ext  # declared where used
    assert 'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"' in ext
    assert differences(src, res.path) == []
    res2 = annotate_file(res.path, [], profile="national", today=TODAY, output_dir=tmp_path / "again")
    again = _parts(res2.path)["xl/worksheets/sheet1.xml"].decode()
    assert again.count("<extLst>") == 1 and again.count("<x14:dataValidation ") == 1


def test_saved_losses_notices_a_missing_carried_extension(tmp_path):
    from openpyxl import load_workbook

    from xl_careplan.writer.safety import saved_losses

    src = W.with_x14_validation(tmp_path / "plan.xlsx")
    load_workbook(src).save(tmp_path / "plain.xlsx")
    assert any("他のシートを参照する入力規則" in x for x in saved_losses(src, tmp_path / "plain.xlsx"))


def test_sparkline_is_carried(tmp_path):
    src = W.with_sparkline(tmp_path / "plan.xlsx")
    assert any("スパークライン" in x for x in unpreservable_parts(src))
    res = annotate_file(src, _f(), profile="national", today=TODAY)
    sheet = _parts(res.path)["xl/worksheets/sheet1.xml"].decode()
    assert "<xm:f>第1表!B12:C12</xm:f><xm:sqref>E12</xm:sqref>" in sheet
    from xml.etree import ElementTree as ET

    ET.fromstring(sheet)  # namespaces declared: well-formed XML


def test_header_picture_is_carried(tmp_path):
    from openpyxl import load_workbook

    from xl_careplan.writer.transplant import carried_links

    src = W.with_header_picture(tmp_path / "plan.xlsx")
    assert any("ヘッダー・フッターの画像" in x for x in unpreservable_parts(src))
    load_workbook(src).save(tmp_path / "plain.xlsx")  # the claim: openpyxl drops it
    assert b"legacyDrawingHF" not in _parts(tmp_path / "plain.xlsx")["xl/worksheets/sheet1.xml"]
    assert carried_links(src) == {("第1表", "legacyDrawingHF"): "xl/drawings/vmlDrawingHF1.vml"}
    assert unpreservable_parts(src, carry_drawings=True) == []
    res = annotate_file(src, _f(), profile="national", today=TODAY)
    a, b = _parts(src), _parts(res.path)
    assert b["xl/drawings/vmlDrawingHF1_xlcpl1.vml"] == a["xl/drawings/vmlDrawingHF1.vml"]
    assert b["xl/media/image_hf_xlcpl1.png"] == a["xl/media/image_hf.png"]
    sheet = b["xl/worksheets/sheet1.xml"].decode()
    assert sheet.count("<legacyDrawingHF") == 1 and sheet.index("<legacyDrawing ") < sheet.index("<legacyDrawingHF")
    assert "&amp;L&amp;G" in sheet  # the header still asks for the picture
    assert differences(src, res.path) == []
    res2 = annotate_file(res.path, [], profile="national", today=TODAY, output_dir=tmp_path / "again")
    c = _parts(res2.path)
    assert sorted(n for n in c if "_xlcp" in n and "_rels" not in n) == [
        "xl/drawings/vmlDrawingHF1_xlcpl1.vml", "xl/media/image_hf_xlcpl1.png"]


def test_protected_ranges_furigana_settings_ignored_errors_and_file_sharing_are_carried(tmp_path):
    from xml.etree import ElementTree as ET

    src = W.with_protection(tmp_path / "plan.xlsx")
    s = W._read(src, "xl/worksheets/sheet1.xml")
    raw = {
        "protectedRanges": '<protectedRanges><protectedRange sqref="B4:C4 B8" name="記入欄"/></protectedRanges>',
        "phoneticPr": '<phoneticPr fontId="1" type="Hiragana"/>',
        "ignoredErrors": '<ignoredErrors><ignoredError sqref="B12" numberStoredAsText="1"/></ignoredErrors>',
    }
    for tag, xml in raw.items():
        s = W._insert_ws(s, tag, xml)
    wbx = W._read(src, "xl/workbook.xml").replace("<workbookPr", '<fileSharing readOnlyRecommended="1"/><workbookPr', 1)
    W._rewrite(src, {"xl/worksheets/sheet1.xml": s, "xl/workbook.xml": wbx})
    assert {"編集を許可する範囲（シートの保護）", "読み取り専用の推奨・書き込みパスワードの設定"} <= set(unpreservable_parts(src))
    assert unpreservable_parts(src, carry_drawings=True) == []
    res = annotate_file(src, _f(), profile="national", today=TODAY)
    b = _parts(res.path)
    sheet = b["xl/worksheets/sheet1.xml"].decode()
    for tag, xml in raw.items():
        assert sheet.count(xml) == 1, tag
    # schema order kept
    root = ET.fromstring(sheet)
    tags = [c.tag.split("}")[1] for c in root]
    from xl_careplan.writer.transplant import WS_ORDER

    assert tags == sorted(tags, key=WS_ORDER.index)
    wb_tags = [c.tag.split("}")[1] for c in ET.fromstring(b["xl/workbook.xml"])]
    assert wb_tags.index("fileSharing") < wb_tags.index("workbookPr")
    assert differences(src, res.path) == []
    res2 = annotate_file(res.path, [], profile="national", today=TODAY, output_dir=tmp_path / "again")
    again = _parts(res2.path)["xl/worksheets/sheet1.xml"].decode()
    assert all(again.count(xml) == 1 for xml in raw.values())


def test_sheet_background_is_carried(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    s = W._insert_ws(W._with_r_ns(W._read(src, "xl/worksheets/sheet1.xml")), "picture", '<picture r:id="rIdBg1"/>')
    rels = W._add_rel(W._read(src, "xl/worksheets/_rels/sheet1.xml.rels"), "rIdBg1", f"{W.NS_R}/image",
                      "../media/background.png")
    ct = W._add_ct(W._read(src, "[Content_Types].xml"), default=("png", "image/png"))
    W._rewrite(src, {"xl/worksheets/sheet1.xml": s, "xl/worksheets/_rels/sheet1.xml.rels": rels,
                     "[Content_Types].xml": ct}, {"xl/media/background.png": W.tiny_png()})
    assert any("背景" in x for x in unpreservable_parts(src))
    assert unpreservable_parts(src, carry_drawings=True) == []
    res = annotate_file(src, _f(), profile="national", today=TODAY)
    b = _parts(res.path)
    assert b["xl/media/background_xlcpp1.png"] == W.tiny_png()
    sheet = b["xl/worksheets/sheet1.xml"].decode()
    assert sheet.count("<picture ") == 1 and sheet.index("<legacyDrawing ") < sheet.index("<picture ")
    assert b"../media/background_xlcpp1.png" in b["xl/worksheets/_rels/sheet1.xml.rels"]


def test_furigana_is_restored(tmp_path):
    import re

    from openpyxl import load_workbook

    src = W.with_furigana(tmp_path / "plan.xlsx")
    assert any("ふりがな" in x for x in unpreservable_parts(src))  # the cell shows furigana
    load_workbook(src).save(tmp_path / "plain.xlsx")  # the claim: openpyxl keeps only the text
    plain = _parts(tmp_path / "plain.xlsx")["xl/worksheets/sheet1.xml"].decode()
    assert "ヤマダ" not in plain and ' ph="1"' not in plain
    assert unpreservable_parts(src, carry_drawings=True) == []
    res = annotate_file(src, _f(), profile="national", today=TODAY)

    def cells(path):
        sheet = _parts(path)["xl/worksheets/sheet1.xml"].decode()
        return {ref: body for ref, body in re.findall(r'<c r="(B4|A7)"([^>]*>.*?)</c>', sheet)}

    got = cells(res.path)
    assert ' ph="1"' in got["B4"].split(">")[0]
    assert '<rPh sb="0" eb="2"><t>ヤマダ</t></rPh><rPh sb="3" eb="5"><t>ハナコ</t></rPh>' in got["B4"]
    assert "<t>アサヒカワシ</t>" in got["A7"]
    assert load_workbook(res.path)["第1表"]["B4"].value == "山田　花子"
    assert differences(src, res.path) == []
    # again, from the annotated copy (inline strings now): unchanged
    res2 = annotate_file(res.path, [], profile="national", today=TODAY, output_dir=tmp_path / "again")

    def strip_style(c):  # the first run filled B4 (a finding), the second restored it
        return {k: re.sub(r' s="\d+"', "", v) for k, v in c.items()}

    assert strip_style(cells(res2.path)) == strip_style(got)


def test_custom_xml_is_carried(tmp_path):
    src = W.with_custom_xml(tmp_path / "plan.xlsx")
    assert any("カスタムXML" in x for x in unpreservable_parts(src))
    assert unpreservable_parts(src, carry_drawings=True) == []
    res = annotate_file(src, _f(), profile="national", today=TODAY)
    a, b = _parts(src), _parts(res.path)
    assert b["customXml/item1.xml"] == a["customXml/item1.xml"]
    root_rels = b["_rels/.rels"].decode()
    assert root_rels.count("relationships/customXml") == 1 and 'Target="/customXml/item1.xml"' in root_rels
    assert differences(src, res.path) == []
    res2 = annotate_file(res.path, [], profile="national", today=TODAY, output_dir=tmp_path / "again")
    c = _parts(res2.path)
    assert c["customXml/item1.xml"] == a["customXml/item1.xml"] and c["_rels/.rels"].decode().count("relationships/customXml") == 1


def test_custom_xml_without_relationship_is_refused(tmp_path):
    src = W.with_custom_xml(tmp_path / "plan.xlsx")
    W._rewrite(src, {}, {"customXml/item2.xml": "<orphan/>"})
    assert any("カスタムXML" in x for x in unpreservable_parts(src, carry_drawings=True))
