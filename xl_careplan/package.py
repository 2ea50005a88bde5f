"""An xlsx file's zip package, read by part name: what the reader's guards, the grid reader and the writer
share (the file is opened once for a written copy: the guards' checks, then the editor).

Parts are named as OOXML names them ('xl/workbook.xml'), whatever the zip calls the member: part names
compare case-insensitively and some tools write 'xl\\workbook.xml' (``ooxml.part_key``). A part read as
text remembers its encoding (UTF-16 stays UTF-16 when the writer puts it back, ``encode``). Sizes are
bounded by ``reading.check_sizes`` before any part is inflated.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

from xl_careplan import ooxml


class Package:
    def __init__(self, source: str | Path | BinaryIO):
        self.zf = zipfile.ZipFile(source)
        try:
            self.infos = self.zf.infolist()
            self.members = ooxml.member_index(i.filename for i in self.infos)  # part key -> member name
        except BaseException:
            self.zf.close()
            raise
        self.names = {ooxml.part_name(m) for m in self.members.values()}  # part names
        self.backslash = any("\\" in i.filename for i in self.infos)
        self.workbook = ""  # the workbook part and its bytes, once the guards found them (``reading``)
        self.workbook_xml = b""
        self._cache: dict[str, bytes] = {}
        self.keep_parts = False  # set when the package is shared by the check and the writer (``keep``)
        self._encodings: dict[str, tuple[str, bytes]] = {}  # part key -> (codec, BOM) of a part read as text

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def has(self, name: str) -> bool:
        return ooxml.part_key(name) in self.members

    def member(self, name: str) -> str | None:
        """The zip member of a part (None when the package has no such part)."""
        return self.members.get(ooxml.part_key(name))

    def part(self, name: str) -> bytes:
        key = ooxml.part_key(name)
        if key not in self._cache:
            self._cache[key] = self.zf.read(self.members[key])
        return self._cache[key]

    def keep(self, member: str, data: bytes) -> None:
        """A part another pass inflated whole (``reading.scan_sheet``), kept for ``part``."""
        self._cache.setdefault(ooxml.part_key(member), data)

    def get(self, name: str) -> bytes | None:
        return self.part(name) if self.has(name) else None

    read = get

    def text(self, name: str) -> str:
        data = self.part(name)
        self._encodings[ooxml.part_key(name)] = ooxml.encoding_of(data)
        return ooxml.decode(data)

    def encode(self, name: str, text: str) -> bytes:
        """A changed part's new text in the encoding it was read in."""
        codec, bom = self._encodings.get(ooxml.part_key(name), ("utf-8", b""))
        return bom + text.encode(codec)
