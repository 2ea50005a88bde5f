"""``vbaProject.bin`` built from VBA source files ([MS-OVBA]), so the add-in's macros are ours to audit.

What we write, per [MS-OVBA] 2.2–2.4:

- ``VBA/<module>``: each module's source, compressed (2.4.1), at offset 0: no p-code. Excel compiles
  the project from source on first load.
- ``VBA/_VBA_PROJECT``: the 7-byte form whose Version is 0xFFFF, "the performance cache is not
  valid" (2.3.4.1): Excel must not use cached p-code. xlwings' own template ships this form.
- ``VBA/dir`` (2.3.4.2): the template's PROJECTINFORMATION and PROJECTREFERENCES records as they
  are (code page, LCIDs, references to the VBA, Excel, Office and MSForms libraries), our project name,
  and one MODULE record per source file.
- ``PROJECT`` (2.3.1) and ``PROJECTwm`` (2.3.3): the module list and names; the template's project
  id and protection fields (which encode "not protected, visible") are kept.

The sources are ASCII (checked), so the template's code page (1252) cannot garble them.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from xl_careplan.addin import cfb

CHUNK = 4096
# _VBA_PROJECT with Version 0xFFFF: no valid performance cache (bytes as in xlwings' template)
VBA_PROJECT_NO_CACHE = bytes.fromhex("cc61ffff000100")


# ---------------------------------------------------------------------------------------------
# compression (MS-OVBA 2.4.1.3)


def _copy_token_bits(pos: int) -> int:
    """BitCount of a copy token at ``pos`` bytes into the decompressed chunk (2.4.1.3.19.1)."""
    return max((pos - 1).bit_length(), 4)


def _compress_chunk(chunk: bytes) -> bytes:
    n = len(chunk)
    body = bytearray()
    heads: dict[bytes, list[int]] = {}
    pos = 0

    def remember(p: int) -> None:
        if p + 3 <= n:
            heads.setdefault(chunk[p : p + 3], []).append(p)

    while pos < n:
        flag_at = len(body)
        body.append(0)
        flags = 0
        for bit in range(8):
            if pos >= n:
                break
            best_len = best_off = 0
            if pos >= 1 and pos + 3 <= n:
                bits = _copy_token_bits(pos)
                max_len = min((0xFFFF >> bits) + 3, n - pos)
                for cand in reversed(heads.get(chunk[pos : pos + 3], [])[-64:]):
                    length = 3
                    while length < max_len and chunk[cand + length] == chunk[pos + length]:
                        length += 1
                    if length > best_len:
                        best_len, best_off = length, pos - cand
                        if length == max_len:
                            break
            if best_len >= 3:
                bits = _copy_token_bits(pos)
                body += struct.pack("<H", ((best_off - 1) << (16 - bits)) | (best_len - 3))
                flags |= 1 << bit
                for p in range(pos, pos + best_len):
                    remember(p)
                pos += best_len
            else:
                body.append(chunk[pos])
                remember(pos)
                pos += 1
        body[flag_at] = flags
    if len(body) <= CHUNK:
        return struct.pack("<H", 0xB000 | (len(body) + 2 - 3)) + bytes(body)
    if n == CHUNK:  # incompressible: a raw chunk (CompressedChunkFlag 0)
        return struct.pack("<H", 0x3FFF) + chunk
    raise ValueError("a short final chunk that does not compress cannot be stored")


def compress(data: bytes) -> bytes:
    """A CompressedContainer of ``data``."""
    return b"\x01" + b"".join(_compress_chunk(data[i : i + CHUNK]) for i in range(0, len(data), CHUNK))


# ---------------------------------------------------------------------------------------------
# the project


@dataclass(frozen=True)
class Module:
    name: str
    kind: str  # "module" (standard, .bas), "class" (.cls), "document" (ThisWorkbook, a sheet)
    source: str  # as stored: Attribute lines first, CRLF line ends

    @property
    def code(self) -> bytes:
        return self.source.encode("ascii")


def normalise_source(text: str) -> str:
    """CRLF line ends, one final line end: how the VBA editor stores a module."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"
    return text.replace("\n", "\r\n")


def module_name_of(source: str) -> str:
    m = re.match(r'Attribute VB_Name = "([A-Za-z][A-Za-z0-9_]*)"\r?\n', source)
    if not m:
        raise ValueError('a VBA source must start with Attribute VB_Name = "<name>"')
    return m.group(1)


def _records(data: bytes) -> list[tuple[int, bytes]]:
    """The dir stream's records as (id, body); PROJECTVERSION's size field is not its length."""
    out, i = [], 0
    while i < len(data):
        rid, size = struct.unpack_from("<HI", data, i)
        if rid == 0x0009:
            size = 6
        out.append((rid, data[i + 6 : i + 6 + size]))
        i += 6 + size
    return out


def _rec(rid: int, body: bytes) -> bytes:
    return struct.pack("<HI", rid, 4 if rid == 0x0009 else len(body)) + body


def _template_parts(template_dir: bytes) -> tuple[list[tuple[int, bytes]], int]:
    """Records before PROJECTMODULES (information and references), and the project code page."""
    recs = _records(template_dir)
    head = []
    for rid, body in recs:
        if rid == 0x000F:
            break
        head.append((rid, body))
    else:
        raise ValueError("the template's dir stream has no PROJECTMODULES record")
    codepage = next(struct.unpack("<H", body)[0] for rid, body in head if rid == 0x0003)
    return head, codepage


def dir_stream(template_dir: bytes, project_name: str, modules: list[Module]) -> bytes:
    """Decompressed dir stream: the template's information and references, our name and modules."""
    head, codepage = _template_parts(template_dir)
    enc = f"cp{codepage}"
    out = bytearray()
    for rid, body in head:
        out += _rec(rid, project_name.encode(enc) if rid == 0x0004 else body)
    out += _rec(0x000F, struct.pack("<H", len(modules)))
    out += _rec(0x0013, struct.pack("<H", 0xFFFF))
    for m in modules:
        name, uname = m.name.encode(enc), m.name.encode("utf-16-le")
        out += _rec(0x0019, name) + _rec(0x0047, uname)
        out += _rec(0x001A, name) + _rec(0x0032, uname)
        out += _rec(0x001C, b"") + _rec(0x0048, b"")
        out += _rec(0x0031, struct.pack("<I", 0))  # source at offset 0: no p-code before it
        out += _rec(0x001E, struct.pack("<I", 0))
        out += _rec(0x002C, struct.pack("<H", 0xFFFF))
        out += _rec(0x0021 if m.kind == "module" else 0x0022, b"")
        out += _rec(0x002B, b"")
    out += _rec(0x0010, b"")
    return bytes(out)


def project_stream(template_project: bytes, project_name: str, modules: list[Module], codepage: int) -> bytes:
    """The PROJECT stream: the template's id, properties and protection fields, our modules and name."""
    enc = f"cp{codepage}"
    lines = template_project.decode(enc).split("\r\n")
    kept, section = [], ""
    for line in lines:
        if line.startswith("["):
            section = line
        if section == "" and re.match(r"(Document|Module|Class|BaseClass|Package)=", line):
            continue
        if section == "[Workspace]" and "=" in line:
            continue  # editor window positions of the template's modules
        if section == "" and line.startswith("Name="):
            line = f'Name="{project_name}"'
        kept.append(line)
    decl = []
    for m in modules:
        if m.kind == "document":
            decl.append(f"Document={m.name}/&H00000000")
        elif m.kind == "class":
            decl.append(f"Class={m.name}")
        else:
            decl.append(f"Module={m.name}")
    id_at = next(i for i, line in enumerate(kept) if line.startswith("ID="))
    kept[id_at + 1 : id_at + 1] = decl
    while kept and kept[-1] == "":
        kept.pop()
    return ("\r\n".join(kept) + "\r\n").encode(enc)


def projectwm_stream(modules: list[Module], codepage: int) -> bytes:
    out = bytearray()
    for m in modules:
        out += m.name.encode(f"cp{codepage}") + b"\0" + m.name.encode("utf-16-le") + b"\0\0"
    return bytes(out + b"\0\0")


def build_vba_project(
    modules: list[Module], project_name: str, *, template_dir: bytes, template_project: bytes
) -> bytes:
    """The compound file ``vbaProject.bin`` for ``modules`` (template streams decompressed / as stored)."""
    for m in modules:
        m.code  # noqa: B018 - raises UnicodeEncodeError for a non-ASCII source
        if module_name_of(m.source) != m.name:
            raise ValueError(f"module {m.name}: its Attribute VB_Name differs")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,30}", project_name):
        raise ValueError(f"bad VBA project name {project_name!r}")
    _head, codepage = _template_parts(template_dir)
    vba: dict[str, bytes | dict] = {"_VBA_PROJECT": VBA_PROJECT_NO_CACHE, "dir": compress(dir_stream(template_dir, project_name, modules))}
    for m in modules:
        vba[m.name] = compress(m.code)
    return cfb.write(
        {
            "PROJECT": project_stream(template_project, project_name, modules, codepage),
            "PROJECTwm": projectwm_stream(modules, codepage),
            "VBA": vba,
        }
    )
