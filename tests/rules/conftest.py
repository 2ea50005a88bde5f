"""A clean, realistic care plan built directly as a CarePlan model (no reader, no workbook).

Layout = our template (xl_careplan/fields.py):
第1表  K1 作成日 2026-04-10 / E6 初回作成日 2024-04-10 / E3 認定済 / E7 認定の有効期間 2026-04-01～2027-03-31
       B8 要介護2 / B9 意向 / B11 総合的な援助の方針 / B12 生活援助中心型の算定理由 / B14 同意日 2026-04-14 / H14 交付日
第2表  need ① A6 (rows 6-8): 長期目標 B6/C6, 短期目標 D6/E6, services
           row 6 通所リハビリテーション 週2回 / row 7 福祉用具貸与 (歩行器) / row 8 本人 散歩 毎日
       need ② A9 (rows 9-10): 長期目標 B9/C9, 短期目標 D9/E9, services
           row 9 訪問介護 生活援助 週2回 / row 10 訪問介護 身体介護（見守り的援助）週1回
       periods: 長期 2026-04-15～2027-03-31, 短期 and services 2026-04-15～2026-10-14 (6 か月)
第3表  火・金 10:00 通所リハビリ (E10, H10), 月・木 14:00 訪問介護（生活援助） (D12, G12), 水 10:00 訪問介護（身体） (F10)
第4表  B4 開催日 2026-04-12
第5表  A5 4/8 主治医への照会（通所リハビリの指示）, A6 4/14 計画書の交付（本人・各事業所・主治医）
アセスメント E2 2026-04-05, 23 items on rows 5-27 (C 状況, D 課題, E 関連ニーズ番号); 10, 11 -> ①, 12 -> ②
モニタリング header row 4; rows 5-11 visits 2026-04 .. 2026-10 (居宅訪問); row 12 planned 2026-11-16, not done yet
Today (ctx.today) is fixed at 2026-11-25.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from xl_careplan.fields import ASSESSMENT_ITEMS
from xl_careplan.located import Loc, Located
from xl_careplan.models import (
    Assessment,
    AssessmentItem,
    CarePlan,
    LongGoal,
    Monitoring,
    MonitoringRow,
    Need,
    ServiceRow,
    ShortGoal,
    Table1,
    Table2,
    Table3,
    SupportRecord,
    Table4,
    Table5,
    WeeklyEntry,
)
from xl_careplan.values import CareLevel, Frequency, Period

TODAY = dt.date(2026, 11, 25)
D = dt.date


def L(sheet: str, cell: str, value: Any, raw: str | None = None) -> Located:
    if raw is None and value is not None:
        raw = value if isinstance(value, str) else str(value)
    return Located(value=value, raw=raw, loc=Loc(sheet=sheet, cell=cell))


def t1(cell: str, value: Any, raw: str | None = None) -> Located:
    return L("第1表", cell, value, raw)


def t2(cell: str, value: Any, raw: str | None = None) -> Located:
    return L("第2表", cell, value, raw)


LONG = Period(start=D(2026, 4, 15), end=D(2027, 3, 31))
SHORT = Period(start=D(2026, 4, 15), end=D(2026, 10, 14))
LONG_RAW = "R8.4.15～R9.3.31"
SHORT_RAW = "R8.4.15～R8.10.14"


def service(row: int, content: str, insured: bool, stype: str, provider: str, freq: Frequency, freq_raw: str) -> ServiceRow:
    return ServiceRow(
        content=t2(f"F{row}", content),
        insured=t2(f"G{row}", insured, "○" if insured else None),
        service_type=t2(f"H{row}", stype),
        provider=t2(f"I{row}", provider),
        frequency=t2(f"J{row}", freq, freq_raw),
        period=t2(f"K{row}", SHORT, SHORT_RAW),
    )


def build_plan() -> CarePlan:
    table1 = Table1(
        user_name=t1("B4", "見本 花子"),
        birth_date=t1("E4", D(1940, 5, 3), "昭和15年5月3日"),
        address=t1("H4", "北海道見本市見本町1丁目"),
        care_manager=t1("B5", "見本 一郎"),
        office=t1("E5", "見本居宅介護支援事業所 北海道見本市見本町2丁目"),
        created_on=t1("K1", D(2026, 4, 10), "令和8年4月10日"),
        first_created_on=t1("E6", D(2024, 4, 10), "令和6年4月10日"),
        changed_on=t1("H6", None),
        plan_kind=t1("B3", "継続"),
        certification_status=t1("E3", "認定済"),
        certified_on=t1("B7", D(2026, 3, 25), "令和8年3月25日"),
        cert_period=t1("E7", Period(start=D(2026, 4, 1), end=D(2027, 3, 31)), "令和8年4月1日～令和9年3月31日"),
        care_level=t1("B8", CareLevel.KAIGO2, "要介護2"),
        user_intent=t1(
            "B9",
            "本人：膝が痛くても、自分で買物に行って好きなものを作って食べたい。"
            "長女：一人暮らしを続けられるよう、できることは本人にしてほしい。",
        ),
        committee_opinion=t1("B10", "特になし"),
        overall_policy=t1(
            "B11",
            "住み慣れた自宅で、自分で買物や調理をしながら一人暮らしを続けたいというご本人の希望を大切にし、"
            "膝の痛みに配慮しながら歩く力を保てるよう、チームで支援します。緊急時は長女と主治医に連絡します。",
        ),
        living_support_reason=t1("B12", "1. 一人暮らし"),
        consent_on=t1("B14", D(2026, 4, 14), "令和8年4月14日"),
        delivered_on=t1("H14", D(2026, 4, 14), "令和8年4月14日"),
    )
    need1 = Need(
        number=1,
        text=t2("A6", "膝の痛みで長く歩けず、近所のスーパーへ買物に行けなくなっているが、自分で買物に行けるようになりたい"),
        long_goals=[
            LongGoal(
                text=t2("B6", "近所のスーパーまで歩いて買物に行ける"),
                period=t2("C6", LONG, LONG_RAW),
                short_goals=[
                    ShortGoal(
                        text=t2("D6", "歩行器を使って自宅から300m先のバス停まで休まず歩ける"),
                        period=t2("E6", SHORT, SHORT_RAW),
                        services=[
                            service(6, "歩行訓練・下肢筋力訓練", True, "通所リハビリテーション", "見本通所リハビリセンター",
                                    Frequency(kind="per_week", count=2, weekdays=["火", "金"]), "週2回（火・金）"),
                            service(7, "歩行器の貸与（屋外を安全に歩くため）", True, "福祉用具貸与", "見本福祉用具",
                                    Frequency(kind="other"), "常時"),
                            service(8, "自宅周辺を10分散歩する", False, "本人", "本人",
                                    Frequency(kind="daily"), "毎日"),
                        ],
                    )
                ],
            )
        ],
    )
    need2 = Need(
        number=2,
        text=t2("A9", "腰痛があり一人暮らしで掃除や調理が難しいため、栄養のある食事をとり、清潔な部屋で暮らす必要がある"),
        long_goals=[
            LongGoal(
                text=t2("B9", "栄養バランスのよい食事を1日3食とる"),
                period=t2("C9", LONG, LONG_RAW),
                short_goals=[
                    ShortGoal(
                        text=t2("D9", "週1回、ヘルパーと一緒に献立を考え、簡単な料理を自分で作る"),
                        period=t2("E9", SHORT, SHORT_RAW),
                        services=[
                            service(9, "居室の掃除・調理（生活援助）", True, "訪問介護", "見本訪問介護事業所",
                                    Frequency(kind="per_week", count=2, weekdays=["月", "木"]), "週2回（月・木）"),
                            service(10, "一緒に献立を考え調理する（自立生活支援のための見守り的援助）", True, "訪問介護",
                                    "見本訪問介護事業所", Frequency(kind="per_week", count=1, weekdays=["水"]), "週1回（水）"),
                        ],
                    )
                ],
            )
        ],
    )
    table2 = Table2(sheet="第2表", needs=[need1, need2])

    def we(day: str, col: str, time: str, row: int, text: str) -> WeeklyEntry:
        return WeeklyEntry(weekday=day, time=time, text=text, loc=Loc(sheet="第3表", cell=f"{col}{row}"))

    table3 = Table3(
        sheet="第3表",
        entries=[
            we("月", "D", "14:00", 12, "訪問介護（生活援助）"),
            we("火", "E", "10:00", 10, "通所リハビリ"),
            we("水", "F", "10:00", 10, "訪問介護（身体）"),
            we("木", "G", "14:00", 12, "訪問介護（生活援助）"),
            we("金", "H", "10:00", 10, "通所リハビリ"),
        ],
        daily_activities=L("第3表", "K5", "7:00 起床 / 12:00 昼食 / 16:00 散歩 / 21:00 就寝"),
        non_weekly=L("第3表", "D19", "福祉用具貸与（歩行器）"),
    )
    table4 = Table4(
        sheet="第4表",
        held_on=L("第4表", "B4", D(2026, 4, 12), "令和8年4月12日"),
        place=L("第4表", "E4", "本人宅"),
        attendees=L("第4表", "B5", "本人、長女、通所リハ、訪問介護、福祉用具、介護支援専門員"),
        topics=L("第4表", "B6", "計画原案について"),
        discussion=L("第4表", "B7", "歩行訓練の内容と調理の支援方法を確認した。主治医の指示（4月8日照会）どおり通所リハビリで歩行訓練を行う。"),
        conclusion=L("第4表", "B8", "原案どおり実施する。"),
        remaining=L("第4表", "B9", "6か月後に目標を評価する。"),
    )
    table5 = Table5(sheet="第5表", entries=[
        SupportRecord(row=5, date=L("第5表", "A5", "4/8"), item=L("第5表", "B5", "主治医"),
                      content=L("第5表", "C5", "見本内科の主治医に通所リハビリテーションの必要性を照会し、利用の指示を得た。")),
        SupportRecord(row=6, date=L("第5表", "A6", "4/14"), item=L("第5表", "B6", "計画の交付"),
                      content=L("第5表", "C6", "計画書を本人・各事業所に交付し、見本内科の主治医に送付した。")),
    ])
    refs = {10: [1], 11: [1], 12: [2]}
    items = []
    for i, name in enumerate(ASSESSMENT_ITEMS, start=1):
        row = 4 + i
        issue = i in refs
        items.append(
            AssessmentItem(
                number=i,
                name=name,
                status=L("アセスメント", f"C{row}", f"{name}の状況を確認した"),
                has_issue=L("アセスメント", f"D{row}", issue, "有" if issue else "無"),
                need_refs=L("アセスメント", f"E{row}", refs.get(i), ",".join(map(str, refs[i])) if issue else None)
                if issue else Located(loc=Loc(sheet="アセスメント", cell=f"E{row}")),
            )
        )
    assessment = Assessment(sheet="アセスメント", assessed_on=L("アセスメント", "E2", D(2026, 4, 5)), items=items)

    mrows = []
    for k, month in enumerate(range(4, 11)):
        row = 5 + k
        day = D(2026, month, 15)
        mrows.append(
            MonitoringRow(
                row=row,
                planned_on=L("モニタリング", f"A{row}", day),
                kind=L("モニタリング", f"B{row}", "モニタリング訪問"),
                done_on=L("モニタリング", f"C{row}", day),
                method=L("モニタリング", f"D{row}", "居宅訪問"),
                note=L("モニタリング", f"E{row}", "目標に向けて取り組めている"),
            )
        )
    # October: the short-term goals (ending 2026-10-14) are evaluated
    mrows[-1].note = L("モニタリング", "E11", "短期目標を評価した（300m歩行は達成、調理は継続して取り組む）")
    mrows.append(
        MonitoringRow(
            row=12,
            planned_on=L("モニタリング", "A12", D(2026, 11, 16)),
            kind=L("モニタリング", "B12", "モニタリング訪問"),
            done_on=Located(loc=Loc(sheet="モニタリング", cell="C12")),
            method=Located(loc=Loc(sheet="モニタリング", cell="D12")),
            note=Located(loc=Loc(sheet="モニタリング", cell="E12")),
        )
    )
    monitoring = Monitoring(sheet="モニタリング", header_row=4, rows=mrows)

    return CarePlan(
        source="base.xlsx",
        table1=table1,
        table2=table2,
        table3=table3,
        table4=table4,
        table5=table5,
        assessment=assessment,
        monitoring=monitoring,
        acknowledgements=[],
        layout="template",
    )


_BASE = None


def base_plan() -> CarePlan:
    """A fresh deep copy of the clean plan (patches mutate it)."""
    global _BASE
    if _BASE is None:
        _BASE = build_plan()
    return copy.deepcopy(_BASE)


@pytest.fixture
def plan() -> CarePlan:
    return base_plan()


@pytest.fixture
def make_plan():
    """The factory itself, for tests that need several fresh plans."""
    return base_plan


@pytest.fixture
def today() -> dt.date:
    return TODAY
