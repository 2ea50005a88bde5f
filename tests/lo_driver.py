"""Runs under the Python that has LibreOffice's UNO bridge (Debian: /usr/bin/python3 + python3-uno).

Connects to a headless soffice over a named pipe and runs the jobs read as JSON from stdin, printing one
JSON line per job (tests/libreoffice.py drives it):
- ``click``: open ``in``, run 「点検する」 once per path in ``out`` and store the document there as .xlsx
  after each click — through ``xl_careplan.addin.lo_button.check_document`` in this process, or with
  ``via: "extension"`` by dispatching the installed extension's menu URL in the document's window (the
  code then runs inside soffice's own Python, as for a care manager's click);
- ``grid``: the readers' grid of ``in`` as ``UnoWorkbook.grid()`` reads it;
- ``findings``: what the button's reading and check find in ``in`` under ``profile`` (the parity test);
- ``macro_click``: the click on a document whose macros are allowed and bound to its sheets' change event;
- ``events_click``: the same with macros bound to the document's and every sheet's events, recording what was
  bound at each of our writes; ``vba_click``: a VBA-mode document with a Worksheet_Change procedure;
- ``outside_click``: the click after a formula that reaches outside (or a name holding one, or a protected sheet)
  was put into the document;
- ``install``: add an .oxt to the profile's user extensions (the extension manager's API: unopkg refuses
  to run as root, which CI containers are);
- ``addons``: the menu and toolbar entries LibreOffice merged from installed extensions.
"""

import datetime as dt
import json
import sys
import time
import traceback

import uno
import unohelper
from com.sun.star.beans import PropertyValue
from com.sun.star.task import XInteractionHandler
from com.sun.star.ucb import XCommandEnvironment, XProgressHandler


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Approve(unohelper.Base, XCommandEnvironment, XInteractionHandler, XProgressHandler):
    """What unopkg --suppress-license does: approve the installation's questions."""

    def getInteractionHandler(self):
        return self

    def getProgressHandler(self):
        return self

    def handle(self, request):
        for want in ("com.sun.star.task.XInteractionApprove", "com.sun.star.task.XInteractionAbort"):
            t = uno.getTypeByName(want)
            for c in request.Continuations:
                if c.queryInterface(t) is not None:
                    c.select()
                    return

    def push(self, status):
        pass

    def update(self, status):
        pass

    def pop(self):
        pass


def connect(pipe, timeout):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def click(ctx, desktop, job):
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0, (prop("Hidden", True),))
    out = {"clicks": []}
    try:
        for dest in job["out"]:
            if job.get("via") == "extension":
                helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
                url = f"org.xl_careplan.calc:check?today={job['today']}&quiet=1"
                res = helper.executeDispatch(doc.getCurrentController().getFrame(), url, "", 0, ())
                out["clicks"].append({"message": getattr(res, "Result", None)})
            else:
                from xl_careplan.addin.lo_button import check_document

                r = check_document(doc, today=dt.date.fromisoformat(job["today"]), show=False)
                out["clicks"].append({"ok": r.ok, "message": r.message, "counts": r.counts,
                                      "acknowledged": r.acknowledged, "schedule_written": r.schedule_written,
                                      "profile": r.profile, "undo": doc.getUndoManager().isUndoPossible()})
            doc.storeToURL(uno.systemPathToFileUrl(dest), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    finally:
        doc.close(True)
    return out


def encode(v):
    """A cell value as JSON that keeps its type."""
    if isinstance(v, (dt.date, dt.time)):
        return [type(v).__name__, v.isoformat()]
    return [type(v).__name__, v]


def grid(desktop, job):
    from xl_careplan.addin.uno_access import UnoWorkbook

    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0, (prop("Hidden", True),))
    try:
        g = UnoWorkbook(doc).grid()
        return {"sheets": {s.name: {"cells": [[r, c, *encode(v)] for (r, c), v in sorted(s.cells.items())],
                                    "merged": [list(m) for m in sorted(s.merged)]} for s in g.sheets},
                "order": g.sheet_names, "names": {k: list(v) for k, v in g.names.items()}}
    finally:
        doc.close(True)


def findings(desktop, job):
    """What the button's reading and check find in ``in`` (under ``profile``): (rule, sheet, cell, acknowledged)."""
    from xl_careplan.addin.uno_access import UnoWorkbook
    from xl_careplan.pipeline import check_plan
    from xl_careplan.profiles import load_profile
    from xl_careplan.readers import read_plan

    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0, (prop("Hidden", True),))
    try:
        access = UnoWorkbook(doc, label=job["in"])
        found = check_plan(read_plan(access.grid(), access.label), load_profile(job["profile"]),
                           dt.date.fromisoformat(job["today"]), access.label)
        return {"findings": sorted([f.rule, f.sheet or "", f.cell or "", bool(f.acknowledged)] for f in found)}
    finally:
        doc.close(True)


CHANGED = ('Sub Changed(oEvent)\n ThisComponent.Sheets.getByIndex(0).getCellByPosition(0, 999).setString("{mark}")\n'
           'End Sub\n')


def macro_click(desktop, job):
    """A document whose macros are allowed (as after 「マクロを有効にする」) with a Basic macro bound to every sheet's
    「内容が変更されたとき」 event: the click, then whether the macro ran (it writes ``mark`` into A1000)."""
    from xl_careplan.addin.lo_button import check_document

    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0,
                                       (prop("Hidden", True), prop("MacroExecutionMode", 4)))  # ALWAYS_EXECUTE_NO_WARN
    try:
        libs = doc.BasicLibraries
        if not libs.hasByName("Standard"):
            libs.createLibrary("Standard")
        lib = libs.getByName("Standard")
        code = CHANGED.format(mark=job["mark"])
        (lib.replaceByName if lib.hasByName("Sender") else lib.insertByName)("Sender", code)
        script = "vnd.sun.star.script:Standard.Sender.Changed?language=Basic&location=document"
        binding = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("EventType", "Script"), prop("Script", script)))
        for i in range(doc.Sheets.Count):
            uno.invoke(doc.Sheets.getByIndex(i).Events, "replaceByName", ("OnChange", binding))
        r = check_document(doc, today=dt.date.fromisoformat(job["today"]), show=False)
        marks = [doc.Sheets.getByIndex(0).getCellByPosition(0, 999).getString()]
        doc.getScriptProvider().getScript(script).invoke((None,), (), ())  # the control: the macro can run
        marks.append(doc.Sheets.getByIndex(0).getCellByPosition(0, 999).getString())
        return {"ok": r.ok, "allowed": bool(doc.AllowMacroExecution), "marks": marks,
                "sheets": list(doc.Sheets.ElementNames)}
    finally:
        doc.close(True)


def _bindings(doc):
    """Every macro bound to the document's or its sheets' events: [[where, event, script]]."""
    out = []
    containers = [("doc", doc.Events)] + [(doc.Sheets.getByIndex(i).Name, doc.Sheets.getByIndex(i).Events)
                                          for i in range(doc.Sheets.Count)]
    for where, events in containers:
        for name in events.ElementNames:
            binding = events.getByName(name)
            if binding:
                out.append([where, name, {p.Name: p.Value for p in binding}.get("Script")])
    return out


def events_click(desktop, job):
    """A document whose macros are allowed, with a Basic macro bound to its own events and to every event of every
    sheet: the click, with what was bound at the moment of each of our writes, and what is bound after."""
    from xl_careplan.addin import lo_button, uno_access

    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0,
                                       (prop("Hidden", True), prop("MacroExecutionMode", 4)))
    seen = []
    originals = {}
    try:
        libs = doc.BasicLibraries
        if not libs.hasByName("Standard"):
            libs.createLibrary("Standard")
        lib = libs.getByName("Standard")
        lib.insertByName("Sender", CHANGED.format(mark=job["mark"]))
        script = "vnd.sun.star.script:Standard.Sender.Changed?language=Basic&location=document"
        binding = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("EventType", "Script"), prop("Script", script)))
        for name in ("OnModifyChanged", "OnTitleChanged", "OnSave", "OnPrint"):
            uno.invoke(doc.Events, "replaceByName", (name, binding))
        for i in range(doc.Sheets.Count):
            events = doc.Sheets.getByIndex(i).Events
            for name in events.ElementNames:
                uno.invoke(events, "replaceByName", (name, binding))
        before = _bindings(doc)
        doc.setModified(False)

        def watch(method):
            def wrapped(self, *a, **k):
                seen.append(len(_bindings(doc)))
                return method(self, *a, **k)
            return wrapped

        for m in ("set_value", "set_note", "set_fill", "write_sheet"):
            originals[m] = getattr(uno_access.UnoWorkbook, m)
            setattr(uno_access.UnoWorkbook, m, watch(originals[m]))
        r = lo_button.check_document(doc, today=dt.date.fromisoformat(job["today"]), show=False)
        for m, f in originals.items():
            setattr(uno_access.UnoWorkbook, m, f)
        originals.clear()
        after = _bindings(doc)
        return {"ok": r.ok, "message": r.message, "writes": len(seen), "bound_while_writing": sum(seen),
                "before": before, "after": after, "modified": bool(doc.isModified())}
    finally:
        from xl_careplan.addin import uno_access as ua

        for m, f in originals.items():
            setattr(ua.UnoWorkbook, m, f)
        doc.close(True)


VBA_SHEET_MODULE = ("Option VBASupport 1\nPrivate Sub Worksheet_Change(ByVal Target As Range)\n"
                    " Target.Worksheet.Range(\"A1000\").Value = \"{mark}\"\nEnd Sub\n")


def vba_click(desktop, job):
    """A document in VBA mode (as LibreOffice opens an .xlsm) whose macros are allowed, with a Worksheet_Change
    procedure; ``allow`` False: the same with macros not allowed. The click, and what it wrote."""
    from xl_careplan.addin.lo_button import check_document

    mode = 4 if job.get("allow", True) else 0  # ALWAYS_EXECUTE_NO_WARN / NEVER_EXECUTE
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0,
                                       (prop("Hidden", True), prop("MacroExecutionMode", mode)))
    try:
        libs = doc.BasicLibraries
        libs.VBACompatibilityMode = True
        if not libs.hasByName("Standard"):
            libs.createLibrary("Standard")
        libs.getByName("Standard").insertByName("Sheet1", VBA_SHEET_MODULE.format(mark=job["mark"]))
        names = list(doc.Sheets.ElementNames)
        doc.setModified(False)
        r = check_document(doc, today=dt.date.fromisoformat(job["today"]), show=False)
        return {"ok": r.ok, "message": r.message, "allowed": bool(doc.AllowMacroExecution),
                "added": [n for n in doc.Sheets.ElementNames if n not in names], "modified": bool(doc.isModified())}
    finally:
        doc.close(True)


def outside_click(desktop, job):
    """The click on a document given a formula (``formula`` into ``cell`` of its second sheet) or a name holding one;
    ``protect``: its first sheet protected; ``merges`` / ``shapes``: that many on its second sheet, read under a
    question budget of ``max_questions``."""
    from xl_careplan.addin import shown
    from xl_careplan.addin.lo_button import check_document

    budget = shown.MAX_QUESTIONS
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0, (prop("Hidden", True),))
    try:
        if job.get("name"):
            origin = uno.createUnoStruct("com.sun.star.table.CellAddress")
            doc.NamedRanges.addNewByName(job["name"], job["formula"], origin, 0)
        else:
            col, row = job["cell"]
            doc.Sheets.getByIndex(1).getCellByPosition(col, row).setFormula(job["formula"])
        if job.get("protect"):
            doc.Sheets.getByIndex(0).protect("")
        sheet = doc.Sheets.getByIndex(1)
        for i in range(job.get("merges", 0)):  # 1×2 merges down a column far right of the form
            sheet.getCellRangeByPosition(40, 100 + i, 41, 100 + i).merge(True)
        for i in range(job.get("shapes", 0)):
            shape = doc.createInstance("com.sun.star.drawing.RectangleShape")
            sheet.DrawPage.add(shape)
        if job.get("max_questions"):  # the budget of this process (the click runs here)
            from xl_careplan.addin import shown

            shown.MAX_QUESTIONS = job["max_questions"]
        names = list(doc.Sheets.ElementNames)
        doc.setModified(False)
        try:
            r = check_document(doc, today=dt.date.fromisoformat(job["today"]), show=False)
        finally:
            from xl_careplan.addin import shown

            shown.MAX_QUESTIONS = budget
        return {"ok": r.ok, "message": r.message, "added": [n for n in doc.Sheets.ElementNames if n not in names],
                "modified": bool(doc.isModified())}
    finally:
        doc.close(True)


def install(ctx, job):
    em = ctx.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
    ext = em.addExtension(uno.systemPathToFileUrl(job["oxt"]), (), "user", em.createAbortChannel(), Approve())
    return {"identifier": ext.getIdentifier().Value}


def addons(ctx):
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    out = {}
    for part in ("OfficeMenuBar", "OfficeToolBar"):
        node = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationAccess",
            (prop("nodepath", f"/org.openoffice.Office.Addons/AddonUI/{part}"),))
        out[part] = {}
        for name in node.ElementNames:
            entry = node.getByName(name)
            items = entry.getByName("Submenu") if entry.hasByName("Submenu") else entry
            out[part][name] = {
                "title": entry.getByName("Title") if entry.hasByName("Title") else None,
                "items": [{"title": items.getByName(i).getByName("Title"), "url": items.getByName(i).getByName("URL"),
                           "context": items.getByName(i).getByName("Context")} for i in items.ElementNames],
            }
    return out


def main():
    spec = json.loads(sys.stdin.read())
    ctx = connect(spec["pipe"], spec.get("timeout", 60))
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    for job in spec["jobs"]:
        t0 = time.monotonic()
        try:
            if job["kind"] == "click":
                result = click(ctx, desktop, job)
            elif job["kind"] == "grid":
                result = grid(desktop, job)
            elif job["kind"] == "findings":
                result = findings(desktop, job)
            elif job["kind"] == "macro_click":
                result = macro_click(desktop, job)
            elif job["kind"] == "events_click":
                result = events_click(desktop, job)
            elif job["kind"] == "vba_click":
                result = vba_click(desktop, job)
            elif job["kind"] == "outside_click":
                result = outside_click(desktop, job)
            elif job["kind"] == "install":
                result = install(ctx, job)
            else:
                result = addons(ctx)
        except Exception as e:  # the test shows what went wrong on the UNO side
            result = {"error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc()}
        result["seconds"] = round(time.monotonic() - t0, 2)
        print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
