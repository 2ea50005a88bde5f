"""install / remove on a fake home directory, for the Windows and the macOS paths; Linux refuses."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from xl_careplan.addin import install as I
from xl_careplan.addin.build import ADDIN_FILENAME, read_settings_sheet, vba_sources
from xl_careplan.cli import cli

WIN_STARTUP = ("AppData", "Roaming", "Microsoft", "Excel", "XLSTART")
MAC_STARTUP = ("Library", "Group Containers", "UBF8T346G9.Office", "User Content.localized", "Startup.localized", "Excel")


def test_windows_install_and_remove(tmp_path):
    res = I.install(platform="win32", home=tmp_path, interpreter=r"C:\Python311\python.exe", profile="nayoro")
    expected = tmp_path.joinpath(*WIN_STARTUP) / ADDIN_FILENAME
    assert res.addin == expected and expected.is_file()
    assert res.extra_files == []
    settings = read_settings_sheet(expected)
    assert settings["Interpreter_Win"] == r"C:\Python311\python.exe"
    assert settings["PROFILE"] == "nayoro"
    assert I.installed_path(platform="win32", home=tmp_path) == expected
    # reinstalling replaces the file in place (an update)
    I.install(platform="win32", home=tmp_path, interpreter=r"D:\py\python.exe")
    assert read_settings_sheet(expected)["Interpreter_Win"] == r"D:\py\python.exe"
    assert I.remove(platform="win32", home=tmp_path) == expected
    assert not expected.exists()
    assert I.remove(platform="win32", home=tmp_path) is None
    assert list(expected.parent.iterdir()) == []  # no temporary file left behind


def test_windows_uses_appdata_when_set(tmp_path):
    appdata = tmp_path / "Roaming elsewhere"
    d = I.startup_dir("win32", home=tmp_path / "home", env={"APPDATA": str(appdata)})
    assert d == appdata / "Microsoft" / "Excel" / "XLSTART"


def test_macos_install_copies_the_runpython_applescript(tmp_path):
    res = I.install(platform="darwin", home=tmp_path, interpreter="/Users/cm/.venv/bin/python")
    expected = tmp_path.joinpath(*MAC_STARTUP) / ADDIN_FILENAME
    assert res.addin == expected and expected.is_file()
    assert read_settings_sheet(expected)["Interpreter_Mac"] == "/Users/cm/.venv/bin/python"
    # our VBA calls AppleScriptTask(PROJECT_NAME & ".applescript", ...): the names must agree
    run = next(m.source for m in vba_sources() if m.name == "XlCareplanRun")
    assert 'AppleScriptTask(PROJECT_NAME & ".applescript", "VbaHandler"' in run
    assert re.search(r'PROJECT_NAME As String = "xl_careplan"', run)
    script = tmp_path / "Library" / "Application Scripts" / "com.microsoft.Excel" / "xl_careplan.applescript"
    assert res.extra_files == [script] and script.is_file()
    assert "on VbaHandler(ParameterString)" in script.read_text()  # xlwings' script, our name
    assert I.remove(platform="darwin", home=tmp_path) == expected
    assert not expected.exists()
    assert not script.exists()  # ours alone: removed with the add-in


def test_linux_has_no_excel():
    with pytest.raises(I.UnsupportedPlatformError, match="Windows または macOS"):
        I.startup_dir("linux")
    with pytest.raises(I.UnsupportedPlatformError):
        I.install(platform="linux")
    with pytest.raises(I.UnsupportedPlatformError):
        I.remove(platform="linux")


@pytest.mark.parametrize("command", ["install", "remove", "status"])
def test_cli_on_linux_says_so_in_japanese_and_exits_2(command):
    res = CliRunner().invoke(cli, ["addin", command, "--platform", "linux"])
    assert res.exit_code == 2
    assert "Windows または macOS の Excel でのみ使えます" in res.stderr


def test_cli_install_status_remove_on_a_fake_windows_home(tmp_path):
    runner = CliRunner()
    home = str(tmp_path)
    res = runner.invoke(cli, ["addin", "install", "--platform", "win32", "--home", home])
    assert res.exit_code == 0, res.output
    assert "インストールしました" in res.stdout and "ケアプラン点検" in res.stdout
    res = runner.invoke(cli, ["addin", "status", "--platform", "win32", "--home", home])
    assert res.exit_code == 0 and "インストール済み" in res.stdout and "Interpreter_Win" in res.stdout
    res = runner.invoke(cli, ["addin", "remove", "--platform", "win32", "--home", home])
    assert res.exit_code == 0 and "削除しました" in res.stdout
    res = runner.invoke(cli, ["addin", "remove", "--platform", "win32", "--home", home])
    assert res.exit_code == 0 and "インストールされていません" in res.stdout


def test_cli_refuses_an_unknown_profile_before_installing(tmp_path):
    res = CliRunner().invoke(cli, ["addin", "install", "--platform", "win32", "--home", str(tmp_path), "--profile", "nosuch"])
    assert res.exit_code == 2
    assert not tmp_path.joinpath(*WIN_STARTUP, ADDIN_FILENAME).exists()


def test_excel_holding_the_file_gives_a_clear_message(tmp_path, monkeypatch):
    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(I.AddinInstallError, match="Excel をすべて終了して"):
        I.install(platform="win32", home=tmp_path, interpreter="python")


def test_cli_build_writes_to_the_output_dir(tmp_path):
    res = CliRunner().invoke(cli, ["addin", "build", "--output", str(tmp_path), "--platform", "win32",
                                   "--interpreter", r"C:\py\python.exe"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / ADDIN_FILENAME).is_file()
    assert "import xl_careplan;xl_careplan.main()" in res.stdout
    assert read_settings_sheet(Path(tmp_path) / ADDIN_FILENAME)["Interpreter_Win"] == r"C:\py\python.exe"


def test_cli_install_with_a_layout_file_stores_its_absolute_path(tmp_path, monkeypatch):
    layout = tmp_path / "様式.toml"
    layout.write_text('[table1]\nuser_name = "計画書1!C5"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["addin", "install", "--platform", "win32", "--home", str(tmp_path / "h"),
                                   "--layout", "様式.toml"])
    assert res.exit_code == 0, res.output
    settings = read_settings_sheet(tmp_path.joinpath("h", *WIN_STARTUP, ADDIN_FILENAME))
    assert settings["LAYOUT"] == str(layout.resolve())
    bad = CliRunner().invoke(cli, ["addin", "install", "--platform", "win32", "--home", str(tmp_path / "h2"),
                                   "--layout", "ない.toml"])
    assert bad.exit_code == 2
