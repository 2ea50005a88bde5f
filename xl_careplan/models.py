"""Typed model of a home-care plan workbook (居宅サービス計画書 第1〜4表, アセスメント, モニタリング).

Readers build it from cells, rules read only it, writers use the locations it carries.
Every field is ``Located`` so a finding can name the sheet and cell it is about.
"""

from __future__ import annotations

import datetime as dt
from xl_careplan.located import Loc, Located
from xl_careplan.record import field, fields_of, hidden, record
from xl_careplan.values import CareLevel, Frequency, Period

LDate = Located[dt.date]
LStr = Located[str]

__all__ = ["fields_of"]  # re-exported: readers and rules walk the model's fields


@record
class Table1:
    """第1表 居宅サービス計画書(1)."""

    user_name: LStr = field(default_factory=LStr)  # 利用者名
    birth_date: LDate = field(default_factory=LDate)  # 生年月日
    address: LStr = field(default_factory=LStr)  # 住所
    care_manager: LStr = field(default_factory=LStr)  # 居宅サービス計画作成者氏名
    office: LStr = field(default_factory=LStr)  # 居宅介護支援事業者・事業所名及び所在地
    created_on: LDate = field(default_factory=LDate)  # 居宅サービス計画作成(変更)日
    first_created_on: LDate = field(default_factory=LDate)  # 初回居宅サービス計画作成日
    changed_on: LDate = field(default_factory=LDate)  # 変更日 (when written apart from 作成日)
    plan_kind: LStr = field(default_factory=LStr)  # 初回・紹介・継続 (the one circled/selected)
    certification_status: LStr = field(default_factory=LStr)  # 認定済・申請中
    certified_on: LDate = field(default_factory=LDate)  # 認定日
    cert_period: Located[Period] = field(default_factory=Located[Period])  # 認定の有効期間
    care_level: Located[CareLevel] = field(default_factory=Located[CareLevel])  # 要介護状態区分
    user_intent: LStr = field(default_factory=LStr)  # 利用者及び家族の生活に対する意向を踏まえた課題分析の結果
    committee_opinion: LStr = field(default_factory=LStr)  # 介護認定審査会の意見及びサービスの種類の指定
    overall_policy: LStr = field(default_factory=LStr)  # 総合的な援助の方針
    living_support_reason: LStr = field(default_factory=LStr)  # 生活援助中心型の算定理由
    consent_on: LDate = field(default_factory=LDate)  # 説明・同意日
    delivered_on: LDate = field(default_factory=LDate)  # 交付日


@record
class ServiceRow:
    """第2表 援助内容の一行."""

    content: LStr = field(default_factory=LStr)  # サービス内容
    insured: Located[bool] = field(default_factory=Located[bool])  # ※1 保険給付対象 (○)
    service_type: LStr = field(default_factory=LStr)  # サービス種別
    provider: LStr = field(default_factory=LStr)  # ※2 事業所
    frequency: Located[Frequency] = field(default_factory=Located[Frequency])  # 頻度
    period: Located[Period] = field(default_factory=Located[Period])  # 期間


@record
class ShortGoal:
    text: LStr = field(default_factory=LStr)
    period: Located[Period] = field(default_factory=Located[Period])
    services: list[ServiceRow] = field(default_factory=list)


@record
class LongGoal:
    text: LStr = field(default_factory=LStr)
    period: Located[Period] = field(default_factory=Located[Period])
    short_goals: list[ShortGoal] = field(default_factory=list)


@record
class Need:
    """生活全般の解決すべき課題（ニーズ） with the goals and services under it."""

    number: int  # 1-based order in 第2表 (①②… as the care manager numbers them)
    text: LStr = field(default_factory=LStr)
    long_goals: list[LongGoal] = field(default_factory=list)

    def services(self) -> list[ServiceRow]:
        return [s for lg in self.long_goals for sg in lg.short_goals for s in sg.services]


@record
class Table2:
    """第2表 居宅サービス計画書(2)."""

    sheet: str | None = None
    needs: list[Need] = field(default_factory=list)

    def services(self) -> list[ServiceRow]:
        return [s for n in self.needs for s in n.services()]

    def short_goals(self) -> list[ShortGoal]:
        return [sg for n in self.needs for lg in n.long_goals for sg in lg.short_goals]

    def long_goals(self) -> list[LongGoal]:
        return [lg for n in self.needs for lg in n.long_goals]


WEEKDAYS = ["月", "火", "水", "木", "金", "土", "日"]


@record
class WeeklyEntry:
    """One filled cell of the 第3表 grid: a service (or activity) on a weekday at a time slot."""

    weekday: str  # one of WEEKDAYS
    time: str  # the row's time label as written (e.g. "10:00")
    text: str
    loc: Loc


@record
class Table3:
    """第3表 週間サービス計画表."""

    sheet: str | None = None
    entries: list[WeeklyEntry] = field(default_factory=list)
    daily_activities: LStr = field(default_factory=LStr)  # 主な日常生活上の活動
    non_weekly: LStr = field(default_factory=LStr)  # 週単位以外のサービス


@record
class AssessmentItem:
    """課題分析標準項目 (23 items, 令和5年改正)."""

    number: int
    name: str
    status: LStr = field(default_factory=LStr)  # 状況
    has_issue: Located[bool] = field(default_factory=Located[bool])  # 課題あり
    need_refs: Located[list[int]] = field(default_factory=Located[list[int]])  # 関連するニーズ番号


@record
class Assessment:
    sheet: str | None = None
    assessed_on: LDate = field(default_factory=LDate)  # アセスメント実施日
    items: list[AssessmentItem] = field(default_factory=list)


@record
class Table4:
    """第4表 サービス担当者会議の要点."""

    sheet: str | None = None
    held_on: LDate = field(default_factory=LDate)  # 開催日
    place: LStr = field(default_factory=LStr)
    attendees: LStr = field(default_factory=LStr)
    topics: LStr = field(default_factory=LStr)  # 検討した項目
    discussion: LStr = field(default_factory=LStr)  # 検討内容
    conclusion: LStr = field(default_factory=LStr)  # 結論
    remaining: LStr = field(default_factory=LStr)  # 残された課題


@record
class SupportRecord:
    """One entry of 第5表 居宅介護支援経過: when, what about, what happened (照会, 主治医の意見, 特段の事情 …)."""

    row: int
    date: LStr = field(default_factory=LStr)  # 年月日 as written (often without the year: 「9/15」)
    item: LStr = field(default_factory=LStr)  # 項目
    content: LStr = field(default_factory=LStr)  # 内容


@record
class Table5:
    """第5表 居宅介護支援経過 (read when the workbook holds one)."""

    sheet: str | None = None
    entries: list[SupportRecord] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [f"{e.item.value or ''} {e.content.value or ''}".strip() for e in self.entries]


@record
class MonitoringRow:
    """One row of the モニタリング sheet: planned date, kind, done date, notes."""

    row: int  # sheet row, so the scheduler fills the same row
    planned_on: LDate = field(default_factory=LDate)  # 予定日
    kind: LStr = field(default_factory=LStr)  # 種別 (訪問 / 目標評価 / 計画見直し / 更新手続 / 電話等)
    done_on: LDate = field(default_factory=LDate)  # 実施日
    method: LStr = field(default_factory=LStr)  # 方法 (居宅訪問 / テレビ電話 / 電話)
    note: LStr = field(default_factory=LStr)  # 内容・評価
    # the row's other written cells (目標の達成度, サービスの実施状況, 今後の方針 … when a form has several), as text
    other_text: list[str] = field(default_factory=list)


@record
class Monitoring:
    sheet: str | None = None
    header_row: int | None = None
    rows: list[MonitoringRow] = field(default_factory=list)
    # written across (one COLUMN a visit, the labels down the first column): no blank rows to point a missing
    # month at, and the scheduler does not write into it
    across: bool = hidden(False)


@record
class Acknowledgement:
    """A care manager's written reason for departing from a rule (方針と異なる理由)."""

    rule: str
    cell: str | None = None  # None: the whole plan
    sheet: str | None = None
    reason: str
    loc: Loc


@record
class ReadingNote:
    """What the reader could not find, or found but was not sure of (読み取りメモ).

    A reading doubt is never an error: rules that depend on the part stay silent and the plan gets one
    info-level reading note (rule CP001) listing these."""

    part: str  # 第1表 / 第2表 / 第3表 / 第4表 / アセスメント / モニタリング
    message: str  # what was not found or is doubtful (Japanese)
    looked: str = ""  # where the reader looked (Japanese)
    layout: str = ""  # the layout-file section that can point at it ("[monitoring]")
    loc: Loc | None = None  # the cell the doubt is about, when there is one


@record
class FormMap:
    """One form the reader found: on which sheets, by which method, and where its table columns are."""

    part: str  # 第1表 / 第2表 …
    sheets: list[str] = field(default_factory=list)
    how: str = "labels"  # template | labels | layout-file
    header_row: int | None = None  # tables: the header row (first sheet)
    columns: dict[str, str] = field(default_factory=dict)  # tables: column key -> column letter (first sheet)


@record
class CarePlan:
    source: str | None = None  # path as given, or the live workbook's name
    table1: Table1 = field(default_factory=Table1)
    table2: Table2 = field(default_factory=Table2)
    table3: Table3 | None = None
    table4: Table4 | None = None
    table5: Table5 | None = None  # 第5表 居宅介護支援経過
    assessment: Assessment | None = None
    monitoring: Monitoring | None = None
    acknowledgements: list[Acknowledgement] = field(default_factory=list)
    layout: str = "unknown"  # which reader path found the fields: template | labels | layout-file
    sheets: list[str] = field(default_factory=list)  # the workbook's plan sheets in order (our own 点検結果 excluded)
    forms: list[FormMap] = field(default_factory=list)  # the map of the workbook: which sheet is which form
    notes: list[ReadingNote] = field(default_factory=list)  # 読み取りメモ: what was not found or is doubtful

    def home(self) -> Loc:
        """Where a finding about the plan as a whole goes: A1 of the 第1表 sheet (else the first plan sheet)."""
        for fm in self.forms:
            if fm.part == "第1表" and fm.sheets:
                return Loc(sheet=fm.sheets[0], cell="A1")
        for name in fields_of(type(self.table1)):
            v = getattr(self.table1, name)
            if v.loc is not None:
                return Loc(sheet=v.loc.sheet, cell="A1")
        if self.table2.sheet:
            return Loc(sheet=self.table2.sheet, cell="A1")
        return Loc(sheet=self.sheets[0] if self.sheets else "第1表", cell="A1")

    def form(self, part: str) -> FormMap | None:
        return next((f for f in self.forms if f.part == part), None)
