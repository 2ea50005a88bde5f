"""A second care-software export, as lists: 第1表 and 第4表 as two columns 項目 | 内容 (one field per row),
第2表 as a flat list with the need and goals on the first row of their block only, the weekly plan as a list of
visits (曜日 | 開始 | 終了 | サービス種類 | 事業所) rather than a grid, 西暦 dates (2026年4月10日 text or date
cells formatted yyyy"年"m"月"d"日"), 要介護度 written 「要介護２」, 算定理由 as the chosen option's text.
"""

from __future__ import annotations

import random

from .. import text as T
from ..book import Book, Style, XDate, a1
from ..plan import ITEMS, Plan
from . import raw_or

NAME = "listexport"
H = Style(bold=True, border=True)
C = Style(border=True, wrap=True)
ZEN = str.maketrans("0123456789", "０１２３４５６７８９")


def dv(p: Plan, key: str, d, style: str):
    raw = p.raw.get(key)
    if raw is not None:
        return raw
    if d is None:
        return ""
    return XDate(d, 'yyyy"年"m"月"d"日"') if style == "xdate" else T.wareki(d, "kanji")


def kv(b: Book, s: str, row: int, label: str, value, key: str | None) -> int:
    b.put(s, row, 1, label, style=H)
    ref = b.put(s, row, 2, value, style=C)
    if key:
        b.place(key, s, ref)
    return row + 1


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    ds = r.choice(["xdate", "text"])
    s = "居宅サービス計画書1"
    b.put(s, 1, 1, "項目", style=H)
    b.put(s, 1, 2, "内容", style=H)
    reasons = {1: "一人暮らし", 2: "家族等が障害、疾病等", 3: f"その他（{p.living_other}）"}
    per = p.raw.get("t1.cert_period")
    if per is None:
        per = f"{T.wareki(p.cert_start, 'kanji')}～{T.wareki(p.cert_end, 'kanji')}" if p.cert_start or p.cert_end else ""
    rows = [
        ("計画作成日", dv(p, "t1.created_on", p.created_on, ds), "t1.created_on"),
        ("計画区分", p.plan_kind, "t1.plan_kind"),
        ("認定区分", p.cert_status or "", "t1.certification_status"),
        ("利用者氏名", raw_or(p, "t1.user_name", p.user_name), "t1.user_name"),
        ("生年月日", dv(p, "t1.birth_date", p.birth, ds), "t1.birth_date"),
        ("住所", p.address, "t1.address"),
        ("計画作成者氏名", p.care_manager, "t1.care_manager"),
        ("事業所名", p.office, "t1.office"),
        ("初回計画作成日", dv(p, "t1.first_created_on", p.first_created_on, ds), "t1.first_created_on"),
        ("認定日", dv(p, "t1.certified_on", p.certified_on, ds), "t1.certified_on"),
        ("認定有効期間", per, "t1.cert_period"),
        ("要介護度", (p.care_level or "").translate(ZEN), "t1.care_level"),
        ("利用者及び家族の生活に対する意向", p.user_intent, "t1.user_intent"),
        ("介護認定審査会の意見", p.committee_opinion, "t1.committee_opinion"),
        ("総合的な援助の方針", p.overall_policy, "t1.overall_policy"),
        ("生活援助中心型の算定理由", reasons.get(p.living_reason or 0, ""), "t1.living_support_reason"),
        ("説明・同意日", dv(p, "t1.consent_on", p.consent_on, ds), "t1.consent_on"),
        ("交付日", dv(p, "t1.delivered_on", p.delivered_on, ds), "t1.delivered_on"),
    ]
    row = 2
    for label, v, key in rows:
        row = kv(b, s, row, label, v, key)
    b.width(s, 1, 30)
    b.width(s, 2, 80)

    s = "居宅サービス計画書2"
    heads = ["ニーズ", "長期目標", "長期目標期間", "短期目標", "短期目標期間", "サービス内容", "保険給付", "サービス種別",
             "事業所", "頻度", "サービス期間"]
    for c, h in enumerate(heads, start=1):
        b.put(s, 1, c, h, style=H)
    row = 2

    def pt(key, a, z):
        return p.raw.get(key) or (f"{T.wareki(a, 'slash')}-{T.wareki(z, 'slash')}" if a or z else "")

    for i, n in enumerate(p.needs):
        for j, lg in enumerate(n.longs):
            for k, sg in enumerate(lg.shorts):
                base = f"t2.n{i}.l{j}.s{k}"
                for m, sv in enumerate(sg.services):
                    key = f"{base}.v{m}"
                    if j == 0 and k == 0 and m == 0:
                        b.put(s, row, 1, n.text, style=C)
                        b.place(f"t2.n{i}.text", s, f"A{row}")
                    if k == 0 and m == 0:
                        b.put(s, row, 2, lg.text, style=C)
                        b.place(f"t2.n{i}.l{j}.text", s, f"B{row}")
                        b.put(s, row, 3, pt(f"t2.n{i}.l{j}.period", lg.start, lg.end), style=C)
                        b.place(f"t2.n{i}.l{j}.period", s, f"C{row}")
                    if m == 0:
                        b.put(s, row, 4, sg.text, style=C)
                        b.place(f"{base}.text", s, f"D{row}")
                        b.put(s, row, 5, pt(f"{base}.period", sg.start, sg.end), style=C)
                        b.place(f"{base}.period", s, f"E{row}")
                    for c, (v, kk) in enumerate([(sv.content, "content"), ("○" if sv.insured else "×", "insured"),
                                                 (sv.kind, "kind"), (sv.provider, "provider"), (sv.freq, "freq"),
                                                 (pt(f"{key}.period", sv.start, sv.end), "period")], start=6):
                        b.put(s, row, c, v, style=C)
                        b.place(f"{key}.{kk}", s, a1(row, c))
                    row += 1

    s = "週間サービス計画"
    for c, h in enumerate(["曜日", "開始時刻", "終了時刻", "サービス種類", "事業所"], start=1):
        b.put(s, 1, c, h, style=H)
    row = 2
    seen = set()
    visits = []
    for sv in p.weekly_services():
        if sv.group not in seen:
            seen.add(sv.group)
            h = int(sv.time.split(":")[0])
            for d in sv.days:
                visits.append(("月火水木金土日".index(d), d, f"{h:02d}:00", f"{h + max(1, sv.rows * 2 - 1):02d}:00",
                               sv.weekly_label, sv.provider))
    for _, d, a, z, label, prov in sorted(visits):
        for c, v in enumerate([d, a, z, label, prov], start=1):
            b.put(s, row, c, v, style=C)
        row += 1
    b.put(s, row + 1, 1, "週単位以外のサービス", style=H)
    b.put(s, row + 1, 2, p.non_weekly, merge=(row + 1, 5))

    m = p.meeting
    if m is not None:
        s = "担当者会議録"
        row = kv(b, s, 1, "開催日", dv(p, "t4.held_on", m.held_on, ds), "t4.held_on")
        row = kv(b, s, row, "開催時間", f"{m.start_time}～{m.end_time}", None)
        row = kv(b, s, row, "開催場所", m.place, "t4.place")
        row = kv(b, s, row, "出席者", "、".join(f"{role} {n}" for role, n in m.attendees), "t4.attendees")
        row = kv(b, s, row, "検討項目", m.topics, "t4.topics")
        row = kv(b, s, row, "検討内容", m.discussion, "t4.discussion")
        row = kv(b, s, row, "結論", m.conclusion, "t4.conclusion")
        row = kv(b, s, row, "残された課題", m.remaining, "t4.remaining")

    s = "課題分析"
    row = kv(b, s, 1, "アセスメント日", dv(p, "as.assessed_on", p.assessed_on, ds), "as.assessed_on")
    for c, h in enumerate(["No", "項目", "状況", "課題", "関連ニーズ"], start=1):
        b.put(s, 3, c, h, style=H)
    row = 4
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, n, style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, style=C)
        b.place(f"as.i{n}.status", s, f"C{row}")
        b.put(s, row, 4, "あり" if it.issue else "なし", style=C)
        b.put(s, row, 5, " ".join(f"No.{x}" for x in it.needs), style=C)
        b.place(f"as.i{n}.refs", s, f"E{row}")
        row += 1

    s = r.choice(["モニタリング経過", "モニタリング記録", "モニタリング"])
    b.place("mon.sheet", s, "A1")
    for c, h in enumerate(["予定日", "実施日", "種別", "方法", "内容"], start=1):
        b.put(s, 1, c, h, style=H)
    for i, v in enumerate(p.visits):
        row = 2 + i
        b.put(s, row, 1, dv(p, "", v.planned, ds) if v.planned else "", style=C)
        b.put(s, row, 2, dv(p, "", v.done, ds) if v.done else "", style=C)
        b.place(f"mon.r{i}.done_on", s, f"B{row}")
        b.put(s, row, 3, v.kind, style=C)
        b.put(s, row, 4, v.method, style=C)
        b.put(s, row, 5, v.note, style=C)
        b.place(f"mon.r{i}.note", s, f"E{row}")
    return b
