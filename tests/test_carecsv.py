"""ケアプランデータ連携の標準仕様 CSV: export from workbooks, read back, check a folder of CSV files."""

from __future__ import annotations

import copy
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from xl_careplan.carecsv import reader as R
from xl_careplan.carecsv import spec as S
from xl_careplan.carecsv.export import ExportError, Ids, export_plan
from xl_careplan.cli import cli
from xl_careplan.readers import read_plan_file
from xl_careplan.record import fields_of

SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*.xlsx"))
T1_FIELDS = ("user_name", "birth_date", "address", "care_manager", "office", "created_on", "first_created_on",
             "plan_kind", "certification_status", "certified_on", "cert_period", "care_level", "user_intent",
             "committee_opinion", "overall_policy", "living_support_reason")


def ids_for(i: int) -> Ids:
    return Ids(insurer_no="012345", insured_no=f"{i:010d}", sender="0123456789", receiver="0987654321")


def comparable(plan) -> dict:
    """The 第1表/第2表 content of a plan, without locations (they differ by construction)."""
    t1 = {k: getattr(plan.table1, k).value for k in T1_FIELDS}
    needs = []
    for n in plan.table2.needs:
        needs.append({
            "text": n.text.value,
            "long": [{"text": lg.text.value, "period": lg.period.value,
                      "short": [{"text": sg.text.value, "period": sg.period.value,
                                 "services": [(s.content.value, bool(s.insured.value), s.service_type.value,
                                               s.provider.value, s.frequency.value, s.period.value)
                                              for s in sg.services]}
                                for sg in lg.short_goals]}
                     for lg in n.long_goals],
        })
    return {"t1": t1, "needs": needs}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("csv")
    for i, f in enumerate(SAMPLES, start=1):
        plan = read_plan_file(f)
        export_plan(plan, out, ids_for(i), stamp=f"20261201{i:06d}")
    return out


def test_samples_exist():
    assert len(SAMPLES) >= 10


def test_export_writes_standard_names_in_ms932(exported):
    names = sorted(p.name for p in exported.iterdir())
    assert len(names) == 3 * len(SAMPLES)
    for name in names:
        assert S.kind_of_name(name) in (S.HOJU, S.T1, S.T2), name
        (exported / name).read_bytes().decode("cp932")  # strict: raises if not MS932
    assert any(n.startswith("UPHOSOKU_000000_0123456789_0987654321_") for n in names)
    assert any(n.startswith("UP1KYO_0123456789_0987654321_") for n in names)
    assert any(n.startswith("UP2KYO_0123456789_0987654321_") for n in names)


def test_round_trip_equals_workbook_model(exported):
    files = R.standard_files(exported)
    refs, errors = R.plan_refs(files)
    assert errors == []
    assert len(refs) == len(SAMPLES)
    by_insured = {}
    for ref in refs:
        plan = R.read_plan_ref(ref)
        assert plan.layout == "standard-csv"
        hoju = next(r for r in R.group_plans(files)[0] if f"{r.anchor().path}#{r.anchor().line}" == ref).hoju
        by_insured[int(hoju[0].text("insured_no"))] = plan
    for i, f in enumerate(SAMPLES, start=1):
        assert comparable(by_insured[i]) == comparable(read_plan_file(f)), f.name


def test_locations_name_file_line_and_column(exported):
    refs, _ = R.plan_refs(R.standard_files(exported))
    plan = R.read_plan_ref(refs[0])
    loc = plan.table2.needs[0].text.loc
    assert loc.sheet.startswith("UP2KYO_") and loc.cell.endswith("行目 課題")
    assert plan.table1.user_name.loc.cell.endswith("行目 利用者氏名")


def _plans_by_sample(exported: Path) -> dict[int, str]:
    """Sample number (the 被保険者番号 given at export) -> plan reference."""
    plans, errors = R.group_plans(R.standard_files(exported))
    assert errors == []
    return {int(pr.key[1]): f"{pr.anchor().path}#{pr.anchor().line}" for pr in plans}


def _only_what_csv_carries(plan):
    """The workbook plan with what the standard CSV does not carry taken out, as the CSV reader leaves it."""
    from xl_careplan.located import Located

    stripped = copy.deepcopy(plan)
    stripped.table3 = stripped.table4 = stripped.assessment = stripped.monitoring = None
    stripped.acknowledgements = []
    for k in fields_of(type(stripped.table1)):
        if k not in T1_FIELDS:
            setattr(stripped.table1, k, type(getattr(stripped.table1, k))())
    return stripped


def test_csv_plans_give_the_same_table1_table2_findings_as_the_workbooks(exported):
    import datetime as dt

    from xl_careplan.pipeline import check_file, check_plan
    from xl_careplan.profiles import load_profile

    today = dt.date(2026, 12, 1)
    refs = _plans_by_sample(exported)
    assert len(refs) == len(SAMPLES)
    compared = 0
    for name in ("national", "asahikawa", "nayoro"):
        profile = load_profile(name)
        for i, f in enumerate(SAMPLES, start=1):
            plan = read_plan_file(f)
            want = {(x.rule, x.severity.value, x.message) for x in
                    check_plan(_only_what_csv_carries(plan), profile, today, str(f)) if x.rule != "CP001"}
            got = check_file(refs[i], profile, today)
            assert got.error is None, got.error
            have = {(x.rule, x.severity.value, x.message) for x in got.findings if x.rule != "CP001"}
            assert have == want, (name, f.name, have ^ want)
            compared += len(want)
            # what the CSV does not carry is said once, as a reading note, never as an error
            notes = [x for x in got.findings if x.rule == "CP001"]
            assert len(notes) == 1 and "第3表" in notes[0].message and notes[0].severity.value == "info"
    assert compared > 20  # the samples do have 第1表/第2表 findings to compare


def test_check_folder_of_csv_reads_every_plan(exported):
    res = CliRunner().invoke(cli, ["check", str(exported), "--format", "json", "--today", "2026-12-01", "--jobs", "1"])
    assert res.exit_code in (0, 1), res.output
    data = json.loads(res.stdout)
    assert data["errors"] == []
    assert data["summary"]["files"] == len(SAMPLES) if "files" in data["summary"] else True
    files = {f["file"] for f in data["findings"]}
    assert len(files) == len(SAMPLES)
    assert all(R.is_plan_ref(f) for f in files)


def test_unencodable_character_is_reported_with_its_cell(tmp_path):
    plan = read_plan_file(SAMPLES[0])
    plan.table1.overall_policy.value = "ご本人の𠮷野家での外食を支えます"  # 𠮷 (U+20BB7) is not in MS932
    with pytest.raises(ExportError) as e:
        export_plan(plan, tmp_path, ids_for(1))
    msg = str(e.value)
    assert "U+20BB7" in msg and str(plan.table1.overall_policy.loc) in msg
    assert list(tmp_path.iterdir()) == []  # nothing written, nothing replaced


def test_missing_numbers_are_named(tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["export", str(SAMPLES[0]), "--csv", str(tmp_path)])
    assert res.exit_code == 2
    assert "--insurer-no" in res.stderr and "--to" in res.stderr
    assert list(tmp_path.iterdir()) == []


def test_numbers_are_taken_from_the_workbook_when_present(tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(SAMPLES[0])
    ws = wb.worksheets[0]
    ws["Z1"], ws["AA1"] = "保険者番号", 12345  # a number cell: the leading zero is gone
    ws["Z2"], ws["AA2"] = "被保険者番号", "0000099999"
    src = tmp_path / "plan.xlsx"
    wb.save(src)
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["export", str(src), "--csv", str(out), "--office-no", "0123456789", "--to", "0987654321"])
    assert res.exit_code == 0, res.output
    t1 = next(out.glob("UP1KYO_*.CSV")).read_bytes().decode("cp932")
    assert '"012345","0000099999"' in t1


# ---------------------------------------------------------------- bad CSV input

def _copy_set(exported: Path, dest: Path) -> list[Path]:
    dest.mkdir()
    stamp = "20261201000001"
    out = []
    for p in exported.glob(f"*_{stamp}.CSV"):
        shutil.copy(p, dest / p.name)
        out.append(dest / p.name)
    return sorted(out)


def test_utf8_file_is_refused_with_file_and_line(exported, tmp_path):
    files = _copy_set(exported, tmp_path / "d")
    t2 = next(p for p in files if p.name.startswith("UP2KYO"))
    t2.write_bytes(t2.read_bytes().decode("cp932").encode("utf-8"))
    with pytest.raises(R.CsvReadError) as e:
        R.read_records(t2)
    assert t2.name in str(e.value) and "行目" in str(e.value) and "UTF-8" in str(e.value)
    res = CliRunner().invoke(cli, ["check", str(tmp_path / "d"), "--format", "json", "--today", "2026-12-01"])
    assert res.exit_code == 2
    data = json.loads(res.stdout)
    assert any(t2.name in e["message"] for e in data["errors"])


def test_unknown_version_is_refused(exported, tmp_path):
    files = _copy_set(exported, tmp_path / "d")
    t1 = next(p for p in files if p.name.startswith("UP1KYO"))
    text = t1.read_bytes().decode("cp932").replace(f'"{S.CSV_VERSION}"', '"9999"', 1)
    t1.write_bytes(text.encode("cp932"))
    with pytest.raises(R.CsvReadError) as e:
        R.read_records(t1)
    assert "1行目" in str(e.value) and "9999" in str(e.value) and t1.name in str(e.value)


def test_missing_columns_are_refused(exported, tmp_path):
    files = _copy_set(exported, tmp_path / "d")
    t2 = next(p for p in files if p.name.startswith("UP2KYO"))
    lines = t2.read_bytes().decode("cp932").split("\r\n")
    lines[1] = ",".join(lines[1].split(",")[:5])
    t2.write_bytes("\r\n".join(lines).encode("cp932"))
    with pytest.raises(R.CsvReadError) as e:
        R.read_records(t2)
    assert "2行目" in str(e.value) and "列が足りません" in str(e.value)


def test_header_row_with_missing_column_is_refused(tmp_path):
    p = tmp_path / "plan2.csv"
    names = [c.name for c in S.T2.columns if c.name != "サービス内容"]
    p.write_bytes((",".join(names) + "\r\n").encode("cp932"))
    with pytest.raises(R.CsvReadError) as e:
        R.read_records(p, S.T2)
    assert "サービス内容" in str(e.value)


def test_header_row_files_are_read_by_column_name(exported, tmp_path):
    files = _copy_set(exported, tmp_path / "d")
    for p in files:
        kind = S.kind_of_name(p.name)
        text = p.read_bytes().decode("cp932")
        header = ",".join(c.name for c in kind.columns)
        p.rename(p.with_name(f"{kind.key}_export.csv"))  # a care-software export with its own names
        p.with_name(f"{kind.key}_export.csv").write_bytes((header + "\r\n" + text).encode("cp932"))
    refs, errors = R.plan_refs(R.standard_files(tmp_path / "d"))
    assert errors == [] and len(refs) == 1
    plan = R.read_plan_ref(refs[0])
    orig = read_plan_file(SAMPLES[0])
    assert comparable(plan) == comparable(orig)
    assert plan.table2.needs[0].text.loc.cell.startswith("2行目")


def test_a_csv_that_is_not_standard_is_refused(tmp_path):
    p = tmp_path / "名簿.csv"
    p.write_bytes("氏名,住所\r\n山田,旭川\r\n".encode("cp932"))
    res = CliRunner().invoke(cli, ["check", str(p), "--today", "2026-12-01"])
    assert res.exit_code == 2
    assert "標準仕様" in res.output


def test_report_and_annotate_on_a_csv_folder(exported, tmp_path):
    report = tmp_path / "集計.xlsx"
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["check", str(exported), "--report", str(report), "--annotate", "--output", str(out),
                                   "--today", "2026-12-01", "--jobs", "1"])
    assert res.exit_code == 2, res.output  # the annotated copies that were asked for are refused, plan by plan
    assert res.stderr.count("標準仕様の CSV には書き込みません") == len(SAMPLES)
    assert not out.exists() or not any(out.rglob("*.CSV"))  # nothing written next to or instead of the CSV
    import openpyxl

    wb = openpyxl.load_workbook(report)
    assert len(wb.sheetnames) >= 3
    assert sorted(p.name for p in exported.iterdir()) == sorted(p.name for p in exported.iterdir() if p.suffix == ".CSV")


def test_office_numbers_come_from_the_profile(tmp_path):
    prof = tmp_path / "myoffice.toml"
    prof.write_text('extends = "asahikawa"\n[office]\noffice_no = "0111111111"\ninsurer_no = "012047"\n', encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["export", str(SAMPLES[0]), "--csv", str(out), "--profile", str(prof),
                                   "--insured-no", "0000000042", "--to", "0987654321"])
    assert res.exit_code == 0, res.output
    t1 = next(out.glob("UP1KYO_0111111111_0987654321_*.CSV")).read_bytes().decode("cp932")
    assert t1.startswith(f'"{S.CSV_VERSION}","012047","0000000042"')


def test_a_failed_write_leaves_none_of_the_set(tmp_path, monkeypatch):
    import xl_careplan.carecsv.export as E

    real = os.replace
    calls = []

    def replace(a, b):
        calls.append(b)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(a, b)

    monkeypatch.setattr(E.os, "replace", replace)
    with pytest.raises(ExportError) as e:
        export_plan(read_plan_file(SAMPLES[0]), tmp_path, ids_for(1))
    assert "書き込めませんでした" in str(e.value)
    assert list(tmp_path.iterdir()) == []  # neither the first file placed nor any temporary file
