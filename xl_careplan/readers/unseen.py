"""The printed form, not just the cells: what ``sheet_extras`` found, applied to the grid before the fields are read.

- Hidden rows and columns are not printed — offices keep the previous plan's rows there — so their cells are not
  read (a note says which).
- A text box typed over the blank value cell right of a label is that field's value (a note says so).
- An oval drawn over a printed option is its mark: 「継続」 under a circle reads as 「○継続」 (a note).
- A form control (check box, option button) that the file saves as on is the mark of its option — its own caption,
  else the word printed right of it — read as 「○要介護2」 (a note); a caption of one that is off is written in as
  the printed option. A choice whose controls are all off is not read as blank: the state of a control is easily
  lost (another program's re-save, a caption-less box beside the wrong word), so it is a doubt — a note, its rules
  silent.
- A field left blank in the cells whose label is in the print header (「利用者名　山田 花子 様」 as the page head),
  or whose cell is a formula saved without its result, is not read — a note; the rules that need it stay silent.
"""

from __future__ import annotations

import re
from xl_careplan.grid import SheetGrid, WorkbookGrid, a1, parse_a1
from xl_careplan.models import ReadingNote
from xl_careplan.record import replace
from xl_careplan.readers.common import cell_text, is_label, loc_of, norm_label

_MARKS = frozenset("○〇◯●◎■☑✓✔レ□☐")
_MAX_OPTION = 12  # an option printed in its own cell is a word or two


def _cells(refs: list[tuple[int, int]]) -> str:
    return "・".join(a1(r, c) for r, c in refs[:3]) + ("ほか" if len(refs) > 3 else "")


def apply(grid: WorkbookGrid) -> tuple[WorkbookGrid, list[tuple[str, ReadingNote]]]:
    """The grid as printed, and (sheet, note) pairs for what was changed."""
    if not any(sh.extras for sh in grid.sheets):
        return grid, []
    notes: list[tuple[str, ReadingNote]] = []
    sheets = []
    for sh in grid.sheets:
        ex = sh.extras
        if not ex:
            sheets.append(sh)
            continue
        cells = dict(sh.cells)
        _drop_hidden(sh, ex, cells, notes)
        _marks_from_ovals(sh, ex, cells, notes)
        _marks_from_controls(sh, ex, cells, notes)
        _text_boxes(sh, ex, cells, notes)
        sheets.append(SheetGrid(name=sh.name, cells=cells, merged=sh.merged, extras=ex) if cells != sh.cells else sh)
    return WorkbookGrid(sheets=sheets, names=grid.names, path=grid.path), notes


def _drop_hidden(sh: SheetGrid, ex, cells: dict, notes: list) -> None:
    if not ex.hidden_rows and not ex.hidden_cols:
        return
    gone = []
    for (r, c) in list(cells):
        if r not in ex.hidden_rows and c not in ex.hidden_cols:
            continue
        r1, c1, r2, c2 = sh.extent(r, c)
        rows_seen = any(x not in ex.hidden_rows for x in range(r1, r2 + 1))
        cols_seen = any(x not in ex.hidden_cols for x in range(c1, c2 + 1))
        if rows_seen and cols_seen and (r, c) == (r1, c1):
            continue  # a merged range still shown on the printed form
        gone.append((r, c))
        del cells[(r, c)]
    if gone:
        gone.sort()
        notes.append((sh.name, ReadingNote(
            part=sh.name, loc=loc_of(sh.name, *gone[0]),
            message=f"非表示の行・列にある記載{len(gone)}か所（{_cells(gone)}）は、印刷されない以前の記載とみなし、読んでいません",
            looked=f"シート「{sh.name}」の非表示の行・列")))


def _marks_from_ovals(sh: SheetGrid, ex, cells: dict, notes: list) -> None:
    marked, unsure = [], []
    by_cell: dict[tuple[int, int], int] = {}
    for shape in ex.shapes:
        if shape.oval and not shape.text:
            tl = sh.top_left(*shape.center)
            by_cell[tl] = by_cell.get(tl, 0) + 1
    for tl, n in sorted(by_cell.items()):
        t = cell_text(cells.get(tl))
        k = norm_label(t)
        if n == 1 and k and len(k) <= _MAX_OPTION and not any(ch in _MARKS for ch in k) and not is_label(t):
            cells[tl] = "○" + t
            marked.append(tl)
        elif k:
            unsure.append(tl)
    if marked:
        notes.append((sh.name, ReadingNote(
            part=sh.name, loc=loc_of(sh.name, *marked[0]),
            message=f"図形の丸で囲まれた「{'」「'.join(cell_text(cells[m])[1:] for m in marked[:3])}」を、選ばれたもの（○）として読みました（{_cells(marked)}）",
            looked=f"シート「{sh.name}」の図形")))
    if unsure:
        notes.append((sh.name, ReadingNote(
            part=sh.name, loc=loc_of(sh.name, *unsure[0]),
            message=f"図形の丸が{_cells(unsure)}にありますが、どの文字を囲んでいるか確かでないため、印としては読んでいません",
            looked=f"シート「{sh.name}」の図形")))


def _option_right(sh: SheetGrid, cells: dict, ctl) -> tuple[int, int] | None:
    """The printed word right of a caption-less control (in the next two cells of its top row)."""
    c = ctl.right + 1
    for _ in range(2):
        tl = sh.top_left(ctl.top, c)
        k = norm_label(cell_text(cells.get(tl)))
        if k:
            return tl if len(k) <= _MAX_OPTION and not is_label(cells.get(tl)) else None
        c = sh.extent(*tl)[3] + 1
    return None


def _marks_from_controls(sh: SheetGrid, ex, cells: dict, notes: list) -> None:
    if not ex.controls:
        return
    marked = []
    for ctl in ex.controls:
        if ctl.top == 0:
            continue
        under = sh.top_left(ctl.top, ctl.left)
        word = norm_label(ctl.text)
        if word and len(word) <= _MAX_OPTION:  # the caption is the option; the cell under it is blank or repeats it
            here = cell_text(cells.get(under))
            if here and norm_label(here) != word:
                continue
            cells[under] = ("○" if ctl.checked else "") + ctl.text.strip()
            if ctl.checked:
                marked.append(under)
        elif not word and ctl.checked:
            at = _option_right(sh, cells, ctl)
            if at is not None and not any(ch in _MARKS for ch in cell_text(cells.get(at))):
                cells[at] = "○" + cell_text(cells.get(at))
                marked.append(at)
    if marked:
        notes.append((sh.name, ReadingNote(
            part=sh.name, loc=loc_of(sh.name, *marked[0]),
            message=f"フォームのチェックボックス・オプションボタンでオンの「{'」「'.join(cell_text(cells[m])[1:] for m in marked[:3])}」を、"
                    f"選ばれたもの（○）として読みました（{_cells(marked)}）",
            looked=f"シート「{sh.name}」のフォームコントロール")))


def _on_control(sh: SheetGrid | None, cell: str) -> bool:
    """The cell's row holds a form control (a check box or option button) on its sheet, or the sheet holds one
    whose place is not saved."""
    if sh is None or not sh.extras or not sh.extras.controls:
        return False
    r1, _, r2, _ = sh.extent(*parse_a1(cell))
    return any(c.top == 0 or (c.top <= r2 and c.bottom >= r1) for c in sh.extras.controls)


def _text_boxes(sh: SheetGrid, ex, cells: dict, notes: list) -> None:
    """A text box over a blank cell whose left neighbour is a field's label: the text is that cell's value."""
    read = []
    for shape in ex.shapes:
        if shape.oval or not shape.text:
            continue
        r, c = sh.top_left(*shape.center)
        if cells.get((r, c)) is not None or c <= 1:
            continue
        r1, c1, _, _ = sh.extent(r, c)
        if (r1, c1) != (r, c) or any(cells.get(p) is not None for p in _covered(sh, r, c)):
            continue
        if not is_label(sh.value(r, c1 - 1)) or not _starts_within(shape, r, c, sh):
            continue
        cells[(r, c)] = shape.text
        read.append((r, c))
    if read:
        notes.append((sh.name, ReadingNote(
            part=sh.name, loc=loc_of(sh.name, *read[0]),
            message=f"図形（テキストボックス）の中の文字を、その下のセル{_cells(read)}の値として読みました",
            looked=f"シート「{sh.name}」の図形の中の文字")))


def _covered(sh: SheetGrid, r: int, c: int):
    r1, c1, r2, c2 = sh.extent(r, c)
    return [(x, y) for x in range(r1, r2 + 1) for y in range(c1, c2 + 1)]


def _starts_within(shape, r: int, c: int, sh: SheetGrid) -> bool:
    """The box lies on the value cell (it starts in its rows and not left of the label's end)."""
    r1, c1, r2, _ = sh.extent(r, c)
    return r1 <= shape.top <= r2 and shape.left >= c1 - 1


# --------------------------------------------------------------------------- after the fields were read

def header_label(sh: SheetGrid | None, labels: tuple[str, ...]) -> bool:
    """The print header or footer names this field (「利用者名　山田 花子 様」「作成年月日 令和8年4月10日」):
    a label at the start of a section or after a space, then a space or colon and something."""
    if sh is None or not sh.extras or not sh.extras.header:
        return False
    for sec in sh.extras.header:
        for lab in labels:
            if len(lab) >= 2 and re.search(rf"(?:^|\s){re.escape(lab)}(?:\s*[:：]\s*|\s+)\S", sec):
                return True
    return False


def silence_unseen(grid: WorkbookGrid, specs, kw: dict, part: str, section: str) -> tuple[list[ReadingNote], set[str]]:
    """Fields found blank in the cells whose value is where the cells do not show it — the print header, a formula
    saved without its result: made unknown (their rules stay silent). Notes, and the keys silenced."""
    notes, keys = [], set()
    header, formula, control = [], [], []
    for spec in specs:
        v = kw.get(spec.key)
        if v is None or v.loc is None or v.value is not None or (v.raw not in (None, "")):
            continue
        sh = grid.sheet(v.loc.sheet)
        if sh is None or not sh.extras:
            continue
        pos = parse_a1(v.loc.cell)
        if pos in sh.extras.uncomputed:
            formula.append((spec, v))
        elif header_label(sh, spec.labels):
            header.append((spec, v))
        elif (spec.kind in ("choice", "care_level") or spec.key == "living_support_reason") and _on_control(sh, v.loc.cell):
            control.append((spec, v))
        else:
            continue
        kw[spec.key] = type(v)()
        keys.add(spec.key)
    for found, where, why in ((header, "ヘッダー・フッター", "はセルが空欄で、印刷のヘッダー（またはフッター）に書かれているため、セルからは読まず、点検していません"),
                              (formula, "数式", "は数式の計算結果が保存されていないため読めません（Excel で開いて保存し直してください）。点検していません"),
                              (control, "フォームコントロール", "はチェックボックス・オプションボタンで選ぶ欄ですが、オンのものが保存されていないため、"
                                                         "空欄とは決めずに点検していません（Excel で選択を確かめてください）")):
        if found:
            v = found[0][1]
            notes.append(ReadingNote(part=part, loc=v.loc, layout=section, looked=f"シート「{v.loc.sheet}」の{where}",
                                     message=f"「{'」「'.join(s.labels[0] for s, _ in found)}」{why}"))
    return notes, keys


def with_part(notes: list[tuple[str, ReadingNote]], part_of: dict[str, str]) -> list[ReadingNote]:
    """Notes about a sheet, named by the form read from it (else the sheet's name)."""
    return [replace(n, part=part_of.get(sheet, sheet)) for sheet, n in notes]
