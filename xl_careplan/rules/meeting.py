"""第4表 サービス担当者会議の要点: who took part (本人・家族, the ※2 事業所 of 第2表), 照会 for those absent,
検討内容 and 結論 written, a meeting for the current certification (更新・区分変更)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from xl_careplan.domain.limits import RENEWAL_WINDOW_DAYS
from xl_careplan.domain.services import is_outside_insurance, mentions_kind, service_kind
from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, chain, clear, setv, sg0
from xl_careplan.rules.common import applying, at_sheet, is_blank, norm, text_of, wareki
from xl_careplan.rules.records import NO_TABLE5, absence_doubt, meeting_texts, support_texts
from xl_careplan.rules.sources import KIJUN, KIYO
from xl_careplan.values import Period

USER_OR_FAMILY = (
    r"本人|利用者|家族|妻|夫|長男|長女|次男|次女|三男|三女|息子|娘|嫁|婿|孫|兄|姉|弟|妹|甥|姪|親族|キーパーソン|後見"
)
INQUIRY = r"照会|意見を求め|意見を聴|意見聴取|書面で|電話で確認|欠席"
# 本人・家族 not at the meeting with the reason written, and their wishes heard before or after it (参加は「基本」)
ABSENT_WHY = re.compile(rf"({USER_OR_FAMILY})(は|も)?[^。]{{0,30}}(欠席|出席できず|出席できない|参加できず|参加できない|参加が難しく|不参加)")
HEARD = re.compile(r"(意向|意見|希望)(を|も)?[^。]{0,6}(確認|聴|聞|伺|得)")
# 第4表 used to record a 照会 held instead of the meeting (運営基準 第13条第9号 ただし書): nobody "attended"
NO_MEETING = re.compile(
    r"(会議|担当者会議)(は|を)?(開催せず|開催しない|開催しなかった|開かず|行わず)|(会議|担当者会議)に代え|"
    r"照会(により|にて|で)(実施|意見を求め)|照会\(会議"
)
_SUFFIX = re.compile(r"(株式会社|有限会社|合同会社|社会福祉法人|医療法人|\(株\)|\(有\)|事業所|事業者|センター|ステーション)")


_ROLE = re.compile(r"\([^()]*\)$")
# not a 居宅サービス事業者 whose 担当者 sits in the meeting: the builder of a 住宅改修 (介護保険法 第45条, 居宅介護住宅改修費)
NOT_MEETING_KINDS = ("住宅改修",)


_SEP = re.compile(r"[、,，;；/／\n]|\s{1,}|・(?=[^・]{4,})")


def attendee_list(plan: CarePlan) -> str | None:
    """The 出席者 text when it reads as a list (two names or more). A single entry is often the first cell of a
    所属・氏名 grid the reader took alone: too doubtful to say who was absent."""
    t4 = plan.table4
    if t4 is None or t4.attendees.loc is None or t4.attendees.problem or is_blank(t4.attendees):
        return None
    text = text_of(t4.attendees)
    items = [x for x in _SEP.split(text) if x.strip()]
    return text if len(items) >= 2 else None


def _core(name: str) -> str:
    """A provider name without the legal form and generic words, for finding it in a free-text list."""
    return _SUFFIX.sub("", norm(name))


def _named(provider: str, kind: str | None, text: str) -> bool:
    t = norm(text)
    p, core = norm(provider), _core(provider)
    if p and p in t:
        return True
    if len(core) >= 3 and core in t:
        return True
    # 「特別養護老人ホームなよろ荘 短期入所」 at the meeting as 「特別養護老人ホームなよろ荘（生活相談員）」: the name before
    # the service it runs
    head = _core(re.split(r"[\s　]+", provider.strip())[0])
    if len(head) >= 4 and head != core and head in t:
        return True
    # 「名寄東クリニック（医師）」 at the meeting as 「名寄東クリニック（主治医）」: the name without the role in parentheses
    bare = _core(_ROLE.sub("", norm(provider)))
    if len(bare) >= 3 and bare != core and bare in t:
        return True
    return kind is not None and mentions_kind(kind, t)


@register
class UserAttends(Rule):
    code = "CP172"
    name = "担当者会議の出席者に本人・家族がいない"
    severity = Severity.WARNING
    what = (
        "第4表の出席者が一覧として読めたとき（2件以上）、本人（利用者）または家族が含まれているかを確認します"
        "（1件だけのときは、所属・氏名の表の一部しか読めていないおそれがあるため点検しません）。第4表に、会議を開かず照会で"
        "意見を求めたこと（「照会により実施」「担当者会議は開催せず」）が書かれているときは、出席する会議がないため点検しません。"
        "本人・家族が出席できなかった理由と、会議の外で聴いた意向・意見が第4表に書かれているときも指摘しません（参加は「基本」）。"
    )
    why = (
        "運営基準は、サービス担当者会議を利用者及びその家族の参加を基本としつつ、計画の原案に位置付けたサービスの担当者を招集して"
        "行う会議としています。「基本」なので警告とし、参加できなかった事情は「方針と異なる理由」に書けます。"
    )
    source = f"{KIJUN} 第13条第9号（「利用者及びその家族の参加を基本としつつ」）"
    bad = "出席者「見本訪問介護事業所、見本通所リハビリセンター、介護支援専門員」。"
    good = "出席者「本人、長女、見本訪問介護事業所（サービス提供責任者）…」。"
    hint = "本人・家族の出席を出席者に書いてください。出席できなかった場合はその事情と、意見を聞いた方法を記録してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        attendees = attendee_list(plan)
        if attendees is None or re.search(USER_OR_FAMILY, norm(attendees)):
            return
        t4 = plan.table4
        said = norm(" ".join(text_of(v) for v in (t4.place, t4.topics, t4.discussion, t4.conclusion)))
        if NO_MEETING.search(said):
            return  # a 照会 instead of the meeting: there was no meeting to attend
        if ABSENT_WHY.search(said) and HEARD.search(said):
            return  # why they could not come, and their wishes heard outside the meeting, are on record
        yield self.finding(ctx, plan.table4.attendees.loc, "担当者会議の出席者に本人・家族が書かれていません")

    CASES = [
        Case("CP172", "出席者が事業所だけ", lambda p: setv(p.table4.attendees, "通所リハ、訪問介護、福祉用具、介護支援専門員"),
             [("CP172", "第4表!B5")]),
        Case("CP172", "出席者の欄が空欄なら点検しない", lambda p: clear(p.table4.attendees), []),
        Case("CP172", "出席者が1件だけ（所属・氏名の表の1マスだけ読めた）なら点検しない",
             lambda p: setv(p.table4.attendees, "見本訪問介護事業所"), []),
        Case("CP172", "会議に代えて照会した記録（第4表）: 出席者は照会先だけで可（運営基準 第13条第9号 ただし書）",
             chain(lambda p: setv(p.table4.attendees, "通所リハ（照会）、訪問介護（照会）、福祉用具（照会）、介護支援専門員"),
                   lambda p: setv(p.table4.place, "（照会により実施）"),
                   lambda p: setv(p.table4.discussion, "末期の悪性腫瘍のため主治医の意見を勘案し、担当者会議は開催せず各担当者に照会した。")),
             []),
        Case("CP172", "本人・家族が出席できなかった理由と、事前に聴いた意向が書かれていれば可",
             chain(lambda p: setv(p.table4.attendees, "通所リハ、訪問介護、福祉用具、介護支援専門員"),
                   lambda p: setv(p.table4.discussion, "本人は入院中のため欠席、長女は遠方のため欠席。前日に病棟で本人に原案を"
                                                       "説明し意向を確認、長女には電話で意見を聴いた。")), []),
        Case("CP172", "欠席の理由だけで意向を聴いた記録がなければ指摘",
             chain(lambda p: setv(p.table4.attendees, "通所リハ、訪問介護、福祉用具、介護支援専門員"),
                   lambda p: setv(p.table4.discussion, "本人は体調不良のため欠席。")), [("CP172", "第4表!B5")]),
        Case("CP172", "照会という語があっても会議を開いた記録なら、本人・家族の出席を問う",
             chain(lambda p: setv(p.table4.attendees, "通所リハ、訪問介護、福祉用具、介護支援専門員"),
                   lambda p: setv(p.table4.discussion, "欠席の事業所には事前に照会した。")),
             [("CP172", "第4表!B5")]),
        Case("CP172", "家族（長女）がいれば可", lambda p: setv(p.table4.attendees, "長女、通所リハ、訪問介護、福祉用具"), []),
    ]


@register
class AbsentProviders(Rule):
    code = "CP173"
    name = "担当者会議に出ていない事業所への照会の記録がない"
    severity = Severity.WARNING
    what = (
        "第2表の※2に書かれた介護保険サービスの事業所が、第4表の出席者にあるか（事業所名、またはサービスの種類で）を確認し、"
        "出席者にない事業所について、照会（意見を求めた）の記録が第4表・第5表にあるかを確認します（出席者の欄が読めた場合だけ）。"
        "事業所名は、法人の種類や「事業所」などの語を除いた名前、または「特別養護老人ホームなよろ荘 短期入所」のように空白の前の"
        "名前、「名寄東クリニック（医師）」のように括弧の職種を除いた名前でも出席とみなします。自費・保険外の行の事業所と、"
        "住宅改修の施工業者（居宅サービス事業者ではない）は対象外です。第5表がブックにない場合は、照会の記録が第5表にあるかもしれない"
        "ので助言（info）にします（記録を探す CP143・CP145 と同じ扱い）。"
    )
    why = (
        "運営基準は、計画の原案に位置付けたサービスの担当者を担当者会議に招集し、専門的な見地からの意見を求めるよう定め、"
        "やむを得ない理由がある場合は照会等により意見を求めることができるとしています。出席も照会もない担当者の意見は確認できません。"
    )
    source = (f"{KIJUN} 第13条第9号（やむを得ない理由がある場合は担当者に対する照会等により意見を求める）、"
              "住宅改修は介護保険法 第45条の居宅介護住宅改修費で指定事業者の制度がない（知識による）")
    bad = "第2表に「見本福祉用具」があるが、第4表の出席者にも照会の記録にもない。"
    good = "出席者に「見本福祉用具（福祉用具専門相談員）」、または第4表・第5表に「見本福祉用具に照会し、意見を得た」。"
    hint = "欠席した事業所に照会した日・方法・意見を第4表（検討内容）または第5表に記録してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        attendees = attendee_list(plan)
        if attendees is None:
            return
        t4 = plan.table4
        inquiries = [t for t in meeting_texts(plan) + support_texts(plan) if re.search(INQUIRY, norm(t))]
        missing: list[str] = []
        for s in plan.table2.services():
            kind = service_kind(s)
            provider = text_of(s.provider).strip()
            if kind is None or kind in NOT_MEETING_KINDS or not provider or s.provider.problem or is_outside_insurance(s):
                continue  # 自費: not a 指定居宅サービス whose 担当者 must be called (運営基準 第13条第9号)
            if _named(provider, kind, attendees) or any(_named(provider, kind, t) for t in inquiries):
                continue
            if provider not in missing:
                missing.append(provider)
        if missing:
            doubt = bool(absence_doubt(plan))  # the 照会 is often in the 第5表 the office keeps elsewhere
            yield self.finding(ctx, t4.attendees.loc,
                               f"担当者会議の出席者に{'、'.join(missing)}がなく、照会の記録も見当たりません" + NO_TABLE5 * doubt,
                               doubt=doubt)

    CASES = [
        Case("CP173", "福祉用具の事業所が出席も照会もない",
             lambda p: setv(p.table4.attendees, "本人、長女、通所リハ、訪問介護、介護支援専門員"), [("CP173", "第4表!B5")]),
        Case("CP173", "欠席の事業所に照会していれば可",
             chain(lambda p: setv(p.table4.attendees, "本人、長女、通所リハ、訪問介護、介護支援専門員"),
                   lambda p: setv(p.table4.remaining, "欠席の見本福祉用具には事前に照会し、歩行器の継続で意見を得た。")), []),
        Case("CP173", "事業所名の空白の前（法人・施設の名前）で出席していれば可",
             chain(lambda p: setv(p.table2.needs[0].long_goals[0].short_goals[0].services[1].provider, "見本ケアホーム 福祉用具貸与"),
                   lambda p: setv(p.table4.attendees, "本人、長女、通所リハ、訪問介護、見本ケアホーム（相談員）")), []),
        Case("CP173", "自費のサービスの事業所は出席・照会を問わない",
             chain(lambda p: setv(p.table4.attendees, "本人、長女、通所リハ、訪問介護、介護支援専門員"),
                   lambda p: setv(p.table2.needs[0].long_goals[0].short_goals[0].services[1].service_type, "福祉用具貸与（自費）")), []),
        Case("CP173", "第5表がブックになければ助言だけ（照会は第5表に書くことが多い）",
             chain(lambda p: setv(p.table4.attendees, "本人、長女、通所リハ、訪問介護、介護支援専門員"), lambda p: setattr(p, "table5", None)),
             [("CP173", "第4表!B5")], severity="info"),
        Case("CP173", "住宅改修の施工業者は出席・照会を問わない",
             chain(lambda p: setv(sg0(p).services[1].service_type, "住宅改修"), lambda p: setv(sg0(p).services[1].provider, "見本工務店"),
                   lambda p: setv(p.table4.attendees, "本人、長女、通所リハ、訪問介護、介護支援専門員")), []),
        Case("CP173", "※2の括弧の職種が出席者の括弧と違っても、事業所名で出席していれば可",
             chain(lambda p: setv(sg0(p).services[1].provider, "見本福祉用具（専門相談員）"),
                   lambda p: setv(p.table4.attendees, "本人、長女、通所リハ、訪問介護、見本福祉用具（福祉用具専門相談員）")), []),
        Case("CP173", "事業所名で出席していれば可",
             lambda p: setv(p.table4.attendees, "本人、長女、見本通所リハビリセンター、見本訪問介護事業所、見本福祉用具"), []),
    ]


@register
class MeetingRecord(Rule):
    code = "CP174"
    name = "担当者会議の検討内容・結論が空欄"
    severity = Severity.ERROR
    what = "開催日が書かれた第4表で、「検討内容」「結論」の欄が空欄でないかを確認します（開催日もない第4表は CP171 が指摘します）。"
    why = "記載要領は第4表に、担当者会議で検討した内容と結論を記載するよう求めています。空欄では会議で何を決めたかが分かりません。"
    source = f"{KIYO} 第4表「検討内容」「結論」（文言は知識による）"
    bad = "第4表の開催日・出席者はあるが、結論が空欄。"
    good = "検討内容「歩行訓練の内容を確認した」、結論「原案どおり実施する」。"
    hint = "会議で検討した内容と、その結論を記入してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        t4 = plan.table4
        if t4 is None or is_blank(t4.held_on):
            return  # no meeting recorded at all: CP171
        for key, label in (("discussion", "検討内容"), ("conclusion", "結論")):
            v = getattr(t4, key)
            if v.loc is not None and is_blank(v) and not v.problem:
                yield self.finding(ctx, v.loc, f"第4表の「{label}」が空欄です")

    CASES = [
        Case("CP174", "結論が空欄", lambda p: clear(p.table4.conclusion), [("CP174", "第4表!B8")]),
        Case("CP174", "検討内容と結論が空欄", lambda p: clear(p.table4.discussion, p.table4.conclusion),
             [("CP174", "第4表!B7"), ("CP174", "第4表!B8")]),
        Case("CP174", "書かれていれば可", None, []),
        Case("CP174", "開催日もない（会議の記録がない）なら CP171 に任せる",
             lambda p: clear(p.table4.held_on, p.table4.discussion, p.table4.conclusion), []),
    ]


@register
class MeetingForCertification(Rule):
    code = "CP175"
    name = "更新・区分変更の後の担当者会議の記録がない"
    severity = Severity.ERROR
    what = (
        f"第4表の開催日が、第1表の認定の有効期間の開始日の{RENEWAL_WINDOW_DAYS}日前（更新申請ができるようになる日）より前に"
        "なっていないか、つまり今の認定について担当者会議が開かれているかを確認します（申請中の計画、日付が読めない場合は点検しません）。"
    )
    why = (
        "運営基準は、要介護更新認定を受けた場合と要介護状態区分の変更の認定を受けた場合に、サービス担当者会議を開催して計画の変更の"
        "必要性について担当者から意見を求めるよう定めています。今の認定の前の会議の記録しかなければ、この会議の記録がありません。"
    )
    source = f"{KIJUN} 第13条第15号（更新・区分変更時の担当者会議）。更新申請は満了日の60日前から（介護保険法施行規則 第35条、知識による）"
    bad = "認定の有効期間 令和8年4月1日～、第4表の開催日 令和7年4月12日（前の認定のときの会議）。"
    good = "認定の有効期間 令和8年4月1日～、開催日 令和8年3月25日（更新の結果を受けて開催）。"
    hint = "更新・区分変更の認定を受けたら担当者会議を開き、第4表を作成してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        t4 = plan.table4
        cert = plan.table1.cert_period.value
        if t4 is None or applying(plan) or not isinstance(cert, Period) or plan.table1.cert_period.problem:
            return
        held = t4.held_on.value
        if cert.start is None or not isinstance(held, dt.date) or t4.held_on.problem:
            return
        opens = cert.start - dt.timedelta(days=RENEWAL_WINDOW_DAYS)
        if held < opens:
            yield at_sheet(self, ctx, t4.held_on.loc, t4.sheet,
                           f"担当者会議の開催日（{wareki(held)}）が今の認定の有効期間（{wareki(cert.start)}～）より前の認定のときのもので、"
                           "更新・区分変更の後の担当者会議の記録がありません")

    CASES = [
        Case("CP175", "第4表が前の認定のときの会議",
             lambda p: setv(p.table4.held_on, dt.date(2025, 4, 12)), [("CP175", "第4表!B4")]),
        Case("CP175", "更新前の準備として開始日の前に開いた会議は可",
             lambda p: setv(p.table4.held_on, dt.date(2026, 3, 20)), []),
        Case("CP175", "申請中なら点検しない",
             chain(lambda p: setv(p.table4.held_on, dt.date(2025, 4, 12)), lambda p: setv(p.table1.certification_status, "申請中")), []),
    ]

