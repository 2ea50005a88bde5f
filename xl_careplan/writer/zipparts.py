"""Rewrite a saved workbook's zip with some parts changed or added (the carry-back passes share this)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path


def rewrite_zip(written: Path, infos: list[zipfile.ZipInfo], data: dict[str, bytes],
                added: dict[str, bytes] | None = None, tag: str = "tmp") -> None:
    """Write ``infos`` (in their order, with ``data`` as content) plus ``added`` next to ``written``,
    then replace it, so a failure never leaves a half-written workbook."""
    tmp = written.with_name(f"{written.name}.{tag}")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info in infos:
            out.writestr(info, data[info.filename])
        for name, payload in (added or {}).items():
            out.writestr(name, payload)
    os.replace(tmp, written)


def read_parts(z: zipfile.ZipFile) -> tuple[list[zipfile.ZipInfo], dict[str, bytes]]:
    """Every part of an open zip, in order, with its bytes: what ``rewrite_zip`` takes back."""
    infos = z.infolist()
    return infos, {i.filename: z.read(i.filename) for i in infos}
