"""The package editor's contract: only what an annotation touches changes, and nothing of the user's is lost.

- parts not edited are byte-identical; edited parts differ only by our changes (``roundtrip.contract_violations``);
- a second run changes nothing; annotating again with no findings gives every cell its original format index;
- the user's notes (rich text after plain text, always-shown notes, VML form buttons) are kept;
- control characters in a cell never stop the write;
- a kill or a full disk leaves nothing behind; read-only files are not replaced.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import writer_fixtures as W
from roundtrip import contract_violations
from xl_careplan.errors import XlCareplanError
from xl_careplan.findings import Finding, Severity
from xl_careplan.writer.annotate import NOTE_MARKER
from xl_careplan.writer.output import annotate_file

TODAY = dt.date(2026, 11, 25)
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "08_missing_service_fields.xlsx"


def _f(cell: str, sheet: str = "第1表", rule: str = "CP101", sev: Severity = Severity.ERROR, msg: str = "利用者名を確認") -> Finding:
    return Finding(file="p", sheet=sheet, cell=cell, rule=rule, severity=sev, message=msg, source="老企第29号")


FINDINGS = [_f("B4"), _f("B8", rule="CP120", sev=Severity.WARNING), _f("B11", rule="CP130", sev=Severity.INFO),
            _f("F20"), _f("A13")]


def _parts(p: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(p) as z:
        return {n: z.read(n) for n in z.namelist()}


def _styles_of(p: Path, sheet_member: str) -> dict[str, str]:
    xml = _parts(p)[sheet_member].decode()
    return {m.group(1): (re.search(r'\ss="(\d+)"', m.group(0)) or [None, "0"])[1]
            for m in re.finditer(r'<c r="([A-Z]+\d+)"[^>]*>', xml)}


def test_second_run_changes_nothing_and_no_findings_restores_every_format(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    once = annotate_file(src, FINDINGS, profile="national", today=TODAY, output_dir=tmp_path / "1").path
    twice = annotate_file(once, FINDINGS, profile="national", today=TODAY, output_dir=tmp_path / "2").path
    assert _parts(once) == _parts(twice)  # byte for byte, every part
    clean = annotate_file(once, [], profile="national", today=TODAY, output_dir=tmp_path / "3").path
    member = W.sheet_member(src, "第1表")
    before, after = _styles_of(src, member), _styles_of(clean, member)
    assert {r: after[r] for r in before} == before  # the user's fills (format indices) exactly
    assert contract_violations(src, clean) == []
    wb = load_workbook(clean)
    assert wb["第1表"]["B8"].comment.text == "区分変更申請中"
    assert wb["第1表"]["B4"].comment is None


def test_rich_text_after_plain_text_and_every_value_kept(tmp_path):
    """利用者名 「北野 ハル」: plain text followed by a formatted run (openpyxl kept only 「北野」)."""
    src = W.set_cells(W.plain_plan(tmp_path / "plan.xlsx"), "第1表", {
        "B4": '<c r="B4" t="inlineStr"><is><t xml:space="preserve">北野 </t><r><rPr><b/></rPr><t>ハル</t></r></is></c>',
        "C5": '<c r="C5" t="inlineStr"><is><t></t></is></c>',  # an empty string
    })
    res = annotate_file(src, FINDINGS, profile="national", today=TODAY)
    import python_calamine as pc

    sh = pc.CalamineWorkbook.from_path(str(res.path)).get_sheet_by_name("第1表").to_python()
    assert sh[3][1] == "北野 ハル"
    assert contract_violations(src, res.path) == []


VML_BUTTON = ('<v:shape id="_x0000_s1030" type="#_x0000_t201" style="position:absolute;margin-left:300pt;'
              'margin-top:10pt;width:60pt;height:20pt;z-index:2" o:button="t" fillcolor="buttonFace [67]" '
              'strokecolor="windowText [64]" o:insetmode="auto"><v:textbox><div><font>実行</font></div></v:textbox>'
              '<x:ClientData ObjectType="Button"><x:Anchor>6, 0, 1, 0, 7, 0, 2, 0</x:Anchor>'
              '<x:FmlaMacro>[0]!Macro1</x:FmlaMacro></x:ClientData></v:shape>')


EXCEL_VML = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml"\n xmlns:o="urn:schemas-microsoft-com:office:office"\n'
    ' xmlns:x="urn:schemas-microsoft-com:office:excel">\n <o:shapelayout v:ext="edit">\n  <o:idmap v:ext="edit" data="1"/>\n'
    ' </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"\n  path="m,l,21600r21600,l21600,xe">\n'
    '  <v:stroke joinstyle="miter"/>\n  <v:path gradientshapeok="t" o:connecttype="rect"/>\n </v:shapetype>'
    '<v:shape id="_x0000_s1025" type="#_x0000_t202" style=\'position:absolute;\n  margin-left:150pt;margin-top:90pt;width:108pt;'
    'height:59.25pt;z-index:1\' fillcolor="#ffffe1" o:insetmode="auto">\n  <v:fill color2="#ffffe1"/>\n'
    '  <v:shadow on="t" color="black" obscured="t"/>\n  <v:path o:connecttype="none"/>\n  <v:textbox style=\'mso-direction-alt:auto\'>\n'
    '   <div style=\'text-align:left\'></div>\n  </v:textbox>\n  <x:ClientData ObjectType="Note">\n   <x:MoveWithCells/>\n'
    '   <x:SizeWithCells/>\n   <x:Anchor>\n    2, 15, 6, 10, 4, 15, 10, 4</x:Anchor>\n   <x:AutoFill>False</x:AutoFill>\n'
    '   <x:Row>7</x:Row>\n   <x:Column>1</x:Column>\n   <x:Visible/>\n  </x:ClientData>\n </v:shape>'
    '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe">\n'
    '  <v:stroke joinstyle="miter"/>\n  <v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>\n'
    '  <o:lock v:ext="edit" shapetype="t"/>\n </v:shapetype>' + VML_BUTTON + "</xml>")


def _with_button_and_visible_note(path: Path) -> Path:
    """The plain plan's note on B8 made always-shown (Excel's own VML), and a VML form button in the same drawing."""
    W.plain_plan(path)
    with zipfile.ZipFile(path) as z:
        vml_name = next(n for n in z.namelist() if n.endswith(".vml"))
    return W._rewrite(path, {vml_name: EXCEL_VML})


def test_buttons_and_always_shown_notes_are_kept(tmp_path):
    src = _with_button_and_visible_note(tmp_path / "plan.xlsx")
    res = annotate_file(src, FINDINGS, profile="national", today=TODAY)
    vml_a = next(v for k, v in _parts(src).items() if k.endswith(".vml")).decode()
    vml_b = next(v for k, v in _parts(res.path).items() if k.endswith(".vml")).decode()
    assert VML_BUTTON in vml_b
    user_shape = re.search(r"<v:shape\b.*?</v:shape>", vml_a, re.S).group()
    assert "<x:Visible/>" in user_shape and user_shape in vml_b  # the user's always-shown note shape untouched
    assert vml_b.count('ObjectType="Note"') == 1 + 4  # ours: B4, B11, F20, A13 (B8 is the user's)
    wb = load_workbook(res.path)
    assert wb["第1表"]["B8"].comment.text.startswith("区分変更申請中\n\n" + NOTE_MARKER)
    assert contract_violations(src, res.path) == []
    clean = annotate_file(res.path, [], profile="national", today=TODAY, output_dir=tmp_path / "c").path
    vml_c = next(v for k, v in _parts(clean).items() if k.endswith(".vml")).decode()
    assert vml_c == vml_a  # our shapes gone, the user's drawing byte for byte


def test_control_characters_in_messages_and_cells(tmp_path):
    src = W.set_cells(W.plain_plan(tmp_path / "plan.xlsx"), "第1表",
                      {"B4": '<c r="B4" t="inlineStr"><is><t>北野_x000B_ハル</t></is></c>'})
    bad = [_f("B4", msg="「北野\x0bハル」\x00\x1f を確認"), _f("B8", msg="x\x07")]
    res = annotate_file(src, bad, profile="national", today=TODAY)
    comments = next(v for k, v in _parts(res.path).items() if "comments" in k).decode()
    assert "「北野_x000B_ハル」_x0000__x001F_ を確認" in comments  # Excel's escape for what XML cannot hold
    assert "x_x0007_" in comments
    import python_calamine as pc

    assert pc.CalamineWorkbook.from_path(str(res.path)).get_sheet_by_name("第1表").to_python()[3][1] == "北野\x0bハル"
    assert contract_violations(src, res.path) == []


def test_a_new_note_on_a_sheet_without_drawing_follows_the_schema_order(tmp_path):
    src = W.with_checkbox(tmp_path / "plan.xlsx")  # <controls> must stay after <legacyDrawing>
    res = annotate_file(src, [_f("A1", sheet="第2表")], profile="national", today=TODAY)
    member = W.sheet_member(src, "第2表")
    xml = _parts(res.path)[member].decode()
    from xl_careplan.ooxml import WORKSHEET_ORDER

    tags = [t for t in re.findall(r"<(?:\w+:)?(\w+)[\s>/]", xml) if t in WORKSHEET_ORDER]
    top = [t for i, t in enumerate(tags) if t not in tags[:i]]
    assert top == sorted(top, key=WORKSHEET_ORDER.index) and "legacyDrawing" in top


def test_in_place_refuses_a_read_only_file(tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    src.chmod(0o444)
    before = src.read_bytes()
    with pytest.raises(XlCareplanError) as e:
        annotate_file(src, FINDINGS, profile="national", today=TODAY, in_place=True)
    assert "読み取り専用" in str(e.value)
    assert src.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_full_disk_leaves_nothing_and_says_so(tmp_path, monkeypatch, capfd):
    from xl_careplan.writer import atomic

    src = W.plain_plan(tmp_path / "plan.xlsx")
    before = src.read_bytes()
    real_write = os.write
    calls = {"n": 0}

    def full(fd, data):
        calls["n"] += 1
        if calls["n"] > 1:  # the first block goes through, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data[: max(1, len(data) // 2)]))

    monkeypatch.setattr(atomic.os, "write", full)
    for in_place in (False, True):
        calls["n"] = 0
        with pytest.raises(XlCareplanError) as e:
            annotate_file(src, FINDINGS, profile="national", today=TODAY, in_place=in_place)
        assert "空き容量" in str(e.value)
    monkeypatch.undo()
    import gc

    gc.collect()
    assert "Exception ignored" not in capfd.readouterr().err
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]  # no copy, .bak or temporary file


_KILL_SCRIPT = """
import sys, datetime as dt
from xl_careplan.findings import Finding, Severity
from xl_careplan.writer.output import annotate_file
fs = [Finding(file="p", sheet="第2表", cell=f"A{i}", rule="CP101", severity=Severity.ERROR, message="m" * 200, source="s")
      for i in range(1, 400)]
while True:
    annotate_file(sys.argv[1], fs, profile="national", today=dt.date(2026, 11, 25), in_place=sys.argv[2] == "1")
"""


@pytest.mark.parametrize("in_place", [False, True])
def test_a_killed_write_leaves_nothing_unexpected(tmp_path, in_place):
    src = shutil.copy(SAMPLE, tmp_path / "plan.xlsx")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for delay in (0.4, 0.7, 1.0, 1.3):
        proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(src), "1" if in_place else "0"], env=env)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for p in tmp_path.iterdir():
            assert not p.name.startswith("."), p.name  # no hidden temporary copy of the plan
            assert p.name == "plan.xlsx" or p.name == "plan_点検済.xlsx" or re.fullmatch(r"plan\.bak-[\d-]+\.xlsx", p.name)
            with zipfile.ZipFile(p) as z:  # whatever is there is whole
                assert z.testzip() is None


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_reads_our_notes_fills_and_sheets(tmp_path):
    """One LibreOffice run re-saves two annotated copies (Excel-style VML with a button, openpyxl-style VML
    with ns0: prefixes); what it wrote back holds our notes merged with the user's, our fills and sheets."""
    written = []
    for name, build in (("btn", _with_button_and_visible_note), ("plain", W.plain_plan)):
        src = build(tmp_path / f"{name}.xlsx")
        written.append(annotate_file(src, FINDINGS, profile="national", today=TODAY).path)
    profile = (tmp_path / "lo-profile").as_uri()
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                           "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "re"), *map(str, written)],
                          capture_output=True, timeout=180)
    for p in written:
        back = tmp_path / "re" / p.name
        assert back.exists(), proc.stderr.decode(errors="replace")
        wb = load_workbook(back)
        assert wb.sheetnames[-2:] == ["点検結果", "_xlcp_state"]
        ws = wb["第1表"]
        for f in FINDINGS:
            assert NOTE_MARKER in ws[f.cell].comment.text, f.cell
        assert ws["B8"].comment.text.startswith("区分変更申請中")
        assert ws["B4"].fill.fgColor.rgb == "FFE89A9A"


def test_cells_and_rows_without_their_position_are_found_where_excel_reads_them(tmp_path):
    """Some producers leave out r="" (a cell is then right after the previous one): the note and fill land on
    the cell Excel shows there, and no cell moves."""
    src = W.plain_plan(tmp_path / "plan.xlsx")
    member = W.sheet_member(src, "第1表")
    xml = W._read(src, member)
    row4 = re.search(r'<row r="4".*?</row>', xml, re.S).group()
    bare = re.sub(r'(<c) r="[A-Z]+4"', r"\1", row4)  # A4, B4 (merged B4:C4), … without r
    W._rewrite(src, {member: xml.replace(row4, bare)})
    import python_calamine as pc

    def rows(p):
        return pc.CalamineWorkbook.from_path(str(p)).get_sheet_by_name("第1表").to_python()

    res = annotate_file(src, [_f("B4"), _f("E4")], profile="national", today=TODAY)
    assert rows(res.path)[:14] == rows(src)[:14]
    ws = load_workbook(res.path)["第1表"]
    assert ws["B4"].value == "テスト　太郎" and NOTE_MARKER in ws["B4"].comment.text
    assert ws["B4"].fill.fgColor.rgb == "FFE89A9A" and ws["E4"].fill.fgColor.rgb == "FFE89A9A"
    assert contract_violations(src, res.path) == []
