"""A value that remembers where it came from, so findings can go back to that cell."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Loc(BaseModel):
    model_config = ConfigDict(frozen=True)
    sheet: str
    cell: str  # A1 of the top-left cell of a merged range

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"


class Located(BaseModel, Generic[T]):
    """A parsed value with its origin.

    ``value`` is None when the cell is blank *or* could not be parsed; ``problem`` says which
    (a Japanese message) so checks can report it at ``loc`` instead of the reader crashing.
    """

    value: T | None = None
    raw: str | None = None  # the text as written in the cell (for messages and the round trip)
    loc: Loc | None = None  # None: the field was not found in the workbook at all
    problem: str | None = None

    @property
    def blank(self) -> bool:
        return self.value is None and not self.raw

    @property
    def found(self) -> bool:
        return self.loc is not None
