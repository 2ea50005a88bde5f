"""Build ``xl_careplan.xlam``: xlwings' add-in package with our own VBA project, built from source.

The package (workbook, styles, the settings sheet) comes from the template that ships inside
xlwings (``xlwings/quickstart_addin_ribbon.xlam``). Its VBA project does not: ``vbaProject.bin`` is
built from the sources in ``xl_careplan/addin/vba/`` (``ovba.py``, [MS-OVBA]), so what Excel runs is
source a reviewer can read in the repository:

- ``XlCareplanRun.bas``: xlwings' ``xlwings_custom_addin.bas`` (RunPython & co.) with our project
  name ``xl_careplan`` and settings read only from the add-in's own ``xl_careplan.conf`` sheet and the
  user's own ``xl_careplan.conf`` file, never from the active workbook or its folder. The unmodified
  upstream file is kept beside it (``vba/upstream/``); every change is marked ``xl_careplan:``.
- ``RibbonXlCareplan.bas``: the ribbon callback ``XlCareplanCheck``, which runs
  ``import xl_careplan;xl_careplan.main()``. Module and procedure names are our own (xlwings issue
  #973: add-ins made from one template share ``RibbonMyAddin.RunMain``).
- ``Dictionary.cls`` (used on macOS), ``ThisWorkbook.cls``, ``Sheet2.cls``: as in the template (the
  two document modules match the package's ``codeName`` attributes, checked at build time).

We also write three XML parts: the ribbon (``customUI/customUI.xml``: a tab 「ケアプラン点検」 with one
large button 「点検する」), the settings sheet (renamed from ``_myaddin.conf`` to ``xl_careplan.conf``
and filled with ``Interpreter_Win`` / ``Interpreter_Mac``, ``ADD_WORKBOOK_TO_PYTHONPATH=false``,
``PROFILE`` and optionally ``LAYOUT``, the last two read by ``live.run_on_caller``), and the document
title shown in Excel's add-in dialog. We read the built VBA back with oletools' olevba to check that
the ribbon's callback exists and runs our Python; anything else stops the build.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from xl_careplan import ooxml
from xl_careplan.addin.ovba import Module, build_vba_project, module_name_of, normalise_source
from xl_careplan.errors import XlCareplanError

ADDIN_MODULE = "xl_careplan"
ADDIN_FILENAME = ADDIN_MODULE + ".xlam"
TEMPLATE_FILENAME = "quickstart_addin_ribbon.xlam"

VBA_DIR = Path(__file__).parent / "vba"
VBA_PROJECT_NAME = "XlCareplan"  # the VBA project's own name (an identifier; was "MyAddin")
RIBBON_CALLBACK = "RibbonXlCareplan.XlCareplanCheck"
# (file, kind) in the template's order; kinds as ovba.Module
VBA_FILES = (
    ("ThisWorkbook.cls", "document"),
    ("Dictionary.cls", "class"),
    ("RibbonXlCareplan.bas", "module"),
    ("Sheet2.cls", "document"),
    ("XlCareplanRun.bas", "module"),
)

TAB_ID = "xlCareplanTab"
TAB_LABEL = "ケアプラン点検"
GROUP_ID = "xlCareplanGroup"
GROUP_LABEL = "居宅サービス計画書"
BUTTON_ID = "xlCareplanCheck"
BUTTON_LABEL = "点検する"
BUTTON_SCREENTIP = "開いている居宅サービス計画書を点検します"
BUTTON_SUPERTIP = (
    "開いているブックの居宅サービス計画書を国の基準と市の方針に照らして点検し、指摘をセルのメモと色、"
    "「点検結果」シートに書き込みます。モニタリング予定も記入します。"
)
BUTTON_IMAGE = "MacroPlay"  # the template's own imageMso (known to exist)



class AddinBuildError(XlCareplanError):
    """The xlwings template is missing or not what we know how to adapt."""


@dataclass
class TemplateInfo:
    path: Path
    ribbon_part: str  # e.g. "customUI/customUI.xml"
    callbacks: list[str]  # onAction values of the template's ribbon, e.g. ["RibbonMyAddin.RunMain"]
    project_name: str  # the template's VBA constant PROJECT_NAME ("myaddin"): names its settings sheet
    conf_sheet_name: str  # "_myaddin.conf" as shipped
    conf_sheet_part: str  # "xl/worksheets/sheet1.xml"
    vba: dict[str, str]  # the template's VBA module name -> source
    vba_part: str  # "xl/vbaProject.bin"
    vba_dir: bytes  # its decompressed VBA/dir stream (project information and library references)
    vba_project_stream: bytes  # its PROJECT stream (project id, protection fields)
    code_names: list[str]  # codeName of the workbook and of each sheet: the document modules


@dataclass
class BuildResult:
    path: Path
    callback: str  # the onAction of our button, "RibbonXlCareplan.XlCareplanCheck"
    python_command: str  # what that macro passes to RunPython for our file name
    settings: dict[str, str] = field(default_factory=dict)  # rows of the add-in's settings sheet


# ---------------------------------------------------------------------------------------------
# the template


def template_path() -> Path:
    """``quickstart_addin_ribbon.xlam`` inside the installed xlwings package (not imported: no Excel needed)."""
    import importlib.util

    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.origin:
        raise AddinBuildError("xlwings がインストールされていません。`pip install xlwings` を実行してください。")
    path = Path(spec.origin).parent / TEMPLATE_FILENAME
    if not path.is_file():
        raise AddinBuildError(
            f"xlwings のアドイン用テンプレート {TEMPLATE_FILENAME} が見つかりません（{path.parent}）。"
            "xlwings を入れ直してください。"
        )
    return path


def vba_modules(vba_project: bytes) -> dict[str, str]:
    """VBA module name -> source code of a ``vbaProject.bin`` (oletools' olevba)."""
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser("vbaProject.bin", data=vba_project)
    try:
        modules: dict[str, str] = {}
        for _file, _stream, vba_filename, code in parser.extract_macros():
            name = posixpath.splitext(vba_filename)[0]
            if isinstance(code, bytes):
                code = code.decode("latin-1")
            modules[name] = code
        return modules
    finally:
        parser.close()


def vba_procedure(modules: dict[str, str], macro: str) -> str | None:
    """Source of ``Module.Procedure`` (Sub or Function), or None when it does not exist."""
    if "." in macro:
        module, proc = macro.split(".", 1)
        sources = [modules.get(module, "")]
    else:
        proc, sources = macro, list(modules.values())
    pat = re.compile(
        rf"^[ \t]*(?:(?:Public|Private|Friend)\s+)?(?:Static\s+)?(Sub|Function)\s+{re.escape(proc)}\b.*?"
        rf"^[ \t]*End\s+\1\b",
        re.IGNORECASE | re.MULTILINE | re.DOTALL,
    )
    for src in sources:
        m = pat.search(src)
        if m:
            return m.group(0)
    return None


_LEFT_STEM = re.compile(
    r"^Left\(\s*ThisWorkbook\.Name\s*,\s*\(?\s*InStrRev\(\s*ThisWorkbook\.Name\s*,\s*\"\.\"[^)]*\)\s*-\s*1\s*\)?\s*\)$",
    re.IGNORECASE,
)


def _vba_string_expr(expr: str, variables: dict[str, str], workbook_name: str) -> str:
    """Evaluate the small VBA string expressions the template uses ("lit" & var & ThisWorkbook.Name)."""
    parts, buf, in_str = [], "", False
    i = 0
    while i < len(expr):
        ch = expr[i]
        if ch == '"':
            if in_str and expr[i + 1 : i + 2] == '"':
                buf += '""'
                i += 2
                continue
            in_str = not in_str
            buf += ch
        elif ch == "&" and not in_str:
            parts.append(buf.strip())
            buf = ""
        else:
            buf += ch
        i += 1
    parts.append(buf.strip())
    out = []
    for p in parts:
        if len(p) >= 2 and p[0] == '"' and p[-1] == '"':
            out.append(p[1:-1].replace('""', '"'))
        elif p.lower() in variables:
            out.append(variables[p.lower()])
        elif p.lower() == "thisworkbook.name":
            out.append(workbook_name)
        else:
            raise ValueError(p)
    return "".join(out)


def _strip_comment(line: str) -> str:
    """A VBA line without its trailing ' comment (quotes inside string literals are kept)."""
    in_str = False
    for i, ch in enumerate(line):
        if ch == '"':
            in_str = not in_str
        elif ch == "'" and not in_str:
            return line[:i]
    return line


def python_command_of(procedure: str, workbook_name: str) -> str:
    """The Python command a ribbon callback passes to ``RunPython`` when the add-in file is ``workbook_name``.

    Understands the template's idiom (module name = add-in file name without extension) and plain
    string literals; anything else raises ``ValueError`` so the build stops.
    """
    stem = workbook_name[: workbook_name.rfind(".")] if "." in workbook_name else workbook_name
    variables: dict[str, str] = {}
    command = None
    for raw in procedure.splitlines():
        line = _strip_comment(raw).strip()
        if not line or line.lower().startswith(("sub ", "end sub", "function ", "end function", "dim ")):
            continue
        m = re.match(r"^(?:Let\s+)?([A-Za-z_]\w*)\s*=\s*(.+)$", line)
        if m and not line.lower().startswith("runpython"):
            name, expr = m.group(1).lower(), m.group(2).strip()
            if _LEFT_STEM.match(expr):
                variables[name] = stem
            else:
                variables[name] = _vba_string_expr(expr, variables, workbook_name)
            continue
        m = re.match(r"^(?:Call\s+)?RunPython\s*\(?\s*(.+?)\s*\)?$", line, re.IGNORECASE)
        if m:
            command = _vba_string_expr(m.group(1), variables, workbook_name)
            continue
        raise ValueError(line)
    if command is None:
        raise ValueError("no RunPython call")
    return command


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part path) of a package part ('' for the package)."""
    root = ET.fromstring(zf.read(ooxml.rels_path(part)))
    return {rel.get("Id", ""): (rel.get("Type", ""), ooxml.resolve(part, rel.get("Target", "")))
            for rel in root.findall(f"{{{ooxml.NS_PKG_REL}}}Relationship")}


def inspect_template(path: Path | None = None) -> TemplateInfo:
    """Find the ribbon part, its callbacks, the VBA project and the settings sheet of the template."""
    path = path or template_path()
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        raise AddinBuildError(f"アドインのテンプレートを開けません（{type(e).__name__}）", file=str(path)) from e
    with zf:
        pkg = _rels(zf, "")
        ribbon = [p for t, p in pkg.values() if t in (ooxml.REL_UI_2007, ooxml.REL_UI_2010)]
        workbook = [p for t, p in pkg.values() if t == ooxml.REL_OFFICE_DOCUMENT]
        if not ribbon or not workbook:
            raise AddinBuildError("テンプレートにリボン定義（customUI）がありません。", file=str(path))
        ribbon_part, workbook_part = ribbon[0], workbook[0]
        ui = ET.fromstring(zf.read(ribbon_part))
        callbacks = [el.get("onAction") for el in ui.iter() if el.get("onAction")]
        wb_rels = _rels(zf, workbook_part)
        vba_parts = [p for t, p in wb_rels.values() if t == ooxml.REL_VBA_PROJECT]
        if not vba_parts:
            raise AddinBuildError("テンプレートに VBA プロジェクトがありません。", file=str(path))
        vba_bin = zf.read(vba_parts[0])
        vba = vba_modules(vba_bin)
        vba_dir, vba_project_stream = _vba_streams(vba_bin)
        consts = [
            m.group(1)
            for src in vba.values()
            for m in re.finditer(r'Const\s+PROJECT_NAME\s+As\s+String\s*=\s*"([^"]+)"', src, re.IGNORECASE)
        ]
        if not consts:
            raise AddinBuildError("テンプレートの VBA に PROJECT_NAME がありません。", file=str(path))
        project = consts[0]
        wb = ET.fromstring(zf.read(workbook_part))
        code_names = [el.get("codeName", "") for el in wb.iter(f"{{{ooxml.NS_MAIN}}}workbookPr")]
        conf_name = conf_part = None
        for sh in wb.iter(f"{{{ooxml.NS_MAIN}}}sheet"):
            name = sh.get("name", "")
            if name.lstrip("_") == project + ".conf":
                conf_name = name
                conf_part = wb_rels[sh.get(f"{{{ooxml.NS_R}}}id", "")][1]
        for sh in wb.iter(f"{{{ooxml.NS_MAIN}}}sheet"):
            ws = ET.fromstring(zf.read(wb_rels[sh.get(f"{{{ooxml.NS_R}}}id", "")][1]))
            code_names += [el.get("codeName", "") for el in ws.iter(f"{{{ooxml.NS_MAIN}}}sheetPr")]
        if conf_name is None or conf_part is None:
            raise AddinBuildError(f"テンプレートに設定シート {project}.conf がありません。", file=str(path))
    return TemplateInfo(
        path=path,
        ribbon_part=ribbon_part,
        callbacks=callbacks,
        project_name=project,
        conf_sheet_name=conf_name,
        conf_sheet_part=conf_part,
        vba=vba,
        vba_part=vba_parts[0],
        vba_dir=vba_dir,
        vba_project_stream=vba_project_stream,
        code_names=code_names,
    )


def _vba_streams(vba_bin: bytes) -> tuple[bytes, bytes]:
    """The decompressed ``VBA/dir`` stream and the ``PROJECT`` stream of a ``vbaProject.bin``."""
    import olefile
    from oletools.olevba import decompress_stream

    ole = olefile.OleFileIO(io.BytesIO(vba_bin))
    try:
        return bytes(decompress_stream(bytearray(ole.openstream("VBA/dir").read()))), ole.openstream("PROJECT").read()
    finally:
        ole.close()


# ---------------------------------------------------------------------------------------------
# our VBA


def vba_sources(vba_dir: Path | None = None) -> list[Module]:
    """Our VBA modules, read from ``xl_careplan/addin/vba`` (line ends as the VBA editor stores them)."""
    folder = vba_dir or VBA_DIR
    out = []
    for filename, kind in VBA_FILES:
        try:
            text = (folder / filename).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as e:
            raise AddinBuildError(f"アドインの VBA ソース {filename} を読めません（{type(e).__name__}）。", file=str(folder)) from e
        source = normalise_source(text)
        out.append(Module(module_name_of(source), kind, source))
    return out


def vba_project_name_constant(modules: list[Module]) -> str:
    """The VBA constant PROJECT_NAME of our sources: names the settings sheet and the user's file."""
    for m in modules:
        found = re.search(r'^Public Const PROJECT_NAME As String = "([^"]+)"', m.source, re.MULTILINE)
        if found:
            return found.group(1)
    raise AddinBuildError("アドインの VBA ソースに PROJECT_NAME がありません。")


# ---------------------------------------------------------------------------------------------
# the parts we write


def ribbon_xml(callback: str, namespace: str = ooxml.NS_CUSTOMUI_2006) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<customUI xmlns="{namespace}">\n'
        "  <ribbon>\n"
        "    <tabs>\n"
        f"      <tab id={quoteattr(TAB_ID)} label={quoteattr(TAB_LABEL)}>\n"
        f"        <group id={quoteattr(GROUP_ID)} label={quoteattr(GROUP_LABEL)}>\n"
        f"          <button id={quoteattr(BUTTON_ID)} label={quoteattr(BUTTON_LABEL)} size=\"large\"\n"
        f"                  onAction={quoteattr(callback)} imageMso={quoteattr(BUTTON_IMAGE)}\n"
        f"                  screentip={quoteattr(BUTTON_SCREENTIP)}\n"
        f"                  supertip={quoteattr(BUTTON_SUPERTIP)} />\n"
        "        </group>\n"
        "      </tab>\n"
        "    </tabs>\n"
        "  </ribbon>\n"
        "</customUI>\n"
    )


def addin_settings(
    interpreter: str | None,
    platform: str,
    profile: str | None = None,
    conda: tuple[str, str] | None = None,
    layout: str | None = None,
) -> dict[str, str]:
    """Rows of the add-in's settings sheet, in order (the VBA reads A1 downwards to the first blank)."""
    rows: dict[str, str] = {}
    if interpreter:
        if platform.startswith("win"):
            rows["Interpreter_Win"] = interpreter
        elif platform == "darwin":
            rows["Interpreter_Mac"] = interpreter
    if conda and platform.startswith("win"):
        rows["Conda Path"], rows["Conda Env"] = conda
    rows["ADD_WORKBOOK_TO_PYTHONPATH"] = "false"
    rows["PROFILE"] = profile or "national"
    if layout:
        rows["LAYOUT"] = layout  # a layout file (TOML) for an office's own form, as `check --layout`
    return rows


def _conf_sheet_xml(template_xml: str, rows: dict[str, str], strings: list[str]) -> str:
    """Replace the template sheet's cells with our rows (shared strings), keeping everything else."""
    cells = []
    for r, (key, value) in enumerate(rows.items(), start=1):
        row_cells = []
        for col, text in (("A", key), ("B", value)):
            if text == "":
                continue
            if text not in strings:
                strings.append(text)
            row_cells.append(f'<c r="{col}{r}" s="1" t="s"><v>{strings.index(text)}</v></c>')
        cells.append(f'<row r="{r}" spans="1:2">{"".join(row_cells)}</row>')
    data = "<sheetData>" + "".join(cells) + "</sheetData>"
    out, n = re.subn(r"<sheetData\s*/>|<sheetData>.*?</sheetData>", lambda _m: data, template_xml, flags=re.DOTALL)
    if n != 1:
        raise AddinBuildError("テンプレートの設定シートの形式が想定と異なります。")
    last = max(len(rows), 1)
    out = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:B{last}" />', out, count=1)
    return out


def _shared_strings_xml(strings: list[str]) -> str:
    items = "".join(
        f'<si><t xml:space="preserve">{escape(s)}</t></si>' if s != s.strip() else f"<si><t>{escape(s)}</t></si>"
        for s in strings
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<sst xmlns="{ooxml.NS_MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    )


def _rename_sheet(workbook_xml: str, old: str, new: str) -> str:
    out, n = re.subn(rf'(<sheet\b[^>]*\bname="){re.escape(escape(old))}(")', rf"\g<1>{escape(new)}\g<2>", workbook_xml)
    if n != 1:
        raise AddinBuildError("テンプレートの設定シート名を変更できません。")
    return out


def _core_props(core_xml: str) -> str:
    title = "ケアプラン点検（xl_careplan）"
    desc = "居宅サービス計画書を点検するボタン（リボン「ケアプラン点検」）"
    core_xml = re.sub(r"<dc:title\s*/>|<dc:title>.*?</dc:title>", f"<dc:title>{escape(title)}</dc:title>", core_xml)
    core_xml = re.sub(
        r"<dc:description\s*/>|<dc:description>.*?</dc:description>",
        f"<dc:description>{escape(desc)}</dc:description>",
        core_xml,
    )
    return core_xml


def conda_settings() -> tuple[str, str] | None:
    """Like ``xlwings config create``: (conda base path, env name) when run inside an activated conda env."""
    env, exe = os.getenv("CONDA_DEFAULT_ENV"), os.getenv("CONDA_EXE")
    if env and exe:
        return os.path.sep.join(exe.split(os.path.sep)[:-2]), env
    return None


def build_addin(
    output_dir: str | Path,
    *,
    interpreter: str | None = None,
    platform: str | None = None,
    profile: str | None = None,
    conda: tuple[str, str] | None = None,
    template: Path | None = None,
    layout: str | None = None,
    vba_dir: Path | None = None,
) -> BuildResult:
    """Write ``output_dir/xl_careplan.xlam``. ``interpreter`` goes to the settings row of ``platform``."""
    platform = platform or sys.platform
    info = inspect_template(template)
    modules = vba_sources(vba_dir)
    documents = sorted(m.name for m in modules if m.kind == "document")
    if documents != sorted(info.code_names):
        raise AddinBuildError(
            f"テンプレートのシートのコード名（{', '.join(info.code_names)}）が VBA の文書モジュール"
            f"（{', '.join(documents)}）と一致しません。xlwings の版を確認してください。",
            file=str(info.path),
        )
    try:
        vba_bin = build_vba_project(
            modules, VBA_PROJECT_NAME, template_dir=info.vba_dir, template_project=info.vba_project_stream
        )
    except ValueError as e:
        raise AddinBuildError(f"VBA プロジェクトを作成できません（{e}）。", file=str(info.path)) from e
    # what Excel will run, read back from the built project by an independent reader
    callback = RIBBON_CALLBACK
    procedure = vba_procedure(vba_modules(vba_bin), callback)
    if procedure is None:
        raise AddinBuildError(f"リボンのマクロ {callback} が VBA にありません。")
    try:
        command = python_command_of(procedure, ADDIN_FILENAME)
    except ValueError as e:
        raise AddinBuildError(f"リボンのマクロ {callback} の処理が想定と異なります（{e}）。") from e
    expected = f"import {ADDIN_MODULE};{ADDIN_MODULE}.main()"
    if re.sub(r"\s*;\s*", ";", command.strip()) != expected:
        raise AddinBuildError(f"リボンのマクロが実行する Python が想定と異なります: {command}")

    rows = addin_settings(interpreter, platform, profile, conda, layout)
    conf_name = vba_project_name_constant(modules) + ".conf"
    out_dir = Path(output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / ADDIN_FILENAME

    with zipfile.ZipFile(info.path) as src:
        wb_part = [p for t, p in _rels(src, "").values() if t == ooxml.REL_OFFICE_DOCUMENT][0]
        wb_rels = _rels(src, wb_part)
        sst_parts = [p for t, p in wb_rels.values() if ooxml.rel_kind(t) == ooxml.SHARED_STRINGS]
        strings: list[str] = []
        replaced: dict[str, bytes] = {
            info.ribbon_part: ribbon_xml(callback, _ribbon_namespace(src.read(info.ribbon_part))).encode("utf-8"),
            wb_part: _rename_sheet(src.read(wb_part).decode("utf-8"), info.conf_sheet_name, conf_name).encode("utf-8"),
            info.conf_sheet_part: _conf_sheet_xml(src.read(info.conf_sheet_part).decode("utf-8"), rows, strings).encode(
                "utf-8"
            ),
            info.vba_part: vba_bin,
        }
        if not sst_parts:
            raise AddinBuildError("テンプレートに共有文字列（sharedStrings）がありません。", file=str(info.path))
        replaced[sst_parts[0]] = _shared_strings_xml(strings).encode("utf-8")
        if "docProps/core.xml" in src.namelist():
            replaced["docProps/core.xml"] = _core_props(src.read("docProps/core.xml").decode("utf-8")).encode("utf-8")

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as dst:
            for item in src.infolist():
                data = replaced.get(item.filename)
                if data is None:
                    data = src.read(item.filename)
                zi = zipfile.ZipInfo(item.filename, date_time=item.date_time)
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = item.external_attr
                dst.writestr(zi, data)
    # write atomically: a half-written add-in in XLSTART would make Excel complain at every start
    fd, tmp = tempfile.mkstemp(prefix=".xl_careplan-", suffix=".xlam", dir=out_dir)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(buf.getvalue())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return BuildResult(path=target, callback=callback, python_command=command, settings=rows)


def _ribbon_namespace(xml: bytes) -> str:
    """Keep the template's customUI schema (2006 for customUI.xml, 2009 for customUI14.xml)."""
    tag = ET.fromstring(xml).tag
    if tag.startswith("{") and tag[1:].split("}")[0] in (ooxml.NS_CUSTOMUI_2006, ooxml.NS_CUSTOMUI_2009):
        return tag[1:].split("}")[0]
    return ooxml.NS_CUSTOMUI_2006


def read_settings_sheet(xlam: str | Path) -> dict[str, str]:
    """The settings rows of a built add-in (for tests and ``addin status``): key -> value."""
    with zipfile.ZipFile(xlam) as zf:
        wb_part = [p for t, p in _rels(zf, "").values() if t == ooxml.REL_OFFICE_DOCUMENT][0]
        wb_rels = _rels(zf, wb_part)
        wb = ET.fromstring(zf.read(wb_part))
        sst_part = [p for t, p in wb_rels.values() if ooxml.rel_kind(t) == ooxml.SHARED_STRINGS]
        strings = [
            "".join(t.text or "" for t in si.iter(f"{{{ooxml.NS_MAIN}}}t"))
            for si in ET.fromstring(zf.read(sst_part[0])).findall(f"{{{ooxml.NS_MAIN}}}si")
        ] if sst_part else []
        for sh in wb.iter(f"{{{ooxml.NS_MAIN}}}sheet"):
            if sh.get("name", "").endswith(".conf") and not sh.get("name", "").startswith("_"):
                part = wb_rels[sh.get(f"{{{ooxml.NS_R}}}id", "")][1]
                ws = ET.fromstring(zf.read(part))
                out: dict[str, str] = {}
                for row in ws.iter(f"{{{ooxml.NS_MAIN}}}row"):
                    vals = {}
                    for c in row.findall(f"{{{ooxml.NS_MAIN}}}c"):
                        v = c.find(f"{{{ooxml.NS_MAIN}}}v")
                        text = v.text if v is not None else ""
                        if c.get("t") == "s":
                            text = strings[int(text)]
                        vals[re.sub(r"\d+", "", c.get("r", ""))] = text
                    if vals.get("A"):
                        out[vals["A"]] = vals.get("B", "")
                return out
    return {}
