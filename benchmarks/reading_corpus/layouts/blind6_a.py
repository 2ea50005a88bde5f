"""Held out, written blind (round 6): a care-software export localised from an English product — every 表 on its
own sheet named only 「Sheet1」「Sheet2」…, labels in English and Japanese mixed.

- sheets Sheet1 (第1表) … Sheet6 (モニタリング): nothing in the sheet names says what they hold; each sheet keeps a
  bilingual title row 「居宅サービス計画書（１） / Care Plan (1)」;
- labels written bilingually, 「User name / 利用者名」 or 「利用者名 / User name」 or 「利用者名（User name）」;
- 第1表 as a portrait 3-column table: a group label merged down over its rows (「認定 / Certification」 over 認定区分,
  認定日, 有効期間, 要介護状態区分) | the item label | the value merged across; choices as the chosen text
  (「継続」「要介護２」「1. 一人暮らし」);
- dates as 西暦 two-digit years 「26/4/10」 in half the workbooks, as text with the weekday 「2026年4月10日(金)」 in
  the other half; periods 「26/4/15～27/3/31」 or 「2026年4月15日～2027年3月31日」;
- 第2表 where the long and short goals share ONE column, 「【長期】…\\n【短期】…」, and their periods share one cell
  「長期：…\\n短期：…」;
- 第3表 transposed: the weekdays as rows, the two-hour bands as columns, a service merged across the bands it takes;
- 第4表 attendees one a row (所属・職種 | 氏名); アセスメント 課題 有／－ and 関連ニーズ 「1,3」; monitoring one row a
  visit with 対象月 「2026年5月」.
Not part of ``layouts.NAMES``: run it with ``--layouts blind6_a``.
"""

from __future__ import annotations

import random

from .. import text as T
from ..book import Book, Style, a1
from ..plan import ITEMS, WEEKDAYS, Plan
from . import raw_or

NAME = "blind6_a"
MODELS = "a localised software export: sheets named Sheet1…Sheet6, bilingual labels, 26/4/10 or 2026年4月10日(金) dates, long and short goals in one column, transposed 第3表 (held out, written blind)"
PLANNED_DATES = True

C = Style(border=True, wrap=True)
H = Style(border=True, wrap=True, bold=True, center=True)
TITLE = Style(bold=True, size=13)
WD = "月火水木金土日"


def _label(ja: str, en: str, ls: str) -> str:
    if ls == "en":
        return f"{en} / {ja}"
    if ls == "ja":
        return f"{ja} / {en}"
    return f"{ja}（{en}）"


def _d(d, ds: str) -> str:
    if d is None:
        return ""
    if ds == "yy":
        return f"{d.year % 100:02d}/{d.month}/{d.day}"
    return f"{d.year}年{d.month}月{d.day}日({WD[d.weekday()]})"


def _per(a, z, ds: str) -> str:
    if a is None and z is None:
        return ""
    if ds == "yy":
        return f"{_d(a, ds)}～{_d(z, ds)}"
    f = lambda d: f"{d.year}年{d.month}月{d.day}日" if d else ""
    return f"{f(a)}～{f(z)}"


def form1(b: Book, p: Plan, ds: str, ls: str) -> None:
    s = "Sheet1"
    b.width(s, 1, 14)
    b.width(s, 2, 30)
    for c in range(3, 7):
        b.width(s, c, 16)
    b.put(s, 1, 1, "居宅サービス計画書（１） / Care Plan (1)", style=TITLE, merge=(1, 6))
    reason = ""
    if p.living_reason:
        reason = T.REASONS[p.living_reason - 1].replace("（　　　　　　　　）", "").replace(".", ". ")
        if p.living_reason == 3:
            reason += f"（{p.living_other}）"
    level = p.care_level.replace("要介護", "要介護").translate(T.ZEN) if p.care_level else ""
    groups = [
        ("計画 / Plan", [("計画区分", "Plan type", "t1.plan_kind", p.plan_kind or "", 1),
                         ("作成年月日", "Date created", "t1.created_on", _d(p.created_on, ds), 1),
                         ("初回居宅サービス計画作成日", "First plan date", "t1.first_created_on", _d(p.first_created_on, ds), 1)]),
        ("利用者 / Client", [("利用者名", "User name", "t1.user_name", p.user_name, 1),
                             ("生年月日", "Date of birth", "t1.birth_date", _d(p.birth, ds), 1),
                             ("住所", "Address", "t1.address", p.address, 1)]),
        ("作成者 / Planner", [("居宅サービス計画作成者氏名", "Care manager", "t1.care_manager", p.care_manager, 1),
                              ("居宅介護支援事業者・事業所名及び所在地", "Office", "t1.office", p.office, 1)]),
        ("認定 / Certification", [("認定区分", "Certification", "t1.certification_status", p.cert_status or "", 1),
                                  ("認定日", "Date certified", "t1.certified_on", _d(p.certified_on, ds), 1),
                                  ("認定の有効期間", "Valid period", "t1.cert_period", _per(p.cert_start, p.cert_end, ds), 1),
                                  ("要介護状態区分", "Care level", "t1.care_level", level, 1)]),
        ("計画内容 / Plan contents", [
            ("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "Wishes and assessment", "t1.user_intent", p.user_intent, 3),
            ("介護認定審査会の意見及びサービスの種類の指定", "Board opinion", "t1.committee_opinion", p.committee_opinion, 1),
            ("総合的な援助の方針", "Overall policy", "t1.overall_policy", p.overall_policy, 3),
            ("生活援助中心型の算定理由", "Reason for housekeeping", "t1.living_support_reason", reason, 1)]),
        ("同意 / Consent", [("説明・同意日", "Date of consent", "t1.consent_on", raw_or(p, "t1.consent_on", _d(p.consent_on, ds)), 1),
                            ("交付日", "Date delivered", "t1.delivered_on", _d(p.delivered_on, ds), 1),
                            ("利用者署名", "Signature", None, "", 1)]),
    ]
    b.put(s, 2, 1, _label("区分", "Section", ls), style=H)
    b.put(s, 2, 2, _label("項目", "Item", ls), style=H)
    b.put(s, 2, 3, _label("内容", "Details", ls), style=H, merge=(2, 6))
    row = 3
    for group, items in groups:
        top = row
        for ja, en, key, v, h in items:
            b.put(s, row, 2, _label(ja, en, ls), style=C, merge=(row + h - 1, 2))
            b.put(s, row, 3, v, key=key, style=C, merge=(row + h - 1, 6))
            row += h
        b.put(s, top, 1, group, style=H, merge=(row - 1, 1))


def form2(b: Book, p: Plan, ds: str, ls: str) -> None:
    s = "Sheet2"
    b.put(s, 1, 1, "居宅サービス計画書（２） / Care Plan (2)", style=TITLE, merge=(1, 9))
    b.put(s, 2, 1, _label("利用者名", "User name", ls), style=C)
    b.put(s, 2, 2, p.user_name, style=C)
    heads = [("生活全般の解決すべき課題（ニーズ）", "Needs"), ("目標（長期・短期）", "Goals"), ("期間", "Period"),
             ("サービス内容", "Service"), ("※1", "Insured"), ("サービス種別", "Type"), ("※2", "Provider"),
             ("頻度", "Frequency"), ("期間", "Period")]
    for c, (ja, en) in enumerate(heads, start=1):
        b.put(s, 4, c, _label(ja, en, ls), style=H)
    for c, w in enumerate((28, 34, 24, 30, 6, 14, 22, 12, 22), start=1):
        b.width(s, c, w)
    row = 5
    for i, n in enumerate(p.needs):
        n_top = row
        for j, lg in enumerate(n.longs):
            for k, sg in enumerate(lg.shorts):
                s_top = row
                base = f"t2.n{i}.l{j}.s{k}"
                for m, sv in enumerate(sg.services):
                    key = f"{base}.v{m}"
                    for c, name, v in ((4, "content", sv.content), (5, "insured", "○" if sv.insured else ""),
                                       (6, "kind", sv.kind), (7, "provider", sv.provider), (8, "freq", sv.freq),
                                       (9, "period", _per(sv.start, sv.end, ds))):
                        b.put(s, row, c, v, key=f"{key}.{name}", style=C)
                    row += 1
                goals = f"【長期】{lg.text}\n【短期】{sg.text}"
                pers = f"長期：{_per(lg.start, lg.end, ds)}\n短期：{_per(sg.start, sg.end, ds)}"
                ref = b.put(s, s_top, 2, goals, key=f"{base}.text", style=C, merge=(row - 1, 2))
                b.place(f"t2.n{i}.l{j}.text", s, ref)
                ref = b.put(s, s_top, 3, pers, key=f"{base}.period", style=C, merge=(row - 1, 3))
                b.place(f"t2.n{i}.l{j}.period", s, ref)
        b.put(s, n_top, 1, n.text, key=f"t2.n{i}.text", style=C, merge=(row - 1, 1))
    b.put(s, row + 1, 1, "※1 保険給付対象 / Insured service: ○　※2 サービス提供事業所 / Provider", style=Style())


def form3(b: Book, p: Plan, ls: str) -> None:
    s = "Sheet3"
    b.put(s, 1, 1, "週間サービス計画表 / Weekly Schedule", style=TITLE, merge=(1, 8))
    b.put(s, 2, 1, _label("利用者名", "User name", ls), style=C)
    b.put(s, 2, 2, p.user_name, style=C, merge=(2, 4))
    hours = list(range(0, 24, 2))
    b.put(s, 4, 1, _label("曜日", "Day", ls), style=H)
    for c, h in enumerate(hours, start=2):
        b.put(s, 4, c, f"{h}:00～", style=H)
    for r_, d in enumerate(WEEKDAYS, start=5):
        b.put(s, r_, 1, f"{d}曜日", style=H)
    seen = set()
    for sv in p.weekly_services():
        if sv.group in seen:
            continue
        seen.add(sv.group)
        h = int(sv.time.split(":")[0])
        for d in sv.days:
            row = 5 + WEEKDAYS.index(d)
            col = 2 + hours.index(h - h % 2)
            last = min(col + sv.rows - 1, 1 + len(hours))
            if (row, col) in b.sheet(s).cells:  # two services in one band: the next free band
                col = next(c for c in range(2, 2 + len(hours)) if (row, c) not in b.sheet(s).cells)
                last = col
            b.put(s, row, col, sv.weekly_label, style=C, merge=(row, last) if last > col else None)
    act = 5 + len(WEEKDAYS)
    b.put(s, act, 1, _label("主な日常生活上の活動", "Daily activities", ls), style=H)
    for t, a in p.activities.items():
        b.put(s, act, 2 + hours.index(int(t[:2]) - int(t[:2]) % 2), a, style=C)
    b.put(s, act + 1, 1, _label("週単位以外のサービス", "Other services", ls), style=H)
    b.put(s, act + 1, 2, p.non_weekly, style=C, merge=(act + 1, 1 + len(hours)))
    for c in range(2, 2 + len(hours)):
        b.width(s, c, 11)
    b.width(s, 1, 18)


def form4(b: Book, p: Plan, ds: str, ls: str) -> None:
    m = p.meeting
    if m is None:
        return
    s = "Sheet4"
    b.put(s, 1, 1, "サービス担当者会議の要点 / Care Conference Summary", style=TITLE, merge=(1, 4))
    rows = [("利用者名", "User name", None, p.user_name),
            ("居宅サービス計画作成者（担当者）氏名", "Care manager", None, p.care_manager),
            ("開催日", "Date", "t4.held_on", _d(m.held_on, ds)),
            ("開催場所", "Place", None, m.place), ("開催時間", "Time", None, f"{m.start_time}～{m.end_time}")]
    row = 2
    for ja, en, key, v in rows:
        b.put(s, row, 1, _label(ja, en, ls), style=C)
        b.put(s, row, 2, v, key=key, style=C, merge=(row, 4))
        row += 1
    b.put(s, row, 1, _label("会議出席者", "Attendees", ls), style=H, merge=(row + len(m.attendees), 1))
    b.put(s, row, 2, _label("所属（職種）", "Affiliation", ls), style=H)
    b.put(s, row, 3, _label("氏名", "Name", ls), style=H, merge=(row, 4))
    for role, name in m.attendees:
        row += 1
        b.put(s, row, 2, role, key="t4.attendees", style=C)
        b.put(s, row, 3, name, style=C, merge=(row, 4))
    row += 1
    for ja, en, key, v in [("検討した項目", "Topics", "t4.topics", m.topics), ("検討内容", "Discussion", "t4.discussion", m.discussion),
                           ("結論", "Conclusion", "t4.conclusion", m.conclusion),
                           ("残された課題（次回の開催時期）", "Open issues", "t4.remaining", m.remaining)]:
        b.put(s, row, 1, _label(ja, en, ls), style=C, merge=(row + 1, 1))
        b.put(s, row, 2, v, key=key, style=C, merge=(row + 1, 4))
        row += 2
    b.width(s, 1, 26)
    for c in (2, 3, 4):
        b.width(s, c, 24)


def assessment(b: Book, p: Plan, ds: str, ls: str) -> None:
    s = "Sheet5"
    b.put(s, 1, 1, "課題分析（アセスメント） / Assessment", style=TITLE, merge=(1, 5))
    b.put(s, 2, 1, _label("実施日", "Date of assessment", ls), style=C)
    b.put(s, 2, 2, _d(p.assessed_on, ds), key="as.assessed_on", style=C)
    for c, (ja, en) in enumerate([("No.", "No."), ("課題分析標準項目", "Item"), ("状況", "Status"), ("課題", "Issue"),
                                  ("関連ニーズ", "Needs")], start=1):
        b.put(s, 4, c, ja if ja == en else _label(ja, en, ls), style=H)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, n, style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, key=f"as.i{n}.status", style=C)
        b.put(s, row, 4, "有" if it.issue else "－", style=C)
        b.put(s, row, 5, ",".join(str(x) for x in it.needs), key=f"as.i{n}.refs", style=C)
        row += 1
    b.width(s, 2, 30)
    b.width(s, 3, 40)


def monitoring(b: Book, p: Plan, ds: str, ls: str) -> None:
    s = "Sheet6"
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリング記録 / Monitoring", style=TITLE, merge=(1, 6))
    b.put(s, 2, 1, _label("利用者名", "User name", ls), style=C)
    b.put(s, 2, 2, p.user_name, style=C)
    for c, (ja, en) in enumerate([("対象月", "Month"), ("予定日", "Planned"), ("実施日", "Date"), ("方法", "Method"),
                                  ("場所", "Place"), ("内容", "Notes")], start=1):
        b.put(s, 4, c, _label(ja, en, ls), style=H)
    row = 5
    for i, v in enumerate(p.visits):
        mon = v.planned or v.done
        b.put(s, row, 1, f"{mon.year}年{mon.month}月", style=C)
        b.put(s, row, 2, _d(v.planned, ds), style=C)
        b.put(s, row, 3, _d(v.done, ds), key=f"mon.r{i}.done_on", style=C)
        phone = "電話" in v.method
        b.put(s, row, 4, "" if not v.done else ("電話" if phone else "訪問"), style=C)
        b.put(s, row, 5, "" if not v.done or phone else "自宅", style=C)
        b.put(s, row, 6, v.note, key=f"mon.r{i}.note", style=C)
        row += 1
    b.width(s, 6, 50)


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    ds = r.choice(["yy", "wd"])
    ls = r.choice(["en", "ja", "paren"])
    form1(b, p, ds, ls)
    form2(b, p, ds, ls)
    form3(b, p, ls)
    form4(b, p, ds, ls)
    assessment(b, p, ds, ls)
    monitoring(b, p, ds, ls)
    return b
