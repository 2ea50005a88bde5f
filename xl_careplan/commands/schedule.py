"""`xl-careplan schedule FILE`: the monitoring schedule of one plan; optionally fill the モニタリング sheet.

Exit codes: 0 done, 2 the file could not be read / written or the call was wrong.
JSON contract: ``{"events": [{"date": "YYYY-MM-DD", "kind": "...", "note": "..."}]}``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from xl_careplan.commands.common import parse_today
from xl_careplan.errors import XlCareplanError

FILLED_SUFFIX = "_schedule"


def render_json(events) -> str:
    return json.dumps({"events": [e.model_dump(mode="json") for e in events]}, ensure_ascii=False, indent=2)


def render_text(file: str, events) -> str:
    from xl_careplan.jpdate import jp_date

    lines = [f"■ {file}  予定 {len(events)} 件"]
    for e in events:
        lines.append(f"  {jp_date(e.date, weekday=True)} {e.label}: {e.note}")
    if not events:
        lines.append("  （予定はありません。説明・同意日／作成日と認定の有効期間を確認してください）")
    return "\n".join(lines)


def filled_path(src: Path, output_dir: str | os.PathLike | None) -> Path:
    from xl_careplan.writer.output import copy_path

    return copy_path(src, output_dir, FILLED_SUFFIX)


def fill_file(path: str | os.PathLike, plan, events, *, today: dt.date,
              output_dir: str | os.PathLike | None = None, in_place: bool = False):
    """Fill the モニタリング sheet of a copy of ``path`` (or of ``path`` itself after a backup).

    Written through ``writer.output.write_copy`` like the annotated copies: pictures, charts, printer
    settings and the other parts openpyxl drops are put back. Returns (destination, FillResult,
    backup or None). Raises XlCareplanError with a Japanese message; the original is never modified
    unless ``in_place`` (and then only after a backup is taken).
    """
    from xl_careplan.errors import WriteRefusedError
    from xl_careplan.schedule import fill_monitoring
    from xl_careplan.writer.output import write_copy

    def refuse(why: str):
        raise WriteRefusedError(
            why + "予定は --format json や --ics で出力できます（元のファイルは変更していません）。", file=str(path))

    dest, backup, result = write_copy(path, lambda fw: fill_monitoring(fw, plan, events, today=today),
                                      suffix=FILLED_SUFFIX, output_dir=output_dir, in_place=in_place,
                                      refuse=refuse)
    return dest, result, backup


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--annotate", is_flag=True, help="予定をモニタリングシートに書き込んだコピーを作ります（元のファイルの隣）")
@click.option("--output", "output_dir", type=click.Path(file_okay=False), default=None,
              help="書き込んだコピーの保存先フォルダ（--annotate を含みます）")
@click.option("--in-place", is_flag=True, help="元のブックに直接書き込みます（先にバックアップを作成）")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False), default=None,
              help="予定を iCalendar（.ics）ファイルに書き出します")
@click.option("--with-names", is_flag=True, help=".ics の件名に利用者名を入れます（既定は入れません）")
@click.option("--profile", "profile_name", default="national", show_default=True,
              help="national / asahikawa / nayoro、またはプロファイルファイル（.toml）のパス（[schedule] を使います）")
@click.option("--layout", type=click.Path(dir_okay=False), default=None, help="独自様式のレイアウトファイル（TOML）")
@click.option("--today", default=None, help="基準日 YYYY-MM-DD（既定: 今日）。これより前の予定は出しません")
@click.option("--include-past", is_flag=True, help="基準日より前の予定も表示します（シートには書き込みません）")
def schedule(file, annotate, output_dir, in_place, fmt, ics_path, with_names, profile_name, layout, today,
             include_past):
    """モニタリング訪問・目標評価・更新手続の予定日を計算し、モニタリングシートに書き込みます。"""
    from xl_careplan.schedule import ScheduleSettings, plan_events

    today_d = parse_today(today)
    if in_place and output_dir:
        click.echo("--in-place と --output は同時に指定できません。", err=True)
        sys.exit(2)
    try:
        settings = ScheduleSettings.from_profile(_load_profile(profile_name))
        plan = _read_plan(file, layout)
    except XlCareplanError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    except OSError as e:
        click.echo(f"{file}: ファイルを読み取れません（{type(e).__name__}）", err=True)
        sys.exit(2)

    events = plan_events(plan, today=today_d, settings=settings, include_past=include_past)
    click.echo(render_json(events) if fmt == "json" else render_text(file, events))
    if not events and plan.table1.cert_period.value is None:
        click.echo(f"{file}: 認定の有効期間が読み取れないため、月ごとの訪問予定を出せません。", err=True)

    code = 0
    if ics_path:
        from xl_careplan.ics import write_ics

        try:
            # DTSTAMP: the given --today (reproducible files), else now
            stamp = dt.datetime.combine(today_d, dt.time(0), tzinfo=dt.timezone.utc) if today else None
            write_ics(ics_path, events, plan, with_names=with_names, stamp=stamp)
            click.echo(f"カレンダー: {ics_path}（{len(events)} 件）", err=True)
        except OSError as e:
            click.echo(f"{ics_path}: カレンダーファイルを書き込めません（{type(e).__name__}）", err=True)
            code = 2

    if annotate or output_dir or in_place:
        try:
            dest, result, backup = fill_file(file, plan, events, today=today_d, output_dir=output_dir,
                                             in_place=in_place)
        except XlCareplanError as e:
            click.echo(str(e), err=True)
            sys.exit(2)
        if backup:
            click.echo(f"バックアップ: {backup}", err=True)
        made = "（シートを新しく作成）" if result.created_sheet else ""
        click.echo(f"書き込み: {dest} シート「{result.sheet}」{made} 追加 {len(result.written)} 行 / "
                   f"記入済みのため追加しなかった予定 {len(result.already_present)} 件", err=True)
        for w in result.warnings:
            click.echo(f"{dest}: {w}", err=True)
    sys.exit(code)


def _load_profile(name):
    from xl_careplan.profiles import load_profile

    return load_profile(name)


def _read_plan(path: str, layout: str | None):
    from xl_careplan.readers import read_plan_file

    if layout:
        plan = read_plan_file(path, layout=layout)
    else:
        plan = read_plan_file(path)
    plan.source = path
    return plan
