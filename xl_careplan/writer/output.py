"""Write into a workbook file: a copy next to it (default), into a folder, or in place after a backup.

``write_copy(path, edit, suffix=...)`` is the one way a workbook file is changed (annotation here,
the monitoring schedule in ``commands/schedule.py``). Steps: inspect the zip for what openpyxl would
lose (``safety.unpreservable_parts``, counting drawings we can carry as kept) → refuse when the
destination is open in Excel (lock file ``~$…``) → ``edit`` through ``FileWorkbook`` → save to a
temporary file next to the destination → put back what openpyxl drops but we can restore byte for
byte (formulas' cached results, drawings with their pictures/charts, printer settings, …) → compare
the saved zip with the original (``safety.saved_losses``) → back up (in place) → rename into place.

When something would be lost, the workbook is not written and the caller's ``refuse`` raises
(the original is never modified in that case). For annotation a separate report workbook
``<stem>_点検結果.xlsx`` holding only the 点検結果 sheet is written and ``WriteRefusedError`` is raised.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, NoReturn, TypeVar
from xml.etree import ElementTree as ET

from openpyxl import Workbook

from xl_careplan import __version__
from xl_careplan.errors import WriteRefusedError, XlCareplanError
from xl_careplan.findings import Finding
from xl_careplan.fields import SHEET_RESULTS
from xl_careplan.writer.annotate import RESULT_WIDTHS, AnnotateSummary, annotate, result_rows
from xl_careplan.writer.cached import restore_cached_values
from xl_careplan.writer.file_access import FileWorkbook
from xl_careplan.writer.furigana import restore_furigana
from xl_careplan.writer.safety import saved_losses, unpreservable_parts
from xl_careplan.writer.transplant import (
    TransplantError,
    carried_drawings,
    carry_custom_xml,
    carry_printer_settings,
    carry_raw_elements,
    carry_sheet_extensions,
    transplant_drawings,
    transplant_links,
)

ANNOTATED_SUFFIX = "_点検済"
REPORT_SUFFIX = "_点検結果"
_UMASK = os.umask(0o022)  # read once at import (os.umask can only be read by setting it)
os.umask(_UMASK)


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


class _ReportWorkbook(FileWorkbook):
    """A fresh workbook that only receives the 点検結果 sheet."""

    def __init__(self, label: str):  # noqa: D107 - no file to open
        self.path = None
        self.label = label
        self.wb = Workbook()
        self._grid = None


@contextmanager
def _temporary_next_to(dest: Path, suffix: str) -> Iterator[Path]:
    """An empty temporary file in the destination's folder (created if needed), to be renamed onto
    ``dest`` once complete, so a failed save never leaves half a file; removed if not renamed."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".xlcp-", suffix=suffix, dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        if tmp.exists():
            tmp.unlink()


def _save_atomically(fw: FileWorkbook, dest: Path) -> None:
    """Save next to the destination then rename."""
    with _temporary_next_to(dest, dest.suffix) as tmp:
        fw.save(tmp)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600 files: a report is an ordinary file
        os.replace(tmp, dest)


def write_report(path: Path, findings: list[Finding], *, profile: str, today: dt.date, dest: Path,
                 note: str | None = None) -> None:
    """The 点検結果 sheet alone, in a new workbook (used when the original cannot be written safely).

    Cells of the original are not reachable from here, so the sheet lists sheet and cell as text
    without links.
    """
    rep = _ReportWorkbook(str(path))
    default = rep.wb.active
    rows, _links, fills = result_rows(findings, profile=profile, tool_version=__version__, today=today, sheet_names=set())
    if note and rows[5] == []:  # the blank line under the counts
        rows[5] = ["元のブック", note]
    rep.write_sheet(SHEET_RESULTS, rows, col_widths=RESULT_WIDTHS)
    for ref, rgb in fills.items():
        rep.set_fill(SHEET_RESULTS, ref, rgb)
    rep.wb.remove(default)
    rep.wb.active = 0
    _save_atomically(rep, dest)


def open_for_writing(src: Path, label: str | None = None) -> FileWorkbook:
    """FileWorkbook ready for ``save_preserving``: drawings we carry over are not written by openpyxl."""
    fw = FileWorkbook(src, label=label)
    for sheet in carried_drawings(src):
        fw.wb[sheet]._images = []
        fw.wb[sheet]._charts = []
    return fw


def save_preserving(fw: FileWorkbook, src: Path, tmp: Path) -> list[str]:
    """Save ``fw`` (from ``open_for_writing(src)``) to ``tmp``, put back what openpyxl drops and we can
    restore byte for byte, then compare with ``src``. Returns what would still be lost (empty: keep ``tmp``).

    Used by ``write_copy`` (after ``unpreservable_parts(src, carry_drawings=True)``), which other writers should call.
    """
    fw.save(tmp)
    fw.close()
    try:
        restore_cached_values(src, tmp)  # openpyxl drops formulas' results; the originals are still right
        restore_furigana(src, tmp)  # readings of names typed through the IME, ph="1"
        transplant_drawings(src, tmp, carried_drawings(src))  # pictures, shapes, charts: byte for byte
        carry_printer_settings(src, tmp)  # the printer driver's settings (tray, duplex, …)
        carry_sheet_extensions(src, tmp)  # list validations from other sheets, sparklines
        transplant_links(src, tmp)  # header/footer pictures, sheet backgrounds
        carry_raw_elements(src, tmp)  # protected ranges, furigana settings, ignored errors, file sharing
        carry_custom_xml(src, tmp)  # custom XML parts (document properties kept by SharePoint and others)
    except (TransplantError, KeyError, ET.ParseError) as e:
        return [f"保存後に元のブックから戻す部分（画像・グラフ・入力規則など: {e}）"]
    shutil.copymode(src, tmp)  # mkstemp makes 0600 files: keep the original's permissions
    return saved_losses(src, tmp)  # second, empirical check on what was actually written


T = TypeVar("T")


def lost_message(lost: list[str]) -> str:
    return f"このブックに書き込むと次の内容が失われるため、書き込みませんでした: {'、'.join(lost)}。"


def write_copy(
    path: str | os.PathLike,
    edit: Callable[[FileWorkbook], T],
    *,
    suffix: str,
    output_dir: str | os.PathLike | None = None,
    in_place: bool = False,
    refuse: Callable[[str], NoReturn] | None = None,
) -> tuple[Path, Path | None, T]:
    """Apply ``edit`` to a copy of ``path`` (``copy_path(path, output_dir, suffix)``), or to ``path``
    itself after a backup ``<stem>.bak-YYYYmmdd-HHMMSS<ext>``; returns (written file, backup or None,
    what ``edit`` returned).

    ``edit`` changes the workbook through ``FileWorkbook`` (the ``WorkbookAccess`` protocol) only; it
    may raise ``WriteRefusedError`` when it will not write (e.g. a sheet of ours would replace the
    user's). ``refuse(why)`` is called with the Japanese reason whenever the workbook is not written
    because something would be lost or the edit refused; it must raise. By default it raises
    ``WriteRefusedError``. The original is never modified in that case, nor when saving fails
    (``XlCareplanError`` with a Japanese message).
    """
    src = Path(path)
    label = str(path)

    def refused(why: str) -> NoReturn:
        if refuse is not None:
            refuse(why)
        raise WriteRefusedError(f"{why}（元のファイルは変更していません）", file=label)

    lost = unpreservable_parts(src, carry_drawings=True)
    if lost:
        refused(lost_message(lost))
    dest = src if in_place else copy_path(src, output_dir, suffix)
    if not in_place and dest.resolve() == src.resolve():
        raise WriteRefusedError("出力先が元のファイルと同じです。別のフォルダを指定してください。", file=label)
    for target in {src, dest} if in_place else {dest}:
        if (target.parent / f"~${target.name}").exists():
            raise XlCareplanError(
                f"{target.name} は Excel で開かれているようです。閉じてから、もう一度実行してください。", file=label)
    fw = open_for_writing(src, label)
    try:
        try:
            result = edit(fw)
        except WriteRefusedError as e:
            fw.close()
            refused(e.message)
        except BaseException:
            fw.close()
            raise
        with _temporary_next_to(dest, src.suffix) as tmp:
            lost = save_preserving(fw, src, tmp)
            if lost:
                tmp.unlink()
                refused(lost_message(lost))
            backup = None
            if in_place:
                backup = backup_path(src)
                shutil.copy2(src, backup)
            os.replace(tmp, dest)
    except OSError as e:
        raise XlCareplanError(
            f"{dest} に保存できませんでした（{type(e).__name__}）。ファイルを Excel で開いていないか、"
            "フォルダに書き込めるかを確認してください。", file=label) from e
    return dest, backup, result


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

    Raises WriteRefusedError (after writing the separate report ``<stem>_点検結果.xlsx``) when
    openpyxl would lose parts of the workbook; the original is never modified in that case.
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
        src, lambda fw: annotate(fw, findings, profile=profile, tool_version=__version__, today=today),
        suffix=ANNOTATED_SUFFIX, output_dir=output_dir, in_place=in_place, refuse=refuse)
    return WriteResult(path=dest, summary=summary, backup=backup)
