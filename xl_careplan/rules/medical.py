"""医療系サービス (訪問看護・訪問リハ・通所リハ・居宅療養管理指導・短期入所療養介護 …): the 主治の医師等 behind them,
and the emergency contacts the 総合的な援助の方針 should name when medical needs are in the plan."""

from __future__ import annotations

import re
from typing import Iterable

from xl_careplan.domain.services import MEDICAL_KINDS, service_kind
from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan, ServiceRow
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, chain, clear, setv, sg0
from xl_careplan.rules.common import finding_at, is_blank, norm, quote, table1_sheet, text_of
from xl_careplan.rules.records import NO_TABLE5, absence_doubt, find_in, record_texts
from xl_careplan.rules.sources import KAISHAKU, KIJUN, KIYO
from xl_careplan.values import Frequency

DOCTOR = r"(主治医|主治の医師|かかりつけ医|往診医|担当医|専門医|医師|歯科医師|ドクター|Dr\.?)"
# the doctor named by the clinic too (「往診医（名寄東クリニック）より…との意見」「さくら病院より指示書」)
OPINION = rf"({DOCTOR}|医院|クリニック|病院|診療所)[^。]{{0,60}}(意見|指示|照会|了承|許可|所見)|指示書|診療情報提供|情報提供書"
DELIVERED = rf"({DOCTOR}|医院|クリニック|病院|診療所)[^。]{{0,40}}(交付|送付|提供|手渡|渡し|FAX|ファックス|郵送|届け)"
EMERGENCY = r"緊急|急変|救急|連絡先|連絡する|連絡します|連絡を|119|異変|体調不良時|発作時|悪化時"


# 定期巡回・随時対応型訪問介護看護 and 看護小規模多機能型居宅介護 are 医療サービス only when they give 訪問看護
# (解釈通知 第二 3(8)⑱「訪問看護サービスを利用する場合に限る」、知識による): the row's words say so
NURSING_PART = ("定期巡回・随時対応型訪問介護看護", "看護小規模多機能型居宅介護")
_NURSING = re.compile(r"看護|服薬|血圧|バイタル|医療的|褥瘡|点滴|カテーテル|インスリン|吸引")
_KIND_NAMES = re.compile(r"訪問介護看護|看護小規模多機能")


def medical_rows(plan: CarePlan) -> list[ServiceRow]:
    out = []
    for s in plan.table2.services():
        kind = service_kind(s)
        if kind not in MEDICAL_KINDS:
            continue
        said = f"{text_of(s.content)} {text_of(s.service_type)} {s.frequency.raw or ''}"  # 「通い 週2回、訪問看護 週1回」
        if kind in NURSING_PART and not _NURSING.search(_KIND_NAMES.sub("", norm(said))):
            continue  # 連携型の定期巡回, 看多機 without its nursing: not a 医療サービス
        out.append(s)
    return out


def _kinds(rows: list[ServiceRow]) -> str:
    return "・".join(dict.fromkeys(service_kind(s) or "" for s in rows))


@register
class DoctorOpinion(Rule):
    code = "CP145"
    name = "医療系サービスに主治の医師等の意見・指示の記録がない"
    severity = Severity.WARNING
    what = (
        "第2表に医療系サービス（訪問看護・訪問リハビリテーション・通所リハビリテーション・居宅療養管理指導・短期入所療養介護など）"
        "があるとき、主治の医師等の意見・指示（照会・指示書・診療情報提供を含む）の記録が第4表・第5表・サービス内容のどこかにあるかを"
        "確認します。第5表 居宅介護支援経過がブックにない場合は、第4表に書かれていないことを助言（info）として伝えるだけにします"
        "（照会の記録はふつう第5表に書くので、第4表にないだけでは記録がないと言えません）。第4表も第5表もなければ点検しません。"
        "記録を探すほかのルール（CP143・CP146）も同じ扱いです。"
    )
    why = (
        "運営基準は、利用者が医療サービスの利用を希望する場合には利用者の同意を得て主治の医師等の意見を求め、計画に医療サービスを"
        "位置付ける場合は主治の医師等の指示がある場合に限るとしています。記録が別の書類にある場合もあるため警告としています。"
        "記載要領は第5表を居宅介護支援の経過（関係者との連絡調整など）を記録する様式としており、第5表を介護ソフトなど別に保管する"
        "事業所も多いため、第5表のないブックでは確かめられません。"
    )
    source = f"{KIJUN} 第13条第19号（主治の医師等の意見）・第20号（主治の医師等の指示）、{KIYO} 第5表 居宅介護支援経過（知識による）"
    bad = "第2表に通所リハビリテーションがあり、第4表にも第5表にも主治医の意見・指示の記載がない。"
    good = "第5表「4/8 見本内科の主治医に通所リハビリの必要性を照会し、利用の指示を得た」。"
    hint = "主治の医師等に意見を求めた日・内容・指示を第4表または第5表に記録してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        rows = medical_rows(plan)
        doubt = absence_doubt(plan)
        if not rows or doubt is None or find_in(record_texts(plan), OPINION):
            return
        s = rows[0]
        yield self.finding(ctx, s.service_type.loc or s.content.loc,
                           f"医療系サービス（{_kinds(rows)}）がありますが、主治の医師等の意見・指示の記録が第4表・第5表に見当たりません"
                           + NO_TABLE5 * doubt, doubt=doubt)

    CASES = [
        Case("CP145", "通所リハがあり、第4表にも第5表にも主治医の記録がない",
             chain(lambda p: setattr(p.table5, "entries", [e for e in p.table5.entries if not find_in([e.content.value or ""], OPINION)]),
                   lambda p: setv(p.table4.discussion, "歩行訓練の内容を確認した。")),
             [("CP145", "第2表!H6")]),
        Case("CP145", "第4表に主治医の指示があれば可",
             chain(lambda p: setattr(p.table5, "entries", [e for e in p.table5.entries if not find_in([e.content.value or ""], OPINION)]),
                   lambda p: setv(p.table4.discussion, "主治医（見本内科）より通所リハビリでの歩行訓練の指示あり。")), []),
        Case("CP145", "往診医・クリニックの名で書いた意見も可",
             chain(lambda p: setattr(p.table5, "entries", [e for e in p.table5.entries if not find_in([e.content.value or ""], OPINION)]),
                   lambda p: setv(p.table4.discussion, "往診医（見本クリニック）より「通所リハビリで体力の変化を早めに把握してほしい」との意見あり。")), []),
        Case("CP145", "第5表がブックになければ助言だけ（照会は第5表に書くことが多い）",
             chain(lambda p: setattr(p, "table5", None), lambda p: setv(p.table4.discussion, "歩行訓練の内容を確認した。")),
             [("CP145", "第2表!H6"), ("CP146", "第2表!H6")], severity="info"),
        Case("CP145", "第4表も第5表もなければ点検しない",
             chain(lambda p: setattr(p, "table5", None), lambda p: setattr(p, "table4", None)), []),
        Case("CP145", "訪問看護を含まない定期巡回（連携型）は医療系サービスではない",
             chain(lambda p: setattr(p.table5, "entries", []), lambda p: setv(p.table4.discussion, "歩行訓練の内容を確認した。"),
                   lambda p: setv(sg0(p).services[0].service_type, "定期巡回・随時対応型訪問介護看護"),
                   lambda p: setv(sg0(p).services[0].content, "定期巡回による排泄の介助と安否の確認")), []),
        Case("CP145", "訪問看護を含む定期巡回は医療系サービス",
             chain(lambda p: setattr(p.table5, "entries", p.table5.entries[1:]), lambda p: setv(p.table4.discussion, "歩行訓練の内容を確認した。"),
                   lambda p: setv(sg0(p).services[0].service_type, "定期巡回・随時対応型訪問介護看護"),
                   lambda p: setv(sg0(p).services[0].content, "定期巡回と、看護師による服薬管理")), [("CP145", "第2表!H6")]),
        Case("CP145", "看多機の頻度に訪問看護が書かれていれば医療系サービス",
             chain(lambda p: setattr(p.table5, "entries", p.table5.entries[1:]), lambda p: setv(p.table4.discussion, "歩行訓練の内容を確認した。"),
                   lambda p: setv(sg0(p).services[0].service_type, "看護小規模多機能型居宅介護"),
                   lambda p: setv(sg0(p).services[0].content, "通いでの入浴と体操"),
                   lambda p: setv(sg0(p).services[0].frequency, Frequency(kind="per_week", count=2), "通い 週2回、訪問看護 週1回")),
             [("CP145", "第2表!H6")]),
        Case("CP145", "医療系サービスがなければ対象外",
             chain(lambda p: setattr(p, "table5", None), lambda p: setv(sg0(p).services[0].service_type, "通所介護")), []),
    ]


@register
class PlanToDoctor(Rule):
    code = "CP146"
    name = "医療系サービスの計画を主治の医師等に交付した記録がない"
    severity = Severity.WARNING
    what = (
        "医療系サービスを位置付けた計画で、意見を求めた主治の医師等へ計画を交付（送付・提供）した記録が第4表・第5表にあるかを"
        "確認します。第5表がブックにない場合は助言（info）として伝えるだけにし、第4表も第5表もなければ点検しません（CP145 と同じ）。"
    )
    why = "運営基準は、医療サービスについて意見を求めた主治の医師等に、作成した居宅サービス計画を交付しなければならないと定めています（令和3年度改正）。"
    source = f"{KIJUN} 第13条第19号の2（号番号は知識による）、{KAISHAKU}"
    bad = "第5表に主治医への意見照会はあるが、計画書を主治医に送付した記録がない。"
    good = "第5表「4/14 計画書を見本内科の主治医に送付した」。"
    hint = "計画を主治の医師等に交付した日と方法（持参・郵送・FAX など）を第5表に記録してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        rows = medical_rows(plan)
        doubt = absence_doubt(plan)
        if not rows or doubt is None or find_in(record_texts(plan), DELIVERED):
            return
        s = rows[0]
        yield self.finding(ctx, s.service_type.loc or s.content.loc,
                           f"医療系サービス（{_kinds(rows)}）の計画を主治の医師等に交付した記録が第4表・第5表に見当たりません"
                           + NO_TABLE5 * doubt, doubt=doubt)

    CASES = [
        Case("CP146", "第5表に交付の記録がない",
             lambda p: setattr(p.table5, "entries", p.table5.entries[:1]), [("CP146", "第2表!H6")]),
        Case("CP146", "第5表がなければ助言だけ", lambda p: setattr(p, "table5", None), [("CP146", "第2表!H6")], severity="info"),
        Case("CP146", "第4表も第5表もなければ点検しない",
             chain(lambda p: setattr(p, "table5", None), lambda p: setattr(p, "table4", None)), []),
        Case("CP146", "交付の記録があれば可", None, []),
    ]


@register
class EmergencyContact(Rule):
    code = "CP117"
    name = "医療系サービスがあるのに総合的な援助の方針に緊急時の対応がない"
    severity = Severity.INFO
    what = (
        "第2表に医療系サービスがあるとき、第1表の総合的な援助の方針に緊急時（急変時）の対応や連絡先が書かれているかを見ます。"
    )
    why = (
        "記載要領は、あらかじめ発生する可能性が高い緊急事態が想定される場合には、対応機関やその連絡先等を総合的な援助の方針に"
        "記載することが望ましいとしています。「望ましい」なので助言としています。"
    )
    source = f"{KIYO} 第1表「総合的な援助の方針」（文言は知識による）"
    bad = "訪問看護があるのに、方針に「自宅での生活を支援します。」だけ。"
    good = "方針に「体調の急変時は訪問看護ステーション見本（電話 …）と長女に連絡します」。"
    hint = "想定される緊急事態と、そのときの連絡先（主治医・訪問看護・家族など）を総合的な援助の方針に書いてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        rows = medical_rows(plan)
        policy = plan.table1.overall_policy
        if not rows or is_blank(policy) or policy.problem:
            return
        if find_in([text_of(policy)], EMERGENCY):
            return
        yield finding_at(self, ctx, policy, table1_sheet(plan),
                         f"医療系サービス（{_kinds(rows)}）がありますが、総合的な援助の方針「{quote(text_of(policy))}」に緊急時の対応・連絡先がありません")

    CASES = [
        Case("CP117", "緊急時の記載がない",
             lambda p: setv(p.table1.overall_policy, "住み慣れた自宅での生活を続けられるよう、チームで支援します。"),
             [("CP117", "第1表!B11")]),
        Case("CP117", "医療系サービスがなければ対象外",
             chain(lambda p: setv(p.table1.overall_policy, "住み慣れた自宅での生活を続けられるよう、チームで支援します。"),
                   lambda p: setv(sg0(p).services[0].service_type, "通所介護")), []),
        Case("CP117", "方針が空欄なら CP101 に任せる", lambda p: clear(p.table1.overall_policy), []),
        Case("CP117", "緊急時の連絡先があれば可", None, []),
    ]

