"""Put furigana (ふりがな) back after openpyxl has saved a workbook.

Text typed through a Japanese IME carries its reading (``<rPh>`` runs and ``<phoneticPr>`` in the
shared string), used by PHONETIC(), sorting by reading and the 「ふりがなの表示」 button. openpyxl
keeps only the text, and drops the cell's ``ph="1"`` (show furigana) too. We never change plan
cells, so for every cell whose text is still the same we copy the original string's markup back
into the written cell (openpyxl writes inline strings: ``<is>…</is>`` takes the same content as
``<si>…</si>``) and restore ``ph="1"``.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import unescape

from xl_careplan.writer.cached import sheet_parts
from xl_careplan.writer.zipparts import read_parts, rewrite_zip

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SI = re.compile(r"<si(?:\s[^>]*)?>(.*?)</si>|<si(?:\s[^>]*)?/>", re.S)
_OUT_STR = re.compile(r'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*)><is>(.*?)</is>', re.S)


def _plain(inner: str) -> str:
    """The visible text of string markup (runs' text, without the reading)."""
    inner = re.sub(r"<rPh\b.*?</rPh>", "", inner, flags=re.S)
    return unescape("".join(re.findall(r"<t(?:\s[^>]*)?>(.*?)</t>", inner, flags=re.S)))


def _shared_strings(z: zipfile.ZipFile) -> list[str]:
    try:
        text = z.read("xl/sharedStrings.xml").decode("utf-8")
    except KeyError:
        return []
    if re.search(r"<\w+:si[\s>/]", text):
        return []  # written with prefixes: leave it
    return [m.group(1) or "" for m in _SI.finditer(text)]


def _wanted(z: zipfile.ZipFile, part: str, sst: list[str]) -> tuple[dict[str, str], set[str]]:
    """ref -> original string markup with readings; refs showing furigana (ph="1")."""
    markup, shown = {}, set()
    raw = z.read(part)
    # inline strings (as openpyxl writes them, e.g. in a copy we annotated before)
    for m in _OUT_STR.finditer(raw.decode("utf-8")):
        if "<rPh" in m.group(3):
            markup[m.group(1)] = m.group(3)
    for _, el in ET.iterparse(io.BytesIO(raw), events=("end",)):
        if el.tag != f"{{{NS_MAIN}}}c":
            continue
        ref = el.get("r")
        if ref and el.get("ph") in ("1", "true"):
            shown.add(ref)
        if ref and el.get("t") == "s":
            v = el.find(f"{{{NS_MAIN}}}v")
            try:
                inner = sst[int(v.text)] if v is not None and v.text else None
            except (ValueError, IndexError):
                inner = None
            if inner and "<rPh" in inner:
                markup[ref] = inner
        el.clear()
    return markup, shown


def restore_furigana(original: str | Path, written: str | Path) -> int:
    """Copy readings and ph="1" from ``original`` into ``written`` (rewritten in place). Returns cells changed."""
    with zipfile.ZipFile(original) as a:
        sst = _shared_strings(a)
        wanted = {}
        for name, part in sheet_parts(a).items():
            markup, shown = _wanted(a, part, sst)
            if markup or shown:
                wanted[name] = (markup, shown)
    if not wanted:
        return 0
    written = Path(written)
    with zipfile.ZipFile(written) as b:
        infos, data = read_parts(b)
        b_parts = sheet_parts(b)
    changed = 0
    for name, (markup, shown) in wanted.items():
        part = b_parts.get(name)
        if part is None or part not in data:
            continue
        text = data[part].decode("utf-8")

        def put(m: re.Match) -> str:
            nonlocal changed
            ref, attrs, inner = m.group(1), m.group(2), m.group(3)
            new_inner = inner
            orig = markup.get(ref)
            if orig is not None and _plain(orig) == _plain(inner):
                new_inner = orig
            if ref in shown and " ph=" not in attrs:
                attrs += ' ph="1"'
            if new_inner is inner and attrs == m.group(2):
                return m.group(0)
            changed += 1
            return f'<c r="{ref}"{attrs}><is>{new_inner}</is>'

        data[part] = _OUT_STR.sub(put, text).encode("utf-8")
    if not changed:
        return 0
    rewrite_zip(written, infos, data, tag="furigana")
    return changed
