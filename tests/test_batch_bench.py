"""The benchmark script still runs end to end (tiny N, into tmp; the real run is `make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_smoke(tmp_path):
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--n", "6", "--subset", "2", "--repeat", "1",
         "--no-memory", "--whole-sizes", "6", "--interrupt", "0", "--data", str(tmp_path / "data"), "--results", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "check / floor" in text and "annotate / (load+save)" in text
    assert "`xl-careplan check DIR --format json` | 6 |" in text and "floor: calamine in a fresh process | 6 |" in text
    assert len(list((tmp_path / "data" / "n6").rglob("*.xlsx"))) == 6
