"""Writing the edited package: parts we do not edit are copied compressed bytes and all.

``write(pkg, dest_fh, changed, added, removed)`` (``pkg``: the open ``package.Package``, read by part
name) writes every member in the original order — an unchanged member's local header and compressed
data are copied as they are (no inflate, no deflate), so its content is byte-identical by construction —
then the changed ones deflated, then the new parts.

A changed part keeps its member name and its text encoding (UTF-16 stays UTF-16); new parts follow the
package's path separator.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import BinaryIO

from xl_careplan import ooxml
from xl_careplan.package import Package

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_DATA_DESCRIPTOR = 0x08


def write(pkg: Package, fh: BinaryIO, changed: dict[str, bytes | str], added: dict[str, bytes],
          removed: frozenset[str] = frozenset()) -> None:
    """The edited package into an open binary file (``changed``: existing parts with new content,
    text re-encoded as the part was; all keyed by part name)."""
    changed = {ooxml.part_key(k): pkg.encode(k, v) if isinstance(v, str) else v for k, v in changed.items()}
    removed = frozenset(ooxml.part_key(k) for k in removed)
    with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as out:
        for info in pkg.infos:
            key = ooxml.part_key(info.filename)
            if key in removed:
                continue
            if key in changed and pkg.members[key] == info.filename:
                zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                zi.filename = info.filename  # as it was (ZipInfo turns '\\' into '/' on Windows)
                zi.external_attr = info.external_attr
                _put_deflated(out, zi, changed[key])
                continue
            _copy_raw(out, info, _raw(pkg, info))
        for name, data in added.items():
            if pkg.backslash:
                name = name.replace("/", "\\")
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.filename = name
            zi.external_attr = 0o600 << 16
            _put_deflated(out, zi, data)


def _raw(pkg: Package, info: zipfile.ZipInfo) -> bytes:
    fp = pkg.zf.fp
    fp.seek(info.header_offset)
    head = fp.read(_LOCAL_HEADER.size)
    sig, *_rest, name_len, extra_len = _LOCAL_HEADER.unpack(head)
    if sig != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    fp.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
    return fp.read(info.compress_size)


def _put_deflated(out: zipfile.ZipFile, zi: zipfile.ZipInfo, data: bytes) -> None:
    """Deflate a part ourselves: zipfile's compressor (memLevel 8) allocates a state large enough to be
    mapped fresh for every part, which cost more than the compression; memLevel 5 gives the same size.
    Level 1: on the parts an annotation changes (sheets, notes, our own sheets: some 55 kB a plan) it
    took 0.8 ms a plan against 1.3 ms at zlib's default 6, for 1 kB more in the file."""
    c = zlib.compressobj(1, zlib.DEFLATED, -15, 5)
    raw = c.compress(data) + c.flush()
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.CRC = zlib.crc32(data)
    zi.file_size = len(data)
    zi.compress_size = len(raw)
    _append(out, zi, raw)


def _copy_raw(out: zipfile.ZipFile, info: zipfile.ZipInfo, raw: bytes) -> None:
    """Append a member's compressed bytes as they are (what ``ZipFile.writestr`` does after compressing)."""
    zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    zi.filename = info.filename
    zi.compress_type = info.compress_type
    zi.external_attr = info.external_attr
    zi.create_system = info.create_system
    zi.flag_bits = info.flag_bits & ~_DATA_DESCRIPTOR  # sizes go in the local header
    zi.CRC = info.CRC
    zi.compress_size = info.compress_size
    zi.file_size = info.file_size
    _append(out, zi, raw)


def _append(out: zipfile.ZipFile, zi: zipfile.ZipInfo, raw: bytes) -> None:
    zi.header_offset = out.fp.tell()
    zip64 = zi.file_size > zipfile.ZIP64_LIMIT or zi.compress_size > zipfile.ZIP64_LIMIT
    out.fp.write(zi.FileHeader(zip64))
    out.fp.write(raw)
    out.filelist.append(zi)
    out.NameToInfo[zi.filename] = zi
    out.start_dir = out.fp.tell()


EMPTY_WORKBOOK: dict[str, str] = {
    ooxml.CONTENT_TYPES: (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Types xmlns="{ooxml.NS_CT}"><Default Extension="rels" ContentType="{ooxml.CT_RELS}"/>'
        f'<Default Extension="xml" ContentType="{ooxml.CT_XML}"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ooxml.CT_WORKBOOK}"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{ooxml.CT_STYLES}"/></Types>'),
    ooxml.ROOT_RELS: (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{ooxml.NS_PKG_REL}"><Relationship Id="rId1" Type="{ooxml.REL_OFFICE_DOCUMENT}" '
        'Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{ooxml.NS_MAIN}" xmlns:r="{ooxml.NS_R}"><bookViews><workbookView activeTab="0"/>'
        '</bookViews><sheets></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{ooxml.NS_PKG_REL}"><Relationship Id="rId1" Type="{ooxml.REL_STYLES}" '
        'Target="styles.xml"/></Relationships>'),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<styleSheet xmlns="{ooxml.NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="游ゴシック"/>'
        '<family val="3"/><charset val="128"/><scheme val="minor"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="標準" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
}


def empty_workbook() -> bytes:
    """A workbook without sheets, the base of the separate 点検結果 report (the editor adds the sheet)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in EMPTY_WORKBOOK.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), text.encode("utf-8"),
                       compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()
