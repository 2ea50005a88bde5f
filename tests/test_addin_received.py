"""A received workbook must not steer 「点検する」, second review (the first is tests/test_addin_adversarial.py).

Each test is one attack of a sender who mails a care manager a workbook: event macros that would run on our
writes, a used range that would make us fetch billions of cells, display text that Excel could take for a
formula, a hidden 方針と異なる理由 sheet that silences findings. Threat model: docs/dev/README.md and
docs/guide/README.md (7-2).
"""

from __future__ import annotations

import datetime as dt

import pytest

from fake_xlwings import Book, Formula
from test_addin_live import samples  # noqa: F401 - the session fixture
from xl_careplan.addin.live import CONF_SHEET, LiveWorkbook, run_on_caller

TODAY = dt.date(2026, 11, 25)
PLAN = "07_period_and_dates.xlsx"


# --- event macros of a received .xlsm ------------------------------------------------------------


def _armed(samples, name=PLAN):
    """A plan whose Worksheet_Change / Workbook_NewSheet VBA writes where the user would not look."""
    book = Book.from_xlsx(samples / name)
    fired: list[str] = []

    def vba(event, sheet, rng):
        fired.append(event)
        sheet.book._sheets[0]._values[(900, 1)] = "マクロが動きました"

    book.event_vba = vba
    return book, fired


def test_the_workbooks_event_macros_do_not_run_while_we_write(samples):
    book, fired = _armed(samples)
    result = run_on_caller(book, today=TODAY)
    assert result.ok and result.schedule_written and "点検結果" in [s.name for s in book.sheets]
    assert fired == [] and (900, 1) not in book._sheets[0]._values
    assert book.app.enable_events is True  # the user's Excel as it was


def test_events_stay_as_the_user_had_them(samples):
    book, fired = _armed(samples)
    book.app.enable_events = False
    run_on_caller(book, today=TODAY)
    assert book.app.enable_events is False and fired == []


def test_events_come_back_when_the_check_fails(samples, monkeypatch):
    from xl_careplan.addin import flow

    book, fired = _armed(samples)
    monkeypatch.setattr(flow, "check_workbook", lambda *a, **k: 1 / 0)
    result = run_on_caller(book, today=TODAY)
    assert not result.ok and book.app.enable_events is True and fired == []


def test_when_events_cannot_be_switched_off_nothing_is_written(samples):
    book, fired = _armed(samples)

    class Stuck(type(book.app)):
        @property
        def enable_events(self):
            return True

        @enable_events.setter
        def enable_events(self, value):
            raise RuntimeError("COM error")

    book.app.__class__ = Stuck
    before = book.snapshot()
    result = run_on_caller(book, today=TODAY)
    assert not result.ok and "イベント" in book.app.alerts[-1]["prompt"]
    assert book.snapshot() == before and fired == []


# --- a used range that would fill the memory -------------------------------------------------------


@pytest.mark.parametrize("where", ["plan", "conf"])
def test_a_far_cell_is_refused_like_the_file_reader_refuses_it(samples, where):
    """One value in XFD1048576: the live path would ask Excel for 17 billion cells in one call."""
    book = Book.from_xlsx(samples / PLAN)
    if where == "conf":
        sheet = book.sheets.add(CONF_SHEET, after=book.sheets[-1])
        sheet["A1"].value = [["PROFILE", "national"]]
    else:
        sheet = book.sheets[1]
    sheet._values[(1048576, 16384)] = "x"
    before = book.snapshot()
    result = run_on_caller(book, today=TODAY)
    prompt = book.app.alerts[-1]["prompt"]
    assert not result.ok and "XFD1048576" in prompt and "大きすぎる" in prompt
    assert book.snapshot() == before


# --- text we write that Excel could take for a formula -------------------------------------------


def test_a_links_display_text_is_never_a_formula(samples):
    """COM's Hyperlinks.Add(TextToDisplay=…) may put the text into the cell as typed (the stand-in assumes it
    does): a display text from the plan starting with = + - @ stays text, and the link stays."""
    book = Book.from_xlsx(samples / PLAN)
    lw = LiveWorkbook(book)
    shown = ['=HYPERLINK("http://attacker.example/","x")', "+1+2", "-1", "@SUM(A1)"]
    lw.write_sheet("点検結果", [[v] for v in shown], links={f"A{i + 1}": "'第1表'!B3" for i in range(len(shown))})
    res = book.sheets["点検結果"]
    assert [res._values[(i + 1, 1)] for i in range(len(shown))] == shown
    assert not [v for v in res._values.values() if isinstance(v, Formula)]
    assert all(res._links[(i + 1, 1)][0] == "#'第1表'!B3" for i in range(len(shown)))


# --- reasons the care manager cannot see ------------------------------------------------------------


@pytest.mark.parametrize("how", ["very hidden sheet", "hidden rows"])
def test_reasons_hidden_from_the_care_manager_silence_nothing(samples, how):
    """A sender's 方針と異なる理由 on a very hidden sheet, or in hidden rows of the visible one, would mark findings
    理由記入済み (no colour, not counted) where the care manager never looks: the button leaves them open."""
    book = Book.from_xlsx(samples / "10_acknowledged_deviation.xlsx")
    conf = book.sheets.add(CONF_SHEET, after=book.sheets[-1])
    conf["A1"].value = [["PROFILE", "asahikawa"]]
    ack = book.sheets["方針と異なる理由"]
    if how == "very hidden sheet":
        ack.api.Visible = 2
    else:
        ack._hidden_rows.update(range(2, 200))
    result = run_on_caller(book, today=TODAY, platform="win32")
    assert result.ok and result.acknowledged == 0 and result.counts.get("warning", 0) >= 1
    assert "理由が記入済み" not in book.app.alerts[-1]["prompt"]


# --- a planted state sheet that would keep Excel busy ----------------------------------------------------


def test_a_planted_state_listing_every_cell_costs_no_call_per_cell(samples):
    """A very hidden _xlcp_state with 25,000 distinct cells: undoing it would ask Excel for 25,000 notes."""
    from xl_careplan.writer.annotate import STATE_MAGIC, STATE_SHEET

    book = Book.from_xlsx(samples / PLAN)
    state = book.sheets.add(STATE_SHEET, after=book.sheets[-1])
    first = book.sheets[0].name
    state._values[(1, 1)] = STATE_MAGIC
    for i in range(25_000):
        state._values[(i + 3, 1)], state._values[(i + 3, 2)], state._values[(i + 3, 3)] = "note", first, f"A{i + 1}"
    state.api.Visible = 2
    book.calls = 0
    result = run_on_caller(book, today=TODAY)
    assert result.ok and book.calls < 10_000, book.calls
