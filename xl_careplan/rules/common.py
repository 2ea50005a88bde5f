"""Helpers shared by the rule modules: text normalisation, dates in 和暦, service classification,
and the data-driven test case type (each rule module keeps its cases next to its rules).

Rules read the CarePlan model only; nothing here touches cells or openpyxl.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any, Callable, Iterator

from pydantic import AfterValidator, BaseModel

from xl_careplan.findings import Finding
from xl_careplan.jpdate import jp_date, jp_month
from xl_careplan.located import Located
from xl_careplan.models import CarePlan, ServiceRow
from xl_careplan.values import Period

# ---------------------------------------------------------------- text


_WS_RE = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """NFKC (全角英数→半角, 半角カナ→全角), no whitespace at all (Japanese needs none)."""
    if not text:
        return ""
    return _norm(text if type(text) is str else str(text))


@lru_cache(maxsize=16384)
def _norm(text: str) -> str:
    t = _WS_RE.sub("", text)  # first, so ﾋ ﾞ (a space inside a half-width kana) still becomes ビ
    return _WS_RE.sub("", unicodedata.normalize("NFKC", t))


def text_of(v: Located[Any]) -> str:
    """The text a care manager wrote: the value when it is a string, else the raw cell text."""
    if isinstance(v.value, str):
        return v.value
    return v.raw or ""


def is_blank(v: Located[Any]) -> bool:
    """Nothing written at all. A value that could not be parsed is not blank (CP102 reports it)."""
    if v.value is not None:
        return isinstance(v.value, str) and not v.value.strip()
    return not (v.raw or "").strip()


def quote(text: str | None, limit: int = 30) -> str:
    t = (text or "").strip().replace("\n", " ")
    return t if len(t) <= limit else t[: limit - 1] + "…"


def _check_regexes(patterns: list[str]) -> list[str]:
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"正規表現「{p}」が正しくありません（{exc}）") from None
    return patterns


# A list of regular expressions as a rule parameter: checked when the profile is loaded.
RegexList = Annotated[list[str], AfterValidator(_check_regexes)]


# ---------------------------------------------------------------- dates

def wareki(d: dt.date | None) -> str:
    """2026-04-01 -> 2026年4月1日: the one date style users see (``xl_careplan.jpdate``)."""
    return jp_date(d)


def wareki_month(year: int, month: int) -> str:
    return jp_month(year, month)


def period_text(p: Period | None) -> str:
    if p is None:
        return "（空欄）"
    return f"{wareki(p.start)}～{wareki(p.end)}"


def months_text(m: float) -> str:
    """9.0 -> 9か月, 6.5 -> 約6.5か月."""
    if abs(m - round(m)) < 0.05:
        return f"{int(round(m))}か月"
    return f"約{m:.1f}か月"


def month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def month_of(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


# ---------------------------------------------------------------- services

# Service type -> patterns that name it in 第2表 サービス種別/内容 or in a 第3表 cell.
# Ordered from the most specific: the first match wins, so 夜間対応型訪問介護 is not 訪問介護
# and デイケア is not デイサービス.
SERVICE_PATTERNS: list[tuple[str, str]] = [
    ("定期巡回・随時対応型訪問介護看護", r"定期巡回|随時対応型"),
    ("夜間対応型訪問介護", r"夜間対応"),
    ("看護小規模多機能型居宅介護", r"看護小規模|看多機"),
    ("小規模多機能型居宅介護", r"小規模多機能|小多機"),
    ("認知症対応型通所介護", r"認知症対応型通所|認知症デイ"),
    ("訪問入浴介護", r"訪問入浴|入浴車"),
    ("訪問リハビリテーション", r"訪問リハ|訪リハ"),
    ("訪問看護", r"訪問看護|訪看"),
    ("訪問介護", r"訪問介護|ヘルパー|ホームヘルプ|身体介護|生活援助"),
    ("通所リハビリテーション", r"通所リハ|デイケア|通リハ"),
    ("地域密着型通所介護", r"地域密着型通所"),
    ("通所介護", r"通所介護|デイサービス|デイ(?!ケア)"),
    ("短期入所療養介護", r"短期入所療養|医療型ショート|ショートステイ\(療養"),
    ("短期入所生活介護", r"短期入所生活|ショートステイ|ショート"),
    ("居宅療養管理指導", r"居宅療養管理|療養管理指導"),
    ("特定福祉用具販売", r"特定福祉用具|福祉用具購入|福祉用具販売"),
    ("福祉用具貸与", r"福祉用具貸与|福祉用具レンタル|貸与"),
    ("住宅改修", r"住宅改修"),
]
_SERVICE_RES = [(name, re.compile(p)) for name, p in SERVICE_PATTERNS]

NON_PROVIDER_TYPES = ("本人", "家族", "インフォーマル")


def classify_service(text: str | None) -> str | None:
    t = norm(text)
    if not t:
        return None
    return _classify(t)


@lru_cache(maxsize=4096)
def _classify(t: str) -> str | None:
    for name, rx in _SERVICE_RES:
        if rx.search(t):
            return name
    return None


def service_kind(row: ServiceRow) -> str | None:
    """The national service type of a 第2表 row (from サービス種別, else サービス内容); None for 本人/家族 etc."""
    st = norm(text_of(row.service_type))
    if st and any(st.startswith(k) for k in NON_PROVIDER_TYPES):
        return None
    return classify_service(st) or classify_service(text_of(row.content))


LIVING_SUPPORT_WORDS = r"生活援助|掃除|清掃|洗濯|調理|料理|買物|買い物|配膳|下膳|衣類の整理|ベッドメイク|薬の受け?取り|ゴミ出し|ごみ出し"
_PHYSICAL_ONLY = r"身体介護(?!.*生活援助)|一緒に|共に|見守り"
_LIVING_SUPPORT_RE = re.compile(LIVING_SUPPORT_WORDS)
_PHYSICAL_ONLY_RE = re.compile(_PHYSICAL_ONLY)


def is_living_support(row: ServiceRow) -> bool:
    """訪問介護 of the 生活援助中心型 kind (掃除・洗濯・調理・買物 …), not 身体介護 nor 自立生活支援の見守り的援助."""
    if service_kind(row) != "訪問介護":
        return False
    t = norm(text_of(row.content)) + "|" + norm(text_of(row.service_type))
    if "生活援助" in t:
        return True
    if _PHYSICAL_ONLY_RE.search(t):
        return False
    return _LIVING_SUPPORT_RE.search(t) is not None


def located_problems(obj: Any) -> list[Located[Any]]:
    """The Located values with a ``problem`` in a model tree, in the order of ``iter_located`` (CP102)."""
    out: list[Located[Any]] = []
    _collect_problems(obj, out)
    return out


def _collect_problems(o: Any, out: list) -> None:
    if isinstance(o, Located):
        if o.problem:
            out.append(o)
    elif isinstance(o, BaseModel):
        d = o.__dict__
        for name in _walk_fields(type(o)):
            v = d[name] if name in d else getattr(o, name)
            if isinstance(v, Located):
                if v.problem:
                    out.append(v)
            elif v is not None:
                _collect_problems(v, out)
    elif isinstance(o, list):
        for x in o:
            _collect_problems(x, out)


_LEAF_TYPES = (str, int, float, bool, dt.date, dt.time, type(None))


def _may_hold_located(ann: Any) -> bool:
    """False only for annotations that cannot hold a model or a list of them (str, int | None, …)."""
    import enum
    import typing

    if isinstance(ann, type):
        if issubclass(ann, _LEAF_TYPES) or issubclass(ann, enum.Enum):
            return False
        if issubclass(ann, (BaseModel, list)):
            return True
    args = typing.get_args(ann)
    if args and typing.get_origin(ann) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return any(_may_hold_located(a) for a in args)
    return True  # anything else (list[...], Any, …): walk it


@lru_cache(maxsize=None)
def _walk_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class that may hold Located values, in declaration order."""
    return tuple(name for name, f in cls.model_fields.items() if _may_hold_located(f.annotation))


def iter_located(obj: Any, path: str = "") -> Iterator[tuple[str, Located[Any]]]:
    """Every Located in a model tree, with a dotted path (for CP102)."""
    if isinstance(obj, Located):
        yield path, obj
        return
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from iter_located(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from iter_located(item, f"{path}[{i}]")


# ---------------------------------------------------------------- data-driven cases


@dataclass
class Case:
    """One test case: ``patch`` changes a copy of the clean base plan (tests/rules/conftest.py);
    the rules of the module the case lives in must then report exactly ``expect``
    — a list of (rule code, "シート!セル" or None when the finding names no cell)."""

    rule: str  # the rule this case is about
    desc: str
    patch: Callable[[CarePlan], Any] | None
    expect: list[tuple[str, str | None]]
    params: dict[str, dict[str, Any]] = field(default_factory=dict)  # {code: {param: value}}
    today: dt.date | None = None  # default: the suite's fixed today (2026-11-25)


def where(f: Finding) -> str | None:
    if f.sheet is None:
        return None
    return f"{f.sheet}!{f.cell}" if f.cell else f.sheet


def setv(v: Located[Any], value: Any, raw: str | None = None) -> None:
    """Patch helper: set a Located's value (and raw text) in place, keeping its location."""
    v.value = value
    v.raw = raw if raw is not None else (None if value is None else str(value))
    v.problem = None


def unreadable(v: Located[Any], raw: str, problem: str = "読み取れません") -> None:
    """Patch helper: the cell holds text the reader could not parse."""
    v.value = None
    v.raw = raw
    v.problem = problem


def clear(*vs: Located[Any]) -> None:
    for v in vs:
        v.value = None
        v.raw = None
        v.problem = None


def period(a: str, b: str) -> Period:
    return Period(start=dt.date.fromisoformat(a), end=dt.date.fromisoformat(b))


def chain(*patches: Callable[[CarePlan], Any]) -> Callable[[CarePlan], None]:
    def run(plan: CarePlan) -> None:
        for p in patches:
            p(plan)

    return run

