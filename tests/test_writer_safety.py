"""safety.unpreservable_parts: each claim about openpyxl 3.1 is checked here by a real load + save."""

from __future__ import annotations

import shutil
import warnings
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import writer_fixtures as W
from xl_careplan.writer.safety import chart_survives, saved_losses, unpreservable_parts


def _openpyxl_roundtrip(src: Path, tmp_path: Path) -> Path:
    out = tmp_path / ("rt_" + src.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(src, keep_vba=src.suffix == ".xlsm", rich_text=True)
    wb.save(out)
    return out


def _parts(p: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(p) as z:
        return {n: z.read(n) for n in z.namelist()}


# (builder, suffix, expected description, how to see the loss in openpyxl's output)
LOST = [
    (W.with_image, ".xlsx", "画像", lambda a, b: "xl/media/image91.png" in a and not any(n.startswith("xl/media/") for n in b)),
    (W.with_shape, ".xlsx", "図形・テキストボックス", lambda a, b: not any(n.startswith("xl/drawings/drawing") for n in b)),
    (W.with_checkbox, ".xlsx", "フォームコントロール",
     lambda a, b: "xl/ctrlProps/ctrlProp1.xml" not in b and b"<controls" not in b["xl/worksheets/sheet1.xml"]),
    (W.with_threaded_comment, ".xlsx", "スレッド形式のコメント",
     lambda a, b: not any("threadedComment" in n for n in b)),
    (W.with_x14_validation, ".xlsx", "他のシートを参照する入力規則",
     lambda a, b: b"x14:dataValidation" in a["xl/worksheets/sheet1.xml"] and b"dataValidation type=\"list\" allowBlank=\"1\"><formula1>" not in b["xl/worksheets/sheet1.xml"]
     and "第2表!$A$6".encode() not in b["xl/worksheets/sheet1.xml"]),
    (W.with_custom_xml, ".xlsx", "カスタムXMLデータ", lambda a, b: "customXml/item1.xml" not in b),
]


@pytest.mark.parametrize("build,suffix,what,lost", LOST, ids=[x[0].__name__ for x in LOST])
def test_parts_openpyxl_loses_are_reported(build, suffix, what, lost, tmp_path):
    src = build(tmp_path / f"plan{suffix}")
    found = unpreservable_parts(src)
    assert any(what in f for f in found), found
    # the claim itself: openpyxl really loses it
    out = _openpyxl_roundtrip(src, tmp_path)
    assert lost(_parts(src), _parts(out))


KEPT = [
    (W.plain_plan, ".xlsx", lambda a, b: True),
    (W.as_xlsm, ".xlsm", lambda a, b: b["xl/vbaProject.bin"] == a["xl/vbaProject.bin"]
     and b"macroEnabled" in b["[Content_Types].xml"]),
    (W.with_chart, ".xlsx", lambda a, b: b["xl/charts/chart1.xml"] == a["xl/charts/chart1.xml"]),
    (W.with_protection, ".xlsx", lambda a, b: b"<sheetProtection" in b["xl/worksheets/sheet1.xml"]
     and b"workbookProtection" in b["xl/workbook.xml"]),
    (W.with_conditional_format, ".xlsx", lambda a, b: b"<conditionalFormatting" in b["xl/worksheets/sheet1.xml"]),
    (W.with_external_link, ".xlsx", lambda a, b: "xl/externalLinks/externalLink1.xml" in b
     and b"externalReference" in b["xl/workbook.xml"]),
]


@pytest.mark.parametrize("build,suffix,kept", KEPT, ids=[x[0].__name__ for x in KEPT])
def test_parts_openpyxl_keeps_are_not_reported(build, suffix, kept, tmp_path):
    src = build(tmp_path / f"plan{suffix}")
    assert unpreservable_parts(src) == []
    out = _openpyxl_roundtrip(src, tmp_path)
    assert kept(_parts(src), _parts(out))
    assert saved_losses(src, out) == []


def test_vba_in_a_file_not_named_xlsm_is_reported(tmp_path):
    src = W.as_xlsm(tmp_path / "plan.xlsm")
    renamed = tmp_path / "plan.xlsx"
    shutil.copy(src, renamed)
    assert any("マクロ" in f for f in unpreservable_parts(renamed))
    # without keep_vba openpyxl drops the project
    wb = load_workbook(renamed)
    wb.save(tmp_path / "out.xlsx")
    assert "xl/vbaProject.bin" not in _parts(tmp_path / "out.xlsx")


def test_unknown_part_is_reported(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    W._rewrite(src, {}, {"xl/someNewFeature/part1.xml": "<x/>"})
    found = unpreservable_parts(src)
    assert any("xl/someNewFeature/part1.xml" in f for f in found)


def test_excel_style_chart_is_not_trusted(tmp_path):
    src = W.with_chart(tmp_path / "plan.xlsx")
    xml = _parts(src)["xl/charts/chart1.xml"]
    assert chart_survives(xml)
    # an Excel 2016 extension openpyxl does not model
    changed = xml.replace(b"</chartSpace>", b'<extLst><ext uri="{781A3756-C4B2-4CAC-9D66-4F8BD8637D16}" '
                          b'xmlns:c16r3="http://schemas.microsoft.com/office/drawing/2017/03/chart"><c16r3:dataDisplayOptions16>'
                          b'<c16r3:dispNaAsBlank val="1"/></c16r3:dataDisplayOptions16></ext></extLst></chartSpace>')
    assert changed != xml
    assert not chart_survives(changed)
    W._rewrite(src, {"xl/charts/chart1.xml": changed})
    assert any("グラフ" in f for f in unpreservable_parts(src))


def test_saved_losses_notices_a_dropped_chart(tmp_path):
    src = W.with_chart(tmp_path / "plan.xlsx")
    wb = load_workbook(src)
    wb["集計"]._charts.clear()
    wb.save(tmp_path / "out.xlsx")
    assert "グラフ" in saved_losses(src, tmp_path / "out.xlsx")


def test_template_is_safe():
    tpl = Path(__file__).parent.parent / "templates" / "居宅サービス計画書.xlsx"
    if not tpl.exists():
        pytest.skip("template not generated yet")
    assert unpreservable_parts(tpl) == []


SHEET_TAGS = {
    "protectedRanges": ('<protectedRanges><protectedRange sqref="B4:C4" name="範囲1"/></protectedRanges>', "編集を許可する範囲"),
    "customSheetViews": ('<customSheetViews><customSheetView guid="{11111111-1111-1111-1111-111111111111}" scale="100">'
                         '<selection activeCell="A1" sqref="A1"/></customSheetView></customSheetViews>', "ユーザー設定のビュー"),
    "dataConsolidate": ("<dataConsolidate/>", "統合の設定"),
}


@pytest.mark.parametrize("tag", list(SHEET_TAGS))
def test_sheet_settings_openpyxl_drops(tag, tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    xml, what = SHEET_TAGS[tag]
    W._rewrite(src, {"xl/worksheets/sheet1.xml": W._insert_ws(W._read(src, "xl/worksheets/sheet1.xml"), tag, xml)})
    assert any(what in f for f in unpreservable_parts(src))
    out = _openpyxl_roundtrip(src, tmp_path)
    assert f"<{tag}".encode() not in _parts(out)["xl/worksheets/sheet1.xml"]  # the claim
    assert any(what in f for f in saved_losses(src, out))  # and the after-save net sees it too


def test_cosmetic_sheet_settings_are_not_refused(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    s = W._read(src, "xl/worksheets/sheet1.xml")
    s = W._insert_ws(s, "ignoredErrors", '<ignoredErrors><ignoredError sqref="B12" numberStoredAsText="1"/></ignoredErrors>')
    s = W._insert_ws(s, "phoneticPr", '<phoneticPr fontId="1" type="noConversion"/>')
    W._rewrite(src, {"xl/worksheets/sheet1.xml": s})
    assert unpreservable_parts(src) == []


def test_workbook_settings_openpyxl_drops(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    wbx = W._read(src, "xl/workbook.xml").replace("<workbookPr", '<fileSharing readOnlyRecommended="1"/><workbookPr', 1)
    W._rewrite(src, {"xl/workbook.xml": wbx})
    assert any("読み取り専用の推奨" in f for f in unpreservable_parts(src))
    out = _openpyxl_roundtrip(src, tmp_path)
    assert b"fileSharing" not in _parts(out)["xl/workbook.xml"]


def test_saved_losses_notices_a_dropped_validation(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    wb = load_workbook(src)
    wb["第1表"].data_validations.dataValidation.clear()
    wb.save(tmp_path / "out.xlsx")
    assert any("dataValidations" in f for f in saved_losses(src, tmp_path / "out.xlsx"))


def test_dynamic_array_formula_is_reported_and_lost(tmp_path):
    src = W.with_cached_results(tmp_path / "plan.xlsx")
    s = W._read(src, "xl/worksheets/sheet1.xml").replace('<c r="D12"', '<c r="D12" cm="1"', 1)
    meta = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<metadata '
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1">'
            '<metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" '
            'splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/>'
            '</metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">'
            '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>'
            '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>')
    W._rewrite(src, {"xl/worksheets/sheet1.xml": s}, {"xl/metadata.xml": meta})
    assert any("動的配列数式" in f for f in unpreservable_parts(src))
    out = _openpyxl_roundtrip(src, tmp_path)
    assert b'cm="1"' not in _parts(out)["xl/worksheets/sheet1.xml"] and "xl/metadata.xml" not in _parts(out)
    # without cells pointing into it the metadata part alone is no reason to refuse
    W._rewrite(src, {"xl/worksheets/sheet1.xml": s.replace(' cm="1"', "")})
    assert unpreservable_parts(src) == []
