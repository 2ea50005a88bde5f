"""The schedule command (JSON contract, text, --annotate/--output/--in-place, --ics) and the .ics export."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

import writer_fixtures as W
from schedule_helpers import D, make_plan
from xl_careplan.errors import WorkbookReadError
from xl_careplan.ics import event_uid, events_to_ics, plan_key
from xl_careplan.schedule import ScheduleSettings, plan_events
from xl_careplan.values import CareLevel

TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "居宅サービス計画書.xlsx"
TODAY = D(2026, 11, 25)


def sample_plan(level=CareLevel.KAIGO2):
    return make_plan(level=level, goals=[((D(2026, 10, 20), D(2027, 9, 30)), [(D(2026, 10, 20), D(2027, 3, 31))])])


@pytest.fixture
def cmd(monkeypatch):
    import xl_careplan.commands.schedule as mod

    plan = sample_plan()
    monkeypatch.setattr(mod, "_read_plan", lambda path, layout: plan)
    monkeypatch.setattr(mod, "_load_profile", lambda name: {"schedule": {}})
    return mod.schedule


# --- .ics ------------------------------------------------------------------------------------


def test_ics_parses_back_with_all_events_and_no_names():
    plan = sample_plan()
    events = plan_events(plan, today=TODAY, settings=ScheduleSettings())
    data = events_to_ics(events, plan)
    cal = Calendar.from_ical(data)
    vevents = list(cal.walk("VEVENT"))
    assert len(vevents) == len(events)
    first = vevents[0]
    assert first.decoded("dtstart") == events[0].date  # all-day (DATE, not DATE-TIME)
    assert first.decoded("dtend") == events[0].date + dt.timedelta(days=1)
    assert str(first.get("summary")) == "旭○花○ モニタリング訪問"  # a short label tells users apart, not the name
    assert str(first.get("description")) == events[0].note
    assert "旭川" not in data.decode("utf-8")  # no personal name by default
    uids = [str(v.get("uid")) for v in vevents]
    assert len(set(uids)) == len(uids)


def test_ics_with_names():
    plan = sample_plan()
    events = plan_events(plan, today=TODAY, settings=ScheduleSettings())
    cal = Calendar.from_ical(events_to_ics(events, plan, with_names=True))
    assert str(next(iter(cal.walk("VEVENT"))).get("summary")) == "旭川 花子様 モニタリング訪問"


def test_ics_uids_stable_and_free_of_personal_data():
    plan = sample_plan()
    other_name = sample_plan()
    other_name.table1.user_name.value = "名寄 太郎"
    assert plan_key(plan) == plan_key(other_name)  # names do not enter the hash
    e1 = plan_events(plan, today=TODAY, settings=ScheduleSettings())
    e2 = plan_events(plan, today=TODAY, settings=ScheduleSettings(preferred_weekday="水"))
    visit1 = [event_uid(plan_key(plan), e) for e in e1 if e.kind == "monitoring_visit"]
    visit2 = [event_uid(plan_key(plan), e) for e in e2 if e.kind == "monitoring_visit"]
    assert visit1 == visit2  # moving a visit inside its month keeps its UID: re-import updates it
    changed = sample_plan()
    changed.table1.cert_period.value.end = D(2027, 10, 31)
    assert plan_key(changed) != plan_key(plan)
    # re-export gives identical bytes when the stamp is fixed
    stamp = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.timezone.utc)
    assert events_to_ics(e1, plan, stamp=stamp) == events_to_ics(e1, plan, stamp=stamp)


# --- command ---------------------------------------------------------------------------------


def test_json_contract(cmd):
    r = CliRunner().invoke(cmd, ["plan.xlsx", "--format", "json", "--today", "2026-11-25"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert set(data) == {"events", "schema_version", "tool", "tool_version", "profile", "profile_title",
                         "reference_date"}  # the events as before, the run's header added
    assert data["reference_date"] == "2026-11-25"
    assert data["events"], "events expected"
    for e in data["events"]:
        assert list(e) == ["date", "kind", "note"]
        dt.date.fromisoformat(e["date"])
        assert e["kind"] in ("monitoring_visit", "goal_evaluation", "plan_review", "certification_renewal")
    assert "モニタリング" in r.stdout  # ensure_ascii=False: Japanese as is
    assert "\\u30" not in r.stdout
    assert data["events"][0] == {"date": "2026-11-25", "kind": "monitoring_visit",
                                 "note": plan_events(sample_plan(), today=TODAY, settings=ScheduleSettings())[0].note}


def test_text_output(cmd):
    r = CliRunner().invoke(cmd, ["plan.xlsx", "--today", "2026-11-25"])
    assert r.exit_code == 0
    assert "2026年12月15日（火） モニタリング訪問" in r.stdout


def test_bad_today(cmd):
    r = CliRunner().invoke(cmd, ["plan.xlsx", "--today", "2026/11/25"])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output


def test_unreadable_file_exit_2(monkeypatch, tmp_path):
    import xl_careplan.commands.schedule as mod

    def boom(path, layout):
        raise WorkbookReadError("ブックを開けません（BadZipFile）", file=path)

    monkeypatch.setattr(mod, "_read_plan", boom)
    monkeypatch.setattr(mod, "_load_profile", lambda name: None)
    r = CliRunner().invoke(mod.schedule, [str(tmp_path / "x.xlsx")])
    assert r.exit_code == 2 and "ブックを開けません" in r.stderr


def test_unreadable_file_real_reader(tmp_path, monkeypatch):
    readers = pytest.importorskip("xl_careplan.readers")
    if not hasattr(readers, "read_plan_file"):
        pytest.skip("readers.read_plan_file not there yet")
    import xl_careplan.commands.schedule as mod

    monkeypatch.setattr(mod, "_load_profile", lambda name: None)  # the profile is not what is tested here
    bad = tmp_path / "壊れた.xlsx"
    bad.write_bytes(b"not a zip at all")
    r = CliRunner().invoke(mod.schedule, [str(bad)])
    assert r.exit_code == 2
    assert "壊れた.xlsx" in r.stderr


def test_ics_option(cmd, tmp_path):
    out = tmp_path / "cal" / "予定.ics"
    r = CliRunner().invoke(cmd, ["plan.xlsx", "--today", "2026-11-25", "--ics", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output
    n = len(json.loads(r.stdout)["events"])
    assert len(list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))) == n


@pytest.mark.skipif(not TEMPLATE.exists(), reason="template not generated")
def test_annotate_output_and_in_place(cmd, tmp_path):
    from openpyxl import load_workbook

    src = tmp_path / "plan.xlsx"
    shutil.copy(TEMPLATE, src)
    original = src.read_bytes()
    out = tmp_path / "out"
    r = CliRunner().invoke(cmd, [str(src), "--output", str(out), "--today", "2026-11-25"])
    assert r.exit_code == 0, r.output
    filled = out / "plan_schedule.xlsx"
    assert filled.exists() and src.read_bytes() == original  # the original untouched
    ws = load_workbook(filled)["モニタリング"]
    assert ws["A5"].value.date() == D(2026, 11, 25) and ws["B5"].value == "モニタリング訪問"

    r = CliRunner().invoke(cmd, [str(src), "--annotate", "--today", "2026-11-25"])
    assert r.exit_code == 0 and (tmp_path / "plan_schedule.xlsx").exists()

    r = CliRunner().invoke(cmd, [str(src), "--in-place", "--today", "2026-11-25"])
    assert r.exit_code == 0, r.output
    backups = list(tmp_path.glob("plan.bak-*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert load_workbook(src)["モニタリング"]["B5"].value == "モニタリング訪問"


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize("name", ["01_asahikawa_clean", "02_nayoro_shien_on_kyotaku_form", "03_other_layout_wareki"])
def test_samples_fill_keeps_records_and_is_idempotent(tmp_path, name):
    src = SAMPLES / f"{name}.xlsx"
    if not src.exists():
        pytest.skip("samples not generated")
    from xl_careplan.commands.schedule import fill_file
    from xl_careplan.readers import read_plan_file

    plan = read_plan_file(src)
    events = plan_events(plan, today=TODAY, settings=ScheduleSettings())
    dest, res, _ = fill_file(src, plan, events, today=TODAY, output_dir=tmp_path)
    assert res.written and not res.created_sheet
    back = read_plan_file(dest)
    before = {r.row: (r.planned_on.value, r.kind.value, r.done_on.value, r.method.value, r.note.value)
              for r in plan.monitoring.rows}
    after = {r.row: (r.planned_on.value, r.kind.value, r.done_on.value, r.method.value, r.note.value)
             for r in back.monitoring.rows}
    assert all(after[row] == vals for row, vals in before.items())  # the care manager's rows unchanged
    # second pass over the filled copy, with the plan read from it: nothing more to add
    events2 = plan_events(back, today=TODAY, settings=ScheduleSettings())
    _, res2, _ = fill_file(dest, back, events2, today=TODAY, output_dir=tmp_path / "again")
    assert res2.written == []


def test_in_place_and_output_conflict(cmd, tmp_path):
    r = CliRunner().invoke(cmd, ["plan.xlsx", "--in-place", "--output", str(tmp_path)])
    assert r.exit_code == 2 and "同時に指定できません" in r.stderr


# --- pictures, charts and refusals: the same writer as the annotated copies -------------------


def _parts(p):
    import zipfile

    with zipfile.ZipFile(p) as z:
        return {n: z.read(n) for n in z.namelist()}


def _carried(parts: dict, original: bytes, prefix: str) -> list[str]:
    """Parts of a written workbook under ``prefix`` holding exactly the bytes of an original part."""
    return [n for n, data in parts.items() if n.startswith(prefix) and data == original]


def test_fill_keeps_a_picture(tmp_path):
    from openpyxl import load_workbook

    from xl_careplan.commands.schedule import fill_file

    src = W.with_image(tmp_path / "plan.xlsx")
    before = src.read_bytes()
    plan = sample_plan()
    events = plan_events(plan, today=TODAY, settings=ScheduleSettings())
    dest, res, backup = fill_file(src, plan, events, today=TODAY)
    assert dest == tmp_path / "plan_schedule.xlsx" and backup is None and src.read_bytes() == before
    assert res.created_sheet and len(res.written) == len(events)
    a, b = _parts(src), _parts(dest)
    assert _carried(b, a["xl/media/image91.png"], "xl/media/")  # the picture itself, byte for byte
    assert _carried(b, a["xl/drawings/drawing91.xml"], "xl/drawings/")  # and where it sits
    drawing = next(n for n in b if n.startswith("xl/drawings/drawing") and n.endswith(".xml"))
    assert drawing.rsplit("/", 1)[1].encode() in b["xl/worksheets/_rels/sheet1.xml.rels"]  # linked from 第1表
    wb = load_workbook(dest)
    assert wb["第1表"]["B4"].value == "テスト　太郎"
    assert wb["モニタリング"]["B5"].value == "モニタリング訪問"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx", "plan_schedule.xlsx"]  # no temporary files


def test_cli_fills_a_workbook_with_an_excel_chart_in_place(cmd, tmp_path):
    from openpyxl import load_workbook

    src = W.with_excel_chart(tmp_path / "plan.xlsx")
    original = src.read_bytes()
    a = _parts(src)
    r = CliRunner().invoke(cmd, [str(src), "--in-place", "--today", "2026-11-25"])
    assert r.exit_code == 0, r.output
    backups = list(tmp_path.glob("plan.bak-*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    b = _parts(src)
    for part in ("xl/charts/chart1.xml", "xl/charts/style1.xml", "xl/charts/colors1.xml"):
        assert _carried(b, a[part], "xl/charts/"), part  # the chart and its style parts, byte for byte
    wb = load_workbook(src)
    assert wb["モニタリング"]["B5"].value == "モニタリング訪問"
    assert wb["集計"]["A1"].value == "訪問介護"


@pytest.mark.parametrize("in_place", [False, True])
def test_form_control_workbook_is_filled_and_keeps_every_other_part(cmd, tmp_path, in_place):
    from roundtrip import contract_violations

    src = W.with_checkbox(tmp_path / "plan.xlsx")  # a form control (openpyxl would drop it)
    before = tmp_path / "before.xlsx"
    shutil.copy(src, before)
    args = [str(src), "--today", "2026-11-25", "--in-place" if in_place else "--annotate"]
    r = CliRunner().invoke(cmd, args)
    assert r.exit_code == 0, r.output
    dest = src if in_place else tmp_path / "plan_schedule.xlsx"
    assert contract_violations(before, dest) == []
    with zipfile.ZipFile(before) as a, zipfile.ZipFile(dest) as b:
        assert [n for n in a.namelist() if "ctrlProp" in n] and all(
            a.read(n) == b.read(n) for n in a.namelist() if "ctrlProp" in n or "drawing" in n)


def test_read_only_file_is_not_replaced_in_place(cmd, tmp_path):
    src = W.plain_plan(tmp_path / "plan.xlsx")
    src.chmod(0o444)
    before = src.read_bytes()
    r = CliRunner().invoke(cmd, [str(src), "--today", "2026-11-25", "--in-place"])
    assert r.exit_code == 2
    assert "読み取り専用" in r.stderr
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]  # no copy, no backup, no temporary file


def test_fill_refused_while_open_in_excel(tmp_path):
    from xl_careplan.commands.schedule import fill_file
    from xl_careplan.errors import XlCareplanError

    src = W.plain_plan(tmp_path / "plan.xlsx")
    (tmp_path / "~$plan.xlsx").write_bytes(b"lock")
    before = src.read_bytes()
    plan = sample_plan()
    with pytest.raises(XlCareplanError) as e:
        fill_file(src, plan, plan_events(plan, today=TODAY), today=TODAY, in_place=True)
    assert "Excel で開かれている" in str(e.value)
    assert src.read_bytes() == before and not list(tmp_path.glob("plan.bak-*"))


def test_copy_of_a_filled_copy_keeps_its_name(tmp_path):
    from xl_careplan.commands.schedule import fill_file
    from xl_careplan.errors import WriteRefusedError

    src = W.plain_plan(tmp_path / "plan_schedule.xlsx")
    before = src.read_bytes()
    plan = sample_plan()
    events = plan_events(plan, today=TODAY)
    dest, _, _ = fill_file(src, plan, events, today=TODAY, output_dir=tmp_path / "again")
    assert dest == tmp_path / "again" / "plan_schedule.xlsx"  # no 「_schedule_schedule」
    with pytest.raises(WriteRefusedError) as e:  # next to itself it would replace the original
        fill_file(src, plan, events, today=TODAY)
    assert "元のファイルと同じ" in str(e.value)
    assert src.read_bytes() == before
