"""アセスメント ↔ 第2表: every item marked 課題あり leads to a need, every 関連ニーズ番号 names a need that exists."""

from __future__ import annotations

import re
from typing import Iterable

from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, chain, clear, setv
from xl_careplan.rules.common import norm, text_of
from xl_careplan.rules.sources import KIJUN


# the item's own 状況 says the 課題 is left out of this plan on purpose (本人の意向, 次回の見直しで検討): 運営基準 第13条第8号
# builds the 原案 on the user's wishes as well as on the assessment
_LEFT_OUT = re.compile(
    r"位置付けず|位置付けない|位置づけず|位置づけない|計画に(は)?(入れ|含め)(ず|ない)|見送|今回は(扱わ|支援し)(ず|ない)|"
    r"次回(の見直し|の更新|以降)?(で|に)?(再)?検討|経過(を)?(観察|みる|見る)"
)


def _left_out(status: str) -> bool:
    return bool(_LEFT_OUT.search(norm(status)))


def _refs_anywhere(plan: CarePlan) -> bool:
    a = plan.assessment
    return a is not None and any(isinstance(i.need_refs.value, list) and i.need_refs.value for i in a.items)


@register
class IssueWithoutNeed(Rule):
    code = "CP162"
    name = "課題ありの項目がどのニーズにもつながっていない"
    severity = Severity.WARNING
    what = (
        "アセスメントで「課題あり」とした課題分析標準項目に、関連ニーズ番号が書かれているかを確認します"
        "（関連ニーズ番号がどの項目にもない様式は CP160 が1件だけ指摘します）。"
    )
    why = (
        "運営基準は、課題分析で把握した解決すべき課題に基づいて計画の原案を作成するよう定めています。課題ありの項目がどのニーズにも"
        "つながっていなければ、その課題が計画で扱われていないか、関連の記入漏れです。原案は利用者の希望も踏まえて作るため、"
        "その項目の状況に今回は位置付けない理由（「本人の意向で今回は位置付けず、次回の見直しで再検討」など）が書かれていれば"
        "指摘しません。扱わない理由は「方針と異なる理由」にも書けます。"
    )
    source = f"{KIJUN} 第13条第6号（課題分析）・第8号（原案の作成: 利用者の希望及びアセスメントの結果に基づく、文言は知識による）"
    bad = "「口腔内の状況」が課題ありで、関連ニーズ番号が空欄。"
    good = "「口腔内の状況」が課題あり、関連ニーズ番号「2」。"
    hint = "関連するニーズの番号を記入するか、課題として扱わない理由を「方針と異なる理由」に書いてください。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        a = plan.assessment
        if a is None or not plan.table2.needs or not _refs_anywhere(plan):
            return
        for item in a.items:
            refs = item.need_refs
            if item.has_issue.value is not True or item.has_issue.problem or refs.problem or refs.loc is None:
                continue
            if not (isinstance(refs.value, list) and refs.value) and not _left_out(text_of(item.status)):
                yield self.finding(ctx, refs.loc, f"課題ありの「{item.name}」に関連ニーズ番号がありません")

    CASES = [
        Case("CP162", "課題ありで関連ニーズ番号が空欄",
             lambda p: setv(p.assessment.items[17].has_issue, True, "有"), [("CP162", "アセスメント!E22")]),
        Case("CP162", "課題ありでも、今回は計画に位置付けない理由が状況に書かれていれば可",
             chain(lambda p: setv(p.assessment.items[17].has_issue, True, "有"),
                   lambda p: setv(p.assessment.items[17].status,
                                  "入れ歯が合わない。歯科受診を勧めたが本人が望まず、今回は計画に位置付けず次回の見直しで再検討する。")), []),
        Case("CP162", "課題なしなら問わない", lambda p: setv(p.assessment.items[17].has_issue, False, "無"), []),
        Case("CP162", "関連ニーズ番号の列がない様式では点検しない",
             lambda p: [clear(i.need_refs) for i in p.assessment.items] and None, []),
    ]


@register
class UnknownNeedNumber(Rule):
    code = "CP163"
    name = "関連ニーズ番号が第2表にないニーズを指している"
    severity = Severity.ERROR
    what = "アセスメントの関連ニーズ番号が、第2表にあるニーズの番号（①②…の順）を指しているかを確認します。"
    why = "関連ニーズ番号はアセスメントと計画をつなぐ記録です。存在しないニーズを指していると、課題がどのニーズで扱われているかたどれません。"
    source = f"{KIJUN} 第13条第6号・第8号"
    bad = "第2表のニーズが2つなのに、関連ニーズ番号「3」。"
    good = "関連ニーズ番号「1」「2」（第2表のニーズ①②）。"
    hint = "関連ニーズ番号を第2表のニーズの番号に合わせてください（ニーズを並べ替えた場合は番号も直してください）。"

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        a = plan.assessment
        if a is None or not plan.table2.needs:
            return
        numbers = {n.number for n in plan.table2.needs}
        for item in a.items:
            refs = item.need_refs
            if refs.problem or refs.loc is None or not isinstance(refs.value, list):
                continue
            bad = [n for n in refs.value if n not in numbers]
            if bad:
                yield self.finding(ctx, refs.loc,
                                   f"「{item.name}」の関連ニーズ番号 {'・'.join(map(str, bad))} のニーズが第2表にありません"
                                   f"（第2表のニーズは{len(numbers)}つ）")

    CASES = [
        Case("CP163", "ニーズ3を指している", lambda p: setv(p.assessment.items[11].need_refs, [2, 3], "2,3"),
             [("CP163", "アセスメント!E16")]),
        Case("CP163", "あるニーズを指していれば可", None, []),
    ]
