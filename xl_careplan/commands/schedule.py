"""`xl-careplan schedule FILE|DIR`: the monitoring schedule of one plan, or of a caseload (a folder:
grouped by care manager, a monthly overview and one .ics each); optionally fill the モニタリング sheets.

Exit codes: 0 done, 2 a file could not be read / written or the call was wrong.
JSON contract: ``{"events": [{"date": "YYYY-MM-DD", "kind": "...", "note": "..."}]}`` plus the run's header
(docs/schema/schedule.schema.json); a folder adds ``care_managers`` and per event file, care manager and user label.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from xl_careplan.commands.common import parse_today, run_header
from xl_careplan.record import dump
from xl_careplan.errors import XlCareplanError

FILLED_SUFFIX = "_schedule"


def render_json(events, *, profile=None, today=None) -> str:
    """docs/schema/schedule.schema.json; ``events`` as before, the run's header added."""
    return json.dumps({**run_header(profile, today), "events": [dump(e, json=True) for e in events]},
                      ensure_ascii=False, indent=2)


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
@click.argument("path", type=click.Path(), metavar="ファイル|フォルダ")
@click.option("--annotate", is_flag=True, help="予定をモニタリングシートに書き込んだコピーを作ります（元のファイルの隣）")
@click.option("--output", "output_dir", type=click.Path(file_okay=False), default=None, metavar="フォルダ",
              help="書き込んだコピーの保存先フォルダ（--annotate を含みます）")
@click.option("--in-place", is_flag=True, help="元のブックに直接書き込みます（先にバックアップを作成）")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: 一覧 / json: プログラム向け（docs/schema/schedule.schema.json）")
@click.option("--ics", "ics_path", type=click.Path(), default=None, metavar="ファイル|フォルダ",
              help="予定を iCalendar（.ics）に書き出します。フォルダを点検するときは、このフォルダに担当者ごとの"
                   " .ics を作ります")
@click.option("--with-names", is_flag=True,
              help=".ics の件名に利用者の氏名を入れます（既定は「山○花○」のような短い目印だけ）")
@click.option("--profile", "profile_name", default="national", show_default=True, metavar="名前|ファイル",
              help="national / asahikawa / nayoro、またはプロファイルファイル（.toml）のパス（[schedule] を使います）")
@click.option("--layout", type=click.Path(dir_okay=False), default=None, metavar="ファイル",
              help="独自様式のレイアウトファイル（TOML）")
@click.option("--today", default=None, metavar="日付", help="基準日 YYYY-MM-DD（既定: 今日）。これより前の予定は出しません")
@click.option("--include-past", is_flag=True, help="基準日より前の予定も表示します（シートには書き込みません）")
def schedule(path, annotate, output_dir, in_place, fmt, ics_path, with_names, profile_name, layout, today,
             include_past):
    """モニタリング訪問・目標評価・更新手続の予定日を計算し、モニタリングシートに書き込みます。

    フォルダを指定すると、中の計画書を第1表の作成者（担当ケアマネジャー）ごとにまとめ、月ごとの件数と
    予定を表示します（--ics フォルダ で担当者ごとのカレンダー）。
    """
    from xl_careplan.schedule import ScheduleSettings, plan_events

    if in_place and output_dir:
        raise click.UsageError("--in-place と --output は同時に指定できません（元のブックに書き込むか、"
                               "別のフォルダにコピーを作るかのどちらかです）。")
    today_d = parse_today(today)
    try:
        profile = _load_profile(profile_name)
        settings = ScheduleSettings.from_profile(profile)
    except XlCareplanError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    if Path(path).is_dir():
        if include_past:
            raise click.UsageError("--include-past はファイル 1 件のときだけ使えます。")
        sys.exit(_caseload(path, profile=profile, settings=settings, today=today_d, stamp_given=bool(today),
                           fmt=fmt, ics_dir=ics_path, with_names=with_names, layout=layout,
                           fill=annotate or bool(output_dir) or in_place, output_dir=output_dir, in_place=in_place))
    file = path
    try:
        plan = _read_plan(file, layout)
    except XlCareplanError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    except OSError as e:
        click.echo(f"{file}: ファイルを読み取れません（{type(e).__name__}）", err=True)
        sys.exit(2)

    events = plan_events(plan, today=today_d, settings=settings, include_past=include_past)
    click.echo(render_json(events, profile=profile, today=today_d) if fmt == "json" else render_text(file, events))
    if not events and plan.table1.cert_period.value is None:
        click.echo(f"{file}: 認定の有効期間が読み取れないため、月ごとの訪問予定を出せません。", err=True)

    code = 0
    if ics_path:
        from xl_careplan.ics import write_ics

        try:
            write_ics(ics_path, events, plan, with_names=with_names, stamp=_stamp(today_d, bool(today)))
            click.echo(f"カレンダー: {ics_path}（{len(events)} 件）", err=True)
        except OSError as e:
            click.echo(f"{ics_path}: カレンダーファイルを書き込めません（{type(e).__name__}）", err=True)
            code = 2

    if annotate or output_dir or in_place:
        code = max(code, _fill(file, plan, events, today_d, output_dir, in_place))
    sys.exit(code)


def _stamp(today: dt.date, given: bool) -> dt.datetime | None:
    """DTSTAMP: the given --today (reproducible files), else now."""
    return dt.datetime.combine(today, dt.time(0), tzinfo=dt.timezone.utc) if given else None


def _fill(file: str, plan, events, today: dt.date, output_dir, in_place: bool) -> int:
    try:
        dest, result, backup = fill_file(file, plan, events, today=today, output_dir=output_dir, in_place=in_place)
    except XlCareplanError as e:
        click.echo(str(e), err=True)
        return 2
    if backup:
        click.echo(f"バックアップ: {backup}", err=True)
    made = "（シートを新しく作成）" if result.created_sheet else ""
    click.echo(f"書き込み: {dest} シート「{result.sheet}」{made} 追加 {len(result.written)} 行 / "
               f"記入済みのため追加しなかった予定 {len(result.already_present)} 件", err=True)
    for w in result.warnings:
        click.echo(f"{dest}: {w}", err=True)
    return 0


# ------------------------------------------------------------------ a caseload (a folder)


def _caseload(folder: str, *, profile, settings, today: dt.date, stamp_given: bool, fmt: str, ics_dir,
              with_names: bool, layout, fill: bool, output_dir, in_place: bool) -> int:
    """``schedule DIR``: the plans grouped by care manager, a monthly overview each, one .ics each."""
    from xl_careplan import batch, caseload
    from xl_careplan.ics import build_caseload_calendar, write_calendar

    skipped: list = []
    files = batch.discover([folder], exclude=[output_dir] if output_dir else [], skipped=skipped)
    if ics_dir and Path(ics_dir).suffix.lower() == ".ics":
        raise click.UsageError(f"フォルダを指定したときの --ics は、担当者ごとの .ics を置くフォルダです: {ics_dir}")
    read: list[tuple[str, object]] = []
    errors: list[dict] = []
    for f in files:
        try:
            read.append((str(f), _read_plan(str(f), layout)))
        except XlCareplanError as e:
            errors.append({"file": str(f), "message": str(e)})
        except OSError as e:
            errors.append({"file": str(f), "message": f"{f}: ファイルを読み取れません（{type(e).__name__}）"})
    loads = caseload.group(read, today=today, settings=settings)
    months = caseload.months_from(today)
    labels = _user_labels(loads, with_names)
    calendars: dict[str, str] = {}
    code = 2 if errors or not files else 0
    if ics_dir:
        stamp = _stamp(today, stamp_given)
        for load in loads:
            dest = Path(ics_dir) / caseload.ics_filename(load.care_manager)
            cal = build_caseload_calendar([(p.plan, p.events) for p in load.plans],
                                          title=f"モニタリング予定（{load.care_manager}）", with_names=with_names,
                                          stamp=stamp)
            try:
                write_calendar(dest, cal)
                calendars[load.care_manager] = str(dest)
            except OSError as e:
                click.echo(f"{dest}: カレンダーファイルを書き込めません（{type(e).__name__}）", err=True)
                code = 2
    if fmt == "json":
        click.echo(_caseload_json(loads, months, labels, calendars, errors, profile, today))
    else:
        click.echo(_caseload_text(loads, months, labels, calendars))
    for err in errors:
        click.echo(err["message"], err=True)
    if not files:
        click.echo(f"{folder}: 予定を作る Excel ファイルが見つかりませんでした。", err=True)
    if fill:
        for load in loads:
            for p in load.plans:
                code = max(code, _fill(p.file, p.plan, p.events, today, output_dir and str(
                    batch.mirror_dir(Path(p.file), Path(folder), Path(output_dir))), in_place))
    return code


def _user_labels(loads, with_names: bool) -> dict[int, str]:
    """id(CaseloadPlan) -> what lists and calendars call the user: the short label, unique per care manager."""
    from xl_careplan.ics import plan_key, user_label

    out: dict[int, str] = {}
    for load in loads:
        names = [str(p.plan.table1.user_name.value or "").strip() for p in load.plans]
        shorts = [user_label(n) for n in names]
        for p, name, short in zip(load.plans, names, shorts):
            if with_names and name:
                out[id(p)] = f"{name}様"
            else:
                clash = shorts.count(short) > 1
                out[id(p)] = f"{short}-{plan_key(p.plan, name)[:3]}" if clash else short
    return out


def _caseload_text(loads, months, labels, calendars) -> str:
    from xl_careplan.caseload import OVERVIEW_LABELS, month_counts
    from xl_careplan.jpdate import jp_date, jp_month

    lines: list[str] = []
    for load in loads:
        events = [(e, p) for p in load.plans for e in p.events]
        lines.append(f"■ 担当 {load.care_manager}: 利用者 {len(load.plans)} 人、予定 {len(events)} 件"
                     + (f"（カレンダー: {calendars[load.care_manager]}）" if load.care_manager in calendars else ""))
        counts = month_counts((e for e, _ in events), months)
        for (y, m), c in counts.items():
            lines.append(f"  {jp_month(y, m)}: " + " / ".join(f"{k} {c[k]}" for k in OVERVIEW_LABELS))
        first, last = dt.date(*months[0], 1), dt.date(*months[-1], 28)
        for e, p in sorted(events, key=lambda ep: ep[0].date):
            if first <= e.date and (e.date.year, e.date.month) <= (last.year, last.month):
                lines.append(f"    {jp_date(e.date, weekday=True)} {labels[id(p)]} {e.label}")
        lines.append("")
    return "\n".join(lines).rstrip()


def _caseload_json(loads, months, labels, calendars, errors, profile, today) -> str:
    from xl_careplan.caseload import OVERVIEW_LABELS, month_counts
    from xl_careplan.schedule import KIND_LABELS

    kinds = {v: k for k, v in KIND_LABELS.items()}
    out = {**run_header(profile, today), "care_managers": [], "events": [], "errors": errors}
    for load in loads:
        counts = month_counts(load.events, months)
        out["care_managers"].append({
            "name": load.care_manager,
            "users": len(load.plans),
            "ics": calendars.get(load.care_manager),
            "months": [{"month": f"{y:04d}-{m:02d}",
                        **{kinds.get(k, "contact"): c[k] for k in OVERVIEW_LABELS}} for (y, m), c in counts.items()],
        })
        for p in load.plans:
            for e in p.events:
                out["events"].append({**dump(e, json=True), "file": p.file, "care_manager": load.care_manager,
                                      "user": labels[id(p)], "label": e.label})
    out["events"].sort(key=lambda e: (e["date"], e["care_manager"], e["file"]))
    return json.dumps(out, ensure_ascii=False, indent=2)


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
