"""Check profiles: which rules run, their parameters and severities, and office/schedule settings.

A profile is a TOML file. Built-in ones live in ``xl_careplan/profiles/`` (national, asahikawa,
nayoro); a user file may extend any of them (or another file)::

    extends = "asahikawa"            # a built-in name, or a path (relative to this file)
    select = ["CP", "AS201"]          # codes or prefixes added to what the parent runs
    ignore = ["TX404"]                # codes or prefixes removed (after this file's select)
    [params.AS201]
    max_months = 6
    [severity]
    TX404 = "warning"
    [office]                          # any other table is a setting section (schedule, office …)
    closed_days = ["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"]

Layering: the chain is applied base first; each file adds its ``select`` then removes its ``ignore``,
``params`` are merged per rule and key, ``severity`` per rule, and setting sections key by key
(a child's value replaces the parent's; nested tables merge).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xl_careplan.checked import SettingError
from xl_careplan.errors import ProfileError
from xl_careplan.findings import Severity
from xl_careplan.record import fields_of
from xl_careplan.rules.registry import all_rules

BUILTIN_DIR = Path(__file__).with_name("profiles")
DEFAULT_PROFILE = "national"
RULE_KEYS = {"extends", "name", "title", "description", "select", "ignore", "params", "severity"}
SEVERITY_WORDS = {
    "error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO,
    "エラー": Severity.ERROR, "警告": Severity.WARNING, "助言": Severity.INFO,
}


@dataclass
class Profile:
    name: str
    description: str = ""
    files: list[str] = field(default_factory=list)  # the chain, base first
    selected: list[str] = field(default_factory=list)  # rule codes that run, sorted
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)  # every other table, merged ([office], [schedule] …)
    title: str = ""  # the name users read (「旭川市」); ``name`` is what --profile takes

    @property
    def label(self) -> str:
        """The profile as users see it: its Japanese title (「旭川市」), else its name."""
        return self.title or self.name

    def section(self, name: str) -> dict[str, Any]:
        """A merged setting table such as ``office`` or ``schedule`` ({} when no file sets it)."""
        value = self.settings.get(name, {})
        return dict(value) if isinstance(value, dict) else {}

    def is_selected(self, code: str) -> bool:
        return code in self.selected


def builtin_profiles() -> list[str]:
    """Built-in profile names, national first."""
    names = sorted(p.stem for p in BUILTIN_DIR.glob("*.toml"))
    return sorted(names, key=lambda n: (n != DEFAULT_PROFILE, n))


def _resolve(name_or_path: str | Path, relative_to: Path | None = None) -> Path:
    text = str(name_or_path)
    looks_like_path = text.endswith(".toml") or "/" in text or "\\" in text
    if not looks_like_path and relative_to is None and Path(text).is_file():
        looks_like_path = True  # a profile file without the .toml suffix in the current folder
    if not looks_like_path:
        builtin = BUILTIN_DIR / f"{text}.toml"
        if builtin.is_file():
            return builtin
        raise ProfileError(
            f"プロファイル「{text}」はありません。組み込みのプロファイルは {', '.join(builtin_profiles())} です"
            "（ファイルを指定する場合は .toml のパスを書いてください）。"
        )
    path = Path(text)
    if not path.is_absolute() and relative_to is not None:
        path = relative_to / path
    if not path.is_file():
        raise ProfileError("プロファイルのファイルが見つかりません。", file=str(path))
    return path


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        where = f"{m.group(1)}行目 {m.group(2)}文字目" if m else str(exc)
        raise ProfileError(
            f"TOML として読めません（{where}: {exc}）。日本語のキーは \"要介護1\" = 27 のように引用符で囲んでください。",
            file=str(path),
        ) from None
    except OSError as exc:
        raise ProfileError(f"読み込めません（{exc.strerror or exc}）。", file=str(path)) from None


def _chain(name_or_path: str | Path) -> list[tuple[Path, dict[str, Any]]]:
    chain: list[tuple[Path, dict[str, Any]]] = []
    seen: set[Path] = set()
    path = _resolve(name_or_path)
    while True:
        real = path.resolve()
        if real in seen:
            raise ProfileError("extends が循環しています（同じファイルを二度継承しています）。", file=str(path))
        seen.add(real)
        data = _read(path)
        chain.append((path, data))
        parent = data.get("extends")
        if parent is None:
            break
        if not isinstance(parent, str) or not parent.strip():
            raise ProfileError("キー「extends」にはプロファイル名かファイルのパスを文字列で書いてください。", file=str(path))
        try:
            path = _resolve(parent.strip(), relative_to=path.parent)
        except ProfileError as exc:
            raise ProfileError(f"キー「extends」: {exc.message}", file=exc.file or str(path)) from None
    chain.reverse()
    return chain


def _codes_matching(pattern: str, codes: list[str], file: Path, key: str) -> list[str]:
    p = pattern.strip().upper()
    if p == "ALL":
        return list(codes)
    hit = [c for c in codes if c.startswith(p)]
    if not hit:
        raise ProfileError(f"キー「{key}」のルール「{pattern}」に当てはまるルールがありません。", file=str(file))
    return hit


def _str_list(value: Any, file: Path, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"キー「{key}」にはルールコードの配列を書いてください（例: [\"CP\", \"AS201\"]）。", file=str(file))
    return value


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in top.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def load_profile(name_or_path: str | Path | None = None) -> Profile:
    """Load a built-in profile by name or a profile file by path, with its ``extends`` chain."""
    rules = all_rules()
    codes = sorted(rules)
    chain = _chain(name_or_path or DEFAULT_PROFILE)

    enabled: set[str] = set()
    params: dict[str, dict[str, Any]] = {}
    severity: dict[str, Severity] = {}
    settings: dict[str, Any] = {}
    description = ""
    for path, data in chain:
        for key, value in data.items():
            if key not in RULE_KEYS and not isinstance(value, dict):
                raise ProfileError(
                    f"キー「{key}」は使えません（使えるキー: {', '.join(sorted(RULE_KEYS))}、ほかは [表] の設定）。",
                    file=str(path),
                )
        for pat in _str_list(data.get("select", []), path, "select"):
            enabled.update(_codes_matching(pat, codes, path, "select"))
        for pat in _str_list(data.get("ignore", []), path, "ignore"):
            enabled.difference_update(_codes_matching(pat, codes, path, "ignore"))

        p = data.get("params", {})
        if not isinstance(p, dict):
            raise ProfileError("キー「params」は [params.ルールコード] の表で書いてください。", file=str(path))
        for code, values in p.items():
            code_u = code.upper()
            if code_u not in rules:
                raise ProfileError(f"キー「params.{code}」: そのようなルールはありません。", file=str(path))
            if not isinstance(values, dict):
                raise ProfileError(f"キー「params.{code}」は表で書いてください（例: [params.{code_u}]）。", file=str(path))
            known = fields_of(rules[code_u].Params)
            for k in values:
                if k not in known:
                    hint = f"使えるのは {', '.join(known)} です" if known else "このルールにパラメータはありません"
                    raise ProfileError(f"キー「params.{code}.{k}」: 不明なパラメータです（{hint}）。", file=str(path))
            merged = _merge(params.get(code_u, {}), values)
            try:
                rules[code_u].Params(**merged)
            except SettingError as exc:
                key = f"params.{code}.{exc.key}" if exc.key else f"params.{code}"
                kind = "不明なパラメータです" if exc.unknown else f"値が正しくありません（{exc.message}）"
                raise ProfileError(f"キー「{key}」: {kind}。", file=str(path)) from None
            params[code_u] = merged

        s = data.get("severity", {})
        if not isinstance(s, dict):
            raise ProfileError("キー「severity」は [severity] の表で書いてください。", file=str(path))
        for code, word in s.items():
            code_u = code.upper()
            if code_u not in rules:
                raise ProfileError(f"キー「severity.{code}」: そのようなルールはありません。", file=str(path))
            sev = SEVERITY_WORDS.get(str(word).strip().lower()) if isinstance(word, str) else None
            if sev is None:
                raise ProfileError(
                    f"キー「severity.{code}」: 「{word}」は使えません（error / warning / info のいずれか）。", file=str(path)
                )
            severity[code_u] = sev

        settings = _merge(settings, {k: v for k, v in data.items() if k not in RULE_KEYS})
        if isinstance(data.get("description"), str):
            description = data["description"]

    last, last_data = chain[-1]
    name = last_data["name"] if isinstance(last_data.get("name"), str) else last.stem
    return Profile(
        name=name,
        description=description,
        files=[str(p) for p, _ in chain],
        selected=sorted(enabled),
        params=params,
        severity=severity,
        settings=settings,
        title=last_data["title"] if isinstance(last_data.get("title"), str) else "",
    )
