"""Carry drawings over, byte for byte, into the workbook openpyxl saved.

openpyxl drops or rebuilds a sheet's drawing: pictures (without Pillow), shapes and text boxes,
SmartArt are lost, and charts made by Excel lose their styles and extensions. When a drawing holds
no Excel 2010+ alternate content (form controls, slicers) we copy it unchanged after saving, together
with every part it links to (pictures, charts with their style and colour parts, SmartArt parts):
each under a new name (``<stem>_xlcp<n><ext>`` in its own folder), relationships rewritten to the
new names, content types copied from the original, and the sheet's ``<drawing>`` element and
relationship added. Nothing inside the parts is parsed or re-serialised, so Excel shows what the
original showed. Anchors stay right because the writer never inserts or deletes rows or columns.
Chart ranges refer to sheets by name, and the writer never renames sheets.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import quoteattr

from xl_careplan.writer.cached import sheet_parts
from xl_careplan.writer.zipparts import read_parts, rewrite_zip

NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_DRAWING = f"{NS_R}/drawing"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
REL_ID = "rIdXlcpDrawing1"
MAX_PARTS = 200  # a drawing linking to more than this is not carried (and reported instead)

# elements that come after <drawing> in a worksheet (schema order)
_AFTER_DRAWING = ("legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                  "webPublishItems", "tableParts", "extLst")


def _rels_path(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve(part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


def _rels(z: zipfile.ZipFile, part: str) -> list[ET.Element]:
    try:
        root = ET.fromstring(z.read(_rels_path(part)))
    except KeyError:
        return []
    return root.findall(f"{{{NS_PKG}}}Relationship")


def _content_types(z: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    root = ET.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.findall(f"{{{NS_CT}}}Default")}
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "") for o in root.findall(f"{{{NS_CT}}}Override")}
    return defaults, overrides


def _content_type(cts, part: str) -> str | None:
    defaults, overrides = cts
    return overrides.get(part) or defaults.get(part.rsplit(".", 1)[-1].lower())


def closure(z: zipfile.ZipFile, start: str) -> list[str] | None:
    """``start`` and every part it links to (internal targets), or None when one is missing or untyped."""
    names = set(z.namelist())
    cts = _content_types(z)
    seen: list[str] = []
    todo = [start]
    while todo:
        part = todo.pop(0)
        if part in seen:
            continue
        if part not in names or not _content_type(cts, part) or len(seen) >= MAX_PARTS:
            return None
        seen.append(part)
        for rel in _rels(z, part):
            if rel.get("TargetMode") != "External":
                todo.append(_resolve(part, rel.get("Target", "")))
    return seen


def carried_drawings(path: str | Path) -> dict[str, str]:
    """Sheet name -> drawing part that can be carried over verbatim with everything it links to."""
    out: dict[str, str] = {}
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        cts = _content_types(z)
        for sheet, part in sheet_parts(z).items():
            drawings = [r for r in _rels(z, part) if r.get("Type") == REL_DRAWING]
            if len(drawings) != 1 or drawings[0].get("TargetMode") == "External":
                continue
            dpart = _resolve(part, drawings[0].get("Target", ""))
            if dpart not in names or _content_type(cts, dpart) != CT_DRAWING:
                continue
            try:
                root = ET.fromstring(z.read(dpart))
            except ET.ParseError:
                continue
            if root.find(f".//{{{NS_MC}}}AlternateContent") is not None:
                continue  # form controls, slicers, new chart types: they live outside the drawing too
            parts = closure(z, dpart)
            if parts is None or any(p.startswith("xl/worksheets/") or p == "xl/workbook.xml" for p in parts):
                continue
            out[sheet] = dpart
    return out


def carried_parts(path: str | Path) -> set[str]:
    """Every part that travels with a carried drawing (the safety check counts none of them as lost)."""
    out: set[str] = set()
    with zipfile.ZipFile(path) as z:
        for dpart in carried_drawings(path).values():
            out.update(closure(z, dpart) or [])
    return out


def _insert_drawing(sheet_xml: str) -> str:
    element = f'<drawing xmlns:r="{NS_R}" r:id="{REL_ID}"/>'
    for tag in _AFTER_DRAWING:
        m = re.search(rf"<{tag}[\s/>]", sheet_xml)
        if m:
            return sheet_xml[: m.start()] + element + sheet_xml[m.start():]
    i = sheet_xml.rindex("</worksheet>")
    return sheet_xml[:i] + element + sheet_xml[i:]


def _add_rel(rels_xml: str | None, rid: str, rtype: str, target: str) -> str:
    rel = f"<Relationship Id={quoteattr(rid)} Type={quoteattr(rtype)} Target={quoteattr(target)}/>"
    if rels_xml is None:
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="{NS_PKG}">{rel}</Relationships>')
    if "</Relationships>" not in rels_xml:  # an empty <Relationships .../>
        return re.sub(r"/>\s*$", f">{rel}</Relationships>", rels_xml.rstrip())
    i = rels_xml.rindex("</Relationships>")
    return rels_xml[:i] + rel + rels_xml[i:]


def _add_override(ct_xml: str, part: str, content_type: str) -> str:
    o = f"<Override PartName={quoteattr('/' + part)} ContentType={quoteattr(content_type)}/>"
    i = ct_xml.rindex("</Types>")
    return ct_xml[:i] + o + ct_xml[i:]


def _new_name(part: str, n: int | str) -> str:
    folder, base = posixpath.split(part)
    stem, ext = posixpath.splitext(base)
    stem = re.sub(r"_xlcp[a-z]?\d+$", "", stem)  # carried by an earlier run: do not let names grow
    return posixpath.join(folder, f"{stem}_xlcp{n}{ext}")


class TransplantError(Exception):
    """The saved file does not look as expected: carry nothing, refuse instead."""


def transplant_drawings(original: str | Path, written: str | Path, carried: dict[str, str]) -> int:
    """Copy the carried drawings and their parts from ``original`` into ``written``. Returns drawings copied."""
    if not carried:
        return 0
    written = Path(written)
    with zipfile.ZipFile(original) as a, zipfile.ZipFile(written) as b:
        infos, data = read_parts(b)
        out_parts = sheet_parts(b)
        a_cts = _content_types(a)
        ct = data["[Content_Types].xml"].decode("utf-8")
        added: dict[str, bytes] = {}
        for n, (sheet, dpart) in enumerate(sorted(carried.items()), start=1):
            spart = out_parts.get(sheet)
            if spart is None or spart not in data:
                raise TransplantError(f"sheet {n} missing")
            sheet_xml = data[spart].decode("utf-8")
            if re.search(r"<drawing[\s/>]", sheet_xml):
                raise TransplantError(f"sheet {n} already has a drawing")
            renamed, ct = _copy_closure(a, a_cts, dpart, n, data, added, ct)
            data[spart] = _insert_drawing(sheet_xml).encode("utf-8")
            srels = _rels_path(spart)
            old_rels = data[srels].decode("utf-8") if srels in data else None
            if old_rels is not None and REL_ID in old_rels:
                raise TransplantError("relationship id taken")
            target = posixpath.relpath(renamed[dpart], posixpath.dirname(spart))
            new_rels = _add_rel(old_rels, REL_ID, REL_DRAWING, target).encode("utf-8")
            if srels in data:
                data[srels] = new_rels
            else:
                added[srels] = new_rels
        data["[Content_Types].xml"] = ct.encode("utf-8")
    rewrite_zip(written, infos, data, added, tag="drawings")
    return len(carried)


REL_PRINTER = f"{NS_R}/printerSettings"
PRINTER_REL_ID = "rIdXlcpPrinter1"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_AFTER_PAGE_SETUP = ("headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
                     "smartTags", "drawing", *_AFTER_DRAWING)


def _printer_settings(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> printer settings part (the printer driver's own settings: tray, duplex, …)."""
    out = {}
    names = set(z.namelist())
    for sheet, part in sheet_parts(z).items():
        try:
            root = ET.fromstring(z.read(part))
        except (KeyError, ET.ParseError):
            continue
        ps = root.find(f"{{{NS_MAIN}}}pageSetup")
        rid = ps.get(f"{{{NS_R}}}id") if ps is not None else None
        if not rid:
            continue
        for rel in _rels(z, part):
            if rel.get("Id") == rid and rel.get("Type") == REL_PRINTER and rel.get("TargetMode") != "External":
                target = _resolve(part, rel.get("Target", ""))
                if target in names:
                    out[sheet] = target
    return out


def carry_printer_settings(original: str | Path, written: str | Path) -> int:
    """openpyxl drops each sheet's printer settings part; copy it back and link it from ``<pageSetup>``."""
    written = Path(written)
    with zipfile.ZipFile(original) as a:
        carried = _printer_settings(a)
        if not carried:
            return 0
        payloads = {sheet: a.read(part) for sheet, part in carried.items()}
        ctype = _content_type(_content_types(a), next(iter(carried.values()))) or \
            "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"
    with zipfile.ZipFile(written) as b:
        infos, data = read_parts(b)
        out_parts = sheet_parts(b)
    ct = data["[Content_Types].xml"].decode("utf-8")
    added: dict[str, bytes] = {}
    done = 0
    for n, sheet in enumerate(sorted(payloads), start=1):
        spart = out_parts.get(sheet)
        if spart is None or spart not in data:
            continue
        xml = data[spart].decode("utf-8")
        if f'r:id="{PRINTER_REL_ID}"' in xml:
            continue
        link = f'xmlns:r="{NS_R}" r:id="{PRINTER_REL_ID}"'
        m = re.search(r"<pageSetup(\s[^>]*?)?\s*/>", xml)
        if m:
            if re.search(r"\sr:id=|\sid=", m.group(0)):
                continue
            xml = xml[: m.start()] + m.group(0)[:-2].rstrip() + f" {link} />" + xml[m.end():]
        else:
            element = f"<pageSetup {link}/>"
            for tag in _AFTER_PAGE_SETUP:
                mm = re.search(rf"<{tag}[\s/>]", xml)
                if mm:
                    xml = xml[: mm.start()] + element + xml[mm.start():]
                    break
            else:
                i = xml.rindex("</worksheet>")
                xml = xml[:i] + element + xml[i:]
        new = f"xl/printerSettings/printerSettings_xlcp{n}.bin"
        if new in data:
            continue
        added[new] = payloads[sheet]
        ct = _add_override(ct, new, ctype)
        data[spart] = xml.encode("utf-8")
        srels = _rels_path(spart)
        old_rels = data[srels].decode("utf-8") if srels in data else None
        new_rels = _add_rel(old_rels, PRINTER_REL_ID, REL_PRINTER,
                            posixpath.relpath(new, posixpath.dirname(spart))).encode("utf-8")
        if srels in data:
            data[srels] = new_rels
        else:
            added[srels] = new_rels
        done += 1
    if not done:
        return 0
    data["[Content_Types].xml"] = ct.encode("utf-8")
    rewrite_zip(written, infos, data, added, tag="printer")
    return done


# sheet extensions that stand alone (no links into parts openpyxl rewrites): copied back verbatim
CARRIED_EXT_URIS = {
    "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}",  # x14 data validations (lists from another sheet)
    "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}",  # sparklines
}
_NS_DECL = re.compile(r'xmlns:([A-Za-z_][\w.-]*)="([^"]*)"')


def _element_text(xml: str, start: int, tag: str) -> str:
    """Raw text of the element starting at ``start`` (``<tag ...>`` … matching ``</tag>``), nesting aware."""
    depth = 0
    pattern = re.compile(rf"<(/?){re.escape(tag)}(?=[\s/>])[^>]*?(/?)>")
    for m in pattern.finditer(xml, start):
        closing, selfclosing = m.group(1), m.group(2)
        if closing:
            depth -= 1
        elif not selfclosing:
            depth += 1
        if depth == 0:
            return xml[start: m.end()]
    raise TransplantError(f"unbalanced <{tag}>")


def sheet_extensions(sheet_xml: str) -> list[str]:
    """Raw ``<ext>`` elements of the sheet's extLst that we carry, each with the namespace
    declarations it needs from the sheet's root element added to it."""
    root_start = re.search(r"<(\w+:)?worksheet[\s>]", sheet_xml)
    if root_start is None:
        return []
    root_tag = sheet_xml[root_start.start(): sheet_xml.index(">", root_start.start()) + 1]
    declared = dict(_NS_DECL.findall(root_tag))
    m = re.search(r"<((?:\w+:)?)extLst[\s>]", sheet_xml)
    if m is None:
        return []
    prefix = m.group(1)
    ext_lst = _element_text(sheet_xml, m.start(), prefix + "extLst")
    out = []
    for e in re.finditer(rf"<{re.escape(prefix)}ext[\s>]", ext_lst):
        text = _element_text(ext_lst, e.start(), prefix + "ext")
        uri = re.search(r'\suri="([^"]*)"', text[: text.index(">")])
        if uri is None or uri.group(1) not in CARRIED_EXT_URIS:
            continue
        if prefix:  # written with a prefix for the main namespace: not what openpyxl's default-namespace sheet uses
            raise TransplantError("prefixed extLst")
        used = set(re.findall(r"</?([A-Za-z_][\w.-]*):", text)) | set(re.findall(r'\s([A-Za-z_][\w.-]*):[\w.-]+=', text))
        used -= {"xmlns", "xml"}
        local = dict(_NS_DECL.findall(text))  # declared on the ext or inside it (as Excel writes them)
        missing = [p for p in sorted(used) if p not in local and p in declared]
        if any(p not in local and p not in declared for p in used):
            raise TransplantError("undeclared prefix")
        decl = "".join(f' xmlns:{p}="{declared[p]}"' for p in missing)
        head_end = text.index(">")
        if text[head_end - 1] == "/":
            head_end -= 1
        out.append(text[:head_end] + decl + text[head_end:])
    return out


def carry_sheet_extensions(original: str | Path, written: str | Path) -> int:
    """Put back the sheet extensions openpyxl drops (list validations from other sheets, sparklines)."""
    written = Path(written)
    with zipfile.ZipFile(original) as a:
        wanted = {}
        for sheet, part in sheet_parts(a).items():
            exts = sheet_extensions(a.read(part).decode("utf-8"))
            if exts:
                wanted[sheet] = exts
    if not wanted:
        return 0
    with zipfile.ZipFile(written) as b:
        infos, data = read_parts(b)
        out_parts = sheet_parts(b)
    done = 0
    for sheet, exts in wanted.items():
        spart = out_parts.get(sheet)
        if spart is None or spart not in data:
            raise TransplantError("sheet missing")
        xml = data[spart].decode("utf-8")
        if re.search(r"<extLst[\s>]", xml):
            raise TransplantError("written sheet already has extLst")
        i = xml.rindex("</worksheet>")
        data[spart] = (xml[:i] + "<extLst>" + "".join(exts) + "</extLst>" + xml[i:]).encode("utf-8")
        done += len(exts)
    rewrite_zip(written, infos, data, tag="ext")
    return done


# other sheet elements that point (through a relationship) at parts openpyxl drops:
# tag -> (relationship type, the elements that come after it in a worksheet)
REL_VML = f"{NS_R}/vmlDrawing"
LINKED_ELEMENTS = {
    "legacyDrawingHF": (REL_VML, ("drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst")),
    "picture": (f"{NS_R}/image", ("oleObjects", "controls", "webPublishItems", "tableParts", "extLst")),
}


def _linked(z: zipfile.ZipFile, part: str, tag: str) -> str | None:
    """The part a sheet element (``<legacyDrawingHF r:id>``, ``<picture r:id>``) points at, when it can travel."""
    try:
        root = ET.fromstring(z.read(part))
    except (KeyError, ET.ParseError):
        return None
    el = root.find(f"{{{NS_MAIN}}}{tag}")
    rid = el.get(f"{{{NS_R}}}id") if el is not None else None
    if not rid:
        return None
    for rel in _rels(z, part):
        if rel.get("Id") == rid and rel.get("Type") == LINKED_ELEMENTS[tag][0] and rel.get("TargetMode") != "External":
            target = _resolve(part, rel.get("Target", ""))
            parts = closure(z, target)
            if parts is None or any(p.startswith("xl/worksheets/") or p == "xl/workbook.xml" for p in parts):
                return None
            return target
    return None


def carried_links(path: str | Path) -> dict[tuple[str, str], str]:
    """(sheet name, element tag) -> linked part, for header/footer pictures and sheet backgrounds."""
    out = {}
    with zipfile.ZipFile(path) as z:
        for sheet, part in sheet_parts(z).items():
            for tag in LINKED_ELEMENTS:
                target = _linked(z, part, tag)
                if target:
                    out[(sheet, tag)] = target
    return out


def carried_link_elements(path: str | Path) -> set[tuple[str, str]]:
    """(sheet part, element tag) that ``transplant_links`` will put back."""
    with zipfile.ZipFile(path) as z:
        parts = sheet_parts(z)
    return {(parts[sheet], tag) for sheet, tag in carried_links(path)}


def _copy_closure(a, a_cts, start: str, suffix: int | str, data: dict, added: dict, ct: str) -> tuple[dict[str, str], str]:
    """Copy ``start`` and what it links to under new names; returns (old -> new names, content types)."""
    parts = closure(a, start)
    if parts is None:
        raise TransplantError("parts missing")
    renamed = {p: _new_name(p, suffix) for p in parts}
    for old, new in renamed.items():
        if new in data or new in added:
            raise TransplantError("name taken")
        added[new] = a.read(old)
        ct = _add_override(ct, new, _content_type(a_cts, old))
        rels = _rels(a, old)
        if not rels:
            continue
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{NS_PKG}">'
        for rel in rels:
            target, mode = rel.get("Target", ""), rel.get("TargetMode")
            if mode != "External":
                target = posixpath.relpath(renamed[_resolve(old, target)], posixpath.dirname(new))
            attrs = f"Id={quoteattr(rel.get('Id', ''))} Type={quoteattr(rel.get('Type', ''))} Target={quoteattr(target)}"
            if mode:
                attrs += f" TargetMode={quoteattr(mode)}"
            xml += f"<Relationship {attrs}/>"
        added[_rels_path(new)] = (xml + "</Relationships>").encode("utf-8")
    return renamed, ct


def transplant_links(original: str | Path, written: str | Path) -> int:
    """Put back header/footer pictures (``legacyDrawingHF``) and sheet backgrounds (``picture``)."""
    carried = carried_links(original)
    if not carried:
        return 0
    written = Path(written)
    with zipfile.ZipFile(original) as a, zipfile.ZipFile(written) as b:
        infos, data = read_parts(b)
        out_parts = sheet_parts(b)
        a_cts = _content_types(a)
        ct = data["[Content_Types].xml"].decode("utf-8")
        added: dict[str, bytes] = {}
        for n, ((sheet, tag), target) in enumerate(sorted(carried.items()), start=1):
            spart = out_parts.get(sheet)
            if spart is None or spart not in data:
                raise TransplantError("sheet missing")
            xml = data[spart].decode("utf-8")
            if re.search(rf"<{tag}[\s/>]", xml):
                raise TransplantError(f"written sheet already has {tag}")
            renamed, ct = _copy_closure(a, a_cts, target, f"{tag[0]}{n}", data, added, ct)
            rid = f"rIdXlcp{tag[0].upper()}{tag[1:]}1"
            element = f'<{tag} xmlns:r="{NS_R}" r:id="{rid}"/>'
            for later in LINKED_ELEMENTS[tag][1]:
                m = re.search(rf"<{later}[\s/>]", xml)
                if m:
                    xml = xml[: m.start()] + element + xml[m.start():]
                    break
            else:
                i = xml.rindex("</worksheet>")
                xml = xml[:i] + element + xml[i:]
            data[spart] = xml.encode("utf-8")
            srels = _rels_path(spart)
            old_rels = (added.get(srels) or data.get(srels))
            old_rels = old_rels.decode("utf-8") if old_rels else None
            new_rels = _add_rel(old_rels, rid, LINKED_ELEMENTS[tag][0],
                                posixpath.relpath(renamed[target], posixpath.dirname(spart))).encode("utf-8")
            if srels in data:
                data[srels] = new_rels
            else:
                added[srels] = new_rels
        data["[Content_Types].xml"] = ct.encode("utf-8")
    rewrite_zip(written, infos, data, added, tag="links")
    return len(carried)


# worksheet child elements in schema order (ECMA-376 CT_Worksheet)
WS_ORDER = ("sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
            "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
            "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks",
            "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
            "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF",
            "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst")
# self-contained elements openpyxl drops that we copy back as they were (no relationships inside)
RAW_SHEET_ELEMENTS = ("protectedRanges", "phoneticPr", "ignoredErrors")
# workbook.xml: fileSharing (read-only recommended, write-reservation password) sits before workbookPr
WB_ORDER = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets")


def _insert_in_order(xml: str, tag: str, element: str, order: tuple[str, ...], root: str) -> str:
    for later in order[order.index(tag) + 1:]:
        m = re.search(rf"<{later}[\s/>]", xml)
        if m:
            return xml[: m.start()] + element + xml[m.start():]
    i = xml.rindex(f"</{root}>")
    return xml[:i] + element + xml[i:]


def _raw_child(xml: str, tag: str) -> str | None:
    """Raw text of a top-level child written without a prefix (as Excel writes them), or None."""
    m = re.search(rf"<{tag}[\s/>]", xml)
    if m is None:
        return None
    text = _element_text(xml, m.start(), tag)
    if re.search(r"\sr:id=", text) or re.search(r"<\w+:", text):
        raise TransplantError(f"{tag} with links or prefixes")
    return text


def raw_elements(path: str | Path) -> dict[str, list[str]]:
    """Sheet name (or "" for the workbook) -> tags of the raw elements ``carry_raw_elements`` puts back."""
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as z:
        for sheet, part in sheet_parts(z).items():
            xml = z.read(part).decode("utf-8")
            tags = [t for t in RAW_SHEET_ELEMENTS if re.search(rf"<{t}[\s/>]", xml)]
            if tags:
                out[sheet] = tags
        if re.search(r"<fileSharing[\s/>]", z.read("xl/workbook.xml").decode("utf-8")):
            out[""] = ["fileSharing"]
    return out


def carry_raw_elements(original: str | Path, written: str | Path) -> int:
    """Copy back protected ranges, furigana settings, ignored errors and the workbook's file sharing."""
    wanted = raw_elements(original)
    if not wanted:
        return 0
    written = Path(written)
    with zipfile.ZipFile(original) as a, zipfile.ZipFile(written) as b:
        infos, data = read_parts(b)
        a_parts, b_parts = sheet_parts(a), sheet_parts(b)
        done = 0
        for sheet, tags in wanted.items():
            src_part = a_parts.get(sheet, "xl/workbook.xml") if sheet else "xl/workbook.xml"
            dst_part = b_parts.get(sheet) if sheet else "xl/workbook.xml"
            if dst_part is None or dst_part not in data:
                raise TransplantError("sheet missing")
            src_xml = a.read(src_part).decode("utf-8")
            xml = data[dst_part].decode("utf-8")
            for tag in tags:
                if re.search(rf"<{tag}[\s/>]", xml):
                    continue  # openpyxl wrote it after all
                element = _raw_child(src_xml, tag)
                if element is None:
                    continue
                xml = (_insert_in_order(xml, tag, element, WS_ORDER, "worksheet") if sheet
                       else _insert_in_order(xml, tag, element, WB_ORDER, "workbook"))
                done += 1
            data[dst_part] = xml.encode("utf-8")
    if not done:
        return 0
    rewrite_zip(written, infos, data, tag="raw")
    return done


REL_CUSTOM_XML = f"{NS_R}/customXml"


def _custom_xml_rels(z: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(rels owner part, custom XML item) for items related from the package or the workbook."""
    out = []
    for owner in ("", "xl/workbook.xml"):
        rels_part = "_rels/.rels" if owner == "" else _rels_path(owner)
        try:
            root = ET.fromstring(z.read(rels_part))
        except KeyError:
            continue
        for rel in root.findall(f"{{{NS_PKG}}}Relationship"):
            if rel.get("Type") == REL_CUSTOM_XML and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                item = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(posixpath.dirname(owner), target))
                out.append((owner, item))
    return out


def custom_xml_carried(path: str | Path) -> bool:
    """Can every custom XML part be carried over (each reachable from a related item, all typed)?"""
    with zipfile.ZipFile(path) as z:
        names = {n for n in z.namelist()
                 if n.lower().startswith("customxml/") and not n.endswith("/") and "/_rels/" not in n}
        if not names:
            return True
        covered: set[str] = set()
        for _, item in _custom_xml_rels(z):
            parts = closure(z, item)
            if parts is None:
                return False
            covered.update(parts)
        return names <= covered


def carry_custom_xml(original: str | Path, written: str | Path) -> int:
    """Put back custom XML parts (e.g. SharePoint document properties) and their relationships."""
    written = Path(written)
    with zipfile.ZipFile(original) as a:
        items = _custom_xml_rels(a)
        if not items:
            return 0
        a_cts = _content_types(a)
        copies: dict[str, bytes] = {}
        overrides: dict[str, str] = {}
        for _, item in items:
            todo = [item]
            while todo:
                part = todo.pop()
                if part in copies:
                    continue
                copies[part] = a.read(part)
                ctype = a_cts[1].get(part)
                if ctype:
                    overrides[part] = ctype
                try:
                    copies[_rels_path(part)] = a.read(_rels_path(part))
                except KeyError:
                    pass
                todo.extend(_resolve(part, r.get("Target", "")) for r in _rels(a, part)
                            if r.get("TargetMode") != "External")
    with zipfile.ZipFile(written) as b:
        infos, data = read_parts(b)
    if any(p in data for p in copies):
        raise TransplantError("custom XML already present")
    ct = data["[Content_Types].xml"].decode("utf-8")
    for part, ctype in overrides.items():
        ct = _add_override(ct, part, ctype)
    if not re.search(r'Extension="xml"', ct, re.I):
        ct = ct.replace("</Types>", '<Default Extension="xml" ContentType="application/xml"/></Types>')
    data["[Content_Types].xml"] = ct.encode("utf-8")
    for n, (owner, item) in enumerate(items, start=1):
        rels_part = "_rels/.rels" if owner == "" else _rels_path(owner)
        old = data.get(rels_part)
        target = "/" + item if owner == "" else posixpath.relpath(item, posixpath.dirname(owner))
        data[rels_part] = _add_rel(old.decode("utf-8") if old else None, f"rIdXlcpCustomXml{n}", REL_CUSTOM_XML,
                                   target).encode("utf-8")
    tmp = written.with_name(written.name + ".customxml")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info in infos:
            out.writestr(info, data[info.filename])
        for name in data.keys() - {i.filename for i in infos}:
            out.writestr(name, data[name])
        for name, payload in copies.items():
            out.writestr(name, payload)
    os.replace(tmp, written)
    return len(items)
