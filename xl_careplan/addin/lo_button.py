"""The LibreOffice Calc adapter of 「点検する」: the shared click flow on the open Calc document.

Called by the extension's script (``addin/lo_script/xl_careplan_calc.py``) with the document of the
click. Settings: the extension's own (profile, layout: chosen at ``addin install --libreoffice``), which
the plan's own ``xl_careplan.conf`` sheet may override within ``flow.plan_settings``' limits, as in Excel.
As in Excel after a macro, the click cannot be undone (close without saving to get the workbook back);
the screen is not redrawn until it is over. While we write, the document's macros bound to its own and its sheets'
events are unbound (put back after, as Excel's ``EnableEvents``); a document whose VBA event procedures would run
(VBA mode, macros allowed), which LibreOffice cannot switch off from outside, is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping

from xl_careplan.addin import flow
from xl_careplan.addin.flow import ALERT_TITLE, RunResult
from xl_careplan.addin.uno_access import UnoWorkbook

NO_EVENTS_OFF = ("点検できませんでした。\n\nドキュメントのイベントに割り当てられたマクロを止められなかったため、何も書き込みませんでした。"
                 "LibreOffice を再起動してから、もう一度押してください。")
VBA_EVENTS = ("点検できませんでした。\n\nこのブックには、シートが変わると動く Excel のマクロ（{where}）があり、LibreOffice では"
              "書き込みの間それを止められないため、何も書き込みませんでした。マクロを無効にして開き直してから押すか、"
              "保存したファイルを `xl-careplan check --annotate` で点検してください。")
_VBA_EVENT_SUB = re.compile(r"^[ \t]*(?:(?:private|public|static)[ \t]+)*sub[ \t]+((?:worksheet|workbook)_\w+)",
                            re.IGNORECASE | re.MULTILINE)
_BINDING = "[]com.sun.star.beans.PropertyValue"


def check_document(doc: Any, *, today: dt.date | None = None, settings: Mapping[str, str] | None = None,
                   show: bool = True, ctx: Any = None) -> RunResult:
    """Check, annotate and schedule ``doc``; show the summary (``show``) and return it. Never raises."""
    was_modified = _modified(doc)
    vba = _vba_events(doc)
    unbound = None if vba else _unbind_events(doc)
    if vba or unbound is None:
        result = RunResult(ok=False, message=VBA_EVENTS.format(where=vba) if vba else NO_EVENTS_OFF)
    else:
        undo = _enter(doc)
        try:
            result = flow.click(lambda: UnoWorkbook(doc), today=today, settings=dict(settings or {}))
        finally:
            _leave(doc, undo)
            _rebind_events(unbound)
    if not result.ok and was_modified is False:
        try:  # unbinding and binding again changed nothing the user would save
            doc.setModified(False)
        except Exception:  # noqa: BLE001
            pass
    if show:
        message_box(doc, result.message, error=not result.ok, ctx=ctx)
    return result


def _modified(doc: Any) -> bool | None:
    try:
        return bool(doc.isModified())
    except Exception:  # noqa: BLE001
        return None


def _event_containers(doc: Any) -> list[Any]:
    sheets = doc.Sheets
    return [doc.Events] + [sheets.getByIndex(i).Events for i in range(sheets.Count)]


def _unbind_events(doc: Any) -> list[tuple[Any, str, Any]] | None:
    """Unbind every macro the document binds to its events (「内容が変更されたとき」, 「数式が計算されたとき」, 「変更状態が
    変わったとき」 …) and to its sheets'; the bindings to put back, or None (after putting back what was taken)
    when one cannot be unbound."""
    import uno

    none = uno.Any(_BINDING, ())
    taken: list[tuple[Any, str, Any]] = []
    try:
        for events in _event_containers(doc):
            for name in events.ElementNames:
                binding = events.getByName(name)
                if not binding:
                    continue
                taken.append((events, name, binding))
                uno.invoke(events, "replaceByName", (name, none))
                if events.getByName(name):
                    raise RuntimeError("still bound")
    except Exception:  # noqa: BLE001 - then nothing is written
        _rebind_events(taken)
        return None
    return taken


def _rebind_events(taken: list[tuple[Any, str, Any]]) -> None:
    import uno

    for events, name, binding in taken:
        try:
            uno.invoke(events, "replaceByName", (name, uno.Any(_BINDING, tuple(binding))))
        except Exception:  # noqa: BLE001 - the others still go back
            pass


def _vba_events(doc: Any) -> str | None:
    """'module.procedure' of a VBA event procedure (Worksheet_Change, Workbook_NewSheet …) that LibreOffice's VBA
    support would run on our writes: a VBA-mode document whose macros are allowed. None when there is none."""
    try:
        libs = doc.BasicLibraries
        if not (libs.VBACompatibilityMode and doc.AllowMacroExecution):
            return None
        for lib_name in libs.ElementNames:
            if not libs.isLibraryLoaded(lib_name):
                libs.loadLibrary(lib_name)  # loads the source text; runs nothing
            lib = libs.getByName(lib_name)
            for module in lib.ElementNames:
                m = _VBA_EVENT_SUB.search(str(lib.getByName(module) or ""))
                if m:
                    return f"{module}.{m.group(1)}"[:80]
    except Exception:  # noqa: BLE001 - no Basic libraries: no VBA to run
        return None
    return None


def _enter(doc: Any) -> Any:
    try:
        doc.lockControllers()
        undo = doc.getUndoManager()
        undo.lock()  # nothing of the click is recorded for 「元に戻す」 (see _leave)
        return undo
    except Exception:  # noqa: BLE001 - cosmetic: a document without undo still gets checked
        return None


def _leave(doc: Any, undo: Any) -> None:
    """Unlock, and forget the undo history, as Excel does after a macro: undoing the user's earlier steps
    across our sheets could not restore a consistent workbook (and undoing an appended sheet crashes
    LibreOffice 7.4 when driven through the API)."""
    try:
        if undo is not None:
            undo.unlock()
            undo.clear()
        doc.unlockControllers()
    except Exception:  # noqa: BLE001
        pass


def message_box(doc: Any, message: str, *, error: bool = False, ctx: Any = None) -> None:
    """A modal message over the document's window (silently skipped when headless)."""
    try:
        window = doc.getCurrentController().getFrame().getContainerWindow()
        toolkit = window.getToolkit()
        kind = _enum("com.sun.star.awt.MessageBoxType", "ERRORBOX" if error else "INFOBOX")
        box = toolkit.createMessageBox(window, kind, 1, ALERT_TITLE, message)  # 1: MessageBoxButtons.BUTTONS_OK
        box.execute()
    except Exception:  # noqa: BLE001 - no window (headless, closed): the result is still returned
        pass


def _enum(type_name: str, value: str) -> Any:
    import uno

    return uno.Enum(type_name, value)
