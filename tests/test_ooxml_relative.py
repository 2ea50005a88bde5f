"""``ooxml.relative``: the rels target of a new part, as posixpath.relpath would give it between part
names (without its working-directory look-ups), for any two parts of a package."""

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from xl_careplan import ooxml

segment = st.sampled_from(["xl", "worksheets", "drawings", "_rels", "a", "b", "sheet 1", "ワーク"])
part = st.tuples(st.lists(segment, max_size=4), st.sampled_from(["sheet1.xml", "comments1.xml", "v.vml"]))


@given(part, part)
def test_relative_is_relpath_between_part_names(a, b):
    src = "/".join([*a[0], a[1]])
    dest = "/".join([*b[0], b[1]])
    assert ooxml.relative(src, dest) == posixpath.relpath(dest, posixpath.dirname(src) or ".")
    assert ooxml.resolve(src, ooxml.relative(src, dest)) == dest


def test_relative_examples():
    assert ooxml.relative("xl/workbook.xml", "xl/worksheets/sheet_xlcp1.xml") == "worksheets/sheet_xlcp1.xml"
    assert ooxml.relative("xl/worksheets/sheet1.xml", "xl/comments_xlcp1.xml") == "../comments_xlcp1.xml"
    assert ooxml.relative("workbook.xml", "styles.xml") == "styles.xml"
