"""A batch with --annotate opens each workbook once: the check reads the open package and the writer
edits it (``batch._shared_package``). The copy must be the one a separate open gives, byte for byte,
and the writer must not inflate again a sheet part the reader's scan already inflated whole."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest

from xl_careplan import batch, reading
from xl_careplan.package import Package
from xl_careplan.pipeline import check_file
from xl_careplan.profiles import load_profile
from xl_careplan.writer.output import annotate_file

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 25)
SAMPLES = sorted((ROOT / "samples").glob("*.xlsx"))


def test_samples_are_there():
    assert len(SAMPLES) >= 10


@pytest.mark.parametrize("sample", SAMPLES[:4] + SAMPLES[-2:], ids=lambda p: p.stem)
def test_the_shared_package_gives_the_same_copy(tmp_path, sample):
    src = tmp_path / sample.name
    shutil.copy(sample, src)
    profile = load_profile("national")
    alone = check_file(str(src), profile, TODAY)
    a = annotate_file(src, alone.findings, profile="national", today=TODAY, output_dir=tmp_path / "alone")

    pkg = batch._shared_package(str(src))
    assert pkg is not None and pkg.keep_parts
    shared = check_file(str(src), profile, TODAY, package=pkg)
    assert shared.findings == alone.findings
    b = annotate_file(src, shared.findings, profile="national", today=TODAY, output_dir=tmp_path / "shared",
                      package=pkg)
    assert a.path.read_bytes() == b.path.read_bytes()


def test_the_writer_reads_the_sheets_the_scan_kept(tmp_path, monkeypatch):
    src = tmp_path / SAMPLES[0].name
    shutil.copy(SAMPLES[0], src)
    pkg = batch._shared_package(str(src))
    check_file(str(src), load_profile("national"), TODAY, package=pkg)
    sheets = [m for _n, m in reading.sheet_members(pkg)]
    with zipfile.ZipFile(src) as z:
        expected = {m: z.read(m) for m in sheets}
    read_again: list[str] = []
    real = zipfile.ZipFile.read
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda self, name, pwd=None: read_again.append(name) or real(self, name, pwd))
    assert sheets and {m: pkg.part(m) for m in sheets} == expected
    assert read_again == []
    pkg.close()


def test_a_large_part_is_not_kept(tmp_path):
    """Only a part that fits in one block of the scan is kept (memory stays bounded by the block)."""
    big = tmp_path / "big.zip"
    body = b"<worksheet><sheetData>" + b'<row r="1"><c r="A1"><v>1</v></c></row>' * 40_000 + b"</sheetData></worksheet>"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("s.xml", body)
        z.writestr("t.xml", body[:2000] + b"</c></row></sheetData></worksheet>")
    pkg = Package(big)
    kept: dict[str, bytes] = {}
    reading.scan_sheet(pkg.zf, "s.xml", keep=lambda m, d: kept.__setitem__(m, d))
    reading.scan_sheet(pkg.zf, "t.xml", keep=lambda m, d: kept.__setitem__(m, d))
    assert len(body) > reading._CHUNK and "s.xml" not in kept
    assert kept["t.xml"] == pkg.zf.read("t.xml")
