"""A hand-made office form: title rows, values below their labels, columns shifted right, some labels and
values in one cell (「利用者名：佐々木 トメ 様」), ■□ or レ marks, 和暦 text in short form (R8.4.10).

第2表 with one header row and the need written once with blank cells below (no merges); a 週間計画 with
月曜〜日曜 and 9時-style times; 担当者会議録 with 開催日時 holding weekday and time range; アセスメントシート
without a number column, 課題 marked ○; 経過記録 (支援経過) where home visits sit between phone calls.
"""

from __future__ import annotations

import random

from .. import text as T
from ..plan import ITEMS, WEEKDAYS, Plan
from ..book import Book, Style
from . import raw_or

PLANNED_DATES = False  # the monitoring sheet has no 予定日 column
NAME = "handmade"
B = Style(bold=True)
C = Style(border=True, wrap=True)


def dtext(p: Plan, key: str, d, style: str) -> str:
    raw = p.raw.get(key)
    if raw is not None:
        return raw
    return T.wareki(d, style) if d else ""


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    ds = r.choice(["short", "long", "zen"])
    x = r.choice([2, 3])  # first column used
    names = r.choice([("計画書１", "計画書２", "週間計画", "担当者会議録", "アセスメントシート", "経過記録"),
                      ("1表", "2表", "3表", "4表", "アセスメントシート", "経過記録"),
                      ("ケアプラン(1)", "ケアプラン(2)", "週間計画", "担当者会議", "課題分析", "支援経過")])
    s = names[0]
    b.put(s, 1, x, "居宅サービス計画書（１）", style=Style(bold=True, size=16), merge=(1, x + 7))
    b.put(s, 2, x + 5, p.office.split("　")[0], merge=(2, x + 7))
    kind = T.printed_choice(["初回", "紹介", "継続"], ["初回", "紹介", "継続"].index(p.plan_kind), "box", sep=" ")
    status = T.printed_choice(["認定済", "申請中"], 0 if p.cert_status == "認定済" else None, "box", sep=" ")
    b.put(s, 3, x, kind, key="t1.plan_kind", merge=(3, x + 1))
    b.put(s, 3, x + 2, status, key="t1.certification_status", merge=(3, x + 3))
    b.put(s, 3, x + 5, "作成日", style=B)
    b.put(s, 3, x + 6, dtext(p, "t1.created_on", p.created_on, ds), key="t1.created_on")
    b.place("t1.created_on", s, T_ref(3, x + 6))
    # label row, value row under it
    row = 5
    pairs = [("利用者名", f"{raw_or(p, 't1.user_name', p.user_name)} 様", "t1.user_name"),
             ("生年月日", T.showa(p.birth), "t1.birth_date"),
             ("住所", p.address, "t1.address")]
    for i, (label, v, key) in enumerate(pairs):
        col = x + [0, 2, 4][i]
        b.put(s, row, col, label, style=C, merge=(row, col + 1) if i < 2 else (row, col + 3))
        b.put(s, row + 1, col, v, key=key, style=C, merge=(row + 1, col + 1) if i < 2 else (row + 1, col + 3))
    row = 8
    pairs = [("計画作成者氏名", p.care_manager, "t1.care_manager"),
             ("事業所名", p.office, "t1.office"),
             ("初回作成日", dtext(p, "t1.first_created_on", p.first_created_on, ds), "t1.first_created_on"),
             ("認定日", dtext(p, "t1.certified_on", p.certified_on, ds), "t1.certified_on")]
    for i, (label, v, key) in enumerate(pairs):
        col = x + 2 * i
        b.put(s, row, col, label, style=C, merge=(row, col + 1))
        ref = b.put(s, row + 1, col, v, key=key, style=C, merge=(row + 1, col + 1))
        b.place(key, s, ref)
    row = 11
    period = p.raw.get("t1.cert_period") or (f"{T.wareki(p.cert_start, ds)}～{T.wareki(p.cert_end, ds)}" if p.cert_start or p.cert_end else "")
    level = f"要介護度：{p.care_level}" if p.care_level else "要介護度："
    b.put(s, row, x, f"認定有効期間：{period}", key="t1.cert_period", merge=(row, x + 3))
    b.put(s, row, x + 4, level, key="t1.care_level", merge=(row, x + 5))
    row = 13
    for label, key, v in [("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "t1.user_intent", p.user_intent),
                          ("介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion),
                          ("総合的な援助の方針", "t1.overall_policy", p.overall_policy)]:
        b.put(s, row, x, label, style=B, merge=(row, x + 7))
        ref = b.put(s, row + 1, x, v, key=key, style=C, merge=(row + 1, x + 7))
        b.place(key, s, ref)
        row += 2
    mark = r.choice(["check", "box"])
    lr = p.living_reason - 1 if p.living_reason else None
    b.put(s, row, x, "生活援助中心型の算定理由", style=B, merge=(row, x + 2))
    ref = b.put(s, row, x + 3, T.printed_choice(T.reason_options(p.living_other, p.living_reason), lr, mark, sep=" "),
                key="t1.living_support_reason", merge=(row, x + 7))
    row += 2
    b.put(s, row, x, "上記の計画について説明を受け、同意しました。", merge=(row, x + 7))
    b.put(s, row + 1, x, "同意日", style=C)
    b.put(s, row + 1, x + 1, "交付日", style=C)
    b.put(s, row + 1, x + 2, "署名", style=C, merge=(row + 1, x + 4))
    b.put(s, row + 2, x, dtext(p, "t1.consent_on", p.consent_on, ds), key="t1.consent_on", style=C)
    b.place("t1.consent_on", s, T_ref(row + 2, x))
    b.put(s, row + 2, x + 1, dtext(p, "t1.delivered_on", p.delivered_on, ds), key="t1.delivered_on", style=C)
    b.place("t1.delivered_on", s, T_ref(row + 2, x + 1))
    b.put(s, row + 2, x + 2, "", style=C, merge=(row + 2, x + 4))
    for c in range(x, x + 8):
        b.width(s, c, 14)

    _table2(b, p, r, names[1], ds)
    _weekly(b, p, r, names[2])
    _meeting(b, p, r, names[3], ds)
    _assessment(b, p, r, names[4], ds)
    _records(b, p, r, names[5], ds)
    return b


def T_ref(row: int, col: int) -> str:
    from ..book import a1
    return a1(row, col)


def _table2(b: Book, p: Plan, r: random.Random, s: str, ds: str) -> None:
    b.put(s, 1, 1, "居宅サービス計画書（２）", style=Style(bold=True, size=16), merge=(1, 6))
    b.put(s, 2, 1, f"利用者名：{p.user_name} 様", merge=(2, 3))
    heads = ["生活全般の解決すべき課題（ニーズ）", "長期目標", "期間", "短期目標", "期間", "サービス内容", "※1",
             "サービス種別", "※2 事業所名", "頻度", "期間"]
    for c, h in enumerate(heads, start=1):
        b.put(s, 4, c, h, style=Style(bold=True, border=True, wrap=True))
    row = 5

    def per(key, a, z):
        return p.raw.get(key) or T.period(a, z, ds, sep=r.choice(["～", "〜", "-"]) if ds == "short" else "～")

    for i, n in enumerate(p.needs):
        first_need = True
        for j, lg in enumerate(n.longs):
            first_long = True
            for k, sg in enumerate(lg.shorts):
                first_short = True
                base = f"t2.n{i}.l{j}.s{k}"
                for m, sv in enumerate(sg.services):
                    key = f"{base}.v{m}"
                    if first_need:
                        b.put(s, row, 1, n.text, key=f"t2.n{i}.text", style=C)
                        b.place(f"t2.n{i}.text", s, f"A{row}")
                    if first_long:
                        b.put(s, row, 2, lg.text, key=f"t2.n{i}.l{j}.text", style=C)
                        b.place(f"t2.n{i}.l{j}.text", s, f"B{row}")
                        b.put(s, row, 3, per(f"t2.n{i}.l{j}.period", lg.start, lg.end), style=C)
                        b.place(f"t2.n{i}.l{j}.period", s, f"C{row}")
                    if first_short:
                        b.put(s, row, 4, sg.text, style=C)
                        b.place(f"{base}.text", s, f"D{row}")
                        b.put(s, row, 5, per(f"{base}.period", sg.start, sg.end), style=C)
                        b.place(f"{base}.period", s, f"E{row}")
                    first_need = first_long = first_short = False
                    for c, (v, kk) in enumerate([(sv.content, "content"), ("○" if sv.insured else "", "insured"),
                                                 (sv.kind, "kind"), (sv.provider, "provider"), (sv.freq, "freq"),
                                                 (per(f"{key}.period", sv.start, sv.end), "period")], start=6):
                        b.put(s, row, c, v, style=C)
                        b.place(f"{key}.{kk}", s, T_ref(row, c))
                    row += 1
    for c, w in enumerate([28, 24, 12, 24, 12, 26, 4, 12, 18, 9, 12], start=1):
        b.width(s, c, w)


def _weekly(b: Book, p: Plan, r: random.Random, s: str) -> None:
    b.put(s, 1, 1, "週間サービス計画表", style=Style(bold=True, size=16), merge=(1, 5))
    b.put(s, 3, 1, "時間", style=C)
    for c, d in enumerate(WEEKDAYS, start=2):
        b.put(s, 3, c, f"{d}曜", style=C)
    b.put(s, 3, 9, "主な日常生活上の活動", style=C)
    hours = list(range(6, 24, 2))
    seen = set()
    cells = {}
    for sv in p.weekly_services():
        if sv.group not in seen:
            seen.add(sv.group)
            h = int(sv.time.split(":")[0])
            for d in sv.days:
                cells[(h - h % 2, d)] = (sv.weekly_label, sv.rows)
    for i, h in enumerate(hours):
        b.put(s, 4 + i, 1, f"{h}時", style=C)
        act = p.activities.get(f"{h:02d}:00")
        if act:
            b.put(s, 4 + i, 9, act, style=C)
    for (h, d), (label, nrows) in cells.items():
        row = 4 + hours.index(h)
        col = 2 + WEEKDAYS.index(d)
        last = min(row + nrows - 1, 4 + len(hours) - 1)
        b.put(s, row, col, label, style=C, merge=(last, col) if last > row else None)
    b.put(s, 5 + len(hours), 1, "週単位以外のサービス")
    b.put(s, 5 + len(hours), 3, p.non_weekly, merge=(5 + len(hours), 9))


def _meeting(b: Book, p: Plan, r: random.Random, s: str, ds: str) -> None:
    m = p.meeting
    if m is None:
        return
    b.put(s, 1, 1, "サービス担当者会議の要点", style=Style(bold=True, size=16), merge=(1, 5))
    b.put(s, 2, 1, f"利用者名：{p.user_name} 様", merge=(2, 3))
    held = p.raw.get("t4.held_on")
    if held is None:
        held = f"{T.with_weekday(m.held_on, ds)}　{m.start_time}～{m.end_time}" if m.held_on else ""
    b.put(s, 3, 1, "開催日時", style=C)
    b.put(s, 3, 2, held, key="t4.held_on", style=C, merge=(3, 3))
    b.place("t4.held_on", s, "B3")
    b.put(s, 3, 4, "開催場所", style=C)
    b.put(s, 3, 5, m.place, style=C)
    b.put(s, 4, 1, "会議出席者", style=C)
    b.put(s, 4, 2, "、".join(f"{n}（{role}）" for role, n in m.attendees), style=C, merge=(4, 6))
    b.place("t4.attendees", s, "B4")
    b.place("t4.discussion", s, "B6")
    for row, (label, v) in enumerate([("検討した項目", m.topics), ("検討内容", m.discussion), ("結論", m.conclusion),
                                      ("残された課題（次回の開催時期）", m.remaining)], start=5):
        b.put(s, row, 1, label, style=C)
        b.put(s, row, 2, v, style=C, merge=(row, 6))


def _assessment(b: Book, p: Plan, r: random.Random, s: str, ds: str) -> None:
    b.put(s, 1, 1, "アセスメントシート（課題分析標準項目）", style=Style(bold=True, size=14), merge=(1, 4))
    b.put(s, 2, 1, f"実施日：{dtext(p, 'as.assessed_on', p.assessed_on, ds)}", key="as.assessed_on", merge=(2, 2))
    b.put(s, 2, 3, f"利用者名：{p.user_name} 様")
    for c, h in enumerate(["課題分析標準項目", "状況", "課題", "関連するニーズ№"], start=1):
        b.put(s, 4, c, h, style=C)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, ITEMS[n - 1], style=C)
        b.put(s, row, 2, it.status, style=C)
        b.place(f"as.i{n}.status", s, f"B{row}")
        b.put(s, row, 3, "○" if it.issue else "", style=C)
        b.put(s, row, 4, "・".join(str(x) for x in it.needs), style=C)
        b.place(f"as.i{n}.refs", s, f"D{row}")
        row += 1


def _records(b: Book, p: Plan, r: random.Random, s: str, ds: str) -> None:
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "居宅介護支援経過", style=Style(bold=True, size=14), merge=(1, 3))
    b.put(s, 2, 1, f"利用者名：{p.user_name} 様")
    for c, h in enumerate(["訪問日", "方法", "内容"], start=1):
        b.put(s, 3, c, h, style=C)
    row = 4
    if s == "支援経過":  # the office keeps one journal: the 第5表 entries sit between the visits
        for d, item, text in sorted(p.journal):
            b.put(s, row, 1, dtext(p, "", d, ds), style=C)
            b.put(s, row, 2, "", style=C)
            b.put(s, row, 3, f"【{item}】{text}", style=C)
            row += 1
    for i, v in enumerate(p.visits):
        if v.done is None and v.planned is not None and i == len(p.visits) - 1:
            continue  # an office journal holds what happened, not plans
        if r.random() < 0.3 and v.done is not None:
            b.put(s, row, 1, dtext(p, "", v.done.replace(day=max(1, v.done.day - 1)), ds), style=C)
            b.put(s, row, 2, "電話", style=C)
            b.put(s, row, 3, "通所介護事業所より利用状況の報告を受ける。", style=C)
            row += 1
        b.put(s, row, 1, dtext(p, "", v.done, ds) if v.done else "", style=C)
        b.place(f"mon.r{i}.done_on", s, f"A{row}")
        method = {"居宅訪問": "居宅", "自宅訪問": "自宅", "訪問": "訪問"}.get(v.method, v.method)
        b.put(s, row, 2, method, style=C)
        b.put(s, row, 3, v.note or ("" if v.done else "（予定）"), style=C)
        b.place(f"mon.r{i}.note", s, f"C{row}")
        row += 1
