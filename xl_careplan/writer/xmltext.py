"""A careful string-level XML editor: find elements and attributes, splice text, never re-serialise.

The parts we edit keep every byte we do not change (namespace prefixes, attribute order,
whitespace, unknown extensions), which a parse + serialise round trip would not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape as _html_unescape  # not xml.sax.saxutils: it imports urllib.request, ssl, email (15 ms)

_TAG_RE = re.compile(r"<(/?)([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)((?:\s+[^\s=>/]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
_SKIP_RE = re.compile(r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<!DOCTYPE[^>]*>", re.S)
# characters XML 1.0 cannot hold; Excel writes them as _xHHHH_ (ST_Xstring)
_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE_RE = re.compile(r"_(x[0-9A-Fa-f]{4})_")
_UNESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NEEDS_XSTRING = re.compile("_x|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GET: dict[str, re.Pattern] = {}


def _escape(text: str, entities: dict[str, str] | None = None) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for k, v in (entities or {}).items():
        text = text.replace(k, v)
    return text


def unescape(text: str) -> str:
    """XML character data or an attribute value as text: the five entities and numeric references
    (a well-formed part without a DTD holds no others)."""
    return _html_unescape(text) if "&" in text else text
_SET: dict[str, re.Pattern] = {}


def xstring(text: str) -> str:
    """Text for an element of Excel's ST_Xstring: XML-escaped, control characters as _xHHHH_ (and a
    literal '_x0041_' kept literal by escaping its underscore), so any cell text can be written."""
    if _NEEDS_XSTRING.search(text) is None:
        return _escape(text)
    text = _ESCAPE_LIKE_RE.sub(r"_x005F_\1_", text)
    text = _ILLEGAL_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return _escape(text)


def unxstring(text: str) -> str:
    """Inverse of ``xstring`` after XML unescaping (what Excel shows for a stored string)."""
    return _UNESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), text)


def well_formed(data: bytes) -> bool:
    """Whether a part is well-formed XML without a DTD (OOXML allows none, ECMA-376 Part 2, 8.1.4):
    what the text-level edits assume. One expat pass, no tree (a fraction of a millisecond per part)."""
    import xml.parsers.expat as expat

    from xl_careplan import ooxml

    codec, bom = ooxml.encoding_of(data)
    if codec.startswith("utf-16") and not bom:  # expat tells UTF-16 by its byte order mark
        data = (b"\xff\xfe" if codec == "utf-16-le" else b"\xfe\xff") + data
    parser = expat.ParserCreate()

    def no_dtd(*_args) -> None:
        raise ValueError("DTD")

    parser.StartDoctypeDeclHandler = no_dtd
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, ValueError):
        return False
    return True


def attr(value: str) -> str:
    return _escape(value, {'"': "&quot;"})


@dataclass
class Element:
    """One element found in a text: its local name, where its start tag and whole element lie."""

    name: str
    prefix: str  # 'x:' or ''
    start: int  # '<' of the start tag
    tag_end: int  # just after the start tag's '>'
    end: int  # just after the end tag (== tag_end when self-closing)
    attrs: str  # the start tag's attribute text

    @property
    def empty(self) -> bool:
        return self.end == self.tag_end


def children(text: str, start: int, end: int) -> list[Element]:
    """Direct children of the element whose content spans ``text[start:end]``."""
    out: list[Element] = []
    depth = 0
    stack: list[Element] = []
    pos = start
    while True:
        lt = text.find("<", pos, end)
        if lt < 0:
            return out
        if text.startswith(("<!--", "<?", "<![CDATA[", "<!DOCTYPE"), lt):
            m = _SKIP_RE.match(text, lt)
            pos = m.end() if m else lt + 1
            continue
        m = _TAG_RE.match(text, lt)
        if not m:
            pos = lt + 1
            continue
        closing, prefix, name, attrs, selfclose = m.groups()
        if closing:
            depth -= 1
            if depth == 0 and stack:
                el = stack.pop()
                el.end = m.end()
                out.append(el)
        elif selfclose:
            if depth == 0:
                out.append(Element(name, prefix or "", lt, m.end(), m.end(), attrs))
        else:
            if depth == 0:
                stack.append(Element(name, prefix or "", lt, m.end(), -1, attrs))
                # jump to the end tag when nothing between could confuse the count: no element of the
                # same name inside, no comment or CDATA (most children: a walk over their insides is
                # what made this slow on big parts)
                qname = f"{prefix or ''}{name}"
                close = text.find(f"</{qname}>", m.end(), end)
                if close >= 0 and (name == "sheetData" or _flat(text, m.end(), close, qname)):
                    el = stack.pop()
                    el.end = close + len(qname) + 3
                    out.append(el)
                    pos = el.end
                    continue
            depth += 1
        pos = m.end()


def _flat(text: str, start: int, close: int, qname: str) -> bool:
    """Whether text[start:close] holds no start tag of ``qname`` and no comment, CDATA or PI."""
    pos = start
    while True:
        i = text.find(f"<{qname}", pos, close)
        if i < 0:
            break
        nxt = text[i + len(qname) + 1: i + len(qname) + 2]
        if nxt in (">", "/") or nxt.isspace():
            return False
        pos = i + 1
    return text.find("<!", start, close) < 0 and text.find("<?", start, close) < 0


def root(text: str) -> Element:
    """The document element (its end is found from the end of the text)."""
    pos = 0
    while True:
        lt = text.index("<", pos)
        if text.startswith(("<?", "<!--", "<!DOCTYPE"), lt):
            m = _SKIP_RE.match(text, lt)
            pos = m.end() if m else lt + 1
            continue
        m = _TAG_RE.match(text, lt)
        if m is None:
            raise ValueError("no document element")
        _c, prefix, name, attrs, selfclose = m.groups()
        if selfclose:
            return Element(name, prefix or "", lt, m.end(), m.end(), attrs)
        close = text.rindex(f"</{prefix or ''}{name}")
        end = text.index(">", close) + 1
        return Element(name, prefix or "", lt, m.end(), end, attrs)


def content_end(text: str, el: Element) -> int:
    """Index of the end tag's '<' (where new last children go)."""
    return text.rindex("<", el.tag_end, el.end)


def get_attr(attrs: str, name: str) -> str | None:
    pat = _GET.get(name)
    if pat is None:
        pat = _GET[name] = re.compile(rf'(?:^|\s){re.escape(name)}\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
    m = pat.search(attrs)
    if not m:
        return None
    value = m.group(1) if m.group(1) is not None else m.group(2)
    return unescape(value)


def set_attr(tag: str, name: str, value: str | None) -> str:
    """A start tag (text from '<' to '>') with one attribute set, replaced in place, or removed (None)."""
    pat = _SET.get(name)
    if pat is None:
        pat = _SET[name] = re.compile(rf'(\s){re.escape(name)}\s*=\s*(?:"[^"]*"|\'[^\']*\')')
    m = pat.search(tag)
    if value is None:
        return tag if not m else tag[:m.start()] + tag[m.end():]
    new = f'{name}="{attr(value)}"'
    if m:
        return tag[:m.start(1) + 1] + new + tag[m.end():]
    close = len(tag) - (2 if tag.endswith("/>") else 1)
    while close > 0 and tag[close - 1].isspace():
        close -= 1
    return tag[:close] + " " + new + tag[close:]


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping (start, end, replacement) edits in one pass."""
    if not edits:
        return text
    edits = sorted(edits, key=lambda e: (e[0], e[1]))
    out: list[str] = []
    pos = 0
    for s, e, rep in edits:
        if s < pos:
            raise ValueError("overlapping edits")
        out.append(text[pos:s])
        out.append(rep)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def insert_in_order(text: str, parent: Element, order: tuple[str, ...], name: str, snippet: str) -> tuple[int, str]:
    """(position, snippet) to insert a new child ``name`` of ``parent`` at its schema place in ``order``."""
    later = set(order[order.index(name) + 1:])
    for child in children(text, parent.tag_end, content_end(text, parent)):
        if child.name in later:
            return child.start, snippet
    return content_end(text, parent), snippet
