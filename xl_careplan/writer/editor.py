"""``PackageWorkbook``: the WorkbookAccess protocol over the workbook's zip package, edited in place.

Only the parts an annotation needs are touched — the annotated cells' s="" in the sheet XML, the
sheet's comments and VML drawing (merged with the user's notes), styles.xml (fills and cell formats
appended), our own sheets as new parts, and workbook.xml / rels / [Content_Types].xml only for those
additions. Every other part is copied byte for byte (``zippkg``), so nothing the user made can be
lost on the way: there is no model of the workbook to drop what it does not know.

Fills are exchanged as tokens (``styles.Styles.token``): restoring one is exact.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from pathlib import Path
from typing import Any, BinaryIO, Sequence

from xl_careplan import ooxml
from xl_careplan.errors import WriteRefusedError
from xl_careplan.grid import WorkbookGrid, a1, parse_a1
from xl_careplan.writer import xmltext as X
from xl_careplan.writer.notes import Comments, Vml, idmap_blocks
from xl_careplan.writer.ownsheet import OwnSheet
from xl_careplan.writer.sheetxml import SheetXml
from xl_careplan.writer.styles import DATE_FMT_ID, TOKEN, Styles, is_rgb
from xl_careplan.package import Package
from xl_careplan.writer import zippkg

_SHEET_RE = re.compile(r"<(?:\w+:)?sheet\s([^>]*?)/?>")


class Rels:
    """A .rels part: read as a list, appended to as text."""

    def __init__(self, member: str, text: str | None):
        self.member = member
        self.created = text is None
        self.text = text if text is not None else (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{ooxml.NS_PKG_REL}"></Relationships>')
        self.items = ooxml.relationships(self.text)
        self.new: list[str] = []

    def of_kind(self, kind: str) -> list[dict]:
        """Internal relationships of ``kind`` (``ooxml.COMMENTS`` …), Transitional or Strict."""
        return [r for r in self.items if ooxml.rel_kind(r["Type"]) == kind and r.get("TargetMode") != "External"]

    def by_id(self, rid: str) -> dict | None:
        return next((r for r in self.items if r["Id"] == rid), None)

    def add(self, rtype: str, target: str) -> str:
        ids = {r["Id"] for r in self.items}
        n = 1
        while f"rIdXlcp{n}" in ids:
            n += 1
        rid = f"rIdXlcp{n}"
        self.items.append({"Id": rid, "Type": rtype, "Target": target, "TargetMode": None})
        self.new.append(f'<Relationship Id="{rid}" Type="{rtype}" Target="{X.attr(target)}"/>')
        return rid

    @property
    def changed(self) -> bool:
        return bool(self.new)

    def serialise(self) -> str:
        t = self.text
        root = X.root(t)
        if root.empty:  # <Relationships .../>
            return t[:root.start] + t[root.start:root.end - 2].rstrip() + ">" + "".join(self.new) + \
                f"</{root.prefix}Relationships>" + t[root.end:]
        pos = X.content_end(t, root)
        return t[:pos] + "".join(self.new) + t[pos:]


class PackageWorkbook:
    """A workbook file opened for editing; ``save(fh)`` writes the edited package."""

    def __init__(self, path: str | Path | BinaryIO, label: str | None = None, *, grid: WorkbookGrid | None = None,
                 package: Package | None = None):
        """``package``: ``path`` already open (``reading.open_workbook_file``: its guards passed); the
        editor closes it."""
        self.path = Path(path) if isinstance(path, (str, os.PathLike)) else path
        self.label = label if label is not None else str(path)
        self.pkg = package if package is not None else Package(self.path)
        self._grid = grid
        self.changed: dict[str, str | bytes] = {}
        self.added: dict[str, bytes] = {}
        self.rels: dict[str, Rels] = {}
        try:
            self._open()
        except BaseException:
            self.pkg.close()
            raise

    def _open(self) -> None:
        """The parts every edit needs: content types, the workbook and its sheets."""
        if not self.pkg.has(ooxml.CONTENT_TYPES):  # Excel does not open such a package; we could not name our parts
            raise WriteRefusedError("ブックの部品の一覧（[Content_Types].xml）がないため、書き込みませんでした。"
                                    "Excel で開いて保存し直してください。", file=self.label)
        self.content_types = self._editable(ooxml.CONTENT_TYPES, "部品の一覧")
        self.ct_new: list[str] = []
        # the workbook part is where the root relationships say (not always xl/workbook.xml)
        self.workbook = self.pkg.workbook or ooxml.workbook_part(self.pkg.get)
        if self.workbook is None:
            raise WriteRefusedError("ブックの本体（workbook）が見つからないため、書き込みませんでした。", file=self.label)
        self.workbook_xml = self._editable(self.workbook, "ブックの本体")
        dialect = ooxml.dialect_of(self.workbook_xml)
        if dialect is None:  # e.g. Excel 2007 beta's namespace: parts we add could not be read with it
            raise WriteRefusedError("このブックの形式（SpreadsheetML の名前空間）が標準のものではないため、書き込みませんでした。"
                                    "Excel で .xlsx 形式で保存し直してください。", file=self.label)
        self.dialect: ooxml.Dialect = dialect  # parts and relationships we add are in the package's own dialect
        self.wb_root = X.root(self.workbook_xml)
        self.wb_edits: list[tuple[int, int, str]] = []
        self.wb_new_sheets: list[str] = []
        wrels = self._rels(self.workbook)
        self.sheets: list[dict] = []  # name, member, kind ('worksheet' / other), tag span
        for m in _SHEET_RE.finditer(self.workbook_xml):
            attrs = m.group(1)
            rid = next((v for k, v in re.findall(r'([\w]+:id)="([^"]*)"', attrs)), None)
            rel = wrels.by_id(rid) if rid else None
            member = ooxml.resolve(self.workbook, rel["Target"]) if rel and rel.get("TargetMode") != "External" else None
            # a sheet whose part is missing is skipped, as openpyxl does (Excel repairs the file by dropping it)
            kind = "worksheet" if rel and ooxml.rel_kind(rel["Type"]) == ooxml.WORKSHEET and member and \
                self.pkg.has(member) else "other"
            self.sheets.append({"name": X.get_attr(attrs, "name") or "", "member": member, "kind": kind,
                                "span": (m.start(), m.end()), "id": X.get_attr(attrs, "sheetId")})
        if self.sheets and not any(s["member"] and self.pkg.has(s["member"]) for s in self.sheets):
            # no reader finds a sheet of such a package (tealeg/xlsx's badfile_noWorkbookRels, …_noWorksheets)
            where = "がない" if wrels.created else "にシートの部品が見つからない"
            raise WriteRefusedError(f"ブックの本体の関係（{ooxml.rels_path(self.workbook)}）{where}ため、書き込みませんでした。"
                                    "ファイルが壊れています。", file=self.label)
        self._xml: dict[str, SheetXml] = {}
        self._notes: dict[str, tuple[Comments, Vml]] = {}
        self.own: dict[str, OwnSheet] = {}
        self._styles: Styles | None = None
        self._styles_new = False

    # --- package plumbing ----------------------------------------------------------------
    def close(self) -> None:
        self.pkg.close()

    def _editable(self, member: str, what: str) -> str:
        """A part we may edit, as text. Our edits are made in its text: in a part that is not well-formed
        XML they could land in the wrong place and nothing could check them, so such a package is refused."""
        if not X.well_formed(self.pkg.part(member)):
            raise WriteRefusedError(f"{what}（{ooxml.part_name(member)}）の XML が壊れている（または OOXML では使えない "
                                    "DTD（<!DOCTYPE>）がある）ため、書き込みませんでした。"
                                    "Excel で開き、修復を求められたら修復してから保存し直してください。", file=self.label)
        return self.pkg.text(member)

    def _rels(self, part: str) -> Rels:
        member = ooxml.rels_path(part)
        if member not in self.rels:
            self.rels[member] = Rels(member, self._editable(member, "部品の関係") if self.pkg.has(member) else None)
        return self.rels[member]

    def _new_name(self, pattern: str) -> str:
        """A free part name for a new part, in the workbook's folder ('xl/' + pattern as Excel has it;
        '{n}' in ``pattern`` is the number that makes it free: the folder's own name may hold braces)."""
        folder = posixpath.dirname(self.workbook)
        if not hasattr(self, "_taken"):
            self._taken = {ooxml.part_key(n) for n in self.pkg.names}  # the package's own parts: fixed
        taken = self._taken | {ooxml.part_key(n) for n in (*self.added, *(o.part for o in self.own.values()))}
        if "{n}" not in pattern:  # 'styles.xml' as Excel names it, else 'styles_xlcp1.xml'
            if ooxml.part_key(posixpath.join(folder, pattern)) not in taken:
                return posixpath.join(folder, pattern)
            stem, ext = posixpath.splitext(pattern)
            pattern = stem + "_xlcp{n}" + ext
        n = 1
        while ooxml.part_key(posixpath.join(folder, pattern.replace("{n}", str(n)))) in taken:
            n += 1
        return posixpath.join(folder, pattern.replace("{n}", str(n)))

    def _add_rel(self, part: str, kind: str, member: str) -> str:
        """A new relationship of ``kind`` from ``part`` to ``member`` (in the package's dialect): its id."""
        return self._rels(part).add(self.dialect.rel(kind), ooxml.relative(part, member))

    def _override(self, member: str, content_type: str) -> None:
        self.ct_new.append(f'<Override PartName="/{X.attr(member)}" ContentType="{content_type}"/>')

    def _default(self, ext: str, content_type: str) -> None:
        if not re.search(rf'Extension="{ext}"', self.content_types, re.I) and not any(
                f'Extension="{ext}"' in c for c in self.ct_new):
            self.ct_new.insert(0, f'<Default Extension="{ext}" ContentType="{content_type}"/>')

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            rel = next(iter(self._rels(self.workbook).of_kind(ooxml.STYLES)), None)
            member = ooxml.resolve(self.workbook, rel["Target"]) if rel else None
            if member is None or not self.pkg.has(member):  # allowed (every cell then has the default format)
                member = self._new_name("styles.xml")
                self._add_rel(self.workbook, ooxml.STYLES, member)
                self._override(member, ooxml.CT_STYLES)
                self._styles_new = True
            self._styles_member = member
            text = None if self._styles_new else self._editable(member, "書式")
            try:
                styles = Styles(text) if text is not None else None
            except ValueError:  # <styleSheet/> without content
                styles = None
            if styles is None or not all(styles.lists[k] for k in ("fonts", "fills", "borders", "cellXfs")):
                styles = Styles(self._seeded_styles(text))  # a section missing or empty: seed it first
            self._styles = styles
        return self._styles

    def _seeded_styles(self, text: str | None) -> str:
        """The styles part (a new one when the workbook has none) with what readers assume of it when a
        section is missing or empty: a default font, the two reserved fills (none, gray125), an empty
        border, and a default cell format for every s="" / style="" the sheets use. Without them our
        appended fill would become fill 0 or cell format 0, the look of every unformatted cell."""
        from xl_careplan.writer.zippkg import EMPTY_WORKBOOK

        if text is None:
            text = EMPTY_WORKBOOK["xl/styles.xml"].replace(ooxml.NS_MAIN, self.dialect.main)
        root = X.root(text)
        if root.empty:  # <styleSheet .../>
            p = root.prefix
            text = text[:root.start] + text[root.start:root.end - 2].rstrip() + f"></{p}styleSheet>" + text[root.end:]
            root = X.root(text)
        p = root.prefix
        kids = {k.name: k for k in X.children(text, root.tag_end, X.content_end(text, root))}

        def present(name: str) -> bool:
            el = kids.get(name)
            return el is not None and not el.empty and bool(X.children(text, el.tag_end, X.content_end(text, el)))

        if all(present(n) for n in ("fonts", "fills", "borders", "cellXfs")):
            return text  # the usual styles part: nothing to seed (and no sheet needs scanning for its s="")
        used = 0
        if not present("cellXfs"):
            for sh in self.sheets:
                if sh["kind"] == "worksheet" and sh["member"] and self.pkg.has(sh["member"]):
                    found = re.findall(r'<(?:\w+:)?(?:c|row|col)\s[^>]*?\b(?:s|style)="(\d+)"', self.pkg.text(sh["member"]))
                    used = max([used, *map(int, found)])
        xf = f'<{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        defaults = {
            "fonts": (1, f"<{p}font><{p}sz val=\"11\"/><{p}name val=\"游ゴシック\"/><{p}family val=\"3\"/>"
                         f"<{p}charset val=\"128\"/><{p}scheme val=\"minor\"/></{p}font>"),
            "fills": (2, f'<{p}fill><{p}patternFill patternType="none"/></{p}fill>'
                         f'<{p}fill><{p}patternFill patternType="gray125"/></{p}fill>'),
            "borders": (1, f"<{p}border><{p}left/><{p}right/><{p}top/><{p}bottom/><{p}diagonal/></{p}border>"),
            "cellXfs": (used + 1, xf * (used + 1)),
        }
        edits = []
        for name, (count, items) in defaults.items():
            el = kids.get(name)
            if present(name):
                continue
            snippet = f'<{p}{name} count="{count}">{items}</{p}{name}>'
            if el is not None:
                edits.append((el.start, el.end, snippet))
            else:
                edits.append((*[X.insert_in_order(text, root, ooxml.STYLESHEET_ORDER, name, "")[0]] * 2, snippet))
        return X.splice(text, edits)

    def _sheet(self, name: str) -> dict:
        for s in self.sheets:
            if s["name"] == name and s["kind"] == "worksheet":
                return s
        raise KeyError(name)

    def _sheet_xml(self, name: str) -> SheetXml:
        member = self._sheet(name)["member"]
        if member not in self._xml:
            xml = SheetXml.parse(self._editable(member, f"シート「{name}」"))
            xml._index()
            self._xml[member] = xml
        return self._xml[member]

    # --- reading -------------------------------------------------------------------------
    def grid(self) -> WorkbookGrid:
        if self._grid is None:
            from xl_careplan.reading import load_workbook_grid

            self._grid = load_workbook_grid(self.path)
            self._grid.path = self.label
        return self._grid

    def sheet_names(self) -> list[str]:
        return [s["name"] for s in self.sheets if s["kind"] == "worksheet"]

    def _top_left(self, sheet: str, cell: str) -> str:
        ref = cell.replace("$", "").upper()
        if sheet in self.own:
            return ref
        xml = self._sheet_xml(sheet)
        if not hasattr(xml, "merge_list"):
            xml.merge_list = xml.merged()
        r, c = parse_a1(ref)
        for r1, c1, r2, c2 in xml.merge_list:
            if r1 <= r <= r2 and c1 <= c <= c2:
                return a1(r1, c1)
        return ref

    # --- notes ---------------------------------------------------------------------------
    def _notes_of(self, sheet: str) -> tuple[Comments, Vml]:
        from xl_careplan.writer.annotate import NOTE_MARKER

        member = self._sheet(sheet)["member"]
        if member not in self._notes:
            rels = self._rels(member)
            crel = next(iter(rels.of_kind(ooxml.COMMENTS)), None)
            cmember = ooxml.resolve(member, crel["Target"]) if crel else None
            ctext = self._editable(cmember, f"シート「{sheet}」のメモ") if cmember and self.pkg.has(cmember) else None
            comments = Comments(ctext, NOTE_MARKER, ns=self.dialect.main)
            comments.member = cmember
            rid = self._sheet_xml(sheet).legacy_drawing_rid()
            vrel = rels.by_id(rid) if rid else None
            vmember = ooxml.resolve(member, vrel["Target"]) if vrel else None
            vtext = self.pkg.part(vmember).decode("utf-8", "replace") if vmember and self.pkg.has(vmember) else None
            vml = Vml(vtext, self._free_idmap_block() if vtext is None else 0)
            vml.member = vmember
            vml.raw = self.pkg.part(vmember) if vtext is not None else None
            self._notes[member] = (comments, vml)
        return self._notes[member]

    def _free_idmap_block(self) -> int:
        used: set[int] = set()
        for name in self.pkg.names:
            if name.lower().endswith(".vml"):
                used |= idmap_blocks(self.pkg.part(name).decode("utf-8", "replace"))
        for _c, v in self._notes.values():
            used |= idmap_blocks(v.text)
        n = 1
        while n in used:
            n += 1
        return n

    def get_note(self, sheet: str, cell: str) -> str | None:
        if sheet in self.own:
            return None
        return self._notes_of(sheet)[0].get(self._top_left(sheet, cell))

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        ref = self._top_left(sheet, cell)
        comments, vml = self._notes_of(sheet)
        what = comments.set(ref, text)
        if what == "new":
            vml.add_note(ref, text or "")
        elif what == "removed":
            vml.remove_note(ref)

    # --- fills ---------------------------------------------------------------------------
    def _effective_style(self, sheet: str, ref: str) -> int:
        xml = self._sheet_xml(sheet)
        if xml.exists(ref):
            return xml.style(ref)
        r, c = parse_a1(ref)
        rs = xml.row_style(r)
        if rs is not None:
            return rs
        cs = xml.col_style(c)
        return cs if cs is not None else 0

    def get_fill(self, sheet: str, cell: str) -> str | None:
        if sheet in self.own:
            return self.own[sheet].fills.get(cell.upper())
        ref = self._top_left(sheet, cell)
        return self.styles.token(self._effective_style(sheet, ref))

    def fill_rgb(self, sheet: str, cell: str) -> str | None:
        """The solid colour a cell shows ('RRGGBB', None when none): for comparing with a live workbook."""
        from xl_careplan.writer.styles import token_rgb

        return token_rgb(self.get_fill(sheet, cell))

    def set_fill(self, sheet: str, cell: str, rgb: str | None) -> None:
        if sheet in self.own:
            if rgb:
                self.own[sheet].fills[cell.upper()] = rgb.upper()
            else:
                self.own[sheet].fills.pop(cell.upper(), None)
            return
        ref = self._top_left(sheet, cell)
        base = self._effective_style(sheet, ref)
        st = self.styles
        if rgb is None:
            index = st.derive(base, fill_id="0")
        elif rgb.startswith(TOKEN):
            index = st.resolve(rgb)
            if index is None:
                return  # that format is gone from the workbook: leave the cell as the user has it now
        elif rgb.startswith("xml:"):  # a fill recorded by the openpyxl-based writer of earlier versions
            index = st.derive(base, fill_xml=rgb[4:])
        elif is_rgb(rgb):
            index = st.derive(base, fill=rgb)
        else:
            return
        if index != self._sheet_xml(sheet).style(ref, default=-1) or not self._sheet_xml(sheet).exists(ref):
            if index == base and not self._sheet_xml(sheet).exists(ref):
                return  # the cell already looks like this (its row's or column's format): add no cell
            self._sheet_xml(sheet).set_style(ref, index)

    # --- values --------------------------------------------------------------------------
    def set_value(self, sheet: str, cell: str, value: Any) -> None:
        if sheet in self.own:
            r, c = parse_a1(cell)
            rows = self.own[sheet].rows
            while len(rows) < r:
                rows.append([])
            rows[r - 1].extend([None] * (c - len(rows[r - 1])))
            rows[r - 1][c - 1] = value
            return
        ref = self._top_left(sheet, cell)
        style = None
        if isinstance(value, (dt.date, dt.datetime)):
            base = self._effective_style(sheet, ref)
            style = base if self.styles.is_date_format(base) else self.styles.derive(base, num_fmt=DATE_FMT_ID)
        elif not self._sheet_xml(sheet).exists(ref):
            eff = self._effective_style(sheet, ref)
            style = eff or None
        self._sheet_xml(sheet).set_value(ref, value, style)

    # --- sheets we own -------------------------------------------------------------------
    def write_sheet(self, name: str, rows: Sequence[Sequence[Any]], *, links: dict[str, str] | None = None,
                    col_widths: dict[str, float] | None = None, hidden: bool = False) -> None:
        rows = [list(r) for r in rows]
        if name in self.own:
            own = self.own[name]
            own.rows, own.links, own.col_widths, own.hidden, own.fills = rows, dict(links or {}), dict(col_widths or {}), hidden, {}
            return
        existing = next((s for s in self.sheets if s["name"] == name), None)
        if existing is not None and existing["kind"] == "worksheet" and existing["member"]:
            self.own[name] = OwnSheet(name, existing["member"], rows, dict(links or {}), dict(col_widths or {}), hidden,
                                      new=False)
            self._set_state(existing, hidden)
            return
        if existing is not None:
            raise WriteRefusedError(f"「{name}」という名前のシート（グラフシート等）が既にあるため、書き込みませんでした。",
                                    file=self.label, sheet=name)
        member = self._new_name("worksheets/sheet_xlcp{n}.xml")
        self.own[name] = OwnSheet(name, member, rows, dict(links or {}), dict(col_widths or {}), hidden, new=True)
        rid = self._add_rel(self.workbook, ooxml.WORKSHEET, member)
        ids = [int(s["id"]) for s in self.sheets if s["id"] and s["id"].isdigit()]
        sheet_id = max(ids + [0]) + 1
        state = ' state="veryHidden"' if hidden else ""
        self.wb_new_sheets.append(f'<sheet xmlns:r="{self.dialect.r}" name="{X.attr(name)}" sheetId="{sheet_id}"{state} r:id="{rid}"/>')
        self.sheets.append({"name": name, "member": member, "kind": "worksheet", "span": None, "id": str(sheet_id)})
        self._override(member, ooxml.CT_WORKSHEET)

    def _set_state(self, sheet: dict, hidden: bool) -> None:
        s, e = sheet["span"]
        tag = self.workbook_xml[s:e]
        current = X.get_attr(tag, "state")
        want = "veryHidden" if hidden else None
        if (current or None) != want and not (current == "visible" and want is None):
            self.wb_edits.append((s, e, X.set_attr(tag, "state", want)))

    def read_sheet(self, name: str) -> list[list[Any]] | None:
        if name in self.own:
            return [list(r) for r in self.own[name].rows]
        if not any(s["name"] == name and s["kind"] == "worksheet" for s in self.sheets):
            return None
        cells = self._sheet_xml(name).values(self._shared_string)
        rows = max((r for r, _c in cells), default=0)
        cols = max((c for _r, c in cells), default=0)
        return [[cells.get((r, c)) for c in range(1, cols + 1)] for r in range(1, rows + 1)]

    def _shared_string(self, index: int) -> str:
        """One shared string (our sheets re-saved by Excel hold them), the table parsed once."""
        if not hasattr(self, "_sst"):
            rel = next(iter(self._rels(self.workbook).of_kind(ooxml.SHARED_STRINGS)), None)
            member = ooxml.resolve(self.workbook, rel["Target"]) if rel else None
            text = self.pkg.text(member) if member and self.pkg.has(member) else ""
            t_re = re.compile(r"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.S)
            rph = re.compile(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
            self._sst = ["".join(X.unxstring(X.unescape(t)) for t in t_re.findall(rph.sub("", si)))
                         for si in re.findall(r"<(?:\w+:)?si>(.*?)</(?:\w+:)?si>|<(?:\w+:)?si/>", text, re.S)]
        return self._sst[index] if 0 <= index < len(self._sst) else ""

    # --- saving --------------------------------------------------------------------------
    def _finish_notes(self) -> None:
        for member, (comments, vml) in self._notes.items():
            if not comments.changed and not vml.changed:
                continue
            if comments.changed:
                if comments.member is None:
                    comments.member = self._new_name("comments_xlcp{n}.xml")
                    self._add_rel(member, ooxml.COMMENTS, comments.member)
                    self._override(comments.member, ooxml.CT_COMMENTS)
                    self.added[comments.member] = comments.serialise().encode("utf-8")
                else:
                    self.changed[comments.member] = comments.serialise()
            if vml.changed:
                if vml.member is None:
                    vml.member = self._new_name("drawings/vmlDrawing_xlcp{n}.vml")
                    rid = self._add_rel(member, ooxml.VML_DRAWING, vml.member)
                    self._default("vml", ooxml.CT_VML)
                    self._xml_for_member(member).add_legacy_drawing(rid, r_ns=self.dialect.r)
                    self.added[vml.member] = vml.serialise().encode("utf-8")
                else:
                    self.changed[vml.member] = vml.serialise()

    def _xml_for_member(self, member: str) -> SheetXml:
        name = next(s["name"] for s in self.sheets if s["member"] == member)
        return self._sheet_xml(name)

    def save(self, target: str | os.PathLike | BinaryIO) -> None:
        """Write the edited package to an open binary file, or atomically to a path (``atomic.place``)."""
        if isinstance(target, (str, os.PathLike)):
            import io

            from xl_careplan.writer import atomic

            buf = io.BytesIO()
            self.save(buf)
            atomic.place(buf.getvalue(), Path(target))
            return
        fh = target
        self._finish_notes()
        for own in self.own.values():
            xml = own.xml(self.styles, ns=self.dialect).encode("utf-8")
            if own.new:
                self.added[own.part] = xml
            else:
                self.changed[own.part] = xml
        for member, xml in self._xml.items():
            if xml.changed:
                self.changed[member] = xml.serialise()
        if self._styles is not None and (self._styles.changed or self._styles_new):
            target = self.added if self._styles_new else self.changed
            target[self._styles_member] = self._styles.serialise().encode("utf-8")
        if self.wb_new_sheets or self.wb_edits:
            edits = list(self.wb_edits)
            sheets_el = next(c for c in X.children(self.workbook_xml, self.wb_root.tag_end,
                                                    X.content_end(self.workbook_xml, self.wb_root)) if c.name == "sheets")
            if self.wb_new_sheets:
                new = "".join(s.replace("<sheet ", f"<{sheets_el.prefix}sheet ", 1) for s in self.wb_new_sheets)
                if sheets_el.empty:
                    edits.append((sheets_el.start, sheets_el.end, f"<{sheets_el.prefix}sheets>{new}</{sheets_el.prefix}sheets>"))
                else:
                    pos = X.content_end(self.workbook_xml, sheets_el)
                    edits.append((pos, pos, new))
            self.changed[self.workbook] = X.splice(self.workbook_xml, edits)
        for member, rels in self.rels.items():
            if rels.changed:
                if rels.created:
                    self.added[member] = rels.serialise().encode("utf-8")
                else:
                    self.changed[member] = rels.serialise()
        if self.ct_new:
            t = self.content_types
            pos = t.rindex("</")
            self.changed[ooxml.CONTENT_TYPES] = t[:pos] + "".join(self.ct_new) + t[pos:]
        zippkg.write(self.pkg, fh, self.changed, self.added)  # changed text keeps the encoding it was read in
