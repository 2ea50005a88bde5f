"""Settings a user writes — a profile's ``[params.CODE]`` tables and its ``[schedule]`` — as ``@record`` classes whose
given values are checked and converted when the object is built.

The conversions are the lax ones the TOML types need (and the ones the settings accepted before this module,
when they were pydantic models): an int field takes 5, 5.0, "5" and true; a float field takes ints and numeric
text; a bool field takes true/false, 0/1 and "yes"/"no"/"on"/"off"…; a str field takes only text; a list
takes an array; a dict takes a table. Anything else, an unknown key, or a value outside ``ge``/``gt``/``le``
raises ``SettingError`` naming the key (``limits.要介護1``) with a Japanese message. Defaults are not checked.
"""

from __future__ import annotations

import re
import sys
import types
import typing
from functools import lru_cache
from typing import Any, Callable

from xl_careplan.record import MISSING, Field, record



class SettingError(ValueError):
    """A bad setting: ``key`` is the dotted path inside the settings object ("" for the whole object)."""

    def __init__(self, key: str, message: str, *, unknown: bool = False):
        super().__init__(f"{key}: {message}" if key else message)
        self.key = key
        self.message = message
        self.unknown = unknown  # the key is not a setting at all


def setting(default: Any = MISSING, *, factory: Callable[[], Any] | Any = MISSING, ge: float | None = None,
            gt: float | None = None, le: float | None = None, description: str = "",
            before: Callable[[Any], Any] | None = None, after: Callable[[Any], Any] | None = None) -> Any:
    """A checked field: its default (or ``factory``), bounds, description (shown by ``rules --explain``), and
    ``before`` (turns what the user wrote into the field's type) / ``after`` (a last check or completion)."""
    meta = {"description": description, "ge": ge, "gt": gt, "le": le, "before": before, "after": after}
    return Field(default, factory, meta)


def checked(cls: type) -> type:
    """``@checked``: a ``@record`` class whose constructor checks the values it is given. A class may
    define ``_check(self)`` for what involves several fields (it raises SettingError)."""
    cls = record(cls)
    init = cls.__init__

    def __init__(self, **given: Any) -> None:
        specs = _specs(type(self))
        for key in given:
            if key not in specs:
                raise SettingError(key, "不明な設定です", unknown=True)
        init(self, **{k: _convert_field(specs[k], k, v) for k, v in given.items()})
        check = getattr(self, "_check", None)
        if check is not None:
            check()

    __init__.__doc__ = init.__doc__
    cls.__init__ = __init__
    return cls


class _Spec(typing.NamedTuple):
    annotation: Any
    metadata: Any


@lru_cache(maxsize=None)
def _specs(cls: type) -> dict[str, _Spec]:
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    return {f.name: _Spec(hints[f.name], f.metadata) for f in cls.__record_fields__}


def _convert_field(spec: _Spec, key: str, value: Any) -> Any:
    m = spec.metadata
    before, after = m.get("before"), m.get("after")
    try:
        if before is not None:
            value = before(value)
        value = convert(spec.annotation, value, key)
        for bound, ok, words in (("ge", lambda v, b: v >= b, "以上"), ("gt", lambda v, b: v > b, "より大きく"),
                                 ("le", lambda v, b: v <= b, "以下")):
            b = m.get(bound)
            if b is not None and value is not None and not ok(value, b):
                raise SettingError(key, f"{b} {words}にしてください（{value!r}）")
        if after is not None:
            value = after(value)
    except SettingError:
        raise
    except (ValueError, TypeError) as e:
        raise SettingError(key, str(e)) from None
    return value


_BOOL_WORDS = {"0": False, "off": False, "f": False, "false": False, "n": False, "no": False,
               "1": True, "on": True, "t": True, "true": True, "y": True, "yes": True}


def convert(ann: Any, value: Any, key: str = "") -> Any:
    """``value`` as ``ann`` (int, float, bool, str, list[X], dict[K, V], X | None, Any), or SettingError."""
    origin = typing.get_origin(ann)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(ann)
        if value is None and type(None) in args:
            return None
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return convert(rest[0], value, key)
        raise TypeError(f"unsupported setting type {ann!r}")  # a programming error, not the user's
    if ann is Any:
        return value
    if origin is list:
        (item,) = typing.get_args(ann) or (Any,)
        if not isinstance(value, (list, tuple, set, frozenset)):
            raise SettingError(key, f"一覧（[ … ]）で書いてください（{value!r}）")
        return [convert(item, x, f"{key}.{i}") for i, x in enumerate(value)]
    if origin is dict:
        k_t, v_t = typing.get_args(ann) or (Any, Any)
        if not isinstance(value, dict):
            raise SettingError(key, f"表（{{ … }}）で書いてください（{value!r}）")
        return {convert(k_t, k, f"{key}.{k}"): convert(v_t, v, f"{key}.{k}") for k, v in value.items()}
    if ann is bool:
        return _to_bool(value, key)
    if ann is int:
        return _to_int(value, key)
    if ann is float:
        return _to_float(value, key)
    if ann is str:
        if isinstance(value, str):
            return value
        raise SettingError(key, f"文字列で書いてください（{value!r}）")
    raise TypeError(f"unsupported setting type {ann!r}")


def _to_bool(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
        return _BOOL_WORDS[value.strip().lower()]
    raise SettingError(key, f"true か false で書いてください（{value!r}）")


def _to_int(value: Any, key: str) -> int:
    if isinstance(value, int):  # bool too: true is 1
        return int(value)
    if isinstance(value, str) and _INT_TEXT.fullmatch(value.strip()):
        return int(value.strip().partition(".")[0])
    if isinstance(value, float) and value.is_integer():
        return int(value)
    why = "は小数です" if isinstance(value, float) else ""
    raise SettingError(key, f"整数で書いてください（{value!r}{why}）")


_INT_TEXT = re.compile(r"[+-]?[0-9]+(?:\.0+)?")
_FLOAT_TEXT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)", re.I)


def _to_float(value: Any, key: str) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and _FLOAT_TEXT.fullmatch(value.strip()):
        return float(value.strip())
    raise SettingError(key, f"数で書いてください（{value!r}）")
