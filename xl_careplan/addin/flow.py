"""The click of 「点検する」: one flow for every spreadsheet application (Excel, LibreOffice Calc).

``click(access, today=..., settings=...)`` reads the open workbook through ``WorkbookAccess``, fills the
monitoring schedule, checks, annotates and returns the message the application shows. It never raises:
bad input becomes a Japanese message, an unexpected error a message naming a log of code locations.
The adapters (``addin.live`` for xlwings, ``addin.lo_button`` for UNO) only find the workbook, gather the
settings, keep the screen still and show the message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from xl_careplan.access import WorkbookAccess
from xl_careplan.errors import XlCareplanError

ALERT_TITLE = "ケアプラン点検"
CONF_SHEET = "xl_careplan.conf"  # our VBA's constant PROJECT_NAME + ".conf" (checked in tests)
PLAN_KEYS = ("PROFILE", "LAYOUT")  # all a plan's own settings sheet may choose (never the program started)
ERROR_LOG = "xl_careplan-addin.log"


@dataclass
class RunResult:
    ok: bool
    message: str  # what the alert said
    counts: dict[str, int] = field(default_factory=dict)  # severity value -> open findings
    plan_settings: dict[str, str] = field(default_factory=dict)  # what the workbook's own settings sheet chose
    acknowledged: int = 0
    schedule_written: int = 0
    profile: str | None = None
    layout: str | None = None  # how the reader found the fields: template | labels | layout-file


def settings_from_rows(rows: Sequence[Sequence[Any]] | None) -> dict[str, str]:
    """A settings sheet's rows (key, value) read like the VBA's GetConfig: from A1 down to the first blank key,
    keys upper-cased."""
    out: dict[str, str] = {}
    for row in rows or []:
        key = row[0] if row else None
        if key is None or str(key).strip() == "":
            break
        value = row[1] if len(row) > 1 else None
        out[str(key).strip().upper()] = "" if value is None else str(value)
    return out


_REMOTE = ("\\\\", "//", "file:", "http:", "https:", "ftp:")


def refuse_remote_paths(settings: Mapping[str, str], where: str) -> dict[str, str]:
    """Settings a plan carries may name a profile or layout file, but never one on another machine: Windows
    would contact a ``\\\\server\\share`` path with the user's credentials as soon as we opened it."""
    for key in PLAN_KEYS:
        value = str(settings.get(key) or "").strip()
        if value.lower().startswith(_REMOTE):
            raise XlCareplanError(
                f"{where} の設定 {key} にネットワーク上の場所（{value[:60]}）が書かれています。"
                "ブックの設定シートからは、このパソコンの中のファイルしか指定できません。"
            )
    return dict(settings)


def _plan_choice(key: str, value: str, where: str) -> str:
    """A plan's PROFILE is a built-in profile's name, its LAYOUT a full local path: a relative path would be
    resolved against the folder Python runs in, which a received plan can reach with ``..\\..\\Downloads\\…``
    (a profile file there could switch every rule off)."""
    from pathlib import PureWindowsPath, PurePosixPath

    from xl_careplan.profiles import builtin_profiles

    if key == "PROFILE":
        if value.lower() not in builtin_profiles():
            raise XlCareplanError(
                f"{where} の設定 PROFILE: プロファイル「{value[:60]}」はありません。ブックの設定シートで選べるのは組み込みの"
                f"プロファイル（{', '.join(builtin_profiles())}）だけです。ファイルのプロファイルは"
                " `xl-careplan addin install --profile ファイル` で指定してください。"
            )
    elif not (PureWindowsPath(value).is_absolute() or PurePosixPath(value).is_absolute()):
        raise XlCareplanError(
            f"{where} の設定 LAYOUT（{value[:60]}）はフルパスではありません。"
            "ブックの設定シートでは、レイアウトファイルをこのパソコンの中のフルパス（例: C:\\様式\\layout.toml）で書いてください。"
        )
    else:
        _plain_small_file(value, where)
    return value.lower() if key == "PROFILE" else value


LAYOUT_MAX_BYTES = 1_000_000  # a layout file is a few kilobytes


def _plain_small_file(value: str, where: str) -> None:
    """A device (C:\\CON, /dev/zero, a pipe) would hang the button on read, a huge file fill the memory."""
    import os
    import stat

    try:
        st = os.stat(value)
    except (OSError, ValueError):
        return  # missing: the layout loader says so
    if not stat.S_ISREG(st.st_mode):
        raise XlCareplanError(f"{where} の設定 LAYOUT（{value[:60]}）はレイアウトファイルではありません。")
    if st.st_size > LAYOUT_MAX_BYTES:
        raise XlCareplanError(f"{where} の設定 LAYOUT（{value[:60]}）は大きすぎます（レイアウトファイルは数 KB です）。")


def plan_settings(access: WorkbookAccess) -> dict[str, str]:
    """What a plan's own ``xl_careplan.conf`` sheet chooses: PROFILE (a built-in name) and LAYOUT (a full local
    path), nothing else. The VBA never reads the plan's sheets, so a plan cannot change the program the button
    starts; these choices are announced in the message and on the 点検結果 sheet."""
    if CONF_SHEET not in set(access.sheet_names()):
        return {}
    where = f"シート「{CONF_SHEET}」"
    rows = refuse_remote_paths(settings_from_rows(access.read_sheet(CONF_SHEET)), where)
    out: dict[str, str] = {}
    for key in PLAN_KEYS:
        value = str(rows.get(key) or "").strip()
        if value:
            out[key] = _plan_choice(key, value, where)
    return out


def plan_settings_note(chosen: Mapping[str, str]) -> str:
    """The line saying what the workbook itself chose ('' when nothing)."""
    if not chosen:
        return ""
    what = "、".join(f"{k}={v}" for k, v in chosen.items())
    return f"このブックのシート「{CONF_SHEET}」の設定（{what}）で点検しました。"


def summary_message(counts: dict[str, int], acknowledged: int, schedule_written: int, schedule_sheet: str | None,
                    warnings: Sequence[str] = (), chosen: Mapping[str, str] | None = None,
                    ack_sheets: Sequence[str] = (), schedule_rows: Sequence[int] = ()) -> str:
    from xl_careplan.fields import SHEET_RESULTS

    e, w, i = counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0)
    if e + w + i == 0:
        parts = ["点検が終わりました。指摘はありませんでした（エラー 0 件、警告 0 件、助言 0 件）。"]
    else:
        parts = [f"点検が終わりました。エラー {e} 件、警告 {w} 件、助言 {i} 件。"]
    if acknowledged:
        where = "・".join(f"「{s}」" for s in ack_sheets) or "「方針と異なる理由」"
        parts.append(f"（理由が記入済みの指摘 {acknowledged} 件は色を付けていません。理由はシート{where}にあります。"
                     "受け取ったブックなら、誰が書いた理由か確かめてください。）")
    parts.append(f"詳しくは「{SHEET_RESULTS}」シートをご覧ください。")
    if schedule_written:
        where = ""  # the rows, so that a received sheet cannot have us write 60,000 rows down unseen
        if schedule_rows:
            lo, hi = min(schedule_rows), max(schedule_rows)
            where = f"の {lo} 行目" if lo == hi else f"の {lo}〜{hi} 行目"
        parts.append(f"\nモニタリング予定を {schedule_written} 件、シート「{schedule_sheet}」{where}に書き込みました。")
    for wmsg in warnings:
        parts.append("\n" + wmsg)
    if chosen:
        parts.append("\n" + plan_settings_note(chosen))
    parts.append("\n\n内容を確認して、必要ならブックを保存してください。")
    return "".join(parts)


def check_workbook(access: WorkbookAccess, *, today: dt.date, settings: Mapping[str, str]) -> RunResult:
    """Read, schedule, check and annotate the open workbook. Raises XlCareplanError for bad input.

    ``settings`` are the add-in's own (PROFILE, LAYOUT); the workbook's own settings sheet may override
    them (``plan_settings``), and says so in the message and on the 点検結果 sheet."""
    from xl_careplan import __version__
    from xl_careplan.pipeline import check_plan
    from xl_careplan.profiles import load_profile
    from xl_careplan.readers import read_plan
    from xl_careplan.schedule import ScheduleSettings, fill_schedule
    from xl_careplan.writer.annotate import annotate

    chosen = plan_settings(access)
    settings = {**settings, **chosen}
    profile = load_profile(settings.get("PROFILE") or None)
    layout = settings.get("LAYOUT") or None  # an office's own form, as `check --layout`
    plan = read_plan(access.grid(), access.label, layout)
    before_writing(access, plan)
    # the schedule first: the check then sees the sheet as it will stay, so a second click changes nothing
    _events, filled = fill_schedule(access, plan, today=today, settings=ScheduleSettings.from_profile(profile))
    if filled.written or filled.created_sheet:
        plan = read_plan(access.grid(), access.label, layout)
    findings = check_plan(plan, profile, today, access.label)
    label = profile.label + (f"（ブックのシート「{CONF_SHEET}」で指定）" if "PROFILE" in chosen else "")
    summary = annotate(access, findings, profile=label, tool_version=__version__, today=today)
    ack_sheets = sorted({f.ack_at.rpartition("!")[0] for f in findings if f.acknowledged and f.ack_at})
    message = summary_message(summary.counts, summary.acknowledged, len(filled.written), filled.sheet, filled.warnings,
                              chosen, ack_sheets, [w.row for w in filled.written])
    return RunResult(
        ok=True, message=message, counts=dict(summary.counts), acknowledged=summary.acknowledged,
        schedule_written=len(filled.written), profile=profile.name, layout=plan.layout, plan_settings=chosen,
    )


def before_writing(access: WorkbookAccess, plan: Any) -> None:
    """Everything that would make us stop half-way is refused here, before the first write: a 点検結果 sheet of the
    user's (the annotator refuses it too, but after the schedule was written), and what the application adapter
    knows it cannot write safely (``before_writing(sheets, values)``: the sheets we write to and those we write
    values into — protected sheets, controls run by a cell's change, formulas that reach outside)."""
    from xl_careplan.fields import SHEET_RESULTS
    from xl_careplan.schedule import find_monitoring_sheet
    from xl_careplan.writer.annotate import STATE_SHEET, check_own_sheets

    check_own_sheets(access)
    guard = getattr(access, "before_writing", None)
    if guard is not None:
        names = list(access.sheet_names())
        values = {s for s in (find_monitoring_sheet(names, plan), SHEET_RESULTS, STATE_SHEET) if s in names}
        sheets = {s for form in plan.forms for s in form.sheets if s in names} | values
        guard(sorted(sheets), sorted(values))


def click(access: WorkbookAccess | Callable[[], WorkbookAccess], *, today: dt.date | None = None,
          settings: Mapping[str, str] | Callable[[WorkbookAccess], Mapping[str, str]] | None = None,
          log_dir: str | None = None) -> RunResult:
    """What 「点検する」 does in any application. Never raises; the result's message is for the user.

    ``access`` and ``settings`` may be callables so that a failure while reaching the workbook or
    reading the settings is reported like any other.
    """
    try:
        acc = access() if callable(access) else access
        conf = settings(acc) if callable(settings) else (settings or {})
        return check_workbook(acc, today=today or dt.date.today(), settings=conf)
    except XlCareplanError as e:
        return RunResult(ok=False, message=f"点検できませんでした。\n\n{e}")
    except Exception as e:  # noqa: BLE001 - never a traceback in the care manager's face
        logfile = write_error_log(e, log_dir)
        return RunResult(
            ok=False,
            message=(
                f"点検中に予期しないエラーが起きました（{type(e).__name__}）。"
                "ブックは途中まで書き込まれている可能性があります。保存せずに閉じ、開き直してからもう一度お試しください。"
                "繰り返す場合は、次のファイルを担当者に渡してください（個人情報は含みません）:\n"
                f"{logfile}"
            ),
        )


def write_error_log(exc: BaseException, directory: str | None = None) -> str:
    """Append where an unexpected error happened (files, lines, functions, exception type — never
    values or messages, which may hold a user's name) to %TEMP%/xl_careplan-addin.log. Returns its path."""
    import tempfile
    import traceback

    from xl_careplan import __version__

    path = Path(directory or tempfile.gettempdir()) / ERROR_LOG
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f"{dt.datetime.now().isoformat(timespec='seconds')} xl_careplan {__version__} {type(exc).__name__}"]
    lines += [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    except OSError:
        pass
    return str(path)
