"""旭川市ケアマネジメント基本方針（令和4年5月27日）: short-term goals of at most 6 months,
and goals whose action is done by the provider (the 買物 example)."""

from __future__ import annotations

import re
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field

from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.domain.services import service_kind
from xl_careplan.rules.cases import Case, chain, period, setv, sg0
from xl_careplan.rules.common import months_text, norm, quote, text_of
from xl_careplan.rules.sources import ASAHIKAWA
from xl_careplan.values import Period



class MaxMonths(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_months: int = Field(default=6, ge=1, le=48, description="短期目標の期間の上限（月）")


@register
class ShortGoalLength(Rule):
    code = "AS201"
    name = "短期目標の期間が6か月を超える"
    severity = Severity.WARNING
    Params = MaxMonths
    what = "第2表の短期目標の（期間）が max_months（旭川市は6か月）を超えていないかを確認します。"
    why = (
        "旭川市の基本方針は、短期的・集中的な改善を目指し、利用者が意識しやすい目標とするため、可能な限り短期間"
        "（長くても最長半年）で評価と支援計画の見直しを行うとしています。"
    )
    source = f"{ASAHIKAWA}「期間について」【目的】③"
    bad = "短期目標の期間 令和8年4月15日～令和9年1月14日（9か月）。"
    good = "短期目標の期間 令和8年4月15日～令和8年10月14日（6か月）。"
    hint = "6か月で評価できる具体的な短期目標に分けてください。6か月を超える理由がある場合は「方針と異なる理由」に書いてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        limit = self.params.max_months
        for sg in plan.table2.short_goals():
            p = sg.period.value
            if not isinstance(p, Period) or sg.period.problem:
                continue
            m = p.months()
            if m is not None and m > limit + 1e-6:
                yield self.finding(ctx, sg.period.loc, f"短期目標の期間が{months_text(m)}です（上限{limit}か月）")

    CASES = [
        Case("AS201", "短期目標が9か月", lambda p: setv(sg0(p).period, period("2026-04-15", "2027-01-14")),
             [("AS201", "第2表!E6")]),
        Case("AS201", "ちょうど6か月は可", lambda p: setv(sg0(p).period, period("2026-04-01", "2026-09-30")), []),
        Case("AS201", "上限をパラメータで3か月に", None, [("AS201", "第2表!E6"), ("AS201", "第2表!E9")],
             params={"AS201": {"max_months": 3}}),
    ]


ACTIVITIES = ["買物", "調理", "掃除", "洗濯", "入浴", "ゴミ出し", "通院", "服薬", "着替え", "排泄", "食事"]
_ALIASES = {"買い物": "買物", "料理": "調理", "清掃": "掃除", "ごみ出し": "ゴミ出し"}
PROVIDER_DOES = r"代行|代わりに|代理|代わって|(を|の)?(実施|行う|済ませる)$"


def _activities(text: str) -> set[str]:
    t = norm(text)
    for a, b in _ALIASES.items():
        t = t.replace(a, b)
    return {a for a in ACTIVITIES if a in t}


@register
class ProviderDoesGoal(Rule):
    code = "AS202"
    name = "目標の生活行為をサービス提供者が行っている"
    severity = Severity.WARNING
    what = (
        "短期目標に書かれた生活行為（買物・調理・掃除など）を、その目標の下のサービス（本人・家族以外）が「代行」している組合せを探します"
        "（旭川市の例: 短期目標「栄養に留意した買物を行う」＋サービス「買物の代行支援／訪問介護」）。"
    )
    why = (
        "旭川市の基本方針は、目標とする生活行為を行っているのがサービス提供者であると、目標が達成されても同じ目標の再設定が"
        "必要になり、方針の目的（再び自分で行えるよう支援する）と乖離するとしています。"
    )
    source = f"{ASAHIKAWA}「本方針の運用により改善していきたいケアマネジメント」「本方針の解釈」（買物の例）"
    bad = "短期目標「栄養に留意した買物を行う」、サービス内容「買物の代行支援」（訪問介護）。"
    good = "短期目標「ヘルパーと一緒に近所のスーパーで買物ができる」、サービス内容「買物への同行（見守り的援助）」。"
    hint = "本人が行う生活行為を目標にし、サービスは機能の回復や移動能力の代償など本人が再び行えるための支援にしてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        for sg in plan.table2.short_goals():
            goal_acts = _activities(text_of(sg.text))
            if not goal_acts:
                continue
            for s in sg.services:
                if service_kind(s) is None:
                    continue  # 本人・家族・インフォーマル
                content = norm(text_of(s.content))
                acts = goal_acts & _activities(content)
                if acts and re.search(PROVIDER_DOES, content):
                    act = sorted(acts, key=ACTIVITIES.index)[0]
                    yield self.finding(
                        ctx, sg.text.loc,
                        f"短期目標「{quote(text_of(sg.text))}」の{act}を、サービス（{service_kind(s)}：{quote(text_of(s.content), 20)}）が代わりに行っています",
                    )
                    break

    CASES = [
        Case("AS202", "旭川市の買物の例",
             chain(lambda p: setv(sg0(p, 1).text, "栄養に留意した買物を行う"),
                   lambda p: setv(sg0(p, 1).services[0].content, "買物の代行支援")),
             [("AS202", "第2表!D9")]),
        Case("AS202", "調理の目標に調理代行（買い物・料理の表記ゆれも）",
             chain(lambda p: setv(sg0(p, 1).text, "自分で料理をして1日3食食べる"),
                   lambda p: setv(sg0(p, 1).services[0].content, "調理の代行")),
             [("AS202", "第2表!D9")]),
        Case("AS202", "同行・見守りなら可",
             chain(lambda p: setv(sg0(p, 1).text, "ヘルパーと一緒に近所のスーパーで買物ができる"),
                   lambda p: setv(sg0(p, 1).services[0].content, "買物への同行（見守り的援助）")), []),
        Case("AS202", "家族が代わりに行う行は対象外",
             chain(lambda p: setv(sg0(p, 1).text, "栄養に留意した買物を行う"),
                   lambda p: setv(sg0(p, 1).services[0].content, "買物の代行"),
                   lambda p: setv(sg0(p, 1).services[0].service_type, "家族")), []),
    ]
