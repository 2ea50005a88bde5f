"""「方針と異なる理由」: what counts as a reason. 「なし」「特になし」「別紙のとおり」「-」 say nothing about why the
plan departs from a rule, so they never acknowledge a finding (the engine) and are pointed out (CP105)."""

from __future__ import annotations

import re
from typing import Iterable

from xl_careplan.domain.services import norm
from xl_careplan.findings import Finding, Severity
from xl_careplan.models import Acknowledgement, CarePlan
from xl_careplan.located import Loc
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case
from xl_careplan.rules.sources import ASAHIKAWA

NOT_A_REASON = re.compile(
    r"^(特に|とくに)?(なし|無し|無い|ない|無|ありません|特記事項なし|該当なし|記載なし|理由なし|問題なし|なし(です|とする))$"
    r"|^(別紙|別添)(の)?(とおり|通り|参照)?$|^(同上|〃|々|不明|未定|未記入|済|済み|確認済み?|了解|了承|ok|OK|有|あり)$"
    r"|^[-ー－―‐・.。、*＊×x/／]+$"
)
_PUNCT = re.compile(r"[。、.,！!？?「」『』（）()\s]")


def is_reason(text: str | None) -> bool:
    """A written reason that says something (not blank, not 「なし」「特になし」「別紙のとおり」「-」)."""
    t = norm(text)
    if not t:
        return False
    bare = _PUNCT.sub("", t)
    return bool(bare) and NOT_A_REASON.match(bare) is None and NOT_A_REASON.match(t) is None


def _ack(reason: str) -> Acknowledgement:
    return Acknowledgement(rule="AS201", sheet="第2表", cell="E6", reason=reason, loc=Loc(sheet="方針と異なる理由", cell="D4"))


@register
class EmptyReason(Rule):
    code = "CP105"
    name = "「方針と異なる理由」に理由が書かれていない"
    severity = Severity.WARNING
    what = (
        "「方針と異なる理由」シートの理由の欄が「なし」「特になし」「別紙のとおり」「-」のように理由になっていない行を指摘します。"
        "その行では指摘は理由記入済みになりません。"
    )
    why = (
        "旭川市の基本方針は、方針と乖離する内容のケアマネジメントがあった場合はその理由を確認するとしています。理由になっていない文では"
        "点検する側が確認できず、指摘を理由記入済みとして扱う根拠になりません（どのプロファイルでも同じ扱いです）。"
    )
    source = f"{ASAHIKAWA}「本方針の運用について」（乖離する場合の理由の確認）、docs/acknowledging.md"
    bad = "ルール AS201、理由「特になし」。"
    good = "理由「大腿骨骨折後の回復に時間がかかると主治医から意見があり、短期目標を9か月とした。担当者会議で確認済み。」"
    hint = "なぜ方針と異なる計画にしたか、誰と確認したか、いつ見直すかを書いてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        for a in plan.acknowledgements:
            if (a.reason or "").strip() and not is_reason(a.reason):
                yield self.finding(ctx, a.loc, f"{a.rule} の理由「{a.reason.strip()}」は理由になっていません（理由記入済みとして扱いません）")

    CASES = [
        Case("CP105", "理由が「特になし」", lambda p: p.acknowledgements.append(_ack("特になし")), [("CP105", "方針と異なる理由!D4")]),
        Case("CP105", "理由が「なし。」", lambda p: p.acknowledgements.append(_ack("なし。")), [("CP105", "方針と異なる理由!D4")]),
        Case("CP105", "理由が「別紙のとおり」", lambda p: p.acknowledgements.append(_ack("別紙のとおり")), [("CP105", "方針と異なる理由!D4")]),
        Case("CP105", "具体的な理由なら可",
             lambda p: p.acknowledgements.append(_ack("入院中で訪問できなかった（9月3日～10月2日）。病院で面会した。")), []),
        Case("CP105", "「なしとした理由は…」のように理由が続けば可",
             lambda p: p.acknowledgements.append(_ack("なし崩しにならないよう、主治医の意見で9か月とした")), []),
    ]
