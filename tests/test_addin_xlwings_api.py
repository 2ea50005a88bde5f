"""Every xlwings member the stand-in offers exists on the installed xlwings (the live path's floor).

The stand-in (tests/fake_xlwings.py) is what the live path's tests run against; a member it offers
that the real xlwings lacks would pass here and raise AttributeError in Excel (``Range.add_note``
is missing from xlwings 0.36.x). scripts/xlwings_members.py runs the same comparison on old
wheels to find the floor written in pyproject.toml.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import fake_xlwings as F

# attributes the stand-in sets in __init__ that model xlwings properties
INSTANCE_MEMBERS = {"Range": {"sheet"}, "Sheet": {"book"}, "Book": {"app"}, "App": {"screen_updating", "status_bar", "enable_events"}}
# the stand-in's own test helpers, not xlwings API
HELPERS = {"Book": {"calls", "mixed_merge_state", "add_name", "from_xlsx", "snapshot", "event_vba"}, "App": {"alerts"}}
CLASSES = ("App", "Book", "Sheets", "Sheet", "Range", "Note", "Name")


def stand_in_members() -> dict[str, set[str]]:
    out = {}
    for cls in CLASSES:
        own = {n for n in vars(getattr(F, cls)) if not n.startswith("_") or n in ("__getitem__", "__iter__", "__len__")}
        out[cls] = (own | INSTANCE_MEMBERS.get(cls, set())) - HELPERS.get(cls, set())
    return out


def test_every_member_of_the_stand_in_exists_on_the_installed_xlwings():
    import xlwings.main as real

    missing = [f"{cls}.{name}" for cls, names in stand_in_members().items() for name in sorted(names)
               if not hasattr(getattr(real, cls), name)]
    assert missing == []


def test_the_helpers_are_not_xlwings_api():
    """An entry in HELPERS hides nothing the live path could call on real xlwings."""
    import xlwings.main as real

    for cls, names in HELPERS.items():
        for name in names:
            assert hasattr(getattr(F, cls), name) or name in _init_attrs(getattr(F, cls)), (cls, name)
            assert not hasattr(getattr(real, cls), name), (cls, name)


def _init_attrs(cls) -> set[str]:
    return set(re.findall(r"self\.(\w+)\s*[:=]", inspect.getsource(cls.__init__)))


def test_the_live_path_uses_nothing_the_stand_in_lacks():
    """The xlwings members live.py touches (``.add_note(``, ``.merge_area`` …) are all in the stand-in."""
    src = (Path(__file__).resolve().parent.parent / "xl_careplan" / "addin" / "live.py").read_text(encoding="utf-8")
    offered = set().union(*stand_in_members().values())
    used = {"add_note", "add_hyperlink", "merge_area", "merge_cells", "used_range", "screen_updating", "status_bar",
            "enable_events", "shape"}
    for name in used:
        assert re.search(rf"\.{name}\b", src), name  # still used: otherwise drop it from this list
        assert name in offered, name


def test_floor_in_pyproject_has_every_member():
    """pyproject's floor is the first release scripts/xlwings_members.py found complete: 0.37.5
    (0.36.17, 0.37.0 and 0.37.4 lack Range.add_note)."""
    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"xlwings>=0\.37\.5[,"]', text)
    import xlwings

    assert tuple(int(x) for x in xlwings.__version__.split(".")[:3]) >= (0, 37, 5)

