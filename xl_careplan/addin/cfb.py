"""A minimal writer of Compound File Binary files ([MS-CFB], version 3), for ``vbaProject.bin``.

olefile reads compound files but can only overwrite a stream with one of the same size, so the
VBA project we build from source needs a writer. Version 3 (512-byte sectors), streams under the
4,096-byte cut-off in the mini stream, no DIFAT (enough for files up to ~7 MB), zero timestamps
so a build is byte-for-byte reproducible. Siblings form a balanced binary tree ordered as the
spec says (shorter name first, then upper-cased code units), coloured so that it is a valid
red-black tree. Read back in the tests with olefile and oletools (independent readers).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")

# A storage is a dict of name -> bytes (a stream) or dict (a storage), in any order.
Tree = dict


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[int] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    red: bool = False
    start: int = ENDOFCHAIN
    size: int = 0


def _key(name: str) -> tuple[int, str]:
    return (len(name), name.upper())


def _flatten(tree: Tree) -> list[_Entry]:
    entries = [_Entry("Root Entry", 5)]

    def add(storage: Tree, parent: int) -> None:
        for name, value in storage.items():
            if not 0 < len(name) <= 31 or any(c in name for c in "/\\:!"):
                raise ValueError(f"bad compound file entry name {name!r}")
            idx = len(entries)
            if isinstance(value, dict):
                entries.append(_Entry(name, 1))
                entries[parent].children.append(idx)
                add(value, idx)
            else:
                entries.append(_Entry(name, 2, bytes(value), size=len(value)))
                entries[parent].children.append(idx)

    add(tree, 0)
    for e in entries:
        if e.kind != 2:
            e.child = _sibling_tree(entries, sorted(e.children, key=lambda i: _key(entries[i].name)))
    return entries


def _sibling_tree(entries: list[_Entry], ordered: list[int]) -> int:
    """Balanced tree over ``ordered``; the deepest level is red unless the tree is perfect."""
    if not ordered:
        return NOSTREAM
    depth: dict[int, int] = {}

    def build(lo: int, hi: int, d: int) -> int:
        if lo >= hi:
            return NOSTREAM
        mid = (lo + hi) // 2
        node = ordered[mid]
        depth[node] = d
        entries[node].left = build(lo, mid, d + 1)
        entries[node].right = build(mid + 1, hi, d + 1)
        return node

    root = build(0, len(ordered), 0)
    deepest = max(depth.values())
    if len(ordered) != 2 ** (deepest + 1) - 1:
        for node, d in depth.items():
            entries[node].red = d == deepest
    return root


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else ENDOFCHAIN


def _pad(data: bytes, unit: int) -> bytes:
    return data + b"\0" * (-len(data) % unit)


def write(tree: Tree) -> bytes:
    """The compound file holding ``tree`` (root storage's children)."""
    entries = _flatten(tree)
    streams = [e for e in entries if e.kind == 2]

    mini = bytearray()
    minifat: list[int] = []
    for e in streams:
        if e.size < MINI_CUTOFF:
            first = len(mini) // MINI_SECTOR
            count = -(-e.size // MINI_SECTOR)
            e.start = first if count else ENDOFCHAIN
            mini += _pad(e.data, MINI_SECTOR)
            minifat.extend([0] * count)
            _chain(minifat, first, count)

    # sector layout: big streams, mini stream, mini FAT, directory, FAT
    body: list[bytes] = []
    fat: list[int] = []

    def place(data: bytes, marker: int | None = None) -> int:
        first = len(fat)
        count = -(-len(data) // SECTOR)
        if count == 0:
            return ENDOFCHAIN
        fat.extend([0] * count)
        if marker is None:
            _chain(fat, first, count)
        else:
            fat[first:] = [marker] * count
        body.append(_pad(data, SECTOR))
        return first

    for e in streams:
        if e.size >= MINI_CUTOFF:
            e.start = place(e.data)
    root = entries[0]
    root.start = place(bytes(mini))
    root.size = len(mini)
    minifat += [FREESECT] * (-len(minifat) % (SECTOR // 4))
    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat)
    first_minifat = place(minifat_bytes)
    n_minifat = len(minifat_bytes) // SECTOR

    directory = b"".join(_dir_entry(e) for e in entries)
    directory += _empty_entry() * (-len(entries) % (SECTOR // 128))
    first_dir = place(directory)

    n_fat = 1
    while (len(fat) + n_fat) > n_fat * (SECTOR // 4):
        n_fat += 1
    if n_fat > 109:
        raise ValueError("compound file too large for this writer (no DIFAT)")
    first_fat = len(fat)
    fat.extend([FATSECT] * n_fat)
    fat.extend([FREESECT] * (n_fat * (SECTOR // 4) - len(fat)))
    body.append(struct.pack(f"<{len(fat)}I", *fat))

    difat = list(range(first_fat, first_fat + n_fat)) + [FREESECT] * (109 - n_fat)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        SIGNATURE, b"\0" * 16, 0x003E, 0x0003, 0xFFFE, 9, 6, b"\0" * 6,
        0, n_fat, first_dir, 0, MINI_CUTOFF,
        first_minifat if n_minifat else ENDOFCHAIN, n_minifat, ENDOFCHAIN, 0,
    ) + struct.pack("<109I", *difat)
    assert len(header) == SECTOR
    return header + b"".join(body)


def _dir_entry(e: _Entry) -> bytes:
    name = e.name.encode("utf-16-le") + b"\0\0"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name, len(name), e.kind, 0 if e.red else 1, e.left, e.right, e.child,
        b"\0" * 16, 0, 0, 0, e.start if e.kind != 1 else 0, e.size if e.kind != 1 else 0,
    )


def _empty_entry() -> bytes:
    return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0, 0, 0, 0, 0)
