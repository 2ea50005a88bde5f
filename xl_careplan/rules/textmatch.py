"""Matching curated regular expressions over NFKC-normalised text: the base of the wording rules
(TX4xx, NY301) and the patterns several of them share.

No morphological analyser: the phrases care-plan guides warn about are short and fixed
(「〜してほしい」「デイサービスに通う」「〜してもらう」「安心して暮らす」), so a reviewed list of
patterns with positive and negative cases is easier to audit than a tokenizer dictionary.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from pydantic import BaseModel, ConfigDict, Field

from xl_careplan.domain.services import norm
from xl_careplan.findings import Finding
from xl_careplan.located import Located
from xl_careplan.models import CarePlan
from xl_careplan.rules.base import Context, Rule
from xl_careplan.rules.common import RegexList, text_of

SERVICE_WORDS = r"ヘルパー|デイサービス|デイケア|ショートステイ|デイ|サービス|通所|訪問(介護|看護|リハ)|ショート|福祉用具|介護保険"

# a request for a service written as the need (TX401 advice, NY301 名寄市 warning)
REQUEST_PATTERNS = [
    r"(して|て)(ほしい|欲しい|もらいたい|いただきたい|頂きたい)",
    r"お願いしたい|お願いする|頼みたい|任せたい",
    # the service itself is what is wanted: デイサービスに通所したい / ショートステイを利用したい / ヘルパーに来てもらいたい
    rf"({SERVICE_WORDS})(さん)?(に|を|へ|が)?(通所|通い|通|利用|使い|使|来て|来|行き|入り|泊まり|頼み|お願い)[^、。]*(たい|希望)",
    r"(デイ|通所)[^、。]*(通所|通い)したい",
]


@lru_cache(maxsize=256)
def _compiled(pats: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in pats]


def compiled(pats: list[str]) -> list[re.Pattern[str]]:
    return _compiled(tuple(pats))


def matches(text: str, patterns: list[str]) -> str | None:
    """The first matching phrase (for the message), or None."""
    t = norm(text)
    for rx in compiled(patterns):
        m = rx.search(t)
        if m:
            return m.group(0)
    return None


def goals(plan: CarePlan) -> Iterator[tuple[str, Located]]:
    for lg in plan.table2.long_goals():
        yield "長期目標", lg.text
        for sg in lg.short_goals:
            yield "短期目標", sg.text


def needs(plan: CarePlan) -> Iterator[tuple[str, Located]]:
    for n in plan.table2.needs:
        yield f"ニーズ{n.number}", n.text


class Patterns(BaseModel):
    model_config = ConfigDict(extra="forbid")
    patterns: RegexList = Field(default_factory=list, description="正規表現（NFKC 正規化・空白除去後の文に照合）")


def patterns_params(defaults: list[str]) -> type[BaseModel]:
    """A ``Params`` model with one ``patterns`` list defaulting to ``defaults``."""
    class P(Patterns):
        patterns: RegexList = Field(default=list(defaults), description="正規表現（NFKC 正規化・空白除去後の文に照合）")

    return P


class TextRule(Rule):
    """Base for pattern rules: which texts to look at and the message."""

    def texts(self, plan: CarePlan) -> Iterator[tuple[str, Located]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def hit(self, text: str) -> str | None:
        return matches(text, self.params.patterns)

    def message(self, label: str, text: str, phrase: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        for label, v in self.texts(plan):
            text = text_of(v)
            if not text.strip() or v.loc is None:
                continue
            phrase = self.hit(text)
            if phrase:
                yield self.finding(ctx, v.loc, self.message(label, text, phrase))
