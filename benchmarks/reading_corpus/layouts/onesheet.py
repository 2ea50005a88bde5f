"""A small office's one-sheet plan: 第1表 and 第2表 on the same sheet 「ケアプラン」 — the 第1表 fields as
label | value pairs two to a row, then a 【第2表】 title row and the 第2表 table below it (one header row,
needs written once, 期間 as 「R8.4.15～R8.10.14」). 週間予定, 会議録, アセスメント and 訪問記録 (訪問日 | 訪問先 自宅 |
内容) on their own sheets; dates as date cells formatted 和暦 (gannen) or 西暦 yyyy/m/d.
"""

from __future__ import annotations

import random

from .. import text as T
from ..book import WAREKI_FORMATS, Book, Style, XDate, a1
from ..plan import ITEMS, WEEKDAYS, Plan
from . import raw_or

NAME = "onesheet"
PLANNED_DATES = False  # the visit record has no 予定日 column
C = Style(border=True, wrap=True)
H = Style(border=True, bold=True)


def dc(p: Plan, key: str, d, fmt: str):
    raw = p.raw.get(key)
    if raw is not None:
        return raw
    return XDate(d, fmt) if d else None


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    fmt = r.choice([WAREKI_FORMATS[0], "yyyy/m/d"])
    s = "ケアプラン"
    b.put(s, 1, 1, "居宅サービス計画書", style=Style(bold=True, size=16), merge=(1, 8))
    reasons = {1: "一人暮らし", 2: "家族等が障害、疾病等", 3: f"その他（{p.living_other}）"}
    per = p.raw.get("t1.cert_period") or (T.period(p.cert_start, p.cert_end, "short") if p.cert_start or p.cert_end else "")
    pairs = [
        ("作成日", dc(p, "t1.created_on", p.created_on, fmt), "t1.created_on"),
        ("区分", p.plan_kind, "t1.plan_kind"),
        ("利用者氏名", raw_or(p, "t1.user_name", p.user_name), "t1.user_name"),
        ("生年月日", XDate(p.birth, fmt), "t1.birth_date"),
        ("住所", p.address, "t1.address"),
        ("担当ケアマネジャー", p.care_manager, "t1.care_manager"),
        ("事業所名", p.office, "t1.office"),
        ("初回作成日", dc(p, "t1.first_created_on", p.first_created_on, fmt), "t1.first_created_on"),
        ("認定状況", p.cert_status or "", "t1.certification_status"),
        ("認定日", dc(p, "t1.certified_on", p.certified_on, fmt), "t1.certified_on"),
        ("認定期間", per, "t1.cert_period"),
        ("介護度", p.care_level or "", "t1.care_level"),
        ("同意日", dc(p, "t1.consent_on", p.consent_on, fmt), "t1.consent_on"),
        ("交付日", dc(p, "t1.delivered_on", p.delivered_on, fmt), "t1.delivered_on"),
    ]
    row = 3
    for n, (label, v, key) in enumerate(pairs):
        col = 1 if n % 2 == 0 else 5
        b.put(s, row, col, label, style=H)
        ref = b.put(s, row, col + 1, v, style=C, merge=(row, col + 2))
        b.place(key, s, ref)
        if n % 2 == 1:
            row += 1
    row += 1
    for label, key, v in [("本人・家族の意向", "t1.user_intent", p.user_intent),
                          ("審査会の意見", "t1.committee_opinion", p.committee_opinion),
                          ("援助の方針", "t1.overall_policy", p.overall_policy),
                          ("生活援助中心型の算定理由", "t1.living_support_reason", reasons.get(p.living_reason or 0, ""))]:
        b.put(s, row, 1, label, style=H)
        ref = b.put(s, row, 2, v, style=C, merge=(row, 8))
        b.place(key, s, ref)
        row += 1
    row += 1
    b.put(s, row, 1, "【第2表】", style=Style(bold=True, size=13))
    row += 1
    heads = ["ニーズ", "長期目標", "期間", "短期目標", "期間", "サービス内容", "※1", "種別", "事業所", "頻度", "期間"]
    for c, h in enumerate(heads, start=1):
        b.put(s, row, c, h, style=H)
    row += 1

    def pt(key, a, z):
        return p.raw.get(key) or T.period(a, z, "short")

    for i, n in enumerate(p.needs):
        for j, lg in enumerate(n.longs):
            for k, sg in enumerate(lg.shorts):
                base = f"t2.n{i}.l{j}.s{k}"
                for m, sv in enumerate(sg.services):
                    key = f"{base}.v{m}"
                    first = [(j == 0 and k == 0 and m == 0, 1, n.text, f"t2.n{i}.text"),
                             (k == 0 and m == 0, 2, lg.text, f"t2.n{i}.l{j}.text"),
                             (k == 0 and m == 0, 3, pt(f"t2.n{i}.l{j}.period", lg.start, lg.end), f"t2.n{i}.l{j}.period"),
                             (m == 0, 4, sg.text, f"{base}.text"),
                             (m == 0, 5, pt(f"{base}.period", sg.start, sg.end), f"{base}.period")]
                    for on, c, v, kk in first:
                        if on:
                            b.put(s, row, c, v, style=C)
                            b.place(kk, s, a1(row, c))
                    for c, (v, kk) in enumerate([(sv.content, "content"), ("○" if sv.insured else "", "insured"),
                                                 (sv.kind, "kind"), (sv.provider, "provider"), (sv.freq, "freq"),
                                                 (pt(f"{key}.period", sv.start, sv.end), "period")], start=6):
                        b.put(s, row, c, v, style=C)
                        b.place(f"{key}.{kk}", s, a1(row, c))
                    row += 1

    s = "週間予定"
    b.put(s, 1, 1, "", style=H)
    for c, d in enumerate(WEEKDAYS, start=2):
        b.put(s, 1, c, d, style=H)
    hours = list(range(8, 20))
    for i, h in enumerate(hours):
        b.put(s, 2 + i, 1, f"{h}:00", style=C)
    seen = set()
    for sv in p.weekly_services():
        if sv.group in seen:
            continue
        seen.add(sv.group)
        h = int(sv.time.split(":")[0])
        for d in sv.days:
            b.put(s, 2 + hours.index(h), 2 + WEEKDAYS.index(d), sv.weekly_label, style=C)

    m = p.meeting
    if m is not None:
        s = "会議録"
        b.put(s, 1, 1, "サービス担当者会議録", style=Style(bold=True, size=14), merge=(1, 4))
        rows = [("開催日", dc(p, "t4.held_on", m.held_on, fmt), "t4.held_on"), ("場所", m.place, "t4.place"),
                ("出席者", "、".join(f"{role} {n}" for role, n in m.attendees), "t4.attendees"),
                ("検討した項目", m.topics, "t4.topics"), ("検討内容", m.discussion, "t4.discussion"),
                ("結論", m.conclusion, "t4.conclusion"), ("残された課題", m.remaining, "t4.remaining")]
        for i, (label, v, key) in enumerate(rows, start=3):
            b.put(s, i, 1, label, style=H)
            ref = b.put(s, i, 2, v, style=C, merge=(i, 6))
            b.place(key, s, ref)

    s = "アセスメント"
    b.put(s, 1, 1, "実施日", style=H)
    ref = b.put(s, 1, 2, dc(p, "as.assessed_on", p.assessed_on, fmt), style=C)
    b.place("as.assessed_on", s, ref)
    for c, h in enumerate(["No.", "項目", "状況", "課題", "関連ニーズ番号"], start=1):
        b.put(s, 3, c, h, style=H)
    row = 4
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        for c, (v, kk) in enumerate([(n, None), (ITEMS[n - 1], None), (it.status, "status"), ("○" if it.issue else "", None),
                                     (",".join(str(x) for x in it.needs), "refs")], start=1):
            b.put(s, row, c, v, style=C)
            if kk:
                b.place(f"as.i{n}.{kk}", s, a1(row, c))
        row += 1

    s = "訪問記録"
    b.place("mon.sheet", s, "A1")
    for c, h in enumerate(["訪問日", "訪問先", "内容"], start=1):
        b.put(s, 1, c, h, style=H)
    row = 2
    for i, v in enumerate(p.visits):
        if v.done is None and i == len(p.visits) - 1:
            continue
        b.put(s, row, 1, XDate(v.done, fmt) if v.done else None, style=C)
        b.place(f"mon.r{i}.done_on", s, f"A{row}")
        b.put(s, row, 2, "" if not v.done else ("電話" if "電話" in v.method else "自宅"), style=C)
        b.put(s, row, 3, v.note, style=C)
        b.place(f"mon.r{i}.note", s, f"C{row}")
        row += 1
    return b
