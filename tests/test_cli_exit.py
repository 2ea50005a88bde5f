"""The command line ends with os._exit (no interpreter teardown): what the ordinary exit did must still happen —
complete output through a pipe, the exit code, atexit handlers, and no temporary file left behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "08_missing_service_fields.xlsx"  # a plan with findings: exit code 1

# the command run as the console script runs it, after an atexit handler of its own and a log file handler
_RUN = (
    "import atexit, logging, sys\n"
    "marker = sys.argv[1]\n"
    "atexit.register(lambda: open(marker, 'w').write('ran'))\n"
    "h = logging.FileHandler(sys.argv[2], delay=False)\n"
    "logging.getLogger('xl_careplan').addHandler(h)\n"
    "logging.getLogger('xl_careplan').warning('before exit')\n"
    "sys.argv = ['xl-careplan'] + sys.argv[3:]\n"
    "from xl_careplan.cli import main\n"
    "main()\n"
    "raise AssertionError('main() returned')\n"
)


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir(exist_ok=True)
    env = dict(os.environ, TMPDIR=str(tmpdir), TEMP=str(tmpdir), TMP=str(tmpdir))
    return subprocess.run([sys.executable, "-c", _RUN, str(tmp_path / "atexit.txt"), str(tmp_path / "log.txt"), *args],
                          cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)


def test_json_output_exit_code_and_atexit_handlers(tmp_path):
    proc = _run(tmp_path, "check", "--format", "json", "--today", "2026-11-25", str(SAMPLE))
    assert proc.returncode == 1, proc.stderr.decode()
    out = json.loads(proc.stdout.decode("utf-8"))  # the whole document came through the pipe
    assert out["summary"]["files"] == 1 and out["findings"]
    assert (tmp_path / "atexit.txt").read_text() == "ran"  # atexit handlers ran (logging's shutdown among them)
    assert "before exit" in (tmp_path / "log.txt").read_text()


def test_annotate_leaves_only_the_copy(tmp_path):
    work = tmp_path / "plans"
    work.mkdir()
    shutil.copy(SAMPLE, work / "plan.xlsx")
    proc = _run(tmp_path, "check", "--annotate", "--output", str(work / "out"), "--today", "2026-11-25",
                str(work / "plan.xlsx"))
    assert proc.returncode == 1, proc.stderr.decode()
    assert sorted(p.name for p in work.iterdir()) == ["out", "plan.xlsx"]
    assert [p.name for p in (work / "out").iterdir()] == ["plan_点検済.xlsx"]
    assert list((tmp_path / "tmp").iterdir()) == []  # nothing left in the temporary folder either
    assert "plan_点検済.xlsx" in proc.stderr.decode("utf-8")  # the message naming the copy came through


def test_usage_error_keeps_its_code_and_message(tmp_path):
    proc = _run(tmp_path, "check", "--jobs", "0", str(SAMPLE))
    assert proc.returncode == 2
    assert "--jobs" in proc.stderr.decode("utf-8")
    assert (tmp_path / "atexit.txt").read_text() == "ran"


_NO_PYDANTIC = (
    "import sys\n"
    "class Block:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name.split('.')[0] in ('pydantic', 'pydantic_core'):\n"
    "            raise ImportError('pydantic is not to be imported on the run path: ' + name)\n"
    "sys.meta_path.insert(0, Block())\n"
    "sys.argv = ['xl-careplan'] + sys.argv[1:]\n"
    "from xl_careplan.cli import cli\n"
    "try:\n"
    "    cli(prog_name='xl-careplan')\n"
    "except SystemExit as e:\n"
    "    code = e.code\n"
    "print('MODULES', ' '.join(sorted(m for m in sys.modules if m in ('logging', 'calendar', 'pydantic'))))\n"
    "sys.exit(code)\n"
)


def test_no_pydantic_on_the_run_path(tmp_path):
    """check, check --annotate and schedule run with pydantic made unimportable (it left the run path); a plain
    check does not import logging or calendar either."""
    shutil.copy(SAMPLE, tmp_path / "plan.xlsx")
    runs = {
        "check": ["check", "--today", "2026-11-25", "plan.xlsx"],
        "annotate": ["check", "--annotate", "--output", "out", "--today", "2026-11-25", "plan.xlsx"],
        "schedule": ["schedule", "--today", "2026-11-25", "plan.xlsx"],
    }
    for what, args in runs.items():
        proc = subprocess.run([sys.executable, "-c", _NO_PYDANTIC, *args], cwd=tmp_path, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=300)
        assert proc.returncode in (0, 1), (what, proc.stderr.decode()[-2000:])
        modules = proc.stdout.decode("utf-8").rsplit("MODULES", 1)[1].split()
        assert "pydantic" not in modules, what
        if what == "check":
            assert modules == [], modules
