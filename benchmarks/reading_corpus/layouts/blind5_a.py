"""Held out, written blind (round 5): an office's Excel 様式 with FORM CONTROLS, kept as one user's plan history.

- the choices of 第1表 (計画区分 初回/紹介/継続, 認定済/申請中, 要介護状態区分 要介護1〜5, 算定理由 1〜3) are Excel form
  controls (開発 → フォーム コントロール): check boxes or option buttons drawn over the form, their caption either
  the option's word (the cell under them blank) or nothing (the option printed in the cell right of the box); some
  offices link them to cells in a far column that Excel fills with TRUE/FALSE (check boxes) or the chosen button's
  number (option buttons); nothing is typed in the choice cells themselves;
- the workbook keeps the user's plan revisions: the current 第1表/第2表/第4表 on sheets named by their month
  (「第1表(R8.4)」 or 「R8.4 第1表」 or 「第1表_20260410」) and the PREVIOUS plan (its own 作成日, certification period,
  goals, meeting) on the same kind of sheets named by its month, placed before or after the current ones;
- dates as 和暦 text 「令和8年4月10日」 or date cells; 第2表 in the 様式's two header rows with needs merged;
- a 2-hour 週間サービス計画表, an アセスメント sheet, a monitoring record (rows down).
Not part of ``layouts.NAMES``: run it with ``--layouts blind5_a``.
"""

from __future__ import annotations

import datetime as dt
import random

from .. import text as T
from ..book import Book, Control, Style, XDate, WAREKI_FORMATS, a1
from ..plan import ITEMS, Plan, add_months, make_plan
from . import put_t2_merged, put_week_grid

NAME = "blind5_a"
MODELS = "form-control check boxes / option buttons for the choices; current and previous plan on sheets named by month (held out, written blind)"
PLANNED_DATES = True

C = Style(border=True, wrap=True)
H = Style(border=True, wrap=True, bold=True, center=True)
TITLE = Style(bold=True, size=14)
CHOICE_KEYS = ("t1.plan_kind", "t1.certification_status", "t1.care_level", "t1.living_support_reason")


def _date(d, ds: str):
    if d is None:
        return ""
    if ds == "xdate":
        return XDate(d, WAREKI_FORMATS[1])
    return T.wareki(d, "long")


def _sheet_name(kind: str, d: dt.date | None, style: str) -> str:
    if d is None:
        d = dt.date(2026, 4, 1)
    if style == "paren":
        return f"{kind}(R{T.reiwa(d)}.{d.month})"
    if style == "front":
        return f"R{T.reiwa(d)}.{d.month} {kind}"
    return f"{kind}_{d.strftime('%Y%m%d')}"


def _choices(b: Book, s: str, row: int, col: int, options: list[str], chosen: int | None, style: str,
             link_col: int, key: str | None, radio: bool, widths: int = 2) -> None:
    """A row of form controls, one per option, from ``col``; ``style`` "caption" = the word is the control's
    caption (cells blank); "printed" = a caption-less box in one cell and the word printed in the next."""
    sh = b.sheet(s)
    for i, opt in enumerate(options):
        c = col + i * widths
        link = None
        if link_col:
            if radio:
                link = f"${T_col(link_col)}${row}"
            else:
                link = f"${T_col(link_col + i)}${row}"
        if style == "caption":
            sh.controls.append(Control("radio" if radio else "checkbox", row, c, row, c + widths - 1, opt,
                                       checked=(i == chosen), link=link, first=(radio and i == 0)))
            b.put(s, row, c, "", style=C)
        else:
            sh.controls.append(Control("radio" if radio else "checkbox", row, c, row, c, "",
                                       checked=(i == chosen), link=link, first=(radio and i == 0)))
            b.put(s, row, c + 1, opt, style=C)
        if key:
            b.place(key, s, a1(row, c))
    if link_col:  # the linked cells Excel fills in, in a far column the office hides or prints white
        if radio:
            b.put(s, row, link_col, (chosen + 1) if chosen is not None else "")
        else:
            for i in range(len(options)):
                b.put(s, row, link_col + i, i == chosen)
    if key:
        b.unseen.add(key)


def T_col(n: int) -> str:
    from ..book import col_letter
    return col_letter(n)


def form1(b: Book, p: Plan, s: str, ds: str, cstyle: str, link: bool, radio: bool, keyed: bool) -> None:
    def d(key, v):
        raw = p.raw.get(key) if keyed else None
        return raw if raw is not None else _date(v, ds)

    def k(key):
        return key if keyed else None

    b.put(s, 1, 1, "第１表", style=Style(border=True))
    b.put(s, 1, 4, "居宅サービス計画書（１）", style=TITLE, merge=(1, 9))
    b.put(s, 1, 11, "作成年月日", style=C)
    b.put(s, 1, 12, d("t1.created_on", p.created_on), key=k("t1.created_on"), style=C, merge=(1, 14))
    lc = 30 if link else 0
    kinds = ["初回", "紹介", "継続"]
    _choices(b, s, 2, 7, kinds, kinds.index(p.plan_kind) if p.plan_kind in kinds else None, cstyle, lc,
             k("t1.plan_kind"), radio)
    _choices(b, s, 2, 13, ["認定済", "申請中"], 0 if p.cert_status == "認定済" else (1 if p.cert_status else None),
             cstyle, lc + 5 if link else 0, k("t1.certification_status"), radio, widths=2)
    b.put(s, 3, 1, "利用者名", style=C)
    b.put(s, 3, 2, p.user_name, key=k("t1.user_name"), style=C, merge=(3, 3))
    b.put(s, 3, 4, "殿")
    b.put(s, 3, 5, "生年月日", style=C)
    b.put(s, 3, 6, T.showa(p.birth), key=k("t1.birth_date"), style=C, merge=(3, 8))
    b.put(s, 3, 9, "住所", style=C)
    b.put(s, 3, 10, p.address, key=k("t1.address"), style=C, merge=(3, 16))
    b.put(s, 4, 1, "居宅サービス計画作成者氏名", style=C, merge=(4, 3))
    b.put(s, 4, 4, p.care_manager, key=k("t1.care_manager"), style=C, merge=(4, 16))
    b.put(s, 5, 1, "居宅介護支援事業者・事業所名及び所在地", style=C, merge=(5, 3))
    b.put(s, 5, 4, p.office, key=k("t1.office"), style=C, merge=(5, 16))
    b.put(s, 6, 1, "居宅サービス計画作成（変更）日", style=C, merge=(6, 3))
    b.put(s, 6, 4, d("t1.created_on", p.created_on), key=k("t1.created_on"), style=C, merge=(6, 7))
    b.put(s, 6, 8, "初回居宅サービス計画作成日", style=C, merge=(6, 10))
    b.put(s, 6, 11, d("t1.first_created_on", p.first_created_on), key=k("t1.first_created_on"), style=C,
          merge=(6, 14))
    b.put(s, 7, 1, "認定日", style=C)
    b.put(s, 7, 2, d("t1.certified_on", p.certified_on), key=k("t1.certified_on"), style=C, merge=(7, 4))
    b.put(s, 7, 5, "認定の有効期間", style=C, merge=(7, 6))
    ref = b.put(s, 7, 7, d("t1.cert_period", p.cert_start), key=k("t1.cert_period"), style=C, merge=(7, 9))
    b.put(s, 7, 10, "～", style=C)
    ref2 = b.put(s, 7, 11, _date(p.cert_end, ds), style=C, merge=(7, 13))
    if keyed:
        b.place("t1.cert_period", s, ref2)
    b.put(s, 8, 1, "要介護状態区分", style=C, merge=(8, 3))
    lv = T.LEVELS.index(p.care_level) if p.care_level in T.LEVELS else None
    _choices(b, s, 8, 4, T.LEVELS, lv, cstyle, lc + 10 if link else 0, k("t1.care_level"), radio)
    row = 9
    for label, key, v, h in [("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "t1.user_intent", p.user_intent, 3),
                             ("介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion, 1),
                             ("総合的な援助の方針", "t1.overall_policy", p.overall_policy, 3)]:
        b.put(s, row, 1, label, style=C, merge=(row + h - 1, 3))
        b.put(s, row, 4, v, key=k(key), style=C, merge=(row + h - 1, 16))
        row += h
    b.put(s, row, 1, "生活援助中心型の算定理由", style=C, merge=(row, 3))
    reasons = ["1.一人暮らし", "2.家族等が障害、疾病等", "3.その他"]
    _choices(b, s, row, 4, reasons, (p.living_reason - 1) if p.living_reason else None, cstyle,
             lc + 16 if link else 0, k("t1.living_support_reason"), False, widths=3)
    b.put(s, row, 13, f"（{p.living_other}）" if p.living_reason == 3 else "（　　　　　　　）", style=C, merge=(row, 16))
    row += 2
    b.put(s, row, 1, "居宅サービス計画について説明を受け、内容に同意し交付を受けました。", merge=(row, 10))
    row += 1
    b.put(s, row, 1, "説明・同意日", style=C, merge=(row, 2))
    b.put(s, row, 3, d("t1.consent_on", p.consent_on), key=k("t1.consent_on"), style=C, merge=(row, 6))
    b.put(s, row, 8, "利用者同意欄", style=C, merge=(row, 9))
    b.put(s, row, 10, "", style=C, merge=(row, 13))
    b.put(s, row, 14, "印", style=C)
    row += 1
    b.put(s, row, 1, "交付日", style=C, merge=(row, 2))
    b.put(s, row, 3, d("t1.delivered_on", p.delivered_on), key=k("t1.delivered_on"), style=C, merge=(row, 6))
    if link:
        b.sheet(s).hidden_cols |= set(range(30, 50))
    for c, w in {1: 10, 2: 8, 3: 8}.items():
        b.width(s, c, w)


def form2(b: Book, p: Plan, s: str, ds: str, keyed: bool) -> None:
    b.put(s, 1, 1, "第２表", style=Style(border=True))
    b.put(s, 1, 3, "居宅サービス計画書（２）", style=TITLE, merge=(1, 7))
    b.put(s, 1, 9, "作成年月日", style=C)
    b.put(s, 1, 10, _date(p.created_on, ds), style=C, merge=(1, 11))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name + "　殿", style=C)
    b.put(s, 3, 1, "生活全般の解決すべき課題（ニーズ）", style=H, merge=(4, 1))
    b.put(s, 3, 2, "目標", style=H, merge=(3, 5))
    b.put(s, 3, 6, "援助内容", style=H, merge=(3, 11))
    for i, h in enumerate(["長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1", "サービス種別", "※2",
                           "頻度", "期間"], start=2):
        b.put(s, 4, i, h, style=H)
    col = {k: v for k, v in zip(("need", "long", "long_period", "short", "short_period", "content", "insured", "kind",
                                 "provider", "freq", "period"), range(1, 12))}
    target = b if keyed else Book()  # the previous plan's cells record no field keys
    if not keyed:
        target.sheets = b.sheets
    end = put_t2_merged(target, s, p, 5, col, lambda key, a, z: (p.raw.get(key) if keyed and key in p.raw else
                                                                 T.period(a, z, "long", sep="～\n")), C)
    b.put(s, end + 1, 1, "※1「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスについては○印を付す。")
    b.put(s, end + 2, 1, "※2「当該サービス提供を行う事業所」について記入する。")
    for c, w in {1: 24, 2: 20, 3: 13, 4: 20, 5: 13, 6: 24, 7: 4, 8: 12, 9: 16, 10: 8, 11: 13}.items():
        b.width(s, c, w)


def form3(b: Book, p: Plan, s: str) -> None:
    b.put(s, 1, 1, "第３表", style=Style(border=True))
    b.put(s, 1, 3, "週間サービス計画表", style=TITLE, merge=(1, 7))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name + "　殿", style=C, merge=(2, 3))
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


def form4(b: Book, p: Plan, s: str, ds: str, keyed: bool) -> None:
    m = p.meeting
    if m is None:
        return

    def k(key):
        return key if keyed else None

    b.put(s, 1, 1, "第４表", style=Style(border=True))
    b.put(s, 1, 2, "サービス担当者会議の要点", style=TITLE, merge=(1, 6))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name + "　殿", style=C, merge=(2, 3))
    b.put(s, 2, 4, "居宅サービス計画作成者（担当者）氏名", style=C, merge=(2, 5))
    b.put(s, 2, 6, p.care_manager, style=C, merge=(2, 8))
    b.put(s, 3, 1, "開催日", style=C)
    held = p.raw.get("t4.held_on") if keyed else None
    b.put(s, 3, 2, held if held is not None else _date(m.held_on, ds), key=k("t4.held_on"), style=C)
    b.put(s, 3, 3, "開催場所", style=C)
    b.put(s, 3, 4, m.place, style=C)
    b.put(s, 3, 5, "開催時間", style=C)
    b.put(s, 3, 6, f"{m.start_time}～{m.end_time}" if m.held_on else "", style=C)
    b.put(s, 3, 7, "開催回数", style=C)
    b.put(s, 3, 8, "1", style=C)
    n_rows = (len(m.attendees) + 1) // 2
    b.put(s, 4, 1, "会議出席者", key=k("t4.attendees"), style=C, merge=(4 + n_rows, 1))
    for i, h in enumerate(["所属（職種）", "氏名", "所属（職種）", "氏名"]):
        b.put(s, 4, 2 + 2 * i, h, style=H, merge=(4, 3 + 2 * i))
    for i, (role, name) in enumerate(m.attendees):
        r_, c_ = 5 + i // 2, 2 + 4 * (i % 2)
        b.put(s, r_, c_, role, style=C, merge=(r_, c_ + 1))
        b.put(s, r_, c_ + 2, name, style=C, merge=(r_, c_ + 3))
        if keyed and i < 2:
            b.place("t4.attendees", s, a1(r_, c_))
    row = 5 + n_rows
    for label, key, v in [("検討した項目", "t4.topics", m.topics), ("検討内容", "t4.discussion", m.discussion),
                          ("結論", "t4.conclusion", m.conclusion),
                          ("残された課題（次回の開催時期）", "t4.remaining", m.remaining)]:
        b.put(s, row, 1, label, style=C)
        b.put(s, row, 2, v, key=k(key), style=C, merge=(row + 1, 9))
        row += 2


def previous_plan(p: Plan, r: random.Random) -> Plan:
    """The plan before this one: its certification ended the day before this one's began (or six months back),
    every date of it moved back accordingly; the same person, other goals."""
    from ..generate import TODAY

    prev = make_plan(p.pid + "-prev", r.randrange(10**6), TODAY)
    start_now = p.cert_start or (p.created_on or dt.date(2026, 4, 1)).replace(day=1)
    new_end = start_now - dt.timedelta(days=1)
    shift = new_end - prev.cert_end
    if shift.days > -120:  # keep the previous plan well before this one
        shift -= dt.timedelta(days=180)

    def mv(d):
        return None if d is None else d + shift

    for f in ("certified_on", "cert_start", "cert_end", "created_on", "consent_on", "delivered_on", "assessed_on"):
        setattr(prev, f, mv(getattr(prev, f)))
    prev.plan_kind = "継続"
    prev.first_created_on = p.first_created_on
    if p.first_created_on is None or prev.created_on < p.first_created_on:
        prev.plan_kind, prev.first_created_on = "初回", prev.created_on
    for n in prev.needs:
        for lg in n.longs:
            lg.start, lg.end = mv(lg.start), mv(lg.end)
            for sg in lg.shorts:
                sg.start, sg.end = mv(sg.start), mv(sg.end)
                for sv in sg.services:
                    sv.start, sv.end = mv(sv.start), mv(sv.end)
    if prev.meeting:
        prev.meeting.held_on = mv(prev.meeting.held_on)
        prev.meeting.attendees = [("本人", p.user_name)] + prev.meeting.attendees[1:]
    for f in ("user_name", "kana", "sex", "birth", "address", "care_manager", "office"):
        setattr(prev, f, getattr(p, f))
    return prev


def _assessment(b: Book, p: Plan, ds: str, s: str) -> None:
    b.put(s, 1, 1, "アセスメント（課題分析標準項目）", style=TITLE, merge=(1, 4))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name, style=C)
    b.put(s, 2, 4, "アセスメント実施日", style=C)
    b.put(s, 2, 5, p.raw.get("as.assessed_on", _date(p.assessed_on, ds)), key="as.assessed_on", style=C)
    for c, h in enumerate(["No.", "課題分析標準項目", "状況", "課題の有無", "関連ニーズ番号"], start=1):
        b.put(s, 4, c, h, style=H)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, n, style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, key=f"as.i{n}.status", style=C)
        b.put(s, row, 4, "有" if it.issue else "無", style=C)
        b.put(s, row, 5, "、".join(str(x) for x in it.needs), key=f"as.i{n}.refs", style=C)
        row += 1


def _monitoring(b: Book, p: Plan, ds: str) -> None:
    s = "モニタリング記録"
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリング記録", style=TITLE, merge=(1, 3))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name, style=C)
    for c, h in enumerate(["予定日", "種別", "実施日", "方法", "内容・評価"], start=1):
        b.put(s, 4, c, h, style=H)
    for i, v in enumerate(p.visits):
        row = 5 + i
        b.put(s, row, 1, _date(v.planned, ds), style=C)
        b.put(s, row, 2, v.kind, style=C)
        b.put(s, row, 3, _date(v.done, ds), key=f"mon.r{i}.done_on", style=C)
        b.place(f"mon.r{i}.done_on", s, a1(row, 3))
        b.put(s, row, 4, v.method, style=C)
        b.put(s, row, 5, v.note, key=f"mon.r{i}.note", style=C)
        b.place(f"mon.r{i}.note", s, a1(row, 5))


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    ds = r.choice(["long", "xdate"])
    cstyle = r.choice(["caption", "printed"])
    link = r.random() < 0.5
    radio = r.random() < 0.5
    names = r.choice(["paren", "front", "iso"])
    # a 継続 plan follows the previous certification's plan, kept in the workbook
    prev = previous_plan(p, random.Random(r.random())) if p.plan_kind == "継続" else None
    keep_prev_t4 = r.random() < 0.6
    prev_first = r.random() < 0.5

    def current():
        form1(b, p, _sheet_name("第1表", p.created_on, names), ds, cstyle, link, radio, True)
        form2(b, p, _sheet_name("第2表", p.created_on, names), ds, True)
        form3(b, p, _sheet_name("第3表", p.created_on, names))
        form4(b, p, _sheet_name("第4表", p.created_on, names), ds, True)

    def previous():
        form1(b, prev, _sheet_name("第1表", prev.created_on, names), ds, cstyle, link, radio, False)
        form2(b, prev, _sheet_name("第2表", prev.created_on, names), ds, False)
        if keep_prev_t4:
            form4(b, prev, _sheet_name("第4表", prev.created_on, names), ds, False)

    if prev is None:
        current()
    elif prev_first:
        previous()
        current()
    else:
        current()
        previous()
    _assessment(b, p, ds, _sheet_name("アセスメント", p.assessed_on or p.created_on, names))
    _monitoring(b, p, ds)
    return b
