"""Render the rule catalogue (docs/domain/rules.md) from the registered rules, so the document
cannot drift from the code: ``python -m xl_careplan.rules.catalogue > docs/domain/rules.md``
(tests/rules/test_catalogue_doc.py checks it is up to date)."""

from __future__ import annotations

from xl_careplan.profiles import builtin_profiles, load_profile
from xl_careplan.record import fields_of
from xl_careplan.rules.engine import all_rules

HEADER = """\
# 点検ルール一覧（ルールカタログ）

<!-- このファイルは `python -m xl_careplan.rules.catalogue > docs/domain/rules.md` で生成しています。手で編集しないでください。 -->

xl-careplan が居宅サービス計画書（第1表～第4表・アセスメント・モニタリング）に対して行う点検の一覧です。
コマンドでは `xl-careplan rules`（一覧）、`xl-careplan rules --explain コード`（説明）で同じ内容を表示できます。

## 重要度

| 重要度 | 表示 | 意味 |
|---|---|---|
| error | エラー | 運営基準・記載要領など全国共通の基準や様式の要件を満たしていない |
| warning | 警告 | 市の方針（旭川市・名寄市）と異なる、または届出等の確認が必要 |
| info | 助言 | 記載の工夫についての助言（終了コードには影響しません） |

「方針と異なる理由」シートに理由を書いた指摘は「理由記入済み」として扱い、問題の件数に数えません
（書き方は [acknowledging.md](../acknowledging.md)）。

## プロファイル

| プロファイル | 内容 | 対象ルール |
|---|---|---|
| national | 全国共通 | CP（基準・様式）＋ TX（記載の助言） |
| asahikawa | 旭川市 | national ＋ AS |
| nayoro | 名寄市 | national ＋ NY ＋ AS202（同じセルの TX401 は NY301、TX408 は NY302 に置き換え） |

### 事業所独自のプロファイル

組み込みプロファイルを継承した TOML ファイルを作り、`--profile ファイル名.toml` で指定します。

```toml
extends = "asahikawa"        # 組み込みの名前、またはこのファイルからの相対パス
select = ["CP"]              # 追加で有効にするルール（コードまたは先頭部分）
ignore = ["TX404"]           # 無効にするルール（この順: 親の設定 → select → ignore）

[params.AS201]
max_months = 6               # パラメータ（各ルールの「パラメータ」欄）

[params.CP142.limits]
"要介護1" = 27               # 日本語のキーは引用符で囲みます

[severity]
TX404 = "warning"            # error / warning / info（エラー / 警告 / 助言 も可）

[office]
closed_days = ["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"]   # 休業日（予定作成で使用）
```

継承は親から順に重ねます。`params` はルール・キーごと、`[office]` などの表はキーごとに子の値で上書きします。
書き誤り（存在しないルール・パラメータ、型の違い、読めない TOML）はファイル名とキーを示したエラーになります。

## 根拠とした文書

- 運営基準: 指定居宅介護支援等の事業の人員及び運営に関する基準（平成11年厚生省令第38号）第13条
- 予防基準: 指定介護予防支援等の事業の人員及び運営並びに指定介護予防支援等に係る介護予防のための効果的な支援の方法に関する基準（平成18年厚生労働省令第37号）第30条
- 記載要領: 「介護サービス計画書の様式及び課題分析標準項目の提示について」（平成11年11月12日 老企第29号）別紙1 居宅サービス計画書記載要領、別紙4 課題分析標準項目（令和5年10月16日 老認発1016第1号 改正）
- 告示218: 厚生労働大臣が定める回数及び訪問介護（平成30年厚生労働省告示第218号）
- 旭川市: 旭川市ケアマネジメント基本方針の策定及び運用について（旭川市福祉保険部長寿社会課 令和4年5月27日）
- 名寄市: 名寄市自立支援・重度化防止に向けたケアマネジメントのガイドライン（名寄市健康福祉部 令和3年1月14日）

文の点検（TX401～TX409・NY301～NY303・AS202・AS203）は、形態素解析器 SudachiPy（辞書 sudachidict_core）で文を
語に分けて読みます。正規化形で表記ゆれ（買い物／買物、出来る／できる）と活用をそろえ、品詞で「〜たい」がどの動詞に
付くか、「から」が理由か（痛いから／これから）、誰が主語か（ヘルパーが）を見ます。語の一覧は各ルールのパラメータで、
`extend` で語を足せます（例: `[params.TX404]` `extend = { abstract = ["生活の質"] }`）。精度は職員が書くような
568 文のラベル付きコーパスで測っています（`make score-text`）。ヒューリスティックなので、誤った指摘は
「方針と異なる理由」で理由記入済みにできます。
"""


def _shown(default) -> str:
    """A parameter's default; a long word list by its first words and its size (the list is in the code)."""
    if isinstance(default, list) and len(default) > 12:
        return repr(default[:8])[:-1] + f", …]（全{len(default)}語）"
    if isinstance(default, dict) and len(repr(default)) > 200:
        return "{" + ", ".join(f"{k!r}: …" for k in default) + "}"
    return repr(default)


def render_markdown() -> str:
    rules = all_rules()
    profiles = [load_profile(n) for n in builtin_profiles()]
    out = [HEADER, "## 一覧", ""]
    out.append("| コード | 重要度 | 名前 | " + " | ".join(p.name for p in profiles) + " | 状態 |")
    out.append("|---|---|---|" + "---|" * len(profiles) + "---|")
    for code in sorted(rules):
        cls = rules[code]
        marks = " | ".join("○" if p.is_selected(code) else "" for p in profiles)
        state = "実装済み" if cls.implemented else "未実装"
        out.append(f"| [{code}](#{code.lower()}) | {cls.severity.value}（{cls.severity.label}） | {cls.name} | {marks} | {state} |")
    out.append("")
    for code in sorted(rules):
        cls = rules[code]
        in_profiles = "、".join(p.name for p in profiles if p.is_selected(code)) or "（どのプロファイルにも含まれません）"
        out += [
            f"## {code}",
            "",
            f"**{cls.name}** — {cls.severity.value}（{cls.severity.label}）／プロファイル: {in_profiles}"
            + ("" if cls.implemented else "／**未実装**"),
            "",
            f"- 点検内容: {cls.what}",
            f"- 理由: {cls.why}",
            f"- 根拠: {cls.source}",
            f"- 指摘される例: {cls.bad}",
            f"- 指摘されない例: {cls.good}",
        ]
        if cls.hint:
            out.append(f"- 対応: {cls.hint}")
        fields = fields_of(cls.Params)
        if fields:
            out.append("- パラメータ（`[params." + code + "]`）:")
            for name, f in fields.items():
                default = f.default_value()
                out.append(f"  - `{name}` = `{_shown(default)}` — {f.description or ''}".rstrip(" —"))
        if not cls.implemented:
            out.append(f"- 未実装の理由: {cls.not_yet_reason}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(render_markdown())
