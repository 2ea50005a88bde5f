"""The base of the wording rules (TX4xx, NY301–NY303, AS203): which phrases a rule reads and how a hit becomes a
finding. How a phrase is read is xl_careplan/text/ (SudachiPy tokens, word lists, readings)."""

from __future__ import annotations

from typing import Iterable, Iterator

from xl_careplan.domain.services import is_non_provider
from xl_careplan.findings import Finding
from xl_careplan.located import Located
from xl_careplan.models import CarePlan
from xl_careplan.rules.base import Context, Rule
from xl_careplan.rules.common import text_of


def goals(plan: CarePlan) -> Iterator[tuple[str, Located]]:
    for lg in plan.table2.long_goals():
        yield "長期目標", lg.text
        for sg in lg.short_goals:
            yield "短期目標", sg.text


def needs(plan: CarePlan) -> Iterator[tuple[str, Located]]:
    for n in plan.table2.needs:
        yield f"ニーズ{n.number}", n.text


def provider_contents(plan: CarePlan) -> Iterator[tuple[str, Located]]:
    """サービス内容 of the rows a provider carries out (not 本人・家族・インフォーマル)."""
    for sg in plan.table2.short_goals():
        for s in sg.services:
            if not is_non_provider(s):
                yield "サービス内容", s.content


class TextRule(Rule):
    """Base for rules that read one kind of phrase: which texts, what to find (``hit``), the message."""

    def texts(self, plan: CarePlan) -> Iterator[tuple[str, Located]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def hit(self, text: str) -> str | None:  # pragma: no cover - abstract
        raise NotImplementedError

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
