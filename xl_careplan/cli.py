"""Command line: ``xl-careplan read|check|rules|schedule|addin|export``.

Each command lives in ``xl_careplan.commands.<name>``; this module only assembles them.
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys

import click

from xl_careplan import __version__
from xl_careplan.commands import japanese

japanese.install()  # before the decorators below: they translate their help texts when they run

COMMANDS = {
    "read": "xl_careplan.commands.read:read",
    "check": "xl_careplan.commands.check:check",
    "rules": "xl_careplan.commands.rules:rules",
    "schedule": "xl_careplan.commands.schedule:schedule",
    "addin": "xl_careplan.commands.addin:addin",
    "export": "xl_careplan.commands.export:export",
}


class LazyGroup(click.Group):
    """Import a command only when it is used: keeps start-up fast for the batch workers."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        cmd = getattr(importlib.import_module(module), attr)
        _japanese_metavars(cmd)
        return cmd


def _japanese_metavars(cmd: click.Command) -> None:
    """「[オプション]」「コマンド [引数]...」 in the usage lines of every command and sub-command."""
    if cmd.options_metavar == "[OPTIONS]":
        cmd.options_metavar = japanese.OPTIONS_METAVAR
    if isinstance(cmd, click.Group):
        cmd.subcommand_metavar = japanese.SUBCOMMAND_METAVAR
        for sub in cmd.commands.values():
            _japanese_metavars(sub)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]},
             options_metavar=japanese.OPTIONS_METAVAR, subcommand_metavar=japanese.SUBCOMMAND_METAVAR)
@click.version_option(__version__, prog_name="xl-careplan")
def cli() -> None:
    """居宅サービス計画書（Excel）を読み取り・点検し、結果をブックに書き戻します。"""


def main() -> None:
    # Windows consoles default to cp932; keep Japanese output intact wherever we can.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
        except Exception:
            pass
    try:
        cli(prog_name="xl-careplan")
    except SystemExit as e:
        _exit(e.code)
    _exit(0)


def _exit(code: int | str | None) -> None:
    """End the process without the interpreter's teardown (freeing every module and object costs about a
    tenth of a one-plan check). What that teardown does for us still happens first: every ``finally`` has run
    (the command returned), the atexit handlers run (logging's flush, temporary-directory finalizers,
    multiprocessing's clean-up) and the output is flushed. With another thread still running, or when the
    output cannot be flushed (a closed pipe, a full disk), the ordinary exit does it all as before."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        raise SystemExit(code)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # what SystemExit does with a message
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        raise SystemExit(code) from None
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        raise SystemExit(code) from None
    os._exit(code or 0)


if __name__ == "__main__":
    main()
