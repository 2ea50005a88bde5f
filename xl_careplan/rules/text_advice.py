"""Advice on wording (助言, info): curated regular expressions over NFKC-normalised text (see textmatch)."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from xl_careplan.domain.services import norm
from xl_careplan.findings import Severity
from xl_careplan.rules.base import register
from xl_careplan.rules.cases import Case, lg0, setv, sg0
from xl_careplan.rules.common import RegexList, quote
from xl_careplan.rules.sources import ASAHIKAWA, KIYO, NAYORO
from xl_careplan.rules.textmatch import REQUEST_PATTERNS, SERVICE_WORDS, TextRule, compiled, goals, matches, needs
from xl_careplan.rules.textmatch import patterns_params as _params

SERVICE_GOAL_PATTERNS = [
    r"デイ(サービス|ケア)?(に|へ)(通う|通える|通所|行く|行ける|参加)",
    rf"({SERVICE_WORDS}|サービス)を(利用|使う|使える|受ける|受けられる|継続)",
    r"(通所|デイ|ショート|ショートステイ)(を)?(利用|継続)",
    r"サービス(が|を)受けられる",
]

PROVIDER_PATTERNS = [
    r"(て|で)もら(う|い|え)",
    r"(介助|介護|援助|支援|手伝い)を受け",
    r"代行|代わりに|代理",
    r"(て|で)いただ(く|き|け)",
]
VAGUE_WORDS = [r"安心して", r"楽しく", r"穏やかに", r"健やかに", r"元気に", r"快適に", r"不安なく", r"その人らしく", r"自分らしく", r"安全に", r"充実した", r"いきいきと", r"生き生きと"]
CONCRETE = (
    r"\d|[一二三四五六七八九十百]+(回|分|歩|km|m|メートル|か月|ヶ月|日|kg)|毎日|毎朝|毎晩|毎週|週|"
    r"歩|買物|買い物|調理|料理|掃除|洗濯|入浴|風呂|食べ|食事|排泄|トイレ|着替|立ち上が|散歩|外出|通院|服薬|体操|運動|"
    r"参加|作る|作れ|出かけ|行く|行け|通う|通え|続け|座っ|起き|寝返|移乗|移動|会話|電話|手紙|畑|趣味"
)

_CONCRETE_RE = re.compile(CONCRETE)


def vague(text: str, words: list[str] | None = None) -> str | None:
    t = norm(text)
    for rx in compiled(words or VAGUE_WORDS):
        m = rx.search(t)
        if m:
            rest = t[: m.start()] + t[m.end():]
            if not _CONCRETE_RE.search(rest):
                return m.group(0)
    return None


@register
class RequestAsNeed(TextRule):
    code = "TX401"
    name = "要望がニーズとして書かれている"
    severity = Severity.INFO
    Params = _params(REQUEST_PATTERNS)
    what = "ニーズ欄が「〜してほしい」「ヘルパーにお願いしたい」「デイサービスに通いたい」のような、サービスへの要望の形になっていないかを見ます。"
    why = (
        "ニーズは生活全般の解決すべき課題であり、サービスへの直接的な要望をそのまま採用すると、本人の目標や望む暮らしの実現に"
        "そぐわないおそれがあります。"
    )
    source = f"{KIYO} 第2表「生活全般の解決すべき課題（ニーズ）」、{NAYORO} 4(4)"
    bad = "「ヘルパーさんに買物や調理、掃除をお願いしたい」"
    good = "「膝の痛みで買物に行けなくなっているが、自分で買物に行けるようになりたい」"
    hint = "なぜその支援が必要か（原因）と、本人がどうなりたいか（望む暮らし）が分かる書き方にしてください。"

    def texts(self, plan):
        return needs(plan)

    def message(self, label, text, phrase):
        return f"{label}「{quote(text)}」が、サービスへの要望（「{phrase}」）の形で書かれています"

    CASES = [
        Case("TX401", "ヘルパーにお願いしたい",
             lambda p: setv(p.table2.needs[0].text, "ヘルパーさんに買物や調理、掃除をお願いしたい"), [("TX401", "第2表!A6")]),
        Case("TX401", "〜してほしい（全角・空白入り）",
             lambda p: setv(p.table2.needs[1].text, "毎日 見守って ほしい"), [("TX401", "第2表!A9")]),
        Case("TX401", "デイサービスに通いたい",
             lambda p: setv(p.table2.needs[1].text, "友達が通っているデイサービスに通所したい"), [("TX401", "第2表!A9")]),
        Case("TX401", "ショートステイを利用したい",
             lambda p: setv(p.table2.needs[1].text, "介護者の負担が大きいので、ショートステイを利用したい"), [("TX401", "第2表!A9")]),
        Case("TX401", "サービス名が出てきても、本人の活動の「〜たい」は可",
             lambda p: setv(p.table2.needs[0].text, "膝が痛むが、デイサービスで仲間と体操を続けたい"), []),
        Case("TX401", "訪問看護師に相談しながら自分で続けたい、は可",
             lambda p: setv(p.table2.needs[0].text, "持病があるため、訪問看護師に相談しながら自分で服薬管理を続けたい"), []),
        Case("TX401", "本人がどうなりたいかの「〜たい」は可",
             lambda p: setv(p.table2.needs[0].text, "膝の痛みで買物に行けないが、自分で買物に行けるようになりたい"), []),
    ]


@register
class ServiceAsGoal(TextRule):
    code = "TX402"
    name = "サービスの利用が目標になっている"
    severity = Severity.INFO
    Params = _params(SERVICE_GOAL_PATTERNS)
    what = "長期目標・短期目標が「デイサービスに通う」「ヘルパーを利用する」のように、サービスを使うこと自体になっていないかを見ます。"
    why = "目標はサービスを使った結果として本人が到達する状態であり、サービスの利用は手段です。利用そのものを目標にすると評価ができません。"
    source = f"{KIYO} 第2表「目標（長期目標・短期目標）」、{ASAHIKAWA}「目標設定」"
    bad = "短期目標「週2回デイサービスに通う」"
    good = "短期目標「デイサービスでの体操を続け、杖で300m歩ける」"
    hint = "サービスを利用して本人がどうなるか（できるようになること）を目標に書いてください。"

    def texts(self, plan):
        return goals(plan)

    def hit(self, text):
        phrase = matches(text, self.params.patterns)
        if phrase is None:
            return None
        t = norm(text)
        rest = t[t.find(phrase) + len(phrase):]
        if rest.startswith(("して", "し、", "しながら")) and _CONCRETE_RE.search(rest):
            return None  # 「デイサービスを利用して週2回入浴できる」: the service is the means, the goal is concrete
        return phrase

    def message(self, label, text, phrase):
        return f"{label}「{quote(text)}」が、サービスの利用（「{phrase}」）を目標にしています"

    CASES = [
        Case("TX402", "デイサービスに通う", lambda p: setv(sg0(p).text, "週2回デイサービスに通う"), [("TX402", "第2表!D6")]),
        Case("TX402", "ヘルパーを利用して生活する", lambda p: setv(lg0(p, 1).text, "ヘルパーを利用して在宅生活を送る"),
             [("TX402", "第2表!B9")]),
        Case("TX402", "サービスを手段とし、到達点が具体的なら可",
             lambda p: setv(sg0(p).text, "デイサービスを利用して週2回入浴できる"), []),
        Case("TX402", "サービスでの活動による到達点は可",
             lambda p: setv(sg0(p).text, "デイサービスでの体操を続け、杖で300m歩ける"), []),
    ]


@register
class ProviderAsSubject(TextRule):
    code = "TX403"
    name = "目標の主語がサービス提供者"
    severity = Severity.INFO
    Params = _params(PROVIDER_PATTERNS)
    what = "目標が「〜してもらう」「介助を受ける」「買物を代行してもらう」のように、サービス提供者が行うことになっていないかを見ます。"
    why = "目標は本人（利用者）が主語です。提供者が行う行為を目標にすると、本人の自立に向けた到達点になりません。"
    source = f"{ASAHIKAWA}「本方針の解釈」（目標とする生活行為を行っているのがサービス提供者である例）"
    bad = "短期目標「ヘルパーに入浴を介助してもらう」"
    good = "短期目標「手すりにつかまって自分で浴槽をまたげる」"
    hint = "本人が何をできるようになるかを、本人を主語にして書いてください。"

    def texts(self, plan):
        return goals(plan)

    def message(self, label, text, phrase):
        return f"{label}「{quote(text)}」が、サービス提供者の行為（「{phrase}」）になっています"

    CASES = [
        Case("TX403", "介助してもらう", lambda p: setv(sg0(p, 1).text, "ヘルパーに入浴を介助してもらう"), [("TX403", "第2表!D9")]),
        Case("TX403", "介助を受ける", lambda p: setv(lg0(p).text, "入浴介助を受けて清潔を保つ"), [("TX403", "第2表!B6")]),
        Case("TX403", "買物代行", lambda p: setv(sg0(p).text, "買物代行で食材をそろえる"), [("TX403", "第2表!D6")]),
        Case("TX403", "本人が主語なら可", lambda p: setv(sg0(p, 1).text, "手すりにつかまって自分で浴槽をまたげる"), []),
    ]


class VagueParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    words: RegexList = Field(default=list(VAGUE_WORDS), description="あいまいな表現（正規表現）")


@register
class VagueGoal(TextRule):
    code = "TX404"
    name = "評価できないあいまいな目標"
    severity = Severity.INFO
    Params = VagueParams
    what = "目標が「安心して暮らす」「楽しく過ごす」「穏やかに生活する」だけで、具体的な行動（歩く・作る・参加する等）や数値がないものを見ます。"
    why = "目標は評価の時に達成したかどうかを判断できる、具体的で客観的なものである必要があります。"
    source = (
        f"{KIYO} 第2表 ②「目標（長期目標・短期目標）」（抽象的な言葉ではなく誰にもわかりやすい具体的な内容で記載）、"
        f"{NAYORO} 4(1)② ケアプラン原案の作成【ポイント】（達成の可能性のある具体的な目標設定）、{ASAHIKAWA}「期間について」①"
    )
    bad = "長期目標「自宅で安心して暮らせる」"
    good = "長期目標「夜間に一人でトイレまで歩いて行き、自宅で暮らし続けられる」"
    hint = "何を・どのくらい・どこで行えるかが分かる具体的な行動や数値を入れてください。"

    def texts(self, plan):
        return goals(plan)

    def hit(self, text):
        return vague(text, self.params.words)

    def message(self, label, text, phrase):
        return f"{label}「{quote(text)}」は「{phrase}」だけで、評価できる具体的な行動や数値がありません"

    CASES = [
        Case("TX404", "安心して暮らせる", lambda p: setv(lg0(p).text, "自宅で安心して暮らせる"), [("TX404", "第2表!B6")]),
        Case("TX404", "楽しく穏やかに過ごす", lambda p: setv(sg0(p, 1).text, "楽しく穏やかに過ごす"), [("TX404", "第2表!D9")]),
        Case("TX404", "具体的な行動があれば可",
             lambda p: setv(lg0(p).text, "夜間に一人でトイレまで歩いて行き、安心して暮らせる"), []),
        Case("TX404", "数値があれば可", lambda p: setv(sg0(p, 1).text, "楽しく週2回体操を続ける"), []),
    ]
