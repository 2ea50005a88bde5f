"""The floor as a whole process: find the workbooks under a folder and read every sheet of each to
Python lists with python-calamine, in N processes (the same chunking as the batch). Run by
benchmarks/whole.py next to `xl-careplan check DIR`, so both pay interpreter start-up and imports."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor


def read_all(paths: list[str]) -> int:
    from python_calamine import CalamineWorkbook

    cells = 0
    for path in paths:
        wb = CalamineWorkbook.from_path(path)
        for name in wb.sheet_names:
            cells += sum(len(r) for r in wb.get_sheet_by_name(name).to_python())
    return cells


def main(folder: str, jobs: int) -> int:
    paths = sorted(os.path.join(root, f) for root, _dirs, files in os.walk(folder)
                   for f in files if f.endswith(".xlsx"))
    size = max(1, min(32, len(paths) // (jobs * 8)))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    if jobs <= 1:
        cells = read_all(paths)
    else:
        with ProcessPoolExecutor(jobs) as pool:
            cells = sum(pool.map(read_all, chunks))
    print(f"{len(paths)} files, {cells} cells")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2))
