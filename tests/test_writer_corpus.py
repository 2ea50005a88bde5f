"""Fidelity on a corpus of the forms real offices distribute, made at test time with XlsxWriter (the
library whose output is checked against files saved by Excel itself): VML buttons, always-shown notes,
header/footer text, print areas of whole rows and columns, document properties, tables with alt text,
rich text after plain text, empty strings, outline levels, charts, pictures, pictures in cells, cell
check boxes, extensions (data bars, sparklines), dynamic arrays, protection.

Each workbook is annotated like a care plan (a note on a cell with the user's note, one on rich text,
one on a blank cell, fills, our sheets); the copy must keep the package contract, open in openpyxl,
python-calamine and LibreOffice, and a second run must change nothing. The full Excel-made corpus is
measured by ``benchmarks/fidelity.py`` (``make bench-writer``).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import load_workbook

import writer_fixtures as W
from roundtrip import contract_violations
from xl_careplan.findings import Finding, Severity
from xl_careplan.writer.annotate import NOTE_MARKER
from xl_careplan.writer.output import annotate_file

TODAY = dt.date(2026, 11, 25)


def _base(wb, ws) -> None:
    bold = wb.add_format({"bold": True, "font_color": "red"})
    ws.write("A1", "利用者名")
    ws.write_comment("A1", "前回の担当者のメモ", {"author": "担当者"})
    ws.write_rich_string("B4", "北野 ", bold, "ハル")
    ws.write("A4", "氏名")
    ws.write_string("C4", "")
    ws.write_number("A6", 3)
    ws.write_formula("B6", "=A6*2", None, 6)


def _png(tmp: Path) -> Path:
    p = tmp / "logo.png"
    p.write_bytes(W.tiny_png())
    return p


def build(kind: str, path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("第1表")
    _base(wb, ws)
    if kind == "button":
        ws.insert_button("E2", {"macro": "say_hello", "caption": "実行"})
    elif kind == "visible_notes":
        ws.write_comment("A6", "いつも表示するメモ", {"visible": True})
        ws.show_comments()
    elif kind == "header_footer":
        ws.set_header("居宅サービス計画書")  # text without a section code
        ws.set_footer("&C&P / &N")
    elif kind == "print_areas":
        ws.print_area("A:F")
        ws.repeat_rows(0, 1)
        ws.repeat_columns("A:B")
    elif kind == "properties":
        wb.set_properties({"title": "計画書", "company": "居宅介護支援事業所あさひ", "manager": "主任",
                           "hyperlink_base": "https://example.invalid/"})
        wb.set_custom_property("担当", "中村")
    elif kind == "table":
        ws.add_table("E10:G12", {"name": "サービス", "description": "サービスの一覧（代替テキスト）",
                                 "columns": [{"header": "種類"}, {"header": "回数"}, {"header": "事業所"}]})
    elif kind == "hyperlinks":
        ws.write_url("E1", "https://example.invalid/plan", string="計画書")
        ws.write_url("E2", "internal:'第1表'!A1", string="先頭へ")
    elif kind == "outline":
        ws.set_row(7, None, None, {"level": 1})
        ws.set_row(8, None, None, {"level": 1, "hidden": True})
        ws.set_column("F:G", 12, None, {"level": 1})
    elif kind == "chart":
        chart = wb.add_chart({"type": "column"})
        chart.add_series({"values": "='第1表'!$A$6:$B$6"})
        ws.insert_chart("E5", chart)
        cs = wb.add_chartsheet("グラフ")
        c2 = wb.add_chart({"type": "line"})
        c2.add_series({"values": "='第1表'!$A$6:$B$6"})
        cs.set_chart(c2)
    elif kind == "image":
        ws.insert_image("E5", str(_png(path.parent)), {"description": "事業所のロゴ"})
        ws.set_header("&L&G", {"image_left": str(_png(path.parent))})
    elif kind == "in_cell_picture":
        ws.embed_image("E5", str(_png(path.parent)))
    elif kind == "checkbox":
        ws.insert_checkbox("E3", True)
        ws.insert_checkbox("E4", False)
    elif kind == "extensions":
        ws.conditional_format("A6:B6", {"type": "data_bar", "bar_solid": True})
        ws.add_sparkline("F6", {"range": "'第1表'!A6:B6"})
        ws.data_validation("A9", {"validate": "list", "source": "='リスト'!$A$1:$A$3"})
        wb.add_worksheet("リスト").write_column("A1", ["要介護1", "要介護2", "要介護3"])
    elif kind == "dynamic_array":
        ws.write_dynamic_array_formula("H1:H1", "=LEN(A1)")
    elif kind == "protected":
        ws.protect("", {"format_cells": False})
        ws.merge_range("A20:D20", "結合したセル")
        ws.autofilter("A10:C12")
        ws.freeze_panes(1, 0)
    wb.close()
    return path


KINDS = ["button", "visible_notes", "header_footer", "print_areas", "properties", "table", "hyperlinks",
         "outline", "chart", "image", "in_cell_picture", "checkbox", "extensions", "dynamic_array", "protected"]


def _findings() -> list[Finding]:
    def f(cell, sev=Severity.ERROR, rule="CP101"):
        return Finding(file="p", sheet="第1表", cell=cell, rule=rule, severity=sev, message="指摘", source="老企第29号")

    return [f("A1"), f("B4", Severity.WARNING, "CP120"), f("D8", Severity.INFO, "CP130"), f("A20")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpus")
    out = {}
    for kind in KINDS:
        src = build(kind, tmp / f"{kind}.xlsx")
        once = annotate_file(src, _findings(), profile="national", today=TODAY, output_dir=tmp / "once").path
        twice = annotate_file(once, _findings(), profile="national", today=TODAY, output_dir=tmp / "twice").path
        out[kind] = (src, once, twice)
    return tmp, out


@pytest.mark.parametrize("kind", KINDS)
def test_contract_and_readers(corpus, kind):
    _tmp, files = corpus
    src, once, twice = files[kind]
    assert contract_violations(src, once) == []
    with zipfile.ZipFile(once) as a, zipfile.ZipFile(twice) as b:
        assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}  # second run: no change
    ws = load_workbook(once)["第1表"]
    assert ws["A1"].comment.text.startswith("前回の担当者のメモ\n\n" + NOTE_MARKER)
    assert NOTE_MARKER in ws["D8"].comment.text
    assert ws["B4"].fill.fgColor.rgb == "FFFFD966"
    import python_calamine as pc

    cw = pc.CalamineWorkbook.from_path(str(once))
    rows = cw.get_sheet_by_name("第1表").to_python()
    assert rows[3][1] == "北野 ハル" and rows[0][0] == "利用者名"
    assert cw.sheet_names[-2:] == ["点検結果", "_xlcp_state"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_every_copy(corpus):
    tmp, files = corpus
    written = [str(once) for _src, once, _twice in files.values()]
    profile = (tmp / "lo-profile").as_uri()
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                           "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp / "lo"), *written],
                          capture_output=True, timeout=300)
    for p in map(Path, written):
        back = tmp / "lo" / p.name
        assert back.exists(), (p.name, proc.stderr.decode(errors="replace")[-500:])
        ws = load_workbook(back)["第1表"]
        assert NOTE_MARKER in ws["A1"].comment.text and ws["A1"].comment.text.startswith("前回の担当者のメモ")
        assert ws["B4"].value == "北野 ハル" or "".join(str(t) for t in [ws["B4"].value]) == "北野 ハル"


def test_corpus_covers_what_it_claims(corpus):
    """The generated files really hold the parts they stand for (so the fidelity test cannot pass vacuously)."""
    _tmp, files = corpus

    def names(kind):
        with zipfile.ZipFile(files[kind][0]) as z:
            return "\n".join(z.namelist()) + "\n".join(z.read(n).decode("utf-8", "replace")
                                                        for n in z.namelist() if n.endswith((".xml", ".vml")))

    assert 'ObjectType="Button"' in names("button")
    assert "<x:Visible/>" in names("visible_notes")
    assert "xl/charts/chart1.xml" in names("chart") and "xl/chartsheets/" in names("chart")
    assert "xl/media/" in names("image") and "legacyDrawingHF" in names("image")
    assert "xl/richData/" in names("in_cell_picture")
    assert "featurePropertyBag" in names("checkbox")
    assert "x14:sparklineGroup" in names("extensions") and "x14:dataBar" in names("extensions")
    assert "xl/metadata.xml" in names("dynamic_array")
    assert "<Company>" in names("properties") and "HyperlinkBase" in names("properties")
    assert 'descr="' in names("table") or "description" in names("table") or "altText" in names("table")
    assert 'outlineLevel="1"' in names("outline")
