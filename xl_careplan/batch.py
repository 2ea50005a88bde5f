"""Check many workbooks: find them in folders, run ``pipeline.check_file`` in parallel processes.

- ``discover(paths)``: Excel-like files under the given files/folders (recursive), skipping lock files
  ``~$*``, hidden files and folders, our own outputs (``*_点検済.*``, ``*_点検結果.xlsx``) and backups
  (``*.bak-*``).
- ``run_batch(files, ...)``: one ``FileResult`` per file, in the order of ``files``. A file that makes a
  worker fail (unexpected exception, or even a worker process that dies) becomes a result with a
  Japanese error; the run goes on.

The progress line (「点検中 12/40 件」) is written by hand to stderr when it is a terminal: it needs
no extra dependency (offices install offline on Windows), and the wide Japanese characters are
simple to handle with a one-line ``\\r`` update.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import signal
import stat
import sys
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Iterable, Literal, Sequence

from xl_careplan.errors import XlCareplanError
from xl_careplan.logs import get_logger
from xl_careplan.pipeline import FileResult
from xl_careplan.record import replace

log = get_logger(__name__)

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb")
OUTPUT_MARKERS = ("_点検済", "_点検結果")
# A worker process costs a start-up (about a second with Windows' spawn: Python, the readers,
# the rules); one file costs ~10-20 ms. Start no more workers than there are 16-file portions of work.
MIN_FILES_PER_WORKER = 16
# a plan is read into thousands of small objects that die young: the default youngest-generation threshold
# (700) ran a collection every few cells, a sixth of a check's time; cycles are still collected
GC_THRESHOLD = 10_000
REPORT_DROPS = {"table3", "table4", "assessment"}  # plan parts the office report does not read
# After Ctrl+C a worker finishes the file it is on (a check takes ~20 ms, an annotated copy ~0.2 s);
# one still busy after this long is stopped, and its temporary file is removed on the way out.
STOP_GRACE_SECONDS = 0.6


@dataclass
class BatchFileResult(FileResult):
    annotated: str | None = None  # path of the annotated copy (or separate report when refused)
    annotate_error: str | None = None  # Japanese message when the annotated copy could not be written
    seconds: float = 0.0  # time spent on this file (read + check + annotate)


class BatchInterrupted(Exception):
    """Ctrl+C stopped the batch. ``results``: the files finished before it (in order); ``total``: all files."""

    def __init__(self, results: list[BatchFileResult], total: int):
        super().__init__(f"interrupted after {len(results)} of {total} files")
        self.results = results
        self.total = total


# ---------------------------------------------------------------- discovery

def _is_hidden(path: Path) -> bool:
    if path.name.startswith("."):
        return True
    if os.name == "nt":  # pragma: no cover - Windows only
        try:
            attrs = getattr(os.stat(path), "st_file_attributes", 0)
        except OSError:
            return False
        return bool(attrs & (stat.FILE_ATTRIBUTE_HIDDEN | stat.FILE_ATTRIBUTE_SYSTEM))
    return False


def skip_reason(path: Path) -> str | None:
    """Why a file is not checked (None: check it). Applies to files found in folders and given by name."""
    name = path.name
    if name.startswith("~$"):
        return "ロックファイル"
    if _is_hidden(path):
        return "隠しファイル"
    stem = path.stem
    if any(stem.endswith(m) for m in OUTPUT_MARKERS):
        return "点検結果の出力ファイル"
    if ".bak-" in name:
        return "バックアップ"
    return None


def discover(paths: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = (),
             skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Files to check, in a stable order (folders walked alphabetically), without duplicates.

    Folders are searched recursively for .xlsx/.xlsm/.xls/.xlsb (.xls and .xlsb are reported as
    unsupported formats by the reader). A file named explicitly is checked whatever its extension
    (the reader says why it cannot be read), even our own ``_点検済`` copy or a backup; only lock files
    are skipped there. In folders, lock files, hidden files, our outputs and backups are skipped.
    Folders in ``exclude`` (e.g. the output folder) are not searched.
    A path that does not exist is kept: the reader reports it (exit code 2) and the rest are still checked.
    """
    excluded = {os.path.realpath(e) for e in exclude}
    seen: set[str] = set()
    out: list[Path] = []

    def add(p: Path, named: bool = False) -> None:
        reason = skip_reason(p)
        if named and reason not in (None, "ロックファイル"):
            reason = None  # a file named on purpose (our own _点検済 copy, checked again after a fix) is checked
        if reason:
            if skipped is not None:
                skipped.append((p, reason))
            log.debug("skip %s (%s)", p, reason)
            return
        real = os.path.realpath(p)
        if real not in seen:
            seen.add(real)
            out.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                rootp = Path(root)
                dirs[:] = sorted(d for d in dirs
                                 if not _is_hidden(rootp / d) and os.path.realpath(rootp / d) not in excluded)
                csvs = []
                for f in sorted(files):
                    fp = rootp / f
                    if fp.suffix.lower() in EXCEL_SUFFIXES:
                        add(fp)
                    elif fp.suffix.lower() == ".csv" and not skip_reason(fp):
                        from xl_careplan.carecsv.reader import kind_of_file

                        if kind_of_file(fp) is not None:  # other CSV files in a plan folder are not plans
                            csvs.append(fp)
                if csvs:
                    _add_csv(csvs, add)
        elif p.is_file() and p.suffix.lower() == ".csv":
            _add_csv([p], add, whole_folder=True)
        elif p.is_file():
            add(p, named=True)
        else:
            # a mistyped or moved path is reported like any unreadable file, and the other files are still checked
            out.append(p)
    return out


def _add_csv(files: list[Path], add, whole_folder: bool = False) -> None:
    """Standard CSV files (ケアプランデータ連携) hold plans spread over several files: add one reference per plan.
    A CSV file named alone stands for the plans it takes part in (its sibling files are read with it)."""
    from xl_careplan.carecsv.reader import expand_sources, is_plan_ref, kind_of_file, standard_files

    if whole_folder:
        if kind_of_file(files[0]) is None:
            add(files[0])
            return
        found = expand_sources(standard_files(files[0].parent))
        named = str(files[0])
        for ref in found:
            from xl_careplan.carecsv.reader import plan_files

            if ref == files[0] or (is_plan_ref(ref) and named in plan_files(ref)):
                add(ref)
        return
    for ref in expand_sources(files):
        add(ref)


def default_base_dir(paths: Sequence[str | os.PathLike]) -> Path | None:
    """The folder the annotated tree mirrors: the common folder of the inputs (a file counts as its folder)."""
    dirs = [os.path.abspath(p if Path(p).is_dir() else Path(p).parent) for p in paths]
    if not dirs:
        return None
    try:
        return Path(os.path.commonpath(dirs))
    except ValueError:  # different drives on Windows
        return None


def mirror_dir(file: Path, base_dir: Path | None, out_dir: Path) -> Path:
    """Folder under ``out_dir`` for ``file``'s annotated copy, mirroring its place under ``base_dir``."""
    parent = Path(os.path.abspath(file)).parent
    if base_dir is not None:
        try:
            return out_dir / parent.relative_to(os.path.abspath(base_dir))
        except ValueError:
            pass
    return out_dir / Path(*parent.parts[1:])  # outside the base: keep the whole path below out_dir


# ---------------------------------------------------------------- workers

_WORKER: dict = {}


class _Terminated(BaseException):
    """SIGTERM in a worker (sent after Ctrl+C): unwinds through the writers' clean-up (temporary
    files), and the worker sends back the files it had finished."""


def _on_sigterm(signum, frame):
    if _WORKER.get("busy"):  # an idle worker stays: its exit would break the pool for the busy ones
        raise _Terminated()


def _init_worker(profile_name: str, layout: str | None = None, stop=None) -> None:
    from xl_careplan.profiles import load_profile

    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])

    if stop is not None:  # a pool worker: Ctrl+C is the parent's to handle (it sets ``stop``)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _on_sigterm)
    _WORKER["stop"] = stop
    _WORKER["profile"] = load_profile(profile_name)
    _WORKER["profile_name"] = profile_name
    _WORKER["layout"] = layout


def _crash_message(exc: BaseException) -> str:
    return (f"点検中に予期しないエラーが発生したため、このファイルは点検できませんでした"
            f"（{type(exc).__name__}）。開発担当者にお知らせください。")


def _check_one(path: str, today: dt.date, annotate: bool, out_dir: str | None, in_place: bool,
               keep_plan: bool | str = True) -> BatchFileResult:
    from xl_careplan import pipeline

    t0 = time.perf_counter()
    profile = _WORKER["profile"]
    pkg = _shared_package(path) if annotate else None
    try:
        try:
            r = pipeline.check_file(path, profile, today, layout=_WORKER.get("layout"), package=pkg)
            res = BatchFileResult(**{f.name: getattr(r, f.name) for f in fields(FileResult)})
        except Exception as e:  # a bug in a reader or rule must not stop the batch
            log.warning("unexpected %s while checking %s", type(e).__name__, path)
            res = BatchFileResult(file=path, error=f"{path}: {_crash_message(e)}")
        _annotate_one(res, path, today, annotate, out_dir, in_place, pkg)
    finally:
        if pkg is not None:
            pkg.close()
    if not keep_plan:
        res.plan = None  # less to send back and keep when no office report needs the models
    elif keep_plan == "report" and res.plan is not None:
        res.plan = replace(res.plan, **dict.fromkeys(REPORT_DROPS))
    res.seconds = time.perf_counter() - t0
    return res


def _shared_package(path: str):
    """The workbook opened once for its check and its annotated copy (the writer then reuses the guards'
    pass and the parts the reader inflated); None when it cannot be opened as one (the check says why, or
    reads it as the standard CSV)."""
    from xl_careplan.reading import open_workbook_file

    try:
        pkg = open_workbook_file(path)
    except Exception:  # the check reports it, naming the file
        return None
    pkg.keep_parts = True
    return pkg


def _annotate_one(res: BatchFileResult, path: str, today: dt.date, annotate: bool, out_dir: str | None,
                  in_place: bool, pkg) -> None:
    profile = _WORKER["profile"]
    if annotate and res.error is None and res.plan is not None and res.plan.layout == "standard-csv":
        res.annotate_error = f"{path}: 標準仕様の CSV には書き込みません（指摘は画面と集計表で確認してください）。"
    elif annotate and res.error is None:
        from xl_careplan.writer.output import annotate_file

        try:
            w = annotate_file(path, res.findings, profile=getattr(profile, "label", _WORKER["profile_name"]),
                              today=today, output_dir=out_dir, in_place=in_place, package=pkg)
            res.annotated = str(w.path)
        except XlCareplanError as e:
            res.annotate_error = str(e)
        except Exception as e:
            log.warning("unexpected %s while annotating %s", type(e).__name__, path)
            res.annotate_error = f"{path}: 点検結果の書き込み中に予期しないエラーが発生しました（{type(e).__name__}）。"


def _check_chunk(tasks: list[tuple]) -> list[tuple[int, BatchFileResult]]:
    """The chunk's files in order; after a stop request (Ctrl+C in the parent) the rest are left undone."""
    stop = _WORKER.get("stop")
    out = []
    _WORKER["busy"] = True
    try:
        for i, *args in tasks:
            if stop is not None and stop.is_set():
                break
            out.append((i, _check_one(*args)))
    except _Terminated:
        pass  # the file being written was abandoned and its temporary file removed
    finally:
        _WORKER["busy"] = False
    return out


# ---------------------------------------------------------------- progress

class _Progress:
    def __init__(self, total: int, enabled: bool):
        self.total = total
        self.done = 0
        self.enabled = enabled and total > 0 and sys.stderr.isatty()
        self.t0 = time.perf_counter()
        self.last = 0.0

    def step(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.last < 0.1 and self.done < self.total:
            return
        self.last = now
        rate = self.done / max(now - self.t0, 1e-9)
        sys.stderr.write(f"\r点検中 {self.done}/{self.total} 件（{rate:.0f} 件/秒）  ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


# ---------------------------------------------------------------- run

def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover - Windows / macOS
        return max(1, os.cpu_count() or 1)


def _chunks(tasks: list[tuple], jobs: int) -> list[list[tuple]]:
    # small enough that every worker gets several chunks (balance, progress), large enough to
    # amortise the inter-process round trip
    size = max(1, min(32, len(tasks) // (jobs * 8)))
    return [tasks[i:i + size] for i in range(0, len(tasks), size)]


def run_batch(files: Sequence[str | os.PathLike], *, profile_name: str, today: dt.date, jobs: int | None = None,
              progress: bool = True, annotate_dir: str | os.PathLike | None = None,
              base_dir: str | os.PathLike | None = None, annotate: bool | None = None,
              in_place: bool = False, layout: str | None = None,
              keep_plans: bool | Literal["report"] = True) -> list[BatchFileResult]:
    """Check ``files``; results in the same order. ``jobs=1`` (or a handful of files) runs in this process.

    Annotation: with ``annotate_dir`` the annotated copies go into that folder mirroring the tree
    below ``base_dir`` (default: the common folder of the files); with ``annotate=True`` and no
    folder they go next to each original (``*_点検済.xlsx``), or into the file itself with
    ``in_place`` (after a backup). The profile is loaded once here (a bad profile raises
    ProfileError before any work) and once per worker process.

    ``keep_plans``: True keeps each full ``CarePlan``; False drops the plans (text/JSON output needs
    only the findings; the parent's memory then stays flat); "report" keeps only what the office
    report reads (第1表, 第2表, モニタリング, acknowledgements) — ``table3``, ``table4`` and
    ``assessment`` are None — which halves the memory per plan (~100 KB instead of ~200 KB).
    """
    from xl_careplan.profiles import load_profile

    load_profile(profile_name)  # fail fast
    jobs = jobs or default_jobs()
    annotate = bool(annotate or annotate_dir is not None or in_place)
    out_root = Path(annotate_dir) if annotate_dir is not None else None
    base = Path(base_dir) if base_dir is not None else (default_base_dir(files) if out_root else None)
    tasks: list[tuple] = []
    for i, f in enumerate(files):
        target = str(mirror_dir(Path(f), base, out_root)) if out_root is not None else None
        tasks.append((i, str(f), today, annotate, target, in_place, keep_plans))
    results: list[BatchFileResult | None] = [None] * len(tasks)
    started = time.time()
    bar = _Progress(len(tasks), progress)
    gc_before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *gc_before[1:])
    try:
        workers = min(jobs, -(-len(tasks) // MIN_FILES_PER_WORKER))
        if workers <= 1:
            _init_worker(profile_name, layout)
            for t in tasks:
                i, res = _check_chunk([t])[0]
                results[i] = res
                bar.step()
        else:
            _run_pool(tasks, results, bar, (profile_name, layout), workers)
    except KeyboardInterrupt:
        # in this process the writer's clean-up already ran while the exception unwound
        done = [r for r in results if r is not None]
        raise BatchInterrupted(done + _placed_unreported(tasks, results, started), len(tasks)) from None
    finally:
        gc.set_threshold(*gc_before)
        bar.close()
    return [r for r in results if r is not None]


def _placed_unreported(tasks: list[tuple], results: list, started: float) -> list[BatchFileResult]:
    """Copies that were put in place during this run but whose result never came back: ^C can land
    between a copy's final rename and the bookkeeping after it. The count the user reads must match
    the files on disk, so such a file counts as done and written."""
    from xl_careplan.writer.output import annotated_path

    late = []
    for i, path, _today, annotate, target, in_place, _keep in tasks:
        if results[i] is not None or not annotate:
            continue
        dest = Path(path) if in_place else annotated_path(Path(path), target)
        try:
            placed = dest.stat().st_mtime >= started
        except OSError:
            continue
        if placed:
            late.append(BatchFileResult(file=path, annotated=str(dest)))
    return late


# The worker pool is imported only when a batch needs workers (it costs about one bare Python
# start-up, paid by every one-file check otherwise); ``batch.ProcessPoolExecutor`` still works.
_LAZY = {"ProcessPoolExecutor": "concurrent.futures", "FIRST_COMPLETED": "concurrent.futures",
         "wait": "concurrent.futures", "BrokenProcessPool": "concurrent.futures.process"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _pool_api():
    """(ProcessPoolExecutor, BrokenProcessPool, wait, FIRST_COMPLETED), through the module (patchable)."""
    this = sys.modules[__name__]
    return this.ProcessPoolExecutor, this.BrokenProcessPool, this.wait, this.FIRST_COMPLETED


def _run_pool(tasks, results, bar, initargs, jobs) -> None:
    ProcessPoolExecutor, BrokenProcessPool, wait, FIRST_COMPLETED = _pool_api()  # noqa: N806
    # import the heavy modules before forking, so workers start warm (fork) or at least valid (spawn)
    try:
        import xl_careplan.readers  # noqa: F401
        import xl_careplan.rules.engine  # noqa: F401
    except ImportError:  # pragma: no cover - the workers report it per file
        pass

    suspects: list[tuple] = []
    import multiprocessing  # with the pool: not paid by a one-file check

    ctx = multiprocessing.get_context()
    stop = ctx.Event()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, mp_context=ctx,
                             initargs=(*initargs, stop)) as pool:
        futures = {pool.submit(_check_chunk, c): c for c in _chunks(tasks, jobs)}

        def collect(done) -> None:
            for fut in done:
                chunk = futures.pop(fut)
                if fut.cancelled():
                    continue
                try:
                    for i, res in fut.result():  # plans travel pickled (plain classes)
                        results[i] = res
                except BrokenProcessPool:  # a worker process died: which file did it is not known yet
                    if not stop.is_set():
                        suspects.extend(chunk)
                    continue
                except Exception as e:  # pickling problems and the like: per file, never the whole run
                    for t in chunk:
                        results[t[0]] = BatchFileResult(file=t[1], error=f"{t[1]}: {_crash_message(e)}")
                bar.step(len(chunk))

        try:
            while futures:
                done, _ = wait(futures, return_when=FIRST_COMPLETED)
                collect(done)
        except KeyboardInterrupt:
            _stop_pool(pool, futures, stop, collect)
            raise
    if suspects:
        _run_isolated(sorted(suspects), results, bar, initargs)


def _stop_pool(pool: ProcessPoolExecutor, futures: dict, stop, collect) -> None:
    """Ctrl+C: no new file is started, the files being written are finished (or, after
    ``STOP_GRACE_SECONDS``, their workers are stopped, which removes their temporary files)."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C must not cut the clean-up short
    try:
        stop.set()
        for fut in futures:
            fut.cancel()
        done, running = wait(futures, timeout=STOP_GRACE_SECONDS)
        collect(done)
        procs = list((getattr(pool, "_processes", None) or {}).values())
        for stopping in ("terminate", "kill"):  # SIGTERM: _Terminated unwinds the writer; SIGKILL: stuck in C
            if not running:
                break
            for proc in procs:
                if proc.is_alive():
                    getattr(proc, stopping)()
            done, running = wait(running, timeout=STOP_GRACE_SECONDS)
            collect(done)
        pool.shutdown(wait=True, cancel_futures=True)
    finally:
        signal.signal(signal.SIGINT, previous)


def _run_isolated(tasks, results, bar, initargs) -> None:
    """After a worker died: the unfinished files one at a time in a single worker, so the file that
    kills the worker is known; it gets an error result and the others are checked normally."""
    log.warning("a worker process died; checking the remaining %d files one by one", len(tasks))
    ProcessPoolExecutor, BrokenProcessPool, _wait, _first = _pool_api()  # noqa: N806
    pool = None
    try:
        for t in tasks:
            if pool is None:
                pool = ProcessPoolExecutor(max_workers=1, initializer=_init_worker, initargs=initargs)
            try:
                (i, res), = pool.submit(_check_chunk, [t]).result()
                results[i] = res
            except BrokenProcessPool:
                log.warning("worker died while checking %s", t[1])
                results[t[0]] = BatchFileResult(
                    file=t[1], error=f"{t[1]}: 点検中に処理が異常終了したため、このファイルは点検できませんでした。")
                pool.shutdown(wait=False)
                pool = None
            except Exception as e:
                results[t[0]] = BatchFileResult(file=t[1], error=f"{t[1]}: {_crash_message(e)}")
            bar.step()
    finally:
        if pool is not None:
            pool.shutdown()
