"""Held out, written blind: an office's 「記入シート → 自動転記」 workbook — the care manager types everything on one
input sheet and the printed forms pull it in by formula (a pattern of shareware 様式 and of offices' own files).

- 「記入シート」: 【基本情報・第1表】 as label | value rows (date cells yyyy/m/d, choices as the text picked from a
  drop-down: 「継続」「要介護2」「一人暮らし」), then 【第2表】 as an input TABLE with its own headers
  (課題No | 課題（ニーズ） | 長期目標 | 開始 | 終了 | 短期目標 | 開始 | 終了 | サービス内容 | 保険 | 種別 | 事業所 | 頻度 |
  開始 | 終了), one row per service, the need and goals on every row;
- 「第1表（印刷用）」「第2表（印刷用）」: the 様式, every value a formula into the 記入シート (cached values only):
  dates `=IF(記入シート!C10="","",記入シート!C10)` with a 和暦 number format, printed choices built by formula
  (「初回・紹介・○継続」), periods `=TEXT(…,"yyyy/m/d")&"～"&TEXT(…)`; the 第2表 print form has a fixed number of
  rows (the unused ones are formulas giving "") and a blank row between needs;
- 週間計画, 担当者会議, アセスメント, モニタリング typed directly (2-hour grid, attendee rows, ○ and 「1,3」, 予定日/実施日);
- sheets that are not the plan: 「メモ」 (free notes with dates), 「計算用」 (更新申請の目安, 前回の認定の有効期間,
  目標期間の自動計算), and 「リスト」 (the drop-down lists: 計画区分, 要介護度, 算定理由, サービス種別, 頻度, 曜日),
  hidden or very hidden.
Not part of ``layouts.NAMES``: run it with ``--layouts blind_input``.
"""

from __future__ import annotations

import datetime as dt
import random

from .. import text as T
from ..book import Book, Formula, Style, XDate, a1
from ..plan import ITEMS, WEEKDAYS, Plan, add_months
from . import put_week_grid

NAME = "blind_input"
MODELS = "an office's 記入シート + 印刷用 forms filled by formula, with メモ / 計算用 / リスト sheets (held out, written blind)"
PLANNED_DATES = True

C = Style(border=True, wrap=True)
H = Style(border=True, wrap=True, bold=True, center=True)
TITLE = Style(bold=True, size=14)
IN = "記入シート"
GANNEN = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@'
PRINT_ROWS = 18  # rows the printed 第2表 has room for


def _slash(d) -> str:
    return f"{d.year}/{d.month}/{d.day}" if d else ""


def _period_text(a, z) -> str:
    if a is None and z is None:
        return ""
    return f"{_slash(a)}～{_slash(z)}"


def _period_formula(ra: str, rz: str) -> str:
    return (f'IF(AND({ra}="",{rz}=""),"",IF({ra}="","",TEXT({ra},"yyyy/m/d"))&"～"&'
            f'IF({rz}="","",TEXT({rz},"yyyy/m/d")))')


def _choice_formula(ref: str, options: list[str], mark: str) -> str:
    return '&"・"&'.join(f'IF({ref}="{o}","{mark}{o}","{o}")' for o in options)


def build(p: Plan, r: random.Random) -> Book:
    b = Book()
    mark = r.choice(["○", "●"])
    src: dict[str, str] = {}  # field -> absolute reference into the 記入シート

    def dval(key, v):
        raw = p.raw.get(key)
        if raw is not None:
            return raw
        return XDate(v, "yyyy/m/d") if v else ""

    s = IN
    b.put(s, 1, 2, "ケアプラン記入シート（ここに入力すると印刷用シートに転記されます）", style=TITLE, merge=(1, 8))
    b.put(s, 3, 2, "【基本情報・第1表】", style=Style(bold=True))
    reason_text = {1: "一人暮らし", 2: "家族等が障害、疾病等", 3: "その他"}
    rows = [
        ("user_name", "利用者名", p.user_name), ("kana", "フリガナ", p.kana),
        ("birth", "生年月日", XDate(p.birth, "yyyy/m/d")), ("address", "住所", p.address),
        ("cm", "計画作成者", p.care_manager), ("office", "事業所名・所在地", p.office),
        ("created", "計画作成（変更）日", dval("t1.created_on", p.created_on)),
        ("first", "初回作成日", dval("t1.first_created_on", p.first_created_on)),
        ("kind", "計画区分", p.plan_kind), ("cert_status", "認定状況", p.cert_status or ""),
        ("certified", "認定日", dval("t1.certified_on", p.certified_on)),
        ("cert_start", "有効期間（開始）", dval("t1.cert_period", p.cert_start)),
        ("cert_end", "有効期間（終了）", dval("t1.cert_period.end", p.cert_end)),
        ("level", "要介護度", p.care_level or ""),
        ("intent", "本人・家族の意向", p.user_intent), ("opinion", "審査会の意見", p.committee_opinion),
        ("policy", "援助の方針", p.overall_policy),
        ("reason", "生活援助の理由", reason_text.get(p.living_reason, "")),
        ("reason_other", "（その他の内容）", p.living_other if p.living_reason == 3 else ""),
        ("consent", "同意日", dval("t1.consent_on", p.consent_on)),
        ("delivered", "交付日", dval("t1.delivered_on", p.delivered_on)),
    ]
    values = {}
    for i, (name, label, v) in enumerate(rows, start=4):
        b.put(s, i, 2, label, style=C)
        b.put(s, i, 3, v, style=C, merge=(i, 8))
        src[name] = f"{IN}!$C${i}"
        values[name] = v
    t2_top = 6 + len(rows)
    b.put(s, t2_top - 1, 2, "【第2表】（1行に1サービス。課題・目標は行ごとに入力）", style=Style(bold=True))
    heads = ["課題No", "課題（ニーズ）", "長期目標", "長期開始", "長期終了", "短期目標", "短期開始", "短期終了",
             "サービス内容", "保険", "種別", "事業所", "頻度", "開始", "終了"]
    for c, h in enumerate(heads, start=2):
        b.put(s, t2_top, c, h, style=H)
    in_rows = []  # (need index, keys, row) per service
    row = t2_top + 1
    for i, n in enumerate(p.needs):
        for j, lg in enumerate(n.longs):
            for k, sg in enumerate(lg.shorts):
                for m, sv in enumerate(sg.services):
                    vals = [i + 1, n.text, lg.text, XDate(lg.start, "yyyy/m/d") if lg.start else "",
                            XDate(lg.end, "yyyy/m/d") if lg.end else "", sg.text,
                            XDate(sg.start, "yyyy/m/d") if sg.start else "",
                            XDate(sg.end, "yyyy/m/d") if sg.end else "", sv.content, "○" if sv.insured else "",
                            sv.kind, sv.provider, sv.freq, XDate(sv.start, "yyyy/m/d") if sv.start else "",
                            XDate(sv.end, "yyyy/m/d") if sv.end else ""]
                    for c, v in enumerate(vals, start=2):
                        b.put(s, row, c, v, style=C)
                    in_rows.append((i, j, k, m, row))
                    row += 1
    for c, w in zip(range(1, 17), (2, 18, 30, 28, 11, 11, 28, 11, 11, 30, 5, 12, 20, 12, 11, 11)):
        b.width(s, c, w)

    _print1(b, p, src, values, mark)
    _print2(b, p, in_rows)
    _week(b, p)
    _meeting(b, p)
    _assessment(b, p, mark)
    _monitoring(b, p, r)
    _extras(b, p, r)
    return b


def _f(ref: str) -> str:
    return f'IF({ref}="","",{ref})'


def _print1(b: Book, p: Plan, src: dict, values: dict, mark: str) -> None:
    s = "第1表（印刷用）"

    def val(name):
        v = values[name]
        return v.value if isinstance(v, XDate) else v

    def put(row, col, name, key, merge, date=False):
        v = val(name)
        f = Formula(_f(src[name]), v if v != "" else "", GANNEN if date and not isinstance(v, str) else None)
        b.put(s, row, col, f, key=key, style=C, merge=merge)

    b.put(s, 1, 1, "第1表", style=Style(border=True))
    b.put(s, 1, 3, "居宅サービス計画書（1）", style=TITLE, merge=(1, 7))
    kinds = ["初回", "紹介", "継続"]
    cached = "・".join((mark if o == p.plan_kind else "") + o for o in kinds)
    b.put(s, 2, 6, Formula(_choice_formula(src["kind"], kinds, mark), cached), key="t1.plan_kind", style=C,
          merge=(2, 8))
    st = ["認定済", "申請中"]
    b.put(s, 2, 9, Formula(_choice_formula(src["cert_status"], st, mark),
                           "・".join((mark if o == p.cert_status else "") + o for o in st)), style=C, merge=(2, 10))
    b.put(s, 3, 1, "利用者名", style=C)
    b.put(s, 3, 2, Formula(f'{src["user_name"]}&"　殿"', p.user_name + "　殿"), key="t1.user_name", style=C,
          merge=(3, 3))
    b.put(s, 3, 4, "生年月日", style=C)
    put(3, 5, "birth", "t1.birth_date", (3, 6), date=True)
    b.put(s, 3, 7, "住所", style=C)
    put(3, 8, "address", "t1.address", (3, 10))
    b.put(s, 4, 1, "居宅サービス計画作成者氏名", style=C, merge=(4, 2))
    put(4, 3, "cm", "t1.care_manager", (4, 10))
    b.put(s, 5, 1, "居宅介護支援事業者・事業所名及び所在地", style=C, merge=(5, 2))
    put(5, 3, "office", "t1.office", (5, 10))
    b.put(s, 6, 1, "居宅サービス計画作成（変更）日", style=C, merge=(6, 2))
    put(6, 3, "created", "t1.created_on", (6, 5), date=True)
    b.put(s, 6, 6, "初回居宅サービス計画作成日", style=C, merge=(6, 7))
    put(6, 8, "first", "t1.first_created_on", (6, 10), date=True)
    b.put(s, 7, 1, "認定日", style=C)
    put(7, 2, "certified", "t1.certified_on", (7, 3), date=True)
    b.put(s, 7, 4, "認定の有効期間", style=C, merge=(7, 5))
    b.put(s, 7, 6, Formula(_period_formula(src["cert_start"], src["cert_end"]), _period_text(p.cert_start, p.cert_end)),
          key="t1.cert_period", style=C, merge=(7, 10))
    b.put(s, 8, 1, "要介護状態区分", style=C, merge=(8, 2))
    b.put(s, 8, 3, Formula(_choice_formula(src["level"], T.LEVELS, mark),
                           "・".join((mark if o == p.care_level else "") + o for o in T.LEVELS)),
          key="t1.care_level", style=C, merge=(8, 10))
    row = 9
    for label, name, key, h in [("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "intent", "t1.user_intent", 3),
                                ("介護認定審査会の意見及びサービスの種類の指定", "opinion", "t1.committee_opinion", 1),
                                ("総合的な援助の方針", "policy", "t1.overall_policy", 3)]:
        b.put(s, row, 1, label, style=C, merge=(row + h - 1, 2))
        put(row, 3, name, key, (row + h - 1, 10))
        row += h
    b.put(s, row, 1, "生活援助中心型の算定理由", style=C, merge=(row, 2))
    opts = ["一人暮らし", "家族等が障害、疾病等", "その他"]
    names = [f"{i}.{o}" for i, o in enumerate(opts, start=1)]
    formula = '&"　"&'.join(f'IF({src["reason"]}="{o}","{mark}{n}","{n}")' for o, n in zip(opts, names))
    formula += f'&"（"&{src["reason_other"]}&"）"'
    cached = "　".join((mark if p.living_reason == i else "") + n for i, n in enumerate(names, start=1))
    cached += f"（{p.living_other if p.living_reason == 3 else ''}）"
    b.put(s, row, 3, Formula(formula, cached), key="t1.living_support_reason", style=C, merge=(row, 10))
    row += 2
    b.put(s, row, 1, "居宅サービス計画について説明を受け、内容に同意し交付を受けました。", merge=(row, 10))
    row += 1
    b.put(s, row, 1, "説明・同意日", style=C, merge=(row, 2))
    put(row, 3, "consent", "t1.consent_on", (row, 5), date=True)
    b.put(s, row, 6, "利用者同意欄", style=C, merge=(row, 7))
    b.put(s, row, 8, "", style=C, merge=(row, 10))
    row += 1
    b.put(s, row, 1, "交付日", style=C, merge=(row, 2))
    put(row, 3, "delivered", "t1.delivered_on", (row, 5), date=True)
    for c, w in zip(range(1, 11), (14, 14, 10, 10, 10, 10, 10, 10, 10, 10)):
        b.width(s, c, w)


def _print2(b: Book, p: Plan, in_rows) -> None:
    """The 第2表 print form: every cell a formula into the 記入シート's table; a need's and goals' cells merged over
    their rows, a blank row between needs, unused rows down to PRINT_ROWS formulas giving ""."""
    s = "第2表（印刷用）"
    b.put(s, 1, 1, "第2表", style=Style(border=True))
    b.put(s, 1, 3, "居宅サービス計画書（2）", style=TITLE, merge=(1, 7))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, Formula(f'{IN}!$C$4&"　殿"', p.user_name + "　殿"), style=C)
    b.put(s, 3, 1, "生活全般の解決すべき課題（ニーズ）", style=H, merge=(4, 1))
    b.put(s, 3, 2, "目標", style=H, merge=(3, 5))
    b.put(s, 3, 6, "援助内容", style=H, merge=(3, 11))
    for c, h in enumerate(["長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1", "サービス種別", "※2",
                           "頻度", "期間"], start=2):
        b.put(s, 4, c, h, style=H)
    svcs = dict(p.services())
    row = 5
    prev = None
    blocks: dict[tuple, list[int]] = {}
    for i, j, k, m, src_row in in_rows:
        if prev is not None and i != prev:
            row += 1  # the blank row between needs
        prev = i
        n, lg = p.needs[i], p.needs[i].longs[j]
        sg = lg.shorts[k]
        sv = svcs[f"t2.n{i}.l{j}.s{k}.v{m}"]
        vk = f"t2.n{i}.l{j}.s{k}.v{m}"
        ref = lambda col: f"{IN}!${chr(64 + col)}${src_row}"  # noqa: E731
        for col, name, v, f in (
                (6, "content", sv.content, _f(ref(10))), (7, "insured", "○" if sv.insured else "", _f(ref(11))),
                (8, "kind", sv.kind, _f(ref(12))), (9, "provider", sv.provider, _f(ref(13))),
                (10, "freq", sv.freq, _f(ref(14))),
                (11, "period", _period_text(sv.start, sv.end), _period_formula(ref(15), ref(16)))):
            b.put(s, row, col, Formula(f, v), key=f"{vk}.{name}", style=C)
        for part, cells in (("need", (i,)), ("long", (i, j)), ("short", (i, j, k))):
            blocks.setdefault((part, *cells), []).append((row, src_row))
        row += 1
    for (part, *idx), rows in blocks.items():
        top, src_row = rows[0]
        last = rows[-1][0]
        ref = lambda col: f"{IN}!${chr(64 + col)}${src_row}"  # noqa: E731
        i = idx[0]
        if part == "need":
            cells = [(1, f"t2.n{i}.text", p.needs[i].text, _f(ref(3)))]
        elif part == "long":
            lg = p.needs[i].longs[idx[1]]
            cells = [(2, f"t2.n{i}.l{idx[1]}.text", lg.text, _f(ref(4))),
                     (3, f"t2.n{i}.l{idx[1]}.period", _period_text(lg.start, lg.end), _period_formula(ref(5), ref(6)))]
        else:
            sg = p.needs[i].longs[idx[1]].shorts[idx[2]]
            base = f"t2.n{i}.l{idx[1]}.s{idx[2]}"
            cells = [(4, f"{base}.text", sg.text, _f(ref(7))),
                     (5, f"{base}.period", _period_text(sg.start, sg.end), _period_formula(ref(8), ref(9)))]
        for col, key, v, f in cells:
            b.put(s, top, col, Formula(f, v), key=key, style=C, merge=(last, col) if last > top else None)
    next_src = in_rows[-1][4] + 1 if in_rows else 30
    while row < 5 + PRINT_ROWS:  # the form's unused rows: formulas into empty input rows
        for col, src_col in zip(range(1, 12), (3, 4, 0, 7, 0, 10, 11, 12, 13, 14, 0)):
            if src_col:
                b.put(s, row, col, Formula(_f(f"{IN}!${chr(64 + src_col)}${next_src}"), ""), style=C)
            else:
                b.put(s, row, col, "", style=C)
        row += 1
        next_src += 1
    b.put(s, row + 1, 1, "※1「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスについては○印を付す。",
          merge=(row + 1, 11))
    b.put(s, row + 2, 1, "※2「当該サービス提供を行う事業所」について記入する。", merge=(row + 2, 11))
    for c, w in zip(range(1, 12), (26, 22, 12, 22, 12, 26, 4, 12, 18, 12, 12)):
        b.width(s, c, w)


def _week(b: Book, p: Plan) -> None:
    s = "週間計画"
    b.put(s, 1, 1, "週間サービス計画表（第3表）", style=TITLE, merge=(1, 6))
    b.put(s, 3, 1, "時間", style=H)
    for c, day in enumerate(WEEKDAYS, start=2):
        b.put(s, 3, c, day, style=H)
    b.put(s, 3, 9, "主な日常生活上の活動", style=H)
    hours = list(range(6, 24, 2))
    for i, h in enumerate(hours):
        b.put(s, 4 + i, 1, f"{h}:00", style=C)
        acts = [a for t, a in p.activities.items() if h <= int(t[:2]) < h + 2]
        if acts:
            b.put(s, 4 + i, 9, "・".join(acts), style=C)
    put_week_grid(b, s, p, 4, 2, hours, C)
    row = 4 + len(hours)
    b.put(s, row, 1, "週単位以外のサービス", style=C)
    b.put(s, row, 2, p.non_weekly, style=C, merge=(row, 9))


def _meeting(b: Book, p: Plan) -> None:
    m = p.meeting
    if m is None:
        return
    s = "担当者会議"
    b.put(s, 1, 1, "サービス担当者会議の要点（第4表）", style=TITLE, merge=(1, 5))
    b.put(s, 2, 1, "利用者名", style=C)
    b.put(s, 2, 2, Formula(f'{IN}!$C$4&"　殿"', p.user_name + "　殿"), style=C)
    b.put(s, 3, 1, "開催日", style=C)
    held = p.raw.get("t4.held_on")
    b.put(s, 3, 2, held if held is not None else (XDate(m.held_on, GANNEN) if m.held_on else ""), key="t4.held_on",
          style=C)
    b.put(s, 3, 3, "開催場所", style=C)
    b.put(s, 3, 4, m.place, style=C)
    b.put(s, 4, 1, "開催時間", style=C)
    b.put(s, 4, 2, f"{m.start_time}～{m.end_time}" if m.held_on else "", style=C)
    b.put(s, 5, 1, "会議出席者", key="t4.attendees", style=C, merge=(5 + len(m.attendees), 1))
    b.put(s, 5, 2, "所属（職種）", style=H)
    b.put(s, 5, 3, "氏名", style=H)
    for i, (role, name) in enumerate(m.attendees):
        b.put(s, 6 + i, 2, role, style=C)
        b.put(s, 6 + i, 3, name, style=C)
        if i < 2:
            b.place("t4.attendees", s, a1(6 + i, 2))
    row = 7 + len(m.attendees)
    for label, key, v in [("検討した項目", "t4.topics", m.topics), ("検討内容", "t4.discussion", m.discussion),
                          ("結論", "t4.conclusion", m.conclusion),
                          ("残された課題（次回の開催時期）", "t4.remaining", m.remaining)]:
        b.put(s, row, 1, label, style=C)
        b.put(s, row, 2, v, key=key, style=C, merge=(row, 5))
        row += 1
    for c, w in zip(range(1, 6), (16, 34, 16, 20, 20)):
        b.width(s, c, w)


def _assessment(b: Book, p: Plan, mark: str) -> None:
    s = "アセスメント"
    b.put(s, 1, 1, "アセスメント（課題分析標準項目）", style=TITLE, merge=(1, 5))
    b.put(s, 2, 1, "実施日", style=C)
    b.put(s, 2, 2, p.raw.get("as.assessed_on") or XDate(p.assessed_on, "yyyy/m/d"), key="as.assessed_on", style=C)
    for c, h in enumerate(["No", "項目", "状況", "課題", "関連するニーズ№"], start=1):
        b.put(s, 4, c, h, style=H)
    row = 5
    for n, it in enumerate(p.items, start=1):
        if it is None:
            continue
        b.put(s, row, 1, n, style=C)
        b.put(s, row, 2, ITEMS[n - 1], style=C)
        b.put(s, row, 3, it.status, key=f"as.i{n}.status", style=C)
        b.put(s, row, 4, mark if it.issue else "", style=C)
        b.put(s, row, 5, ",".join(str(x) for x in it.needs), key=f"as.i{n}.refs", style=C)
        row += 1


def _monitoring(b: Book, p: Plan, r: random.Random) -> None:
    s = "モニタリング"
    b.place("mon.sheet", s, "A1")
    b.put(s, 1, 1, "モニタリング記録", style=TITLE, merge=(1, 4))
    for c, h in enumerate(["予定日", "実施日", "方法", "内容"], start=1):
        b.put(s, 3, c, h, style=H)
    for i, v in enumerate(p.visits):
        row = 4 + i
        b.put(s, row, 1, XDate(v.planned, "m/d") if v.planned else "", style=C)
        b.put(s, row, 2, XDate(v.done, "yyyy/m/d") if v.done else "", key=f"mon.r{i}.done_on", style=C)
        how = "" if not v.done else ("電話" if "電話" in v.method else r.choice(["自宅訪問", "訪問"]))
        b.put(s, row, 3, how, style=C)
        b.put(s, row, 4, v.note, key=f"mon.r{i}.note", style=C)


def _extras(b: Book, p: Plan, r: random.Random) -> None:
    s = "メモ"
    c0 = p.created_on or dt.date(2026, 4, 10)
    notes = [f"{c0.month}/{max(1, c0.day - 3)} 長女より電話。通所の曜日について相談あり。",
             f"サービス担当者会議　{p.meeting.held_on.month}/{p.meeting.held_on.day} 14:00 自宅" if p.meeting and p.meeting.held_on
             else "サービス担当者会議　日程調整中",
             f"次回更新申請　{T.wareki(add_months(p.cert_end, -2), 'short') if p.cert_end else '未定'}頃",
             "通所の送迎時間　9:00 変更の希望あり（事業所に伝達済み）"]
    for i, t in enumerate(notes, start=1):
        b.put(s, i, 1, t)
    b.width(s, 1, 60)

    s = "計算用"
    rows = [("項目", "値", "備考")]
    if p.cert_start and p.cert_end:
        rows += [("前回の認定の有効期間", _period_text(add_months(p.cert_start, -12), p.cert_start - dt.timedelta(days=1)), "前回分"),
                 ("更新申請の目安", XDate(add_months(p.cert_end, -2), "yyyy/m/d"), "有効期間満了の60日前から")]
    if p.consent_on:
        rows += [("短期目標期間（3か月の場合）", _period_text(p.consent_on, add_months(p.consent_on, 3) - dt.timedelta(days=1)), "自動計算"),
                 ("短期目標期間（6か月の場合）", _period_text(p.consent_on, add_months(p.consent_on, 6) - dt.timedelta(days=1)), "自動計算")]
    for i, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            b.put(s, i, c, v, style=H if i == 1 else C)
    b.width(s, 1, 28)
    b.width(s, 2, 30)

    s = "リスト"
    lists = [("計画区分", ["初回", "紹介", "継続"]), ("要介護度", ["要支援1", "要支援2"] + T.LEVELS),
             ("算定理由", ["一人暮らし", "家族等が障害、疾病等", "その他"]),
             ("サービス種別", ["訪問介護", "訪問入浴介護", "訪問看護", "訪問リハビリテーション", "通所介護",
                         "通所リハビリテーション", "短期入所生活介護", "福祉用具貸与", "特定福祉用具販売"]),
             ("頻度", ["毎日", "週1回", "週2回", "週3回", "月1回", "随時", "必要時"]), ("曜日", list(WEEKDAYS))]
    for c, (head, items) in enumerate(lists, start=1):
        b.put(s, 1, c, head, style=H)
        for i, it in enumerate(items, start=2):
            b.put(s, i, c, it)
    b.sheet(s).state = r.choice(["hidden", "veryHidden"])
