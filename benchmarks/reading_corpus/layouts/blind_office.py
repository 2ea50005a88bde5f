"""A held-out layout written blind: what a care office does to its Excel forms over the years — written without
reading the reader's code and committed before the scorer was first run on it.

What differs from the other layouts: a 基本情報 master sheet the plan's cells refer to by formula
(「=基本情報!C4」 for 利用者名, dates through 「=IF(基本情報!C12="","",基本情報!C12)」, 年齢 computed, 説明・同意日 as
「=DATE(2026,4,14)」 — so only the cached values hold the plan); values typed into TEXT BOXES over the form
(利用者名, 総合的な援助の方針) with the cell left blank; 利用者名 and 作成年月日 only in the PRINT HEADER; 初回・紹介・継続,
認定済・申請中 and 要介護1〜5 printed one a cell with an OVAL drawn over the chosen word instead of a ○; hidden rows
holding the previous plan's rows (an old 総合的な援助の方針 above the current one, an old short goal inside a need)
and a hidden 前回頻度 column; 第2表 on two print pages (print titles with a page break, or the header rows copied
at the break); shrink-to-fit long text; 被保険者番号 and No. with a leading apostrophe (numbers kept as text); and
unrelated sheets next to the plan (サービス利用票 with its 1〜31 day and 曜日 rows, 給付管理・請求 with dates).

Where a value is in no cell (a shape, the header), the field is in ``Book.unseen``: on a clean plan the only right
answer is no error/warning finding (a reading note is fine), and planted problems needing it are not expected.

Not part of ``layouts.NAMES``: run it with ``--layouts blind_office``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

from .. import text as T
from ..book import Book, Formula, Shape, Style, WAREKI_FORMATS, XDate, a1
from ..plan import ITEMS, POLICIES, WEEKDAYS, Plan

NAME = "blind_office"
MODELS = "a care office's Excel forms as they are really kept (held out, written blind)"
PLANNED_DATES = True

B = Style(bold=True)
BOX = Style(border=True)
W = Style(wrap=True, border=True)
SHRINK = Style(border=True, shrink=True)
Q = Style(border=True, quote=True)
TITLE = Style(bold=True, size=14)
MASTER = "基本情報"
JA = WAREKI_FORMATS[0]


def _date_formula(d: dt.date | None, fmt: str = JA):
    return Formula(f"DATE({d.year},{d.month},{d.day})", d, fmt) if d else ""


def _ref(cell: str, v, fmt: str | None = None, blank_guard: bool = True):
    """=基本情報!C5 (guarded against a blank source, as offices write it so a blank shows blank, not 0)."""
    f = f'IF({MASTER}!{cell}="","",{MASTER}!{cell})' if blank_guard else f"{MASTER}!{cell}"
    return Formula(f, v if v not in (None, "") else "", fmt if v else None)


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    name_mode = r.choice(["formula", "textbox", "header"])
    created_mode = r.choice(["formula", "formula", "header"])
    choice_mode = r.choice(["oval", "char"])
    level_mode = r.choice(["oval", "formula"])
    policy_mode = r.choice(["textbox", "shrink", "shrink"])
    old_rows = r.random() < 0.6

    _master(b, p, r)
    s = "第1表"
    sh = b.sheet(s)
    b.put(s, 1, 1, "第1表", style=B)
    b.put(s, 1, 4, "居宅サービス計画書（１）", style=TITLE, merge=(1, 9))
    created = p.raw.get("t1.created_on")
    if created_mode == "header":
        sh.header["R"] = f"作成年月日　{T.wareki(p.created_on)}" if p.created_on else "作成年月日　令和　年　月　日"
        b.unseen.add("t1.created_on")
        b.place("t1.created_on", s, "D6")
    else:
        b.put(s, 1, 11, "作成年月日")
        b.put(s, 1, 12, created if created is not None else _date_formula(p.created_on), key="t1.created_on",
              merge=(1, 14))
    if name_mode == "header":
        sh.header["L"] = f"利用者名　{p.user_name}　殿"
    # 初回・紹介・継続 / 認定済・申請中
    kinds = ["初回", "紹介", "継続"]
    statuses = ["認定済", "申請中"]
    st = statuses.index(p.cert_status) if p.cert_status in statuses else None
    if choice_mode == "oval":
        for i, k in enumerate(kinds):
            b.put(s, 2, 9 + i, k, style=Style(center=True), key="t1.plan_kind" if i == 0 else None)
        for i, k in enumerate(statuses):
            b.put(s, 2, 12 + i, k, style=Style(center=True))
        sh.shapes.append(Shape("oval", 2, 9 + kinds.index(p.plan_kind), 2, 9 + kinds.index(p.plan_kind)))
        if st is not None:
            sh.shapes.append(Shape("oval", 2, 12 + st, 2, 12 + st))
        b.unseen |= {"t1.plan_kind", "t1.certification_status"}
    else:
        b.put(s, 2, 9, T.printed_choice(kinds, kinds.index(p.plan_kind), "○"), key="t1.plan_kind", merge=(2, 11))
        b.put(s, 2, 12, T.printed_choice(statuses, st, "○"), key="t1.certification_status", merge=(2, 14))
    b.put(s, 3, 1, "利用者名", style=BOX)
    if name_mode == "formula":
        b.put(s, 3, 2, _ref("C4", p.user_name, blank_guard=False), key="t1.user_name", style=BOX, merge=(3, 3))
    else:
        b.put(s, 3, 2, "", key="t1.user_name", style=BOX, merge=(3, 3))
        b.unseen.add("t1.user_name")
        if name_mode == "textbox":
            sh.shapes.append(Shape("textbox", 3, 2, 3, 3, p.user_name))
    b.put(s, 3, 4, "殿")
    b.put(s, 3, 5, "生年月日", style=BOX)
    b.put(s, 3, 6, _ref("C7", p.birth, JA, blank_guard=False), key="t1.birth_date", style=BOX, merge=(3, 7))
    age = (p.created_on or dt.date(2026, 4, 1)).year - p.birth.year
    b.put(s, 3, 8, Formula(f'DATEDIF({MASTER}!C7,TODAY(),"Y")&"歳"', f"{age}歳"), style=BOX)
    b.put(s, 3, 9, "住所", style=BOX)
    b.put(s, 3, 10, _ref("C9", p.address, blank_guard=False), key="t1.address", style=SHRINK, merge=(3, 14))
    b.put(s, 4, 1, "居宅サービス計画作成者氏名", style=BOX, merge=(4, 3))
    b.put(s, 4, 4, _ref("C16", p.care_manager), key="t1.care_manager", style=BOX, merge=(4, 14))
    b.put(s, 5, 1, "居宅介護支援事業者・事業所名及び所在地", style=BOX, merge=(5, 3))
    b.put(s, 5, 4, p.office, key="t1.office", style=SHRINK, merge=(5, 14))
    b.put(s, 6, 1, "居宅サービス計画作成（変更）日", style=BOX, merge=(6, 3))
    if created_mode == "header":
        b.put(s, 6, 4, "", style=BOX, merge=(6, 7))  # the office prints it in the header only
    else:
        b.put(s, 6, 4, Formula("L1", p.created_on, JA) if created is None and p.created_on else (created or ""),
              key="t1.created_on", style=BOX, merge=(6, 7))
    b.put(s, 6, 8, "初回居宅サービス計画作成日", style=BOX, merge=(6, 10))
    b.put(s, 6, 11, p.raw.get("t1.first_created_on") or (XDate(p.first_created_on, JA) if p.first_created_on else ""),
          key="t1.first_created_on", style=BOX, merge=(6, 14))
    b.put(s, 7, 1, "認定日", style=BOX)
    b.put(s, 7, 2, p.raw.get("t1.certified_on") or _ref("C12", p.certified_on, JA), key="t1.certified_on", style=BOX,
          merge=(7, 4))
    b.put(s, 7, 5, "認定の有効期間", style=BOX, merge=(7, 6))
    raw_per = p.raw.get("t1.cert_period")
    b.put(s, 7, 7, raw_per if raw_per is not None else _ref("C13", p.cert_start, JA), key="t1.cert_period", style=BOX,
          merge=(7, 9))
    b.put(s, 7, 10, "～", style=BOX)
    ref = b.put(s, 7, 11, "" if raw_per is not None else _ref("C14", p.cert_end, JA), style=BOX, merge=(7, 14))
    b.place("t1.cert_period", s, ref)
    b.put(s, 8, 1, "要介護状態区分", style=BOX, merge=(8, 3))
    if level_mode == "oval":
        for i, lv in enumerate(T.LEVELS):
            b.put(s, 8, 4 + 2 * i, lv, style=Style(center=True), merge=(8, 5 + 2 * i),
                  key="t1.care_level" if i == 0 else None)
        if p.care_level in T.LEVELS:
            c = 4 + 2 * T.LEVELS.index(p.care_level)
            sh.shapes.append(Shape("oval", 8, c, 8, c + 1))
        b.unseen.add("t1.care_level")
    else:
        b.put(s, 8, 4, _ref("C11", p.care_level), key="t1.care_level", style=BOX, merge=(8, 14))
    row = 9
    for label, key, v in [("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "t1.user_intent", p.user_intent),
                          ("介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion)]:
        b.put(s, row, 1, label, style=W, merge=(row, 3))
        b.put(s, row, 4, v, key=key, style=SHRINK, merge=(row, 14))
        row += 1
    if old_rows:  # the previous plan's policy, kept in a hidden row above the current one
        b.put(s, row, 1, "総合的な援助の方針", style=W, merge=(row, 3))
        old = next(x for x in POLICIES if x != p.overall_policy)
        b.put(s, row, 4, old, style=SHRINK, merge=(row, 14))
        sh.hidden_rows.add(row)
        row += 1
    b.put(s, row, 1, "総合的な援助の方針", style=W, merge=(row, 3))
    if policy_mode == "textbox":
        b.put(s, row, 4, "", key="t1.overall_policy", style=W, merge=(row, 14))
        if p.overall_policy:
            sh.shapes.append(Shape("textbox", row, 4, row, 14, p.overall_policy))
        b.unseen.add("t1.overall_policy")
    else:
        b.put(s, row, 4, p.overall_policy, key="t1.overall_policy", style=SHRINK, merge=(row, 14))
    row += 1
    b.put(s, row, 1, "生活援助中心型の算定理由", style=W, merge=(row, 3))
    lr = p.living_reason - 1 if p.living_reason else None
    b.put(s, row, 4, T.printed_choice(T.reason_options(p.living_other, p.living_reason), lr, "○", sep="　　"),
          key="t1.living_support_reason", style=W, merge=(row, 14))
    row += 2
    b.put(s, row, 1, "居宅サービス計画について説明を受け、内容に同意し交付を受けました。", merge=(row, 8))
    row += 1
    b.put(s, row, 1, "説明・同意日", style=BOX, merge=(row, 2))
    b.put(s, row, 3, p.raw.get("t1.consent_on") or _date_formula(p.consent_on) or "令和　　年　　月　　日",
          key="t1.consent_on", style=BOX, merge=(row, 6))
    b.put(s, row, 8, "利用者同意欄", style=BOX, merge=(row, 9))
    b.put(s, row, 10, "", style=BOX, merge=(row, 13))
    b.put(s, row, 14, "印", style=BOX)
    row += 1
    b.put(s, row, 1, "交付日", style=BOX, merge=(row, 2))
    b.put(s, row, 3, p.raw.get("t1.delivered_on") or _date_formula(p.delivered_on) or "令和　　年　　月　　日",
          key="t1.delivered_on", style=BOX, merge=(row, 6))
    for c, w in {1: 10, 4: 14, 12: 12}.items():
        b.width(s, c, w)
    sh.footer["C"] = "&P / &N"

    _table2(b, p, r, name_mode, old_rows)
    _table3(b, p, name_mode)
    _table4(b, p, r)
    _assessment(b, p)
    _monitoring(b, p, r)
    _usage(b, p, r)
    _billing(b, p, r)
    return b


def _master(b: Book, p: Plan, r: random.Random) -> None:
    """The office's 利用者基本情報 sheet: the source every form refers to."""
    s = MASTER
    b.put(s, 1, 2, "利用者基本情報", style=TITLE)
    rows = [("利用者ID", Style(quote=True), f"{r.randint(1, 999):05d}"), ("氏名", BOX, p.user_name),
            ("フリガナ", BOX, p.kana), ("性別", BOX, p.sex), ("生年月日", BOX, XDate(p.birth, JA)),
            ("年齢", BOX, Formula('DATEDIF(C7,TODAY(),"Y")', 2026 - p.birth.year)), ("住所", SHRINK, p.address),
            ("被保険者番号", Q, f"{r.randint(0, 99999999):010d}"), ("要介護度", BOX, p.care_level or ""),
            ("認定日", BOX, XDate(p.certified_on, JA) if p.certified_on else ""),
            ("有効期間（開始）", BOX, XDate(p.cert_start, JA) if p.cert_start else ""),
            ("有効期間（終了）", BOX, XDate(p.cert_end, JA) if p.cert_end else ""),
            ("主治医", BOX, "さくら病院 内科"), ("担当ケアマネジャー", BOX, p.care_manager)]
    for i, (label, st, v) in enumerate(rows, start=3):
        b.put(s, i, 2, label, style=BOX)
        b.put(s, i, 3, v, style=st)
    b.width(s, 2, 18)
    b.width(s, 3, 40)


def _period(p: Plan, key: str, a, z):
    raw = p.raw.get(key)
    if raw is not None:
        return raw
    if a is None and z is None:
        return ""
    # a formula joining two date cells' text, as offices build 「R8.4.15～R8.10.14」 from 開始/終了 columns
    text = f"{T.wareki(a, 'short')}～{T.wareki(z, 'short')}"
    return Formula(f'"{T.wareki(a, "short")}"&"～"&"{T.wareki(z, "short")}"', text)


HEAD1 = ["生活全般の解決すべき課題（ニーズ）", "長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1",
         "サービス種別", "※2", "頻度", "前回頻度", "期間"]


def _t2_head(b: Book, s: str, top: int) -> None:
    b.put(s, top, 1, HEAD1[0], style=W, merge=(top + 1, 1))
    b.put(s, top, 2, "目標", style=W, merge=(top, 5))
    b.put(s, top, 6, "援助内容", style=W, merge=(top, 12))
    for c, h in enumerate(HEAD1[1:], start=2):
        b.put(s, top + 1, c, h, style=W)


def _table2(b: Book, p: Plan, r: random.Random, name_mode: str, old_rows: bool) -> None:
    s = "第2表"
    sh = b.sheet(s)
    b.put(s, 1, 1, "第2表", style=B)
    b.put(s, 1, 4, "居宅サービス計画書（２）", style=TITLE, merge=(1, 8))
    b.put(s, 2, 1, "利用者名")
    if name_mode == "header":
        sh.header["L"] = f"利用者名　{p.user_name}　殿"
    else:
        b.put(s, 2, 2, Formula(f'{MASTER}!C4&"　殿"', p.user_name + "　殿"), merge=(2, 3))
    _t2_head(b, s, 3)
    copied = r.random() < 0.5
    if not copied:
        sh.repeat_rows = (3, 4)
    sh.hidden_cols.add(11)
    row = 5
    half = (len(p.needs) + 1) // 2
    for i, n in enumerate(p.needs):
        if i == half and len(p.needs) > 1:
            sh.row_breaks.append(row - 1)
            if copied:  # the header rows copied at the top of the second page
                b.put(s, row, 1, "第2表", style=B)
                b.put(s, row, 4, "居宅サービス計画書（２）", style=TITLE, merge=(row, 8))
                _t2_head(b, s, row + 1)
                row += 3
        n_top = row
        for j, lg in enumerate(n.longs):
            l_top = row
            for k, sg in enumerate(lg.shorts):
                s_top = row
                base = f"t2.n{i}.l{j}.s{k}"
                for m, sv in enumerate(sg.services):
                    key = f"{base}.v{m}"
                    for col, name, v in ((6, "content", sv.content), (7, "insured", "○" if sv.insured else ""),
                                         (8, "kind", sv.kind), (9, "provider", sv.provider), (10, "freq", sv.freq),
                                         (12, "period", _period(p, f"{key}.period", sv.start, sv.end))):
                        b.put(s, row, col, v, key=f"{key}.{name}", style=SHRINK if col == 6 else W)
                    b.put(s, row, 11, "週1回" if sv.days else "", style=W)  # hidden: the previous plan's count
                    row += 1
                b.put(s, s_top, 4, sg.text, key=f"{base}.text", style=W, merge=(row - 1, 4))
                b.put(s, s_top, 5, _period(p, f"{base}.period", sg.start, sg.end), key=f"{base}.period", style=W,
                      merge=(row - 1, 5))
            if old_rows and j == 0:  # the previous short goal, hidden inside the long goal's block
                old_end = (lg.start or dt.date(2026, 4, 1)) - dt.timedelta(days=1)
                old_start = old_end.replace(day=1) - dt.timedelta(days=150)
                b.put(s, row, 4, "屋内を伝い歩きで安全に移動できる", style=W)
                b.put(s, row, 5, f"{T.wareki(old_start, 'short')}～{T.wareki(old_end, 'short')}", style=W)
                b.put(s, row, 6, "歩行訓練（前回計画）", style=W)
                b.put(s, row, 10, "週1回", style=W)
                sh.hidden_rows.add(row)
                row += 1
            b.put(s, l_top, 2, lg.text, key=f"t2.n{i}.l{j}.text", style=W, merge=(row - 1, 2))
            b.put(s, l_top, 3, _period(p, f"t2.n{i}.l{j}.period", lg.start, lg.end), key=f"t2.n{i}.l{j}.period",
                  style=W, merge=(row - 1, 3))
        b.put(s, n_top, 1, n.text, key=f"t2.n{i}.text", style=W, merge=(row - 1, 1))
    b.put(s, row + 1, 1, "※1「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスについては○印を付す。")
    b.put(s, row + 2, 1, "※2「当該サービス提供を行う事業所」について記入する。")
    sh.shapes.append(Shape("textbox", 1, 10, 2, 12, "短期目標の評価は期間の終わりに\nモニタリングで行う"))
    for c, w in {1: 26, 2: 22, 3: 13, 4: 22, 5: 13, 6: 24, 7: 4, 8: 12, 9: 16, 10: 8, 11: 8, 12: 13}.items():
        b.width(s, c, w)


def _table3(b: Book, p: Plan, name_mode: str) -> None:
    s = "第3表"
    sh = b.sheet(s)
    b.put(s, 1, 1, "第3表", style=B)
    b.put(s, 1, 4, "週間サービス計画表", style=TITLE, merge=(1, 8))
    if name_mode == "header":
        sh.header["L"] = f"利用者名　{p.user_name}　殿"
    else:
        b.put(s, 2, 1, "利用者名")
        b.put(s, 2, 2, Formula(f'{MASTER}!C4&"　殿"', p.user_name + "　殿"), merge=(2, 3))
    for c, d in enumerate(WEEKDAYS, start=2):
        b.put(s, 4, c, d, style=Style(border=True, center=True))
    b.put(s, 4, 1, "時間", style=BOX)
    b.put(s, 4, 9, "主な日常生活上の活動", style=W)
    for i, h in enumerate(range(0, 24, 2)):
        b.put(s, 5 + i, 1, f"{h}:00", style=BOX)
        act = p.activities.get(f"{h:02d}:00")
        if act:
            b.put(s, 5 + i, 9, act, style=W)
    seen = set()
    for sv in p.weekly_services():
        if sv.group in seen:
            continue
        seen.add(sv.group)
        h = int(sv.time.split(":")[0])
        for d in sv.days:
            row = 5 + h // 2
            col = 2 + WEEKDAYS.index(d)
            last = min(row + sv.rows - 1, 16)
            b.put(s, row, col, sv.weekly_label, style=W, merge=(last, col) if last > row else None)
    b.put(s, 18, 1, "週単位以外のサービス", style=W)
    b.put(s, 18, 2, p.non_weekly, style=SHRINK, merge=(18, 9))


def _table4(b: Book, p: Plan, r: random.Random) -> None:
    m = p.meeting
    if m is None:
        return
    s = "第4表"
    b.put(s, 1, 1, "第4表", style=B)
    b.put(s, 1, 3, "サービス担当者会議の要点", style=TITLE, merge=(1, 7))
    b.put(s, 2, 1, "利用者名")
    b.put(s, 2, 2, Formula(f'{MASTER}!C4&"　殿"', p.user_name + "　殿"), merge=(2, 3))
    b.put(s, 2, 5, "居宅サービス計画作成者（担当者）氏名", merge=(2, 7))
    b.put(s, 2, 8, Formula(f"{MASTER}!C16", p.care_manager))
    b.put(s, 3, 1, "開催日", style=BOX)
    held = p.raw.get("t4.held_on")
    b.put(s, 3, 2, held if held is not None else _date_formula(m.held_on), key="t4.held_on", style=BOX, merge=(3, 3))
    b.put(s, 3, 4, "開催場所", style=BOX)
    b.put(s, 3, 5, m.place, style=BOX)
    b.put(s, 3, 6, "開催時間", style=BOX)
    b.put(s, 3, 7, f"{m.start_time}～{m.end_time}", style=BOX)
    b.put(s, 3, 8, "開催回数", style=BOX)
    b.put(s, 3, 9, "1", style=Q)
    last = 4 + (len(m.attendees) + 1) // 2
    b.put(s, 4, 1, "会議出席者", style=W, merge=(last, 1))
    for k, head in enumerate(["所属（職種）", "氏名", "所属（職種）", "氏名"]):
        b.put(s, 4, 2 + k * 2, head, style=BOX, merge=(4, 3 + k * 2))
    for r_ in range(4, last + 1):
        b.place("t4.attendees", s, f"B{r_}")
    for idx, (role, name) in enumerate(m.attendees):
        row = 5 + idx // 2
        col = 2 + (idx % 2) * 4
        b.put(s, row, col, role, style=SHRINK, merge=(row, col + 1))
        b.put(s, row, col + 2, name, style=BOX, merge=(row, col + 3))
    for row, label, key, v in [(last + 1, "検討した項目", "t4.topics", m.topics), (last + 2, "検討内容", "t4.discussion", m.discussion),
                               (last + 3, "結論", "t4.conclusion", m.conclusion),
                               (last + 4, "残された課題（次回の開催時期）", "t4.remaining", m.remaining)]:
        b.put(s, row, 1, label, style=W)
        b.put(s, row, 2, v, key=key, style=SHRINK, merge=(row, 9))


def _assessment(b: Book, p: Plan) -> None:
    s = "アセスメント"
    b.put(s, 1, 1, "課題分析（アセスメント）", style=TITLE, merge=(1, 4))
    b.put(s, 2, 1, "利用者名")
    b.put(s, 2, 2, Formula(f"{MASTER}!C4", p.user_name))
    b.put(s, 2, 4, "アセスメント実施日")
    raw = p.raw.get("as.assessed_on")
    b.put(s, 2, 5, raw if raw is not None else (_date_formula(p.assessed_on) if p.assessed_on else ""),
          key="as.assessed_on")
    for c, h in enumerate(["No.", "課題分析標準項目", "状況", "課題の有無", "関連ニーズ番号"], start=1):
        b.put(s, 4, c, h, style=W)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, str(n), style=Q)  # numbers kept as text
        b.put(s, row, 2, ITEMS[n - 1], style=W)
        b.put(s, row, 3, it.status, key=f"as.i{n}.status", style=SHRINK)
        b.put(s, row, 4, "有" if it.issue else "無", style=BOX)
        b.put(s, row, 5, "、".join(str(x) for x in it.needs) if len(it.needs) != 1 else str(it.needs[0]),
              key=f"as.i{n}.refs", style=Q if len(it.needs) == 1 else BOX)
        row += 1


def _monitoring(b: Book, p: Plan, r: random.Random) -> None:
    s = "モニタリング"
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリング記録", style=TITLE, merge=(1, 3))
    b.put(s, 2, 1, "利用者名")
    b.put(s, 2, 2, Formula(f"{MASTER}!C4", p.user_name))
    for c, h in enumerate(["予定日", "種別", "実施日", "方法", "内容・評価"], start=1):
        b.put(s, 4, c, h, style=W)
    for i, v in enumerate(p.visits):
        row = 5 + i
        b.put(s, row, 1, XDate(v.planned, "yyyy/m/d") if v.planned else "", style=BOX)
        b.put(s, row, 2, v.kind, style=BOX)
        b.put(s, row, 3, XDate(v.done, JA) if v.done else "", key=f"mon.r{i}.done_on", style=BOX)
        b.put(s, row, 4, v.method, style=BOX)
        b.put(s, row, 5, v.note, key=f"mon.r{i}.note", style=SHRINK)
    b.width(s, 5, 50)


def _usage(b: Book, p: Plan, r: random.Random) -> None:
    """サービス利用票 (第6表) for one month: the 1〜31 day row with its 曜日 row, 予定/実績 counts."""
    s = "利用票"
    month = p.consent_on or p.created_on or dt.date(2026, 5, 1)
    y, m = month.year, month.month
    ndays = calendar.monthrange(y, m)[1]
    b.put(s, 1, 1, f"サービス利用票（令和{T.reiwa(month)}年{m}月分）", style=TITLE, merge=(1, 8))
    b.put(s, 2, 1, "被保険者氏名")
    b.put(s, 2, 2, Formula(f"{MASTER}!C4", p.user_name), merge=(2, 4))
    b.put(s, 2, 6, "被保険者番号")
    b.put(s, 2, 7, Formula(f"{MASTER}!C10", "0000000000"), merge=(2, 9))
    b.put(s, 4, 1, "提供時間帯", style=BOX)
    b.put(s, 4, 2, "サービス内容", style=BOX)
    b.put(s, 4, 3, "サービス事業者事業所名", style=BOX)
    b.put(s, 4, 4, "", style=BOX)
    for d in range(1, ndays + 1):
        b.put(s, 4, 4 + d, d, style=Style(border=True, center=True))
        b.put(s, 5, 4 + d, WEEKDAYS[dt.date(y, m, d).weekday()], style=Style(border=True, center=True))
    b.put(s, 4, 5 + ndays, "合計回数", style=BOX)
    row = 6
    seen = set()
    for sv in p.weekly_services():
        if sv.group in seen:
            continue
        seen.add(sv.group)
        for kind in ("予定", "実績"):
            b.put(s, row, 1, sv.time, style=BOX)
            b.put(s, row, 2, sv.kind, style=BOX)
            b.put(s, row, 3, sv.provider, style=SHRINK)
            b.put(s, row, 4, kind, style=BOX)
            n = 0
            for d in range(1, ndays + 1):
                if WEEKDAYS[dt.date(y, m, d).weekday()] in sv.days:
                    b.put(s, row, 4 + d, 1, style=BOX)
                    n += 1
            b.put(s, row, 5 + ndays, Formula(f"SUM({a1(row, 5)}:{a1(row, 4 + ndays)})", n), style=BOX)
            row += 1
    for d in range(1, ndays + 1):
        b.width(s, 4 + d, 3.5)


def _billing(b: Book, p: Plan, r: random.Random) -> None:
    """The office's own billing sheet: 給付管理 and 居宅介護支援費 by month, dates of sending."""
    s = "請求"
    b.put(s, 1, 1, "給付管理・請求", style=TITLE, merge=(1, 4))
    for c, h in enumerate(["サービス提供年月", "区分", "単位数", "請求日", "備考"], start=1):
        b.put(s, 3, c, h, style=BOX)
    start = p.consent_on or p.created_on or dt.date(2026, 4, 1)
    y, m = start.year, start.month
    row = 4
    for _ in range(5):
        b.put(s, row, 1, XDate(dt.date(y, m, 1), '[$-ja-JP-x-gannen]ggge"年"m"月"'), style=BOX)
        b.put(s, row, 2, "居宅介護支援費（Ⅰ）", style=BOX)
        b.put(s, row, 3, "1086", style=Q)
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        b.put(s, row, 4, XDate(dt.date(ny, nm, 10), "yyyy/m/d"), style=BOX)
        b.put(s, row, 5, r.choice(["", "初回加算", "特定事業所加算"]), style=BOX)
        y, m = ny, nm
        row += 1
