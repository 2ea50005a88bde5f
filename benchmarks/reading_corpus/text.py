"""How offices write dates, periods and marks in cells (text helpers shared by the layouts)."""

from __future__ import annotations

import datetime as dt

ZEN = str.maketrans("0123456789", "０１２３４５６７８９")
WEEKDAY_JA = "月火水木金土日"


def reiwa(d: dt.date) -> int:
    return d.year - 2018


def wareki(d: dt.date | None, style: str = "long") -> str:
    """long 令和8年4月10日 / zen 令和８年４月１０日 / short R8.4.10 / gannen (令和1 as 元年) / iso 2026-04-10 /
    slash 2026/4/10 / kanji 2026年4月10日."""
    if d is None:
        return ""
    y = reiwa(d)
    if style == "long":
        return f"令和{y}年{d.month}月{d.day}日"
    if style == "zen":
        return f"令和{y}年{d.month}月{d.day}日".translate(ZEN)
    if style == "short":
        return f"R{y}.{d.month}.{d.day}"
    if style == "iso":
        return d.isoformat()
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "kanji":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "spaced":
        return f"令和 {y} 年 {d.month} 月 {d.day} 日"
    raise ValueError(style)


def showa(d: dt.date) -> str:
    """Birth dates of people now in care: 昭和."""
    return f"昭和{d.year - 1925}年{d.month}月{d.day}日"


def period(a: dt.date | None, b: dt.date | None, style: str = "long", sep: str = "～") -> str:
    if a is None and b is None:
        return ""
    return f"{wareki(a, style)}{sep}{wareki(b, style)}"


def with_weekday(d: dt.date, style: str = "long") -> str:
    return f"{wareki(d, style)}（{WEEKDAY_JA[d.weekday()]}）"


def printed_choice(options: list[str], chosen: int | None, mark: str, sep: str = "・") -> str:
    """A printed choice list with one option marked the way offices type it:
    ○ before the option, (option) around it, ■/□ boxes, レ check."""
    parts = []
    for i, o in enumerate(options):
        on = i == chosen
        if mark == "box":
            parts.append(("■" if on else "□") + o)
        elif mark == "paren":
            parts.append(f"({o})" if on else o)
        elif mark == "check":
            parts.append(("レ" if on else "　") + o)
        else:  # ○ 〇 ◯ ●
            parts.append((mark if on else "") + o)
    return sep.join(parts)


LEVELS = ["要介護1", "要介護2", "要介護3", "要介護4", "要介護5"]
REASONS = ["1.一人暮らし", "2.家族等が障害、疾病等", "3.その他（　　　　　　　　）"]


def reason_options(other: str, chosen: int | None) -> list[str]:
    opts = list(REASONS)
    if chosen == 3:
        opts[2] = f"3.その他（{other}）"
    return opts
