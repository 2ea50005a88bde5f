"""A printed option row whose ○ sits in its own cell right under the chosen option (a city's own 様式)."""

from xl_careplan import fields as F
from xl_careplan.grid import SheetGrid
from xl_careplan.readers.single import choice_run, parser_for

LEVEL = next(s for s in F.TABLE1_FIELDS if s.key == "care_level")


def _sheet(marks: list[str]) -> SheetGrid:
    return SheetGrid.from_rows("第1表", [
        ["要介護度", "要介護１", "要介護２", "要介護３", "要介護４", "要介護５"],
        [None, *marks],
    ])


def test_the_mark_under_an_option_chooses_it():
    run = choice_run(_sheet(["", "", "○", "", ""]), 1, 1, LEVEL)
    assert run is not None
    assert parser_for(LEVEL)(run[1]).value == "要介護3"


def test_no_mark_under_any_option_stays_unmarked():
    run = choice_run(_sheet(["", "", "", "", ""]), 1, 1, LEVEL)
    assert run is not None and "○" not in run[1]


def test_an_empty_box_or_two_marks_choose_nothing():
    for marks in (["", "□", "", "", ""], ["○", "", "○", "", ""]):
        run = choice_run(_sheet(marks), 1, 1, LEVEL)
        assert run is not None and "○" not in run[1]
