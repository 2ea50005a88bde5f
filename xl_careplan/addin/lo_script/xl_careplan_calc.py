"""LibreOffice Calc extension of xl_careplan: the protocol handler behind 「ケアプラン点検」→「点検する」.

Shipped inside xl_careplan.oxt and loaded by LibreOffice's Python UNO loader (Debian: the system
python3 with python3-uno; Windows / macOS: the Python bundled with LibreOffice). It holds no checking
logic: it makes xl_careplan importable (the folders of the Python that built the extension, listed in
xl_careplan_env.json next to this file, go first on sys.path) and calls
``xl_careplan.addin.lo_button.check_document`` on the document of the window that was clicked.
"""

import datetime as dt
import json
import os
import sys

import unohelper
from com.sun.star.frame import XDispatchProvider, XNotifyingDispatch
from com.sun.star.lang import XInitialization, XServiceInfo

IMPLEMENTATION = "org.xl_careplan.calc.ProtocolHandler"
SERVICES = ("com.sun.star.frame.ProtocolHandler",)
PROTOCOL = "org.xl_careplan.calc:"
TITLE = "ケアプラン点検"
ENV_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "xl_careplan_env.json")


def load_env():
    try:
        with open(ENV_FILE, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return {}


def import_button(env):
    """``xl_careplan.addin.lo_button``, or a Japanese message saying why it cannot be imported."""
    for path in reversed(env.get("paths", [])):
        if path not in sys.path and os.path.isdir(path):
            sys.path.insert(0, path)
    try:
        from xl_careplan.addin import lo_button
        return lo_button, None
    except Exception as e:  # noqa: BLE001 - any import failure becomes the message
        here = "%d.%d" % sys.version_info[:2]
        built = env.get("python", "?")
        why = ("LibreOffice の Python（%s）と、xl_careplan を入れた Python（%s）の版が違います。" % (here, built)
               if built != here else "")
        return None, ("xl_careplan を読み込めませんでした（%s）。%s"
                      "xl_careplan を入れた Python で `xl-careplan addin install --libreoffice` をやり直してください。"
                      "詳しくは docs/guide/libreoffice.md をご覧ください。" % (type(e).__name__, why))


def show(frame, message, error):
    try:
        import uno

        window = frame.getContainerWindow()
        kind = uno.Enum("com.sun.star.awt.MessageBoxType", "ERRORBOX" if error else "INFOBOX")
        window.getToolkit().createMessageBox(window, kind, 1, TITLE, message).execute()
    except Exception:  # noqa: BLE001 - headless or no window
        pass


TEST_HOOKS = "XL_CAREPLAN_LO_TEST_HOOKS"  # set only in the tests' soffice (tests/libreoffice.py)


def url_args(complete, environ=os.environ):
    """(command, arguments) of a dispatched URL. A document's own hyperlink or form button can dispatch our URL
    too: outside the tests its ?today= (the schedule's reference date) and ?quiet= (no message) are ignored."""
    command, args = parse_query(complete)
    if environ.get(TEST_HOOKS) != "1":
        return command, {}
    try:
        if args.get("today"):
            dt.date.fromisoformat(args["today"])
    except ValueError:
        args.pop("today")
    return command, args


def parse_query(complete):
    """'org.xl_careplan.calc:check?today=2026-11-25' -> ('check', {'today': '2026-11-25'})."""
    rest = complete[len(PROTOCOL):] if complete.startswith(PROTOCOL) else complete
    command, _, query = rest.partition("?")
    args = dict(part.partition("=")[::2] for part in query.split("&") if part)
    return command, args


class ProtocolHandler(unohelper.Base, XInitialization, XDispatchProvider, XNotifyingDispatch, XServiceInfo):
    def __init__(self, ctx, *args):
        self.ctx = ctx
        self.frame = None

    # XInitialization: the frame whose menu or toolbar was clicked
    def initialize(self, args):
        if args:
            self.frame = args[0]

    # XDispatchProvider
    def queryDispatch(self, url, target, flags):
        return self if url.Complete.startswith(PROTOCOL) else None

    def queryDispatches(self, requests):
        return tuple(self.queryDispatch(r.FeatureURL, r.FrameName, r.SearchFlags) for r in requests)

    # XDispatch / XNotifyingDispatch
    def dispatch(self, url, args):
        self.run(url.Complete)

    def dispatchWithNotification(self, url, args, listener):
        message = self.run(url.Complete)
        if listener is not None:
            from com.sun.star.frame import DispatchResultEvent

            event = DispatchResultEvent()
            event.Source = self
            event.State = 1  # com.sun.star.frame.DispatchResultState.SUCCESS (the message says how it went)
            event.Result = message
            listener.dispatchFinished(event)

    def addStatusListener(self, listener, url):
        pass

    def removeStatusListener(self, listener, url):
        pass

    def run(self, complete):
        command, args = url_args(complete)
        if command != "check" or self.frame is None:
            return ""
        doc = self.frame.getController().getModel()
        if doc is None or not doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
            message = "表計算ドキュメント（Calc）を開いてから「点検する」を押してください。"
            show(self.frame, message, True)
            return message
        env = load_env()
        button, problem = import_button(env)
        if button is None:
            show(self.frame, problem, True)
            return problem
        today = dt.date.fromisoformat(args["today"]) if args.get("today") else None
        result = button.check_document(doc, today=today, settings=env.get("settings", {}),
                                       show=args.get("quiet") != "1", ctx=self.ctx)
        return result.message

    # XServiceInfo
    def getImplementationName(self):
        return IMPLEMENTATION

    def supportsService(self, name):
        return name in SERVICES

    def getSupportedServiceNames(self):
        return SERVICES


g_ImplementationHelper = unohelper.ImplementationHelper()
g_ImplementationHelper.addImplementation(ProtocolHandler, IMPLEMENTATION, SERVICES)
