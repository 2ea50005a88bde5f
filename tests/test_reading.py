"""load_workbook_grid / grid_from_openpyxl: values, dates, merged ranges, names, and Japanese file errors."""

from __future__ import annotations

import datetime as dt
import os
import zipfile

import openpyxl
import pytest

from reader_helpers import fill_template, save
from xl_careplan.errors import WorkbookReadError
from xl_careplan.reading import grid_from_openpyxl, load_workbook_grid, parse_name_ref


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    return save(fill_template(), tmp_path_factory.mktemp("r") / "plan.xlsx")


def test_values_dates_and_names(filled):
    g = load_workbook_grid(filled)
    assert g.path == filled
    t1 = g.sheet("第1表")
    assert t1.cells[(1, 11)] == dt.date(2026, 4, 10)  # date-formatted cell -> date (not datetime, not serial)
    assert isinstance(t1.cells[(1, 11)], dt.date) and not isinstance(t1.cells[(1, 11)], dt.datetime)
    assert t1.cells[(4, 2)] == "見本 花子"
    assert (4, 2, 4, 3) in t1.merged  # B4:C4
    assert t1.value(4, 3) == "見本 花子"  # merged: shows the top-left value
    assert g.names["cp_user_name"] == ("第1表", 4, 2)
    assert g.names["cp_t2_table"] == ("第2表", 4, 1)
    assert g.sheet("アセスメント").cells[(5, 1)] == 1  # integers stay integers


def test_file_and_openpyxl_paths_agree(filled):
    a = load_workbook_grid(filled)
    wb = openpyxl.load_workbook(filled)
    b = grid_from_openpyxl(wb, path=filled)
    assert a.sheet_names == b.sheet_names
    assert a.names == b.names
    for sa, sb in zip(a.sheets, b.sheets):
        assert sa.cells == sb.cells, sa.name
        assert sorted(sa.merged) == sorted(sb.merged), sa.name


def test_openpyxl_formula_cells_read_blank_unless_data_only():
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1
    wb.active["A2"] = "=A1+1"
    g = grid_from_openpyxl(wb)
    assert g.sheets[0].cells == {(1, 1): 1}


def test_sheet_scoped_and_odd_names_are_skipped(tmp_path):
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "It's"
    wb.defined_names["cp_a"] = DefinedName("cp_a", attr_text="'It''s'!$C$5")
    wb.defined_names["cp_formula"] = DefinedName("cp_formula", attr_text="SUM('It''s'!$A$1:$A$3)")
    wb.defined_names["cp_broken"] = DefinedName("cp_broken", attr_text="#REF!")
    ws.defined_names["cp_local"] = DefinedName("cp_local", attr_text="'It''s'!$A$1")
    ws["C5"] = "x"
    g = load_workbook_grid(save(wb, tmp_path / "n.xlsx"))
    assert g.names == {"cp_a": ("It's", 5, 3)}


@pytest.mark.parametrize("ref,expected", [
    ("'第1表'!$K$1", ("第1表", 1, 11)),
    ("第1表!$K$1:$L$1", ("第1表", 1, 11)),
    ("Sheet1!B3", ("Sheet1", 3, 2)),
    ("#REF!", None),
    ("第1表!$4:$5", None),
])
def test_parse_name_ref(ref, expected):
    assert parse_name_ref(ref) == expected


# --------------------------------------------------------------------------- errors


def _err(path) -> str:
    with pytest.raises(WorkbookReadError) as ei:
        load_workbook_grid(path)
    msg = str(ei.value)
    assert msg.startswith(str(path)), msg  # the message names the file
    assert ei.value.exit_code == 2
    return msg


def test_missing_file(tmp_path):
    assert "ファイルが見つかりません" in _err(tmp_path / "ない.xlsx")


def test_directory(tmp_path):
    assert "ファイルではありません" in _err(tmp_path)


def test_random_bytes(tmp_path):
    p = tmp_path / "random.xlsx"
    p.write_bytes(os.urandom(2000).replace(b"PK", b"QQ"))
    assert "Excelブック（.xlsx/.xlsm）として読み取れません" in _err(p)


def test_text_file_named_xlsx(tmp_path):
    p = tmp_path / "memo.xlsx"
    p.write_text("利用者名,見本\n", encoding="utf-8")
    assert "Excelブック（.xlsx/.xlsm）として読み取れません" in _err(p)


def test_zip_that_is_not_xlsx(tmp_path):
    p = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("readme.txt", "hello")
    msg = _err(p)
    assert "Excelブック（.xlsx/.xlsm）として読み取れません" in msg and "中身" in msg


def test_truncated_zip_is_corrupt(tmp_path, filled):
    p = tmp_path / "broken.xlsx"
    p.write_bytes(open(filled, "rb").read()[:3000])
    assert "壊れて" in _err(p)


def test_corrupt_member(tmp_path, filled):
    """A zip whose sheet XML is garbage: calamine and openpyxl both fail -> corrupt."""
    p = tmp_path / "garbage.xlsx"
    with zipfile.ZipFile(filled) as zin, zipfile.ZipFile(p, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b"<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>99999"
            zout.writestr(info, data)
    assert "壊れて" in _err(p)


def test_old_xls_header(tmp_path):
    p = tmp_path / "old.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    assert "古い形式（.xls）です。Excelで .xlsx 形式で保存し直してください" in _err(p)


def test_encrypted_xlsx(tmp_path, filled):
    from msoffcrypto.format.ooxml import OOXMLFile

    p = tmp_path / "locked.xlsx"
    with open(filled, "rb") as fin, open(p, "wb") as fout:
        OOXMLFile(fin).encrypt("secret", fout)
    assert "パスワードで保護されています。保護を解除して保存し直してください" in _err(p)


def test_xlsm_reads(tmp_path, filled):
    p = tmp_path / "plan.xlsm"
    p.write_bytes(open(filled, "rb").read())
    g = load_workbook_grid(p)
    assert g.sheet("第1表").cells[(4, 2)] == "見本 花子"


def test_empty_sheet_and_chart_free_workbook(tmp_path):
    wb = openpyxl.Workbook()
    wb.create_sheet("空")
    g = load_workbook_grid(save(wb, tmp_path / "e.xlsx"))
    assert [s.cells for s in g.sheets] == [{}, {}]


def test_path_objects(filled):
    from pathlib import Path

    g = load_workbook_grid(Path(filled))
    assert g.path == filled


@pytest.mark.parametrize("fmt_id", [14, 27, 31, 57, 58])
def test_japanese_builtin_date_formats_read_as_dates_on_both_paths(tmp_path, fmt_id):
    """Japanese Excel writes 和暦 date cells with built-in numFmtIds (27-31, 50-58) that have no format
    text in styles.xml; openpyxl alone would give the serial number."""
    import re

    wb = openpyxl.Workbook()
    wb.active["A1"] = dt.date(2026, 4, 1)
    wb.active["A1"].number_format = "yyyy/mm/dd"
    src = save(wb, tmp_path / "src.xlsx")
    with zipfile.ZipFile(src) as z:
        files = {n: z.read(n) for n in z.namelist()}
    styles = files["xl/styles.xml"].decode()
    custom = re.search(r'<numFmt numFmtId="(\d+)" formatCode="yyyy/mm/dd"\s*/>', styles)
    styles = styles.replace(custom.group(0), "")
    styles = re.sub(rf'(<xf [^>]*?)numFmtId="{custom.group(1)}"', rf'\g<1>numFmtId="{fmt_id}"', styles)
    files["xl/styles.xml"] = styles.encode()
    path = tmp_path / "jp.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for n, d in files.items():
            z.writestr(n, d)
    assert load_workbook_grid(path).sheets[0].cells == {(1, 1): dt.date(2026, 4, 1)}
    assert grid_from_openpyxl(openpyxl.load_workbook(path, data_only=True)).sheets[0].cells == {(1, 1): dt.date(2026, 4, 1)}


def test_openpyxl_fallback_when_calamine_refuses(monkeypatch, filled):
    import xl_careplan.reading as R

    expected = load_workbook_grid(filled)

    def boom(path, label):
        raise RuntimeError("calamine cannot read this producer's file")

    monkeypatch.setattr(R, "_grid_with_calamine", boom)
    got = load_workbook_grid(filled)
    assert got.path == filled and got.names == expected.names
    assert [s.cells for s in got.sheets] == [s.cells for s in expected.sheets]
