"""docs/domain/rules.md is generated from the registered rules and must be up to date."""

from pathlib import Path

from xl_careplan.rules.catalogue import render_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "domain" / "rules.md"


def test_rules_md_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == render_markdown(), (
        "python -m xl_careplan.rules.catalogue > docs/domain/rules.md で作り直してください"
    )


def test_profile_example_in_doc_loads(tmp_path):
    import re

    from xl_careplan.profiles import load_profile

    block = re.search(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    p = tmp_path / "office.toml"
    p.write_text(block, encoding="utf-8")
    prof = load_profile(str(p))
    assert "AS201" in prof.selected and "TX404" not in prof.selected
    assert prof.section("office")["closed_days"][0] == "12-29"
