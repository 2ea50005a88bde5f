"""Domain facts (xl_careplan/domain): the one classification rules, report and profiles share."""

from __future__ import annotations

import pytest

from xl_careplan.domain import limits
from xl_careplan.domain.services import excluded_equipment, is_living_support, kinds_named, mentions_kind, service_kind
from xl_careplan.located import Located
from xl_careplan.models import ServiceRow


def row(stype: str, content: str = "") -> ServiceRow:
    return ServiceRow(service_type=Located[str](value=stype, raw=stype), content=Located[str](value=content, raw=content))


@pytest.mark.parametrize("stype, content, expected", [
    ("訪問介護", "掃除", True),
    ("訪問介護（生活援助）", "掃除", True),
    ("訪問介護", "居室の掃除（生活援助）", True),
    ("ホームヘルプ", "調理・洗濯", True),
    ("訪問介護", "一緒に調理する（見守り的援助）", False),
    ("訪問介護", "入浴介助（身体介護）", False),
    ("訪問介護", "身体介護に引き続き掃除（生活援助）", False),
    ("訪問介護", "身体1生活1（排泄介助と掃除）", False),
    ("通所介護", "調理", False),
    ("家族", "掃除（生活援助）", False),
])
def test_living_support(stype, content, expected):
    assert is_living_support(row(stype, content)) is expected


def test_service_kind_most_specific_first():
    assert service_kind(row("夜間対応型訪問介護")) == "夜間対応型訪問介護"
    assert service_kind(row("地域密着型通所介護")) == "地域密着型通所介護"  # not a 地域 (informal) row
    assert service_kind(row("デイケア")) == "通所リハビリテーション"
    assert service_kind(row("本人", "散歩")) is None


def test_kinds_named_in_free_text():
    assert kinds_named("訪問看護及び通所リハビリテーションの利用が望ましい") == ["訪問看護", "通所リハビリテーション"]
    assert kinds_named("夜間対応型訪問介護") == ["夜間対応型訪問介護"]
    assert mentions_kind("福祉用具貸与", "本人、長女、福祉用具（専門相談員）")
    assert not mentions_kind("訪問看護", "本人、長女、通所リハ")


@pytest.mark.parametrize("text, degree, support, expected", [
    ("特殊寝台の貸与", 1, False, "特殊寝台"),
    ("特殊寝台付属品（サイドレール）", 1, False, "特殊寝台付属品"),
    ("床ずれ防止用マットレス", 1, False, "床ずれ防止用具"),
    ("車いす", None, True, "車いす"),
    ("車いす", 2, False, None),
    ("歩行器", 1, False, None),
    ("手すり", None, True, None),
    ("自動排泄処理装置", 3, False, "自動排泄処理装置"),
    ("自動排泄処理装置", 4, False, None),
    ("自動排泄処理装置（尿のみを自動的に吸引するもの）", 1, False, None),
])
def test_excluded_equipment_for_light_care(text, degree, support, expected):
    assert excluded_equipment(text, degree, support) == expected


def test_limits_written_once():
    assert limits.KOKUJI218_LIMITS == {"要介護1": 27, "要介護2": 34, "要介護3": 43, "要介護4": 38, "要介護5": 31}
    from xl_careplan import report
    from xl_careplan.rules.registry import all_rules

    assert all_rules()["CP142"].Params().limits == limits.KOKUJI218_LIMITS
    assert report.CERT_DAYS == limits.RENEWAL_WINDOW_DAYS
    assert not hasattr(report, "LIVING_SUPPORT_LIMITS")


def test_profiles_and_engine_import_apart():
    import subprocess
    import sys

    # loading a profile does not import the engine (no profiles ↔ engine circle)
    code = "import sys, xl_careplan.profiles as p; p.load_profile('national'); print('xl_careplan.rules.engine' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
