"""Small office-style care-plan workbooks for the reader's tests, written independently of samples/ and of
xl_careplan.fields (no shared positions): each option reproduces a way real offices keep their forms.

``office_workbook(**options)`` returns an openpyxl Workbook of one clean plan (today 2026-11-25: no error
and no warning is right on it). Options:

- ``values_below``: 第1表 labels in one row and their values in the row below (else label | value side by side)
- ``captions``: printed captions next to the value cells (利用者同意欄, 署名, 印)
- ``inline``: some 第1表 fields written as 「作成日　令和8年4月10日」 in one cell
- ``living_mark``: the 生活援助中心型の算定理由 list printed 「□1.一人暮らし □2.… □3.その他（ ）」 with this
  one marked ("■", "○", "レ"), or None for nothing marked
- ``split_t2``: the third need on a second sheet named ``split_t2`` (「第2表 (2)」 …), header repeated
- ``monitoring``: (sheet name, header labels for date / place / content, place value), or None for no sheet
- ``t4``: (sheet name, label of the date field, date text), or None
- ``assessment``: (sheet name, header of the need-number column), or None
- ``equipment_frequency``: frequency of the 特定福祉用具販売 row
- ``t2_style``: "standard" (two header rows, merged needs and goals) or "export" (one header row in a care
  software's own words, every value repeated on every row), "export-ditto" (the periods 「同上」 below the first)
- ``t3_sheet``: the name of the 第3表 sheet
- ``relabel``: 第1表 labels in another office's words ({"説明・同意日": "計画の説明・同意年月日"})
- ``blank``: 第1表 labels whose value is left blank (a planted problem when the field is required);
  ``skeleton``: the same with the printed 「平成・令和　　年　　月　　日」 left unfilled
- ``missed_month``: the monitoring month whose date cell says 「未実施（入院中）」
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook

D = dt.date
TODAY = D(2026, 11, 25)

ITEMS = [
    "基本情報（受付、利用者等基本情報）", "これまでの生活と現在の状況", "利用者の社会保障制度の利用情報",
    "現在利用している支援や社会資源の状況", "日常生活自立度（障害）", "日常生活自立度（認知症）", "主訴・意向",
    "認定情報", "今回のアセスメントの理由", "健康状態", "ADL", "IADL", "認知機能や判断能力",
    "コミュニケーションにおける理解と表出の状況", "生活リズム", "排泄の状況", "清潔の保持に関する状況",
    "口腔内の状況", "食事摂取の状況", "社会との関わり", "家族等の状況", "居住環境", "その他留意すべき事項・状況",
]
# item -> (課題, related need numbers)
ISSUES = {11: "1", 12: "3", 17: "1", 10: "2", 22: "3"}

T1 = [  # (label, value) in the order an office prints them
    ("作成年月日", "令和8年4月10日"),
    ("利用者名", "試験 よし子"),
    ("生年月日", "昭和15年6月2日"),
    ("住所", "北海道試験市北町3-4"),
    ("居宅サービス計画作成者氏名", "試験 次郎"),
    ("居宅介護支援事業者・事業所名及び所在地", "試験ケアプランセンター 試験市中央1-1"),
    ("初回居宅サービス計画作成日", "令和6年4月1日"),
    ("認定日", "令和8年3月20日"),
    ("認定の有効期間", "令和8年4月1日～令和9年3月31日"),
    ("要介護状態区分", "要介護2"),
    ("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "本人: 住み慣れた家で暮らしたい。長男: 入浴の不安をなくしたい。"),
    ("介護認定審査会の意見及びサービスの種類の指定", "なし"),
    ("総合的な援助の方針", "入浴と歩行の不安を減らし、在宅生活が続くよう支援します。緊急時は長男（090-0000-0000）に連絡します。"),
    ("生活援助中心型の算定理由", None),  # filled from living_mark
    ("説明・同意日", "令和8年4月14日"),
]

LONG, SHORT = "R8.4.15～R9.3.31", "R8.4.15～R8.10.14"
NEEDS = [
    ("自宅のお風呂に安全に入りたい", "見守りで安全に入浴できる", "デイで週2回入浴を続ける", [
        ("入浴介助（見守り）", "○", "通所介護", "試験デイサービス", "週2回（火・金）"),
        ("シャワーチェアの購入（浴室での転倒を防ぐため）", "○", "特定福祉用具販売", "試験福祉用具", None),
    ]),
    ("足腰の力を保ち、近所まで歩いて出かけたい", "近所のスーパーまで歩ける", "デイで機能訓練を続ける", [
        ("機能訓練", "○", "通所介護", "試験デイサービス", "週2回（火・金）"),
        ("歩行器の貸与（屋外を安全に歩くため）", "○", "福祉用具貸与", "試験福祉用具", "随時"),
    ]),
    ("掃除や買物を手伝ってもらい、清潔な家で暮らしたい", "清潔な住まいを保てる", "週1回の掃除で居室を清潔に保つ", [
        ("居室の掃除・買物（生活援助）", "○", "訪問介護", "試験ヘルパー", "週1回（月）"),
        ("洗濯物をたたむ", "", "本人", "", "毎日"),
    ]),
]
T2_HEAD_TOP = ["生活全般の解決すべき課題（ニーズ）", "援助目標", None, None, None, "援助内容"]
T2_HEAD = [None, "長期目標", "（期間）", "短期目標", "（期間）", "サービス内容", "※1", "サービス種別", "※2", "頻度", "期間"]


def _living_text(mark: str | None) -> str:
    opts = ["1.一人暮らし", "2.家族等が障害、疾病等", "3.その他（　　　）"]
    return "　".join((mark if (mark and i == 0) else "□") + o for i, o in enumerate(opts))


def _table1(wb: Workbook, o: dict) -> None:
    ws = wb.active
    ws.title = "居宅サービス計画書（１）"
    ws["A1"] = "第1表　　居宅サービス計画書（1）"
    ws["H1"] = "初回・紹介・○継続"
    ws["J1"] = "■認定済　□申請中"
    values = [(k, _living_text(o["living_mark"]) if k == "生活援助中心型の算定理由" else v) for k, v in T1]
    values = [(o["relabel"].get(k, k), v) for k, v in values]
    values = [(k, None if k in o["blank"] else "平成・令和　　年　　月　　日" if k in o["skeleton"] else v) for k, v in values]
    if o["values_below"]:
        # pairs of rows: labels in row r (columns A, D, G), values in row r+1
        r = 3
        for i in range(0, len(values), 3):
            for j, (k, v) in enumerate(values[i:i + 3]):
                ws.cell(r, 1 + 3 * j, k)
                if v is not None:
                    ws.cell(r + 1, 1 + 3 * j, v)
            r += 2
        if o["captions"]:
            ws.cell(r, 4, "利用者同意欄")
            ws.cell(r, 7, "署名")
            ws.cell(r + 1, 7, "印")
        return
    r = 3
    for k, v in values:
        if o["inline"] and k in ("作成年月日", "認定日"):
            ws.cell(r, 1, f"{k}　{v}")
        else:
            ws.cell(r, 1, k)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            if v is not None:
                ws.cell(r, 3, v)
        if o["captions"] and k == "説明・同意日":
            ws.cell(r, 6, "利用者同意欄")
            ws.cell(r, 8, "（署名）")
            ws.cell(r, 10, "印")
        r += 1


# a care-software export: one header row in its own words, every value repeated on every row
T2_EXPORT_HEAD = ["課題（ニーズ）", "長期目標", "長期目標期間", "短期目標", "目標期間", "援助内容", "保険給付対象",
                  "サービスの種類", "提供事業者", "回数", "提供期間"]


def _t2_export(wb: Workbook, name: str, needs: list, ditto: bool = False) -> None:
    ws = wb.create_sheet(name)
    ws["A1"] = "居宅サービス計画書（2）　出力日 2026/04/14"
    for c, h in enumerate(T2_EXPORT_HEAD, start=1):
        ws.cell(3, c, h)
    r = 4
    for need, lg, sg, services in needs:
        for content, ins, kind, prov, freq in services:
            row = [need, lg, LONG, sg, SHORT, content, ins or None, kind, prov or None, freq, SHORT]
            if ditto and r > 4:  # 「同上」 for the periods written on the row above
                row[2] = row[4] = row[10] = "同上"
            for c, v in enumerate(row, start=1):
                if v is not None:
                    ws.cell(r, c, v)
            r += 1


def _t2_sheet(wb: Workbook, name: str, needs: list, style: str = "standard") -> None:
    if style.startswith("export"):
        return _t2_export(wb, name, needs, ditto=style == "export-ditto")
    ws = wb.create_sheet(name)
    ws["A1"] = "第2表　　居宅サービス計画書（2）"
    ws["A2"] = "利用者名　試験 よし子　殿"
    for c, h in enumerate(T2_HEAD_TOP, start=1):
        if h:
            ws.cell(3, c, h)
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:E3")
    ws.merge_cells("F3:K3")
    for c, h in enumerate(T2_HEAD, start=1):
        if h:
            ws.cell(4, c, h)
    r = 5
    for need, lg, sg, services in needs:
        top = r
        for content, ins, kind, prov, freq in services:
            period = SHORT
            ws.cell(r, 6, content)
            if ins:
                ws.cell(r, 7, ins)
            ws.cell(r, 8, kind)
            if prov:
                ws.cell(r, 9, prov)
            ws.cell(r, 10, freq)
            ws.cell(r, 11, period)
            r += 1
        for c, v in ((1, need), (2, lg), (3, LONG), (4, sg), (5, SHORT)):
            ws.cell(top, c, v)
            if r - 1 > top:
                ws.merge_cells(start_row=top, start_column=c, end_row=r - 1, end_column=c)
    ws.cell(r + 1, 1, "※1「保険給付対象か否かの区分」について、保険給付対象内サービスについては○印を付す。")


def _table3(wb: Workbook, name: str) -> None:
    ws = wb.create_sheet(name)
    ws["A1"] = "第3表　　週間サービス計画表"
    for c, d in enumerate(["月", "火", "水", "木", "金", "土", "日"], start=3):
        ws.cell(3, c, d)
    ws.cell(3, 10, "主な日常生活上の活動")
    times = ["6:00", "8:00", "10:00", "12:00", "14:00", "16:00", "18:00", "20:00"]
    for i, t in enumerate(times):
        ws.cell(4 + i, 2, t)
    ws.cell(4, 10, "起床")
    ws.cell(7, 10, "昼食")
    ws.cell(11, 10, "就寝")
    for col in (4, 7):  # 火・金 10:00-16:00 通所介護, merged down
        ws.cell(6, col, "通所介護")
        ws.merge_cells(start_row=6, start_column=col, end_row=8, end_column=col)
    ws.cell(6, 3, "訪問介護（生活援助）")
    ws.cell(13, 1, "週単位以外のサービス")
    ws.cell(13, 3, "福祉用具貸与（歩行器）、特定福祉用具販売（シャワーチェア）")


def _table4(wb: Workbook, o: dict) -> None:
    name, label, when = o["t4"]
    ws = wb.create_sheet(name)
    ws["A1"] = "第4表　　サービス担当者会議の要点"
    ws["A3"] = label
    ws["C3"] = when
    ws["F3"] = "開催場所"
    ws["H3"] = "本人宅"
    ws["A4"] = "会議出席者"
    ws["C4"] = "本人、長男、試験デイサービス、試験福祉用具、試験ヘルパー、介護支援専門員"
    ws["A5"] = "検討した項目"
    ws["C5"] = "計画原案について"
    ws["A6"] = "検討内容"
    ws["C6"] = "入浴と歩行の支援内容を確認した。"
    ws["A7"] = "結論"
    ws["C7"] = "原案どおり実施する。"
    ws["A8"] = "残された課題（次回の開催時期）"
    ws["C8"] = "6か月後に評価する。"


def _assessment(wb: Workbook, o: dict) -> None:
    name, ref_head = o["assessment"]
    ws = wb.create_sheet(name)
    ws["A1"] = "課題分析（アセスメント）"
    ws["E1"] = "実施日"
    ws["F1"] = "令和8年4月5日"
    for c, h in enumerate(["No.", "項目", "状況", "課題の有無", ref_head], start=1):
        ws.cell(3, c, h)
    for i, item in enumerate(ITEMS, start=1):
        ws.cell(3 + i, 1, i)
        ws.cell(3 + i, 2, item)
        ws.cell(3 + i, 3, f"{item}について聞き取った。")
        ws.cell(3 + i, 4, "有" if i in ISSUES else "無")
        if i in ISSUES:
            ws.cell(3 + i, 5, ISSUES[i])


def _monitoring(wb: Workbook, o: dict) -> None:
    name, (h_date, h_place, h_note), place = o["monitoring"]
    ws = wb.create_sheet(name)
    ws["A1"] = "モニタリング記録"
    ws["A3"] = h_date
    ws["B3"] = h_place
    ws["C3"] = h_note
    r = 4
    for m in range(4, 11):
        ws.cell(r, 1, "未実施（入院中）" if m == o["missed_month"] else f"令和8年{m}月{20 if m == 4 else 12}日")
        ws.cell(r, 2, place)
        ws.cell(r, 3, "サービスは計画どおり。入浴時の不安は減っている。")
        r += 1
    ws.cell(r, 1, "令和8年11月12日（木）10:00～10:30")
    ws.cell(r, 2, place)
    ws.cell(r, 3, "目標の評価。短期目標を達成、次期も継続する。")


DEFAULTS: dict[str, Any] = {
    "values_below": False,
    "captions": True,
    "inline": False,
    "living_mark": "■",
    "split_t2": None,
    "monitoring": ("モニタリング記録", ("訪問日", "場所", "内容"), "自宅"),
    "t4": ("サービス担当者会議の要点", "開催日", "令和8年4月12日"),
    "assessment": ("アセスメント", "関連するニーズ番号"),
    "equipment_frequency": "購入時1回",
    "blank": (),
    "skeleton": (),
    "missed_month": None,
    "t2_style": "standard",
    "relabel": {},
    "t3_sheet": "週間サービス計画表",
}


def office_workbook(**options: Any) -> Workbook:
    o = {**DEFAULTS, **options}
    unknown = set(options) - set(DEFAULTS)
    assert not unknown, unknown
    wb = openpyxl.Workbook()
    _table1(wb, o)
    needs = [(n, lg, sg, [s if s[4] is not None else (*s[:4], o["equipment_frequency"]) for s in svc])
             for n, lg, sg, svc in NEEDS]
    if o["split_t2"]:
        _t2_sheet(wb, "第2表", needs[:2], o["t2_style"])
        _t2_sheet(wb, o["split_t2"], needs[2:], o["t2_style"])
    else:
        _t2_sheet(wb, "第2表", needs, o["t2_style"])
    _table3(wb, o["t3_sheet"])
    if o["t4"]:
        _table4(wb, o)
    if o["assessment"]:
        _assessment(wb, o)
    if o["monitoring"]:
        _monitoring(wb, o)
    return wb


def save(wb: Workbook, path) -> str:
    wb.save(path)
    return str(path)
