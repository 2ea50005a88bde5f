"""Standard CSV files (利用者補足情報, 居宅サービス計画1表・2表) → the same ``CarePlan`` the workbook readers build.

A plan's rows are spread over three files and one file may hold many users, so a plan is named by a
*plan reference*: the path of one of its files and the line of its first record there
(``…/UP1KYO_….CSV#2``). The reference carries no personal data (no 被保険者番号), and reading it again
finds the same rows. Every value is ``Located`` at the file name, the line and the column name.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from xl_careplan.carecsv import spec as S
from xl_careplan.errors import WorkbookReadError
from xl_careplan.located import Loc
from xl_careplan.models import CarePlan, FormMap, LongGoal, Need, ReadingNote, ServiceRow, ShortGoal, Table1, Table2
from xl_careplan.record import fields_of

REF_SEP = "#"
MAX_BYTES = 50 * 1024 * 1024  # a plan file of the standard is a few kB per user; refuse anything absurd


class CsvReadError(WorkbookReadError):
    """A CSV file that is not a readable standard file (encoding, version, columns)."""


@dataclass
class Value:
    text: str
    file: str  # file name (not the path: locations name the file as the user sees it)
    line: int
    column: str

    @property
    def loc(self) -> Loc:
        return Loc(sheet=self.file, cell=f"{self.line}行目 {self.column}")


@dataclass
class Record:
    kind: S.FileKind
    path: Path
    line: int
    values: dict[str, Value] = field(default_factory=dict)

    def text(self, key: str) -> str:
        v = self.values.get(key)
        return v.text if v else ""

    def plan_key(self) -> tuple[str, str, str]:
        date_key = "changed_on" if self.kind in (S.T1, S.T2) else "created_on"
        return (self.text("insurer_no"), self.text("insured_no"), _date_key(self.text(date_key)))


def _date_key(text: str) -> str:
    from xl_careplan import parsing as P

    try:
        return P.parse_date(text).isoformat()
    except P.ParseError:
        return text.strip()


# ---------------------------------------------------------------- files

def _identity(path: Path) -> tuple[str, int, int] | None:
    """What a cached reading of a file is keyed by: a rewritten file is read again."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_size, st.st_mtime_ns)


def kind_of_file(path: Path) -> S.FileKind | None:
    """The kind of a standard CSV file: by its name, else by a header row of known column names."""
    k = S.kind_of_name(path.name)
    if k is not None:
        return k
    if path.suffix.lower() != ".csv":
        return None
    ident = _identity(path)
    return None if ident is None else _kind_by_content(ident)


@lru_cache(maxsize=4096)
def _kind_by_content(ident: tuple[str, int, int]) -> S.FileKind | None:
    try:
        with open(ident[0], "rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    first = head.split(b"\n", 1)[0]
    for enc in (S.ENCODING, "utf-8-sig"):
        try:
            names = next(csv.reader([first.decode(enc, errors="strict").strip("\r")]))
        except (UnicodeDecodeError, StopIteration, csv.Error):
            continue
        return _kind_by_header(names)
    return None


def _kind_by_header(names: list[str]) -> S.FileKind | None:
    names = [n.strip() for n in names]
    if not names or names[0] != "CSVバージョン":
        return None
    best, score = None, 0
    for k in S.PLAN_KINDS:
        known = {c.name for c in k.columns}
        hit = sum(1 for n in names if n in known)
        distinct = hit / max(len(known), 1)
        if distinct > score:
            best, score = k, distinct
    return best if score >= 0.6 else None


def _decode(path: Path) -> str:
    label = path.name
    try:
        size = path.stat().st_size
    except OSError as e:
        raise CsvReadError("ファイルを開けません", file=label) from e
    if size > MAX_BYTES:
        raise CsvReadError(f"ファイルが大きすぎます（{size // (1024 * 1024)} MB）。標準仕様の CSV ではないようです", file=label)
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise CsvReadError("UTF-8 で保存されています。標準仕様の CSV は Shift-JIS（MS932）です", file=label)
    try:
        return data.decode(S.ENCODING, errors="strict")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        try:
            data.decode("utf-8")
            why = "UTF-8 で保存されています。標準仕様の CSV は Shift-JIS（MS932）です"
        except UnicodeDecodeError:
            why = "Shift-JIS（MS932）として読めない文字があります"
        raise CsvReadError(f"{line}行目: {why}", file=label) from None


def read_records(path: Path, kind: S.FileKind | None = None) -> list[Record]:
    """All records of one standard file; CsvReadError names the file and line of the first problem."""
    kind = kind or kind_of_file(path)
    label = path.name
    if kind is None:
        raise CsvReadError("標準仕様（ケアプランデータ連携）の CSV ファイルではありません（ファイル名または見出し行が違います）", file=label)
    text = _decode(path)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        raise CsvReadError(f"CSV として読めません（{e}）", file=label) from None
    columns = [c.name for c in kind.columns]
    start = 0
    by_name: dict[str, int] | None = None
    if rows and rows[0] and rows[0][0].strip() == "CSVバージョン":
        header = [h.strip() for h in rows[0]]
        missing = [c.name for c in kind.columns if c.verified and c.name not in header]
        if missing:
            raise CsvReadError("1行目: 見出し行に必要な列がありません: " + "、".join(missing[:5]), file=label)
        by_name = {h: i for i, h in enumerate(header)}
        start = 1
    out: list[Record] = []
    for i, row in enumerate(rows[start:], start=start + 1):
        if not any(cell.strip() for cell in row):
            continue
        version = row[0].strip()
        if version not in S.KNOWN_VERSIONS:
            raise CsvReadError(
                f"{i}行目: CSVバージョン「{version[:10]}」はこのツールが扱える版（{'、'.join(S.KNOWN_VERSIONS)}）ではありません",
                file=label)
        if by_name is None and len(row) < len(columns):
            need = sum(1 for c in kind.columns if c.verified)
            if len(row) < need:
                raise CsvReadError(f"{i}行目: 列が足りません（{len(row)} 列。{kind.label}は {len(columns)} 列です）", file=label)
        rec = Record(kind=kind, path=path, line=i)
        for j, col in enumerate(kind.columns):
            idx = by_name.get(col.name) if by_name is not None else j
            if idx is None or idx >= len(row):
                continue
            rec.values[col.key] = Value(row[idx].strip(), label, i, col.name)
        out.append(rec)
    return out


# ---------------------------------------------------------------- plans

@dataclass
class PlanRows:
    key: tuple[str, str, str]
    t1: list[Record] = field(default_factory=list)
    t2: list[Record] = field(default_factory=list)
    hoju: list[Record] = field(default_factory=list)

    def anchor(self) -> Record:
        return (self.t1 or self.t2 or self.hoju)[0]


def standard_files(folder: Path) -> list[Path]:
    """The standard plan files directly in ``folder`` (by name or header), sorted."""
    out = []
    for p in sorted(folder.iterdir()):
        if p.is_file() and not p.name.startswith((".", "~$")) and p.suffix.lower() == ".csv":
            k = kind_of_file(p)
            if k is not None:
                out.append(p)
    return out


def group_plans(files: list[Path]) -> tuple[list[PlanRows], list[tuple[Path, CsvReadError]]]:
    """Plans found in ``files`` grouped by 保険者番号 + 被保険者番号 + 作成（変更）日, and per-file errors.

    A batch reads every plan of a folder through the same files, so the grouping is kept per set of
    file identities (a file rewritten since is read again)."""
    idents = tuple(_identity(p) or (str(p), -1, -1) for p in files)
    plans, errors = _grouped(idents)
    return list(plans), list(errors)


@lru_cache(maxsize=64)
def _grouped(idents: tuple[tuple[str, int, int], ...]) -> tuple[list[PlanRows], list[tuple[Path, CsvReadError]]]:
    plans: dict[tuple[str, str, str], PlanRows] = {}
    errors: list[tuple[Path, CsvReadError]] = []
    for ident in idents:
        p = Path(ident[0])
        kind = kind_of_file(p)
        if kind is S.T6 or kind is None:
            continue
        try:
            records = read_records(p, kind)
        except CsvReadError as e:
            errors.append((p, e))
            continue
        for r in records:
            pr = plans.setdefault(r.plan_key(), PlanRows(r.plan_key()))
            {"t1": pr.t1, "t2": pr.t2, "hoju": pr.hoju}[kind.key].append(r)
    # a plan needs 第1表 or 第2表: 補足情報 alone is the user's data, not a plan
    return [pr for pr in plans.values() if pr.t1 or pr.t2], errors


def plan_refs(files: list[Path]) -> tuple[list[str], list[tuple[Path, CsvReadError]]]:
    plans, errors = group_plans(files)
    refs = [f"{pr.anchor().path}{REF_SEP}{pr.anchor().line}" for pr in plans]
    return refs, errors


def is_plan_ref(path: str | os.PathLike) -> bool:
    s = str(path)
    if REF_SEP not in s:
        return False
    base, _, line = s.rpartition(REF_SEP)
    return line.isdigit() and base.lower().endswith(".csv")


def is_csv_source(path: str | os.PathLike) -> bool:
    return is_plan_ref(path) or str(path).lower().endswith(".csv")


def read_plan_ref(ref: str | os.PathLike) -> CarePlan:
    """The plan a reference names (or the only plan of a CSV file given by its path)."""
    s = str(ref)
    if is_plan_ref(s):
        base, _, line_s = s.rpartition(REF_SEP)
        path, line = Path(base), int(line_s)
    else:
        path, line = Path(s), None
    if not path.is_file():
        raise CsvReadError("ファイルが見つかりません", file=path.name)
    kind = kind_of_file(path)
    if kind is None:
        raise CsvReadError("標準仕様（ケアプランデータ連携）の CSV ファイルではありません（ファイル名または見出し行が違います）", file=path.name)
    if kind is S.T6:
        raise CsvReadError("第6表（サービス利用票）だけでは居宅サービス計画を点検できません。第1表・第2表の CSV も同じフォルダに置いてください", file=path.name)
    siblings = [p for p in standard_files(path.parent) if p != path]
    plans, errors = group_plans([path] + siblings)
    own_error = next((e for p, e in errors if p == path), None)
    if own_error is not None:  # errors in the named file itself are this plan's errors
        raise own_error
    if line is None:
        mine = [pr for pr in plans if any(r.path == path for r in pr.t1 + pr.t2 + pr.hoju)]
        if len(mine) != 1:
            raise CsvReadError(f"このファイルには {len(mine)} 件の計画があります。フォルダを指定して点検してください", file=path.name)
        pr = mine[0]
    else:
        pr = next((p for p in plans if any(r.path == path and r.line == line for r in p.t1 + p.t2 + p.hoju)), None)
        if pr is None:
            raise CsvReadError(f"{line}行目にデータがありません", file=path.name)
    return build_plan(pr, source=s)


# ---------------------------------------------------------------- model

def _with_located(cls, **values):
    """``cls(**values)``, each dict given (the helpers below) made into the field's Located[T]."""
    spec = fields_of(cls)
    return cls(**{k: spec[k].annotation(**v) if isinstance(v, dict) else v for k, v in values.items()})


def _lv(v: Value | None, parse=None) -> dict:
    from xl_careplan import parsing as P

    if v is None:
        return {}
    if not v.text:
        return dict(loc=v.loc)
    if parse is None:
        return dict(value=v.text, raw=v.text, loc=v.loc)
    try:
        return dict(value=parse(v.text), raw=v.text, loc=v.loc)
    except P.ParseError as e:
        return dict(raw=v.text, loc=v.loc, problem=str(e))


def _coded(v: Value | None, table: dict[str, str]) -> dict:
    """A code field (計画作成区分 1/2/3 …) as the meaning the workbook readers give; text is kept as written."""
    if v is None or not v.text:
        return _lv(v)
    meaning = table.get(v.text.strip().zfill(2) if table is S.CARE_LEVEL_CODES else v.text.strip())
    return dict(value=meaning or v.text, raw=v.text, loc=v.loc)


def _first(*vals: Value | None) -> Value | None:
    for v in vals:
        if v is not None and v.text:
            return v
    for v in vals:
        if v is not None:
            return v
    return None


def _joined(a: Value | None, b: Value | None) -> Value | None:
    if a is None:
        return b
    if b is None or not b.text:
        return a
    return Value((a.text + " " + b.text).strip(), a.file, a.line, a.column)


def _period(start: Value | None, end: Value | None) -> dict:
    from xl_careplan import parsing as P

    if start is None and end is None:
        return {}
    anchor = _first(start, end)
    raw = "～".join(v.text for v in (start, end) if v is not None and v.text)
    if not raw:
        return dict(loc=anchor.loc)
    try:
        value = P.parse_period(start.text if start else "", end.text if end else "")
    except P.ParseError as e:
        return dict(raw=raw, loc=anchor.loc, problem=str(e))
    return dict(value=value, raw=raw, loc=anchor.loc)


def _care_level(v: Value | None) -> dict:
    from xl_careplan import parsing as P

    if v is None or not v.text:
        return _lv(v)
    text = S.CARE_LEVEL_CODES.get(v.text.strip().zfill(2), v.text)
    try:
        return dict(value=P.parse_care_level(text), raw=v.text, loc=v.loc)
    except P.ParseError as e:
        return dict(raw=v.text, loc=v.loc, problem=str(e))


def _living_support(code: Value | None, other: Value | None) -> dict:
    if code is None or not code.text:
        return _lv(_first(other, code)) if other is not None and other.text else _lv(code)
    meaning = S.LIVING_SUPPORT_CODES.get(code.text.strip(), code.text)
    if meaning == "その他" and other is not None and other.text:
        meaning = other.text
    return dict(value=meaning, raw=code.text, loc=code.loc)


def build_plan(pr: PlanRows, source: str) -> CarePlan:
    from xl_careplan import parsing as P

    t1 = pr.t1[0] if pr.t1 else None
    hj = pr.hoju[0] if pr.hoju else None

    def g(rec: Record | None, key: str) -> Value | None:
        return rec.values.get(key) if rec is not None else None

    address = _joined(_first(g(hj, "address1"), g(t1, "address1")), _first(g(hj, "address2"), g(t1, "address2")))
    office = _joined(g(t1, "office"), _joined(g(t1, "office_address1"), g(t1, "office_address2")))
    table1 = _with_located(Table1,
        user_name=_lv(g(hj, "user_name")),
        birth_date=_lv(g(hj, "birth_date"), P.parse_date),
        address=_lv(address),
        care_manager=_lv(g(t1, "care_manager")),
        office=_lv(office),
        created_on=_lv(_first(g(t1, "changed_on"), g(t1, "created_on")), P.parse_date),
        first_created_on=_lv(g(t1, "first_created_on"), P.parse_date),
        plan_kind=_coded(g(t1, "plan_kind"), S.PLAN_KIND_CODES),
        certification_status=_coded(g(t1, "certification_status"), S.CERT_STATUS_CODES),
        certified_on=_lv(_first(g(t1, "certified_on"), g(hj, "certified_on")), P.parse_date),
        cert_period=_period(_first(g(t1, "cert_start"), g(hj, "cert_start")), _first(g(t1, "cert_end"), g(hj, "cert_end"))),
        care_level=_care_level(_first(g(t1, "care_level"), g(hj, "care_level"))),
        user_intent=_lv(g(t1, "user_intent")),
        committee_opinion=_lv(g(t1, "committee_opinion")),
        overall_policy=_lv(g(t1, "overall_policy")),
        living_support_reason=_living_support(g(t1, "living_support_code"), g(t1, "living_support_other")),
    )
    anchor = pr.anchor()
    return CarePlan(source=source, table1=table1, table2=_table2(pr.t2), layout="standard-csv",
                    sheets=sorted({r.path.name for r in pr.t1 + pr.t2 + pr.hoju}), notes=_not_carried(pr, anchor),
                    forms=_forms(pr))


def _forms(pr: PlanRows) -> list[FormMap]:
    """The map `read` shows: which file was read as which form."""
    def files(*groups: list[Record]) -> list[str]:
        return list(dict.fromkeys(r.path.name for g in groups for r in g))

    out = []
    if pr.t1 or pr.hoju:
        out.append(FormMap(part="第1表", sheets=files(pr.t1, pr.hoju), how="standard-csv"))
    if pr.t2:
        out.append(FormMap(part="第2表", sheets=files(pr.t2), how="standard-csv"))
    return out


# What the standard does not carry: said once per plan (読み取りメモ), and the rules that need it stay silent.
NOT_CARRIED = ("第3表（週間サービス計画表）", "第4表（サービス担当者会議の要点）", "アセスメント", "モニタリング記録",
               "第1表の説明・同意日と交付日", "方針と異なる理由")


def _not_carried(pr: PlanRows, anchor: Record) -> list[ReadingNote]:
    loc = Loc(sheet=anchor.path.name, cell=f"{anchor.line}行目")
    notes = [ReadingNote(part="標準仕様CSV", loc=loc,
                         message="標準仕様（ケアプランデータ連携）の CSV には " + "・".join(NOT_CARRIED)
                         + " が含まれないため、これらを使う点検はしません",
                         looked="利用者補足情報・居宅サービス計画1表・2表")]
    missing = [k.label for k, rows in ((S.HOJU, pr.hoju), (S.T1, pr.t1), (S.T2, pr.t2)) if not rows]
    if missing:
        notes.append(ReadingNote(part="標準仕様CSV", loc=loc,
                                 message="同じ計画（保険者番号・被保険者番号・作成日が同じ）の " + "・".join(missing)
                                 + " のファイルが見つかりません（その内容の点検はしません）",
                                 looked=f"フォルダ「{anchor.path.parent.name}」の CSV"))
    return notes


def _table2(rows: list[Record]) -> Table2:
    from xl_careplan import parsing as P

    if not rows:
        return Table2()
    needs: dict[str, Need] = {}
    long_by: dict[tuple[str, str, str], LongGoal] = {}
    short_by: dict[tuple[str, str], ShortGoal] = {}
    for r in sorted(rows, key=lambda r: (_num(r.text("need_no")), _num(r.text("goal_no")), _num(r.text("service_no")), r.line)):
        v = r.values
        nkey = r.text("need_no") or r.text("need")
        need = needs.get(nkey)
        if need is None:
            need = needs[nkey] = _with_located(Need, number=len(needs) + 1, text=_lv(v.get("need")))
        lkey = (nkey, r.text("long_goal"), r.text("long_period"))
        lg = long_by.get(lkey)
        if lg is None:
            lg = long_by[lkey] = _with_located(LongGoal, text=_lv(v.get("long_goal")), period=_lv(v.get("long_period"), P.parse_period))
            need.long_goals.append(lg)
        skey = (nkey, r.text("goal_no") or r.text("short_goal"))
        sg = short_by.get(skey)
        if sg is None:
            sg = short_by[skey] = _with_located(ShortGoal, text=_lv(v.get("short_goal")), period=_lv(v.get("short_period"), P.parse_period))
            lg.short_goals.append(sg)
        if r.text("content") or r.text("service_type"):
            sg.services.append(_with_located(ServiceRow,
                content=_lv(v.get("content")),
                insured=_insured(v.get("insured")),
                service_type=_lv(v.get("service_type")),
                provider=_lv(v.get("provider")),
                frequency=_lv(v.get("frequency"), P.parse_frequency),
                period=_lv(v.get("period"), P.parse_period),
            ))
    return Table2(sheet=rows[0].path.name, needs=list(needs.values()))


def _insured(v: Value | None) -> dict:
    from xl_careplan import parsing as P

    if v is None or not v.text:
        return _lv(v)
    t = v.text.strip()
    if t in S.INSURED_CODES:
        return dict(value=S.INSURED_CODES[t], raw=t, loc=v.loc)
    return _lv(v, P.parse_mark)


def _num(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 10**9


def expand_sources(files: list[Path]) -> list[Path]:
    """What a batch checks for these CSV files: one plan reference per plan, and each unreadable or
    non-standard file as itself (checking it then reports why, naming the file and line)."""
    kinds = {p: kind_of_file(p) for p in files}
    other = [p for p, k in kinds.items() if k is None]
    refs, errors = plan_refs([p for p, k in kinds.items() if k is not None and k is not S.T6])
    bad = [p for p, _ in errors]
    only_t6 = [p for p, k in kinds.items() if k is S.T6] if not refs else []
    return [Path(r) for r in refs] + sorted(set(bad) | set(other) | set(only_t6))


def plan_files(ref: str | os.PathLike) -> set[str]:
    """The paths of the files a plan reference's rows come from."""
    base, _, line_s = str(ref).rpartition(REF_SEP)
    path = Path(base)
    plans, _ = group_plans(standard_files(path.parent))
    for pr in plans:
        a = pr.anchor()
        if a.path == path and a.line == int(line_s):
            return {str(r.path) for r in pr.t1 + pr.t2 + pr.hoju}
    return set()
