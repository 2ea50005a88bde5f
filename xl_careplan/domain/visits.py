"""Kinds of monitoring contact: a home visit (居宅訪問), a video interview (テレビ電話装置等), or a call.

The monitoring rule (CP170) and the office report's 今月のモニタリング list judge a row the same way.
"""

from __future__ import annotations

from typing import Any

from xl_careplan.domain.services import norm

VIDEO = ("テレビ電話", "ビデオ通話", "ビデオ", "オンライン", "web面談", "WEB面談", "Web面談")


def _text(v: Any) -> str:
    value = getattr(v, "value", None)
    return value if isinstance(value, str) else (getattr(v, "raw", None) or "")


def is_video(row: Any) -> bool:
    """テレビ電話装置等による面接 (令和6年度改正で、条件付きで2月に1回まで居宅訪問に代えられる)."""
    method = norm(_text(row.method))
    return any(norm(v) in method for v in VIDEO)


def is_visit(row: Any) -> bool:
    """A home visit (居宅訪問), not a call nor a video interview: judged from 方法, else from 種別, else from
    the record's own text (「自宅を訪問し面接」) when neither says."""
    method = norm(_text(row.method))
    kind = norm(_text(row.kind))
    if method:
        if "電話" in method or "連絡" in method or "オンライン" in method or is_video(row):
            return False
        return "訪問" in method or "面接" in method or "自宅" in method or "居宅" in method
    if "電話" in kind or "連絡" in kind:
        return False
    if "訪問" in kind:
        return True
    note = norm(_text(getattr(row, "note", None)))
    if "電話" in note or "オンライン" in note or any(norm(v) in note for v in VIDEO):
        return False
    return "訪問" in note or "自宅" in note or "居宅" in note or "面接" in note
