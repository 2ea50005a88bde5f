"""A value that remembers where it came from, so findings can go back to that cell."""

from __future__ import annotations

from typing import Any, get_args

from xl_careplan.record import record


@record(frozen=True)
class Loc:
    sheet: str
    cell: str  # A1 of the top-left cell of a merged range

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"


@record(eq=False)
class Located:
    """A parsed value with its origin.

    ``value`` is None when the cell is blank *or* could not be parsed; ``problem`` says which
    (a Japanese message) so checks can report it at ``loc`` instead of the reader crashing.

    ``Located[T]`` is a subclass that knows its value type (``value_type``: readers check a parsed value
    against it); all Located compare equal by their fields, whatever the T.
    """

    value: Any = None
    raw: str | None = None  # the text as written in the cell (for messages and the round trip)
    loc: Loc | None = None  # None: the field was not found in the workbook at all
    problem: str | None = None

    value_type = Any  # class attribute (not a field): the T of Located[T]

    @property
    def blank(self) -> bool:
        return self.value is None and not self.raw

    @property
    def found(self) -> bool:
        return self.loc is not None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Located):
            return NotImplemented
        return (self.value == other.value and self.raw == other.raw and self.loc == other.loc
                and self.problem == other.problem)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __class_getitem__(cls, item: Any) -> type[Located]:
        return _typed(item)

    def __reduce__(self):  # Located[T] classes are made at run time: pickle by their T
        return _rebuild, (self.value_type, self.value, self.raw, self.loc, self.problem)


_TYPED: dict[Any, type[Located]] = {}


def _typed(item: Any) -> type[Located]:
    hit = _TYPED.get(item)
    if hit is None:
        name = f"Located[{item.__name__ if isinstance(item, type) and not get_args(item) else repr(item)}]"
        hit = _TYPED[item] = type(name, (Located,), {"__slots__": (), "value_type": item, "__qualname__": name,
                                                     "__module__": __name__})
    return hit


def _rebuild(value_type: Any, value: Any, raw: str | None, loc: Loc | None, problem: str | None) -> Located:
    cls = Located if value_type is Any else _typed(value_type)
    return cls(value=value, raw=raw, loc=loc, problem=problem)
