"""Make samples/filled/01_asahikawa_clean_schedule.xlsx (+ .ics and .json) with the schedule command.

Run after scripts/make_samples.py:  .venv/bin/python scripts/make_filled_sample.py
The date is fixed (2026-11-25) so the output does not change from day to day.
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "01_asahikawa_clean.xlsx"
OUT = ROOT / "samples" / "filled"
TODAY = "2026-11-25"
PROFILE = "asahikawa"


def main() -> int:
    from xl_careplan.commands.schedule import schedule

    if not SAMPLE.exists():
        print(f"{SAMPLE} がありません。先に scripts/make_samples.py を実行してください。", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    args = [str(SAMPLE), "--output", str(OUT), "--today", TODAY, "--profile", PROFILE,
            "--ics", str(OUT / "01_asahikawa_clean_schedule.ics"), "--format", "json"]
    res = runner.invoke(schedule, args)
    sys.stderr.write(res.stderr)
    if res.exit_code != 0:
        if res.exception and not isinstance(res.exception, SystemExit):
            raise res.exception
        return res.exit_code
    (OUT / "01_asahikawa_clean_schedule.json").write_text(res.stdout, encoding="utf-8")
    print(f"書き込み: {OUT / '01_asahikawa_clean_schedule.xlsx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
