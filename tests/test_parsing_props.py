"""Property tests for xl_careplan.parsing (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from xl_careplan.parsing import (
    ParseError,
    normalize,
    parse_care_level,
    parse_choice,
    parse_date,
    parse_frequency,
    parse_mark,
    parse_need_refs,
    parse_period,
    parse_time_label,
)
from xl_careplan.values import CareLevel, Frequency, Period

FAST = settings(max_examples=200, deadline=None)

SHOWA = dt.date(1926, 12, 25)
HEISEI = dt.date(1989, 1, 8)
REIWA = dt.date(2019, 5, 1)

ERA_NAMES = {"昭和": ("S", "昭"), "平成": ("H", "平"), "令和": ("R", "令")}

# ASCII digits, letters and date punctuation -> their full-width forms
FULL_WIDTH = str.maketrans(
    {**{chr(c): chr(c - 0x21 + 0xFF01) for c in range(0x21, 0x7F)}, " ": "\u3000"}
)

dates = st.dates(min_value=SHOWA, max_value=dt.date(2100, 12, 31))


def era_of(d: dt.date) -> tuple[str, int]:
    if d >= REIWA:
        return "令和", d.year - 2018
    if d >= HEISEI:
        return "平成", d.year - 1988
    return "昭和", d.year - 1925


@st.composite
def formatted_date(draw, d: dt.date | None = None, allow_full_width: bool = True) -> tuple[str, dt.date]:
    """A date written in one of the styles offices use."""
    if d is None:
        d = draw(dates)
    pad = draw(st.booleans())
    mm = f"{d.month:02d}" if pad else str(d.month)
    dd = f"{d.day:02d}" if pad else str(d.day)
    era, n = era_of(d)
    style = draw(st.sampled_from(["west_sep", "west_kanji", "era_kanji", "era_short_kanji", "era_letter"]))
    sp = draw(st.sampled_from(["", " "]))  # optional spaces between the pieces
    if style == "west_sep":
        sep = draw(st.sampled_from("/-."))
        parts = [str(d.year), sep, mm, sep, dd]
    elif style == "west_kanji":
        parts = [str(d.year), "年", mm, "月", dd, "日"]
    elif style == "era_kanji":
        year = "元" if n == 1 and draw(st.booleans()) else str(n)
        parts = [era, year, "年", mm, "月", dd, "日"]
    elif style == "era_short_kanji":
        sep = draw(st.sampled_from("./"))
        parts = [ERA_NAMES[era][1], str(n), sep, mm, sep, dd]
    else:
        letter = ERA_NAMES[era][0]
        if draw(st.booleans()):
            letter = letter.lower()
        sep = draw(st.sampled_from("./-"))
        parts = [letter, str(n), sep, mm, sep, dd]
    text = sp.join(parts)
    if allow_full_width and draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    if draw(st.booleans()):
        text = draw(st.sampled_from(["", " ", "\u3000"])) + text + draw(st.sampled_from(["", " ", "\n"]))
    return text, d


@FAST
@given(formatted_date())
def test_formatted_dates_parse_back(case):
    text, d = case
    assert parse_date(text) == d


@FAST
@given(dates)
def test_date_objects_and_serials_round_trip(d):
    assert parse_date(d) == d
    assert parse_date(dt.datetime.combine(d, dt.time(13, 5))) == d
    serial = (d - dt.date(1899, 12, 30)).days
    assert parse_date(serial) == d
    assert parse_date(serial + 0.25) == d


SEPARATORS = ["～", "〜", "~", "～", " ～ ", "-", " - ", "－", "ー", "–", "—", "から", " から ", " to ", "\n"]


@FAST
@given(dates, dates, st.sampled_from(SEPARATORS), st.data())
def test_one_cell_period(d1, d2, sep, data):
    start, end = min(d1, d2), max(d1, d2)
    a, _ = data.draw(formatted_date(start, allow_full_width=False))
    b, _ = data.draw(formatted_date(end, allow_full_width=False))
    text = a.strip() + sep + b.strip()
    if data.draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    assert parse_period(text) == Period(start=start, end=end)


@FAST
@given(dates, dates, st.data())
def test_two_cell_period(d1, d2, data):
    start, end = min(d1, d2), max(d1, d2)
    a, _ = data.draw(formatted_date(start))
    b, _ = data.draw(formatted_date(end))
    assert parse_period(a, b) == Period(start=start, end=end)
    assert parse_period(start, end) == Period(start=start, end=end)


@FAST
@given(dates, dates, st.data())
def test_reversed_period_is_a_parse_error(d1, d2, data):
    if d1 == d2:
        return
    start, end = max(d1, d2), min(d1, d2)  # wrong order
    a, _ = data.draw(formatted_date(start))
    b, _ = data.draw(formatted_date(end))
    try:
        parse_period(a + "～" + b)
    except ParseError as e:
        assert "開始日が終了日より後" in str(e)
    else:
        raise AssertionError("reversed period accepted")


@FAST
@given(dates.filter(lambda d: d.day <= 28 and d.year < 2100), st.integers(min_value=0, max_value=400))
def test_year_omitted_end_is_after_start(start, days):
    end = start + dt.timedelta(days=days)
    assume(end < start.replace(year=start.year + 1))  # within a year: month.day alone says which
    text = f"R{start.year - 2018}.{start.month}.{start.day}～{end.month}.{end.day}" if start >= REIWA else (
        f"{start.year}/{start.month}/{start.day}～{end.month}/{end.day}"
    )
    p = parse_period(text)
    assert p.start == start
    assert p.end is not None and p.end >= start
    assert p.end == end


# Arbitrary input: nothing but ParseError may come out.
anything = st.one_of(
    st.text(),
    st.text(alphabet="0123456789０１２３４５６７８９RHSrhs令和平成昭元年月日./-～〜~ー－ 　()（）週回毎随時隔①②③○×、・"),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)


def only_parse_error(fn, *args):
    try:
        return fn(*args)
    except ParseError as e:
        assert str(e)
        assert isinstance(e, ValueError)
        return None


@FAST
@given(anything)
def test_parse_date_never_crashes(v):
    r = only_parse_error(parse_date, v)
    assert r is None or isinstance(r, dt.date)


@FAST
@given(anything, st.one_of(st.none(), anything))
def test_parse_period_never_crashes(v, w):
    r = only_parse_error(parse_period, v, w)
    if r is not None:
        assert isinstance(r, Period) and r.start is not None and r.end is not None and r.start <= r.end


@FAST
@given(anything)
def test_parse_frequency_never_crashes(v):
    r = only_parse_error(parse_frequency, v)
    if r is not None:
        assert isinstance(r, Frequency)
        assert r.count is None or r.count > 0


@FAST
@given(anything)
def test_parse_care_level_never_crashes(v):
    r = only_parse_error(parse_care_level, v)
    assert r is None or isinstance(r, CareLevel)


@FAST
@given(anything)
def test_other_parsers_never_crash(v):
    r = only_parse_error(parse_mark, v)
    assert r in (None, True, False)
    refs = only_parse_error(parse_need_refs, v)
    assert refs is None or all(isinstance(n, int) and 1 <= n <= 99 for n in refs)
    t = only_parse_error(parse_time_label, v)
    assert t is None or (len(t) == 5 and t[2] == ":")
    c = only_parse_error(parse_choice, v, ("初回", "紹介", "継続"))
    assert c in (None, "初回", "紹介", "継続")
    assert isinstance(normalize(v), str)


@FAST
@given(st.text())
def test_normalize_is_idempotent(s):
    once = normalize(s)
    assert normalize(once) == once


@FAST
@given(st.integers(min_value=1, max_value=9), st.sampled_from(["週", "月"]), st.booleans())
def test_counts_parse(n, unit, full_width):
    text = f"{unit}{n}回"
    if full_width:
        text = text.translate(FULL_WIDTH)
    f = parse_frequency(text)
    assert f.kind == ("per_week" if unit == "週" else "per_month")
    assert f.count == n


@FAST
@given(st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=6), st.sampled_from([",", "、", "・", " "]))
def test_need_refs_round_trip(nums, sep):
    assert parse_need_refs(sep.join(map(str, nums))) == sorted(set(nums))
    circled = "".join(chr(0x2460 + n - 1) for n in nums if n <= 20)
    if circled:
        assert parse_need_refs(circled) == sorted({n for n in nums if n <= 20})


@FAST
@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_time_label_round_trip(h, m):
    label = f"{h:02d}:{m:02d}"
    assert parse_time_label(f"{h}:{m:02d}") == label
    assert parse_time_label(dt.time(h, m)) == label
    assert parse_time_label((h * 60 + m) / 1440) == label
