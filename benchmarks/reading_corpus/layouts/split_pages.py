"""A prefecture's Excel version of the 様式 printed page by page: 第2表 continued on 「第2表 (2)」 (Excel's
name for a copied sheet) with the header repeated, two needs a page.

Real Excel date cells everywhere on 第1表 and 第4表, shown with 和暦 number formats
([$-ja-JP-x-gannen]ggge"年"m"月"d"日", [$-411]…); ■□ marks; 要介護状態区分 printed 要介護 1・2・3・4・5 with
the number marked; 第2表 periods as short 和暦 text on two lines; 課題分析標準項目 sheet with 番号/項目/状況・課題/
課題の有無 (あり/なし)/関連するニーズ番号 (①②); モニタリング表 with 実施日/方法/場所 and several content columns.
"""

from __future__ import annotations

import random

from .. import text as T
from ..book import WAREKI_FORMATS, Book, Style, XDate
from ..plan import ITEMS, WEEKDAYS, Plan
from . import put_t2_merged, put_week_grid, raw_or

PLANNED_DATES = False  # the monitoring sheet has no 予定日 column
NAME = "split_pages"
C = Style(border=True, wrap=True)
HB = Style(border=True, wrap=True, bold=True, center=True)
CIRCLED = "①②③④⑤⑥⑦⑧⑨"


def xd(p: Plan, key: str, d, fmt: str):
    raw = p.raw.get(key)
    if raw is not None:
        return raw
    return XDate(d, fmt) if d else None


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    fmt = r.choice(WAREKI_FORMATS)
    s = "第1表"
    b.put(s, 1, 1, "第１表", style=Style(bold=True))
    b.put(s, 1, 3, "居 宅 サ ー ビ ス 計 画 書 （１）", style=Style(bold=True, size=14), merge=(1, 8))
    b.put(s, 1, 10, "作成年月日", style=C)
    b.put(s, 1, 11, xd(p, "t1.created_on", p.created_on, fmt), key="t1.created_on", style=C, merge=(1, 12))
    b.place("t1.created_on", s, "K1")
    kinds = ["初回", "紹介", "継続"]
    b.put(s, 2, 8, T.printed_choice(kinds, kinds.index(p.plan_kind), "box", sep="　"), style=C, merge=(2, 9), key="t1.plan_kind")
    b.put(s, 2, 10, T.printed_choice(["認定済", "申請中"], 0 if p.cert_status == "認定済" else None, "box", sep="　"),
          style=C, merge=(2, 12), key="t1.certification_status")
    b.put(s, 3, 1, "利用者名", style=C)
    b.put(s, 3, 2, raw_or(p, "t1.user_name", p.user_name) + "　殿", key="t1.user_name", style=C, merge=(3, 3))
    b.put(s, 3, 4, "生年月日", style=C)
    b.put(s, 3, 5, XDate(p.birth, fmt), key="t1.birth_date", style=C, merge=(3, 6))
    b.put(s, 3, 7, "住所", style=C)
    b.put(s, 3, 8, p.address, key="t1.address", style=C, merge=(3, 12))
    b.put(s, 4, 1, "居宅サービス計画作成者氏名", style=C, merge=(4, 2))
    b.put(s, 4, 3, p.care_manager, key="t1.care_manager", style=C, merge=(4, 12))
    b.put(s, 5, 1, "居宅介護支援事業者・事業所名及び所在地", style=C, merge=(5, 2))
    b.put(s, 5, 3, p.office, key="t1.office", style=C, merge=(5, 12))
    b.put(s, 6, 1, "居宅サービス計画作成(変更)日", style=C, merge=(6, 2))
    ref = b.put(s, 6, 3, xd(p, "t1.created_on", p.created_on, fmt), key="t1.created_on", style=C, merge=(6, 5))
    b.place("t1.created_on", s, ref)
    b.put(s, 6, 6, "初回居宅サービス計画作成日", style=C, merge=(6, 8))
    b.put(s, 6, 9, xd(p, "t1.first_created_on", p.first_created_on, fmt), key="t1.first_created_on", style=C, merge=(6, 12))
    b.place("t1.first_created_on", s, "I6")
    b.put(s, 7, 1, "認定日", style=C)
    b.put(s, 7, 2, xd(p, "t1.certified_on", p.certified_on, fmt), key="t1.certified_on", style=C, merge=(7, 3))
    b.place("t1.certified_on", s, "B7")
    b.put(s, 7, 4, "認定の有効期間", style=C, merge=(7, 5))
    b.put(s, 7, 6, xd(p, "t1.cert_period", p.cert_start, fmt), style=C, merge=(7, 8))
    b.place("t1.cert_period", s, "F7")
    b.put(s, 7, 9, "～", style=C)
    b.put(s, 7, 10, xd(p, "t1.cert_period.end", p.cert_end, fmt), style=C, merge=(7, 12))
    b.place("t1.cert_period", s, "J7")
    b.put(s, 8, 1, "要介護状態区分", style=C, merge=(8, 2))
    lv = p.care_level[-1] if p.care_level else None
    nums = "　・　".join(f"■{n}" if n == lv else n for n in "12345")
    b.put(s, 8, 3, f"要支援（１・２）　要介護（ {nums} ）" if lv else "要支援（１・２）　要介護（ 1　・　2　・　3　・　4　・　5 ）",
          key="t1.care_level", style=C, merge=(8, 12))
    row = 9
    for label, key, v in [("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "t1.user_intent", p.user_intent),
                          ("介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion),
                          ("総合的な援助の方針", "t1.overall_policy", p.overall_policy)]:
        b.put(s, row, 1, label, style=C, merge=(row, 2))
        ref = b.put(s, row, 3, v, key=key, style=C, merge=(row, 12))
        b.place(key, s, ref)
        row += 1
    b.put(s, row, 1, "生活援助中心型の算定理由", style=C, merge=(row, 2))
    lr = p.living_reason - 1 if p.living_reason else None
    b.put(s, row, 3, T.printed_choice(T.reason_options(p.living_other, p.living_reason), lr, "box", sep="　"),
          key="t1.living_support_reason", style=C, merge=(row, 12))
    row += 2
    b.put(s, row, 1, "居宅サービス計画について説明を受け、内容に同意し交付を受けました。", merge=(row, 12))
    b.put(s, row + 1, 1, "説明・同意日", style=C)
    ref = b.put(s, row + 1, 2, xd(p, "t1.consent_on", p.consent_on, fmt), key="t1.consent_on", style=C, merge=(row + 1, 3))
    b.place("t1.consent_on", s, ref)
    b.put(s, row + 1, 4, "交付日", style=C)
    ref = b.put(s, row + 1, 5, xd(p, "t1.delivered_on", p.delivered_on, fmt), key="t1.delivered_on", style=C, merge=(row + 1, 6))
    b.place("t1.delivered_on", s, ref)
    b.put(s, row + 1, 7, "利用者同意欄", style=C, merge=(row + 1, 8))
    b.put(s, row + 1, 9, "署名", style=C)
    b.put(s, row + 1, 10, "", style=C, merge=(row + 1, 11))
    b.put(s, row + 1, 12, "㊞", style=C)

    per_page = 2
    pages = [list(range(len(p.needs)))[i:i + per_page] for i in range(0, len(p.needs), per_page)]
    for pg, idxs in enumerate(pages, start=1):
        _t2_page(b, p, "第2表" if pg == 1 else f"第2表 ({pg})", idxs, pg, len(pages))
    _t3(b, p)
    _t4(b, p, fmt)
    _assess(b, p, fmt)
    _mon(b, p, fmt, r)
    s = "居宅介護支援経過"
    b.put(s, 1, 1, "第５表", style=Style(bold=True))
    b.put(s, 1, 2, "居 宅 介 護 支 援 経 過", style=Style(bold=True, size=14), merge=(1, 3))
    for c, h in enumerate(["年月日", "項目", "内容"], start=1):
        b.put(s, 3, c, h, style=HB)
    for i, (d, item, text) in enumerate(sorted(p.journal), start=4):
        b.put(s, i, 1, XDate(d, fmt), style=C)
        b.put(s, i, 2, item, style=C)
        b.put(s, i, 3, text, style=C)
    return b


def _per(p: Plan, key: str, a, z) -> str:
    return p.raw.get(key) or T.period(a, z, "short", sep="～\n")


def _t2_page(b: Book, p: Plan, s: str, idxs: list[int], pg: int, npages: int) -> None:
    b.put(s, 1, 1, "第２表", style=Style(bold=True))
    b.put(s, 1, 3, "居 宅 サ ー ビ ス 計 画 書 （２）", style=Style(bold=True, size=14), merge=(1, 7))
    b.put(s, 1, 10, f"{pg}/{npages}頁")
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name + "　殿", style=C, merge=(2, 3))
    b.put(s, 3, 1, "生活全般の解決すべき課題（ニーズ）", style=HB, merge=(4, 1))
    b.put(s, 3, 2, "援助目標", style=HB, merge=(3, 5))
    b.put(s, 3, 6, "援助内容", style=HB, merge=(3, 11))
    for c, h in enumerate(["長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※１", "サービス種別", "※２", "頻度", "期間"], start=2):
        b.put(s, 4, c, h, style=HB)
    row = put_t2_merged(b, s, p, 5, {"need": 1, "long": 2, "long_period": 3, "short": 4, "short_period": 5, "content": 6, "insured": 7, "kind": 8, "provider": 9, "freq": 10, "period": 11}, lambda k, a, z: _per(p, k, a, z), C, needs=idxs)
    b.put(s, row + 1, 1, "※１「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスについては○印を付す。")
    b.put(s, row + 2, 1, "※２「当該サービス提供を行う事業所」について記入する。")


def _t3(b: Book, p: Plan) -> None:
    s = "第3表"
    b.put(s, 1, 1, "第３表", style=Style(bold=True))
    b.put(s, 1, 3, "週 間 サ ー ビ ス 計 画 表", style=Style(bold=True, size=14), merge=(1, 7))
    b.put(s, 3, 2, "", style=C)
    for c, d in enumerate(WEEKDAYS, start=3):
        b.put(s, 3, c, d, style=HB)
    b.put(s, 3, 10, "主な日常生活上の活動", style=HB)
    hours = list(range(4, 24, 2))
    for i, h in enumerate(hours):
        b.put(s, 4 + i, 2, f"{h:02d}:00", style=C)
        act = p.activities.get(f"{h:02d}:00")
        if act:
            b.put(s, 4 + i, 10, act, style=C)
    put_week_grid(b, s, p, 4, 3, hours, C)
    b.put(s, 5 + len(hours), 1, "週単位以外のサービス", style=C, merge=(5 + len(hours), 2))
    b.put(s, 5 + len(hours), 3, p.non_weekly, style=C, merge=(5 + len(hours), 10))


def _t4(b: Book, p: Plan, fmt: str) -> None:
    m = p.meeting
    if m is None:
        return
    s = "第4表"
    b.put(s, 1, 1, "第４表", style=Style(bold=True))
    b.put(s, 1, 3, "サービス担当者会議の要点", style=Style(bold=True, size=14), merge=(1, 7))
    b.put(s, 3, 1, "開催日", style=C)
    ref = b.put(s, 3, 2, xd(p, "t4.held_on", m.held_on, fmt), key="t4.held_on", style=C, merge=(3, 3))
    b.place("t4.held_on", s, ref)
    b.put(s, 3, 4, "開催場所", style=C)
    b.put(s, 3, 5, m.place, style=C)
    b.put(s, 3, 6, "開催時間", style=C)
    b.put(s, 3, 7, f"{m.start_time}～{m.end_time}", style=C)
    b.put(s, 4, 1, "会議出席者", style=C)
    b.put(s, 4, 2, "\n".join(f"{role}：{n}" for role, n in m.attendees), style=C, merge=(4, 7))
    b.place("t4.attendees", s, "B4")
    b.place("t4.discussion", s, "B6")
    for row, (label, v) in enumerate([("検討した項目", m.topics), ("検討内容", m.discussion), ("結論", m.conclusion),
                                      ("残された課題（次回の開催時期）", m.remaining)], start=5):
        b.put(s, row, 1, label, style=C)
        b.put(s, row, 2, v, style=C, merge=(row, 7))


def _assess(b: Book, p: Plan, fmt: str) -> None:
    s = "課題分析標準項目"
    b.put(s, 1, 1, "課題分析標準項目（アセスメント）", style=Style(bold=True, size=14), merge=(1, 3))
    b.put(s, 2, 1, "アセスメント実施日", style=C)
    b.put(s, 2, 2, xd(p, "as.assessed_on", p.assessed_on, fmt), key="as.assessed_on", style=C)
    for c, h in enumerate(["番号", "項目", "状況・課題", "課題の有無", "関連するニーズ番号"], start=1):
        b.put(s, 4, c, h, style=HB)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, n, style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, style=C)
        b.place(f"as.i{n}.status", s, f"C{row}")
        b.put(s, row, 4, "あり" if it.issue else "なし", style=C)
        b.put(s, row, 5, "".join(CIRCLED[x - 1] for x in it.needs), style=C)
        b.place(f"as.i{n}.refs", s, f"E{row}")
        row += 1


def _mon(b: Book, p: Plan, fmt: str, r: random.Random) -> None:
    s = r.choice(["モニタリング表", "モニタリング記録", "経過記録"])
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリング表", style=Style(bold=True, size=14), merge=(1, 3))
    heads = r.choice([["No.", "実施日", "方法", "場所", "目標の達成状況", "サービスの実施状況", "今後の対応"],
                      ["番号", "訪問日", "方法", "場所", "目標の達成度", "サービスの実施状況", "今後の方針"]])
    for c, h in enumerate(heads, start=1):
        b.put(s, 3, c, h, style=HB)
    for i, v in enumerate(p.visits):
        row = 4 + i
        b.put(s, row, 1, i + 1, style=C)
        b.put(s, row, 2, XDate(v.done, fmt) if v.done else None, style=C)
        b.place(f"mon.r{i}.done_on", s, f"B{row}")
        phone = "電話" in v.method
        b.put(s, row, 3, "電話" if phone else ("訪問" if v.done else ""), style=C)
        b.put(s, row, 4, "" if phone or not v.done else r.choice(["自宅", "居宅"]), style=C)
        b.put(s, row, 5, v.note, style=C)
        b.place(f"mon.r{i}.note", s, f"E{row}")
        b.put(s, row, 6, "計画どおり" if v.done else "", style=C)
        b.put(s, row, 7, "継続" if v.done else "", style=C)
