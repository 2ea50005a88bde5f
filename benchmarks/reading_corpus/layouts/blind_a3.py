"""Held out, written blind: the 厚労省 標準様式 as a prefecture distributes it for A3 printing — two forms side by
side on one sheet, sheets protected, and the prefecture's 記入例 sheet still in the workbook.

- 「計画書（１）（２）」: 第1表 in B:K and 第2表 in M:W on the SAME rows (第2表 continued on 「計画書（２）－２」 when a
  plan has more than two needs); 「計画書（３）（４）」: 第3表 (時間帯 band 深夜/早朝/午前/午後/夜間 + 2-hour times)
  in B:K and 第4表 in M:T on the same rows;
- dates in one style a workbook: full-width abbreviations 「Ｒ８．４．１０」, 「令和８年　４月１０日」 with a
  full-width space, or zero-padded 「R08.04.10」; 認定の有効期間 and 第2表 periods with a line break after 「～」;
- printed choices with ○ / ◯ before the option or the option in （ ）, full-width 要介護１〜５;
- 頻度 with the days in half-width parentheses 「週2回(月・木)」;
- 課題分析 with 課題 ○ and ニーズ番号 「１、３」 in full-width digits;
- モニタリング across the sheet: one COLUMN per visit (第1回, 第2回 …) with rows 予定月 / 実施日 / 実施方法 / 確認内容;
- a 「記入例」 sheet (the prefecture's filled-in example of 第1表・第2表, another person's plan) left in the
  workbook — visible, hidden or very hidden.
Not part of ``layouts.NAMES``: run it with ``--layouts blind_a3``.
"""

from __future__ import annotations

import random
import re

from .. import text as T
from ..book import Book, Style, a1
from ..plan import ITEMS, WEEKDAYS, Plan, make_plan
from . import put_t2_merged, put_week_grid

NAME = "blind_a3"
MODELS = "a prefecture's 標準様式 for A3: 第1表|第2表 and 第3表|第4表 side by side, a 記入例 sheet (held out, written blind)"
PLANNED_DATES = True

C = Style(border=True, wrap=True)
H = Style(border=True, wrap=True, bold=True, center=True)
TITLE = Style(bold=True, size=14)
ZEN = str.maketrans("0123456789.", "０１２３４５６７８９．")
LEVELS_ZEN = ["要介護１", "要介護２", "要介護３", "要介護４", "要介護５"]


def _date(d, style: str) -> str:
    if d is None:
        return ""
    y = T.reiwa(d)
    if style == "zabbr":
        return f"Ｒ{y}.{d.month}.{d.day}".translate(ZEN)
    if style == "zlong":
        return f"令和{y}年{d.month:>2}月{d.day:>2}日".translate(ZEN).replace(" ", "　")
    return f"R{y:02d}.{d.month:02d}.{d.day:02d}"


def _period(p: Plan, key: str, a, z, ds: str) -> str:
    raw = p.raw.get(key)
    if raw is not None:
        return raw
    if a is None and z is None:
        return ""
    return f"{_date(a, ds)}～\n{_date(z, ds)}"


def _freq(f: str, days: tuple[str, ...]) -> str:
    m = re.fullmatch(r"週(\d)回(?:（.*）)?", f)
    if m and days:
        return f"週{m.group(1)}回({'・'.join(days)})"
    return f


def _choice(options: list[str], chosen: int | None, mark: str) -> str:
    return T.printed_choice(options, chosen, mark, sep="　・　")


def form1(b: Book, p: Plan, s: str, ds: str, mark: str) -> None:
    """第1表 in B:K."""
    def d(key, v):
        raw = p.raw.get(key)
        return raw if raw is not None else _date(v, ds)

    b.put(s, 1, 2, "第１表", style=Style(border=True))
    b.put(s, 1, 4, "居宅サービス計画書（１）", style=TITLE, merge=(1, 8))
    b.put(s, 1, 9, "作成年月日", style=C)
    b.put(s, 1, 10, d("t1.created_on", p.created_on), merge=(1, 11), style=C)
    kinds = ["初回", "紹介", "継続"]
    b.put(s, 2, 5, _choice(kinds, kinds.index(p.plan_kind) if p.plan_kind in kinds else None, mark),
          key="t1.plan_kind", style=C, merge=(2, 7))
    b.put(s, 2, 8, _choice(["認定済", "申請中"], 0 if p.cert_status == "認定済" else None, mark), style=C,
          merge=(2, 11))
    b.put(s, 3, 2, "利用者名", style=C)
    b.put(s, 3, 3, p.user_name, key="t1.user_name", style=C, merge=(3, 4))
    b.put(s, 3, 5, "殿", style=C)
    b.put(s, 3, 6, "生年月日", style=C)
    b.put(s, 3, 7, T.showa(p.birth), key="t1.birth_date", style=C)
    b.put(s, 3, 8, "住所", style=C)
    b.put(s, 3, 9, p.address, key="t1.address", style=C, merge=(3, 11))
    b.put(s, 4, 2, "居宅サービス計画作成者氏名", style=C, merge=(4, 3))
    b.put(s, 4, 4, p.care_manager, key="t1.care_manager", style=C, merge=(4, 11))
    b.put(s, 5, 2, "居宅介護支援事業者・事業所名及び所在地", style=C, merge=(5, 3))
    b.put(s, 5, 4, p.office, key="t1.office", style=C, merge=(5, 11))
    b.put(s, 6, 2, "居宅サービス計画作成（変更）日", style=C, merge=(6, 3))
    b.put(s, 6, 4, d("t1.created_on", p.created_on), key="t1.created_on", style=C, merge=(6, 6))
    b.put(s, 6, 7, "初回居宅サービス計画作成日", style=C, merge=(6, 8))
    b.put(s, 6, 9, d("t1.first_created_on", p.first_created_on), key="t1.first_created_on", style=C, merge=(6, 11))
    b.put(s, 7, 2, "認定日", style=C)
    b.put(s, 7, 3, d("t1.certified_on", p.certified_on), key="t1.certified_on", style=C, merge=(7, 4))
    b.put(s, 7, 5, "認定の有効期間", style=C, merge=(7, 6))
    b.put(s, 7, 7, _period(p, "t1.cert_period", p.cert_start, p.cert_end, ds), key="t1.cert_period", style=C,
          merge=(7, 11))
    b.put(s, 8, 2, "要介護状態区分", style=C, merge=(8, 3))
    lv = T.LEVELS.index(p.care_level) if p.care_level in T.LEVELS else None
    b.put(s, 8, 4, _choice(LEVELS_ZEN, lv, mark), key="t1.care_level", style=C, merge=(8, 11))
    row = 9
    for label, key, v, h in [("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "t1.user_intent", p.user_intent, 3),
                             ("介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion, 2),
                             ("総合的な援助の方針", "t1.overall_policy", p.overall_policy, 4)]:
        b.put(s, row, 2, label, style=C, merge=(row + h - 1, 3))
        b.put(s, row, 4, v, key=key, style=C, merge=(row + h - 1, 11))
        row += h
    b.put(s, row, 2, "生活援助中心型の算定理由", style=C, merge=(row, 3))
    b.put(s, row, 4, _choice(T.reason_options(p.living_other, p.living_reason), (p.living_reason or 0) - 1
                             if p.living_reason else None, mark), key="t1.living_support_reason", style=C,
          merge=(row, 11))
    row += 2
    b.put(s, row, 2, "居宅サービス計画について説明を受け、内容に同意し交付を受けました。", merge=(row, 11))
    row += 1
    b.put(s, row, 2, "説明・同意日", style=C, merge=(row, 3))
    b.put(s, row, 4, d("t1.consent_on", p.consent_on), key="t1.consent_on", style=C, merge=(row, 6))
    b.put(s, row, 7, "利用者同意欄", style=C, merge=(row, 8))
    b.put(s, row, 9, "", style=C, merge=(row, 10))
    b.put(s, row, 11, "㊞", style=C)
    row += 1
    b.put(s, row, 2, "交付日", style=C, merge=(row, 3))
    b.put(s, row, 4, d("t1.delivered_on", p.delivered_on), key="t1.delivered_on", style=C, merge=(row, 6))


T2COL = dict(zip(("need", "long", "long_period", "short", "short_period", "content", "insured", "kind", "provider",
                  "freq", "period"), range(0, 11)))


def form2(b: Book, p: Plan, s: str, col0: int, ds: str, needs: list[int], page: int) -> None:
    """第2表 from column ``col0``, the two-row 様式 header, needs merged over their rows."""
    b.put(s, 1, col0, "第２表", style=Style(border=True))
    b.put(s, 1, col0 + 2, "居宅サービス計画書（２）" + ("" if page == 1 else f"　（{page}）"), style=TITLE,
          merge=(1, col0 + 6))
    b.put(s, 1, col0 + 8, "作成年月日", style=C)
    b.put(s, 1, col0 + 9, _date(p.created_on, ds), style=C, merge=(1, col0 + 10))
    b.put(s, 2, col0, "利用者名", style=C)
    b.put(s, 2, col0 + 1, p.user_name, style=C)
    b.put(s, 2, col0 + 2, "殿", style=C)
    b.put(s, 3, col0, "生活全般の解決すべき課題（ニーズ）", style=H, merge=(4, col0))
    b.put(s, 3, col0 + 1, "目標", style=H, merge=(3, col0 + 4))
    b.put(s, 3, col0 + 5, "援助内容", style=H, merge=(3, col0 + 10))
    for i, h in enumerate(["長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※１", "サービス種別", "※２",
                           "頻度", "期間"], start=1):
        b.put(s, 4, col0 + i, h, style=H)
    col = {k: col0 + v for k, v in T2COL.items()}
    end = put_t2_merged(b, s, p, 5, col, lambda key, a, z: _period(p, key, a, z, ds), C, needs=needs)
    for key, sv in p.services():  # 頻度 with its days, at the cell put_t2_merged recorded
        for sheet, ref in b.places.get(f"{key}.freq", []):
            if sheet == s and sv.days:
                b.put(s, int(re.sub(r"\D", "", ref)), col["freq"], _freq(sv.freq, sv.days), style=C)
    b.put(s, end + 1, col0, "※１「保険給付対象かどうかの区分」について、保険給付対象内サービスについては○印を付す。",
          merge=(end + 1, col0 + 10))
    b.put(s, end + 2, col0, "※２「当該サービス提供を行う事業者」について記入する。", merge=(end + 2, col0 + 10))


def form3(b: Book, p: Plan, s: str) -> None:
    b.put(s, 1, 2, "第３表", style=Style(border=True))
    b.put(s, 1, 4, "週間サービス計画表", style=TITLE, merge=(1, 8))
    b.put(s, 2, 2, "利用者名", style=C)
    b.put(s, 2, 3, p.user_name, style=C, merge=(2, 4))
    b.put(s, 2, 5, "殿", style=C)
    b.put(s, 3, 2, "", style=H, merge=(3, 3))
    for c, day in enumerate(WEEKDAYS, start=4):
        b.put(s, 3, c, day, style=H)
    b.put(s, 3, 11, "主な日常生活上の活動", style=H)
    hours = list(range(0, 24, 2))
    bands = {0: "深夜", 4: "早朝", 8: "午前", 12: "午後", 18: "夜間", 22: "深夜"}
    for i, h in enumerate(hours):
        if h in bands:
            span = {0: 2, 4: 2, 8: 2, 12: 3, 18: 2, 22: 1}[h]
            b.put(s, 4 + i, 2, bands[h], style=C, merge=(4 + i + span - 1, 2) if span > 1 else None)
        b.put(s, 4 + i, 3, f"{h}:00", style=C)
        acts = [a for t, a in p.activities.items() if h <= int(t[:2]) < h + 2]
        if acts:
            b.put(s, 4 + i, 11, "・".join(acts), style=C)
    put_week_grid(b, s, p, 4, 4, hours, C)
    row = 4 + len(hours)
    b.put(s, row, 2, "週単位以外のサービス", style=C, merge=(row, 3))
    b.put(s, row, 4, p.non_weekly, style=C, merge=(row, 11))


def form4(b: Book, p: Plan, s: str, col0: int, ds: str) -> None:
    m = p.meeting
    if m is None:
        return
    b.put(s, 1, col0, "第４表", style=Style(border=True))
    b.put(s, 1, col0 + 1, "サービス担当者会議の要点", style=TITLE, merge=(1, col0 + 5))
    b.put(s, 2, col0, "利用者名", style=C)
    b.put(s, 2, col0 + 1, p.user_name + "　殿", style=C, merge=(2, col0 + 2))
    b.put(s, 2, col0 + 3, "居宅サービス計画作成者（担当者）氏名", style=C, merge=(2, col0 + 4))
    b.put(s, 2, col0 + 5, p.care_manager, style=C, merge=(2, col0 + 7))
    b.put(s, 3, col0, "開催日", style=C)
    held = p.raw.get("t4.held_on")
    b.put(s, 3, col0 + 1, held if held is not None else _date(m.held_on, ds), key="t4.held_on", style=C)
    b.put(s, 3, col0 + 2, "開催場所", style=C)
    b.put(s, 3, col0 + 3, m.place, style=C)
    b.put(s, 3, col0 + 4, "開催時間", style=C)
    b.put(s, 3, col0 + 5, f"{m.start_time}～{m.end_time}" if m.held_on else "", style=C)
    b.put(s, 3, col0 + 6, "開催回数", style=C)
    b.put(s, 3, col0 + 7, "１", style=C)
    n_rows = (len(m.attendees) + 1) // 2
    b.put(s, 4, col0, "会議出席者", key="t4.attendees", style=C, merge=(4 + n_rows, col0))
    for i, h in enumerate(["所属（職種）", "氏名", "所属（職種）", "氏名"]):
        b.put(s, 4, col0 + 1 + 2 * i, h, style=H, merge=(4, col0 + 2 + 2 * i))
    for i, (role, name) in enumerate(m.attendees):
        r_, c_ = 5 + i // 2, col0 + 1 + 4 * (i % 2)
        b.put(s, r_, c_, role, style=C, merge=(r_, c_ + 1))
        b.put(s, r_, c_ + 2, name, style=C, merge=(r_, c_ + 3))
        if i < 2:
            b.place("t4.attendees", s, a1(r_, c_))
    row = 5 + n_rows
    for label, key, v in [("検討した項目", "t4.topics", m.topics), ("検討内容", "t4.discussion", m.discussion),
                          ("結論", "t4.conclusion", m.conclusion),
                          ("残された課題（次回の開催時期）", "t4.remaining", m.remaining)]:
        b.put(s, row, col0, label, style=C)
        b.put(s, row, col0 + 1, v, key=key, style=C, merge=(row + 1, col0 + 8))
        row += 2


def _assessment(b: Book, p: Plan, ds: str, mark: str) -> None:
    s = "課題分析（アセスメント）概要"
    b.put(s, 1, 1, "課題分析（アセスメント）概要", style=TITLE, merge=(1, 5))
    b.put(s, 2, 1, "実施日", style=C)
    b.put(s, 2, 2, p.raw.get("as.assessed_on", _date(p.assessed_on, ds)), key="as.assessed_on", style=C)
    b.put(s, 2, 3, "実施場所", style=C)
    b.put(s, 2, 4, "自宅", style=C)
    for c, h in enumerate(["No.", "標準項目名", "現在の状況", "課題", "ニーズ番号"], start=1):
        b.put(s, 4, c, h, style=H)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, str(n).translate(ZEN), style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, key=f"as.i{n}.status", style=C)
        b.put(s, row, 4, mark if it.issue else "", style=C)
        b.put(s, row, 5, "、".join(str(x) for x in it.needs).translate(ZEN), key=f"as.i{n}.refs", style=C)
        row += 1
    for c, w in zip(range(1, 6), (5, 30, 50, 6, 10)):
        b.width(s, c, w)


def _monitoring(b: Book, p: Plan, ds: str, r: random.Random) -> None:
    s = "モニタリング"
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリング表", style=TITLE, merge=(1, 4))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name + "　殿", style=C, merge=(2, 3))
    labels = ["実施回", "予定月", "実施日", "実施方法", "確認内容（目標の達成状況・サービスの実施状況）"]
    for i, h in enumerate(labels):
        b.put(s, 4 + i, 1, h, style=H)
    for i, v in enumerate(p.visits):
        c = 2 + i
        month = v.planned or v.done
        b.put(s, 4, c, f"第{i + 1}回", style=H)
        b.put(s, 5, c, f"{month.month}月" if month else "", style=C)
        b.put(s, 6, c, _date(v.done, ds), key=f"mon.r{i}.done_on", style=C)
        how = "" if not v.done else ("電話" if "電話" in v.method else r.choice(["居宅訪問", "自宅訪問"]))
        b.put(s, 7, c, how, style=C)
        b.put(s, 8, c, v.note, key=f"mon.r{i}.note", style=C)
        b.width(s, c, 16)
    b.width(s, 1, 18)


def _example(r: random.Random) -> Book:
    """The prefecture's 記入例: another (fictional) person's filled-in 第1表 and 第2表."""
    from ..generate import TODAY
    ex = make_plan("example", 7, TODAY)
    ex.user_name = "介護　花子"
    eb = Book()
    form1(eb, ex, "記入例", "zlong", "○")
    form2(eb, ex, "記入例", 13, "zlong", list(range(len(ex.needs))), 1)
    return eb


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    ds = r.choice(["zabbr", "zlong", "r0"])
    mark = r.choice(["○", "◯", "paren"])
    s = "計画書（１）（２）"
    form1(b, p, s, ds, mark)
    first = list(range(min(2, len(p.needs))))
    form2(b, p, s, 13, ds, first, 1)
    if len(p.needs) > 2:
        s2 = "計画書（２）－２"
        form2(b, p, s2, 2, ds, list(range(2, len(p.needs))), 2)
        b.sheet(s2).protected = True
    for c, w in zip(range(1, 25), (2, 12, 12, 9, 9, 9, 9, 9, 9, 9, 9, 2, 24, 20, 12, 20, 12, 24, 4, 12, 18, 12, 12)):
        b.width(s, c, w)
    b.sheet(s).protected = True
    s = "計画書（３）（４）"
    form3(b, p, s)
    form4(b, p, s, 13, ds)
    b.sheet(s).protected = True
    _assessment(b, p, ds, "○" if mark == "paren" else mark)
    _monitoring(b, p, ds, r)
    ex = _example(r).sheet("記入例")
    ex.state = r.choice(["visible", "hidden", "veryHidden"])
    b.sheets.append(ex)
    return b
