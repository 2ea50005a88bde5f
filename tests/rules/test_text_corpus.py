"""The text advice keeps its precision and recall on the labelled corpus (tests/data/text_corpus.jsonl):
every defect, under both municipal profiles, at or above the targets of benchmarks/score_text.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("score_text", ROOT / "benchmarks" / "score_text.py")
score = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("score_text", score)
_spec.loader.exec_module(score)

ITEMS = score.load_corpus()
BLIND = score.load_corpus(score.BLIND)  # written blind by a later session (its header line says how)


def test_corpus_is_large_and_covers_every_defect_and_kind():
    assert len(ITEMS) >= 300
    assert {i["kind"] for i in ITEMS} >= {"need", "long_goal", "short_goal", "service", "policy"}
    for d in score.DEFECTS:
        assert sum(d in i["defects"] for i in ITEMS) >= 10, d
        assert sum(d in i["defects"] for i in ITEMS if i["split"] == "held") >= 3, d
    assert sum(not i["defects"] for i in ITEMS) >= 100  # good phrases and hard negatives
    assert len({i["text"] for i in ITEMS}) == len(ITEMS)


@pytest.mark.parametrize("profile", score.TARGET_PROFILES)
def test_every_defect_meets_the_targets(profile):
    fig = score.figures(score.run(ITEMS, profile))
    assert score.below_targets(fig) == [], score.table(fig, profile)


def test_rules_map_to_known_defects():
    from xl_careplan.rules.engine import all_rules

    codes = {c for cs in score.DEFECT_RULES.values() for c in cs}
    assert codes <= set(all_rules())


def test_blind_corpus_has_its_splits_and_kinds():
    held5 = [i for i in BLIND if i["split"] == "held5"]
    held6 = [i for i in BLIND if i["split"] == "held6"]
    assert len(held5) >= 250 and len(held6) >= 50 and len(held5) + len(held6) == len(BLIND)
    assert {i["kind"] for i in held5} == {"need", "long_goal", "short_goal", "service", "policy", "intent"}
    assert all(not i["defects"] for i in BLIND if i["kind"] == "intent")  # 意向 is the person's own words
    for d in score.DEFECTS:
        assert sum(d in i["defects"] for i in held5) >= 9, d
    assert len({i["text"] for i in BLIND}) == len(BLIND)


@pytest.mark.parametrize("profile", score.TARGET_PROFILES)
def test_blind_held5_meets_the_targets_and_intent_draws_no_advice(profile):
    results = score.run([i for i in BLIND if i["split"] == "held5"], profile)
    fig = score.figures(results)
    assert score.below_targets(fig) == [], score.table(fig, profile)
    assert [r.item["id"] for r in results if r.item["kind"] == "intent" and (r.flagged or r.others)] == []


BLIND2 = score.load_corpus(score.BLIND2)  # written blind by a third session; held7 is never scored here


@pytest.mark.parametrize("path,fix,held,sizes", [
    (score.BLIND2, "fix7", "held7", (250, 150)),
    (score.BLIND3, "fix8", "held8", (230, 150)),  # written blind by a fourth session (helper text5)
])
def test_blind_corpus_has_its_splits_kinds_and_notes(path, fix, held, sizes):
    corpus = score.load_corpus(path)
    fixing = [i for i in corpus if i["split"] == fix]
    kept = [i for i in corpus if i["split"] == held]  # never scored here
    assert len(fixing) >= sizes[0] and len(kept) >= sizes[1] and len(fixing) + len(kept) == len(corpus)
    for part in (fixing, kept):
        assert {i["kind"] for i in part} == {"need", "long_goal", "short_goal", "service", "policy", "intent"}
    assert all(not i["defects"] for i in corpus if i["kind"] == "intent")
    assert all(i.get("note") for i in corpus)  # every label says why
    for d in score.DEFECTS:
        assert sum(d in i["defects"] for i in fixing) >= 5, d
        assert sum(d in i["defects"] for i in kept) >= 3, d
    assert len({(i["text"], i.get("goal")) for i in corpus}) == len(corpus)


@pytest.mark.parametrize("profile", score.TARGET_PROFILES)
def test_blind2_fix7_keeps_the_figures_of_its_round(profile):
    """Floors a little under the figures after the fixes it drove (benchmarks/TEXT_RESULTS.md): a reading that
    regresses on it fails here. Its misses left alone (family as the goal's subject, 重度化防止 wording) are why
    some defects sit under the targets."""
    results = score.run([i for i in BLIND2 if i["split"] == "fix7"], profile)
    fig = score.figures(results)
    assert fig["(any defect)"]["recall"] >= 0.95 and fig["(any defect)"]["precision"] >= 0.95, score.table(fig, profile)
    for d in score.DEFECTS:
        assert fig[d]["recall"] >= 0.75 and fig[d]["precision"] >= 0.8, score.table(fig, profile)
    assert [r.item["id"] for r in results if r.item["kind"] == "intent" and (r.flagged or r.others)] == []



@pytest.mark.parametrize("profile", score.TARGET_PROFILES)
def test_blind3_fix8_keeps_the_figures_of_its_round(profile):
    """Floors a little under fix8's figures after the two rounds it drove (benchmarks/TEXT_RESULTS.md, "Blind corpus
    3"); held8 is never scored here. The misses left (label disagreements, 看取り, 安眠) are why some defects sit under
    the targets."""
    results = score.run([i for i in score.load_corpus(score.BLIND3) if i["split"] == "fix8"], profile)
    fig = score.figures(results)
    assert fig["(any defect)"]["recall"] >= 0.92 and fig["(any defect)"]["precision"] >= 0.97, score.table(fig, profile)
    for d in score.DEFECTS:
        assert fig[d]["recall"] >= 0.75 and fig[d]["precision"] >= 0.8, score.table(fig, profile)
    assert [r.item["id"] for r in results if r.item["kind"] == "intent" and (r.flagged or r.others)] == []
