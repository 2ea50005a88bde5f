"""A held-out layout written blind: a care-software print export (the kind ほのぼの / カナミック / ワイズマン-like
systems give when a plan is "printed to Excel"), written without reading the reader's code and without running the
scorer on it until it was committed.

What differs from the other layouts: the 第1表〜第4表 either one a sheet (sheet names of the system: 「帳票_第1表」,
「ケアプラン1」, 「居宅サービス計画書(1)」…) or stacked on ONE long sheet, page after page, each page repeating its
「被保険者氏名」 header; labels in the system's words (「被保険者氏名」「被保険者番号」「作成年月日」「有効期間」
「要介護度」), the 意向 split in 「ご本人の意向」「ご家族の意向」「課題分析の結果」 rows (some systems), dates in
mixed 和暦 styles inside one workbook (「令和8年4月10日」「R08.04.10」「令和８年４月１０日」「令和 8年 4月10日」
「令和8年(2026年)4月10日」, and, typed over by hand, 「R8/4/10」 or the era left out 「8/4/10」), 要介護度 as
「介護２」「要介護２」 or a printed row with ● before the level, 認定の有効期間 as 「…から…まで」, needs numbered
「#1」, サービス種別 with the 種類コード 「15 通所介護」, 頻度 as 「2回/週」「週2回（火・金）」「1回/月」, periods
broken over lines, 第3表 with the 深夜/早朝/午前/午後/夜間 band column, 第4表 with three 所属（職種）/氏名 pairs a
row, アセスメント with 有/無 and 「#1,#3」, モニタリング評価表 with 対象年月 / 実施日 / 実施場所 / 区分.

Not part of ``layouts.NAMES``: run it with ``--layouts blind_export``.
"""

from __future__ import annotations

import random
import re

from .. import text as T
from ..book import Book, Style, a1
from ..plan import ITEMS, WEEKDAYS, Plan

NAME = "blind_export"
MODELS = "a care-software print export (held out, written blind)"
PLANNED_DATES = True  # 対象年月 says which month a blank 実施日 is for

C = Style(border=True, wrap=True)
H = Style(border=True, wrap=True, bold=True, center=True)
TITLE = Style(bold=True, size=14, center=True)
KIND_CODES = {"訪問介護": "11", "訪問入浴介護": "12", "訪問看護": "13", "訪問リハビリテーション": "14",
              "通所介護": "15", "通所リハビリテーション": "16", "福祉用具貸与": "17", "特定福祉用具販売": "41"}
SHEETS = [("帳票_第1表", "帳票_第2表", "帳票_第3表", "帳票_第4表", "帳票_課題分析", "帳票_モニタリング"),
          ("ケアプラン1", "ケアプラン2", "ケアプラン3", "ケアプラン4", "アセスメント", "モニタリング評価表"),
          ("居宅サービス計画書(1)", "居宅サービス計画書(2)", "週間サービス計画表", "サービス担当者会議の要点",
           "課題分析表", "評価表")]
ONE_SHEET = "居宅サービス計画書"


def _date(d, style: str) -> str:
    if d is None:
        return ""
    y = T.reiwa(d)
    if style == "long":
        return f"令和{y}年{d.month}月{d.day}日"
    if style == "zen":
        return f"令和{y}年{d.month}月{d.day}日".translate(T.ZEN)
    if style == "pad":
        return f"R{y:02d}.{d.month:02d}.{d.day:02d}"
    if style == "spaced":
        return f"令和{y:2d}年{d.month:2d}月{d.day:2d}日"
    if style == "both":
        return f"令和{y}年({d.year}年){d.month}月{d.day}日"
    if style == "rslash":
        return f"R{y}/{d.month}/{d.day}"
    if style == "bare":  # the era left out, as typed by hand into the export
        return f"{y}/{d.month}/{d.day}"
    raise ValueError(style)


class Dates:
    """One main style a workbook, some fields typed over by hand in another."""

    def __init__(self, p: Plan, r: random.Random) -> None:
        self.p, self.r = p, r
        self.main = r.choice(["long", "zen", "pad", "spaced", "both"])
        self.hand = r.choice(["rslash", "bare", "pad", "long"])

    def __call__(self, key: str | None, d) -> str:
        raw = self.p.raw.get(key) if key else None
        if raw is not None:
            return raw
        return _date(d, self.hand if self.r.random() < 0.25 else self.main)

    def period(self, key: str | None, a, z, how: str) -> str:
        raw = self.p.raw.get(key) if key else None
        if raw is not None:
            return raw
        if a is None and z is None:
            return ""
        x, y = _date(a, self.main) if a else "", _date(z, self.main) if z else ""
        if how == "kara":
            return f"{x}から{y}まで" if y else f"{x}から"
        if how == "lines":
            return f"{x}\n～\n{y}"
        return f"{x} ～ {y}"


def _freq(sv) -> str:
    f = sv.freq
    m = re.fullmatch(r"(週|月)(\d+)回(.*)", f)
    if not m:
        return f
    unit, n, rest = m.groups()
    if rest:  # already 「週2回（月・木）」
        return f
    if unit == "週" and sv.days and len(sv.days) == int(n):
        return f"週{n}回（{'・'.join(sv.days)}）"
    return f"{n}回/{unit}"


def _intent_parts(text: str) -> tuple[str, str, str]:
    parts = [x + "。" for x in text.split("。") if x]
    if len(parts) < 3:
        return text, "", ""
    me = re.sub(r"^本人[：:]", "", parts[0])
    return me, parts[1], "".join(parts[2:])


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    one = r.random() < 0.35
    names = r.choice(SHEETS)
    dt_ = Dates(p, r)
    lab = {
        "name": r.choice(["被保険者氏名", "利用者氏名", "利用者名"]),
        "created": r.choice(["居宅サービス計画作成（変更）日", "作成年月日", "計画作成日"]),
        "first": r.choice(["初回居宅サービス計画作成日", "初回作成日"]),
        "cert": r.choice(["認定日", "認定年月日"]),
        "period": r.choice(["認定の有効期間", "有効期間", "認定有効期間"]),
        "level": r.choice(["要介護状態区分", "要介護度"]),
        "policy": r.choice(["総合的な援助の方針", "総合的な支援の方針"]),
        "consent": r.choice(["説明・同意日", "同意年月日"]),
        "delivered": r.choice(["交付日", "交付年月日"]),
    }
    style = {"choice": r.choice(["word", "marks"]), "level": r.choice(["kaigo", "zen", "printed"]),
             "period": r.choice(["kara", "wave"]), "t2period": r.choice(["lines", "wave"]),
             "split_intent": r.random() < 0.5, "codes": r.random() < 0.5, "hash_nl": r.random() < 0.5}
    sheet = (lambda i: ONE_SHEET) if one else (lambda i: names[i])
    row = _t1(b, p, r, sheet(0), 1, dt_, lab, style)
    row = _t2(b, p, r, sheet(1), row + 2 if one else 1, dt_, lab, style)
    row = _t3(b, p, r, sheet(2), row + 2 if one else 1, lab)
    _t4(b, p, r, sheet(3), row + 2 if one else 1, dt_, lab)
    _assessment(b, p, r, names[4], dt_)
    _monitoring(b, p, r, names[5], dt_)
    return b


def _page_head(b: Book, s: str, row: int, title: str, p: Plan, lab: dict) -> int:
    b.put(s, row, 1, title, style=TITLE, merge=(row, 12))
    b.put(s, row + 1, 1, lab["name"], style=C, merge=(row + 1, 2))
    b.put(s, row + 1, 3, p.user_name + "　様", style=C, merge=(row + 1, 5))
    b.put(s, row + 1, 6, "居宅サービス計画作成者氏名", style=C, merge=(row + 1, 8))
    b.put(s, row + 1, 9, p.care_manager, style=C, merge=(row + 1, 12))
    return row + 2


def _t1(b: Book, p: Plan, r: random.Random, s: str, top: int, d: Dates, lab: dict, st: dict) -> int:
    b.put(s, top, 1, "居宅サービス計画書（１）", style=TITLE, merge=(top, 12))
    b.put(s, top + 1, 9, lab["created"], style=C, merge=(top + 1, 10))
    b.put(s, top + 1, 11, d("t1.created_on", p.created_on), key="t1.created_on", style=C, merge=(top + 1, 12))
    row = top + 2
    kinds, states = ["初回", "紹介", "継続"], ["認定済", "申請中"]
    if st["choice"] == "word":
        b.put(s, row, 1, "計画区分", style=C, merge=(row, 2))
        b.put(s, row, 3, p.plan_kind, key="t1.plan_kind", style=C, merge=(row, 4))
        b.put(s, row, 5, "認定区分", style=C, merge=(row, 6))
        b.put(s, row, 7, p.cert_status or "", style=C, merge=(row, 8))
    else:
        b.put(s, row, 1, T.printed_choice(kinds, kinds.index(p.plan_kind), "●", sep="　・　"), key="t1.plan_kind",
              style=C, merge=(row, 5))
        b.put(s, row, 7, T.printed_choice(states, 0 if p.cert_status == "認定済" else None, "●", sep="　・　"),
              style=C, merge=(row, 10))
    row += 1
    b.put(s, row, 1, "被保険者番号", style=C, merge=(row, 2))
    b.put(s, row, 3, f"{r.randint(0, 9999999999):010d}".translate(T.ZEN), style=C, merge=(row, 5))
    b.put(s, row, 6, "保険者番号", style=C, merge=(row, 7))
    b.put(s, row, 8, r.choice(["012047", "012211"]), style=C, merge=(row, 9))
    row += 1
    age = 2026 - p.birth.year - ((4, 1) < (p.birth.month, p.birth.day))
    for items in ([(lab["name"], p.user_name + r.choice(["", "　様"]), "t1.user_name", 3),
                   ("生年月日", f"{T.showa(p.birth)}（{age}歳）", "t1.birth_date", 3), ("性別", p.sex, None, 1)],
                  [("住所", p.address, "t1.address", 10)],
                  [("居宅サービス計画作成者氏名", p.care_manager, "t1.care_manager", 10)],
                  [("居宅介護支援事業者・事業所名及び所在地", p.office, "t1.office", 10)],
                  [(lab["first"], d("t1.first_created_on", p.first_created_on), "t1.first_created_on", 3),
                   (lab["cert"], d("t1.certified_on", p.certified_on), "t1.certified_on", 4)]):
        col = 1
        for label, v, key, w in items:
            b.put(s, row, col, label, style=C, merge=(row, col + 1))
            b.put(s, row, col + 2, v, key=key, style=C, merge=(row, col + 1 + w) if w > 1 else None)
            col += 2 + w
        row += 1
    b.put(s, row, 1, lab["period"], style=C, merge=(row, 2))
    b.put(s, row, 3, d.period("t1.cert_period", p.cert_start, p.cert_end, st["period"]), key="t1.cert_period",
          style=C, merge=(row, 7))
    b.put(s, row, 8, lab["level"], style=C, merge=(row, 9))
    lv = p.care_level
    if st["level"] == "printed":
        opts = ["要支援１", "要支援２"] + [f"要介護{x}" for x in "１２３４５"]
        i = T.LEVELS.index(lv) + 2 if lv in T.LEVELS else None
        b.put(s, row, 10, "　".join(("●" if k == i else "") + o for k, o in enumerate(opts)), key="t1.care_level",
              style=C, merge=(row + 1, 12))
        row += 1
    else:
        txt = "" if lv is None else (lv.replace("要介護", "介護") if st["level"] == "kaigo" else lv).translate(T.ZEN)
        b.put(s, row, 10, txt, key="t1.care_level", style=C, merge=(row, 12))
    row += 1
    if st["split_intent"]:
        parts = _intent_parts(p.user_intent) if p.user_intent else ("", "", "")
        for label, v in zip(("ご本人の意向", "ご家族の意向", "課題分析の結果"), parts):
            b.put(s, row, 1, label, style=C, merge=(row, 2))
            b.put(s, row, 3, v, key="t1.user_intent", style=C, merge=(row, 12))
            row += 1
    else:
        b.put(s, row, 1, "利用者及び家族の生活に対する意向を踏まえた課題分析の結果", style=C, merge=(row + 1, 2))
        b.put(s, row, 3, p.user_intent, key="t1.user_intent", style=C, merge=(row + 1, 12))
        row += 2
    for label, key, v, h in [("介護認定審査会の意見及びサービスの種類の指定", "t1.committee_opinion", p.committee_opinion, 1),
                             (lab["policy"], "t1.overall_policy", p.overall_policy, 3)]:
        b.put(s, row, 1, label, style=C, merge=(row + h - 1, 2))
        b.put(s, row, 3, v, key=key, style=C, merge=(row + h - 1, 12))
        row += h
    b.put(s, row, 1, "生活援助中心型の算定理由", style=C, merge=(row, 2))
    lr = p.living_reason
    if st["choice"] == "word":
        txt = "" if lr is None else T.reason_options(p.living_other, lr)[lr - 1].replace("（　　　　　　　　）", "")
    else:
        txt = T.printed_choice(T.reason_options(p.living_other, lr), lr - 1 if lr else None, "●", sep="　")
    b.put(s, row, 3, txt, key="t1.living_support_reason", style=C, merge=(row, 12))
    row += 2
    b.put(s, row, 1, "居宅サービス計画について説明を受け、内容に同意し交付を受けました。", merge=(row, 12))
    row += 1
    b.put(s, row, 1, lab["consent"], style=C, merge=(row, 2))
    b.put(s, row, 3, d("t1.consent_on", p.consent_on), key="t1.consent_on", style=C, merge=(row, 5))
    b.put(s, row, 6, "利用者同意欄", style=C, merge=(row, 7))
    b.put(s, row, 8, "", style=C, merge=(row, 11))
    b.put(s, row, 12, "㊞", style=C)
    row += 1
    b.put(s, row, 1, lab["delivered"], style=C, merge=(row, 2))
    b.put(s, row, 3, d("t1.delivered_on", p.delivered_on), key="t1.delivered_on", style=C, merge=(row, 5))
    for c in range(1, 13):
        b.width(s, c, 11)
    return row + 1


def _t2(b: Book, p: Plan, r: random.Random, s: str, top: int, d: Dates, lab: dict, st: dict) -> int:
    row = _page_head(b, s, top, "居宅サービス計画書（２）", p, lab)
    b.put(s, row, 1, "生活全般の解決すべき課題（ニーズ）", style=H, merge=(row + 1, 1))
    b.put(s, row, 2, "目標", style=H, merge=(row, 5))
    b.put(s, row, 6, "援助内容", style=H, merge=(row, 11))
    for c, h in enumerate(["長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1", "サービス種別", "※2",
                           "頻度", "期間"], start=2):
        b.put(s, row + 1, c, h, style=H)
    row += 2

    def per(key, a, z):
        return d.period(key, a, z, st["t2period"])

    for i, n in enumerate(p.needs):
        n_top = row
        for j, lg in enumerate(n.longs):
            l_top = row
            lkey = f"t2.n{i}.l{j}"
            for k, sg in enumerate(lg.shorts):
                s_top = row
                skey = f"{lkey}.s{k}"
                for m, sv in enumerate(sg.services):
                    vkey = f"{skey}.v{m}"
                    kind = sv.kind
                    if st["codes"] and kind in KIND_CODES:
                        kind = f"{KIND_CODES[kind]} {kind}"
                    for col, name, v in ((6, "content", sv.content), (7, "insured", "○" if sv.insured else ""),
                                         (8, "kind", kind), (9, "provider", sv.provider), (10, "freq", _freq(sv)),
                                         (11, "period", per(f"{vkey}.period", sv.start, sv.end))):
                        b.put(s, row, col, v, key=f"{vkey}.{name}", style=C)
                    row += 1
                for col, key, v in ((4, f"{skey}.text", sg.text), (5, f"{skey}.period", per(f"{skey}.period", sg.start, sg.end))):
                    b.put(s, s_top, col, v, key=key, style=C, merge=(row - 1, col) if row - 1 > s_top else None)
            for col, key, v in ((2, f"{lkey}.text", lg.text), (3, f"{lkey}.period", per(f"{lkey}.period", lg.start, lg.end))):
                b.put(s, l_top, col, v, key=key, style=C, merge=(row - 1, col) if row - 1 > l_top else None)
        sep = "\n" if st["hash_nl"] else " "
        b.put(s, n_top, 1, f"#{i + 1}{sep}{n.text}", key=f"t2.n{i}.text", style=C,
              merge=(row - 1, 1) if row - 1 > n_top else None)
    b.put(s, row, 1, "※1 「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスについては○印を付す。", merge=(row, 12))
    b.put(s, row + 1, 1, "※2 「当該サービス提供を行う事業所」について記入する。", merge=(row + 1, 12))
    return row + 2


def _t3(b: Book, p: Plan, r: random.Random, s: str, top: int, lab: dict) -> int:
    row = _page_head(b, s, top, "週間サービス計画表", p, lab)
    long_days = r.random() < 0.5
    b.put(s, row, 1, "", style=H)
    b.put(s, row, 2, "", style=H)
    for c, day in enumerate(WEEKDAYS, start=3):
        b.put(s, row, c, f"{day}曜日" if long_days else day, style=H)
    b.put(s, row, 10, "主な日常生活上の活動", style=H, merge=(row, 12))
    first = row + 1
    hours = list(range(0, 24, 2))
    tfmt = r.choice(["{h}:00", "{h:02d}:00"])
    for i, h in enumerate(hours):
        b.put(s, first + i, 2, tfmt.format(h=h), style=C)
        act = p.activities.get(f"{h:02d}:00")
        b.put(s, first + i, 10, act or "", style=C, merge=(first + i, 12))
    for band, a, z in (("深夜", 0, 4), ("早朝", 6, 6), ("午前", 8, 10), ("午後", 12, 16), ("夜間", 18, 20), ("深夜", 22, 22)):
        ra, rz = first + hours.index(a), first + hours.index(z)
        b.put(s, ra, 1, band, style=C, merge=(rz, 1) if rz > ra else None)
    seen = set()
    for sv in p.weekly_services():
        if sv.group in seen:
            continue
        seen.add(sv.group)
        h = int(sv.time.split(":")[0])
        for day in sv.days:
            r0 = first + hours.index(h - h % 2)
            col = 3 + WEEKDAYS.index(day)
            last = min(r0 + sv.rows - 1, first + len(hours) - 1)
            b.put(s, r0, col, sv.weekly_label, style=C, merge=(last, col) if last > r0 else None)
    row = first + len(hours)
    b.put(s, row, 1, "週単位以外のサービス", style=C, merge=(row, 2))
    b.put(s, row, 3, p.non_weekly, style=C, merge=(row, 12))
    return row + 1


def _t4(b: Book, p: Plan, r: random.Random, s: str, top: int, d: Dates, lab: dict) -> int:
    m = p.meeting
    if m is None:
        return top
    row = _page_head(b, s, top, "サービス担当者会議の要点", p, lab)
    b.put(s, row, 1, "開催日", style=C)
    b.put(s, row, 2, d("t4.held_on", m.held_on), key="t4.held_on", style=C, merge=(row, 3))
    b.put(s, row, 4, "開催場所", style=C)
    b.put(s, row, 5, m.place, style=C, merge=(row, 6))
    b.put(s, row, 7, "開催時間", style=C)
    b.put(s, row, 8, f"{m.start_time}～{m.end_time}" if m.held_on else "", style=C, merge=(row, 9))
    b.put(s, row, 10, "開催回数", style=C)
    b.put(s, row, 11, "1回目", style=C, merge=(row, 12))
    row += 1
    n_rows = (len(m.attendees) + 2) // 3
    b.put(s, row, 1, "会議出席者", style=C, merge=(row + n_rows, 1))
    b.place("t4.attendees", s, a1(row, 1))
    for k in range(3):
        b.put(s, row, 2 + 4 * k, "所属（職種）", style=H, merge=(row, 3 + 4 * k))
        b.put(s, row, 4 + 4 * k, "氏名", style=H, merge=(row, 5 + 4 * k) if k < 2 else None)
    for i, (role, name) in enumerate(m.attendees):
        rr, c = row + 1 + i // 3, 2 + 4 * (i % 3)
        b.put(s, rr, c, role, style=C, merge=(rr, c + 1))
        b.put(s, rr, c + 2, name, style=C, merge=(rr, c + 3) if i % 3 < 2 else None)
        if i < 3:
            b.place("t4.attendees", s, a1(rr, c))
    row += n_rows + 1
    for label, key, v, h in [("検討した項目", "t4.topics", m.topics, 1), ("検討内容", "t4.discussion", m.discussion, 3),
                             ("結論", "t4.conclusion", m.conclusion, 2),
                             ("残された課題（次回の開催時期）", "t4.remaining", m.remaining, 1)]:
        b.put(s, row, 1, label, style=C, merge=(row + h - 1, 1))
        b.put(s, row, 2, v, key=key, style=C, merge=(row + h - 1, 12))
        row += h
    return row


def _assessment(b: Book, p: Plan, r: random.Random, s: str, d: Dates) -> None:
    b.put(s, 1, 1, "課題分析（アセスメント）概要", style=TITLE, merge=(1, 5))
    b.put(s, 2, 1, "実施日", style=C)
    b.put(s, 2, 2, d("as.assessed_on", p.assessed_on), key="as.assessed_on", style=C)
    b.put(s, 2, 3, "実施場所", style=C)
    b.put(s, 2, 4, "自宅", style=C)
    b.put(s, 3, 1, "アセスメント理由", style=C)
    b.put(s, 3, 2, r.choice(["更新", "初回", "区分変更"]), style=C)
    yes, no = r.choice([("有", "無"), ("あり", "なし")])
    for c, h in enumerate(["No", "課題分析標準項目", "状況・内容", "課題", "関連ニーズ"], start=1):
        b.put(s, 5, c, h, style=H)
    row = 6
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, str(n).translate(T.ZEN) if r.random() < 0.2 else n, style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, key=f"as.i{n}.status", style=C)
        b.put(s, row, 4, yes if it.issue else no, style=C)
        b.put(s, row, 5, ",".join(f"#{x}" for x in it.needs), key=f"as.i{n}.refs", style=C)
        row += 1
    for c, w in zip(range(1, 6), (5, 30, 44, 6, 12)):
        b.width(s, c, w)


def _monitoring(b: Book, p: Plan, r: random.Random, s: str, d: Dates) -> None:
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリング評価表", style=TITLE, merge=(1, 7))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, p.user_name, style=C, merge=(2, 3))
    heads = ["対象年月", "実施日", "実施場所", "区分", "目標の達成状況・サービスの実施状況", "今後の対応"]
    for c, h in enumerate(heads, start=1):
        b.put(s, 4, c, h, style=H)
    kinds = {"モニタリング訪問": "定期", "目標評価": "目標評価", "電話等連絡": "電話連絡"}
    for i, v in enumerate(p.visits):
        row = 5 + i
        month = v.planned or v.done
        b.put(s, row, 1, f"{month.year}年{month.month:02d}月" if month else "", style=C)
        b.put(s, row, 2, d(None, v.done) if v.done else "", key=f"mon.r{i}.done_on", style=C)
        how = "" if not v.done else ("電話" if "電話" in v.method else r.choice(["居宅", "自宅"]))
        b.put(s, row, 3, how, style=C)
        b.put(s, row, 4, kinds.get(v.kind, v.kind) if v.done or v.note else "", style=C)
        b.put(s, row, 5, v.note, key=f"mon.r{i}.note", style=C)
        b.put(s, row, 6, "現在の計画を継続" if v.done else "", style=C)
    for c, w in zip(range(1, 7), (12, 16, 10, 10, 60, 16)):
        b.width(s, c, w)
