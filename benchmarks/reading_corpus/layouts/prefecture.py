"""Another prefecture's Excel 様式: sheet names 居宅サービス計画書（１）…, full-width 和暦 text (令和８年４月１０日),
the 認定の有効期間 in one cell, and choices laid out as separate cells with the mark typed in the cell before the
option (「○」「要介護２」, 「レ」「1.一人暮らし」), as offices do when the printed form has one box per choice.

第2表 with the need merged over its rows and the 期間 columns headed 期間; 週間サービス計画表 with 月曜日〜日曜日;
サービス担当者会議の要点 with 開催日時 「令和８年４月１２日（日）１４：００～１４：３０」; アセスメント（課題分析）
with №/標準項目名/現在の状況/課題/関連するニーズ№; モニタリング記録票 with 予定日/訪問日/場所 (自宅・電話).
"""

from __future__ import annotations

import random

from .. import text as T
from ..book import Book, Style, a1
from ..plan import ITEMS, WEEKDAYS, Plan
from . import put_t2_merged, put_week_grid, raw_or

NAME = "prefecture"
C = Style(border=True, wrap=True)
H = Style(border=True, wrap=True, bold=True, center=True)
ZEN = str.maketrans("0123456789:", "０１２３４５６７８９：")


def zd(p: Plan, key: str, d) -> str:
    raw = p.raw.get(key)
    if raw is not None:
        return raw
    return T.wareki(d, "zen") if d else ""


def choice_cells(b: Book, s: str, row: int, col: int, options: list[str], chosen: int | None, mark: str,
                 key: str | None) -> int:
    """mark cell + option cell per choice; returns the next free column."""
    for i, o in enumerate(options):
        b.put(s, row, col, mark if i == chosen else "", style=C)
        b.put(s, row, col + 1, o, style=C)
        if key:
            b.place(key, s, a1(row, col + 1 if i == (chosen or 0) else col))
        col += 2
    return col


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    mark = r.choice(["○", "◯", "レ"])
    s = "居宅サービス計画書（１）"
    b.put(s, 1, 1, "第１表", style=Style(bold=True))
    b.put(s, 1, 4, "居宅サービス計画書（１）", style=Style(bold=True, size=14), merge=(1, 9))
    b.put(s, 2, 1, "作成年月日", style=C, merge=(2, 2))
    ref = b.put(s, 2, 3, zd(p, "t1.created_on", p.created_on), style=C, merge=(2, 5))
    b.place("t1.created_on", s, ref)
    kinds = ["初回", "紹介", "継続"]
    choice_cells(b, s, 2, 8, kinds, kinds.index(p.plan_kind), "○", "t1.plan_kind")
    choice_cells(b, s, 2, 15, ["認定済", "申請中"], 0 if p.cert_status == "認定済" else None, "○", None)
    b.put(s, 3, 1, "利用者名", style=C, merge=(3, 2))
    b.put(s, 3, 3, raw_or(p, "t1.user_name", p.user_name), key="t1.user_name", style=C, merge=(3, 5))
    b.put(s, 3, 6, "殿")
    b.put(s, 3, 7, "生年月日", style=C, merge=(3, 8))
    b.put(s, 3, 9, T.showa(p.birth).translate(ZEN), key="t1.birth_date", style=C, merge=(3, 11))
    b.put(s, 3, 12, "住所", style=C)
    b.put(s, 3, 13, p.address, key="t1.address", style=C, merge=(3, 18))
    b.put(s, 4, 1, "居宅サービス計画作成者氏名", style=C, merge=(4, 5))
    b.put(s, 4, 6, p.care_manager, key="t1.care_manager", style=C, merge=(4, 18))
    b.put(s, 5, 1, "居宅介護支援事業者・事業所名及び所在地", style=C, merge=(5, 5))
    b.put(s, 5, 6, p.office, key="t1.office", style=C, merge=(5, 18))
    b.put(s, 6, 1, "居宅サービス計画作成（変更）日", style=C, merge=(6, 5))
    ref = b.put(s, 6, 6, zd(p, "t1.created_on", p.created_on), style=C, merge=(6, 9))
    b.place("t1.created_on", s, ref)
    b.put(s, 6, 10, "初回居宅サービス計画作成日", style=C, merge=(6, 13))
    ref = b.put(s, 6, 14, zd(p, "t1.first_created_on", p.first_created_on), style=C, merge=(6, 18))
    b.place("t1.first_created_on", s, ref)
    b.put(s, 7, 1, "認定日", style=C, merge=(7, 2))
    ref = b.put(s, 7, 3, zd(p, "t1.certified_on", p.certified_on), style=C, merge=(7, 6))
    b.place("t1.certified_on", s, ref)
    b.put(s, 7, 7, "認定の有効期間", style=C, merge=(7, 9))
    per = p.raw.get("t1.cert_period") or (f"{zd(p, '', p.cert_start)}～{zd(p, '', p.cert_end)}" if p.cert_start or p.cert_end else "")
    ref = b.put(s, 7, 10, per, style=C, merge=(7, 18))
    b.place("t1.cert_period", s, ref)
    b.put(s, 8, 1, "要介護状態区分", style=C, merge=(8, 5))
    lv = T.LEVELS.index(p.care_level) if p.care_level else None
    col = 6
    for i, o in enumerate(T.LEVELS):
        b.put(s, 8, col, mark if i == lv else "", style=C)
        b.put(s, 8, col + 1, o.translate(ZEN), style=C)
        col += 2
    b.place("t1.care_level", s, a1(8, 7 + 2 * lv) if lv is not None else "F8")
    b.place("t1.care_level", s, "F8")
    if lv is not None:
        b.place("t1.care_level", s, a1(8, 6 + 2 * lv))
    row = 9
    for label, key, v in [("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "t1.user_intent", p.user_intent),
                          ("介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion),
                          ("総合的な援助の方針", "t1.overall_policy", p.overall_policy)]:
        b.put(s, row, 1, label, style=C, merge=(row, 5))
        ref = b.put(s, row, 6, v, key=key, style=C, merge=(row, 18))
        b.place(key, s, ref)
        row += 1
    b.put(s, row, 1, "生活援助中心型の算定理由", style=C, merge=(row, 5))
    lr = p.living_reason - 1 if p.living_reason else None
    opts = T.reason_options(p.living_other, p.living_reason)
    col = 6
    for i, o in enumerate(opts):
        b.put(s, row, col, mark if i == lr else "", style=C)
        b.put(s, row, col + 1, o, style=C, merge=(row, col + 3))
        b.place("t1.living_support_reason", s, a1(row, col))
        b.place("t1.living_support_reason", s, a1(row, col + 1))
        col += 4
    row += 2
    b.put(s, row, 1, "居宅サービス計画について説明を受け、内容に同意し交付を受けました。", merge=(row, 12))
    b.put(s, row + 1, 1, "説明・同意日", style=C, merge=(row + 1, 3))
    ref = b.put(s, row + 1, 4, zd(p, "t1.consent_on", p.consent_on), style=C, merge=(row + 1, 7))
    b.place("t1.consent_on", s, ref)
    b.put(s, row + 1, 8, "利用者同意欄", style=C, merge=(row + 1, 10))
    b.put(s, row + 1, 11, "", style=C, merge=(row + 1, 16))
    b.put(s, row + 1, 17, "印", style=C)
    b.put(s, row + 2, 1, "交付日", style=C, merge=(row + 2, 3))
    ref = b.put(s, row + 2, 4, zd(p, "t1.delivered_on", p.delivered_on), style=C, merge=(row + 2, 7))
    b.place("t1.delivered_on", s, ref)
    for c in range(1, 19):
        b.width(s, c, 6)

    _t2(b, p)
    _t3(b, p)
    _t4(b, p)
    _assess(b, p)
    _mon(b, p, r)
    s = "支援経過記録"
    b.put(s, 1, 1, "居宅介護支援経過（第５表）", style=Style(bold=True, size=14), merge=(1, 3))
    for c, h in enumerate(["年月日", "項目", "内容（経過）"], start=1):
        b.put(s, 3, c, h, style=H)
    for i, (d, item, text) in enumerate(sorted(p.journal), start=4):
        b.put(s, i, 1, zd(p, "", d), style=C)
        b.put(s, i, 2, item, style=C)
        b.put(s, i, 3, text, style=C)
    return b


def _per(p: Plan, key: str, a, z) -> str:
    return p.raw.get(key) or (f"{zd(p, '', a)}～{zd(p, '', z)}" if a or z else "")


def _t2(b: Book, p: Plan) -> None:
    s = "居宅サービス計画書（２）"
    b.put(s, 1, 1, "第２表", style=Style(bold=True))
    b.put(s, 1, 3, "居宅サービス計画書（２）", style=Style(bold=True, size=14), merge=(1, 7))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name, style=C)
    b.put(s, 2, 3, "殿")
    b.put(s, 3, 1, "生活全般の解決すべき課題（ニーズ）", style=H, merge=(4, 1))
    b.put(s, 3, 2, "目標", style=H, merge=(3, 5))
    b.put(s, 3, 6, "援助内容", style=H, merge=(3, 11))
    for c, h in enumerate(["長期目標", "期間", "短期目標", "期間", "サービス内容", "※１", "サービス種別", "※２", "頻度", "期間"], start=2):
        b.put(s, 4, c, h, style=H)
    put_t2_merged(b, s, p, 5, {"need": 1, "long": 2, "long_period": 3, "short": 4, "short_period": 5, "content": 6, "insured": 7, "kind": 8, "provider": 9, "freq": 10, "period": 11}, lambda k, a, z: _per(p, k, a, z), C, freq=lambda f: f.translate(ZEN))


def _t3(b: Book, p: Plan) -> None:
    s = "週間サービス計画表"
    b.put(s, 1, 1, "第３表", style=Style(bold=True))
    b.put(s, 1, 3, "週間サービス計画表", style=Style(bold=True, size=14), merge=(1, 7))
    for c, d in enumerate(WEEKDAYS, start=3):
        b.put(s, 3, c, f"{d}曜日", style=H)
    b.put(s, 3, 10, "主な日常生活上の活動", style=H)
    hours = list(range(0, 24, 2))
    for i, h in enumerate(hours):
        b.put(s, 4 + i, 2, f"{h}：００".translate(ZEN), style=C)
        act = p.activities.get(f"{h:02d}:00")
        if act:
            b.put(s, 4 + i, 10, act, style=C)
    put_week_grid(b, s, p, 4, 3, hours, C)
    b.put(s, 5 + len(hours), 1, "週単位以外のサービス", style=C, merge=(5 + len(hours), 2))
    b.put(s, 5 + len(hours), 3, p.non_weekly, style=C, merge=(5 + len(hours), 10))


def _t4(b: Book, p: Plan) -> None:
    m = p.meeting
    if m is None:
        return
    s = "サービス担当者会議の要点"
    b.put(s, 1, 1, "第４表", style=Style(bold=True))
    b.put(s, 1, 3, "サービス担当者会議の要点", style=Style(bold=True, size=14), merge=(1, 7))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name + "　殿", style=C)
    held = p.raw.get("t4.held_on")
    if held is None:
        held = (f"{T.with_weekday(m.held_on, 'zen')}　{m.start_time}～{m.end_time}".translate(ZEN) if m.held_on else "")
    b.put(s, 3, 1, "開催日時", style=C)
    ref = b.put(s, 3, 2, held, style=C, merge=(3, 4))
    b.place("t4.held_on", s, ref)
    b.put(s, 3, 5, "開催場所", style=C)
    b.put(s, 3, 6, m.place, style=C, merge=(3, 7))
    b.put(s, 4, 1, "会議出席者", style=C, merge=(4 + len(m.attendees), 1))
    b.put(s, 4, 2, "所属（職種）", style=H, merge=(4, 3))
    b.put(s, 4, 4, "氏名", style=H, merge=(4, 5))
    for r_ in range(4, 6):
        b.place("t4.attendees", s, f"B{r_}")
    for i, (role, n) in enumerate(m.attendees, start=1):
        b.put(s, 4 + i, 2, role, style=C, merge=(4 + i, 3))
        b.put(s, 4 + i, 4, n, style=C, merge=(4 + i, 5))
    row = 5 + len(m.attendees)
    for label, v in [("検討した項目", m.topics), ("検討内容", m.discussion), ("結論", m.conclusion),
                     ("残された課題（次回の開催時期）", m.remaining)]:
        if label == "検討内容":
            b.place("t4.discussion", s, f"B{row}")
        b.put(s, row, 1, label, style=C)
        b.put(s, row, 2, v, style=C, merge=(row, 7))
        row += 1


def _assess(b: Book, p: Plan) -> None:
    s = "アセスメント（課題分析）"
    b.put(s, 1, 1, "アセスメント（課題分析標準項目）", style=Style(bold=True, size=14), merge=(1, 3))
    b.put(s, 2, 1, "実施日", style=C)
    ref = b.put(s, 2, 2, zd(p, "as.assessed_on", p.assessed_on), style=C)
    b.place("as.assessed_on", s, ref)
    b.put(s, 2, 3, "実施場所", style=C)
    b.put(s, 2, 4, "自宅", style=C)
    for c, h in enumerate(["№", "標準項目名", "現在の状況", "課題", "関連するニーズ№"], start=1):
        b.put(s, 4, c, h, style=H)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, str(n).translate(ZEN), style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, style=C)
        b.place(f"as.i{n}.status", s, f"C{row}")
        b.put(s, row, 4, "有" if it.issue else "無", style=C)
        b.put(s, row, 5, "、".join(str(x) for x in it.needs).translate(ZEN), style=C)
        b.place(f"as.i{n}.refs", s, f"E{row}")
        row += 1


def _mon(b: Book, p: Plan, r: random.Random) -> None:
    s = "モニタリング記録票"
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリング記録票", style=Style(bold=True, size=14), merge=(1, 3))
    b.put(s, 2, 1, f"利用者名　{p.user_name}　殿", merge=(2, 3))
    for c, h in enumerate(["予定日", "訪問日", "場所", "関連するニーズ№", "目標の達成度", "特記事項"], start=1):
        b.put(s, 4, c, h, style=H)
    for i, v in enumerate(p.visits):
        row = 5 + i
        b.put(s, row, 1, zd(p, "", v.planned), style=C)
        b.put(s, row, 2, zd(p, "", v.done), style=C)
        b.place(f"mon.r{i}.done_on", s, f"B{row}")
        where = "" if not v.done else ("電話" if "電話" in v.method else r.choice(["自宅", "居宅"]))
        b.put(s, row, 3, where, style=C)
        b.put(s, row, 4, "、".join(str(k + 1) for k in range(len(p.needs))) if v.done else "", style=C)
        b.put(s, row, 5, "概ね達成" if v.done else "", style=C)
        b.put(s, row, 6, v.note, style=C)
        b.place(f"mon.r{i}.note", s, f"F{row}")
