"""Classes of reading failure the round-6 blind layout (benchmarks/reading_corpus/layouts/blind6_a.py) exposed on its
first run; each test builds a small workbook laid out that way.

- labels of a localised form with an English caption: 「User name / 利用者名」「利用者名 / User name」
  「利用者名（User name）」 — the English half is neither the value nor a reason not to know the label;
"""

import datetime as dt

import pytest

from xl_careplan.grid import SheetGrid, WorkbookGrid
from xl_careplan.pipeline import check_plan
from xl_careplan.profiles import load_profile
from xl_careplan.readers import read_plan

TODAY = dt.date(2026, 11, 20)
POLICY = "住み慣れた自宅で暮らし続けたいというご本人の希望を大切にし、自分でできることを増やせるよう支援します。"
INTENT = "本人：自分のことは自分でしながら暮らしたい。長女：できる範囲で手伝いたい。"


def _read(*sheets: SheetGrid):
    return read_plan(WorkbookGrid(sheets=list(sheets), names={}), source="test.xlsx")


def _bilingual(style: str) -> SheetGrid:
    def lab(ja, en):
        return {"en": f"{en} / {ja}", "ja": f"{ja} / {en}", "paren": f"{ja}（{en}）"}[style]
    return SheetGrid.from_rows("Sheet1", [
        ["計画 / Plan", lab("作成年月日", "Date created"), "令和8年4月10日"],
        ["利用者 / Client", lab("利用者名", "User name"), "見本 花子"],
        ["", lab("認定の有効期間", "Valid period"), "令和8年4月1日～令和9年3月31日"],
        ["", lab("要介護状態区分", "Care level"), "要介護２"],
        ["", lab("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "Wishes and assessment"), INTENT],
        ["", lab("総合的な援助の方針", "Overall policy"), POLICY],
        ["", lab("説明・同意日", "Date of consent"), "令和8年4月14日"],
    ])


@pytest.mark.parametrize("style", ["en", "ja", "paren"])
def test_bilingual_labels_are_read_by_their_japanese(style):
    plan = _read(_bilingual(style))
    t1 = plan.table1
    assert t1.user_name.value == "見本 花子"
    assert t1.overall_policy.value == POLICY
    assert t1.user_intent.value == INTENT
    assert t1.created_on.value == dt.date(2026, 4, 10)
    assert t1.consent_on.value == dt.date(2026, 4, 14)
    # the English caption is never read as the value (NY302 「総合的な援助の方針「/ Overall policy」…」 before)
    said = " ".join(f.message for f in check_plan(plan, load_profile("nayoro"), TODAY, "test.xlsx"))
    assert "Overall" not in said and "User name" not in said
