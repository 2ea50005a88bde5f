"""click speaks Japanese: usage, help and error lines, and the check options that contradict each other."""

from __future__ import annotations

import re
import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from xl_careplan.cli import cli
from xl_careplan.commands import japanese

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "01_asahikawa_clean.xlsx"
ENGLISH = re.compile(r"Usage|Options|Error|Invalid value|Missing|is a directory|Aborted|Try '")

# click messages that never reach our users (editor, shell completion, Windows console, prompts we do not use)
NOT_SHOWN = {"{editor}: Editing failed", "{editor}: Editing failed: {e}", "Windows error: {error}",
             "Couldn't detect Bash version, shell completion is not supported.", "Unknown color {colour!r}",
             "Unknown standard stream '{name}'", "Name '{name}' defined twice", "Choice({choices})", "d",
             "Shell completion is not supported for Bash",
             # mistakes in a program's option declarations, raised while the commands are built
             "Arguments take exactly one parameter declaration, got", "Boolean option {decl!r} cannot use the",
             "Could not determine name for option with declarations {decls!r}",
             "No options defined but a name was passed ({name})."}


def run(*args):
    return CliRunner().invoke(cli, list(args), prog_name="xl-careplan")


def _placeholders(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None} | set(re.findall(r"%\(\w+\)s", text))


@pytest.mark.parametrize("msgid", sorted(japanese.MESSAGES))
def test_translations_keep_clicks_placeholders(msgid):
    assert _placeholders(japanese.MESSAGES[msgid]) == _placeholders(msgid)


def test_every_message_in_clicks_source_is_translated():
    """A click upgrade that adds a message shows up here rather than as English in front of a user."""
    src = Path(click.__file__).parent
    found: set[str] = set()
    for f in src.glob("*.py"):
        text = f.read_text(encoding="utf-8")
        found |= {m.encode().decode("unicode_escape") for m in re.findall(r'(?<![\w.])_\(\s*"((?:[^"\\]|\\.)*)"', text)}
        for a, b in re.findall(r'ngettext\(\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"', text):
            found |= {a, b}
    assert found, "no click message found: the scan no longer matches click's source"
    assert sorted(found - set(japanese.MESSAGES) - NOT_SHOWN) == []


@pytest.mark.parametrize("args, words", [
    (["check"], ["使い方: xl-careplan check [オプション] パス...", "エラー: 次の引数を指定してください"]),
    (["check", str(SAMPLE), "--today", "2026/13/45"], ["--today の値が正しくありません", "YYYY-MM-DD"]),
    (["check", str(SAMPLE), "--layout", str(ROOT / "samples")], ["はフォルダです"]),
    (["check", str(SAMPLE), "--format", "xml"], ["'xml' は指定できません"]),
    (["check", str(SAMPLE), "--nosuch"], ["オプション '--nosuch' はありません"]),
    (["chek"], ["コマンド 'chek' はありません"]),
])
def test_usage_errors_are_japanese(args, words):
    r = run(*args)
    assert r.exit_code == 2
    for w in words:
        assert w in r.output
    assert not ENGLISH.search(r.output), r.output


def test_help_is_japanese_and_lines_up():
    r = run("check", "--help")
    assert r.exit_code == 0 and r.output.startswith("使い方: xl-careplan check [オプション] パス...")
    assert "オプション:" in r.output and "このヘルプを表示して終了します。" in r.output
    assert not ENGLISH.search(r.output), r.output
    # descriptions start in one column although the option names hold full-width metavars
    starts = {japanese.display_width(line[:line.index("  ", 4)]) + 2 + len(line[line.index("  ", 4) + 2:]) -
              len(line[line.index("  ", 4) + 2:].lstrip()) for line in r.output.splitlines()
              if line.startswith("  --") and "  " in line[4:]}
    assert len(starts) == 1, starts


@pytest.mark.parametrize("args, words", [
    (["--in-place", "--output", "OUT"], ["--in-place と --output は同時に指定できません"]),
    (["--mask"], ["--mask は集計表の仮名化です"]),
    (["--mask-staff"], ["--mask-staff は集計表の仮名化です"]),
    (["--report", "r.csv"], ["集計表は Excel ブック（.xlsx）で保存します"]),
    (["--quiet", "--format", "json"], ["--quiet は --format text のときだけ"]),
])
def test_conflicting_options_are_errors(tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    r = run("check", str(SAMPLE), *args)
    assert r.exit_code == 2, r.output
    for w in words:
        assert w in r.output
    assert list(tmp_path.iterdir()) == []  # nothing written: no r.csv, no OUT, no copy


def test_quiet_prints_the_summary_only(tmp_path):
    r = CliRunner().invoke(cli, ["check", str(ROOT / "samples"), "--quiet", "--today", "2026-12-01"])
    assert r.exit_code in (0, 1), r.output
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("合計 ")
    full = CliRunner().invoke(cli, ["check", str(ROOT / "samples"), "--today", "2026-12-01"])
    assert full.stdout.strip().splitlines()[-1] == lines[0]


@pytest.mark.parametrize("profile, title", [("asahikawa", "旭川市"), ("nayoro", "名寄市"), ("national", "全国共通")])
def test_results_sheet_names_the_profile_in_japanese(tmp_path, profile, title):
    import openpyxl

    r = CliRunner().invoke(cli, ["check", str(SAMPLE), "--annotate", "--output", str(tmp_path), "--profile", profile,
                                 "--today", "2026-12-01"], prog_name="xl-careplan")
    assert r.exit_code in (0, 1), r.output
    (copy,) = tmp_path.rglob("*_点検済.xlsx")
    rows = {row[0]: row[1] for row in openpyxl.load_workbook(copy)["点検結果"].iter_rows(max_row=5, values_only=True)}
    assert rows["プロファイル"] == title and rows["点検日"] == "2026年12月1日"


def test_quiet_still_names_the_unreadable_files(tmp_path):
    import shutil

    shutil.copyfile(SAMPLE, tmp_path / "ok.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    r = CliRunner().invoke(cli, ["check", str(tmp_path), "--quiet", "--today", "2026-12-01"])
    assert r.exit_code == 2
    assert r.stdout.strip().splitlines()[0].startswith("合計 2 ファイル: 読み取れないファイル 1 件")
    assert "broken.xlsx" in r.stderr and "ok.xlsx" not in r.stderr
