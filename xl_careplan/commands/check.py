"""`xl-careplan check PATH...`: read, check, print; optionally annotate copies.

Exit codes: 0 no error-level finding, 1 error-level findings, 2 a file could not be read, its annotated copy
was not written (refused or failed), or the call was wrong.
"""

from __future__ import annotations

import json
import sys

import click

from xl_careplan.commands.common import parse_today
from xl_careplan.errors import XlCareplanError
from xl_careplan.findings import Severity


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
    if any(r.error or getattr(r, "annotate_error", None) for r in results):
        return 2  # unreadable, or the annotated copy was refused / could not be written
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
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="同時に点検するプロセス数（既定: CPU の数）")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None,
              help="事業所向け集計表（.xlsx）の保存先")
@click.option("--mask", is_flag=True, help="集計表の利用者名・ファイル名を仮名（利用者-XXXXXX）にします")
@click.option("--mask-staff", is_flag=True, help="--mask に加えて担当者名も仮名にします")
def check(paths, profile_name, fmt, layout, annotate, output_dir, in_place, today, jobs, report_path, mask,
          mask_staff):
    """ケアプラン（Excel）を点検します。PATH はファイルまたはフォルダ（フォルダは中を全部点検）。"""
    from xl_careplan import batch
    from xl_careplan.profiles import load_profile

    today_d = parse_today(today)
    try:
        load_profile(profile_name)  # a wrong profile stops here with its Japanese message (exit 2)
    except XlCareplanError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    if (output_dir or in_place) and not annotate:
        annotate = True

    try:
        skipped: list = []
        files = batch.discover(paths, exclude=[output_dir] if output_dir else [], skipped=skipped)
    except XlCareplanError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    if not files:
        click.echo("点検する Excel ファイルが見つかりませんでした。", err=True)
        sys.exit(2)
    results = batch.run_batch(files, profile_name=profile_name, today=today_d, jobs=jobs, progress=True,
                              annotate=annotate, annotate_dir=output_dir, base_dir=batch.default_base_dir(paths),
                              in_place=in_place, layout=layout, keep_plans="report" if report_path else False)
    written_errors = _batch_messages(results) if annotate else []

    click.echo(render_json(results) if fmt == "json" else render_text(results))
    if fmt == "text" and len(results) > 1:
        click.echo(_summary_line(results))
    if skipped:
        kinds: dict[str, int] = {}
        for _p, reason in skipped:
            kinds[reason] = kinds.get(reason, 0) + 1
        click.echo("点検しなかったファイル: " + "、".join(f"{k} {n} 件" for k, n in kinds.items()), err=True)
    for msg in written_errors:
        click.echo(msg, err=True)
    if report_path:
        from xl_careplan.report import write_office_report

        try:
            write_office_report(results, report_path, today=today_d, mask=mask or mask_staff, mask_staff=mask_staff,
                                skipped=skipped)
            click.echo(f"集計表: {report_path}", err=True)
        except OSError as e:
            click.echo(f"{report_path}: 集計表を保存できませんでした（Excel で開いていませんか）: {e.strerror or e}",
                       err=True)
            sys.exit(2)
    sys.exit(exit_code(results))


def _summary_line(results) -> str:
    unreadable = sum(1 for r in results if r.error)
    with_error = sum(1 for r in results if not r.error and r.has_error_finding)
    return (f"合計 {len(results)} ファイル: 読み取れないファイル {unreadable} 件 / エラーのある計画 {with_error} 件 / "
            f"エラー {sum(r.count(Severity.ERROR) for r in results)} 件 / "
            f"警告 {sum(r.count(Severity.WARNING) for r in results)} 件 / "
            f"助言 {sum(r.count(Severity.INFO) for r in results)} 件")


def _batch_messages(results) -> list[str]:
    """Where the annotated copies went (one line each for a few files, a count for many) and what failed."""
    written = [r.annotated for r in results if getattr(r, "annotated", None) and not r.annotate_error]
    failed = [r.annotate_error for r in results if getattr(r, "annotate_error", None)]
    msgs = [f"書き込み: {p}" for p in written] if len(written) <= 20 else [f"書き込み: {len(written)} 件"]
    return msgs + failed

