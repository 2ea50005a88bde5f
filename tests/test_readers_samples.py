"""The committed samples: 01 (template), 03 and 04 (two office forms) hold one plan -> one model."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader_helpers import strip_locations
from xl_careplan.readers import read_plan_file
from xl_careplan.record import dump

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAME_PLAN = ["01_asahikawa_clean.xlsx", "03_other_layout_wareki.xlsx", "04_other_layout_fullwidth.xlsx"]


def _no_raw(x):
    if isinstance(x, dict):
        return {k: _no_raw(v) for k, v in x.items() if k != "raw"}
    if isinstance(x, list):
        return [_no_raw(v) for v in x]
    return x


@pytest.fixture(scope="module")
def plans():
    missing = [n for n in SAME_PLAN if not (SAMPLES / n).exists()]
    if missing:
        pytest.skip(f"samples not generated: {missing}")
    return {n: read_plan_file(SAMPLES / n) for n in SAME_PLAN}


def test_layouts(plans):
    assert [plans[n].layout for n in SAME_PLAN] == ["template", "labels", "labels"]


@pytest.mark.parametrize("other", SAME_PLAN[1:])
def test_same_model_as_the_template_sample(plans, other):
    a = _no_raw(strip_locations(dump(plans[SAME_PLAN[0]], json=True)))
    b = _no_raw(strip_locations(dump(plans[other], json=True)))
    assert a == b


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.xlsx")))
def test_every_sample_reads_without_surprises(name):
    plan = read_plan_file(SAMPLES / name)
    assert plan.table2.needs and plan.table3 is not None and plan.table4 is not None
    assert plan.assessment is not None and len(plan.assessment.items) == 23
    assert plan.monitoring is not None and plan.monitoring.rows
