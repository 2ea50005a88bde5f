"""Classes of failure found on real files the writer had not seen (benchmarks/fidelity.py's held-out corpora:
exceljs', tealeg/xlsx's, SheetJS', ExcelDataReader's and the Open XML SDK's test files), each made here from
one small workbook; nothing fetched is committed.

- A part we would edit that is not well-formed XML (text before the document element, a DTD): refused in
  Japanese naming it, with the separate report — our text-level edit would go where nobody can check it.
- A sheet the workbook lists whose part is missing: left out (as openpyxl does); a workbook none of whose
  sheets exists (no relationships part, or none that leads to a part): refused as broken.
- No styles relationship while styles.xml exists: the new styles part's name was looked for for ever.
- The reader's openpyxl fallback printed an English warning under the Japanese result.
- Text boxes in Strict drawings were not read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import signal
import zipfile
from pathlib import Path

import pytest

import writer_fixtures as W
from roundtrip import contract_violations
from xl_careplan import ooxml
from xl_careplan.errors import WriteRefusedError
from xl_careplan.findings import Finding, Severity
from xl_careplan.writer.output import annotate_file, report_path, write_copy
from xl_careplan.writer.xmltext import well_formed

TODAY = dt.date(2026, 11, 25)
FINDINGS = [Finding(file="p", sheet="第1表", cell="B4", rule="CP101", severity=Severity.ERROR, message="利用者名を確認",
                    source="老企第29号")]


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    return W.plain_plan(tmp_path_factory.mktemp("plain") / "plan.xlsx")


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def _refused_with_report(src: Path, out: Path, *words: str) -> None:
    with pytest.raises(WriteRefusedError) as e:
        annotate_file(src, FINDINGS, profile="national", today=TODAY, output_dir=out)
    assert all(w in e.value.message for w in words), e.value.message
    assert e.value.file == str(src)
    assert report_path(src, out).exists()  # the findings are not lost with the copy
    assert [p.name for p in out.iterdir()] == [report_path(src, out).name]


@pytest.mark.parametrize("part, words", [
    ("sheet", ["シート「第1表」", "XML が壊れている"]),
    ("xl/styles.xml", ["書式", "XML が壊れている"]),
    ("xl/workbook.xml", ["ブックの本体", "XML が壊れている"]),
])
def test_a_part_we_would_edit_that_is_not_well_formed_is_refused_naming_it(tmp_path, plain, part, words):
    """exceljs' invalid-xml.xlsx: 'foo' between the XML declaration and <worksheet>. calamine reads it,
    openpyxl does not, Excel repairs it; our text-level edit would go into a part nobody can check."""
    member = W.sheet_member(plain, "第1表") if part == "sheet" else part
    xml = _part(plain, member)
    if part == "xl/styles.xml":  # a DTD: OOXML allows none (and entities are how a part is blown up)
        broken = '<!DOCTYPE styleSheet [<!ENTITY x "y">]>' + xml
    else:
        broken = "foo\n" + xml
    src = W._rewrite(plain, {member: broken}, dest=tmp_path / "broken.xlsx")
    _refused_with_report(src, tmp_path / "out", *words, "修復")  # Excel offers to repair such a file


def test_well_formed_is_what_the_xml_parser_says_in_either_encoding():
    assert well_formed(b'<?xml version="1.0" encoding="UTF-8"?>\n<a x="1"><b/></a>')
    assert well_formed('<?xml version="1.0" encoding="UTF-16"?><a>日本</a>'.encode("utf-16-le"))  # no BOM
    assert well_formed(b"\xff\xfe" + '<?xml version="1.0" encoding="UTF-16"?><a/>'.encode("utf-16-le"))
    assert not well_formed(b"<a><b></a>")
    assert not well_formed(b'<?xml version="1.0"?>\nfoo\n<a/>')


def test_a_sheet_whose_part_is_missing_is_left_out_and_the_rest_is_written(tmp_path, plain):
    """tealeg/xlsx's badfile_noWorksheets: the workbook lists sheets whose parts are not in the package.
    openpyxl skips them (Excel drops them when it repairs the file); the editor crashed on them."""
    gone = W.sheet_member(plain, "第2表")
    src = W._rewrite(plain, {gone: None}, dest=tmp_path / "nosheet.xlsx")
    seen = []

    def edit(wb):
        seen.extend(wb.sheet_names())
        wb.set_fill("第1表", "B4", "E89A9A")
        wb.write_sheet("点検結果", [["点検結果（xl_careplan）"]])

    dest, _b, _r = write_copy(src, edit, suffix="_x", output_dir=tmp_path / "o")
    assert seen == ["第1表"]
    assert contract_violations(src, dest) == []
    import openpyxl

    assert openpyxl.load_workbook(dest).sheetnames == ["第1表", "点検結果"]


EMPTY_RELS = f'<?xml version="1.0"?><Relationships xmlns="{ooxml.NS_PKG_REL}"/>'


@pytest.mark.parametrize("rels, words", [(None, ["workbook.xml.rels", "がない", "壊れています"]),
                                         (EMPTY_RELS, ["シートの部品が見つからない", "壊れています"])])
def test_a_workbook_whose_sheets_no_reader_finds_is_refused_as_broken(tmp_path, plain, rels, words):
    """tealeg/xlsx's badfile_noWorkbookRels and badfile_noWorksheets: the workbook lists sheets, none of
    which is in the package (no relationships part, or none that leads to a part)."""
    src = W._rewrite(plain, {ooxml.rels_path("xl/workbook.xml"): rels}, dest=tmp_path / "norels.xlsx")
    with _deadline(60):
        _refused_with_report(src, tmp_path / "out", *words)


class _Hung(Exception):
    pass


@contextlib.contextmanager
def _deadline(seconds: int):
    """Fail instead of hanging (the suite runs without pytest-timeout)."""
    def hung(_sig, _frame):
        raise _Hung(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_a_styles_part_the_workbook_does_not_point_at_gets_a_new_name_not_a_hang(tmp_path, plain):
    """No styles relationship while xl/styles.xml is in the package: our new styles part looped for ever
    looking for a free name of a pattern without a number."""
    rels = _part(plain, "xl/_rels/workbook.xml.rels")
    no_styles = re.sub(r'<Relationship [^>]*relationships/styles"[^>]*/>', "", rels)
    assert no_styles != rels
    src = W._rewrite(plain, {"xl/_rels/workbook.xml.rels": no_styles}, dest=tmp_path / "nostylesrel.xlsx")
    with _deadline(60):
        res = annotate_file(src, FINDINGS, profile="national", today=TODAY, output_dir=tmp_path / "o")
    assert contract_violations(src, res.path) == []
    with zipfile.ZipFile(res.path) as z:
        assert "xl/styles_xlcp1.xml" in z.namelist()
        assert z.read("xl/styles.xml") == zipfile.ZipFile(src).read("xl/styles.xml")


def test_the_openpyxl_fallback_prints_no_english_warning_under_our_message(tmp_path, monkeypatch):
    """SheetJS' BlankSheetTypes.xlsm: calamine refuses it, openpyxl reads it and warned "Unknown extension
    is not supported and will be removed" on stderr below the Japanese result of ``check``."""
    import warnings

    from xl_careplan import reading

    src = W.with_x14_validation(tmp_path / "ext.xlsx")

    def refuses(*_a):
        raise RuntimeError("calamine cannot read this file")

    monkeypatch.setattr(reading, "_grid_with_calamine", refuses)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        grid = reading.load_workbook_grid(src)
    assert [s.name for s in grid.sheets] == ["第1表", "第2表"]


def _strict_everywhere(src: Path, dest: Path) -> Path:
    """The workbook in Strict OOXML, its drawings too (Excel's Strict files: ExcelDataReader's strict/ folder)."""
    strict = {ooxml.NS_MAIN: ooxml.NS_MAIN_STRICT, ooxml.NS_R: ooxml.NS_R_STRICT, ooxml.NS_XDR: ooxml.NS_XDR_STRICT,
              ooxml.NS_A: ooxml.NS_A_STRICT}
    with zipfile.ZipFile(src) as z:
        edits = {}
        for name in z.namelist():
            if name != ooxml.CONTENT_TYPES and name.endswith((".xml", ".rels")):
                text = z.read(name).decode("utf-8")
                for old, new in strict.items():
                    text = text.replace(old, new)
                edits[name] = text
    return W._rewrite(src, edits, dest=dest)


def test_a_text_box_over_the_form_is_read_in_a_strict_package_as_in_a_transitional_one(tmp_path):
    """Strict drawings were not read: a text box typed over a Strict form was invisible to the reader."""
    from xl_careplan.readers import load_grid

    plain = W.with_shape(tmp_path / "shape.xlsx")
    strict = _strict_everywhere(plain, tmp_path / "strict.xlsx")
    with zipfile.ZipFile(strict) as z:
        assert ooxml.NS_XDR_STRICT.encode() in z.read("xl/drawings/drawing91.xml")

    def shapes(path):
        return [(s.text, s.top, s.left) for s in load_grid(path).sheets[0].extras.shapes]

    assert shapes(plain) == [("確認印", *shapes(plain)[0][1:])]
    assert shapes(strict) == shapes(plain)


def test_an_empty_file_is_named_as_empty(tmp_path):
    """NPOI's poc-xmlbomb-empty.xlsx (0 bytes): said only that it was not an Excel workbook."""
    from xl_careplan.errors import WorkbookReadError
    from xl_careplan.reading import check_workbook_file

    src = tmp_path / "empty.xlsx"
    src.write_bytes(b"")
    with pytest.raises(WorkbookReadError) as e:
        check_workbook_file(src)
    assert "空のファイル" in e.value.message and e.value.file == str(src)


def test_a_workbook_folder_with_braces_gets_its_new_parts_named(tmp_path, plain):
    """New part names were made with str.format on the workbook's folder: a folder such as 'x{1}' (a zip
    any tool may write) raised an IndexError instead of naming our 点検結果 sheet, notes and drawing."""
    folder = "x{1}"
    with zipfile.ZipFile(plain) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    moved = {}
    for name, data in parts.items():
        if name.startswith("xl/"):
            name = folder + name[2:]
        if name == ooxml.CONTENT_TYPES or name.endswith(".rels"):
            data = data.replace(b'"/xl/', f'"/{folder}/'.encode()).replace(b'"xl/', f'"{folder}/'.encode())
        moved[name] = data
    src = tmp_path / "braces.xlsx"
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in moved.items():
            out.writestr(name, data)
    res = annotate_file(src, FINDINGS, profile="national", today=TODAY, output_dir=tmp_path / "o")
    with zipfile.ZipFile(res.path) as z:
        names = z.namelist()
        assert f"{folder}/worksheets/sheet_xlcp1.xml" in names  # 点検結果 (the state sheet is sheet_xlcp2)
        assert all(n.startswith(f"{folder}/") for n in set(names) - set(moved))
    assert contract_violations(src, res.path) == []
