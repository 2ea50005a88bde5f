"""Which plan this is: a 要支援 (介護予防) plan written on the 居宅サービス計画書 form — advice about the form; the plan is
still checked, the rules that differ for 介護予防支援 knowing it (CP170 3-monthly visits, CP142 no 告示 count)."""

from __future__ import annotations

from typing import Iterable

from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, setv
from xl_careplan.rules.sources import KIYO, YOBOU, YOBOU_FORM
from xl_careplan.values import CareLevel


@register
class SupportPlanOnCareForm(Rule):
    code = "CP103"
    name = "要支援の計画が居宅サービス計画書の様式で書かれている"
    severity = Severity.INFO
    what = (
        "第1表の要介護状態区分が要支援1・要支援2・事業対象者と読めた計画に、介護予防の計画を居宅サービス計画書の様式で書いている"
        "ことを助言として伝えます。点検はそのまま行い、予防基準で異なる点はそれぞれのルールが扱います（CP170: 居宅訪問は3か月に1回、"
        "CP142: 告示の回数は要介護のみ）。"
    )
    why = (
        "要支援者の計画は指定介護予防支援として作成します。予防基準 第30条は、アセスメント・担当者会議・説明と同意・交付・"
        "モニタリング（3月に1回の居宅訪問）・評価など、運営基準 第13条とほぼ同じ手順を定めています。介護予防サービス・支援計画書は"
        "「様式例」で、居宅サービス計画書の様式で書いたこと自体は基準違反ではありません（なので助言）。ただし様式例の項目"
        "（目標とする生活、総合的課題、本人等のセルフケアや家族の支援 など）は居宅の様式にないので、その点を確かめてください。"
    )
    source = (f"{YOBOU} 第30条、{YOBOU_FORM}（様式例。通知番号は知識による）、{KIYO}（居宅サービス計画書は要介護者の計画）。"
              "以前は誤りとして他の点検を止めていましたが、予防基準の手順が第13条と同じで、止めると3か月を超えて訪問のない要支援の計画"
              "なども見逃すため、助言に改めました")
    bad = "居宅サービス計画書（第1表）の要介護状態区分が「要支援2」（助言。ほかの点検は通常どおり）。"
    good = "要介護1～5の計画を居宅サービス計画書で、要支援の計画を介護予防サービス・支援計画書で作成する。"
    hint = ("介護予防サービス・支援計画書（様式例）の項目（目標とする生活、総合的課題、セルフケア・家族の支援・インフォーマルサービス）が"
            "居宅の様式で足りているか確かめてください。要介護度の読み違いなら第1表の要介護状態区分を直してください。")

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        v = plan.table1.care_level
        if isinstance(v.value, CareLevel) and v.value.is_support and not v.problem and v.loc is not None:
            yield self.finding(ctx, v.loc, f"{v.value.value}の計画が居宅サービス計画書の様式で書かれています（介護予防サービス・"
                                           "支援計画書が様式例です）。点検は予防基準の違い（3か月に1回の居宅訪問など）を踏まえて行いました")

    CASES = [
        Case("CP103", "要支援2の計画", lambda p: setv(p.table1.care_level, CareLevel.SHIEN2, "要支援2"), [("CP103", "第1表!B8")]),
        Case("CP103", "事業対象者の計画", lambda p: setv(p.table1.care_level, CareLevel.JIGYO, "事業対象者"), [("CP103", "第1表!B8")]),
        Case("CP103", "要介護1は居宅サービス計画", lambda p: setv(p.table1.care_level, CareLevel.KAIGO1, "要介護1"), []),
    ]
