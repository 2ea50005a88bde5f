"""``xl-careplan rules``: list the rules (code, severity, name, profiles, 未実装) or explain one."""

from __future__ import annotations

import sys
import unicodedata

import click

from xl_careplan.errors import XlCareplanError
from xl_careplan.record import dump


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _profile_text(profile) -> str:
    """「旭川市（asahikawa）」: the name users read, and the one --profile takes."""
    return f"{profile.label}（{profile.name}）" if profile.label != profile.name else profile.name


@click.command("rules")
@click.option("--profile", "profile_name", metavar="NAME|FILE", default=None,
              help="このプロファイルで有効なルール・重要度・パラメータを表示します（名前または .toml ファイル）。")
@click.option("--explain", "explain", metavar="CODE", default=None, help="ルールの説明（点検内容・理由・根拠・例）を表示します。")
def rules(profile_name: str | None, explain: str | None) -> None:
    """点検ルールの一覧を表示します（列の national・asahikawa・nayoro は --profile に指定する名前: 全国共通・旭川市・名寄市）。"""
    from xl_careplan.profiles import builtin_profiles, load_profile
    from xl_careplan.rules.engine import all_rules

    registry = all_rules()
    try:
        profile = load_profile(profile_name) if profile_name else None
    except XlCareplanError as exc:
        click.echo(f"エラー: {exc}", err=True)
        sys.exit(exc.exit_code)

    if explain:
        code = unicodedata.normalize("NFKC", explain).strip().upper()
        cls = registry.get(code)
        if cls is None:
            click.echo(
                f"エラー: ルール「{explain}」はありません。`xl-careplan rules` で一覧を確認してください。", err=True
            )
            sys.exit(2)
        click.echo(cls.explain())
        if profile is not None:
            state = "有効" if profile.is_selected(code) else "無効"
            sev = profile.severity.get(code, cls.severity)
            click.echo(f"■ プロファイル {_profile_text(profile)}\n  {state}、重要度 {sev.value}（{sev.label}）")
            if profile.params.get(code):
                click.echo(f"  パラメータ: {dump(cls.Params(**profile.params[code]))}")
        return

    profiles = [profile] if profile is not None else [load_profile(n) for n in builtin_profiles()]
    head = ["コード", "重要度", "名前"] + [p.name for p in profiles] + ["状態"]
    rows = []
    for code in sorted(registry):
        cls = registry[code]
        sev = profile.severity.get(code, cls.severity) if profile is not None else cls.severity
        marks = ["○" if p.is_selected(code) else "－" for p in profiles]
        rows.append([code, f"{sev.value}（{sev.label}）", cls.name] + marks + ["" if cls.implemented else "未実装"])
    widths = [max(_width(r[i]) for r in rows + [head]) for i in range(len(head))]
    click.echo("  ".join(_pad(h, w) for h, w in zip(head, widths)).rstrip())
    for r in rows:
        click.echo("  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip())
    missing = [c for c in sorted(registry) if not registry[c].implemented]
    click.echo("")
    if missing:
        click.echo(f"未実装: {', '.join(missing)}（`xl-careplan rules --explain コード` で理由を表示）")
    if profile is not None:
        click.echo(f"プロファイル {_profile_text(profile)}: {len(profile.selected)} ルール（{' → '.join(profile.files)}）")
    click.echo("ルールの説明: xl-careplan rules --explain コード")
