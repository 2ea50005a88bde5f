"""Service kinds (サービス種別) and what follows from a kind: the one classification that the rules, the
office report and the profiles use.

Text is normalised first (NFKC, no whitespace), so 全角・半角 and spaces inside a cell do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

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


def _text(v: Any) -> str:
    """The text of a Located (its value when a string, else the raw cell text)."""
    if v is None:
        return ""
    value = getattr(v, "value", v)
    if isinstance(value, str):
        return value
    return getattr(v, "raw", None) or ""


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
    # 総合事業の訪問型サービス・通所型サービス (介護予防・日常生活支援総合事業: the former 介護予防訪問介護・通所介護, 第3表
    # writes them ヘルパー / デイ) are of the same family
    ("訪問介護", r"訪問介護|ヘルパー|ホームヘルプ|身体介護|生活援助|訪問型サービス"),
    ("通所リハビリテーション", r"通所リハ|デイケア|通リハ"),
    ("地域密着型通所介護", r"地域密着型通所"),
    ("通所介護", r"通所介護|デイサービス|デイ(?!ケア)|通所型サービス"),
    ("短期入所療養介護", r"短期入所療養|医療型ショート|ショートステイ\(療養"),
    ("短期入所生活介護", r"短期入所生活|ショートステイ|ショート"),
    ("居宅療養管理指導", r"居宅療養管理|療養管理指導"),
    ("特定福祉用具販売", r"特定福祉用具|福祉用具購入|福祉用具販売"),
    ("福祉用具貸与", r"福祉用具貸与|福祉用具レンタル|貸与"),
    ("住宅改修", r"住宅改修"),
]
_SERVICE_RES = [(name, re.compile(p)) for name, p in SERVICE_PATTERNS]

# サービス種別 written for rows that are not a provider's service (本人・家族・地域の支え合い)
NON_PROVIDER_TYPES = ("本人", "家族", "インフォーマル", "近隣", "友人", "知人", "民生委員", "ボランティア", "地域住民", "地域の")

# 運営基準 第13条第19号・第20号「訪問看護、通所リハビリテーション等の医療サービス」
MEDICAL_KINDS = ("訪問看護", "訪問リハビリテーション", "通所リハビリテーション", "居宅療養管理指導", "短期入所療養介護",
                 "定期巡回・随時対応型訪問介護看護", "看護小規模多機能型居宅介護")
# 運営基準 第13条第21号
SHORT_STAY_KINDS = ("短期入所生活介護", "短期入所療養介護")
WELFARE_EQUIPMENT_KINDS = ("福祉用具貸与", "特定福祉用具販売")
# 特定事業所集中減算の対象（令和6年度以降: 訪問介護・通所介護・地域密着型通所介護・福祉用具貸与。知識による）
CONCENTRATION_KINDS = ("訪問介護", "通所介護", "地域密着型通所介護", "福祉用具貸与")


def classify_service(text: str | None) -> str | None:
    """The national service kind a text names (第2表 サービス種別・内容, a 第3表 cell), or None."""
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


def is_non_provider(row: Any) -> bool:
    """A 第2表 row whose サービス種別 names the user, the family or an informal helper."""
    st = norm(_text(row.service_type))
    return bool(st) and any(st.startswith(k) for k in NON_PROVIDER_TYPES)


# a provider's service the user pays in full (記載要領 第2表 ※1: only 保険給付対象内 gets ○; 運営基準 第13条第4号 puts
# services outside the insurance in the plan too): 「訪問介護（自費）」「保険外の付き添い」
# 医療保険: a 訪問看護 under the health insurance (末期の悪性腫瘍, 特別訪問看護指示書) is no 介護保険 給付 (記載要領 第2表 ※1)
OUTSIDE_INSURANCE = ("自費", "保険外", "実費", "全額自己負担", "10割負担", "医療保険", "(医療)")


# services that are never 保険給付 whoever provides them: a municipality's 配食 or 緊急通報 (地域支援事業・市の事業)
NEVER_INSURED = ("配食", "緊急通報", "訪問理美容", "移送サービス")


def never_insured(row: Any) -> bool:
    """A 第2表 row written as paid outside the insurance, or a service the insurance never pays (配食 …)."""
    return is_outside_insurance(row) or any(w in norm(_text(row.service_type)) for w in NEVER_INSURED)


def is_outside_insurance(row: Any) -> bool:
    """A 第2表 row written as paid outside the long-term care insurance (自費・保険外)."""
    text = norm(_text(row.service_type)) + " " + norm(_text(row.content))
    return any(w in text for w in OUTSIDE_INSURANCE)


def service_kind(row: Any) -> str | None:
    """The national service kind of a 第2表 row (from サービス種別, else サービス内容); None for 本人/家族 etc."""
    if is_non_provider(row):
        return None
    return classify_service(_text(row.service_type)) or classify_service(_text(row.content))


# ---------------------------------------------------------------- 訪問介護: 生活援助中心型 or 身体介護

LIVING_SUPPORT_WORDS = (
    r"生活援助|掃除|清掃|洗濯|調理|料理|買物|買い物|配膳|下膳|衣類の整理|ベッドメイク|薬の受け?取り|ゴミ出し|ごみ出し|整理整頓|家事"
)
# 自立生活支援・重度化防止のための見守り的援助 (一緒に行う) は身体介護
_PHYSICAL_ONLY = r"身体介護(?!.*生活援助)|一緒に|共に|見守り"
# 身体介護に引き続く生活援助 (身体○生活○) は生活援助中心型ではない
_MIXED = r"身体介護.*生活援助|生活援助.*身体介護|身体[0-9]生活[0-9]"
_LIVING_SUPPORT_RE = re.compile(LIVING_SUPPORT_WORDS)
_PHYSICAL_ONLY_RE = re.compile(_PHYSICAL_ONLY)
_MIXED_RE = re.compile(_MIXED)


def is_living_support(row: Any) -> bool:
    """訪問介護 of the 生活援助中心型 kind (掃除・洗濯・調理・買物 …), not 身体介護, not 身体介護に引き続く生活援助,
    not 自立生活支援のための見守り的援助. Looks at サービス種別 and サービス内容 together, so
    「訪問介護（生活援助）／掃除」 and 「訪問介護／掃除（生活援助）」 are the same."""
    if service_kind(row) != "訪問介護":
        return False
    t = norm(_text(row.content)) + "|" + norm(_text(row.service_type))
    if _MIXED_RE.search(t):
        return False
    if "生活援助" in t:
        return True
    if _PHYSICAL_ONLY_RE.search(t):
        return False
    return _LIVING_SUPPORT_RE.search(t) is not None


def per_month(row: Any) -> float | None:
    """The planned count per month of a row (週N回 = N×52÷12), None when the 頻度 gives none (随時 …)."""
    f = getattr(row.frequency, "value", None)
    pm = getattr(f, "per_month", None)
    return pm() if callable(pm) else None


def living_support_count(rows: list[Any]) -> tuple[float, int]:
    """(planned 生活援助中心型 per month, rows whose 頻度 gives no count) of a plan's 第2表 rows."""
    total, unknown = 0.0, 0
    for s in rows:
        if not is_living_support(s):
            continue
        pm = per_month(s)
        if pm is None:
            unknown += 1
        else:
            total += pm
    return total, unknown


# ---------------------------------------------------------------- 福祉用具: 軽度者の例外給付の対象種目

# 平成27年厚生労働省告示第94号 第31号 (厚生労働大臣が定める者等) / 老企第36号 第二の9(2):
# 要支援1・2, 要介護1 は原則として算定できない種目 (item, patterns)
LIGHT_CARE_EXCLUDED_ITEMS: list[tuple[str, str]] = [
    ("車いす付属品", r"車い?す付属品|車椅子付属品|車いす用クッション"),
    ("車いす", r"車い?す|車椅子|車イス|リクライニング(式)?車|電動車"),
    ("床ずれ防止用具", r"床ずれ防止|褥瘡予防|エアマット|体圧分散"),
    ("体位変換器", r"体位変換"),
    ("特殊寝台付属品", r"特殊寝台付属品|サイドレール|マットレス|ベッド用手すり|介助用ベルト"),
    ("特殊寝台", r"特殊寝台|介護ベッド|電動ベッド|ギャッジ|ギャッチ"),
    ("認知症老人徘徊感知機器", r"徘徊感知|認知症老人徘徊|離床センサー|徘徊センサー"),
    ("移動用リフト", r"移動用リフト|リフト"),
]
# 自動排泄処理装置 (尿のみを自動的に吸引するものを除く) は 要介護3 まで原則算定できない
AUTO_EXCRETION = ("自動排泄処理装置", r"自動排泄処理|自動排せつ処理")
_URINE_ONLY = re.compile(r"尿のみ|尿だけ")


def excluded_equipment(text: str | None, degree: int | None, support: bool) -> str | None:
    """The 種目 of a 福祉用具貸与 text that the care level cannot normally rent (軽度者), or None.
    ``degree``: 要介護度 (1〜5) or None; ``support``: 要支援・事業対象者."""
    t = norm(text)
    if not t:
        return None
    light = support or degree == 1
    name, pat = AUTO_EXCRETION
    if re.search(pat, t):
        if _URINE_ONLY.search(t):
            return None
        return name if (support or (degree is not None and degree <= 3)) else None
    if not light:
        return None
    for item, pat in LIGHT_CARE_EXCLUDED_ITEMS:
        if re.search(pat, t):
            return item
    return None


_WORD_END = re.compile(r"[、。,.・/()（）「」\s]|及び|並びに|と|や|の|を|に|が|は|で|による")


def kinds_named(text: str | None) -> list[str]:
    """Every service kind a free text names (審査会の意見, 出席者), most specific first where they overlap
    (「夜間対応型訪問介護」 is not also 訪問介護)."""
    t = norm(text)
    taken: list[tuple[int, int]] = []
    out: list[str] = []
    for name, rx in _SERVICE_RES:
        for m in rx.finditer(t):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            # the match claims the rest of its word (「夜間対応」 claims 「夜間対応型訪問介護」)
            stop = _WORD_END.search(t, m.end())
            taken.append((m.start(), stop.start() if stop else len(t)))
            if name not in out:
                out.append(name)
    return out


# words in a 出席者 list or a record that name a kind of provider without its formal name
KIND_ALIASES: dict[str, tuple[str, ...]] = {
    "福祉用具貸与": ("福祉用具",),
    "特定福祉用具販売": ("福祉用具",),
    "居宅療養管理指導": ("薬剤師", "薬局", "管理栄養士", "歯科衛生士"),
    "訪問介護": ("サービス提供責任者", "ヘルパー"),
    "短期入所生活介護": ("ショート",),
}


def mentions_kind(kind: str, text: str | None) -> bool:
    """``text`` names a provider of ``kind``: by the kind's own words or a common alias."""
    t = norm(text)
    return kind in kinds_named(t) or any(a in t for a in KIND_ALIASES.get(kind, ()))
