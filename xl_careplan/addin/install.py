"""Install / remove ``xl_careplan.xlam`` in Excel's per-user start-up folder.

Mirrors ``xlwings addin install|remove`` (xlwings/cli.py), which copies the add-in to
``app.startup_path`` of a running (or started) Excel. We compute that folder instead, so the
command works without starting Excel and can be tested on a fake home directory:

- Windows: ``%APPDATA%\\Microsoft\\Excel\\XLSTART`` (Excel's default user start-up folder; a default
  trusted location, so the add-in's macros run without a prompt)
- macOS (Excel 2016 and later, sandboxed): ``~/Library/Group Containers/UBF8T346G9.Office/
  User Content.localized/Startup.localized/Excel``. Like ``xlwings runpython install`` we also copy
  xlwings' ``xlwings-<version>.applescript`` to ``~/Library/Application Scripts/com.microsoft.Excel``,
  under our own name ``xl_careplan.applescript`` (what our VBA's RunPython calls on macOS), so it
  follows the installed xlwings and never touches another add-in's script.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from xl_careplan.addin.build import ADDIN_FILENAME, BuildResult, build_addin, conda_settings, vba_project_name_constant, vba_sources
from xl_careplan.errors import XlCareplanError

MAC_STARTUP = ("Library", "Group Containers", "UBF8T346G9.Office", "User Content.localized", "Startup.localized", "Excel")
MAC_SCRIPTS = ("Library", "Application Scripts", "com.microsoft.Excel")

MSG_UNSUPPORTED = (
    "Excel のアドインは Windows または macOS の Excel でのみ使えます（この環境: {platform}）。"
    "この環境では `xl-careplan check` でファイルを点検してください。"
)
MSG_LOCKED = (
    "{path} に書き込めません。Excel を起動している場合は Excel をすべて終了してから、もう一度実行してください。"
)


class UnsupportedPlatformError(XlCareplanError):
    """No desktop Excel on this platform (Linux)."""


class AddinInstallError(XlCareplanError):
    """The start-up folder cannot be written (Excel running, permissions)."""


def platform_kind(platform: str | None = None) -> str:
    """'windows' / 'macos', or raise ``UnsupportedPlatformError``."""
    platform = platform or sys.platform
    if platform.startswith("win") or platform == "cygwin":
        return "windows"
    if platform == "darwin":
        return "macos"
    raise UnsupportedPlatformError(MSG_UNSUPPORTED.format(platform=platform))


def startup_dir(platform: str | None = None, home: str | Path | None = None, env: dict[str, str] | None = None) -> Path:
    """Excel's per-user start-up folder (XLSTART) for this platform and user."""
    kind = platform_kind(platform)
    if env is None:
        env = dict(os.environ) if home is None else {}
    home_p = Path(home) if home is not None else Path.home()
    if kind == "windows":
        appdata = env.get("APPDATA")
        base = Path(appdata) if appdata else home_p / "AppData" / "Roaming"
        return base / "Microsoft" / "Excel" / "XLSTART"
    return home_p.joinpath(*MAC_STARTUP)


def applescript_dir(home: str | Path | None = None) -> Path:
    return (Path(home) if home is not None else Path.home()).joinpath(*MAC_SCRIPTS)


@dataclass
class InstallResult:
    addin: Path
    build: BuildResult
    extra_files: list[Path] = field(default_factory=list)  # the AppleScript on macOS


def _xlwings_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("xlwings")
    assert spec is not None and spec.origin
    return Path(spec.origin).parent


def applescript_name() -> str:
    """The AppleScript our VBA's ExecuteMac calls: ``PROJECT_NAME & ".applescript"``."""
    return vba_project_name_constant(vba_sources()) + ".applescript"


def _xlwings_applescript() -> Path | None:
    found = sorted(_xlwings_dir().glob("xlwings-*.applescript"))
    return found[-1] if len(found) == 1 else None


def install(
    *,
    platform: str | None = None,
    home: str | Path | None = None,
    env: dict[str, str] | None = None,
    interpreter: str | None = None,
    profile: str | None = None,
    layout: str | None = None,
) -> InstallResult:
    """Build the add-in with this Python as its interpreter and put it in the start-up folder."""
    platform = platform or sys.platform
    kind = platform_kind(platform)
    target_dir = startup_dir(platform, home, env)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        result = build_addin(
            target_dir,
            interpreter=interpreter or sys.executable,
            platform=platform,
            profile=profile,
            conda=conda_settings(),
            layout=layout,
        )
    except PermissionError as e:
        raise AddinInstallError(MSG_LOCKED.format(path=target_dir / ADDIN_FILENAME)) from e
    extra: list[Path] = []
    if kind == "macos":
        script = _xlwings_applescript()
        if script is None:
            raise AddinInstallError(
                f"xlwings の AppleScript（xlwings-<版>.applescript）が見つかりません（{_xlwings_dir()}）。xlwings を入れ直してください。"
            )
        dest_dir = applescript_dir(home)
        dest_dir.mkdir(parents=True, exist_ok=True)
        dest = dest_dir / applescript_name()
        shutil.copyfile(script, dest)
        extra.append(dest)
    return InstallResult(addin=result.path, build=result, extra_files=extra)


def remove(*, platform: str | None = None, home: str | Path | None = None, env: dict[str, str] | None = None) -> Path | None:
    """Delete the add-in from the start-up folder. Returns its path, or None when it was not installed.

    On macOS our AppleScript goes too (it is ours alone: ``xl_careplan.applescript``).
    """
    path = startup_dir(platform, home, env) / ADDIN_FILENAME
    if platform_kind(platform) == "macos":
        (applescript_dir(home) / applescript_name()).unlink(missing_ok=True)
    try:
        path.unlink()
    except FileNotFoundError:
        return None
    except PermissionError as e:
        raise AddinInstallError(
            f"{path} を削除できません。Excel をすべて終了してから、もう一度実行してください"
            "（手作業でこのファイルを削除しても構いません）。"
        ) from e
    return path


def installed_path(*, platform: str | None = None, home: str | Path | None = None, env: dict[str, str] | None = None) -> Path | None:
    path = startup_dir(platform, home, env) / ADDIN_FILENAME
    return path if path.is_file() else None
