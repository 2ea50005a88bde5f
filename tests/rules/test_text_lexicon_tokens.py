"""xl_careplan/text/lexicon_tokens.json keeps the analyser's reading of every listed word (WordSets read it instead of
analysing each word in every process): it must hold exactly the lists' words, each as the analyser reads it now."""

import json

from xl_careplan.text import lexicon as lex
from xl_careplan.text.lexicon import WordSet

REBUILD = "python -m xl_careplan.text.lexicon で作り直してください"


def test_the_stored_analyses_are_those_of_the_lists_and_the_analyser():
    stored = json.loads(lex.TOKENS_FILE.read_text(encoding="utf-8"))["words"]  # a missing file fails here
    assert sorted(stored) == lex.lexicon_words(), REBUILD
    stale = [w for w in stored if stored[w] != lex.token_rows(w)]
    assert stale == [], f"{REBUILD}: {stale[:10]}"


def test_a_wordset_from_the_stored_analyses_equals_one_from_the_analyser(monkeypatch):
    words = lex.GOAL_ABSTRACT + lex.CONDITIONS + lex.SERVICES + ["日常生活動作", "見守り支援"]
    built = WordSet(words)
    monkeypatch.setattr(lex, "word_tokens", lex.analyse)  # every word analysed afresh
    fresh = WordSet(words)
    assert (built.single, built.nominal, built.runs, built.prefixes) == (fresh.single, fresh.nominal, fresh.runs, fresh.prefixes)


def test_a_word_outside_the_lists_is_analysed():
    assert lex.word_tokens("生活の質向上委員会")  # a profile's extend: not stored, still read
