"""`xl-careplan addin build|install|remove|status`: the Excel ribbon add-in (xlwings).

Exit codes: 0 done, 2 not possible here (no desktop Excel on Linux, Excel holding the file, bad profile).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xl_careplan.commands import addin_libreoffice as lo
from xl_careplan.errors import XlCareplanError

# hidden options so the command line can be tested on a fake home directory for either platform
_platform_opt = click.option("--platform", "platform", default=None, hidden=True)
_home_opt = click.option("--home", "home", type=click.Path(file_okay=False), default=None, hidden=True)


def _fail(e: XlCareplanError) -> None:
    click.echo(f"エラー: {e}", err=True)
    sys.exit(e.exit_code)


def _profile_setting(profile: str | None) -> str | None:
    """Validate the profile now (a typo would otherwise surface only when the button is clicked)."""
    if profile is None:
        return None
    from xl_careplan.profiles import load_profile

    load_profile(profile)  # raises ProfileError with a Japanese message
    p = Path(profile)
    return str(p.resolve()) if p.suffix.lower() == ".toml" and p.is_file() else profile


def _layout_setting(layout: str | None) -> str | None:
    """Validate a layout file now and store its absolute path (Excel runs Python from elsewhere)."""
    if layout is None:
        return None
    from xl_careplan.readers.layout_file import load_layout

    load_layout(layout)  # raises ProfileError with a Japanese message
    return str(Path(layout).resolve())


_layout_opt = click.option("--layout", default=None, type=click.Path(dir_okay=False),
                           help="独自様式のレイアウトファイル（TOML）。ボタンでの読み取りに使います")


def _lo_settings(profile: str | None, layout: str | None) -> tuple[str | None, str | None]:
    try:
        return _profile_setting(profile), _layout_setting(layout)
    except XlCareplanError as e:
        _fail(e)
        raise


@click.group()
def addin() -> None:
    """Excel のリボン「ケアプラン点検」（ボタン「点検する」）のアドインを作成・インストール・削除します。"""


@addin.command()
@click.option("--output", "output_dir", type=click.Path(file_okay=False), default=".", show_default=True,
              help="xl_careplan.xlam を書き出すフォルダ")
@click.option("--interpreter", default=None,
              help="ボタンが使う Python（既定: Windows / macOS では今の Python、それ以外では未設定）")
@click.option("--profile", default=None, help="点検に使うプロファイル（national / asahikawa / nayoro / .toml のパス）")
@_layout_opt
@_platform_opt
@lo.libreoffice_opt
def build(output_dir: str, interpreter: str | None, profile: str | None, layout: str | None,
          platform: str | None, libreoffice: bool) -> None:
    """xl_careplan.xlam を作成します（xlwings のリボン付きアドインのひな形から）。--libreoffice: xl_careplan.oxt。"""
    if libreoffice:
        return lo.build(output_dir, *_lo_settings(profile, layout))
    from xl_careplan.addin.build import build_addin, conda_settings

    platform = platform or sys.platform
    if interpreter is None and (platform.startswith("win") or platform == "darwin"):
        interpreter = sys.executable
    try:
        result = build_addin(
            output_dir, interpreter=interpreter, platform=platform, profile=_profile_setting(profile),
            conda=conda_settings(), layout=_layout_setting(layout),
        )
    except XlCareplanError as e:
        _fail(e)
    click.echo(f"作成しました: {result.path}")
    click.echo(f"  リボン: タブ「ケアプラン点検」 ボタン「点検する」 → マクロ {result.callback}")
    click.echo(f"  実行する Python: {result.python_command}")
    for k, v in result.settings.items():
        click.echo(f"  設定 {k} = {v}")


@addin.command()
@click.option("--profile", default=None, help="点検に使うプロファイル（national / asahikawa / nayoro / .toml のパス）")
@_layout_opt
@_platform_opt
@_home_opt
@lo.libreoffice_opt
@lo.user_installation_opt
def install(profile: str | None, layout: str | None, platform: str | None, home: str | None, libreoffice: bool,
            user_installation: str | None) -> None:
    """アドインを作成して Excel の起動フォルダ（XLSTART）に置きます。Excel の再起動後にリボンに表示されます。
    --libreoffice: LibreOffice Calc の拡張機能をこの利用者の LibreOffice に入れます（unopkg）。"""
    if libreoffice:
        return lo.install(*_lo_settings(profile, layout), user_installation)
    from xl_careplan.addin import install as inst

    try:
        result = inst.install(platform=platform, home=home, profile=_profile_setting(profile),
                              layout=_layout_setting(layout))
    except XlCareplanError as e:
        _fail(e)
    click.echo(f"インストールしました: {result.addin}")
    for p in result.extra_files:
        click.echo(f"  RunPython 用のスクリプト: {p}")
    s = result.build.settings
    click.echo(f"  ボタンが使う Python: {s.get('Interpreter_Win') or s.get('Interpreter_Mac') or 'python'}")
    click.echo(f"  点検のプロファイル: {result.build.settings.get('PROFILE', 'national')}")
    if "LAYOUT" in result.build.settings:
        click.echo(f"  レイアウトファイル: {result.build.settings['LAYOUT']}")
    click.echo("Excel を起動中の場合はいったん終了し、もう一度起動すると、リボンに「ケアプラン点検」タブが表示されます。")


@addin.command()
@_platform_opt
@_home_opt
@lo.libreoffice_opt
@lo.user_installation_opt
def remove(platform: str | None, home: str | None, libreoffice: bool, user_installation: str | None) -> None:
    """アドインを Excel の起動フォルダから削除します。--libreoffice: LibreOffice の拡張機能を削除します。"""
    if libreoffice:
        return lo.remove(user_installation)
    from xl_careplan.addin import install as inst

    try:
        path = inst.remove(platform=platform, home=home)
    except XlCareplanError as e:
        _fail(e)
    if path is None:
        click.echo("アドインはインストールされていません（削除するものはありませんでした）。")
    else:
        click.echo(f"削除しました: {path}")
        click.echo("Excel を起動中の場合は、いったん終了するとリボンから「ケアプラン点検」タブが消えます。")


@addin.command()
@_platform_opt
@_home_opt
def status(platform: str | None, home: str | None) -> None:
    """アドインがインストールされているか、どの Python とプロファイルを使うかを表示します。"""
    from xl_careplan.addin import install as inst
    from xl_careplan.addin.build import read_settings_sheet

    try:
        path = inst.installed_path(platform=platform, home=home)
        where = inst.startup_dir(platform, home)
    except XlCareplanError as e:
        _fail(e)
    if path is None:
        click.echo(f"アドインはインストールされていません（インストール先: {where}）。")
        return
    click.echo(f"インストール済み: {path}")
    for k, v in read_settings_sheet(path).items():
        click.echo(f"  設定 {k} = {v}")
