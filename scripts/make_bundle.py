"""``make bundle``: one zip an office installs from with no network (Windows x64, CPython 3.11).

    python scripts/make_bundle.py                       # dist/xl_careplan-<版>-windows-x64-py311.zip
    python scripts/make_bundle.py --platform linux      # the same recipe for this machine (for checking)

The zip holds:

- ``wheels/``: the project's wheel and a wheel of every dependency for the target platform, from
  ``pip download --platform win_amd64 --python-version 3.11 --implementation cp --abi cp311
  --only-binary :all:`` (wheels only: an office PC has no compiler);
- ``xl_careplan.xlam``: the add-in, built here (its settings name the venv that install.bat makes,
  ``%USERPROFILE%\\xl-careplan\\Scripts\\python.exe``; the VBA expands ``%USERPROFILE%``). install.bat
  builds it again on the PC with the real path, so this copy is for review and for manual use;
- ``install.bat``: makes the venv, installs from ``wheels\\`` with ``--no-index`` (no network), then
  runs ``xl-careplan addin install``; ``はじめにお読みください.txt``.

Before zipping, the dependency closure is checked offline: every requirement of every wheel (with
markers evaluated for the target) must be met by a wheel in ``wheels/`` (``missing_requirements``).
"""

from __future__ import annotations

import argparse
import email.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
VENV_DIR = r"%USERPROFILE%\xl-careplan"
PYTHON_VERSION = "3.11"


@dataclass(frozen=True)
class Target:
    name: str  # in the zip's name
    pip_platforms: tuple[str, ...]  # --platform values (several for manylinux)
    markers: dict[str, str]  # the environment requirement markers are evaluated in


WINDOWS = Target(
    "windows-x64-py311",
    ("win_amd64",),
    {
        "implementation_name": "cpython", "implementation_version": "3.11.9", "os_name": "nt",
        "platform_machine": "AMD64", "platform_python_implementation": "CPython", "platform_release": "10",
        "platform_system": "Windows", "platform_version": "10.0.19045", "python_full_version": "3.11.9",
        "python_version": "3.11", "sys_platform": "win32",
    },
)


def this_platform() -> Target:
    """This machine (the same recipe, to install and test the bundle here)."""
    import sysconfig

    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    platforms = (plat,)
    if plat == "linux_x86_64":
        platforms = ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64", "linux_x86_64")
    return Target(f"{sys.platform}-py{sys.version_info.major}{sys.version_info.minor}", platforms, dict(default_environment()))


def pip_download_args(target: Target, dest: Path, requirement: str) -> list[str]:
    args = [sys.executable, "-m", "pip", "download", "--only-binary", ":all:", "--dest", str(dest),
            "--python-version", PYTHON_VERSION if target is WINDOWS else f"{sys.version_info.major}.{sys.version_info.minor}",
            "--implementation", "cp", "--abi", "cp311" if target is WINDOWS else f"cp{sys.version_info.major}{sys.version_info.minor}"]
    for p in target.pip_platforms:
        args += ["--platform", p]
    return args + [requirement]


def build_project_wheel(dest: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--wheel-dir", str(dest), str(ROOT)],
                   check=True)
    wheels = sorted(dest.glob("xl_careplan-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one project wheel in {dest}, found {[w.name for w in wheels]}")
    return wheels[0]


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n))
        return email.parser.Parser().parsestr(zf.read(name).decode("utf-8"))


def missing_requirements(wheels: Path, root: str, markers: dict[str, str]) -> list[str]:
    """Requirements reachable from ``root`` (a project name) that no wheel in ``wheels`` satisfies."""
    available = {}
    for w in wheels.glob("*.whl"):
        name, version, _build, _tags = parse_wheel_filename(w.name)
        available[canonicalize_name(name)] = (version, w)
    missing, seen = [], set()
    todo = [(Requirement(root), "")]
    while todo:
        req, extra = todo.pop()
        env = dict(markers, extra=extra)
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        key = (canonicalize_name(req.name), tuple(sorted(req.extras)))
        if key in seen:
            continue
        seen.add(key)
        found = available.get(canonicalize_name(req.name))
        if found is None or not req.specifier.contains(found[0], prereleases=True):
            missing.append(str(req))
            continue
        for line in _metadata(found[1]).get_all("Requires-Dist") or []:
            sub = Requirement(line)
            wanted_extras = [""] + sorted(req.extras)
            for ex in wanted_extras:
                if sub.marker is None or sub.marker.evaluate(dict(markers, extra=ex)):
                    todo.append((sub, ex))
                    break
    return sorted(missing)


def complete(wheels: Path, target: Target, rounds: int = 5) -> None:
    """Add what ``pip download`` left out, until every requirement is met for the target.

    pip evaluates environment markers for the machine it runs on, not for ``--platform``: from
    Linux, ``pywin32; platform_system == "Windows"`` (xlwings) is silently skipped. We evaluate the
    markers for the target (``missing_requirements``) and fetch what is missing, one requirement at a
    time without its dependencies (the next round looks at those). A pure-Python package published
    only as source (``win-unicode-console``, for pcodedmp, an oletools dependency) is built into a wheel here.
    """
    for _ in range(rounds):
        missing = missing_requirements(wheels, "xl-careplan", target.markers)
        if not missing:
            return
        for line in missing:
            req = Requirement(line)
            spec = f"{req.name}{req.specifier}"
            got = subprocess.run(pip_download_args(target, wheels, spec)[:-1] + ["--no-deps", spec])
            if got.returncode != 0:
                print(f"(no {target.name} wheel of {spec} to download: building one from its source, if pure Python)")
                built = Path(tempfile.mkdtemp(prefix="xlcp-sdist-"))
                subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--wheel-dir", str(built), spec],
                               check=True)
                for w in built.glob("*.whl"):
                    _name, _version, _build, tags = parse_wheel_filename(w.name)
                    if not all(t.abi == "none" and t.platform == "any" for t in tags):
                        raise SystemExit(f"{spec}: no wheel for {target.name} and it is not pure Python ({w.name})")
                    shutil.move(str(w), wheels / w.name)
                shutil.rmtree(built, ignore_errors=True)
    missing = missing_requirements(wheels, "xl-careplan", target.markers)
    if missing:
        raise SystemExit(f"the bundle lacks wheels for: {', '.join(missing)}")


INSTALL_BAT = r"""@echo off
rem xl_careplan をこのフォルダの部品だけで（インターネットを使わずに）入れます。
rem 使い方: このファイルをダブルクリック。プロファイルを付けるときは install.bat asahikawa など。
setlocal
chcp 932 >nul
set "HERE=%~dp0"
set "VENV={venv}"
set "PROFILE_ARG="
if not "%~1"=="" set "PROFILE_ARG=--profile %~1"

echo.
echo === xl_careplan（ケアプラン点検）のインストール ===
echo.

set "PY="
py -3.11 -c "import sys" >nul 2>&1 && set "PY=py -3.11"
if not defined PY (
  python -c "import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)" >nul 2>&1 && set "PY=python"
)
if not defined PY (
  echo [エラー] Python 3.11 が見つかりません。
  echo 手引きの「2-1. Python を入れる」に従って Python 3.11（64 ビット）を入れてから、もう一度実行してください。
  goto :fail
)
%PY% -c "import struct, sys; sys.exit(0 if struct.calcsize('P') == 8 else 1)" >nul 2>&1
if errorlevel 1 (
  echo [エラー] 64 ビット版の Python 3.11 が必要です（入っているのは 32 ビット版です）。
  goto :fail
)

echo [1/3] 専用の置き場所（仮想環境）を作ります: %VENV%
if not exist "%VENV%\Scripts\python.exe" (
  %PY% -m venv "%VENV%"
  if errorlevel 1 (
    echo [エラー] 仮想環境を作れませんでした。
    goto :fail
  )
)

echo [2/3] このフォルダの部品から xl_careplan を入れます（インターネットは使いません）
"%VENV%\Scripts\python.exe" -m pip install --no-index --find-links "%HERE%wheels" --upgrade xl-careplan
if errorlevel 1 (
  echo [エラー] 部品を入れられませんでした。上のメッセージを担当者に見せてください。
  goto :fail
)

echo [3/3] Excel にボタンを入れます（Excel はすべて閉じておいてください）
"%VENV%\Scripts\xl-careplan.exe" addin install %PROFILE_ARG%
if errorlevel 1 (
  echo [エラー] アドインを入れられませんでした。Excel をすべて閉じてから、もう一度実行してください。
  goto :fail
)

echo.
echo 完了しました。Excel を起動すると、リボンに「ケアプラン点検」タブが表示されます。
echo.
pause
exit /b 0

:fail
echo.
pause
exit /b 1
"""

README_TXT = """xl_careplan（ケアプラン点検）インストール用の一式 {version}（Windows 64 ビット・Python 3.11 用）

1. この zip ファイルを右クリック →「プロパティ」→ 下の「許可する」にチェック →「OK」（メールやダウンロードで
   受け取った場合。しないと Windows が中のファイルを止めることがあります）。
2. zip を右クリック →「すべて展開」。
3. Python 3.11（64 ビット）が入っていなければ入れます（手引き「2-1. Python を入れる」）。
4. Excel をすべて閉じて、展開したフォルダの install.bat をダブルクリックします。
   旭川市・名寄市の方針でも点検するときは、コマンド プロンプトで install.bat asahikawa（または nayoro）。
5. Excel を起動すると、リボンに「ケアプラン点検」タブが出ます。

インターネットには接続しません（wheels フォルダの部品だけを使います）。
中身: wheels\\（xl_careplan と必要な部品）、xl_careplan.xlam（確認用のアドイン。install.bat が作り直します）、
install.bat。詳しくは手引き docs/guide/README.md をご覧ください。
"""


def build_bundle(target: Target, out_dir: Path = DIST, work: Path | None = None) -> Path:
    from xl_careplan import __version__
    from xl_careplan.addin.build import ADDIN_FILENAME, build_addin

    work = Path(work or tempfile.mkdtemp(prefix="xlcp-bundle-"))
    stage = work / f"xl_careplan-{__version__}"
    wheels = stage / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    project = build_project_wheel(wheels)
    subprocess.run(pip_download_args(target, wheels, str(project)), check=True)
    complete(wheels, target)
    build_addin(stage, interpreter=VENV_DIR + r"\Scripts\python.exe", platform="win32")
    (stage / "install.bat").write_bytes(INSTALL_BAT.format(venv=VENV_DIR).replace("\n", "\r\n").encode("cp932"))
    (stage / "はじめにお読みください.txt").write_bytes(
        ("\ufeff" + README_TXT.format(version=__version__)).replace("\n", "\r\n").encode("utf-8"))
    assert (stage / ADDIN_FILENAME).is_file()
    out_dir.mkdir(parents=True, exist_ok=True)
    target_zip = out_dir / f"xl_careplan-{__version__}-{target.name}.zip"
    tmp = target_zip.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(stage.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(work).as_posix())
    tmp.replace(target_zip)
    shutil.rmtree(work, ignore_errors=True)
    return target_zip


def install_offline(bundle: Path, where: Path) -> Path:
    """What install.bat does, on this machine: a fresh venv, ``pip install --no-index`` from the
    bundle's wheels only. Returns the venv's ``bin`` folder."""
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(where / "unpacked")
    wheels = next((where / "unpacked").glob("*/wheels"))
    venv = where / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    # like an office PC: no index, no machine-wide find-links or constraints (pip reads no config file
    # when PIP_CONFIG_FILE is the null device)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-index", "--find-links", str(wheels),
                    "xl-careplan"], check=True, env=env)
    return bin_dir


def check_here(out_dir: Path) -> None:
    """``make bundle-check``: the recipe for this platform, installed offline into a fresh venv and run."""
    bundle = build_bundle(this_platform(), out_dir)
    with tempfile.TemporaryDirectory(prefix="xlcp-bundle-check-") as tmp:
        bin_dir = install_offline(bundle, Path(tmp))
        sample = ROOT / "samples" / "01_asahikawa_clean.xlsx"
        got = subprocess.run([str(bin_dir / "xl-careplan"), "check", str(sample)], capture_output=True, text=True)
        if got.returncode != 0:
            raise SystemExit(f"the offline install cannot check a plan ({got.returncode}): {got.stderr[-600:]}")
        subprocess.run([str(bin_dir / "xl-careplan"), "addin", "build", "--platform", "win32", "--output", tmp],
                       check=True, stdout=subprocess.DEVNULL)
    print(f"OK: {bundle.name} installs with --no-index into a fresh venv; check and addin build run")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--platform", choices=("windows", "linux"), default="windows",
                    help="windows: the office bundle; linux: the same recipe for this machine (checking)")
    ap.add_argument("--check", action="store_true",
                    help="build the recipe for this machine, install it offline into a fresh venv and run it")
    ap.add_argument("--output", type=Path, default=DIST)
    args = ap.parse_args()
    if args.check:
        check_here(args.output)
        return
    target = WINDOWS if args.platform == "windows" else this_platform()
    path = build_bundle(target, args.output)
    with zipfile.ZipFile(path) as zf:
        n = sum(1 for n in zf.namelist() if n.endswith(".whl"))
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB, {n} wheels)")


if __name__ == "__main__":
    main()
