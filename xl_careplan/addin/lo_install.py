"""Install / remove ``xl_careplan.oxt`` in LibreOffice for this user, with LibreOffice's ``unopkg``.

``unopkg add`` copies the extension into the user's LibreOffice profile (so the built file is only
temporary) and ``unopkg remove org.xl_careplan.calc`` takes it out. unopkg refuses to add per-user
extensions as root, and cannot change a profile that a running LibreOffice holds: both get a message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from xl_careplan.addin.oxt import EXTENSION_ID, OxtResult, build_oxt
from xl_careplan.errors import XlCareplanError

UNOPKG_CANDIDATES = {
    "win": [r"C:\Program Files\LibreOffice\program\unopkg.com", r"C:\Program Files (x86)\LibreOffice\program\unopkg.com"],
    "darwin": ["/Applications/LibreOffice.app/Contents/MacOS/unopkg"],
    "linux": ["/usr/lib/libreoffice/program/unopkg", "/opt/libreoffice/program/unopkg"],
}
MSG_NOT_FOUND = (
    "LibreOffice の unopkg（拡張機能の管理コマンド）が見つかりません。LibreOffice をインストールしてから、"
    "もう一度実行してください（Debian / Ubuntu: sudo apt install libreoffice-calc python3-uno）。"
)
MSG_ROOT = (
    "root（管理者）では、利用者ごとの LibreOffice 拡張機能を入れられません（unopkg の制限）。"
    "ふだん LibreOffice を使う利用者のアカウントで、もう一度実行してください。"
)
MSG_FAILED = (
    "LibreOffice の拡張機能を{action}できませんでした（unopkg の終了コード {code}）。LibreOffice を起動している場合は"
    "すべて終了してから、もう一度実行してください。unopkg の出力:\n{output}"
)


class LibreOfficeError(XlCareplanError):
    """unopkg missing or failing."""


@dataclass
class LoInstallResult:
    build: OxtResult
    unopkg: str


def find_unopkg(platform: str | None = None) -> str:
    found = shutil.which("unopkg")
    if found:
        return found
    platform = platform or sys.platform
    key = "win" if platform.startswith("win") else ("darwin" if platform == "darwin" else "linux")
    for cand in UNOPKG_CANDIDATES[key]:
        if Path(cand).is_file():
            return cand
    raise LibreOfficeError(MSG_NOT_FOUND)


def _env_args(user_installation: str | None) -> list[str]:
    """Another LibreOffice profile (a file: URL) than the user's own, as soffice's -env:UserInstallation."""
    return [f"-env:UserInstallation={user_installation}"] if user_installation else []


def _run(cmd: list[str], action: str) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise LibreOfficeError(MSG_FAILED.format(action=action, code=type(e).__name__, output="")) from e
    return done


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def install(*, profile: str | None = None, layout: str | None = None,
            user_installation: str | None = None) -> LoInstallResult:
    """Build the extension for this Python and add it to the user's LibreOffice (replacing an older one)."""
    unopkg = find_unopkg()
    if _is_root():
        raise LibreOfficeError(MSG_ROOT)
    with tempfile.TemporaryDirectory(prefix="xl_careplan_oxt_") as tmp:
        built = build_oxt(tmp, profile=profile, layout=layout)
        done = _run([unopkg, "add", "--force", "--suppress-license", *_env_args(user_installation), str(built.path)],
                    "インストール")
    if done.returncode != 0:
        raise LibreOfficeError(MSG_FAILED.format(action="インストール", code=done.returncode,
                                                 output=(done.stdout + done.stderr).strip()[-800:]))
    return LoInstallResult(build=built, unopkg=unopkg)


def is_installed(*, user_installation: str | None = None) -> bool:
    done = _run([find_unopkg(), "list", *_env_args(user_installation), EXTENSION_ID], "確認")
    return done.returncode == 0 and EXTENSION_ID in done.stdout


def remove(*, user_installation: str | None = None) -> bool:
    """Remove the extension from the user's LibreOffice. False when it was not installed."""
    unopkg = find_unopkg()
    if _is_root():
        raise LibreOfficeError(MSG_ROOT)
    if not is_installed(user_installation=user_installation):
        return False
    done = _run([unopkg, "remove", *_env_args(user_installation), EXTENSION_ID], "削除")
    if done.returncode != 0:
        raise LibreOfficeError(MSG_FAILED.format(action="削除", code=done.returncode,
                                                 output=(done.stdout + done.stderr).strip()[-800:]))
    return True
