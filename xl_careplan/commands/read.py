"""``xl-careplan read FILE``: show what the reader found (JSON model or a Japanese listing with cells)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum

import click

from xl_careplan import fields as F
from xl_careplan.errors import XlCareplanError
from xl_careplan.record import dump

LAYOUT_NAMES = {
    "template": "テンプレートの名前定義（cp_*）",
    "labels": "見出し（ラベル）の検索",
    "layout-file": "レイアウトファイル",
    "standard-csv": "ケアプランデータ連携の標準仕様 CSV（docs/carecsv.md）",
    "unknown": "不明",
}


@click.command("read")
@click.argument("file", type=str)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True,
              help="json: 読み取ったモデル全体 / text: 項目とセル位置の一覧")
@click.option("--layout", "layout", type=str, default=None, metavar="FILE",
              help="様式が特殊なときのレイアウトファイル（TOML）。docs/layout-file.md を参照")
def read(file: str, fmt: str, layout: str | None) -> None:
    """FILE（居宅サービス計画書の .xlsx）を読み取り、見つかった項目をセル位置つきで表示します。"""
    from xl_careplan.readers import read_plan_file

    try:
        plan = read_plan_file(file, layout=layout)
    except XlCareplanError as e:
        click.echo(str(e), err=True)
        sys.exit(e.exit_code)
    if fmt == "json":
        click.echo(json.dumps(dump(plan, json=True), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(plan))


# --------------------------------------------------------------------------- text listing

COLUMN_NAMES = {
    **{k: labels[0] for cols in (F.T2_COLUMNS, F.ASSESSMENT_COLUMNS, F.MONITORING_COLUMNS, F.ACK_COLUMNS)
       for k, (_c, labels) in cols.items()},
    "long_period": "長期目標の期間", "short_period": "短期目標の期間", "service_period": "援助内容の期間",
}


def render_map(plan) -> list[str]:
    """The map of the workbook (which sheet is which form, where its columns are) and the reading notes."""
    out = ["■ ブックの地図（どのシートを何として読んだか）"]
    for fm in plan.forms:
        where = "・".join(f"「{s}」" for s in fm.sheets)
        line = f"  {fm.part}: シート{where}（{LAYOUT_NAMES.get(fm.how, fm.how)}）"
        if fm.header_row:
            line += f" 見出し {fm.header_row} 行目"
        out.append(line)
        if fm.columns:
            cols = "、".join(f"{COLUMN_NAMES.get(k, k)}={c}" for k, c in fm.columns.items())
            out.append(f"      列: {cols}")
    unused = [s for s in plan.sheets if not any(s in fm.sheets for fm in plan.forms)]
    if unused:
        out.append(f"  （読まなかったシート: {'・'.join(f'「{s}」' for s in unused)}）")
    out.append("")
    out.append(f"■ 読み取りメモ（{len(plan.notes)}件）" + ("" if plan.notes else ": すべて見つかりました"))
    for n in plan.notes:
        out.append(f"  {n.part}: {n.message}" + (f"  [{n.loc}]" if n.loc else ""))
        if n.looked:
            out.append(f"      探した場所: {n.looked}")
        if n.layout:
            out.append(f"      指定のしかた: レイアウトファイルの {n.layout}（docs/layout-file.md）")
    return out



def fmt_value(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "○" if v else "×"
    if isinstance(v, Enum):
        return str(v.value)
    if isinstance(v, dt.date):
        from xl_careplan.jpdate import jp_date

        return jp_date(v)  # the one date style users see
    if isinstance(v, list):
        return "・".join(fmt_value(x) for x in v)
    start = getattr(v, "start", None)
    if hasattr(v, "end") and hasattr(v, "start"):
        return f"{fmt_value(start) or '？'}～{fmt_value(v.end) or '？'}"
    if hasattr(v, "kind") and hasattr(v, "count"):
        return _fmt_frequency(v)
    return str(v)


def _fmt_frequency(f) -> str:
    days = "・".join(f.weekdays)
    c = f.count
    n = "" if c is None else (str(int(c)) if float(c).is_integer() else f"{c:g}")
    base = {
        "daily": "毎日",
        "per_week": f"週{n}回",
        "per_month": f"月{n}回",
        "per_day": f"1日{n}回",
        "as_needed": "随時",
        "other": "その他",
    }.get(f.kind, f.kind)
    return f"{base}（{days}）" if days else base


def _iso(v) -> str | None:
    """The raw text a date / two-date period read from date cells has (nothing worth repeating)."""
    if isinstance(v, dt.date):
        return v.isoformat()
    start, end = getattr(v, "start", None), getattr(v, "end", None)
    if isinstance(start, dt.date) and isinstance(end, dt.date):
        return f"{start.isoformat()}～{end.isoformat()}"
    return None


def fmt_located(lv) -> str:
    """'値  [シート!セル]', 未記入 / 読み取れない値 / 見つからない項目 を区別して表示."""
    where = f"  [{lv.loc}]" if lv.loc is not None else ""
    if lv.loc is None:
        return "（項目が見つかりません）"
    if lv.problem:
        return f"⚠ 読み取れません「{lv.raw}」: {lv.problem}{where}"
    if lv.value is None and not lv.raw:
        return f"（未記入）{where}"
    shown = fmt_value(lv.value)
    if lv.raw and shown != lv.raw and lv.raw != _iso(lv.value) and not isinstance(lv.value, str):
        shown = f"{shown}（記載: {lv.raw}）"
    return f"{shown}{where}"


def _iter_located(model):
    """Every Located value in the model, depth first."""
    from xl_careplan.located import Located
    from xl_careplan.record import fields_of, is_record

    if isinstance(model, Located):
        yield model
    elif is_record(model):
        for name in fields_of(type(model)):
            yield from _iter_located(getattr(model, name))
    elif isinstance(model, list):
        for x in model:
            yield from _iter_located(x)


def render_text(plan) -> str:
    from xl_careplan import fields as F

    out: list[str] = []
    w = out.append

    def heading(title: str, part, extra: str = "") -> bool:
        """「■ title（シート「…」）」, or 「（見つかりません）」 when the plan has no such part (then False)."""
        w(f"■ {title}（シート「{part.sheet}」{extra}）" if part is not None else f"■ {title}（見つかりません）")
        return part is not None

    w(f"ファイル: {plan.source}")
    w(f"読み取り方法: {LAYOUT_NAMES.get(plan.layout, plan.layout)}")
    unreadable = [lv for lv in _iter_located(plan) if lv.problem]
    w(f"読み取れない値: {len(unreadable)}件" + ("（⚠ の行）" if unreadable else ""))
    w("")
    out.extend(render_map(plan))
    w("")
    w("■ 第1表 居宅サービス計画書（1）")
    for spec in F.TABLE1_FIELDS:
        w(f"  {spec.labels[0]}: {fmt_located(getattr(plan.table1, spec.key))}")
    w("")
    t2 = plan.table2
    w("■ 第2表 居宅サービス計画書（2）" + (f"（シート「{t2.sheet}」）" if t2.sheet else "（見つかりません）"))
    for need in t2.needs:
        w(f"  ニーズ{need.number}: {fmt_located(need.text)}")
        for i, lg in enumerate(need.long_goals, 1):
            w(f"    長期目標{i}: {fmt_located(lg.text)}")
            w(f"      期間: {fmt_located(lg.period)}")
            for j, sg in enumerate(lg.short_goals, 1):
                w(f"      短期目標{i}-{j}: {fmt_located(sg.text)}")
                w(f"        期間: {fmt_located(sg.period)}")
                for k, s in enumerate(sg.services, 1):
                    w(f"        援助内容{i}-{j}-{k}: {fmt_located(s.content)}")
                    w(f"          ※1: {fmt_located(s.insured)}")
                    w(f"          サービス種別: {fmt_located(s.service_type)}")
                    w(f"          ※2（事業所）: {fmt_located(s.provider)}")
                    w(f"          頻度: {fmt_located(s.frequency)}")
                    w(f"          期間: {fmt_located(s.period)}")
    w("")
    t3 = plan.table3
    if heading("第3表 週間サービス計画表", t3):
        for e in t3.entries:
            w(f"  {e.weekday} {e.time}: {e.text}  [{e.loc}]")
        w(f"  主な日常生活上の活動: {fmt_located(t3.daily_activities)}")
        w(f"  週単位以外のサービス: {fmt_located(t3.non_weekly)}")
    w("")
    t4 = plan.table4
    if heading("第4表 サービス担当者会議の要点", t4):
        for spec in F.TABLE4_FIELDS:
            w(f"  {spec.labels[0]}: {fmt_located(getattr(t4, spec.key))}")
    w("")
    a = plan.assessment
    if heading("アセスメント", a):
        w(f"  アセスメント実施日: {fmt_located(a.assessed_on)}")
        for item in a.items:
            w(f"  {item.number}. {item.name}")
            w(f"     状況: {fmt_located(item.status)}")
            w(f"     課題: {fmt_located(item.has_issue)}　関連ニーズ: {fmt_located(item.need_refs)}")
    w("")
    m = plan.monitoring
    if heading("モニタリング", m, f"、見出し {m.header_row} 行目" if m is not None and m.header_row else ""):
        for row in m.rows:
            w(f"  {row.row}行目: 予定日 {fmt_located(row.planned_on)} / 種別 {fmt_located(row.kind)} / "
              f"実施日 {fmt_located(row.done_on)} / 方法 {fmt_located(row.method)} / 内容 {fmt_located(row.note)}")
    w("")
    w("■ 方針と異なる理由")
    if not plan.acknowledgements:
        w("  （なし）")
    for ack in plan.acknowledgements:
        target = f"{ack.sheet or ''}{'!' if ack.sheet and ack.cell else ''}{ack.cell or ''}" or "計画全体"
        w(f"  {ack.rule}（{target}）: {ack.reason}  [{ack.loc}]")
    return "\n".join(out)
