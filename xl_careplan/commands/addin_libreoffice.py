"""The ``--libreoffice`` side of `xl-careplan addin build|install|remove`: the Calc extension (.oxt).

Kept apart from the Excel add-in's commands (commands/addin.py only hands over when the flag is given).
"""

from __future__ import annotations

import sys

import click

from xl_careplan.errors import XlCareplanError

libreoffice_opt = click.option("--libreoffice", is_flag=True,
                               help="Excel ではなく LibreOffice Calc の拡張機能（xl_careplan.oxt）を扱います")
# another LibreOffice profile than the user's own (a file: URL), for tests on a throwaway profile
user_installation_opt = click.option("--lo-user-installation", "user_installation", default=None, hidden=True)


def _fail(e: XlCareplanError) -> None:
    click.echo(f"エラー: {e}", err=True)
    sys.exit(e.exit_code)


def _echo_settings(paths: list[str], python: str, settings: dict[str, str]) -> None:
    click.echo(f"  xl_careplan を読み込む Python: {python}（LibreOffice の Python も {python} である必要があります）")
    for p in paths:
        click.echo(f"  読み込み先: {p}")
    click.echo(f"  点検のプロファイル: {settings.get('PROFILE', 'national')}")
    if "LAYOUT" in settings:
        click.echo(f"  レイアウトファイル: {settings['LAYOUT']}")


def build(output_dir: str, profile: str | None, layout: str | None) -> None:
    from xl_careplan.addin.oxt import BUTTON_TITLE, MENU_TITLE, build_oxt

    try:
        result = build_oxt(output_dir, profile=profile, layout=layout)
    except OSError as e:
        _fail(XlCareplanError(f"{output_dir} に書き込めませんでした（{type(e).__name__}）。"))
    click.echo(f"作成しました: {result.path}")
    click.echo(f"  メニュー: 「{MENU_TITLE}」→「{BUTTON_TITLE}」、ツールバーのボタン「{BUTTON_TITLE}」（Calc のみ）")
    _echo_settings(result.paths, result.python, result.settings)
    click.echo("  インストール: xl-careplan addin install --libreoffice（または LibreOffice の「ツール」→「拡張機能マネージャー」）")


def install(profile: str | None, layout: str | None, user_installation: str | None) -> None:
    from xl_careplan.addin import lo_install

    try:
        result = lo_install.install(profile=profile, layout=layout, user_installation=user_installation)
    except XlCareplanError as e:
        _fail(e)
    click.echo("LibreOffice に拡張機能「ケアプラン点検（xl_careplan）」をインストールしました。")
    _echo_settings(result.build.paths, result.build.python, result.build.settings)
    click.echo("LibreOffice を起動中の場合はいったん終了し、もう一度起動すると、Calc のメニューに「ケアプラン点検」が表示されます。")


def remove(user_installation: str | None) -> None:
    from xl_careplan.addin import lo_install

    try:
        removed = lo_install.remove(user_installation=user_installation)
    except XlCareplanError as e:
        _fail(e)
    if not removed:
        click.echo("LibreOffice の拡張機能はインストールされていません（削除するものはありませんでした）。")
    else:
        click.echo("LibreOffice から拡張機能「ケアプラン点検（xl_careplan）」を削除しました。")
        click.echo("LibreOffice を起動中の場合は、いったん終了するとメニューから「ケアプラン点検」が消えます。")
