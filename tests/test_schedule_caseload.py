"""`xl-careplan schedule DIR`: a caseload of samples -> one valid .ics per care manager (第1表の作成者),
events named by a short per-user label, a monthly overview per care manager."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from xl_careplan import caseload
from xl_careplan.cli import cli
from xl_careplan.errors import XlCareplanError
from xl_careplan.readers import read_plan_file
from xl_careplan.schedule import ScheduleSettings

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-12-01"


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    """The samples, in one folder per care manager as offices keep them, plus a file that is not a plan."""
    root = tmp_path_factory.mktemp("office")
    for s in sorted((ROOT / "samples").glob("*.xlsx")):
        (root / s.stem[:2]).mkdir()
        shutil.copyfile(s, root / s.stem[:2] / s.name)
    (root / "memo.xlsx").write_bytes(b"not a workbook")
    return root


@pytest.fixture(scope="module")
def expected(office):
    """care manager -> user names of the latest plan of each user, from the readers themselves."""
    import datetime as dt

    read = []
    for f in sorted(office.rglob("*.xlsx")):
        try:
            read.append((str(f), read_plan_file(str(f))))
        except XlCareplanError:
            pass
    loads = caseload.group(read, today=dt.date.fromisoformat(TODAY), settings=ScheduleSettings())
    assert len(loads) >= 2, "the samples should have several care managers"
    return {c.care_manager: c for c in loads}


def run(*args):
    return CliRunner().invoke(cli, ["schedule", *map(str, args), "--today", TODAY], prog_name="xl-careplan")


def test_one_valid_calendar_per_care_manager(office, expected, tmp_path):
    out = tmp_path / "ics"
    r = run(office, "--ics", out)
    assert r.exit_code == 2, r.output  # memo.xlsx is not a plan: said, and the others go on
    assert "memo.xlsx" in r.stderr
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(caseload.ics_filename(cm) for cm in expected)
    for cm, load in expected.items():
        data = (out / caseload.ics_filename(cm)).read_bytes()
        cal = Calendar.from_ical(data)
        vevents = list(cal.walk("VEVENT"))
        assert len(vevents) == sum(len(p.events) for p in load.plans) > 0
        uids = [str(v["uid"]) for v in vevents]
        assert len(set(uids)) == len(uids)
        assert cm in str(cal["x-wr-calname"])
        text = data.decode("utf-8")
        for p in load.plans:
            name = str(p.plan.table1.user_name.value or "")
            assert name.replace(" ", "").replace("\u3000", "") not in text.replace(" ", "")  # no full name
        summaries = [str(v["summary"]) for v in vevents]
        labels_by_user = defaultdict(set)
        for v in vevents:
            labels_by_user[str(v["summary"]).split(" ")[0]].add(str(v["uid"]))
        assert len(labels_by_user) == len(load.plans)  # one distinct label per user
        assert all("○" in s for s in summaries)
        assert all("条" in str(v["description"]) for v in vevents if "モニタリング訪問" in str(v["summary"]))
    assert f"■ 担当 {next(iter(expected))}" in r.stdout and "モニタリング訪問" in r.stdout


def test_with_names_puts_the_names_in_the_calendars(office, expected, tmp_path):
    r = run(office, "--ics", tmp_path, "--with-names")
    cm, load = next(iter(expected.items()))
    text = Calendar.from_ical((tmp_path / caseload.ics_filename(cm)).read_bytes())
    names = {str(v["summary"]).split("様 ")[0] for v in text.walk("VEVENT")}
    assert names == {str(p.plan.table1.user_name.value).strip() for p in load.plans}, r.output


def test_json_overview_per_care_manager(office, expected):
    r = run(office, "--format", "json")
    data = json.loads(r.stdout)
    assert data["reference_date"] == TODAY and data["schema_version"]
    assert [c["name"] for c in data["care_managers"]] == list(expected)
    for c in data["care_managers"]:
        assert c["users"] == len(expected[c["name"]].plans)
        assert len(c["months"]) == caseload.OVERVIEW_MONTHS and c["months"][0]["month"] == "2026-12"
        in_overview = sum(v for m in c["months"] for k, v in m.items() if k != "month")
        listed = [e for e in data["events"] if e["care_manager"] == c["name"] and e["date"] < "2027-06-01"]
        assert in_overview == len(listed)
    assert {e["kind"] for e in data["events"]} >= {"monitoring_visit"}
    assert [e["message"] for e in data["errors"]] and "memo.xlsx" in data["errors"][0]["file"]


def test_a_care_manager_written_two_ways_is_one_caseload():
    import datetime as dt

    from schedule_helpers import make_plan

    a, b, c = make_plan(name="旭川 花子"), make_plan(name="名寄 太郎"), make_plan(name="稚内 一郎")
    a.table1.care_manager.value, b.table1.care_manager.value = "山田 花子", "山田　花子"
    loads = caseload.group([("a.xlsx", a), ("b.xlsx", b), ("c.xlsx", c)], today=dt.date(2026, 12, 1))
    assert [(x.care_manager, len(x.plans)) for x in loads] == [("山田 花子", 2), (caseload.UNKNOWN_CARE_MANAGER, 1)]


def test_ics_option_names_a_folder_for_a_caseload(office, tmp_path):
    r = run(office, "--ics", tmp_path / "x.ics")
    assert r.exit_code == 2 and "担当者ごとの .ics を置くフォルダ" in r.output


def test_output_fills_each_plan_into_a_mirrored_tree(office, tmp_path):
    import openpyxl

    out = tmp_path / "filled"
    r = run(office, "--output", out)
    assert r.exit_code == 2  # memo.xlsx only
    written = sorted(p.relative_to(out) for p in out.rglob("*_schedule.xlsx"))
    assert written and all(len(p.parts) == 2 for p in written)  # 01/01_….xlsx: the tree below the folder
    sheet = openpyxl.load_workbook(out / written[0])["モニタリング"]
    notes = [row[4] for row in sheet.iter_rows(min_row=5, values_only=True) if row[0] is not None and row[4]]
    assert notes and all("条" not in n for n in notes)
    assert sorted(p.name for p in office.rglob("*_schedule.xlsx")) == []  # the originals' folders untouched
