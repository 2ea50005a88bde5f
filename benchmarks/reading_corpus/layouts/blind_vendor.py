"""Held out, written blind: a care-software data export opened in Excel (the ケアプランデータ連携 標準仕様 style
of columns, as ワイズマン / ほのぼの / カイポケ style systems export their 帳票 data rather than print them).

- a first sheet 「出力条件」 with the export's own dates (出力日, 対象期間, 事業所番号);
- 第1表 as a code list 「項目コード | 項目名 | 設定値 | 名称」: choices are codes with the name beside them
  (作成区分 2 / 紹介, 要介護度 22 / 要介護２, 算定理由 1 / 一人暮らし), dates in one style a workbook —
  yyyymmdd integers (20260410), bare Excel serial numbers in General format (46122), or zero-padded text
  「2026/04/10」; 認定の有効期間 in two rows (開始日, 終了日);
- 第2表 one row per service with the 標準仕様 column names (課題NO, 課題, 援助目標NO, 長期目標, 長期期間開始 …,
  保険対象区分 as 1 / 2, サービス種別コード + サービス種別, サービス事業所名, 頻度, 実施期間開始/終了), the need and goals
  repeated on every row;
- 週間計画 as a half-hour grid 0:00〜23:30, the service's name typed in EVERY half-hour cell it covers (no merges);
- 担当者会議 as a code list with an attendee sub-table (所属 | 職種 | 氏名);
- 課題分析 with 課題有無 as 1 / 0 and 関連課題NO 「1,3」; モニタリング with 実施区分 「1:訪問」「2:電話」.
Not part of ``layouts.NAMES``: run it with ``--layouts blind_vendor``.
"""

from __future__ import annotations

import datetime as dt
import random

from ..book import Book, Style
from ..plan import ITEMS, WEEKDAYS, Plan

NAME = "blind_vendor"
MODELS = "a care-software data export (標準仕様 columns, codes, yyyymmdd / serial dates; held out, written blind)"
PLANNED_DATES = True

H = Style(bold=True, border=True)
C = Style(border=True)
LEVEL_CODE = {"要介護1": 21, "要介護2": 22, "要介護3": 23, "要介護4": 24, "要介護5": 25}
KIND_CODE = {"初回": 1, "紹介": 2, "継続": 3}
SVC_CODE = {"通所介護": "15", "訪問介護": "11", "訪問看護": "13", "福祉用具貸与": "17", "特定福祉用具販売": "41",
            "訪問リハビリテーション": "14", "訪問入浴介護": "12"}
ZEN = str.maketrans("12345", "１２３４５")


def _serial(d: dt.date) -> int:
    return (d - dt.date(1899, 12, 30)).days


def _date(d, style: str):
    if d is None:
        return ""
    if style == "int":
        return int(d.strftime("%Y%m%d"))
    if style == "serial":
        return _serial(d)
    return d.strftime("%Y/%m/%d")


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    ds = r.choice(["int", "serial", "text"])

    def d(key, v):
        raw = p.raw.get(key)
        return raw if raw is not None else _date(v, ds)

    s = "出力条件"
    for i, (k, v) in enumerate([("帳票名", "居宅サービス計画書（第1表～第4表）・課題分析・モニタリング"),
                                ("出力日", _date(dt.date(2026, 11, 20), ds)), ("出力者", p.care_manager),
                                ("事業所番号", "0170100000"), ("対象期間", "2026/04/01～2026/11/30"),
                                ("利用者コード", f"{r.randint(100000, 999999)}")], start=1):
        b.put(s, i, 1, k, style=H)
        b.put(s, i, 2, v, style=C)
    b.width(s, 1, 14)
    b.width(s, 2, 50)

    s = "計画書1"
    for c, h in enumerate(["項目コード", "項目名", "設定値", "名称"], start=1):
        b.put(s, 1, c, h, style=H)
    lv = p.care_level
    reason_names = {1: "一人暮らし", 2: "家族等が障害、疾病等", 3: f"その他（{p.living_other}）"}
    rows = [
        ("A001", "被保険者番号", f"{r.randint(10**9, 10**10 - 1)}", "", None),
        ("A002", "利用者氏名", p.user_name, "", "t1.user_name"),
        ("A003", "利用者氏名カナ", p.kana, "", None),
        ("A004", "生年月日", _date(p.birth, ds), "", "t1.birth_date"),
        ("A005", "住所", p.address, "", "t1.address"),
        ("B001", "作成区分", KIND_CODE.get(p.plan_kind, ""), p.plan_kind, "t1.plan_kind"),
        ("B002", "認定区分", 1 if p.cert_status == "認定済" else (2 if p.cert_status else ""), p.cert_status or "", None),
        ("B003", "居宅サービス計画作成者氏名", p.care_manager, "", "t1.care_manager"),
        ("B004", "居宅介護支援事業者・事業所名及び所在地", p.office, "", "t1.office"),
        ("B005", "居宅サービス計画作成（変更）日", d("t1.created_on", p.created_on), "", "t1.created_on"),
        ("B006", "初回居宅サービス計画作成日", d("t1.first_created_on", p.first_created_on), "", "t1.first_created_on"),
        ("B007", "認定日", d("t1.certified_on", p.certified_on), "", "t1.certified_on"),
        ("B008", "認定の有効期間（開始日）", d("t1.cert_period", p.cert_start), "", "t1.cert_period"),
        ("B009", "認定の有効期間（終了日）", _date(p.cert_end, ds), "", "t1.cert_period"),
        ("B010", "要介護状態区分", LEVEL_CODE.get(lv, ""), (lv or "").translate(ZEN), "t1.care_level"),
        ("C001", "利用者及び家族の生活に対する意向を踏まえた課題分析の結果", p.user_intent, "", "t1.user_intent"),
        ("C002", "介護認定審査会の意見及びサービスの種類の指定", p.committee_opinion, "", "t1.committee_opinion"),
        ("C003", "総合的な援助の方針", p.overall_policy, "", "t1.overall_policy"),
        ("C004", "生活援助中心型の算定理由", p.living_reason or "", reason_names.get(p.living_reason, ""),
         "t1.living_support_reason"),
        ("D001", "説明・同意日", d("t1.consent_on", p.consent_on), "", "t1.consent_on"),
        ("D002", "交付日", d("t1.delivered_on", p.delivered_on), "", "t1.delivered_on"),
    ]
    for i, (code, label, value, name, key) in enumerate(rows, start=2):
        b.put(s, i, 1, code, style=C)
        b.put(s, i, 2, label, style=C)
        b.put(s, i, 3, value, key=key, style=Style(border=True, wrap=True))
        b.put(s, i, 4, name, style=C)
    for c, w in zip(range(1, 5), (10, 40, 60, 16)):
        b.width(s, c, w)

    _t2(b, p, ds)
    _week(b, p)
    _meeting(b, p, ds)
    _assessment(b, p, ds)
    _monitoring(b, p, ds)
    s = "支援経過"
    for c, h in enumerate(["記録日", "項目", "内容"], start=1):
        b.put(s, 1, c, h, style=H)
    for i, (day, item, txt) in enumerate(sorted(p.journal), start=2):
        b.put(s, i, 1, _date(day, ds), style=C)
        b.put(s, i, 2, item, style=C)
        b.put(s, i, 3, txt, style=C)
    return b


def _t2(b: Book, p: Plan, ds: str) -> None:
    s = "計画書2"
    heads = ["課題NO", "課題", "援助目標NO", "長期目標", "長期期間開始", "長期期間終了", "短期目標", "短期期間開始",
             "短期期間終了", "援助内容NO", "サービス内容", "保険対象区分", "サービス種別コード", "サービス種別",
             "サービス事業所名", "頻度", "実施期間開始", "実施期間終了"]
    for c, h in enumerate(heads, start=1):
        b.put(s, 1, c, h, style=H)
    row = 2
    for i, n in enumerate(p.needs):
        goal_no = 0
        for j, lg in enumerate(n.longs):
            for k, sg in enumerate(lg.shorts):
                goal_no += 1
                for m, sv in enumerate(sg.services):
                    lk, sk, vk = f"t2.n{i}.l{j}", f"t2.n{i}.l{j}.s{k}", f"t2.n{i}.l{j}.s{k}.v{m}"
                    cells = [
                        (1, i + 1, None), (2, n.text, f"t2.n{i}.text"), (3, goal_no, None),
                        (4, lg.text, f"{lk}.text"), (5, _date(lg.start, ds), f"{lk}.period"),
                        (6, _date(lg.end, ds), f"{lk}.period"), (7, sg.text, f"{sk}.text"),
                        (8, _date(sg.start, ds), f"{sk}.period"), (9, _date(sg.end, ds), f"{sk}.period"),
                        (10, m + 1, None), (11, sv.content, f"{vk}.content"),
                        (12, 1 if sv.insured else 2, f"{vk}.insured"),
                        (13, SVC_CODE.get(sv.kind, "") if sv.insured else "", None), (14, sv.kind, f"{vk}.kind"),
                        (15, sv.provider, f"{vk}.provider"), (16, sv.freq, f"{vk}.freq"),
                        (17, _date(sv.start, ds), f"{vk}.period"), (18, _date(sv.end, ds), f"{vk}.period"),
                    ]
                    for col, v, key in cells:
                        b.put(s, row, col, v, key=key, style=C)
                    row += 1
    for c, w in zip(range(1, 19), (6, 40, 6, 30, 11, 11, 30, 11, 11, 6, 36, 6, 6, 14, 24, 12, 11, 11)):
        b.width(s, c, w)


def _week(b: Book, p: Plan) -> None:
    s = "週間計画"
    b.put(s, 1, 1, "時刻", style=H)
    for c, day in enumerate(WEEKDAYS, start=2):
        b.put(s, 1, c, day, style=H)
    b.put(s, 1, 9, "主な日常生活上の活動", style=H)
    slots = [f"{h}:{mm:02d}" for h in range(24) for mm in (0, 30)]
    for i, t in enumerate(slots):
        b.put(s, 2 + i, 1, t, style=C)
        act = p.activities.get(f"{int(t.split(':')[0]):02d}:{t.split(':')[1]}")
        if act:
            b.put(s, 2 + i, 9, act, style=C)
    seen = set()
    for sv in p.weekly_services():
        if sv.group in seen:
            continue
        seen.add(sv.group)
        h, mm = map(int, sv.time.split(":"))
        first = h * 2 + (mm >= 30)
        for day in sv.days:
            for slot in range(first, min(first + 4 * sv.rows, len(slots))):
                b.put(s, 2 + slot, 2 + WEEKDAYS.index(day), sv.weekly_label, style=C)
    row = 3 + len(slots)
    b.put(s, row, 1, "週単位以外のサービス", style=H)
    b.put(s, row, 2, p.non_weekly, style=C)
    b.width(s, 9, 20)


def _meeting(b: Book, p: Plan, ds: str) -> None:
    m = p.meeting
    if m is None:
        return
    s = "担当者会議"
    for c, h in enumerate(["項目コード", "項目名", "設定値"], start=1):
        b.put(s, 1, c, h, style=H)
    items = [("E001", "開催日", p.raw.get("t4.held_on", _date(m.held_on, ds)), "t4.held_on"),
             ("E002", "開催時間", f"{m.start_time}～{m.end_time}" if m.held_on else "", None),
             ("E003", "開催場所", m.place, None), ("E004", "開催回数", 1, None),
             ("E005", "検討した項目", m.topics, "t4.topics"), ("E006", "検討内容", m.discussion, "t4.discussion"),
             ("E007", "結論", m.conclusion, "t4.conclusion"),
             ("E008", "残された課題（次回の開催時期）", m.remaining, "t4.remaining")]
    for i, (code, label, v, key) in enumerate(items, start=2):
        b.put(s, i, 1, code, style=C)
        b.put(s, i, 2, label, style=C)
        b.put(s, i, 3, v, key=key, style=Style(border=True, wrap=True))
    row = 3 + len(items)
    b.put(s, row, 1, "会議出席者", key="t4.attendees", style=H)
    for c, h in enumerate(["所属", "職種", "氏名"], start=2):
        b.put(s, row + 1, c, h, key="t4.attendees", style=H)
    for i, (role, name) in enumerate(m.attendees):
        org, _, job = role.partition("（")
        b.put(s, row + 2 + i, 2, org, style=C)
        b.put(s, row + 2 + i, 3, job.rstrip("）"), style=C)
        b.put(s, row + 2 + i, 4, name, style=C)
        if i < 2:
            b.place("t4.attendees", s, f"B{row + 2 + i}")
    for c, w in zip(range(1, 5), (10, 30, 60, 14)):
        b.width(s, c, w)


def _assessment(b: Book, p: Plan, ds: str) -> None:
    s = "課題分析"
    b.put(s, 1, 1, "課題分析実施日", style=H)
    b.put(s, 1, 2, p.raw.get("as.assessed_on", _date(p.assessed_on, ds)), key="as.assessed_on", style=C)
    b.put(s, 1, 3, "課題分析手法", style=H)
    b.put(s, 1, 4, "居宅サービス計画ガイドライン方式", style=C)
    for c, h in enumerate(["項目番号", "課題分析標準項目名", "状況", "課題有無", "関連課題NO"], start=1):
        b.put(s, 3, c, h, style=H)
    row = 4
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, n, style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, key=f"as.i{n}.status", style=C)
        b.put(s, row, 4, 1 if it.issue else 0, style=C)
        b.put(s, row, 5, ",".join(str(x) for x in it.needs), key=f"as.i{n}.refs", style=C)
        row += 1
    for c, w in zip(range(1, 6), (8, 36, 50, 8, 10)):
        b.width(s, c, w)


def _monitoring(b: Book, p: Plan, ds: str) -> None:
    s = "モニタリング"
    b.place("mon.sheet", s, "A1")
    for c, h in enumerate(["予定日", "実施日", "実施区分", "実施場所", "モニタリング内容"], start=1):
        b.put(s, 1, c, h, style=H)
    for i, v in enumerate(p.visits):
        row = 2 + i
        b.put(s, row, 1, _date(v.planned, ds), style=C)
        b.put(s, row, 2, _date(v.done, ds), key=f"mon.r{i}.done_on", style=C)
        phone = "電話" in v.method
        b.put(s, row, 3, "" if not v.done else ("2:電話" if phone else "1:訪問"), style=C)
        b.put(s, row, 4, "" if not v.done or phone else "居宅", style=C)
        b.put(s, row, 5, v.note, key=f"mon.r{i}.note", style=C)
    for c, w in zip(range(1, 6), (11, 11, 10, 10, 60)):
        b.width(s, c, w)
