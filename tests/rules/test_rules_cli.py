"""xl-careplan rules: list, --profile, --explain, unknown code, 未実装 marks."""

from __future__ import annotations

from click.testing import CliRunner

from xl_careplan.cli import cli
from xl_careplan.rules.engine import all_rules


def run(*args):
    return CliRunner().invoke(cli, ["rules", *args])


def test_lists_every_rule_with_profiles():
    r = run()
    assert r.exit_code == 0, r.output
    head = r.output.splitlines()[0]
    assert head.split()[:3] == ["コード", "重要度", "名前"] and "national" in head and "nayoro" in head
    for code, cls in all_rules().items():
        line = next(l for l in r.output.splitlines() if l.startswith(code))
        assert cls.name in line and cls.severity.value in line
    as201 = next(l for l in r.output.splitlines() if l.startswith("AS201"))
    assert as201.split()[-3:] == ["－", "○", "－"]


def test_profile_option_shows_effective_severity(tmp_path):
    p = tmp_path / "mine.toml"
    p.write_text('extends = "asahikawa"\n[severity]\nTX404 = "warning"\n', encoding="utf-8")
    r = run("--profile", str(p))
    assert r.exit_code == 0, r.output
    line = next(l for l in r.output.splitlines() if l.startswith("TX404"))
    assert "warning（警告）" in line and "mine" in r.output.splitlines()[0]


def test_unimplemented_rules_are_marked(monkeypatch):
    cls = all_rules()["CP161"]
    monkeypatch.setattr(cls, "implemented", False)
    monkeypatch.setattr(cls, "not_yet_reason", "テスト用の理由")
    r = run()
    line = next(l for l in r.output.splitlines() if l.startswith("CP161"))
    assert line.rstrip().endswith("未実装")
    assert "未実装: CP161" in r.output
    e = run("--explain", "CP161")
    assert "■ 未実装\nテスト用の理由" in e.output


def test_explain():
    r = run("--explain", "cp170")
    assert r.exit_code == 0
    assert r.output.startswith("CP170 モニタリング訪問の記録がない月")
    assert "■ 根拠" in r.output and "第13条第14号" in r.output
    assert "support_interval_months = 3" in r.output


def test_unknown_code_exits_2():
    r = run("--explain", "XX999")
    assert r.exit_code == 2
    assert "ルール「XX999」はありません" in r.output


def test_bad_profile_exits_2():
    r = run("--profile", "sapporo")
    assert r.exit_code == 2 and "プロファイル「sapporo」はありません" in r.output
