"""The 厚労省 様式 (居宅サービス計画書 第1表〜第4表) as municipalities hand it out in Excel.

第1表: printed 初回・紹介・継続 / 認定済・申請中 with a ○ typed before the choice, 利用者名 … 殿, the
認定の有効期間 as two cells around 「～」, 要介護状態区分 as the printed list 要介護1・2・3・4・5 with one marked,
算定理由 as the printed 1.一人暮らし 2.家族等が障害、疾病等 3.その他, the consent sentence with 説明・同意日 and a
利用者同意欄 signature box. 第2表: two header rows, needs and goals merged over their rows, periods as
和暦 text. 第3表 time grid. 第4表 with a grid of attendees. アセスメント and モニタリング記録 sheets.
"""

from __future__ import annotations

import random

from .. import text as T
from ..book import Book, Style, XDate, WAREKI_FORMATS
from ..plan import ITEMS, Plan
from . import put_t2_merged, raw_or

NAME = "mhlw"
B = Style(bold=True)
W = Style(wrap=True, border=True)
BOX = Style(border=True)


def date_cell(plan: Plan, key: str, d, r: random.Random, fmt: str):
    raw = plan.raw.get(key)
    if raw is not None:
        return raw
    if d is None:
        return "令和　　年　　月　　日"  # the printed blank
    if fmt == "xdate":
        return XDate(d, WAREKI_FORMATS[0])
    return T.wareki(d, fmt)


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    fmt = r.choice(["long", "xdate", "long", "spaced"])
    mark = r.choice(["○", "〇", "◯", "●", "paren"])
    s = "第1表"
    b.put(s, 1, 1, "第1表", style=B)
    b.put(s, 1, 4, "居宅サービス計画書（１）", style=Style(bold=True, size=14), merge=(1, 9))
    b.put(s, 1, 11, "作成年月日")
    b.put(s, 1, 12, date_cell(p, "t1.created_on", p.created_on, r, fmt), key="t1.created_on", merge=(1, 14))
    b.put(s, 2, 9, T.printed_choice(["初回", "紹介", "継続"], ["初回", "紹介", "継続"].index(p.plan_kind), mark),
          key="t1.plan_kind", merge=(2, 11))
    st = ["認定済", "申請中"].index(p.cert_status) if p.cert_status else None
    b.put(s, 2, 12, T.printed_choice(["認定済", "申請中"], st, mark), key="t1.certification_status", merge=(2, 14))
    b.put(s, 3, 1, "利用者名", style=BOX)
    b.put(s, 3, 2, raw_or(p, "t1.user_name", p.user_name), key="t1.user_name", style=BOX, merge=(3, 3))
    b.put(s, 3, 4, "殿")
    b.put(s, 3, 5, "生年月日", style=BOX)
    b.put(s, 3, 6, XDate(p.birth, WAREKI_FORMATS[0]) if fmt == "xdate" else T.showa(p.birth),
          key="t1.birth_date", style=BOX, merge=(3, 8))
    b.put(s, 3, 9, "住所", style=BOX)
    b.put(s, 3, 10, p.address, key="t1.address", style=BOX, merge=(3, 14))
    b.put(s, 4, 1, "居宅サービス計画作成者氏名", style=BOX, merge=(4, 3))
    b.put(s, 4, 4, p.care_manager, key="t1.care_manager", style=BOX, merge=(4, 14))
    b.put(s, 5, 1, "居宅介護支援事業者・事業所名及び所在地", style=BOX, merge=(5, 3))
    b.put(s, 5, 4, p.office, key="t1.office", style=BOX, merge=(5, 14))
    b.put(s, 6, 1, "居宅サービス計画作成（変更）日", style=BOX, merge=(6, 3))
    b.put(s, 6, 4, date_cell(p, "t1.created_on", p.created_on, r, fmt), key="t1.created_on", style=BOX, merge=(6, 7))
    b.put(s, 6, 8, "初回居宅サービス計画作成日", style=BOX, merge=(6, 10))
    b.put(s, 6, 11, date_cell(p, "t1.first_created_on", p.first_created_on, r, fmt), key="t1.first_created_on",
          style=BOX, merge=(6, 14))
    b.put(s, 7, 1, "認定日", style=BOX)
    b.put(s, 7, 2, date_cell(p, "t1.certified_on", p.certified_on, r, fmt), key="t1.certified_on", style=BOX, merge=(7, 4))
    b.put(s, 7, 5, "認定の有効期間", style=BOX, merge=(7, 6))
    b.put(s, 7, 7, date_cell(p, "t1.cert_period", p.cert_start, r, fmt), key="t1.cert_period", style=BOX, merge=(7, 9))
    b.put(s, 7, 10, "～", style=BOX)
    ref = b.put(s, 7, 11, date_cell(p, "t1.cert_period.end", p.cert_end, r, fmt), style=BOX, merge=(7, 14))
    b.place("t1.cert_period", s, ref)
    b.put(s, 8, 1, "要介護状態区分", style=BOX, merge=(8, 3))
    lv = T.LEVELS.index(p.care_level) if p.care_level else None
    b.put(s, 8, 4, T.printed_choice(T.LEVELS, lv, mark, sep="　・　"), key="t1.care_level", style=BOX, merge=(8, 14))
    rows = [
        (9, "利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "t1.user_intent", p.user_intent),
        (10, "介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion),
        (11, "総合的な援助の方針", "t1.overall_policy", p.overall_policy),
    ]
    for row, label, key, v in rows:
        b.put(s, row, 1, label, style=W, merge=(row, 3))
        ref = b.put(s, row, 4, v, key=key, style=W, merge=(row, 14))
        b.place(key, s, ref)
    b.put(s, 12, 1, "生活援助中心型の算定理由", style=W, merge=(12, 3))
    lr = p.living_reason - 1 if p.living_reason else None
    b.put(s, 12, 4, T.printed_choice(T.reason_options(p.living_other, p.living_reason), lr, mark, sep="　　"),
          key="t1.living_support_reason", style=W, merge=(12, 14))
    b.put(s, 14, 1, "居宅サービス計画について説明を受け、内容に同意し交付を受けました。", merge=(14, 8))
    b.put(s, 15, 1, "説明・同意日", style=BOX, merge=(15, 2))
    b.put(s, 15, 3, date_cell(p, "t1.consent_on", p.consent_on, r, fmt), key="t1.consent_on", style=BOX, merge=(15, 6))
    b.put(s, 15, 8, "利用者同意欄", style=BOX, merge=(15, 9))
    b.put(s, 15, 10, "", style=BOX, merge=(15, 13))
    b.put(s, 15, 14, "印", style=BOX)
    b.put(s, 16, 1, "交付日", style=BOX, merge=(16, 2))
    b.put(s, 16, 3, date_cell(p, "t1.delivered_on", p.delivered_on, r, fmt), key="t1.delivered_on", style=BOX, merge=(16, 6))
    for c, w in {1: 10, 4: 14, 12: 12}.items():
        b.width(s, c, w)

    _table2(b, p, r, fmt)
    _table3(b, p, r)
    _table4(b, p, r, fmt)
    _assessment(b, p, r, fmt)
    _monitoring(b, p, r, fmt)
    _table5(b, p, r, fmt)
    return b


def _table5(b: Book, p: Plan, r: random.Random, fmt: str) -> None:
    s = "第5表"
    b.put(s, 1, 1, "第5表", style=B)
    b.put(s, 1, 3, "居宅介護支援経過", style=Style(bold=True, size=14), merge=(1, 5))
    b.put(s, 2, 1, "利用者名")
    b.put(s, 2, 2, p.user_name + "　殿")
    for c, h in enumerate(["年月日", "項目", "内容"], start=1):
        b.put(s, 4, c, h, style=W)
    for i, (d, item, text) in enumerate(sorted(p.journal), start=5):
        b.put(s, i, 1, date_cell(p, "", d, r, fmt), style=BOX)
        b.put(s, i, 2, item, style=W)
        b.put(s, i, 3, text, style=W)
    b.width(s, 3, 60)


def _period_text(p: Plan, key: str, a, c, r_style: str) -> str:
    raw = p.raw.get(key)
    if raw is not None:
        return raw
    return T.period(a, c, "long" if r_style in ("xdate", "spaced") else r_style, sep="～\n")


def _table2(b: Book, p: Plan, r: random.Random, fmt: str) -> None:
    s = "第2表"
    b.put(s, 1, 1, "第2表", style=B)
    b.put(s, 1, 4, "居宅サービス計画書（２）", style=Style(bold=True, size=14), merge=(1, 8))
    b.put(s, 1, 10, "作成年月日")
    b.put(s, 1, 11, T.wareki(p.created_on))
    b.put(s, 2, 1, "利用者名")
    b.put(s, 2, 2, p.user_name + "　殿", merge=(2, 3))
    b.put(s, 3, 1, "生活全般の解決すべき課題（ニーズ）", style=W, merge=(4, 1))
    b.put(s, 3, 2, "目標", style=W, merge=(3, 5))
    b.put(s, 3, 6, "援助内容", style=W, merge=(3, 11))
    for c, h in enumerate(["長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1", "サービス種別", "※2", "頻度", "期間"], start=2):
        b.put(s, 4, c, h, style=W)
    row = put_t2_merged(b, s, p, 5, {"need": 1, "long": 2, "long_period": 3, "short": 4, "short_period": 5, "content": 6, "insured": 7, "kind": 8, "provider": 9, "freq": 10, "period": 11}, lambda k, a, z: _period_text(p, k, a, z, fmt), W)
    b.put(s, row + 1, 1, "※1「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスについては○印を付す。")
    b.put(s, row + 2, 1, "※2「当該サービス提供を行う事業所」について記入する。")
    for c, w in {1: 26, 2: 22, 3: 13, 4: 22, 5: 13, 6: 24, 7: 4, 8: 12, 9: 16, 10: 8, 11: 13}.items():
        b.width(s, c, w)


def weekly_grid(p: Plan):
    """(weekday, "HH:MM", label, rows) for each weekly service, once per group."""
    seen = set()
    out = []
    for sv in p.weekly_services():
        if sv.group in seen:
            continue
        seen.add(sv.group)
        for d in sv.days:
            out.append((d, sv.time, sv.weekly_label, sv.rows))
    return out


def _table3(b: Book, p: Plan, r: random.Random) -> None:
    s = "第3表"
    b.put(s, 1, 1, "第3表", style=B)
    b.put(s, 1, 4, "週間サービス計画表", style=Style(bold=True, size=14), merge=(1, 8))
    b.put(s, 2, 1, "利用者名")
    b.put(s, 2, 2, p.user_name + "　殿", merge=(2, 3))
    days = ["月", "火", "水", "木", "金", "土", "日"]
    for c, d in enumerate(days, start=3):
        b.put(s, 4, c, d, style=Style(border=True, center=True))
    b.put(s, 4, 10, "主な日常生活上の活動", style=W)
    times = [f"{h}:00" for h in range(0, 24, 2)]
    bands = [("深夜", 0, 2), ("早朝", 3, 3), ("午前", 4, 5), ("午後", 6, 8), ("夜間", 9, 10), ("深夜", 11, 11)]
    for name, a, z in bands:
        b.put(s, 5 + a, 1, name, style=W, merge=(5 + z, 1))
    for i, t in enumerate(times):
        b.put(s, 5 + i, 2, t, style=BOX)
        act = p.activities.get(f"{int(t.split(':')[0]):02d}:00")
        if act:
            b.put(s, 5 + i, 10, act, style=W)
    for d, t, label, nrows in weekly_grid(p):
        h = int(t.split(":")[0])
        row = 5 + h // 2
        col = 3 + days.index(d)
        b.put(s, row, col, label, style=W, merge=(min(row + nrows - 1, 16), col) if nrows > 1 else None)
    b.put(s, 18, 1, "週単位以外のサービス", style=W, merge=(18, 2))
    b.put(s, 18, 3, p.non_weekly, style=W, merge=(18, 10))


def _table4(b: Book, p: Plan, r: random.Random, fmt: str) -> None:
    m = p.meeting
    if m is None:
        return
    s = "第4表"
    b.put(s, 1, 1, "第4表", style=B)
    b.put(s, 1, 3, "サービス担当者会議の要点", style=Style(bold=True, size=14), merge=(1, 7))
    b.put(s, 2, 1, "利用者名")
    b.put(s, 2, 2, p.user_name + "　殿", merge=(2, 3))
    b.put(s, 2, 5, "居宅サービス計画作成者（担当者）氏名", merge=(2, 7))
    b.put(s, 2, 8, p.care_manager)
    if r.random() < 0.5:
        b.put(s, 3, 1, "開催日", style=BOX)
        b.put(s, 3, 2, date_cell(p, "t4.held_on", m.held_on, r, fmt), key="t4.held_on", style=BOX, merge=(3, 3))
    else:  # 開催日時 holding the date with weekday and the time range
        held = p.raw.get("t4.held_on") or (f"{T.with_weekday(m.held_on)} {m.start_time}～{m.end_time}" if m.held_on else "")
        b.put(s, 3, 1, "開催日時", style=BOX)
        b.put(s, 3, 2, held, key="t4.held_on", style=BOX, merge=(3, 3))
    b.put(s, 3, 4, "開催場所", style=BOX)
    b.put(s, 3, 5, m.place, key="t4.place", style=BOX)
    b.put(s, 3, 6, "開催時間", style=BOX)
    b.put(s, 3, 7, f"{m.start_time}～{m.end_time}", style=BOX)
    b.put(s, 3, 8, "開催回数", style=BOX)
    b.put(s, 3, 9, "1回", style=BOX)
    last = 4 + (len(m.attendees) + 1) // 2
    b.put(s, 4, 1, "会議出席者", style=W, merge=(last, 1))
    for k, head in enumerate(["所属（職種）", "氏名", "所属（職種）", "氏名"]):
        b.put(s, 4, 2 + k * 2, head, style=BOX)
    for r_ in range(4, last + 1):
        b.place("t4.attendees", s, f"B{r_}")
    for idx, (role, name) in enumerate(m.attendees):
        row = 5 + idx // 2
        col = 2 + (idx % 2) * 4
        b.put(s, row, col, role, style=BOX, merge=(row, col + 1))
        b.put(s, row, col + 2, name, style=BOX, merge=(row, col + 3))
    for row, label, key, v in [(last + 1, "検討した項目", "t4.topics", m.topics), (last + 2, "検討内容", "t4.discussion", m.discussion),
                               (last + 3, "結論", "t4.conclusion", m.conclusion),
                               (last + 4, "残された課題（次回の開催時期）", "t4.remaining", m.remaining)]:
        b.put(s, row, 1, label, style=W)
        b.put(s, row, 2, v, key=key, style=W, merge=(row, 9))


def _assessment(b: Book, p: Plan, r: random.Random, fmt: str) -> None:
    s = "アセスメント"
    b.put(s, 1, 1, "課題分析（アセスメント）", style=Style(bold=True, size=14), merge=(1, 4))
    b.put(s, 2, 1, "利用者名")
    b.put(s, 2, 2, p.user_name)
    b.put(s, 2, 4, "アセスメント実施日")
    b.put(s, 2, 5, date_cell(p, "as.assessed_on", p.assessed_on, r, fmt), key="as.assessed_on")
    for c, h in enumerate(["No.", "課題分析標準項目", "状況", "課題の有無", "関連ニーズ番号"], start=1):
        b.put(s, 4, c, h, style=W)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, n, style=BOX)
        b.put(s, row, 2, ITEMS[n - 1], style=W)
        b.put(s, row, 3, it.status, key=f"as.i{n}.status", style=W)
        b.place(f"as.i{n}.status", s, f"C{row}")
        b.put(s, row, 4, "有" if it.issue else "無", style=BOX)
        b.put(s, row, 5, "、".join(str(x) for x in it.needs), style=BOX)
        b.place(f"as.i{n}.refs", s, f"E{row}")
        row += 1


def _monitoring(b: Book, p: Plan, r: random.Random, fmt: str) -> None:
    s = r.choice(["モニタリング記録", "モニタリング", "モニタリング表", "モニタリングシート"])
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリング記録", style=Style(bold=True, size=14), merge=(1, 3))
    b.put(s, 2, 1, "利用者名")
    b.put(s, 2, 2, p.user_name)
    heads = r.choice([["予定日", "種別", "実施日", "方法", "内容・評価"], ["訪問予定日", "区分", "訪問日", "実施方法", "モニタリング結果"],
                      ["予定日", "種別", "実施年月日", "面接方法", "確認内容・評価"]])
    for c, h in enumerate(heads, start=1):
        b.put(s, 4, c, h, style=W)
    for i, v in enumerate(p.visits):
        row = 5 + i
        b.put(s, row, 1, date_cell(p, "", v.planned, r, fmt) if v.planned else "", style=BOX)
        b.put(s, row, 2, v.kind, style=BOX)
        b.put(s, row, 3, date_cell(p, "", v.done, r, fmt) if v.done else "", key=f"mon.r{i}.done_on", style=BOX)
        b.place(f"mon.r{i}.done_on", s, f"C{row}")
        b.put(s, row, 4, v.method, style=BOX)
        b.put(s, row, 5, v.note, style=W)
        b.place(f"mon.r{i}.note", s, f"E{row}")
