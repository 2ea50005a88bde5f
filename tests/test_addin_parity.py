"""The button and the command line find the same on the same plan: the live path (xlwings stand-in) reads what
``check`` reads from the saved file — hidden rows and columns left out, text boxes, ovals and the print header
read, a hidden 方針と異なる理由 sheet acknowledging nothing. (Calc: tests/test_libreoffice_live.py.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import parity_cases as P
from fake_xlwings import Book
from xl_careplan.addin.live import LiveWorkbook
from xl_careplan.pipeline import check_file, check_plan
from xl_careplan.profiles import load_profile
from xl_careplan.readers import read_plan

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> list[Path]:
    return P.build(tmp_path_factory.mktemp("parity"))


def _live(path: Path, platform: str):
    profile = load_profile(P.profile_of(path))
    access = LiveWorkbook(Book.from_xlsx(path), label=str(path), platform=platform)
    return check_plan(read_plan(access.grid(), access.label), profile, TODAY, access.label)


def test_the_live_path_finds_what_the_file_path_finds_on_every_case(cases):
    differ = []
    for path in cases:
        res = check_file(str(path), load_profile(P.profile_of(path)), TODAY)
        assert res.error is None, path
        if P.key(_live(path, "win32")) != P.key(res.findings):
            differ.append(path.name)
    assert differ == [], f"{len(cases) - len(differ)} of {len(cases)} equal"


def test_the_cases_show_more_than_their_cells(cases):
    """The parity above means something: the file path reads each case differently from its bare cells."""
    from xl_careplan.readers.unseen import apply

    from xl_careplan.readers import load_grid

    for name in ("hidden_row", "text_box", "header", "hidden_column", "hidden_ack", "ovals", "grouped_text_box"):
        path = next(p for p in cases if p.stem == name)
        grid = load_grid(path)
        assert any(s.extras for s in grid.sheets), name
        res = check_file(str(path), load_profile(P.profile_of(path)), TODAY)
        assert any(f.rule == "CP001" for f in res.findings), name


def test_on_macos_what_applescript_cannot_tell_is_left_as_the_cells_say(cases):
    """Without COM there is no print header and no autoshape type: the header case reads its blank cell as
    blank (CP101), as a plan without the header would; hidden rows and text boxes are still seen."""
    for name in ("hidden_row", "text_box", "hidden_column", "hidden_ack"):
        path = next(p for p in cases if p.stem == name)
        res = check_file(str(path), load_profile(P.profile_of(path)), TODAY)
        assert P.key(_live(path, "darwin")) == P.key(res.findings), name
