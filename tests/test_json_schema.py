"""The JSON outputs match their JSON Schemas in docs/schema/ (on real output of the commands)."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from xl_careplan.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "docs" / "schema"
TODAY = "2026-12-01"


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def validate(name: str, data: dict) -> None:
    s = schema(name)
    jsonschema.Draft202012Validator(s, format_checker=jsonschema.FormatChecker()).validate(data)


def run_json(*args) -> dict:
    r = CliRunner().invoke(cli, [*map(str, args), "--format", "json", "--today", TODAY], prog_name="xl-careplan")
    assert r.exit_code in (0, 1, 2), r.output
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("plans")
    for s in sorted((ROOT / "samples").glob("*.xlsx")):
        shutil.copyfile(s, root / s.name)
    (root / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    return root


@pytest.mark.parametrize("name", ["check", "schedule"])
def test_schemas_are_valid_json_schemas(name):
    jsonschema.Draft202012Validator.check_schema(schema(name))


@pytest.mark.parametrize("profile", ["national", "asahikawa", "nayoro"])
def test_check_output_matches_its_schema(folder, profile):
    data = run_json("check", folder, "--profile", profile)
    validate("check", data)
    assert data["findings"] and data["errors"]  # the schema saw both kinds of entry
    assert data["profile"] == profile and data["reference_date"] == TODAY


def test_schedule_output_matches_its_schema(folder):
    single = run_json("schedule", ROOT / "samples" / "01_asahikawa_clean.xlsx")
    validate("schedule", single)
    assert single["events"]
    caseload = run_json("schedule", folder)
    validate("schedule", caseload)
    assert caseload["care_managers"] and caseload["events"] and caseload["errors"]


def test_the_schema_rejects_what_breaks_the_contract(folder):
    data = run_json("check", folder)
    for broken in ("reference_date", "summary"):
        bad = copy.deepcopy(data)
        del bad[broken]
        with pytest.raises(jsonschema.ValidationError):
            validate("check", bad)
    bad = copy.deepcopy(data)
    bad["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate("check", bad)


def test_every_rule_code_fits_the_schema():
    from xl_careplan.rules.engine import all_rules

    pattern = schema("check")["$defs"]["finding"]["properties"]["rule"]["pattern"]
    assert all(re.match(pattern, code) for code in all_rules())
