"""styles.xml, edited by appending: new fills, fonts and cell formats (cellXfs) go after the user's.

A cell's look is its cellXfs index (``s=""``). A fill token names that index together with a digest
of what it resolves to (font, fill, border, number format, alignment), ``xf:<index>:<digest>:<RRGGBB>``,
so restoring it is exact, and a workbook whose styles were renumbered since (Excel re-saving it)
is never given a wrong format: the index is used only while its digest still matches.
The last field is the solid fill colour (empty when the fill is not a plain solid colour).
"""

from __future__ import annotations

try:  # CPython's own SHA-1: the same digest as hashlib's without loading OpenSSL (a few ms of start-up)
    from _sha1 import sha1 as _sha1
except ImportError:  # a build without it
    from hashlib import sha1 as _sha1
import re

from xl_careplan import ooxml
from xl_careplan.writer import xmltext as X

TOKEN = "xf:"
_RGB_RE = re.compile(r"^[0-9A-Fa-f]{6}$")
_SOLID_RE = re.compile(r'<(?:\w+:)?patternFill\s+patternType="solid"\s*>\s*<(?:\w+:)?fgColor\s+rgb="(?:[0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})"\s*/>'
                       r'(?:\s*<(?:\w+:)?bgColor\s[^>]*/>)?\s*</(?:\w+:)?patternFill>')
DATE_FMT_ID = "14"  # built-in short date (yyyy/m/d in Japanese Excel)
_DATE_IDS = frozenset([*range(14, 18), 22, *range(27, 32), *range(34, 37), *range(50, 59)])  # built-in date formats


def is_rgb(token: str | None) -> bool:
    return bool(token) and bool(_RGB_RE.match(token or ""))


def token_rgb(token: str | None) -> str | None:
    """The plain solid colour a fill token stands for (None: none, or not a plain colour)."""
    if token is None:
        return None
    if token.startswith(TOKEN):
        rgb = token.rsplit(":", 1)[-1]
        return rgb.upper() or None
    return token.upper() if is_rgb(token) else None


def same_fill(a: str | None, b: str | None) -> bool:
    """Whether two fill tokens are the same look (a file's xf token or an 'RRGGBB' from a live workbook)."""
    if a is None or b is None:
        return a is b
    if a.startswith(TOKEN) and b.startswith(TOKEN):
        return a.split(":")[2] == b.split(":")[2]
    return token_rgb(a) is not None and token_rgb(a) == token_rgb(b)


class Styles:
    def __init__(self, text: str):
        self.text = text
        self.root = X.root(text)
        self.prefix = self.root.prefix
        kids = X.children(text, self.root.tag_end, X.content_end(text, self.root))
        self.sections = {k.name: k for k in kids}
        self.lists: dict[str, list[str]] = {}
        for name, child in (("fonts", "font"), ("fills", "fill"), ("borders", "border"), ("cellXfs", "xf"),
                            ("numFmts", "numFmt")):
            el = self.sections.get(name)
            items = [] if el is None or el.empty else [
                text[c.start:c.end] for c in X.children(text, el.tag_end, X.content_end(text, el)) if c.name == child]
            self.lists[name] = items
        self._digests: dict[int, str] = {}
        # the user's items followed by ours, and each item's first index (appending looks it up per cell)
        self._combined: dict[str, list[str]] = {k: list(v) for k, v in self.lists.items()}
        self._first: dict[str, dict[str, int]] = {}
        for k, v in self.lists.items():
            first: dict[str, int] = {}
            for i, item in enumerate(v):
                first.setdefault(item, i)
            self._first[k] = first

    def added(self, name: str) -> list[str]:
        """Our items of one list, after the user's."""
        return self._combined[name][len(self.lists[name]):]

    # --- reading -------------------------------------------------------------------------
    def _all(self, name: str) -> list[str]:
        return self._combined[name]

    def xf(self, index: int) -> str:
        xfs = self._all("cellXfs")
        return xfs[index] if 0 <= index < len(xfs) else (xfs[0] if xfs else f"<{self.prefix}xf/>")

    def _xf_attr(self, xf: str, name: str) -> str | None:
        return X.get_attr(xf[: xf.index(">") + 1], name)

    def _ref(self, kind: str, index: str | None) -> str:
        items = self._all(kind)
        try:
            return items[int(index or 0)]
        except (ValueError, IndexError):
            return ""

    def _numfmt(self, fmt_id: str | None) -> str:
        for nf in self._all("numFmts"):
            if X.get_attr(nf, "numFmtId") == (fmt_id or "0"):
                return X.get_attr(nf, "formatCode") or ""
        return fmt_id or "0"

    def digest(self, index: int) -> str:
        """What a cell with this format looks like, independent of the indices (for fill tokens)."""
        if index not in self._digests:
            xf = self.xf(index)
            tag = xf[: xf.index(">") + 1]
            body = re.sub(r'\s(?:fontId|fillId|borderId|numFmtId|xfId)="[^"]*"', "", xf)
            parts = [body, self._ref("fonts", X.get_attr(tag, "fontId")), self._ref("fills", X.get_attr(tag, "fillId")),
                     self._ref("borders", X.get_attr(tag, "borderId")), self._numfmt(X.get_attr(tag, "numFmtId")),
                     X.get_attr(tag, "xfId") or "0"]
            self._digests[index] = _sha1("\x00".join(parts).encode("utf-8")).hexdigest()[:16]
        return self._digests[index]

    def solid_rgb(self, index: int) -> str:
        m = _SOLID_RE.search(self._ref("fills", self._xf_attr(self.xf(index), "fillId")))
        return m.group(1).upper() if m else ""

    def token(self, index: int) -> str:
        return f"{TOKEN}{index}:{self.digest(index)}:{self.solid_rgb(index)}"

    def resolve(self, token: str) -> int | None:
        """The cellXfs index a token names: its own index while the digest matches, else any index with
        that digest, else None (that format is gone: leave the cell as it is)."""
        try:
            _x, index, digest, _rgb = token.split(":", 3)
            i = int(index)
        except ValueError:
            return None
        n = len(self._all("cellXfs"))
        if 0 <= i < n and self.digest(i) == digest:
            return i
        for j in range(n):
            if self.digest(j) == digest:
                return j
        return None

    def is_date_format(self, index: int) -> bool:
        fmt_id = self._xf_attr(self.xf(index), "numFmtId") or "0"
        if fmt_id.isdigit() and int(fmt_id) in _DATE_IDS:
            return True
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", self._numfmt(fmt_id)).lower() if not fmt_id.isdigit() or int(fmt_id) >= 164 else ""
        return any(ch in code for ch in "ydge")

    # --- appending -----------------------------------------------------------------------
    def _index_of(self, kind: str, item: str) -> int:
        first = self._first[kind]
        if item in first:
            return first[item]
        items = self._combined[kind]
        first[item] = len(items)
        items.append(item)
        return len(items) - 1

    def fill_index(self, rgb: str) -> int:
        p = self.prefix
        rgb = rgb.upper()
        return self._index_of("fills", f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="FF{rgb}"/>'
                                        f'<{p}bgColor rgb="FF{rgb}"/></{p}patternFill></{p}fill>')

    def font_index(self, *, bold: bool = False, size: str | None = None, color: str | None = None,
                   underline: bool = False) -> int:
        """A font like the workbook's default (font 0: its face and size) with a few changes."""
        base = self._all("fonts")[0] if self._all("fonts") else f"<{self.prefix}font></{self.prefix}font>"
        p = self.prefix
        inner = re.sub(rf"</?{p}font\s*/?>", "", base) if not base.endswith("/>") else ""
        inner = re.sub(rf"<{p}(?:b|u|color|sz)\b[^>]*/>", "", inner)
        extra = (f"<{p}b/>" if bold else "") + (f"<{p}u/>" if underline else "")
        extra += f'<{p}sz val="{size}"/>' if size else ""
        extra += f'<{p}color rgb="FF{color}"/>' if color else ""
        m = re.search(rf'<{p}sz\s+val="[^"]*"\s*/>', base)
        if not size and m:
            extra += m.group()
        return self._index_of("fonts", f"<{p}font>{extra}{inner}</{p}font>")

    def derive(self, base: int, *, fill: str | None = None, font: int | None = None, num_fmt: str | None = None,
               align: str | None = None, fill_id: str | None = None, fill_xml: str | None = None) -> int:
        """The cellXfs index of ``base`` with a solid fill / font / number format / alignment, appended
        unless an identical cell format exists (so a second run adds nothing)."""
        xf = self.xf(base)
        end = xf.index(">") + 1
        tag, rest = xf[:end], xf[end:]
        if fill is not None:
            fill_id = str(self.fill_index(fill))
        elif fill_xml is not None:
            fill_id = str(self._index_of("fills", fill_xml))
        if fill_id is not None:
            tag = X.set_attr(X.set_attr(tag, "fillId", fill_id), "applyFill", "1")
        if font is not None:
            tag = X.set_attr(X.set_attr(tag, "fontId", str(font)), "applyFont", "1")
        if num_fmt is not None:
            tag = X.set_attr(X.set_attr(tag, "numFmtId", num_fmt), "applyNumberFormat", "1")
        if align is not None:
            p = self.prefix
            if tag.endswith("/>"):
                tag, rest = tag[:-2] + ">", f"</{p}xf>"
            rest = re.sub(rf"<{p}alignment\b[^>]*/>", "", rest)
            rest = f"{align}{rest}" if not rest.startswith(f"<{p}protection") else f"{align}{rest}"
            tag = X.set_attr(tag, "applyAlignment", "1")
        return self._index_of("cellXfs", tag + rest)

    def alignment(self, *, wrap: bool) -> str:
        wrap_attr = ' wrapText="1"' if wrap else ""
        return f'<{self.prefix}alignment vertical="top"{wrap_attr}/>'

    # --- writing -------------------------------------------------------------------------
    @property
    def changed(self) -> bool:
        return any(len(self._combined[k]) > len(v) for k, v in self.lists.items())

    def serialise(self) -> str:
        edits: list[tuple[int, int, str]] = []
        text = self.text
        for name in ("fonts", "fills", "cellXfs"):
            new = self.added(name)
            if not new:
                continue
            el = self.sections.get(name)
            count = len(self.lists[name]) + len(new)
            if el is None:
                pos, snippet = X.insert_in_order(text, self.root, ooxml.STYLESHEET_ORDER, name,
                                                 f'<{self.prefix}{name} count="{count}">{"".join(new)}</{self.prefix}{name}>')
                edits.append((pos, pos, snippet))
                continue
            tag = text[el.start:el.tag_end]
            if el.empty:
                tag = tag[:-2].rstrip() + ">"
                edits.append((el.start, el.end, X.set_attr(tag, "count", str(count)) + "".join(new) + f"</{self.prefix}{name}>"))
                continue
            edits.append((el.start, el.tag_end, X.set_attr(tag, "count", str(count))))
            close = X.content_end(text, el)
            edits.append((close, close, "".join(new)))
        return X.splice(text, edits)
