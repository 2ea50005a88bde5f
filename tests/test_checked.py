"""Settings a user writes (rule parameters, [schedule]) are checked without pydantic: the same values are
accepted and rejected as when they were pydantic models, and a bad one names the file and the key."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from xl_careplan.checked import SettingError, checked, setting
from xl_careplan.errors import ProfileError
from xl_careplan.profiles import load_profile
from xl_careplan.schedule import ScheduleSettings


@checked
class Sample:
    i: int = setting(0, ge=1, le=48)
    f: float = setting(0.5, gt=0, le=1)
    b: bool = False
    s: str = ""
    l: list[str] = setting(factory=list)
    d: dict[str, int] = setting(factory=dict)
    dl: dict[str, list[str]] = setting(factory=dict)
    n: int | None = setting(None, ge=0, le=6)


VALUES = [
    "5.00", "1_000", "1e-3", "-inf", "Infinity", "5e", "1.5e3", " 1.0 ", "0.5", "00", "-0", 0, 1, 2, 5, 48, 49, -1,
    True, False, 0.0, 0.5, 1.0, 5.0, 5.5, 1e3, math.inf, math.nan, -0.0, "5", " 5 ", "5.0", "5.5", "1e3", "+5", "-5",
    "5_0", "0x10", "5.", ".5", "inf", "nan", "", "x", "true", "True", "yes", "on", "off", "no", "f", "t", "y", "n",
    "1", "0", "2", "１", "５", None, [], ["a"], ["a", 1], [1], ("a",), {}, {"a": 1}, {"a": "5"}, {"a": True},
    {"a": 5.5}, {"a": ["x"]}, {"a": "x"}, {1: 2}, {"a": [1]}, dt.date(2024, 1, 1), dt.datetime(2024, 1, 1),
    dt.time(1, 2),
]

# What pydantic 2.14 (the settings' former validator, extra="forbid", same bounds) accepted of VALUES, per field.
# Everything else in VALUES was rejected then and must be rejected now.
ACCEPTED = {
    "i": ["5.00", " 1.0 ", 1, 2, 5, 48, True, 1.0, 5.0, "5", " 5 ", "5.0", "+5", "1", "2"],
    "f": ["1e-3", " 1.0 ", "0.5", 1, True, 0.5, 1.0, ".5", "1"],
    "b": [0, 1, True, False, 0.0, 1.0, -0.0, "true", "True", "yes", "on", "off", "no", "f", "t", "y", "n", "1", "0"],
    "s": ["5.00", "1_000", "1e-3", "-inf", "Infinity", "5e", "1.5e3", " 1.0 ", "0.5", "00", "-0", "5", " 5 ", "5.0",
          "5.5", "1e3", "+5", "-5", "5_0", "0x10", "5.", ".5", "inf", "nan", "", "x", "true", "True", "yes", "on",
          "off", "no", "f", "t", "y", "n", "1", "0", "2", "１", "５"],
    "l": [[], ["a"], ("a",)],
    "d": [{}, {"a": 1}, {"a": "5"}, {"a": True}],
    "dl": [{}, {"a": ["x"]}],
    "n": ["5.00", " 1.0 ", "00", "-0", 0, 1, 2, 5, True, False, 0.0, 1.0, 5.0, -0.0, "5", " 5 ", "5.0", "+5", "1",
          "0", "2", None],
}


def _same(a, b) -> bool:
    return type(a) is type(b) and (a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b)))


@pytest.mark.parametrize("key", sorted(ACCEPTED))
def test_accepts_and_rejects_what_the_settings_did_before(key):
    for v in VALUES:
        accepted = any(_same(v, a) for a in ACCEPTED[key])
        try:
            Sample(**{key: v})
            got = True
        except SettingError as e:
            assert e.key.split(".")[0] == key and e.message, (key, v)
            got = False
        assert got == accepted, (key, v)


def test_conversions_and_unknown_keys():
    s = Sample(i="5.0", f="0.5", b="yes", n=" 3 ", d={"a": "5"})
    assert (s.i, s.f, s.b, s.n, s.d) == (5, 0.5, True, 3, {"a": 5})
    assert type(Sample(f=1).f) is float
    with pytest.raises(SettingError) as e:
        Sample(zz=1)
    assert e.value.unknown and e.value.key == "zz"
    with pytest.raises(SettingError, match=r"d\.a"):
        Sample(d={"a": "x"})
    assert Sample().i == 0  # defaults are not checked (0 is below ge=1, but it is the default)


# The bad profile values the pydantic parameter models rejected (each was checked against them): still
# rejected, as a ProfileError naming the file and the key.
BAD_PROFILES = [
    ("[params.AS201]\nmax_months = 0", "params.AS201.max_months"),
    ("[params.AS201]\nmax_months = 49", "params.AS201.max_months"),
    ("[params.AS201]\nmax_months = 5.5", "params.AS201.max_months"),
    ('[params.AS201]\nmax_months = "six"', "params.AS201.max_months"),
    ("[params.AS201]\nmax_months = [6]", "params.AS201.max_months"),
    ("[params.CP142]\nlimits = 5", "params.CP142.limits"),
    ('[params.CP142]\nlimits = { "要介護1" = "x" }', "params.CP142.limits.要介護1"),
    ('[params.CP142]\nlimits = { "要介護1" = 2.5 }', "params.CP142.limits.要介護1"),
    ("[params.CP144]\nshare = 0", "params.CP144.share"),
    ("[params.CP144]\nshare = 1.5", "params.CP144.share"),
    ('[params.CP144]\nshare = "half"', "params.CP144.share"),
    ("[params.CP170]\nsupport_interval_months = 13", "params.CP170.support_interval_months"),
    ('[params.CP170]\nvideo_counts = "maybe"', "params.CP170.video_counts"),
    ("[params.CP170]\nvideo_counts = 2", "params.CP170.video_counts"),
    ("[params.AS202]\ninstead = \"代行\"", "params.AS202.instead"),
    ("[params.AS202]\ninstead = [1]", "params.AS202.instead.0"),
    ('[params.AS202]\nactivities = { "買い物" = "買物" }', "params.AS202.activities.買い物"),
    ('[params.NY302]\nlong_goal_words = "趣味"', "params.NY302.long_goal_words"),
    ('[params.TX401]\nextend = { abstract = "生活の質" }', "params.TX401.extend.abstract"),
    ('[params.TX401]\nextend = { nosuch = ["x"] }', "params.TX401.extend"),
    ("[params.TX401]\nabstract = 1", "params.TX401.abstract"),
    ("[params.AS201]\nmax_monhts = 3", "params.AS201.max_monhts"),
]


@pytest.mark.parametrize("text,key", BAD_PROFILES)
def test_bad_parameters_are_rejected_naming_file_and_key(tmp_path, text, key):
    p = tmp_path / "office.toml"
    p.write_text('extends = "asahikawa"\n' + text + "\n", encoding="utf-8")
    with pytest.raises(ProfileError) as e:
        load_profile(str(p))
    msg = str(e.value)
    assert f"キー「{key}」" in msg and "office.toml" in msg, msg


def test_good_parameters_are_converted(tmp_path):
    p = tmp_path / "office.toml"
    p.write_text('extends = "asahikawa"\n[params.AS201]\nmax_months = 3.0\n[params.CP142]\nlimits = { "要介護1" = 20 }\n',
                 encoding="utf-8")
    from xl_careplan.rules.engine import all_rules

    prof = load_profile(str(p))
    rules = all_rules()
    assert rules["AS201"](prof.params["AS201"]).params.max_months == 3
    assert rules["CP142"](prof.params["CP142"]).params.limits["要介護1"] == 20
    assert rules["CP142"](prof.params["CP142"]).params.limits["要介護2"] == 34  # the 告示 counts of the others stay


@pytest.mark.parametrize("section", [
    {"visit_day": 0}, {"visit_day": 32}, {"visit_day": "x"}, {"visit_day": 1.5}, {"preferred_weekday": "祝"},
    {"preferred_weekday": 7}, {"preferred_weekday": -1}, {"closed_days": ["13-45"]}, {"closed_days": ["12/32"]},
    {"closed_days": "x"}, {"evaluation_days_before": 121}, {"renewal_meeting_days_before": -1},
    {"support_visit_interval_months": 0}, {"visitday": 3},
])
def test_bad_schedule_settings_name_the_key(section):
    with pytest.raises(ProfileError) as e:
        ScheduleSettings.from_profile({"schedule": section})
    assert "[schedule]" in str(e.value) and next(iter(section)) in str(e.value)


def test_schedule_settings_conversions():
    s = ScheduleSettings(preferred_weekday="水曜日", closed_days="12/31、1/1", visit_day="10")
    assert (s.preferred_weekday, s.closed_days, s.visit_day) == (2, ["12-31", "01-01"], 10)
    assert ScheduleSettings(preferred_weekday="") == ScheduleSettings()
