"""`xl-careplan check PATH...`: read, check, print; optionally annotate copies.

Exit codes: 0 no error-level finding, 1 error-level findings, 2 a file could not be read, its annotated copy
was not written (refused or failed), or the call was wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xl_careplan.commands.common import parse_today, run_header
from xl_careplan.errors import XlCareplanError
from xl_careplan.record import dump
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
            at = f"、{f.ack_at}" if f.ack_at else ""  # where the reason is written: it may be the sender's
            lines.append(f"  [理由記載済] {f.rule} {where}: {f.message}（理由: {f.ack_reason}{at}）")
    return "\n".join(lines)


def render_json(results, *, profile=None, today=None) -> str:
    """The JSON of docs/schema/check.schema.json (``schema_version`` says which); keys only ever get added."""
    import json  # here: text output (the button, most runs) does not need it

    out = {
        **run_header(profile, today),
        "findings": [dump(f, json=True) for r in results for f in r.findings],
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
@click.argument("paths", nargs=-1, required=True, metavar="パス...")
@click.option("--profile", "profile_name", default="national", show_default=True, metavar="名前|ファイル",
              help="national / asahikawa / nayoro、またはプロファイルファイル（.toml）のパス")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: 一覧 / json: プログラム向け（docs/schema/check.schema.json）")
@click.option("--layout", type=click.Path(dir_okay=False), default=None, metavar="ファイル",
              help="独自様式のレイアウトファイル（TOML）")
@click.option("--annotate", is_flag=True, help="指摘をメモと色でブックに書き込んだコピーを作ります")
@click.option("--output", "output_dir", type=click.Path(file_okay=False), default=None, metavar="フォルダ",
              help="書き込んだコピーの保存先フォルダ（--annotate）")
@click.option("--in-place", is_flag=True, help="元のブックに直接書き込みます（先にバックアップを作成）")
@click.option("--today", default=None, metavar="日付", help="基準日 YYYY-MM-DD（既定: 今日）")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="数",
              help="同時に点検するプロセス数（既定: CPU の数）")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None, metavar="ファイル.xlsx",
              help="事業所向け集計表（.xlsx）の保存先")
@click.option("--mask", is_flag=True, help="集計表の利用者名・ファイル名を仮名（利用者-XXXXXX）にします（--report）")
@click.option("--mask-staff", is_flag=True, help="--mask に加えて担当者名も仮名にします（--report）")
@click.option("--quiet", "-q", is_flag=True, help="ファイルごとの指摘を出さず、合計だけを表示します（text）")
def check(paths, profile_name, fmt, layout, annotate, output_dir, in_place, today, jobs, report_path, mask,
          mask_staff, quiet):
    """ケアプラン（Excel）を点検します。パスはファイルまたはフォルダ（フォルダは中を全部点検）。"""
    from xl_careplan import batch
    from xl_careplan.profiles import load_profile

    check_options(output_dir=output_dir, in_place=in_place, report_path=report_path, mask=mask,
                  mask_staff=mask_staff, quiet=quiet, fmt=fmt)
    today_d = parse_today(today)
    try:
        profile = load_profile(profile_name)  # a wrong profile stops here with its Japanese message (exit 2)
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
    try:
        results = batch.run_batch(files, profile_name=profile_name, today=today_d, jobs=jobs, progress=True,
                                  annotate=annotate, annotate_dir=output_dir,
                                  base_dir=batch.default_base_dir(paths), in_place=in_place, layout=layout,
                                  keep_plans="report" if report_path else False)
    except batch.BatchInterrupted as stop:
        click.echo(interrupted_message(stop, annotate), err=True)
        sys.exit(INTERRUPTED_EXIT)
    written_errors = _batch_messages(results, quiet) if annotate else []

    if fmt == "json":
        click.echo(render_json(results, profile=profile, today=today_d))
    elif quiet:
        click.echo(_summary_line(results))
        for r in results:  # which files could not be read is still worth a line each
            if r.error:
                click.echo(f"✗ {r.error}", err=True)
    else:
        click.echo(render_text(results))
        if len(results) > 1:
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
                                skipped=skipped, profile=profile)
            click.echo(f"集計表: {report_path}", err=True)
        except OSError as e:
            click.echo(f"{report_path}: 集計表を保存できませんでした（Excel で開いていませんか）: {e.strerror or e}",
                       err=True)
            sys.exit(2)
    sys.exit(exit_code(results))


INTERRUPTED_EXIT = 130  # the shells' code for a command stopped by Ctrl+C (128 + SIGINT)


def check_options(*, output_dir, in_place, report_path, mask, mask_staff, quiet, fmt) -> None:
    """Options that contradict each other or do nothing alone: a Japanese usage error (exit 2), never a guess."""
    if in_place and output_dir:
        raise click.UsageError("--in-place と --output は同時に指定できません（元のブックに書き込むか、"
                               "別のフォルダにコピーを作るかのどちらかです）。")
    for flag, on in (("--mask", mask), ("--mask-staff", mask_staff)):
        if on and not report_path:
            raise click.UsageError(f"{flag} は集計表の仮名化です。--report 集計表.xlsx と一緒に指定してください。")
    if report_path and Path(report_path).suffix.lower() != ".xlsx":
        raise click.UsageError(f"集計表は Excel ブック（.xlsx）で保存します: --report {report_path} の拡張子を "
                               ".xlsx にしてください。")
    if quiet and fmt == "json":
        raise click.UsageError("--quiet は --format text のときだけ使えます（JSON には合計 summary が入っています）。")


def interrupted_message(stop, annotate: bool) -> str:
    """The line after Ctrl+C: how many files were done, and that nothing was left half-written."""
    done = len(stop.results)
    written = sum(1 for r in stop.results if getattr(r, "annotated", None) and not r.annotate_error)
    what = f"（書き込んだコピー {written} 件）" if annotate else ""
    return (f"中断しました（Ctrl+C）: {stop.total} 件中 {done} 件を点検しました{what}。"
            f"残りの {stop.total - done} 件は点検していません。書きかけのファイルは残していません。")


def _summary_line(results) -> str:
    unreadable = sum(1 for r in results if r.error)
    with_error = sum(1 for r in results if not r.error and r.has_error_finding)
    return (f"合計 {len(results)} ファイル: 読み取れないファイル {unreadable} 件 / エラーのある計画 {with_error} 件 / "
            f"エラー {sum(r.count(Severity.ERROR) for r in results)} 件 / "
            f"警告 {sum(r.count(Severity.WARNING) for r in results)} 件 / "
            f"助言 {sum(r.count(Severity.INFO) for r in results)} 件")


def _batch_messages(results, quiet: bool = False) -> list[str]:
    """Where the annotated copies went (one line each for a few files, a count for many) and what failed."""
    written = [r.annotated for r in results if getattr(r, "annotated", None) and not r.annotate_error]
    failed = [r.annotate_error for r in results if getattr(r, "annotate_error", None)]
    listed = len(written) <= 20 and not quiet
    msgs = [f"書き込み: {p}" for p in written] if listed else [f"書き込み: {len(written)} 件"]
    return msgs + failed

