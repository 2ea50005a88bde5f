"""xl-careplan read FILE [--format json|text] [--layout FILE]."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reader_helpers import fill_template, label_workbook, save
from xl_careplan.cli import cli


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory):
    return save(fill_template(), tmp_path_factory.mktemp("c") / "計画.xlsx")


def run(*args):
    return CliRunner().invoke(cli, ["read", *args])


def test_json_is_the_model(plan_file):
    r = run(plan_file, "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["layout"] == "template"
    assert data["table1"]["user_name"] == {"value": "見本 花子", "raw": "見本 花子", "loc": {"sheet": "第1表", "cell": "B4"}, "problem": None}
    assert data["table1"]["cert_period"]["value"] == {"start": "2026-04-01", "end": "2027-03-31"}
    assert len(data["table2"]["needs"]) == 2
    assert "見本 花子" in r.stdout  # ensure_ascii=False


def test_text_lists_values_with_cells(plan_file):
    r = run(plan_file)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "読み取り方法: テンプレートの名前定義（cp_*）" in out
    assert "利用者名: 見本 花子  [第1表!B4]" in out
    assert "認定の有効期間: 2026年4月1日～2027年3月31日  [第1表!E7]" in out
    assert "変更日: （未記入）  [第1表!H6]" in out
    assert "ニーズ1: 転ばずに歩いて買物に行けるようになりたい  [第2表!A6]" in out
    assert "火 10:00: 通所リハビリ  [第3表!E10]" in out
    assert "AS201（第2表!E6）" in out


def test_text_shows_unreadable_values(tmp_path):
    wb = fill_template()
    wb["第1表"]["H14"] = "R8.13.1"
    r = run(save(wb, tmp_path / "bad.xlsx"), "--format", "text")
    assert r.exit_code == 0
    assert "交付日: ⚠ 読み取れません「R8.13.1」" in r.stdout and "[第1表!H14]" in r.stdout
    assert "読み取れない値: 1件" in r.stdout


def test_label_layout(tmp_path):
    r = run(save(label_workbook(), tmp_path / "l.xlsx"))
    assert r.exit_code == 0
    assert "見出し（ラベル）の検索" in r.stdout
    assert "利用者名: 見本 花子  [計画書(1)!B6]" in r.stdout


def test_layout_option(tmp_path, plan_file):
    lay = tmp_path / "l.toml"
    lay.write_text('[table1]\nuser_name = "第1表!H4"\n', encoding="utf-8")
    r = run(plan_file, "--format", "json", "--layout", str(lay))
    assert r.exit_code == 0
    assert json.loads(r.stdout)["layout"] == "layout-file"


@pytest.mark.parametrize("make,expected", [
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "古い形式（.xls）です"),
    (lambda p: p.write_bytes(b"not a workbook at all"), "Excelブック（.xlsx/.xlsm）として読み取れません"),
    (lambda p: None, "ファイルが見つかりません"),
])
def test_unreadable_file_exit_2_message_on_stderr(tmp_path, make, expected):
    p = tmp_path / "x.xlsx"
    make(p)
    r = run(str(p))
    assert r.exit_code == 2
    assert expected in r.stderr and str(p) in r.stderr
    assert "Traceback" not in r.output and r.stdout == ""


def test_not_a_care_plan_exit_2(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "在庫表"
    p = save(wb, tmp_path / "stock.xlsx")
    r = run(p)
    assert r.exit_code == 2
    assert r.stderr.strip() == f"{p}: 居宅サービス計画書（第1表・第2表）が見つかりません"


def test_bad_layout_file_exit_2(tmp_path, plan_file):
    lay = tmp_path / "bad.toml"
    lay.write_text("[table1]\nnope = 1\n", encoding="utf-8")
    r = run(plan_file, "--layout", str(lay))
    assert r.exit_code == 2 and "レイアウトファイルの誤り" in r.stderr


def test_directory_gives_japanese_error(tmp_path):
    r = run(str(tmp_path))
    assert r.exit_code == 2 and "ファイルではありません" in r.stderr


def test_help_is_japanese():
    r = run("--help")
    assert r.exit_code == 0 and "見つかった項目をセル位置つきで表示" in r.stdout and "--layout" in r.stdout
