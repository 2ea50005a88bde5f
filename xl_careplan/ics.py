"""Monitoring events as an iCalendar (.ics) file for Outlook / Google カレンダー / iPhone.

* one all-day VEVENT per event, SUMMARY in Japanese (「モニタリング訪問」…), DESCRIPTION = the note;
* stable UIDs: a hash of the plan *without personal data* (作成日・初回作成日・認定の有効期間・
  要介護状態区分 only), the kind, and the date — for monthly visits the month instead of the day,
  so moving a visit within its month updates the calendar entry instead of adding a second one;
* no personal names unless ``with_names=True`` (then 「〇〇様」 is prefixed to SUMMARY).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Iterable

from icalendar import Calendar
from icalendar import Event as VEvent

from xl_careplan import __version__
from xl_careplan.models import CarePlan
from xl_careplan.schedule import Event

UID_DOMAIN = "xl-careplan.invalid"


def plan_key(plan: CarePlan) -> str:
    """A short hash identifying the plan from non-personal fields only."""
    t1 = plan.table1
    cp = t1.cert_period.value
    parts = [
        str(t1.first_created_on.value or ""),
        str(t1.created_on.value or ""),
        str(cp.start if cp else ""),
        str(cp.end if cp else ""),
        t1.care_level.value.value if t1.care_level.value else "",
    ]
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]


def event_uid(plan_hash: str, ev: Event) -> str:
    if ev.kind == "monitoring_visit":
        when = f"{ev.date.year:04d}-{ev.date.month:02d}"  # one visit (or contact) per month
    else:
        when = ev.date.isoformat()
    digest = hashlib.sha256(f"{plan_hash}|{ev.kind}|{when}".encode("utf-8")).hexdigest()[:24]
    return f"{digest}@{UID_DOMAIN}"


def build_calendar(events: Iterable[Event], plan: CarePlan, *, with_names: bool = False,
                   stamp: dt.datetime | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//xl-careplan {__version__}//JA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "モニタリング予定")
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    name = (plan.table1.user_name.value or "").strip() if with_names else ""
    key = plan_key(plan)
    for ev in events:
        ve = VEvent()
        ve.add("uid", event_uid(key, ev))
        ve.add("dtstamp", stamp)
        ve.add("dtstart", ev.date)
        ve.add("dtend", ev.date + dt.timedelta(days=1))
        summary = ev.label
        if name:
            summary = f"{name}様 {summary}"
        ve.add("summary", summary)
        ve.add("description", ev.note)
        ve.add("categories", ["ケアマネジメント"])
        ve.add("transp", "TRANSPARENT")
        cal.add_component(ve)
    return cal


def events_to_ics(events: Iterable[Event], plan: CarePlan, *, with_names: bool = False,
                  stamp: dt.datetime | None = None) -> bytes:
    return build_calendar(events, plan, with_names=with_names, stamp=stamp).to_ical()


def write_ics(path: str | Path, events: Iterable[Event], plan: CarePlan, *, with_names: bool = False,
              stamp: dt.datetime | None = None) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(events_to_ics(events, plan, with_names=with_names, stamp=stamp))
    return p
