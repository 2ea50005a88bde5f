"""Put formulas' cached results back after openpyxl has saved a workbook.

openpyxl writes every formula with an empty result (``<v/>``). Excel recalculates on open, but
everything else that reads the file without calculating — our own reader on a second check,
python-calamine, file previews — would see empty cells where the original showed values
(typically 利用者名 repeated on each sheet with ``=第1表!B4``). We never change plan cells, so the
original's cached results are still right: copy them into the written sheets, cell by cell,
only where both files hold a formula in that cell.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape
from xl_careplan.writer.zipparts import read_parts, rewrite_zip

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

# a formula cell as openpyxl writes it: <c r="B1" s="3"><f ...>...</f><v /></c>
_OUT_CELL = re.compile(r'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*)>(<f(?:\s[^>]*)?>.*?</f>|<f(?:\s[^>]*)?/>)<v\s*/>', re.S)


def sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> worksheet part name."""
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels.findall(f"{{{NS_PKG}}}Relationship"):
        t = rel.get("Target", "")
        targets[rel.get("Id")] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join("xl", t))
    out = {}
    for s in wb.iter(f"{{{NS_MAIN}}}sheet"):
        part = targets.get(s.get(f"{{{NS_R}}}id"))
        if part and part.startswith("xl/worksheets/"):
            out[s.get("name")] = part
    return out


def _cached(xml: bytes) -> dict[str, tuple[str | None, str]]:
    """ref -> (type attribute, cached text) for formula cells with a cached result."""
    out = {}
    for _, el in ET.iterparse(_BytesIO(xml), events=("end",)):
        if el.tag == f"{{{NS_MAIN}}}c":
            f = el.find(f"{{{NS_MAIN}}}f")
            v = el.find(f"{{{NS_MAIN}}}v")
            if f is not None and v is not None and v.text is not None and el.get("r"):
                out[el.get("r")] = (el.get("t"), v.text)
            el.clear()
    return out


def _BytesIO(b: bytes):
    import io

    return io.BytesIO(b)


def restore_cached_values(original: str | Path, written: str | Path) -> int:
    """Copy cached formula results from ``original`` into ``written`` (rewritten in place). Returns cells filled."""
    with zipfile.ZipFile(original) as a:
        a_parts = sheet_parts(a)
        cached = {name: _cached(a.read(part)) for name, part in a_parts.items()}
    cached = {k: v for k, v in cached.items() if v}
    if not cached:
        return 0
    written = Path(written)
    with zipfile.ZipFile(written) as b:
        b_parts = sheet_parts(b)
        infos, data = read_parts(b)
    filled = 0
    for name, values in cached.items():
        part = b_parts.get(name)
        if part is None or part not in data:
            continue
        text = data[part].decode("utf-8")

        def put(m: re.Match) -> str:
            nonlocal filled
            ref, attrs, formula = m.group(1), m.group(2), m.group(3)
            hit = values.get(ref)
            if hit is None or ' t="' in attrs:
                return m.group(0)
            kind, value = hit
            filled += 1
            t = f' t="{kind}"' if kind in ("str", "b", "e") else ""
            return f'<c r="{ref}"{attrs}{t}>{formula}<v>{escape(value)}</v>'

        data[part] = _OUT_CELL.sub(put, text).encode("utf-8")
    if not filled:
        return 0
    rewrite_zip(written, infos, data, tag="cache")
    return filled
