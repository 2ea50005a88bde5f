"""Writer fidelity on real workbooks: intact / refused / lost / crash counts (``make bench-writer``).

Every file gets what an annotation does through the public entry point ``write_copy``: a note, a fill
and a new sheet. Then:
- intact: the package contract holds (``tests/roundtrip.contract_violations``: parts not edited are
  byte-identical, edited parts differ only by our changes) and the copy opens in openpyxl and
  python-calamine whenever the original did (and in LibreOffice with ``--lo [EVERY]``, every EVERY-th copy);
- refused: a Japanese refusal (``WriteRefusedError`` / ``WorkbookReadError``), with its reason;
- lost: written, but the contract does not hold or the copy no longer opens;
- crash: any other exception, or the worker process died.

Corpus: folders given on the command line, or (default) the Excel-made comparison files of XlsxWriter
(``xlsxwriter/test/comparison/xlsx_files``), calamine's test files, Apache POI's spreadsheet test data
(hundreds of odd real files from bug reports, fuzzers, Strict OOXML), PhpSpreadsheet's test data and
ClosedXML's "try to load" files (among them LibreOffice's own test files), taken from the snapshots the
session's ``fetch`` tool brought to /work/.mirror (nothing of them is committed to this project; a
corpus whose snapshot is absent is left out with a note). ``--corpus NAME`` runs some of them only.
Each batch of files runs in its own process, so a crash inside a native reader is counted, not fatal.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIRRORS = {
    "excel": ("/work/.mirror/jmcnamara+XlsxWriter/repo", "xlsxwriter/test/comparison/xlsx_files"),
    "calamine": ("/work/.mirror/tafia+calamine/repo", "tests"),
    "poi": ("/work/.mirror/apache+poi/repo", "test-data/spreadsheet"),  # odd real files of POI's bug reports
    "phpspreadsheet": ("/work/.mirror/PHPOffice+PhpSpreadsheet/repo", "tests/data"),
    "closedxml": ("/work/.mirror/ClosedXML+ClosedXML/repo", "ClosedXML.Tests/Resource/TryToLoad"),  # LO/ has LibreOffice's
    # held out until the writer had passed the five above (first run = the independent estimate); "" = whole repo
    "sheetjs": ("/work/.mirror/SheetJS+test_files/repo", ""),
    "excelize": ("/work/.mirror/qax-os+excelize/repo", ""),
    "rust_xlsxwriter": ("/work/.mirror/jmcnamara+rust_xlsxwriter/repo", "tests/input"),  # Excel-made
    "epplus": ("/work/.mirror/EPPlusSoftware+EPPlus/repo", ""),
    "npoi": ("/work/.mirror/nissl-lab+npoi/repo", ""),
    "exceljs": ("/work/.mirror/exceljs+exceljs/repo", ""),
    "openxml_sdk": ("/work/.mirror/dotnet+Open-XML-SDK/repo", ""),
    "exceldatareader": ("/work/.mirror/ExcelDataReader+ExcelDataReader/repo", ""),
    "tealeg": ("/work/.mirror/tealeg+xlsx/repo", ""),
    "xlsx_populate": ("/work/.mirror/dtjohnson+xlsx-populate/repo", ""),
    "tika": ("/work/.mirror/apache+tika/repo", ""),
}
SUFFIXES = (".xlsx", ".xlsm")
BATCH = 60


def extract(name: str, dest: Path) -> Path:
    """The workbooks of one folder of a fetched snapshot, written into ``dest`` (files the snapshot
    lacks — it keeps none of 4 MiB or more — are left out)."""
    git_dir, folder = MIRRORS[name]
    out = dest / name
    if out.exists() and any(out.rglob("*.xls*")):
        return out
    out.mkdir(parents=True, exist_ok=True)
    listing = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "HEAD", *([folder] if folder else [])],
                             check=True, capture_output=True, text=True).stdout
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        if not path.lower().endswith(SUFFIXES):
            continue
        blob = subprocess.run(["git", "--git-dir", git_dir, "cat-file", "blob", meta.split()[2]], capture_output=True)
        if blob.returncode == 0:  # sub-folders flattened into the name (files of the same name are kept apart)
            (out / (Path(path).relative_to(folder) if folder else Path(path)).as_posix().replace("/", "__")).write_bytes(blob.stdout)
    return out


def _digest(path: Path) -> str:
    import hashlib

    return hashlib.sha1(path.read_bytes()).hexdigest()


def workbooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and not p.name.startswith("~$"))


def earlier_digests(name: str, dest: Path) -> set[str]:
    """The files of every fetched corpus listed before ``name``: a later corpus that copies another's
    test files (NPOI has POI's, rust_xlsxwriter XlsxWriter's) counts only the files new to it."""
    seen: set[str] = set()
    for other in list(MIRRORS)[:list(MIRRORS).index(name)]:
        if Path(MIRRORS[other][0]).exists():
            seen |= {_digest(p) for p in workbooks(extract(other, dest))}
    return seen


def _edit(wb):
    from xl_careplan.writer.annotate import NOTE_SEPARATOR, strip_our_block

    names = wb.sheet_names()
    if names:  # a workbook of chart sheets only still gets the 点検結果 sheet, as annotate gives it
        sheet = names[0]
        user = strip_our_block(wb.get_note(sheet, "A1"))  # as annotate does: the user's note stays, ours follows
        block = "【xl_careplan 点検】\n■エラー [CP101] 試験の指摘"
        wb.set_note(sheet, "A1", block if user is None else user + NOTE_SEPARATOR + block)
        wb.set_fill(sheet, "B2", "E89A9A")
    wb.write_sheet("点検結果", [["点検結果（xl_careplan）"], ["件数", 1]], col_widths={"A": 20})


OPEN_TIMEOUT = 60  # s; openpyxl takes many minutes over a few files (ClosedXML's DrawingSizeInPx)


class _Slow(Exception):
    pass


def _alarm(_sig, _frame):
    raise _Slow


def _opens(path: Path) -> dict[str, bool | None]:
    """Whether openpyxl and python-calamine open the file (None: not known, the reader took too long)."""
    import signal
    import warnings

    def openpyxl_opens():
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            openpyxl.load_workbook(path).close()

    def calamine_opens():
        import python_calamine as pc

        wb = pc.CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()

    out: dict[str, bool | None] = {}
    signal.signal(signal.SIGALRM, _alarm)
    for name, opens in (("openpyxl", openpyxl_opens), ("calamine", calamine_opens)):
        signal.alarm(OPEN_TIMEOUT)
        try:
            opens()
            out[name] = True
        except _Slow:
            out[name] = None
        except Exception:  # noqa: BLE001
            out[name] = False
        finally:
            signal.alarm(0)
    return out


def check_one(src: Path, out_dir: Path) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    from roundtrip import contract_violations

    from xl_careplan.errors import WorkbookReadError, WriteRefusedError
    from xl_careplan.reading import check_package
    from xl_careplan.writer.output import write_copy

    row = {"file": str(src)}
    try:
        check_package(src)  # what the writer checks first: refusals here are the reader's (too large, not xlsx…)
    except WorkbookReadError as e:
        return {**row, "result": "refused", "why": e.message[:120]}
    before = _opens(src)
    try:
        dest, _b, _r = write_copy(src, _edit, suffix="_x", output_dir=out_dir)
    except (WriteRefusedError, WorkbookReadError) as e:
        return {**row, "result": "refused", "why": e.message[:120]}
    except Exception as e:  # noqa: BLE001
        return {**row, "result": "crash", "why": f"{type(e).__name__}: {e}"[:200],
                "trace": traceback.format_exc(limit=4)[-600:]}
    try:
        lost = contract_violations(src, dest)
    except Exception as e:  # noqa: BLE001
        lost = [f"contract check failed: {type(e).__name__}: {e}"]
    after = _opens(dest)
    lost += [f"no longer opens in {k}" for k, ok in before.items() if ok and after.get(k) is False]
    slow = [k for k in before if before[k] is None or after.get(k) is None]
    if slow:
        row["note"] = f"not known whether {', '.join(slow)} opens it (over {OPEN_TIMEOUT} s)"
    row["dest"] = str(dest)
    return {**row, "result": "lost" if lost else "intact", "why": "; ".join(lost)[:300]}


def _worker(files: list[str], out_dir: str) -> None:
    for f in files:
        print(json.dumps(check_one(Path(f), Path(out_dir) / str(abs(hash(f)))), ensure_ascii=False), flush=True)


def run_batches(files: list[Path], out_dir: Path) -> list[dict]:
    rows: list[dict] = []
    todo = [files[i:i + BATCH] for i in range(0, len(files), BATCH)]
    while todo:
        batch = todo.pop(0)
        proc = subprocess.run([sys.executable, __file__, "--worker", str(out_dir), *map(str, batch)],
                              capture_output=True, text=True, cwd=ROOT)
        got = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
        rows += got
        done = {r["file"] for r in got}
        rest = [f for f in batch if str(f) not in done]
        if proc.returncode != 0 and rest:
            if len(batch) == 1:
                rows.append({"file": str(batch[0]), "result": "crash", "why": f"process died ({proc.returncode})"})
            else:  # one file killed the process: go on one by one for the rest of the batch
                todo[:0] = [[f] for f in rest]
    return rows


def _lo_converts(path: str, outdir: Path, profile: str) -> bool:
    try:
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "csv",
                        "--outdir", str(outdir), path], capture_output=True, timeout=180)
    except subprocess.TimeoutExpired:
        return False
    return (outdir / (Path(path).stem + ".csv")).exists()


def libreoffice_opens(rows: list[dict], work: Path, every: int) -> None:
    """Open every ``every``-th written copy in LibreOffice (one process per file, so one file that makes it
    hang cannot hide the others); a copy it cannot open while it opens the original is lost."""
    profile = (work / "lo-profile").as_uri()
    written = [r for r in rows if r["result"] == "intact"][::every]
    for i, r in enumerate(written):
        r["lo"] = _lo_converts(r["dest"], work / f"lo{i}", profile)
        if not r["lo"] and _lo_converts(r["file"], work / f"lo{i}-original", profile):
            r["result"], r["why"] = "lost", "LibreOffice opens the original but not the copy"
    opened = sum(1 for r in written if r.get("lo"))
    print(f"  LibreOffice: {opened} of {len(written)} copies opened (every {every}th written file)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*")
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--lo", type=int, nargs="?", const=10, default=0, metavar="EVERY",
                    help="also open every EVERY-th copy in LibreOffice (default 10)")
    ap.add_argument("--json", help="write every file's result here")
    ap.add_argument("--corpus", action="append", choices=sorted(MIRRORS), help="only these fetched corpora")
    args = ap.parse_args()
    if args.worker:
        _worker(args.worker[1:], args.worker[0])
        return
    work = Path(tempfile.mkdtemp(prefix="xlcp-fidelity-"))
    corpora = {Path(f).name: workbooks(Path(f)) for f in args.folders}
    if not corpora:
        dest = Path(tempfile.gettempdir()) / "xlcp-corpus"
        for name in args.corpus or MIRRORS:
            if not Path(MIRRORS[name][0]).exists():
                print(f"{name}: snapshot {MIRRORS[name][0]} not fetched, left out")
                continue
            files, seen = workbooks(extract(name, dest)), earlier_digests(name, dest)
            corpora[name] = [f for f in files if _digest(f) not in seen]
            if len(corpora[name]) < len(files):
                print(f"{name}: {len(files) - len(corpora[name])} files left out, byte-identical to an earlier corpus's")
    all_rows = []
    for name, files in corpora.items():
        t0 = time.perf_counter()
        rows = run_batches(files, work / name)
        if args.lo:
            libreoffice_opens(rows, work / name, args.lo)
        counts = Counter(r["result"] for r in rows)
        print(f"{name} ({len(files)} files, {time.perf_counter() - t0:.0f} s): intact {counts['intact']} / "
              f"refused {counts['refused']} / lost {counts['lost']} / crash {counts['crash']}")
        for r in [r for r in rows if r.get("note")]:
            print(f"  note: {Path(r['file']).name}: {r['note']}")
        for kind in ("lost", "crash", "refused"):
            for r in [r for r in rows if r["result"] == kind][:40]:
                print(f"  {kind}: {Path(r['file']).name}: {r.get('why', '')}")
        all_rows += [{**r, "corpus": name} for r in rows]
    if args.json:
        Path(args.json).write_text(json.dumps(all_rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
