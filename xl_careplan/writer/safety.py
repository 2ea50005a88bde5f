"""What openpyxl 3.1 would drop or alter when it loads and saves this .xlsx/.xlsm.

Verified empirically (tests/test_writer_safety.py builds each part and round-trips it):

lost on load + save (→ we refuse to write the workbook):
  pictures (xdr:pic; dropped without Pillow), shapes / text boxes (xdr:sp, connectors, groups),
  SmartArt and other graphic frames, charts made by Excel — unless ``transplant`` can copy their
  drawing over verbatim after saving (``carry_drawings=True``: no alternate content, every linked
  part present) —,
  form controls (<controls>, ctrlProps), ActiveX controls, embedded OLE objects,
  header/footer pictures, threaded comments (Excel 365 replies), custom XML parts,
  x14 extensions in a sheet's extLst (list validation whose source is another sheet,
  data bars / icon sets of Excel 2010+, sparklines, slicers), slicers and timelines,
  data connections / query tables, dynamic-array metadata, VBA in a file not ending in .xlsm,
  charts not carried that openpyxl cannot rebuild identically (Excel's styles, colours, extensions).
  Pivot tables are refused without test: openpyxl re-serialises them from its own model.
kept (not reported): values, formulas, styles, merged cells, standard data validation and
  conditional formatting, defined names and print areas, column widths, row heights, page setup,
  headers/footers text, freeze panes, sheet and workbook protection, external links, tables,
  charts made by openpyxl, notes' text, VBA (vbaProject.bin) of an .xlsm opened with keep_vba=True.
dropped by openpyxl but put back after saving (``output.annotate_file``; reported here unless
  ``carry_drawings=True``): cached formula results (``cached``), printer driver settings, drawings,
  header/footer pictures and backgrounds, x14 list validations and sparklines, protected ranges,
  furigana settings, ignored errors, file sharing (all in ``transplant``), readings of text and
  ph="1" (``furigana``).
changed but not reported (cosmetic, documented in docs/writer.md): notes' box size and formatting,
  calcChain, thumbnail, sheetCalcPr, cellWatches, smartTags.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

# ext uri -> what the user would lose
EXT_URIS = {
    "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}": "他のシートを参照する入力規則（リスト）",
    "{78C0D931-6437-407d-A8EE-F0AAD7539E65}": "拡張された条件付き書式（データバー・アイコン等）",
    "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}": "スパークライン",
    "{A8765BA9-456A-4dab-B4F3-ACF838C121DE}": "スライサー",
    "{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}": "スライサー",
    "{7E03D99C-DC04-49d9-9315-930204A7B6E9}": "タイムライン",
}

# worksheet elements openpyxl 3.1 drops silently (checked in tests/test_writer_safety.py)
SHEET_LOST_TAGS = {
    "protectedRanges": "編集を許可する範囲（シートの保護）",
    "customSheetViews": "ユーザー設定のビュー",
    "dataConsolidate": "統合の設定",
    "webPublishItems": "Web 発行の設定",
    "customProperties": "シートのカスタムプロパティ",
}
# dropped too, but only cosmetic (documented, not refused): ignoredErrors (green triangles come back),
# phoneticPr (furigana display settings), sheetCalcPr, cellWatches, smartTags
WORKBOOK_LOST_TAGS = {
    "fileSharing": "読み取り専用の推奨・書き込みパスワードの設定",
    "customWorkbookViews": "ユーザー設定のビュー",
}
# worksheet elements that must still be there after saving when the original had them
MUST_SURVIVE = ("mergeCells", "conditionalFormatting", "dataValidations", "hyperlinks", "sheetProtection",
                "autoFilter", "tableParts", "rowBreaks", "colBreaks", "drawing", "legacyDrawing", "scenarios",
                *SHEET_LOST_TAGS)

# parts openpyxl writes again (or that are harmless to lose): everything else is reported
_KEPT = [
    r"\[Content_Types\]\.xml", r"_rels/\.rels", r"docProps/(app|core|custom)\.xml", r"docProps/thumbnail\.\w+",
    r"xl/workbook\.xml", r"xl/_rels/workbook\.xml\.rels", r"xl/styles\.xml", r"xl/theme/theme\d*\.xml",
    r"xl/sharedStrings\.xml", r"xl/calcChain\.xml", r"xl/worksheets/sheet[^/]*\.xml",
    r"xl/worksheets/_rels/sheet[^/]*\.xml\.rels", r"xl/chartsheets/sheet[^/]*\.xml",
    r"xl/chartsheets/_rels/sheet[^/]*\.xml\.rels", r"xl/comments[^/]*\.xml", r"xl/comments/comment[^/]*\.xml",
    r"xl/drawings/[^/]*\.vml", r"xl/drawings/_rels/[^/]*\.vml\.rels", r"xl/drawings/drawing[^/]*\.xml",
    r"xl/drawings/_rels/drawing[^/]*\.xml\.rels", r"xl/charts/chart[^/]*\.xml", r"xl/media/[^/]+",
    r"xl/tables/table[^/]*\.xml", r"xl/tables/_rels/[^/]*", r"xl/externalLinks/.*",
    r"xl/printerSettings/.*", r"xl/persons/person\.xml", r"xl/vbaProject\.bin", r"xl/vbaProjectSignature\w*\.bin",
    r"xl/_rels/vbaProject\.bin\.rels", r"customUI/.*", r"_xmlsignatures/.*", r"docProps/custom\.xml",
]
_KEPT_RE = re.compile("|".join(f"(?:{p})" for p in _KEPT), re.IGNORECASE)
_VBA_SUFFIXES = (".xlsm", ".xltm")


def _parse(z: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        return ET.fromstring(z.read(name))
    except (KeyError, ET.ParseError):
        return None


def _rels(z: zipfile.ZipFile, part: str) -> list[tuple[str, str]]:
    """(type, absolute target) of a part's relationships."""
    folder, base = posixpath.split(part)
    root = _parse(z, posixpath.join(folder, "_rels", base + ".rels"))
    out = []
    if root is None:
        return out
    for rel in root.findall(f"{{{NS_PKG_REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Type", "").rsplit("/", 1)[-1], path))
    return out


def canonical(elem: ET.Element):
    """A comparable form of an XML tree (namespace prefixes and attribute order do not matter)."""
    return (elem.tag, tuple(sorted(elem.attrib.items())), (elem.text or "").strip(),
            tuple(canonical(c) for c in elem))


def chart_survives(xml: bytes) -> bool:
    """Does openpyxl rebuild this chart part identically? (what it does on load + save)"""
    try:
        from openpyxl.chart.chartspace import ChartSpace
        from openpyxl.chart.reader import read_chart

        tree = ET.fromstring(xml)
        chart = read_chart(ChartSpace.from_tree(tree))
        from openpyxl.xml.functions import tostring

        rebuilt = ET.fromstring(tostring(chart._write()))
    except Exception:  # noqa: BLE001 - anything openpyxl cannot read is lost
        return False
    return canonical(rebuilt) == canonical(tree)


def unpreservable_parts(path: str | Path, *, carry_drawings: bool = False) -> list[str]:
    """Japanese descriptions of what openpyxl would lose in this workbook; empty = safe to write.

    ``carry_drawings``: the caller puts back, after saving, the drawings ``transplant.carried_drawings``
    accepts and the sheet extensions in ``transplant.CARRIED_EXT_URIS`` (as ``output.annotate_file``
    does), so those are not reported.
    """
    path = Path(path)
    carried: set[str] = set()
    found: Counter[str] = Counter()
    try:
        z = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        from xl_careplan.errors import WorkbookReadError

        raise WorkbookReadError("Excel ブック（.xlsx / .xlsm）として開けないため、書き込めません。",
                                file=str(path)) from e
    with z:
        names = z.namelist()
        links: set[tuple[str, str]] = set()
        custom_ok = False
        if carry_drawings:
            from xl_careplan.writer.transplant import custom_xml_carried

            custom_ok = custom_xml_carried(path)
            from xl_careplan.writer.transplant import carried_link_elements, carried_parts

            carried = carried_parts(path)
            links = carried_link_elements(path)
        unknown = []
        for n in names:
            if n.endswith("/") or n in carried:
                continue
            low = n.lower()
            if low.startswith("xl/vbaproject") and path.suffix.lower() not in _VBA_SUFFIXES:
                found["マクロ（VBA）（拡張子が .xlsm ではないため）"] += 1
            elif low.startswith("xl/ctrlprops/"):
                found["フォームコントロール（チェックボックス等）"] += 1
            elif low.startswith("xl/activex/"):
                if low.endswith(".xml") and "_rels" not in low:
                    found["ActiveX コントロール"] += 1
            elif low.startswith("xl/embeddings/"):
                found["埋め込みオブジェクト（OLE）"] += 1
            elif low.startswith("xl/threadedcomments/"):
                found["スレッド形式のコメント（返信付きコメント）"] += 1
            elif low.startswith("customxml/"):
                if re.fullmatch(r"customxml/item\d+\.xml", low) and not custom_ok:
                    found["カスタムXMLデータ"] += 1
            elif low.startswith(("xl/pivottables/", "xl/pivotcache/")):
                if re.search(r"pivottable\d*\.xml$", low):
                    found["ピボットテーブル"] += 1
            elif low.startswith(("xl/slicers/", "xl/slicercaches/")):
                if re.search(r"slicer\d*\.xml$", low):
                    found["スライサー"] += 1
            elif low.startswith(("xl/timelines/", "xl/timelinecaches/")):
                if re.search(r"timeline\d*\.xml$", low):
                    found["タイムライン"] += 1
            elif low in ("xl/connections.xml",) or low.startswith("xl/querytables/"):
                if low == "xl/connections.xml":
                    found["外部データ接続（クエリ）"] += 1
            elif low == "xl/metadata.xml":
                continue  # only matters when cells point into it (cm= / vm=): checked per sheet
            elif low.startswith(("xl/diagrams/",)):
                if re.search(r"data\d*\.xml$", low):
                    found["SmartArt"] += 1
            elif low.startswith("xl/charts/") and re.search(r"(style|colors)\d*\.xml$", low):
                continue  # reported with its chart below
            elif low.startswith("xl/drawings/") and low.endswith(".xml") and "_rels" not in low:
                _inspect_drawing(z, n, found)
            elif not _KEPT_RE.fullmatch(n) and not low.endswith(".rels"):
                unknown.append(n)
        for n in names:
            if re.fullmatch(r"xl/(worksheets|chartsheets)/sheet[^/]*\.xml", n):
                _inspect_sheet(z, n, found, carry=carry_drawings, carried_links=links)
        wb_root = _parse(z, "xl/workbook.xml")
        if wb_root is not None:
            for tag, what in WORKBOOK_LOST_TAGS.items():
                if carry_drawings and tag == "fileSharing":
                    continue  # put back after saving (transplant.carry_raw_elements)
                if wb_root.find(f"{{{NS_MAIN}}}{tag}") is not None and what not in found:
                    found[what] += 1
        charts_lost = 0
        for n in names:
            if re.fullmatch(r"xl/charts/chart[^/]*\.xml", n) and n not in carried:
                own = [t for t, _ in _rels(z, n)]
                if own or not chart_survives(z.read(n)):
                    charts_lost += 1
        if charts_lost:
            found["グラフ（書式・設定の一部）"] += charts_lost
    out = [f"{what}（{n} 件）" if n > 1 else what for what, n in found.items()]
    if unknown:
        out.append("openpyxl が扱えない部品（" + "、".join(sorted(unknown)[:5]) + (" ほか" if len(unknown) > 5 else "") + "）")
    return out


def _inspect_drawing(z: zipfile.ZipFile, name: str, found: Counter) -> None:
    root = _parse(z, name)
    if root is None:
        found["読み取れない描画"] += 1
        return
    pics = len(root.findall(f".//{{{NS_XDR}}}pic"))
    shapes = len(root.findall(f".//{{{NS_XDR}}}sp")) + len(root.findall(f".//{{{NS_XDR}}}cxnSp"))
    groups = len(root.findall(f".//{{{NS_XDR}}}grpSp"))
    if pics:
        found["画像（図・ロゴ・印影など）"] += pics
    if shapes or groups:
        found["図形・テキストボックス"] += shapes + groups
    for gf in root.iter(f"{{{NS_XDR}}}graphicFrame"):
        gd = gf.find(f".//{{{NS_A}}}graphicData")
        uri = gd.get("uri", "") if gd is not None else ""
        if not uri.endswith("/chart"):
            found["SmartArt などの図"] += 1
    if root.find(".//{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent") is not None:
        found["拡張描画（スライサー・新しい図形等）"] += 1


from xl_careplan.writer.transplant import RAW_SHEET_ELEMENTS  # noqa: E402


def _inspect_sheet(z: zipfile.ZipFile, name: str, found: Counter, *, carry: bool = False,
                   carried_links: set[tuple[str, str]] = frozenset()) -> None:
    root = _parse(z, name)
    if root is None:
        return
    m = f"{{{NS_MAIN}}}"
    for tag, what in (
        ("controls", "フォームコントロール（チェックボックス等）"),
        ("oleObjects", "埋め込みオブジェクト（OLE）"),
        ("legacyDrawingHF", "ヘッダー・フッターの画像"),
        ("drawingHF", "ヘッダー・フッターの画像"),
        ("picture", "シートの背景画像"),
    ):
        if (name, tag) in carried_links:
            continue  # put back after saving (transplant.transplant_links)
        if root.find(f".//{m}{tag}") is not None and what not in found:
            found[what] += 1
    for tag, what in SHEET_LOST_TAGS.items():
        if carry and tag in RAW_SHEET_ELEMENTS:
            continue  # put back after saving (transplant.carry_raw_elements)
        if root.find(f"{m}{tag}") is not None:
            found[what] += 1
    ext_lst = root.find(f"{m}extLst")
    if ext_lst is not None:
        from xl_careplan.writer.transplant import CARRIED_EXT_URIS

        for ext in ext_lst.findall(f"{m}ext"):
            uri = ext.get("uri", "")
            if carry and uri in CARRIED_EXT_URIS and name.startswith("xl/worksheets/"):
                continue  # put back verbatim after saving (transplant.carry_sheet_extensions)
            what = EXT_URIS.get(uri, f"シートの拡張設定（{uri}）")
            found[what] += 1
    cells = list(root.iter(f"{m}c"))
    # furigana shown in cells (ph="1"): the display setting would be lost with the furigana data
    if not carry and any(c.get("ph") in ("1", "true") for c in cells):  # carry: furigana.restore_furigana
        found["セルに表示しているふりがな"] += 1
    if any(c.get("cm") is not None for c in cells):
        found["動的配列数式（スピル）"] += 1
    if any(c.get("vm") is not None for c in cells):
        found["セル内の画像・データの種類（リッチ値）"] += 1


def saved_losses(original: str | Path, written: str | Path) -> list[str]:
    """After saving: compare the two zips for what must have survived (a second, empirical net)."""
    out: list[str] = []
    with zipfile.ZipFile(original) as a, zipfile.ZipFile(written) as b:
        an, bn = a.namelist(), b.namelist()

        def count(names, pattern):
            return sum(1 for n in names if re.fullmatch(pattern, n))

        for pattern, what in (
            (r"xl/charts/chart[^/]*\.xml", "グラフ"),
            (r"xl/tables/table[^/]*\.xml", "テーブル"),
            (r"xl/externalLinks/externalLink[^/]*\.xml", "外部リンク"),
            (r"xl/vbaProject\.bin", "マクロ（VBA）"),
            (r"xl/media/[^/]+", "画像"),
            (r"xl/printerSettings/[^/]+", "プリンタの設定"),
        ):
            if count(bn, pattern) < count(an, pattern):
                out.append(what)
        if "xl/vbaProject.bin" in an and "xl/vbaProject.bin" in bn and a.read("xl/vbaProject.bin") != b.read("xl/vbaProject.bin"):
            out.append("マクロ（VBA）")
        def drawn(z, names):
            pics = shapes = 0
            for n in names:
                if re.fullmatch(r"xl/drawings/[^/]+\.xml", n):
                    root = ET.fromstring(z.read(n))
                    pics += len(root.findall(f".//{{{NS_XDR}}}pic"))
                    shapes += len(root.findall(f".//{{{NS_XDR}}}sp")) + len(root.findall(f".//{{{NS_XDR}}}cxnSp"))
            return pics, shapes

        (pa, sa), (pb, sb) = drawn(a, an), drawn(b, bn)
        if pb < pa and "画像" not in out:
            out.append("画像")
        if sb < sa:
            out.append("図形・テキストボックス")
        from xl_careplan.writer.cached import sheet_parts

        a_sheets, b_sheets = sheet_parts(a), sheet_parts(b)
        from xl_careplan.fields import SHEET_RESULTS
        from xl_careplan.writer.annotate import STATE_SHEET

        ours = {SHEET_RESULTS, STATE_SHEET}  # rebuilt on each run
        for name, part in a_sheets.items():
            if name in ours:
                continue
            if name not in b_sheets:
                out.append(f"シート「{name}」")
                continue
            before_root, after_root = ET.fromstring(a.read(part)), ET.fromstring(b.read(b_sheets[name]))
            before_tags = {c.tag for c in before_root}
            after_tags = {c.tag for c in after_root}
            from xl_careplan.writer.transplant import CARRIED_EXT_URIS

            def uris(root):
                return {e.get("uri") for e in root.findall(f"{{{NS_MAIN}}}extLst/{{{NS_MAIN}}}ext")}

            for uri in (uris(before_root) & CARRIED_EXT_URIS) - uris(after_root):
                what = EXT_URIS.get(uri, uri)
                if what not in out:
                    out.append(what)
            for tag in MUST_SURVIVE:
                if f"{{{NS_MAIN}}}{tag}" in before_tags and f"{{{NS_MAIN}}}{tag}" not in after_tags:
                    what = SHEET_LOST_TAGS.get(tag, f"シート「{name}」の設定（{tag}）")
                    if what not in out:
                        out.append(what)
        before = Counter(repr(canonical(ET.fromstring(a.read(n)))) for n in an if re.fullmatch(r"xl/charts/chart[^/]*\.xml", n))
        after = Counter(repr(canonical(ET.fromstring(b.read(n)))) for n in bn if re.fullmatch(r"xl/charts/chart[^/]*\.xml", n))
        if before - after and "グラフ" not in out:
            out.append("グラフ（書式・設定の一部）")
    return out
