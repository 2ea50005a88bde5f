"""Text rules see through full-width/half-width forms and stray spaces (NFKC + whitespace removal)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xl_careplan.rules.nayoro import NeedWithoutCause
from xl_careplan.rules.text_advice import ProviderAsSubject, RequestAsNeed, ServiceAsGoal, VagueGoal

POSITIVE = [
    (RequestAsNeed, "ヘルパーさんに買物や調理、掃除をお願いしたい"),
    (RequestAsNeed, "ショートステイを利用したい"),
    (ServiceAsGoal, "週2回デイサービスに通う"),
    (ProviderAsSubject, "ヘルパーに入浴を介助してもらう"),
    (VagueGoal, "自宅で安心して暮らせる"),
]
NEGATIVE = [
    (RequestAsNeed, "膝の痛みで買物に行けないが、自分で買物に行けるようになりたい"),
    (ServiceAsGoal, "デイサービスを利用して週2回入浴できる"),
    (ProviderAsSubject, "手すりにつかまって自分で浴槽をまたげる"),
    (VagueGoal, "楽しく週2回体操を続ける"),
]

FULLWIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
HALFKANA = {"デ": "ﾃﾞ", "イ": "ｲ", "サ": "ｻ", "ー": "ｰ", "ビ": "ﾋﾞ", "ス": "ｽ", "ヘ": "ﾍ", "ル": "ﾙ", "パ": "ﾊﾟ"}


def variant(text: str, spaces: list[int], wide: bool, half: bool) -> str:
    if wide:
        text = "".join(FULLWIDTH.get(c, c) for c in text)
    if half:
        text = "".join(HALFKANA.get(c, c) for c in text)
    chars = list(text)
    for i in sorted(spaces, reverse=True):
        chars.insert(i % (len(chars) + 1), " " if i % 2 else "\u3000")
    return "".join(chars)


@settings(max_examples=60, deadline=None)
@given(case=st.sampled_from(POSITIVE + NEGATIVE), spaces=st.lists(st.integers(0, 200), max_size=4),
       wide=st.booleans(), half=st.booleans())
def test_same_verdict_for_width_and_space_variants(case, spaces, wide, half):
    cls, text = case
    rule = cls()
    expected = rule.hit(text) is not None
    assert expected == (case in POSITIVE)
    assert (rule.hit(variant(text, spaces, wide, half)) is not None) == expected


def test_cause_detection_sees_fullwidth():
    from xl_careplan.text.reading import has_cause

    p = NeedWithoutCause().params
    assert has_cause("ひざの痛みで　買物に行けない", p.ws("conditions"), p.ws("links"))
    assert has_cause("ﾋｻﾞが痛いから　買物に行けない", p.ws("conditions"), p.ws("links"))
    assert not has_cause("これから　買物に行きたい", p.ws("conditions"), p.ws("links"))
