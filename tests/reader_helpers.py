"""Builders for reader tests: one plan written into our template and into an office-style label layout."""

from __future__ import annotations

import datetime as dt
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook

from xl_careplan import fields as F
from xl_careplan.template import build_template

D = dt.date

# One plan, as plain values (what a care manager writes).
PLAN: dict[str, Any] = {
    "t1": {
        "created_on": D(2026, 4, 10),
        "plan_kind": "継続",
        "certification_status": "認定済",
        "user_name": "見本 花子",
        "birth_date": D(1940, 5, 3),
        "address": "北海道見本市本町1-2-3",
        "care_manager": "見本 太郎",
        "office": "見本居宅介護支援事業所 北海道見本市中央4-5",
        "first_created_on": D(2024, 4, 1),
        "certified_on": D(2026, 3, 20),
        "cert_period": (D(2026, 4, 1), D(2027, 3, 31)),
        "care_level": "要介護2",
        "user_intent": "本人: 自宅で暮らし続けたい。長女: 転ばずに過ごしてほしい。",
        "overall_policy": "自宅での生活を続けられるよう、歩行の安定と調理の再開を支援します。",
        "living_support_reason": "1. 一人暮らし",
        "consent_on": D(2026, 4, 15),
        "delivered_on": D(2026, 4, 15),
    },
    "needs": [
        {
            "text": "転ばずに歩いて買物に行けるようになりたい",
            "long": [
                {
                    "text": "近所のスーパーまで一人で歩いて行ける",
                    "period": "R8.4.1～R9.3.31",
                    "short": [
                        {
                            "text": "屋内を杖で安定して歩ける",
                            "period": "R8.4.1～R8.9.30",
                            "services": [
                                ("歩行訓練", "○", "通所リハビリテーション", "見本通所リハ", "週2回", "R8.4.1～R8.9.30"),
                                ("手すりの貸与", "○", "福祉用具貸与", "見本福祉用具", "随時", "R8.4.1～R8.9.30"),
                            ],
                        },
                        {
                            "text": "屋外を見守りで歩ける",
                            "period": "R8.10.1～R9.3.31",
                            "services": [
                                ("屋外歩行の見守り", "○", "訪問介護", "見本ヘルパー", "週1回", "R8.10.1～R9.3.31"),
                            ],
                        },
                    ],
                }
            ],
        },
        {
            "text": "自分で食事を用意したい",
            "long": [
                {
                    "text": "簡単な調理を自分でできる",
                    "period": "R8.4.1～R9.3.31",
                    "short": [
                        {
                            "text": "ヘルパーと一緒に週1回調理する",
                            "period": "R8.4.1～R8.9.30",
                            "services": [
                                ("一緒に調理する（自立生活支援）", "○", "訪問介護", "見本ヘルパー", "週1回（水）", "R8.4.1～R8.9.30"),
                                ("買物の付き添い", "", "家族", "長女", "月2回", "R8.4.1～R8.9.30"),
                            ],
                        }
                    ],
                }
            ],
        },
    ],
    # (weekday index 0=月, time label, text, rows spanned in our 2-hour grid)
    "t3": [(1, "10:00", "通所リハビリ", 2), (4, "10:00", "通所リハビリ", 2), (2, "14:00", "訪問介護", 1)],
    "activities": ["起床", "昼食", "就寝"],  # at 6:00, 12:00, 20:00
    "non_weekly": "福祉用具貸与（手すり）",
    "t4": {
        "held_on": D(2026, 4, 12),
        "place": "本人宅",
        "attendees": "本人、長女、通所リハ、訪問介護、福祉用具、介護支援専門員",
        "topics": "計画原案について",
        "discussion": "歩行訓練の内容と調理の支援方法を確認した。",
        "conclusion": "原案どおり実施する。",
        "remaining": "6か月後に目標を評価する。",
    },
    "assessed_on": D(2026, 4, 5),
    "assessment": {10: ("膝の痛みがある", "有", "1"), 11: ("屋外歩行に見守りが必要", "有", "1"), 12: ("調理をしていない", "有", "2"), 1: ("独居", "無", None)},
    "monitoring": [
        (D(2026, 5, 10), "モニタリング訪問", D(2026, 5, 11), "居宅訪問", "歩行は安定してきた"),
        (D(2026, 6, 10), "モニタリング訪問", None, None, None),
    ],
    "acks": [("AS201", "第2表", "E6", "退院直後のため短期目標を6か月とした")],
}


def _t2_rows(plan: dict) -> list[dict]:
    """Flatten needs into table rows with the row spans the merges need."""
    rows: list[dict] = []
    for need in plan["needs"]:
        need_start = len(rows)
        for lg in need["long"]:
            lg_start = len(rows)
            for sg in lg["short"]:
                sg_start = len(rows)
                for svc in sg["services"]:
                    rows.append({"service": svc})
                rows[sg_start].update(short=sg)
                rows[sg_start]["short_span"] = len(rows) - sg_start
            rows[lg_start].update(long=lg)
            rows[lg_start]["long_span"] = len(rows) - lg_start
        rows[need_start].update(need=need)
        rows[need_start]["need_span"] = len(rows) - need_start
    return rows


def fill_template(plan: dict = PLAN, wb: Workbook | None = None) -> Workbook:
    """Our template with ``plan`` written into it (merging needs/goals over their rows)."""
    wb = wb or build_template()
    ws = wb[F.SHEET_T1]
    for key, v in plan["t1"].items():
        spec = F.TABLE1_BY_KEY[key]
        if spec.kind == "period":
            ws[spec.cell] = v[0]
            ws[spec.end_cell] = v[1]
        else:
            ws[spec.cell] = v
    ws = wb[F.SHEET_T2]
    col = {k: v[0] for k, v in F.T2_COLUMNS.items()}
    for i, row in enumerate(_t2_rows(plan)):
        r = F.T2_FIRST_ROW + i
        if "need" in row:
            ws[f"{col['need']}{r}"] = row["need"]["text"]
            if row["need_span"] > 1:
                ws.merge_cells(f"{col['need']}{r}:{col['need']}{r + row['need_span'] - 1}")
        if "long" in row:
            ws[f"{col['long_goal']}{r}"] = row["long"]["text"]
            ws[f"{col['long_period']}{r}"] = row["long"]["period"]
            for k in ("long_goal", "long_period"):
                if row["long_span"] > 1:
                    ws.merge_cells(f"{col[k]}{r}:{col[k]}{r + row['long_span'] - 1}")
        if "short" in row:
            ws[f"{col['short_goal']}{r}"] = row["short"]["text"]
            ws[f"{col['short_period']}{r}"] = row["short"]["period"]
            for k in ("short_goal", "short_period"):
                if row["short_span"] > 1:
                    ws.merge_cells(f"{col[k]}{r}:{col[k]}{r + row['short_span'] - 1}")
        for k, v in zip(("content", "insured", "service_type", "provider", "frequency", "service_period"), row["service"]):
            if v:
                ws[f"{col[k]}{r}"] = v
    ws = wb[F.SHEET_T3]
    first = F.T3_HEADER_ROW + 1
    for day, time, text, span in plan["t3"]:
        r = first + F.T3_TIMES.index(time)
        c = F.T3_DAY_COLS[day]
        ws[f"{c}{r}"] = text
        if span > 1:
            ws.merge_cells(f"{c}{r}:{c}{r + span - 1}")
    for text, time in zip(plan["activities"], ("6:00", "12:00", "20:00")):
        ws[f"{F.T3_ACTIVITY_COL}{first + F.T3_TIMES.index(time)}"] = text
    ws[F.T3_NON_WEEKLY[1]] = plan["non_weekly"]
    ws = wb[F.SHEET_T4]
    for spec in F.TABLE4_FIELDS:
        ws[spec.cell] = plan["t4"][spec.key]
    ws = wb[F.SHEET_ASSESSMENT]
    ws[F.ASSESSMENT_DATE.cell] = plan["assessed_on"]
    ac = {k: v[0] for k, v in F.ASSESSMENT_COLUMNS.items()}
    for num, (status, issue, refs) in plan["assessment"].items():
        r = F.ASSESSMENT_HEADER_ROW + num
        ws[f"{ac['status']}{r}"] = status
        ws[f"{ac['has_issue']}{r}"] = issue
        ws[f"{ac['need_refs']}{r}"] = refs
    ws = wb[F.SHEET_MONITORING]
    mc = [v[0] for v in F.MONITORING_COLUMNS.values()]
    for i, values in enumerate(plan["monitoring"]):
        for c, v in zip(mc, values):
            ws[f"{c}{F.MONITORING_FIRST_ROW + i}"] = v
    ws = wb[F.SHEET_ACK]
    kc = [F.ACK_COLUMNS[k][0] for k in ("rule", "sheet", "cell", "reason")]
    for i, values in enumerate(plan["acks"]):
        for c, v in zip(kc, values):
            ws[f"{c}{F.ACK_HEADER_ROW + 1 + i}"] = v
    return wb


def label_workbook(plan: dict = PLAN, *, wareki: bool = False) -> Workbook:
    """The same plan in an office's own form: other sheet names and labels, shifted columns, values
    below some labels, merged label cells, two-cell period, needs written once and left blank below.
    With ``wareki`` dates are written as 和暦 text (the model then differs only in ``raw``)."""

    def d(v):
        if not wareki or not isinstance(v, dt.date):
            return v
        return f"令和{v.year - 2018}年{v.month}月{v.day}日" if v.year >= 2019 else f"昭和{v.year - 1925}年{v.month}月{v.day}日"

    t1 = plan["t1"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "計画書(1)"
    ws["B1"] = "居宅サービス計画書（１）"
    ws["H2"] = "作成年月日"
    ws["I2"] = d(t1["created_on"])
    ws["B3"] = "計画区分"
    ws["C3"] = t1["plan_kind"]
    ws["E3"] = "認定状況"
    ws["F3"] = t1["certification_status"]
    # labels in a row, values in the row below
    ws["B5"] = "利用者氏名"
    ws["E5"] = "生年月日"
    ws["G5"] = "利用者住所"
    ws["B6"] = t1["user_name"]
    ws["E6"] = d(t1["birth_date"])
    ws["G6"] = t1["address"]
    # merged label cells, values right of them
    ws["B8"] = "計画作成者氏名"
    ws.merge_cells("B8:C8")
    ws["D8"] = t1["care_manager"]
    ws["F8"] = "事業所名及び所在地"
    ws.merge_cells("F8:G8")
    ws["H8"] = t1["office"]
    ws.merge_cells("H8:K8")
    ws["B9"] = "初回作成日"
    ws.merge_cells("B9:C9")
    ws["D9"] = d(t1["first_created_on"])
    ws["F9"] = "計画変更日"
    ws.merge_cells("F9:G9")
    ws["B10"] = "要介護認定日"
    ws.merge_cells("B10:C10")
    ws["D10"] = d(t1["certified_on"])
    ws["F10"] = "認定有効期間"
    ws.merge_cells("F10:G10")
    ws["H10"] = d(t1["cert_period"][0])
    ws["I10"] = "～"
    ws["J10"] = d(t1["cert_period"][1])
    ws["B11"] = "要介護度"
    ws.merge_cells("B11:C11")
    ws["D11"] = t1["care_level"]
    for r, label, key in ((12, "生活に対する意向", "user_intent"), (14, "審査会の意見", "committee_opinion"),
                          (16, "総合的な支援の方針", "overall_policy"), (18, "生活援助中心型算定理由", "living_support_reason")):
        ws[f"B{r}"] = label
        ws.merge_cells(f"B{r}:K{r}")
        if t1.get(key):
            ws[f"B{r + 1}"] = t1[key]
        ws.merge_cells(f"B{r + 1}:K{r + 1}")
    ws["B21"] = "同意日"
    ws["C21"] = d(t1["consent_on"])
    ws["F21"] = "計画交付日"
    ws["G21"] = d(t1["delivered_on"])

    ws = wb.create_sheet("計画書(2)")
    ws["B1"] = "居宅サービス計画書（２）"
    ws["B3"] = "生活全般の解決すべき課題(ニーズ)"
    ws.merge_cells("B3:B4")
    ws["C3"] = "援助目標"
    ws.merge_cells("C3:F3")
    ws["G3"] = "援助内容"
    ws.merge_cells("G3:L3")
    for c, t in zip("CDEFGHIJKL", ["長期目標", "(期間)", "短期目標", "(期間)", "サービス内容", "※１", "サービス種別", "※２", "頻度", "期間"]):
        ws[f"{c}4"] = t
    cols = dict(need="B", long_goal="C", long_period="D", short_goal="E", short_period="F", content="G", insured="H",
                service_type="I", provider="J", frequency="K", service_period="L")
    for i, row in enumerate(_t2_rows(plan)):
        r = 5 + i
        if "need" in row:  # written once, blank below (no merge)
            ws[f"{cols['need']}{r}"] = row["need"]["text"]
        if "long" in row:
            ws[f"{cols['long_goal']}{r}"] = row["long"]["text"]
            ws[f"{cols['long_period']}{r}"] = row["long"]["period"]
        if "short" in row:
            ws[f"{cols['short_goal']}{r}"] = row["short"]["text"]
            ws[f"{cols['short_period']}{r}"] = row["short"]["period"]
            if row["short_span"] > 1:  # merged here
                ws.merge_cells(f"E{r}:E{r + row['short_span'] - 1}")
                ws.merge_cells(f"F{r}:F{r + row['short_span'] - 1}")
        for k, v in zip(("content", "insured", "service_type", "provider", "frequency", "service_period"), row["service"]):
            if v:
                ws[f"{cols[k]}{r}"] = v

    ws = wb.create_sheet("週間サービス計画表")
    ws["A2"] = "時間帯"
    ws["B2"] = "時刻"
    days = "BCDEFGH"
    for i, name in enumerate(("月曜", "火曜", "水曜", "木曜", "金曜", "土曜", "日曜")):
        ws.cell(row=2, column=3 + i, value=name)
    ws["J2"] = "主な日常生活上の活動"
    # one row per hour 0..23 from row 3; our 2-hour slots -> span rows
    for h in range(24):
        ws.cell(row=3 + h, column=2, value=f"{h}時")
    for day, time, text, span in plan["t3"]:
        h = int(time.split(":")[0])
        c = 3 + day
        ws.cell(row=3 + h, column=c, value=text)
        if span > 1:
            ws.merge_cells(start_row=3 + h, start_column=c, end_row=3 + h + 2 * span - 1, end_column=c)
    for text, h in zip(plan["activities"], (6, 12, 20)):
        ws.cell(row=3 + h, column=10, value=text)
    ws["A28"] = "週単位以外のサービス"
    ws.merge_cells("A28:B28")
    ws["C28"] = plan["non_weekly"]
    ws.merge_cells("C28:J28")
    del days

    ws = wb.create_sheet("担当者会議")
    ws["A1"] = "サービス担当者会議の要点"
    ws["A3"] = "開催日"
    ws["B3"] = d(plan["t4"]["held_on"])
    ws["D3"] = "開催場所"
    ws["E3"] = plan["t4"]["place"]
    for r, label, key in ((4, "出席者", "attendees"), (5, "検討項目", "topics"), (6, "検討内容", "discussion"),
                          (7, "結論", "conclusion"), (8, "残された課題", "remaining")):
        ws[f"A{r}"] = label
        ws[f"B{r}"] = plan["t4"][key]
        ws.merge_cells(f"B{r}:H{r}")

    ws = wb.create_sheet("課題分析")
    ws["A1"] = "課題分析標準項目"
    ws["C2"] = "アセスメント日"
    ws["D2"] = d(plan["assessed_on"])
    for c, t in zip("BCDEF", ("番号", "課題分析標準項目", "現在の状況", "課題の有無", "関連するニーズ")):
        ws[f"{c}3"] = t
    for i, name in enumerate(F.ASSESSMENT_ITEMS, start=1):
        r = 3 + i
        ws[f"B{r}"] = i
        ws[f"C{r}"] = name
        if i in plan["assessment"]:
            status, issue, refs = plan["assessment"][i]
            ws[f"D{r}"] = status
            ws[f"E{r}"] = issue
            ws[f"F{r}"] = refs

    ws = wb.create_sheet("モニタリング記録")
    for c, t in zip("ABCDE", ("訪問予定日", "区分", "訪問日", "実施方法", "内容")):
        ws[f"{c}2"] = t
    for i, values in enumerate(plan["monitoring"]):
        for j, v in enumerate(values):
            ws.cell(row=3 + i, column=1 + j, value=d(v))

    ws = wb.create_sheet("逸脱理由")
    for c, t in zip("ABCD", ("ルールコード", "シート", "対象セル", "理由")):
        ws[f"{c}2"] = t
    for i, values in enumerate(plan["acks"]):
        for j, v in enumerate(values):
            ws.cell(row=3 + i, column=1 + j, value=v)
    return wb


def strip_locations(data: Any) -> Any:
    """A dump of the model without where things are: loc, sheet names, sheet rows, header rows, source, layout, the map."""
    drop = {"loc", "sheet", "row", "header_row", "source", "layout", "sheets", "forms", "notes"}
    if isinstance(data, dict):
        return {k: strip_locations(v) for k, v in data.items() if k not in drop}
    if isinstance(data, list):
        return [strip_locations(x) for x in data]
    return data


def save(wb: Workbook, path) -> str:
    wb.save(path)
    return str(path)
