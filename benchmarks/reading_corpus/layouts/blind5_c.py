"""Held out, written blind (round 5): an office's 「Excel方眼紙」 form — every column narrow (width 2.5) and each
label and value merged over many of them, the way offices re-create paper forms cell by cell.

- labels spaced out to fill their box the way 均等割り付け prints: 「利　用　者　名」「認　定　日」「住　　所」
  (full-width spaces) or 「利 用 者 名」 (half-width);
- choices as one narrow cell per mark before each option's merged word (〇 in the chosen one's cell);
- the consent written INSIDE the sentence cell: 「上記の居宅サービス計画について説明を受け、同意し、交付を受けました。
  　令和8年4月14日」 (the printed blank 「令和　　年　　月　　日」 when not signed), the 交付日 likewise in its own
  sentence cell 「交付日：令和8年4月14日」;
- 第2表 periods written to the MONTH only in half of the workbooks: 「R8.4～R8.10」 or 「令和8年4月～令和8年10月」
  (the day left out as many care managers write it), otherwise full dates;
- 第4表 as a 会議録: 開催日 with its weekday, 出席者 as ONE cell listing everyone separated by 「、」, and a 欠席者 line
  for the doctor consulted by letter;
- アセスメント with 課題 〇 and ニーズ番号 「1・2」;
- monitoring as one BLOCK of rows per month: a heading row 「【令和8年5月】」 then 予定日 / 実施日 / 方法 / 場所 / 内容
  rows of label | value.
Not part of ``layouts.NAMES``: run it with ``--layouts blind5_c``.
"""

from __future__ import annotations

import random

from .. import text as T
from ..book import Book, Style, a1
from ..plan import ITEMS, Plan
from . import put_week_grid

NAME = "blind5_c"
MODELS = "an Excel方眼紙 form: spaced labels, values merged over narrow columns, the consent date inside its sentence, month-only 第2表 periods, attendees in one cell, monitoring blocks a month (held out, written blind)"
PLANNED_DATES = True

C = Style(border=True, wrap=True)
H = Style(border=True, wrap=True, bold=True, center=True)
TITLE = Style(bold=True, size=14, center=True)
NCOLS = 40


def spaced(label: str, style: str) -> str:
    sep = "　" if style == "zen" else " "
    if len(label) <= 2:
        sep *= 2
    return sep.join(label)


def box(b: Book, s: str, row: int, c1: int, c2: int, v, key: str | None = None, style: Style = C, rows: int = 1):
    b.put(s, row, c1, v, key=key, style=style, merge=(row + rows - 1, c2))


def _date(d, ds: str) -> str:
    if d is None:
        return ""
    return T.wareki(d, "long") if ds == "long" else T.wareki(d, "short")


def _month_period(a, z, ds: str) -> str:
    if a is None and z is None:
        return ""
    if ds == "long":
        f = lambda d: f"令和{T.reiwa(d)}年{d.month}月" if d else ""
    else:
        f = lambda d: f"R{T.reiwa(d)}.{d.month}" if d else ""
    return f"{f(a)}～{f(z)}"


def form1(b: Book, p: Plan, ds: str, ls: str) -> None:
    s = "計画書１"
    for c in range(1, NCOLS + 1):
        b.width(s, c, 2.5)

    def d(key, v):
        raw = p.raw.get(key)
        return raw if raw is not None else _date(v, ds)

    box(b, s, 1, 1, 6, "第１表")
    box(b, s, 1, 9, 30, "居宅サービス計画書（１）", style=TITLE)
    box(b, s, 2, 25, 30, spaced("作成年月日", ls))
    box(b, s, 2, 31, 40, d("t1.created_on", p.created_on), key="t1.created_on")
    # choices: a narrow mark cell before each option
    col = 1
    for opts, chosen, key in ((["初回", "紹介", "継続"], p.plan_kind, "t1.plan_kind"),
                              (["認定済", "申請中"], p.cert_status, "t1.certification_status")):
        for o in opts:
            b.put(s, 3, col, "〇" if o == chosen else "", style=C)
            b.place(key, s, a1(3, col))
            box(b, s, 3, col + 1, col + 4, o)
            col += 5
        col += 2
    rows = [("利用者名", "t1.user_name", p.user_name, "生年月日", "t1.birth_date", T.showa(p.birth))]
    row = 4
    for l1, k1, v1, l2, k2, v2 in rows:
        box(b, s, row, 1, 6, spaced(l1, ls))
        box(b, s, row, 7, 18, v1, key=k1)
        box(b, s, row, 19, 19, "様", style=Style())
        box(b, s, row, 20, 25, spaced(l2, ls))
        box(b, s, row, 26, 40, v2, key=k2)
        row += 1
    for label, key, v in (("住所", "t1.address", p.address), ("居宅サービス計画作成者氏名", "t1.care_manager", p.care_manager),
                          ("居宅介護支援事業者・事業所名及び所在地", "t1.office", p.office)):
        box(b, s, row, 1, 12 if len(label) > 6 else 6, spaced(label, ls) if len(label) <= 6 else label)
        box(b, s, row, 13 if len(label) > 6 else 7, 40, v, key=key)
        row += 1
    box(b, s, row, 1, 12, "居宅サービス計画作成（変更）日")
    box(b, s, row, 13, 22, d("t1.created_on", p.created_on), key="t1.created_on")
    box(b, s, row, 23, 32, "初回居宅サービス計画作成日")
    box(b, s, row, 33, 40, d("t1.first_created_on", p.first_created_on), key="t1.first_created_on")
    row += 1
    box(b, s, row, 1, 6, spaced("認定日", ls))
    box(b, s, row, 7, 16, d("t1.certified_on", p.certified_on), key="t1.certified_on")
    box(b, s, row, 17, 24, "認定の有効期間")
    box(b, s, row, 25, 32, d("t1.cert_period", p.cert_start), key="t1.cert_period")
    box(b, s, row, 33, 33, "～", style=Style())
    ref = b.put(s, row, 34, _date(p.cert_end, ds), style=C, merge=(row, 40))
    b.place("t1.cert_period", s, ref)
    row += 1
    box(b, s, row, 1, 8, "要介護状態区分")
    col = 9
    for lv in T.LEVELS:
        b.put(s, row, col, "〇" if lv == p.care_level else "", style=C)
        b.place("t1.care_level", s, a1(row, col))
        box(b, s, row, col + 1, col + 5, lv)
        col += 6
    row += 1
    for label, key, v, h in [("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "t1.user_intent", p.user_intent, 3),
                             ("介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion, 2),
                             ("総合的な援助の方針", "t1.overall_policy", p.overall_policy, 3)]:
        box(b, s, row, 1, 8, label, rows=h)
        box(b, s, row, 9, 40, v, key=key, rows=h)
        row += h
    box(b, s, row, 1, 8, "生活援助中心型の算定理由")
    col = 9
    for i, o in enumerate(["一人暮らし", "家族等が障害、疾病等", "その他"], start=1):
        b.put(s, row, col, "〇" if p.living_reason == i else "", style=C)
        b.place("t1.living_support_reason", s, a1(row, col))
        w = 6 if i == 1 else (9 if i == 2 else 4)
        box(b, s, row, col + 1, col + w, f"{i}.{o}")
        col += w + 1
    box(b, s, row, col, 40, f"（{p.living_other}）" if p.living_reason == 3 else "（　　　　　）")
    row += 2
    consent = p.raw.get("t1.consent_on") or (_date(p.consent_on, "long") if p.consent_on else "令和　　年　　月　　日")
    box(b, s, row, 1, 40, f"上記の居宅サービス計画について説明を受け、同意し、交付を受けました。　{consent}",
        key="t1.consent_on", style=Style(wrap=True))
    row += 1
    box(b, s, row, 20, 24, spaced("氏名", ls))
    box(b, s, row, 25, 38, "")
    box(b, s, row, 39, 40, "印")
    row += 1
    delivered = _date(p.delivered_on, "long") if p.delivered_on else "令和　　年　　月　　日"
    box(b, s, row, 1, 20, f"交付日：{delivered}", key="t1.delivered_on", style=Style())


def form2(b: Book, p: Plan, ds: str, monthly: bool) -> None:
    s = "計画書２"
    for c in range(1, NCOLS + 1):
        b.width(s, c, 2.5)
    box(b, s, 1, 1, 4, "第２表")
    box(b, s, 1, 8, 30, "居宅サービス計画書（２）", style=TITLE)
    box(b, s, 2, 1, 6, spaced("利用者名", "zen"))
    box(b, s, 2, 7, 16, p.user_name + "　様")
    cols = {"need": (1, 6), "long": (7, 11), "long_period": (12, 15), "short": (16, 20), "short_period": (21, 24),
            "content": (25, 30), "insured": (31, 31), "kind": (32, 34), "provider": (35, 37), "freq": (38, 39),
            "period": (40, 43)}
    box(b, s, 3, 1, 6, "生活全般の解決すべき課題（ニーズ）", style=H, rows=2)
    box(b, s, 3, 7, 24, "目標", style=H)
    box(b, s, 3, 25, 43, "援助内容", style=H)
    for name, h in zip(("long", "long_period", "short", "short_period", "content", "insured", "kind", "provider",
                        "freq", "period"),
                       ("長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1", "サービス種別", "※2", "頻度", "期間")):
        c1, c2 = cols[name]
        box(b, s, 4, c1, c2, h, style=H)

    def per(key, a, z):
        raw = p.raw.get(key)
        if raw is not None:
            return raw
        return _month_period(a, z, ds) if monthly else T.period(a, z, "long" if ds == "long" else "short", sep="～\n")

    row = 5
    for i, n in enumerate(p.needs):
        n_top = row
        for j, lg in enumerate(n.longs):
            l_top = row
            for k, sg in enumerate(lg.shorts):
                s_top = row
                base = f"t2.n{i}.l{j}.s{k}"
                for m, sv in enumerate(sg.services):
                    key = f"{base}.v{m}"
                    for name, v in (("content", sv.content), ("insured", "〇" if sv.insured else ""), ("kind", sv.kind),
                                    ("provider", sv.provider), ("freq", sv.freq),
                                    ("period", per(f"{key}.period", sv.start, sv.end))):
                        c1, c2 = cols[name]
                        box(b, s, row, c1, c2, v, key=f"{key}.{name}")
                    row += 1
                for name, key, v in (("short", f"{base}.text", sg.text),
                                     ("short_period", f"{base}.period", per(f"{base}.period", sg.start, sg.end))):
                    c1, c2 = cols[name]
                    b.put(s, s_top, c1, v, key=key, style=C, merge=(row - 1, c2))
            for name, key, v in (("long", f"t2.n{i}.l{j}.text", lg.text),
                                 ("long_period", f"t2.n{i}.l{j}.period", per(f"t2.n{i}.l{j}.period", lg.start, lg.end))):
                c1, c2 = cols[name]
                b.put(s, l_top, c1, v, key=key, style=C, merge=(row - 1, c2))
        c1, c2 = cols["need"]
        b.put(s, n_top, c1, n.text, key=f"t2.n{i}.text", style=C, merge=(row - 1, c2))
    box(b, s, row + 1, 1, 43, "※1「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスについては〇印を付す。",
        style=Style())
    box(b, s, row + 2, 1, 43, "※2「当該サービス提供を行う事業所」について記入する。", style=Style())


def form3(b: Book, p: Plan) -> None:
    s = "週間計画"
    box(b, s, 1, 1, 9, "第３表　週間サービス計画表", style=TITLE)
    box(b, s, 2, 1, 1, spaced("利用者名", "zen"))
    box(b, s, 2, 2, 4, p.user_name + "　様")
    for c, day in enumerate(["月", "火", "水", "木", "金", "土", "日"], start=2):
        b.put(s, 3, c, day, style=H)
    b.put(s, 3, 9, "主な日常生活上の活動", style=H)
    hours = list(range(0, 24, 2))
    for i, h in enumerate(hours):
        b.put(s, 4 + i, 1, f"{h}:00", style=C)
        acts = [a for t, a in p.activities.items() if h <= int(t[:2]) < h + 2]
        if acts:
            b.put(s, 4 + i, 9, "・".join(acts), style=C)
    put_week_grid(b, s, p, 4, 2, hours, C)
    row = 4 + len(hours)
    b.put(s, row, 1, "週単位以外のサービス", style=C)
    b.put(s, row, 2, p.non_weekly, style=C, merge=(row, 9))


def form4(b: Book, p: Plan, ds: str, ls: str) -> None:
    m = p.meeting
    if m is None:
        return
    s = "会議録"
    for c in range(1, NCOLS + 1):
        b.width(s, c, 2.5)
    box(b, s, 1, 1, 30, "第４表　サービス担当者会議の要点", style=TITLE)
    box(b, s, 2, 1, 6, spaced("利用者名", ls))
    box(b, s, 2, 7, 18, p.user_name + "　様")
    box(b, s, 2, 19, 30, "居宅サービス計画作成者（担当者）氏名")
    box(b, s, 2, 31, 40, p.care_manager)
    box(b, s, 3, 1, 6, spaced("開催日", ls))
    held = p.raw.get("t4.held_on")
    box(b, s, 3, 7, 18, held if held is not None else (T.with_weekday(m.held_on, "long" if ds == "long" else "short")
                                                       if m.held_on else ""), key="t4.held_on")
    box(b, s, 3, 19, 24, spaced("開催場所", ls))
    box(b, s, 3, 25, 32, m.place)
    box(b, s, 3, 33, 36, spaced("時間", ls))
    box(b, s, 3, 37, 40, f"{m.start_time}～{m.end_time}")
    people = "、".join(f"{role} {name}" if role not in ("本人",) else f"本人（{name}）" for role, name in m.attendees)
    box(b, s, 4, 1, 6, spaced("出席者", ls), rows=2)
    box(b, s, 4, 7, 40, people, key="t4.attendees", rows=2)
    box(b, s, 6, 1, 6, spaced("欠席者", ls))
    box(b, s, 6, 7, 40, "さくら病院 内科 主治医（事前に照会し、意見を得た）")
    row = 7
    for label, key, v in [("検討した項目", "t4.topics", m.topics), ("検討内容", "t4.discussion", m.discussion),
                          ("結論", "t4.conclusion", m.conclusion),
                          ("残された課題（次回の開催時期）", "t4.remaining", m.remaining)]:
        box(b, s, row, 1, 6, label, rows=2)
        box(b, s, row, 7, 40, v, key=key, rows=2)
        row += 2


def _assessment(b: Book, p: Plan, ds: str) -> None:
    s = "アセスメント"
    b.put(s, 1, 1, "課題分析（アセスメント）", style=TITLE, merge=(1, 4))
    b.put(s, 2, 1, "実施日", style=C)
    b.put(s, 2, 2, p.raw.get("as.assessed_on", _date(p.assessed_on, ds)), key="as.assessed_on", style=C)
    for c, h in enumerate(["No", "課題分析標準項目", "状況", "課題", "ニーズ番号"], start=1):
        b.put(s, 4, c, h, style=H)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, n, style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, key=f"as.i{n}.status", style=C)
        b.put(s, row, 4, "〇" if it.issue else "", style=C)
        b.put(s, row, 5, "・".join(str(x) for x in it.needs), key=f"as.i{n}.refs", style=C)
        row += 1


def _monitoring(b: Book, p: Plan, ds: str, r: random.Random) -> None:
    s = "モニタリング"
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリング記録", style=TITLE, merge=(1, 3))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name + "　様", style=C)
    row = 4
    for i, v in enumerate(p.visits):
        mon = v.planned or v.done
        b.put(s, row, 1, f"【令和{T.reiwa(mon)}年{mon.month}月】" + ("（目標評価）" if v.kind == "目標評価" else ""),
              style=Style(bold=True), merge=(row, 3))
        items = [("予定日", _date(v.planned, ds), None), ("実施日", _date(v.done, ds), f"mon.r{i}.done_on"),
                 ("方法", "" if not v.done else ("電話" if "電話" in v.method else "訪問（面接）"), None),
                 ("場所", "" if not v.done or "電話" in v.method else "居宅", None),
                 ("内容", v.note, f"mon.r{i}.note")]
        for k, (label, val, key) in enumerate(items, start=1):
            b.put(s, row + k, 1, label, style=C)
            b.put(s, row + k, 2, val, key=key, style=C, merge=(row + k, 3))
            if key:
                b.place(key, s, a1(row + k, 2))
        row += len(items) + 2
    b.width(s, 1, 10)
    b.width(s, 2, 50)


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    ds = r.choice(["long", "short"])
    ls = r.choice(["zen", "han"])
    form1(b, p, ds, ls)
    form2(b, p, ds, r.random() < 0.5)
    form3(b, p)
    form4(b, p, ds, ls)
    _assessment(b, p, ds)
    _monitoring(b, p, ds, r)
    return b
