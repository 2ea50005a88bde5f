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


# The JSON outputs' own version (docs/schema/*.schema.json): the major number changes only when a key is
# removed or changes meaning; new keys raise the minor number.
SCHEMA_VERSION = "1.1"


def run_header(profile, today: dt.date | None) -> dict:
    """What every JSON output starts with: which schema, which tool, which profile, which reference date."""
    from xl_careplan import __version__

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "xl-careplan",
        "tool_version": __version__,
        "profile": getattr(profile, "name", None),
        "profile_title": getattr(profile, "label", None),
        "reference_date": today.isoformat() if today else None,
    }
