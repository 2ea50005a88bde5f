"""A care-software Excel export: one sheet per form, header/value rows, ISO-ish 西暦 dates, codes.

計画書1: a title row with the export date, then pairs of rows — a row of field names and the row of values
under it (利用者氏名 / 生年月日 / 要介護度 …), the 認定有効期間 as two columns (開始・終了), choices as
code + name (「2:紹介」). 計画書2: one flat row per service with the need and goals repeated on every row and
each period split in 開始日/終了日 columns. 週間計画: hour rows × 月〜日 columns. 担当者会議: header/value rows
with 開催日時 「2026-04-12(日) 14:00-14:30」. アセスメント and モニタリング exports as flat tables.
"""

from __future__ import annotations

import random

from .. import text as T
from ..book import Book, Style, XDate
from ..plan import ITEMS, WEEKDAYS, Plan
from . import raw_or

NAME = "software"
H = Style(bold=True, border=True)
C = Style(border=True)


def dcell(p: Plan, key: str, d, style: str):
    raw = p.raw.get(key)
    if raw is not None:
        return raw
    if d is None:
        return ""
    if style == "xdate":
        return XDate(d, "yyyy-mm-dd")
    return T.wareki(d, style)


def header_value(b: Book, s: str, row: int, items: list[tuple[str, object, str | None]], col0: int = 1) -> int:
    """A row of field names and the row of values under it. Returns the next free row."""
    for c, (label, value, key) in enumerate(items, start=col0):
        b.put(s, row, c, label, style=H)
        ref = b.put(s, row + 1, c, value, key=key, style=C)
        if key:
            b.place(key, s, ref)
    return row + 3


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    ds = r.choice(["iso", "slash", "xdate"])
    names = r.choice([("計画書1", "計画書2", "週間計画", "担当者会議", "アセスメント", "モニタリング", "支援経過"),
                      ("ケアプラン第1表", "ケアプラン第2表", "ケアプラン第3表", "ケアプラン第4表", "課題分析", "モニタリング記録", "第5表")])
    s = names[0]
    b.put(s, 1, 1, f"居宅サービス計画書(1)　出力日：{T.wareki(p.created_on, 'iso') if p.created_on else ''}　ケアプランシステム Ver.5.2")
    kinds = ["初回", "紹介", "継続"]
    row = 3
    row = header_value(b, s, row, [
        ("利用者番号", f"{r.randint(10000, 99999)}", None),
        ("利用者氏名", raw_or(p, "t1.user_name", p.user_name), "t1.user_name"),
        ("フリガナ", p.kana, None),
        ("性別", p.sex, None),
        ("生年月日", dcell(p, "t1.birth_date", p.birth, ds), "t1.birth_date"),
        ("住所", p.address, "t1.address"),
    ])
    row = header_value(b, s, row, [
        ("計画区分", f"{kinds.index(p.plan_kind) + 1}:{p.plan_kind}", "t1.plan_kind"),
        ("認定状況", f"{1 if p.cert_status == '認定済' else 2}:{p.cert_status}" if p.cert_status else "", "t1.certification_status"),
        ("要介護度", p.care_level or "", "t1.care_level"),
        ("認定日", dcell(p, "t1.certified_on", p.certified_on, ds), "t1.certified_on"),
        ("認定有効期間（開始）", dcell(p, "t1.cert_period", p.cert_start, ds), "t1.cert_period"),
        ("認定有効期間（終了）", dcell(p, "t1.cert_period.end", p.cert_end, ds), "t1.cert_period"),
    ])
    row = header_value(b, s, row, [
        ("計画作成日", dcell(p, "t1.created_on", p.created_on, ds), "t1.created_on"),
        ("初回計画作成日", dcell(p, "t1.first_created_on", p.first_created_on, ds), "t1.first_created_on"),
        ("計画作成者氏名", p.care_manager, "t1.care_manager"),
        ("事業所名", p.office, "t1.office"),
        ("説明同意日", dcell(p, "t1.consent_on", p.consent_on, ds), "t1.consent_on"),
        ("交付日", dcell(p, "t1.delivered_on", p.delivered_on, ds), "t1.delivered_on"),
    ])
    reasons = {1: "1:一人暮らし", 2: "2:家族等が障害、疾病等", 3: f"3:その他（{p.living_other}）"}
    for label, key, v in [
        ("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "t1.user_intent", p.user_intent),
        ("介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion),
        ("総合的な援助の方針", "t1.overall_policy", p.overall_policy),
        ("生活援助中心型の算定理由", "t1.living_support_reason", reasons.get(p.living_reason or 0, "")),
    ]:
        b.put(s, row, 1, label, style=H)
        ref = b.put(s, row + 1, 1, v, key=key, style=Style(wrap=True, border=True), merge=(row + 1, 6))
        b.place(key, s, ref)
        row += 2
    for c in range(1, 7):
        b.width(s, c, 18)

    s = names[1]
    heads = ["No", "課題番号", "生活全般の解決すべき課題", "長期目標", "長期目標期間開始", "長期目標期間終了", "短期目標",
             "短期目標期間開始", "短期目標期間終了", "サービス内容", "保険給付対象", "サービス種別", "事業所名", "頻度",
             "期間開始", "期間終了"]
    for c, h in enumerate(heads, start=1):
        b.put(s, 1, c, h, style=H)
    row = 2
    no = 1
    for i, n in enumerate(p.needs):
        for j, lg in enumerate(n.longs):
            for k, sg in enumerate(lg.shorts):
                base = f"t2.n{i}.l{j}.s{k}"
                for m, sv in enumerate(sg.services):
                    key = f"{base}.v{m}"
                    vals = [
                        (no, None), (i + 1, None), (n.text, f"t2.n{i}.text"), (lg.text, f"t2.n{i}.l{j}.text"),
                        (dcell(p, f"t2.n{i}.l{j}.period", lg.start, ds), f"t2.n{i}.l{j}.period"),
                        (dcell(p, f"t2.n{i}.l{j}.period.end", lg.end, ds), f"t2.n{i}.l{j}.period"),
                        (sg.text, f"{base}.text"),
                        (dcell(p, f"{base}.period", sg.start, ds), f"{base}.period"),
                        (dcell(p, f"{base}.period.end", sg.end, ds), f"{base}.period"),
                        (sv.content, f"{key}.content"), ("対象" if sv.insured else "対象外", f"{key}.insured"),
                        (sv.kind, f"{key}.kind"), (sv.provider, f"{key}.provider"), (sv.freq, f"{key}.freq"),
                        (dcell(p, f"{key}.period", sv.start, ds), f"{key}.period"),
                        (dcell(p, f"{key}.period.end", sv.end, ds), f"{key}.period"),
                    ]
                    for c, (v, kk) in enumerate(vals, start=1):
                        ref = b.put(s, row, c, v, key=kk, style=C)
                        if kk:
                            b.place(kk, s, ref)
                    row += 1
                    no += 1

    s = names[2]
    b.put(s, 1, 1, "時間", style=H)
    for c, d in enumerate(WEEKDAYS, start=2):
        b.put(s, 1, c, d, style=H)
    b.put(s, 1, 9, "主な日常生活上の活動", style=H)
    grid = {}
    seen = set()
    for sv in p.weekly_services():
        if sv.group not in seen:
            seen.add(sv.group)
            h = int(sv.time.split(":")[0])
            for d in sv.days:
                for extra in range(sv.rows * 2 if sv.rows > 1 else 1):
                    grid[(h + extra, d)] = sv.weekly_label
    for h in range(6, 23):
        row = 2 + h - 6
        b.put(s, row, 1, f"{h:02d}:00", style=C)
        for c, d in enumerate(WEEKDAYS, start=2):
            v = grid.get((h, d))
            if v:
                b.put(s, row, c, v, style=C)
        act = p.activities.get(f"{h:02d}:00")
        if act:
            b.put(s, row, 9, act, style=C)
    b.put(s, 20, 1, "週単位以外のサービス", style=H)
    b.put(s, 20, 2, p.non_weekly, merge=(20, 8))

    m = p.meeting
    if m is not None:
        s = names[3]
        b.put(s, 1, 1, "サービス担当者会議の要点")
        held = p.raw.get("t4.held_on")
        if held is None:
            held = (f"{m.held_on.isoformat()}({T.WEEKDAY_JA[m.held_on.weekday()]}) {m.start_time}-{m.end_time}"
                    if m.held_on else "")
        row = header_value(b, s, 3, [
            ("開催日時", held, "t4.held_on"), ("開催場所", m.place, "t4.place"), ("開催回数", "1", None),
        ])
        b.put(s, row, 1, "会議出席者", style=H)
        b.put(s, row, 2, "所属（職種）", style=H)
        b.put(s, row, 3, "氏名", style=H)
        for r_ in range(row, row + 2):
            b.place("t4.attendees", s, f"B{r_}")
            b.place("t4.attendees", s, f"C{r_}")
        for idx, (role, name) in enumerate(m.attendees, start=1):
            b.put(s, row + idx, 2, role, style=C)
            b.put(s, row + idx, 3, name, style=C)
        row += len(m.attendees) + 2
        for label, key, v in [("検討した項目", "t4.topics", m.topics), ("検討内容", "t4.discussion", m.discussion),
                              ("結論", "t4.conclusion", m.conclusion), ("残された課題（次回の開催時期）", "t4.remaining", m.remaining)]:
            b.put(s, row, 1, label, style=H)
            b.put(s, row + 1, 1, v, key=key, merge=(row + 1, 6))
            row += 2

    s = names[4]
    b.put(s, 1, 1, "課題分析結果一覧")
    b.put(s, 2, 1, "実施日", style=H)
    b.put(s, 2, 2, dcell(p, "as.assessed_on", p.assessed_on, ds), key="as.assessed_on")
    for c, h in enumerate(["項目番号", "項目名", "状況", "課題有無", "ニーズ番号"], start=1):
        b.put(s, 4, c, h, style=H)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, n, style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, style=C)
        b.place(f"as.i{n}.status", s, f"C{row}")
        b.put(s, row, 4, "1:有" if it.issue else "0:無", style=C)
        b.put(s, row, 5, ",".join(str(x) for x in it.needs), style=C)
        b.place(f"as.i{n}.refs", s, f"E{row}")
        row += 1

    s = names[5]
    b.place("mon.sheet", s, "A1")
    for c, h in enumerate(r.choice([["予定日", "区分", "実施日時", "訪問先", "内容"], ["予定日", "種別", "実施日時", "場所", "内容"]]), start=1):
        b.put(s, 1, c, h, style=H)
    for i, v in enumerate(p.visits):
        row = 2 + i
        b.put(s, row, 1, dcell(p, "", v.planned, ds), style=C)
        b.put(s, row, 2, v.kind, style=C)
        done = f"{v.done.isoformat()} {r.choice(['10:00', '13:30', '15:00'])}" if v.done else ""
        b.put(s, row, 3, done, style=C)
        b.place(f"mon.r{i}.done_on", s, f"C{row}")
        method = {"居宅訪問": "自宅", "自宅訪問": "自宅", "訪問": "自宅"}.get(v.method, v.method)
        b.put(s, row, 4, method, style=C)
        b.put(s, row, 5, v.note, style=C)
        b.place(f"mon.r{i}.note", s, f"E{row}")

    s = names[6]
    for c, h in enumerate(["記録日", "項目", "内容"], start=1):
        b.put(s, 1, c, h, style=H)
    for i, (d, item, text) in enumerate(sorted(p.journal), start=2):
        b.put(s, i, 1, dcell(p, "", d, ds), style=C)
        b.put(s, i, 2, item, style=C)
        b.put(s, i, 3, text, style=C)
    return b
