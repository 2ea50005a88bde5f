"""A sheet's notes: the comments part and its legacy VML drawing, edited as text.

Our block is always the last run(s) of a note's <text> (a run after the user's own runs or plain
<t>, as CT_Rst allows), so taking it away gives the user's note back byte for byte; their author,
formatting, box size and "always show" setting are never touched. A note that is ours alone gets
a <comment> and a VML note shape of its own, which a re-run removes again.
"""

from __future__ import annotations

import math
import re
from html import unescape  # numeric references too: LibreOffice writes a note's line breaks as &#10;

from xl_careplan import ooxml
from xl_careplan.grid import parse_a1
from xl_careplan.writer import xmltext as X

NOTE_AUTHOR = "xl_careplan"
NOTE_WIDTH_UNITS = 50  # text width of our box in half-width characters
_T_RE = re.compile(r"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>|<(?:\w+:)?t(?:\s[^>]*)?/>", re.S)
_RPH_RE = re.compile(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>|<(?:\w+:)?phoneticPr\b[^>]*/>", re.S)
_RUN_RE = re.compile(r"<(?:\w+:)?r>.*?</(?:\w+:)?r>|<(?:\w+:)?t(?:\s[^>]*)?>.*?</(?:\w+:)?t>", re.S)


def _plain(fragment: str) -> str:
    fragment = _RPH_RE.sub("", fragment)
    return X.unxstring(unescape("".join(m.group(1) or "" for m in _T_RE.finditer(fragment))))


# East Asian Wide and Fullwidth blocks (UAX #11; for a box's line count, not exact typography)
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


def lines_needed(text: str, width: float) -> int:
    """Rough line count of wrapped text (full-width characters count double)."""
    total = 0
    for line in text.split("\n"):
        units = len(line) if line.isascii() else len(line) + len(_WIDE.findall(line))
        total += max(1, math.ceil(units / max(1.0, width - 1)))
    return total


class Comments:
    """The <comments> part of one sheet (created empty when the sheet has none)."""

    def __init__(self, text: str | None, marker: str, *, ns: str = ooxml.NS_MAIN):
        self.created = text is None
        self.text = text if text is not None else (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<comments xmlns="{ns}"><authors></authors><commentList></commentList></comments>')
        self.marker = marker
        self.root = X.root(self.text)
        self.p = self.root.prefix
        kids = {k.name: k for k in X.children(self.text, self.root.tag_end, X.content_end(self.text, self.root))}
        self.authors_el = kids.get("authors")
        self.list_el = kids.get("commentList")
        self.authors = [] if self.authors_el is None or self.authors_el.empty else [
            "" if a.empty else X.unxstring(unescape(self.text[a.tag_end:X.content_end(self.text, a)]))
            for a in X.children(self.text, self.authors_el.tag_end, X.content_end(self.text, self.authors_el))]
        self.new_authors: list[str] = []
        self.elements: dict[str, X.Element] = {}
        if self.list_el is not None and not self.list_el.empty:
            for c in X.children(self.text, self.list_el.tag_end, X.content_end(self.text, self.list_el)):
                ref = X.get_attr(c.attrs, "ref")
                if c.name == "comment" and ref:
                    self.elements[ref.upper()] = c
        self.replaced: dict[str, str | None] = {}  # ref -> new <comment> (None: removed)
        self.added: dict[str, str] = {}

    # --- reading -------------------------------------------------------------------------
    def _xml(self, ref: str) -> str | None:
        if ref in self.added:
            return self.added[ref]
        if ref in self.replaced:
            return self.replaced[ref]
        el = self.elements.get(ref)
        return None if el is None else self.text[el.start:el.end]

    def get(self, ref: str) -> str | None:
        xml = self._xml(ref)
        if xml is None:
            return None
        m = re.search(r"<(?:\w+:)?text\b[^>]*>(.*)</(?:\w+:)?text>", xml, re.S)
        return _plain(m.group(1)) if m else ""

    def _split(self, xml: str) -> tuple[str, str, str, str]:
        """(before the runs, the user's runs, our runs, after the runs) of a <comment> element."""
        m = re.search(r"(<(?:\w+:)?text\b[^>]*>)(.*)(</(?:\w+:)?text>)", xml, re.S)
        if m is None:  # an empty note written <text/> (or with no <text>): give it one to append to
            e = re.search(r"<((?:\w+:)?text)\b([^>]*?)\s*/>", xml)
            if e is not None:
                xml = f"{xml[:e.start()]}<{e.group(1)}{e.group(2)}></{e.group(1)}>{xml[e.end():]}"
            else:
                close = xml.rindex("</")
                xml = f"{xml[:close]}<{self.p}text></{self.p}text>{xml[close:]}"
            m = re.search(r"(<(?:\w+:)?text\b[^>]*>)(.*)(</(?:\w+:)?text>)", xml, re.S)
        body = m.group(2)
        tail_m = _RPH_RE.search(body)
        runs_end = tail_m.start() if tail_m else len(body)
        runs, after_runs = body[:runs_end], body[runs_end:]
        for run in _RUN_RE.finditer(runs):
            if self.marker in _plain(run.group()):
                return xml[:m.start(2)], runs[:run.start()], runs[run.start():], after_runs + xml[m.end(2):]
        return xml[:m.start(2)], runs, "", after_runs + xml[m.end(2):]

    # --- editing -------------------------------------------------------------------------
    def _author_id(self, name: str) -> int:
        everyone = self.authors + self.new_authors
        if name in everyone:
            return everyone.index(name)
        self.new_authors.append(name)
        return len(everyone)

    def _run(self, text: str) -> str:
        p = self.p
        return (f'<{p}r><{p}rPr><{p}sz val="9"/><{p}color indexed="81"/><{p}rFont val="ＭＳ Ｐゴシック"/>'
                f'<{p}family val="3"/><{p}charset val="128"/></{p}rPr>'
                f'<{p}t xml:space="preserve">{X.xstring(text)}</{p}t></{p}r>')

    def set(self, ref: str, text: str | None) -> str:
        """Set a note; returns what happened: 'new' (a note of ours alone), 'kept' (the user's note
        with or without our block), 'removed' (a note of ours alone taken away), or 'none'."""
        xml = self._xml(ref)
        if xml is None and ref in self.elements and text is not None:
            xml = self.text[self.elements[ref].start:self.elements[ref].end]  # removed earlier in this run: edit in place
        if xml is None:
            if text is None:
                return "none"
            p = self.p
            self.added[ref] = (f'<{p}comment ref="{ref}" authorId="{self._author_id(NOTE_AUTHOR)}"><{p}text>'
                               f'{self._run(text)}</{p}text></{p}comment>')
            return "new"
        head, user, _ours, tail = self._split(xml)
        user_text = _plain(user).rstrip()
        if text is None or (not user_text and text.strip() == ""):
            self._store(ref, None)
            return "removed"
        if not user_text.strip() and self.marker in text:  # a note of ours alone: rewrite it
            self._store(ref, head + self._run(text) + tail)
            return "new"
        if text.rstrip() == user_text:
            self._store(ref, head + user + tail)
            return "kept"
        if text.startswith(user_text):
            self._store(ref, head + user + self._run(text[len(user_text):]) + tail)
            return "kept"
        self._store(ref, head + self._run(text) + tail)  # the user's text itself changed (not done by annotate)
        return "kept"

    def _store(self, ref: str, xml: str | None) -> None:
        if ref in self.added:
            if xml is None:
                del self.added[ref]
            else:
                self.added[ref] = xml
        else:
            self.replaced[ref] = xml

    @property
    def changed(self) -> bool:
        return bool(self.replaced or self.added or self.new_authors)

    @property
    def empty(self) -> bool:
        return not self.added and all(self.replaced.get(r, "") is None for r in self.elements)

    def serialise(self) -> str:
        t, p = self.text, self.p
        edits: list[tuple[int, int, str]] = []
        for ref, xml in self.replaced.items():
            el = self.elements[ref]
            edits.append((el.start, el.end, xml or ""))
        if self.new_authors:
            new = "".join(f"<{p}author>{X.xstring(a)}</{p}author>" for a in self.new_authors)
            a = self.authors_el
            if a is None:
                edits.append((self.root.tag_end, self.root.tag_end, f"<{p}authors>{new}</{p}authors>"))
            elif a.empty:
                edits.append((a.start, a.end, f"<{p}authors>{new}</{p}authors>"))
            else:
                pos = X.content_end(t, a)
                edits.append((pos, pos, new))
        if self.added:
            new = "".join(self.added[r] for r in sorted(self.added, key=lambda r: parse_a1(r)))
            el = self.list_el
            if el is None:
                pos = X.content_end(t, self.root)
                edits.append((pos, pos, f"<{p}commentList>{new}</{p}commentList>"))
            elif el.empty:
                edits.append((el.start, el.end, f"<{p}commentList>{new}</{p}commentList>"))
            else:
                pos = X.content_end(t, el)
                edits.append((pos, pos, new))
        return X.splice(t, edits)


# --------------------------------------------------------------------------- VML

_SHAPE_RE = re.compile(r"<(\w+:)?shape\b[^>]*>.*?</\1?shape>", re.S)
_NOTE_RE = re.compile(r"ObjectType\s*=\s*\"Note\"")
_ROW_RE = re.compile(r"<(?:\w+:)?Row>\s*(\d+)\s*</(?:\w+:)?Row>")
_COL_RE = re.compile(r"<(?:\w+:)?Column>\s*(\d+)\s*</(?:\w+:)?Column>")
_SPID_RE = re.compile(r"_x0000_s(\d+)")
_IDMAP_RE = re.compile(r"<(?:\w+:)?idmap\b[^>]*\bdata=\"([\d,\s]+)\"")
_XMLNS_RE = re.compile(r'xmlns:(\w+)\s*=\s*"([^"]*)"')
_NAMESPACES = {"v": ooxml.NS_VML, "o": ooxml.NS_VML_OFFICE, "x": ooxml.NS_VML_EXCEL}

SHAPETYPE = ('<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
             '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')


def _with_prefixes(xml: str, prefixes: dict[str, str]) -> str:
    """Our VML written with the prefixes the file itself declares (openpyxl's files use ns0:, ns1:…)."""
    return re.sub(r"(</?)([vox]):|(\s)([vox]):(?=[\w]+=)", lambda m: (m.group(1) or m.group(3)) + prefixes[m.group(2) or m.group(4)] + ":", xml)


def idmap_blocks(text: str) -> set[int]:
    out: set[int] = set()
    for m in _IDMAP_RE.finditer(text):
        out.update(int(x) for x in re.split(r"[,\s]+", m.group(1).strip()) if x.isdigit())
    return out


class Vml:
    """A legacy VML drawing (Excel's are not always well-formed XML: only searched, never parsed)."""

    def __init__(self, text: str | None, block: int):
        self.created = text is None
        self.text = text if text is not None else (
            f'<xml xmlns:v="{ooxml.NS_VML}" xmlns:o="{ooxml.NS_VML_OFFICE}" xmlns:x="{ooxml.NS_VML_EXCEL}">'
            f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/></o:shapelayout>{SHAPETYPE}</xml>')
        start = self.text.find("<xml")
        root_tag = self.text[start:self.text.index(">", start) + 1] if start >= 0 else ""
        declared = {uri: prefix for prefix, uri in _XMLNS_RE.findall(root_tag)}
        self.prefixes: dict[str, str] = {}
        self.root_decls = ""
        taken = set(declared.values())
        for short, uri in _NAMESPACES.items():
            if uri in declared:
                self.prefixes[short] = declared[uri]
                continue
            prefix = short if short not in taken else f"xlcp{short}"
            self.prefixes[short] = prefix
            self.root_decls += f' xmlns:{prefix}="{uri}"'
        self.root_tag_end = self.text.index(">", start) if start >= 0 else -1
        self.removed: set[tuple[int, int]] = set()
        self.added: dict[tuple[int, int], str] = {}
        blocks = idmap_blocks(self.text)
        ids = [int(m.group(1)) for m in _SPID_RE.finditer(self.text)]
        self.next_id = max(ids + [min(blocks or {block}) * 1024]) + 1

    def note_shapes(self) -> dict[tuple[int, int], tuple[int, int]]:
        """(row, col), 0-based, of each note shape -> its span in the text."""
        out = {}
        for m in _SHAPE_RE.finditer(self.text):
            s = m.group()
            if not _NOTE_RE.search(s):
                continue
            r, c = _ROW_RE.search(s), _COL_RE.search(s)
            if r and c:
                out[(int(r.group(1)), int(c.group(1)))] = (m.start(), m.end())
        return out

    def remove_note(self, ref: str) -> None:
        row, col = parse_a1(ref)
        self.added.pop((row - 1, col - 1), None)
        self.removed.add((row - 1, col - 1))

    def add_note(self, ref: str, text: str) -> None:
        row, col = parse_a1(ref)
        key = (row - 1, col - 1)
        self.removed.discard(key)
        if key in self.note_shapes():
            return  # the user's shape stays as it is
        rows = min(60, lines_needed(text, NOTE_WIDTH_UNITS) + 1)
        sid = self.next_id
        self.next_id += 1
        anchor = f"{col}, 15, {max(0, row - 2)}, 10, {col + 4}, 15, {max(0, row - 2) + rows}, 4"
        self.added[key] = (
            f'<v:shape id="_x0000_s{sid}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;'
            f'margin-top:2pt;width:240pt;height:{15 * rows}pt;z-index:{sid % 1024};visibility:hidden" '
            'fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
            '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
            '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
            f'<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{anchor}</x:Anchor>'
            f'<x:AutoFill>False</x:AutoFill><x:Row>{row - 1}</x:Row><x:Column>{col - 1}</x:Column></x:ClientData>'
            '</v:shape>')

    @property
    def changed(self) -> bool:
        shapes = self.note_shapes()
        return bool(self.added) or any(k in shapes for k in self.removed)

    def serialise(self) -> str:
        t = self.text
        shapes = self.note_shapes()
        edits = [(s, e, "") for k, (s, e) in shapes.items() if k in self.removed]
        if self.added:
            if self.root_decls and self.root_tag_end > 0:
                pos = self.root_tag_end - (1 if t[self.root_tag_end - 1] == "/" else 0)
                edits.append((pos, pos, self.root_decls))
            if "_x0000_t202" not in t:
                first = re.search(r"<(?:\w+:)?shape\b", t)
                pos = first.start() if first else t.rindex("</")
                edits.append((pos, pos, _with_prefixes(SHAPETYPE, self.prefixes)))
            pos = t.rindex("</")
            edits.append((pos, pos, "".join(_with_prefixes(self.added[k], self.prefixes) for k in sorted(self.added))))
        return X.splice(t, edits)
