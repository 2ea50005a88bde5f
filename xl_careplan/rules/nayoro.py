"""名寄市自立支援・重度化防止に向けたケアマネジメントのガイドライン（令和3年1月14日）."""

from __future__ import annotations

from typing import Iterable


from xl_careplan.checked import checked, setting
from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, chain, clear, lg0, setv
from xl_careplan.rules.common import finding_at, is_blank, quote, table1_sheet, text_of
from xl_careplan.rules.sources import NAYORO
from xl_careplan.rules.text_advice import (
    NeedCauseRule, PolicyParams, RequestRule, policy_has_life,
)
from xl_careplan.text import reading


@register
class DirectRequest(RequestRule):
    code = "NY301"
    name = "利用者の直接的な要望をそのままニーズにしている"
    severity = Severity.WARNING
    supersedes = ("TX401",)  # same cell: the municipal warning replaces the national advice
    what = (
        "ニーズ欄が「ヘルパーさんに買物や調理、掃除をお願いしたい」「友達が通っているデイサービスに通所したい」のような、"
        "利用者等の直接的な要望のままになっていないかを確認します（名寄市プロファイルでは TX401 の代わりに警告。読み方は TX401 と同じ）。"
    )
    why = (
        "名寄市のガイドラインは、利用者等の直接的な要望をケアプランに採用すると、利用者の目標や自分らしい生活の実現に"
        "そぐわないおそれがあるとし、自立支援・重度化防止に向けたストーリーを描ける話し合いを求めています。"
    )
    source = f"{NAYORO} 4(4) 利用者等へのアプローチ【ポイント】"
    bad = "ニーズ「ヘルパーさんに買物や調理、掃除をお願いしたい」"
    good = "ニーズ「腰痛で買物や調理が負担になっているが、自分で好きなものを作って食べる生活を続けたい」"
    hint = (
        "「こんな暮らしをしたい。そのために必要なサービスを使ってこう改善する」という形で書き直してください。"
        "型:「（原因）で（困りごと）があるが、（望む暮らし）をしたい」。"
    )

    def message(self, label, text, phrase):
        return f"{label}「{quote(text)}」が、利用者等の直接的な要望（「{quote(phrase, 20)}」）のままになっています"

    CASES = [
        Case("NY301", "ガイドラインの例（ヘルパーさんにお願いしたい）",
             lambda p: setv(p.table2.needs[1].text, "ヘルパーさんに買物や調理、掃除をお願いしたい"),
             [("NY301", "第2表!A9"), ("NY303", "第2表!A9")]),
        Case("NY301", "ガイドラインの例（デイサービスに通所したい）",
             lambda p: setv(p.table2.needs[0].text, "友達が通っているデイサービスに通所したい"),
             [("NY301", "第2表!A6"), ("NY303", "第2表!A6")]),
        Case("NY301", "原因が書かれていても要望の形なら警告",
             lambda p: setv(p.table2.needs[1].text, "腰痛があるので、ヘルパーに掃除をしてほしい"), [("NY301", "第2表!A9")]),
        Case("NY301", "望む暮らしの形なら可",
             lambda p: setv(p.table2.needs[1].text, "腰痛で調理が負担だが、自分で好きなものを作って食べる生活を続けたい"), []),
    ]


LONG_GOAL_LIFE = ["趣味", "楽しみ", "楽しむ", "役割", "生きがい", "生き甲斐"]


@checked
class LifeParams(PolicyParams):
    long_goal_words: list[str] = setting(factory=lambda: list(LONG_GOAL_LIFE),
                                       description="長期目標に本人の望む暮らしが書かれているとみなす語")


@register
class DesiredLife(Rule):
    code = "NY302"
    name = "本人の望む暮らし（自分らしい生活）が書かれていない"
    severity = Severity.WARNING
    Params = LifeParams
    supersedes = ("TX408",)
    what = (
        "総合的な援助の方針に本人の希望する生活・自分らしい生活（「〜を続けたい」という希望・思い・楽しみとその中身）が書かれて"
        "おらず、長期目標のどれにも（趣味・楽しみ・役割・生きがい）がないものを確認します。定型文"
        "（「自分らしい生活が送れるよう支援します」）は中身がないものとして扱います（名寄市プロファイルでは TX408 の代わりに警告）。"
    )
    why = (
        "名寄市のガイドラインは、「本人の希望する生活」の意向を踏まえてケアプランを作成し、チーム全員が計画に定めた"
        "（自分らしい生活）目標を理解して支援することを求めています。"
    )
    source = f"{NAYORO} 3（名寄市の自立の考え方）、4(1)⑤ サービスの提供【ポイント】"
    bad = "総合的な援助の方針「転倒に注意し、サービスを適切に利用できるよう支援します。」で、長期目標も「転倒しない」だけ。"
    good = "総合的な援助の方針「住み慣れた自宅で、畑仕事を続けたいというご本人の希望を大切に…」"
    hint = "本人がどのような暮らしを望んでいるか（大切にしたいこと、続けたいこと）を総合的な援助の方針に書いてください。型:「（〜を続けたい）というご本人の希望を大切に、（課題）に（サービス）で（どう）支える」。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        policy = plan.table1.overall_policy
        if is_blank(policy):
            return  # CP101
        if policy_has_life(text_of(policy), self.params):
            return
        lw = self.params.ws("long_goal_words")
        if any(reading.mentions(text_of(lg.text), lw) for lg in plan.table2.long_goals()):
            return
        yield finding_at(
            self, ctx, policy, table1_sheet(plan),
            f"総合的な援助の方針「{quote(text_of(policy))}」と長期目標に、本人の望む暮らし（自分らしい生活）が書かれていません",
        )

    CASES = [
        Case("NY302", "方針も長期目標も望む暮らしに触れていない",
             chain(lambda p: setv(p.table1.overall_policy, "転倒に注意し、サービスを適切に利用できるよう支援します。緊急時は長女に連絡します。"),
                   lambda p: setv(lg0(p).text, "転倒しない"), lambda p: setv(lg0(p, 1).text, "栄養状態が改善する")),
             [("NY302", "第1表!B11")]),
        Case("NY302", "定型文も望む暮らしの中身がない",
             lambda p: setv(p.table1.overall_policy, "自分らしい生活が送れるよう支援します。"), [("NY302", "第1表!B11")]),
        Case("NY302", "長期目標に書かれていれば可",
             chain(lambda p: setv(p.table1.overall_policy, "転倒に注意し、サービスを適切に利用できるよう支援します。"),
                   lambda p: setv(lg0(p).text, "趣味の畑仕事を続けられる")), []),
        Case("NY302", "方針が空欄なら CP101 に任せる", lambda p: clear(p.table1.overall_policy), []),
    ]


@register
class NeedWithoutCause(NeedCauseRule):
    code = "NY303"
    name = "ニーズに理由・原因が書かれていない"
    severity = Severity.WARNING
    what = (
        "ニーズ欄に、その課題が生じている理由・原因（心身の状態・病気・環境: 「膝の痛みで」「一人暮らしのため」「筋力が低下し」）"
        "が書かれているかを確認します。「これから」の「から」のような理由でない語は理由とみなしません（形態素解析で読みます）。"
    )
    why = (
        "名寄市のガイドラインは、本人の希望する生活を阻害する要因（個人・環境）の抽出を含めたアセスメントに基づき、"
        "サービス導入の根拠を明確にしたプランニングを求めています。"
    )
    source = f"{NAYORO} 4（自立支援・重度化防止に向けて）、4(1)② ケアプラン原案の作成【ポイント】"
    bad = "ニーズ「買物に行きたい」"
    good = "ニーズ「膝の痛みで長く歩けず買物に行けなくなっているが、自分で買物に行けるようになりたい」"
    hint = "課題が生じている原因（心身の状態・環境）をアセスメントの結果から書き添えてください。型:「（原因）で（困りごと）があるが、（望む暮らし）をしたい」。"

    CASES = [
        Case("NY303", "買物に行きたい", lambda p: setv(p.table2.needs[0].text, "買物に行きたい"), [("NY303", "第2表!A6")]),
        Case("NY303", "欠けているもの（…がないが、）は次に言う望みを妨げる状況",
             lambda p: setv(p.table2.needs[0].text, "日中に話す相手がないが、近所の人と茶話会を開きたい"), []),
        Case("NY303", "清潔に暮らしたい", lambda p: setv(p.table2.needs[1].text, "清潔な部屋で暮らしたい"), [("NY303", "第2表!A9")]),
        Case("NY303", "状態の名詞（しびれ）を動詞で書いても原因（しびれるが）",
             lambda p: setv(p.table2.needs[0].text, "少し歩くとしびれるが、近くの公園までは散歩したい"), []),
        Case("NY303", "病名の語尾が接尾辞に分かれても病名（脊柱管狭窄｜症）",
             lambda p: setv(p.table2.needs[0].text, "脊柱管狭窄症があるが、畑に出て野菜を育てたい"), []),
        Case("NY303", "状態の語で終わる複合語も状態（切迫性尿失禁）",
             lambda p: setv(p.table2.needs[0].text, "切迫性尿失禁があるが、月に一度の句会には出たい"), []),
        Case("NY303", "避けたい状態（転倒しないよう）は原因ではない",
             lambda p: setv(p.table2.needs[1].text, "転倒しないよう、毎日体操を続けたい"), [("NY303", "第2表!A9")]),
        Case("NY303", "避けたい状態が主語でも原因ではない（むくみが出ないよう）",
             lambda p: setv(p.table2.needs[1].text, "むくみが出ないよう、毎日足の体操を続けたい"), [("NY303", "第2表!A9")]),
        Case("NY303", "「これから」は理由ではない", lambda p: setv(p.table2.needs[1].text, "これからも畑仕事を続けたい"),
             [("NY303", "第2表!A9")]),
        Case("NY303", "問題だけの一文（状態の語は原因ではない）", lambda p: setv(p.table2.needs[0].text, "転倒のおそれ"),
             [("NY303", "第2表!A6")]),
        Case("NY303", "「〜できず、」は理由", lambda p: setv(p.table2.needs[0].text, "雪かきができず、冬は週１回も外に出られない"), []),
        Case("NY303", "前の文が後の難しさを説明していれば可",
             lambda p: setv(p.table2.needs[0].text, "夫を介護しており、自分の受診の時間が取れないが、夫と家で暮らしたい"), []),
        Case("NY303", "場所の「で」（家の中で）は理由ではない：問題だけの一文",
             lambda p: setv(p.table2.needs[1].text, "家の中で転ぶことが多い"), [("NY303", "第2表!A9")]),
        Case("NY303", "医療処置を要する状態（胃ろう）は原因",
             lambda p: setv(p.table2.needs[0].text, "胃ろうで口から食べられないが、好きなプリンの味を楽しみたい"), []),
        Case("NY303", "原因があれば可", lambda p: setv(p.table2.needs[0].text, "足腰が弱って買物に行けなくなっている"), []),
        Case("NY303", "環境の原因も可", lambda p: setv(p.table2.needs[0].text, "長男夫婦が共働きで日中一人になるため、昼食を自分で温めて食べたい"), []),
        Case("NY303", "形容詞の…くが次の節の原因（雪が深く冬は外出が大変）",
             lambda p: setv(p.table2.needs[0].text, "雪が深く冬は外出が大変だが、週１回は自分で店に行きたい"), []),
    ]
