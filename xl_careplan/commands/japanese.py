"""click in Japanese: its usage, help and error lines (「使い方:」「オプション」「エラー: …」「中断しました。」).

click builds every message it prints through ``gettext`` (``_("Usage:")``, ``ngettext(...)``), bound
by name in each of its modules. ``install()`` rebinds those names to a lookup in ``MESSAGES``, so
the messages keep click's own placeholders ({param_hint}, {name!r} …) and a message we have not
translated stays as click wrote it rather than disappearing. Call it before any command is built
(decorators translate their help texts when they run).
"""

from __future__ import annotations

import importlib
import unicodedata

OPTIONS_METAVAR = "[オプション]"
SUBCOMMAND_METAVAR = "コマンド [引数]..."

MESSAGES: dict[str, str] = {
    # usage and help
    "Usage:": "使い方:",
    "Options": "オプション",
    "Commands": "コマンド",
    "Positional arguments": "引数",
    "Show this message and exit.": "このヘルプを表示して終了します。",
    "Show the version and exit.": "バージョンを表示して終了します。",
    "%(prog)s, version %(version)s": "%(prog)s バージョン %(version)s",
    "default: {default}": "既定: {default}",
    "env var: {var}": "環境変数: {var}",
    "required": "必須",
    "deprecated": "非推奨",
    "(dynamic)": "（実行時に決定）",
    "Try '{command} {option}' for help.": "「{command} {option}」で使い方を表示します。",
    # errors
    "Error: {message}": "エラー: {message}",
    "Aborted!": "中断しました。",
    "Missing command.": "コマンドを指定してください。",
    "No such command {name!r}.": "コマンド {name!r} はありません。",
    "No such option {name!r}.": "オプション {name!r} はありません。",
    "Did you mean {possibility}?": "{possibility} のことですか？",
    "(Did you mean one of: {possibilities}?)": "（{possibilities} のいずれかのことですか？）",
    "Option {name!r} does not take a value.": "オプション {name!r} には値を付けません。",
    "Option {name!r} requires an argument.": "オプション {name!r} には値が必要です。",
    "Option {name!r} requires {nargs} arguments.": "オプション {name!r} には値が {nargs} 個必要です。",
    "Got unexpected extra argument ({args})": "余分な引数があります（{args}）",
    "Got unexpected extra arguments ({args})": "余分な引数があります（{args}）",
    "Invalid value for {param_hint}: {message}": "{param_hint} の値が正しくありません: {message}",
    "Invalid value: {message}": "値が正しくありません: {message}",
    "Missing argument": "次の引数を指定してください:",
    "Missing option": "次のオプションを指定してください:",
    "Missing parameter": "次の値を指定してください:",
    "Missing parameter: {param_name}": "値がありません: {param_name}",
    "Missing {param_type}": "次の{param_type}を指定してください:",
    "Argument {name!r} takes {nargs} values.": "引数 {name!r} には値が {nargs} 個必要です。",
    "Takes {nargs} values but 1 was given.": "値が {nargs} 個必要ですが、1 個しかありません。",
    "Takes {nargs} values but {len} were given.": "値が {nargs} 個必要ですが、{len} 個です。",
    "Invalid start character for option ({option})": "オプションの先頭の文字が正しくありません（{option}）",
    "Value must be an iterable.": "値は複数指定してください。",
    "Could not open file {filename!r}: {message}": "ファイル {filename!r} を開けません: {message}",
    "unknown error": "不明なエラー",
    "Error: invalid input": "エラー: 入力が正しくありません",
    "Error: The two entered values do not match.": "エラー: 2 回の入力が一致しません。",
    "Repeat for confirmation": "確認のためもう一度入力してください",
    "Do you want to continue?": "続けますか？",
    "Press any key to continue...": "続けるには何かキーを押してください...",
    "Confirm the action without prompting.": "確認せずに実行します。",
    # values
    "{value!r} is not {choice}.": "{value!r} は指定できません（{choice} のみ）。",
    "{value!r} is not one of {choices}.": "{value!r} は指定できません（{choices} のいずれか）。",
    "Choose from:\n\t{choices}": "次から選んでください:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} は {number_type} ではありません。",
    "integer": "整数",
    "float": "数値",
    "{value} is not in the range {range}.": "{value} は範囲 {range} の外です。",
    "{value!r} does not match the format {format}.": "{value!r} は形式 {format} に合いません。",
    "{value!r} does not match the formats {formats}.": "{value!r} は形式 {formats} のいずれにも合いません。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} は真偽値ではありません（使える値: {states}）。",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "注意: コマンド {name!r} は廃止予定です。{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.": "注意: {param_type} {name!r} は廃止予定です。",
    "{value!r} is not a valid UUID.": "{value!r} は UUID ではありません。",
    "{len_type} values are required, but {len_value} was given.": "値が {len_type} 個必要ですが、{len_value} 個です。",
    "{len_type} values are required, but {len_value} were given.": "値が {len_type} 個必要ですが、{len_value} 個です。",
    # paths ({name} is one of file / directory / path)
    "file": "ファイル",
    "directory": "フォルダ",
    "path": "パス",
    "{name} {filename!r} does not exist.": "{name} {filename!r} がありません。",
    "{name} {filename!r} is a file.": "{name} {filename!r} はファイルです（フォルダを指定してください）。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} はフォルダです（ファイルを指定してください）。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} を読み取る権限がありません。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} に書き込む権限がありません。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} は実行できません。",
}

def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: full-width characters take two (click counts one)."""
    from click._compat import strip_ansi

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in strip_ansi(text))


_CLICK_MODULES = ("core", "exceptions", "types", "parser", "formatting", "decorators", "termui", "utils",
                  "shell_completion")


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Rebind click's ``_`` and ``ngettext`` to the Japanese messages (idempotent)."""
    for name in _CLICK_MODULES:
        try:
            mod = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if hasattr(mod, "_"):
            mod._ = gettext
        if hasattr(mod, "ngettext"):
            mod.ngettext = ngettext
    # help columns and wrapping measured in display columns, so Japanese help lines up
    for name in ("formatting", "_textwrap"):
        mod = importlib.import_module(f"click.{name}")
        if hasattr(mod, "term_len"):
            mod.term_len = display_width
