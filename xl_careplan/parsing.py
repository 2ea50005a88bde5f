"""Parsers for the values care offices write in plan workbooks (dates, periods, levels, frequencies...).

All functions are pure (no I/O) and cheap: regular expressions are compiled once at import.

Blank cells
-----------
Callers check for blank cells *before* parsing (``Located.blank``): a blank is a different finding
("未記入") from an unreadable value. The parsers still behave predictably on blanks:

* ``parse_date`` / ``parse_period`` / ``parse_care_level`` / ``parse_frequency`` / ``parse_choice``
  raise ``ParseError`` on ``None`` or whitespace-only text (message 「空欄です」...).
* ``parse_mark`` returns ``None`` and ``parse_time_label`` returns ``None`` for blanks;
  ``parse_need_refs`` returns ``[]``.

Every ``ParseError`` carries a short Japanese message that quotes the offending value,
e.g. 「日付として読めません: 'R6.13.1'」, suitable for a finding at the cell's location.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
import unicodedata
from functools import lru_cache

from xl_careplan.values import CareLevel, Frequency, Period

__all__ = [
    "ParseError",
    "normalize",
    "parse_date",
    "parse_period",
    "parse_care_level",
    "parse_frequency",
    "parse_mark",
    "parse_need_refs",
    "parse_choice",
    "parse_time_label",
    "ERAS",
    "Ambiguous",
]


class ParseError(ValueError):
    """A cell value that cannot be read. ``str(e)`` is a short Japanese message quoting the value."""

    def __init__(self, message: str, value: object = None):
        super().__init__(message)
        self.message = message
        self.value = value

    def __str__(self) -> str:
        return self.message


class NothingMarked(ParseError):
    """A printed choice list with no option marked (「□1.一人暮らし □2.… □3.その他」, 「初回・紹介・継続」):
    the field is blank, not unreadable (readers give it no value and no raw text)."""


class Ambiguous(ParseError):
    """A value that reads only with a guess: a date with no year (「6/24（水）」「6月24日」) or no era (「8/4/6」
    「8年4月6日」), a 要介護状態区分 written as a bare number (「2」: 要介護2 or 要支援2?).
    Readers keep the text with no value and no problem and say so in a reading note: a doubt is never an error."""


def _show(value: object) -> str:
    """The value as quoted in messages: 'text' for strings (shortened), repr for the rest."""
    if isinstance(value, str):
        s = value.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")
        if len(s) > 60:
            s = s[:60] + "…"
        return f"'{s}'"
    r = repr(value)
    return r if len(r) <= 60 else r[:60] + "…"


# A problem that says the text was not understood (a format the reader does not know) is a reading
# doubt; the other messages say what is wrong with a value that was understood (存在しない日付,
# 開始日が終了日より後, 回数が0, 複数の選択肢に印 …). Messages of this module and of the readers' safe_parse.
_DOUBT_MARKS = ("読めません", "分かりません", "読み取れません")


def is_reading_doubt(problem: str | None) -> bool:
    """Whether a Located's ``problem`` is a reading doubt (CP104, advice) rather than a defect (CP102)."""
    return bool(problem) and any(m in problem for m in _DOUBT_MARKS)


def _err(message: str, value: object) -> ParseError:
    return ParseError(f"{message}: {_show(value)}", value)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --------------------------------------------------------------------------- normalize

_WS = re.compile(r"\s+")
# After NFKC: '～'(FF5E) became '~', '－'(FF0D) became '-', 'ｰ' became 'ー'.
_DASH_TABLE = str.maketrans(
    {
        "~": "～",
        "〜": "～",
        "∼": "～",
        "〰": "～",
        "⁓": "～",
        "–": "～",  # en dash
        "—": "～",  # em dash
        "―": "～",  # horizontal bar
        "−": "-",  # minus sign
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "⁃": "-",
    }
)
# 'ー' (long vowel mark) between date pieces is a dash typed with the IME, never a vowel mark.
_CHOON_DASH = re.compile(r"(?<=[0-9年月火水木金土日)])(\s*)ー(?=\s*[0-9RHSTMrhstm令平昭大明(月火水木金土日])")
_SPACED_DASH = re.compile(r"(?<=\S)\s+-\s+(?=\S)")
_KANJI_DATE_DASH = re.compile(r"(?<=[年月日])\s*-\s*(?=\S)")
_DASH_BEFORE_ERA = re.compile(r"(?<=[0-9])\s*-\s*(?=(?:明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])\.?(?:[0-9]|元))")
_DASHED_FULL_DATE = re.compile(
    r"((?:[0-9]{4}|(?:明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])\.?(?:[0-9]{1,2}|元))-[0-9]{1,2}-[0-9]{1,2}(?:\([^()]*\))?)\s*-\s*(?=[0-9])"
)
_HAS_SLASH_DOT_DATE = re.compile(r"[0-9元][./][0-9]")
_DIGIT_DASH = re.compile(r"(?<=[0-9)])\s*-\s*(?=[0-9])")


def _basic(text: object) -> str:
    """NFKC, dash/tilde unification and whitespace collapsing, without deciding which '-' is a range."""
    if text is None:
        return ""
    return _basic_str(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=8192)
def _basic_str(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).translate(_DASH_TABLE)
    if "ー" in s:
        s = _CHOON_DASH.sub(r"\1-", s)
    return _WS.sub(" ", s).strip()


def normalize(text: object) -> str:
    """Normalise cell text the way every parser needs it.

    NFKC (full-width digits/letters/punctuation → half-width, ㋿ → 令和, ① → 1, Ⅲ → III),
    whitespace runs (including full-width spaces and line breaks) → one space, stripped.
    Wave dashes and tildes (〜 ～ ~ ∼) and long dashes (– — ―) become the range separator '～'.
    Hyphen-like characters (− ‐ ‑ －) become '-'; a '-' or IME 'ー' is turned into '～' where it
    separates two dates ('R6.4.1-R6.9.30', '2024/4/1ー9/30', '2024-04-01 - 2024-09-30'),
    and stays '-' inside a date ('2024-04-01'). Japanese text is kept as is (ー in カタカナ stays).
    ``None`` gives ''.
    """
    s = _basic(text)
    if "-" in s:
        s = _SPACED_DASH.sub("～", s)
        s = _KANJI_DATE_DASH.sub("～", s)
        s = _DASH_BEFORE_ERA.sub("～", s)
        s = _DASHED_FULL_DATE.sub(r"\1～", s)
        if "-" in s and _HAS_SLASH_DOT_DATE.search(s):
            s = _DIGIT_DASH.sub("～", s)
    return s


# --------------------------------------------------------------------------- dates

from xl_careplan.domain.eras import ERAS  # noqa: E402 (the one table of eras)
_ERA_ORDER = list(ERAS)
_ERA_ALIASES = {
    "明治": "明治", "明": "明治", "m": "明治",
    "大正": "大正", "大": "大正", "t": "大正",
    "昭和": "昭和", "昭": "昭和", "s": "昭和",
    "平成": "平成", "平": "平成", "h": "平成",
    "令和": "令和", "令": "令和", "r": "令和",
}  # fmt: skip
_ERA_RX = r"(?P<era>明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])\.?(?P<ey>[0-9]{1,2}|元)"
_YEAR_RX = rf"(?:{_ERA_RX}|(?P<y>[0-9]{{4}}))"
_SEP1 = r"(?:年|[./-])"
_SEP2 = r"(?:月|[./-])"
_FULL_DATE = re.compile(rf"^{_YEAR_RX}{_SEP1}(?P<m>[0-9]{{1,2}}){_SEP2}(?P<d>[0-9]{{1,2}})日?$")
_MONTH_ONLY = re.compile(rf"^{_YEAR_RX}{_SEP1}(?P<m>[0-9]{{1,2}})月?$")
_YMD8 = re.compile(r"^(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})$")
# Forms only allowed as the end of a period (year or era taken from the start)
_MD_ONLY = re.compile(r"^(?P<m>[0-9]{1,2})(?:月|[./-])(?P<d>[0-9]{1,2})日?$")
_M_ONLY = re.compile(r"^(?P<m>[0-9]{1,2})月$")
_EY_MD = re.compile(rf"^(?P<ey>[0-9]{{1,2}}|元){_SEP1}(?P<m>[0-9]{{1,2}}){_SEP2}(?P<d>[0-9]{{1,2}})日?$")
_EY_M = re.compile(r"^(?P<ey>[0-9]{1,2}|元)年(?P<m>[0-9]{1,2})月?$")

_WEEKDAY_PAREN = re.compile(r"\((?:[月火水木金土日祝](?:曜日?)?(?:・祝日?)?|祝日?)\)")
_TRAILING_TIME = re.compile(r"(?:T|\s|(?<=[日)]))[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?$")
# a meeting or visit written with its time: '令和8年4月12日（日）14:00～14:30', '2026/5/12 10時～11時半'
_CLOCK = r"(?:午前|午後|AM|PM)?[0-9]{1,2}(?::[0-9]{2}|時(?:[0-9]{1,2}分|半)?)"
_TRAILING_TIME_RANGE = re.compile(rf"(?:T|\s|(?<=[日)]))\s*{_CLOCK}(?:\s*(?:～|~|-|ー|から)\s*(?:{_CLOCK})?(?:まで)?)?$")
# 生年月日 cells: '昭和20年3月3日生', '昭和20年3月3日生まれ (79歳)'
_DATE_TAIL = re.compile(r"(?:生まれ|生)?(?:\(?(?:満)?[0-9]{1,3}歳\)?)?\.?$")
_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _era_year(era_token: str, ey: str) -> tuple[str, int]:
    era = _ERA_ALIASES[era_token.lower()]
    n = 1 if ey == "元" else int(ey)
    return era, n


def _era_bounds(era: str) -> tuple[dt.date, dt.date | None]:
    start = ERAS[era][1]
    i = _ERA_ORDER.index(era)
    end = ERAS[_ERA_ORDER[i + 1]][1] - dt.timedelta(days=1) if i + 1 < len(_ERA_ORDER) else None
    return start, end


def _check_era(era: str, n: int, first: dt.date, last: dt.date, raw: object) -> None:
    """Raise unless [first, last] (a day, or a whole month) overlaps the era."""
    if n < 1:
        raise _err(f"{era}0年はありません", raw)
    start, end = _era_bounds(era)
    if last < start or (end is not None and first > end):
        until = f"{end.year}年{end.month}月{end.day}日まで" if end else "現在まで"
        raise _err(
            f"{era}{n}年は{era}の期間外です（{era}は{start.year}年{start.month}月{start.day}日から{until}）", raw
        )


def _mk_date(y: int, m: int, d: int, raw: object) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        if not 1 <= m <= 12:
            raise _err(f"存在しない日付です（{m}月はありません）", raw) from None
        raise _err("存在しない日付です", raw) from None


def _days_in_month(y: int, m: int) -> int:
    """calendar.monthrange(y, m)[1] without importing calendar (and locale) on every check."""
    return 31 if m == 12 else (dt.date(y, m + 1, 1) - dt.timedelta(days=1)).day


def _month_range(y: int, m: int, raw: object) -> tuple[dt.date, dt.date]:
    if not (1 <= m <= 12) or not (1 <= y <= 9999):
        raise _err("存在しない年月です", raw)
    return dt.date(y, m, 1), dt.date(y, m, _days_in_month(y, m))


# the year written both ways: 「令和8年(2026年)4月10日」「2026年(令和8年)4月10日」「R8(2026)/4/10」
_ALT_YEAR = re.compile(r"(?<=[0-9元])(年?)\s*\((?:西暦)?\s*((?:[0-9]{4}|(?:明治|大正|昭和|平成|令和|[MTSHR])\s*(?:[0-9]{1,2}|元)))\s*年?\)")
_YEAR_ONLY = re.compile(rf"^{_YEAR_RX}$")


def _one_year(s: str, raw: object) -> str:
    """Drop the year written the other way in brackets after checking that both say the same year."""
    m = _ALT_YEAR.search(s)
    if m is None:
        return s
    years = []
    for part in (s[: m.start()] + m.group(1).replace("年", ""), m.group(2)):
        y = _YEAR_ONLY.match(_WS.sub("", part).removesuffix("年"))
        if y is None:
            return s
        years.append(int(y["y"]) if y["y"] else ERAS[_ERA_ALIASES[y["era"].lower()]][0] + _era_year(y["era"], y["ey"])[1] - 1)
    if years[0] != years[1]:
        raise _err("和暦と西暦の年が合いません", raw)
    return s[: m.start()] + m.group(1) + s[m.end():]


def _date_text(value: str) -> str:
    """Normalised text for a single date: no spaces, no weekday, no trailing time, one way of writing the year."""
    s = _basic(value)
    if "(" in s:
        s = _one_year(s, value)
    s = _TRAILING_TIME.sub("", s)
    s = _TRAILING_TIME_RANGE.sub("", s)
    s = _WS.sub("", s)
    s = _WEEKDAY_PAREN.sub("", s)
    s = _TRAILING_TIME.sub("", s)
    s = _TRAILING_TIME_RANGE.sub("", s)
    if s and s[-1] in "生歳.)":
        s = _DATE_TAIL.sub("", s)
    return s


def _real(value: object) -> float:
    """float() of a real number; NaN for numbers too large for a float (reported as unreadable)."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (OverflowError, ValueError, TypeError):
        return math.nan


def _from_serial(value: float, raw: object) -> dt.date:
    if not math.isfinite(value):
        raise _err("日付として読めません", raw)
    n = math.floor(value)
    if not (1 <= n <= _EXCEL_MAX_SERIAL):
        if 19000101 <= n <= 99991231 and n == value:  # 20240401 typed as a number
            return _parse_date_text(str(n), raw)
        raise _err("日付として読めません（Excelの日付の範囲外の数値です）", raw)
    if n == 60:
        raise _err("存在しない日付です（Excelの1900年2月29日）", raw)
    if n < 60:
        return dt.date(1899, 12, 31) + dt.timedelta(days=n)
    return _EXCEL_EPOCH + dt.timedelta(days=n)


def _match_full(s: str, raw: object) -> dt.date | None:
    m = _FULL_DATE.match(s)
    if m is None:
        m = _YMD8.match(s)
        if m is None:
            return None
        return _mk_date(int(m["y"]), int(m["m"]), int(m["d"]), raw)
    if m["era"]:
        era, n = _era_year(m["era"], m["ey"])
        y = ERAS[era][0] + n - 1
        d = _mk_date(y, int(m["m"]), int(m["d"]), raw)
        _check_era(era, n, d, d, raw)
        return d
    return _mk_date(int(m["y"]), int(m["m"]), int(m["d"]), raw)


def _match_month(s: str, raw: object) -> tuple[dt.date, dt.date] | None:
    m = _MONTH_ONLY.match(s)
    if m is None:
        return None
    if m["era"]:
        era, n = _era_year(m["era"], m["ey"])
        first, last = _month_range(ERAS[era][0] + n - 1, int(m["m"]), raw)
        _check_era(era, n, first, last, raw)
        return first, last
    return _month_range(int(m["y"]), int(m["m"]), raw)


def _parse_date_text(s: str, raw: object) -> dt.date:
    d = _match_full(s, raw)
    if d is not None:
        return d
    if _match_month(s, raw) is not None:
        raise _err("日付に日がありません（年月だけです）", raw)
    _refuse_guess(s, raw)
    raise _err("日付として読めません", raw)


_WEEKDAY_IN = re.compile(r"\(([月火水木金土日])(?:曜日?)?\)")


def date_without_year(value: object, near: dt.date) -> dt.date | None:
    """A date written without its year (「6/24（水）」) or era (「8/4/6」): the first such day on or after ``near``
    (within a year; a weekday in brackets must agree), or the date in the era of ``near`` (within two years);
    None if none fits."""
    if not isinstance(value, str):
        return None
    s = _date_text(value)
    wd = _WEEKDAY_IN.search(_basic(value))
    m = _MD_ONLY.match(s)
    if m is not None:
        years = [near.year, near.year + 1]
    else:
        m = _EY_MD.match(s)
        if m is None:
            return None
        n = 1 if m["ey"] == "元" else int(m["ey"])
        years = [first + n - 1 for first, start in ERAS.values() if start <= near]
        years = [y for y in years if abs(y - near.year) <= 2][-1:]
    for y in years:
        try:
            d = dt.date(y, int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        if len(years) == 2 and not near <= d <= near + dt.timedelta(days=366):
            continue
        if wd is None or d.weekday() == "月火水木金土日".index(wd.group(1)):
            return d
    return None


def _refuse_guess(s: str, raw: object) -> None:
    """Raise Ambiguous for a date without its year or era (a reader may supply the year from elsewhere)."""
    if _MD_ONLY.match(s) or _M_ONLY.match(s):
        raise Ambiguous(f"年がないため日付として確かには読めません: {_show(raw)}", raw)
    if _EY_MD.match(s) or _EY_M.match(s):
        raise Ambiguous(f"年号（令和・平成など）がないため日付として確かには読めません: {_show(raw)}", raw)


def parse_date(value: object) -> dt.date:
    """Read one date.

    Accepts ``datetime``/``date`` objects, Excel serial numbers (1900 date system, 1..2958465; the
    fake 1900-02-29 = serial 60 is refused; the fraction of a date-time is ignored), 8-digit
    ``20240401``, and text: 西暦 ``2024/4/1`` ``2024-04-01`` ``2024.4.1`` ``2024年4月1日``; 和暦
    ``令和6年4月1日`` ``令和元年5月1日`` ``令6.4.1`` ``R6.4.1`` ``R6/4/1`` ``r6-4-1`` ``Ｒ６．４．１``
    ``H31.4.30`` ``S15.3.3`` (eras 明治 M, 大正 T, 昭和 S, 平成 H, 令和 R), with or without spaces,
    with a trailing weekday ``（月）`` or a trailing time ``00:00:00``.

    A 和暦 date outside its era (平成32年, 令和元年4月1日) raises ``ParseError``, as do impossible
    dates (R6.2.30) and month-only values (use ``parse_period`` for those).
    Blank (``None``/'') raises ``ParseError`` too: callers report blanks themselves, before parsing.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise _err("日付として読めません", value)
    if isinstance(value, numbers.Real):
        return _from_serial(_real(value), value)
    if _is_blank(value):
        raise _err("空欄です（日付がありません）", value)
    if not isinstance(value, str):
        raise _err("日付として読めません", value)
    return _parse_date_text(_date_text(value), value)


# --------------------------------------------------------------------------- periods

_KARA = re.compile(r"から|より")
_TO_WORD = re.compile(r"\s+to\s+", re.IGNORECASE)
_MADE = re.compile(r"(?:まで|迄)$")
_MULTI_TILDE = re.compile(r"～+")
# '自 R6.4.1 至 R6.9.30' (the form's own notation)
_JI_SHI = re.compile(r"^自\s*|(?<=\S)\s*至\s*(?=\S)")
# a trailing length note: 'R6.4.1～R6.9.30（6か月）'
_DURATION_NOTE = re.compile(r"\s*\((?:[0-9]{1,3}(?:[かヶケカヵ箇]?月|年|日|週)間?|半年間?)\)$")


def _point(value: object, role: str, start: dt.date | None, start_era: str | None, raw: object) -> tuple[dt.date, str | None]:
    """One bound of a period. Returns (date, era of the text or None).

    ``role`` is 'start' or 'end'. Month-only text gives the first (start) or last (end) day.
    An end may omit the year ('9.30', '9月30日', '9月') or the era ('7.3.31', '7年3月31日'),
    taking it from ``start``.
    """
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, bool) or not isinstance(value, (str, numbers.Real)):
        raise _err("期間の日付として読めません", raw)
    if isinstance(value, numbers.Real):
        return _from_serial(_real(value), raw), None
    s = _date_text(value)
    if not s:
        raise _err("開始日がありません" if role == "start" else "終了日がありません", raw)
    d = _match_full(s, raw)
    if d is not None:
        m = _FULL_DATE.match(s)
        era = _ERA_ALIASES[m["era"].lower()] if m is not None and m["era"] else None
        return d, era
    mm = _match_month(s, raw)
    if mm is not None:
        m = _MONTH_ONLY.match(s)
        era = _ERA_ALIASES[m["era"].lower()] if m is not None and m["era"] else None
        return (mm[0] if role == "start" else mm[1]), era
    if role == "end" and start is not None:
        m = _MD_ONLY.match(s)
        if m is not None:
            md = (int(m["m"]), int(m["d"]))
            year = start.year if md >= (start.month, start.day) else start.year + 1
            return _mk_date(year, md[0], md[1], raw), start_era
        m = _M_ONLY.match(s)
        if m is not None:
            first, last = _month_range(start.year, int(m["m"]), raw)
            if last < start:
                first, last = _month_range(start.year + 1, int(m["m"]), raw)
            return last, start_era
        if start_era is not None:
            m = _EY_MD.match(s)
            if m is not None:
                n = 1 if m["ey"] == "元" else int(m["ey"])
                d = _mk_date(ERAS[start_era][0] + n - 1, int(m["m"]), int(m["d"]), raw)
                _check_era(start_era, n, d, d, raw)
                return d, start_era
            m = _EY_M.match(s)
            if m is not None:
                n = 1 if m["ey"] == "元" else int(m["ey"])
                first, last = _month_range(ERAS[start_era][0] + n - 1, int(m["m"]), raw)
                _check_era(start_era, n, first, last, raw)
                return last, start_era
    _refuse_guess(s, raw)
    raise _err("期間の" + ("開始日" if role == "start" else "終了日") + "が日付として読めません", raw)


_BARE_NUM = re.compile(r"^\s*[0-9]{1,2}\s*$")


def _month_only(value: object) -> bool:
    """A period's bound written to the month only (「R8.4」「令和8年4月」「10月」「9年3月」), the day not known."""
    if not isinstance(value, str):
        return False
    s = _date_text(value)
    return bool(s) and not _FULL_DATE.match(s) and bool(_MONTH_ONLY.match(s) or _M_ONLY.match(s) or _EY_M.match(s))


def _bare_month(a: object, b: object) -> object:
    """'R6.4～9': after a month-only start, a bare number is the end month."""
    if isinstance(a, str) and isinstance(b, str) and _BARE_NUM.match(b) and _MONTH_ONLY.match(_date_text(a)):
        return b.strip() + "月"
    return b


def _period_from_parts(a: str, b: str, raw: object) -> Period:
    if not a.strip():
        raise _err("期間の開始日がありません", raw)
    start, era = _point(a, "start", None, None, raw)
    if not b.strip():
        # 「令和8年10月1日～」: 記載要領 allows a period with its start only (開始時期のみ記載); rules that need an
        # end (認定の有効期間) say so themselves
        return Period(start=start)
    end, _ = _point(_bare_month(a, b), "end", start, era, raw)
    if start > end:
        raise _err("期間の開始日が終了日より後です", raw)
    return Period(start=start, end=end, start_month=_month_only(a), end_month=_month_only(_bare_month(a, b)))


def parse_period(value: object, end_value: object = None) -> Period:
    """Read a period (認定の有効期間, 目標の期間, サービスの期間).

    One cell: ``令和6年4月1日～令和6年9月30日``, ``R6.4.1～R6.9.30``, ``2024/4/1~2024/9/30``,
    separators ～ 〜 ~ - – — ー 「から」 「 to 」 (a trailing 「まで」 is ignored; two dates on two
    lines also work). Two cells: ``parse_period(start_cell, end_cell)`` (a stray ～ in either is ignored).
    Start and end may be ``date`` objects or Excel serials.

    Month-only bounds (``令和6年4月``, ``R6.4``, ``2024年4月``) mean the first day (start) or the last
    day (end) of that month. The end may omit the year ('R6.4.1～9.30': the start's year, or the
    next year if that would end before the start) or only the era ('R6.4.1～7.3.31' = R7.3.31).

    A start followed by the separator and nothing else (``R6.4.1～``, ``R6.4.1から``) is a period with its
    start only (``Period(start=…, end=None)``: 記載要領 allows 開始時期のみ). A lone date with no separator
    is not read as a period (it could be either bound).

    Raises ``ParseError`` on blank input, a lone date (「終了日がありません」), a missing start,
    unreadable bounds and start after end.
    """
    raw = value
    if not _is_blank(end_value):
        show = f"{'' if value is None else _plain(value)}～{_plain(end_value)}"
        if _is_blank(value):
            raise _err("期間の開始日がありません", show)
        a = _strip_sep(value)
        b = _strip_sep(end_value)
        if _is_blank(a):
            raise _err("期間の開始日がありません", show)
        if _is_blank(b):
            raise _err("期間の終了日がありません", show)
        start, era = _point(a, "start", None, None, show)
        end, _ = _point(_bare_month(a, b), "end", start, era, show)
        if start > end:
            raise _err("期間の開始日が終了日より後です", show)
        return Period(start=start, end=end, start_month=_month_only(a), end_month=_month_only(_bare_month(a, b)))
    if _is_blank(value):
        raise _err("空欄です（期間がありません）", value)
    if isinstance(value, (dt.date, numbers.Real)) and not isinstance(value, bool):
        _point(value, "start", None, None, raw)  # raise the right message if unreadable
        raise _err("期間の終了日がありません", value)
    if not isinstance(value, str):
        raise _err("期間として読めません", value)
    s = _basic(value)
    s = _DURATION_NOTE.sub("", s)
    s = _JI_SHI.sub(lambda m: "" if "自" in m[0] else "～", s)
    s = _TO_WORD.sub("～", s)
    s = _KARA.sub("～", s)
    s = _MADE.sub("", s).strip()
    s = _MULTI_TILDE.sub("～", s)
    if s.count("～") == 1:
        a, b = s.split("～")
        return _period_from_parts(a, b, raw)
    # Otherwise the separator is a '-', 'ー' or space (or one of several '～'):
    # try each; exactly one split must read as two dates.
    found: list[Period] = []
    errors: list[ParseError] = []
    for i, ch in enumerate(s):
        if ch in _PERIOD_SEPS:
            a, b = s[:i], s[i + 1 :]
            if not a.strip(_PERIOD_SEPS) or not b.strip(_PERIOD_SEPS):
                continue
            try:
                p = _period_from_parts(a, b, raw)
            except ParseError as e:
                errors.append(e)
                continue
            if p not in found:
                found.append(p)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise _err("期間の区切りがどこか分かりません（～で区切ってください）", raw)
    if s and s[-1] in _PERIOD_SEPS:
        raise _err("期間の終了日がありません", raw)
    if s and s[0] in _PERIOD_SEPS:
        raise _err("期間の開始日がありません", raw)
    if s.count("～") > 1:
        raise _err("期間の区切り（～）が複数あります", raw)
    try:
        _point(s, "start", None, None, raw)
    except ParseError:
        pass
    else:
        raise _err("期間の終了日がありません", raw)
    specific = [e for e in errors if "読めません" not in e.message]
    if len(errors) == 1 or specific:
        raise (specific or errors)[0]
    raise _err("期間として読めません", raw)


_PERIOD_SEPS = "～-ー "


def _plain(value: object) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(value).strip()


def _strip_sep(value: object) -> object:
    if not isinstance(value, str):
        return value
    s = _basic(value)
    s = _KARA.sub("～", s)
    s = _MADE.sub("", s)
    s = s.strip(" ～")
    if s[:1] in ("自", "至"):
        s = s[1:].strip(" ～")
    return s


# --------------------------------------------------------------------------- care level

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}
_LEVEL_RX = re.compile(r"^要?(介護|支援)度?(?:状態区分)?(?P<n>[0-9]|I{1,3}|IV|V)$")
_JIGYO_RX = re.compile(r"^(?:総合)?事業対象者?$")
_LEVEL_NOTE = re.compile(r"\((?:暫定|見込み?|予定|申請中|区分変更中|区分変更申請中|更新申請中)\)$")
_LEVEL_TOKEN = re.compile(r"要?(?:介護|支援)[0-9]|事業対象")
_LEVEL_CHOICES = tuple(level.value for level in CareLevel)


def parse_care_level(value: object) -> CareLevel:
    """Read 要介護状態区分: '要介護２', '要介護 2', '介護2', '要支援1', '支援１', '要介護Ⅲ', '事業対象者'.

    A provisional note such as '要介護2（暫定）' is ignored (the raw text keeps it). A printed list of
    all levels with one marked ('要介護1・(要介護2)・要介護3', '○要介護2') is read with
    ``parse_choice``. Anything else raises ``ParseError``.
    """
    if _is_blank(value):
        raise _err("空欄です（要介護状態区分がありません）", value)
    if isinstance(value, CareLevel):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value in (1, 2, 3, 4, 5):
        value = str(int(value))
    if not isinstance(value, str):
        raise _err("要介護状態区分として読めません", value)
    s = _WS.sub("", normalize(value)).upper()
    if s in ("1", "2", "3", "4", "5"):
        raise Ambiguous(f"数字だけでは要介護か要支援か分からないため、要介護状態区分として確かには読めません: {_show(value)}", value)
    s = _LEVEL_NOTE.sub("", s)
    m = _LEVEL_RX.match(s)
    if m is not None:
        n = int(m["n"]) if m["n"].isdigit() else _ROMAN[m["n"]]
        kind = "要介護" if m[1] == "介護" else "要支援"
        if (kind == "要介護" and 1 <= n <= 5) or (kind == "要支援" and 1 <= n <= 2):
            return CareLevel(f"{kind}{n}")
        raise _err("その要介護状態区分はありません", value)
    if _JIGYO_RX.match(s):
        return CareLevel.JIGYO
    if len(_LEVEL_TOKEN.findall(s)) >= 2 or (s[:1] in _SELECTED and _LEVEL_TOKEN.search(s)):
        try:
            return CareLevel(parse_choice(_roman_to_digit(value), _LEVEL_CHOICES))
        except NothingMarked:
            raise NothingMarked(f"要介護状態区分のどれにも印がありません: {_show(value)}", value) from None
        except ParseError:
            raise _err("要介護状態区分のどれが選ばれているか読めません（選んだものに○を付けてください）", value) from None
    raise _err("要介護状態区分として読めません", value)


_ROMAN_IN_TEXT = re.compile(r"(?<=介護|支援)(III|II|IV|I|V)")


def _roman_to_digit(value: str) -> str:
    s = normalize(value)
    return _ROMAN_IN_TEXT.sub(lambda m: str(_ROMAN[m[1]]), s)


# --------------------------------------------------------------------------- frequency

_KANJI_NUM = str.maketrans("一二三四五六七八九", "123456789")
_NUM = r"[0-9]{1,3}(?:\.[0-9]{1,2})?"
_RANGE = rf"(?P<a>{_NUM})(?:回?(?:～|-|・|、|,|or|か)(?P<b>{_NUM}))?"
_FREQ_PREFIX = re.compile(r"^(?:約|おおむね|概ね|大体|だいたい)")
_FREQ_SUFFIX = re.compile(r"(?:程度|ぐらい|くらい|位|前後|以上|以内|まで|を目安|目安|ほど|予定|実施|利用)+$")
_AS_NEEDED_TAIL = re.compile(r"(?:[+、,・/]|及び|および|と)(?:随時|必要時|適宜|必要に応じて?)$")
_PAREN = re.compile(r"\(([^()]*)\)")
_MEAL_TIMES = re.compile(r"^[朝昼夕晩夜](?:[・、,]?[朝昼夕晩夜])*$")
_UNIT_COUNT = {
    "week": re.compile(rf"^(?:毎週|1?週間?)に?{_RANGE}(?:回|日|度)?$"),
    "month": re.compile(rf"^(?:毎月|月|1[かヶケカヵ箇ケ]月間?)に?{_RANGE}(?:回|日|度)?$"),
    "day": re.compile(rf"^(?:毎日|1日|日)に?{_RANGE}(?:回|度)$"),
    "year": re.compile(rf"^(?:毎年|年|1年間?)に?{_RANGE}(?:回|度)$"),
}
_COUNT_PER = re.compile(rf"^{_RANGE}(?:回|日|度)/(?P<n>[0-9]{{1,2}})?(?P<u>週間?|[かヶケカヵ箇]?月|日|年)$")
_EVERY_N = re.compile(
    rf"^(?P<n>{_NUM})(?P<u>週間?|日|[かヶケカヵ箇]月間?|年)(?P<how>に|毎|ごと|おき|置き)(?:に)?(?:(?P<c>{_NUM})(?:回|度))?$"
)
_ALTERNATE = re.compile(rf"^隔(?P<u>週|日|月)(?:(?P<c>{_NUM})(?:回|度))?$")
_WEEKDAY_CHARS = "月火水木金土日"
# '第2・4土曜日', '毎月第1水曜' -> per_month (number of weeks named) on that weekday
_NTH_WEEKDAY = re.compile(r"^(?:毎月)?第(?P<ns>[1-5](?:(?:[・、,]|と|及び)?第?[1-5])*)(?:週)?の?(?P<days>[月火水木金土日](?:曜日?)?(?:[・、,][月火水木金土日](?:曜日?)?)*)$")
_WEEKDAY_SPEC = re.compile(r"^(?:毎週)?(?:[月火水木金土日](?:曜日?)?(?:[・、,/]|～|-|と|及び)?)+(?:曜日?)?$")
_WEEKDAY_RANGE = re.compile(r"([月火水木金土日])(?:曜日?)?[～-]([月火水木金土日])")
_AS_NEEDED_WORDS = (
    "随時", "必要時", "適宜", "適時", "必要に応じて", "必要に応じ", "必要な時", "必要なとき", "臨時",
    "不定期", "状態に応じて", "状況に応じて", "希望時", "緊急時", "その都度", "都度",
    # continuous use (福祉用具貸与 etc.): not a visit count
    "常時", "通年", "貸与期間中", "期間中", "計画期間中", "24時間", "24時間対応", "24時間随時", "終日", "貸与",
    "継続", "緊急時対応", "随時対応",
)  # fmt: skip
_AS_NEEDED_RX = re.compile(
    "^(?:" + "|".join(re.escape(w) for w in sorted(_AS_NEEDED_WORDS, key=len, reverse=True)) + ")$"
)
_WHEN_RX = re.compile(r"^[^0-9]{1,8}(?:時|の際|のとき|の時)$")
_SIMPLE = {
    "毎日": ("daily", 1.0),
    "毎朝": ("daily", 1.0),
    "毎晩": ("daily", 1.0),
    "毎夕": ("daily", 1.0),
    "毎夜": ("daily", 1.0),
    "連日": ("daily", 1.0),
    "朝夕": ("per_day", 2.0),
    "朝・夕": ("per_day", 2.0),
    "毎食": ("per_day", 3.0),
    "毎食後": ("per_day", 3.0),
    "毎食前": ("per_day", 3.0),
    "毎週": ("per_week", 1.0),
    "毎月": ("per_month", 1.0),
    "毎年": ("per_month", 1 / 12),
    "半年毎": ("per_month", 1 / 6),
    "半年ごと": ("per_month", 1 / 6),
    "半年に1回": ("per_month", 1 / 6),
    "半年に1度": ("per_month", 1 / 6),
}


def _avg(m: re.Match[str], value: object) -> float:
    a = float(m["a"])
    b = float(m["b"]) if m["b"] else a
    if a <= 0 or b <= 0:
        raise _err("頻度の回数が0です", value)
    if b < a:
        a, b = b, a
    return (a + b) / 2


def _weekdays(spec: str) -> list[str]:
    spec = spec.replace("曜日", "").replace("曜", "")
    days: set[str] = set()
    for m in _WEEKDAY_RANGE.finditer(spec):
        i, j = _WEEKDAY_CHARS.index(m[1]), _WEEKDAY_CHARS.index(m[2])
        if i <= j:
            days.update(_WEEKDAY_CHARS[i : j + 1])
        else:
            days.update(_WEEKDAY_CHARS[i:] + _WEEKDAY_CHARS[: j + 1])
    days.update(c for c in spec if c in _WEEKDAY_CHARS)
    return [c for c in _WEEKDAY_CHARS if c in days]


def _is_weekday_spec(s: str) -> bool:
    return bool(s) and _WEEKDAY_SPEC.match(s) is not None and s != "毎週"


def _freq_core(s: str, value: object) -> Frequency | None:
    """Frequency of text with spaces, notes and parentheses removed; None when not recognised."""
    if s in _SIMPLE:
        kind, count = _SIMPLE[s]
        return Frequency(kind=kind, count=count)  # type: ignore[arg-type]
    if s == "平日":
        return Frequency(kind="per_week", count=5.0, weekdays=list("月火水木金"))
    if _AS_NEEDED_RX.match(s) or _WHEN_RX.match(s):
        return Frequency(kind="as_needed")
    for unit, rx in _UNIT_COUNT.items():
        m = rx.match(s)
        if m is not None:
            c = _avg(m, value)
            if unit == "week":
                return Frequency(kind="per_week", count=c)
            if unit == "month":
                return Frequency(kind="per_month", count=c)
            if unit == "day":
                return Frequency(kind="daily", count=1.0) if c == 1 else Frequency(kind="per_day", count=c)
            return Frequency(kind="per_month", count=c / 12)
    m = _COUNT_PER.match(s)
    if m is not None:
        n = int(m["n"]) if m["n"] else 1
        if n == 0:
            raise _err("頻度の回数が0です", value)
        c = _avg(m, value) / n
        u = m["u"]
        if u.startswith("週"):
            return Frequency(kind="per_week", count=c)
        if u.endswith("月"):
            return Frequency(kind="per_month", count=c)
        if u == "日":
            return Frequency(kind="daily", count=1.0) if c == 1 else Frequency(kind="per_day", count=c)
        return Frequency(kind="per_month", count=c / 12)
    m = _EVERY_N.match(s)
    if m is not None:
        n = float(m["n"])
        c = float(m["c"]) if m["c"] else 1.0
        if n <= 0 or c <= 0:
            raise _err("頻度の回数が0です", value)
        if m["how"] in ("おき", "置き"):
            n += 1  # 1日おき = every second day
        u = m["u"]
        if u.startswith("週"):
            return Frequency(kind="per_week", count=c / n)
        if u == "日":
            return Frequency(kind="per_week", count=7 * c / n)
        if u == "年":
            return Frequency(kind="per_month", count=c / (12 * n))
        return Frequency(kind="per_month", count=c / n)
    m = _ALTERNATE.match(s)
    if m is not None:
        c = float(m["c"]) if m["c"] else 1.0
        if c <= 0:
            raise _err("頻度の回数が0です", value)
        if m["u"] == "週":
            return Frequency(kind="per_week", count=c / 2)
        if m["u"] == "日":
            return Frequency(kind="per_week", count=3.5 * c)
        return Frequency(kind="per_month", count=c / 2)
    if _is_weekday_spec(s):
        days = _weekdays(s)
        return Frequency(kind="per_week", count=float(len(days)), weekdays=days)
    m = _NTH_WEEKDAY.match(s)
    if m is not None:
        weeks = {c for c in m["ns"] if c.isdigit()}
        days = _weekdays(m["days"])
        return Frequency(kind="per_month", count=float(len(weeks) * len(days)), weekdays=days)
    return None


def _split_count_weekdays(s: str, value: object) -> Frequency | None:
    """'週3回月・水・金', '月・水・金週3回', '毎週月曜' → count with weekdays."""
    for i in range(1, len(s)):
        head, tail = s[:i], s[i:].lstrip(":：")
        if _is_weekday_spec(tail):
            f = _freq_core(head, value)
            if f is not None and f.kind == "per_week":
                return Frequency(kind="per_week", count=f.count, weekdays=_weekdays(tail))
        if _is_weekday_spec(head) and not head.startswith("毎週") or head in ("毎週",):
            f = _freq_core(tail, value)
            if f is not None and f.kind == "per_week":
                return Frequency(kind="per_week", count=f.count, weekdays=_weekdays(head))
    if s.startswith("毎週") and _is_weekday_spec(s[2:]):
        days = _weekdays(s[2:])
        return Frequency(kind="per_week", count=float(len(days)), weekdays=days)
    return None


_EVENT = re.compile(r"^(?:[^0-9]{1,8}?(?:時|の際|のとき|の時|後))")
_ONE_OFF = re.compile(r"^(?:(?:[0-9]{1,2}|初)回|1度|一度|単発)(?:のみ|限り|だけ)?$")
_AS_NEEDED_ANYWHERE = re.compile("|".join(re.escape(w) for w in sorted(_AS_NEEDED_WORDS, key=len, reverse=True) if len(w) >= 2))
_COUNT_ANYWHERE = re.compile(rf"(?:週|毎週|月|毎月|1日|毎日|年)に?{_RANGE}(?:回|日|度)|毎日")


_PART_SEP = re.compile(r"[、,+/]")
_PER_DAY_IN = re.compile(r"1日([0-9])回")


def _weekly_part(main: str, value: object) -> Frequency | None:
    """The weekly visits of a 頻度 that also names visits as needed: 週2回、体調不良時は随時 → 週2回; 月・木、他に必要時 →
    月・木; 通い週3回・訪問看護週1回・宿泊は必要時 (one 看多機 service by its parts) → 週4回. The weekly part is planned
    (it belongs in 第3表); the as-needed part is not. None when no weekly part is written."""
    total = 0.0
    for m in _COUNT_ANYWHERE.finditer(main):
        f = _freq_core(m.group(0), value)
        if f is None or f.kind != "per_week" or f.count is None:
            return None  # a daily or monthly part: not a sum of weekly visits
        total += f.count
    if total:
        return Frequency(kind="per_week", count=total)
    days = [d for part in _PART_SEP.split(main) if _is_weekday_spec(part) for d in _weekdays(part)]
    return Frequency(kind="per_week", count=float(len(set(days))), weekdays=_weekdays("".join(days))) if days else None


def _lenient_frequency(main: str, parens: list[str], value: object) -> Frequency | None:
    """What offices write for one-off or as-needed services, and counts inside a longer phrase.

    購入時1回 / 設置時 / 1回（購入時） / 初回のみ / 単発 → as_needed (a one-off is no weekly count);
    随時対応（月1回程度）, 必要時訪問 → as_needed; 退院後週3回 → the count written inside (週3回)."""
    rest = _EVENT.sub("", main)
    if not rest or _ONE_OFF.match(rest) or _ONE_OFF.match(main):
        return Frequency(kind="as_needed")
    if _AS_NEEDED_ANYWHERE.search(main):
        return _weekly_part(main, value) or Frequency(kind="as_needed")
    m = _COUNT_ANYWHERE.search(main)
    if m is not None:
        return _freq_core(m.group(0), value)
    return None


def parse_frequency(value: object) -> Frequency:
    """Read a 頻度 cell.

    * 週N回 / 週N日 / N回/週 / 毎週 → ``per_week`` N. A range (週1～2回, 週2-3回) counts its average
      (1.5) — the plan is "between", so rules comparing with a requirement see the middle.
    * 月N回 / N回/月 → ``per_month`` N; 年N回 → ``per_month`` N/12; Nか月に1回 / Nか月毎 → ``per_month`` 1/N;
      隔月 → ``per_month`` 0.5.
    * 毎日, 1日1回 → ``daily`` (count 1); 毎日2回 / 1日2回 / N回/日 / 毎日（1日2回 朝・夕） → ``per_day`` N (per_week 7N).
    * 隔週, 2週に1回, 1週おき → ``per_week`` 0.5; 隔日, 1日おき, 2日に1回 → ``per_week`` 3.5; N日毎 → 7/N.
    * 第2・4土曜日, 毎月第1水曜 → ``per_month`` (weeks × weekdays named) with ``weekdays``.
    * Weekdays: 月・水・金, 月水金, (月)(木), 月～金, 平日, 毎週火曜 → ``per_week`` with the count of
      days and ``weekdays`` in 月..日 order; 週3回（月・水・金） keeps the written count 3.
    * 随時, 必要時, 適宜, 必要に応じて, 〇〇時 (入浴時, 外出時) → ``as_needed`` with count None.
      Continuous use, typical of 福祉用具貸与 — 常時, 通年, 貸与期間中, 24時間, 毎日（貸与） — is
      also ``as_needed``: it is no visit count, so per_week() is None and visit rules skip it.
    * Notes are ignored: 約, 程度, 以上, くらい, and a trailing 「、随時」 (週2回、随時 → 週2回). A weekly part beside an
      as-needed one is the weekly visits: 週2回（月・木）、体調不良時は随時 → 週2回; 通い週3回・訪問看護週1回・宿泊は必要時
      (the parts of one service) → 週4回.
    * One-off and as-needed phrases offices write: 購入時1回, 設置時, 1回（購入時）, 初回のみ → ``as_needed``;
      a count inside a longer phrase (退院後週3回) is that count; an unknown word with the count in parentheses
      (連続利用（毎日）) is the count.

    Anything else raises ``ParseError`` (blank included). Kanji numerals 一..九 are read as digits.
    """
    if _is_blank(value):
        raise _err("空欄です（頻度がありません）", value)
    if not isinstance(value, str):
        raise _err("頻度として読めません", value)
    s = _WS.sub("", normalize(value)).translate(_KANJI_NUM)
    for _ in range(2):
        s = _FREQ_PREFIX.sub("", s)
        s = _FREQ_SUFFIX.sub("", s)
        s = _AS_NEEDED_TAIL.sub("", s)
    parens = _PAREN.findall(s)
    main = _PAREN.sub("", s)
    main = _FREQ_SUFFIX.sub("", main)
    if any("貸与" in p for p in parens):
        return Frequency(kind="as_needed")
    weekday_parens = [p for p in parens if _is_weekday_spec(p)]
    if not main:
        if weekday_parens:
            days = _weekdays("・".join(weekday_parens))
            return Frequency(kind="per_week", count=float(len(days)), weekdays=days)
        if len(parens) == 1:
            f = _freq_core(_FREQ_SUFFIX.sub("", parens[0]), value)
            if f is not None:
                return f
        raise _err("頻度として読めません", value)
    f = _freq_core(main, value)
    if f is None:
        f = _split_count_weekdays(main, value)
    if f is None:
        f = _lenient_frequency(main, parens, value)
    if f is None and len(parens) == 1:  # 連続利用（毎日）: a word of the office's with the count in parentheses
        f = _freq_core(_FREQ_SUFFIX.sub("", parens[0]), value)
    if f is None:
        raise _err("頻度として読めません", value)
    if f.kind == "daily":
        times = [p for p in parens if _MEAL_TIMES.match(p)]
        if times:
            n = sum(1 for c in times[0] if c in "朝昼夕晩夜")
            return Frequency(kind="per_day", count=float(n)) if n > 1 else f
        per_day = [m for p in parens if (m := _PER_DAY_IN.search(p))]
        if per_day and float(per_day[0][1]) > 1:  # 毎日（1日2回 朝・夕）: the times a day written inside
            return Frequency(kind="per_day", count=float(per_day[0][1]))
    if weekday_parens and f.kind == "per_week" and not f.weekdays:
        f = Frequency(kind="per_week", count=f.count, weekdays=_weekdays("・".join(weekday_parens)))
    return f


# --------------------------------------------------------------------------- marks, refs, choices

_SELECTED = "○〇◯●◎■☑✓✔☒⦿◉✅"
_UNSELECTED = "□☐◻×✕✗✖"
_TRUE_WORDS = frozenset(
    ["○", "〇", "◯", "●", "◎", "■", "☑", "☒", "✓", "✔", "✅", "レ", "o", "有", "有り", "あり", "有る", "ある", "はい",
     "true", "yes", "y", "1", "対象", "該当", "課題あり"]
)  # fmt: skip
_FALSE_WORDS = frozenset(
    ["×", "✕", "✗", "✖", "x", "無", "無し", "なし", "ない", "いいえ", "false", "no", "n", "0", "-", "ー", "―", "□",
     "☐", "空", "対象外", "非該当", "課題なし"]
)  # fmt: skip


# care software writes a choice as its code and name: 「1:有」「0:無」「2:紹介」 — the name is the value
_CODE_PREFIX = re.compile(r"^[0-9]{1,2}:(?=\D)")


def parse_mark(value: object) -> bool | None:
    """Read a mark cell (※1 保険給付対象, 課題あり).

    True: ○ 〇 ◯ ● ◎ ■ ✓ ✔ ☑ レ 有 あり はい TRUE 1 (and the bool True). A software code before the word
    (「1:有」「0:無」) is dropped.
    False: × ✕ 無 なし いいえ FALSE 0 - □ (and the bool False).
    Blank (None / '') → None. Anything else raises ``ParseError``.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Real):
        if value == 1:
            return True
        if value == 0:
            return False
        raise _err("印として読めません（○か×を書いてください）", value)
    if not isinstance(value, str):
        raise _err("印として読めません（○か×を書いてください）", value)
    s = _CODE_PREFIX.sub("", _WS.sub("", normalize(value)).lower())
    if not s:
        return None
    if s in _TRUE_WORDS:
        return True
    if s in _FALSE_WORDS:
        return False
    raise _err("印として読めません（○か×を書いてください）", value)


def _circled_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for i in range(20):
        table[0x2460 + i] = f",{i + 1},"  # ①..⑳
    for i in range(15):
        table[0x3251 + i] = f",{i + 21},"  # ㉑..㉟
    for i in range(15):
        table[0x32B1 + i] = f",{i + 36},"  # ㊱..㊿
    for base in (0x2776, 0x2780, 0x278A):  # ❶.. ➀.. ➊..
        for i in range(10):
            table[base + i] = f",{i + 1},"
    for i in range(10):
        table[0x24F5 + i] = f",{i + 1},"  # ⓵..⓾
    table[0x24EB] = ",11,"
    return table


_CIRCLED = _circled_table()
_REF_TOKEN = re.compile(r"(?P<a>[0-9]{1,3})(?:\s*(?:～|-)\s*(?P<b>[0-9]{1,3}))?")
_REF_NOISE = re.compile(r"ニーズ|課題|番号|番|No\.?|no\.?|NO\.?|#|及び|および|と|[\s,、・/.()\[\]【】「」]")
_MAX_REF = 99


def parse_need_refs(value: object) -> list[int]:
    """Read need numbers (関連するニーズ番号): '①③', '1,3', '1・3', '1、3', '#2', 'ニーズ2', '1～3', 2.

    Returns sorted unique numbers (1..99). Blank → []. A range '1～3' gives [1, 2, 3].
    Anything else (0, words, decimals, bool) raises ``ParseError``.
    """
    if value is None:
        return []
    if isinstance(value, bool):
        raise _err("ニーズ番号として読めません", value)
    if isinstance(value, numbers.Real):
        f = _real(value)
        if math.isfinite(f) and f == int(f) and 1 <= f <= _MAX_REF:
            return [int(f)]
        raise _err("ニーズ番号として読めません", value)
    if not isinstance(value, str):
        raise _err("ニーズ番号として読めません", value)
    s = normalize(value.translate(_CIRCLED))
    if not s.strip(" ,"):
        return []
    refs: set[int] = set()
    rest = s
    for m in _REF_TOKEN.finditer(s):
        a = int(m["a"])
        b = int(m["b"]) if m["b"] else a
        if a < 1 or b < a or b > _MAX_REF or b - a > 20:
            raise _err("ニーズ番号として読めません", value)
        refs.update(range(a, b + 1))
    rest = _REF_TOKEN.sub("", s)
    if _REF_NOISE.sub("", rest) or not refs:
        raise _err("ニーズ番号として読めません", value)
    return sorted(refs)


_OPEN_CLOSE = {"(": ")", "【": "】", "[": "]", "「": "」", "『": "』", "〈": "〉", "《": "》", "<": ">", "{": "}", "〔": "〕"}
_NUM_PREFIX = re.compile(r"^[0-9]{1,2}[.．、:)]\s*")


@lru_cache(maxsize=256)
def _choice_regex(choices: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, int], dict[str, int]]:
    """(regex of all option texts, option text -> index, bare option number -> index)."""
    keys: dict[str, int] = {}
    for i, c in enumerate(choices):
        n = _WS.sub("", normalize(c))
        if n:
            keys.setdefault(n, i)
            body = _NUM_PREFIX.sub("", n)
            if body and body != n:
                keys.setdefault(body, i)
    numbers_only = {}
    for i, c in enumerate(choices):
        m = _NUM_PREFIX.match(_WS.sub("", normalize(c)))
        if m is not None:
            numbers_only.setdefault(m[0].rstrip(".．、:)"), i)
    if not keys:
        return re.compile(r"(?!)"), keys, numbers_only
    alts = sorted(keys, key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in alts)), keys, numbers_only


def _closes(after: str, close: str) -> bool:
    """The bracket around an option closes right after it, or after the option's own parenthetical
    (「(3.その他（長女は遠方）)」: the written reason inside the bracketed option)."""
    if after[:1] == close:
        return True
    if after[:1] != "(":
        return False
    depth = 0
    for j, ch in enumerate(after):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return after[j + 1:j + 2] == close
    return False


def parse_choice(value: object, choices: tuple[str, ...]) -> str:
    """Pick the selected option of a printed choice ('初回・紹介・継続', '認定済・申請中').

    Returns the matching element of ``choices`` as given. Selected means: the text is just that
    option ('継続', '□継続' excepted); or the option has a mark before it (○ 〇 ◯ ● ◎ ■ ☑ ✓ レ:
    '○継続', '■認定済 □申請中'); or it is bracketed ('初回・紹介・(継続)', '【継続】'); or it is the
    only option left when all others are crossed out with □/×. Choices numbered like '1. 一人暮らし'
    also match their text without the number.

    Raises ``ParseError`` when blank, when no option appears, or when several are marked;
    ``NothingMarked`` (a ParseError) when the options are printed without any mark ('初回・紹介・継続',
    '□1.一人暮らし □2.…'): the field is blank (a mark drawn as a shape cannot be seen either).
    """
    names = "・".join(choices)
    if _is_blank(value):
        raise _err(f"空欄です（{names} のどれも選ばれていません）", value)
    if not isinstance(value, str):
        raise _err(f"{names} のどれか読めません", value)
    rx, keys, numbered = _choice_regex(tuple(choices))
    # a レ check after a space marks the option that follows (「…疾病等 レ3.その他」): keep it a mark
    s = _CODE_PREFIX.sub("", _WS.sub("", re.sub(r"(?<=\s)レ(?=\S)", "・レ", normalize(value))))
    if s in keys:
        return choices[keys[s]]
    if s.strip(".．、:)") in numbered:
        return choices[numbered[s.strip(".．、:)")]]
    marked: set[int] = set()
    unmarked: set[int] = set()
    crossed: set[int] = set()
    for m in rx.finditer(s):
        i = keys[m[0]]
        before = s[: m.start()]
        after = s[m.end() :]
        prev = before[-1:] if before else ""
        if prev and (prev in _SELECTED or (prev == "レ" and (len(before) == 1 or before[-2] in "・ ,、/"))):
            marked.add(i)
        elif prev in _OPEN_CLOSE and _closes(after, _OPEN_CLOSE[prev]):
            marked.add(i)
        elif prev and prev in _UNSELECTED:
            crossed.add(i)
        else:
            unmarked.add(i)
    if len(marked) == 1:
        return choices[marked.pop()]
    if len(marked) > 1:
        raise _err("複数の選択肢に印があります", value)
    candidates = unmarked - crossed
    if not candidates and not crossed:
        raise _err(f"{names} のどれでもありません", value)
    if len(candidates) == 1 and (crossed or len(unmarked) == 1):
        return choices[candidates.pop()]
    if len(crossed | unmarked) >= 2:  # the options printed, none marked (a drawn circle is invisible too)
        raise NothingMarked(f"{names} のどれにも印がありません: {_show(value)}", value)
    raise _err(f"{names} のどれが選ばれているか読めません（選んだものに○を付けてください）", value)


# --------------------------------------------------------------------------- time labels

_TIME_HM = re.compile(r"^(?P<ampm>午前|午後|AM|PM|am|pm)?(?P<h>[0-9]{1,2})(?::(?P<m>[0-9]{2})(?::[0-9]{2})?|時(?:(?P<m2>[0-9]{1,2})分|(?P<half>半))?)?")
_TIME_BANDS = frozenset(["深夜", "早朝", "午前", "午後", "夜間", "日中", "朝", "昼", "夕", "夜", "夕方", "昼間"])


def _fmt_time(h: int, m: int, value: object) -> str:
    if not (0 <= m <= 59) or not (0 <= h <= 24) or (h == 24 and m != 0):
        raise _err("時刻として読めません", value)
    return f"{h:02d}:{m:02d}"


def parse_time_label(value: object) -> str | None:
    """Read a 第3表 time-row label as 'HH:MM' (zero-padded, so labels sort).

    '10:00', '9:30', '10時', '10時30分', '午後2時', '10:00～11:00' (its start), ``datetime.time``,
    ``datetime.datetime`` (its time), ``timedelta``, an Excel time fraction (0.4166… → '10:00', 1.0 is
    not a fraction), an integer hour 0..24. Blank and time-band labels (深夜 早朝 午前 午後 夜間…)
    give None. Anything else raises ``ParseError``.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _fmt_time(value.hour, value.minute, value)
    if isinstance(value, dt.time):
        return _fmt_time(value.hour, value.minute, value)
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        return _fmt_time(minutes // 60, minutes % 60, value) if minutes >= 0 else _fmt_time(-1, 0, value)
    if isinstance(value, bool):
        raise _err("時刻として読めません", value)
    if isinstance(value, numbers.Real):
        f = _real(value)
        if not math.isfinite(f):
            raise _err("時刻として読めません", value)
        if 0 <= f < 1:
            minutes = round(f * 1440)
            return _fmt_time(minutes // 60, minutes % 60, value)
        if f == int(f):
            return _fmt_time(int(f), 0, value)
        raise _err("時刻として読めません", value)
    if not isinstance(value, str):
        raise _err("時刻として読めません", value)
    s = _WS.sub("", normalize(value))
    if not s or s in _TIME_BANDS:
        return None
    m = _TIME_HM.match(s)
    if m is None:
        raise _err("時刻として読めません", value)
    rest = s[m.end() :]
    if rest and not rest.startswith(("～", "-", "から")):
        raise _err("時刻として読めません", value)
    h = int(m["h"])
    mi = int(m["m"] or m["m2"] or 0) + (30 if m["half"] else 0)
    if m["ampm"] in ("午後", "PM", "pm") and h < 12:
        h += 12
    return _fmt_time(h, mi, value)
