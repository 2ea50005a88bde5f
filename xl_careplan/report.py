"""Office report (事業所向け集計表): one workbook summarising a batch check.

Sheets: 概要 / 計画別 / 担当者別 / ルール別 / 今月のモニタリング / 認定期限60日以内 /
短期目標期限切れ / 生活援助回数 / 特定事業所集中 / 月間予定.

The office lists read the ``CarePlan`` models in ``FileResult.plan`` only (never cells).
When one user has several plan files in the folders (old and current plans), the office lists
use the latest plan of that user (by 作成日); 計画別 lists every file.

Masking (``mask=True``): user names become stable pseudonyms 「利用者-XXXXXX」 (HMAC-SHA256 of the
normalised name with a key kept on this PC), file paths become 「ファイル-XXXXXX.xlsx」 (folder and
file names in offices usually carry the user's name), and free text copied from plans (goal text)
is left out. Care managers are staff and the per-manager lists are the point of the report, so
their names are kept unless ``mask_staff=True`` (「担当者-XXXXXX」).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from xl_careplan.domain.limits import CONCENTRATION_SHARE, KOKUJI218_LIMITS, RENEWAL_WINDOW_DAYS
from xl_careplan.domain.services import CONCENTRATION_KINDS, is_living_support, living_support_count
from xl_careplan.domain.services import service_kind as _service_kind
from xl_careplan.domain.visits import is_visit
from xl_careplan.findings import Finding, Severity
from xl_careplan.jpdate import EXCEL_DATE_FORMAT, jp_date, jp_month
from xl_careplan.models import CarePlan, ServiceRow
from xl_careplan.values import CareLevel

CONCENTRATION_TYPES = CONCENTRATION_KINDS
CONCENTRATION_LIMIT = CONCENTRATION_SHARE
CERT_DAYS = RENEWAL_WINDOW_DAYS
LIVING_SUPPORT_RULE = "CP142"  # the rule that decides 告示218 以上 (this report lists what it found)

SHEETS = (
    "概要", "計画別", "担当者別", "ルール別", "今月のモニタリング", "認定期限60日以内",
    "短期目標期限切れ", "生活援助回数", "特定事業所集中", "月間予定",
)

UNKNOWN_CM = "（未記入）"
UNKNOWN_USER = "（未記入）"


# ---------------------------------------------------------------- helpers

def _norm(s: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", s or "").split())


def _month(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def _value(located):
    return None if located is None else located.value


def _text(located) -> str:
    v = _value(located)
    return "" if v is None else str(v).strip()


def default_mask_key() -> bytes:
    """Key for the pseudonyms: $XL_CAREPLAN_MASK_KEY, else a random key kept in the user's profile.

    The key keeps pseudonyms stable across runs on this PC while nobody without it can recompute
    a pseudonym from a list of names.
    """
    env = os.environ.get("XL_CAREPLAN_MASK_KEY")
    if env:
        return env.encode("utf-8")
    base = os.environ.get("APPDATA") or os.path.join(os.path.expanduser("~"), ".config")
    key_file = Path(base) / "xl-careplan" / "mask.key"
    try:
        return key_file.read_bytes()
    except FileNotFoundError:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32).encode("ascii")
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key


class Masker:
    """Stable pseudonyms from a keyed hash (HMAC-SHA256, first 6 hex digits)."""

    def __init__(self, enabled: bool, key: bytes | None = None, staff: bool = False):
        self.enabled = enabled
        self.staff = staff and enabled
        self.key = (key if key is not None else default_mask_key()) if enabled else b""

    def _tag(self, kind: str, text: str) -> str:
        return hmac.new(self.key, f"{kind}:{text}".encode("utf-8"), hashlib.sha256).hexdigest()[:6].upper()

    def user(self, name: str) -> str:
        if not name:
            return UNKNOWN_USER
        return f"利用者-{self._tag('user', _norm(name))}" if self.enabled else name

    def staff_name(self, name: str) -> str:
        if not name:
            return UNKNOWN_CM
        return f"担当者-{self._tag('staff', _norm(name))}" if self.staff else name

    def file(self, path: str) -> str:
        if not self.enabled:
            return path
        return f"ファイル-{self._tag('file', path)}{Path(path).suffix.lower()}"

    def message(self, path: str, message: str) -> str:
        if not self.enabled:
            return message
        return message.replace(path, self.file(path))

    def free_text(self, text: str) -> str:
        return "（非表示）" if self.enabled and text else text


# ---------------------------------------------------------------- plan selection

@dataclass
class PlanRef:
    file: str
    plan: CarePlan
    findings: Sequence[Finding] = ()  # what the rules found on this plan (the report never decides it again)

    @property
    def user(self) -> str:
        return _text(self.plan.table1.user_name)

    @property
    def care_manager(self) -> str:
        return _text(self.plan.table1.care_manager)

    @property
    def level(self) -> CareLevel | None:
        return _value(self.plan.table1.care_level)


def readable(results) -> list[PlanRef]:
    return [PlanRef(r.file, r.plan, list(getattr(r, "findings", None) or ())) for r in results
            if r.plan is not None and not r.error]


def current_plans(results) -> list[PlanRef]:
    """The latest plan (by 作成日, then file name) of each user; plans without a user name stay apart."""
    best: dict[tuple, PlanRef] = {}
    order: list[tuple] = []
    for ref in readable(results):
        key = _user_key(ref)
        cur = best.get(key)
        if cur is None:
            order.append(key)
            best[key] = ref
            continue
        created = _value(ref.plan.table1.created_on) or dt.date.min
        cur_created = _value(cur.plan.table1.created_on) or dt.date.min
        if (created, ref.file) > (cur_created, cur.file):
            best[key] = ref
    return [best[k] for k in order]


# ---------------------------------------------------------------- office lists (pure, tested on models)

@dataclass
class MonitoringDue:
    ref: PlanRef
    rhythm: str  # 毎月 / 3か月に1回
    last_visit: dt.date | None
    planned_on: dt.date | None
    note: str


def monitoring_due(plans: Iterable[PlanRef], today: dt.date) -> list[MonitoringDue]:
    """Plans that still need a monitoring visit this month.

    要介護 (or level unknown): one visit every month (運営基準 第13条第14号) unless a visit with 実施日
    in this month is recorded. 要支援・事業対象者: a visit at least every 3 months (予防基準 第30条):
    due when a visit is planned this month, or the last visit (or, without one, the plan's 作成日)
    is 3 or more months back, and no visit is recorded this month.
    """
    out: list[MonitoringDue] = []
    this = _month(today)
    for ref in plans:
        rows = ref.plan.monitoring.rows if ref.plan.monitoring else []
        visits = [r.done_on.value for r in rows if r.done_on.value and is_visit(r) and r.done_on.value <= today]
        if any(_month(d) == this for d in visits):
            continue
        last = max(visits, default=None)
        planned = sorted(r.planned_on.value for r in rows
                         if r.planned_on.value and _month(r.planned_on.value) == this and not r.done_on.value)
        planned_on = planned[0] if planned else None
        level = ref.level
        if level is not None and level.is_support:
            anchor = last or _value(ref.plan.table1.created_on)
            gap = None if anchor is None else this - _month(anchor)
            if planned_on is None and gap is not None and gap < 3:
                continue
            note = "訪問記録なし" if last is None else f"前回訪問から{gap}か月"
            out.append(MonitoringDue(ref, "3か月に1回", last, planned_on, note))
        else:
            note = "要介護度不明のため毎月として表示" if level is None else ""
            out.append(MonitoringDue(ref, "毎月", last, planned_on, note))
    out.sort(key=lambda m: (m.ref.care_manager, m.ref.user, m.ref.file))
    return out


@dataclass
class CertEnding:
    ref: PlanRef
    end: dt.date
    days_left: int


def certs_ending(plans: Iterable[PlanRef], today: dt.date, days: int = CERT_DAYS) -> list[CertEnding]:
    """Certifications (認定の有効期間) ending within ``days`` days from today, and those already ended."""
    out = []
    for ref in plans:
        period = _value(ref.plan.table1.cert_period)
        if period is None or period.end is None:
            continue
        left = (period.end - today).days
        if left <= days:
            out.append(CertEnding(ref, period.end, left))
    out.sort(key=lambda c: (c.end, c.ref.care_manager, c.ref.file))
    return out


@dataclass
class ExpiredGoal:
    ref: PlanRef
    need_number: int
    text: str
    end: dt.date
    sheet: str | None
    cell: str | None


def expired_short_goals(plans: Iterable[PlanRef], today: dt.date) -> list[ExpiredGoal]:
    out = []
    for ref in plans:
        for need in ref.plan.table2.needs:
            for lg in need.long_goals:
                for sg in lg.short_goals:
                    period = sg.period.value
                    if period is None or period.end is None or period.end >= today:
                        continue
                    loc = sg.period.loc or sg.text.loc
                    out.append(ExpiredGoal(ref, need.number, _text(sg.text), period.end,
                                           loc.sheet if loc else None, loc.cell if loc else None))
    out.sort(key=lambda g: (g.ref.care_manager, g.end, g.ref.file))
    return out


@dataclass
class LivingSupport:
    ref: PlanRef
    per_month: float  # sum of the rows whose frequency could be read
    unknown_rows: int  # rows whose frequency gives no monthly count (随時 etc.)
    limit: int | None  # 告示218, None when the care level is not 要介護1〜5
    over: bool  # the rule (CP142) reported 告示の回数以上 and no reason is written
    acknowledged: bool = False  # CP142 reported it and 「方針と異なる理由」 says why (e.g. 届出済み)


def living_support(plans: Iterable[PlanRef]) -> list[LivingSupport]:
    """Plans with 生活援助中心型 rows, their monthly count, and whether CP142 reported them (届出が必要)."""
    out = []
    for ref in plans:
        rows = ref.plan.table2.services()
        if not any(is_living_support(s) for s in rows):
            continue
        total, unknown = living_support_count(rows)
        level = ref.level
        limit = KOKUJI218_LIMITS.get(level.value) if level is not None else None
        found = [f for f in ref.findings if f.rule == LIVING_SUPPORT_RULE]
        over = any(not f.acknowledged for f in found)
        acked = bool(found) and not over
        out.append(LivingSupport(ref, round(total, 1), unknown, limit, over, acked))
    out.sort(key=lambda x: (not x.over, x.ref.care_manager, x.ref.file))
    return out


def service_kind(row: ServiceRow) -> str | None:
    """The service kind of a row when 特定事業所集中減算 looks at that kind (domain.services)."""
    kind = _service_kind(row)
    return kind if kind in CONCENTRATION_TYPES else None


# 特定事業所集中減算 (厚生労働大臣が定める基準 平成27年厚生労働省告示第95号 第83号; 留意事項通知 平成12年老企第36号
# 第3の13): per 判定期間, per service type, the share of the plans that the 法人 with the most plans takes.
CONCENTRATION_SOURCE = ("厚生労働大臣が定める基準（平成27年厚生労働省告示第95号）第八十三号、指定居宅サービスに要する費用の額の"
                        "算定に関する基準の制定に伴う実施上の留意事項について（平成12年老企第36号）第三の十三")
# how a 法人 is written in front of or after its name (after NFKC: ㈱ -> (株))
_CORP_ABBREV = {"(株)": "株式会社", "(有)": "有限会社", "(同)": "合同会社", "(福)": "社会福祉法人", "(医)": "医療法人",
                "(社)": "社団法人", "(財)": "財団法人", "(特非)": "特定非営利活動法人", "(生協)": "生活協同組合"}
_CORP_FORMS = ("特定非営利活動法人", "社会福祉法人", "医療法人社団", "医療法人財団", "社会医療法人", "医療法人",
               "一般社団法人", "公益社団法人", "一般財団法人", "公益財団法人", "株式会社", "有限会社", "合同会社",
               "合資会社", "合名会社", "NPO法人", "生活協同組合", "農業協同組合", "社団法人", "財団法人")


def corporation_of(provider: str | None) -> str | None:
    """The 法人 a provider's cell names (「株式会社ケアサポート ひまわり訪問介護」 -> 「株式会社ケアサポート」,
    「社会福祉法人 北星会 デイサービス北星」 -> 「社会福祉法人北星会」, 「ひまわり株式会社 訪問介護」 ->
    「ひまわり株式会社」), or None when it names only the 事業所 (or runs the two together unsplittably)."""
    text = unicodedata.normalize("NFKC", provider or "").strip()
    for abbrev, full in _CORP_ABBREV.items():
        text = text.replace(abbrev, f"{full} " if text.startswith(abbrev) else f" {full}" if text.endswith(abbrev)
                            else full)
    tokens = text.split()
    for i, tok in enumerate(tokens):
        for form in _CORP_FORMS:
            if tok == form:
                return form + tokens[i + 1] if i + 1 < len(tokens) else None
            if tok.startswith(form) or tok.endswith(form):
                return tok if len(tokens) > 1 or i > 0 else None  # one token holding both: no telling where the 法人 ends
    return None


@dataclass
class ProviderShare:
    service_type: str
    provider: str  # the 法人 when the plans name it, else the 事業所
    plans: int  # plans using it for this type (in a 判定期間: plans in effect, month by month)
    type_plans: int  # plans using this type at all (counted the same way)
    share: float
    over: bool
    unit: str = "事業所"  # 法人 | 事業所
    period: str = ""  # the 判定期間 ("" : the latest plans)
    guide: bool = True  # 参考: some provider of this type has no 法人 written, so this is not the official count


def _count_units(plans: Iterable[CarePlan]) -> tuple[dict[str, Counter], Counter, dict[tuple[str, str], str]]:
    users: dict[str, Counter] = defaultdict(Counter)
    type_plans: Counter = Counter()
    units: dict[tuple[str, str], str] = {}
    for plan in plans:
        seen: dict[str, set[str]] = defaultdict(set)
        for s in plan.table2.services():
            kind = service_kind(s)
            provider = _text(s.provider)
            if kind is None or not provider:
                continue
            corp = corporation_of(provider)
            name = corp or unicodedata.normalize("NFKC", provider).strip()
            units[(kind, name)] = "法人" if corp else "事業所"
            seen[kind].add(name)
        for kind, names in seen.items():
            type_plans[kind] += 1
            for n in names:
                users[kind][n] += 1
    return users, type_plans, units


def _shares(plans: Iterable[CarePlan], limit: float, period: str = "") -> list[ProviderShare]:
    users, type_plans, units = _count_units(plans)
    out = []
    for kind in CONCENTRATION_TYPES:
        total = type_plans[kind]
        guide = any(units[(kind, n)] == "事業所" for n in users[kind])
        for provider, n in sorted(users[kind].items(), key=lambda kv: (-kv[1], kv[0])):
            share = n / total if total else 0.0
            out.append(ProviderShare(kind, provider, n, total, share, share > limit, units[(kind, provider)],
                                     period, guide))
    return out


def concentration(plans: Iterable[PlanRef], limit: float = CONCENTRATION_LIMIT) -> list[ProviderShare]:
    """Per service type, the share of the given plans (each once) that each 法人 (else 事業所) takes."""
    return _shares((ref.plan for ref in plans), limit)


def judgement_periods(today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """[the previous 判定期間 (the one to report), the one that holds ``today`` (in progress)]:
    前期 3/1–8/31, 後期 9/1–翌年2月末日, labelled 「前期 2026年3月1日～2026年8月31日」."""
    def period(y: int, first_half: bool) -> tuple[str, dt.date, dt.date]:
        if first_half:
            a, b, name = dt.date(y, 3, 1), dt.date(y, 8, 31), "前期"
        else:
            a, b, name = dt.date(y, 9, 1), dt.date(y + 1, 3, 1) - dt.timedelta(days=1), "後期"
        return f"{name} {jp_date(a)}～{jp_date(b)}", a, b

    y, m = today.year, today.month
    if 3 <= m <= 8:
        current, previous = period(y, True), period(y - 1, False)
    elif m >= 9:
        current, previous = period(y, False), period(y, True)
    else:
        current, previous = period(y - 1, False), period(y - 1, True)
    return [previous, current]


def _user_key(ref: PlanRef) -> tuple:
    name = _norm(ref.user)
    return ("user", name, _value(ref.plan.table1.birth_date)) if name else ("file", ref.file)


def plans_in_month(refs: Iterable[PlanRef], y: int, m: int) -> list[PlanRef]:
    """Each user's plan in effect in month (y, m): started by its end (説明・同意日, else 作成日, else the
    certification's start), not ended before it (認定の有効期間); of several, the latest start."""
    from xl_careplan.schedule import plan_end, plan_start

    first = dt.date(y, m, 1)
    last = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    best: dict[tuple, tuple[dt.date, PlanRef]] = {}
    for ref in refs:
        start, end = plan_start(ref.plan), plan_end(ref.plan)
        if start is None or start > last or (end is not None and end < first):
            continue
        key = _user_key(ref)
        if key not in best or (start, ref.file) > (best[key][0], best[key][1].file):
            best[key] = (start, ref)
    return [r for _, r in best.values()]


def concentration_in_periods(refs: Sequence[PlanRef], today: dt.date,
                             limit: float = CONCENTRATION_LIMIT) -> list[ProviderShare]:
    """特定事業所集中 for the previous and the current 判定期間: the plans in effect month by month
    (a plan in effect for 6 months counts 6 times, as the 判定 counts plans per month)."""
    out: list[ProviderShare] = []
    for label, a, b in judgement_periods(today):
        months, (y, m) = [], (a.year, a.month)
        while (y, m) <= (b.year, b.month):
            months.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        month_plans = [ref.plan for ym in months for ref in plans_in_month(refs, *ym)]
        out += _shares(month_plans, limit, label)
    return out


# ---------------------------------------------------------------- workbook

def write_office_report(results: Sequence, path, *, today: dt.date, mask: bool = False,
                        mask_staff: bool = False, mask_key: bytes | None = None,
                        skipped: Sequence[tuple] = (), profile=None) -> Path:
    """Write the office report workbook to ``path`` and return the path.

    ``skipped``: (path, reason) pairs from ``batch.discover`` — listed on 概要 (a lock file ``~$…``
    means someone has that plan open in Excel right now, so the checked copy may be out of date).
    ``profile``: the ``Profile`` the plans were checked with (named on 概要 with the tool's version).
    """
    from openpyxl import Workbook

    masker = Masker(mask, mask_key, staff=mask_staff)
    results = list(results)
    plans = current_plans(results)
    mon = monitoring_due(plans, today)
    certs = certs_ending(plans, today)
    goals = expired_short_goals(plans, today)
    living = living_support(plans)
    conc = concentration_in_periods(readable(results), today)

    wb = Workbook()
    wb.remove(wb.active)
    w = _Writer(wb, masker)
    _sheet_summary(w, results, plans, today, skipped, profile)
    _sheet_plans(w, results)
    _sheet_managers(w, results, plans, mon, certs, goals)
    _sheet_rules(w, results)
    _sheet_monitoring(w, mon, today)
    _sheet_certs(w, certs, today)
    _sheet_goals(w, goals, today)
    _sheet_living(w, living)
    _sheet_concentration(w, conc)
    _sheet_month_plan(w, plans, today, profile)
    import io

    from xl_careplan.writer.atomic import place

    path = Path(path)
    buf = io.BytesIO()
    wb.save(buf)
    place(buf.getvalue(), path)  # Ctrl+C, a kill or a full disk leaves the old report or none, never half of one
    return path


class _Writer:
    def __init__(self, wb, masker: Masker):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.wb = wb
        self.m = masker
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.head_fill = PatternFill("solid", fgColor="DDEBF7")
        self.flag_fill = PatternFill("solid", fgColor="F8CBAD")
        self.head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.head_border = Border(bottom=Side(style="thin", color="808080"))
        # numbers right-aligned with a gap, so they do not run into the text of the next column
        self.num_align = Alignment(horizontal="right", indent=1)
        self.text_align = Alignment(horizontal="left", indent=1)

    def sheet(self, title: str, heading: str, note: str | None = None):
        ws = self.wb.create_sheet(title)
        # printed by office managers: landscape, one page wide
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws["A1"] = heading
        ws["A1"].font = self.title_font
        if note:
            ws["A2"] = note
        return ws

    def table(self, ws, row: int, headers: list[str], rows: list[list], widths: list[int] | None = None,
              flags: list[bool] | None = None, filter_: bool = True) -> tuple[int, int]:
        """Write a header + rows at ``row``; returns (first data row, last data row)."""
        from openpyxl.utils import get_column_letter

        for j, h in enumerate(headers, 1):
            c = ws.cell(row=row, column=j, value=h)
            c.font = self.bold
            c.fill = self.head_fill
            c.alignment = self.head_align
            c.border = self.head_border
        ws.row_dimensions[row].height = 20
        for i, values in enumerate(rows, 1):
            for j, v in enumerate(values, 1):
                c = ws.cell(row=row + i, column=j, value=v)
                if c.data_type == "f":
                    c.data_type = "s"  # text from a plan ('=HYPERLINK(…)' in a goal, a file named '=…') stays text
                if isinstance(v, dt.date):
                    c.number_format = EXCEL_DATE_FORMAT
                    c.alignment = self.num_align
                elif isinstance(v, float) and 0 <= v <= 1 and headers[j - 1].endswith("割合"):
                    c.number_format = "0.0%"
                elif isinstance(v, float):
                    c.number_format = "0.0"
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    c.alignment = self.num_align
                elif isinstance(v, str) and j > 1:
                    c.alignment = self.text_align
                if flags and flags[i - 1]:
                    c.fill = self.flag_fill
        if widths:
            for j, wdt in enumerate(widths, 1):
                ws.column_dimensions[get_column_letter(j)].width = wdt
        if not rows and ws.cell(row=row - 1, column=1).value is None:
            ws.cell(row=row - 1, column=1, value="該当なし").font = self.bold  # an empty list says so
        if filter_ and rows:
            ws.auto_filter.ref = f"A{row}:{get_column_letter(len(headers))}{row + len(rows)}"
        ws.freeze_panes = ws.cell(row=row + 1, column=1)
        if filter_:  # the list tables: their header on every printed page
            ws.print_title_rows = f"{row}:{row}"
        return row + 1, row + len(rows)

    def plan_cols(self, ref: PlanRef) -> list:
        return [self.m.staff_name(ref.care_manager), self.m.user(ref.user), self.m.file(ref.file)]


def _sev_counts(r) -> tuple[int, int, int, int]:
    probs = [f for f in r.findings if not f.acknowledged]
    c = Counter(f.severity for f in probs)
    acked = sum(1 for f in r.findings if f.acknowledged)
    return c[Severity.ERROR], c[Severity.WARNING], c[Severity.INFO], acked


def _sheet_summary(w: _Writer, results, plans, today, skipped=(), profile=None):
    from xl_careplan import __version__

    ws = w.sheet("概要", "居宅サービス計画書 点検結果 集計")
    # what a reader needs to compare two reports: the reference date, the rules' profile, the tool's version
    label = getattr(profile, "label", None)
    name = getattr(profile, "name", None)
    run = [("基準日（点検日）", jp_date(today)),
           ("プロファイル", f"{label}（{name}）" if label and label != name else (label or "（不明）")),
           ("ツールの版", f"xl-careplan {__version__}")]
    for i, (k, v) in enumerate(run, 2):
        ws.cell(row=i, column=1, value=k).font = w.bold
        ws.cell(row=i, column=2, value=v)
    top = 2 + len(run) + 1
    unreadable = [r for r in results if r.error]
    ok = [r for r in results if not r.error]
    totals = [0, 0, 0, 0]
    with_error = 0
    for r in ok:
        cnt = _sev_counts(r)
        totals = [a + b for a, b in zip(totals, cnt)]
        with_error += cnt[0] > 0
    rows = [
        ["点検したファイル", len(results)],
        ["読み取れた計画", len(ok)],
        ["読み取れなかったファイル", len(unreadable)],
        ["利用者数（最新の計画で集計）", len(plans)],
        ["エラーのある計画", with_error],
        ["指摘なしの計画", sum(1 for r in ok if not any(not f.acknowledged for f in r.findings))],
        ["エラー件数", totals[0]],
        ["警告件数", totals[1]],
        ["助言件数", totals[2]],
        ["理由記入済み（方針と異なる理由）件数", totals[3]],
    ]
    w.table(ws, top, ["項目", "件数"], rows, widths=[40, 12], filter_=False)
    start = top + len(rows) + 3
    ws.cell(row=start - 1, column=1, value="読み取れなかったファイル").font = w.bold
    if unreadable:
        w.table(ws, start, ["ファイル", "理由"],
                [[w.m.file(r.file), w.m.message(r.file, r.error)] for r in unreadable],
                widths=[40, 90], filter_=False)
    else:
        ws.cell(row=start, column=1, value="なし")
    if skipped:
        start = ws.max_row + 3
        ws.cell(row=start - 1, column=1,
                value="点検しなかったファイル（ロックファイルは、その計画書を誰かが Excel で開いていることを示します）").font = w.bold
        w.table(ws, start, ["ファイル", "理由"], [[w.m.file(str(p)), reason] for p, reason in skipped], filter_=False)
    ws.freeze_panes = None


def _sheet_plans(w: _Writer, results):
    ws = w.sheet("計画別", "計画別の指摘件数")
    rows, flags = [], []
    for r in results:
        if r.error or r.plan is None:
            rows.append([w.m.file(r.file), "", "", "", None, None, None, None, None, "読取不可"])
            flags.append(True)
            continue
        ref = PlanRef(r.file, r.plan)
        e, wn, i, a = _sev_counts(r)
        level = ref.level
        status = "エラーあり" if e else ("指摘あり" if wn or i else "指摘なし")
        rows.append([w.m.file(r.file), w.m.user(ref.user), w.m.staff_name(ref.care_manager),
                     level.value if level else "", _value(r.plan.table1.created_on), e, wn, i, a, status])
        flags.append(e > 0)
    w.table(ws, 3, ["ファイル", "利用者", "担当者", "要介護度", "作成日", "エラー", "警告", "助言", "理由記入済", "状態"],
            rows, widths=[45, 18, 16, 10, 12, 8, 8, 8, 10, 12], flags=flags)


def _sheet_managers(w: _Writer, results, plans, mon, certs, goals):
    ws = w.sheet("担当者別", "担当者別の集計",
                 "計画数・指摘件数は全ファイル、モニタリング等は利用者ごとの最新の計画で集計")
    stats: dict[str, list[int]] = defaultdict(lambda: [0] * 9)
    for r in results:
        if r.error or r.plan is None:
            continue
        cm = _text(r.plan.table1.care_manager)
        e, wn, i, _ = _sev_counts(r)
        s = stats[cm]
        s[0] += 1
        s[1] += e > 0
        s[2] += e
        s[3] += wn
        s[4] += i
    for ref in plans:
        stats[ref.care_manager][5] += 1
    for m in mon:
        stats[m.ref.care_manager][6] += 1
    for c in certs:
        stats[c.ref.care_manager][7] += 1
    for g in {g.ref.file: g for g in goals}.values():
        stats[g.ref.care_manager][8] += 1
    rows = [[w.m.staff_name(cm)] + s for cm, s in sorted(stats.items(), key=lambda kv: (kv[0] == "", kv[0]))]
    w.table(ws, 3, ["担当者", "計画ファイル数", "エラーのある計画", "エラー", "警告", "助言", "利用者数",
                    "今月モニタリング未実施", "認定期限60日以内", "短期目標期限切れの計画"],
            rows, widths=[18, 14, 16, 8, 8, 8, 10, 20, 16, 20])


def _rule_names() -> dict[str, str]:
    try:
        from xl_careplan.rules.engine import all_rules

        return {code: getattr(cls, "name", "") for code, cls in all_rules().items()}
    except Exception:  # rules not importable: the report still works without titles
        return {}


def _chart_label(code: str, name: str, width: int = 22) -> str:
    """「CP101 利用者名が空欄」: the code with the rule's name, cut to what a bar chart's axis shows."""
    label = f"{code} {name}".strip()
    return label if len(label) <= width else label[:width - 1] + "…"


def _show_axes(chart) -> None:
    """Axes visible in Excel (openpyxl 3.1 leaves them deleted) and the first row's bar on top."""
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"


def _sheet_rules(w: _Writer, results):
    from openpyxl.chart import BarChart, Reference

    ws = w.sheet("ルール別", "ルール別の指摘件数")
    names = _rule_names()
    count: Counter = Counter()
    plans: dict[str, set[str]] = defaultdict(set)
    acked: Counter = Counter()
    sev: dict[str, Severity] = {}
    for r in results:
        for f in r.findings:
            sev.setdefault(f.rule, f.severity)
            if f.acknowledged:
                acked[f.rule] += 1
                continue
            count[f.rule] += 1
            plans[f.rule].add(r.file)
    codes = sorted(set(count) | set(acked), key=lambda c: (-count[c], c))
    rows = [[c, names.get(c, ""), sev[c].label, count[c], len(plans[c]), acked[c], _chart_label(c, names.get(c, ""))]
            for c in codes]
    first, last = w.table(ws, 3, ["ルール", "内容", "重要度", "件数", "対象計画数", "理由記入済", "グラフの項目名"], rows,
                          widths=[10, 40, 8, 8, 12, 12, 30])
    if rows:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "ルール別の指摘件数"
        chart.y_axis.title = "件数"
        chart.legend = None
        data = Reference(ws, min_col=4, min_row=first - 1, max_row=last)
        cats = Reference(ws, min_col=7, min_row=first, max_row=last)  # code and name: what each bar is
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        _show_axes(chart)
        chart.y_axis.scaling.min = 0
        chart.y_axis.majorUnit = 1 if max(count.values(), default=0) <= 10 else None  # counts: no 0.5 ticks
        chart.y_axis.number_format = "0"
        chart.height = max(7.5, 0.5 * len(rows) + 3)
        chart.width = 16
        ws.add_chart(chart, "I3")


def _sheet_monitoring(w: _Writer, mon: list[MonitoringDue], today):
    ws = w.sheet("今月のモニタリング", f"{jp_month(today.year, today.month)}のモニタリング訪問（未実施分）",
                 "要介護: 毎月1回（運営基準 第13条第14号）／要支援・事業対象者: 3か月に1回（予防基準 第30条）。"
                 "今月の実施日が記録されている計画は除いています。")
    rows = [w.plan_cols(m.ref) + [m.ref.level.value if m.ref.level else "", m.rhythm, m.last_visit, m.planned_on, m.note]
            for m in mon]
    w.table(ws, 4, ["担当者", "利用者", "ファイル", "要介護度", "訪問頻度", "前回訪問日", "今月の予定日", "備考"], rows,
            widths=[16, 18, 45, 10, 12, 12, 12, 30])


def _sheet_certs(w: _Writer, certs: list[CertEnding], today):
    ws = w.sheet("認定期限60日以内", f"認定の有効期間が {CERT_DAYS} 日以内に終わる利用者",
                 f"基準日 {jp_date(today)}。既に終わっているものは「期限切れ」と表示します。")
    rows, flags = [], []
    for c in certs:
        status = "期限切れ" if c.days_left < 0 else f"あと{c.days_left}日"
        rows.append(w.plan_cols(c.ref) + [c.ref.level.value if c.ref.level else "", c.end, c.days_left, status])
        flags.append(c.days_left < 0)
    w.table(ws, 4, ["担当者", "利用者", "ファイル", "要介護度", "有効期間の終了日", "残り日数", "状態"], rows,
            widths=[16, 18, 45, 10, 16, 10, 12], flags=flags)


def _sheet_goals(w: _Writer, goals: list[ExpiredGoal], today):
    ws = w.sheet("短期目標期限切れ", "短期目標の期間が終わっている計画", f"基準日 {jp_date(today)}")
    rows = [w.plan_cols(g.ref) + [g.need_number, w.m.free_text(g.text), g.end, g.sheet or "", g.cell or ""]
            for g in goals]
    w.table(ws, 4, ["担当者", "利用者", "ファイル", "ニーズ番号", "短期目標", "期間の終了日", "シート", "セル"], rows,
            widths=[16, 18, 45, 10, 40, 14, 10, 8])


def _sheet_living(w: _Writer, living: list[LivingSupport]):
    ws = w.sheet("生活援助回数", "訪問介護（生活援助中心型）の月の予定回数",
                 "告示218（平成30年厚生労働省告示第218号）の回数以上の計画は市町村への届出が必要です"
                 "（運営基準 第13条第18号の2）。判定は点検ルール CP142 の結果、回数は第2表の頻度から計算（週N回 = N×52÷12 回/月）。")
    rows, flags = [], []
    for x in living:
        rows.append(w.plan_cols(x.ref) + [x.ref.level.value if x.ref.level else "", x.per_month,
                                          x.limit if x.limit is not None else "", x.unknown_rows,
                                          "告示の回数以上（届出が必要）" if x.over else
                                          ("届出済み（理由記入済み）" if x.acknowledged else "")])
        flags.append(x.over)
    w.table(ws, 4, ["担当者", "利用者", "ファイル", "要介護度", "月の回数", "告示の回数", "回数不明の行", "判定"], rows,
            widths=[16, 18, 45, 10, 10, 10, 12, 18], flags=flags)


def _sheet_concentration(w: _Writer, conc: list[ProviderShare]):
    from openpyxl.chart import BarChart, Reference

    ws = w.sheet("特定事業所集中", "特定事業所集中（判定期間ごと、紹介率最高法人の割合）",
                 "判定期間（前期 3/1～8/末、後期 9/1～2/末）に有効な計画を月ごとに数え、訪問介護・通所介護・地域密着型"
                 "通所介護・福祉用具貸与のそれぞれで、同じ法人の事業所を位置付けた計画の割合。80% を超えると届出が必要です"
                 "（正当な理由があれば減算されません）。計画書に法人名がない事業所は事業所ごとに数えており、その種別の"
                 "割合は参考値です。根拠: " + CONCENTRATION_SOURCE)
    rows, flags = [], []
    for p in conc:
        verdict = ("80%超（参考）" if p.guide else "80%超（届出が必要）") if p.over else ("参考" if p.guide else "")
        rows.append([p.period, p.service_type, p.provider,
                     p.unit, p.plans, p.type_plans, p.share, verdict])
        flags.append(p.over)
    first, last = w.table(ws, 4, ["判定期間", "サービス種別", "法人・事業所", "単位", "計画数（月ごと延べ）",
                                  "種別の計画数", "割合", "判定"], rows,
                          widths=[36, 18, 30, 8, 16, 14, 10, 18], flags=flags)
    for i in range(first, last + 1):
        ws.cell(row=i, column=7).number_format = "0.0%"
    anchor_row = 4
    current = conc[-1].period if conc else ""
    for kind in CONCENTRATION_TYPES:
        idx = [first + i for i, p in enumerate(conc) if p.service_type == kind and p.period == current]
        if not idx:
            continue
        chart = BarChart()
        chart.type = "bar"
        chart.title = f"{kind} の法人・事業所別割合（{current.split()[0]}）"
        chart.legend = None
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
        chart.y_axis.majorUnit = 0.2  # 0%, 20% … 100%: labels that do not crowd
        chart.add_data(Reference(ws, min_col=7, min_row=idx[0], max_row=idx[-1]), titles_from_data=False)
        chart.set_categories(Reference(ws, min_col=3, min_row=idx[0], max_row=idx[-1]))
        _show_axes(chart)
        chart.height = 6
        chart.width = 14
        ws.add_chart(chart, f"J{anchor_row}")
        anchor_row += 14


def _sheet_month_plan(w: _Writer, plans: list[PlanRef], today: dt.date, profile=None):
    """月間予定: per care manager, how many visits, contacts, evaluations, reviews and renewals fall in
    each of the next months (the schedule of ``xl-careplan schedule DIR``)."""
    from xl_careplan import caseload
    from xl_careplan.schedule import ScheduleSettings

    try:
        settings = ScheduleSettings.from_profile(profile)
    except Exception:  # a profile's bad [schedule] was reported by the check; the overview uses the defaults
        settings = ScheduleSettings()
    ws = w.sheet("月間予定", "担当者別の月間予定（モニタリング訪問・目標評価・計画見直し・更新手続）",
                 f"基準日 {jp_date(today)} から {caseload.OVERVIEW_MONTHS} か月。各利用者の最新の計画から "
                 "xl-careplan schedule と同じ規則で計算（記入済みの実施日・予定日を反映）。")
    loads = caseload.group([(ref.file, ref.plan) for ref in plans], today=today, settings=settings)
    months = caseload.months_from(today)
    rows = []
    for load in loads:
        for (y, m), c in caseload.month_counts(load.events, months).items():
            rows.append([w.m.staff_name(load.care_manager), jp_month(y, m), len(load.plans)]
                        + [c[k] for k in caseload.OVERVIEW_LABELS] + [sum(c.values())])
    w.table(ws, 4, ["担当者", "月", "利用者数", *caseload.OVERVIEW_LABELS, "合計"], rows,
            widths=[18, 12, 10, 16, 12, 10, 12, 10, 8])
