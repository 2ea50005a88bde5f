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


def test_a_bare_problem_names_no_cause_even_with_a_condition_word():
    c, links = words(lex.CONDITIONS), words(lex.CAUSE_LINKS)
    for bare in ("転倒のおそれ", "下肢筋力の低下", "体重が減ってきている", "腰痛がある"):
        assert not reading.has_cause(bare, c, links), bare
    # the same condition leading to something else is a cause
    for caused in ("腰痛があり、台所に長く立てない", "下肢筋力が低下して階段を上れない", "腰痛のため転倒のおそれ",
                   "膝の痛みで長く歩けない"):
        assert reading.has_cause(caused, c, links), caused


def test_a_clause_that_leads_to_another_is_its_reason():
    c, links = words(lex.CONDITIONS), words(lex.CAUSE_LINKS)
    assert reading.has_cause("雪かきができず、玄関から出られない日がある", c, links)  # …ず、
    assert reading.has_cause("バスが通らなくなって、通院に行けない", c, links)  # …なくて／なって
    assert reading.has_cause("夫が亡くなってから食事を抜くことが増えたが、三食とりたい", c, links)  # …てから
    assert not reading.has_cause("薬を飲まずに寝たい", c, links)  # ずに: manner, not a reason
    assert not reading.has_cause("これからも一人で暮らしたい", c, links)


def test_a_desire_word_that_is_lost_is_no_desire():
    ws = words(lex.DESIRE_WORDS)
    assert not reading.has_desire(analyse("意欲の低下がみられる"), ws)
    assert not reading.has_desire(analyse("楽しみがなくなっている"), ws)
    assert reading.has_desire(analyse("孫に会うのが楽しみ"), ws)


def test_negation_is_grammar_not_a_concrete_word():
    ws, neutral = words(lex.GOAL_ABSTRACT), lex.neutral()
    assert reading.names_nothing_observable("心配なく暮らせる", ws, neutral)
    assert reading.names_nothing_observable("杖で屋外を歩ける", ws, neutral) is None
