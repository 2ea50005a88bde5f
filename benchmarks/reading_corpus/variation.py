"""Good care plans written the way other offices write them, and a few realistic bad ones (issue: false alarms).

The reading corpus's clean plans (``plan.make_plan``) were shaped to satisfy our own rules. The plans here start
from the same content and then change one practice at a time into another one that the regulations accept —
運営基準 第13条 and its 解釈通知 (老企第22号), 記載要領 (老企第29号), and the 名寄市 / 旭川市 documents in
/work/shared/seeds/ — written **without reading xl_careplan/rules/**: what is acceptable, not what a rule checks.
Each variant names the text that makes it acceptable (``why``); citations marked 知識による are from knowledge.

Bad variants plant one realistic problem on such a plan; ``expect`` is the rule that must report it.
A good variant may name ``allowed`` rules: findings whose whole point is that variant (CP103 on a 要支援 plan
written on the 居宅 form) are not counted as false alarms.

    from benchmarks.reading_corpus.variation import generate_variation
    cases = generate_variation(out_dir)        # [VCase]; truth in out_dir/variation.json
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from . import layouts
from .book import WRITERS, Book, split_a1
from .generate import TODAY
from .plan import (D, Plan, Svc, Visit, add_months, make_plan, monitoring_visits,
                   months_later_minus_day)

ZEN = str.maketrans("0123456789", "０１２３４５６７８９")
ZEN_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
ALL_LAYOUTS = ["mhlw", "handmade", "prefecture", "split_pages", "software", "listexport", "onesheet"]
SINGLE_CELL_PERIODS = ["mhlw", "handmade", "prefecture", "split_pages", "listexport", "onesheet"]  # software splits 開始/終了
MEETING_OPTIONAL = ["mhlw", "handmade", "prefecture", "split_pages"]  # layouts that write no 第4表 when there is none
MEDICAL_KINDS = ("訪問看護", "訪問リハビリテーション", "通所リハビリテーション", "居宅療養管理指導")

Post = Callable[[Book, Plan], None]


@dataclass
class Variant:
    name: str
    why: str  # the rule text that makes the practice acceptable (good) or the problem a problem (bad)
    apply: Callable[[Plan, random.Random], Post | None]
    want: Callable[[Plan], bool] = lambda p: True  # which generated plans the variant fits
    layouts: list[str] = field(default_factory=lambda: list(ALL_LAYOUTS))
    expect: str | None = None  # bad variants: the rule that must report it
    allowed: tuple[str, ...] = ()


# --------------------------------------------------------------------------- plan helpers

def services(p: Plan):
    return [s for _, s in p.services()]


def has_kind(p: Plan, *kinds: str) -> bool:
    return any(s.kind in kinds for s in services(p))


def has_medical(p: Plan) -> bool:
    return has_kind(p, *MEDICAL_KINDS)


def shorts(p: Plan):
    return [sg for n in p.needs for lg in n.longs for sg in lg.shorts]


def longs(p: Plan):
    return [lg for n in p.needs for lg in n.longs]


def weekday_on_or_before(d: D) -> D:
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


def set_periods(p: Plan, long_start: D, short_start: D, short_months: int) -> None:
    """Long goals over the 認定の有効期間 (or from ``long_start``), short goals and their services from
    ``short_start`` for ``short_months`` (never past the long goal)."""
    for lg in longs(p):
        lg.start, lg.end = long_start, p.cert_end
        for sg in lg.shorts:
            sg.start = short_start
            sg.end = min(months_later_minus_day(short_start, short_months), lg.end) if lg.end else \
                months_later_minus_day(short_start, short_months)
            for sv in sg.services:
                sv.start, sv.end = sg.start, sg.end


def restart_shorts(p: Plan, months: int = 3) -> None:
    """A changed plan: the long goals go on, new short goals (and their services) start on the consent day."""
    for lg in longs(p):
        for sg in lg.shorts:
            sg.start, sg.end = p.consent_on, min(months_later_minus_day(p.consent_on, months), lg.end)
            for sv in sg.services:
                sv.start, sv.end = sg.start, sg.end


def revisit(p: Plan, r: random.Random, since: D, today: D = TODAY) -> None:
    """Monitoring from the month of ``since`` (a home visit a month), and the evaluation of every short goal
    whose period is over, on a visit in its last days (運営基準 第13条第14号; 記載要領 第2表 期間 = 達成期限)."""
    p.visits = monitoring_visits(r, since, today, ("居宅訪問", "自宅訪問", "訪問"))
    for sg in shorts(p):
        if sg.end and sg.start and sg.end < today and sg.end > since:
            d = weekday_on_or_before(sg.end - dt.timedelta(days=2))
            same = [v for v in p.visits if v.done == d]
            for v in same:  # the month's visit falls on that day: it is the evaluation visit
                v.kind, v.note = "目標評価", f"短期目標「{sg.text[:12]}…」の評価を行った。達成しており、次の短期目標を設定する。"
            if d > since and not same:
                p.visits.append(Visit(d, "目標評価", d, "居宅訪問",
                                      f"短期目標「{sg.text[:12]}…」の評価を行った。達成しており、次の短期目標を設定する。"))
    p.visits.sort(key=lambda v: (v.done is None, v.done or v.planned))


def redate(p: Plan, r: random.Random, created: D, meeting_gap: int = 2, consent_gap: int = 0) -> None:
    """作成日 → 担当者会議 → 説明・同意 = 交付, the assessment a few days before (運営基準 第13条第6号〜第11号)."""
    p.created_on = created
    p.assessed_on = created - dt.timedelta(days=r.randint(1, 5))
    if p.meeting:
        p.meeting.held_on = created + dt.timedelta(days=meeting_gap)
    p.consent_on = p.delivered_on = created + dt.timedelta(days=meeting_gap + consent_gap)
    if p.plan_kind != "継続":
        p.first_created_on = created
    j = []
    for d, item, text in p.journal:
        if item == "アセスメント":
            d = p.assessed_on
        elif item == "主治医への照会":
            d = created - dt.timedelta(days=1)
        elif item == "サービス担当者会議":
            d = p.meeting.held_on if p.meeting else created
        elif item == "計画の交付":
            d = p.consent_on
        j.append((d, item, text))
    p.journal = j


def drop_doctor_text(p: Plan) -> None:
    """Take out make_plan's own wording of the 主治医 record (第4表 and 第5表), so a variant can write its own."""
    if p.meeting:
        p.meeting.discussion = p.meeting.discussion.split("訪問看護")[0].split("訪問リハ")[0].split("通所リハ")[0]
        p.meeting.discussion = p.meeting.discussion.split("居宅療養")[0]
    p.journal = [(d, i, t.split("さくら病院")[0] if i == "計画の交付" else t) for d, i, t in p.journal
                 if i != "主治医への照会"]


# --------------------------------------------------------------------------- book helpers

def drop_sheets(b: Book, p: Plan, pred: Callable[[str, list[str]], bool]) -> None:
    keep_mon = {sh for sh, _ in b.places.get("mon.sheet", [])}
    b.sheets = [s for s in b.sheets
                if s.name in keep_mon or not pred(s.name, [str(v) for v, _ in s.cells.values() if v is not None])]


def sheet_holding(b: Book, text: str):
    for s in b.sheets:
        if any(isinstance(v, str) and text in v for v, _ in s.cells.values()):
            return s
    return None


def append_rows(s, lines: list[str], col: int = 1) -> None:
    last = max((r for r, _ in s.cells), default=0)
    from .book import Style
    for i, line in enumerate(lines):
        s.cells[(last + 2 + i, col)] = (line, Style(wrap=True))


# --------------------------------------------------------------------------- GOOD variants

def v_renewal_before_start(p: Plan, r: random.Random):
    # 更新: the new plan is made, discussed and agreed in the last days of the old certification, once the
    # result is known, so that it applies from the new period's first day. 記載要領 第1表「認定日」: 「要介護状態区分」
    # が認定された日（認定の始期…）を記載する (知識による) — so 認定日 = the new period's start, after 作成日.
    # 運営基準 第13条第15号: 更新認定を受けた場合は担当者会議で計画の変更の必要性を検討 (held before the period).
    p.plan_kind = "継続"
    p.first_created_on = D(2023, r.randint(1, 12), r.randint(1, 28))
    p.certified_on = p.cert_start
    redate(p, r, p.cert_start - dt.timedelta(days=r.randint(8, 14)), meeting_gap=r.randint(1, 3))
    set_periods(p, p.cert_start, p.cert_start, r.choice((3, 6)))
    revisit(p, r, p.consent_on)


def mark_pending(b: Book, p: Plan) -> None:
    """Some layouts of the reading corpus only ever mark 認定済; mark 申請中 the way each prints the choice."""
    for sh in b.sheets:
        for (rr, cc), (v, st) in list(sh.cells.items()):
            if not isinstance(v, str) or "申請中" not in v:
                continue
            if v == "申請中":  # choice cells: the mark in the cell before the option
                if not sh.cells.get((rr, cc - 1), (None,))[0]:
                    sh.cells[(rr, cc - 1)] = ("○", st)
            elif "□申請中" in v or "■認定済" in v:
                sh.cells[(rr, cc)] = (v.replace("■認定済", "□認定済").replace("□申請中", "■申請中"), st)


def v_pending_new(p: Plan, r: random.Random):
    # 新規申請中の暫定計画: 記載要領 第1表「認定済・申請中」（新規申請中は申請中に○）, 「認定日」（申請中の場合は
    # 申請日を記載）, 「要介護状態区分」「認定の有効期間」 are those of the 被保険者証, not known yet (blank).
    # 解釈通知 第二 3(8)（暫定ケアプラン: 認定の効力は申請日に遡る）— 知識による.
    p.plan_kind = "初回"
    p.cert_status = "申請中"
    p.care_level = None
    applied = D(2026, 10, r.randint(1, 8))
    p.certified_on = applied
    p.cert_start = p.cert_end = None
    redate(p, r, applied + dt.timedelta(days=r.randint(2, 6)), meeting_gap=r.randint(0, 2))
    for lg in longs(p):
        lg.start, lg.end = p.consent_on, months_later_minus_day(p.consent_on, 12)
        for sg in lg.shorts:
            sg.start, sg.end = p.consent_on, months_later_minus_day(p.consent_on, 3)
            for sv in sg.services:
                sv.start, sv.end = sg.start, sg.end
    revisit(p, r, p.consent_on)
    return mark_pending


def v_pending_change(p: Plan, r: random.Random):
    # 区分変更申請中: 記載要領 第1表「認定済・申請中」— 区分変更申請中は「申請中」に○ (知識による); 認定日 = 申請日;
    # the 被保険者証 still shows the current 要介護状態区分 and 有効期間, which stay written. The plan is changed in
    # the middle of the month (記載要領 冒頭: 計画を変更する都度、別葉を使用して記載).
    p.cert_status = "申請中"
    p.plan_kind = "継続"
    if p.first_created_on is None or p.first_created_on >= p.cert_start:
        p.first_created_on = D(2024, r.randint(1, 12), r.randint(1, 28))
    orig_consent = p.consent_on
    change = D(2026, 9, r.randint(10, 20))
    p.certified_on = change - dt.timedelta(days=r.randint(3, 8))  # 申請日
    redate(p, r, change, meeting_gap=r.randint(1, 2))
    restart_shorts(p)
    revisit(p, r, orig_consent)
    return mark_pending


def v_mid_month_change(p: Plan, r: random.Random):
    # 月途中の計画変更（状態の変化）: 運営基準 第13条第16号（変更には第3号〜第12号を準用: 再アセスメント・担当者会議・
    # 同意・交付）; 記載要領 冒頭（変更の都度、別葉）. The 長期目標 of the first plan continue; the new short goals and
    # services start on the change day. Monitoring went on every month since the first plan.
    p.plan_kind = "継続"
    orig_consent = p.consent_on
    if p.first_created_on is None or p.first_created_on > p.created_on:
        p.first_created_on = p.created_on
    else:
        p.first_created_on = min(p.first_created_on, p.created_on)
    change = D(2026, r.choice((8, 9, 10)), r.randint(11, 24))
    redate(p, r, change, meeting_gap=r.randint(1, 3), consent_gap=r.randint(0, 1))
    restart_shorts(p)
    revisit(p, r, orig_consent)


def v_first_month(p: Plan, r: random.Random):
    # 計画の初月: 運営基準 第13条第14号 asks a home visit and its record at least once a month *after* the plan
    # starts; a plan agreed this month has no monitoring yet (the visit this month is only planned).
    p.plan_kind = "初回"
    p.cert_start = D(2026, 11, 1)
    p.cert_end = months_later_minus_day(p.cert_start, 12)
    p.certified_on = D(2026, 10, r.randint(20, 28))
    redate(p, r, D(2026, 11, r.randint(2, 9)), meeting_gap=r.randint(1, 3))
    set_periods(p, p.consent_on, p.consent_on, r.choice((3, 6)))
    revisit(p, r, p.consent_on)
    if r.random() < 0.5:
        p.visits = []  # not even the plan of this month's visit written yet


def v_no_table5(p: Plan, r: random.Random):
    # 第5表 居宅介護支援経過 kept in the office's care software, not in this workbook: 記載要領 第5表 is its own
    # record; nothing asks it to sit with 第1表〜第4表. The 主治医 consultation (運営基準 第13条第19号・第20号) and the
    # plan sent to the doctor (第19号の2) are written there, so 第4表 does not repeat them.
    drop_doctor_text(p)
    p.journal = []

    def post(b: Book, p: Plan):
        drop_sheets(b, p, lambda name, vals: "第5表" in name or "経過" in name
                    or any("居宅介護支援経過" in v for v in vals))
    return post


DOCTOR_WORDS = [
    ("かかりつけの{c}の医師から、{s}により服薬と血圧の管理を行うよう指示書をいただいている。",
     "{c}へ計画書の写しをFAXで送付した。"),
    ("主治医意見書及び診療情報提供書（{c}）で、{s}の必要性について所見を得た。",
     "担当医（{c}）に居宅サービス計画を郵送した。"),
    ("{c}のDr.に電話で相談し、{s}の利用について了承を得た。",
     "計画書を{c}の外来に持参し、医師に渡した。"),
    ("往診医（{c}）より「{s}で体調の変化を早めに把握してほしい」との意見あり。",
     "往診医（{c}）へケアプランを提供した。"),
]


def v_doctor_reworded(p: Plan, r: random.Random):
    # 主治医の意見・指示 recorded in the office's own words (運営基準 第13条第19号: 主治の医師等の意見を求め;
    # 第20号: 医療サービスは主治の医師等の指示がある場合に限る; 第19号の2: 意見を求めた主治の医師等に計画を交付).
    # No wording is prescribed: かかりつけ医, 担当医, 往診医, Dr., 指示書, 診療情報提供書 are all that record.
    drop_doctor_text(p)
    clinic = r.choice(["名寄東クリニック", "あさひ内科医院", "さくら病院 内科"])
    kinds = "・".join(sorted({s.kind for s in services(p) if s.kind in MEDICAL_KINDS}))
    said, sent = r.choice(DOCTOR_WORDS)
    if p.meeting:
        p.meeting.discussion += said.format(c=clinic, s=kinds)
    p.journal = [(d, i, t + (sent.format(c=clinic) if i == "計画の交付" else "")) for d, i, t in p.journal]


def v_absent_provider_inquiry(p: Plan, r: random.Random):
    # 担当者が会議に出られなかった: 運営基準 第13条第9号 ただし書（やむを得ない理由がある場合は照会等により意見を
    # 求めることができる）; 記載要領 第4表「会議出席者」（出席できない担当者の所属・氏名と理由、照会の内容を記載、知識による）.
    m = p.meeting
    org = drop_provider(p, r)
    if org is None:
        return None
    how = r.choice(["事前に電話で照会し", "書面で意見を照会し", "FAXにて意見照会を行い", "前日に事業所を訪ねて"])
    m.discussion += f"{org}は日程が合わず欠席のため、{how}「計画の内容で支援可能」との意見を得た。"
    return None


def drop_provider(p: Plan, r: random.Random) -> str | None:
    """Take one provider off the meeting's attendees; its name (before the role), or None when there is none."""
    providers = [a for a in p.meeting.attendees if "（" in a[0]]
    if not providers:
        return None
    gone = r.choice(providers)
    p.meeting.attendees.remove(gone)
    return gone[0].split("（")[0]


def v_inquiry_instead_of_meeting(p: Plan, r: random.Random):
    # 担当者会議に代えて照会: 運営基準 第13条第9号 ただし書（やむを得ない理由 — 日程調整をしても担当者が参加できない、
    # 軽微な変更 等 — がある場合は担当者に対する照会等により意見を求めることができる; 解釈通知 第二 3(8)⑨、知識による）.
    # The office keeps a 「サービス担当者に対する照会（依頼）内容」 sheet instead of 第4表's meeting record.
    m = p.meeting
    p.meeting = None
    day = p.created_on + dt.timedelta(days=1)
    p.journal = [(d, "担当者への照会", "日程の調整がつかず、担当者会議に代えて各事業所に照会した（照会内容のとおり）。")
                 if i == "サービス担当者会議" else (d, i, t) for d, i, t in p.journal]

    def post(b: Book, p: Plan):
        from .book import Style
        s = b.sheet("照会内容")
        s.cells[(1, 1)] = ("サービス担当者に対する照会（依頼）内容", Style(bold=True))
        s.cells[(2, 1)] = (f"利用者名　{p.user_name}　様", Style())
        s.cells[(3, 1)] = ("照会（依頼）年月日", Style(border=True))
        s.cells[(3, 2)] = (f"令和{day.year - 2018}年{day.month}月{day.day}日", Style(border=True))
        s.cells[(4, 1)] = ("照会の理由", Style(border=True))
        s.cells[(4, 2)] = ("担当者の日程調整がつかず、会議を開催できないため照会により意見を求めた。", Style(border=True))
        for c, h in enumerate(["照会先（事業所・職種）", "照会（依頼）した内容", "回答"], start=1):
            s.cells[(6, c)] = (h, Style(border=True))
        row = 7
        for role, _name in m.attendees:
            if "（" not in role:
                continue
            s.cells[(row, 1)] = (role, Style(border=True))
            s.cells[(row, 2)] = ("居宅サービス計画原案の内容と、担当するサービスの提供方法について", Style(border=True))
            s.cells[(row, 3)] = ("原案のとおりで支援可能。", Style(border=True))
            row += 1
        s.cells[(row + 1, 1)] = (f"本人・家族には{p.consent_on.month}月{p.consent_on.day}日に居宅で原案を説明し、同意を得た。", Style())
    return post


def v_attendees_free_text(p: Plan, r: random.Random):
    # 出席者を一つの欄に文で書く（記載要領 第4表「会議出席者」: 所属（職種）と氏名を記載 — the form gives no grid
    # shape). 本人・家族 written as the office writes them: ご本人, 利用者, 妻, 長男の妻, 娘 ….
    m = p.meeting
    fam = r.choice(["長女", "妻", "長男の妻", "娘", "夫", "次男"])
    me = r.choice(["本人", "ご本人", "利用者本人", "本人（利用者）"])
    m.attendees = [(me if role == "本人" else fam if role == "長女" else role, n) for role, n in m.attendees]
    sep = r.choice(["、", "・", "／", "\n"])
    text = sep.join(f"{role} {n}" if "（" not in role else f"{role} {n}" for role, n in m.attendees)

    def post(b: Book, p: Plan):
        cells = b.places.get("t4.attendees", [])
        if not cells:
            return
        sh = b.sheet(cells[0][0])
        names = {x for a in p.meeting.attendees for x in a} | {f"{n}（{role}）" for role, n in p.meeting.attendees} \
            | {f"{role} {n}" for role, n in p.meeting.attendees}
        for k, (v, st) in list(sh.cells.items()):
            if isinstance(v, str) and (v in names or v == "、".join(f"{n}（{role}）" for role, n in p.meeting.attendees)
                                       or v == "、".join(f"{role} {n}" for role, n in p.meeting.attendees)):
                del sh.cells[k]
        from .book import Style
        covered = {(r, c) for r1, c1, r2, c2 in sh.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                   if (r, c) != (r1, c1)}
        # the first recorded attendee cell that is now empty (below a grid's 所属/氏名 header, or the one cell)
        free = [split_a1(ref) for _, ref in cells if split_a1(ref) not in covered
                and not isinstance(sh.cells.get(split_a1(ref), (None,))[0], str)]
        target = free[0] if free else split_a1(cells[0][1])
        sh.cells[target] = (text, Style(wrap=True))
    return post


EQUIPMENT_WORDS = {
    "歩行器": ["歩行器（屋外歩行時の転倒予防）", "歩行器：膝痛で屋外歩行が不安定。転倒を防ぎ、買物に出かけられるように",
             "転倒予防を目的とした歩行器の貸与", "屋外を安心して歩けるよう、歩行器を貸与"],
    "入浴用いす": ["入浴用いす（浴室での立ち座りを安定させる）", "入浴用いす購入：立位での洗身が困難なため",
               "座って洗身できるよう入浴用いすを購入", "入浴用いす（洗身時の転倒防止目的）"],
    "手すり": ["起き上がり・立ち上がりを補助する目的で床置き式手すりを設置（貸与）", "床置き式手すり（夜間トイレ移動時の転倒予防）",
            "ベッドからの立ち上がりが不安定なため、床置き式手すりを貸与"],
    "特殊寝台": ["特殊寝台・手すり（起き上がりの負担軽減と夜間の転倒予防）", "特殊寝台の貸与：背上げ機能で起き上がりを補助するため",
             "起居動作の補助として特殊寝台・付属品を使用"],
}


def v_equipment_reason_phrased(p: Plan, r: random.Random):
    # 福祉用具の必要な理由を事業所の言葉で: 運営基準 第13条第22号・第23号（計画に福祉用具貸与・特定福祉用具販売が
    # 必要な理由を記載）— any phrasing of the purpose is that reason: 「〜目的」「（転倒予防）」「〜できるよう」「：〜が困難」.
    for s in services(p):
        if s.kind in ("福祉用具貸与", "特定福祉用具販売"):
            for word, texts in EQUIPMENT_WORDS.items():
                if word in s.content:
                    s.content = r.choice(texts)
                    break
    return None


def month_period(a: D | None, b: D | None, style: str) -> str:
    if a is None:
        return ""
    f = {"short": lambda d: f"R{d.year - 2018}.{d.month}", "long": lambda d: f"令和{d.year - 2018}年{d.month}月",
         "seireki": lambda d: f"{d.year}年{d.month}月"}[style]
    return f"{f(a)}～{f(b)}" if b else f"{f(a)}～"


def v_period_months(p: Plan, r: random.Random):
    # 期間を月単位で書く「R8.4〜R8.9」: 記載要領 第2表「（期間）」は目標の達成期限・サービスの実施期間を記載するもので、
    # 開始時期と終了時期を記入する（終了時期が特定できない場合は開始時期のみ、知識による）. Nothing asks for a day.
    # Long goals over the 有効期間's months, short goals 3 or 6 whole months, services = their short goal.
    start = D(p.consent_on.year, p.consent_on.month, 1)
    months = r.choice((3, 6))
    for lg in longs(p):
        lg.start, lg.end = start, p.cert_end
        for sg in lg.shorts:
            sg.start, sg.end = start, min(months_later_minus_day(start, months), p.cert_end)
            for sv in sg.services:
                sv.start, sv.end = sg.start, sg.end
    style = r.choice(["short", "long", "seireki"])
    for i, n in enumerate(p.needs):
        for j, lg in enumerate(n.longs):
            p.raw[f"t2.n{i}.l{j}.period"] = month_period(lg.start, lg.end, style)
            for k, sg in enumerate(lg.shorts):
                p.raw[f"t2.n{i}.l{j}.s{k}.period"] = month_period(sg.start, sg.end, style)
                for m, sv in enumerate(sg.services):
                    p.raw[f"t2.n{i}.l{j}.s{k}.v{m}.period"] = month_period(sv.start, sv.end, style)
    revisit(p, r, p.consent_on)


LABELS = {"通所介護": ["デイ", "デイサービスこぶし", "通所", "ﾃﾞｲｻｰﾋﾞｽ"], "訪問介護": ["ヘルパー", "訪介", "HP", "ホームヘルプ"],
          "訪問看護": ["訪看", "訪問看護ST", "ナース訪問"], "訪問リハビリテーション": ["訪リハ", "リハビリ（訪問）", "PT訪問"]}


def v_weekly_labels(p: Plan, r: random.Random):
    # 第3表の書き方: 記載要領 第3表 — 第2表のサービスを曜日・時間帯に記入; the names used are not prescribed, and
    # offices write short names (デイ, ヘルパー, 訪看) or the provider's name.
    for s in services(p):
        if s.weekly_label and s.kind in LABELS:
            s.weekly_label = r.choice(LABELS[s.kind] + [s.provider])
    return None


def v_table3_as_text(p: Plan, r: random.Random):
    # 第3表 with the week written as lines of text under the grid (a software print or a hand-kept sheet):
    # 記載要領 第3表 asks the services by weekday and time; written as text they are still there.
    lines = []
    seen = set()
    for s in p.weekly_services():
        if s.group in seen:
            continue
        seen.add(s.group)
        lines.append(f"{'・'.join(s.days)}曜日　{s.time}～　{s.weekly_label}（{s.provider}）")
        s.weekly_label = ""
    for s in services(p):
        s.weekly_label = ""

    def post(b: Book, p: Plan):
        sh = sheet_holding(b, "週単位以外") or sheet_holding(b, "主な日常生活上の活動")
        if sh is not None:
            append_rows(sh, ["週間の予定（サービス）"] + lines)
    return post


def v_youshien(p: Plan, r: random.Random):
    # 要支援2 の計画 on the 居宅 form: 予防基準 第30条 — a 介護予防支援 plan; its form (介護予防サービス・支援計画書) is a
    # 様式例. CP103 is meant to say exactly this once; nothing else should pile on.
    # (the level is written into the 第1表 cell after the layout has built the book: layouts print 要介護 lists)
    for s in services(p):
        if s.kind in ("通所介護",):
            s.kind, s.content = "通所型サービス（総合事業）", s.content
        elif s.kind in ("訪問介護",):
            s.kind = "訪問型サービス（総合事業）"
        elif s.kind.startswith(("福祉用具", "特定福祉用具", "訪問看護", "訪問リハ")):
            s.kind = "介護予防" + s.kind
        if "特殊寝台" in s.content:  # 要支援 cannot rent a 特殊寝台 without the 例外給付 basis (CP143 was hidden by CP103)
            s.content = s.content.replace("特殊寝台・手すり", "床置き式手すり")
    p.living_reason = None
    visits = [v for v in p.visits if v.done is None or v.done.month % 3 == p.consent_on.month % 3 or v.kind == "目標評価"]
    p.visits = visits

    def post(b: Book, p: Plan):
        for sh, ref in b.places.get("t1.care_level", [])[:1]:
            s = b.sheet(sh)
            rr, cc = split_a1(ref)
            v, st = s.cells.get((rr, cc), ("", None))
            if not isinstance(v, str):
                continue
            if all(x in v.translate(ZEN_DIGITS) for x in "12345") or v in ("要介護１", "要介護1"):  # a printed list
                s.cells[(rr, cc)] = ("要支援1・○要支援2　要介護1・2・3・4・5", st)
            else:  # the level written in the cell, maybe after a caption (要介護度：要介護2)
                s.cells[(rr, cc)] = (v.replace(p.care_level, "要支援2").replace(p.care_level.translate(ZEN), "要支援２"), st)
        for sh in b.sheets:  # choice cells (要介護１ | 要介護２ …, a mark before one): mark 要支援2 instead
            for (rr, cc), (v, st) in list(sh.cells.items()):
                if isinstance(v, str) and v in ("○", "◯", "〇") and isinstance(sh.cells.get((rr, cc + 1), ("",))[0], str) \
                        and sh.cells[(rr, cc + 1)][0].startswith("要介護"):
                    sh.cells[(rr, cc + 1)] = ("要支援２", sh.cells[(rr, cc + 1)][1])
    return post


def v_outside_insurance(p: Plan, r: random.Random):
    # 介護保険外のサービスも計画に: 運営基準 第13条第4号（介護給付等対象サービス以外の保健医療・福祉サービス、地域住民の
    # 自発的な活動によるサービス等も含めて位置付ける）; 記載要領 第2表 ※1（保険給付対象内サービスに○）— 自費・市の事業は○なし.
    sg = shorts(p)[0]
    end = sg.end
    sg.services.append(Svc("昼食の配食と安否の確認", "市の配食サービス", "名寄市高齢者配食（委託：ふれあい弁当）",
                           "週3回（月・水・金）", sg.start, end, insured=False))
    sg.services.append(Svc("通院時の院内の付き添い（介護保険外）", "訪問介護（自費）", r.choice(["ヘルパーステーションつばさ", "訪問介護事業所わかば"]),
                           "月1回（受診日）", sg.start, end, insured=False))
    sg.services.append(Svc("週1回の声かけと見守り", "地域の支え", "民生委員", "週1回程度", sg.start, end, insured=False))
    return None


def v_body_care_helper(p: Plan, r: random.Random):
    # 訪問介護が身体介護だけ（見守り的援助を含む）: 記載要領 第1表「生活援助中心型の算定理由」は生活援助中心型を位置付ける
    # 場合に記載; 老計第10号 1-6（自立生活支援・重度化防止のための見守り的援助は身体介護、知識による）.
    for sg in shorts(p):
        keep = []
        for s in sg.services:
            if s.kind == "訪問介護" and "生活援助" in s.content:
                continue
            if s.kind == "訪問介護":
                s.content = r.choice(["一緒に調理の手順を確認しながら、包丁を使う場面を見守る（自立生活支援のための見守り的援助・身体介護）",
                                      "座ってできる調理を利用者と共に行い、安全を確認する（身体介護）"])
                s.weekly_label = s.weekly_label or "訪問介護"
            keep.append(s)
        sg.services = keep
    p.living_reason = None
    return None


def v_video_monitoring(p: Plan, r: random.Random):
    # テレビ電話装置等によるモニタリング（令和6年4月改正）: 運営基準 第13条第14号ロ — 利用者の同意を得て、担当者会議で
    # 主治医・担当者の合意を得たうえで、少なくとも2月に1回は居宅を訪問し、訪問しない月はテレビ電話装置等で面接
    # （号の枝番は知識による）. The agreement is written in 第4表.
    if p.meeting:
        p.meeting.conclusion += ("テレビ電話装置等を活用したモニタリングについて、本人・家族の同意を得て、主治医及び担当者の"
                                 "合意を得た（2か月に1回は居宅を訪問し、他の月はオンラインで面接する）。")
    for i, v in enumerate(p.visits):
        if v.done and v.kind != "目標評価" and v.done.month % 2 == 0 and v.done > p.consent_on + dt.timedelta(days=35):
            v.method = r.choice(["テレビ電話", "オンライン（テレビ電話）", "ビデオ通話"])
            v.note = "テレビ電話で面接。表情・声に変化なし。サービスは計画どおり、本人から困りごとなし。" + v.note[:0]
    return None


def v_hospital_month(p: Plan, r: random.Random):
    # 入院で訪問できなかった月: 解釈通知 第二 3(8)⑭（特段の事情 — 利用者の事情により居宅を訪問できない場合 — のあるときは
    # その具体的な内容を記録する、知識による）. Recorded where the office records monitoring.
    done = [v for v in p.visits if v.done and v.kind != "目標評価" and v.done.month not in (p.consent_on.month,)]
    if len(done) < 3:
        return None
    v = done[-2]
    m = v.done.month
    v.done = None
    v.method = ""
    v.note = f"{m}月2日〜{m}月28日 さくら病院に肺炎で入院のため訪問できず（特段の事情）。病棟の看護師から状態を確認した。"
    p.journal.append((D(v.planned.year, m, 2), "入院", f"肺炎でさくら病院に入院（特段の事情のため{m}月は居宅訪問なし）。"))
    return None


NEED_PHRASES = [
    ("膝の痛みで", "膝の痛みがあるため長い距離を歩けない。近くのスーパーへ自分で買物に行けるようになりたい。"),
    ("右膝の痛みで浴槽", "右膝が痛み、浴槽をまたぐのが怖い。家のお風呂にゆっくりつかりたい。"),
    ("腰痛で", "腰痛のため台所に長く立てない。これからも一人暮らしを続け、自分の味付けで食事を作りたい。"),
    ("物忘れが", "物忘れで薬を飲み忘れることがあり、血圧が上がりやすい。体調を保って、孫の結婚式に出席したい。"),
    ("外出の機会が", "足腰が弱って外出が減り、家にこもりがちになっている。俳句の仲間と会って句会を続けたい。"),
    ("夜間にトイレ", "夜中にトイレへ行く時ふらつき、転ぶのが心配。これからも自分でトイレに行きたい。"),
]


def v_needs_phrased(p: Plan, r: random.Random):
    # ニーズを二つの文で: 記載要領 第2表「生活全般の解決すべき課題（ニーズ）」; 名寄市ガイドライン 4(1)② (阻害要因と
    # 本人の希望する生活を踏まえる); 旭川市基本方針「課題分析」(なぜできないのか). Cause + the life wanted, other words.
    for n in p.needs:
        for head, text in NEED_PHRASES:
            if n.text.startswith(head):
                n.text = text
    return None


def v_short_stay(p: Plan, r: random.Random):
    # 短期入所を月1回（2泊3日）: 運営基準 第13条第21号（有効期間のおおむね半数を超えない）; 記載要領 第3表
    # 「週単位以外のサービス」に記入.
    sg = shorts(p)[-1]
    sg.services.append(Svc("家族の休養のための短期入所（入浴・排泄の介助、日中の体操への参加）", "短期入所生活介護",
                           "特別養護老人ホームなよろ荘 短期入所", r.choice(["月1回（2泊3日）", "月1回（3泊4日）", "2か月に1回（2泊3日）"]),
                           sg.start, sg.end))
    p.non_weekly = (p.non_weekly + "、" if p.non_weekly else "") + "短期入所生活介護（月1回 2泊3日）"
    if p.meeting:
        p.meeting.attendees.insert(-1, ("特別養護老人ホームなよろ荘（生活相談員）", "菅原 亮"))
    return None


def v_evaluation_phrased(p: Plan, r: random.Random):
    # 短期目標の振り返りを普段のモニタリングに書く: 運営基準 第13条第13号・第14号（実施状況の把握と記録）; 記載要領 第2表
    # 期間（達成期限）. The office writes the evaluation in that month's ordinary record, in its own words.
    for v in p.visits:
        if v.kind == "目標評価":
            v.kind = "モニタリング訪問"
            v.note = r.choice(["短期目標の達成状況を本人と振り返った。10分の歩行は可能となり、目標はおおむね達成。次期目標を検討。",
                               "目標の到達度：◎（できた）。本人も効果を感じている。次の3か月の目標を話し合った。",
                               "短期目標について本人・家族と確認：達成。新たな目標を設定する。"])
    return None


def v_same_day(p: Plan, r: random.Random):
    # 作成・会議・同意・交付を同じ日に: 運営基準 第13条第9号〜第11号 (order, not different days); the meeting at home
    # on the day the final plan is explained and handed over is usual.
    redate(p, r, p.created_on, meeting_gap=0, consent_gap=0)
    return None


def v_no_assessment_sheet(p: Plan, r: random.Random):
    # アセスメントは別の様式・システムで保管: 運営基準 第13条第6号・第7号 ask an assessment (課題分析標準項目) —
    # not that it be in the plan's workbook.
    def post(b: Book, p: Plan):
        sheets = {sh for k, v in b.places.items() if k.startswith("as.") for sh, _ in v}
        keep = {sh for k in ("mon.sheet",) for sh, _ in b.places.get(k, [])} | \
            {sh for k, v in b.places.items() if k.startswith(("t1.", "t2.", "t4.")) for sh, _ in v}
        b.sheets = [s for s in b.sheets if s.name not in sheets - keep]
    return post


def v_frequency_words(p: Plan, r: random.Random):
    # 頻度の書き方: 記載要領 第2表「頻度」（サービス内容に掲げたサービスをどの程度の「頻度（一定期間内での回数、実施曜日等）」
    # で実施するかを記載、知識による）— a count, weekdays, or both.
    for s in services(p):
        if s.days and s.freq.startswith("週"):
            n = len(s.days)
            s.freq = r.choice([f"週{n}日", f"毎週{'・'.join(s.days)}曜日", f"{'・'.join(s.days)}（週{n}回）"])
    return None


# ----- second round, written after the rules had been read (so not blind: an estimate for these is weaker)

def v_user_absent_reason(p: Plan, r: random.Random):
    # 本人が体調不良で会議を欠席、事前に居宅で意見を聴いた: 運営基準 第13条第9号（利用者及びその家族の参加を「基本」と
    # しつつ）; 記載要領 第4表 会議出席者（出席できない者とその理由を記載、知識による）. The family attended.
    m = p.meeting
    m.attendees = [a for a in m.attendees if a[0] != "本人"]
    m.discussion = ("本人は当日体調不良のため欠席。前日に居宅を訪問し、原案について本人の意見（自分で買物に行けるようになりたい）"
                    "を確認した。") + m.discussion.split("。", 1)[1]
    return None


def v_informal_no_provider(p: Plan, r: random.Random):
    # 家族・地域の支えの行は、誰が行うかをサービス種別に書き、※2（事業所）は空欄: 記載要領 第2表「サービス種別」（家族が担う
    # 介護部分についても、誰が行うのかを明記する）・「※2」（当該サービス提供を行う事業所）— 知識による.
    for s in services(p):
        if s.kind in ("家族", "インフォーマル"):
            s.kind = f"{s.kind}（{s.provider}）"
            s.provider = ""
    return None


def v_body_then_living(p: Plan, r: random.Random):
    # 身体介護に引き続く生活援助（身体1生活1）だけ: 生活援助中心型ではないので第1表の算定理由は不要（記載要領 第1表
    # 「生活援助中心型の算定理由」, 老計第10号、知識による）.
    for s in services(p):
        if s.kind == "訪問介護" and "生活援助" in s.content:
            s.content = "入浴介助（洗身・洗髪）に引き続き、浴室の掃除を行う（身体1生活1）"
        elif s.kind == "訪問介護":
            s.content = "入浴時の浴槽のまたぎの見守りと背中の洗身の介助（身体介護）"
    p.living_reason = None
    return None


def v_open_end_equipment(p: Plan, r: random.Random):
    # 福祉用具の期間を開始日だけで: 記載要領 第2表 期間（終了時期が特定できない場合等は開始時期のみ記載する、知識による）.
    for key, s in p.services():
        if s.kind in ("福祉用具貸与",):
            p.raw[f"{key}.period"] = f"令和{s.start.year - 2018}年{s.start.month}月{s.start.day}日～"
    return None


def v_committee_opinion_named(p: Plan, r: random.Random):
    # 審査会の意見にサービスがあり、計画にそれを別の呼び方で位置付けた: 運営基準 第13条第24号（意見に沿って計画を作成、
    # 号は知識による）.
    kinds = {s.kind for s in services(p)}
    name = {"通所介護": "デイサービス", "訪問看護": "訪問看護ステーション", "訪問リハビリテーション": "訪問リハビリ",
            "訪問介護": "ホームヘルプサービス"}
    have = [k for k in name if k in kinds]
    if have:
        k = r.choice(have)
        p.committee_opinion = r.choice([f"{name[k]}等の利用により、生活機能の維持を図ることが望ましい。",
                                        f"療養上の留意事項：転倒に注意。{name[k]}の利用が望ましい。"])
    else:
        p.committee_opinion = "療養上の留意事項：転倒に注意すること。"
    return None


def v_exception_basis(p: Plan, r: random.Random):
    # 要介護1 の特殊寝台（例外給付）: 利用者等告示 第31号のイ; 老企第36号 第二 9(2)（医師の医学的な所見に基づき、担当者会議
    # 等を経た適切なケアマネジメントにより市町村が確認）— recorded in the office's words in 第4表.
    p.care_level = "要介護1"
    bed = None
    for s in services(p):
        if s.kind == "福祉用具貸与" and "手すり" in s.content:
            s.content = "特殊寝台・付属品の貸与（パーキンソン病で日によって起き上がりが困難になるため）"
            bed = s
    if bed is None:
        sg = shorts(p)[0]
        sg.services.append(Svc("特殊寝台・付属品の貸与（パーキンソン病で日によって起き上がりが困難になるため）", "福祉用具貸与",
                               "福祉用具センターほっと", "貸与期間中", sg.start, sg.end))
        if p.meeting and not any("ほっと" in a[0] for a in p.meeting.attendees):
            p.meeting.attendees.insert(-1, ("福祉用具センターほっと（福祉用具専門相談員）", "内田 修"))
    if p.meeting:
        p.meeting.discussion += r.choice([
            "主治医意見書の医学的所見（症状が日によって変動）をもとに、特殊寝台が必要と担当者間で判断した。名寄市へ確認依頼書を提出済み。",
            "かかりつけ医から「起き上がりが日により困難で、背上げ機能が必要」との所見を得て、軽度者の例外給付として市に届け出た。",
            "特殊寝台について、医師の意見と会議での検討を経て保険者（旭川市）の確認を受けた。",
        ])
    return None


GOOD = [
    Variant("renewal_before_start", "記載要領 第1表 認定日（認定の始期）; 運営基準 第13条第15号", v_renewal_before_start),
    Variant("pending_new", "記載要領 第1表 認定済・申請中、認定日（申請中は申請日）", v_pending_new),
    Variant("pending_change", "記載要領 第1表 申請中（区分変更申請中）; 記載要領 冒頭（変更の都度 別葉）", v_pending_change),
    Variant("mid_month_change", "運営基準 第13条第16号; 記載要領 冒頭", v_mid_month_change),
    Variant("first_month", "運営基準 第13条第14号（計画開始後、月1回）", v_first_month),
    Variant("no_table5", "記載要領 第5表は別の記録; 運営基準 第13条第19号・第20号", v_no_table5, want=has_medical),
    Variant("doctor_reworded", "運営基準 第13条第19号・第19号の2・第20号（文言の定めなし）", v_doctor_reworded, want=has_medical),
    Variant("absent_provider_inquiry", "運営基準 第13条第9号 ただし書（照会等）", v_absent_provider_inquiry),
    Variant("inquiry_instead_of_meeting", "運営基準 第13条第9号 ただし書; 解釈通知 第二 3(8)⑨", v_inquiry_instead_of_meeting,
            layouts=MEETING_OPTIONAL),
    Variant("attendees_free_text", "記載要領 第4表 会議出席者", v_attendees_free_text),
    Variant("equipment_reason_phrased", "運営基準 第13条第22号・第23号",
            v_equipment_reason_phrased, want=lambda p: has_kind(p, "福祉用具貸与", "特定福祉用具販売")),
    Variant("period_months", "記載要領 第2表（期間）", v_period_months, layouts=SINGLE_CELL_PERIODS),
    Variant("weekly_labels", "記載要領 第3表", v_weekly_labels),
    Variant("table3_as_text", "記載要領 第3表", v_table3_as_text,
            layouts=["mhlw", "handmade", "prefecture", "split_pages", "software", "onesheet"]),
    Variant("youshien", "予防基準 第30条（CP103 のみ許す）", v_youshien, allowed=("CP103",)),
    Variant("outside_insurance", "運営基準 第13条第4号; 記載要領 第2表 ※1", v_outside_insurance),
    Variant("body_care_helper", "記載要領 第1表 算定理由; 老計第10号 1-6", v_body_care_helper,
            want=lambda p: has_kind(p, "訪問介護")),
    Variant("video_monitoring", "運営基準 第13条第14号（令和6年改正 テレビ電話装置等）", v_video_monitoring,
            layouts=["mhlw", "handmade", "software", "listexport"]),  # the others write 方法 as 訪問/電話 only
    Variant("hospital_month", "解釈通知 第二 3(8)⑭（特段の事情）", v_hospital_month),
    Variant("needs_phrased", "記載要領 第2表 ニーズ; 名寄市 4(1)②; 旭川市 課題分析", v_needs_phrased),
    Variant("short_stay", "運営基準 第13条第21号; 記載要領 第3表 週単位以外", v_short_stay),
    Variant("evaluation_phrased", "運営基準 第13条第13号・第14号", v_evaluation_phrased,
            want=lambda p: any(v.kind == "目標評価" for v in p.visits)),
    Variant("same_day", "運営基準 第13条第9号〜第11号（順序）", v_same_day),
    Variant("no_assessment_sheet", "運営基準 第13条第6号・第7号", v_no_assessment_sheet),
    Variant("frequency_words", "記載要領 第2表 頻度", v_frequency_words, want=lambda p: has_kind(p, "通所介護", "訪問介護")),
    # second round (after reading the rules)
    Variant("user_absent_reason", "運営基準 第13条第9号（参加を基本）; 記載要領 第4表", v_user_absent_reason),
    Variant("informal_no_provider", "記載要領 第2表 ※2（事業所）", v_informal_no_provider),
    Variant("body_then_living", "記載要領 第1表 算定理由（生活援助中心型のみ）", v_body_then_living,
            want=lambda p: has_kind(p, "訪問介護")),
    Variant("open_end_equipment", "記載要領 第2表 期間（開始時期のみ）", v_open_end_equipment,
            want=lambda p: has_kind(p, "福祉用具貸与"), layouts=SINGLE_CELL_PERIODS),
    Variant("committee_opinion_named", "運営基準 第13条第24号", v_committee_opinion_named),
    Variant("exception_basis", "利用者等告示 第31号のイ; 老企第36号 第二 9(2)", v_exception_basis),
]


# --------------------------------------------------------------------------- BAD variants (each: one real problem)

def b_renewal_no_meeting(p: Plan, r: random.Random):
    # 更新後の担当者会議がない: 第4表 is last year's (運営基準 第13条第15号).
    v_renewal_before_start(p, r)
    p.meeting.held_on = D(p.cert_start.year - 1, p.cert_start.month, 10)
    return None


def b_medical_no_doctor(p: Plan, r: random.Random):
    # 医療系サービスに主治医の意見・指示の記録がない（第4表にも第5表にも）: 運営基準 第13条第19号・第20号.
    drop_doctor_text(p)
    return None


def b_equipment_no_reason(p: Plan, r: random.Random):
    # 福祉用具の理由がない: 運営基準 第13条第22号.
    for s in services(p):
        if s.kind == "福祉用具貸与":
            s.content = s.content.split("の貸与")[0].split("（")[0]
            return None
    return None


def b_month_without_visit(p: Plan, r: random.Random):
    # 訪問のない月（理由の記録もない）: 運営基準 第13条第14号.
    months = [(v.done.year, v.done.month) for v in p.visits if v.done]
    alone = [v for v in p.visits if v.done and v.kind != "目標評価" and months.count((v.done.year, v.done.month)) == 1
             and (v.done.year, v.done.month) != (p.consent_on.year, p.consent_on.month)]
    if alone:  # a month whose only visit is dropped (not the plan's first month, which the assessment covers)
        v = alone[-1]
        v.done, v.method, v.note = None, "", ""
    return None


def b_living_no_reason(p: Plan, r: random.Random):
    # 生活援助中心型なのに算定理由がない: 記載要領 第1表.
    p.living_reason = None
    return None


def b_meeting_without_family(p: Plan, r: random.Random):
    # 会議に本人・家族がいない（free text on top of the free-text variant）: 運営基準 第13条第9号.
    p.meeting.attendees = [a for a in p.meeting.attendees if "（" in a[0] or "介護支援専門員" in a[0]]
    return v_attendees_free_text(p, r)


def b_bed_light_level(p: Plan, r: random.Random):
    # 要介護1 の特殊寝台に例外給付の根拠がない: 利用者等告示 第31号のイ; 老企第36号 第二 9(2).
    p.care_level = "要介護1"
    for s in services(p):
        if s.kind == "福祉用具貸与" and "手すり" in s.content:
            s.content = "特殊寝台・付属品の貸与（起き上がりを楽にするため）"
            return None
    sg = shorts(p)[0]
    sg.services.append(Svc("特殊寝台・付属品の貸与（起き上がりを楽にするため）", "福祉用具貸与", "福祉用具センターほっと",
                           "貸与期間中", sg.start, sg.end))
    return None


def b_short_beyond_long(p: Plan, r: random.Random):
    # 短期目標が長期目標を超える（月単位の期間の計画で）: 記載要領 第2表.
    v_period_months(p, r)
    i, j, k = 0, 0, 0
    lg = p.needs[0].longs[0]
    key = f"t2.n{i}.l{j}.s{k}.period"
    later = add_months(lg.end, 3)
    p.raw[key] = month_period(lg.shorts[0].start, later, "short")
    return None


def b_consent_before_meeting(p: Plan, r: random.Random):
    # 同意が会議より前: 運営基準 第13条第9号・第10号.
    p.consent_on = p.delivered_on = p.meeting.held_on - dt.timedelta(days=3)
    p.created_on = min(p.created_on, p.consent_on - dt.timedelta(days=1))
    p.assessed_on = min(p.assessed_on, p.created_on)
    return None


def b_unevaluated(p: Plan, r: random.Random):
    # 期間の終わった短期目標を評価していない: 運営基準 第13条第13号・第14号.
    for v in p.visits:
        if v.kind == "目標評価":
            v.kind, v.note = "モニタリング訪問", "サービスは計画どおり。体調に変化なし。"
    return None


def b_insured_mark_on_family(p: Plan, r: random.Random):
    # 家族の行に※1の○: 記載要領 第2表 ※1.
    for s in services(p):
        if s.kind in ("家族", "本人", "インフォーマル"):
            s.insured = True
            return None
    return None


def b_family_who_missing(p: Plan, r: random.Random):
    # 家族の行に誰が行うかがない（種別「家族」、※2 空欄）: 記載要領 第2表 サービス種別（誰が行うのかを明記）.
    for s in services(p):
        if s.kind == "家族":
            s.provider = ""
            return None
    return None


def b_weekly_missing(p: Plan, r: random.Random):
    # 週単位のサービスが第3表にない（他のサービスは書かれている）: 記載要領 第3表.
    groups = [s for s in p.weekly_services() if s.weekly_label]
    if len(groups) >= 2:
        g = groups[0].group
        for s in services(p):
            if s.group == g:
                s.weekly_label = ""
    return None


BAD = [
    Variant("bad_renewal_no_meeting", "運営基準 第13条第15号", b_renewal_no_meeting, expect="CP175"),
    Variant("bad_medical_no_doctor", "運営基準 第13条第19号・第20号", b_medical_no_doctor, want=has_medical, expect="CP145",
            layouts=["mhlw", "prefecture", "software", "split_pages"]),
    Variant("bad_equipment_no_reason", "運営基準 第13条第22号", b_equipment_no_reason,
            want=lambda p: has_kind(p, "福祉用具貸与"), expect="CP141"),
    Variant("bad_month_without_visit", "運営基準 第13条第14号", b_month_without_visit, expect="CP170"),
    Variant("bad_living_no_reason", "記載要領 第1表 算定理由", b_living_no_reason,
            want=lambda p: p.living_reason is not None, expect="CP140"),
    Variant("bad_meeting_without_family", "運営基準 第13条第9号", b_meeting_without_family, expect="CP172"),
    Variant("bad_bed_light_level", "利用者等告示 第31号のイ", b_bed_light_level, expect="CP143"),
    Variant("bad_short_beyond_long", "記載要領 第2表 期間", b_short_beyond_long, expect="CP121", layouts=SINGLE_CELL_PERIODS),
    Variant("bad_consent_before_meeting", "運営基準 第13条第9号・第10号", b_consent_before_meeting, expect="CP110"),
    Variant("bad_unevaluated", "運営基準 第13条第13号・第14号", b_unevaluated,
            want=lambda p: any(v.kind == "目標評価" for v in p.visits), expect="CP177",
            layouts=[x for x in ALL_LAYOUTS if x != "prefecture"]),  # prefecture writes 目標の達成度 on every visit
    Variant("bad_insured_mark_on_family", "記載要領 第2表 ※1", b_insured_mark_on_family, expect="CP131"),
    # second round
    Variant("bad_family_who_missing", "記載要領 第2表 サービス種別（誰が行うか）", b_family_who_missing,
            want=lambda p: has_kind(p, "家族"), expect="CP130"),
    Variant("bad_weekly_missing", "記載要領 第3表", b_weekly_missing,
            want=lambda p: len({s.group for s in p.weekly_services() if s.weekly_label}) >= 2, expect="CP150"),
]


# --------------------------------------------------------------------------- generation

@dataclass
class VCase:
    file: str
    variant: str
    layout: str
    writer: str
    seed: int
    good: bool
    expect: str | None = None
    allowed: list[str] = field(default_factory=list)


def generate_variation(out_dir: Path, per_variant: int = 4, seed: int = 7331, names: list[str] | None = None) -> list[VCase]:
    """``per_variant`` workbooks of every variant, layouts and writers rotating. Deterministic."""
    return generate_set(GOOD + BAD, out_dir, per_variant, seed, names, "variation.json")


def generate_set(variants: list[Variant], out_dir: Path, per_variant: int, seed: int, names: list[str] | None,
                 truth: str) -> list[VCase]:
    """The workbooks of a set of variants (variation.py's or variation2.py's) and their truth file."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    writers = list(WRITERS)
    cases: list[VCase] = []
    for vi, v in enumerate(variants):
        if names and v.name not in names:
            continue
        for k in range(per_variant):
            lname = v.layouts[(k + vi) % len(v.layouts)]
            s = seed * 100003 + vi * 1013 + k
            for attempt in range(60):  # the first generated plan that fits the variant
                plan = make_plan(f"{v.name}-{k}", s + attempt * 7919, TODAY)
                if v.want(plan):
                    break
            else:
                raise RuntimeError(f"no plan fits {v.name}")
            r = random.Random(s + 17)
            post = v.apply(plan, r)
            mod = layouts.load(lname)
            book = mod.build(plan, random.Random(s + 1))
            if post:
                post(book, plan)
            writer = writers[(k + vi) % len(writers)]
            name = f"{v.name}_{k}_{lname}_{writer}.xlsx"
            WRITERS[writer](book, out_dir / name)
            cases.append(VCase(name, v.name, lname, writer, s, v.expect is None, v.expect, list(v.allowed)))
    (out_dir / truth).write_text(
        json.dumps({"today": TODAY.isoformat(), "cases": [asdict(c) for c in cases],
                    "why": {v.name: v.why for v in variants}}, ensure_ascii=False, indent=1), encoding="utf-8")
    return cases
