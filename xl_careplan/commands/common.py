"""Option parsing shared by the commands."""

from __future__ import annotations

import datetime as dt

import click


def parse_today(value: str | None) -> dt.date:
    """``--today YYYY-MM-DD`` (for reproducible runs); today's date when not given."""
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"日付は YYYY-MM-DD で指定してください: {value!r}", param_hint="--today")
