"""Plain classes for the plan model, findings and results: keyword-only, slotted dataclasses.

Nothing here validates: readers and rules build values of the declared types, and what a user writes
(profile parameters, ``[schedule]``) is checked in ``xl_careplan.checked``. The three things the code
needs from such classes are here once: the fields of a class (``fields_of``), a copy with changes
(``replace``) and the data for JSON (``dump``: the shape of ``read``/``check --format json``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import sys
import typing
from functools import lru_cache
from typing import Any

field = dataclasses.field
replace = dataclasses.replace


def record(cls: type | None = None, /, *, slots: bool = True, **kw: Any) -> Any:
    """``@record``: a keyword-only dataclass (slotted unless ``slots=False``)."""

    def wrap(c: type) -> type:
        return dataclasses.dataclass(c, kw_only=True, slots=slots, **kw)

    return wrap if cls is None else wrap(cls)


def hidden(default: Any = dataclasses.MISSING, **kw: Any) -> Any:
    """A field kept out of ``dump`` (internal state that is not part of the JSON contract)."""
    return dataclasses.field(default=default, metadata={"dump": False}, **kw)


class FieldSpec(typing.NamedTuple):
    """A field of a record class: its resolved type, default (MISSING when none) and description."""

    name: str
    annotation: Any
    default: Any
    default_factory: Any
    description: str
    metadata: Any

    def default_value(self) -> Any:
        return self.default_factory() if self.default_factory is not dataclasses.MISSING else self.default


@lru_cache(maxsize=None)
def fields_of(cls: type) -> dict[str, FieldSpec]:
    """The fields of a record class in declaration order, with their annotations resolved."""
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    return {
        f.name: FieldSpec(f.name, hints.get(f.name, Any), f.default, f.default_factory,
                          f.metadata.get("description", ""), f.metadata)
        for f in dataclasses.fields(cls)
    }


@lru_cache(maxsize=None)
def _dumped(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("dump", True))


def dump(obj: Any, *, json: bool = False, exclude: set[str] | frozenset[str] | None = None) -> Any:
    """Records as dicts (fields in order, ``hidden`` ones left out), lists and dicts copied.
    ``json``: dates as ISO text and enums as their values too, ready for ``json.dumps``."""
    if exclude:
        return {k: _dump(getattr(obj, k), json) for k in _dumped(type(obj)) if k not in exclude}
    return _dump(obj, json)


def _dump(o: Any, json: bool) -> Any:
    if type(o) in _LEAVES:
        return o
    names = _names_of(type(o))
    if names is not None:
        return {k: _dump(getattr(o, k), json) for k in names}
    if isinstance(o, (list, tuple, set, frozenset)):
        return [_dump(x, json) for x in o]
    if isinstance(o, dict):
        return {_dump(k, json): _dump(v, json) for k, v in o.items()}
    if json:
        if isinstance(o, enum.Enum):
            return o.value
        if isinstance(o, (dt.date, dt.time)):  # datetime is a date
            return o.isoformat()
    return o


_LEAVES = frozenset({str, int, float, bool, type(None)})
_NAMES: dict[type, tuple[str, ...] | None] = {}


def _names_of(cls: type) -> tuple[str, ...] | None:
    try:
        return _NAMES[cls]
    except KeyError:
        names = _NAMES[cls] = _dumped(cls) if dataclasses.is_dataclass(cls) else None
        return names


def is_record(o: Any) -> bool:
    return dataclasses.is_dataclass(o) and not isinstance(o, type)

