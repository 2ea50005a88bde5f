"""Checks across forms: 第2表 ↔ 第3表, ニーズ ↔ アセスメント, 第4表 サービス担当者会議."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import defaultdict
from typing import Iterable

from xl_careplan.fields import ASSESSMENT_ITEMS
from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan, ServiceRow, Table4, WeeklyEntry
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.domain.services import classify_service, is_outside_insurance, service_kind
from xl_careplan.rules.cases import Case, chain, clear, parsed, setv, sg0
from xl_careplan.rules.common import is_blank, norm, quote, text_of
from xl_careplan.rules.sources import BESSHI4, KIJUN, KIYO
from xl_careplan.values import Frequency
from xl_careplan.record import replace

WEEKLY_KINDS = ("per_week", "daily", "per_day")
# 「週1回（月・木のいずれか）」: the days to choose from, not the days of the visits
_CHOICE_OF_DAYS = re.compile(r"いずれか|どちらか|のうち|うち|選択|交互|または|又は|or")
_COUNTS = re.compile(r"[0-9]+(?:\.[0-9]+)?\s*(?:回|日)")


def _weekly(s: ServiceRow) -> bool:
    """A service of every week. 隔週・2週に1回 (under once a week) is not: 記載要領 第3表 puts what is not weekly under
    「週単位以外のサービス」, and where an office marks its weekday in the grid anyway the count cannot agree."""
    f = s.frequency.value
    if not isinstance(f, Frequency) or f.kind not in WEEKLY_KINDS:
        return False
    n = f.per_week()
    return n is None or n >= 1


def _sparse(s: ServiceRow) -> bool:
    """Under once a week (隔週): may or may not be marked on its weekday in the 第3表 grid."""
    f = s.frequency.value
    n = f.per_week() if isinstance(f, Frequency) and f.kind in WEEKLY_KINDS else None
    return n is not None and n < 1


_TIME_RE = re.compile(r"(\d{1,2})[:：時]?(\d{2})?")


def _time_key(time: str) -> int:
    m = _TIME_RE.match(norm(time))
    if not m:
        return 0
    return int(m.group(1)) * 60 + int(m.group(2) or 0)


def weekly_counts(entries: list[WeeklyEntry]) -> dict[str, list[WeeklyEntry]]:
    """第3表 entries per service type. The same service in adjacent time rows of one weekday
    (a day service drawn over 10:00 and 12:00) counts once."""
    by_day: dict[tuple[str, str], list[WeeklyEntry]] = defaultdict(list)
    for e in entries:
        kind = classify_service(e.text)
        if kind:
            by_day[(kind, e.weekday)].append(e)
    out: dict[str, list[WeeklyEntry]] = defaultdict(list)
    for (kind, _day), es in by_day.items():
        es.sort(key=lambda e: _time_key(e.time))
        last_key = None
        for e in es:
            k = _time_key(e.time)
            if last_key is None or k - last_key > 120:  # a gap: a new visit
                out[kind].append(e)
            last_key = k
    return out


# service types a care manager may write under either name in 第2表 and 第3表 (デイ for 地域密着型通所介護 …)
SERVICE_FAMILIES = [
    {"通所介護", "地域密着型通所介護", "認知症対応型通所介護"},
    {"訪問介護", "定期巡回・随時対応型訪問介護看護", "夜間対応型訪問介護"},
    {"短期入所生活介護", "短期入所療養介護"},
    {"小規模多機能型居宅介護", "看護小規模多機能型居宅介護"},
]


def _family(kind: str) -> frozenset[str]:
    for fam in SERVICE_FAMILIES:
        if kind in fam:
            return frozenset(fam)
    return frozenset({kind})


# 第3表 cells that are the user's own week, not a provider's service (家族の訪問, 通院, 配食 …)
_OWN_WEEK = re.compile(
    r"本人|家族|長女|長男|次女|次男|妻|夫|娘|息子|嫁|孫|友人|近所|近隣|民生委員|ボランティア|通院|受診|配食|散歩|買物|体操|趣味|"
    r"サロン|教室|起床|就寝|食事|朝食|昼食|夕食|入浴|服薬|ゴミ|外出|来訪|面会"
)


def unnamed_entries(entries: list[WeeklyEntry]) -> list[WeeklyEntry]:
    """第3表 cells that name no service kind we know and are not the user's own week: 「PT訪問」「ﾅｰｽ」, a provider's
    own name … Any of them may be the 第2表 service we are looking for."""
    return [e for e in entries if norm(e.text) and not classify_service(e.text) and not _OWN_WEEK.search(norm(e.text))]


def _provider_shown(s: ServiceRow, entries: list[WeeklyEntry]) -> bool:
    """The 第2表 row's provider written in a 第3表 cell (「つばさ」 for ヘルパーステーションつばさ is not enough: the whole
    name, or the part before a space)."""
    name = norm(text_of(s.provider))
    if len(name) < 3:
        return False
    head = norm(re.split(r"[\s　]+", text_of(s.provider).strip())[0])
    return any(name in norm(e.text) or (len(head) >= 4 and head in norm(e.text)) for e in entries)


@register
class ServiceInWeekly(Rule):
    code = "CP150"
    name = "第3表にないサービス"
    severity = Severity.ERROR
    what = (
        "第2表で週単位（週N回・毎日）に位置付けた介護保険サービスが、第3表 週間サービス計画表に書かれているかを確認します"
        "（サービスの種類の名前・略称、または事業所名で）。第3表がブックに見つからないときは点検せず、読み取りメモで知らせます。"
        "第3表にサービスが一つも読み取れないとき、またはどのサービスか分からない記載（「PT訪問」など）があるときは、"
        "書き方の違いかもしれないため、エラーにせず助言（info）で照合できなかったことを知らせます。自費・保険外の行は対象外です。"
    )
    why = (
        "記載要領では、第3表に第2表の援助内容で位置付けたサービスを曜日・時間帯ごとに記載するとされており、両者が食い違うと"
        "提供日が定まりません。サービスの呼び方は定められていないため、読み取れない書き方を記載漏れとはみなしません。"
    )
    source = f"{KIYO} 第3表 週間サービス計画表"
    bad = "第2表に「通所リハビリテーション 週2回」があるのに、第3表のどの曜日にも通所リハビリがない。"
    good = "第3表の火・金 10:00 に「通所リハビリ」（または事業所名「見本通所リハビリセンター」）。"
    hint = "第3表の該当する曜日・時間帯にサービスを書き込んでください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        if plan.table3 is None:
            return  # no 第3表 found in the workbook: a reading note (CP001), not a guess
        entries = plan.table3.entries
        counts = weekly_counts(entries)
        unnamed = unnamed_entries(entries)
        reported: set[str] = set()
        for s in plan.table2.services():
            kind = service_kind(s)
            if not kind or not _weekly(s) or _family(kind) & counts.keys() or kind in reported or is_outside_insurance(s):
                continue
            if _provider_shown(s, entries):
                continue
            reported.add(kind)
            loc = s.service_type.loc or s.content.loc
            freq = quote(s.frequency.raw or "", 12)
            if not counts and not unnamed:
                # not one service read in 第3表: written some other way (text lines, a picture) — a doubt, not an error
                f = self.finding(ctx, loc, f"第3表 週間サービス計画表からサービスを一つも読み取れず、第2表の{kind}（{freq}）と"
                                 "照合できませんでした（別の書き方なら問題ありません）", doubt=True)
            elif unnamed:
                f = self.finding(ctx, loc, f"第2表の{kind}（{freq}）が第3表で見つかりません。第3表の「{quote(unnamed[0].text, 12)}」"
                                 "がそのサービスなら問題ありません", doubt=True)
            else:
                f = self.finding(ctx, loc, f"第2表の{kind}（{freq}）が第3表 週間サービス計画表にありません")
            yield f

    CASES = [
        Case("CP150", "通所リハビリが第3表にない",
             lambda p: setattr(p.table3, "entries", [e for e in p.table3.entries if "通所" not in e.text]),
             [("CP150", "第2表!H6")], severity="error"),
        Case("CP150", "第3表の略称（デイケア）でも一致とみなす",
             lambda p: [setattr(e, "text", "デイケア") for e in p.table3.entries if "通所" in e.text], []),
        Case("CP150", "週単位でないサービス（常時の福祉用具）は第3表になくてよい", None, []),
        Case("CP150", "隔週のサービスは第3表になくてよい（週単位以外のサービス）",
             chain(lambda p: setv(sg0(p, 1).services[1].frequency, Frequency(kind="per_week", count=0.5), "隔週（水）"),
                   lambda p: setattr(p.table3, "entries", [e for e in p.table3.entries if e.weekday != "水"])), []),
        Case("CP150", "第3表が見つからなければ点検しない（読み取りメモ CP001 で知らせる）", lambda p: setattr(p, "table3", None), []),
        Case("CP150", "第3表に事業所名で書かれていれば可",
             lambda p: [setattr(e, "text", "見本通所リハビリセンター") for e in p.table3.entries if "通所" in e.text], []),
        Case("CP150", "どのサービスか分からない記載（PT訪問）があれば助言にとどめる",
             lambda p: [setattr(e, "text", "PT訪問") for e in p.table3.entries if "通所" in e.text], [("CP150", "第2表!H6")],
             severity="info"),
        Case("CP150", "家族の来訪・通院は分からない記載に数えない（指摘する）",
             lambda p: [setattr(e, "text", "長女来訪") for e in p.table3.entries if "通所" in e.text], [("CP150", "第2表!H6")],
             severity="error"),
        Case("CP150", "第3表にサービスが一つも読めなければ助言にとどめる",
             lambda p: setattr(p.table3, "entries", []), [("CP150", "第2表!H6"), ("CP150", "第2表!H9")], severity="info"),
        Case("CP150", "週単位の訪問に随時の訪問を添えた頻度（週2回（月・木）、体調不良時は随時）も週単位: 第3表に要る",
             chain(lambda p: [parsed(s.frequency, "週2回（月・木）、体調不良時は随時") for s in sg0(p, 1).services],
                   lambda p: setattr(p.table3, "entries", [e for e in p.table3.entries if "訪問介護" not in e.text])),
             [("CP150", "第2表!H9")], severity="error"),
        Case("CP150", "自費のサービスは第3表になくてよい",
             chain(lambda p: setattr(p.table3, "entries", [e for e in p.table3.entries if "通所" not in e.text]),
                   lambda p: setv(sg0(p).services[0].service_type, "通所リハビリテーション（自費）")), []),
    ]


def plausible_weekly_counts(rows: list[ServiceRow]) -> set[float]:
    """How many visits a week 第2表 rows of one service type may mean. The same service is often listed
    under several needs with the same frequency (one 通所介護 週2回 for 入浴 and for 機能訓練): that is one set
    of visits, not a sum. Rows with other frequencies or other providers add up. Weekdays, when written,
    are counted as a union per provider. Every reading is plausible; only a 第3表 count that fits none is
    reported."""
    def key(s: ServiceRow) -> tuple:
        f: Frequency = s.frequency.value  # type: ignore[assignment]
        return (norm(text_of(s.provider)), f.per_week(), tuple(f.weekdays))

    per = [s.frequency.value.per_week() or 0.0 for s in rows]  # type: ignore[union-attr]
    distinct = {key(s): s.frequency.value.per_week() or 0.0 for s in rows}  # type: ignore[union-attr]
    # a row of one provider without weekdays may be the same visits as its rows with weekdays, the frequency written
    # differently (「週2日」 on one row, 「月・木（週2回）」 on the next): the weekdays named, or the largest count
    named: dict[str, set[str]] = defaultdict(set)
    bare: dict[str, float] = defaultdict(float)
    for s in rows:
        p, f = norm(text_of(s.provider)), s.frequency.value
        if f.weekdays:  # type: ignore[union-attr]
            named[p].update(f.weekdays)  # type: ignore[union-attr]
        else:
            bare[p] = max(bare[p], f.per_week() or 0.0)  # type: ignore[union-attr]
    out = {sum(per), sum(distinct.values()),
           float(sum(max(len(named[p]), bare[p]) for p in set(named) | set(bare)))}
    if all(s.frequency.value.weekdays for s in rows):  # type: ignore[union-attr]
        days: dict[str, set[str]] = defaultdict(set)  # one provider's visits on the weekdays named
        for s in rows:
            days[norm(text_of(s.provider))].update(s.frequency.value.weekdays)  # type: ignore[union-attr]
        out.add(float(sum(len(d) for d in days.values())))
    return out


@register
class WeeklyCount(Rule):
    code = "CP151"
    name = "第2表の頻度と第3表の回数の違い"
    severity = Severity.WARNING
    what = ("第2表の頻度（週N回・毎日）と、第3表に書かれたそのサービスの週あたりの回数が一致しているかを、サービス種別ごとに確認します。"
            "隔週・2週に1回など週1回に満たないサービスは数えず、第3表にその曜日が書かれていても一致とみなします。"
            "幅のある回数（週2～3回）や隔日は、その間の回数（2回でも3回でも、3回でも4回でも）を一致とみなします。"
            "第2表の頻度そのものが、書かれた回数と曜日の数で食い違っている場合（「週3回（火・金）」）も知らせます"
            "（「月・木のいずれか」のように曜日から選ぶ書き方は除きます）。第3表にどのサービスか分からない記載（小多機の「通い」、"
            "「PT訪問」など）があり、それを数えれば足りる場合は、違いとしません（読み取りの疑いは指摘にしない）。")
    why = ("第3表は第2表の援助内容を週単位で表したもので、回数が異なると、どちらかが実際の提供と食い違っています。"
           "頻度は「一定期間内での回数、実施曜日等」を書く欄で、回数と曜日が食い違えば提供の回数が定まりません。")
    source = f"{KIYO} 第2表「頻度」・第3表 週間サービス計画表（頻度の文言は知識による）"
    bad = "第2表で訪問介護が週3回なのに、第3表では月・木の2回だけ。頻度が「週3回（火・金）」。"
    good = "第2表 週2回（火・金）、第3表 火・金の2回。"
    hint = "第2表の頻度か第3表の記載を、実際の提供回数に合わせてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        yield from self._self_contradicting(plan, ctx)
        if plan.table3 is None:
            return
        counts = weekly_counts(plan.table3.entries)
        # cells naming no service we know (「通い」 of a 小多機, 「PT訪問」) may be visits of any row: a count they could
        # make up is a doubt, not a difference
        unknown = len({(e.weekday, norm(e.text)) for e in unnamed_entries(plan.table3.entries)})
        rows: dict[str, list[ServiceRow]] = defaultdict(list)
        sparse: dict[str, int] = defaultdict(int)
        for s in plan.table2.services():
            kind = service_kind(s)
            if kind and _weekly(s) and s.frequency.value.per_week() is not None:  # type: ignore[union-attr]
                rows[kind].append(s)
            elif kind and _sparse(s):
                sparse[kind] += 1
        for kind, rs in rows.items():
            shown = sum(len(counts.get(k, [])) for k in _family(kind))
            if shown == 0:
                continue  # absent altogether: CP150
            options = plausible_weekly_counts(rs)
            # a 隔週 row of the same kind may be shown on its weekday too; a count between two whole numbers (週2～3回 is
            # read as 2.5, 隔日 as 3.5) is met by either of them
            if any(abs(shown - n - k) <= 0.5 for n in options for k in range(sparse[kind] + 1)):
                continue
            if any(shown - 0.5 <= n <= shown + unknown + 0.5 for n in options):
                continue
            s = rs[0]
            n = max(options)
            yield self.finding(
                ctx, s.frequency.loc or s.service_type.loc,
                f"{kind}は第2表で週{n:g}回ですが、第3表では週{shown}回です",
            )

    def _self_contradicting(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        """A 頻度 whose written count is not the number of weekdays it names (週3回（火・金）): the plan says two things."""
        seen: set[str] = set()
        for s in plan.table2.services():
            f = s.frequency.value
            raw = norm(s.frequency.raw or "")
            if not isinstance(f, Frequency) or f.kind != "per_week" or not f.weekdays or f.count is None \
                    or s.frequency.problem or _CHOICE_OF_DAYS.search(raw) or len(_COUNTS.findall(raw)) > 1:
                continue  # 「通い週2回（火・金）、訪問看護週1回」: the days are those of one part
            if abs(f.count - len(f.weekdays)) <= 0.5 or norm(s.frequency.raw or "") in seen:
                continue  # 週2～3回（火・金・土）, 隔日（月・水・金・日）: a count between agrees with the days
            seen.add(norm(s.frequency.raw or ""))
            yield self.finding(
                ctx, s.frequency.loc or s.service_type.loc,
                f"頻度「{quote(s.frequency.raw or '', 20)}」の回数（週{f.count:g}回）と書かれた曜日の数（{len(f.weekdays)}日）が違います",
            )

    CASES = [
        Case("CP151", "頻度の回数と曜日の数が違う（週3回（火・金））",
             lambda p: parsed(sg0(p).services[0].frequency, "週3回（火・金）"), [("CP151", "第2表!J6")]),
        Case("CP151", "曜日から選ぶ書き方（週1回（月・木のいずれか））は食い違いとしない",
             lambda p: parsed(sg0(p, 1).services[1].frequency, "週1回（水・金のいずれか）"), []),
        Case("CP151", "幅のある回数（週2～3回）は、第3表の2回でも3回でも一致とみなす",
             chain(lambda p: parsed(sg0(p).services[0].frequency, "週2～3回"),
                   lambda p: p.table3.entries.append(
                       WeeklyEntry(weekday="土", time="10:00", text="通所リハビリ", loc=replace(p.table3.entries[1].loc, cell="I10")))),
             []),
        Case("CP151", "一つのサービスを部分ごとに書いた頻度（通い週2回（火・金）、訪問看護週1回）は曜日の数と比べない",
             lambda p: parsed(sg0(p).services[0].frequency, "通い週2回（火・金）、訪問看護週1回、宿泊は必要時"), []),
        Case("CP151", "第3表のどのサービスか分からない記載（通い）で足りる回数なら、違いとしない",
             chain(lambda p: parsed(sg0(p).services[0].frequency, "週3回（火・金・土）"),
                   lambda p: p.table3.entries.append(
                       WeeklyEntry(weekday="土", time="10:00", text="通い", loc=replace(p.table3.entries[1].loc, cell="I10")))),
             []),
        Case("CP151", "隔日（週3.5回）は第3表の4回と一致とみなす",
             chain(lambda p: [parsed(s.frequency, "隔日") for s in sg0(p, 1).services],
                   lambda p: p.table3.entries.append(
                       WeeklyEntry(weekday="日", time="14:00", text="訪問介護", loc=replace(p.table3.entries[0].loc, cell="J12")))),
             []),
        Case("CP151", "訪問介護が第2表で週3回、第3表で2回",
             lambda p: setattr(p.table3, "entries", [e for e in p.table3.entries if e.weekday != "水"]),
             [("CP151", "第2表!J9")]),
        Case("CP151", "隔週の訪問介護が第3表の曜日に書かれていても、週の回数の違いとしない",
             lambda p: setv(sg0(p, 1).services[1].frequency, Frequency(kind="per_week", count=0.5), "隔週（水）"), []),
        Case("CP151", "第2表の頻度を増やしたのに第3表がそのまま",
             lambda p: setv(sg0(p).services[0].frequency, Frequency(kind="per_week", count=3), "週3回"),
             [("CP151", "第2表!J6")]),
        Case("CP151", "同じ訪問（週2回（月・木））を2つのニーズに書いても二重に数えない",
             lambda p: sg0(p).services.append(copy.deepcopy(sg0(p, 1).services[0])), []),
        Case("CP151", "同じ通所リハビリ（週2回）を3つのニーズに書いても週2回（曜日なし）",
             chain(lambda p: setv(sg0(p).services[0].frequency, Frequency(kind="per_week", count=2), "週2回"),
                   lambda p: sg0(p, 1).services.append(copy.deepcopy(sg0(p).services[0])),
                   lambda p: sg0(p, 1).services.append(copy.deepcopy(sg0(p).services[0]))), []),
        Case("CP151", "同じ事業所の同じ訪問を、別の行で曜日なし（週2回）と曜日つき（月・木）に書いても二重に数えない",
             chain(lambda p: setv(sg0(p, 1).services[1].frequency, Frequency(kind="per_week", count=2), "週2日"),
                   lambda p: setattr(p.table3, "entries", [e for e in p.table3.entries if e.weekday != "水"])), []),
        Case("CP151", "同じ訪問を別のニーズで「週2回」「月・木」と書き方を変えても二重に数えない",
             chain(lambda p: sg0(p).services.append(copy.deepcopy(sg0(p, 1).services[0])),
                   lambda p: setv(sg0(p).services[-1].frequency, Frequency(kind="per_week", count=2), "週2回")), []),
        Case("CP151", "別の事業所の同じサービスは足し合わせる（週2回＋週2回 ≠ 第3表の2回）",
             chain(lambda p: sg0(p, 1).services.append(copy.deepcopy(sg0(p).services[0])),
                   lambda p: setv(sg0(p, 1).services[-1].provider, "別の通所リハ")),
             [("CP151", "第2表!J6")]),
        Case("CP151", "続けて書いた時間帯（10:00と12:00）は1回と数える",
             lambda p: p.table3.entries.append(
                 WeeklyEntry(weekday="火", time="12:00", text="通所リハビリ", loc=replace(p.table3.entries[1].loc, cell="E11"))),
             []),
    ]


@register
class WeeklyNotInTable2(Rule):
    code = "CP152"
    name = "第2表にないサービス（第3表）"
    severity = Severity.ERROR
    what = (
        "第3表 週間サービス計画表に書かれた介護保険サービスが、第2表の援助内容のどこかに位置付けられているかを、"
        "サービス種別ごとに確認します（CP150 の逆向き。通所介護と地域密着型通所介護のように呼び方の分かれるものは同じとみなします）。"
        "第3表に第2表の事業所名が書かれている場合は、名前にサービスの種類の語があっても、その事業所の行のサービスとみなします。"
    )
    why = (
        "第3表は第2表の援助内容を週単位で表したもので、第2表にないサービスは、どのニーズ・目標のためのものか計画書から分かりません。"
    )
    source = f"{KIYO} 第2表「援助内容」・第3表 週間サービス計画表"
    bad = "第3表の水曜に「訪問看護」があるのに、第2表のどの行にも訪問看護がない。"
    good = "第3表の訪問看護が、第2表のニーズ「服薬を続けたい」の援助内容にある。"
    hint = "そのサービスを位置付けるニーズ・目標の援助内容を第2表に書くか、第3表の記載を見直してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        if plan.table3 is None or not plan.table2.services():
            return  # nothing to compare with (a 第2表 not read is a reading note, not an omission)
        if not any(s.service_type.loc is not None for s in plan.table2.services()):
            return  # no サービス種別 column found (a reading note): what 第2表 plans is not known well enough
        planned: set[str] = set()
        for s in plan.table2.services():
            for kind in (service_kind(s), classify_service(text_of(s.content)), classify_service(text_of(s.service_type))):
                if kind:
                    planned |= _family(kind)
        rows = plan.table2.services()
        for kind, entries in weekly_counts(plan.table3.entries).items():
            if kind in planned:
                continue
            # a cell naming a 第2表 provider (「通所リハビリテーション北星」 for its 訪問リハ) is that row's service
            entries = [e for e in entries if not any(_provider_shown(s, [e]) for s in rows)]
            if not entries:
                continue
            e = entries[0]
            yield self.finding(ctx, e.loc, f"第3表の{kind}（{e.weekday}曜 {e.time}「{quote(e.text, 15)}」）が第2表の援助内容にありません")

    CASES = [
        Case("CP152", "第3表に第2表にない訪問看護がある",
             lambda p: p.table3.entries.append(
                 WeeklyEntry(weekday="水", time="14:00", text="訪問看護", loc=replace(p.table3.entries[0].loc, cell="F12"))),
             [("CP152", "第3表!F12")]),
        Case("CP152", "呼び方の違い（第3表のデイサービスと第2表の地域密着型通所介護）は同じとみなす",
             chain(lambda p: setv(sg0(p).services[0].service_type, "地域密着型通所介護"),
                   lambda p: setv(sg0(p).services[0].content, "入浴・機能訓練"),
                   lambda p: [setattr(e, "text", "デイサービス") for e in p.table3.entries if "通所" in e.text]), []),
        Case("CP152", "第3表のサービスがすべて第2表にあれば指摘しない", None, []),
        Case("CP152", "第3表に第2表の事業所名（名前にサービスの種類を含む）で書かれていれば、その事業所のサービス",
             chain(lambda p: setv(sg0(p).services[0].provider, "見本通所介護センター"),
                   lambda p: [setattr(e, "text", "見本通所介護センター") for e in p.table3.entries if "通所" in e.text]), []),
        Case("CP152", "第2表のサービス種別の列が見つからない（読み取りメモ）なら指摘しない",
             chain(lambda p: p.table3.entries.append(
                       WeeklyEntry(weekday="水", time="14:00", text="訪問看護", loc=replace(p.table3.entries[0].loc, cell="F12"))),
                   lambda p: [setattr(s.service_type, "loc", None) for s in p.table2.services()]), []),
    ]


@register
class NeedFromAssessment(Rule):
    code = "CP160"
    name = "アセスメントに根拠のないニーズ"
    severity = Severity.ERROR
    what = "第2表の各ニーズが、アセスメントで「課題あり」とした課題分析標準項目のどれかから「関連ニーズ番号」でたどれるかを確認します（アセスメントのシートがある場合）。"
    why = "運営基準は、課題分析（アセスメント）により把握した解決すべき課題に基づいて居宅サービス計画の原案を作成するよう求めています。"
    source = f"{KIJUN} 第13条第6号（課題分析）・第8号（原案の作成）"
    bad = "ニーズ②がどの項目の関連ニーズ番号にも書かれていない。"
    good = "アセスメントの「IADL」が課題ありで関連ニーズ番号に「2」。"
    hint = "アセスメントの該当項目に課題ありと関連ニーズ番号を記入するか、アセスメントの結果に沿ってニーズを見直してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        a = plan.assessment
        if a is None or not a.items:
            return
        if not any(i.need_refs.loc is not None for i in a.items):
            return  # no 関連ニーズ番号 column found: a reading note (CP001), nothing to trace
        linked: set[int] = set()
        for item in a.items:
            if item.has_issue.value is True and isinstance(item.need_refs.value, list):
                linked.update(item.need_refs.value)
        if not any(isinstance(i.need_refs.value, list) and i.need_refs.value for i in a.items) and plan.table2.needs:
            # no 関連ニーズ番号 anywhere (an office form without that column): one finding, not one per need
            loc = next(i.need_refs.loc for i in a.items if i.need_refs.loc)
            yield self.finding(ctx, loc, "アセスメントに関連ニーズ番号が書かれていないため、第2表のニーズの根拠をたどれません")
            return
        for need in plan.table2.needs:
            if is_blank(need.text) or need.number in linked:
                continue
            yield self.finding(
                ctx, need.text.loc,
                f"ニーズ{need.number}「{quote(text_of(need.text))}」が、アセスメントの課題ありの項目から関連付けられていません",
            )

    CASES = [
        Case("CP160", "ニーズ②がどの項目にも関連付けられていない",
             lambda p: setv(p.assessment.items[11].need_refs, [1], "1"), [("CP160", "第2表!A9")]),
        Case("CP160", "関連番号があっても課題なしなら根拠にならない",
             lambda p: setv(p.assessment.items[11].has_issue, False, "無"), [("CP160", "第2表!A9")]),
        Case("CP160", "関連ニーズ番号がどこにもない（列のない様式）: 1件だけ指摘",
             lambda p: [clear(i.need_refs) for i in p.assessment.items], [("CP160", "アセスメント!E5")]),
        Case("CP160", "アセスメントのシートがなければ点検しない", lambda p: setattr(p, "assessment", None), []),
        Case("CP160", "関連ニーズ番号の列が見つからなければ点検しない（読み取りメモ）",
             lambda p: [setattr(i, "need_refs", type(i.need_refs)()) for i in p.assessment.items], []),
    ]


@register
class AssessmentItems(Rule):
    code = "CP161"
    name = "課題分析標準項目の不足"
    severity = Severity.WARNING
    what = "アセスメントのシートがある場合に、課題分析標準項目（23項目）がそろい、各項目の状況が記入されているかを確認します（アセスメントを別の様式・システムで管理している場合はシートがなくても指摘しません）。"
    why = "居宅サービス計画の前提となる課題分析は、国の示す課題分析標準項目を満たす方法で行うものとされています。"
    source = BESSHI4
    bad = "「口腔内の状況」の行がない、または状況が空欄。"
    good = "23項目すべてに状況が記入されている。"
    hint = "不足している項目を追加し、状況を記入してください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        a = plan.assessment
        if a is None:
            return
        names = {norm(n): i for i, n in enumerate(ASSESSMENT_ITEMS, start=1)}
        present: set[int] = set()
        for item in a.items:
            num = item.number if 1 <= item.number <= len(ASSESSMENT_ITEMS) else names.get(norm(item.name))
            if num is None:
                continue
            present.add(num)
            if is_blank(item.status) and item.status.loc is not None:
                yield self.finding(ctx, item.status.loc, f"課題分析標準項目「{ASSESSMENT_ITEMS[num - 1]}」の状況が空欄です")
        missing = [ASSESSMENT_ITEMS[i - 1] for i in range(1, len(ASSESSMENT_ITEMS) + 1) if i not in present]
        if missing:
            f = self.finding(ctx, a.assessed_on.loc, f"課題分析標準項目のうち{len(missing)}項目がありません（{'、'.join(missing[:5])}{'…' if len(missing) > 5 else ''}）")
            if a.assessed_on.loc is None:
                f.sheet = a.sheet
            yield f

    CASES = [
        Case("CP161", "口腔内の状況の状況が空欄", lambda p: clear(p.assessment.items[17].status), [("CP161", "アセスメント!C22")]),
        Case("CP161", "項目が2つ足りない",
             lambda p: setattr(p.assessment, "items", p.assessment.items[:21]), [("CP161", "アセスメント!E2")]),
        Case("CP161", "23項目そろっていれば可", None, []),
    ]


@register
class MeetingHeld(Rule):
    code = "CP171"
    name = "サービス担当者会議の記録がない"
    severity = Severity.ERROR
    what = "第4表 サービス担当者会議の要点の開催日が記入されているかを確認します（第4表がブックに見つからないときは点検せず、読み取りメモで知らせます）。"
    why = "運営基準は、居宅サービス計画の原案について、サービス担当者会議を開催して担当者から専門的な見地からの意見を求めるよう定めています。"
    source = f"{KIJUN} 第13条第9号（サービス担当者会議等による専門的意見の聴取）"
    bad = "第4表の開催日が空欄。"
    good = "第4表の開催日 令和8年4月12日、出席者・検討内容・結論が書かれている。"
    hint = "サービス担当者会議の要点（第4表）を作成してください。やむを得ず照会で代えた場合や軽微な変更の場合は「方針と異なる理由」に書いてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        t4: Table4 | None = plan.table4
        if t4 is None:
            return  # not found in the workbook (often kept in its own file): a reading note (CP001), not an error
        if is_blank(t4.held_on) and not t4.held_on.problem:
            f = self.finding(ctx, t4.held_on.loc, "第4表のサービス担当者会議の開催日が空欄です")
            if t4.held_on.loc is None:
                f.sheet = t4.sheet
            yield f

    CASES = [
        Case("CP171", "第4表が見つからなければ点検しない（読み取りメモ CP001 で知らせる）", lambda p: setattr(p, "table4", None), []),
        Case("CP171", "開催日が空欄", lambda p: clear(p.table4.held_on), [("CP171", "第4表!B4")]),
        Case("CP171", "開催日があれば可", lambda p: setv(p.table4.held_on, dt.date(2026, 4, 13)), []),
    ]
