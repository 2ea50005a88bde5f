"""Workbooks for the parity tests (the button reads what ``check`` reads from the saved file): every sample,
and plans that show more than their cells — hidden rows and columns, a text box (also inside a group), ovals, a print
header, a hidden 方針と異なる理由 sheet — written the way offices keep them (xlsxwriter, openpyxl)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import xlsxwriter

import test_reading_unseen as U

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
PROFILES = {"10_acknowledged_deviation.xlsx": "asahikawa", "hidden_ack.xlsx": "asahikawa",
            "05_asahikawa_kaimono_daikou.xlsx": "asahikawa", "06_nayoro_request_as_need.xlsx": "nayoro",
            "02_nayoro_shien_on_kyotaku_form.xlsx": "nayoro"}


def _blank_name():
    rows = [list(r) for r in U.T1]
    rows[0][1] = None
    return rows


def _hidden_column(path: Path) -> Path:
    """The previous plan's 頻度 kept in a hidden column next to the current one."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("第1表")
    for r, row in enumerate(U.T1):
        ws.write_row(r, 0, row)
    t2 = wb.add_worksheet("第2表")
    t2.write_row(0, 0, U.T2_HEAD)
    t2.write_row(1, 0, [U.NEED, "入浴できる", U.PERIOD, "体を洗える", U.PERIOD, *U.SERVICE])
    t2.write(0, 12, "頻度（前回）")
    t2.write(1, 12, "たまに")
    t2.set_column(12, 12, None, None, {"hidden": True})
    wb.close()
    return path


def _hidden_ack(path: Path) -> Path:
    shutil.copy(SAMPLES / "10_acknowledged_deviation.xlsx", path)
    wb = openpyxl.load_workbook(path)
    wb["方針と異なる理由"].sheet_state = "veryHidden"
    wb.save(path)
    return path


def build(dest: Path) -> list[Path]:
    """Every parity workbook, written into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    out = sorted(SAMPLES.glob("*.xlsx")) + sorted((SAMPLES / "filled").glob("*.xlsx"))
    out.append(U._book(dest / "hidden_row.xlsx", U.T1, hidden_t2_row=True))
    out.append(U._book(dest / "text_box.xlsx", _blank_name(), shapes=[("B1", "見本 花子")]))
    out.append(U._book(dest / "far_text_box.xlsx", U.T1, shapes=[("D8", "※ 説明は長女同席で行う")]))
    out.append(U._book(dest / "header.xlsx", _blank_name(), header="&L利用者名　見本 花子　様&R&P / &N"))
    out.append(U._book(dest / "other_header.xlsx", _blank_name(), header="&C居宅サービス計画書（利用者用）"))
    out.append(_hidden_column(dest / "hidden_column.xlsx"))
    out.append(_hidden_ack(dest / "hidden_ack.xlsx"))
    oval = dest / "ovals.xlsx"
    out.append(_ovals(oval))
    out.append(_grouped(U._book(dest / "grouped_text_box.xlsx", _blank_name(), shapes=[("B1", "見本 花子")])))
    return out


def _grouped(path: Path) -> Path:
    """The text box put into a group with an empty frame, as Excel saves a grouped drawing (<xdr:grpSp>)."""
    import re
    import zipfile

    part = "xl/drawings/drawing1.xml"
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    xml = members[part].decode("utf-8")
    sp = re.search(r"<xdr:sp .*?</xdr:sp>", xml, re.S).group(0)
    off, ext = re.search(r"<a:off [^>]*/>", sp).group(0), re.search(r"<a:ext [^>]*/>", sp).group(0)
    frame = re.sub(r"<xdr:txBody>.*?</xdr:txBody>", "", sp.replace('id="2" name="TextBox 1"', 'id="3" name="枠 2"'), flags=re.S)
    group = ('<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="4" name="グループ化 3"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
             f'<xdr:grpSpPr><a:xfrm>{off}{ext}{off.replace("a:off", "a:chOff")}{ext.replace("a:ext", "a:chExt")}'
             f"</a:xfrm></xdr:grpSpPr>{sp}{frame}</xdr:grpSp>")
    members[part] = xml.replace(sp, group).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _ovals(path: Path) -> Path:
    rows = [["", "初回", "紹介", "継続", "認定済", "申請中"], ["利用者名", "見本 花子"],
            ["要介護状態区分", "要介護1", "要介護2", "要介護3", "要介護4", "要介護5"], *U.T1[1:2], *U.T1[3:]]
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("第1表")
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    for cell in ("D1", "E1", "C3"):
        ws.insert_textbox(cell, "", {"width": 50, "height": 18, "x_offset": 4})
    t2 = wb.add_worksheet("第2表")
    t2.write_row(0, 0, U.T2_HEAD)
    t2.write_row(1, 0, [U.NEED, "入浴できる", U.PERIOD, "体を洗える", U.PERIOD, *U.SERVICE])
    wb.close()
    U._ovals(path)
    return path


def profile_of(path: Path) -> str:
    return PROFILES.get(path.name, "national")


def key(findings) -> list[tuple]:
    """What must be equal between the paths: rule, sheet, cell and whether a reason silenced it."""
    return sorted((f.rule, f.sheet or "", f.cell or "", bool(f.acknowledged)) for f in findings)
