"""第2表 援助内容: required columns, 生活援助中心型, 福祉用具 reasons, 告示218 counts."""

from __future__ import annotations

import re
from typing import Iterable


from xl_careplan.checked import checked, setting
from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.domain.limits import KOKUJI218_LIMITS
from xl_careplan.domain.services import (
    WELFARE_EQUIPMENT_KINDS, is_living_support, is_non_provider, living_support_count, service_kind,
)
from xl_careplan.rules.cases import Case, chain, clear, parsed, setv, sg0
from xl_careplan.rules.common import is_blank, norm, quote, text_of
from xl_careplan.rules.records import find_in, record_texts
from xl_careplan.rules.sources import KIJUN, KIYO, KOKUJI218, SANTEI19
from xl_careplan.values import CareLevel, Frequency



@register
class ServiceColumns(Rule):
    code = "CP130"
    name = "援助内容の記載漏れ"
    severity = Severity.ERROR
    what = (
        "第2表の援助内容の各行で、サービス内容・サービス種別・※2（事業所）・頻度・期間が空欄でないかを確認します（本人が行う行は"
        "※2を問いません。家族・地域の支えの行は、サービス種別に誰が行うか（「家族（長女）」「インフォーマル（民生委員）」）が"
        "書かれていれば※2が空欄でも問いません）。"
    )
    why = (
        "記載要領は援助内容に、サービス内容、サービス種別、当該サービスを提供する事業所、頻度、期間を記載するよう求めています。"
        "※2は「当該サービス提供を行う事業所」の欄で、家族が担う部分は誰が行うのかを明記すればよいとされています。"
    )
    source = (
        f"{KIYO} 第2表「援助内容」（サービス内容・※1・サービス種別・※2・頻度・期間）、同「サービス種別」（家族が担う介護部分に"
        "ついても、誰が行うのかを明記する。文言は知識による）"
    )
    bad = "訪問介護の行で頻度が空欄。"
    good = "「居室の掃除・調理（生活援助）／訪問介護／見本訪問介護事業所／週2回／令和8年4月15日～令和8年10月14日」。"
    hint = "空欄の列を記入してください。"

    COLUMNS = (("content", "サービス内容"), ("service_type", "サービス種別"), ("provider", "※2（事業所）"),
               ("frequency", "頻度"), ("period", "期間"))

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        for s in plan.table2.services():
            st = norm(text_of(s.service_type))
            # 本人, or a family / informal row whose サービス種別 already says who (家族（長女）): no 事業所 to write
            own = st.startswith("本人") or (is_non_provider(s) and bool(re.search(r"[(（:：]\s*[^)）\s]", st)))
            what = quote(text_of(s.content), 20) or quote(text_of(s.service_type), 20) or "サービス"
            for key, label in self.COLUMNS:
                if key == "provider" and own:
                    continue
                v = getattr(s, key)
                if v.loc is not None and is_blank(v) and not v.problem:
                    yield self.finding(ctx, v.loc, f"援助内容「{what}」の{label}が空欄です")

    CASES = [
        Case("CP130", "頻度が空欄", lambda p: clear(sg0(p, 1).services[0].frequency), [("CP130", "第2表!J9")]),
        Case("CP130", "サービス種別と事業所が空欄",
             lambda p: clear(sg0(p).services[0].service_type, sg0(p).services[0].provider),
             [("CP130", "第2表!H6"), ("CP130", "第2表!I6")]),
        Case("CP130", "本人の行は事業所が空欄でも可", lambda p: clear(sg0(p).services[2].provider), []),
        Case("CP130", "家族の行で、サービス種別に誰が行うか（家族（長女））があれば※2が空欄でも可",
             chain(lambda p: setv(sg0(p).services[2].service_type, "家族（長女）"), lambda p: clear(sg0(p).services[2].provider)), []),
        Case("CP130", "家族とだけ書いて※2も空欄なら指摘（誰が行うか分からない）",
             chain(lambda p: setv(sg0(p).services[2].service_type, "家族"), lambda p: clear(sg0(p).services[2].provider)),
             [("CP130", "第2表!I8")]),
    ]


@register
class LivingSupportReason(Rule):
    code = "CP140"
    name = "生活援助中心型の算定理由が空欄"
    severity = Severity.ERROR
    what = ("第2表に訪問介護の生活援助（掃除・洗濯・調理・買物など）があるのに、第1表「生活援助中心型の算定理由」が空欄でないかを確認します。"
            "要支援・事業対象者の計画は対象外です（総合事業の訪問型サービスに生活援助中心型の区分はありません）。")
    why = "生活援助中心型の訪問介護は、一人暮らし・家族等の障害や疾病などの理由がある場合に算定でき、記載要領は第1表にその理由の記載を求めています。"
    source = (f"{KIYO} 第1表「生活援助中心型の算定理由」、{SANTEI19}別表1 訪問介護費（生活援助中心型。要介護者の区分、"
              "総合事業は市町村が定める、知識による）")
    bad = "第2表に「居室の掃除・調理（生活援助）／訪問介護」があるのに、算定理由が空欄。"
    good = "算定理由「1. 一人暮らし」に○（または理由を記入）。"
    hint = "第1表の「生活援助中心型の算定理由」で該当する番号を選ぶか、「3. その他」に理由を書いてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        level = plan.table1.care_level.value
        if isinstance(level, CareLevel) and level.is_support:
            return  # 要支援: 総合事業の訪問型サービス has no 生活援助中心型 and no 算定理由 (a 居宅 form's field)
        rows = [s for s in plan.table2.services() if is_living_support(s)]
        reason = plan.table1.living_support_reason
        if not rows or not is_blank(reason) or reason.loc is None:
            return  # not found at all: a reading note (CP001)
        first = rows[0]
        msg = f"第2表に訪問介護の生活援助（{quote(text_of(first.content), 20)}）がありますが、第1表「生活援助中心型の算定理由」が空欄です"
        yield self.finding(ctx, reason.loc, msg)

    CASES = [
        Case("CP140", "生活援助があるのに算定理由が空欄", lambda p: clear(p.table1.living_support_reason),
             [("CP140", "第1表!B12")]),
        Case("CP140", "生活援助がなければ空欄で可",
             chain(lambda p: clear(p.table1.living_support_reason),
                   lambda p: setattr(sg0(p, 1), "services", sg0(p, 1).services[1:])), []),
        Case("CP140", "要支援の計画（総合事業の訪問型サービス）では問わない",
             chain(lambda p: clear(p.table1.living_support_reason), lambda p: setv(p.table1.care_level, CareLevel.SHIEN2),
                   lambda p: setv(sg0(p, 1).services[0].service_type, "訪問型サービス（総合事業）")), []),
        Case("CP140", "「買物代行」も生活援助",
             chain(lambda p: clear(p.table1.living_support_reason),
                   lambda p: setattr(sg0(p, 1), "services", sg0(p, 1).services[1:]),
                   lambda p: setv(sg0(p, 1).services[0].content, "買物代行")), [("CP140", "第1表!B12")]),
    ]


# the reason as offices write it: a cause (ため・ので), a purpose (目的・よう), or the effect the equipment is for
# (安定させる・安全に・楽に・しやすく・補助・防ぐ — 「入浴用いす（浴室での立ち座りを安定させる）」)
REASON_WORDS = (
    r"ため|ので|から|により|によって|よう(に)?|目的|必要|防止|予防|軽減|確保|維持|できる|困難|不安定|負担|"
    r"安定|安全|楽に|しやす|補助|支え|防ぐ|防ぎ|転倒|自立"
)


@register
class EquipmentReason(Rule):
    code = "CP141"
    name = "福祉用具の必要な理由がない"
    severity = Severity.ERROR
    what = (
        "福祉用具貸与・特定福祉用具販売の行のサービス内容に、その福祉用具が必要な理由（目的）が書かれているかを確認します。"
        "原因（〜ため）・目的（〜目的、〜できるよう）のほか、用具で得る効果（立ち座りを安定させる、安全に、楽に、転倒を防ぐ）も理由とみなします。"
    )
    why = "運営基準は、居宅サービス計画に福祉用具貸与・特定福祉用具販売を位置付ける場合、その必要な理由を計画に記載するよう求めています。"
    source = f"{KIJUN} 第13条第22号（福祉用具貸与）・第23号（特定福祉用具販売）"
    bad = "サービス内容「歩行器」だけ。"
    good = "サービス内容「歩行器の貸与（膝の痛みがあり、屋外を安全に歩くため）」。"
    hint = "サービス内容に「～のため」と、その福祉用具が必要な理由を書き添えてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        for s in plan.table2.services():
            if service_kind(s) not in WELFARE_EQUIPMENT_KINDS:
                continue
            content = norm(text_of(s.content))
            if re.search(REASON_WORDS, content):
                continue
            loc = s.content.loc or s.service_type.loc
            yield self.finding(
                ctx, loc,
                f"{service_kind(s)}「{quote(text_of(s.content), 20) or '（内容なし）'}」に必要な理由が書かれていません",
            )

    CASES = [
        Case("CP141", "歩行器とだけ書かれている", lambda p: setv(sg0(p).services[1].content, "歩行器"),
             [("CP141", "第2表!F7")]),
        Case("CP141", "特定福祉用具販売も対象",
             lambda p: (setv(sg0(p).services[1].content, "入浴用いすの購入"), setv(sg0(p).services[1].service_type, "特定福祉用具販売")),
             [("CP141", "第2表!F7")]),
        Case("CP141", "理由があれば可", lambda p: setv(sg0(p).services[1].content, "歩行器（転倒を防止し屋外を歩くため）"), []),
        Case("CP141", "目的を効果で書いた理由（立ち座りを安定させる）も可",
             lambda p: setv(sg0(p).services[1].content, "入浴用いす（浴室での立ち座りを安定させる）"), []),
        Case("CP141", "種目の仕様だけ（歩行器（四輪））は理由にならない",
             lambda p: setv(sg0(p).services[1].content, "歩行器（四輪・レンタル）"), [("CP141", "第2表!F7")]),
    ]


@checked
class LimitParams:
    limits: dict[str, int] = setting(
        factory=lambda: dict(KOKUJI218_LIMITS),
        description="要介護度ごとの生活援助中心型の月の回数（告示218）。書いた要介護度だけが置き換わります",
        after=lambda v: {**KOKUJI218_LIMITS, **v},  # a profile that sets 要介護1 keeps the 告示 counts of the others
    )


# the 届出 of 第18号の2 recorded (第4表・第5表・第1表・第2表): 「市へ届け出た」「保険者に届出済み」
NOTIFIED = r"届け?出(済|た|ました|を行った|を行いました)|提出(済|した|しました)"  # done, not 「届け出る」 (to be done)


@register
class LivingSupportCount(Rule):
    code = "CP142"
    name = "生活援助の回数が告示の回数以上"
    severity = Severity.WARNING
    Params = LimitParams
    what = (
        "第2表の訪問介護（生活援助中心型）の頻度から月の回数を見積もり（週N回は N×52÷12）、要介護度ごとの"
        "厚生労働大臣が定める回数（要介護1 27回、要介護2 34回、要介護3 43回、要介護4 38回、要介護5 31回）以上になっていないかを"
        "確認します（回数と同じ場合も対象です）。身体介護に引き続く生活援助（身体○生活○）と見守り的援助は数えません。"
        "市町村へ届け出たこと（「市へ届け出た」「届出済み」）が第4表・第5表・第1表・第2表に書かれていれば指摘しません。"
    )
    why = (
        "運営基準は、厚生労働大臣が定める回数「以上」の生活援助中心型の訪問介護を位置付ける場合、その利用の妥当性を検討し、"
        "必要な理由を計画に記載したうえで、計画を市町村に届け出るよう定めています。"
    )
    source = f"{KIJUN} 第13条第18号の2（厚生労働大臣が定める回数「以上」を位置付ける場合の届出）、{KOKUJI218}"
    bad = "要介護1で生活援助が毎日（月約30回）。"
    good = "要介護1で生活援助が週3回（月約13回）、または回数以上で市町村へ届出済み（方針と異なる理由に記載）。"
    hint = "必要性を第2表に記載し、計画を市町村に届け出てください。届け出た場合は「方針と異なる理由」シートに届出日を書いてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        level = plan.table1.care_level.value
        if not isinstance(level, CareLevel) or level.kaigo_degree is None:
            return
        limit = self.params.limits.get(level.value)
        if limit is None:
            return
        services = plan.table2.services()
        rows = [s for s in services if is_living_support(s)]
        total, _unknown = living_support_count(services)
        if rows and total >= limit - 1e-9 and not find_in(record_texts(plan, table1=True), NOTIFIED):  # 第18号の2: 「以上」
            loc = next((s.frequency.loc for s in rows if s.frequency.loc), rows[0].content.loc)
            yield self.finding(
                ctx, loc,
                f"訪問介護（生活援助中心型）が月約{total:.0f}回で、{level.value}の厚生労働大臣が定める回数（月{limit}回）以上です"
                "（市町村への届出が必要です）",
            )

    CASES = [
        Case("CP142", "要介護2で生活援助が毎日2回（月約61回）",
             lambda p: setv(sg0(p, 1).services[0].frequency, Frequency(kind="per_day", count=2), "1日2回"),
             [("CP142", "第2表!J9")]),
        Case("CP142", "要介護3で「毎日（1日2回 朝・夕）」（月約61回 ≥ 43回）: 括弧の中の1日の回数も数える",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO3),
                   lambda p: parsed(sg0(p, 1).services[0].frequency, "毎日（1日2回 朝・夕）")),
             [("CP142", "第2表!J9")]),
        Case("CP142", "要介護1で毎日（月約30回 > 27回）",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1),
                   lambda p: setv(sg0(p, 1).services[0].frequency, Frequency(kind="daily"), "毎日")),
             [("CP142", "第2表!J9")]),
        Case("CP142", "要介護1で月27回（告示の回数と同じ: 「以上」なので届出の対象）",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1),
                   lambda p: setv(sg0(p, 1).services[0].frequency, Frequency(kind="per_month", count=27), "月27回")),
             [("CP142", "第2表!J9")]),
        Case("CP142", "要介護1で月26回は可",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1),
                   lambda p: setv(sg0(p, 1).services[0].frequency, Frequency(kind="per_month", count=26), "月26回")), []),
        Case("CP142", "種別に「訪問介護（生活援助）」、内容に「掃除」の行も生活援助として数える",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1),
                   lambda p: setv(sg0(p, 1).services[0].service_type, "訪問介護（生活援助）"),
                   lambda p: setv(sg0(p, 1).services[0].content, "掃除"),
                   lambda p: setv(sg0(p, 1).services[0].frequency, Frequency(kind="daily"), "毎日")),
             [("CP142", "第2表!J9")]),
        Case("CP142", "身体介護に引き続く生活援助（身体○生活○）は数えない",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1),
                   lambda p: setv(sg0(p, 1).services[0].content, "入浴介助（身体介護）に引き続き掃除（生活援助）"),
                   lambda p: setv(sg0(p, 1).services[0].frequency, Frequency(kind="daily"), "毎日")), []),
        Case("CP142", "要介護2で毎日（月約30回 ＜ 34回）は可",
             lambda p: setv(sg0(p, 1).services[0].frequency, Frequency(kind="daily"), "毎日"), []),
        Case("CP142", "届け出たことが第4表に書かれていれば指摘しない",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1),
                   lambda p: setv(sg0(p, 1).services[0].frequency, Frequency(kind="daily"), "毎日"),
                   lambda p: setv(p.table4.conclusion, "生活援助が告示の回数以上となる理由を記載し、令和8年4月14日に市へ届け出た。")), []),
        Case("CP142", "「市に届け出る」（これから）は届出の記録にならない",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1),
                   lambda p: setv(sg0(p, 1).services[0].frequency, Frequency(kind="daily"), "毎日"),
                   lambda p: setv(p.table4.conclusion, "生活援助の回数が基準回数を超えるため、市に届け出る。")), [("CP142", "第2表!J9")]),
        Case("CP142", "パラメータで基準回数を変えられる",
             lambda p: None, [("CP142", "第2表!J9")], params={"CP142": {"limits": {"要介護2": 5}}}),
        Case("CP142", "要支援は対象外",
             chain(lambda p: setv(p.table1.care_level, CareLevel.SHIEN2),
                   lambda p: setv(sg0(p, 1).services[0].frequency, Frequency(kind="per_day", count=2), "1日2回")), []),
    ]
