"""The analyser behind the text rules: loaded only when a text rule reads a phrase; spellings and
conjugations unified; the readings the rules rely on."""

from __future__ import annotations

import subprocess
import sys

from xl_careplan.text import lexicon as lex
from xl_careplan.text import reading
from xl_careplan.text.analyser import analyse
from xl_careplan.text.lexicon import words

LAZY = r"""
import sys, datetime as dt
from xl_careplan.rules.engine import run_rules, instantiate
from xl_careplan.profiles import load_profile
from xl_careplan.rules.base import Context
sys.path.insert(0, "tests/rules")
from conftest import build_plan
assert "sudachipy" not in sys.modules, "imported with the rules"
prof = load_profile("national")
no_text = [r for r in instantiate(prof) if not r.code.startswith("TX")]
run_rules(build_plan(), no_text, Context(file="x", today=dt.date(2026, 11, 25)))
assert "sudachipy" not in sys.modules, "loaded by a check that runs no text rule"
run_rules(build_plan(), instantiate(prof), Context(file="x", today=dt.date(2026, 11, 25)))
assert "sudachipy" in sys.modules
print("ok")
"""


def test_analyser_is_loaded_only_when_a_text_rule_runs():
    out = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True, cwd=str(_root()))
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]


def test_spellings_and_conjugations_are_unified():
    ws = words(["買物", "出来る"])
    for text in ("買い物に行く", "買物に行く"):
        toks = analyse(text)
        assert any(ws.at(toks, i) for i in range(len(toks)))
    toks = analyse("一人で着替えができる")
    assert any(ws.has(t) for t in toks)  # できる = 出来る
    assert {t.lemma for t in analyse("行けなくなった")} >= {"行く"}


def test_full_width_and_half_width_kana_read_alike():
    assert [t.lemma for t in analyse("ﾍﾙﾊﾟｰ")] == [t.lemma for t in analyse("ヘルパー")]
    assert [t.lemma for t in analyse("ＡＤＬ")] == ["ADL"]


def test_causal_kara_is_not_korekara():
    c, links = words(lex.CONDITIONS), words(lex.CAUSE_LINKS)
    assert reading.has_cause("寒いから外に出られない", c, links)
    assert not reading.has_cause("これから外に出たい", c, links)
    assert reading.has_cause("一人暮らしのため食事が偏る", c, links)
    assert reading.has_cause("高血圧症があり食事を工夫したい", c, links)


def test_desire_attaches_to_its_verb():
    toks = analyse("デイサービスに通っていた頃のように友人と話したい")
    (_ti, v), = reading.desire_verbs(toks)
    assert toks[v].lemma == "話す"
    toks = analyse("自分で買物に行けるようになりたい")
    (_ti, v), = reading.desire_verbs(toks)
    assert toks[v].lemma == "行く"
    assert reading.desire_verbs(analyse("デイサービスには行きたくない")) == []


def test_clauses_split_at_a_new_predicate_not_inside_one():
    toks = analyse("デイサービスを利用して週2回入浴できる")
    parts = ["".join(t.surface for t in toks[a:b]) for a, b in reading.clauses(toks)]
    assert parts == ["デイサービスを利用して", "週2回入浴できる"]
    toks = analyse("買物に行けなくなっている")
    assert len(reading.clauses(toks)) == 1


def test_extend_adds_words_without_restating_the_list():
    from xl_careplan.rules.text_advice import VagueGoal

    assert VagueGoal().hit("ふつうに暮らす") is None
    assert VagueGoal({"extend": {"abstract": ["ふつう"]}}).hit("ふつうに暮らす")
