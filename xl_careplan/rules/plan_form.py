"""Which plan this is: a 要支援 (介護予防) plan written on the 居宅サービス計画書 form is not checked as a 居宅 plan."""

from __future__ import annotations

from typing import ClassVar, Iterable

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
    severity = Severity.ERROR
    # when this rule speaks, the 居宅 rules (運営基準 第13条 …) do not apply: the engine keeps only this finding
    # and the reading notes
    exclusive: ClassVar[bool] = True
    what = (
        "第1表の要介護状態区分が要支援1・要支援2・事業対象者と読めた計画を、居宅サービス計画書の様式で書かれた介護予防の計画として"
        "そのことだけを報告し、居宅サービス計画としての点検（CP・TX・市のルール）はしません。"
    )
    why = (
        "要支援者の計画は指定介護予防支援として、介護予防サービス・支援計画書の様式で作成し、予防基準に沿って点検するものです。"
        "居宅サービス計画の基準（運営基準 第13条）で点検すると、当てはまらない指摘が並びます。"
    )
    source = f"{YOBOU} 第30条、{YOBOU_FORM}（通知番号は知識による）、{KIYO}（居宅サービス計画書は要介護者の計画）"
    bad = "居宅サービス計画書（第1表）の要介護状態区分が「要支援2」。"
    good = "要支援2の計画は介護予防サービス・支援計画書で作成する（この点検の対象外）。要介護1～5の計画は居宅サービス計画書で。"
    hint = "要支援の方の計画は介護予防サービス・支援計画書の様式で作成してください。要介護度の読み違いなら第1表の要介護状態区分を直してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        v = plan.table1.care_level
        if isinstance(v.value, CareLevel) and v.value.is_support and not v.problem and v.loc is not None:
            yield self.finding(ctx, v.loc, f"{v.value.value}の計画です。介護予防サービス・支援計画書で作成するもので、"
                                           "居宅サービス計画書としての点検はしていません")

    CASES = [
        Case("CP103", "要支援2の計画", lambda p: setv(p.table1.care_level, CareLevel.SHIEN2, "要支援2"), [("CP103", "第1表!B8")]),
        Case("CP103", "事業対象者の計画", lambda p: setv(p.table1.care_level, CareLevel.JIGYO, "事業対象者"), [("CP103", "第1表!B8")]),
        Case("CP103", "要介護1は居宅サービス計画", lambda p: setv(p.table1.care_level, CareLevel.KAIGO1, "要介護1"), []),
    ]
