"""Packages that are not laid out the way Excel lays them out, read and annotated like any other.

Each case is one class found on real files (benchmarks/fidelity.py over calamine's and Apache POI's
test files): the workbook part somewhere else than xl/workbook.xml (found from _rels/.rels), zip members
named with '\\' and in other letter case, Strict OOXML (ISO/IEC 29500 Strict namespaces and relationship
types), a styles part without its sections, parts with a byte order mark or in UTF-16. The variants are
made here from one small workbook by zip surgery; nothing fetched is committed.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

import writer_fixtures as W
from roundtrip import contract_violations
from xl_careplan import ooxml
from xl_careplan.findings import Finding, Severity
from xl_careplan.package import Package
from xl_careplan.reading import load_workbook_grid
from xl_careplan.writer import zippkg
from xl_careplan.writer.annotate import NOTE_MARKER
from xl_careplan.writer.editor import PackageWorkbook
from xl_careplan.writer.output import annotate_file

TODAY = dt.date(2026, 11, 25)
FINDINGS = [Finding(file="p", sheet="第1表", cell="B4", rule="CP101", severity=Severity.ERROR, message="利用者名を確認",
                    source="老企第29号"),
            Finding(file="p", sheet="第1表", cell="B8", rule="CP120", severity=Severity.WARNING, message="区分を確認",
                    source="老企第29号")]
OURS = ["点検結果", "_xlcp_state"]


def _repack(src: Path, dest: Path, rename=lambda n: n, transform=lambda n, b: b) -> Path:
    """A copy of the zip with every member renamed and its bytes transformed (names given as written)."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            zi = zipfile.ZipInfo(rename(info.filename), date_time=info.date_time)
            zi.filename = rename(info.filename)
            zi.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(zi, transform(info.filename, z.read(info.filename)))
    return dest


def _at_root(src: Path, dest: Path) -> Path:
    """The workbook and its parts at the package root ('workbook.xml'), as calamine's minimal_package."""
    def transform(name, data):
        if name.endswith(".rels") or name == ooxml.CONTENT_TYPES:
            return data.replace(b'"/xl/', b'"/').replace(b'Target="xl/', b'Target="')
        return data
    return _repack(src, dest, lambda n: n.removeprefix("xl/"), transform)


def _backslashed(src: Path, dest: Path) -> Path:
    """Members named 'xl\\worksheets\\sheet1.xml' and in lower case (calamine's issue_530, POI's 49609)."""
    return _repack(src, dest, lambda n: n.replace("/", "\\").lower())


def _strict(src: Path, dest: Path) -> Path:
    """The same workbook in Strict OOXML: SpreadsheetML and relationship namespaces of ISO/IEC 29500 Strict
    (content types and the package relationships' own namespace stay as they are, as in Excel's Strict files)."""
    def transform(name, data):
        if name == ooxml.CONTENT_TYPES or not name.endswith((".xml", ".rels")):
            return data
        return data.replace(ooxml.NS_MAIN.encode(), ooxml.NS_MAIN_STRICT.encode()).replace(
            ooxml.NS_R.encode(), ooxml.NS_R_STRICT.encode())
    return _repack(src, dest, transform=transform)


VARIANTS = {"at_root": _at_root, "backslashed": _backslashed, "strict": _strict}


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    return W.plain_plan(tmp_path_factory.mktemp("plain") / "plan.xlsx")


def _values(path: Path) -> dict[str, dict]:
    return {s.name: s.cells for s in load_workbook_grid(path).sheets}


def _annotated_and_checked(src: Path, plain: Path) -> Path:
    assert _values(src) == _values(plain)  # the reader's guards and the grid reader find the workbook
    res = annotate_file(src, FINDINGS, profile="national", today=TODAY)
    assert contract_violations(src, res.path) == []
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(res.path))
    assert wb.sheet_names == [*(s.name for s in load_workbook_grid(plain).sheets), *OURS]
    assert wb.get_sheet_by_name("第1表").to_python() == pc.CalamineWorkbook.from_path(str(src)).get_sheet_by_name(
        "第1表").to_python()
    ed = PackageWorkbook(res.path)
    try:
        assert NOTE_MARKER in ed.get_note("第1表", "B4")
        assert ed.get_note("第1表", "B8").startswith("区分変更申請中")  # the user's note, ours after it
        assert ed.fill_rgb("第1表", "B4") == "E89A9A" and ed.fill_rgb("第1表", "A1") is None
        assert ed.read_sheet("点検結果")[0][0] == "点検結果（xl_careplan）"
    finally:
        ed.close()
    return res.path


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_odd_packages_are_read_and_annotated_in_their_own_layout(tmp_path, plain, variant):
    src = VARIANTS[variant](plain, tmp_path / f"{variant}.xlsx")
    out = _annotated_and_checked(src, plain)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        texts = {n: z.read(n) for n in names if n.lower().endswith((".xml", ".rels", ".vml"))}
    added = [n for n in names if "xlcp" in n]
    assert added
    if variant == "backslashed":  # what we add is named like the rest of the package
        assert all("\\" in n for n in added)
    if variant == "at_root":  # our parts sit next to the workbook, not in an xl/ folder it does not have
        assert not any(n.startswith("xl/") for n in names)
    if variant == "strict":  # nothing of ours in Transitional namespaces or relationship types
        assert [n for n, t in texts.items() if ooxml.NS_MAIN.encode() in t or ooxml.NS_R.encode() in t] == []
    # a second run changes nothing
    again = annotate_file(out, FINDINGS, profile="national", today=TODAY, output_dir=tmp_path / "again")
    with zipfile.ZipFile(out) as a, zipfile.ZipFile(again.path) as b:
        assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}


def test_a_styles_part_without_its_sections_gets_the_defaults_before_our_fill(tmp_path, plain):
    """<styleSheet/> with nothing in it (POI's 47889): no crash, and our fill is not cell format 0 or
    fill 0, which every unformatted cell has."""
    src = W._rewrite(plain, {"xl/styles.xml": f'<?xml version="1.0"?>\n<styleSheet xmlns="{ooxml.NS_MAIN}"/>'},
                     dest=tmp_path / "nostyles.xlsx")
    res = annotate_file(src, FINDINGS, profile="national", today=TODAY)
    assert contract_violations(src, res.path) == []
    ed = PackageWorkbook(res.path)
    try:
        assert ed.fill_rgb("第1表", "B4") == "E89A9A"
        assert ed.fill_rgb("第1表", "A1") is None and ed.fill_rgb("第1表", "Z99") is None
    finally:
        ed.close()
    styles = W._read(res.path, "xl/styles.xml")
    assert '<patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>' in styles


def test_changed_parts_keep_their_byte_order_mark_and_utf16(tmp_path, plain):
    """Parts we edit are written back in the encoding they were read in (a UTF-8 BOM stays; UTF-16 stays
    UTF-16, so its XML declaration stays true)."""
    bom = b"\xef\xbb\xbf"
    with zipfile.ZipFile(plain) as z:
        wb_xml, ct = z.read("xl/workbook.xml"), z.read(ooxml.CONTENT_TYPES)
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rels16 = rels.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("<?xml version='1.0' encoding='UTF-8'?>",
                                                                           '<?xml version="1.0" encoding="UTF-16"?>')
    src = W._rewrite(plain, {"xl/workbook.xml": bom + wb_xml, ooxml.CONTENT_TYPES: bom + ct,
                             "xl/_rels/workbook.xml.rels": rels16.encode("utf-16")}, dest=tmp_path / "bom.xlsx")
    pkg = Package(src)
    buf = io.BytesIO()
    text = pkg.text("xl/_rels/workbook.xml.rels")
    zippkg.write(pkg, buf, {"xl/_rels/workbook.xml.rels": text.replace("</Relationships>", "<!-- x --></Relationships>")}, {})
    with zipfile.ZipFile(buf) as z:
        assert z.read("xl/_rels/workbook.xml.rels").decode("utf-16").endswith("<!-- x --></Relationships>")
    res = annotate_file(src, FINDINGS, profile="national", today=TODAY)
    assert contract_violations(src, res.path) == []
    with zipfile.ZipFile(res.path) as z:
        for name in ("xl/workbook.xml", ooxml.CONTENT_TYPES):
            assert z.read(name).startswith(bom) and z.read(name) != bom + (wb_xml if "workbook" in name else ct)
        new_rels = z.read("xl/_rels/workbook.xml.rels")
    root = ET.fromstring(new_rels)  # UTF-16 with its BOM, declaration and our sheet's relationship
    assert any("Xlcp" in (r.get("Id") or "") for r in root)


def test_a_workbook_part_the_root_relationships_do_not_name_is_not_guessed_past_xl(tmp_path, plain):
    """No officeDocument relationship and no xl/workbook.xml: a clear Japanese refusal naming the file."""
    from xl_careplan.errors import WorkbookReadError

    src = _at_root(plain, tmp_path / "a.xlsx")
    W._rewrite(src, {"_rels/.rels": f'<Relationships xmlns="{ooxml.NS_PKG_REL}"/>'})
    with pytest.raises(WorkbookReadError) as e:
        load_workbook_grid(src)
    assert "Excelブック" in e.value.message and e.value.file == str(src)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_reads_our_notes_fills_and_sheets_in_strict_and_relocated_packages(tmp_path, plain):
    written = [_annotated_and_checked(VARIANTS[v](plain, tmp_path / f"{v}.xlsx"), plain) for v in ("at_root", "strict")]
    profile = (tmp_path / "lo-profile").as_uri()
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                           "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "re"), *map(str, written)],
                          capture_output=True, timeout=240)
    from openpyxl import load_workbook

    for p in written:
        back = tmp_path / "re" / p.name
        assert back.exists(), proc.stderr.decode(errors="replace")
        wb = load_workbook(back)
        assert wb.sheetnames[-2:] == OURS
        ws = wb["第1表"]
        assert NOTE_MARKER in ws["B4"].comment.text and ws["B8"].comment.text.startswith("区分変更申請中")
        assert ws["B4"].fill.fgColor.rgb == "FFE89A9A"


def test_utf16_parts_without_a_byte_order_mark_are_read_and_written_back_in_utf16(tmp_path, plain):
    """A workbook.xml in UTF-16BE, with and without BOM (PhpSpreadsheet's utf16be files): the grid reader
    finds its sheets and names, and the part we edit stays UTF-16BE as its declaration says."""
    with zipfile.ZipFile(plain) as z:
        wb_xml = z.read("xl/workbook.xml").decode().replace("encoding='UTF-8'", 'encoding="UTF-16BE"').replace(
            'encoding="UTF-8"', 'encoding="UTF-16BE"')
    for bom in (b"", b"\xfe\xff"):
        src = W._rewrite(plain, {"xl/workbook.xml": bom + wb_xml.encode("utf-16-be")}, dest=tmp_path / f"u{len(bom)}.xlsx")
        grid = load_workbook_grid(src)
        assert _values(src) == _values(plain) and grid.names == load_workbook_grid(plain).names
        res = annotate_file(src, FINDINGS, profile="national", today=TODAY, output_dir=tmp_path / f"o{len(bom)}")
        assert contract_violations(src, res.path) == []
        with zipfile.ZipFile(res.path) as z:
            data = z.read("xl/workbook.xml")
        assert data.startswith(bom + "<".encode("utf-16-be"))
        assert "点検結果" in data[len(bom):].decode("utf-16-be")


def test_an_empty_user_note_written_as_text_slash_gets_our_block_inside_it(tmp_path, plain):
    """<comment><text/></comment> (PhpSpreadsheet's drawing_in_comment): our run goes inside the note,
    not after it (which no reader could open)."""
    with zipfile.ZipFile(plain) as z:
        xml = z.read("xl/comments/comment1.xml").decode()
    src = W._rewrite(plain, {"xl/comments/comment1.xml": xml.replace("<text><t>区分変更申請中</t></text>", "<text/>")},
                     dest=tmp_path / "empty_note.xlsx")
    res = annotate_file(src, FINDINGS, profile="national", today=TODAY)
    assert contract_violations(src, res.path) == []
    from openpyxl import load_workbook

    assert NOTE_MARKER in load_workbook(res.path)["第1表"]["B8"].comment.text


def test_a_package_without_content_types_is_refused_in_japanese_not_crashed(tmp_path, plain):
    from xl_careplan.errors import WriteRefusedError
    from xl_careplan.writer.output import write_copy

    src = W._rewrite(plain, {ooxml.CONTENT_TYPES: None}, dest=tmp_path / "noct.xlsx")
    with pytest.raises(WriteRefusedError) as e:
        write_copy(src, lambda wb: wb.set_fill("第1表", "B4", "E89A9A"), suffix="_x", output_dir=tmp_path / "o")
    assert "[Content_Types].xml" in e.value.message and not (tmp_path / "o" / "noct_x.xlsx").exists()


def test_a_workbook_in_no_standard_namespace_is_refused_when_read_not_read_as_blank(tmp_path, plain):
    """Excel 2007 beta's namespace (POI's sample-beta): openpyxl reads every sheet as empty, so the reader
    says what it is instead of checking a blank plan."""
    from xl_careplan.errors import WorkbookReadError

    beta = "http://schemas.microsoft.com/office/excel/2006/2"
    with zipfile.ZipFile(plain) as z:
        xml = z.read("xl/workbook.xml").decode()
    src = W._rewrite(plain, {"xl/workbook.xml": xml.replace(ooxml.NS_MAIN, beta)}, dest=tmp_path / "beta.xlsx")
    with pytest.raises(WorkbookReadError) as e:
        load_workbook_grid(src)
    assert "標準でない形式" in e.value.message and e.value.file == str(src)
