"""A held-out layout written blind: a care manager's own hand-made plan workbook (built up over the years in Excel,
not from any 様式 file), written without reading the reader's code and without running the scorer on it until it
was committed.

What differs from the other layouts: sheets named in the care manager's words (「プラン①」「目標とサービス」
「1週間の予定」「会議メモ」「聞き取り」「毎月の訪問」…), a blank spacer column A and blank spacer rows, labels
ABOVE their values or to their RIGHT (「R8.4.10｜作成」, 「令和8年4月14日｜同意」), labels and values with line
breaks inside the cell (「総合的な\n援助の方針」), odd merges (a label over three rows, the value over 3×8 cells),
marks ◎ or ☑/☐ in printed choices, 要介護度 as 「要介護Ⅱ」「介護２」「要介護2」, 認定期間 「R8.4.1～\nR9.3.31」,
a メモ column beside the 第2表 with the care manager's own notes, 第2表 needs written as a heading row across the
table (「課題①　…」) with the goals and services in the rows below, or a need's text continued in the cell below,
or a blank row between needs; 頻度 in own words (「火・金」「毎週月・木」「2回/週」「月1回程度」); 第3表 as a
service × weekday grid with ● or the time (「10:00～」) in the day cells instead of a time × weekday grid; the
meeting as a 会議メモ (日時 in one cell, 参加者 one a line in one cell, 話し合った内容 / 決まったこと); the
assessment with 本人・家族から聞き取った状況 and ①③ needs; 訪問記録 with 月 / 訪問日 (sometimes without the
year, 「8/12（水）」) / 方法 (自宅訪問・訪問・TEL) / 様子.

Not part of ``layouts.NAMES``: run it with ``--layouts blind_cm``.
"""

from __future__ import annotations

import random

from .. import text as T
from ..book import Book, Style
from ..plan import ITEMS, WEEKDAYS, Plan

NAME = "blind_cm"
MODELS = "a care manager's own hand-made workbook (held out, written blind)"
PLANNED_DATES = True  # the 月 column says which month a blank 訪問日 is for

C = Style(border=True, wrap=True)
B = Style(bold=True, wrap=True)
H = Style(border=True, wrap=True, bold=True, center=True)
TITLE = Style(bold=True, size=16)
SHEETS = [("プラン①", "プラン②", "週の予定", "担当者会議", "アセスメント", "訪問記録"),
          ("基本情報・方針", "目標とサービス", "1週間の予定", "会議メモ", "聞き取り", "毎月の訪問"),
          ("計画(1)", "計画(2)", "週間", "会議", "課題分析", "モニタ")]
CIRCLED = "①②③④⑤⑥⑦⑧⑨"
ROMAN = {"1": "Ⅰ", "2": "Ⅱ", "3": "Ⅲ", "4": "Ⅳ", "5": "Ⅴ"}


def _date(d, style: str) -> str:
    if d is None:
        return ""
    y = T.reiwa(d)
    if style == "short":
        return f"R{y}.{d.month}.{d.day}"
    if style == "long":
        return f"令和{y}年{d.month}月{d.day}日"
    if style == "zen":
        return f"R{y}.{d.month}.{d.day}".translate(T.ZEN)
    if style == "md":  # a journal's date: the year is the sheet's
        return f"{d.month}/{d.day}（{T.WEEKDAY_JA[d.weekday()]}）"
    raise ValueError(style)


def _marked(options: list[str], chosen: int | None, mark: str) -> str:
    if mark == "ballot":
        return "　".join(("☑" if i == chosen else "☐") + o for i, o in enumerate(options))
    return "　".join(("◎" if i == chosen else "") + o for i, o in enumerate(options))


def _freq(sv, r: random.Random) -> str:
    f = sv.freq
    if f.startswith("週") and sv.days and f[1:-1].isdigit() and int(f[1:-1]) == len(sv.days):
        return r.choice(["・".join(sv.days), "毎週" + "・".join(sv.days), f"{len(sv.days)}回/週", f])
    if f.startswith("週2回（"):
        return r.choice([f, f.split("（")[1].rstrip("）"), "毎週" + f.split("（")[1].rstrip("）")])
    if f == "月1回":
        return "月1回程度"
    return f


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    names = r.choice(SHEETS)
    ds = r.choice(["short", "long", "zen"])
    mark = r.choice(["double", "ballot"])

    def d(key: str | None, v) -> str:
        raw = p.raw.get(key) if key else None
        return raw if raw is not None else _date(v, ds)

    s = names[0]
    b.width(s, 1, 2)  # spacer column
    b.put(s, 1, 2, "居宅サービス計画書", style=TITLE, merge=(1, 7))
    right = r.random() < 0.5  # labels to the right of their values (「R8.4.10｜作成」)
    if right:
        b.put(s, 1, 9, d("t1.created_on", p.created_on), key="t1.created_on")
        b.put(s, 1, 10, "作成")
    else:
        b.put(s, 1, 9, "作成日", style=B)
        b.put(s, 2, 9, d("t1.created_on", p.created_on), key="t1.created_on", merge=(2, 10))
    # labels above values
    b.put(s, 3, 2, "ご利用者", style=B, merge=(3, 4))
    b.put(s, 4, 2, p.user_name, key="t1.user_name", style=C, merge=(4, 4))
    b.put(s, 4, 5, "様")
    b.put(s, 3, 6, "生年月日", style=B, merge=(3, 7))
    b.put(s, 4, 6, T.showa(p.birth), key="t1.birth_date", style=C, merge=(4, 7))
    b.put(s, 3, 8, "住所", style=B, merge=(3, 11))
    b.put(s, 4, 8, p.address, key="t1.address", style=C, merge=(4, 11))
    # spacer row 5
    kinds = ["初回", "紹介", "継続"]
    b.put(s, 6, 2, "区分", style=C)
    b.put(s, 6, 3, _marked(kinds, kinds.index(p.plan_kind), mark), key="t1.plan_kind", style=C, merge=(6, 6))
    b.put(s, 6, 7, _marked(["認定済", "申請中"], 0 if p.cert_status == "認定済" else None, mark), style=C,
          merge=(6, 9))
    lv = p.care_level
    lstyle = r.choice(["roman", "kaigo", "plain"])
    lvtxt = "" if lv is None else {"roman": "要介護" + ROMAN[lv[-1]], "kaigo": "介護" + lv[-1].translate(T.ZEN),
                                   "plain": lv}[lstyle]
    b.put(s, 7, 2, "要介護度", style=C)
    b.put(s, 7, 3, lvtxt, key="t1.care_level", style=C, merge=(7, 4))
    b.put(s, 7, 5, "認定日", style=C)
    b.put(s, 7, 6, d("t1.certified_on", p.certified_on), key="t1.certified_on", style=C, merge=(7, 7))
    b.put(s, 7, 8, "認定期間", style=C)
    per = p.raw.get("t1.cert_period")
    if per is None:
        per = f"{_date(p.cert_start, ds)}～\n{_date(p.cert_end, ds)}" if p.cert_start or p.cert_end else ""
    b.put(s, 7, 9, per, key="t1.cert_period", style=C, merge=(7, 11))
    b.put(s, 8, 2, "担当ケアマネ", style=C)
    b.put(s, 8, 3, p.care_manager, key="t1.care_manager", style=C, merge=(8, 4))
    b.put(s, 8, 5, "事業所", style=C)
    b.put(s, 8, 6, p.office.replace("　", "\n"), key="t1.office", style=C, merge=(8, 11))
    b.put(s, 9, 2, "初回作成日", style=C)
    b.put(s, 9, 3, d("t1.first_created_on", p.first_created_on), key="t1.first_created_on", style=C, merge=(9, 4))
    row = 11  # spacer row 10
    intent = p.user_intent.replace("。", "。\n").strip()
    for label, key, v, h in [("利用者及び家族の\n生活に対する意向", "t1.user_intent", intent, 4),
                             ("介護認定審査会の\n意見", "t1.committee_opinion", p.committee_opinion, 1),
                             ("総合的な\n援助の方針", "t1.overall_policy", p.overall_policy.replace("。", "。\n").strip(), 3)]:
        b.put(s, row, 2, label, style=C, merge=(row + h - 1, 2))
        b.put(s, row, 3, v, key=key, style=C, merge=(row + h - 1, 11))
        row += h
    b.put(s, row, 2, "生活援助中心型の\n算定理由", style=C)
    lr = p.living_reason
    opts = ["一人暮らし", "家族等が障害、疾病等", f"その他（{p.living_other if lr == 3 else '　　　'}）"]
    b.put(s, row, 3, _marked(opts, lr - 1 if lr else None, mark), key="t1.living_support_reason", style=C,
          merge=(row, 11))
    row += 2
    b.put(s, row, 2, "上記の計画について説明を受け、同意しました。", merge=(row, 11))
    row += 1
    if right:
        for label, key, v in (("同意", "t1.consent_on", p.consent_on), ("交付", "t1.delivered_on", p.delivered_on)):
            b.put(s, row, 3, d(key, v), key=key, style=C, merge=(row, 4))
            b.put(s, row, 5, label)
            row += 1
        b.put(s, row - 2, 7, "（本人署名）")
        b.put(s, row - 2, 8, "", style=C, merge=(row - 1, 11))
    else:
        for col, label, key, v in ((3, "同意日", "t1.consent_on", p.consent_on), (5, "交付日", "t1.delivered_on", p.delivered_on)):
            b.put(s, row, col, label, style=B, merge=(row, col + 1))
            b.put(s, row + 1, col, d(key, v), key=key, style=C, merge=(row + 1, col + 1))
        b.put(s, row, 7, "本人署名", style=B, merge=(row, 9))
        b.put(s, row + 1, 7, "", style=C, merge=(row + 1, 9))
    b.put(s, 6, 13, "メモ", style=B)
    b.put(s, 7, 13, r.choice(["更新申請は2か月前に", "区分変更は検討中", ""]))
    for c in range(2, 12):
        b.width(s, c, 11)

    _t2(b, p, r, names[1], ds)
    _t3(b, p, r, names[2])
    _meeting(b, p, r, names[3], ds)
    _assessment(b, p, r, names[4], ds)
    _visits(b, p, r, names[5], ds)
    return b


def _t2(b: Book, p: Plan, r: random.Random, s: str, ds: str) -> None:
    mode = r.choice(["heading", "split", "plain"])
    b.put(s, 1, 2, "ケアプラン（２）　目標とサービス", style=TITLE, merge=(1, 8))
    b.put(s, 2, 2, f"利用者：{p.user_name} 様", merge=(2, 4))
    # B need, C spacer, D long, E period, F short, G period, H content, I 保険, J 種類, K 事業所, L 回数, M 期間, N メモ
    heads = {2: "課題\n（ニーズ）", 4: "長期目標", 5: "期間", 6: "短期目標", 7: "期間", 8: "サービス内容",
             9: "保険\n対象", 10: "種類", 11: "事業所", 12: "回数", 13: "期間", 14: "メモ"}
    for c, h in heads.items():
        b.put(s, 4, c, h, style=H)
    b.width(s, 3, 2)

    def per(key, a, z):
        raw = p.raw.get(key)
        if raw is not None:
            return raw
        return f"{_date(a, ds)}～\n{_date(z, ds)}" if a or z else ""

    memos = ["送迎あり", "家族に確認済", "R8.5 事業所に連絡", "", "", ""]
    row = 5
    for i, n in enumerate(p.needs):
        label = f"課題{CIRCLED[i]}"
        if mode == "heading":
            b.put(s, row, 2, f"{label}　{n.text}", key=f"t2.n{i}.text", style=B, merge=(row, 13))
            row += 1
            n_top = None
        else:
            n_top = row
        for j, lg in enumerate(n.longs):
            lkey = f"t2.n{i}.l{j}"
            b.put(s, row, 4, lg.text, key=f"{lkey}.text", style=C)
            b.put(s, row, 5, per(f"{lkey}.period", lg.start, lg.end), key=f"{lkey}.period", style=C)
            for k, sg in enumerate(lg.shorts):
                skey = f"{lkey}.s{k}"
                b.put(s, row, 6, sg.text, key=f"{skey}.text", style=C)
                b.put(s, row, 7, per(f"{skey}.period", sg.start, sg.end), key=f"{skey}.period", style=C)
                for m, sv in enumerate(sg.services):
                    vkey = f"{skey}.v{m}"
                    for col, name, v in ((8, "content", sv.content), (9, "insured", "○" if sv.insured else ""),
                                         (10, "kind", sv.kind), (11, "provider", sv.provider),
                                         (12, "freq", _freq(sv, r)),
                                         (13, "period", per(f"{vkey}.period", sv.start, sv.end))):
                        b.put(s, row, col, v, key=f"{vkey}.{name}", style=C)
                    b.put(s, row, 14, r.choice(memos))
                    row += 1
        if n_top is not None:
            text = n.text
            cut = text.find("が、")
            if mode == "split" and cut > 0 and row - n_top >= 2:  # the need's text continued in the cell below
                b.put(s, n_top, 2, text[:cut + 2], key=f"t2.n{i}.text", style=C)
                b.put(s, n_top + 1, 2, text[cut + 2:], style=C)
            else:
                b.put(s, n_top, 2, text, key=f"t2.n{i}.text", style=C)
            if mode == "plain":
                row += 1  # a blank row between needs
    for c, w in zip(range(2, 15), (28, 2, 24, 12, 24, 12, 26, 5, 12, 18, 10, 12, 16)):
        b.width(s, c, w)


def _t3(b: Book, p: Plan, r: random.Random, s: str) -> None:
    dots = r.random() < 0.5
    b.put(s, 1, 2, "1週間の予定", style=TITLE, merge=(1, 6))
    b.put(s, 3, 2, "サービス", style=H)
    b.put(s, 3, 3, "事業所", style=H)
    for c, day in enumerate(WEEKDAYS, start=4):
        b.put(s, 3, c, day, style=H)
    b.put(s, 3, 11, "備考", style=H)
    row = 4
    seen = set()
    for sv in p.weekly_services():
        if sv.group in seen:
            continue
        seen.add(sv.group)
        b.put(s, row, 2, sv.weekly_label, style=C)
        b.put(s, row, 3, sv.provider, style=C)
        h, mi = sv.time.split(":")
        end = f"{int(h) + 2 * sv.rows - (1 if sv.rows > 1 else 0)}:{mi}"
        for day in WEEKDAYS:
            v = ("●" if dots else f"{int(h)}:{mi}～{end}") if day in sv.days else ""
            b.put(s, row, 4 + WEEKDAYS.index(day), v, style=C)
        b.put(s, row, 11, "送迎あり" if "通所" in sv.kind else "", style=C)
        row += 1
    row += 1
    b.put(s, row, 2, "その他（週単位以外）", style=C)
    b.put(s, row, 3, p.non_weekly, style=C, merge=(row, 11))
    row += 2
    b.put(s, row, 2, "1日の過ごし方", style=B)
    b.put(s, row, 3, "　".join(f"{t.lstrip('0')} {a}" for t, a in sorted(p.activities.items())), merge=(row, 11))
    for c, w in zip(range(2, 12), (16, 22, 6, 6, 6, 6, 6, 6, 6, 12)):
        b.width(s, c, w)


def _meeting(b: Book, p: Plan, r: random.Random, s: str, ds: str) -> None:
    m = p.meeting
    if m is None:
        return
    b.put(s, 1, 2, "担当者会議", style=TITLE, merge=(1, 5))
    b.put(s, 2, 2, f"{p.user_name} 様", merge=(2, 3))
    held = p.raw.get("t4.held_on")
    if held is None:
        held = f"{_date(m.held_on, ds)}（{T.WEEKDAY_JA[m.held_on.weekday()]}）{m.start_time}～{m.end_time}" if m.held_on else ""
    rows = [("日時", held, "t4.held_on", 1), ("場所", m.place, None, 1),
            ("参加者", "\n".join(f"{role}　{name}" for role, name in m.attendees), "t4.attendees", 2),
            ("議題", m.topics, "t4.topics", 1), ("話し合った内容", m.discussion, "t4.discussion", 3),
            ("決まったこと", m.conclusion, "t4.conclusion", 2), ("次回までの課題", m.remaining, "t4.remaining", 1)]
    row = 4
    for label, v, key, h in rows:
        b.put(s, row, 2, label, style=C, merge=(row + h - 1, 2))
        b.put(s, row, 3, v, key=key, style=C, merge=(row + h - 1, 8))
        row += h
    for c, w in zip(range(2, 9), (16, 14, 14, 14, 14, 14, 14)):
        b.width(s, c, w)


def _assessment(b: Book, p: Plan, r: random.Random, s: str, ds: str) -> None:
    b.put(s, 1, 2, "聞き取り・アセスメント", style=TITLE, merge=(1, 5))
    b.put(s, 2, 2, "実施日", style=B)
    b.put(s, 2, 3, (p.raw.get("as.assessed_on") or _date(p.assessed_on, ds)), key="as.assessed_on")
    b.put(s, 2, 4, "（自宅にて本人・長女より聞き取り）")
    circled = r.random() < 0.5
    for c, h in enumerate(["No.", "項目", "本人・家族から聞き取った状況", "課題", "ニーズ"], start=2):
        b.put(s, 4, c, h, style=H)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 2, n, style=C)
        b.put(s, row, 3, ITEMS[n - 1], style=C)
        b.put(s, row, 4, it.status, key=f"as.i{n}.status", style=C)
        b.put(s, row, 5, "有" if it.issue else "－", style=C)
        refs = "".join(CIRCLED[x - 1] for x in it.needs) if circled else ",".join(str(x) for x in it.needs)
        b.put(s, row, 6, refs, key=f"as.i{n}.refs", style=C)
        row += 1
    for c, w in zip(range(2, 7), (5, 28, 44, 6, 10)):
        b.width(s, c, w)


def _visits(b: Book, p: Plan, r: random.Random, s: str, ds: str) -> None:
    b.place("mon.sheet", s, "A1")
    no_year = r.random() < 0.35
    b.put(s, 1, 2, "訪問記録（モニタリング）", style=TITLE, merge=(1, 6))
    b.put(s, 2, 2, f"{p.user_name} 様　令和{T.reiwa(p.consent_on or p.created_on or p.cert_start)}年度")
    for c, h in enumerate(["月", "訪問日", "方法", "様子・内容", "次回"], start=2):
        b.put(s, 4, c, h, style=H)
    row = 5
    for i, v in enumerate(p.visits):
        month = v.planned or v.done
        b.put(s, row, 2, f"{month.month}月" if no_year else f"R{T.reiwa(month)}.{month.month}", style=C)
        b.put(s, row, 3, _date(v.done, "md" if no_year else ds) if v.done else "", key=f"mon.r{i}.done_on", style=C)
        how = "" if not v.done else ("TEL" if "電話" in v.method else r.choice(["自宅訪問", "訪問", "自宅"]))
        b.put(s, row, 4, how, style=C)
        b.put(s, row, 5, v.note, key=f"mon.r{i}.note", style=C)
        b.put(s, row, 6, "予定" if i == len(p.visits) - 1 and not v.done else "", style=C)
        row += 1
    for c, w in zip(range(2, 7), (8, 14, 10, 60, 8)):
        b.width(s, c, w)
