"""アセスメント ↔ 第2表: every item marked 課題あり leads to a need, every 関連ニーズ番号 names a need that exists."""

from __future__ import annotations

from typing import Iterable

from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.cases import Case, clear, setv
from xl_careplan.rules.sources import KIJUN


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
        "つながっていなければ、その課題が計画で扱われていないか、関連の記入漏れです。扱わない理由がある場合は警告に理由を書けます。"
    )
    source = f"{KIJUN} 第13条第6号（課題分析）・第8号（原案の作成）"
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
            if not (isinstance(refs.value, list) and refs.value):
                yield self.finding(ctx, refs.loc, f"課題ありの「{item.name}」に関連ニーズ番号がありません")

    CASES = [
        Case("CP162", "課題ありで関連ニーズ番号が空欄",
             lambda p: setv(p.assessment.items[17].has_issue, True, "有"), [("CP162", "アセスメント!E22")]),
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
