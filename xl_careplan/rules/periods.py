"""第2表 目標と期間: nesting of periods (認定 ⊇ 長期 ⊇ 短期 ⊇ サービス) and goals present."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from xl_careplan.findings import Finding, Severity
from xl_careplan.located import Located
from xl_careplan.models import CarePlan, Need
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, chain, clear, lg0, period, setv, sg0
from xl_careplan.rules.common import applying, is_blank, norm, period_text, quote, text_of
from xl_careplan.rules.sources import KIYO
from xl_careplan.values import Period

D = dt.date


def _outside(outer: Located[Period], inner: Located[Period]) -> bool:
    o, i = outer.value, inner.value
    if not isinstance(o, Period) or not isinstance(i, Period) or outer.problem or inner.problem:
        return False
    return not o.contains(i)


def _not_first(plan: CarePlan) -> bool:
    """継続 marked, or (初回・紹介・継続 not read) a 初回居宅サービス計画作成日 before this plan's 作成日."""
    t1 = plan.table1
    kind = norm(text_of(t1.plan_kind))
    if kind:
        return "継続" in kind
    first, made = t1.first_created_on.value, t1.created_on.value
    return isinstance(first, dt.date) and isinstance(made, dt.date) and first < made


def _runs_on(cert: Period, goal: Period) -> bool:
    """A goal set under the previous certification that runs on into this one (started before it, ends inside it)."""
    return None not in (cert.start, cert.end, goal.start, goal.end) and \
        goal.start < cert.start <= goal.end <= cert.end  # type: ignore[operator]


@register
class LongGoalPeriod(Rule):
    code = "CP120"
    name = "長期目標の期間が認定の有効期間を超える"
    severity = Severity.WARNING
    what = ("第2表の長期目標の（期間）が、第1表の認定の有効期間の中に収まっているかを確認します（開始時期のみの期間は問いません）。"
            "継続の計画で、前の認定の間に立てた長期目標が今の有効期間の中で終わる場合（区分変更・更新の後も目標を続ける）は、"
            "開始が有効期間より前でも指摘しません。")
    why = (
        "記載要領は「期間の設定においては『認定の有効期間』も考慮するものとする」としています。「考慮」であって収める義務では"
        "ないため警告とし、有効期間を超える理由がある場合は「方針と異なる理由」に書けるようにしています。"
    )
    source = f"{KIYO} 第2表 ③（「長期目標」及び「短期目標」に付する）「期間」"
    bad = "認定の有効期間 令和8年4月1日～令和9年3月31日に対し、長期目標の期間が令和8年4月15日～令和9年9月30日。"
    good = "長期目標の期間 令和8年4月15日～令和9年3月31日。"
    hint = "長期目標の期間を認定の有効期間の終了日までに収めてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        if applying(plan):
            return
        cert = plan.table1.cert_period
        going_on = _not_first(plan)
        for lg in plan.table2.long_goals():
            if _outside(cert, lg.period) and not (going_on and _runs_on(cert.value, lg.period.value)):
                yield self.finding(
                    ctx, lg.period.loc,
                    f"長期目標の期間（{period_text(lg.period.value)}）が認定の有効期間（{period_text(cert.value)}）を超えています",
                )

    CASES = [
        Case("CP120", "長期目標が有効期間の終了後まで",
             lambda p: setv(lg0(p).period, period("2026-04-15", "2027-09-30")), [("CP120", "第2表!C6")]),
        Case("CP120", "初回の計画で長期目標が有効期間の開始前から",
             chain(lambda p: setv(p.table1.plan_kind, "初回"),
                   lambda p: setv(lg0(p, 1).period, period("2026-03-01", "2027-03-31"))), [("CP120", "第2表!C9")]),
        Case("CP120", "継続の計画で、前の認定の間に立てた長期目標が今の有効期間の中で終わるなら可（区分変更の後も続ける）",
             chain(lambda p: setv(p.table1.plan_kind, "継続"),
                   lambda p: setv(lg0(p, 1).period, period("2026-03-01", "2027-03-31"))), []),
        Case("CP120", "初回・紹介・継続が読めなくても、初回作成日が前なら継続の計画とみなす",
             chain(lambda p: clear(p.table1.plan_kind),
                   lambda p: setv(lg0(p, 1).period, period("2026-03-01", "2027-03-31"))), []),
        Case("CP120", "継続でも、今の有効期間より前に終わった長期目標は指摘",
             chain(lambda p: setv(p.table1.plan_kind, "継続"),
                   lambda p: setv(lg0(p, 1).period, period("2025-04-01", "2026-03-31"))),
             [("CP120", "第2表!C9"), ("CP121", "第2表!E9")]),
        Case("CP120", "有効期間ちょうどの長期目標は可",
             lambda p: setv(lg0(p).period, period("2026-04-01", "2027-03-31")), []),
    ]


@register
class ShortGoalPeriod(Rule):
    code = "CP121"
    name = "短期目標の期間が長期目標の期間を超える"
    severity = Severity.ERROR
    what = "短期目標の（期間）が、その上位の長期目標の（期間）の中に収まっているかを確認します。"
    why = "短期目標は長期目標を達成するための段階的な目標であり、記載要領でも長期目標の期間の中で設定するものとされています。"
    source = f"{KIYO} 第2表「短期目標」の（期間）"
    bad = "長期目標 令和8年4月15日～令和9年3月31日、短期目標 令和8年4月15日～令和9年6月30日。"
    good = "短期目標 令和8年4月15日～令和8年10月14日。"
    hint = "短期目標の期間を長期目標の期間内に収めてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        for lg in plan.table2.long_goals():
            for sg in lg.short_goals:
                if _outside(lg.period, sg.period):
                    yield self.finding(
                        ctx, sg.period.loc,
                        f"短期目標の期間（{period_text(sg.period.value)}）が長期目標の期間（{period_text(lg.period.value)}）を超えています",
                    )

    CASES = [
        Case("CP121", "短期目標が長期目標より長い",
             lambda p: setv(sg0(p).period, period("2026-04-15", "2027-06-30")), [("CP121", "第2表!E6")]),
        Case("CP121", "開始時期のみの期間（記載要領で可）は読めない値にも期間外にもしない",
             lambda p: setv(sg0(p).period, Period(start=D(2026, 4, 15)), "令和8年4月15日～"), []),
        Case("CP121", "長期目標の内側なら可",
             lambda p: setv(sg0(p, 1).period, period("2026-04-15", "2027-03-31")), []),
    ]


@register
class ServicePeriod(Rule):
    code = "CP122"
    name = "サービスの期間が短期目標の期間を超える"
    severity = Severity.WARNING
    what = "援助内容の（期間）が、そのサービスが位置付けられた短期目標の（期間）の中に収まっているかを確認します。"
    why = (
        "記載要領は援助内容の「期間」を、サービス内容に掲げたサービスをどの程度の期間にわたり実施するかを記載するものとし、"
        "期間の設定では認定の有効期間も考慮するとしています。サービスは短期目標の達成のために位置付けるものなので、短期目標の"
        "期間を超えるサービス期間は見直し時期と食い違いますが、記載要領が短期目標の期間内に収めることを文字どおり求めている"
        "わけではないため、警告にしています。"
    )
    source = (
        f"{KIYO} 第2表 ⑦「期間」（援助内容の期間の文言は知識による。検索で本文を確認できなかったため）、"
        "同 ②「目標（長期目標・短期目標）」（短期目標は解決すべき課題及び長期目標に段階的に対応し、解決に結びつけるもの）"
    )
    bad = "短期目標 令和8年4月15日～令和8年10月14日、通所リハビリテーションの期間 令和8年4月15日～令和9年3月31日。"
    good = "サービスの期間 令和8年4月15日～令和8年10月14日。"
    hint = "サービスの期間を短期目標の期間内に収めてください（短期目標を見直す時に合わせて更新します）。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        for sg in plan.table2.short_goals():
            for s in sg.services:
                if _outside(sg.period, s.period):
                    yield self.finding(
                        ctx, s.period.loc,
                        f"{text_of(s.service_type) or 'サービス'}の期間（{period_text(s.period.value)}）が"
                        f"短期目標の期間（{period_text(sg.period.value)}）を超えています",
                    )

    CASES = [
        Case("CP122", "サービスの期間が短期目標より長い",
             lambda p: setv(sg0(p).services[0].period, period("2026-04-15", "2027-03-31")), [("CP122", "第2表!K6")]),
        Case("CP122", "短期目標より短いサービス期間は可",
             lambda p: setv(sg0(p, 1).services[1].period, period("2026-05-01", "2026-07-31")), []),
    ]


@register
class GoalsPresent(Rule):
    code = "CP123"
    name = "目標・期間の記載漏れ"
    severity = Severity.ERROR
    what = "各ニーズに長期目標・短期目標があり、目標の文と（期間）が空欄でないかを確認します。"
    why = "記載要領は、ニーズごとに長期目標・短期目標とその期間を記載するよう求めています。目標や期間がなければ評価ができません。"
    source = f"{KIYO} 第2表「生活全般の解決すべき課題（ニーズ）」「目標（長期目標・短期目標）」「（期間）」"
    bad = "ニーズ②に長期目標はあるが短期目標と期間が空欄。"
    good = "ニーズごとに長期目標（期間）と短期目標（期間）が書かれている。"
    hint = "空欄の目標・期間を記入してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        for need in plan.table2.needs:
            yield from self._need(need, ctx)

    def _need(self, need: Need, ctx: Context) -> Iterable[Finding]:
        label = f"ニーズ{need.number}"
        if is_blank(need.text) and need.text.loc is not None and need.long_goals:
            yield self.finding(ctx, need.text.loc, f"{label}の課題（ニーズ）が空欄です")
        goals = [lg for lg in need.long_goals if not (is_blank(lg.text) and is_blank(lg.period) and not lg.short_goals)]
        if not goals:
            yield self.finding(ctx, need.text.loc, f"{label}「{quote(text_of(need.text))}」に目標がありません")
            return
        for lg in goals:
            if is_blank(lg.text) and lg.text.loc is not None:
                yield self.finding(ctx, lg.text.loc, f"{label}の長期目標が空欄です")
            if is_blank(lg.period) and lg.period.loc is not None:
                yield self.finding(ctx, lg.period.loc, f"{label}の長期目標「{quote(text_of(lg.text))}」の期間が空欄です")
            sgs = [sg for sg in lg.short_goals if not (is_blank(sg.text) and is_blank(sg.period) and not sg.services)]
            if not sgs:
                yield self.finding(ctx, lg.text.loc or need.text.loc,
                                   f"{label}の長期目標「{quote(text_of(lg.text))}」に短期目標がありません")
                continue
            for sg in sgs:
                if is_blank(sg.text) and sg.text.loc is not None:
                    yield self.finding(ctx, sg.text.loc, f"{label}の短期目標が空欄です")
                if is_blank(sg.period) and sg.period.loc is not None:
                    yield self.finding(ctx, sg.period.loc, f"{label}の短期目標「{quote(text_of(sg.text))}」の期間が空欄です")

    CASES = [
        Case("CP123", "短期目標の期間が空欄", lambda p: clear(sg0(p).period), [("CP123", "第2表!E6")]),
        Case("CP123", "長期目標の文が空欄", lambda p: clear(lg0(p, 1).text), [("CP123", "第2表!B9")]),
        Case("CP123", "ニーズに目標がない", lambda p: setattr(p.table2.needs[1], "long_goals", []), [("CP123", "第2表!A9")]),
        Case("CP123", "長期目標に短期目標がない", lambda p: setattr(lg0(p), "short_goals", []), [("CP123", "第2表!B6")]),
        Case("CP123", "ニーズ欄が空欄で目標だけある", lambda p: clear(p.table2.needs[0].text), [("CP123", "第2表!A6")]),
        Case("CP123", "目標と期間がそろっていれば可",
             chain(lambda p: setv(sg0(p).text, "買物袋を持って200m歩ける")), []),
    ]
