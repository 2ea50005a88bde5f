"""Typed model of a home-care plan workbook (居宅サービス計画書 第1〜4表, アセスメント, モニタリング).

Readers build it from cells, rules read only it, writers use the locations it carries.
Every field is ``Located`` so a finding can name the sheet and cell it is about.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from pydantic import BaseModel, Field

from xl_careplan.located import Loc, Located
from xl_careplan.values import CareLevel, Frequency, Period

LDate = Located[dt.date]
LStr = Located[str]


@lru_cache(maxsize=None)
def fields_of(cls: type) -> dict:
    """``cls.model_fields``, looked up once per class (pydantic 2.11+ rebuilds the mapping on every
    access, which cost a tenth of a check's time in the readers' per-field loops)."""
    return dict(cls.model_fields)


class Table1(BaseModel):
    """第1表 居宅サービス計画書(1)."""

    user_name: LStr = Field(default_factory=LStr)  # 利用者名
    birth_date: LDate = Field(default_factory=LDate)  # 生年月日
    address: LStr = Field(default_factory=LStr)  # 住所
    care_manager: LStr = Field(default_factory=LStr)  # 居宅サービス計画作成者氏名
    office: LStr = Field(default_factory=LStr)  # 居宅介護支援事業者・事業所名及び所在地
    created_on: LDate = Field(default_factory=LDate)  # 居宅サービス計画作成(変更)日
    first_created_on: LDate = Field(default_factory=LDate)  # 初回居宅サービス計画作成日
    changed_on: LDate = Field(default_factory=LDate)  # 変更日 (when written apart from 作成日)
    plan_kind: LStr = Field(default_factory=LStr)  # 初回・紹介・継続 (the one circled/selected)
    certification_status: LStr = Field(default_factory=LStr)  # 認定済・申請中
    certified_on: LDate = Field(default_factory=LDate)  # 認定日
    cert_period: Located[Period] = Field(default_factory=Located[Period])  # 認定の有効期間
    care_level: Located[CareLevel] = Field(default_factory=Located[CareLevel])  # 要介護状態区分
    user_intent: LStr = Field(default_factory=LStr)  # 利用者及び家族の生活に対する意向を踏まえた課題分析の結果
    committee_opinion: LStr = Field(default_factory=LStr)  # 介護認定審査会の意見及びサービスの種類の指定
    overall_policy: LStr = Field(default_factory=LStr)  # 総合的な援助の方針
    living_support_reason: LStr = Field(default_factory=LStr)  # 生活援助中心型の算定理由
    consent_on: LDate = Field(default_factory=LDate)  # 説明・同意日
    delivered_on: LDate = Field(default_factory=LDate)  # 交付日


class ServiceRow(BaseModel):
    """第2表 援助内容の一行."""

    content: LStr = Field(default_factory=LStr)  # サービス内容
    insured: Located[bool] = Field(default_factory=Located[bool])  # ※1 保険給付対象 (○)
    service_type: LStr = Field(default_factory=LStr)  # サービス種別
    provider: LStr = Field(default_factory=LStr)  # ※2 事業所
    frequency: Located[Frequency] = Field(default_factory=Located[Frequency])  # 頻度
    period: Located[Period] = Field(default_factory=Located[Period])  # 期間


class ShortGoal(BaseModel):
    text: LStr = Field(default_factory=LStr)
    period: Located[Period] = Field(default_factory=Located[Period])
    services: list[ServiceRow] = []


class LongGoal(BaseModel):
    text: LStr = Field(default_factory=LStr)
    period: Located[Period] = Field(default_factory=Located[Period])
    short_goals: list[ShortGoal] = []


class Need(BaseModel):
    """生活全般の解決すべき課題（ニーズ） with the goals and services under it."""

    number: int  # 1-based order in 第2表 (①②… as the care manager numbers them)
    text: LStr = Field(default_factory=LStr)
    long_goals: list[LongGoal] = []

    def services(self) -> list[ServiceRow]:
        return [s for lg in self.long_goals for sg in lg.short_goals for s in sg.services]


class Table2(BaseModel):
    """第2表 居宅サービス計画書(2)."""

    sheet: str | None = None
    needs: list[Need] = []

    def services(self) -> list[ServiceRow]:
        return [s for n in self.needs for s in n.services()]

    def short_goals(self) -> list[ShortGoal]:
        return [sg for n in self.needs for lg in n.long_goals for sg in lg.short_goals]

    def long_goals(self) -> list[LongGoal]:
        return [lg for n in self.needs for lg in n.long_goals]


WEEKDAYS = ["月", "火", "水", "木", "金", "土", "日"]


class WeeklyEntry(BaseModel):
    """One filled cell of the 第3表 grid: a service (or activity) on a weekday at a time slot."""

    weekday: str  # one of WEEKDAYS
    time: str  # the row's time label as written (e.g. "10:00")
    text: str
    loc: Loc


class Table3(BaseModel):
    """第3表 週間サービス計画表."""

    sheet: str | None = None
    entries: list[WeeklyEntry] = []
    daily_activities: LStr = Field(default_factory=LStr)  # 主な日常生活上の活動
    non_weekly: LStr = Field(default_factory=LStr)  # 週単位以外のサービス


class AssessmentItem(BaseModel):
    """課題分析標準項目 (23 items, 令和5年改正)."""

    number: int
    name: str
    status: LStr = Field(default_factory=LStr)  # 状況
    has_issue: Located[bool] = Field(default_factory=Located[bool])  # 課題あり
    need_refs: Located[list[int]] = Field(default_factory=Located[list[int]])  # 関連するニーズ番号


class Assessment(BaseModel):
    sheet: str | None = None
    assessed_on: LDate = Field(default_factory=LDate)  # アセスメント実施日
    items: list[AssessmentItem] = []


class Table4(BaseModel):
    """第4表 サービス担当者会議の要点."""

    sheet: str | None = None
    held_on: LDate = Field(default_factory=LDate)  # 開催日
    place: LStr = Field(default_factory=LStr)
    attendees: LStr = Field(default_factory=LStr)
    topics: LStr = Field(default_factory=LStr)  # 検討した項目
    discussion: LStr = Field(default_factory=LStr)  # 検討内容
    conclusion: LStr = Field(default_factory=LStr)  # 結論
    remaining: LStr = Field(default_factory=LStr)  # 残された課題


class SupportRecord(BaseModel):
    """One entry of 第5表 居宅介護支援経過: when, what about, what happened (照会, 主治医の意見, 特段の事情 …)."""

    row: int
    date: LStr = Field(default_factory=LStr)  # 年月日 as written (often without the year: 「9/15」)
    item: LStr = Field(default_factory=LStr)  # 項目
    content: LStr = Field(default_factory=LStr)  # 内容


class Table5(BaseModel):
    """第5表 居宅介護支援経過 (read when the workbook holds one)."""

    sheet: str | None = None
    entries: list[SupportRecord] = []

    def texts(self) -> list[str]:
        return [f"{e.item.value or ''} {e.content.value or ''}".strip() for e in self.entries]


class MonitoringRow(BaseModel):
    """One row of the モニタリング sheet: planned date, kind, done date, notes."""

    row: int  # sheet row, so the scheduler fills the same row
    planned_on: LDate = Field(default_factory=LDate)  # 予定日
    kind: LStr = Field(default_factory=LStr)  # 種別 (訪問 / 目標評価 / 計画見直し / 更新手続 / 電話等)
    done_on: LDate = Field(default_factory=LDate)  # 実施日
    method: LStr = Field(default_factory=LStr)  # 方法 (居宅訪問 / テレビ電話 / 電話)
    note: LStr = Field(default_factory=LStr)  # 内容・評価
    # the row's other written cells (目標の達成度, サービスの実施状況, 今後の方針 … when a form has several), as text
    other_text: list[str] = []


class Monitoring(BaseModel):
    sheet: str | None = None
    header_row: int | None = None
    rows: list[MonitoringRow] = []


class Acknowledgement(BaseModel):
    """A care manager's written reason for departing from a rule (方針と異なる理由)."""

    rule: str
    cell: str | None = None  # None: the whole plan
    sheet: str | None = None
    reason: str
    loc: Loc


class ReadingNote(BaseModel):
    """What the reader could not find, or found but was not sure of (読み取りメモ).

    A reading doubt is never an error: rules that depend on the part stay silent and the plan gets one
    info-level reading note (rule CP001) listing these."""

    part: str  # 第1表 / 第2表 / 第3表 / 第4表 / アセスメント / モニタリング
    message: str  # what was not found or is doubtful (Japanese)
    looked: str = ""  # where the reader looked (Japanese)
    layout: str = ""  # the layout-file section that can point at it ("[monitoring]")
    loc: Loc | None = None  # the cell the doubt is about, when there is one


class FormMap(BaseModel):
    """One form the reader found: on which sheets, by which method, and where its table columns are."""

    part: str  # 第1表 / 第2表 …
    sheets: list[str] = []
    how: str = "labels"  # template | labels | layout-file
    header_row: int | None = None  # tables: the header row (first sheet)
    columns: dict[str, str] = {}  # tables: column key -> column letter (first sheet)


class CarePlan(BaseModel):
    source: str | None = None  # path as given, or the live workbook's name
    table1: Table1 = Field(default_factory=Table1)
    table2: Table2 = Field(default_factory=Table2)
    table3: Table3 | None = None
    table4: Table4 | None = None
    table5: Table5 | None = None  # 第5表 居宅介護支援経過
    assessment: Assessment | None = None
    monitoring: Monitoring | None = None
    acknowledgements: list[Acknowledgement] = []
    layout: str = "unknown"  # which reader path found the fields: template | labels | layout-file
    sheets: list[str] = []  # the workbook's plan sheets in order (our own 点検結果 excluded)
    forms: list[FormMap] = []  # the map of the workbook: which sheet is which form
    notes: list[ReadingNote] = []  # 読み取りメモ: what was not found or is doubtful

    def home(self) -> Loc:
        """Where a finding about the plan as a whole goes: A1 of the 第1表 sheet (else the first plan sheet)."""
        for fm in self.forms:
            if fm.part == "第1表" and fm.sheets:
                return Loc(sheet=fm.sheets[0], cell="A1")
        for name in type(self.table1).model_fields:
            v = getattr(self.table1, name)
            if v.loc is not None:
                return Loc(sheet=v.loc.sheet, cell="A1")
        if self.table2.sheet:
            return Loc(sheet=self.table2.sheet, cell="A1")
        return Loc(sheet=self.sheets[0] if self.sheets else "第1表", cell="A1")

    def form(self, part: str) -> FormMap | None:
        return next((f for f in self.forms if f.part == part), None)
