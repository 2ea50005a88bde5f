"""第1表 居宅サービス計画書(1): required fields, unreadable values, date order, certification."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from xl_careplan.findings import Finding, Severity
from xl_careplan.located import Loc, Located
from xl_careplan.models import CarePlan
from xl_careplan.parsing import is_reading_doubt
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, chain, clear, period, setv, sg0, unreadable
from xl_careplan.rules.common import applying, finding_at, is_blank, located_problems, table1_sheet, wareki
from xl_careplan.rules.sources import KIJUN, KIYO
from xl_careplan.values import Period


T1_LABELS = {
    "user_name": "利用者名",
    "birth_date": "生年月日",
    "address": "住所",
    "care_manager": "居宅サービス計画作成者氏名",
    "office": "居宅介護支援事業者・事業所名及び所在地",
    "created_on": "居宅サービス計画作成（変更）日",
    "first_created_on": "初回居宅サービス計画作成日",
    "changed_on": "変更日",
    "plan_kind": "初回・紹介・継続",
    "certification_status": "認定済・申請中",
    "certified_on": "認定日",
    "cert_period": "認定の有効期間",
    "care_level": "要介護状態区分",
    "user_intent": "利用者及び家族の生活に対する意向を踏まえた課題分析の結果",
    "committee_opinion": "介護認定審査会の意見及びサービスの種類の指定",
    "overall_policy": "総合的な援助の方針",
    "living_support_reason": "生活援助中心型の算定理由",
    "consent_on": "説明・同意日",
    "delivered_on": "交付日",
}


@register
class RequiredTable1(Rule):
    code = "CP101"
    name = "第1表の必須項目が空欄"
    severity = Severity.ERROR
    what = (
        "第1表の必須項目（利用者名、居宅サービス計画作成（変更）日、説明・同意日、利用者及び家族の生活に対する意向を"
        "踏まえた課題分析の結果、総合的な援助の方針、認定済の場合は要介護状態区分と認定の有効期間）が空欄でないかを確認します。"
    )
    why = "記載要領は第1表の各欄の記載を求めており、空欄のままでは計画の根拠・同意・有効期間を確認できません。"
    source = f"{KIYO} 第1表（各項目の記載要領）"
    bad = "総合的な援助の方針（B11）が空欄。"
    good = "総合的な援助の方針に、チームとしての援助の方向性と緊急時の対応が書かれている。"
    hint = "空欄の項目を記入してください。申請中の場合は「認定済・申請中」欄で申請中を選んでください。"

    ALWAYS = ("user_name", "created_on", "user_intent", "overall_policy", "consent_on")
    CERTIFIED = ("care_level", "cert_period")

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        t1 = plan.table1
        sheet = table1_sheet(plan) or "第1表"
        keys = list(self.ALWAYS) + ([] if applying(plan) else list(self.CERTIFIED))
        for key in keys:
            v = getattr(t1, key)
            if v.problem or v.loc is None:
                continue  # written but unreadable: CP102; not found at all: a reading note (CP001)
            per = v.value if isinstance(v.value, Period) else None
            if per is not None and (per.start or per.end):
                continue  # half-written period: CP111
            if is_blank(v) or (per is not None and not (per.start or per.end)):
                yield finding_at(self, ctx, v, sheet, f"第1表の「{T1_LABELS[key]}」が空欄です")

    CASES = [
        Case("CP101", "総合的な援助の方針が空欄", lambda p: clear(p.table1.overall_policy), [("CP101", "第1表!B11")]),
        Case("CP101", "利用者名が空白文字だけ", lambda p: setv(p.table1.user_name, "　 "), [("CP101", "第1表!B4")]),
        Case("CP101", "説明・同意日と意向が空欄",
             lambda p: clear(p.table1.consent_on, p.table1.user_intent),
             [("CP101", "第1表!B14"), ("CP101", "第1表!B9")]),
        Case("CP101", "認定済で要介護状態区分が空欄", lambda p: clear(p.table1.care_level), [("CP101", "第1表!B8")]),
        Case("CP101", "申請中なら要介護状態区分・有効期間が空欄でもよい",
             chain(lambda p: setv(p.table1.certification_status, "申請中"),
                   lambda p: clear(p.table1.care_level, p.table1.cert_period)), []),
        Case("CP101", "欄そのものが見つからない（読み取りメモ CP001 で知らせ、空欄とは言わない）",
             lambda p: setattr(p.table1, "overall_policy", Located[str]()), []),
        Case("CP101", "読めない日付は CP102 で報告し CP101 では数えない",
             lambda p: unreadable(p.table1.created_on, "令和8年13月1日", "存在しない日付です（13月はありません）"),
             [("CP102", "第1表!K1")]),
    ]


# a 第2表 period of one date or month (「R8.5」 for a purchase, 「令和8年5月10日」): 記載要領 allows 開始時期のみ, and a
# one-off service has no span — what it means is a doubt, not a defect
LONE_DATE = "終了日がありません"


def _problems(plan: CarePlan, doubts: bool) -> Iterable[Located]:
    """Each cell's problem once (a cell shared by two fields is one finding): the reading doubts, or the
    defects of values that were understood."""
    seen: set[Loc] = set()
    for part in (plan.table1, plan.table2, plan.table3, plan.table4, plan.assessment, plan.monitoring):
        if part is None:
            continue
        for v in located_problems(part):
            doubt = is_reading_doubt(v.problem) or (part is plan.table2 and LONE_DATE in (v.problem or ""))
            if v.loc is None or v.loc in seen or doubt != doubts:
                continue
            seen.add(v.loc)
            yield v


def _quoted(v: Located) -> str:
    raw = (v.raw or "").strip()
    return f"「{raw}」" if raw else "値"


@register
class Unreadable(Rule):
    code = "CP102"
    name = "読み取れない値"
    severity = Severity.ERROR
    what = (
        "日付・期間・要介護状態区分・頻度などが、値としては読めるのに成り立たない（存在しない日付、開始日が終了日より後の"
        "期間、0回の頻度、数式のエラーなど）箇所を報告します。書き方そのものが読み取れない値は読み取りの疑いなので、"
        "ここではなく CP104（助言）で知らせます。「令和8年10月1日～」のように開始時期だけの期間は、記載要領が認める書き方"
        "なので読めない値としません。第2表の期間に日付や月が一つだけ（「R8.5」購入の月、「令和8年5月10日」）のときも、開始時期"
        "のみか一度きりのサービスか分からないので CP104（助言）にします。"
    )
    why = "成り立たない値は点検も予定作成もできず、記載要領が求める記載（年月日、期間、頻度）になっていません。"
    source = f"{KIYO}（第1表・第2表の日付・期間・頻度の記載）"
    bad = "説明・同意日に「令和8年4月31日」や「令和8年13月1日」、期間に「R8.10.1～R8.4.30」と書かれている。"
    good = "「令和8年4月14日」「2026/4/14」、頻度「週2回」「毎日」「月1回」。"
    hint = "セルの値を「令和8年4月14日」「週2回」などの形で書き直してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        for v in _problems(plan, doubts=False):
            yield self.finding(ctx, v.loc, f"{_quoted(v)}を読み取れません（{v.problem}）")

    CASES = [
        Case("CP102", "説明・同意日が存在しない日付",
             lambda p: unreadable(p.table1.consent_on, "令和8年4月31日", "存在しない日付です"),
             [("CP102", "第1表!B14")]),
        Case("CP102", "第2表の頻度が0回",
             lambda p: unreadable(p.table2.needs[0].long_goals[0].short_goals[0].services[0].frequency, "週0回", "頻度の回数が0です"),
             [("CP102", "第2表!J6")]),
        Case("CP102", "書き方が読み取れないだけの値は CP104（助言）で、エラーにしない",
             lambda p: unreadable(p.table2.needs[0].long_goals[0].short_goals[0].services[0].frequency, "たまに", "頻度として読めません"),
             [("CP104", "第2表!J6")]),
        Case("CP102", "第2表の期間が一つの月（購入の月）だけなら CP104（助言）",
             lambda p: unreadable(sg0(p).services[1].period, "R8.5", "期間の終了日がありません: 'R8.5'"),
             [("CP104", "第2表!K7")]),
        Case("CP102", "第1表の認定の有効期間に終了日がないのは CP102 のまま",
             lambda p: unreadable(p.table1.cert_period, "R8.4.1", "期間の終了日がありません: 'R8.4.1'"),
             [("CP102", "第1表!E7")]),
        Case("CP102", "問題のない値は報告しない", None, []),
    ]


@register
class UnreadableFormat(Rule):
    code = "CP104"
    name = "読み取れない書き方（点検していません）"
    severity = Severity.INFO
    what = (
        "日付・期間・要介護状態区分・頻度・印などが書かれているのに、その書き方を読み取れなかった箇所を知らせます。"
        "読み取れなかった値を使う点検（日付の順序、期間、回数など）はその値について行っていません。"
        "年のない日付のように推測すれば読める値は、ここではなく読み取りメモ（CP001）で、推測した読み方と一緒に知らせます。"
    )
    why = (
        "読み取りの疑いは計画の誤りではありません（疑いをエラーにしない）。ただし値が読めないと、その値に関わる"
        "点検ができないため、点検が行われていないことを知らせます。"
    )
    source = f"{KIYO}（第1表・第2表の日付・期間・頻度の記載）。疑いを指摘にしない扱いは本ツールの方針"
    bad = "頻度に「たまに」、日付に「4月上旬」、要介護状態区分の欄に複数の○と読める書き方。"
    good = "「令和8年4月14日」「R8.4.14」「2026/4/14」、頻度「週2回」「毎日」「月1回」。"
    hint = "「令和8年4月14日」「週2回」などの書き方にすると、その値も点検できます（計画の誤りという指摘ではありません）。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        for v in _problems(plan, doubts=True):
            yield self.finding(ctx, v.loc, f"{_quoted(v)}は読み取れない書き方のため、この値を使う点検はしていません（{v.problem}）")

    CASES = [
        Case("CP104", "第2表の頻度の書き方が読み取れない",
             lambda p: unreadable(p.table2.needs[0].long_goals[0].short_goals[0].services[0].frequency, "たまに", "頻度として読めません"),
             [("CP104", "第2表!J6")]),
        Case("CP104", "日付の書き方が読み取れない",
             lambda p: unreadable(p.table1.consent_on, "4月上旬", "日付として読めません: '4月上旬'"),
             [("CP104", "第1表!B14")]),
        Case("CP104", "存在しない日付は CP102（エラー）で、ここでは知らせない",
             lambda p: unreadable(p.table1.consent_on, "令和8年4月31日", "存在しない日付です"),
             [("CP102", "第1表!B14")]),
        Case("CP104", "問題のない値は知らせない", None, []),
    ]


def _made_after_meeting(plan: CarePlan) -> bool:
    """作成日 written as the day the plan was made after the meeting, not the day of the 原案: the meeting before 作成日,
    and 作成日 not after the 説明・同意日 (or 交付日). 運営基準 第13条 discusses the 原案 at the meeting (第9号), asks consent
    to it (第10号) and has the plan handed over 「作成した際には」 (第11号); 記載要領 asks the day it was made — either
    reading is an office's practice, so only the order that no reading explains is reported."""
    t1, t4 = plan.table1, plan.table4
    held, made = (t4.held_on.value if t4 is not None else None), t1.created_on.value
    later = t1.consent_on.value if isinstance(t1.consent_on.value, dt.date) else t1.delivered_on.value
    return all(isinstance(d, dt.date) for d in (held, made, later)) and held < made <= later  # type: ignore[operator]


@register
class DateOrder(Rule):
    code = "CP110"
    name = "日付の順序"
    severity = Severity.ERROR
    what = (
        "初回居宅サービス計画作成日 ≦ 居宅サービス計画作成（変更）日 ≦ サービス担当者会議の開催日 ≦ 説明・同意日 ≦ 交付日 "
        "の順になっているかを確認します（空欄の日付は飛ばします）。作成日を担当者会議の後に計画を確定した日として書く事業所も"
        "あるため、会議の開催日が作成日より前でも、作成日が説明・同意日（なければ交付日）以前なら指摘しません。"
    )
    why = (
        "居宅サービス計画は原案の作成→サービス担当者会議→利用者への説明・同意→交付の順に進める必要があり、"
        "順序が逆の記録は手順を踏んでいないと見なされます。"
    )
    source = f"{KIJUN} 第13条第9号（担当者会議）・第10号（説明及び同意）・第11号（交付）"
    bad = "担当者会議の開催日が令和8年4月12日なのに、説明・同意日が令和8年4月10日。"
    good = "作成日 4月10日、担当者会議 4月12日、説明・同意日 4月14日、交付日 4月14日。"
    hint = "日付の誤記でないか確認してください。手順が前後した場合は、方針と異なる理由シートに経緯を書いてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        t1 = plan.table1
        seq: list[tuple[str, Located]] = [
            ("初回居宅サービス計画作成日", t1.first_created_on),
            ("居宅サービス計画作成（変更）日", t1.created_on),
        ]
        if plan.table4 is not None:
            seq.append(("サービス担当者会議の開催日", plan.table4.held_on))
        seq += [("説明・同意日", t1.consent_on), ("交付日", t1.delivered_on)]
        present = [(label, v) for label, v in seq if isinstance(v.value, dt.date)]
        if _made_after_meeting(plan):
            present = [(label, v) for label, v in present if label != "サービス担当者会議の開催日"]
        for (la, a), (lb, b) in zip(present, present[1:]):
            if b.value < a.value:
                yield self.finding(
                    ctx, b.loc,
                    f"{lb}（{wareki(b.value)}）が{la}（{wareki(a.value)}）より前になっています",
                )

    CASES = [
        Case("CP110", "説明・同意日が担当者会議より前",
             lambda p: setv(p.table1.consent_on, dt.date(2026, 4, 11)), [("CP110", "第1表!B14")]),
        Case("CP110", "交付日が説明・同意日より前",
             lambda p: setv(p.table1.delivered_on, dt.date(2026, 4, 13)), [("CP110", "第1表!H14")]),
        Case("CP110", "担当者会議の開催日が作成日より前で、作成日も説明・同意日より後",
             chain(lambda p: setv(p.table4.held_on, dt.date(2026, 4, 9)), lambda p: setv(p.table1.created_on, dt.date(2026, 4, 15))),
             [("CP110", "第4表!B4")]),
        Case("CP110", "作成日を会議の後の確定日として書く（会議 4月9日 ≦ 作成日 4月10日 ≦ 同意日 4月14日）は可",
             lambda p: setv(p.table4.held_on, dt.date(2026, 4, 9)), []),
        Case("CP110", "作成日が説明・同意日より後なら、会議の前後も含めて指摘する",
             lambda p: setv(p.table1.created_on, dt.date(2026, 4, 16)),
             [("CP110", "第4表!B4")]),
        Case("CP110", "初回作成日が作成日より後",
             lambda p: setv(p.table1.first_created_on, dt.date(2026, 5, 1)), [("CP110", "第1表!K1")]),
        Case("CP110", "同じ日付は順序どおり（同意日＝交付日＝会議日）",
             chain(lambda p: setv(p.table4.held_on, dt.date(2026, 4, 14)),
                   lambda p: setv(p.table1.consent_on, dt.date(2026, 4, 14))), []),
        Case("CP110", "空欄の日付は飛ばして前後を比べる",
             chain(lambda p: clear(p.table1.consent_on), lambda p: setv(p.table1.delivered_on, dt.date(2026, 4, 11))),
             [("CP101", "第1表!B14"), ("CP110", "第1表!H14")]),
    ]


@register
class Certification(Rule):
    code = "CP111"
    name = "認定の有効期間外の計画"
    severity = Severity.ERROR
    what = (
        "計画の作成（変更）日が認定の有効期間の終了日より後になっていないか、認定済なのに有効期間の開始日・終了日の"
        "片方しか書かれていないかを確認します。"
    )
    why = "居宅サービス計画は有効な要介護認定に基づいて作成するもので、有効期間の切れた認定による計画は給付の根拠になりません。"
    source = (
        f"{KIYO} 第1表「認定の有効期間」（被保険者証の有効期間を記載）、{KIJUN} 第13条第15号（要介護更新認定・区分変更認定を"
        "受けた場合に担当者会議で計画の変更の必要性を検討）。作成日と有効期間の関係そのものを定めた号はなく、この組合せは知識による整理です"
    )
    bad = "認定の有効期間が令和8年3月31日までなのに、作成日が令和8年4月10日（更新後の期間に書き換えていない）。"
    good = "認定の有効期間 令和8年4月1日～令和9年3月31日、作成日 令和8年4月10日。"
    hint = "認定の有効期間を最新の認定結果に合わせてください。更新申請中なら「申請中」を選んでください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        t1 = plan.table1
        if applying(plan):
            return
        per = t1.cert_period.value
        if not isinstance(per, Period) or t1.cert_period.problem:
            return  # blank: CP101, unreadable: CP102
        if per.start is None or per.end is None:
            yield self.finding(ctx, t1.cert_period.loc, "認定の有効期間の開始日または終了日が書かれていません")
            return
        created = t1.created_on.value
        if isinstance(created, dt.date) and created > per.end:
            yield self.finding(
                ctx, t1.created_on.loc,
                f"作成日（{wareki(created)}）が認定の有効期間の終了日（{wareki(per.end)}）を過ぎています",
            )

    CASES = [
        Case("CP111", "作成日が有効期間の終了後",
             lambda p: setv(p.table1.cert_period, period("2025-04-01", "2026-03-31"), "令和7年4月1日～令和8年3月31日"),
             [("CP111", "第1表!K1")]),
        Case("CP111", "終了日が書かれていない",
             lambda p: setv(p.table1.cert_period, Period(start=dt.date(2026, 4, 1)), "令和8年4月1日～"),
             [("CP111", "第1表!E7")]),
        Case("CP111", "申請中なら有効期間は問わない",
             chain(lambda p: setv(p.table1.certification_status, "申請中"),
                   lambda p: setv(p.table1.cert_period, period("2025-04-01", "2026-03-31"))), []),
        Case("CP111", "有効期間の開始前に作成（更新前の準備）は可",
             lambda p: setv(p.table1.created_on, dt.date(2026, 3, 25)), []),
    ]
