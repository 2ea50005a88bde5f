"""A CarePlan (read from a workbook) → the standard CSV files 利用者補足情報, 居宅サービス計画1表, 2表.

Nothing is replaced silently: a character outside MS932 is reported with its cell and nothing is written;
numbers the workbook does not hold (保険者番号, 被保険者番号, 事業所番号) come from the workbook when it has
them, else from the caller (command-line options), else the export names what is missing.
The three files are written to temporary names and renamed only when all are complete.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from xl_careplan.carecsv import spec as S
from xl_careplan.errors import XlCareplanError
from xl_careplan.models import CarePlan


class ExportError(XlCareplanError):
    """The plan cannot be written as standard CSV (what is missing or not encodable is in the message)."""


@dataclass
class Ids:
    insurer_no: str | None = None  # 保険者番号 (6 桁)
    insured_no: str | None = None  # 被保険者番号 (10 桁)
    sender: str | None = None  # 送信元 = この居宅介護支援事業所の事業所番号 (10 桁)
    receiver: str | None = None  # 送信先 = サービス事業所の事業所番号 (10 桁)

    def merged(self, other: "Ids") -> "Ids":
        """Self's values, completed from ``other``."""
        return Ids(*(a or b for a, b in zip(vars(self).values(), vars(other).values())))


_ID_RULES = {
    "insurer_no": ("保険者番号", 6, "--insurer-no"),
    "insured_no": ("被保険者番号", 10, "--insured-no"),
    "sender": ("送信元の事業所番号（この事業所）", 10, "--office-no"),
    "receiver": ("送信先の事業所番号", 10, "--to"),
}


def _check_ids(ids: Ids, file: str) -> None:
    missing, bad = [], []
    for key, (label, digits, option) in _ID_RULES.items():
        v = getattr(ids, key)
        if not v:
            missing.append(f"{label}（{option}）")
        elif not re.fullmatch(rf"\d{{{digits}}}", v):
            bad.append(f"{label}「{v}」は半角数字 {digits} 桁です")
    if missing:
        raise ExportError("ブックにない番号があります。次のオプションで指定してください: " + "、".join(missing), file=file)
    if bad:
        raise ExportError("、".join(bad), file=file)


# ---------------------------------------------------------------- values

def _date(v) -> str:
    return v.strftime("%Y%m%d") if isinstance(v, dt.date) else ""


def _period_text(lv) -> str:
    p = lv.value
    if p is None:
        return lv.raw or ""
    start = p.start.strftime("%Y/%m/%d") if p.start else ""
    end = p.end.strftime("%Y/%m/%d") if p.end else ""
    return f"{start}～{end}" if end else (f"{start}～" if start else "")


def _text(lv) -> str:
    if lv.value is None:
        return lv.raw or ""
    return str(lv.value)


class _Cells:
    """The rows of one file, with the workbook cell each value came from (for encoding messages)."""

    def __init__(self, kind: S.FileKind):
        self.kind = kind
        self.rows: list[list[str]] = []
        self.origins: list[list[str | None]] = []

    def add(self, values: dict[str, tuple[str, object]]) -> None:
        row, origin = [], []
        for col in self.kind.columns:
            text, lv = values.get(col.key, ("", None))
            row.append(text)
            loc = getattr(lv, "loc", None)
            origin.append(str(loc) if loc is not None else None)
        self.rows.append(row)
        self.origins.append(origin)


def _unencodable(text: str) -> list[str]:
    out = []
    for ch in text:
        try:
            ch.encode(S.ENCODING)
        except UnicodeEncodeError:
            out.append(ch)
    return out


def _char_name(ch: str) -> str:
    return f"「{ch}」(U+{ord(ch):04X} {unicodedata.name(ch, '')})".replace(" )", ")")


def build_files(plan: CarePlan, ids: Ids) -> dict[S.FileKind, _Cells]:
    t1 = plan.table1
    common = {"version": (S.CSV_VERSION, None), "insurer_no": (ids.insurer_no, None), "insured_no": (ids.insured_no, None)}
    created = t1.created_on
    changed = t1.changed_on if t1.changed_on.value else t1.created_on

    hoju = _Cells(S.HOJU)
    hoju.add(common | {
        "created_on": (_date(changed.value), changed),
        "user_name": (_text(t1.user_name), t1.user_name),
        "birth_date": (_date(t1.birth_date.value), t1.birth_date),
        "address1": (_text(t1.address), t1.address),
        "certified_on": (_date(t1.certified_on.value), t1.certified_on),
        "care_level": (S.code_for(S.CARE_LEVEL_CODES, t1.care_level.value.value if t1.care_level.value else None), t1.care_level),
        "cert_start": (_date(t1.cert_period.value.start if t1.cert_period.value else None), t1.cert_period),
        "cert_end": (_date(t1.cert_period.value.end if t1.cert_period.value else None), t1.cert_period),
    })

    living = _text(t1.living_support_reason)
    living_code = S.code_for(S.LIVING_SUPPORT_CODES, living)
    if living and not living_code:
        living_code = S.code_for(S.LIVING_SUPPORT_CODES, "その他")
    t1c = _Cells(S.T1)
    t1c.add(common | {
        "created_on": (_date(created.value), created),
        "address1": (_text(t1.address), t1.address),
        "care_manager": (_text(t1.care_manager), t1.care_manager),
        "office": (_text(t1.office), t1.office),
        "office_code": (ids.sender, None),
        "changed_on": (_date(changed.value), changed),
        "first_created_on": (_date(t1.first_created_on.value), t1.first_created_on),
        "plan_kind": (S.code_for(S.PLAN_KIND_CODES, _text(t1.plan_kind)) or _text(t1.plan_kind), t1.plan_kind),
        "certification_status": (S.code_for(S.CERT_STATUS_CODES, _text(t1.certification_status)) or _text(t1.certification_status), t1.certification_status),
        "certified_on": (_date(t1.certified_on.value), t1.certified_on),
        "cert_start": (_date(t1.cert_period.value.start if t1.cert_period.value else None), t1.cert_period),
        "cert_end": (_date(t1.cert_period.value.end if t1.cert_period.value else None), t1.cert_period),
        "care_level": (t1.care_level.value.value if t1.care_level.value else (t1.care_level.raw or ""), t1.care_level),
        "user_intent": (_text(t1.user_intent), t1.user_intent),
        "committee_opinion": (_text(t1.committee_opinion), t1.committee_opinion),
        "overall_policy": (_text(t1.overall_policy), t1.overall_policy),
        "living_support_code": (living_code, t1.living_support_reason),
        "living_support_other": (living if living_code == "3" and living != "その他" else "", t1.living_support_reason),
    })

    t2c = _Cells(S.T2)
    head = common | {"created_on": (_date(created.value), created), "changed_on": (_date(changed.value), changed)}
    goal_no = 0
    for need in plan.table2.needs:
        for lg in need.long_goals:
            for sg in lg.short_goals:
                goal_no += 1
                base = head | {
                    "need_no": (str(need.number), None),
                    "need": (_text(need.text), need.text),
                    "goal_no": (str(goal_no), None),
                    "long_goal": (_text(lg.text), lg.text),
                    "short_goal": (_text(sg.text), sg.text),
                    "long_period": (_period_text(lg.period), lg.period),
                    "short_period": (_period_text(sg.period), sg.period),
                }
                if not sg.services:
                    t2c.add(base)
                for n, s in enumerate(sg.services, start=1):
                    t2c.add(base | {
                        "service_no": (str(n), None),
                        "content": (_text(s.content), s.content),
                        "insured": ("1" if s.insured.value else "", s.insured),
                        "service_type": (_text(s.service_type), s.service_type),
                        "provider": (_text(s.provider), s.provider),
                        "frequency": (s.frequency.raw or "", s.frequency),
                        "period": (_period_text(s.period), s.period),
                    })
    return {S.HOJU: hoju, S.T1: t1c, S.T2: t2c}


def encoding_problems(files: dict[S.FileKind, _Cells]) -> list[str]:
    """One Japanese line per value that holds a character outside MS932, naming the workbook cell."""
    out = []
    for kind, cells in files.items():
        for row, origin in zip(cells.rows, cells.origins):
            for col, text, where in zip(kind.columns, row, origin):
                bad = _unencodable(text or "")
                if bad:
                    place = where or f"{kind.label}の{col.name}"
                    out.append(f"{place}: Shift-JIS（MS932）にない文字 {'、'.join(_char_name(c) for c in dict.fromkeys(bad))}")
    return list(dict.fromkeys(out))


def export_plan(plan: CarePlan, out_dir: str | os.PathLike, ids: Ids, stamp: str | None = None) -> list[Path]:
    """Write the three files into ``out_dir``; returns their paths. ExportError when it cannot be done whole."""
    file = plan.source or ""
    _check_ids(ids, file)
    if not plan.table2.needs and not plan.table1.user_name.value:
        raise ExportError("第1表・第2表の内容が読み取れないため書き出せません", file=file)
    files = build_files(plan, ids)
    problems = encoding_problems(files)
    if problems:
        shown = problems[:20] + ([f"ほか {len(problems) - 20} 件"] if len(problems) > 20 else [])
        raise ExportError("標準仕様の CSV に書けない文字があります（置き換えずに中止しました）。セルを直してください:\n  "
                          + "\n  ".join(shown), file=file)
    stamp = stamp or dt.datetime.now().strftime("%Y%m%d%H%M%S")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    targets = {k: out / k.file_name(ids.sender, ids.receiver, stamp) for k in files}
    existing = [p.name for p in targets.values() if p.exists()]
    if existing:
        raise ExportError("同じ名前のファイルがすでにあります: " + "、".join(existing), file=file)
    temps: list[Path] = []
    placed: list[Path] = []
    try:
        for kind, cells in files.items():
            buf = io.StringIO(newline="")
            w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
            w.writerows(cells.rows)
            fd, tmp = tempfile.mkstemp(prefix=".xlcp-csv-", suffix=".tmp", dir=out)
            temps.append(Path(tmp))
            with os.fdopen(fd, "wb") as f:
                f.write(buf.getvalue().encode(S.ENCODING))
                f.flush()
                os.fsync(f.fileno())
        for kind, tmp in zip(files, temps):
            os.replace(tmp, targets[kind])
            placed.append(targets[kind])
    except OSError as e:
        for p in temps + placed:  # none of the set, rather than part of it
            p.unlink(missing_ok=True)
        raise ExportError(f"CSV を書き込めませんでした（{e.strerror or e}）", file=file) from None
    return list(targets.values())
