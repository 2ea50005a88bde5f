"""Advice on wording (助言, info), read with a morphological analyser (xl_careplan/text/).

Each rule reads one kind of phrase (ニーズ, 目標, サービス内容, 総合的な援助の方針) and says what a ケアプラン点検
officer would circle: a request written as a need, the use of a service or the provider's action as the goal,
a goal or a サービス内容 nobody can evaluate or carry out, a need that names only a risk, a boilerplate policy.
Word lists are parameters (defaults in xl_careplan/text/lexicon.py); ``extend`` adds words to any of them:

    [params.TX404]
    extend = { abstract = ["生活の質"] }
"""

from __future__ import annotations

from typing import Iterable


from xl_careplan.checked import SettingError, checked, setting
from xl_careplan.domain.services import is_non_provider, norm
from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan, fields_of
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, chain, lg0, setv, sg0
from xl_careplan.rules.common import quote, text_of
from xl_careplan.rules.sources import ASAHIKAWA, KIYO, NAYORO
from xl_careplan.rules.textmatch import TextRule, goals, needs, provider_contents
from xl_careplan.text import lexicon as lex
from xl_careplan.text import reading
from xl_careplan.text.lexicon import words

ANALYSIS_NOTE = "（文は形態素解析 SudachiPy で読みます。語の一覧はパラメータで追加できます）"


# ---------------------------------------------------------------- parameters: word lists


@checked
class WordParams:
    """Word lists of a text rule. ``extend`` adds words to a list by its name without restating it."""

    extend: dict[str, list[str]] = setting(factory=dict, description="一覧に語を追加（例: { abstract = [\"生活の質\"] }）")

    def _check(self) -> None:
        self._sets: dict = {}  # built once per rule instance (instances are reused)
        lists = {k for k in fields_of(type(self)) if k != "extend"}
        unknown = set(self.extend) - lists
        if unknown:
            raise SettingError("extend", f"extend に存在しない一覧 {sorted(unknown)} があります（使える一覧: {sorted(lists)}）")

    def ws(self, name: str):
        hit = self._sets.get(name)
        if hit is None:
            hit = self._sets[name] = words(getattr(self, name), self.extend.get(name, []))
        return hit


def _list(default: list[str], description: str):
    return setting(factory=lambda: list(default), description=description)


@checked
class ReadingParams(WordParams):
    """The lists the readings of requests, service use and the provider's action need."""

    services: list[str] = _list(lex.SERVICES, "サービス（事業・種類）を表す語")
    providers: list[str] = _list(lex.PROVIDERS, "サービスの担い手（本人以外）")
    family: list[str] = _list(lex.FAMILY, "担い手のうち家族（その人自身ができるようになる目標は家族の目標）")
    care_acts: list[str] = _list(lex.CARE_ACTS, "他者が行う援助（介助・支援 等）")
    service_verbs: list[str] = _list(lex.SERVICE_VERBS, "サービスを使う・受けることを表す動詞")
    request_verbs: list[str] = _list(lex.REQUEST_VERBS, "依頼を表す動詞（お願いする 等）")
    obtain_verbs: list[str] = _list(lex.OBTAIN_VERBS, "物を借りる・買う・付けることを表す動詞")
    desire_words: list[str] = _list(lex.DESIRE_WORDS, "望み・思いを表す語")
    limiters: list[str] = _list(lex.LIMITERS, "援助を一部に限る語（のみ・だけ 等）")
    joint: list[str] = _list(lex.JOINT, "本人と一緒に行う援助を表す語")
    self_words: list[str] = _list(lex.SELF, "本人が行うことを表す語（自分で・一人で 等）")
    help_nouns: list[str] = _list(lex.HELP_NOUNS, "介助・支援以外の、他者から受ける手助け（付き添い・送迎 等）")
    equipment: list[str] = _list(lex.EQUIPMENT, "求められる物（福祉用具の種目を日常の言い方で）")
    abstract: list[str] = _list(lex.GOAL_ABSTRACT, "観察・測定できることを何も表さない語")

    def lexicon(self) -> reading.Lexicon:
        hit = self._sets.get("(lexicon)")
        if hit is None:
            hit = self._sets["(lexicon)"] = self._lexicon()
        return hit

    def _lexicon(self) -> reading.Lexicon:
        return reading.Lexicon(
            services=self.ws("services"), providers=self.ws("providers"), care_acts=self.ws("care_acts"),
            service_verbs=self.ws("service_verbs"), request_verbs=self.ws("request_verbs"),
            obtain_verbs=self.ws("obtain_verbs"), desire_words=self.ws("desire_words"), limiters=self.ws("limiters"),
            joint=self.ws("joint"), self_words=self.ws("self_words"), help_nouns=self.ws("help_nouns"),
            equipment=self.ws("equipment"), family=self.ws("family"),
        )

    def is_vague(self, text: str) -> bool:
        return reading.names_nothing_observable(text, self.ws("abstract"), lex.neutral()) is not None

    def is_concrete(self, text: str) -> bool:
        return bool(reading.concrete_tokens(reading.analyse(text), self.ws("abstract"), lex.neutral())[0])


@checked
class AbstractParams(WordParams):
    abstract: list[str] = _list(lex.GOAL_ABSTRACT, "観察・測定できることを何も表さない語")
    neutral: list[str] = _list(lex.NEUTRAL, "どちらでもない語（する・できる、サービス名 等）")


@checked
class ContentParams(WordParams):
    generic: list[str] = _list(lex.CONTENT_GENERIC, "それだけでは何をするか分からない援助の語")


@checked
class PolicyParams(WordParams):
    generic: list[str] = _list(lex.POLICY_GENERIC, "どの計画にも書ける語")
    # 福祉用具 alone is the category every plan may name (福祉用具を活用し…); 福祉用具貸与 is a service chosen
    specific_services: list[str] = _list([s for s in lex.SERVICES if s not in ("サービス", "介護サービス", "介護保険", "施設", "福祉用具")],
                                         "方針では具体的な内容とみなすサービス名")
    desire_words: list[str] = _list(lex.DESIRE_WORDS + lex.POLICY_AIMS, "望み・思い・目指す暮らしを表す語")
    activity_verbs: list[str] = _list(lex.ACTIVITY_VERBS, "方針で具体的な内容とみなす動詞（生活行為）")


@checked
class CauseParams(WordParams):
    conditions: list[str] = _list(lex.CONDITIONS, "課題の原因となる心身・環境の状態を表す語")
    links: list[str] = _list(lex.CAUSE_LINKS, "理由をつなぐ語（ので・ため・により 等。から は接続助詞のときだけ）")


# ---------------------------------------------------------------- needs


class RequestRule(TextRule):
    Params = ReadingParams

    def texts(self, plan):
        return needs(plan)

    def hit(self, text):
        return reading.request(text, self.params.lexicon())


@register
class RequestAsNeed(RequestRule):
    code = "TX401"
    name = "要望がニーズとして書かれている"
    severity = Severity.INFO
    what = (
        "ニーズ欄が、サービスや物への要望の形（「ヘルパーさんにお願いしたい」「〜してほしい」「デイサービスに通いたい」"
        "「ベッドを借りたい」「入浴の支援希望」）になっていないかを見ます。「〜たい」がどの動詞に付いているかを読むので、"
        "「デイサービスに通っていた頃のように友人と話したい」「ヘルパーに手伝ってもらいながら自分で続けたい」は対象外です。"
        + ANALYSIS_NOTE
    )
    why = (
        "ニーズは生活全般の解決すべき課題であり、サービスへの直接的な要望をそのまま採用すると、本人の目標や望む暮らしの実現に"
        "そぐわないおそれがあります。"
    )
    source = f"{KIYO} 第2表「生活全般の解決すべき課題（ニーズ）」、{NAYORO} 4(4)"
    bad = "「ヘルパーさんに買物や調理、掃除をお願いしたい」「介護ベッドを借りたい」"
    good = "「膝の痛みで買物に行けなくなっているが、自分で買物に行けるようになりたい」"
    hint = (
        "要望の背景を書き直してください。型:「（原因）で（困っていること）が難しくなっているが、（本人が続けたい・取り戻したい"
        "暮らし）をしたい」。サービス名は第2表の援助内容に書きます。"
    )

    def message(self, label, text, phrase):
        return f"{label}「{quote(text)}」が、サービスへの要望（「{quote(phrase, 20)}」）の形で書かれています"

    CASES = [
        Case("TX401", "ヘルパーにお願いしたい",
             lambda p: setv(p.table2.needs[0].text, "ヘルパーさんに買物や調理、掃除をお願いしたい"), [("TX401", "第2表!A6")]),
        Case("TX401", "〜してほしい（全角・空白入り）",
             lambda p: setv(p.table2.needs[1].text, "毎日 見守って ほしい"), [("TX401", "第2表!A9")]),
        Case("TX401", "デイサービスに通いたい",
             lambda p: setv(p.table2.needs[1].text, "友達が通っているデイサービスに通所したい"), [("TX401", "第2表!A9")]),
        Case("TX401", "物を借りたい", lambda p: setv(p.table2.needs[1].text, "起き上がりがつらいので電動ベッドを借りたい"),
             [("TX401", "第2表!A9")]),
        Case("TX401", "〜の支援希望", lambda p: setv(p.table2.needs[1].text, "一人での入浴が怖いので入浴の支援希望"),
             [("TX401", "第2表!A9")]),
        Case("TX401", "サービス名が出てきても、本人の活動の「〜たい」は可",
             lambda p: setv(p.table2.needs[0].text, "膝が痛むが、デイサービスで仲間と体操を続けたい"), []),
        Case("TX401", "行為を題目にしてサービスを場所に選ぶ（〜はデイサービスでしたい）は要望",
             lambda p: setv(p.table2.needs[1].text, "入浴はデイサービスでしたい"), [("TX401", "第2表!A9")]),
        Case("TX401", "過去のサービスに触れた望みは可",
             lambda p: setv(p.table2.needs[0].text, "足腰が弱ったが、デイサービスに通っていた頃のように友人と話したい"), []),
        Case("TX401", "手伝ってもらいながら自分で、は可",
             lambda p: setv(p.table2.needs[0].text, "腰痛があるが、ヘルパーに手伝ってもらいながら自分で掃除を続けたい"), []),
        Case("TX401", "介助・付き添い以外の手助け（送迎）を希望",
             lambda p: setv(p.table2.needs[1].text, "膝の手術後で階段が不安なため、通院の送迎を希望します"), [("TX401", "第2表!A9")]),
        Case("TX401", "介助を受けたい（体言の介助）",
             lambda p: setv(p.table2.needs[1].text, "右手が不自由で、洗髪介助を受けたい"), [("TX401", "第2表!A9")]),
        Case("TX401", "やわらかい依頼（〜してもらえると助かる）",
             lambda p: setv(p.table2.needs[1].text, "目が悪く、郵便物の仕分けをしてもらえると助かる"), [("TX401", "第2表!A9")]),
        Case("TX401", "物が欲しい（福祉用具）", lambda p: setv(p.table2.needs[1].text, "ふらつくので歩行器が欲しい"),
             [("TX401", "第2表!A9")]),
        Case("TX401", "サービスの手配を望む（〜を検討したい）",
             lambda p: setv(p.table2.needs[1].text, "夫の介護で疲れており、ショートステイの利用を検討したい"), [("TX401", "第2表!A9")]),
        Case("TX401", "見ていてほしい（見ている＝見守り）は依頼",
             lambda p: setv(p.table2.needs[1].text, "入浴の時は誰かに見ていてほしい"), [("TX401", "第2表!A9")]),
        Case("TX401", "「自分で〜してもらいたい」は本人自身の行為への願いで依頼ではない",
             lambda p: setv(p.table2.needs[0].text, "夫は「妻には、身の回りのことは自分でやってもらいたい」と話す。妻は膝が痛むが、台所に立ち続けたい"), []),
        Case("TX401", "使役の「〜させてほしい」は手助けの依頼",
             lambda p: setv(p.table2.needs[1].text, "手が震えるので、食事を食べさせてほしい"), [("TX401", "第2表!A9")]),
        Case("TX401", "「〜していてほしい」の動詞は いる ではなく前の動詞（見守っていて）",
             lambda p: setv(p.table2.needs[1].text, "転ぶのが心配なので、お風呂の間は誰かに見守っていてほしい"), [("TX401", "第2表!A9")]),
        Case("TX401", "九州の「〜たか」も「〜たい」（してもらいたか）",
             lambda p: setv(p.table2.needs[1].text, "膝が痛かけん、ゴミ出しばしてもらいたか"), [("TX401", "第2表!A9")]),
        Case("TX401", "「〜してもらうのが安心」は評価の形の依頼",
             lambda p: setv(p.table2.needs[1].text, "目が悪いので、書類はヘルパーさんに読んでもらうのが安心"), [("TX401", "第2表!A9")]),
        Case("TX401", "家族や友人の訪問を望むのは可",
             lambda p: setv(p.table2.needs[0].text, "足が弱って出かけられないが、友人が会いに来てくれると嬉しい"), []),
        Case("TX401", "本人がどうなりたいかの「〜たい」は可",
             lambda p: setv(p.table2.needs[0].text, "膝の痛みで買物に行けないが、自分で買物に行けるようになりたい"), []),
    ]


ASPIRATION = ("目指す", "ありたい")


def _aspires(toks) -> bool:
    """…を目指す, …でありたい, or a life that is necessary: 食生活を送る必要がある, 歩けるようになることが必要
    (a verb before 必要). 「服薬の管理が必要」「見守りが必要」 say what care is needed, not what life."""
    for i, t in enumerate(toks):
        if t.lemma in ASPIRATION:
            return True
        if t.lemma == "必要":
            k = i - 1
            while k >= 0 and toks[k].surface in ("が", "は", "も"):
                k -= 1
            particle = k < i - 1
            if k >= 0 and toks[k].lemma in ("事", "こと"):
                k -= 1
                particle = False
            while k >= 0 and toks[k].pos == "助動詞":
                k -= 1
            if k >= 0 and toks[k].pos == "動詞" and not (particle and toks[k].form.startswith("連用形")):
                return True  # not 見守りが必要 (Sudachi may read the noun 見守り as the verb's 連用形)
    return False


@register
class NeedOnlyRisk(TextRule):
    code = "TX406"
    name = "ニーズが危険や問題だけで、望む暮らしが書かれていない"
    severity = Severity.INFO
    Params = ReadingParams
    what = (
        "ニーズ欄が「転倒の危険がある」「低栄養のおそれ」「介護負担が大きい」のように危険や問題だけを書き、本人がどう暮らしたいか"
        "（〜たい、〜を続けたい、〜する必要がある）を書いていないものを見ます。" + ANALYSIS_NOTE
    )
    why = (
        "ニーズは本人の望む生活を実現するうえで解決すべき課題です。危険だけを書くと、目標が「転倒しない」のような予防に"
        "とどまり、本人が意欲を持って取り組める目標や、自分らしい生活の実現につながりません。"
    )
    source = f"{KIYO} 第2表「生活全般の解決すべき課題（ニーズ）」、{NAYORO} 4（本人の希望する生活）・4(4)、{ASAHIKAWA}「本市におけるケアマネジメントの方針」（本人が送りたい主体的で活動的な生活）"
    bad = "「下肢筋力の低下により、屋内で転倒するおそれがある」"
    good = "「下肢筋力の低下で転びやすくなっているが、家の中を自分で歩いてトイレに行きたい」"
    hint = "危険の先にある本人の望みを書き加えてください。型:「（原因）で（危険・困りごと）があるが、（本人が続けたい暮らし）をしたい」。"

    def texts(self, plan):
        return needs(plan)

    def hit(self, text):
        toks = reading.analyse(text)
        lx = self.params.lexicon()
        if reading.has_desire(toks, lx.desire_words) or _aspires(toks):
            return None
        if reading.request(text, lx):
            return None  # …してもらえると助かる: a request (TX401／NY301 say how to rewrite it)
        if any(t.surface in ("よう", "ように") for t in toks) and any(t.lemma in ("為る", "成る") for t in toks):
            return None  # …できるようにする: an aim
        return quote(text, 20)

    def message(self, label, text, phrase):
        return f"{label}「{quote(text)}」は危険や問題だけを書いていて、本人が望む暮らし（どうしたいか）が書かれていません"

    CASES = [
        Case("TX406", "転倒のおそれだけ", lambda p: setv(p.table2.needs[0].text, "下肢筋力の低下により、屋内で転倒するおそれがある"),
             [("TX406", "第2表!A6")]),
        Case("TX406", "介護負担だけ", lambda p: setv(p.table2.needs[1].text, "妻が一人で介護しており、介護負担が大きい"),
             [("TX406", "第2表!A9")]),
        Case("TX406", "「（介護・管理）が必要」は望む暮らしではない",
             lambda p: setv(p.table2.needs[1].text, "腎機能の低下があり、食事のたんぱく質の管理が必要"), [("TX406", "第2表!A9")]),
        Case("TX406", "「意欲」が低下しているのは望みではない",
             lambda p: setv(p.table2.needs[1].text, "退院後に意欲が低下し、日中は横になっていることが多い"), [("TX406", "第2表!A9")]),
        Case("TX406", "「見守りが必要」の 見守り は名詞（Sudachi が動詞の連用形と読んでも望む暮らしではない）",
             lambda p: setv(p.table2.needs[1].text, "夜間に見守りが必要"), [("TX406", "第2表!A9")]),
        Case("TX406", "動詞に続く「必要がある」は可",
             lambda p: setv(p.table2.needs[0].text, "腎機能の低下があり、自分で塩分を控えた食事を作る必要がある"), []),
        Case("TX406", "打ち消した望み（〜たくない）も望み", lambda p: setv(p.table2.needs[0].text, "足が弱ってきたが、釣りは諦めたくない"), []),
        Case("TX406", "望みがあれば可", lambda p: setv(p.table2.needs[0].text, "下肢筋力の低下で転びやすいが、家の中を自分で歩きたい"), []),
        Case("TX406", "「〜必要がある」も可（旭川市の課題分析の例）",
             lambda p: setv(p.table2.needs[0].text, "足腰が弱ってきたことにより買物が困難になっている。買物を行い、健康に留意した食生活を送る必要がある"), []),
    ]


class NeedCauseRule(Rule):
    """A need that does not say why (shared by NY303 and AS203: the two cities ask it in their own words)."""

    Params = CauseParams

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        conditions, links = self.params.ws("conditions"), self.params.ws("links")
        for label, v in needs(plan):
            text = text_of(v)
            if not norm(text) or v.loc is None:
                continue
            if not reading.has_cause(text, conditions, links):
                yield self.finding(ctx, v.loc, f"{label}「{quote(text)}」に、そうなっている理由・原因が書かれていません")


# ---------------------------------------------------------------- goals


@register
class ServiceAsGoal(TextRule):
    code = "TX402"
    name = "サービスの利用が目標になっている"
    severity = Severity.INFO
    Params = ReadingParams
    what = (
        "長期目標・短期目標が「デイサービスに休まず通える」「通所介護を継続利用する」「ヘルパーの支援を受け入れる」のように、"
        "サービスを使うこと自体になっていないかを見ます。サービスが手段で、その先に具体的な到達点があるもの"
        "（「デイサービスを利用して週2回入浴できる」）や、サービスの場での活動（「デイサービスで友人と囲碁を打つ」）は対象外です。"
        "物を手に入れること（「車いすをレンタルする」「介護ベッドを導入する」「手すりを取り付ける」「補聴器を購入する」——福祉用具の"
        "種目、器・機・具・装置・用品で終わる物）や住まいに入ること（「特別養護老人ホームに入所する」）も同じで、その後に本人が一人で・"
        "回数で行う行為が書かれていれば（「手すりを設置し、一人で浴槽をまたいで入浴できる」）対象外です。サービスを場所にして他に何も"
        "名指さない目標（「ショートステイで穏やかに過ごせる」）もサービスの利用が目標です。" + ANALYSIS_NOTE
    )
    why = "目標はサービスを使った結果として本人が到達する状態であり、サービスの利用は手段です。利用そのものを目標にすると評価ができません。"
    source = (f"{KIYO} 第2表「目標（長期目標・短期目標）」、{ASAHIKAWA}「目標設定」（どのような目標であれば評価のときに効果判定を"
              f"行えるか）、{NAYORO} 4(1)②（サービス導入の根拠を明確に）・4(4)（直接的な要望をそのまま採用しない）")
    bad = "短期目標「週2回デイサービスに通う」「通所介護を継続して利用する」「車いすをレンタルする」"
    good = "短期目標「デイサービスでの体操を続け、杖で300m歩ける」"
    hint = "サービスを使って本人がどうなるかを書いてください。型:「（サービスで練習したこと）を続け、（動作）が（どのくらい）できる」。"

    def texts(self, plan):
        return goals(plan)

    def hit(self, text):
        return reading.service_goal(text, self.params.lexicon(), self.params.is_vague, self.params.is_concrete)

    def message(self, label, text, phrase):
        return f"{label}「{quote(text)}」が、サービスの利用（「{quote(phrase, 20)}」）を目標にしています"

    CASES = [
        Case("TX402", "デイサービスに通う", lambda p: setv(sg0(p).text, "週2回デイサービスに通う"), [("TX402", "第2表!D6")]),
        Case("TX402", "ヘルパーを利用して生活する", lambda p: setv(lg0(p, 1).text, "ヘルパーを利用して在宅生活を送る"),
             [("TX402", "第2表!B9"), ("TX404", "第2表!B9")]),
        Case("TX402", "体言止め（継続利用）", lambda p: setv(sg0(p).text, "通所介護の継続利用"), [("TX402", "第2表!D6")]),
        Case("TX402", "略語（ＤＳ）", lambda p: setv(sg0(p).text, "ＤＳに週３回通う"), [("TX402", "第2表!D6")]),
        Case("TX402", "福祉用具を活用する", lambda p: setv(sg0(p).text, "福祉用具を活用する"), [("TX402", "第2表!D6")]),
        Case("TX402", "サービス名の後の括弧書きも同じ名詞句", lambda p: setv(sg0(p).text, "通所介護（入浴あり）を週2回利用する"),
             [("TX402", "第2表!D6")]),
        Case("TX402", "物を借りることが目標（車いすをレンタルする）", lambda p: setv(sg0(p).text, "車いすをレンタルする"),
             [("TX402", "第2表!D6")]),
        Case("TX402", "器・機・具・装置で終わる物も物（吸引器）", lambda p: setv(sg0(p).text, "吸引器をレンタルする"),
             [("TX402", "第2表!D6")]),
        Case("TX402", "物を入れた後が本人の行為の回数・自分でなければ目標は物（特殊寝台を導入し、起き上がりが楽になる）",
             lambda p: setv(sg0(p).text, "特殊寝台を導入し、起き上がりが楽になる"), [("TX402", "第2表!D6")]),
        Case("TX402", "住まいに入ることも目標はサービス（有料老人ホームに入居する）",
             lambda p: setv(lg0(p).text, "有料老人ホームに入居する"), [("TX402", "第2表!B6")]),
        Case("TX402", "サービスを「行う」（住宅改修を行う）", lambda p: setv(sg0(p).text, "住宅改修を行う"), [("TX402", "第2表!D6")]),
        Case("TX402", "サービスを場所にして、あとは何も名指さない（デイサービスで楽しく過ごす）",
             lambda p: setv(sg0(p).text, "デイサービスで楽しく過ごす"), [("TX402", "第2表!D6")]),
        Case("TX402", "物を入れて本人が一人で行うなら可", lambda p: setv(sg0(p).text, "手すりを設置し、一人で浴槽をまたいで入浴できる"), []),
        Case("TX402", "物を本人が一人で使えるなら可", lambda p: setv(sg0(p).text, "ポータブルトイレを一人で使える"), []),
        Case("TX402", "物を使って具体的な到達点なら可（読点なし）", lambda p: setv(sg0(p).text, "歩行器を使い自宅から300m先のバス停まで歩ける"), []),
        Case("TX402", "借りた物が名詞を修飾するだけなら可", lambda p: setv(sg0(p).text, "レンタルした車いすで公園に行ける"), []),
        Case("TX402", "「ショートステイ中」は時で、サービスの利用ではない",
             lambda p: setv(sg0(p).text, "ショートステイ中も夜間は自分でトイレに行ける"), []),
        Case("TX402", "サービスを手段とし、到達点が具体的なら可",
             lambda p: setv(sg0(p).text, "デイサービスを利用して週2回入浴できる"), []),
        Case("TX402", "サービスでの活動による到達点は可",
             lambda p: setv(sg0(p).text, "デイサービスでの体操を続け、杖で300m歩ける"), []),
        Case("TX402", "以前のサービスに触れた目標は可",
             lambda p: setv(lg0(p).text, "デイサービスに通っていた頃のように、地域のサロンで友人と話せる"), []),
        Case("TX402", "用具を買うことが目標（入浴用の椅子を買う）", lambda p: setv(sg0(p).text, "入浴用の椅子を買う"),
             [("TX402", "第2表!D6")]),
        Case("TX402", "住宅改修を「する」のも目標にしたサービス", lambda p: setv(sg0(p).text, "浴室の住宅改修をする"),
             [("TX402", "第2表!D6")]),
        Case("TX402", "品物を買うのは買物（日用品を自分で買える）", lambda p: setv(sg0(p).text, "日用品を自分で近所の店で買える"), []),
    ]


@register
class ProviderAsSubject(TextRule):
    code = "TX403"
    name = "目標の主語がサービス提供者"
    severity = Severity.INFO
    Params = ReadingParams
    what = (
        "目標が「〜してもらう」「介助を受ける」「ヘルパーが調理を行う」「買物代行で」のように、本人以外（サービス提供者・家族）が"
        "行うことになっていないかを見ます。援助が一部に限られるもの（「重い物の買物のみヘルパーに頼み、それ以外は自分で」）や、"
        "援助を受けながら本人が行うもの（「見守りを受けながら一人でシャワー浴ができる」）は対象外です。"
        "家族が主語の目標は、本人の生活行為を家族が代わりに行うもの（「長女が毎日夕食を作る」）を対象とし、家族自身ができるように"
        "なること（「介護者の妻が月2回趣味の書道教室に通える」「長女が休息の時間を持てる」——できる・可能動詞・られる で終わる）は"
        "家族の目標として対象外です（旭川市の「目標とする生活行為を行っているのがサービス提供者（介護者）」に従い、名寄市の"
        "「利用者が理想とする生活像」に向けた目標と読む）。" + ANALYSIS_NOTE
    )
    why = "目標は本人（利用者）が主語です。提供者が行う行為を目標にすると、本人の自立に向けた到達点になりません。"
    source = f"{KIYO} 第2表「目標」、{ASAHIKAWA}「本方針の解釈」（目標とする生活行為を行っているのがサービス提供者である例）"
    bad = "短期目標「ヘルパーに入浴を介助してもらう」「入浴介助を受けて清潔を保つ」"
    good = "短期目標「手すりにつかまって自分で浴槽をまたげる」"
    hint = "本人を主語にして、本人が行う動作を書いてください。型:「（道具・援助）を使って、自分で（動作）ができる」。"

    def texts(self, plan):
        return goals(plan)

    def hit(self, text):
        return reading.provider_acts(text, self.params.lexicon(), self.params.is_vague)

    def message(self, label, text, phrase):
        return f"{label}「{quote(text)}」が、本人以外の行為（「{quote(phrase, 20)}」）になっています"

    CASES = [
        Case("TX403", "介助してもらう", lambda p: setv(sg0(p, 1).text, "ヘルパーに入浴を介助してもらう"), [("TX403", "第2表!D9")]),
        Case("TX403", "介助を受ける", lambda p: setv(lg0(p).text, "入浴介助を受けて清潔を保つ"), [("TX403", "第2表!B6")]),
        Case("TX403", "買物代行", lambda p: setv(sg0(p).text, "買物代行で食材をそろえる"), [("TX403", "第2表!D6")]),
        Case("TX403", "提供者が主語", lambda p: setv(sg0(p).text, "ヘルパーが調理を行い、栄養のある食事がとれる"), [("TX403", "第2表!D6")]),
        Case("TX403", "提供者の行為が手段（〜による調理で）",
             lambda p: setv(sg0(p, 1).text, "ヘルパーによる調理で一日三食とれる"), [("TX403", "第2表!D9")]),
        Case("TX403", "サービス名の「介護」は提供者の行為ではない",
             lambda p: setv(sg0(p, 1).text, "通所介護で立ち上がり訓練を受け、手すりなしで立てる"), []),
        Case("TX403", "「〜よう支援する」で終わる目標は支援者の行為",
             lambda p: setv(sg0(p).text, "薬を飲み忘れないよう支援する"), [("TX403", "第2表!D6")]),
        Case("TX403", "「〜よう（何々を）介助する」も支援者の行為",
             lambda p: setv(sg0(p).text, "安全に入浴できるよう浴槽のまたぎ動作を介助する"), [("TX403", "第2表!D6")]),
        Case("TX403", "「…を介助する」で終わる目標は支援者の行為（よう が無くても）",
             lambda p: setv(sg0(p).text, "入浴時の洗身を介助する"), [("TX403", "第2表!D6")]),
        Case("TX403", "「…を提供する」で終わる目標は事業所の行為",
             lambda p: setv(sg0(p).text, "栄養バランスのとれた食事を提供する"), [("TX403", "第2表!D6")]),
        Case("TX403", "援助の名詞＋「を行う」で終わる目標も支援者の行為",
             lambda p: setv(sg0(p).text, "転倒しないよう見守りを行う"), [("TX403", "第2表!D6")]),
        Case("TX403", "援助を受けて本人ができる目標は可",
             lambda p: setv(sg0(p, 1).text, "声かけがあれば自分で薬を飲める"), []),
        Case("TX403", "家族が本人の生活行為を代わりに行う目標は介護者の行為（旭川市）",
             lambda p: setv(sg0(p).text, "長女が毎日夕食を作る"), [("TX403", "第2表!D6")]),
        Case("TX403", "家族自身ができるようになる目標は家族の目標で可",
             lambda p: setv(lg0(p, 1).text, "介護者の妻が月2回趣味の書道教室に通える"), []),
        Case("TX403", "家族が主語の節が読点で続いても、文の終わりの述語が家族自身の能力なら家族の目標",
             lambda p: setv(lg0(p, 1).text, "長男が介護教室で学び、父の入浴を腰を痛めずに手伝える"), []),
        Case("TX403", "家族の主語の後に読点があっても、述語は文の先（次女が、毎朝の洗濯をする）",
             lambda p: setv(sg0(p).text, "次女が、毎朝の洗濯をする"), [("TX403", "第2表!D6")]),
        Case("TX403", "複数語の提供者（訪問介護員）が主語", lambda p: setv(sg0(p).text, "訪問介護員が洗身を行い、清潔が保たれる"),
             [("TX403", "第2表!D6")]),
        Case("TX403", "かな書きの可能動詞（もてる）も家族自身の目標",
             lambda p: setv(lg0(p, 1).text, "長女が週1回趣味の時間をもてる"), []),
        Case("TX403", "本人への敬語「ご自分で〜していただく」は本人の行為",
             lambda p: setv(sg0(p, 1).text, "ご自分で洗濯物を干していただく"), []),
        Case("TX403", "物の「〜の代わりに」は代行ではない",
             lambda p: setv(sg0(p, 1).text, "杖の代わりに歩行器を使い、屋外を100m歩ける"), []),
        Case("TX403", "本人が主語なら可", lambda p: setv(sg0(p, 1).text, "手すりにつかまって自分で浴槽をまたげる"), []),
        Case("TX403", "援助を一部に限るなら可",
             lambda p: setv(sg0(p, 1).text, "重い物の買物のみヘルパーに頼み、それ以外は自分で買物に行ける"), []),
        Case("TX403", "援助を受けながら本人が行うなら可",
             lambda p: setv(sg0(p, 1).text, "見守りを受けながら、一人でシャワー浴ができる"), []),
    ]


def _service_use_goal(text: str) -> bool:
    """TX402's reading (default word lists) finds the use of a service or thing as the goal, and every clause speaks
    of that use: TX404 leaves the goal to TX402 (one advice, the one that says what to rewrite)."""
    rp = _default_reading()
    lx = rp.lexicon()
    return reading.service_use_only(text, lx) and reading.service_goal(text, lx, rp.is_vague, rp.is_concrete) is not None


_DEFAULT_READING: list = []


def _default_reading() -> "ReadingParams":
    if not _DEFAULT_READING:
        _DEFAULT_READING.append(ReadingParams())
    return _DEFAULT_READING[0]


@register
class VagueGoal(TextRule):
    code = "TX404"
    name = "評価できないあいまいな目標"
    severity = Severity.INFO
    Params = AbstractParams
    what = (
        "目標が、観察できる行動（歩く・作る・入浴する）や測れる状態（体重・転倒・血圧）を何も名指さず、「ＡＤＬの維持・向上」"
        "「清潔を保つ」「在宅生活を継続できる」「安心して暮らせる」のような一般的な語だけでできていないかを見ます。語の一覧は"
        "あいまいな語の側にあり、一覧にない語（行動や物）が一つでもあれば評価できる目標とみなします。ただし、行為を名詞で言うだけで"
        "一般的な語が受けるもの（「服薬管理ができる」「歩行が安定する」——サ変名詞＋管理・安定 など、数・手段・場所なし）は、"
        "何をどれだけするかがないので対象です（「血圧が安定する」のような測れる量は対象外）。避ける危険を様子として言うだけのもの"
        "（「転倒なく安全に生活できる」「転ばずに元気に暮らす」——数・期間があれば測れるので対象外）、行為の名詞を様子だけが"
        "修飾するもの（「安全に入浴できる」——「自分で入浴できる」は対象外）、"
        "健康の日課（服薬・注射・睡眠・食事・水分・入浴）を続ける・できる・きちんと行うと言うだけのもの（「服薬を継続できる」"
        "「安眠できる」「水分を十分にとれる」——時・回数・量・手段・担い手があれば対象外、趣味を続けるのは対象外）も対象です。サービスの使い方だけがあいまいな目標"
        "（「通所リハに意欲的に参加する」）は、サービスの利用が目標であること（TX402）を助言し、ここでは重ねません。" + ANALYSIS_NOTE
    )
    why = "目標は評価の時に達成したかどうかを判断できる、具体的で客観的なものである必要があります。"
    source = (
        f"{KIYO} 第2表 ②「目標（長期目標・短期目標）」（抽象的な言葉ではなく誰にもわかりやすい具体的な内容で記載）、"
        f"{NAYORO} 4(1)② ケアプラン原案の作成【ポイント】（達成の可能性のある具体的な目標設定）、"
        f"{NAYORO} 4(3)【ポイント】（達成度を測ることができる目標の設定）、"
        f"{ASAHIKAWA}「多く寄せられている意見」①（具体的で客観的評価が可能な目標設定）"
    )
    bad = "長期目標「自宅で安心して暮らせる」、短期目標「ＡＤＬを維持する」"
    good = "長期目標「夜間に一人でトイレまで歩いて行き、自宅で暮らし続けられる」"
    hint = "何を・どのくらい・どんな助けで行えるかを書いてください。型:「（道具・援助）で（動作）を（回数・距離・時間）できる」（例: 杖で300m歩ける、週2回自宅の浴槽で入浴できる）。"

    def texts(self, plan):
        return goals(plan)

    def hit(self, text):
        abstract, neutral = self.params.ws("abstract"), self.params.ws("neutral")
        found = reading.names_nothing_observable(text, abstract, neutral) or reading.prevention_only(text, abstract, neutral) \
            or reading.act_state_only(text, abstract, neutral) or reading.avoided_only(text, abstract, neutral) \
            or reading.manner_act_only(text, abstract, neutral, lex.self_words()) \
            or reading.routine_only(text, abstract, neutral, lex.routines(), lex.persons())
        if found and _service_use_goal(text):
            return None  # 通所リハに意欲的に参加する: the use of the service is the goal (TX402 says so), not a vague life
        return found

    def message(self, label, text, phrase):
        return f"{label}「{quote(text)}」は「{phrase}」のような一般的な語だけで、評価できる行動や状態がありません"

    CASES = [
        Case("TX404", "安心して暮らせる", lambda p: setv(lg0(p).text, "自宅で安心して暮らせる"), [("TX404", "第2表!B6")]),
        Case("TX404", "楽しく穏やかに過ごす", lambda p: setv(sg0(p, 1).text, "楽しく穏やかに過ごす"), [("TX404", "第2表!D9")]),
        Case("TX404", "ＡＤＬの維持・向上（全角）", lambda p: setv(sg0(p).text, "ＡＤＬの維持・向上"), [("TX404", "第2表!D6")]),
        Case("TX404", "打ち消し（〜なく）は語ではない", lambda p: setv(sg0(p).text, "心配なく過ごせる"), [("TX404", "第2表!D6")]),
        Case("TX404", "心がけだけの目標", lambda p: setv(lg0(p).text, "健康に注意した生活を送る"), [("TX404", "第2表!B6")]),
        Case("TX404", "防ぐことだけの目標", lambda p: setv(sg0(p).text, "ひきこもりを予防する"), [("TX404", "第2表!D6")]),
        Case("TX404", "一般的な動詞の連用形の名詞（落ち着く→落ち着き）も一般的な語",
             lambda p: setv(lg0(p).text, "落ち着きのある毎日を送る"), [("TX404", "第2表!B6")]),
        Case("TX404", "「活用する」は使うことと同じで行動ではない", lambda p: setv(lg0(p).text, "自分の能力を活用して生活する"),
             [("TX404", "第2表!B6")]),
        Case("TX404", "量を増やす・減らすだけでは何も名指さない", lambda p: setv(sg0(p).text, "家で安全に過ごせる時間を増やす"),
             [("TX404", "第2表!D6")]),
        Case("TX404", "「ともに」は語をつなぐだけ（Sudachi は名詞と読む）", lambda p: setv(lg0(p).text, "家族とともに穏やかに過ごす"),
             [("TX404", "第2表!B6")]),
        Case("TX404", "行為の名詞を一般的な語が受けるだけ（…管理ができる）", lambda p: setv(sg0(p).text, "排泄の管理ができる"),
             [("TX404", "第2表!D6")]),
        Case("TX404", "行為の名詞が主語で述語が一般的な語（…が安定する）", lambda p: setv(lg0(p).text, "移乗動作が安定する"),
             [("TX404", "第2表!B6")]),
        Case("TX404", "避ける危険を様子に言うだけ（転倒なく安全に生活できる）", lambda p: setv(lg0(p).text, "転倒なく安全に生活できる"),
             [("TX404", "第2表!B6")]),
        Case("TX404", "避ける危険を動詞で（転ばずに元気に暮らす）", lambda p: setv(lg0(p).text, "転ばずに元気に暮らす"),
             [("TX404", "第2表!B6")]),
        Case("TX404", "行為の名詞を様子だけが修飾（安全に入浴できる）", lambda p: setv(sg0(p).text, "安全に入浴できる"),
             [("TX404", "第2表!D6")]),
        Case("TX404", "頑張る・連携・療養も一般的な語", lambda p: setv(sg0(p).text, "リハビリを頑張る"), [("TX404", "第2表!D6")]),
        Case("TX404", "連携して療養する（医療機関は担い手）", lambda p: setv(lg0(p).text, "医療機関と連携し、安心して療養できる"),
             [("TX404", "第2表!B6")]),
        Case("TX404", "サービスの使い方だけがあいまいなら TX402 だけ（通所リハに意欲的に参加する）",
             lambda p: setv(sg0(p).text, "通所リハに意欲的に参加する"), [("TX402", "第2表!D6")]),
        Case("TX404", "サービスの後にあいまいな暮らしの節があれば両方",
             lambda p: setv(sg0(p).text, "ショートステイを利用して在宅生活を続ける"), [("TX402", "第2表!D6"), ("TX404", "第2表!D6")]),
        Case("TX404", "健康の日課を続ける・できるだけ（服薬を継続できる）", lambda p: setv(sg0(p).text, "服薬を継続できる"),
             [("TX404", "第2表!D6")]),
        Case("TX404", "健康の日課を様子だけで（薬をきちんと飲める）", lambda p: setv(sg0(p).text, "薬をきちんと飲める"),
             [("TX404", "第2表!D6")]),
        Case("TX404", "健康の日課を「十分に」（水分を十分にとれる）", lambda p: setv(lg0(p).text, "水分を十分にとれる"),
             [("TX404", "第2表!B6")]),
        Case("TX404", "負担が軽くなるだけ（軽いは量の語）", lambda p: setv(lg0(p).text, "家族の介護負担が軽くなる"),
             [("TX404", "第2表!B6")]),
        Case("TX404", "日課に時と手段があれば可", lambda p: setv(sg0(p).text, "朝食後の薬を薬カレンダーから取り出して飲める"), []),
        Case("TX404", "日課を自分でするなら可（自分で服薬を続ける）", lambda p: setv(sg0(p).text, "自分で服薬を続ける"), []),
        Case("TX404", "趣味を続けるのは日課ではない", lambda p: setv(sg0(p).text, "趣味の園芸を続けられる"), []),
        Case("TX404", "期間つきの「転倒なく」は測れる", lambda p: setv(sg0(p).text, "3か月間転倒なく過ごせる"), []),
        Case("TX404", "本人が行う行為は可（自分で入浴できる）", lambda p: setv(sg0(p).text, "自分で入浴できる"), []),
        Case("TX404", "測れる量が安定するのは可", lambda p: setv(lg0(p).text, "血糖値が安定する"), []),
        Case("TX404", "行為に手段や場所があれば可", lambda p: setv(sg0(p, 1).text, "手すりを使って移乗動作が安定する"), []),
        Case("TX404", "防ぐための本人の行動があれば可", lambda p: setv(sg0(p).text, "むせを防ぐため、食前に口の体操をする"), []),
        Case("TX404", "具体的な行動があれば可",
             lambda p: setv(lg0(p).text, "夜間に一人でトイレまで歩いて行き、安心して暮らせる"), []),
        Case("TX404", "数値と行動があれば可", lambda p: setv(sg0(p, 1).text, "楽しく週2回体操を続ける"), []),
        Case("TX404", "測れる状態は可", lambda p: setv(lg0(p).text, "体重が40kgを下回らない"), []),
    ]


# ---------------------------------------------------------------- サービス内容


@register
class VagueContent(TextRule):
    code = "TX405"
    name = "サービス内容があいまいで、事業所が何をするか分からない"
    severity = Severity.INFO
    Params = ContentParams
    what = (
        "第2表のサービス内容（本人・家族以外の行）が「見守り」「健康管理」「生活援助」「状態観察」「必要に応じた支援」のような"
        "一般的な語だけで、何の場面で何をするかが書かれていないものを見ます。" + ANALYSIS_NOTE
    )
    why = (
        "サービス内容は、事業所が個別援助計画を作り、目標に向けて同じ支援を行うための指示です。一般的な語だけでは、"
        "事業所ごとに解釈が分かれ、目標の達成に向けた支援になりません。"
    )
    source = (
        f"{KIYO} 第2表「サービス内容」（短期目標の達成に必要であって最適なサービスの内容とその方針を明らかにし、適切・簡潔に記載"
        f"——記載要領のこの文言は知識による）、{NAYORO} 4(3)【ポイント】（サービスの内容が目標の達成に向けて適切な内容となっているか）、"
        f"{ASAHIKAWA}「支援内容」（関係者に支援計画の内容を正確に実行してもらうために、どのような記載を行う必要があるか）"
    )
    bad = "サービス内容「見守り」「健康管理」"
    good = "サービス内容「入浴時の浴槽のまたぎ動作の見守りと声かけ」「血圧・体温の測定と服薬状況の確認」"
    hint = "どの場面で・何を・どこまで行うかを書いてください。型:「（場面・動作）の（見守り・介助・練習）、（確認すること）の確認と報告」。"

    def texts(self, plan):
        return provider_contents(plan)

    def hit(self, text):
        return reading.names_nothing_observable(text, self.params.ws("generic"), lex.nothing())

    def message(self, label, text, phrase):
        return f"{label}「{quote(text)}」は「{phrase}」だけで、どの場面で何をするかが書かれていません"

    CASES = [
        Case("TX405", "見守り", lambda p: setv(sg0(p, 1).services[1].content, "見守り"), [("TX405", "第2表!F10")]),
        Case("TX405", "健康管理（通所）", lambda p: setv(sg0(p).services[0].content, "健康管理"), [("TX405", "第2表!F6")]),
        Case("TX405", "サービス名だけ（訪問入浴）", lambda p: setv(sg0(p, 1).services[1].content, "訪問入浴"), [("TX405", "第2表!F10")]),
        Case("TX405", "用具の提供", lambda p: setv(sg0(p, 1).services[1].content, "用具の提供"), [("TX405", "第2表!F10")]),
        Case("TX405", "サービス種類の言い直し（福祉用具の貸与）", lambda p: setv(sg0(p, 1).services[1].content, "福祉用具の貸与"),
             [("TX405", "第2表!F10")]),
        Case("TX405", "サポート・医療的なケアも一般的な語", lambda p: setv(sg0(p, 1).services[1].content, "日常生活面のサポート"),
             [("TX405", "第2表!F10")]),
        Case("TX405", "医療的なケア", lambda p: setv(sg0(p, 1).services[1].content, "医療的なケア"), [("TX405", "第2表!F10")]),
        Case("TX405", "貸与する物が書かれていれば可", lambda p: setv(sg0(p, 1).services[1].content, "特殊寝台（背上げ機能つき）の貸与"), []),
        Case("TX405", "場面が書かれていれば可",
             lambda p: setv(sg0(p, 1).services[1].content, "入浴時の浴槽のまたぎ動作の見守りと声かけ"), []),
        Case("TX405", "本人の行は対象外", lambda p: setv(sg0(p).services[2].content, "見守り"), []),
    ]


# ---------------------------------------------------------------- サービス内容 against its goal


@checked
class BodyActParams(WordParams):
    """The lists of TX409: the body care acts, the words of doing them for the person, and what makes help partial."""

    body_acts: dict[str, list[str]] = setting(factory=lambda: {k: list(v) for k, v in lex.BODY_ACTS.items()},
                                            description="身体介護の行為と、それを表す語")
    takeover: list[str] = _list(lex.TAKEOVER, "行為を本人に代わって行うことを表す語（介助・代行・管理 等）")
    joint: list[str] = _list(lex.JOINT, "本人と一緒に行う援助を表す語")
    limiters: list[str] = _list(lex.LIMITERS, "援助を一部に限る語（のみ・だけ 等）")
    self_words: list[str] = _list(lex.SELF, "本人が行うことを表す語（自分で・一人で 等）")

    def acts(self) -> dict:
        hit = self._sets.get("(acts)")
        if hit is None:
            hit = self._sets["(acts)"] = {name: words(ws) for name, ws in self.body_acts.items()}
        return hit


@register
class ContentTakesOverGoal(Rule):
    code = "TX409"
    name = "サービス内容が、目標で本人が自分で行う身体の行為を丸ごと介助している"
    severity = Severity.INFO
    Params = BodyActParams
    what = (
        "短期目標が本人が自分で（一人で）行う身体の行為（入浴・服薬・排泄・食事・更衣・移乗・整容）を書いているのに、その目標の下の"
        "サービス内容（本人・家族以外の行）がその行為の「介助」「代行」「管理」だけになっている組合せを探します（「一人で浴槽を"
        "またいで入浴できる」＋「入浴介助」、「自分で薬カレンダーから取り出して飲める」＋「服薬介助」）。サービス内容が一部に"
        "限るもの（「洗髪のみ介助」）、見守り・声かけ・確認・練習のもの、本人の行う部分を書いたもの（「洗身は本人」）、目標自体が"
        "援助を含むもの（「見守りのもと」）、目標にない行為も並べたもの（短期入所の「入浴・排泄の介助」）は対象外です。生活援助（買物・調理・掃除 等）の代行は AS202 が見ます。" + ANALYSIS_NOTE
    )
    why = (
        "目標で本人が自分で行うとしている行為を事業所が丸ごと行うと、サービスが目標の達成に向かいません。どの部分を介助し、どこを"
        "本人が行うかを書けば、事業所が自分でできることを残した支援を計画できます。"
    )
    source = (
        f"{ASAHIKAWA}「支援内容」（介護が必要であれば、介護者は本人の生活行為をどこまで介護すべきか）・「本方針の解釈」（目標とする"
        f"生活行為を行っているのがサービス提供者）、{NAYORO} 4(1)⑤ サービスの提供【ポイント】（「自分でできること」を大切にして、"
        f"適正な介護量を見定めながら支援）、{KIYO} 第2表「サービス内容」（記載要領の文言は知識による）"
    )
    bad = "短期目標「手すりを使い、一人で浴槽をまたいで入浴できる」、サービス内容「入浴介助」（訪問介護）"
    good = "同じ目標に、サービス内容「浴槽をまたぐ動作の見守りと声かけ、洗髪のみ介助」"
    hint = "介助する部分と本人が行う部分を書き分けてください。型:「（動作）の見守り・声かけ、（本人にできない部分）のみ介助」。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        p = self.params
        acts = p.acts()
        self_w, joint, limiters, takeover = p.ws("self_words"), p.ws("joint"), p.ws("limiters"), p.ws("takeover")
        for sg in plan.table2.short_goals():
            rows = [(s, c) for s in sg.services if not is_non_provider(s) and s.content.loc is not None
                    and (c := text_of(s.content)).strip() and reading.mentions(c, takeover)]
            if not rows:
                continue  # most rows take nothing over: the goal is read only when one does
            goal = text_of(sg.text)
            if not goal.strip() or not reading.mentions(goal, self_w) or reading.mentions(goal, joint) \
                    or reading.mentions(goal, limiters):
                continue  # the person does it by themselves, and the goal itself asks for no help
            goal_acts = reading.activities(goal, acts)
            if not goal_acts:
                continue
            for s, content in rows:
                if any(reading.mentions(content, ws) for ws in (joint, limiters, self_w)):
                    continue  # help with a part, done together, or the person's part written down
                content_acts = reading.activities(content, acts)
                done = goal_acts & content_acts
                if done and content_acts <= goal_acts:  # not 短期入所（入浴・排泄・服薬の介助）: the care of a stay
                    act = sorted(done, key=list(p.body_acts).index)[0]
                    yield self.finding(ctx, s.content.loc,
                                       f"サービス内容「{quote(content)}」が、短期目標「{quote(goal)}」で本人が自分で行う{act}を"
                                       "丸ごと介助・代行する内容になっています")

    CASES = [
        Case("TX409", "一人で入浴できる目標に入浴介助",
             chain(lambda p: setv(sg0(p).text, "手すりを使い、一人で浴槽をまたいで入浴できる"),
                   lambda p: setv(sg0(p).services[0].content, "入浴介助")), [("TX409", "第2表!F6")]),
        Case("TX409", "自分で飲める目標に服薬介助",
             chain(lambda p: setv(sg0(p).text, "自分で薬カレンダーから薬を取り出して飲める"),
                   lambda p: setv(sg0(p).services[0].content, "服薬介助")), [("TX409", "第2表!F6")]),
        Case("TX409", "自分で管理する目標に服薬の管理・配薬",
             chain(lambda p: setv(sg0(p).text, "自分で薬を管理し、毎食後に飲める"),
                   lambda p: setv(sg0(p).services[0].content, "服薬の管理・配薬")), [("TX409", "第2表!F6")]),
        Case("TX409", "一部に限った介助は可",
             chain(lambda p: setv(sg0(p).text, "手すりを使い、一人で浴槽をまたいで入浴できる"),
                   lambda p: setv(sg0(p).services[0].content, "入浴介助（洗髪のみ）")), []),
        Case("TX409", "本人の行う部分を書いた介助は可",
             chain(lambda p: setv(sg0(p).text, "手すりを使い、一人で浴槽をまたいで入浴できる"),
                   lambda p: setv(sg0(p).services[0].content, "入浴介助（洗身は本人、背中を介助）")), []),
        Case("TX409", "見守り・声かけは可",
             chain(lambda p: setv(sg0(p).text, "手すりを使い、一人で浴槽をまたいで入浴できる"),
                   lambda p: setv(sg0(p).services[0].content, "浴槽をまたぐ動作の見守りと声かけ")), []),
        Case("TX409", "本人が自分で行うと書かない目標なら可",
             chain(lambda p: setv(sg0(p).text, "週2回、自宅の浴槽で入浴できる"),
                   lambda p: setv(sg0(p).services[0].content, "入浴介助")), []),
        Case("TX409", "目標にない行為も並べた介助（滞在中のケア）は目標の行為を取り上げたものとは読まない",
             chain(lambda p: setv(sg0(p).text, "入浴用いすに座って自分で体を洗える"),
                   lambda p: setv(sg0(p).services[0].content, "家族の休養のための短期入所（入浴・排泄の介助）")), []),
        Case("TX409", "家族の行は対象外",
             chain(lambda p: setv(sg0(p).text, "自分で薬カレンダーから薬を取り出して飲める"),
                   lambda p: setv(sg0(p).services[0].content, "服薬介助"),
                   lambda p: setv(sg0(p).services[0].service_type, "家族")), []),
    ]


# ---------------------------------------------------------------- 総合的な援助の方針


def policy_boilerplate(text: str, params: PolicyParams) -> str | None:
    return reading.names_nothing_observable(text, params.ws("generic"), lex.neutral(), params.ws("specific_services"),
                                            params.ws("activity_verbs"))


def policy_has_life(text: str, params: PolicyParams) -> bool:
    """The policy says what life the person wants: a wish (〜たい, 希望, 思い, 楽しみ) and something particular."""
    toks = reading.analyse(text)
    return reading.has_desire(toks, params.ws("desire_words")) and policy_boilerplate(text, params) is None


class PolicyRule(Rule):
    """Reads 総合的な援助の方針 (blank: CP101's business)."""

    Params = PolicyParams

    def judge(self, text: str) -> str | None:  # pragma: no cover - abstract
        """The message for this policy text, or None."""
        raise NotImplementedError

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        v = plan.table1.overall_policy
        text = text_of(v)
        if text.strip() and v.loc is not None:
            message = self.judge(text)
            if message:
                yield self.finding(ctx, v.loc, message)


@register
class BoilerplatePolicy(PolicyRule):
    code = "TX407"
    name = "総合的な援助の方針が定型文になっている"
    severity = Severity.INFO
    what = (
        "総合的な援助の方針が「自分らしい生活が送れるよう支援します」「関係機関と連携して支援します」のような、どの利用者にも"
        "書ける語だけでできていないかを見ます（この人の状態・望み・サービスの組み立てが一つも出てこないもの）。" + ANALYSIS_NOTE
    )
    why = (
        "総合的な援助の方針は、ニーズに対応してケアチームがどのようなチームケアを行うかを、利用者・家族を含むチームで確認して"
        "書くものです。定型文では、チームが目標を共有できません。"
    )
    source = f"{KIYO} 第1表「総合的な援助の方針」（記載要領の文言は知識による）、{NAYORO} 4(1)③（総合的な援助方針を決定し、目標を共有化）"
    bad = "「自分らしい生活が送れるよう支援します。」"
    good = "「『もう一度自分の足で畑に行きたい』というご本人の思いを大切に、膝の痛みに配慮しながら歩く力をつけられるよう、リハビリと福祉用具で支えます。」"
    hint = "この方の望む暮らし・課題・チームの役割分担を書いてください。型:「（本人の望み）を大切に、（課題）に（どのサービス・誰が）（どう）支える。緊急時は（連絡先）」。"

    def judge(self, text):
        phrase = policy_boilerplate(text, self.params)
        if phrase:
            return f"総合的な援助の方針「{quote(text)}」が、どの利用者にも書ける定型文（「{phrase}」）になっています"
        return None

    CASES = [
        Case("TX407", "定型文", lambda p: setv(p.table1.overall_policy, "自分らしい生活が送れるよう支援します。"),
             [("TX407", "第1表!B11"), ("TX408", "第1表!B11")]),
        Case("TX407", "連携して支援します＋緊急連絡",
             lambda p: setv(p.table1.overall_policy, "ご本人の意向を尊重し、関係機関と連携して支援します。緊急時は長女へ連絡します。"),
             [("TX407", "第1表!B11"), ("TX408", "第1表!B11")]),
        Case("TX407", "法の目的の言い回し（尊厳の保持）",
             lambda p: setv(p.table1.overall_policy, "利用者の尊厳を保持し、自立した生活を支援する。"),
             [("TX407", "第1表!B11"), ("TX408", "第1表!B11")]),
        Case("TX407", "計画が自分のことを語るだけ（計画を作成し、見直します）",
             lambda p: setv(p.table1.overall_policy, "ご本人の意向を踏まえて計画を作成し、定期的に見直します。"),
             [("TX407", "第1表!B11"), ("TX408", "第1表!B11")]),
        Case("TX407", "医療と介護の連携・在宅療養も定型の語",
             lambda p: setv(p.table1.overall_policy, "医療と介護の連携を図り、在宅療養を支援します。"),
             [("TX407", "第1表!B11"), ("TX408", "第1表!B11")]),
        Case("TX407", "「福祉用具を活用し」はどの計画にも書ける",
             lambda p: setv(p.table1.overall_policy, "福祉用具を活用し、在宅生活が送れるよう支援します。"),
             [("TX407", "第1表!B11"), ("TX408", "第1表!B11")]),
        Case("TX407", "ガイドラインの標語（自立支援・重度化防止）も定型の語",
             lambda p: setv(p.table1.overall_policy, "自立支援・重度化防止の視点で、ケアプランを作成します。"),
             [("TX407", "第1表!B11"), ("TX408", "第1表!B11")]),
        Case("TX407", "この人の課題とサービスが書かれていれば可",
             lambda p: setv(p.table1.overall_policy, "下肢筋力の低下と服薬の課題に対し、通所リハと訪問看護で支援する。"),
             [("TX408", "第1表!B11")]),
    ]


@register
class PolicyWithoutLife(PolicyRule):
    code = "TX408"
    name = "総合的な援助の方針に本人の望む暮らしが書かれていない"
    severity = Severity.INFO
    what = (
        "総合的な援助の方針に、本人の望む暮らし（「〜を続けたい」という希望・思い・楽しみと、その中身）が書かれているかを見ます。"
        "定型文（TX407）も、望む暮らしの中身がないものとして対象です（名寄市プロファイルでは NY302 に置き換え）。" + ANALYSIS_NOTE
    )
    why = (
        "援助の方針は、本人の意向を踏まえ、チーム全員が同じ目標（本人の望む暮らし）に向かうためのものです。望む暮らしがないと、"
        "支援が問題への対処だけになります。"
    )
    source = f"{KIYO} 第1表「総合的な援助の方針」（利用者及び家族の意向を踏まえた課題分析の結果に対応——記載要領の文言は知識による）、{NAYORO} 3・4(1)⑤、{ASAHIKAWA}「本市におけるケアマネジメントの方針」（本人が送りたい主体的で活動的な生活）"
    bad = "「転倒に注意し、サービスを適切に利用できるよう支援します。」"
    good = "「畑仕事を続けたいというご本人の思いを大切に、心不全の悪化を防ぎながら体力に合わせて作業ができるよう支援します。」"
    hint = "本人の望む暮らしを方針の最初に書いてください。型:「（〜を続けたい）というご本人の希望を大切に、（課題）に（サービス）で（どう）支える」。"

    def judge(self, text):
        if policy_has_life(text, self.params):
            return None
        return f"総合的な援助の方針「{quote(text)}」に、本人の望む暮らし（何を続けたいか・どう暮らしたいか）が書かれていません"

    CASES = [
        Case("TX408", "問題への対処だけ",
             lambda p: setv(p.table1.overall_policy, "転倒に注意し、サービスを適切に利用できるよう支援します。緊急時は長女に連絡します。"),
             [("TX408", "第1表!B11")]),
        Case("TX408", "本人の好み（趣味・〜好き）も望む暮らし",
             lambda p: setv(p.table1.overall_policy, "釣りが好きなご本人が、また川まで歩いて行けるよう、訪問リハで屋外歩行の練習を行います。"),
             []),
        Case("TX408", "望む暮らしがあれば可",
             chain(lambda p: setv(p.table1.overall_policy, "畑仕事を続けたいというご本人の思いを大切に、心不全の悪化を防ぎながら体力に合わせて作業ができるよう支援します。")),
             []),
    ]
