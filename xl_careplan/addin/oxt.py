"""Build ``xl_careplan.oxt``, the LibreOffice Calc extension: menu 「ケアプラン点検」→「点検する」 and a toolbar button.

Contents:
- ``description.xml``, ``META-INF/manifest.xml``: what LibreOffice's extension manager (unopkg) reads;
- ``Addons.xcu``: the menu and the toolbar button, in Calc only, both dispatching ``org.xl_careplan.calc:check``;
- ``ProtocolHandler.xcu`` + ``xl_careplan_calc.py``: a Python UNO component that handles that URL on the
  clicked window's document (a protocol handler needs only the Python UNO bridge, Debian's python3-uno;
  Python *macros* would also need the script provider package);
- ``xl_careplan_env.json``: where this Python finds xl_careplan and its dependencies (its site-packages and
  the folder holding the package, for editable installs whose ``.pth`` files an appended path does not run),
  its version (the extension's Python must be the same minor version to load compiled dependencies such as
  python-calamine, sudachipy) and the settings (profile, layout) chosen at build time.
"""

from __future__ import annotations

import json
import site
import sys
import sysconfig
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

OXT_FILENAME = "xl_careplan.oxt"
EXTENSION_ID = "org.xl_careplan.calc"
PROTOCOL = "org.xl_careplan.calc:"
COMMAND_URL = PROTOCOL + "check"
COMPONENT = "xl_careplan_calc.py"
ENV_FILE = "xl_careplan_env.json"
MENU_TITLE = "ケアプラン点検"
BUTTON_TITLE = "点検する"
CALC = "com.sun.star.sheet.SpreadsheetDocument"
SCRIPT_DIR = Path(__file__).with_name("lo_script")

_DESCRIPTION = """<?xml version="1.0" encoding="UTF-8"?>
<description xmlns="http://openoffice.org/extensions/description/2006"
             xmlns:d="http://openoffice.org/extensions/description/2006"
             xmlns:xlink="http://www.w3.org/1999/xlink">
  <identifier value="{ident}"/>
  <version value="{version}"/>
  <display-name>
    <name lang="ja">ケアプラン点検（xl_careplan）</name>
    <name lang="en">Care plan check (xl_careplan)</name>
  </display-name>
  <publisher><name lang="ja" xlink:href="https://github.com/">xl_careplan</name></publisher>
  <extension-description><src lang="ja" xlink:href="description-ja.txt"/></extension-description>
</description>
"""

_DESCRIPTION_TEXT = (
    "居宅サービス計画書（第1表〜第4表）・アセスメント・モニタリング記録を点検し、指摘をセルのメモと色、"
    "「点検結果」シートとして書き込みます。メニュー「ケアプラン点検」→「点検する」またはツールバーのボタンで実行します。\n"
)

_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="http://openoffice.org/2001/manifest">
  <manifest:file-entry manifest:full-path="{component}" manifest:media-type="application/vnd.sun.star.uno-component;type=Python"/>
  <manifest:file-entry manifest:full-path="ProtocolHandler.xcu" manifest:media-type="application/vnd.sun.star.configuration-data"/>
  <manifest:file-entry manifest:full-path="Addons.xcu" manifest:media-type="application/vnd.sun.star.configuration-data"/>
</manifest:manifest>
"""

_XCU_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<oor:component-data xmlns:oor="http://openoffice.org/2001/registry" '
             'xmlns:xs="http://www.w3.org/2001/XMLSchema" oor:name="{name}" oor:package="org.openoffice.Office">\n')

_PROTOCOL_HANDLER = _XCU_HEAD.format(name="ProtocolHandler") + """  <node oor:name="HandlerSet">
    <node oor:name="org.xl_careplan.calc.ProtocolHandler" oor:op="replace">
      <prop oor:name="Protocols" oor:type="oor:string-list"><value>{protocol}*</value></prop>
    </node>
  </node>
</oor:component-data>
"""


def _prop(name: str, value: str) -> str:
    return f'<prop oor:name="{name}" oor:type="xs:string"><value>{escape(value)}</value></prop>'


def _item(node: str, title: str) -> str:
    return (f'<node oor:name="{node}" oor:op="replace">'
            + _prop("URL", COMMAND_URL) + _prop("Title", title) + _prop("Target", "_self")
            + _prop("Context", CALC) + "</node>")


def addons_xcu() -> str:
    menu = (f'<node oor:name="{EXTENSION_ID}.menu" oor:op="replace">' + _prop("Title", MENU_TITLE)
            + _prop("Context", CALC) + '<node oor:name="Submenu">' + _item("m1", BUTTON_TITLE) + "</node></node>")
    toolbar = f'<node oor:name="{EXTENSION_ID}.toolbar" oor:op="replace">' + _item("t1", BUTTON_TITLE) + "</node>"
    return (_XCU_HEAD.format(name="Addons") + '  <node oor:name="AddonUI">\n'
            f'    <node oor:name="OfficeMenuBar">{menu}</node>\n'
            f'    <node oor:name="OfficeToolBar">{toolbar}</node>\n'
            "  </node>\n</oor:component-data>\n")


def python_paths() -> list[str]:
    """Folders the extension's Python needs on sys.path to import xl_careplan as this Python does."""
    import xl_careplan

    paths = [str(Path(xl_careplan.__file__).resolve().parents[1])]
    for key in ("purelib", "platlib"):
        paths.append(sysconfig.get_paths()[key])
    if site.ENABLE_USER_SITE:
        paths.append(site.getusersitepackages())
    out: list[str] = []
    for p in paths:
        if p not in out and Path(p).is_dir():
            out.append(p)
    return out


@dataclass
class OxtResult:
    path: Path
    settings: dict[str, str] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)
    python: str = ""


def build_oxt(output_dir: str | Path, *, profile: str | None = None, layout: str | None = None) -> OxtResult:
    """Write ``xl_careplan.oxt`` into ``output_dir`` (created if needed)."""
    from xl_careplan import __version__

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    settings = {k: v for k, v in (("PROFILE", profile), ("LAYOUT", layout)) if v}
    paths = python_paths()
    python = "%d.%d" % sys.version_info[:2]
    env = {"python": python, "paths": paths, "settings": settings, "version": __version__}
    dest = out / OXT_FILENAME
    tmp = dest.with_name(dest.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("description.xml", _DESCRIPTION.format(ident=EXTENSION_ID, version=quoteattr(__version__)[1:-1]))
        z.writestr("description-ja.txt", _DESCRIPTION_TEXT)
        z.writestr("META-INF/manifest.xml", _MANIFEST.format(component=COMPONENT))
        z.writestr("ProtocolHandler.xcu", _PROTOCOL_HANDLER.format(protocol=PROTOCOL))
        z.writestr("Addons.xcu", addons_xcu())
        z.writestr(COMPONENT, (SCRIPT_DIR / COMPONENT).read_text(encoding="utf-8"))
        z.writestr(ENV_FILE, json.dumps(env, ensure_ascii=False, indent=2))
    tmp.replace(dest)
    return OxtResult(path=dest, settings=settings, paths=paths, python=python)
