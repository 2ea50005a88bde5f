"""The worksheet editor indexes rows in one pass and a row's cells only when asked (``SheetXml._cell``):
every cell must be found where the whole pass over sheetData finds it — rows and cells with or without
r="", a namespace prefix, self-closing rows, a cell whose r names another row (then the whole pass)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xl_careplan import ooxml
from xl_careplan.writer.sheetxml import SheetXml

cell = st.tuples(st.integers(1, 6), st.booleans(), st.sampled_from(['<v>1</v>', '', '<is><t>a</t></is>']))
row = st.tuples(st.integers(1, 3), st.booleans(), st.lists(cell, max_size=5))


def _sheet(rows, prefix: str) -> str:
    p = prefix + ":" if prefix else ""
    xmlns = f'xmlns:{prefix}="{ooxml.NS_MAIN}"' if prefix else f'xmlns="{ooxml.NS_MAIN}"'
    out, r = [], 0
    for step, with_r, cells in rows:
        r += step
        attrs = f' r="{r}"' if with_r else ""
        if not cells:
            out.append(f"<{p}row{attrs}/>")
            continue
        body, c = [], 0
        for cstep, cwith_r, inner in cells:
            c += cstep
            ca = f' r="{ooxml.col_letters(c)}{r}"' if cwith_r else ""
            body.append(f"<{p}c{ca} s=\"1\"/>" if not inner else f"<{p}c{ca}>{inner.replace('<', '<' + p).replace('<' + p + '/', '</' + p)}</{p}c>")
        out.append(f"<{p}row{attrs}>{''.join(body)}</{p}row>")
    return f"<{p}worksheet {xmlns}><{p}sheetData>{''.join(out)}</{p}sheetData></{p}worksheet>"


@settings(max_examples=200, deadline=None)
@given(st.lists(row, max_size=6), st.sampled_from(["", "x"]))
def test_lazy_rows_find_what_the_whole_pass_finds(rows, prefix):
    text = _sheet(rows, prefix)
    whole = SheetXml.parse(text)
    whole._all()
    lazy = SheetXml.parse(text)
    for ref, where in whole.cells.items():
        assert lazy._cell(ref) == where, (ref, text)
    for ref in ("A1", "Z9", "C2", "F20"):
        if ref not in whole.cells:
            assert lazy._cell(ref) is None


def test_a_cell_whose_r_names_another_row_is_found_by_the_whole_pass():
    text = (f'<worksheet xmlns="{ooxml.NS_MAIN}"><sheetData><row r="4"><c r="B5"><v>1</v></c><c r="C4"><v>2</v></c>'
            '</row><row r="5"><c r="A5"><v>3</v></c></row></sheetData></worksheet>')
    lazy = SheetXml.parse(text)
    assert lazy._cell("C4") is not None  # row 4 indexed: it holds B5, so every cell is indexed where it is
    assert lazy._cell("B5") == (text.index('<c r="B5"'), text.index('<c r="B5"') + len('<c r="B5">'), 4)
