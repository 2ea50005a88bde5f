"""The add-in's VBA project: built from our sources, read back by independent readers (olefile,
oletools), and checked for where its settings come from.

No Excel runs here, so "a received workbook with a conf sheet or a conf file in its folder changes
nothing" is shown on the source text of the built project: starting from the ribbon callback, no
procedure the button can reach reads the active workbook's sheets, its path or its folder. The same
analysis run on xlwings' template finds exactly those reads (so the check can fail).
"""

from __future__ import annotations

import difflib
import io
import re
import struct
import zipfile
from pathlib import Path

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import VBA_Parser, decompress_stream

from xl_careplan.addin import build as B
from xl_careplan.addin import cfb, ovba

UPSTREAM = B.VBA_DIR / "upstream" / "xlwings_custom_addin-0.37.8.bas"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return B.build_addin(tmp_path_factory.mktemp("vba"), interpreter=r"C:\py\python.exe", platform="win32").path


def _vba_bin(xlam: Path) -> bytes:
    with zipfile.ZipFile(xlam) as zf:
        return zf.read("xl/vbaProject.bin")


def _read_back(xlam: Path) -> dict[str, str]:
    parser = VBA_Parser(str(xlam), data=xlam.read_bytes())
    try:
        return {Path(name).stem: code for _f, _s, name, code in parser.extract_macros()}
    finally:
        parser.close()


@pytest.fixture(scope="module")
def project(built) -> dict[str, str]:
    return _read_back(built)


@pytest.fixture(scope="module")
def template_project() -> dict[str, str]:
    return B.inspect_template().vba


# ---------------------------------------------------------------------------------------------
# a small reader of VBA source: procedures, their bodies without comments, who calls whom

_PROC = re.compile(
    r"^[ \t]*(?:(?:Public|Private|Friend)\s+)?(?:Static\s+)?(Sub|Function|Property\s+(?:Get|Let|Set))\s+(\w+)"
    r"(.*?)^[ \t]*End\s+(?:Sub|Function|Property)\b",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)


def _code_lines(src: str) -> str:
    src = re.sub(r" _\r?\n", " ", src)  # line continuations
    return "\n".join(B._strip_comment(line) for line in src.splitlines())


def procedures(project: dict[str, str]) -> dict[str, str]:
    out = {}
    for src in project.values():
        for m in _PROC.finditer(_code_lines(src)):
            out[m.group(2)] = m.group(3)
    return out


def reachable(project: dict[str, str], start: str) -> dict[str, str]:
    procs = procedures(project)
    seen, todo = {}, [start]
    while todo:
        name = todo.pop()
        if name in seen or name not in procs:
            continue
        body = re.sub(r'"(?:[^"]|"")*"', '""', procs[name])  # names inside string literals are not calls
        seen[name] = procs[name]
        todo += [w for w in set(re.findall(r"\b(\w+)\b", body)) if w in procs and w != name]
    return seen


# reading the active workbook's settings: its sheets, its path or its folder
WORKBOOK_READS = re.compile(
    r"SheetExists\(ActiveWorkbook,\s*PROJECT_NAME|GetConfigFromSheet\(ActiveWorkbook|GetDirectoryPath\(ActiveWorkbook"
    r"|GetFullName\(ActiveWorkbook|ActiveWorkbook\.(?:FullName|Path|Worksheets)|GetDirectoryConfigFilePath",
    re.IGNORECASE,
)


def _workbook_reads(procs: dict[str, str]) -> dict[str, list[str]]:
    return {name: WORKBOOK_READS.findall(body) for name, body in procs.items() if WORKBOOK_READS.search(body)}


def _ribbon_entry(project: dict[str, str], callback: str) -> str:
    return callback.split(".")[1]


# ---------------------------------------------------------------------------------------------
# the build


def test_the_built_project_is_our_sources(project):
    ours = {m.name: m.source for m in B.vba_sources()}
    assert set(project) == set(ours)
    for name, source in ours.items():
        assert project[name].replace("\r\n", "\n").rstrip("\n") == source.replace("\r\n", "\n").rstrip("\n"), name


def test_no_pcode_and_no_valid_performance_cache(built):
    ole = olefile.OleFileIO(io.BytesIO(_vba_bin(built)))
    try:
        reserved1, version = struct.unpack("<HH", ole.openstream("VBA/_VBA_PROJECT").read()[:4])
        assert (reserved1, version) == (0x61CC, 0xFFFF)  # [MS-OVBA] 2.3.4.1: cache not valid
        assert len(ole.openstream("VBA/_VBA_PROJECT").read()) == 7
        streams = {"/".join(p) for p in ole.listdir()}
        assert not any(s.startswith("VBA/__SRP_") for s in streams)
        records = ovba._records(bytes(decompress_stream(bytearray(ole.openstream("VBA/dir").read()))))
        offsets = [struct.unpack("<I", body)[0] for rid, body in records if rid == 0x0031]
        names = [body.decode() for rid, body in records if rid == 0x0019]
        assert offsets == [0] * len(names) and len(names) == len(B.VBA_FILES)
        for name in names:  # each module stream is nothing but its compressed source
            raw = ole.openstream(f"VBA/{name}").read()
            assert raw[0] == 1 and bytes(decompress_stream(bytearray(raw))).startswith(b'Attribute VB_Name = "')
    finally:
        ole.close()


def test_our_own_names_everywhere(built, project):
    with zipfile.ZipFile(built) as zf:
        ui = zf.read("customUI/customUI.xml").decode()
        wb = zf.read("xl/workbook.xml").decode()
    ole = olefile.OleFileIO(io.BytesIO(_vba_bin(built)))
    try:
        project_stream = ole.openstream("PROJECT").read().decode("cp1252")
    finally:
        ole.close()
    assert 'onAction="RibbonXlCareplan.XlCareplanCheck"' in ui and "RibbonMyAddin" not in ui
    assert 'Name="XlCareplan"' in project_stream and "MyAddin" not in project_stream
    assert "RibbonMyAddin" not in project and "xlwings" not in project
    assert "myaddin" not in wb.lower()
    assert re.search(r'^Public Const PROJECT_NAME As String = "xl_careplan"', project["XlCareplanRun"], re.M)
    run = procedures(project)
    assert '"\\." & PROJECT_NAME & "\\" & PROJECT_NAME & ".conf"' in run["GetConfigFilePath"]  # %USERPROFILE%\.xl_careplan


def test_sources_are_ascii_and_messages_japanese(project):
    for m in B.vba_sources():
        m.source.encode("ascii")
        assert max(len(line) for line in m.source.splitlines()) <= 1023, m.name  # the VBA editor's line limit
    consts = dict(re.findall(r'^Private Const (MSG_\w+) As String = "((?:[^"]|"")*)"', project["XlCareplanRun"], re.M))

    def ja_text(s: str) -> str:  # what the VBA's JaText does
        return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s.replace('""', '"'))

    texts = {k: ja_text(v) for k, v in consts.items()}
    assert "Python が見つかりません" in texts["MSG_NO_INTERPRETER"]
    assert "子プロセスの作成をブロック" in texts["MSG_BLOCKED"] and "IT 担当者" in texts["MSG_BLOCKED"]
    assert texts["MSG_TITLE"] == "ケアプラン点検"
    body = procedures(project)
    assert "JaText(MSG_NO_INTERPRETER)" in body["ExecuteWindows"]
    assert "Could not find Interpreter" not in project["XlCareplanRun"]
    # run-time error 70 (a blocked child process) is caught around WScript.Run, not left to Excel
    ew = body["ExecuteWindows"]
    assert ew.index("On Error GoTo run_blocked") < ew.index("WScript.Run(") < ew.index("run_blocked:")
    assert "JaText(MSG_BLOCKED)" in ew[ew.index("run_blocked:"):]
    assert "\\u" in project["XlCareplanRun"] and "Function JaText" in project["XlCareplanRun"]


# ---------------------------------------------------------------------------------------------
# where the settings come from


def test_getconfig_reads_the_addin_sheet_then_the_users_file_only(project):
    body = procedures(project)["GetConfig"]
    sheet = body.index("SheetExists(ThisWorkbook, PROJECT_NAME & \".conf\")")
    user = body.index("GetConfigFromFile(GetConfigFilePath()")
    default = body.index("GetConfig = default")
    assert sheet < user < default
    assert "ActiveWorkbook" not in body and "Directory" not in body


def test_the_template_reads_the_active_workbook_first(template_project):
    """The same reader on xlwings' template finds the lookups this build removes (the test can fail)."""
    body = procedures(template_project)["GetConfig"]
    assert body.index("SheetExists(ActiveWorkbook") < body.index("SheetExists(ThisWorkbook")
    assert "GetDirectoryConfigFilePath" in body
    reads = _workbook_reads(reachable(template_project, "RunMain"))
    assert {"GetConfig", "RunPython", "GetDirectoryConfigFilePath"} <= set(reads)


def test_nothing_the_button_reaches_reads_the_active_workbooks_settings(project):
    procs = reachable(project, _ribbon_entry(project, B.RIBBON_CALLBACK))
    assert {"RunPython", "GetConfig", "ExecuteWindows", "ExecuteMac", "GetConfigFromSheet"} <= set(procs)
    assert _workbook_reads(procs) == {}
    # what the button still takes from the active workbook: its name (xlwings' Book.caller finds it by
    # name), the error sheet when the user's own settings ask for one, and the UDF-server handle
    uses = sorted({m.group(0) for body in procs.values() for m in re.finditer(r"ActiveWorkbook(?:\.\w+)?", body)})
    assert uses == ["ActiveWorkbook", "ActiveWorkbook.Name", "ActiveWorkbook.Sheets"]
    run = procs["RunPython"]
    assert re.search(r'AddExcelDir = "false"', run) and "ADD_WORKBOOK_TO_PYTHONPATH" not in run
    assert "runpython_embedded_code" not in run and ".py" not in run
    assert 'ActiveFullName = ""' in run and 'ThisFullName = ""' in run


def test_a_conf_sheet_or_file_in_the_plan_changes_nothing(project, template_project):
    """Every lookup by the name a plan could carry goes to the add-in or the user's profile folder."""
    for name, proj, expect_plan in (("ours", project, False), ("template", template_project, True)):
        procs = procedures(proj)
        sheet_reads = {
            m.group(1)
            for body in procs.values()
            for m in re.finditer(r"(?:SheetExists|GetConfigFromSheet)\((\w+)", body)
            if "PROJECT_NAME" in body[m.start() : m.start() + 80] or m.group(0).startswith("GetConfigFromSheet")
        }
        files = {m.group(1) for body in procs.values() for m in re.finditer(r"GetConfigFromFile\((\w+)\(", body)}
        if expect_plan:
            assert "ActiveWorkbook" in sheet_reads and "GetDirectoryConfigFilePath" in files, name
        else:
            assert sheet_reads == {"ThisWorkbook"} and files == {"GetConfigFilePath"}, name
            gcp = procs["GetConfigFilePath"]
            assert 'Environ("USERPROFILE")' in gcp and "ActiveWorkbook" not in gcp


def test_mac_refuses_workbook_names_a_shell_would_interpret(project):
    procs = procedures(project)
    mac = procs["ExecuteMac"]
    assert mac.index("IsShellSafeName(ActiveWorkbook.Name)") < mac.index("AppleScriptTask(")
    assert 'AppleScriptTask(PROJECT_NAME & ".applescript"' in mac
    for ch in ('Chr(34)', '"$"', '"`"', '"\\"', '"|"', '"="'):  # "=": xlwings' Book.caller() cuts the name there
        assert ch in procs["IsShellSafeName"]


def test_windows_refuses_workbook_names_cmd_would_interpret(project):
    """ExecuteWindows puts ActiveWorkbook.Name inside "..." of cmd.exe /C: a name with " (possible for a book
    opened from a web address), %VAR% (expanded inside quotes) or = (xlwings' Book.caller() cuts there and finds
    another open book) is refused before cmd.exe starts, with a Japanese message naming the characters."""
    procs = procedures(project)
    ew = procs["ExecuteWindows"]
    assert ew.index("IsCmdSafeName(ActiveWorkbook.Name)") < ew.index("WScript.Run(")
    assert ew.index("IsCmdSafeName(ActiveWorkbook.Name)") < ew.index("Exit Function")
    assert "JaText(MSG_UNSAFE_NAME_WIN)" in ew
    for ch in ("Chr(34)", '"%"', '"="', "vbCr", "vbLf"):
        assert ch in procs["IsCmdSafeName"]
    consts = dict(re.findall(r'^Private Const (MSG_\w+) As String = "((?:[^"]|"")*)"', project["XlCareplanRun"], re.M))
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), consts["MSG_UNSAFE_NAME_WIN"].replace('""', '"'))
    assert '" % =' in text and "名前を変えて保存" in text
    # the only workbook-derived text left on the command line is that name
    run = ew[ew.index("WScript.Run("):]
    assert run.count("ActiveWorkbook") == 1 and "ActiveWorkbook.Name" in run
    assert "FullName" not in ew


def test_windows_never_starts_a_bare_python(project):
    """Without a full Interpreter_Win the template ran "python" through cmd.exe, which looks in the current folder
    first (Excel's, possibly a received plan's): refused with the missing-Python message instead."""
    ew = procedures(project)["ExecuteWindows"]
    start = ew.index('If Not IsFrozen And (PYTHON_WIN <> "python" And PYTHON_WIN <> "pythonw") Then')
    bare = ew[start:ew.index('PythonDir = ""', start)]
    bare = bare[bare.rindex("    Else"):]  # the branch taken for "python" / "pythonw"
    assert "If Not IsFrozen Then" in bare and "MsgBox JaText(MSG_NO_INTERPRETER)" in bare and "Exit Function" in bare
    assert ew.index('PythonDir = ""') < ew.index("WScript.Run(")


def test_no_procedure_of_the_add_in_is_a_worksheet_function(project):
    """Public functions of a loaded add-in's standard modules are worksheet functions in every open workbook: a
    received plan with =RunFrozenPython("C:\\Windows\\System32\\calc.exe") (or =ExecuteWindows(TRUE,…),
    =ReadFile(…), =SaveConfigToFile(…)) in a cell would run them when Excel calculates, without a click. Every
    standard module with a function is Option Private Module; the others hold only Subs that need an argument
    a cell cannot give (the ribbon callback's IRibbonControl)."""
    standard = {p.stem for p in B.VBA_DIR.glob("*.bas")}
    assert standard == {"XlCareplanRun", "RibbonXlCareplan"}
    for name in standard:
        code = _code_lines(project[name])
        head = code[:re.search(r"^[ \t]*(?:(?:Public|Private)\s+)?(?:Sub|Function)\s", code, re.M | re.I).start()]
        functions = re.findall(r"^[ \t]*(?:Public\s+)?Function\s+(\w+)", code, re.M | re.I)
        if re.search(r"^Option Private Module\b", head, re.M):
            continue
        assert not functions, (name, functions)
        for sub in re.findall(r"^[ \t]*(?:Public\s+)?Sub\s+\w+\(([^)]*)\)", code, re.M | re.I):
            assert sub.strip() and "Optional" not in sub, (name, sub)
    assert re.search(r"^Option Private Module\b", project["XlCareplanRun"], re.M)


def test_every_change_to_xlwings_source_is_marked():
    """XlCareplanRun.bas is upstream + marked edits: a reviewer reads the diff, not 1,200 lines."""
    upstream = UPSTREAM.read_text(encoding="ascii").splitlines()
    ours = (B.VBA_DIR / "XlCareplanRun.bas").read_text(encoding="ascii").splitlines()
    assert upstream[0] == 'Attribute VB_Name = "xlwings"' and "'Version: 0.37.8" in upstream[2]
    matcher = difflib.SequenceMatcher(a=upstream, b=ours, autojunk=False)
    hunks = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert hunks
    for tag, i1, i2, j1, j2 in hunks:
        if (i1, j1) == (0, 0):
            assert ours[0] == 'Attribute VB_Name = "XlCareplanRun"'  # the module's own name
            continue
        near = ours[max(j1 - 3, 0) : j2 + 3]
        assert any("xl_careplan" in line for line in near), (tag, upstream[i1:i2][:3], ours[j1:j2][:3])


# ---------------------------------------------------------------------------------------------
# the formats, against independent readers


@settings(max_examples=40)
@given(st.binary(max_size=9000) | st.text(alphabet="ab \r\n\"&()=", max_size=12000).map(str.encode))
def test_compression_round_trips_through_oletools(data):
    try:
        packed = ovba.compress(data)
    except ValueError:
        assert len(data) % ovba.CHUNK and len(data) % ovba.CHUNK > 3000  # a short, incompressible tail
        return
    assert bytes(decompress_stream(bytearray(packed))) == data


@settings(max_examples=25)
@given(st.dictionaries(st.text(alphabet="abcXYZ_0123", min_size=1, max_size=31), st.integers(0, 9000), max_size=20))
def test_compound_file_round_trips_through_olefile(sizes):
    tree = {name: bytes([i % 251]) * n for i, (name, n) in enumerate(sizes.items())}
    tree["sub"] = {"inner": b"x" * 5000, "small": b"y" * 10}
    data = cfb.write(tree)
    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        for name, content in tree.items():
            if isinstance(content, dict):
                for inner, c in content.items():
                    assert ole.openstream(f"{name}/{inner}").read() == c
            else:
                assert ole.openstream(name).read() == content
    finally:
        ole.close()
