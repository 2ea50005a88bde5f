"""The offline bundle's recipe (scripts/make_bundle.py), fast parts.

Building the bundle needs pip to fetch ~28 wheels and an offline install into a fresh venv takes
about two minutes here, so that end-to-end check is ``make bundle-check`` (it found the VBA sources
missing from the wheel's package data). These tests cover the recipe itself: the pip command for
Windows, the completeness check that pip's own resolver cannot do from Linux (it evaluates markers
for the machine it runs on, so ``pywin32; platform_system == "Windows"`` is skipped), install.bat.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from importlib.metadata import requires
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("make_bundle", ROOT / "scripts" / "make_bundle.py")
M = importlib.util.module_from_spec(spec)
sys.modules["make_bundle"] = M  # dataclasses look their module up there
spec.loader.exec_module(M)


def _wheel(folder: Path, name: str, version: str, requires_dist: list[str], tag: str = "py3-none-any") -> Path:
    path = folder / f"{name}-{version}-{tag}.whl"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(f"Requires-Dist: {r}\n" for r in requires_dist)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name}-{version}.dist-info/METADATA", meta)
    return path


def test_windows_download_asks_for_windows_cpython_311_wheels_only(tmp_path):
    args = M.pip_download_args(M.WINDOWS, tmp_path, "xl_careplan-0.1.0-py3-none-any.whl")
    joined = " ".join(args)
    for part in ("download", "--only-binary :all:", "--platform win_amd64", "--python-version 3.11",
                 "--implementation cp", "--abi cp311", f"--dest {tmp_path}"):
        assert part in joined


def test_missing_requirements_evaluates_markers_for_the_target(tmp_path):
    _wheel(tmp_path, "xl_careplan", "0.1.0", ["xlwings>=0.37.5", "click>=8"])
    _wheel(tmp_path, "xlwings", "0.37.8", ['pywin32>=224; platform_system == "Windows"', "psutil; extra == 'all'"])
    _wheel(tmp_path, "click", "7.0", [])
    linux = dict(M.WINDOWS.markers, platform_system="Linux", sys_platform="linux", os_name="posix")
    assert M.missing_requirements(tmp_path, "xl-careplan", linux) == ["click>=8"]  # too old a version counts
    assert M.missing_requirements(tmp_path, "xl-careplan", M.WINDOWS.markers) == [
        "click>=8", 'pywin32>=224; platform_system == "Windows"']
    _wheel(tmp_path, "pywin32", "312", [], tag="cp311-cp311-win_amd64")
    _wheel(tmp_path, "click", "8.1.0", [], tag="py3-none-any").with_name("x")
    (tmp_path / "click-7.0-py3-none-any.whl").unlink()
    assert M.missing_requirements(tmp_path, "xl-careplan", M.WINDOWS.markers) == []


def test_our_real_dependencies_need_windows_only_wheels():
    """Why ``complete`` exists: on Windows, xlwings needs pywin32 and pcodedmp (oletools) win-unicode-console."""
    from packaging.requirements import Requirement

    def needed(dist: str) -> set[str]:
        out = set()
        for line in requires(dist) or []:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate(dict(M.WINDOWS.markers, extra="")):
                out.add(req.name.lower().replace("_", "-"))
        return out

    assert "pywin32" in needed("xlwings")
    assert "win-unicode-console" in needed("pcodedmp")


def test_install_bat_installs_offline_into_its_own_venv():
    bat = M.INSTALL_BAT.format(venv=M.VENV_DIR)
    data = bat.replace("\n", "\r\n").encode("cp932")  # as written into the bundle: Japanese Windows' code page
    assert data.decode("cp932").count("\r\n") == bat.count("\n")
    assert r'-m venv "%VENV%"' in bat
    assert re.search(r'pip install --no-index --find-links "%HERE%wheels" .*xl-careplan', bat)
    assert r'"%VENV%\Scripts\xl-careplan.exe" addin install %PROFILE_ARG%' in bat
    assert "py -3.11" in bat and "struct.calcsize('P') == 8" in bat
    assert M.VENV_DIR == r"%USERPROFILE%\xl-careplan"  # what the guide tells the care manager


def test_install_bat_blocks_are_not_closed_by_an_echo():
    """In cmd, a ")" in an echo inside ( ... ) ends the block: messages there use full-width brackets."""
    depth = 0
    for line in M.INSTALL_BAT.splitlines():
        stripped = line.strip()
        if depth and stripped.lower().startswith("echo"):
            outside_quotes = re.sub(r'"[^"]*"', "", stripped)
            assert ")" not in outside_quotes and "(" not in outside_quotes, line
        depth += stripped.endswith("(") - (stripped == ")")
    assert depth == 0


@pytest.mark.parametrize("name", ["install.bat", "はじめにお読みください.txt"])
def test_texts_for_the_office_are_japanese(name):
    text = M.INSTALL_BAT if name.endswith(".bat") else M.README_TXT
    assert re.search(r"[\u3040-\u30ff]", text)
