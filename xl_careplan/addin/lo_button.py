"""The LibreOffice Calc adapter of 「点検する」: the shared click flow on the open Calc document.

Called by the extension's script (``addin/lo_script/xl_careplan_calc.py``) with the document of the
click. Settings: the extension's own (profile, layout: chosen at ``addin install --libreoffice``), which
the plan's own ``xl_careplan.conf`` sheet may override within ``flow.plan_settings``' limits, as in Excel.
As in Excel after a macro, the click cannot be undone (close without saving to get the workbook back);
the screen is not redrawn until it is over.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from xl_careplan.addin import flow
from xl_careplan.addin.flow import ALERT_TITLE, RunResult
from xl_careplan.addin.uno_access import UnoWorkbook

def check_document(doc: Any, *, today: dt.date | None = None, settings: Mapping[str, str] | None = None,
                   show: bool = True, ctx: Any = None) -> RunResult:
    """Check, annotate and schedule ``doc``; show the summary (``show``) and return it. Never raises."""
    undo = _enter(doc)
    try:
        result = flow.click(lambda: UnoWorkbook(doc), today=today, settings=dict(settings or {}))
    finally:
        _leave(doc, undo)
    if show:
        message_box(doc, result.message, error=not result.ok, ctx=ctx)
    return result


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
