"""旭川市ケアマネジメント基本方針（令和4年5月27日）: short-term goals of at most 6 months, goals whose action
is done by the provider (the 買物 example), and a 課題分析 that says why (「なぜ買物ができないのか」)."""

from __future__ import annotations

from typing import Iterable


from xl_careplan.checked import checked, setting
from xl_careplan.domain.services import service_kind
from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, chain, period, setv, sg0
from xl_careplan.rules.common import WHOLE_MONTH_SLACK, months_text, quote, text_of
from xl_careplan.rules.sources import ASAHIKAWA, NAYORO
from xl_careplan.rules.text_advice import NeedCauseRule
from xl_careplan.text import lexicon as lex
from xl_careplan.text import reading
from xl_careplan.text.lexicon import words
from xl_careplan.values import Period


@checked
class MaxMonths:
    max_months: int = setting(6, ge=1, le=48, description="短期目標の期間の上限（月）")


@register
class ShortGoalLength(Rule):
    code = "AS201"
    name = "短期目標の期間が6か月を超える"
    severity = Severity.WARNING
    Params = MaxMonths
    what = ("第2表の短期目標の（期間）が max_months（旭川市は6か月）を超えていないかを確認します。月末から月末まで"
            "（4月30日～10月31日）のように、暦の上で1日ほど長いだけの期間はその月数とみなします。")
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
            if m is not None and m > limit + WHOLE_MONTH_SLACK:  # month end to month end is whole months
                yield self.finding(ctx, sg.period.loc, f"短期目標の期間が{months_text(m)}です（上限{limit}か月）")

    CASES = [
        Case("AS201", "短期目標が9か月", lambda p: setv(sg0(p).period, period("2026-04-15", "2027-01-14")),
             [("AS201", "第2表!E6")]),
        Case("AS201", "ちょうど6か月は可", lambda p: setv(sg0(p).period, period("2026-04-01", "2026-09-30")), []),
        Case("AS201", "月末から月末（4月30日～10月31日）は6か月と書いた期間: 可",
             lambda p: setv(sg0(p).period, period("2026-04-30", "2026-10-31")), []),
        Case("AS201", "6か月を数日でも超えれば指摘（4月15日～10月20日）",
             lambda p: setv(sg0(p).period, period("2026-04-15", "2026-10-20")), [("AS201", "第2表!E6")]),
        Case("AS201", "上限をパラメータで3か月に", None, [("AS201", "第2表!E6"), ("AS201", "第2表!E9")],
             params={"AS201": {"max_months": 3}}),
    ]


@checked
class ActivityParams:
    activities: dict[str, list[str]] = setting(factory=lambda: {k: list(v) for k, v in lex.ACTIVITIES.items()},
                                             description="生活援助の行為と、それを表す語")
    instead: list[str] = setting(factory=lambda: ["代行", "代わり", "代理", "代わる"], description="代わりに行うことを表す語")
    joint: list[str] = setting(factory=lambda: list(lex.JOINT), description="本人と一緒に行う援助を表す語")
    limiters: list[str] = setting(factory=lambda: list(lex.LIMITERS), description="援助を一部に限る語")
    partial: list[str] = setting(factory=lambda: list(lex.PARTIAL_OBJECTS),
                               description="援助を本人が運べない・届かない物に限る語（重い物 等）")
    physical: list[str] = setting(factory=lambda: ["介助", "身体介護"], description="身体介護（代行ではない）を表す語")
    self_words: list[str] = setting(factory=lambda: list(lex.SELF),
                                    description="本人が行う部分を表す語（「干す・取り込むは本人」）")


@register
class ProviderDoesGoal(Rule):
    code = "AS202"
    name = "目標の生活行為をサービス提供者が行っている"
    severity = Severity.WARNING
    Params = ActivityParams
    what = (
        "短期目標に書かれた本人の生活行為（買物・調理・掃除・洗濯・ゴミ出し）を、その目標の下のサービス（本人・家族以外）が"
        "行っている組合せを探します。「買物の代行支援」のような代行だけでなく、「調理」「居室の掃除」のような体言止めの生活援助も"
        "対象です（旭川市の例: 短期目標「栄養に留意した買物を行う」＋サービス「買物の代行支援／訪問介護」）。"
        "同じ目標の下に一緒に行う援助（同行・見守り・声かけ）があるもの、目標自体が一緒に行う形のもの、目標が本人の行う部分を"
        "限っているもの（「調理の一部を自分で行える」）、援助が一部に限られるもの（「重い物の買物のみ」）は対象外です。"
        "名寄市プロファイルでも使います。"
    )
    why = (
        "旭川市の基本方針は、目標とする生活行為を行っているのがサービス提供者であると、目標が達成されても同じ目標の再設定が"
        "必要になり、方針の目的（再び自分で行えるよう支援する）と乖離するとしています。名寄市のガイドラインも、サービスの"
        "提供において「自分でできること」を大切にし、適正な介護量を見定めることを求めています。"
    )
    source = (
        f"{ASAHIKAWA}「本方針の運用により改善していきたいケアマネジメント」「本方針の解釈」（買物の例）、"
        f"{NAYORO} 4(1)⑤ サービスの提供【ポイント】（「自分でできること」を大切に）"
    )
    bad = "短期目標「栄養に留意した買物を行う」、サービス内容「買物の代行支援」（訪問介護）。短期目標「自分で簡単な料理を作って食べられる」、サービス内容「調理」（訪問介護）。"
    good = "短期目標「ヘルパーと一緒に近所のスーパーで買物ができる」、サービス内容「買物への同行（見守り的援助）」。"
    hint = (
        "本人が行う生活行為を目標にし、サービスは本人が再び行えるための支援にしてください。型: サービス内容「（行為）の同行・"
        "見守り・声かけ」「（本人にできない部分: 重い物の運搬 等）のみ」。代行が必要な理由がある場合は「方針と異なる理由」に書いてください。"
    )

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        p = self.params
        acts = {name: words(ws) for name, ws in p.activities.items()}
        joint, limiters, instead, physical = words(p.joint), words(p.limiters), words(p.instead), words(p.physical)
        partial, selfw = words(p.partial), words(p.self_words)
        for sg in plan.table2.short_goals():
            goal = text_of(sg.text)
            goal_acts = reading.activities(goal, acts)
            if not goal_acts or reading.mentions(goal, joint) or reading.mentions(goal, limiters):
                continue  # done together, or the user takes a part on purpose (調理の一部を自分で行える)
            provided = [s for s in sg.services if service_kind(s) is not None]  # not 本人・家族・インフォーマル
            shared = set()  # activities some row of this goal does with the user
            for s in sg.services:
                c = text_of(s.content)
                if reading.mentions(c, joint):
                    shared |= reading.activities(c, acts)
            for s in provided:
                content = text_of(s.content)
                explicit = reading.mentions(content, instead)
                # an explicit 代行 counts even beside a row done together; a bare 「調理」 does not
                done = (goal_acts & reading.activities(content, acts)) - (set() if explicit else shared)
                if not done or reading.mentions(content, limiters) or reading.mentions(content, joint) \
                        or reading.mentions(content, partial) or reading.mentions(content, selfw):
                    # …（干す・取り込むは本人）: the row says which part the person does
                    continue
                if reading.mentions(content, physical) and not explicit:
                    continue  # 介助 is help with the act, not doing it instead
                act = sorted(done, key=list(p.activities).index)[0]
                yield self.finding(
                    ctx, sg.text.loc,
                    f"短期目標「{quote(goal)}」の{act}を、サービス（{service_kind(s)}：{quote(content, 20)}）が本人に代わって行っています",
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
        Case("AS202", "体言止めの生活援助（調理）",
             chain(lambda p: setv(sg0(p, 1).text, "自分で簡単な料理を作って食べられる"),
                   lambda p: setv(sg0(p, 1).services[0].content, "調理"),
                   lambda p: sg0(p, 1).services.pop(1)),
             [("AS202", "第2表!D9")]),
        Case("AS202", "体言止めの生活援助（居室の掃除）",
             chain(lambda p: setv(sg0(p, 1).text, "自分で部屋の掃除を続けられる"),
                   lambda p: setv(sg0(p, 1).services[0].content, "居室の掃除"),
                   lambda p: sg0(p, 1).services.pop(1)),
             [("AS202", "第2表!D9")]),
        Case("AS202", "同じ目標の下で一緒に調理する援助があれば可（基本の計画）", None, []),
        Case("AS202", "同行・見守りなら可",
             chain(lambda p: setv(sg0(p, 1).text, "ヘルパーと一緒に近所のスーパーで買物ができる"),
                   lambda p: setv(sg0(p, 1).services[0].content, "買物への同行（見守り的援助）")), []),
        Case("AS202", "一部に限った代行は可",
             chain(lambda p: setv(sg0(p, 1).text, "近所の店で自分で買物ができる"),
                   lambda p: setv(sg0(p, 1).services[0].content, "重い物（米・飲料）の買物のみ代行")), []),
        Case("AS202", "老計第10号の他の生活援助（ベッドメイク）",
             chain(lambda p: setv(sg0(p, 1).text, "自分でベッドのシーツ交換ができる"),
                   lambda p: setv(sg0(p, 1).services[0].content, "シーツ交換・布団干し"),
                   lambda p: sg0(p, 1).services.pop(1)),
             [("AS202", "第2表!D9")]),
        Case("AS202", "本人が運べない物に限った代行は可",
             chain(lambda p: setv(sg0(p, 1).text, "近所の店で自分で買物ができる"),
                   lambda p: setv(sg0(p, 1).services[0].content, "灯油など重い物の買物代行")), []),
        Case("AS202", "目標が本人の行う部分を限っていれば可",
             chain(lambda p: setv(sg0(p, 1).text, "椅子に座って野菜を切るなど調理の一部を自分で行える"),
                   lambda p: setv(sg0(p, 1).services[0].content, "掃除・調理（生活援助）"),
                   lambda p: sg0(p, 1).services.pop(1)), []),
        Case("AS202", "目標と違う行為は可",
             chain(lambda p: setv(sg0(p, 1).text, "自分で洗濯物をたためる"),
                   lambda p: setv(sg0(p, 1).services[0].content, "浴室の掃除"),
                   lambda p: sg0(p, 1).services.pop(1)), []),
        Case("AS202", "本人の行う部分を書いた援助は可（干す・取り込むは本人）",
             chain(lambda p: setv(sg0(p, 1).text, "洗濯物を自分で干してたためる"),
                   lambda p: setv(sg0(p, 1).services[0].content, "洗濯（干す・取り込むは本人）"),
                   lambda p: sg0(p, 1).services.pop(1)), []),
        Case("AS202", "家族が代わりに行う行は対象外",
             chain(lambda p: setv(sg0(p, 1).text, "栄養に留意した買物を行う"),
                   lambda p: setv(sg0(p, 1).services[0].content, "買物の代行"),
                   lambda p: setv(sg0(p, 1).services[0].service_type, "家族")), []),
    ]


@register
class NeedWithoutWhy(NeedCauseRule):
    code = "AS203"
    name = "課題分析に「なぜ」（原因）が書かれていない"
    severity = Severity.WARNING
    what = (
        "ニーズ（課題分析の結果）に、その生活行為がなぜできないのか（心身の状態・病気・環境: 「足腰が弱ってきたことにより」"
        "「膝の痛みで」「一人暮らしのため」）が書かれているかを確認します（読み方は NY303 と同じ）。"
    )
    why = (
        "旭川市の基本方針は、具体的な目標設定のために生活課題を明確にする課題分析を求め、その例として「なぜ足腰は弱ってきたのか」"
        "「なぜ買物ができないのか」を問うています。原因が書かれていないと、6か月で評価できる具体的な目標が立てられません。"
    )
    source = f"{ASAHIKAWA}「（アセスメント）・課題分析」（なぜ買物ができないのか）、「多く寄せられている意見」②（生活課題を明確にする課題分析）"
    bad = "ニーズ「買物に行きたい」"
    good = "ニーズ「足腰が弱ってきたことにより、買物が困難になっている。買物を行い、健康に留意した食生活を送る必要がある」"
    hint = "なぜその生活行為が難しいのか（心身の状態・病気・環境）をアセスメントから書いてください。型:「（原因）により（生活行為）が困難になっている。（望む暮らし）のために（何を）する必要がある」。"

    CASES = [
        Case("AS203", "原因のないニーズ", lambda p: setv(p.table2.needs[0].text, "自宅で暮らし続けたい"), [("AS203", "第2表!A6")]),
        Case("AS203", "「これから」は理由ではない", lambda p: setv(p.table2.needs[1].text, "これからも自分で買物に行きたい"),
             [("AS203", "第2表!A9")]),
        Case("AS203", "問題だけの一文", lambda p: setv(p.table2.needs[0].text, "体重が減ってきている"), [("AS203", "第2表!A6")]),
        Case("AS203", "「〜てから」は理由", lambda p: setv(p.table2.needs[0].text, "娘が嫁いでから食事が偏りがちだが、三食きちんと食べたい"), []),
        Case("AS203", "旭川市の課題分析の例は可",
             lambda p: setv(p.table2.needs[0].text, "足腰が弱ってきたことにより、買物が困難になっている。買物を行い、健康に留意した食生活を送る必要がある"), []),
    ]
