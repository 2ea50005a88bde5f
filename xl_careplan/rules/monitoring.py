"""モニタリング: a home visit recorded for every past month (要介護) or every 3 months (要支援)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable


from xl_careplan.checked import checked, setting
from xl_careplan.fields import MONITORING_FIRST_ROW, MONITORING_LAST_ROW
from xl_careplan.findings import Finding, Severity
from xl_careplan.located import Loc, Located
from xl_careplan.models import CarePlan, SupportRecord
from xl_careplan.monitoring_rhythm import SUPPORT_VISIT_INTERVAL_MONTHS, support_blocks
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.domain.visits import is_video, is_visit
from xl_careplan.rules.cases import Case, chain, clear, setv
from xl_careplan.rules.common import month_index, month_of, wareki_month
from xl_careplan.rules.records import absence_doubt, excused_months, find_in, meeting_texts, support_texts
from xl_careplan.rules.sources import KIJUN, YOBOU as _YOBOU
from xl_careplan.values import CareLevel, Period
from xl_careplan.record import replace

YOBOU = f"{_YOBOU}第30条第16号"


@checked
class MonitoringParams:
    support_interval_months: int = setting(SUPPORT_VISIT_INTERVAL_MONTHS, ge=1, le=12, description="要支援・事業対象者の居宅訪問の間隔（月）")
    video_counts: bool = setting(
        False,
        description="テレビ電話装置等による面接を、前月に居宅訪問がある月と計画の開始の月に限り訪問に数える（要介護、令和6年4月改正の条件を満たす場合）",
    )


# the 令和6年 conditions of a video interview agreed and recorded (利用者の同意, 担当者会議での主治医・担当者の合意)
VIDEO_AGREED = r"(テレビ電話|ビデオ通話|オンライン|情報通信機器)[^。]{0,80}(同意|合意)"
def _col(cell: str) -> str:
    return re.match(r"[A-Z]+", cell).group(0)  # type: ignore[union-attr]


@register
class MonthlyMonitoring(Rule):
    code = "CP170"
    name = "モニタリング訪問の記録がない月"
    severity = Severity.ERROR
    Params = MonitoringParams
    what = (
        "計画の開始（説明・同意日、なければ作成日）の月から今日の前月まで（認定の有効期間内）について、モニタリングのシートに"
        "居宅訪問の実施日が記録されているかを確認します。要介護は毎月、要支援・事業対象者はサービス開始の翌月から3か月ごとに1回以上。"
        "計画の開始月にアセスメント（居宅訪問による面接）を行っていれば、その月は訪問済みとみなします。"
        "第5表にその月の特段の事情（入院・入所・訪問の拒否など）が記録されている月は問いません。"
        "モニタリングのシートの、実施日のない行に特段の事情（入院など）が書かれている月、特段の事情で居宅以外で面会した"
        "（方法「病院で面会（入院中）」など）月も同じです。"
        "電話のみの記録は訪問に数えません。テレビ電話等による面接は、video_counts = true のとき、または第4表・第5表（経過記録を"
        "モニタリングと一つにしている様式ではその記録）に"
        "テレビ電話等によるモニタリングへの同意・合意が記録されているとき、前月に居宅訪問がある月（続く2か月に1回は居宅訪問）と、"
        "計画の開始の月に限り数えます（初回のモニタリングもテレビ電話で可。翌月が居宅訪問でなければ翌月を指摘します）。"
        "同意・合意の記録が見当たらないテレビ電話の月は、第5表がブックにない場合は助言（info）にします（CP145 と同じ扱い）。"
    )
    why = (
        "運営基準は、少なくとも1月に1回利用者の居宅を訪問して面接し、少なくとも1月に1回モニタリングの結果を記録するよう定めています"
        "（介護予防支援は少なくとも3月に1回の訪問）。訪問のない月は運営基準減算の対象になります。"
    )
    source = (
        f"{KIJUN} 第13条第14号（モニタリングの実施。テレビ電話装置等の活用は令和6年4月の改正: 利用者の同意と、担当者会議で"
        f"主治医・担当者等の合意を得て、少なくとも2月に1回は居宅を訪問。号の中の位置は知識による。初回のモニタリングも要件を満たせば"
        f"テレビ電話で可: 令和6年度介護報酬改定に関するQ&A（Vol.1）問107、検索で確認）／{YOBOU}"
        "／特段の事情は「指定居宅介護支援等の事業の人員及び運営に関する基準について」（老企第22号）第二 3(8)⑭（知識による）"
    )
    bad = "要介護2で、令和8年9月のモニタリングの行がない（または電話のみ）。"
    good = "毎月、種別「モニタリング訪問」・方法「居宅訪問」で実施日が記録されている。"
    hint = "訪問した場合は実施日を記録してください。特段の事情で訪問できなかった場合は、その事情を第5表（居宅介護支援経過）に記録するか「方針と異なる理由」に書いてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        t1 = plan.table1
        start = t1.consent_on.value if isinstance(t1.consent_on.value, dt.date) else None
        if start is None and isinstance(t1.created_on.value, dt.date):
            start = t1.created_on.value
        level = t1.care_level.value
        if start is None or not isinstance(level, CareLevel):
            return
        first, last = month_index(start), month_index(ctx.today) - 1
        cert = t1.cert_period.value
        if isinstance(cert, Period) and not t1.cert_period.problem:
            if cert.start:
                first = max(first, month_index(cert.start))
            if cert.end:
                last = min(last, month_index(cert.end))
        mon = plan.monitoring
        if mon is None:
            return  # no monitoring sheet found: a reading note (CP001), not a guess that nothing was done
        rows = mon.rows
        visits: set[int] = set()
        calls: set[int] = set()
        video: set[int] = set()
        for r in rows:
            d = r.done_on.value
            if isinstance(d, dt.date):
                m = month_index(d)
                if is_visit(r):
                    visits.add(m)
                elif is_video(r):
                    video.add(m)
                else:
                    calls.add(m)

        # the assessment is itself a home visit with an interview (運営基準 第13条第7号): in the month the plan
        # starts it counts as that month's visit
        a = plan.assessment
        if a is not None and isinstance(a.assessed_on.value, dt.date) and month_index(a.assessed_on.value) == month_index(start):
            visits.add(month_index(start))

        # a month whose missing visit 第5表 or the monitoring row itself explains (特段の事情: 入院・入所・拒否 …) is not a gap
        excused = excused_months(plan, start)
        # テレビ電話等: counted when the office says so, or when the plan records the agreement the 令和6年 rule asks
        # (an office that keeps one 経過記録 writes the agreement among its monitoring rows)
        notes = [r.note.value for r in rows if isinstance(r.note.value, str)]
        video_ok = self.params.video_counts or bool(find_in(meeting_texts(plan) + support_texts(plan) + notes, VIDEO_AGREED))

        if level.is_support:
            step = self.params.support_interval_months
            # 予防基準: サービス提供開始月の翌月から起算して3月に1回; only blocks that are over are judged
            windows = [(b[0], b[-1]) for b in support_blocks(range(first, last + 1), step) if len(b) == step]
            missing = [(a, b) for a, b in windows if not any(a <= m <= b for m in visits | excused)]
        else:
            missing = [
                (m, m) for m in range(first, last + 1)
                if m not in visits and m not in excused
                and not (video_ok and m in video and (m - 1 in visits or m - 1 in excused or m == first))
            ]

        spare = self._blank_rows(plan)
        for a, b in missing:
            doubt = False
            if a == b:
                y, mo = month_of(a)
                when = wareki_month(y, mo)
                if a in video and video_ok:
                    msg = f"{when}はテレビ電話等の記録のみで、前月も居宅訪問がありません（2か月に1回は居宅訪問が必要です）"
                elif a in video:
                    msg = f"{when}はテレビ電話等の記録のみで、居宅訪問によるモニタリングの記録がありません"
                    if absence_doubt(plan):  # the 同意・合意 may be in the 第5表 kept elsewhere (CP145 does the same)
                        doubt = True
                        msg += "（テレビ電話等によるモニタリングへの同意・合意の記録が見当たりません。第5表がブックにないため確かめられません）"
                elif a in calls:
                    msg = f"{when}は電話等の記録のみで、居宅訪問によるモニタリングの記録がありません"
                else:
                    msg = f"{when}のモニタリング訪問（居宅訪問）の記録がありません"
            else:
                when = f"{wareki_month(*month_of(a))}～{wareki_month(*month_of(b))}"
                msg = f"{when}の{b - a + 1}か月間に居宅訪問によるモニタリングの記録がありません"
            loc = self._where(plan, a, b, spare)
            f = self.finding(ctx, loc, msg, doubt=doubt)
            if loc is None and mon is not None:
                f.sheet = mon.sheet
            yield f

    def _blank_rows(self, plan: CarePlan) -> list[Loc]:
        """Rows where the next record can go: blank rows on the sheet, then the rows after the last used one."""
        mon = plan.monitoring
        if mon is None or mon.sheet is None or mon.across:  # one column a visit: no row to point at (sheet level)
            return []
        col = "A"
        for r in mon.rows:
            if r.planned_on.loc is not None:
                col = _col(r.planned_on.loc.cell)
                break
        out = []
        used = 0
        for r in mon.rows:
            empty = all(v.value is None and not (v.raw or "").strip() for v in (r.planned_on, r.kind, r.done_on, r.method, r.note))
            if empty:
                out.append(Loc(sheet=mon.sheet, cell=f"{col}{r.row}"))
            else:
                used = max(used, r.row)
        nxt = max(used + 1, (mon.header_row or MONITORING_FIRST_ROW - 1) + 1)
        known = {r.row for r in mon.rows}
        while nxt <= MONITORING_LAST_ROW and len(out) < 24:
            if nxt not in known:
                out.append(Loc(sheet=mon.sheet, cell=f"{col}{nxt}"))
            nxt += 1
        if not out and mon.header_row:
            out.append(Loc(sheet=mon.sheet, cell=f"{col}{mon.header_row}"))
        return out

    def _where(self, plan: CarePlan, a: int, b: int, spare: list[Loc]) -> Loc | None:
        mon = plan.monitoring
        if mon is None:
            return None
        for r in mon.rows:  # a visit planned in that month but not done: its 実施日 cell
            p = r.planned_on.value
            if isinstance(p, dt.date) and a <= month_index(p) <= b and r.done_on.value is None and r.done_on.loc:
                return r.done_on.loc
        if spare:
            return spare.pop(0) if len(spare) > 1 else spare[0]
        return None

    CASES = [
        Case("CP170", "9月の訪問がない（行ごとない）",
             lambda p: setattr(p.monitoring, "rows", [r for r in p.monitoring.rows if r.row != 10]), [("CP170", "モニタリング!A13")]),
        Case("CP170", "9月の訪問がなくても、第5表に特段の事情（入院）があれば可",
             chain(lambda p: setattr(p.monitoring, "rows", [r for r in p.monitoring.rows if r.row != 10]),
                   lambda p: p.table5.entries.append(SupportRecord(
                       row=7, date=Located[str](value="9/3", raw="9/3", loc=Loc(sheet="第5表", cell="A7")),
                       content=Located[str](value="入院のため9月は居宅を訪問できない（特段の事情）。病院で面会した。",
                                            loc=Loc(sheet="第5表", cell="C7"))))), []),
        Case("CP170", "9月は電話のみ", lambda p: setv(p.monitoring.rows[5].method, "電話"), [("CP170", "モニタリング!A13")]),
        Case("CP170", "種別が電話等連絡で方法が空欄",
             chain(lambda p: setv(p.monitoring.rows[5].kind, "電話等連絡"), lambda p: clear(p.monitoring.rows[5].method)),
             [("CP170", "モニタリング!A13")]),
        Case("CP170", "10月は予定だけで実施日が空欄（その行の実施日を指す）",
             lambda p: clear(p.monitoring.rows[6].done_on), [("CP170", "モニタリング!C11")]),
        Case("CP170", "2か月抜けると空き行を順に指す",
             lambda p: setattr(p.monitoring, "rows", [r for r in p.monitoring.rows if r.row not in (9, 10)]),
             [("CP170", "モニタリング!A13"), ("CP170", "モニタリング!A14")]),
        Case("CP170", "今月（11月）はまだ問わない", None, []),
        Case("CP170", "方法・種別が空欄でも、記録に「自宅を訪問」とあれば訪問",
             chain(lambda p: clear(p.monitoring.rows[5].method, p.monitoring.rows[5].kind),
                   lambda p: setv(p.monitoring.rows[5].note, "自宅を訪問し、本人と面接した。")), []),
        Case("CP170", "方法・種別が空欄で、記録が電話なら訪問に数えない",
             chain(lambda p: clear(p.monitoring.rows[5].method, p.monitoring.rows[5].kind),
                   lambda p: setv(p.monitoring.rows[5].note, "電話で様子を確認した。")), [("CP170", "モニタリング!A13")]),
        Case("CP170", "開始月（4月）の訪問がなくても、同じ月にアセスメントしていれば可",
             chain(lambda p: setattr(p.monitoring, "rows", [r for r in p.monitoring.rows if r.row != 5]),
                   lambda p: setv(p.assessment.assessed_on, dt.date(2026, 4, 5))), []),
        Case("CP170", "開始月の訪問がなく、アセスメントが前月なら指摘",
             chain(lambda p: setattr(p.monitoring, "rows", [r for r in p.monitoring.rows if r.row != 5]),
                   lambda p: setv(p.assessment.assessed_on, dt.date(2026, 3, 28))), [("CP170", "モニタリング!A13")]),
        Case("CP170", "テレビ電話は既定では訪問に数えない", lambda p: setv(p.monitoring.rows[5].method, "テレビ電話"),
             [("CP170", "モニタリング!A13")]),
        Case("CP170", "video_counts: 前月に居宅訪問があればテレビ電話の月は可",
             lambda p: setv(p.monitoring.rows[5].method, "テレビ電話"), [], params={"CP170": {"video_counts": True}}),
        Case("CP170", "第4表にテレビ電話等のモニタリングへの同意・合意の記録があれば、前月に訪問のあるテレビ電話の月は可",
             chain(lambda p: setv(p.monitoring.rows[5].method, "テレビ電話"),
                   lambda p: setv(p.table4.conclusion, "テレビ電話装置等を活用したモニタリングについて本人の同意を得て、主治医・担当者の合意を得た。")),
             []),
        Case("CP170", "テレビ電話の同意・合意がモニタリングの記録（経過記録）に書かれていても可",
             chain(lambda p: setv(p.monitoring.rows[5].method, "テレビ電話"),
                   lambda p: setv(p.monitoring.rows[0].note, "テレビ電話装置等を活用したモニタリングについて本人の同意を得て、担当者会議で主治医・担当者の合意を得た。")),
             []),
        Case("CP170", "同意の記録が見当たらないテレビ電話の月は、第5表がブックになければ助言だけ",
             chain(lambda p: setv(p.monitoring.rows[5].method, "テレビ電話"), lambda p: setattr(p, "table5", None)),
             [("CP170", "モニタリング!A13")], severity="info"),
        Case("CP170", "同意の記録があっても、テレビ電話が2か月続けば2か月目を指摘",
             chain(lambda p: setv(p.monitoring.rows[5].method, "テレビ電話"), lambda p: setv(p.monitoring.rows[6].method, "オンライン"),
                   lambda p: setv(p.table4.conclusion, "テレビ電話装置等を活用したモニタリングについて本人の同意を得て、主治医・担当者の合意を得た。")),
             [("CP170", "モニタリング!A13")]),
        Case("CP170", "入院中で病院で面会した月（実施日あり、方法「病院で面会（入院中）」）は可",
             chain(lambda p: setv(p.monitoring.rows[5].method, "病院で面会（入院中）"),
                   lambda p: setv(p.monitoring.rows[5].note, "入院中のため病棟で本人と面会し、退院後の生活について確認した。")), []),
        Case("CP170", "実施日のない行に入院（特段の事情）が書かれていれば、その月は可",
             chain(lambda p: clear(p.monitoring.rows[5].done_on, p.monitoring.rows[5].method),
                   lambda p: setv(p.monitoring.rows[5].note, "入院のため訪問できず（特段の事情）。病棟看護師に状態を確認した。")), []),
        Case("CP170", "計画の開始の月（4月）の初回モニタリングがテレビ電話でも、5月に居宅訪問があれば可（Q&A 問107）",
             chain(lambda p: setv(p.assessment.assessed_on, dt.date(2026, 3, 28)),
                   lambda p: setv(p.monitoring.rows[0].method, "テレビ電話")),
             [], params={"CP170": {"video_counts": True}}),
        Case("CP170", "開始の月と翌月がどちらもテレビ電話なら翌月を指摘",
             chain(lambda p: setv(p.assessment.assessed_on, dt.date(2026, 3, 28)),
                   lambda p: setv(p.monitoring.rows[0].method, "テレビ電話"), lambda p: setv(p.monitoring.rows[1].method, "テレビ電話")),
             [("CP170", "モニタリング!A13")], params={"CP170": {"video_counts": True}}),
        Case("CP170", "video_counts: テレビ電話が2か月続くと2か月目を指摘",
             chain(lambda p: setv(p.monitoring.rows[5].method, "テレビ電話"), lambda p: setv(p.monitoring.rows[6].method, "オンライン")),
             [("CP170", "モニタリング!A13")], params={"CP170": {"video_counts": True}}),
        Case("CP170", "要支援は3か月に1回でよい（5～7月・8～10月に1回ずつ）",
             chain(lambda p: setv(p.table1.care_level, CareLevel.SHIEN2),
                   lambda p: setattr(p.monitoring, "rows", [r for r in p.monitoring.rows if r.row in (6, 10, 12)])), []),
        Case("CP170", "要支援で8～10月に訪問がない",
             chain(lambda p: setv(p.table1.care_level, CareLevel.SHIEN1),
                   lambda p: setattr(p.monitoring, "rows", [r for r in p.monitoring.rows if r.row in (6, 12)])),
             [("CP170", "モニタリング!A13")]),
        Case("CP170", "有効期間の終了後の月は問わない",
             chain(lambda p: setv(p.table1.cert_period, replace(p.table1.cert_period.value, end=dt.date(2026, 8, 31))),
                   lambda p: setattr(p.monitoring, "rows", [r for r in p.monitoring.rows if r.row <= 9])), []),
        Case("CP170", "モニタリングのシートが見つからなければ点検しない（読み取りメモ CP001 で知らせる）",
             chain(lambda p: setattr(p, "monitoring", None), lambda p: setv(p.table1.consent_on, dt.date(2026, 9, 14))),
             []),
    ]
