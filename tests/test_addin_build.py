"""The built add-in: a valid package whose ribbon calls a macro that exists and runs our Python."""

from __future__ import annotations

import ast
import importlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from oletools.olevba import VBA_Parser

from xl_careplan import ooxml
from xl_careplan.addin import build as B
from xl_careplan.addin.live import CONF_SHEET

NS_UI = {"ui": ooxml.NS_CUSTOMUI_2006}
WIN_PY = r"C:\Users\cm\xl-careplan\.venv\Scripts\python.exe"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> B.BuildResult:
    out = tmp_path_factory.mktemp("addin")
    return B.build_addin(out, interpreter=WIN_PY, platform="win32", profile="asahikawa")


def _vba_sources(xlam: Path) -> dict[str, str]:
    with zipfile.ZipFile(xlam) as zf:
        data = zf.read("xl/vbaProject.bin")
    parser = VBA_Parser("vbaProject.bin", data=data)
    try:
        return {Path(vba_name).stem: code for _f, _s, vba_name, code in parser.extract_macros()}
    finally:
        parser.close()


def _ribbon(xlam: Path) -> ET.Element:
    with zipfile.ZipFile(xlam) as zf:
        rels = ET.fromstring(zf.read("_rels/.rels"))
        targets = [r.get("Target") for r in rels if r.get("Type", "").endswith("/ui/extensibility")]
        assert len(targets) == 1, "exactly one ribbon part must be related to the package"
        return ET.fromstring(zf.read(targets[0].lstrip("/")))


def test_file_is_a_valid_zip_named_after_the_module(built):
    assert built.path.name == "xl_careplan.xlam"
    with zipfile.ZipFile(built.path) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
    assert "[Content_Types].xml" in names and "xl/workbook.xml" in names and "xl/vbaProject.bin" in names


def test_ribbon_has_the_japanese_tab_and_large_button(built):
    ui = _ribbon(built.path)
    tabs = ui.findall(".//ui:tab", NS_UI)
    assert [t.get("label") for t in tabs] == ["ケアプラン点検"]
    buttons = ui.findall(".//ui:button", NS_UI)
    assert [b.get("label") for b in buttons] == ["点検する"]
    assert buttons[0].get("size") == "large"
    ids = [el.get("id") for el in ui.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_every_onaction_is_a_vba_sub_taking_the_ribbon_control(built):
    ui = _ribbon(built.path)
    actions = [el.get("onAction") for el in ui.iter() if el.get("onAction")]
    assert actions
    vba = _vba_sources(built.path)
    for action in actions:
        module, proc = action.split(".")
        assert module in vba, f"no VBA module {module}"
        assert re.search(rf"^\s*Sub\s+{proc}\s*\(\s*control\s+As\s+IRibbonControl\s*\)", vba[module], re.M | re.I)


def test_runpython_names_a_callable_in_xl_careplan(built):
    vba = _vba_sources(built.path)
    module, proc = built.callback.split(".")
    body = vba[module]
    assert 'RunPython "import xl_careplan;xl_careplan.main()"' in body
    command = "import xl_careplan;xl_careplan.main()"
    assert built.python_command == command
    tree = ast.parse(command)
    imported = tree.body[0].names[0].name
    call = tree.body[1].value
    mod = importlib.import_module(imported)
    target = getattr(mod, call.func.attr)
    assert callable(target)


def test_settings_sheet_is_the_one_the_vba_reads(built):
    assert CONF_SHEET == B.vba_project_name_constant(B.vba_sources()) + ".conf" == "xl_careplan.conf"
    with zipfile.ZipFile(built.path) as zf:
        wb = zf.read("xl/workbook.xml").decode()
    assert f'name="{CONF_SHEET}"' in wb and "myaddin" not in wb
    settings = B.read_settings_sheet(built.path)
    assert settings == {
        "Interpreter_Win": WIN_PY,
        "ADD_WORKBOOK_TO_PYTHONPATH": "false",
        "PROFILE": "asahikawa",
    }


def test_interpreter_row_follows_the_platform(tmp_path):
    mac = B.build_addin(tmp_path / "mac", interpreter="/Users/cm/.venv/bin/python", platform="darwin")
    assert B.read_settings_sheet(mac.path)["Interpreter_Mac"] == "/Users/cm/.venv/bin/python"
    assert "Interpreter_Win" not in B.read_settings_sheet(mac.path)
    linux = B.build_addin(tmp_path / "linux", interpreter="/usr/bin/python3", platform="linux")
    assert not any(k.startswith("Interpreter") for k in B.read_settings_sheet(linux.path))


def test_build_is_deterministic(built, tmp_path):
    again = B.build_addin(tmp_path, interpreter=WIN_PY, platform="win32", profile="asahikawa")
    assert again.path.read_bytes() == built.path.read_bytes()


@pytest.mark.parametrize("old, new, message", [
    ("Sub XlCareplanCheck(", "Sub SomethingElse(", "XlCareplanCheck"),  # the ribbon's callback is missing
    ("xl_careplan.main()", "os.system('x')", "想定と異なります"),  # it runs other Python
])
def test_sources_the_build_cannot_vouch_for_are_refused(tmp_path, old, new, message):
    vba = tmp_path / "vba"
    shutil.copytree(B.VBA_DIR, vba)
    ribbon = vba / "RibbonXlCareplan.bas"
    ribbon.write_text(ribbon.read_text().replace(old, new), encoding="ascii")
    with pytest.raises(B.AddinBuildError, match=message):
        B.build_addin(tmp_path / "out", vba_dir=vba)
    assert not (tmp_path / "out" / B.ADDIN_FILENAME).exists()


def test_python_command_of_understands_only_what_it_can_prove():
    proc = (
        'Sub RunMain(control As IRibbonControl)\r\n'
        '    mymodule = Left(ThisWorkbook.Name, (InStrRev(ThisWorkbook.Name, ".", -1, vbTextCompare) - 1))\r\n'
        '    RunPython "import " & mymodule & ";" & mymodule & ".main()"  \' run it\r\n'
        'End Sub'
    )
    assert B.python_command_of(proc, "xl_careplan.xlam") == "import xl_careplan;xl_careplan.main()"
    literal = 'Sub A(control As IRibbonControl)\n    RunPython "import x; x.go()"\nEnd Sub'
    assert B.python_command_of(literal, "whatever.xlam") == "import x; x.go()"
    with pytest.raises(ValueError):
        B.python_command_of('Sub A(c As IRibbonControl)\n    RunPython GetCommand(c.Id)\nEnd Sub', "a.xlam")
    with pytest.raises(ValueError):
        B.python_command_of('Sub A(c As IRibbonControl)\n    MsgBox "hi"\nEnd Sub', "a.xlam")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_settings_sheet(built, tmp_path):
    """An independent reader of the package: LibreOffice converts the add-in's sheet to CSV."""
    src = tmp_path / "addin.xlsm"
    shutil.copyfile(built.path, src)
    proc = subprocess.run(
        # the add-in content type is not in LibreOffice's type detection: name the OOXML import filter
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--infilter=Calc MS Excel 2007 XML", "--convert-to", "csv",
         "--outdir", str(tmp_path), str(src)],
        capture_output=True, timeout=120,
    )
    out = tmp_path / "addin.csv"
    assert out.exists(), proc.stderr.decode(errors="replace")
    text = out.read_text(encoding="utf-8", errors="replace")
    assert "Interpreter_Win" in text and "PROFILE" in text and "asahikawa" in text


def test_the_vba_sources_are_package_data():
    """A wheel without them cannot build the add-in (found by `make bundle-check`)."""
    import fnmatch
    import tomllib

    conf = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = conf["tool"]["setuptools"]["package-data"]["xl_careplan"]
    pkg = Path(B.__file__).resolve().parent.parent
    files = [p.relative_to(pkg).as_posix() for p in B.VBA_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert files and all(any(fnmatch.fnmatch(f, pat) for pat in patterns) for f in files), files
    for filename, _kind in B.VBA_FILES:
        assert (B.VBA_DIR / filename).is_file()
