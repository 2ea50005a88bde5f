"""`xl-careplan check PATH...`: read, check, print; optionally annotate copies.

Exit codes: 0 no error-level finding, 1 error-level findings, 2 a file could not be read or the call was wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from xl_careplan.errors import XlCareplanError
from xl_careplan.findings import Severity


def _parse_today(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"日付は YYYY-MM-DD で指定してください: {value!r}")


def render_text(results) -> str:
    lines: list[str] = []
    for r in results:
        if r.error:
            lines.append(f"✗ {r.error}")
            continue
        problems = r.problems
        lines.append(
            f"■ {r.file}  エラー {r.count(Severity.ERROR)} 件 / 警告 {r.count(Severity.WARNING)} 件 / 助言 {r.count(Severity.INFO)} 件"
        )
        for f in problems:
            where = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (f.sheet or "（計画全体）")
            lines.append(f"  [{f.severity.label}] {f.rule} {where}: {f.message}")
            lines.append(f"      根拠: {f.source}")
        acks = [f for f in r.findings if f.acknowledged]
        for f in acks:
            where = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else "（計画全体）"
            lines.append(f"  [理由記載済] {f.rule} {where}: {f.message}（理由: {f.ack_reason}）")
    return "\n".join(lines)


def render_json(results) -> str:
    out = {
        "findings": [f.model_dump(mode="json") for r in results for f in r.findings],
        "errors": [{"file": r.file, "message": r.error} for r in results if r.error],
        "summary": {
            "files": len(results),
            "unreadable": sum(1 for r in results if r.error),
            "error": sum(r.count(Severity.ERROR) for r in results),
            "warning": sum(r.count(Severity.WARNING) for r in results),
            "info": sum(r.count(Severity.INFO) for r in results),
            "acknowledged": sum(1 for r in results for f in r.findings if f.acknowledged),
        },
    }
    return json.dumps(out, ensure_ascii=False, indent=2)


def exit_code(results) -> int:
    if any(r.error for r in results):
        return 2
    return 1 if any(r.has_error_finding for r in results) else 0


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--profile", "profile_name", default="national", show_default=True,
              help="national / asahikawa / nayoro、またはプロファイルファイル（.toml）のパス")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--layout", type=click.Path(dir_okay=False), default=None, help="独自様式のレイアウトファイル（TOML）")
@click.option("--annotate", is_flag=True, help="指摘をメモと色でブックに書き込んだコピーを作ります")
@click.option("--output", "output_dir", type=click.Path(file_okay=False), default=None,
              help="書き込んだコピーの保存先フォルダ（--annotate）")
@click.option("--in-place", is_flag=True, help="元のブックに直接書き込みます（先にバックアップを作成）")
@click.option("--today", default=None, help="基準日 YYYY-MM-DD（既定: 今日）")
def check(paths, profile_name, fmt, layout, annotate, output_dir, in_place, today):
    """ケアプラン（Excel）を点検します。"""
    from xl_careplan.pipeline import check_file
    from xl_careplan.profiles import load_profile

    today_d = _parse_today(today)
    try:
        profile = load_profile(profile_name)
    except XlCareplanError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    if (output_dir or in_place) and not annotate:
        annotate = True

    results = [check_file(p, profile, today_d, layout=layout) for p in paths]
    written_errors = _annotate(results, profile.name, today_d, output_dir, in_place) if annotate else []

    click.echo(render_json(results) if fmt == "json" else render_text(results))
    for msg in written_errors:
        click.echo(msg, err=True)
    sys.exit(exit_code(results))


def _annotate(results, profile_name, today, output_dir, in_place) -> list[str]:
    from xl_careplan.writer.output import annotate_file

    messages = []
    for r in results:
        if r.error:
            continue
        try:
            res = annotate_file(r.file, r.findings, profile=profile_name, today=today,
                                output_dir=output_dir, in_place=in_place)
            messages.append(f"書き込み: {getattr(res, 'path', res)}")
        except XlCareplanError as e:
            messages.append(str(e))
    return messages
