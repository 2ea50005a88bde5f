"""給付の条件 on 第2表 rows: ※1 保険給付対象, 軽度者の福祉用具貸与, 短期入所の日数, 審査会の意見・サービスの種類の指定."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable


from xl_careplan.checked import checked, setting
from xl_careplan.domain.limits import SHORT_STAY_SHARE
from xl_careplan.domain.services import (
    AUTO_EXCRETION, LIGHT_CARE_EXCLUDED_ITEMS, SHORT_STAY_KINDS, excluded_equipment, is_non_provider, is_outside_insurance, kinds_named, never_insured,
    per_month, service_kind,
)
from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan, ServiceRow
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, chain, parsed, setv, sg0
from xl_careplan.rules.common import applying, finding_at, norm, quote, table1_sheet, text_of
from xl_careplan.rules.records import NO_TABLE5, absence_doubt, find_in, record_texts
from xl_careplan.rules.sources import KIJUN, KIYO, KOKUJI94, ROUKI36
from xl_careplan.values import CareLevel, Frequency, Period


def _what(s: ServiceRow) -> str:
    return quote(text_of(s.content), 20) or quote(text_of(s.service_type), 20) or "サービス"


@register
class InsuredMark(Rule):
    code = "CP131"
    name = "※1（保険給付対象）の○の付け方"
    severity = Severity.ERROR
    what = (
        "第2表の※1の列が読めた計画で、介護保険サービス（サービス種別が訪問介護・通所リハビリテーション・福祉用具貸与など）の行に"
        "○がないもの、本人・家族・インフォーマルの行と、保険給付にならないサービス（自費・保険外と書かれた行、配食・緊急通報など"
        "市町村の事業）の行に○があるものを指摘します。自費・保険外・医療保険と書かれた行（「訪問介護（自費）」「訪問看護（医療保険）」）は"
        "○がなくても指摘しません。"
    )
    why = "記載要領は、※1に保険給付の対象となるかどうかの区分を記載し、保険給付対象内のサービスに○印を付すとしています。"
    source = f"{KIYO} 第2表「※1」（保険給付対象か否かの区分）（文言は知識による）"
    bad = "「訪問介護／ヘルパーステーション見本」の行の※1が空欄、「家族／長女」の行に○。"
    good = "介護保険サービスの行だけに○、家族・本人・地域の支えの行は空欄。"
    hint = "保険給付の対象のサービスの行に○を付け、家族・本人・インフォーマルの行の○は消してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        for s in plan.table2.services():
            mark = s.insured
            if mark.loc is None or mark.problem:
                continue  # no ※1 column read, or a mark we could not read (a reading note, not an error)
            if is_non_provider(s) or never_insured(s):
                if mark.value is True:
                    yield self.finding(ctx, mark.loc, f"{text_of(s.service_type)}の行（{_what(s)}）に※1の○が付いています（保険給付の対象外）")
            elif service_kind(s) is not None and mark.value is not True and not is_outside_insurance(s):
                yield self.finding(ctx, mark.loc, f"介護保険サービス（{service_kind(s)}：{_what(s)}）の行に※1の○がありません")

    CASES = [
        Case("CP131", "訪問介護の行に○がない", lambda p: setv(sg0(p, 1).services[0].insured, None, ""), [("CP131", "第2表!G9")]),
        Case("CP131", "本人の行に○", lambda p: setv(sg0(p).services[2].insured, True, "○"), [("CP131", "第2表!G8")]),
        Case("CP131", "※1の列が読めない様式では点検しない",
             lambda p: [setattr(s, "insured", type(s.insured)()) for s in p.table2.services()], []),
        Case("CP131", "正しく付いていれば可", None, []),
        Case("CP131", "市の配食サービスの行に○",
             chain(lambda p: setv(sg0(p).services[2].service_type, "配食サービス（市）"),
                   lambda p: setv(sg0(p).services[2].provider, "見本市配食サービス"),
                   lambda p: setv(sg0(p).services[2].insured, True, "○")), [("CP131", "第2表!G8")]),
        Case("CP131", "自費の行に○",
             chain(lambda p: setv(sg0(p, 1).services[0].service_type, "訪問介護（自費）")), [("CP131", "第2表!G9")]),
        Case("CP131", "医療保険の訪問看護（介護保険の給付ではない）は○なしで可",
             chain(lambda p: setv(sg0(p).services[0].insured, None, ""),
                   lambda p: setv(sg0(p).services[0].service_type, "訪問看護（医療保険）")), []),
        Case("CP131", "自費の訪問介護（保険給付の対象外）は○なしで可",
             chain(lambda p: setv(sg0(p, 1).services[0].insured, None, ""),
                   lambda p: setv(sg0(p, 1).services[0].service_type, "訪問介護（自費）")), []),
    ]


BASIS = (
    r"例外給付|軽度者|医学的|(主治医|主治の医師|医師)(の|から|より|に)?(意見|所見|判断|指示|照会)|"
    r"(市|町|村|保険者|区)(の|が|に|へ)?(確認|届出|届け出|承認)|確認(依頼|書)|基本調査|認定調査(票|の結果)"
)


EQUIPMENT_WORDS = r"福祉用具|貸与|レンタル|例外給付|軽度者"


def _item_words(item: str) -> str:
    return dict(LIGHT_CARE_EXCLUDED_ITEMS + [AUTO_EXCRETION])[item]


@register
class LightCareEquipment(Rule):
    code = "CP143"
    name = "軽度者への福祉用具貸与に例外給付の根拠がない"
    severity = Severity.WARNING
    what = (
        "要支援1・2・要介護1の計画で、車いす（付属品）・特殊寝台（付属品）・床ずれ防止用具・体位変換器・認知症老人徘徊感知機器・"
        "移動用リフトを、要介護1～3（要支援を含む）の計画で自動排泄処理装置（尿のみを吸引するものを除く）を貸与する行について、"
        "例外給付の根拠（主治医の意見・医学的所見、サービス担当者会議での判断、市町村の確認、認定調査の結果）が第4表・第5表・"
        "サービス内容のどこかに書かれているかを確認します。第5表がブックにない場合は助言（info）として伝えるだけにし、"
        "第4表も第5表もなければ点検しません（記録を探す CP145・CP146 と同じ扱い）。"
    )
    why = (
        "これらの種目は、その状態像から使用が想定しにくいため軽度者には原則として算定できず、厚生労働大臣が定める者に該当する"
        "場合（認定調査の結果、または医師の医学的な所見に基づきサービス担当者会議等を経て市町村が確認した場合）に限り例外的に"
        "算定できます。根拠の記録がない貸与は給付の対象と認められません。第4表・第5表を別に保管している場合もあるため警告としています。"
    )
    source = f"{KOKUJI94}のイ（「利用者等告示第31号のイ」は市町村の案内で確認）、{ROUKI36} 第二の9(2)（軽度者に係る福祉用具貸与費の取扱い。項の番号は知識による）。種目と要介護度は市町村の案内で確認"
    bad = "要介護1で「特殊寝台の貸与（起き上がりを楽にするため）」、第4表・第5表に主治医の意見も市の確認もない。"
    good = "第4表に「主治医（見本内科）の医学的所見により特殊寝台が必要と判断。市の確認（令和8年4月20日）済み」。"
    hint = "例外給付の根拠（主治医の意見、担当者会議での検討、市町村への確認）を第4表または第5表に記録してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        level = plan.table1.care_level.value
        if not isinstance(level, CareLevel) or plan.table1.care_level.problem or applying(plan):
            return
        texts = None
        doubt = absence_doubt(plan)
        if doubt is None:
            return  # neither 第4表 nor 第5表 in the workbook: the basis is kept elsewhere, nothing to see
        for s in plan.table2.services():
            if service_kind(s) != "福祉用具貸与":
                continue
            item = excluded_equipment(text_of(s.content) + " " + text_of(s.service_type), level.kaigo_degree, level.is_support)
            if item is None:
                continue
            texts = record_texts(plan) if texts is None else texts
            # the basis must be written about this equipment (a 主治医の指示 for 通所リハ is not one)
            about = [t for t in texts if re.search(EQUIPMENT_WORDS + "|" + _item_words(item), norm(t))]
            if find_in(about, BASIS):
                continue
            yield self.finding(
                ctx, s.content.loc or s.service_type.loc,
                f"{level.value}の計画に{item}の貸与（{_what(s)}）がありますが、例外給付の根拠（主治医の意見・担当者会議・"
                "市町村の確認）の記録が見当たりません" + NO_TABLE5 * doubt, doubt=doubt,
            )

    CASES = [
        Case("CP143", "要介護1で特殊寝台（根拠なし）",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1),
                   lambda p: setv(sg0(p).services[1].content, "特殊寝台の貸与（起き上がりを楽にするため）")),
             [("CP143", "第2表!F7")]),
        Case("CP143", "要介護3でも自動排泄処理装置は対象",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO3),
                   lambda p: setv(sg0(p).services[1].content, "自動排泄処理装置の貸与（夜間の排便のため）")),
             [("CP143", "第2表!F7")]),
        Case("CP143", "尿のみを吸引する自動排泄処理装置は対象外",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1),
                   lambda p: setv(sg0(p).services[1].content, "自動排泄処理装置（尿のみを自動的に吸引するもの）の貸与")), []),
        Case("CP143", "第4表に主治医の意見と市の確認があれば可",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1),
                   lambda p: setv(sg0(p).services[1].content, "車いすの貸与（通院時の移動のため）"),
                   lambda p: setv(p.table4.discussion, "主治医の意見（医学的所見）により車いすが必要と判断した。市に確認依頼書を提出。")),
             []),
        Case("CP143", "第5表がブックになければ助言だけ（根拠は第5表に書くことが多い）",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1), lambda p: setattr(p, "table5", None),
                   lambda p: setv(sg0(p).services[1].content, "特殊寝台の貸与（起き上がりを楽にするため）")),
             [("CP143", "第2表!F7")], severity="info"),
        Case("CP143", "第4表も第5表もなければ点検しない",
             chain(lambda p: setv(p.table1.care_level, CareLevel.KAIGO1), lambda p: setattr(p, "table5", None),
                   lambda p: setattr(p, "table4", None),
                   lambda p: setv(sg0(p).services[1].content, "特殊寝台の貸与（起き上がりを楽にするため）")), []),
        Case("CP143", "要介護2の特殊寝台は対象外", lambda p: setv(sg0(p).services[1].content, "特殊寝台の貸与"), []),
    ]


@checked
class ShortStayParams:
    share: float = setting(SHORT_STAY_SHARE, gt=0, le=1, description="認定の有効期間の日数に対する短期入所の日数の目安（おおむね半数）")


_STAY_RE = re.compile(r"(\d+)泊(\d+)日")


def _days_per_use(raw: str) -> int:
    t = norm(raw)
    m = _STAY_RE.search(t)
    return int(m.group(2)) if m else 1


def _overlap_days(a: Period, b: Period) -> int:
    start = max(a.start, b.start)  # type: ignore[type-var]
    end = min(a.end, b.end)  # type: ignore[type-var]
    return max(0, (end - start).days + 1)


@register
class ShortStayDays(Rule):
    code = "CP144"
    name = "短期入所の日数が認定の有効期間のおおむね半数を超える"
    severity = Severity.WARNING
    Params = ShortStayParams
    what = (
        "短期入所生活介護・短期入所療養介護の行の頻度（月N日・月N回（M泊M+1日）・毎日など）と期間から、認定の有効期間の中で"
        "利用する日数を見積もり、有効期間の日数の半分を超えていないかを確認します（頻度・期間・有効期間が読めた場合だけ）。"
    )
    why = (
        "運営基準は、短期入所サービスを位置付ける場合、利用者の心身の状況等を勘案して特に必要と認められる場合を除き、利用する日数が"
        "要介護認定の有効期間のおおむね半数を超えないようにするよう定めています。多くの市町村は超える場合に理由書の提出を求めています。"
    )
    source = f"{KIJUN} 第13条第21号"
    bad = "認定の有効期間1年（365日）に、短期入所生活介護 月20日を12か月（約240日）。"
    good = "短期入所生活介護 月1回（2泊3日）、または半数を超える理由を市町村に届け出て「方針と異なる理由」に記載。"
    hint = "利用日数を見直すか、特に必要な理由を第2表・第4表に記録し、市町村の取扱いに従って届け出てください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        cert = plan.table1.cert_period.value
        if not isinstance(cert, Period) or plan.table1.cert_period.problem or cert.start is None or cert.end is None:
            return
        total, first = 0.0, None
        for s in plan.table2.services():
            if service_kind(s) not in SHORT_STAY_KINDS:
                continue
            pm = per_month(s)
            per = s.period.value
            if pm is None or s.frequency.problem or not isinstance(per, Period) or s.period.problem or per.start is None:
                continue
            span = Period(start=per.start, end=per.end or cert.end)
            if span.end < span.start:  # type: ignore[operator]
                continue
            days_in = _overlap_days(span, cert)
            freq = s.frequency.value
            if isinstance(freq, Frequency) and freq.kind in ("daily", "per_day"):
                used = float(days_in)  # 毎日: every day of the period
            else:
                used = pm * _days_per_use(s.frequency.raw or "") * days_in / (365.25 / 12)
            total += used
            first = first or s
        cert_days = (cert.end - cert.start).days + 1
        if first is not None and total > cert_days * self.params.share:
            yield self.finding(
                ctx, first.frequency.loc or first.content.loc,
                f"短期入所の利用が約{total:.0f}日で、認定の有効期間（{cert_days}日）のおおむね半数（{cert_days * self.params.share:.0f}日）を超えます",
            )

    CASES = [
        Case("CP144", "短期入所 月20日を1年",
             chain(lambda p: setv(sg0(p).services[0].service_type, "短期入所生活介護"),
                   lambda p: setv(sg0(p).services[0].frequency, Frequency(kind="per_month", count=20), "月20日"),
                   lambda p: setv(sg0(p).services[0].period, Period(start=dt.date(2026, 4, 1), end=dt.date(2027, 3, 31)))),
             [("CP144", "第2表!J6")]),
        Case("CP144", "月2回（3泊4日）を6か月は可",
             chain(lambda p: setv(sg0(p).services[0].service_type, "短期入所生活介護"),
                   lambda p: setv(sg0(p).services[0].frequency, Frequency(kind="per_month", count=2), "月2回（3泊4日）")), []),
        Case("CP144", "ロングショート「連続利用（毎日）」を12か月のうち9か月",
             chain(lambda p: setv(sg0(p).services[0].service_type, "短期入所生活介護"),
                   lambda p: parsed(sg0(p).services[0].frequency, "連続利用（毎日）"),
                   lambda p: setv(sg0(p).services[0].period, Period(start=dt.date(2026, 5, 1), end=dt.date(2027, 1, 31)))),
             [("CP144", "第2表!J6")]),
        Case("CP144", "頻度が読めなければ点検しない",
             chain(lambda p: setv(sg0(p).services[0].service_type, "短期入所生活介護"),
                   lambda p: setv(sg0(p).services[0].frequency, Frequency(kind="as_needed"), "随時")), []),
    ]


NOTHING = r"^(特に)?(なし|無し|無|ない|記載なし|該当なし|特記事項なし)$|^[-ー－―・]$"
DESIGNATION = r"指定|に限る|に限り|限定"


@register
class CommitteeOpinion(Rule):
    code = "CP116"
    name = "審査会の意見・サービスの種類の指定に沿っていない"
    severity = Severity.WARNING
    what = (
        "第1表の「介護認定審査会の意見及びサービスの種類の指定」にサービスの種類が書かれているとき、指定（「～に限る」など）なら"
        "第2表にそれ以外の介護保険サービスがないか、意見ならそのサービスが第2表にあるかを確認します（「特になし」は対象外）。"
    )
    why = (
        "運営基準は、被保険者証に認定審査会の意見又はサービスの種類の指定が記載されている場合、利用者にその趣旨を説明し、"
        "それに沿って居宅サービス計画を作成するよう定めています。文の読み取りによる判定なので警告としています。"
    )
    source = f"{KIJUN} 第13条第24号（号番号は知識による）、{KIYO} 第1表「介護認定審査会の意見及びサービスの種類の指定」"
    bad = "審査会の意見「通所リハビリテーションの利用が望ましい」に対し、第2表に通所リハビリテーションがない。"
    good = "審査会の意見「特になし」、または意見のサービスが第2表に位置付けられている。"
    hint = "審査会の意見・指定に沿って計画を見直すか、沿えない理由を「方針と異なる理由」に書いてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        v = plan.table1.committee_opinion
        text = norm(text_of(v))
        if not text or v.problem or re.search(NOTHING, text):
            return
        named = kinds_named(text)
        if not named:
            return
        planned = {k for k in (service_kind(s) for s in plan.table2.services()) if k}
        sheet = table1_sheet(plan)
        if re.search(DESIGNATION, text):
            other = sorted(planned - set(named))
            if other:
                yield finding_at(self, ctx, v, sheet,
                                 f"審査会によるサービスの種類の指定（{'・'.join(named)}）以外のサービス（{'・'.join(other)}）が第2表にあります")
            return
        missing = [k for k in named if k not in planned]
        if missing:
            yield finding_at(self, ctx, v, sheet,
                             f"審査会の意見にある{'・'.join(missing)}が第2表にありません（意見に沿わない理由があれば記録してください）")

    CASES = [
        Case("CP116", "意見のサービスが計画にない",
             lambda p: setv(p.table1.committee_opinion, "訪問看護による健康管理が望ましい"), [("CP116", "第1表!B10")]),
        Case("CP116", "指定以外のサービスがある",
             lambda p: setv(p.table1.committee_opinion, "サービスの種類の指定: 通所リハビリテーション及び訪問介護に限る"),
             [("CP116", "第1表!B10")]),
        Case("CP116", "意見のサービスが計画にあれば可",
             lambda p: setv(p.table1.committee_opinion, "通所リハビリテーションによる機能訓練が望ましい"), []),
        Case("CP116", "特になしは対象外", lambda p: setv(p.table1.committee_opinion, "特になし"), []),
    ]
