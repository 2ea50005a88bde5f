"""Profiles: built-ins, layering (a user file extending asahikawa), settings sections, errors."""

from __future__ import annotations

import pytest

from xl_careplan.errors import ProfileError
from xl_careplan.findings import Severity
from xl_careplan.profiles import builtin_profiles, load_profile
from xl_careplan.rules.engine import all_rules


def codes(prefix):
    return sorted(c for c in all_rules() if c.startswith(prefix))


def test_builtins():
    assert builtin_profiles() == ["national", "asahikawa", "nayoro"]
    national = load_profile("national")
    assert national.selected == sorted(codes("CP") + codes("TX"))
    assert load_profile("asahikawa").selected == sorted(national.selected + codes("AS"))
    assert load_profile("nayoro").selected == sorted(national.selected + codes("NY") + ["AS202"])  # 名寄 4(1)⑤
    assert load_profile().name == "national"
    assert load_profile("asahikawa").params["AS201"] == {"max_months": 6}
    # the 告示218 counts are written once (xl_careplan.domain.limits), not restated by the profiles
    assert "CP142" not in load_profile("nayoro").params
    assert all_rules()["CP142"].Params().limits["要介護1"] == 27


def test_office_section_is_inherited():
    office = load_profile("asahikawa").section("office")
    assert office["closed_days"][:3] == ["12-29", "12-30", "12-31"]
    assert load_profile("national").section("schedule") == {}


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_user_file_extends_asahikawa(tmp_path):
    p = write(tmp_path, "office.toml", """
extends = "asahikawa"
select = ["CP"]
ignore = ["TX404", "CP16"]
[params.AS201]
max_months = 3
[params.CP142.limits]
"要介護1" = 30
[severity]
TX401 = "warning"
AS202 = "助言"
[office]
preferred_weekday = "火"
[schedule]
lead_days = 5
""")
    prof = load_profile(str(p))
    assert prof.name == "office"
    assert prof.files[0].endswith("national.toml") and prof.files[-1] == str(p)
    assert "TX404" not in prof.selected and "CP160" not in prof.selected and "CP161" not in prof.selected
    assert "AS201" in prof.selected and "TX401" in prof.selected
    assert prof.params["AS201"] == {"max_months": 3}
    assert prof.params["CP142"]["limits"] == {"要介護1": 30}
    assert all_rules()["CP142"].Params(**prof.params["CP142"]).limits == {
        "要介護1": 30, "要介護2": 34, "要介護3": 43, "要介護4": 38, "要介護5": 31}
    assert prof.severity == {"TX401": Severity.WARNING, "AS202": Severity.INFO}
    assert prof.section("office")["preferred_weekday"] == "火"
    assert prof.section("office")["closed_days"][-1] == "01-03"
    assert prof.section("schedule") == {"lead_days": 5}


def test_child_can_reselect_what_parent_ignored_and_extend_by_relative_path(tmp_path):
    write(tmp_path, "base.toml", 'extends = "national"\nignore = ["TX"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    p = write(sub, "child.toml", 'extends = "../base.toml"\nselect = ["TX402"]\n')
    prof = load_profile(p)
    assert [c for c in prof.selected if c.startswith("TX")] == ["TX402"]


@pytest.mark.parametrize(
    "text,needle",
    [
        ('select = ["ZZ"]', "キー「select」のルール「ZZ」"),
        ('ignore = "CP101"\nselect = [1]', "キー「select」"),
        ("[params.AS201]\nmax_months = \"six\"", "params.AS201.max_months"),
        ("[params.AS201]\nmax_month = 6", "params.AS201.max_month"),
        ("[params.CP101]\nx = 1", "このルールにパラメータはありません"),
        ("[params.XX999]\nx = 1", "params.XX999"),
        ('[severity]\nAS201 = "fatal"', "severity.AS201"),
        ('extends = "osaka"', "extends"),
        ('extends = "missing.toml"', "見つかりません"),
        ("selct = 1", "キー「selct」"),
        ("select = [", "TOML として読めません"),
        ("[office]\n休業日 = 1", "2行目"),
    ],
)
def test_errors_name_file_and_key(tmp_path, text, needle):
    p = write(tmp_path, "bad.toml", text + "\n")
    with pytest.raises(ProfileError) as ei:
        load_profile(str(p))
    msg = str(ei.value)
    assert needle in msg
    if "missing.toml" not in text:
        assert "bad.toml" in msg


def test_extends_cycle(tmp_path):
    write(tmp_path, "a.toml", 'extends = "b.toml"\n')
    write(tmp_path, "b.toml", 'extends = "a.toml"\n')
    with pytest.raises(ProfileError, match="循環"):
        load_profile(str(tmp_path / "a.toml"))


def test_unknown_name_lists_builtins():
    with pytest.raises(ProfileError, match="national"):
        load_profile("sapporo")


def test_unknown_word_list_in_extend_is_a_profile_error(tmp_path):
    p = write(tmp_path, "ext.toml", '[params.TX401]\nextend = { nosuch = ["x"] }\n')
    with pytest.raises(ProfileError, match=r"params\.TX401.*nosuch"):
        load_profile(str(p))


def test_custom_patterns_are_used(tmp_path, make_plan):
    import datetime as dt

    from xl_careplan.rules.base import Context
    from xl_careplan.rules.engine import run_checks

    plan = make_plan()
    plan.table2.needs[0].long_goals[0].text.value = "ふつうに暮らす"
    ctx = Context(file="x.xlsx", today=dt.date(2026, 11, 25))
    assert run_checks(plan, load_profile("national"), ctx) == []  # ふつう is not in the abstract words
    p = write(tmp_path, "pat.toml", 'extends = "national"\n[params.TX404]\nextend = { abstract = ["ふつう"] }\n')
    got = run_checks(plan, load_profile(str(p)), ctx)
    assert [(f.rule, f.cell) for f in got] == [("TX404", "B6")]
