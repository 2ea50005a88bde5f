"""Monitoring events as an iCalendar (.ics) file for Outlook / Google カレンダー / iPhone.

* one all-day VEVENT per event, SUMMARY in Japanese (「モニタリング訪問」…), DESCRIPTION = the note;
* stable UIDs: a hash of the plan *without personal data* (作成日・初回作成日・認定の有効期間・
  要介護状態区分 only), the kind, and the date — for monthly visits the month instead of the day,
  so moving a visit within its month updates the calendar entry instead of adding a second one;
* SUMMARY starts with the user's short label (山○太○: the first character of each part of the name),
  so a care manager's calendar tells users apart; the full name only with ``with_names=True``
  (then 「〇〇様」);
* a caseload calendar (``build_caseload_calendar``) holds one care manager's users.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Iterable, Sequence

from icalendar import Calendar
from icalendar import Event as VEvent

from xl_careplan import __version__
from xl_careplan.models import CarePlan
from xl_careplan.schedule import Event

UID_DOMAIN = "xl-careplan.invalid"


def plan_key(plan: CarePlan, salt: str = "") -> str:
    """A short hash identifying the plan from non-personal fields only (``salt``: what tells apart two
    users of one calendar whose plans have the same dates; it enters the hash, never the file)."""
    t1 = plan.table1
    cp = t1.cert_period.value
    parts = [
        str(t1.first_created_on.value or ""),
        str(t1.created_on.value or ""),
        str(cp.start if cp else ""),
        str(cp.end if cp else ""),
        t1.care_level.value.value if t1.care_level.value else "",
    ] + ([salt] if salt else [])
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]


def event_uid(plan_hash: str, ev: Event) -> str:
    if ev.kind == "monitoring_visit":
        when = f"{ev.date.year:04d}-{ev.date.month:02d}"  # one visit (or contact) per month
    else:
        when = ev.date.isoformat()
    digest = hashlib.sha256(f"{plan_hash}|{ev.kind}|{when}".encode("utf-8")).hexdigest()[:24]
    return f"{digest}@{UID_DOMAIN}"


def user_label(name: str | None) -> str:
    """A short label that tells a care manager's users apart without writing the name: the first
    character of each part of the name, the rest hidden (山田 太郎 -> 山○太○; 山田太郎 -> 山○)."""
    parts = [p for p in re.split(r"[\s\u3000・]+", (name or "").strip()) if p]
    if not parts:
        return "利用者"
    return "".join(p[0] + "○" for p in parts[:2])


def _summary(ev: Event, who: str) -> str:
    return f"{who} {ev.label}" if who else ev.label


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//xl-careplan {__version__}//JA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _add(cal: Calendar, events: Iterable[Event], key: str, who: str, stamp: dt.datetime) -> None:
    for ev in events:
        ve = VEvent()
        ve.add("uid", event_uid(key, ev))
        ve.add("dtstamp", stamp)
        ve.add("dtstart", ev.date)
        ve.add("dtend", ev.date + dt.timedelta(days=1))
        ve.add("summary", _summary(ev, who))
        ve.add("description", ev.note)  # the whole note, with its legal basis
        ve.add("categories", ["ケアマネジメント"])
        ve.add("transp", "TRANSPARENT")
        cal.add_component(ve)


def _who(plan: CarePlan, with_names: bool) -> str:
    name = (plan.table1.user_name.value or "").strip()
    if with_names:
        return f"{name}様" if name else ""
    return user_label(name)


def build_calendar(events: Iterable[Event], plan: CarePlan, *, with_names: bool = False,
                   stamp: dt.datetime | None = None) -> Calendar:
    cal = _calendar("モニタリング予定")
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    _add(cal, events, plan_key(plan), _who(plan, with_names), stamp)
    return cal


def build_caseload_calendar(entries: Sequence[tuple[CarePlan, Sequence[Event]]], *, title: str,
                            with_names: bool = False, stamp: dt.datetime | None = None) -> Calendar:
    """One calendar for a care manager's caseload (one plan per user): every user's events, each
    named by the user's label. Users whose plans share the non-personal key, or whose labels are the
    same, are told apart by a key that also hashes the name (the name itself is not written)."""
    cal = _calendar(title)
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    keys = [plan_key(p) for p, _ in entries]
    whos = [_who(p, with_names) for p, _ in entries]
    for i, (plan, events) in enumerate(entries):
        key, who = keys[i], whos[i]
        name = (plan.table1.user_name.value or "").strip() or f"#{i}"
        if keys.count(key) > 1 or whos.count(who) > 1:
            key = plan_key(plan, name)
            if not with_names:
                who = f"{who}-{key[:3]}"
        _add(cal, events, key, who, stamp)
    return cal


def events_to_ics(events: Iterable[Event], plan: CarePlan, *, with_names: bool = False,
                  stamp: dt.datetime | None = None) -> bytes:
    return build_calendar(events, plan, with_names=with_names, stamp=stamp).to_ical()


def write_ics(path: str | Path, events: Iterable[Event], plan: CarePlan, *, with_names: bool = False,
              stamp: dt.datetime | None = None) -> Path:
    return write_calendar(path, build_calendar(events, plan, with_names=with_names, stamp=stamp))


def write_calendar(path: str | Path, cal: Calendar) -> Path:
    from xl_careplan.writer.atomic import place

    p = Path(path)
    place(cal.to_ical(), p)  # never a half-written calendar
    return p
