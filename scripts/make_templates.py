"""Write templates/居宅サービス計画書.xlsx from xl_careplan.template (deterministic output).

Usage: python scripts/make_templates.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xl_careplan.template import build_template, save_deterministic  # noqa: E402

TEMPLATE_NAME = "居宅サービス計画書.xlsx"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out_dir = Path(argv[0]) if argv else ROOT / "templates"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / TEMPLATE_NAME
    save_deterministic(build_template(), out)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
