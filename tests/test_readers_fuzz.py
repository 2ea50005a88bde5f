"""The reader never crashes: any grid gives a CarePlan or NotACarePlanError."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xl_careplan import fields as F
from xl_careplan.errors import NotACarePlanError
from xl_careplan.grid import SheetGrid, WorkbookGrid
from xl_careplan.readers import read_plan
from xl_careplan.record import dump

LABELS = sorted({x for s in [*F.TABLE1_FIELDS, *F.TABLE4_FIELDS, F.ASSESSMENT_DATE] for x in s.labels}
                | {x for cols in (F.T2_COLUMNS, F.ASSESSMENT_COLUMNS, F.MONITORING_COLUMNS, F.ACK_COLUMNS) for _, ls in cols.values() for x in ls}
                | {"月", "火", "水", "木", "金", "土", "日", "～", "主な日常生活上の活動", "週単位以外のサービス", "援助目標", "援助内容"}
                | set(F.ASSESSMENT_ITEMS[:8]))
VALUES = st.one_of(
    st.sampled_from(LABELS),
    st.sampled_from(["R8.4.1", "令和8年4月1日～令和9年3月31日", "要介護2", "週2回", "○", "有", "1,3", "10:00", "継続",
                     "R8.13.1", "", "  ", "～", "-", "AS201", "E6", "第2表!E6", "令和　年　月　日"]),
    st.text(max_size=12),
    st.integers(-5, 50),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(dt.date(1900, 1, 2), dt.date(2100, 1, 1)),
    st.booleans(),
    st.times(),
)
SHEET_NAMES = st.sampled_from([*F.SHEET_VARIANTS[F.SHEET_T1][:3], *F.SHEET_VARIANTS[F.SHEET_T2][:3], F.SHEET_T3,
                               F.SHEET_T4, F.SHEET_ASSESSMENT, F.SHEET_MONITORING, F.SHEET_ACK, "Sheet1", "点検結果"])


@st.composite
def sheets(draw):
    name = draw(SHEET_NAMES)
    cells = draw(st.dictionaries(st.tuples(st.integers(1, 14), st.integers(1, 12)), VALUES, max_size=70))
    merged = []
    for r1, c1, h, w in draw(st.lists(st.tuples(st.integers(1, 14), st.integers(1, 12), st.integers(0, 3), st.integers(0, 3)), max_size=6)):
        rng = (r1, c1, r1 + h, c1 + w)
        if (h or w) and all(rng[2] < m[0] or rng[0] > m[2] or rng[3] < m[1] or rng[1] > m[3] for m in merged):
            merged.append(rng)
    return SheetGrid(name=name, cells={k: v for k, v in cells.items() if v is not None}, merged=merged)


@st.composite
def grids(draw):
    shs = draw(st.lists(sheets(), min_size=1, max_size=4, unique_by=lambda s: s.name))
    names = {}
    if draw(st.booleans()):
        for spec in draw(st.lists(st.sampled_from(F.TABLE1_FIELDS), max_size=5)):
            s = draw(st.sampled_from(shs))
            names[spec.defined_name] = (s.name, draw(st.integers(1, 14)), draw(st.integers(1, 12)))
    return WorkbookGrid(sheets=shs, names=names, path="fuzz.xlsx")


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(grids())
def test_reader_never_crashes(grid):
    try:
        plan = read_plan(grid, "fuzz.xlsx")
    except NotACarePlanError:
        return
    dump(plan, json=True)  # and the model serialises
    for lv in (getattr(plan.table1, s.key) for s in F.TABLE1_FIELDS):
        assert lv.value is None or lv.problem is None
