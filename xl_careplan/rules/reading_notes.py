"""読み取りメモ: what the reader could not find or was not sure of, as one info-level finding per plan.

A reading doubt is never an error: the rules that depend on the part stay silent (they check
``plan.<part> is None`` or a value's ``loc``), and this note tells the user where the reader looked
and how to point it at the data with a layout file (docs/layout-file.md).
"""

from __future__ import annotations

from typing import Iterable

from xl_careplan.findings import Finding, Severity
from xl_careplan.models import CarePlan, ReadingNote
from xl_careplan.rules.base import Context, Rule, register
from xl_careplan.rules.common import Case
from xl_careplan.rules.sources import KIYO

LAYOUT_DOC = "docs/layout-file.md"


def note_text(n: ReadingNote) -> str:
    """One line of the note: 「part: message（looked）」."""
    looked = f"（{n.looked}）" if n.looked else ""
    return f"{n.part}: {n.message}{looked}"


@register
class ReadingNotes(Rule):
    code = "CP001"
    name = "読み取りメモ"
    severity = Severity.INFO
    what = (
        "ブックの中で見つからなかった様式・列・項目、読み取りに自信のない値を、計画ごとに1件の読み取りメモとして知らせます。"
        "見つからなかった部分に関係するルールは点検せず、推測で指摘しません。"
        "疑いの知らせ方は二つに分けています: 値の書き方そのものが読めないセル（頻度「たまに」、印が二つ）は CP104 がそのセルに、"
        "読み手が推測して補った読み方（年のない日付「6/24（水）」に記録の順から年を補った、または補えずその点検をしなかった）と"
        "見つからなかった部分は、この CP001 が計画ごとに1件でまとめて知らせます。同じ疑いを両方で言うことはありません。"
    )
    why = (
        "様式は事業所・ソフトごとに違い、見出しの言い回しや配置が読み取れないことがあります。読み取りの不確かさを"
        "誤りとして指摘すると、正しく書かれた計画にも指摘が出て、点検結果全体が信頼できなくなります。"
    )
    source = f"{KIYO} の様式（第1表〜第4表）・課題分析標準項目に沿った読み取り（xl-careplan の読み取り方法、{LAYOUT_DOC}）"
    bad = "モニタリングの記録が「支援記録」という見慣れないシートにあり、見出しも読み取れない（→ 読み取りメモ。CP170 は点検しない）。"
    good = "すべての様式と項目が見つかった（読み取りメモなし）。"
    hint = (
        f"見つからなかった部分は、レイアウトファイル（{LAYOUT_DOC}）でシートと見出しの行・列を指定すると読み取れます。"
        "`xl-careplan read ファイル` で、何がどこから読まれたかを確認できます。"
    )

    def check(self, plan: CarePlan, ctx: Context) -> Iterable[Finding]:
        if not plan.notes:
            return
        loc = next((n.loc for n in plan.notes if n.loc is not None), None) or plan.home()
        sections = sorted({n.layout for n in plan.notes if n.layout})
        msg = f"読み取りメモ（{len(plan.notes)}件）: " + "／".join(note_text(n) for n in plan.notes)
        hint = self.hint
        if sections:
            hint = f"レイアウトファイルの {'・'.join(sections)} で指定できます。" + hint
        yield self.finding(ctx, loc, msg, hint)

    CASES = [
        Case("CP001", "モニタリングのシートが見つからない: 1件の読み取りメモ（第1表のA1）",
             lambda p: p.notes.append(ReadingNote(part="モニタリング", message="シートが見つかりません", layout="[monitoring]")),
             [("CP001", "第1表!A1")]),
        Case("CP001", "メモが2つでも1件にまとめる（最初のセルのあるメモの位置）",
             lambda p: p.notes.extend([
                 ReadingNote(part="第4表", message="シートが見つかりません", layout="[table4]"),
                 ReadingNote(part="アセスメント", message="関連ニーズ番号の列が見つかりません", layout="[assessment]",
                             loc=p.assessment.assessed_on.loc),
             ]),
             [("CP001", "アセスメント!E2")]),
        Case("CP001", "すべて見つかればメモなし", None, []),
    ]
