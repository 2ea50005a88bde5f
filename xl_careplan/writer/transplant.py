"""Carry pictures and shapes over into the workbook openpyxl saved.

openpyxl drops a sheet's drawing (pictures without Pillow, shapes and text boxes always). When a
drawing holds only pictures and shapes — no charts, no SmartArt, no Excel 2010+ alternate content —
and links only to images (and external hyperlinks), we copy it byte for byte into the saved file:
the drawing part under a new name, its images under new names, its relationships rewritten to them,
the sheet's ``<drawing>`` element and relationship, and the content types. Nothing inside the
drawing is parsed or re-serialised, so what Excel shows is what the original showed. Anchors stay
right because the writer never inserts or deletes rows or columns.
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

NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_DRAWING = f"{NS_R}/drawing"
REL_IMAGE = f"{NS_R}/image"
REL_HYPERLINK = f"{NS_R}/hyperlink"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
REL_ID = "rIdXlcpDrawing1"

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


def _content_type(z: zipfile.ZipFile, part: str) -> str | None:
    defaults, overrides = _content_types(z)
    return overrides.get(part) or defaults.get(part.rsplit(".", 1)[-1].lower())


def carried_drawings(path: str | Path) -> dict[str, str]:
    """Sheet name -> drawing part that can be carried over verbatim (pictures and shapes only)."""
    out: dict[str, str] = {}
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        for sheet, part in sheet_parts(z).items():
            drawings = [r for r in _rels(z, part) if r.get("Type") == REL_DRAWING]
            if len(drawings) != 1 or drawings[0].get("TargetMode") == "External":
                continue
            dpart = _resolve(part, drawings[0].get("Target", ""))
            if dpart not in names:
                continue
            try:
                root = ET.fromstring(z.read(dpart))
            except ET.ParseError:
                continue
            if root.find(f".//{{{NS_XDR}}}graphicFrame") is not None or root.find(f".//{{{NS_MC}}}AlternateContent") is not None:
                continue
            ok = True
            for rel in _rels(z, dpart):
                kind, mode = rel.get("Type"), rel.get("TargetMode")
                if kind == REL_HYPERLINK and mode == "External":
                    continue
                if kind == REL_IMAGE and mode != "External" and _resolve(dpart, rel.get("Target", "")) in names:
                    continue
                ok = False
            if ok and _content_type(z, dpart) == CT_DRAWING:
                out[sheet] = dpart
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
    if rels_xml is None:
        rels_xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{NS_PKG}"></Relationships>'
    rel = f"<Relationship Id={quoteattr(rid)} Type={quoteattr(rtype)} Target={quoteattr(target)}/>"
    if rels_xml.rstrip().endswith("/>") and "</Relationships>" not in rels_xml:  # <Relationships .../>
        rels_xml = re.sub(r"/>\s*$", f">{rel}</Relationships>", rels_xml.rstrip())
        return rels_xml
    i = rels_xml.rindex("</Relationships>")
    return rels_xml[:i] + rel + rels_xml[i:]


def _add_override(ct_xml: str, part: str, content_type: str) -> str:
    o = f"<Override PartName={quoteattr('/' + part)} ContentType={quoteattr(content_type)}/>"
    i = ct_xml.rindex("</Types>")
    return ct_xml[:i] + o + ct_xml[i:]


class TransplantError(Exception):
    """The saved file does not look as expected: carry nothing, refuse instead."""


def transplant_drawings(original: str | Path, written: str | Path, carried: dict[str, str]) -> int:
    """Copy the carried drawings (and their images) from ``original`` into ``written``. Returns drawings copied."""
    if not carried:
        return 0
    written = Path(written)
    with zipfile.ZipFile(original) as a, zipfile.ZipFile(written) as b:
        infos = b.infolist()
        data: dict[str, bytes] = {i.filename: b.read(i.filename) for i in infos}
        out_parts = sheet_parts(b)
        ct = data["[Content_Types].xml"].decode("utf-8")
        added: dict[str, bytes] = {}
        for n, (sheet, dpart) in enumerate(sorted(carried.items()), start=1):
            spart = out_parts.get(sheet)
            if spart is None or spart not in data:
                raise TransplantError(f"sheet {n} missing")
            sheet_xml = data[spart].decode("utf-8")
            if re.search(r"<drawing[\s/>]", sheet_xml):
                raise TransplantError(f"sheet {n} already has a drawing")
            new_d = f"xl/drawings/drawingXlcp{n}.xml"
            if new_d in data:
                raise TransplantError("name taken")
            rels_root = ET.fromstring(a.read(_rels_path(dpart))) if _rels(a, dpart) else None
            rel_xml = None
            if rels_root is not None:
                rel_xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{NS_PKG}">'
                for k, rel in enumerate(rels_root.findall(f"{{{NS_PKG}}}Relationship"), start=1):
                    target = rel.get("Target", "")
                    mode = rel.get("TargetMode")
                    if rel.get("Type") == REL_IMAGE and mode != "External":
                        src_media = _resolve(dpart, target)
                        ext = posixpath.splitext(src_media)[1]
                        new_media = f"xl/media/xlcp{n}_{k}{ext}"
                        if new_media in data:
                            raise TransplantError("media name taken")
                        added[new_media] = a.read(src_media)
                        ctype = _content_type(a, src_media)
                        if not ctype:
                            raise TransplantError("unknown media type")
                        ct = _add_override(ct, new_media, ctype)
                        target = "../media/" + posixpath.basename(new_media)
                    attrs = f"Id={quoteattr(rel.get('Id', ''))} Type={quoteattr(rel.get('Type', ''))} Target={quoteattr(target)}"
                    if mode:
                        attrs += f" TargetMode={quoteattr(mode)}"
                    rel_xml += f"<Relationship {attrs}/>"
                rel_xml += "</Relationships>"
            added[new_d] = a.read(dpart)
            if rel_xml is not None:
                added[_rels_path(new_d)] = rel_xml.encode("utf-8")
            ct = _add_override(ct, new_d, CT_DRAWING)
            data[spart] = _insert_drawing(sheet_xml).encode("utf-8")
            srels = _rels_path(spart)
            old = data[srels].decode("utf-8") if srels in data else None
            if old is not None and REL_ID in old:
                raise TransplantError("relationship id taken")
            new_rels = _add_rel(old, REL_ID, REL_DRAWING, "../drawings/" + posixpath.basename(new_d))
            if srels in data:
                data[srels] = new_rels.encode("utf-8")
            else:
                added[srels] = new_rels.encode("utf-8")
        data["[Content_Types].xml"] = ct.encode("utf-8")
    tmp = written.with_name(written.name + ".drawings")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info in infos:
            out.writestr(info, data[info.filename])
        for name, payload in added.items():
            out.writestr(name, payload)
    os.replace(tmp, written)
    return len(carried)
