"""Held out, written blind (round 5): an "input-assist" Excel template of the kind 介護支援専門員協会 branches and
care-manager blogs hand out — drop-downs, split date cells, hints beside the form, a two-line 第2表, a half-hour
週間計画 and a monitoring sheet with one column per month.

- choices as data-validation drop-downs showing the chosen word (「継続」「認定済」「要介護２」「1.一人暮らし」); a
  drop-down nobody chose still shows the template's placeholder 「▼選択」 (算定理由 when there is no 生活援助);
- dates in split cells: 「令和 | 8 | 年 | 4 | 月 | 10 | 日」 (numbers, or full-width text), the blank date keeps
  「令和 |  | 年 |  | 月 |  | 日」; 認定の有効期間 two such dates around 「～」;
- a 「記入のポイント」 column right of the 第1表 with the template's hints 「（記入例）…」 left in;
- headers in half-width katakana in some workbooks (「ｻｰﾋﾞｽ内容」「ｻｰﾋﾞｽ種別」「（ﾆｰｽﾞ）」), as old templates have;
- 第2表 with 援助内容 over TWO lines per service: サービス内容 and ※1 merged over both, 「サービス種別」 over 「※2」 and
  「頻度」 over 「期間」; the form's unused service slots keep 「▼選択」 in the サービス種別 drop-down;
- 第3表 as a half-hour grid 6:00〜21:30 (the time written on the hour rows only), services merged over their slots;
- 第4表 with the attendees one a row (所属 | 職種 | 氏名);
- アセスメント with 課題 as a drop-down あり / なし (or the placeholder left in on items without a problem);
- モニタリング across: one COLUMN per visit, headed by its month (「5月」「R8.5」), rows 予定日 / 実施日 / 実施方法 /
  訪問場所 / 目標の達成状況・確認内容.
Not part of ``layouts.NAMES``: run it with ``--layouts blind5_b``.
"""

from __future__ import annotations

import random
import re

from .. import text as T
from ..book import Book, Style, XDate, a1
from ..plan import ITEMS, WEEKDAYS, Plan

NAME = "blind5_b"
MODELS = "an input-assist template: drop-downs with ▼選択, split date cells, hints, two-line 第2表, half-hour 第3表, monitoring by month columns (held out, written blind)"
PLANNED_DATES = True

C = Style(border=True, wrap=True)
H = Style(border=True, wrap=True, bold=True, center=True)
TITLE = Style(bold=True, size=14)
ZEN = str.maketrans("0123456789", "０１２３４５６７８９")
PLACEHOLDER = "▼選択"
HAN = {"サービス内容": "ｻｰﾋﾞｽ内容", "サービス種別": "ｻｰﾋﾞｽ種別", "（ニーズ）": "（ﾆｰｽﾞ）", "モニタリング": "ﾓﾆﾀﾘﾝｸﾞ"}


def _num(v: int, zen: bool):
    return str(v).translate(ZEN) if zen else v


def split_date(b: Book, s: str, row: int, col: int, d, zen: bool, key: str | None, raw: str | None = None) -> int:
    """「令和 | y | 年 | m | 月 | d | 日」 from ``col``; returns the next free column."""
    parts: tuple = ("", "", "")
    if raw is not None:
        nums = re.findall(r"\d+", raw.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
        parts = tuple(int(x) for x in nums[:3])
    elif d is not None:
        parts = (T.reiwa(d), d.month, d.day)
    b.put(s, row, col, "令和", style=C)
    for i, (v, unit) in enumerate(zip(parts, "年月日")):
        c = col + 1 + 2 * i
        b.put(s, row, c, _num(v, zen) if v != "" else "", style=C)
        b.put(s, row, c + 1, unit, style=C)
        if key:
            b.place(key, s, a1(row, c))
    if key:
        b.place(key, s, a1(row, col))
    return col + 7


def form1(b: Book, p: Plan, s: str, zen: bool, han: bool, r: random.Random) -> None:
    sh = b.sheet(s)
    b.put(s, 1, 1, "第1表", style=Style(border=True))
    b.put(s, 1, 3, "居宅サービス計画書（1）", style=TITLE, merge=(1, 8))
    b.put(s, 2, 1, "計画区分", style=C)
    b.put(s, 2, 2, p.plan_kind or PLACEHOLDER, key="t1.plan_kind", style=C, merge=(2, 3))
    sh.validations.append((a1(2, 2), ["初回", "紹介", "継続"]))
    b.put(s, 2, 5, "認定区分", style=C)
    b.put(s, 2, 6, p.cert_status or PLACEHOLDER, key="t1.certification_status", style=C, merge=(2, 7))
    sh.validations.append((a1(2, 6), ["認定済", "申請中"]))
    b.put(s, 3, 1, "利用者名", style=C)
    b.put(s, 3, 2, p.user_name, key="t1.user_name", style=C, merge=(3, 4))
    b.put(s, 3, 5, "様", style=C)
    b.put(s, 3, 6, "生年月日", style=C)
    b.put(s, 3, 7, T.showa(p.birth), key="t1.birth_date", style=C, merge=(3, 9))
    b.put(s, 3, 10, "住所", style=C)
    b.put(s, 3, 11, p.address, key="t1.address", style=C, merge=(3, 14))
    b.put(s, 4, 1, "居宅サービス計画作成者氏名", style=C, merge=(4, 3))
    b.put(s, 4, 4, p.care_manager, key="t1.care_manager", style=C, merge=(4, 14))
    b.put(s, 5, 1, "居宅介護支援事業者・事業所名及び所在地", style=C, merge=(5, 3))
    b.put(s, 5, 4, p.office, key="t1.office", style=C, merge=(5, 14))
    dates = [(6, "居宅サービス計画作成（変更）日", "t1.created_on", p.created_on),
             (7, "初回居宅サービス計画作成日", "t1.first_created_on", p.first_created_on),
             (8, "認定日", "t1.certified_on", p.certified_on)]
    for row, label, key, d in dates:
        b.put(s, row, 1, label, style=C, merge=(row, 3))
        split_date(b, s, row, 4, d, zen, key, p.raw.get(key))
    b.put(s, 9, 1, "認定の有効期間", style=C, merge=(9, 3))
    nxt = split_date(b, s, 9, 4, p.cert_start, zen, "t1.cert_period", p.raw.get("t1.cert_period"))
    b.put(s, 9, nxt, "～", style=C)
    split_date(b, s, 9, nxt + 1, p.cert_end, zen, "t1.cert_period")
    b.put(s, 10, 1, "要介護状態区分", style=C, merge=(10, 3))
    lv = p.care_level.translate(ZEN) if p.care_level and zen else p.care_level
    b.put(s, 10, 4, lv or PLACEHOLDER, key="t1.care_level", style=C, merge=(10, 6))
    sh.validations.append((a1(10, 4), ["要支援1", "要支援2"] + T.LEVELS))
    row = 11
    hints = {"t1.user_intent": "（記入例）本人：「〇〇したい」　家族：「〇〇してほしい」と、それぞれの言葉で記入",
             "t1.committee_opinion": "（記入例）被保険者証に記載がなければ「なし」と記入",
             "t1.overall_policy": "（記入例）緊急時の連絡先や対応の方法も記入する"}
    for label, key, v, h in [("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "t1.user_intent", p.user_intent, 3),
                             ("介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion, 1),
                             ("総合的な援助の方針", "t1.overall_policy", p.overall_policy, 3)]:
        b.put(s, row, 1, label, style=C, merge=(row + h - 1, 3))
        b.put(s, row, 4, v, key=key, style=C, merge=(row + h - 1, 14))
        b.put(s, row, 16, hints[key], style=Style(wrap=True, size=8))
        row += h
    b.put(s, row, 1, "生活援助中心型の算定理由", style=C, merge=(row, 3))
    reasons = {1: "1.一人暮らし", 2: "2.家族等が障害、疾病等", 3: "3.その他"}
    b.put(s, row, 4, reasons.get(p.living_reason, PLACEHOLDER), key="t1.living_support_reason", style=C,
          merge=(row, 6))
    sh.validations.append((a1(row, 4), list(reasons.values())))
    b.put(s, row, 7, "（その他の内容）", style=C, merge=(row, 8))
    b.put(s, row, 9, p.living_other if p.living_reason == 3 else "", style=C, merge=(row, 14))
    b.put(s, row, 16, "（記入例）訪問介護で生活援助中心型を位置付ける場合に選択", style=Style(wrap=True, size=8))
    row += 2
    b.put(s, row, 1, "居宅サービス計画について説明を受け、内容に同意し交付を受けました。", merge=(row, 12))
    row += 1
    b.put(s, row, 1, "説明・同意日", style=C, merge=(row, 3))
    split_date(b, s, row, 4, p.consent_on, zen, "t1.consent_on", p.raw.get("t1.consent_on"))
    b.put(s, row, 12, "利用者同意欄", style=C)
    b.put(s, row, 13, "", style=C, merge=(row, 14))
    row += 1
    b.put(s, row, 1, "交付日", style=C, merge=(row, 3))
    split_date(b, s, row, 4, p.delivered_on, zen, "t1.delivered_on", p.raw.get("t1.delivered_on"))
    b.put(s, 1, 16, "記入のポイント", style=Style(bold=True))
    for c, w in {1: 9, 2: 9, 3: 9, 4: 5, 5: 4, 6: 3, 7: 4, 8: 3, 9: 4, 10: 3, 16: 40}.items():
        b.width(s, c, w)


def _period(p: Plan, key: str, a, z, style: str) -> str:
    raw = p.raw.get(key)
    if raw is not None:
        return raw
    if a is None and z is None:
        return ""
    if style == "mix":  # typed with the IME: the era letter full-width, the numbers half-width
        return f"Ｒ{T.reiwa(a)}.{a.month}.{a.day}～R{T.reiwa(z)}.{z.month}.{z.day}" if a and z else \
            T.period(a, z, "short")
    return T.period(a, z, "long", sep="～\n")


def form2(b: Book, p: Plan, s: str, han: bool, pstyle: str, slots: int) -> None:
    def hk(t: str) -> str:
        if han:
            for k, v in HAN.items():
                t = t.replace(k, v)
        return t

    sh = b.sheet(s)
    b.put(s, 1, 1, "第2表", style=Style(border=True))
    b.put(s, 1, 3, "居宅サービス計画書（2）", style=TITLE, merge=(1, 6))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name + "　様", style=C)
    b.put(s, 3, 1, hk("生活全般の解決すべき課題（ニーズ）"), style=H, merge=(5, 1))
    b.put(s, 3, 2, "目標", style=H, merge=(3, 5))
    b.put(s, 3, 6, "援助内容", style=H, merge=(3, 9))
    for c, h in zip(range(2, 8), ["長期目標", "（期間）", "短期目標", "（期間）", hk("サービス内容"), "※1"]):
        b.put(s, 4, c, h, style=H, merge=(5, c))
    b.put(s, 4, 8, hk("サービス種別"), style=H)
    b.put(s, 5, 8, "※2", style=H)
    b.put(s, 4, 9, "頻度", style=H)
    b.put(s, 5, 9, "期間", style=H)
    row = 6
    used = 0
    for i, n in enumerate(p.needs):
        n_top = row
        for j, lg in enumerate(n.longs):
            l_top = row
            for k, sg in enumerate(lg.shorts):
                s_top = row
                base = f"t2.n{i}.l{j}.s{k}"
                for m, sv in enumerate(sg.services):
                    key = f"{base}.v{m}"
                    b.put(s, row, 6, sv.content, key=f"{key}.content", style=C, merge=(row + 1, 6))
                    b.put(s, row, 7, "○" if sv.insured else "", key=f"{key}.insured", style=C, merge=(row + 1, 7))
                    b.put(s, row, 8, sv.kind, key=f"{key}.kind", style=C)
                    sh.validations.append((a1(row, 8), ["訪問介護", "訪問看護", "通所介護", "福祉用具貸与"]))
                    b.put(s, row, 9, sv.freq, key=f"{key}.freq", style=C)
                    b.put(s, row + 1, 8, sv.provider, key=f"{key}.provider", style=C)
                    b.put(s, row + 1, 9, _period(p, f"{key}.period", sv.start, sv.end, pstyle), key=f"{key}.period",
                          style=C)
                    row += 2
                    used += 1
                b.put(s, s_top, 4, sg.text, key=f"{base}.text", style=C, merge=(row - 1, 4))
                b.put(s, s_top, 5, _period(p, f"{base}.period", sg.start, sg.end, pstyle), key=f"{base}.period",
                      style=C, merge=(row - 1, 5))
            b.put(s, l_top, 2, lg.text, key=f"t2.n{i}.l{j}.text", style=C, merge=(row - 1, 2))
            b.put(s, l_top, 3, _period(p, f"t2.n{i}.l{j}.period", lg.start, lg.end, pstyle),
                  key=f"t2.n{i}.l{j}.period", style=C, merge=(row - 1, 3))
        b.put(s, n_top, 1, n.text, key=f"t2.n{i}.text", style=C, merge=(row - 1, 1))
    for _ in range(max(0, slots - used)):  # the form's unused slots: the drop-down's placeholder left in
        for c in (1, 2, 3, 4, 5, 6, 7):
            b.put(s, row, c, "", style=C, merge=(row + 1, c))
        b.put(s, row, 8, PLACEHOLDER, style=C)
        sh.validations.append((a1(row, 8), ["訪問介護", "訪問看護", "通所介護", "福祉用具貸与"]))
        b.put(s, row, 9, "", style=C)
        b.put(s, row + 1, 8, "", style=C)
        b.put(s, row + 1, 9, "", style=C)
        row += 2
    b.put(s, row, 1, "※1「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスについては○印を付す。")
    b.put(s, row + 1, 1, "※2「当該サービス提供を行う事業所」について記入する。")
    for c, w in {1: 24, 2: 20, 3: 14, 4: 20, 5: 14, 6: 26, 7: 4, 8: 20, 9: 14}.items():
        b.width(s, c, w)


def form3(b: Book, p: Plan, s: str) -> None:
    b.put(s, 1, 1, "第3表", style=Style(border=True))
    b.put(s, 1, 3, "週間サービス計画表", style=TITLE, merge=(1, 7))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name + "　様", style=C, merge=(2, 3))
    b.put(s, 3, 1, "時間", style=H)
    for c, day in enumerate(WEEKDAYS, start=2):
        b.put(s, 3, c, day, style=H)
    b.put(s, 3, 9, "主な日常生活上の活動", style=H)
    first_h, last_h = 6, 22
    nslots = (last_h - first_h) * 2
    for i in range(nslots):
        h, half = first_h + i // 2, i % 2
        b.put(s, 4 + i, 1, f"{h}:00" if not half else "", style=C)
        act = p.activities.get(f"{h:02d}:00") if not half else None
        if act:
            b.put(s, 4 + i, 9, act, style=C)
    seen = set()
    taken: set[tuple[int, int]] = set()
    for sv in p.weekly_services():
        if sv.group in seen:
            continue
        seen.add(sv.group)
        hh, mm = map(int, sv.time.split(":"))
        top = 4 + (hh - first_h) * 2 + (mm >= 30)
        span = sv.rows * 4 if sv.rows > 1 else 2
        for day in sv.days:
            col = 2 + WEEKDAYS.index(day)
            t = top
            while (t, col) in taken:  # a visit during a longer one (訪問入浴 during the day service): the next free slot
                t += 1
            last = t
            while last + 1 < min(t + span, 4 + nslots) and (last + 1, col) not in taken:
                last += 1
            taken |= {(x, col) for x in range(t, last + 1)}
            b.put(s, t, col, sv.weekly_label, style=C, merge=(last, col) if last > t else None)
    row = 5 + nslots
    b.put(s, row, 1, "週単位以外のサービス", style=C)
    b.put(s, row, 2, p.non_weekly, style=C, merge=(row, 9))


def form4(b: Book, p: Plan, s: str, zen: bool) -> None:
    m = p.meeting
    if m is None:
        return
    b.put(s, 1, 1, "第4表", style=Style(border=True))
    b.put(s, 1, 2, "サービス担当者会議の要点", style=TITLE, merge=(1, 6))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name + "　様", style=C)
    b.put(s, 3, 1, "開催日", style=C)
    raw = p.raw.get("t4.held_on")
    if raw is not None:
        b.put(s, 3, 2, raw, key="t4.held_on", style=C, merge=(3, 8))
    else:
        split_date(b, s, 3, 2, m.held_on, zen, "t4.held_on")
    b.put(s, 4, 1, "開催場所", style=C)
    b.put(s, 4, 2, m.place, style=C, merge=(4, 4))
    b.put(s, 4, 5, "開催時間", style=C)
    b.put(s, 4, 6, f"{m.start_time}～{m.end_time}", style=C, merge=(4, 8))
    b.put(s, 5, 1, "会議出席者", key="t4.attendees", style=H, merge=(5 + len(m.attendees), 1))
    for c, h in zip((2, 4, 6), ("所属", "職種", "氏名")):
        b.put(s, 5, c, h, style=H, merge=(5, c + 1))
    for i, (role, name) in enumerate(m.attendees):
        org, _, job = role.partition("（")
        if not job and org in ("本人", "長女", "長男"):
            org, job = ("本人" if org == "本人" else "家族"), org
        rr = 6 + i
        b.put(s, rr, 2, org, style=C, merge=(rr, 3))
        b.put(s, rr, 4, job.rstrip("）"), style=C, merge=(rr, 5))
        b.put(s, rr, 6, name, style=C, merge=(rr, 8))
        if i < 2:
            b.place("t4.attendees", s, a1(rr, 2))
    row = 6 + len(m.attendees)
    for label, key, v in [("検討した項目", "t4.topics", m.topics), ("検討内容", "t4.discussion", m.discussion),
                          ("結論", "t4.conclusion", m.conclusion),
                          ("残された課題（次回の開催時期）", "t4.remaining", m.remaining)]:
        b.put(s, row, 1, label, style=C)
        b.put(s, row, 2, v, key=key, style=C, merge=(row, 8))
        row += 1


def _assessment(b: Book, p: Plan, zen: bool, leave: bool) -> None:
    s = "アセスメント"
    sh = b.sheet(s)
    b.put(s, 1, 1, "課題分析標準項目", style=TITLE, merge=(1, 4))
    b.put(s, 2, 1, "実施日", style=C)
    raw = p.raw.get("as.assessed_on")
    if raw is not None:
        b.put(s, 2, 2, raw, key="as.assessed_on", style=C, merge=(2, 8))
    else:
        split_date(b, s, 2, 2, p.assessed_on, zen, "as.assessed_on")
    for c, h in enumerate(["No", "項目", "状況", "課題", "ニーズNo"], start=1):
        b.put(s, 4, c, h, style=H)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, n, style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, key=f"as.i{n}.status", style=C)
        b.put(s, row, 4, "あり" if it.issue else (PLACEHOLDER if leave else "なし"), style=C)
        sh.validations.append((a1(row, 4), ["あり", "なし"]))
        b.put(s, row, 5, ",".join(str(x) for x in it.needs), key=f"as.i{n}.refs", style=C)
        row += 1


def _monitoring(b: Book, p: Plan, zen: bool, r: random.Random, han: bool) -> None:
    s = "ﾓﾆﾀﾘﾝｸﾞ" if han else "モニタリング"
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリング表（月別）", style=TITLE, merge=(1, 4))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name + "　様", style=C)
    heads = ["対象月", "予定日", "実施日", "実施方法", "訪問場所", "目標の達成状況・確認内容"]
    for i, h in enumerate(heads):
        b.put(s, 4 + i, 1, h, style=H)
    mstyle = r.choice(["month", "reiwa"])
    dstyle = r.choice(["md", "short"])

    def d(v):
        if v is None:
            return ""
        return XDate(v, "m/d") if dstyle == "md" else T.wareki(v, "short")

    for i, v in enumerate(p.visits):
        c = 2 + i
        mon = v.planned or v.done
        b.put(s, 4, c, (f"{mon.month}月" if mstyle == "month" else f"R{T.reiwa(mon)}.{mon.month}") if mon else "",
              style=H)
        b.put(s, 5, c, d(v.planned), style=C)
        b.put(s, 6, c, d(v.done), key=f"mon.r{i}.done_on", style=C)
        phone = "電話" in v.method
        b.put(s, 7, c, "" if not v.done else ("電話" if phone else "訪問"), style=C)
        b.put(s, 8, c, "" if not v.done or phone else "自宅", style=C)
        b.put(s, 9, c, v.note, key=f"mon.r{i}.note", style=C)
        b.width(s, c, 18)
    b.width(s, 1, 16)


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    zen = r.random() < 0.4
    han = r.random() < 0.5
    pstyle = r.choice(["long", "mix"])
    nsv = sum(1 for _ in p.services())
    form1(b, p, "居宅サービス計画書(1)", zen, han, r)
    form2(b, p, "居宅サービス計画書(2)", han, pstyle, max(nsv + 2, r.choice((10, 12))))
    form3(b, p, "週間サービス計画表")
    form4(b, p, "サービス担当者会議の要点", zen)
    _assessment(b, p, zen, r.random() < 0.4)
    _monitoring(b, p, zen, r, han)
    return b
