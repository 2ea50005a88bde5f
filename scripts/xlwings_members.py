"""Which members of xlwings the stand-in (tests/fake_xlwings.py) offers are missing from a given xlwings.

    python scripts/xlwings_members.py xlwings-0.37.0-*.whl xlwings-0.36.17-*.whl

Reads ``xlwings/main.py`` of each wheel without importing it (no Excel, any platform), so the
floor in pyproject.toml (the first release that has every member the live path uses) can be
checked against old releases fetched with ``pip download --no-deps xlwings==X``.
"""

from __future__ import annotations

import ast
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def members_of_source(source: str) -> dict[str, set[str]]:
    """Class name -> names defined in its body (methods, properties, class attributes)."""
    own: dict[str, set[str]] = {}
    bases: dict[str, list[str]] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef):
            names = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names.add(item.name)
                elif isinstance(item, ast.Assign):
                    names.update(t.id for t in item.targets if isinstance(t, ast.Name))
            own[node.name] = names
            bases[node.name] = [(b.value if isinstance(b, ast.Subscript) else b).id for b in node.bases
                                if isinstance(b.value if isinstance(b, ast.Subscript) else b, ast.Name)]

    def resolved(cls: str, seen: frozenset = frozenset()) -> set[str]:
        names = set(own.get(cls, set()))
        for b in bases.get(cls, []):
            if b not in seen:
                names |= resolved(b, seen | {cls})
        return names

    return {cls: resolved(cls) for cls in own}


def missing_in_wheel(wheel: str) -> list[str]:
    from test_addin_xlwings_api import stand_in_members

    with zipfile.ZipFile(wheel) as zf:
        real = members_of_source(zf.read("xlwings/main.py").decode("utf-8"))
    return [f"{cls}.{name}" for cls, names in stand_in_members().items() for name in sorted(names)
            if name not in real.get(cls, set())]


if __name__ == "__main__":
    for w in sys.argv[1:]:
        missing = missing_in_wheel(w)
        print(Path(w).name, "OK" if not missing else "missing: " + ", ".join(missing))
