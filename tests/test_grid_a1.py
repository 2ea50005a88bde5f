"""grid's own A1 helpers (they replace openpyxl.utils on the check path) agree with openpyxl's."""

from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

from xl_careplan.grid import a1, column_index, column_letter, parse_a1


def test_every_column_round_trips_like_openpyxl():
    for col in range(1, 18279):
        letters = column_letter(col)
        assert letters == get_column_letter(col)
        assert column_index(letters) == col == column_index(letters.lower())


def _openpyxl(ref: str):
    try:
        col, row = coordinate_from_string(ref.replace("$", ""))
        return row, column_index_from_string(col)
    except Exception:  # noqa: BLE001 - openpyxl raises its own exception type
        return None


def _ours(ref: str):
    try:
        return parse_a1(ref)
    except ValueError:
        return None


@given(st.text(alphabet="AbZz$019 :-", max_size=9))
def test_parse_a1_accepts_and_refuses_what_openpyxl_does(ref):
    assert _ours(ref) == _openpyxl(ref)


def test_examples():
    assert parse_a1("$XFD$1048576") == (1048576, 16384)
    assert a1(3, 28) == "AB3"
    for bad in ("A0", "AAAA1", "1A", "B3:C4", ""):
        assert _ours(bad) is None
