"""A headless LibreOffice for the tests: started with its own throwaway profile, always killed.

The UNO side runs in a separate Python (the one with LibreOffice's bridge: Debian's /usr/bin/python3 with
python3-uno; the venv's Python cannot load it) as tests/lo_driver.py, with this checkout and the venv's
site-packages on PYTHONPATH so it imports the same xl_careplan as the tests.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("lo_driver.py")
UNO_PYTHONS = ("/usr/bin/python3", "/usr/local/bin/python3", "python3")


def uno_python() -> str | None:
    """A Python that can ``import uno`` (XLCP_UNO_PYTHON first), or None."""
    for cand in filter(None, (os.environ.get("XLCP_UNO_PYTHON"), *UNO_PYTHONS)):
        exe = shutil.which(cand)
        if exe and subprocess.run([exe, "-c", "import uno"], capture_output=True, timeout=60).returncode == 0:
            return exe
    return None


def missing() -> str | None:
    """Why LibreOffice cannot be driven here (None: it can)."""
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice, Debian package libreoffice-calc) is not installed"
    exe = uno_python()
    if exe is None:
        return "no Python with LibreOffice's UNO bridge (Debian package python3-uno)"
    theirs = subprocess.run([exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True,
                            text=True, timeout=60).stdout.strip()
    ours = "%d.%d" % sys.version_info[:2]
    if theirs != ours:  # the venv's compiled packages (python-calamine, sudachipy) load only into the same minor version
        return f"LibreOffice's Python is {theirs}, the tests' Python is {ours}: make the venv with {exe}"
    return None


class Calc:
    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)
        self.profile = self.workdir / "profile"
        self.pipe = f"xlcp_test_{os.getpid()}_{int(time.time() * 1000) % 100000}"
        self.proc: subprocess.Popen | None = None
        self.python = uno_python()

    def start(self) -> None:
        self.log = open(self.workdir / "soffice.log", "wb")
        self.proc = subprocess.Popen(
            ["soffice", f"-env:UserInstallation={self.profile.as_uri()}", "--headless", "--invisible",
             "--nologo", "--norestore", "--nodefault", "--nolockcheck",
             f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
            env=dict(os.environ, XL_CAREPLAN_LO_TEST_HOOKS="1"))  # the extension's ?today=&quiet= (url_args)

    def stop(self) -> None:
        if self.proc is None:
            return
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.proc.pid, sig)  # soffice is a script that starts oosplash and soffice.bin
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        self.log.close()
        self.proc = None

    def run(self, jobs: list[dict], timeout: float = 240) -> list[dict]:
        """Run driver jobs; one result dict each (a job that failed on the UNO side has ``error``)."""
        assert self.python is not None
        paths = [str(ROOT)] + list(dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib")))
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths), PYTHONIOENCODING="utf-8")
        spec = json.dumps({"pipe": self.pipe, "timeout": 90, "jobs": jobs})
        done = subprocess.run([self.python, str(DRIVER)], input=spec, capture_output=True, text=True,
                              encoding="utf-8", env=env, timeout=timeout)
        lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or len(lines) != len(jobs):
            log = (self.workdir / "soffice.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"driver failed (rc={done.returncode}):\n{done.stderr[-4000:]}\nsoffice: {log}")
        return lines


