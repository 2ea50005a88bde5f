"""Annotate a workbook file: a copy next to it (default), into a folder, or in place after a backup.

Before writing with openpyxl the zip is inspected (``safety.unpreservable_parts``). When something
would be lost, the workbook is not written: a separate report workbook ``<stem>_点検結果.xlsx``
holding only the 点検結果 sheet is written instead and ``WriteRefusedError`` is raised.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from xl_careplan import __version__
from xl_careplan.errors import WriteRefusedError
from xl_careplan.findings import Finding
from xl_careplan.writer.annotate import AnnotateSummary, annotate
from xl_careplan.writer.file_access import FileWorkbook
from xl_careplan.writer.safety import unpreservable_parts

ANNOTATED_SUFFIX = "_点検済"
REPORT_SUFFIX = "_点検結果"


@dataclass
class WriteResult:
    path: Path  # the annotated workbook (or, when refused, the separate report)
    summary: AnnotateSummary
    backup: Path | None = None  # --in-place: copy of the original taken before writing
    refused: bool = False
    lost: list[str] = field(default_factory=list)  # what would have been lost (refused only)

    def __str__(self) -> str:
        return str(self.path)


def annotated_path(path: Path, output_dir: str | os.PathLike | None) -> Path:
    folder = Path(output_dir) if output_dir else path.parent
    return folder / f"{path.stem}{ANNOTATED_SUFFIX}{path.suffix}"


def report_path(path: Path, output_dir: str | os.PathLike | None) -> Path:
    folder = Path(output_dir) if output_dir else path.parent
    return folder / f"{path.stem}{REPORT_SUFFIX}.xlsx"


def backup_path(path: Path, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.bak-{stamp}{path.suffix}")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.bak-{stamp}-{n}{path.suffix}")
        n += 1
    return candidate


class _ReportWorkbook(FileWorkbook):
    """A fresh workbook that only receives the 点検結果 sheet."""

    def __init__(self, label: str):  # noqa: D107 - no file to open
        self.path = None
        self.label = label
        self.wb = Workbook()
        self._grid = None


def _save_atomically(fw: FileWorkbook, dest: Path) -> None:
    """Save next to the destination then rename, so a failed save never leaves half a file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".xlcp-", suffix=dest.suffix, dir=dest.parent)
    os.close(fd)
    try:
        fw.save(tmp)
        os.replace(tmp, dest)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_report(path: Path, findings: list[Finding], *, profile: str, today: dt.date, dest: Path) -> AnnotateSummary:
    """The 点検結果 sheet alone, in a new workbook (used when the original cannot be written safely)."""
    rep = _ReportWorkbook(str(path))
    default = rep.wb.active
    # no cells of the original are reachable: list every finding on the summary sheet only
    summary = annotate(rep, [f.model_copy(update={"sheet": f.sheet, "cell": f.cell}) for f in findings],
                       profile=profile, tool_version=__version__, today=today)
    rep.wb.remove(default)
    rep.wb.remove(rep.wb["_xlcp_state"])
    rep.wb.active = 0
    # links point into the original workbook, which is not this file: drop them
    for row in rep.wb.worksheets[0].iter_rows():
        for cell in row:
            if cell.hyperlink is not None:
                cell.hyperlink = None
                cell.font = cell.font.copy(color=None, underline=None)
    _save_atomically(rep, dest)
    return summary


def annotate_file(
    path: str | os.PathLike,
    findings: list[Finding],
    *,
    profile: str,
    today: dt.date,
    output_dir: str | os.PathLike | None = None,
    in_place: bool = False,
) -> WriteResult:
    """Write findings into a copy of ``path`` (or into ``path`` itself after a backup).

    Raises WriteRefusedError (after writing the separate report) when openpyxl would lose parts
    of the workbook; the original is never modified in that case.
    """
    src = Path(path)
    label = str(path)
    lost = unpreservable_parts(src)
    if lost:
        dest = report_path(src, output_dir)
        write_report(src, findings, profile=profile, today=today, dest=dest)
        items = "、".join(lost)
        raise WriteRefusedError(
            f"このブックに書き込むと次の内容が失われるため、書き込みませんでした: {items}。"
            f"点検結果は別のファイル {dest} に保存しました（元のファイルは変更していません）。",
            file=label,
        )

    fw = FileWorkbook(src, label=label)
    try:
        summary = annotate(fw, findings, profile=profile, tool_version=__version__, today=today)
        backup = None
        if in_place:
            backup = backup_path(src)
            shutil.copy2(src, backup)
            dest = src
        else:
            dest = annotated_path(src, output_dir)
            if dest.resolve() == src.resolve():
                raise WriteRefusedError("出力先が元のファイルと同じです。別のフォルダを指定してください。", file=label)
        _save_atomically(fw, dest)
    finally:
        fw.close()
    return WriteResult(path=dest, summary=summary, backup=backup)
