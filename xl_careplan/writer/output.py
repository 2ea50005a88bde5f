"""Write into a workbook file: a copy next to it (default), into a folder, or in place after a backup.

``write_copy(path, edit, suffix=...)`` is the one way a workbook file is changed (annotation here,
the monitoring schedule in ``commands/schedule.py``). Steps: the reader's guards (a real xlsx, sizes
within the limits) → refuse when the destination is open in Excel (lock file ``~$…``) or read-only →
``edit`` through ``PackageWorkbook`` (the ``WorkbookAccess`` protocol over the zip package: only the
parts an annotation touches are edited, every other part is copied byte for byte) → the new package
in memory → back up (in place) → put in place atomically (``atomic.place``: a kill or a full disk
leaves nothing behind).

The edit may refuse (``WriteRefusedError``, e.g. a sheet of ours would replace the user's); then the
caller's ``refuse`` raises. For annotation a separate report workbook ``<stem>_点検結果.xlsx`` holding
only the 点検結果 sheet is written and ``WriteRefusedError`` is raised.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NoReturn, TypeVar

from xl_careplan import __version__
from xl_careplan.errors import WriteRefusedError, XlCareplanError
from xl_careplan.fields import SHEET_RESULTS
from xl_careplan.findings import Finding
from xl_careplan.package import Package
from xl_careplan.writer import atomic
from xl_careplan.writer.annotate import RESULT_WIDTHS, AnnotateSummary, annotate, result_rows
from xl_careplan.writer.editor import PackageWorkbook
from xl_careplan.writer.zippkg import empty_workbook

ANNOTATED_SUFFIX = "_点検済"
REPORT_SUFFIX = "_点検結果"


@dataclass
class WriteResult:
    path: Path  # the annotated workbook
    summary: AnnotateSummary
    backup: Path | None = None  # --in-place: copy of the original taken before writing

    def __str__(self) -> str:
        return str(self.path)


def copy_path(path: Path, output_dir: str | os.PathLike | None, suffix: str) -> Path:
    """``<stem><suffix><ext>`` next to ``path`` or in ``output_dir``; a stem already ending in ``suffix``
    keeps its name (no 「_点検済_点検済」)."""
    folder = Path(output_dir) if output_dir else path.parent
    stem = path.stem if path.stem.endswith(suffix) else path.stem + suffix
    return folder / f"{stem}{path.suffix}"


def annotated_path(path: Path, output_dir: str | os.PathLike | None) -> Path:
    return copy_path(path, output_dir, ANNOTATED_SUFFIX)


def report_path(path: Path, output_dir: str | os.PathLike | None) -> Path:
    folder = Path(output_dir) if output_dir else path.parent
    stem = path.stem.removesuffix(ANNOTATED_SUFFIX)
    return folder / f"{stem}{REPORT_SUFFIX}.xlsx"


def backup_path(path: Path, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.bak-{stamp}{path.suffix}")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.bak-{stamp}-{n}{path.suffix}")
        n += 1
    return candidate


def write_report(path: Path, findings: list[Finding], *, profile: str, today: dt.date, dest: Path,
                 note: str | None = None) -> None:
    """The 点検結果 sheet alone, in a new workbook (used when the original cannot be written).

    Cells of the original are not reachable from here, so the sheet lists sheet and cell as text
    without links.
    """
    rep = PackageWorkbook(io.BytesIO(empty_workbook()), str(path))
    rows, _links, fills = result_rows(findings, profile=profile, tool_version=__version__, today=today, sheet_names=set())
    if note and rows[5] == []:  # the blank line under the counts
        rows[5] = ["元のブック", note]
    rep.write_sheet(SHEET_RESULTS, rows, col_widths=RESULT_WIDTHS)
    for ref, rgb in fills.items():
        rep.set_fill(SHEET_RESULTS, ref, rgb)
    buf = io.BytesIO()
    rep.save(buf)
    rep.close()
    try:
        atomic.place(buf.getvalue(), dest)
    except OSError as e:
        raise atomic.save_error(dest, e, str(path)) from None


T = TypeVar("T")


def _destination(src: Path, output_dir: str | os.PathLike | None, suffix: str, in_place: bool, label: str) -> Path:
    """Where ``write_copy`` writes; refused when that is the original itself (not in place), a file open
    in Excel, or read-only."""
    dest = src if in_place else copy_path(src, output_dir, suffix)
    if not in_place and dest.resolve() == src.resolve():
        raise WriteRefusedError("出力先が元のファイルと同じです。別のフォルダを指定してください。", file=label)
    for target in {src, dest} if in_place else {dest}:
        if (target.parent / f"~${target.name}").exists():
            raise XlCareplanError(
                f"{target.name} は Excel で開かれているようです。閉じてから、もう一度実行してください。", file=label)
    if atomic.is_read_only(dest):
        raise XlCareplanError(f"{dest.name} は読み取り専用のため、書き込みませんでした（元のファイルは変更していません）。"
                              "読み取り専用を解除するか、--output で別のフォルダを指定してください。", file=label)
    return dest


def write_copy(
    path: str | os.PathLike,
    edit: Callable[[PackageWorkbook], T],
    *,
    suffix: str,
    output_dir: str | os.PathLike | None = None,
    in_place: bool = False,
    refuse: Callable[[str], NoReturn] | None = None,
    package: Package | None = None,
) -> tuple[Path, Path | None, T]:
    """Apply ``edit`` to a copy of ``path`` (``copy_path(path, output_dir, suffix)``), or to ``path``
    itself after a backup ``<stem>.bak-YYYYmmdd-HHMMSS<ext>``; returns (written file, backup or None,
    what ``edit`` returned).

    ``edit`` changes the workbook through ``PackageWorkbook`` (the ``WorkbookAccess`` protocol) only;
    it may raise ``WriteRefusedError`` when it will not write (e.g. a sheet of ours would replace the
    user's). ``refuse(why)`` is called with the Japanese reason whenever the workbook is not written
    because the edit refused; it must raise. By default it raises ``WriteRefusedError``. The original
    is never modified in that case, nor when saving fails (``XlCareplanError`` with a Japanese
    message, and no file left behind).

    ``package``: ``path`` already opened by ``reading.open_workbook_file`` (the check read the same open
    file); the edit takes it over and closes it.
    """
    from xl_careplan.reading import open_workbook_file

    src = Path(path)
    label = str(path)

    def refused(why: str) -> NoReturn:
        if refuse is not None:
            refuse(why)
        raise WriteRefusedError(f"{why}（元のファイルは変更していません）", file=label)

    # a real xlsx/xlsm within the size limits (the editor reads no cell grid), opened once for the edit
    pkg = package if package is not None else open_workbook_file(src, label)
    try:
        dest = _destination(src, output_dir, suffix, in_place, label)
    except BaseException:
        pkg.close()
        raise
    try:
        wb = PackageWorkbook(src, label, package=pkg)  # closes the package when it refuses
    except WriteRefusedError as e:  # a package the editor cannot edit safely (its own Japanese reason)
        refused(e.message)
    try:
        try:
            result = edit(wb)
        except WriteRefusedError as e:
            refused(e.message)
        buf = io.BytesIO()
        wb.save(buf)
    finally:
        wb.close()
    backup = None
    try:
        mode = src.stat().st_mode & 0o777
        if in_place:
            backup = backup_path(src)
            atomic.place(src.read_bytes(), backup, mode=mode, replace=False)
        atomic.place(buf.getvalue(), dest, mode=mode)
    except OSError as e:
        raise atomic.save_error(dest if backup is None or backup.exists() else backup, e, label) from None
    return dest, backup, result


def annotate_file(
    path: str | os.PathLike,
    findings: list[Finding],
    *,
    profile: str,
    today: dt.date,
    output_dir: str | os.PathLike | None = None,
    in_place: bool = False,
    package: Package | None = None,
) -> WriteResult:
    """Write findings into a copy of ``path`` (or into ``path`` itself after a backup); ``package`` as
    ``write_copy`` takes it.

    Raises WriteRefusedError (after writing the separate report ``<stem>_点検結果.xlsx``) when the
    workbook cannot be written (a sheet named 点検結果 of the user's own, …); the original is never
    modified in that case.
    """
    src = Path(path)

    def refuse(why: str) -> NoReturn:
        dest = report_path(src, output_dir)
        write_report(src, findings, profile=profile, today=today, dest=dest, note=f"{src.name}: {why}")
        raise WriteRefusedError(
            f"{why}点検結果は別のファイル {dest} に保存しました（元のファイルは変更していません）。",
            file=str(path),
        )

    dest, backup, summary = write_copy(
        src, lambda wb: annotate(wb, findings, profile=profile, tool_version=__version__, today=today),
        suffix=ANNOTATED_SUFFIX, output_dir=output_dir, in_place=in_place, refuse=refuse, package=package)
    return WriteResult(path=dest, summary=summary, backup=backup)
