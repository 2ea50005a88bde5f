"""Plain classes for the plan model, findings and results: ``@record`` classes with keyword-only constructors.

Nothing here validates: readers and rules build values of the declared types, and what a user writes
(profile parameters, ``[schedule]``) is checked in ``xl_careplan.checked``. The three things the code
needs from such classes are here once: the fields of a class (``fields_of``), a copy with changes
(``replace``) and the data for JSON (``dump``: the shape of ``read``/``check --format json``).

Why not ``dataclasses``: it writes and compiles three or four methods per class each time a module is
imported (~0.3 ms a class; a check imports some forty of them). Here a class gets one compiled ``__init__``;
equality and repr are shared functions that walk the field names.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
import typing
from functools import lru_cache
from typing import Any


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    """A declared field: its default or default factory, and metadata (``description``, ``dump``…)."""

    __slots__ = ("name", "default", "default_factory", "metadata")

    def __init__(self, default: Any = MISSING, default_factory: Any = MISSING, metadata: dict | None = None):
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.metadata = metadata or {}


def field(*, default: Any = MISSING, default_factory: Any = MISSING, metadata: dict | None = None) -> Any:
    return Field(default, default_factory, metadata)


def hidden(default: Any = MISSING) -> Any:
    """A field kept out of ``dump`` (internal state that is not part of the JSON contract)."""
    return Field(default, metadata={"dump": False})


def record(cls: type | None = None, /, *, frozen: bool = False, eq: bool = True) -> Any:
    """``@record``: fields from the class's annotations (after its bases' fields), a keyword-only ``__init__``
    (calling ``__post_init__`` when the class has one), field-by-field equality and a repr. ``frozen``:
    attributes cannot be set after ``__init__`` and the object hashes by its fields."""

    def wrap(c: type) -> type:
        own = []
        for name, ann in c.__dict__.get("__annotations__", {}).items():
            if "ClassVar" in str(ann):
                continue
            v = c.__dict__.get(name, MISSING)
            f = v if isinstance(v, Field) else Field(default=v)
            if isinstance(f.default, (list, dict, set)):
                raise ValueError(f"{c.__name__}.{name}: a mutable default needs default_factory")
            f.name = name
            own.append(f)
            if name in c.__dict__:
                delattr(c, name)  # the default lives in __init__, not on the class
        inherited = [f for b in reversed(c.__mro__[1:]) for f in b.__dict__.get("__record_fields__", ())]
        fields = {f.name: f for f in inherited + own}
        c.__record_fields__ = tuple(fields.values())
        c.__record_names__ = tuple(fields)
        c.__init__ = _make_init(c, c.__record_fields__, frozen)
        if eq and "__eq__" not in c.__dict__:
            c.__eq__ = _eq
            if not frozen and "__hash__" not in c.__dict__:
                c.__hash__ = None  # mutable and compared by value
        if frozen:
            c.__setattr__ = _frozen_setattr
            c.__delattr__ = _frozen_setattr
            if "__hash__" not in c.__dict__:
                c.__hash__ = _hash
        if "__repr__" not in c.__dict__:
            c.__repr__ = _repr
        return c

    return wrap if cls is None else wrap(cls)


def _make_init(cls: type, fields: tuple[Field, ...], frozen: bool):
    env: dict[str, Any] = {"MISSING": MISSING, "_set": object.__setattr__}
    params, body = [], []
    for f in fields:
        n = f.name
        if f.default_factory is not MISSING:
            env[f"_f_{n}"] = f.default_factory
            params.append(f"{n}=MISSING")
            value = f"_f_{n}() if {n} is MISSING else {n}"
        elif f.default is not MISSING:
            env[f"_d_{n}"] = f.default
            params.append(f"{n}=_d_{n}")
            value = n
        else:
            params.append(n)
            value = n
        body.append(f"_set(self, {n!r}, {value})" if frozen else f"self.{n} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    src = f"def __init__(self, *, {', '.join(params)}):\n    " + "\n    ".join(body or ["pass"]) + "\n"
    if not params:
        src = "def __init__(self):\n    " + "\n    ".join(body or ["pass"]) + "\n"
    exec(src, env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _eq(self, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return all(getattr(self, n) == getattr(other, n) for n in self.__record_names__)


def _hash(self) -> int:
    return hash(tuple(getattr(self, n) for n in self.__record_names__))


def _frozen_setattr(self, name: str, *value: Any) -> None:
    raise AttributeError(f"{type(self).__name__} cannot be changed (frozen): {name}")


def _repr(self) -> str:
    return f"{type(self).__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__record_names__)})"


def is_record(o: Any) -> bool:
    """An instance of a @record class."""
    return hasattr(type(o), "__record_names__")


def is_record_class(c: Any) -> bool:
    return isinstance(c, type) and hasattr(c, "__record_names__")


def names_of(cls: type) -> tuple[str, ...]:
    return cls.__record_names__


def replace(obj: Any, **changes: Any) -> Any:
    """A copy of a record with some fields changed (built through its ``__init__``)."""
    return obj.__class__(**{n: getattr(obj, n) for n in obj.__record_names__ if n not in changes}, **changes)


class FieldSpec(typing.NamedTuple):
    """A field of a record class: its resolved type, default (MISSING when none) and description."""

    name: str
    annotation: Any
    default: Any
    default_factory: Any
    description: str
    metadata: Any

    def default_value(self) -> Any:
        return self.default_factory() if self.default_factory is not MISSING else self.default


@lru_cache(maxsize=None)
def fields_of(cls: type) -> dict[str, FieldSpec]:
    """The fields of a record class in declaration order, with their annotations resolved."""
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    return {
        f.name: FieldSpec(f.name, hints.get(f.name, Any), f.default, f.default_factory,
                          f.metadata.get("description", ""), f.metadata)
        for f in cls.__record_fields__
    }


@lru_cache(maxsize=None)
def _dumped(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in cls.__record_fields__ if f.metadata.get("dump", True))


def dump(obj: Any, *, json: bool = False, exclude: set[str] | frozenset[str] | None = None) -> Any:
    """Records as dicts (fields in order, ``hidden`` ones left out), lists and dicts copied.
    ``json``: dates as ISO text and enums as their values too, ready for ``json.dumps``."""
    if exclude:
        return {k: _dump(getattr(obj, k), json) for k in _dumped(type(obj)) if k not in exclude}
    return _dump(obj, json)


_LEAVES = frozenset({str, int, float, bool, type(None)})


def _dump(o: Any, json: bool) -> Any:
    if type(o) in _LEAVES:
        return o
    if hasattr(type(o), "__record_fields__"):
        return {k: _dump(getattr(o, k), json) for k in _dumped(type(o))}
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
