"""Errors with Japanese messages that name the file (and cell when known)."""

from __future__ import annotations


class XlCareplanError(Exception):
    """Base: a problem the user can act on. ``str()`` is the Japanese message."""

    exit_code = 2

    def __init__(self, message: str, file: str | None = None, sheet: str | None = None, cell: str | None = None):
        self.message = message
        self.file = file
        self.sheet = sheet
        self.cell = cell
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}"
            if self.sheet:
                where += f" のシート「{self.sheet}」"
            if self.cell:
                where += f" セル {self.cell}"
            where += ": "
        return where + self.message


class WorkbookReadError(XlCareplanError):
    """Not a workbook, broken, encrypted, old .xls, unreadable."""


class NotACarePlanError(XlCareplanError):
    """A readable workbook that holds no care plan."""


class ProfileError(XlCareplanError):
    """A profile or layout file that cannot be used."""


class WriteRefusedError(XlCareplanError):
    """The writer would lose something it cannot preserve."""
