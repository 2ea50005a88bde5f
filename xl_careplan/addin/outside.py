"""Formulas that reach outside the workbook when Excel or Calc recalculates them.

The button writes into the open workbook, and every write lets the application recalculate: a received plan's
``=WEBSERVICE("https://…?"&B4)`` would send the user's name to the sender, ``=cmd|'/c …'!A0`` (DDE) or ``=RTD(…)``
start a program, a reference into ``\\\\server\\share\\[x.xlsx]`` contact that server with the user's Windows
credentials. The file path (``check --annotate``) edits the package and never recalculates, so such a workbook is
refused by the live paths before anything is written, naming the cell, and the message points to the file path.

What is refused (decided in docs/dev/README.md, "Received workbooks"):
- functions that fetch, call or start something on recalculation: WEBSERVICE, IMAGE, STOCKHISTORY, RTD, DDE
  (Calc), CALL / REGISTER / REGISTER.ID / EXEC (XLM);
- DDE links written as ``app|topic!item`` (a ``|`` outside a string: no other formula syntax uses it);
- references to a workbook on another machine (``\\\\server``, ``//``, ``http:``, ``file://host/``), also built by
  INDIRECT from a string; a reference to a local workbook is read from the link cache and sends nothing, and is
  left alone.
Text in double quotes is not code and is never matched (``="WEBSERVICE(…)"`` is a plain string).
"""

from __future__ import annotations

import re
from typing import Iterable

from xl_careplan.errors import WriteRefusedError

_CALLS = re.compile(r"(?<![\w.])(?:_xlfn\.|_xludf\.|com\.microsoft\.)?"
                    r"(WEBSERVICE|IMAGE|STOCKHISTORY|RTD|DDE|CALL|REGISTER\.ID|REGISTER|EXEC)\s*\(", re.IGNORECASE)
# a quoted workbook/sheet prefix before ! (Excel) or # (Calc's 'file:///…'#$Sheet.A1)
_QUOTED_REF = re.compile(r"'((?:[^']|'')*)'\s*[!#]")
_REMOTE = re.compile(r"^(?:\\\\|//|(?:https?|ftp|smb|webdav|dav)s?:|file://(?!/))", re.IGNORECASE)
_TOKEN_END = re.compile(r"[=(,;+\-*/&^<>\s]")
_INDIRECT = re.compile(r"(?<![\w.])INDIRECT\s*\(", re.IGNORECASE)
_REMOTE_ANYWHERE = re.compile(r"\\\\|//[^/]|(?:https?|ftp|smb):", re.IGNORECASE)

WHAT_CALL = "{name} 関数（再計算のたびに、インターネットや他のプログラムからデータを取り込みます）"
WHAT_DDE = "DDE リンク（再計算で、他のプログラムを起動できます）"
WHAT_REMOTE = "ネットワーク上のブックへの参照（{where}）"


def _scan(formula: str) -> tuple[str, str]:
    """(code, bare): the formula with its "strings" emptied, and that again with its 'quoted names' emptied. One
    pass left to right, so a quote inside a sheet name cannot hide code inside a fake string, nor the reverse."""
    if '"' not in formula and "'" not in formula:
        return formula, formula
    code, bare = [], []
    i, n = 0, len(formula)
    while i < n:
        ch = formula[i]
        if ch not in "\"'":
            code.append(ch)
            bare.append(ch)
            i += 1
            continue
        j = i + 1
        while j < n and (formula[j] != ch or formula[j + 1:j + 2] == ch):
            j += 2 if formula[j] == ch else 1
        token = formula[i:j + 1]
        code.append('""' if ch == '"' else token)
        bare.append(ch * 2)
        i = j + 1
    return "".join(code), "".join(bare)


def reaches_outside(formula: str) -> str | None:
    """What in ``formula`` reaches outside the workbook on recalculation (a Japanese phrase), or None."""
    if not isinstance(formula, str) or len(formula) < 2 or formula[0] not in "=+-@":
        return None
    code, bare = _scan(formula)
    for m in _QUOTED_REF.finditer(code):
        where = m.group(1).replace("''", "'")
        if _REMOTE.match(where):
            return WHAT_REMOTE.format(where=where[:60])
    m = _CALLS.search(bare)
    if m:
        return WHAT_CALL.format(name=m.group(1).upper())
    if _INDIRECT.search(bare) and _REMOTE_ANYWHERE.search(formula):  # INDIRECT("'\\\\server\\[x.xlsx]S'!A1")
        return WHAT_REMOTE.format(where="INDIRECT")
    if "|" in bare:
        return WHAT_DDE
    if "[" in bare:  # an external prefix written without quotes: \\server\share\[x.xlsx]S!A1
        token = _TOKEN_END.split(bare.split("[", 1)[0])[-1]
        if _REMOTE.match(token):
            return WHAT_REMOTE.format(where=token[:60])
    return None


def refuse_outside(cells: Iterable[tuple[str, str, str]], names: Iterable[tuple[str, str]], file: str) -> None:
    """Raise ``WriteRefusedError`` for the first formula that reaches outside: ``cells`` are (sheet, cell,
    formula), ``names`` (name, formula)."""
    for sheet, cell, formula in cells:
        what = reaches_outside(formula)
        if what:
            raise WriteRefusedError(_message(f"この数式は{what}を使っています。"), file=file, sheet=sheet, cell=cell)
    for name, formula in names:
        what = reaches_outside(formula)
        if what:
            raise WriteRefusedError(_message(f"名前「{name[:40]}」の数式は{what}を使っています。"), file=file)


def _message(what: str) -> str:
    return (what + "ブックに書き込むと再計算が起き、外部に接続したり情報が送られたりするおそれがあるため、何も書き込まずに止めました。"
            "数式を値に変えて（またはリンクを解除して）からもう一度押すか、保存したファイルを "
            "`xl-careplan check --annotate` で点検してください（ファイルの点検では再計算しません）。")
