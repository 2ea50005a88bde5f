"""Planted problems: each changes a well-written plan in one way and names the finding it must cause
(rule, the field key whose cell the layout records, and how close the finding must be).

``match``: "cell" = that exact cell; "row" = any cell in that row of that sheet (row-level problems);
"sheet" = anywhere on that sheet (a missing row has no cell of its own). ``profiles`` is informative: the scorer
asks each profile whether it holds the rule. ``needs``: other fields the finding depends on (a layout that puts one
of them where no cell holds it — a shape, the print header — cannot expect the finding). A key "a|b" accepts either field's cell; "find:TEXT" the cells
where the layout wrote TEXT.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Callable

from .plan import Plan, Svc, add_months, months_later_minus_day

NATIONAL = ("national", "asahikawa", "nayoro")


@dataclass(frozen=True)
class Expect:
    rule: str
    key: str
    match: str = "cell"
    profiles: tuple[str, ...] = NATIONAL
    needs: tuple[str, ...] = ()


Problem = Callable[[Plan, random.Random], list[Expect] | None]
PROBLEMS: dict[str, Problem] = {}


def problem(name: str):
    def deco(fn: Problem) -> Problem:
        PROBLEMS[name] = fn
        return fn
    return deco


def _shorts(p: Plan):
    for i, n in enumerate(p.needs):
        for j, lg in enumerate(n.longs):
            for k, sg in enumerate(lg.shorts):
                yield f"t2.n{i}.l{j}.s{k}", lg, sg


def _provider_services(p: Plan):
    return [(k, s) for k, s in p.services() if s.insured]


# --------------------------------------------------------------------------- 第1表

@problem("consent_date_blank")
def _(p, r):
    p.consent_on = None
    p.delivered_on = None  # an unsigned plan is not delivered either
    return [Expect("CP101", "t1.consent_on")]


@problem("policy_blank")
def _(p, r):
    p.overall_policy = ""
    return [Expect("CP101", "t1.overall_policy")]


@problem("intent_blank")
def _(p, r):
    p.user_intent = ""
    return [Expect("CP101", "t1.user_intent")]


@problem("care_level_unmarked")
def _(p, r):
    p.care_level = None
    return [Expect("CP101", "t1.care_level")]


@problem("consent_before_meeting")
def _(p, r):
    if p.meeting is None or p.meeting.held_on is None:
        return None
    p.consent_on = p.meeting.held_on - dt.timedelta(days=r.randint(1, 2))
    if p.created_on and p.consent_on < p.created_on:
        return None
    return [Expect("CP110", "t1.consent_on")]


@problem("delivered_before_consent")
def _(p, r):
    if p.consent_on is None:
        return None
    p.delivered_on = p.consent_on - dt.timedelta(days=r.randint(1, 3))
    return [Expect("CP110", "t1.delivered_on")]


@problem("first_created_after_created")
def _(p, r):
    if p.created_on is None:
        return None
    p.plan_kind = "初回"
    p.first_created_on = p.created_on + dt.timedelta(days=r.randint(2, 9))
    return [Expect("CP110", "t1.created_on", needs=("t1.first_created_on",))]


@problem("cert_period_end_blank")
def _(p, r):
    p.cert_end = None
    return [Expect("CP111", "t1.cert_period")]


@problem("cert_expired_before_plan")
def _(p, r):
    """The period of the previous certification left in place: it ended before the plan was made."""
    if p.cert_start is None or p.created_on is None:
        return None
    p.cert_end = p.cert_start - dt.timedelta(days=1)
    p.cert_start = add_months(p.cert_start, -12)
    return [Expect("CP111", "t1.created_on")]


@problem("unreadable_consent_date")
def _(p, r):
    p.raw["t1.consent_on"] = r.choice(["令和8年13月2日", "R8.4.31", "令和８年２月３０日"])
    return [Expect("CP102", "t1.consent_on")]


@problem("living_reason_unmarked")
def _(p, r):
    if p.living_reason is None:
        return None
    p.living_reason = None
    return [Expect("CP140", "t1.living_support_reason")]


# --------------------------------------------------------------------------- 第2表 periods and goals

@problem("long_goal_beyond_cert")
def _(p, r):
    if p.cert_end is None:
        return None
    i = r.randrange(len(p.needs))
    lg = p.needs[i].longs[0]
    lg.end = add_months(p.cert_end, r.choice((3, 6, 12)))
    return [Expect("CP120", f"t2.n{i}.l0.period", needs=("t1.cert_period",))]


@problem("short_goal_beyond_long")
def _(p, r):
    key, lg, sg = r.choice(list(_shorts(p)))
    if lg.end is None:
        return None
    # keep it short (no AS201) but past the long goal's end
    sg.start = add_months(lg.end, -3) + dt.timedelta(days=1)
    sg.end = add_months(lg.end, 1)
    for s in sg.services:
        s.start, s.end = sg.start, sg.end
    return [Expect("CP121", f"{key}.period")]


@problem("service_beyond_short")
def _(p, r):
    key, lg, sg = r.choice(list(_shorts(p)))
    m = r.randrange(len(sg.services))
    s = sg.services[m]
    if sg.end is None or lg.end is None:
        return None
    s.end = lg.end if lg.end > sg.end else add_months(sg.end, 2)
    if s.end <= sg.end:
        return None
    return [Expect("CP122", f"{key}.v{m}.period")]


@problem("short_period_blank")
def _(p, r):
    key, lg, sg = r.choice(list(_shorts(p)))
    sg.start = sg.end = None
    return [Expect("CP123", f"{key}.period")]


@problem("short_goal_blank")
def _(p, r):
    key, lg, sg = r.choice(list(_shorts(p)))
    sg.text = ""
    return [Expect("CP123", f"{key}.text")]


@problem("long_period_blank")
def _(p, r):
    i = r.randrange(len(p.needs))
    lg = p.needs[i].longs[0]
    lg.start = lg.end = None
    return [Expect("CP123", f"t2.n{i}.l0.period")]


@problem("short_goal_over_6_months")
def _(p, r):
    key, lg, sg = r.choice(list(_shorts(p)))
    if sg.start is None or lg.end is None:
        return None
    end = months_later_minus_day(sg.start, r.choice((9, 12)))
    if end > lg.end:
        return None
    sg.end = end
    return [Expect("AS201", f"{key}.period", profiles=("asahikawa",))]


# --------------------------------------------------------------------------- 第2表 services

@problem("frequency_blank")
def _(p, r):
    key, s = r.choice(_provider_services(p))
    s.freq = ""
    return [Expect("CP130", f"{key}.freq")]


@problem("provider_blank")
def _(p, r):
    key, s = r.choice(_provider_services(p))
    s.provider = ""
    return [Expect("CP130", f"{key}.provider")]


@problem("unreadable_frequency")
def _(p, r):
    key, s = r.choice(_provider_services(p))
    s.freq = r.choice(["たまに", "時々", "様子を見て"])
    return [Expect("CP104", f"{key}.freq")]  # a way of writing no parser knows: a reading doubt (advice), not CP102


@problem("equipment_without_reason")
def _(p, r):
    rows = [(k, s) for k, s in p.services() if s.kind in ("福祉用具貸与", "特定福祉用具販売")]
    if not rows:
        return None
    key, s = r.choice(rows)
    s.content = s.content.split("（")[0]
    return [Expect("CP141", f"{key}.content")]


@problem("living_support_every_day")
def _(p, r):
    rows = [(k, s) for k, s in p.services() if s.group == "helper"]
    if not rows or p.care_level not in ("要介護1", "要介護2"):
        return None
    p.care_level = "要介護1"
    for key, s in rows:
        s.freq = "毎日"
        s.days = ("月", "火", "水", "木", "金", "土", "日")
    return [Expect("CP142", f"{rows[0][0]}.freq", "row", needs=("t1.care_level",))]


@problem("weekly_service_not_in_table3")
def _(p, r):
    groups = {}
    for key, s in p.services():
        if s.days:
            groups.setdefault(s.group, []).append((key, s))
    if not groups:
        return None
    g = r.choice(sorted(groups))
    for _, s in groups[g]:
        s.weekly_label = ""  # left out of 第3表
    return [Expect("CP150", f"{groups[g][0][0]}.kind", "row")]


@problem("weekly_count_differs")
def _(p, r):
    groups = {}
    for key, s in p.services():
        if s.days and len(s.days) >= 2:
            groups.setdefault(s.group, []).append((key, s))
    if not groups:
        return None
    g = r.choice(sorted(groups))
    for _, s in groups[g]:
        s.freq = "週3回"
    return [Expect("CP151", f"{groups[g][0][0]}.freq", "row")]


@problem("goal_done_by_provider")
def _(p, r):
    """旭川市の例: 買物の目標に買物代行."""
    rows = [(k, s) for k, s in p.services() if s.group == "helper"]
    if not rows:
        return None
    key, s = rows[0]
    sg_key = key.rsplit(".", 1)[0]
    i, j, k = (int(x[1:]) for x in sg_key.split(".")[1:])
    sg = p.needs[i].longs[j].shorts[k]
    sg.text = "栄養に留意した買物を行う"
    s.content = "買物の代行（生活援助）"
    return [Expect("AS202", f"{sg_key}.text", profiles=("asahikawa",))]


# --------------------------------------------------------------------------- needs (名寄市)

@problem("need_is_a_request")
def _(p, r):
    i = r.randrange(len(p.needs))
    p.needs[i].text = r.choice(["ヘルパーさんに買物や調理、掃除をお願いしたい", "友達が通っているデイサービスに通いたい",
                                "お風呂に入れてほしい"])
    return [Expect("NY301", f"t2.n{i}.text", profiles=("nayoro",))]


@problem("need_without_cause")
def _(p, r):
    i = r.randrange(len(p.needs))
    p.needs[i].text = r.choice(["買物に行きたい", "自宅で入浴したい", "趣味の俳句を続けたい"])
    return [Expect("NY303", f"t2.n{i}.text", profiles=("nayoro",)), Expect("AS203", f"t2.n{i}.text", profiles=("asahikawa",))]


@problem("no_wished_life")
def _(p, r):
    p.overall_policy = "転倒に注意し、各サービスを適切に利用できるよう支援します。緊急時は長女と主治医に連絡します。"
    for n in p.needs:
        for lg in n.longs:
            lg.text = "転倒せずに屋内を移動できる"
    return [Expect("NY302", "t1.overall_policy", profiles=("nayoro",))]


# --------------------------------------------------------------------------- other forms

def _lone_visits(p: Plan) -> list[int]:
    """Past monthly visits that are the only home visit of their month (after the first month)."""
    done = [v for v in p.visits if v.done is not None]
    months = {}
    for v in done:
        months[(v.done.year, v.done.month)] = months.get((v.done.year, v.done.month), 0) + 1
    out = [i for i, v in enumerate(p.visits) if v.done is not None and v.kind == "モニタリング訪問"
           and months[(v.done.year, v.done.month)] == 1]
    return out[1:]

@problem("need_not_in_assessment")
def _(p, r):
    if len(p.needs) < 2:
        return None
    i = r.randrange(len(p.needs))
    for it in p.items:
        if it is not None and (i + 1) in it.needs:
            it.needs = tuple(n for n in it.needs if n != i + 1)
            it.issue = bool(it.needs)
    if not any(it and it.needs for it in p.items):
        return None
    return [Expect("CP160", f"t2.n{i}.text")]


@problem("assessment_status_blank")
def _(p, r):
    n = r.choice([18, 19, 21, 15, 14])
    it = p.items[n - 1]
    if it is None or it.issue:
        return None
    it.status = ""
    return [Expect("CP161", f"as.i{n}.status")]


@problem("monitoring_not_done")
def _(p, r):
    """A visit planned for a past month, its 実施日 left blank."""
    past = _lone_visits(p)
    if len(past) < 2:
        return None
    i = r.choice(past)
    p.visits[i].done = None
    p.visits[i].method = ""
    p.visits[i].note = ""
    return [Expect("CP170", f"mon.r{i}.done_on", "row")]


@problem("monitoring_by_phone")
def _(p, r):
    past = _lone_visits(p)
    if len(past) < 2:
        return None
    i = r.choice(past)
    p.visits[i].method = "電話"
    p.visits[i].kind = r.choice(["モニタリング訪問", "電話等連絡"])
    p.visits[i].note = "電話で体調を確認。訪問は本人の都合で翌月に延期。"
    return [Expect("CP170", "mon.sheet", "sheet")]


@problem("monitoring_month_missing")
def _(p, r):
    past = _lone_visits(p)
    if len(past) < 2:
        return None
    i = r.choice(past)
    del p.visits[i]
    return [Expect("CP170", "mon.sheet", "sheet")]


@problem("meeting_date_blank")
def _(p, r):
    if p.meeting is None:
        return None
    p.meeting.held_on = None
    return [Expect("CP171", "t4.held_on")]


# --------------------------------------------------------------------------- rules added since the first corpus

@problem("delivered_date_blank")
def _(p, r):
    if p.consent_on is None:
        return None
    p.delivered_on = None
    return [Expect("CP112", "t1.delivered_on")]


@problem("certified_after_created")
def _(p, r):
    if p.created_on is None or p.cert_start is None:
        return None
    p.certified_on = p.created_on + dt.timedelta(days=r.randint(2, 6))
    return [Expect("CP113", "t1.certified_on", needs=("t1.created_on",))]


@problem("first_plan_with_earlier_first_date")
def _(p, r):
    """「初回」に○ but the 初回作成日 is years before."""
    if p.plan_kind != "継続":
        return None
    p.plan_kind = "初回"
    return [Expect("CP114", "t1.plan_kind|t1.first_created_on", needs=("t1.plan_kind",))]


@problem("assessment_after_plan")
def _(p, r):
    if p.created_on is None:
        return None
    p.assessed_on = p.created_on + dt.timedelta(days=r.randint(1, 3))
    p.journal = [(p.assessed_on if k == "アセスメント" else d, k, t) for d, k, t in p.journal]
    return [Expect("CP115", "as.assessed_on", needs=("t1.created_on",))]


@problem("issue_item_without_need")
def _(p, r):
    free = [n for n in (14, 15, 18, 19, 21, 22) if p.items[n - 1] is not None and not p.items[n - 1].issue]
    if not free:
        return None
    n = r.choice(free)
    p.items[n - 1].issue = True
    p.items[n - 1].needs = ()
    return [Expect("CP162", f"as.i{n}.refs")]


@problem("refs_to_missing_need")
def _(p, r):
    linked = [n for n, it in enumerate(p.items, start=1) if it is not None and it.needs]
    if not linked:
        return None
    n = r.choice(linked)
    p.items[n - 1].needs = p.items[n - 1].needs + (len(p.needs) + 1,)
    return [Expect("CP163", f"as.i{n}.refs")]


@problem("meeting_without_user_or_family")
def _(p, r):
    if p.meeting is None:
        return None
    p.meeting.attendees = [a for a in p.meeting.attendees if a[0] not in ("本人", "長女")]
    return [Expect("CP172", "t4.attendees", "row")]


@problem("meeting_discussion_blank")
def _(p, r):
    if p.meeting is None:
        return None
    p.meeting.discussion = ""
    return [Expect("CP174", "t4.discussion")]


@problem("monitoring_note_blank")
def _(p, r):
    past = _lone_visits(p)
    if not past:
        return None
    i = r.choice(past)
    p.visits[i].note = ""
    return [Expect("CP176", f"mon.r{i}.note", "row")]


@problem("weekly_service_not_in_table2")
def _(p, r):
    used = {(d, s.time) for s in p.weekly_services() for d in s.days}
    day = next((d for d in ("土", "日", "水") if (d, "14:00") not in used), None)
    if day is None:
        return None
    p.weekly_extra.append(Svc("", "訪問入浴介護", "", "", None, None, days=(day,), time="14:00",
                              weekly_label="訪問入浴", group="extra:bath"))
    return [Expect("CP152", "find:訪問入浴")]


@problem("short_goal_not_evaluated")
def _(p, r):
    """A short goal's period is over and no visit evaluated it."""
    notes = [v.note for v in p.visits if v.kind == "目標評価"]
    ended = [(key, sg) for key, lg, sg in _shorts(p) if sg.text and any(sg.text[:12] in n for n in notes)]
    if not ended:
        return None
    p.visits = [v for v in p.visits if v.kind != "目標評価"]
    # keep a plain month's note free of 評価/達成 words so nothing else reads as the evaluation
    for v in p.visits:
        v.note = v.note.replace("短期目標に向けて", "目標に向けて").replace("達成", "")
    ended_keys = [f"{key}.period" for key, sg in ended]
    return [Expect("CP177", "|".join(ended_keys), "row")]


@problem("special_bed_for_light_level")
def _(p, r):
    """要介護1 with a 特殊寝台 and no basis for the exception (軽度者の例外給付)."""
    rows = [(k, s) for k, s in p.services() if s.kind == "福祉用具貸与" and "手すりの貸与（起き上がり" in s.content]
    if not rows or p.care_level not in ("要介護1", "要介護2"):
        return None
    p.care_level = "要介護1"
    key, s = rows[0]
    s.content = "特殊寝台・手すりの貸与（起き上がりと立ち上がりを安定させ、夜間の転倒を防ぐため）"
    return [Expect("CP143", f"{key}.content", needs=("t1.care_level",))]
