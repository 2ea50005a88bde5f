"""Rules read the CarePlan model only: no rule module imports cell-level machinery."""

import ast
from pathlib import Path

import xl_careplan.rules as pkg

FORBIDDEN = ("openpyxl", "xlwings", "python_calamine", "xl_careplan.grid", "xl_careplan.readers", "xl_careplan.reading",
             "xl_careplan.access", "xl_careplan.writer")


def test_no_cell_access_in_rules():
    offenders = []
    for path in Path(pkg.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [(path.name, n) for n in names if n.startswith(FORBIDDEN)]
    assert offenders == []
