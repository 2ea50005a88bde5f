"""`xl-careplan addin build|install|remove --libreoffice`: the .oxt's contents and the unopkg calls.

The extension running in a real LibreOffice is tests/test_libreoffice_live.py; here unopkg is a
stand-in on PATH that records its arguments (unopkg refuses to add per-user extensions as root, which
CI containers are).
"""

from __future__ import annotations

import json
import os
import py_compile
import re
import stat
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from xl_careplan.addin import lo_install, oxt
from xl_careplan.cli import cli

OOR = "{http://openoffice.org/2001/registry}"
MANIFEST = "{http://openoffice.org/2001/manifest}"


def _build(tmp_path, *args) -> Path:
    res = CliRunner().invoke(cli, ["addin", "build", "--libreoffice", "--output", str(tmp_path), *args])
    assert res.exit_code == 0, res.output
    assert "作成しました" in res.output and "「ケアプラン点検」→「点検する」" in res.output
    return tmp_path / "xl_careplan.oxt"


def _nodes(el, name):
    return next(n for n in el if n.tag == "node" and n.get(f"{OOR}name") == name)


def _props(el) -> dict[str, str]:
    return {p.get(f"{OOR}name"): p.find("value").text for p in el if p.tag == "prop"}


def test_the_oxt_declares_its_parts_menu_toolbar_and_protocol(tmp_path):
    path = _build(tmp_path)
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        manifest = ET.fromstring(z.read("META-INF/manifest.xml"))
        addons = ET.fromstring(z.read("Addons.xcu"))
        handler = ET.fromstring(z.read("ProtocolHandler.xcu"))
        desc = ET.fromstring(z.read("description.xml"))
        (tmp_path / oxt.COMPONENT).write_bytes(z.read(oxt.COMPONENT))
    entries = {e.get(f"{MANIFEST}full-path"): e.get(f"{MANIFEST}media-type") for e in manifest}
    assert entries == {
        oxt.COMPONENT: "application/vnd.sun.star.uno-component;type=Python",
        "ProtocolHandler.xcu": "application/vnd.sun.star.configuration-data",
        "Addons.xcu": "application/vnd.sun.star.configuration-data",
    }
    assert set(entries) | {"META-INF/manifest.xml", "description.xml", oxt.ENV_FILE} <= names
    ns = "{http://openoffice.org/extensions/description/2006}"
    assert desc.find(f"{ns}identifier").get("value") == oxt.EXTENSION_ID
    from xl_careplan import __version__

    assert desc.find(f"{ns}version").get("value") == __version__

    ui = _nodes(addons, "AddonUI")
    menu = _nodes(_nodes(ui, "OfficeMenuBar"), f"{oxt.EXTENSION_ID}.menu")
    assert _props(menu)["Title"] == "ケアプラン点検"
    items = [_props(n) for n in _nodes(menu, "Submenu")]
    assert items == [{"URL": oxt.COMMAND_URL, "Title": "点検する", "Target": "_self",
                      "Context": "com.sun.star.sheet.SpreadsheetDocument"}]
    bar = _nodes(_nodes(ui, "OfficeToolBar"), f"{oxt.EXTENSION_ID}.toolbar")
    assert [_props(n)["URL"] for n in bar] == [oxt.COMMAND_URL]

    protocols = [v.text for v in handler.iter("value")]
    assert protocols == [oxt.PROTOCOL + "*"] and oxt.COMMAND_URL.startswith(oxt.PROTOCOL)
    py_compile.compile(str(tmp_path / oxt.COMPONENT), doraise=True)
    src = (tmp_path / oxt.COMPONENT).read_text(encoding="utf-8")
    assert f'PROTOCOL = "{oxt.PROTOCOL}"' in src and f'"{oxt.ENV_FILE}"' in src


def test_the_oxt_says_where_this_python_finds_xl_careplan(tmp_path):
    import xl_careplan

    layout = tmp_path / "layout.toml"
    layout.write_text('[table1]\nuser_name = "第1表!B4"\n', encoding="utf-8")
    path = _build(tmp_path, "--profile", "nayoro", "--layout", str(layout))
    env = json.loads(zipfile.ZipFile(path).read(oxt.ENV_FILE))
    assert env["python"] == "%d.%d" % sys.version_info[:2]
    assert str(Path(xl_careplan.__file__).resolve().parents[1]) in env["paths"]
    assert all(Path(p).is_dir() for p in env["paths"])
    assert env["settings"] == {"PROFILE": "nayoro", "LAYOUT": str(layout.resolve())}


def test_a_wrong_profile_stops_the_build(tmp_path):
    res = CliRunner().invoke(cli, ["addin", "build", "--libreoffice", "--output", str(tmp_path), "--profile", "nosuch"])
    assert res.exit_code == 2 and "プロファイル「nosuch」はありません" in res.output
    assert not (tmp_path / "xl_careplan.oxt").exists()


@pytest.fixture
def fake_unopkg(tmp_path, monkeypatch):
    """A stand-in unopkg on PATH: logs each call (and a copy of an added .oxt), exits as told."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "unopkg.log"
    script = bindir / "unopkg"
    script.write_text(f"""#!{sys.executable}
import json, os, shutil, sys
args = sys.argv[1:]
with open({str(log)!r}, "a", encoding="utf-8") as fh:
    fh.write(json.dumps(args) + "\\n")
for a in args:
    if a.endswith(".oxt"):
        shutil.copy(a, {str(tmp_path / "added.oxt")!r})
if args[0] == "list":
    installed = os.path.exists({str(tmp_path / "installed")!r})
    print("Identifier: org.xl_careplan.calc" if installed else "There is no such extension deployed")
    sys.exit(0 if installed else 1)
sys.stdout.write(os.environ.get("FAKE_UNOPKG_OUT", ""))
sys.exit(int(os.environ.get("FAKE_UNOPKG_RC", "0")))
""", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(lo_install, "_is_root", lambda: False)

    def calls():
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []

    return calls


def test_install_adds_the_built_extension_with_unopkg(fake_unopkg, tmp_path):
    res = CliRunner().invoke(cli, ["addin", "install", "--libreoffice", "--profile", "asahikawa",
                                   "--lo-user-installation", "file:///tmp/xlcp-profile"])
    assert res.exit_code == 0, res.output
    assert "インストールしました" in res.output and "点検のプロファイル: asahikawa" in res.output
    (call,) = fake_unopkg()
    assert call[:3] == ["add", "--force", "--suppress-license"]
    assert call[3] == "-env:UserInstallation=file:///tmp/xlcp-profile" and call[4].endswith("xl_careplan.oxt")
    assert not Path(call[4]).exists()  # built in a temporary folder: unopkg keeps its own copy
    env = json.loads(zipfile.ZipFile(tmp_path / "added.oxt").read(oxt.ENV_FILE))
    assert env["settings"] == {"PROFILE": "asahikawa"}


def test_a_failing_unopkg_is_a_japanese_message(fake_unopkg, monkeypatch):
    monkeypatch.setenv("FAKE_UNOPKG_RC", "1")
    monkeypatch.setenv("FAKE_UNOPKG_OUT", "ERROR: the user installation is locked")
    res = CliRunner().invoke(cli, ["addin", "install", "--libreoffice"])
    assert res.exit_code == 2
    assert "インストールできませんでした" in res.output and "LibreOffice を起動している場合は" in res.output
    assert "locked" in res.output


def test_remove_takes_the_extension_out_or_says_it_was_not_there(fake_unopkg, tmp_path):
    res = CliRunner().invoke(cli, ["addin", "remove", "--libreoffice"])
    assert res.exit_code == 0 and "インストールされていません" in res.output
    assert [c[0] for c in fake_unopkg()] == ["list"]
    (tmp_path / "installed").touch()
    res = CliRunner().invoke(cli, ["addin", "remove", "--libreoffice"])
    assert res.exit_code == 0 and "削除しました" in res.output
    assert fake_unopkg()[-1] == ["remove", oxt.EXTENSION_ID]


def test_root_and_a_missing_libreoffice_get_a_message(monkeypatch, tmp_path):
    monkeypatch.setattr(lo_install, "_is_root", lambda: True)
    monkeypatch.setattr(lo_install, "find_unopkg", lambda platform=None: "/usr/bin/unopkg")
    res = CliRunner().invoke(cli, ["addin", "install", "--libreoffice"])
    assert res.exit_code == 2 and "root（管理者）" in res.output
    monkeypatch.undo()
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(lo_install, "UNOPKG_CANDIDATES", {k: [] for k in lo_install.UNOPKG_CANDIDATES})
    res = CliRunner().invoke(cli, ["addin", "remove", "--libreoffice"])
    assert res.exit_code == 2 and "unopkg" in res.output and "見つかりません" in res.output


def _real_unopkg(tmp_path) -> tuple[Path, str]:
    """A shared folder and the real unopkg to call: as root (CI containers), a wrapper that runs it as
    nobody, since unopkg refuses per-user extensions for root."""
    import shutil as sh

    real = sh.which("unopkg")
    if real is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have LibreOffice's unopkg (.ci/run installs libreoffice-calc)")
        pytest.skip("LibreOffice (unopkg) is not installed")
    import tempfile

    shared = Path(tempfile.mkdtemp(prefix="xlcp_unopkg_"))
    shared.chmod(0o777)
    if os.geteuid() != 0:
        return shared, real
    setpriv = sh.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to run unopkg as nobody under root"
    bindir = tmp_path / "bin"
    bindir.mkdir()
    wrapper = bindir / "unopkg"
    wrapper.write_text(f"""#!{sys.executable}
import os, shutil, subprocess, sys
args = []
for a in sys.argv[1:]:
    if a.endswith(".oxt"):
        dest = os.path.join({str(shared)!r}, os.path.basename(a))
        shutil.copy(a, dest)
        os.chmod(dest, 0o644)
        a = dest
    args.append(a)
cmd = [{setpriv!r}, "--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME={shared}", {real!r}, *args]
sys.exit(subprocess.run(cmd).returncode)
""", encoding="utf-8")
    wrapper.chmod(0o755)
    return shared, str(wrapper)


def test_install_and_remove_with_the_real_unopkg(tmp_path, monkeypatch):
    """The commands against LibreOffice's own unopkg, on a throwaway profile."""
    import shutil as sh
    import subprocess

    shared, unopkg = _real_unopkg(tmp_path)
    try:
        profile = (shared / "profile").as_uri()
        monkeypatch.setenv("PATH", f"{Path(unopkg).parent}{os.pathsep}{os.environ['PATH']}")
        monkeypatch.setattr(lo_install, "_is_root", lambda: False)  # the wrapper takes care of root

        def listed() -> str:
            return subprocess.run([unopkg, "list", f"-env:UserInstallation={profile}"], capture_output=True,
                                  text=True, timeout=120).stdout

        res = CliRunner().invoke(cli, ["addin", "install", "--libreoffice", "--lo-user-installation", profile])
        assert res.exit_code == 0, res.output
        assert f"Identifier: {oxt.EXTENSION_ID}" in listed()
        res = CliRunner().invoke(cli, ["addin", "remove", "--libreoffice", "--lo-user-installation", profile])
        assert res.exit_code == 0 and "削除しました" in res.output, res.output
        assert oxt.EXTENSION_ID not in listed()
    finally:
        sh.rmtree(shared, ignore_errors=True)


def test_the_extension_explains_when_xl_careplan_cannot_be_imported(tmp_path):
    """LibreOffice's Python without our folders (moved venv, other Python version): a message, no traceback."""
    import subprocess

    import libreoffice

    exe = libreoffice.uno_python()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have a Python with LibreOffice's UNO bridge (python3-uno)")
        pytest.skip("no Python with LibreOffice's UNO bridge")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import xl_careplan_calc as m; "
        "print(m.import_button({'python': '3.1', 'paths': [sys.argv[2]]})[1]); "
        "print(m.parse_query('org.xl_careplan.calc:check?today=2026-11-25&quiet=1')); "
        # a received document's link or form button may dispatch our URL: outside the tests it chooses nothing
        "print(m.url_args('org.xl_careplan.calc:check?today=1999-01-01&quiet=1', {})); "
        "print(m.url_args('org.xl_careplan.calc:check?today=1999-01-01&quiet=1', {m.TEST_HOOKS: '1'})); "
        "print(m.url_args('org.xl_careplan.calc:check?today=soon', {m.TEST_HOOKS: '1'}))"
    )
    done = subprocess.run([exe, "-I", "-c", code, str(oxt.SCRIPT_DIR), str(tmp_path / "gone")],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    message, query, received, hooked, bad = done.stdout.strip().split("\n")
    # (LibreOffice's import hook in uno.py turns ModuleNotFoundError into ImportError)
    assert re.match(r"xl_careplan を読み込めませんでした（(ModuleNotFound|Import)Error）。", message), message
    assert "版が違います" in message and "addin install --libreoffice" in message
    assert query == "('check', {'today': '2026-11-25', 'quiet': '1'})"
    assert received == "('check', {})"
    assert hooked == "('check', {'today': '1999-01-01', 'quiet': '1'})" and bad == "('check', {})"
