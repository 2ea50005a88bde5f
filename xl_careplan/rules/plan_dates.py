"""第1表 and アセスメント dates that must fit the plan: 交付日, 認定日, 初回・紹介・継続, the assessment before the plan."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, chain, clear, setv
from xl_careplan.rules.common import applying, is_blank, norm, text_of, wareki
from xl_careplan.rules.sources import KIJUN, KIYO
from xl_careplan.values import Period


def _date(v) -> dt.date | None:
    return v.value if isinstance(v.value, dt.date) and not v.problem else None


@register
class NotDelivered(Rule):
    code = "CP112"
    name = "交付日が空欄"
    severity = Severity.ERROR
    what = "第1表の「交付日」の欄が見つかっているのに空欄でないかを確認します（欄が見つからない様式では点検しません）。"
    why = "運営基準は、居宅サービス計画を作成した際には、利用者及び担当者に交付しなければならないと定めています。交付日が空欄では交付したことを確認できません。"
    source = f"{KIJUN} 第13条第11号（居宅サービス計画の交付）（号番号は知識による）"
    bad = "説明・同意日 令和8年4月14日、交付日が空欄。"
    good = "交付日 令和8年4月14日（説明・同意の日に交付）。"
    hint = "利用者と各サービスの担当者に計画を交付した日を記入してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        v = plan.table1.delivered_on
        if v.loc is not None and is_blank(v) and not v.problem:
            yield self.finding(ctx, v.loc, "第1表の交付日が空欄です（計画を利用者と担当者に交付した日を記入してください）")

    CASES = [
        Case("CP112", "交付日が空欄", lambda p: clear(p.table1.delivered_on), [("CP112", "第1表!H14")]),
        Case("CP112", "交付日の欄がない様式では点検しない",
             lambda p: setattr(p.table1, "delivered_on", type(p.table1.delivered_on)()), []),
        Case("CP112", "交付日があれば可", None, []),
    ]


@register
class CertifiedAfterPlan(Rule):
    code = "CP113"
    name = "認定日が作成日より後"
    severity = Severity.ERROR
    what = (
        "認定済の計画で、第1表の「認定日」が「居宅サービス計画作成（変更）日」より後になっていないかを確認します。"
        "認定日が認定の有効期間の開始日と同じ日のものは問いません（記載要領は認定日を「認定の始期」とするため、更新の結果を受けて"
        "新しい有効期間の始まる前に作った計画では、認定日が作成日より後になります）。"
    )
    why = (
        "認定済の計画は認定の結果（要介護状態区分・有効期間・審査会の意見）を踏まえて作成するもので、認定日より前に作成した"
        "計画は、結果が出る前の暫定の計画（「申請中」）か、日付の誤りです。ただし記載要領の認定日は認定の始期なので、始期と同じ"
        "認定日からは、結果が出た日は分かりません。"
    )
    source = (
        f"{KIYO} 第1表「認定日」（「要介護状態区分」が認定された日（認定の始期であり、初回申請者であれば申請日）を記載、"
        "申請中は申請日。文言は知識による）「認定済・申請中」「居宅サービス計画作成（変更）日」"
    )
    bad = "認定済、認定日 令和8年4月20日、作成日 令和8年4月10日。"
    good = "認定日 令和8年3月25日、作成日 令和8年4月10日（結果が出る前なら「申請中」）。"
    hint = "日付を確かめてください。認定の結果が出る前に作成した計画なら「申請中」とし、結果が出たら計画を見直してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        t1 = plan.table1
        if applying(plan):
            return
        cert, made = _date(t1.certified_on), _date(t1.created_on)
        period = t1.cert_period.value
        if isinstance(period, Period) and not t1.cert_period.problem and period.start == cert:
            return  # 認定日 = 認定の始期 (記載要領): a renewal plan made before the new period begins
        if cert and made and cert > made:
            yield self.finding(ctx, t1.certified_on.loc,
                               f"認定日（{wareki(cert)}）が計画の作成日（{wareki(made)}）より後です")

    CASES = [
        Case("CP113", "認定日が作成日より後", lambda p: setv(p.table1.certified_on, dt.date(2026, 4, 20)),
             [("CP113", "第1表!B7")]),
        Case("CP113", "申請中なら問わない",
             chain(lambda p: setv(p.table1.certified_on, dt.date(2026, 4, 20)),
                   lambda p: setv(p.table1.certification_status, "申請中")), []),
        Case("CP113", "認定日が作成日と同じ日は可", lambda p: setv(p.table1.certified_on, dt.date(2026, 4, 10)), []),
        Case("CP113", "更新: 認定日が有効期間の始期（4月1日）で、計画は始期の前（3月25日）に作成",
             chain(lambda p: setv(p.table1.certified_on, dt.date(2026, 4, 1)),
                   lambda p: setv(p.table1.created_on, dt.date(2026, 3, 25)),
                   lambda p: setv(p.assessment.assessed_on, dt.date(2026, 3, 20))), []),
        Case("CP113", "始期と違う認定日（4月20日）が作成日より後なら指摘",
             chain(lambda p: setv(p.table1.certified_on, dt.date(2026, 4, 20)),
                   lambda p: setv(p.table1.created_on, dt.date(2026, 3, 25)),
                   lambda p: setv(p.assessment.assessed_on, dt.date(2026, 3, 20))), [("CP113", "第1表!B7")]),
    ]


@register
class PlanKind(Rule):
    code = "CP114"
    name = "初回・紹介・継続と初回作成日が合わない"
    severity = Severity.ERROR
    what = (
        "第1表の「初回・紹介・継続」と「初回居宅サービス計画作成日」が合っているかを確認します。「初回」なのに初回作成日が"
        "今回の作成日より前、または「継続」なのに初回作成日が今回の作成日と同じ日のものを指摘します（「紹介」は問いません）。"
    )
    why = (
        "記載要領は「初回」を当該事業所で初めて居宅介護支援を受ける場合、「継続」をそれ以外の場合とし、初回居宅サービス計画"
        "作成日には当該事業所で初めて計画を作成した日を記載するとしています。両者が食い違うと、どちらかが誤っています。"
    )
    source = f"{KIYO} 第1表 ⑦「初回居宅サービス計画作成日」（当該事業所で当該利用者の計画を初めて作成した日）・⑧「初回・紹介・継続」（⑧の文言は知識による）"
    bad = "「初回」に○、初回作成日 令和6年4月10日、作成日 令和8年4月10日。"
    good = "「継続」に○、初回作成日 令和6年4月10日、作成日 令和8年4月10日。"
    hint = "2回目以降の計画は「継続」に、その事業所で最初の計画なら「初回」にし、初回作成日を確かめてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        t1 = plan.table1
        kind = norm(text_of(t1.plan_kind))
        first, made = _date(t1.first_created_on), _date(t1.created_on)
        if t1.plan_kind.problem or not first or not made or kind not in ("初回", "継続"):
            return
        if kind == "初回" and first < made:
            yield self.finding(ctx, t1.plan_kind.loc or t1.first_created_on.loc,
                               f"「初回」ですが、初回居宅サービス計画作成日（{wareki(first)}）が今回の作成日（{wareki(made)}）より前です")
        elif kind == "継続" and first == made:
            yield self.finding(ctx, t1.plan_kind.loc or t1.first_created_on.loc,
                               f"「継続」ですが、初回居宅サービス計画作成日が今回の作成日（{wareki(made)}）と同じです")

    CASES = [
        Case("CP114", "初回なのに初回作成日が2年前", lambda p: setv(p.table1.plan_kind, "初回"), [("CP114", "第1表!B3")]),
        Case("CP114", "継続なのに初回作成日が今回と同じ",
             lambda p: setv(p.table1.first_created_on, dt.date(2026, 4, 10)), [("CP114", "第1表!B3")]),
        Case("CP114", "初回で初回作成日が今回と同じなら可",
             chain(lambda p: setv(p.table1.plan_kind, "初回"), lambda p: setv(p.table1.first_created_on, dt.date(2026, 4, 10))), []),
        Case("CP114", "紹介は問わない", lambda p: setv(p.table1.plan_kind, "紹介"), []),
    ]


@register
class AssessmentAfterPlan(Rule):
    code = "CP115"
    name = "アセスメントが計画の作成日より後"
    severity = Severity.ERROR
    what = "アセスメントの実施日が、第1表の居宅サービス計画作成（変更）日より後になっていないかを確認します。"
    why = (
        "運営基準は、利用者の居宅を訪問して行う課題分析（アセスメント）で把握した解決すべき課題に基づいて計画の原案を作成する"
        "よう定めています。計画の後のアセスメントは、その計画の根拠になりません。"
    )
    source = f"{KIJUN} 第13条第6号（課題分析）・第7号（居宅訪問・面接）・第8号（原案の作成）"
    bad = "アセスメント実施日 令和8年4月12日、計画作成日 令和8年4月10日。"
    good = "アセスメント実施日 令和8年4月5日、計画作成日 令和8年4月10日。"
    hint = "日付を確かめてください。計画の後に行ったアセスメントなら、その結果で計画を見直してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        a = plan.assessment
        if a is None:
            return
        done, made = _date(a.assessed_on), _date(plan.table1.created_on)
        if done and made and done > made:
            yield self.finding(ctx, a.assessed_on.loc,
                               f"アセスメントの実施日（{wareki(done)}）が計画の作成日（{wareki(made)}）より後です")

    CASES = [
        Case("CP115", "アセスメントが作成日の2日後", lambda p: setv(p.assessment.assessed_on, dt.date(2026, 4, 12)),
             [("CP115", "アセスメント!E2")]),
        Case("CP115", "同じ日は可", lambda p: setv(p.assessment.assessed_on, dt.date(2026, 4, 10)), []),
        Case("CP115", "アセスメントのシートがなければ点検しない", lambda p: setattr(p, "assessment", None), []),
    ]
