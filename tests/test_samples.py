"""The committed samples/ are what scripts/make_samples.py generates, and their expectations are well formed.

(Reading and checking the samples is tested by the readers' and rules' own tests; here only the samples.)
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_from_string

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "samples"


def _load_script():
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = mod
    spec.loader.exec_module(mod)
    return mod


ms = _load_script()
FILES = [s["file"] for s in ms.SAMPLES]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    assert ms.main([str(out)]) == 0
    return out


def _dump(path: Path) -> dict:
    """Everything a reader can see: sheet order, cell values (with number formats of non-blank cells), merges, names."""
    wb = load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        cells = {c.coordinate: (c.value, c.number_format) for row in ws.iter_rows() for c in row if c.value is not None}
        sheets[ws.title] = {"cells": cells, "merged": sorted(str(r) for r in ws.merged_cells.ranges)}
    names = {n: wb.defined_names[n].attr_text for n in wb.defined_names}
    return {"order": wb.sheetnames, "sheets": sheets, "names": names}


def test_at_least_ten_samples_committed():
    assert len(FILES) >= 10
    missing = [f for f in FILES if not (SAMPLES_DIR / f).is_file()]
    assert not missing, f"run `make samples` (missing: {missing})"
    assert sorted(p.name for p in SAMPLES_DIR.glob("*.xlsx")) == sorted(FILES)


@pytest.mark.parametrize("name", FILES)
def test_regenerated_sample_equals_committed(regenerated, name):
    new, old = _dump(regenerated / name), _dump(SAMPLES_DIR / name)
    assert new["order"] == old["order"]
    for sheet in new["order"]:
        a, b = new["sheets"][sheet], old["sheets"][sheet]
        diff = sorted(k for k in set(a["cells"]) | set(b["cells"]) if a["cells"].get(k) != b["cells"].get(k))
        assert not diff, f"{name} {sheet}: cells differ {diff[:10]} — run `make samples` and commit"
        assert a["merged"] == b["merged"], f"{name} {sheet}: merged ranges differ"
    assert new["names"] == old["names"]


def test_regeneration_is_byte_stable(tmp_path):
    """Two runs in one environment give identical bytes (fixed document and zip timestamps)."""
    ms.main([str(tmp_path / "a")])
    ms.main([str(tmp_path / "b")])
    for name in FILES + ["expected.toml", "README.md"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.mark.parametrize("name", ["expected.toml", "README.md"])
def test_generated_text_files_committed(regenerated, name):
    assert (SAMPLES_DIR / name).read_text(encoding="utf-8") == (regenerated / name).read_text(encoding="utf-8")


def _expected() -> dict:
    return tomllib.loads((SAMPLES_DIR / "expected.toml").read_text(encoding="utf-8"))


def _catalogue_codes() -> set[str]:
    from xl_careplan.rules.registry import all_rules

    return set(all_rules())  # the one list of rules


def test_expected_toml_is_well_formed():
    doc = _expected()
    codes = _catalogue_codes()
    assert {"CP102", "AS201", "NY301"} <= codes
    assert set(doc["clean"]["files"]) <= set(FILES)
    assert set(doc["clean"]["profiles"]) == {"national", "asahikawa", "nayoro"}
    problem_files = {e["file"] for e in doc["expect"]}
    assert problem_files == set(FILES) - set(doc["clean"]["files"]), "every non-clean sample plants a problem"
    sheets_of = {f: load_workbook(SAMPLES_DIR / f, read_only=True).sheetnames for f in problem_files}
    for e in doc["expect"] + doc["allow"]:
        assert e["rule"] in codes, e
        assert e["profile"] in ("national", "asahikawa", "nayoro"), e
        assert e["profiles"] and set(e["profiles"]) <= {"national", "asahikawa", "nayoro"}, e
        assert e["profile"] == "national" or e["profile"] in e["profiles"], e  # AS202 also runs under nayoro
        assert e["severity"] in ("error", "warning", "info"), e
        assert e["sheet"] in sheets_of[e["file"]], e
        if e["cell"]:
            coordinate_from_string(e["cell"])  # raises on a malformed A1
    acked = [e for e in doc["expect"] if e["acknowledged"]]
    assert [(e["file"], e["rule"]) for e in acked] == [("10_acknowledged_deviation.xlsx", "AS201")]


def test_acknowledgement_row_points_at_the_expected_cell():
    e = next(e for e in _expected()["expect"] if e["acknowledged"])
    ws = load_workbook(SAMPLES_DIR / e["file"])[ms.F.SHEET_ACK]
    r = ms.F.ACK_HEADER_ROW + 1
    cols = {k: v[0] for k, v in ms.F.ACK_COLUMNS.items()}
    row = {k: ws[f"{c}{r}"].value for k, c in cols.items()}
    assert (row["rule"], row["sheet"], row["cell"]) == (e["rule"], e["sheet"], e["cell"])
    assert row["reason"]


def test_expected_cells_hold_the_planted_values():
    """Spot checks that an expectation's cell is where the planted problem is written."""
    def value(file, sheet, cell):
        return load_workbook(SAMPLES_DIR / file)[sheet][cell].value

    by = {(e["file"], e["rule"]): e for e in _expected()["expect"]}
    e = by[("07_period_and_dates.xlsx", "CP102")]
    assert "R8.13.1" in value(e["file"], e["sheet"], e["cell"])
    e = by[("08_missing_service_fields.xlsx", "CP141")]
    assert value(e["file"], e["sheet"], e["cell"]) == "車いす貸与"
    e = by[("06_nayoro_request_as_need.xlsx", "TX402")]
    assert value(e["file"], e["sheet"], e["cell"]) == "デイサービスに通う"
    e = by[("05_asahikawa_kaimono_daikou.xlsx", "CP140")]
    assert value(e["file"], e["sheet"], e["cell"]) is None


def test_readme_problem_table_matches_expected_toml():
    text = (SAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split("## 仕込んだ問題", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 9 and cells[0].endswith(".xlsx"):
            f, rule, sheet, cell, profiles, severity, must, ack, _note = cells
            rows.append((f, rule, sheet, "" if cell == "-" else cell, tuple(profiles.split(", ")), severity,
                         must == "必須", ack == "yes"))
    doc = _expected()
    want = [(e["file"], e["rule"], e["sheet"], e["cell"], tuple(e["profiles"]), e["severity"], True, e["acknowledged"])
            for e in doc["expect"]]
    want += [(e["file"], e["rule"], e["sheet"], e["cell"], tuple(e["profiles"]), e["severity"], False, e["acknowledged"])
             for e in doc["allow"]]
    assert sorted(rows) == sorted(want)
    for f in FILES:
        assert f"| {f} |" in text, f


def test_three_layouts_come_from_one_plan():
    """01, 03 and 04 carry the same texts (they are rendered from the same dict)."""
    plan = ms.plan_asahikawa_clean()
    texts = {plan["t1"]["user_intent"], plan["t1"]["overall_policy"]}
    for _, _, node in ms.iter_tree(plan["needs"]):
        texts.add(node.get("text") or node.get("content"))
    for name in ("01_asahikawa_clean.xlsx", "03_other_layout_wareki.xlsx", "04_other_layout_fullwidth.xlsx"):
        wb = load_workbook(SAMPLES_DIR / name)
        seen = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
        assert texts <= seen, (name, texts - seen)
    wb3 = load_workbook(SAMPLES_DIR / "03_other_layout_wareki.xlsx")
    assert not list(wb3.defined_names), "the other office's form has no defined names"
