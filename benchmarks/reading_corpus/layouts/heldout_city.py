"""A held-out layout: a city's own Excel ケアプラン様式 as its 介護保険課 hands it to offices, written without
running the reader on it (to estimate how the reader does on a form it was not developed against).

居宅サービス計画書１ as a vertical form (labels in B, values from D) with 「ご利用者氏名」「計画作成日」
「認定有効期間」 (start, 「〜」 and end in three cells) and choices as a row of printed options with the ○ typed in
its own cell in the row below; dates as 和暦 text 「令和8年4月10日」 or 「R8/4/10」 (one style a workbook);
計画書２ with a ニーズ No. column, needs merged, goals on the first row of their block, 期間 「R8.4.15〜R8.10.14」;
週間計画 with one-hour rows and 月〜日 columns; 担当者会議録 with 開催日 and 開催時間 in separate cells and
attendees two to a row; 課題整理・アセスメント with 課題 あり/なし columns (○ in one) and ニーズ番号 「1・3」;
モニタリングシート with 対象月/訪問日/訪問方法/確認内容.

Not part of ``layouts.NAMES`` (the default and ``--quick`` corpus): run it with ``--layouts heldout_city``.
"""

from __future__ import annotations

import random

from .. import text as T
from ..book import Book, Style, a1
from ..plan import ITEMS, WEEKDAYS, Plan

NAME = "heldout_city"
MODELS = "a city's own Excel ケアプラン様式 (held out: not used while developing the reader)"
PLANNED_DATES = True  # the 対象月 column says which month a blank 訪問日 is for

C = Style(border=True, wrap=True)
H = Style(border=True, wrap=True, bold=True, center=True)
TITLE = Style(bold=True, size=14)
WAVE = "〜"


def _date(d, style: str) -> str:
    if d is None:
        return ""
    if style == "rslash":
        return f"R{T.reiwa(d)}/{d.month}/{d.day}"
    return T.wareki(d, "long")


def _dot(d) -> str:
    return f"R{T.reiwa(d)}.{d.month}.{d.day}" if d else ""


def _term(p: Plan, key: str, a, z) -> str:
    raw = p.raw.get(key)
    if raw is not None:
        return raw
    return f"{_dot(a)}{WAVE}{_dot(z)}" if a or z else ""


def _option_grid(b: Book, s: str, row: int, col: int, options: list[str], chosen: int | None, mark: str,
                 key: str | None, span: int = 1) -> None:
    """Printed options on ``row``, the ○ in its own cell below the chosen one (``span`` columns per option)."""
    for i, o in enumerate(options):
        c = col + i * span
        last = c + span - 1
        b.put(s, row, c, o, style=H, merge=(row, last) if span > 1 else None)
        b.put(s, row + 1, c, mark if i == chosen else "", style=C, merge=(row + 1, last) if span > 1 else None)
        if key and (i == chosen or i == 0):
            b.place(key, s, a1(row, c))
            b.place(key, s, a1(row + 1, c))


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    ds = r.choice(["long", "rslash"])
    mark = r.choice(["○", "〇"])

    def d(key: str, v) -> str:
        raw = p.raw.get(key)
        return raw if raw is not None else _date(v, ds)

    s = "居宅サービス計画書１"
    b.put(s, 1, 2, "居宅サービス計画書（第1表）", style=TITLE, merge=(1, 10))
    b.put(s, 2, 8, "計画作成日", style=C)
    b.put(s, 2, 9, d("t1.created_on", p.created_on), key="t1.created_on", style=C, merge=(2, 10))
    row = 4
    b.put(s, row, 2, "計画区分", style=C, merge=(row + 1, 3))
    kinds = ["初回", "紹介", "継続"]
    _option_grid(b, s, row, 4, kinds, kinds.index(p.plan_kind) if p.plan_kind in kinds else None, mark,
                 "t1.plan_kind")
    b.put(s, row, 8, "認定区分", style=C, merge=(row + 1, 8))
    _option_grid(b, s, row, 9, ["認定済", "申請中"], 0 if p.cert_status == "認定済" else
                 (1 if p.cert_status == "申請中" else None), mark, None)
    row = 7
    for label, key, v in [("ご利用者氏名", "t1.user_name", p.user_name + "　様"),
                          ("生年月日", "t1.birth_date", T.showa(p.birth)),
                          ("住所", "t1.address", p.address),
                          ("計画作成者（介護支援専門員）", "t1.care_manager", p.care_manager),
                          ("居宅介護支援事業所名・所在地", "t1.office", p.office)]:
        b.put(s, row, 2, label, style=C, merge=(row, 3))
        b.put(s, row, 4, v, key=key, style=C, merge=(row, 10))
        row += 1
    b.put(s, row, 2, "初回計画作成日", style=C, merge=(row, 3))
    b.put(s, row, 4, d("t1.first_created_on", p.first_created_on), key="t1.first_created_on", style=C,
          merge=(row, 6))
    b.put(s, row, 7, "認定年月日", style=C, merge=(row, 8))
    b.put(s, row, 9, d("t1.certified_on", p.certified_on), key="t1.certified_on", style=C, merge=(row, 10))
    row += 1
    b.put(s, row, 2, "認定有効期間", style=C, merge=(row, 3))
    raw = p.raw.get("t1.cert_period")
    if raw is not None:
        b.put(s, row, 4, raw, key="t1.cert_period", style=C, merge=(row, 10))
    else:
        b.put(s, row, 4, _date(p.cert_start, ds), key="t1.cert_period", style=C, merge=(row, 6))
        b.put(s, row, 7, WAVE, style=C)
        b.put(s, row, 8, _date(p.cert_end, ds), key="t1.cert_period", style=C, merge=(row, 10))
    row += 1
    b.put(s, row, 2, "要介護度", style=C, merge=(row + 1, 3))
    levels = [f"要介護{i}" for i in "１２３４５"]
    lv = T.LEVELS.index(p.care_level) if p.care_level in T.LEVELS else None
    _option_grid(b, s, row, 4, levels, lv, mark, "t1.care_level")
    row += 3
    for label, key, v in [("利用者及び家族の生活に対する意向（課題分析の結果）", "t1.user_intent", p.user_intent),
                          ("介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion),
                          ("総合的な援助の方針", "t1.overall_policy", p.overall_policy)]:
        b.put(s, row, 2, label, style=C, merge=(row, 3))
        b.put(s, row, 4, v, key=key, style=C, merge=(row, 10))
        row += 1
    b.put(s, row, 2, "生活援助中心型の算定理由", style=C, merge=(row + 1, 3))
    reasons = ["一人暮らし", "家族等が障害・疾病等", "その他"]
    lr = p.living_reason - 1 if p.living_reason else None
    _option_grid(b, s, row, 4, reasons, lr, mark, "t1.living_support_reason", span=2)
    if p.living_reason == 3:
        b.put(s, row + 1, 10, f"（{p.living_other}）", style=C)
    row += 3
    b.put(s, row, 2, "上記の居宅サービス計画について説明を受け、同意し、交付を受けました。", merge=(row, 10))
    row += 1
    b.put(s, row, 2, "同意日", style=C, merge=(row, 3))
    b.put(s, row, 4, d("t1.consent_on", p.consent_on), key="t1.consent_on", style=C, merge=(row, 6))
    b.put(s, row, 7, "ご本人署名", style=C)
    b.put(s, row, 8, "", style=C, merge=(row, 10))
    row += 1
    b.put(s, row, 2, "交付日", style=C, merge=(row, 3))
    b.put(s, row, 4, d("t1.delivered_on", p.delivered_on), key="t1.delivered_on", style=C, merge=(row, 6))
    for c, w in ((1, 2), (2, 12), (3, 12)):
        b.width(s, c, w)
    for c in range(4, 11):
        b.width(s, c, 10)

    _t2(b, p)
    _week(b, p)
    _meeting(b, p, ds)
    _assessment(b, p, ds, mark)
    _monitoring(b, p, r, ds)
    s = "居宅介護支援経過"
    b.put(s, 1, 1, "居宅介護支援経過（第5表）", style=TITLE, merge=(1, 3))
    for c, h in enumerate(["日付", "項目", "内容"], start=1):
        b.put(s, 2, c, h, style=H)
    for i, (day, item, txt) in enumerate(sorted(p.journal), start=3):
        b.put(s, i, 1, _date(day, ds), style=C)
        b.put(s, i, 2, item, style=C)
        b.put(s, i, 3, txt, style=C)
    return b


def _t2(b: Book, p: Plan) -> None:
    s = "計画書２"
    b.put(s, 1, 1, "居宅サービス計画書（第2表）", style=TITLE, merge=(1, 6))
    b.put(s, 2, 1, "ご利用者氏名", style=C, merge=(2, 2))
    b.put(s, 2, 3, p.user_name + "　様", style=C, merge=(2, 4))
    heads = ["No.", "生活全般の解決すべき課題（ニーズ）", "長期目標", "（期間）", "短期目標", "（期間）",
             "サービス内容", "※1", "サービス種別", "※2 事業所", "頻度", "期間"]
    for c, h in enumerate(heads, start=1):
        b.put(s, 3, c, h, style=H)
    row = 4
    for i, n in enumerate(p.needs):
        n_top = row
        for j, lg in enumerate(n.longs):
            lkey = f"t2.n{i}.l{j}"
            b.put(s, row, 3, lg.text, key=f"{lkey}.text", style=C)
            b.put(s, row, 4, _term(p, f"{lkey}.period", lg.start, lg.end), key=f"{lkey}.period", style=C)
            for k, sg in enumerate(lg.shorts):
                skey = f"{lkey}.s{k}"
                b.put(s, row, 5, sg.text, key=f"{skey}.text", style=C)
                b.put(s, row, 6, _term(p, f"{skey}.period", sg.start, sg.end), key=f"{skey}.period", style=C)
                for m, sv in enumerate(sg.services):
                    vkey = f"{skey}.v{m}"
                    for col, name, v in ((7, "content", sv.content), (8, "insured", "○" if sv.insured else ""),
                                         (9, "kind", sv.kind), (10, "provider", sv.provider), (11, "freq", sv.freq),
                                         (12, "period", _term(p, f"{vkey}.period", sv.start, sv.end))):
                        b.put(s, row, col, v, key=f"{vkey}.{name}", style=C)
                    row += 1
        last = max(row - 1, n_top)
        b.put(s, n_top, 1, str(i + 1), style=C, merge=(last, 1) if last > n_top else None)
        b.put(s, n_top, 2, n.text, key=f"t2.n{i}.text", style=C, merge=(last, 2) if last > n_top else None)
    b.put(s, row + 1, 1, "※1 「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスには○を付す。", merge=(row + 1, 12))
    b.put(s, row + 2, 1, "※2 「当該サービス提供を行う事業所」について記入する。", merge=(row + 2, 12))
    for c, w in zip(range(1, 13), (5, 28, 22, 12, 22, 12, 26, 4, 12, 18, 10, 12)):
        b.width(s, c, w)


def _week(b: Book, p: Plan) -> None:
    s = "週間計画"
    b.put(s, 1, 1, "週間サービス計画表（第3表）", style=TITLE, merge=(1, 6))
    b.put(s, 3, 1, "時間", style=H)
    for c, day in enumerate(WEEKDAYS, start=2):
        b.put(s, 3, c, day, style=H)
    b.put(s, 3, 9, "主な日常生活上の活動", style=H)
    hours = list(range(6, 22))
    for i, h in enumerate(hours):
        b.put(s, 4 + i, 1, f"{h}:00", style=C)
        act = p.activities.get(f"{h:02d}:00")
        if act:
            b.put(s, 4 + i, 9, act, style=C)
    seen = set()
    entries = []
    for sv in p.weekly_services():
        if sv.group in seen:
            continue
        seen.add(sv.group)
        h = int(sv.time.split(":")[0])
        if h in hours:
            entries += [(2 + WEEKDAYS.index(day), 4 + hours.index(h), sv) for day in sv.days]
    for col, top, sv in entries:
        # down to the row before the next entry of the same day (a one-hour grid: 2 rows per 2-hour unit)
        nxt = min([t for c, t, _ in entries if c == col and t > top], default=4 + len(hours))
        last = min(top + 2 * sv.rows - 1, nxt - 1)
        b.put(s, top, col, sv.weekly_label, style=C, merge=(last, col) if last > top else None)
    row = 5 + len(hours)
    b.put(s, row, 1, "週単位以外のサービス", style=C, merge=(row, 2))
    b.put(s, row, 3, p.non_weekly, style=C, merge=(row, 9))


def _meeting(b: Book, p: Plan, ds: str) -> None:
    m = p.meeting
    if m is None:
        return
    s = "担当者会議録"
    b.put(s, 1, 1, "サービス担当者会議の要点（第4表）", style=TITLE, merge=(1, 6))
    b.put(s, 2, 1, "ご利用者氏名", style=C)
    b.put(s, 2, 2, p.user_name + "　様", style=C, merge=(2, 3))
    b.put(s, 2, 4, "作成者", style=C)
    b.put(s, 2, 5, p.care_manager, style=C, merge=(2, 6))
    b.put(s, 3, 1, "開催日", style=C)
    held = p.raw.get("t4.held_on")
    b.put(s, 3, 2, held if held is not None else _date(m.held_on, ds), key="t4.held_on", style=C)
    b.put(s, 3, 3, "開催時間", style=C)
    b.put(s, 3, 4, f"{m.start_time}{WAVE}{m.end_time}" if m.held_on else "", style=C)
    b.put(s, 3, 5, "開催場所", style=C)
    b.put(s, 3, 6, m.place, style=C)
    b.put(s, 4, 1, "出席者", style=C, merge=(4 + (len(m.attendees) + 1) // 2, 1))
    b.place("t4.attendees", s, "A4")
    for c, h in enumerate(["所属・職種", "氏名", "所属・職種", "氏名"], start=2):
        b.put(s, 4, c, h, key="t4.attendees", style=H)
    for i, (role, name) in enumerate(m.attendees):
        row = 5 + i // 2
        col = 2 + 2 * (i % 2)
        b.put(s, row, col, role, style=C)
        b.put(s, row, col + 1, name, style=C)
        if i < 2:
            b.place("t4.attendees", s, a1(row, col))
    row = 6 + (len(m.attendees) + 1) // 2
    for label, key, v in [("検討事項", "t4.topics", m.topics), ("検討内容", "t4.discussion", m.discussion),
                          ("結論", "t4.conclusion", m.conclusion), ("残された課題（次回の開催時期等）", "t4.remaining", m.remaining)]:
        b.put(s, row, 1, label, style=C)
        b.put(s, row, 2, v, key=key, style=C, merge=(row, 6))
        row += 1
    for c, w in zip(range(1, 7), (14, 24, 12, 24, 12, 20)):
        b.width(s, c, w)


def _assessment(b: Book, p: Plan, ds: str, mark: str) -> None:
    s = "課題整理・アセスメント"
    b.put(s, 1, 1, "課題整理・アセスメント（課題分析標準項目）", style=TITLE, merge=(1, 6))
    b.put(s, 2, 1, "アセスメント実施日", style=C, merge=(2, 2))
    b.put(s, 2, 3, (p.raw.get("as.assessed_on") or _date(p.assessed_on, ds)), key="as.assessed_on", style=C)
    b.put(s, 2, 4, "実施場所", style=C)
    b.put(s, 2, 5, "ご自宅", style=C)
    b.put(s, 4, 1, "項目", style=H, merge=(5, 1))
    b.put(s, 4, 2, "現在の状況", style=H, merge=(5, 2))
    b.put(s, 4, 3, "課題", style=H, merge=(4, 4))
    b.put(s, 5, 3, "あり", style=H)
    b.put(s, 5, 4, "なし", style=H)
    b.put(s, 4, 5, "ニーズ番号", style=H, merge=(5, 5))
    row = 6
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, f"{n} {ITEMS[n - 1]}", style=C)
        b.put(s, row, 2, it.status, key=f"as.i{n}.status", style=C)
        b.put(s, row, 3, mark if it.issue else "", style=C)
        b.put(s, row, 4, "" if it.issue else mark, style=C)
        b.put(s, row, 5, "・".join(str(x) for x in it.needs), key=f"as.i{n}.refs", style=C)
        row += 1
    for c, w in zip(range(1, 6), (30, 44, 6, 6, 10)):
        b.width(s, c, w)


def _monitoring(b: Book, p: Plan, r: random.Random, ds: str) -> None:
    s = "モニタリングシート"
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリングシート", style=TITLE, merge=(1, 4))
    b.put(s, 2, 1, "ご利用者氏名", style=C)
    b.put(s, 2, 2, p.user_name + "　様", style=C)
    for c, h in enumerate(["対象月", "訪問日", "訪問方法", "確認内容"], start=1):
        b.put(s, 4, c, h, style=H)
    for i, v in enumerate(p.visits):
        row = 5 + i
        month = v.planned or v.done
        b.put(s, row, 1, f"令和{T.reiwa(month)}年{month.month}月" if month else "", style=C)
        b.put(s, row, 2, _date(v.done, ds), key=f"mon.r{i}.done_on", style=C)
        how = "" if not v.done else ("電話" if "電話" in v.method else r.choice(["自宅訪問", "訪問（自宅）"]))
        b.put(s, row, 3, how, style=C)
        b.put(s, row, 4, v.note, key=f"mon.r{i}.note", style=C)
    for c, w in zip(range(1, 5), (14, 16, 12, 60)):
        b.width(s, c, w)
