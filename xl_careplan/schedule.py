"""Monitoring schedule: which dates a care manager should visit, evaluate goals and prepare the renewal.

``plan_events(plan, today=..., settings=...)`` turns a ``CarePlan`` into a list of ``Event``
(date, kind, Japanese note); ``fill_monitoring(access, plan, events, today=...)`` writes them into the
モニタリング sheet through the ``WorkbookAccess`` protocol only (file and live Excel share this code);
``missing_months(plan, today)`` lists past months with no home visit recorded (the rule CP170 reads the
records more strictly; both take the 要支援 blocks from ``monitoring_rhythm.support_blocks``).

Rules applied (see docs/schedule.md for the Japanese explanation):

* 要介護 (居宅介護支援): one home visit per calendar month, from the plan's start month
  (説明・同意日, else 作成日) to the end of 認定の有効期間.
  運営基準 = 指定居宅介護支援等の事業の人員及び運営に関する基準 第13条第14号
  (少なくとも1月に1回、利用者の居宅を訪問し、利用者に面接する).
* 要支援・事業対象者 (介護予防支援): counted from the month after the start month, at least one home
  visit in every block of 3 months, and a home visit in each month in which a goal's period (評価期間)
  ends; every other month gets a contact (電話等による連絡). A contact month is an ``Event`` of kind
  ``monitoring_visit`` whose note starts with ``CONTACT_NOTE`` and whose (not serialised)
  ``contact_only`` is True; in the sheet its 種別 is 「電話等連絡」.
  予防基準 = 指定介護予防支援等の事業の人員及び運営並びに指定介護予防支援等に係る介護予防のための
  効果的な支援の方法に関する基準 第30条第16号.
* goal_evaluation: ``evaluation_days_before`` (10) calendar days before each short- and long-term goal
  period ends, moved *earlier* to a working day (so it stays ahead of the end). Goals ending the same
  day share one event.
* certification_renewal: the renewal application window opens 60 days before 認定の有効期間 ends
  (介護保険法施行規則 第35条: 有効期間満了日の60日前から申請できる); the event is on the first working
  day on or after that day.
* plan_review: the サービス担当者会議 for the renewal (運営基準 第13条第15号 / 予防基準 第30条),
  ``renewal_meeting_days_before`` (14) days before the end, moved earlier to a working day.

Working day: not Saturday/Sunday, not a national holiday (jpholiday, incl. 振替休日・国民の休日), not an
office closing day (``closed_days``, default 年末年始 12/29–1/3).
Monthly visits target ``visit_day`` (default 15: the middle of the month leaves room to move either way
and keeps visits about a month apart); with ``preferred_weekday`` the visit is on that weekday nearest
the target. A closed target moves to the next working day, never into another month (then backwards).

Events before ``today`` are left out (``include_past=True`` keeps them); an evaluation, renewal or
review whose ideal date has passed but whose deadline has not is moved to the first working day from
``today``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, Iterable, Literal, Sequence

import jpholiday

from xl_careplan import fields as F
from xl_careplan.checked import SettingError, checked, setting
from xl_careplan.jpdate import jp_date
from xl_careplan.models import WEEKDAYS, CarePlan
from xl_careplan.record import field, fields_of, hidden, record, replace
from xl_careplan.monitoring_rhythm import SUPPORT_VISIT_INTERVAL_MONTHS, support_blocks

EventKind = Literal["monitoring_visit", "goal_evaluation", "plan_review", "certification_renewal"]

KIND_LABELS: dict[str, str] = {
    "monitoring_visit": "モニタリング訪問",
    "goal_evaluation": "目標評価",
    "plan_review": "計画見直し",
    "certification_renewal": "更新手続",
}
CONTACT_LABEL = "電話等連絡"  # 種別 written for a contact month (one of fields.MONITORING_KINDS)
CONTACT_NOTE = "電話等による連絡（訪問しない月）"

SRC_KAIGO_VISIT = "運営基準 第13条第14号"
SRC_SHIEN_VISIT = "予防基準 第30条第16号"
SRC_RENEWAL = "介護保険法施行規則 第35条"
SRC_KAIGO_MEETING = "運営基準 第13条第15号"
SRC_SHIEN_MEETING = "予防基準 第30条"

RENEWAL_WINDOW_DAYS = 60
DEFAULT_CLOSED_DAYS = ["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"]


@record
class Event:
    date: dt.date
    kind: EventKind
    note: str  # Japanese, no personal data
    # a 要支援 month without a home visit (電話等による連絡); not part of the JSON contract
    contact_only: bool = hidden(False)
    # what the モニタリング sheet's 内容・評価 gets: one line without the legal basis (which stays in
    # ``note``, the .ics description and docs/schedule.md); not part of the JSON contract
    short: str = hidden("")

    @property
    def sheet_text(self) -> str:
        return self.short or self.note

    @property
    def label(self) -> str:
        """種別 as written in the モニタリング sheet."""
        return CONTACT_LABEL if self.contact_only else KIND_LABELS[self.kind]


_MMDD = re.compile(r"^\s*(\d{1,2})[-/](\d{1,2})\s*$")


def _weekday(v: Any) -> Any:
    if v is None or v == "":
        return None
    if isinstance(v, str):
        s = v.strip().rstrip("曜日").rstrip("曜")
        if s in WEEKDAYS:
            return WEEKDAYS.index(s)
        if s.isdigit():
            return int(s)
        raise ValueError(f"曜日は 月・火・水・木・金 のいずれかで指定してください: {v!r}")
    return v


def _closed(v: Any) -> Any:
    if isinstance(v, str):
        v = [p for p in re.split(r"[,、\s]+", v) if p]
    out = []
    for item in v or []:
        m = _MMDD.match(str(item))
        if not m or not (1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31):
            raise ValueError(f"休業日は \"MM-DD\" で指定してください: {item!r}")
        out.append(f"{int(m.group(1)):02d}-{int(m.group(2)):02d}")
    return out


@checked
class ScheduleSettings:
    visit_day: int = setting(15, ge=1, le=31)  # day of month targeted by monthly visits
    preferred_weekday: int | None = setting(None, ge=0, le=6, before=_weekday)  # 0=月 … 6=日
    closed_days: list[str] = setting(factory=lambda: list(DEFAULT_CLOSED_DAYS), before=_closed)  # "MM-DD"
    evaluation_days_before: int = setting(10, ge=0, le=120)
    renewal_meeting_days_before: int = setting(14, ge=0, le=60)
    support_visit_interval_months: int = setting(SUPPORT_VISIT_INTERVAL_MONTHS, ge=1, le=12)

    @classmethod
    def from_profile(cls, profile: Any) -> "ScheduleSettings":
        """Settings from a profile's ``[schedule]`` section.

        Accepts a ``Profile`` (anything with ``.section(name) -> dict``), a whole profile as a dict
        (with a ``"schedule"`` key), the section itself as a dict, or None (defaults).
        Raises ``ProfileError`` with a Japanese message for bad values.
        """
        from xl_careplan.errors import ProfileError

        if profile is None:
            return cls()
        office: dict = {}
        files = getattr(profile, "files", None) or []
        file = str(files[-1]) if files else None
        if hasattr(profile, "section"):
            section = profile.section("schedule") or {}
            office = profile.section("office") or {}
        elif isinstance(profile, dict):
            if "schedule" in profile or "office" in profile:
                section = profile.get("schedule") or {}
                office = profile.get("office") or {}
            else:
                section = profile
        else:
            raise ProfileError(f"プロファイルの形式が不明です: {type(profile).__name__}")
        known = set(fields_of(cls))
        data = {k: v for k, v in dict(section).items() if k in known}
        if "closed_days" not in data and isinstance(office, dict) and "closed_days" in office:
            data["closed_days"] = office["closed_days"]  # the office's closing days serve the schedule too
        unknown = sorted(set(section) - known)
        if unknown:
            raise ProfileError("[schedule] に不明な設定があります: " + "、".join(unknown)
                               + "（使える設定: " + "、".join(fields_of(cls)) + "）", file=file)
        try:
            return cls(**data)
        except SettingError as e:
            raise ProfileError(f"[schedule] の設定が正しくありません（{e}）", file=file) from None

    # -- working days ---------------------------------------------------------------------------

    def is_working_day(self, d: dt.date) -> bool:
        if d.weekday() >= 5:
            return False
        if jpholiday.is_holiday(d):
            return False
        return f"{d.month:02d}-{d.day:02d}" not in self.closed_days

    def closed_reason(self, d: dt.date) -> str | None:
        """Why ``d`` is not a working day (Japanese), or None."""
        if d.weekday() == 5:
            return "土曜日"
        if d.weekday() == 6:
            return "日曜日"
        name = jpholiday.is_holiday_name(d)
        if name:
            return name
        if f"{d.month:02d}-{d.day:02d}" in self.closed_days:
            return "事業所の休業日"
        return None

    def next_working_day(self, d: dt.date, limit: dt.date | None = None) -> dt.date | None:
        while limit is None or d <= limit:
            if self.is_working_day(d):
                return d
            d += dt.timedelta(days=1)
            if limit is None and d.year > 9000:
                return None
        return None

    def prev_working_day(self, d: dt.date, limit: dt.date | None = None) -> dt.date | None:
        while limit is None or d >= limit:
            if self.is_working_day(d):
                return d
            if d.year <= 1900:
                return None
            d -= dt.timedelta(days=1)
        return None


# -- helpers ------------------------------------------------------------------------------------


def month_add(year: int, month: int, n: int) -> tuple[int, int]:
    i = year * 12 + (month - 1) + n
    return i // 12, i % 12 + 1


def month_range(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = month_add(y, m, 1)
    return out


def _month_bounds(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def _goal_names(goals: list[str]) -> str:
    """「ニーズ①の短期目標」「ニーズ②の短期目標」「ニーズ①の長期目標」 -> 「①②の短期目標・①の長期目標」."""
    by_kind: dict[str, list[str]] = {}
    for g in goals:
        m = re.match(r"ニーズ(.+)の(短期目標|長期目標)$", g)
        if m:
            by_kind.setdefault(m.group(2), []).append(m.group(1))
    if not by_kind:
        return "・".join(goals)
    text = "ニーズ" + "・".join(f"{''.join(marks)}の{kind}" for kind, marks in by_kind.items())
    if _width(text) > 20:  # with the end date and a remark it must stay on one line of 内容・評価
        marks = list(dict.fromkeys(m for ms in by_kind.values() for m in ms))
        text = f"ニーズ{''.join(marks)}の目標"
        if _width(text) > 20:
            text = f"{len(marks)}つのニーズの目標"
    return text


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


# 内容・評価 of our template is 60 wide: a note of at most this many columns stays on one line of its 22 pt row
SHEET_TEXT_COLUMNS = 56


def plan_start(plan: CarePlan) -> dt.date | None:
    """The plan's start: 説明・同意日, else 作成日, else the start of 認定の有効期間."""
    t1 = plan.table1
    for d in (t1.consent_on.value, t1.created_on.value, t1.cert_period.value and t1.cert_period.value.start):
        if d:
            return d
    return None


def plan_end(plan: CarePlan) -> dt.date | None:
    """End of 認定の有効期間, else the latest long-term goal end."""
    cp = plan.table1.cert_period.value
    if cp and cp.end:
        return cp.end
    ends = [lg.period.value.end for lg in plan.table2.long_goals() if lg.period.value and lg.period.value.end]
    return max(ends) if ends else None


def is_support_plan(plan: CarePlan) -> bool:
    """要支援・事業対象者. Unknown level → treated as 要介護 (monthly visits: the stricter rule)."""
    level = plan.table1.care_level.value
    return bool(level is not None and level.is_support)


def choose_visit_day(y: int, m: int, settings: ScheduleSettings,
                     lo: dt.date | None = None, hi: dt.date | None = None) -> tuple[dt.date, bool]:
    """The visit day in month (y, m), inside [lo, hi] (defaults: the whole month).

    Returns (date, on_working_day). The target is ``visit_day`` (clamped to the window); with a
    preferred weekday, the working day of that weekday nearest the target (earlier on a tie);
    otherwise the target, else the next working day in the window, else the previous one.
    When the window has no working day at all, the target itself with False.
    """
    first, last = _month_bounds(y, m)
    lo = max(lo or first, first)
    hi = min(hi or last, last)
    target = dt.date(y, m, min(settings.visit_day, last.day))
    target = min(max(target, lo), hi)
    if settings.preferred_weekday is not None:
        days = [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]
        cands = [d for d in days if d.weekday() == settings.preferred_weekday and settings.is_working_day(d)]
        if cands:
            return min(cands, key=lambda d: (abs((d - target).days), d)), True
    d = settings.next_working_day(target, hi) or settings.prev_working_day(target, lo)
    return (d, True) if d else (target, False)


def _need_mark(n: int) -> str:
    circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    return circled[n - 1] if 1 <= n <= len(circled) else f"({n})"


def _goal_ends(plan: CarePlan) -> dict[dt.date, list[str]]:
    """Goal end date -> which goals end then (「ニーズ①の短期目標」…)."""
    ends: dict[dt.date, list[str]] = {}
    for need in plan.table2.needs:
        for lg in need.long_goals:
            if lg.period.value and lg.period.value.end:
                ends.setdefault(lg.period.value.end, []).append(f"ニーズ{_need_mark(need.number)}の長期目標")
            for sg in lg.short_goals:
                if sg.period.value and sg.period.value.end:
                    ends.setdefault(sg.period.value.end, []).append(f"ニーズ{_need_mark(need.number)}の短期目標")
    # one mention per goal kind per need
    return {d: list(dict.fromkeys(v)) for d, v in ends.items()}


# -- the schedule --------------------------------------------------------------------------------


def plan_events(plan: CarePlan, *, today: dt.date, settings: ScheduleSettings | None = None,
                include_past: bool = False, use_recorded: bool = True) -> list[Event]:
    """All scheduled events for the plan, sorted by date (then kind).

    With ``use_recorded`` (default) the モニタリング rows the reader found in the plan are respected:
    an event already done that month (実施日 written) is left out, and one the care manager already
    planned (予定日 written, on or after today) takes the sheet's date. For 要支援, a block of 3 months
    that already has a recorded visit needs no other visit.
    """
    settings = settings or ScheduleSettings()
    start = plan_start(plan)
    end = plan_end(plan)
    support = is_support_plan(plan)
    floor = None if include_past else today
    events: list[Event] = []

    # monitoring visits / contacts
    if start and end and start <= end:
        events += _monitoring_events(plan, start, end, support, settings, floor)

    # goal evaluations
    for goal_end, goals in sorted(_goal_ends(plan).items()):
        ideal = goal_end - dt.timedelta(days=settings.evaluation_days_before)
        lo = start if start and start <= goal_end else None
        d = settings.prev_working_day(ideal, lo) or settings.next_working_day(ideal, goal_end)
        if d is None:
            continue
        note = f"目標の評価（{'・'.join(goals)}の期間終了 {jp_date(goal_end)} に向けて）"
        short = f"{_goal_names(goals)}（期間終了 {jp_date(goal_end)}）"
        ev = _with_floor(Event(date=d, kind="goal_evaluation", note=note, short=short), goal_end, floor, settings)
        if ev:
            events.append(ev)

    # certification renewal and the renewal meeting
    cp = plan.table1.cert_period.value
    if cp and cp.end:
        opens = cp.end - dt.timedelta(days=RENEWAL_WINDOW_DAYS)
        d = settings.next_working_day(opens, cp.end)
        if d:
            note = (f"要{'支援' if support else '介護'}認定の更新申請の受付開始（有効期間満了 {jp_date(cp.end)} の"
                    f"60日前 {jp_date(opens)} から申請可。{SRC_RENEWAL}）")
            short = f"更新申請の受付開始（満了 {jp_date(cp.end)}）"
            ev = _with_floor(Event(date=d, kind="certification_renewal", note=note, short=short), cp.end, floor,
                             settings)
            if ev:
                events.append(ev)
        ideal = cp.end - dt.timedelta(days=settings.renewal_meeting_days_before)
        d = settings.prev_working_day(ideal, cp.end - dt.timedelta(days=RENEWAL_WINDOW_DAYS)) \
            or settings.next_working_day(ideal, cp.end)
        if d:
            src = SRC_SHIEN_MEETING if support else SRC_KAIGO_MEETING
            note = f"更新認定に伴うサービス担当者会議・計画の見直し（有効期間満了 {jp_date(cp.end)} まで。{src}）"
            short = f"担当者会議・計画の見直し（満了 {jp_date(cp.end)}）"
            ev = _with_floor(Event(date=d, kind="plan_review", note=note, short=short), cp.end, floor, settings)
            if ev:
                events.append(ev)

    if use_recorded:
        events = _apply_recorded(plan, events, floor)
    order = list(KIND_LABELS)
    events.sort(key=lambda e: (e.date, order.index(e.kind)))
    return events


def plan_records(plan: CarePlan) -> tuple[list[RecordedRow], dict[int, str]]:
    """The モニタリング rows of the model as RecordedRow (and their 内容・評価 notes by row)."""
    recs: list[RecordedRow] = []
    notes: dict[int, str] = {}
    if not plan.monitoring:
        return recs, notes
    for r in plan.monitoring.rows:
        kind_text = r.kind.value if isinstance(r.kind.value, str) else (r.kind.raw or "")
        method_text = r.method.value if isinstance(r.method.value, str) else (r.method.raw or "")
        planned = r.planned_on.value if isinstance(r.planned_on.value, dt.date) else None
        done = r.done_on.value if isinstance(r.done_on.value, dt.date) else None
        blank = not any((planned, done, kind_text, method_text, r.note.value, r.note.raw))
        recs.append(RecordedRow(row=r.row, planned_on=planned, done_on=done, blank=blank,
                                kind=classify_kind(kind_text, method_text)))
        notes[r.row] = str(r.note.value or r.note.raw or "")
    return recs, notes


def _apply_recorded(plan: CarePlan, events: list[Event], floor: dt.date | None) -> list[Event]:
    records, notes = plan_records(plan)
    if not records:
        return events
    out = []
    for ev in events:
        covering = [rec for rec in records if not rec.blank and _covered(ev, [rec], notes)]
        if not covering:
            out.append(ev)
            continue
        if any(rec.done_on for rec in covering):
            continue  # already done this month
        planned = sorted(rec.planned_on for rec in covering if rec.planned_on and (floor is None or rec.planned_on >= floor))
        if planned:
            out.append(_amend(ev, planned[0], "（モニタリングシートの予定日）", "（シートの予定日）"))
        else:
            out.append(ev)  # the sheet's date has passed without a visit: keep ours
    return out


def _with_floor(ev: Event, deadline: dt.date, floor: dt.date | None, settings: ScheduleSettings) -> Event | None:
    """Drop an event whose deadline has passed; move one whose date has passed to the first working day."""
    if floor is None or ev.date >= floor:
        return ev
    if deadline < floor:
        return None
    d = settings.next_working_day(floor, deadline)
    if d is None:
        return _amend(ev, floor, "（予定日を過ぎており、期限までに他の営業日がありません）", "（期限まで営業日なし）")
    return _amend(ev, d, "（予定日を過ぎているため直近の営業日）", "（繰り下げ）")


def _amend(ev: Event, date: dt.date, note_extra: str, short_extra: str) -> Event:
    return replace(ev, date=date, note=ev.note + note_extra, short=ev.sheet_text + short_extra)


def support_visit_months(plan: CarePlan, settings: ScheduleSettings | None = None) -> set[tuple[int, int]]:
    """Months with a home visit in a 要支援 plan (before any ``today`` filtering)."""
    settings = settings or ScheduleSettings()
    start, end = plan_start(plan), plan_end(plan)
    if not (start and end and start <= end):
        return set()
    months = month_range(start, end)
    in_plan = set(months)
    # 評価期間が終了する月: months where a goal period ends
    visits = {(d.year, d.month) for d in _goal_ends(plan) if (d.year, d.month) in in_plan}
    # visits already recorded (done or planned) in the モニタリング sheet
    visits |= recorded_visit_months(plan, planned=True) & in_plan
    for block in support_blocks(months, settings.support_visit_interval_months):
        if not visits.intersection(block):
            visits.add(block[-1])
    return visits


def _monitoring_events(plan: CarePlan, start: dt.date, end: dt.date, support: bool,
                       settings: ScheduleSettings, floor: dt.date | None) -> list[Event]:
    out: list[Event] = []
    visit_months = support_visit_months(plan, settings) if support else None
    goal_months = {(d.year, d.month) for d in _goal_ends(plan)}
    for (y, m) in month_range(start, end):
        lo = max(start, floor) if floor else start
        first, last = _month_bounds(y, m)
        lo = max(lo, first)
        hi = min(end, last)
        if lo > hi:
            continue  # month already over (or outside the plan)
        d, ok = choose_visit_day(y, m, settings, lo, hi)
        closed = settings.closed_reason(d) or "休業日"
        extra = "" if ok else f"（{closed}ですが月内に他の営業日がありません）"
        short_extra = "" if ok else f"（{closed}・月内に営業日なし）"
        if visit_months is None:
            note = f"月1回の居宅訪問によるモニタリング（{SRC_KAIGO_VISIT}）" + extra
            out.append(Event(date=d, kind="monitoring_visit", note=note, short="月1回の居宅訪問" + short_extra))
        elif (y, m) in visit_months:
            why = "評価期間が終了する月" if (y, m) in goal_months else "3月に1回"
            note = f"居宅訪問によるモニタリング（{why}。{SRC_SHIEN_VISIT}）" + extra
            out.append(Event(date=d, kind="monitoring_visit", note=note, short=f"居宅訪問（{why}）" + short_extra))
        else:
            note = f"{CONTACT_NOTE}（{SRC_SHIEN_VISIT}）" + extra
            out.append(Event(date=d, kind="monitoring_visit", note=note, contact_only=True,
                             short="電話等による連絡" + short_extra))
    return out


# -- what the sheet already records ---------------------------------------------------------------


def to_date(v: Any) -> dt.date | None:
    """A cell value as a date: date/datetime, Excel serial, or text like 2026/12/15, R8.12.15, 令和8年12月15日.

    Uses ``xl_careplan.parsing.parse_date`` (the readers' parser) when it is available, so the sheet
    is read the same way as by the readers; None when the value is blank or not a date.
    """
    if v is None or v == "":
        return None
    try:
        from xl_careplan.parsing import parse_date
    except ImportError:  # pragma: no cover
        parse_date = None
    if parse_date is not None:
        try:
            return parse_date(v)
        except Exception:  # noqa: BLE001 - ParseError or anything odd: fall back to the simple reading
            pass
    return _to_date_simple(v)


def _to_date_simple(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 20000 < v < 80000:  # Excel serial (1900 system)
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
        return None
    s = str(v).strip().translate(str.maketrans("０１２３４５６７８９／－．", "0123456789/-."))
    m = re.match(r"^(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?", s)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.match(r"^(令和|R|r|平成|H|h)\s*(\d{1,2}|元)[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?", s)
        if not m:
            return None
        era, ey, mo, d = m.group(1), m.group(2), int(m.group(3)), int(m.group(4))
        n = 1 if ey == "元" else int(ey)
        y = (2018 + n) if era in ("令和", "R", "r") else (1988 + n)
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


RecordKind = Literal["visit", "contact", "goal_evaluation", "plan_review", "certification_renewal", "unknown"]


def classify_kind(kind_text: str, method_text: str = "") -> RecordKind:
    """What a row of the モニタリング sheet records, from its 種別 (and 方法)."""
    k = (kind_text or "").strip()
    m = (method_text or "").strip()
    if "評価" in k:
        return "goal_evaluation"
    if "見直" in k or "担当者会議" in k:
        return "plan_review"
    if "更新" in k:
        return "certification_renewal"
    if any(w in k for w in ("電話", "連絡", "テレビ", "オンライン")):
        return "contact"
    if "訪問" in k or "モニタリング" in k:
        if m and ("電話" in m or "テレビ" in m or "オンライン" in m) and "居宅" not in m:
            return "contact"
        return "visit"
    if not k:
        if m and ("電話" in m or "テレビ" in m):
            return "contact"
        return "unknown"
    return "unknown"


@record
class RecordedRow:
    row: int
    planned_on: dt.date | None = None
    done_on: dt.date | None = None
    kind: RecordKind = "unknown"
    blank: bool = True


def recorded_visit_months(plan: CarePlan, *, home_only: bool = True, planned: bool = False) -> set[tuple[int, int]]:
    """Months with a monitoring visit done (実施日 written; with ``planned`` also 予定日) according to the model.

    A row counts when its 種別/方法 is a home visit or says nothing else (``classify_kind``);
    ``home_only=False`` counts phone/video contacts too.
    """
    kinds = ("visit", "unknown") if home_only else ("visit", "unknown", "contact")
    months: set[tuple[int, int]] = set()
    for rec in plan_records(plan)[0]:
        if rec.kind in kinds:
            for d in (rec.done_on, rec.planned_on) if planned else (rec.done_on,):
                if d:
                    months.add((d.year, d.month))
    return months


def missing_months(plan: CarePlan, today: dt.date, *, settings: ScheduleSettings | None = None,
                   home_only: bool = True) -> list[tuple[int, int]]:
    """Past months of the plan (before today's month) where a required home visit is not recorded.

    要介護: every month from the start month to the month before today (capped at the certification end).
    要支援・事業対象者: the last month of each fully past 3-month block (counted from the month after the
    start) that has no recorded visit. A row counts as a visit when its 実施日 is written and its
    種別/方法 is not a phone/video contact (``home_only=False`` counts those too).
    """
    start, end = plan_start(plan), plan_end(plan)
    if not start:
        return []
    last_past = month_add(today.year, today.month, -1)
    stop = (end.year, end.month) if end else last_past
    stop = min(stop, last_past)
    months = month_range(start, dt.date(stop[0], stop[1], 1)) if stop >= (start.year, start.month) else []
    done = recorded_visit_months(plan, home_only=home_only)
    if not is_support_plan(plan):
        return [ym for ym in months if ym not in done]
    n = (settings or ScheduleSettings()).support_visit_interval_months
    all_months = month_range(start, end) if end else months
    out = []
    for block in support_blocks(all_months, n):
        if block[-1] > stop:
            break  # block not over yet
        if not done.intersection(block):
            out.append(block[-1])
    return out


# -- filling the モニタリング sheet -----------------------------------------------------------------


@record
class FilledRow:
    row: int
    date: dt.date
    kind: EventKind
    label: str  # 種別 as written


@record
class FillResult:
    sheet: str
    created_sheet: bool = False
    written: list[FilledRow] = field(default_factory=list)
    already_present: list[Event] = field(default_factory=list)  # events the sheet already had (not added again)
    skipped_past: int = 0  # events dated before today (not written)
    warnings: list[str] = field(default_factory=list)  # Japanese


def _norm(s: Any) -> str:
    return re.sub(r"[\s　]+", "", str(s or ""))


def find_monitoring_sheet(names: Sequence[str], plan: CarePlan | None = None) -> str | None:
    if plan is not None and plan.monitoring and plan.monitoring.sheet in names:
        return plan.monitoring.sheet
    variants = [_norm(v) for v in F.SHEET_VARIANTS[F.SHEET_MONITORING]]
    for v in variants:  # in order of preference
        for n in names:
            if _norm(n) == v:
                return n
    return None


def monitoring_header_rows() -> list[list[Any]]:
    """Rows 1..MONITORING_HEADER_ROW of a new モニタリング sheet, like our template."""
    ncols = len(F.MONITORING_COLUMNS)
    rows: list[list[Any]] = [[None] * ncols for _ in range(F.MONITORING_HEADER_ROW)]
    rows[0][0] = "モニタリング記録"
    rows[1][0] = "種別: " + "・".join(F.MONITORING_KINDS) + "　方法: 居宅訪問・テレビ電話・電話"
    rows[2][0] = "予定日・種別は xl-careplan が記入しました。実施日・方法・内容・評価はケアマネジャーが記入してください。"
    for key, (col, labels) in F.MONITORING_COLUMNS.items():
        rows[F.MONITORING_HEADER_ROW - 1][_col_index(col) - 1] = labels[0]
    return rows


def _col_index(col: str) -> int:
    from xl_careplan.grid import column_index

    return column_index(col)


def _col_letter(i: int) -> str:
    from xl_careplan.grid import column_letter

    return column_letter(i)


def _locate_columns(sheet, plan: CarePlan | None) -> tuple[int | None, dict[str, int]]:
    """(header row, key -> column index) of the monitoring table in a SheetGrid."""
    wanted = {k: {_norm(lbl) for lbl in labels} for k, (_, labels) in F.MONITORING_COLUMNS.items()}
    candidates: list[int] = []
    if plan is not None and plan.monitoring and plan.monitoring.header_row:
        candidates.append(plan.monitoring.header_row)
    candidates += [r for r in range(1, 21) if r not in candidates]
    for r in candidates:
        cols: dict[str, int] = {}
        for c in range(1, max(sheet.max_col, len(F.MONITORING_COLUMNS)) + 1):
            t = _norm(sheet.value(r, c))
            if not t:
                continue
            for k, labels in wanted.items():
                if k not in cols and t in labels:
                    cols[k] = c
                    break
        if "planned_on" in cols and len(cols) >= 2:
            return r, cols
    # no header labels (a layout file placed the table): take the columns from the reader's locations
    mon = plan.monitoring if plan is not None else None
    if mon is not None and mon.header_row and mon.sheet == sheet.name:
        cols = {}
        for row in mon.rows:
            for k in F.MONITORING_COLUMNS:
                loc = getattr(row, k).loc
                if loc is not None and k not in cols:
                    cols[k] = _col_index(re.sub(r"[^A-Z]", "", loc.cell.upper()))
        if "planned_on" in cols and "kind" in cols:
            return mon.header_row, cols
    return None, {}


def _read_records(sheet, header: int, cols: dict[str, int], last_row: int) -> list[RecordedRow]:
    out = []
    for r in range(header + 1, last_row + 1):
        vals = {k: sheet.value(r, c) for k, c in cols.items()}
        blank = all(v is None or (isinstance(v, str) and not v.strip()) for v in vals.values())
        rec = RecordedRow(row=r, blank=blank)
        if not blank:
            rec.planned_on = to_date(vals.get("planned_on"))
            rec.done_on = to_date(vals.get("done_on"))
            rec.kind = classify_kind(str(vals.get("kind") or ""), str(vals.get("method") or ""))
        out.append(rec)
    return out


# the goal's end date in our notes, long or short, in 和暦 or (older sheets) 西暦
_GOAL_END = re.compile(r"期間終了 ((?:令和|平成)?(?:元|\d{1,4})年\d{1,2}月\d{1,2}日)")


def _goal_end_in(text: str) -> dt.date | None:
    m = _GOAL_END.search(text or "")
    return to_date(m.group(1)) if m else None


def _covered(ev: Event, records: list[RecordedRow], notes: dict[int, str]) -> bool:
    """Is this event already in the sheet (same kind in the same month, or a done visit that month)?"""
    ym = (ev.date.year, ev.date.month)

    def in_month(d: dt.date | None) -> bool:
        return d is not None and (d.year, d.month) == ym

    for rec in records:
        if rec.blank:
            continue
        dates = (rec.planned_on, rec.done_on)
        if ev.kind == "monitoring_visit":
            ok_kinds = ("visit", "contact", "unknown") if ev.contact_only else ("visit", "unknown")
            if rec.kind in ok_kinds and any(in_month(d) for d in dates):
                return True
        elif rec.kind == ev.kind and any(in_month(d) for d in dates):
            if ev.kind == "goal_evaluation":
                mine = _goal_end_in(ev.note)
                theirs = _goal_end_in(notes.get(rec.row, ""))
                if mine and theirs and mine != theirs:
                    continue  # our row for another goal ending in the same month
            return True
    return False


def fill_monitoring(access, plan: CarePlan, events: Iterable[Event], *, today: dt.date) -> FillResult:
    """Write events into the モニタリング sheet through ``WorkbookAccess`` only.

    Writes 予定日 (a date), 種別 and, in 内容・評価, the event's note into wholly blank rows after the last
    used row; never changes a non-blank cell; skips an event the sheet already has. Running it twice
    gives the same sheet. Creates the sheet (header like our template) only when the workbook has none.
    Events dated before ``today`` are not written (the sheet holds plans, not a rewritten past); they
    are counted in ``skipped_past``.
    """
    all_events = sorted(events, key=lambda e: (e.date, list(KIND_LABELS).index(e.kind)))
    events = [e for e in all_events if e.date >= today]
    skipped_past = len(all_events) - len(events)
    names = list(access.sheet_names())
    name = find_monitoring_sheet(names, plan)
    ncols = len(F.MONITORING_COLUMNS)
    tcols = {k: _col_index(c) for k, (c, _) in F.MONITORING_COLUMNS.items()}

    if name is None:
        name = F.SHEET_MONITORING
        if name in names:  # cannot happen (it is a variant), but never replace an existing sheet
            return FillResult(sheet=name, warnings=[f"シート「{name}」の表の見出しが見つからないため、予定を書き込めませんでした。"])
        rows = monitoring_header_rows()
        result = FillResult(sheet=name, created_sheet=True, skipped_past=skipped_past)
        for i, ev in enumerate(events):
            row = [None] * ncols
            row[tcols["planned_on"] - 1] = ev.date
            row[tcols["kind"] - 1] = ev.label
            row[tcols["note"] - 1] = ev.sheet_text
            rows.append(row)
            result.written.append(FilledRow(row=F.MONITORING_HEADER_ROW + 1 + i, date=ev.date, kind=ev.kind, label=ev.label))
        access.write_sheet(name, rows, col_widths={"A": 16, "B": 16, "C": 16, "D": 12, "E": 60})
        return result

    result = FillResult(sheet=name, skipped_past=skipped_past)
    sheet = access.grid().sheet(name)
    if sheet is None:
        result.warnings.append(f"シート「{name}」を読み取れませんでした。予定は書き込んでいません。")
        return result
    header, cols = _locate_columns(sheet, plan)
    if header is None or "kind" not in cols:
        result.warnings.append(
            f"シート「{name}」に「予定日」「種別」の見出しが見つからないため、予定を書き込めませんでした。"
            f"見出し行に「予定日」「種別」「実施日」「方法」「内容・評価」を入れてください。")
        return result
    last_row = max(sheet.max_row, F.MONITORING_LAST_ROW if header == F.MONITORING_HEADER_ROW else header)
    records = _read_records(sheet, header, cols, last_row)
    notes = {rec.row: str(sheet.value(rec.row, cols["note"]) or "") for rec in records if "note" in cols}
    used = [rec.row for rec in records if not rec.blank]
    next_row = (max(used) if used else header) + 1
    writable = [k for k in ("planned_on", "kind", "note") if k in cols]

    def row_ok(r: int) -> bool:
        for k in cols:
            rng = sheet.merged_range(r, cols[k])
            if rng is not None and (rng[0] != r or rng[1] != cols[k] or rng[2] != r):
                return False  # part of a merged block: leave it alone
            v = sheet.value(r, cols[k])
            if v is not None and not (isinstance(v, str) and not v.strip()):
                return False
        return True

    for ev in events:
        if _covered(ev, records, notes):
            result.already_present.append(ev)
            continue
        while not row_ok(next_row):
            next_row += 1
        r = next_row
        next_row += 1
        values = {"planned_on": ev.date, "kind": ev.label, "note": ev.sheet_text}
        for k in writable:
            access.set_value(name, f"{_col_letter(cols[k])}{r}", values[k])
        records.append(RecordedRow(row=r, planned_on=ev.date, kind=_record_kind(ev), blank=False))
        notes[r] = ev.sheet_text
        result.written.append(FilledRow(row=r, date=ev.date, kind=ev.kind, label=ev.label))
    if header == F.MONITORING_HEADER_ROW and any(w.row > F.MONITORING_LAST_ROW for w in result.written):
        result.warnings.append(
            f"シート「{name}」の記入欄（{F.MONITORING_LAST_ROW}行目まで）が足りないため、その下の行に書き込みました。")
    return result


def _record_kind(ev: Event) -> RecordKind:
    if ev.kind == "monitoring_visit":
        return "contact" if ev.contact_only else "visit"
    return ev.kind  # type: ignore[return-value]


def fill_schedule(access, plan: CarePlan, *, today: dt.date,
                  settings: ScheduleSettings | None = None) -> tuple[list[Event], FillResult]:
    """plan_events + fill_monitoring in one call (for the add-in's button and other callers)."""
    events = plan_events(plan, today=today, settings=settings)
    return events, fill_monitoring(access, plan, events, today=today)
