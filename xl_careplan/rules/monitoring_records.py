"""モニタリングの記録: what was found on a visit is written down, and a short-term goal whose period is over
has been evaluated."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from xl_careplan.domain.services import norm
from xl_careplan.findings import Finding, Severity
from xl_careplan.located import Loc, Located
from xl_careplan.models import CarePlan, MonitoringRow, SupportRecord
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, chain, clear, setv
from xl_careplan.rules.common import is_blank, quote, text_of, wareki
from xl_careplan.rules.records import dated_support_texts, excused_months
from xl_careplan.rules.sources import KIJUN, KIYO
from xl_careplan.values import Period


def _entry(row: int, date: str, text: str) -> SupportRecord:
    """A 第5表 entry for the cases."""
    return SupportRecord(row=row, date=Located[str](value=date, raw=date, loc=Loc(sheet="第5表", cell=f"A{row}")),
                         content=Located[str](value=text, loc=Loc(sheet="第5表", cell=f"C{row}")))


def _done(r: MonitoringRow) -> dt.date | None:
    d = r.done_on.value
    return d if isinstance(d, dt.date) and not r.done_on.problem else None


@register
class EmptyMonitoringRecord(Rule):
    code = "CP176"
    name = "モニタリングの記録に内容がない"
    severity = Severity.ERROR
    what = "モニタリングのシートで、実施日が書かれているのに「内容・評価」が空欄の行を指摘します（内容の列がない様式では点検しません）。"
    why = "運営基準は、モニタリングの結果を少なくとも1月に1回記録するよう定めています。実施日だけでは何を確認したかの記録になりません。"
    source = f"{KIJUN} 第13条第14号（モニタリングの実施と結果の記録）"
    bad = "令和8年9月15日に居宅訪問、内容・評価が空欄。"
    good = "「目標に向けて取り組めている。歩行器で300m歩けた。」のように確認した内容を記録。"
    hint = "その日に確認したこと（サービスの実施状況、目標の達成状況、心身の変化）を記録してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        mon = plan.monitoring
        if mon is None:
            return
        for r in mon.rows:
            d = _done(r)
            if d is None or r.note.loc is None or not is_blank(r.note) or r.note.problem:
                continue
            yield self.finding(ctx, r.note.loc, f"{wareki(d)}のモニタリングの内容・評価が空欄です")

    CASES = [
        Case("CP176", "実施日があり内容が空欄", lambda p: clear(p.monitoring.rows[5].note), [("CP176", "モニタリング!E10")]),
        Case("CP176", "予定だけの行は問わない", None, []),
        Case("CP176", "内容の列がない様式では点検しない",
             lambda p: [setattr(r, "note", type(r.note)()) for r in p.monitoring.rows] and None, [],
             today=dt.date(2026, 10, 10)),
    ]


# an evaluation in the office's words: 評価・達成, or 到達度, 振り返り, the next goal set (運営基準 第13条第13号・第14号)
EVALUATION = r"評価|達成|未達|見直し|到達|振り返|次期目標|次の目標|新たな目標|目標を(再)?設定"


@register
class GoalNotEvaluated(Rule):
    code = "CP177"
    name = "期間の終わった短期目標の評価の記録がない"
    severity = Severity.WARNING
    what = (
        "第2表の短期目標の期間が今日までに終わっているとき、その終わりの1か月前以降に、モニタリングのシート（種別・内容に「評価」"
        "「達成」「到達度」「振り返り」「次の目標」など。内容の列の隣の「目標の達成度」などの列も見ます）または第5表（その日付が"
        "期間の終わりの1か月前以降の記録。日付が読めない記録は数えます）に評価の記録があるかを確認します（モニタリングのシートがない"
        "場合は点検しません）。期間の終わりから1か月以内で、その後のモニタリングがまだないときは、評価の訪問がこれからなので問いません。"
        "期間の終わりの月か翌月に特段の事情（入院・入所など）が第5表またはモニタリングの行に記録されていれば問いません。"
    )
    why = (
        "記載要領は短期目標の期間を「達成期限」としており、運営基準はモニタリングで計画の実施状況を把握して結果を記録するよう"
        "定めています。期限を過ぎた目標を評価しないと、計画の見直しの根拠がありません。"
    )
    source = (f"{KIJUN} 第13条第13号（実施状況の把握）・第14号（モニタリングの記録）、{KIYO} 第2表 ③「期間」、"
              "特段の事情は老企第22号 第二 3(8)⑮（知識による）")
    bad = "短期目標の期間が令和8年10月14日で終わったのに、その後のモニタリングに評価の記録がない（第5表の「評価」は4月の記録だけ）。"
    good = "令和8年10月15日のモニタリング「短期目標を評価した（300m歩行は達成）」。"
    hint = "短期目標の達成状況を評価してモニタリングの記録に残し、必要なら計画を見直してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        mon = plan.monitoring
        if mon is None:
            return
        rows = [(d, r) for r in mon.rows if (d := _done(r)) is not None]
        for sg in plan.table2.short_goals():
            p = sg.period.value
            if not isinstance(p, Period) or sg.period.problem or p.end is None or p.end >= ctx.today:
                continue
            since = p.end - dt.timedelta(days=31)
            if not any(d > p.end for d, _ in rows) and (ctx.today - p.end).days <= 31:
                continue  # no monitoring since the goal ended, and this month's visit may still come: not yet due
            end_m = p.end.year * 12 + p.end.month - 1
            excused = excused_months(plan, p.end)  # a year-less 「10/3」 is read in the year nearest the goal's end
            if end_m in excused or end_m + 1 in excused:
                continue  # 入院 etc. at the end of the period: the evaluation waits, and the reason is recorded
            first_m = since.year * 12 + since.month - 1
            # a 第5表 entry counts when it is from the goal's last month on (or its date cannot be read: a doubt)
            journal = dated_support_texts(plan, p.end)
            evaluated = any((m is None or m >= first_m) and re.search(EVALUATION, norm(t)) for m, t in journal) or any(
                d >= since and re.search(EVALUATION, "|".join(norm(x) for x in (text_of(r.kind), text_of(r.note), *r.other_text)))
                for d, r in rows)
            if evaluated:
                continue
            yield self.finding(ctx, sg.period.loc or sg.text.loc,
                               f"短期目標「{quote(text_of(sg.text))}」の期間は{wareki(p.end)}に終わりましたが、評価の記録が見当たりません")

    CASES = [
        Case("CP177", "期間の終わった短期目標に評価がない",
             lambda p: setv(p.monitoring.rows[6].note, "目標に向けて取り組めている"), [("CP177", "第2表!E6"), ("CP177", "第2表!E9")]),
        Case("CP177", "評価の記録があれば可", None, []),
        Case("CP177", "評価が内容の列の隣（目標の達成度など）に書かれていても可",
             chain(lambda p: setv(p.monitoring.rows[6].note, "計画どおり"),
                   lambda p: setattr(p.monitoring.rows[6], "other_text", ["短期目標の評価を行った。達成している。"])), []),
        Case("CP177", "評価を事業所の言葉（到達度・次の目標）で書いていても可",
             lambda p: setv(p.monitoring.rows[6].note, "目標の到達度：◎（できた）。次の3か月の目標を本人と話し合った。"), []),
        Case("CP177", "期間がまだ終わっていなければ問わない",
             chain(lambda p: setv(p.monitoring.rows[6].note, "目標に向けて取り組めている")), [], today=dt.date(2026, 10, 10)),
        Case("CP177", "モニタリングのシートがなければ点検しない", lambda p: setattr(p, "monitoring", None), []),
        Case("CP177", "第5表の「評価」が期間の終わりより前（4月）の記録なら評価に数えない",
             chain(lambda p: setv(p.monitoring.rows[6].note, "目標に向けて取り組めている"),
                   lambda p: p.table5.entries.append(_entry(7, "4/20", "前回の短期目標の評価を行い、課題を整理した。"))),
             [("CP177", "第2表!E6"), ("CP177", "第2表!E9")]),
        Case("CP177", "第5表の期間の終わりの月（10月）の評価は数える",
             chain(lambda p: setv(p.monitoring.rows[6].note, "目標に向けて取り組めている"),
                   lambda p: p.table5.entries.append(_entry(7, "10/12", "居宅訪問。短期目標の達成状況を本人と評価した。"))), []),
        Case("CP177", "期間の終わりの月に入院（特段の事情）が第5表にあれば問わない",
             chain(lambda p: setv(p.monitoring.rows[6].note, "目標に向けて取り組めている"),
                   lambda p: p.table5.entries.append(_entry(7, "10/3", "肺炎で入院。退院まで居宅を訪問できない（特段の事情）。"))), []),
        Case("CP177", "期間の終わりから1か月以内で、その後のモニタリングがまだなければ問わない",
             lambda p: setattr(p.monitoring, "rows", [r for r in p.monitoring.rows if r.row != 11]), [],
             today=dt.date(2026, 11, 5)),
        Case("CP177", "1か月を過ぎてもその後のモニタリングに評価がなければ指摘",
             lambda p: setattr(p.monitoring, "rows", [r for r in p.monitoring.rows if r.row != 11]),
             [("CP177", "第2表!E6"), ("CP177", "第2表!E9")], today=dt.date(2026, 11, 25)),
    ]

