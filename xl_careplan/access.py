"""One workbook-access interface, three implementations: a file, a live Excel workbook
(xlwings) and a live LibreOffice Calc document (UNO).

The annotator, the 点検結果 sheet and the monitoring scheduler only talk to this protocol,
so the command line, the Excel button and the Calc button share every line of logic
(the button's click flow itself is ``xl_careplan.addin.flow.click``).
Implementations: ``xl_careplan.writer.editor.PackageWorkbook`` (a file's zip package, edited in place),
``xl_careplan.addin.live.LiveWorkbook`` and ``xl_careplan.addin.uno_access.UnoWorkbook``.
"""

from __future__ import annotations

from typing import Any, Protocol, Sequence

from xl_careplan.grid import WorkbookGrid


class WorkbookAccess(Protocol):
    label: str  # file path as given, or the live workbook's name (for Finding.file)

    def grid(self) -> WorkbookGrid:
        """All sheets' values and merged ranges, read in bulk."""

    def sheet_names(self) -> list[str]: ...

    # cell notes (comments)
    def get_note(self, sheet: str, cell: str) -> str | None: ...
    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        """Set or (with None) delete the note on a cell."""

    # solid fill colour as 'RRGGBB' (None: no fill)
    def get_fill(self, sheet: str, cell: str) -> str | None: ...
    def set_fill(self, sheet: str, cell: str, rgb: str | None) -> None: ...

    def set_value(self, sheet: str, cell: str, value: Any) -> None: ...

    def write_sheet(
        self,
        name: str,
        rows: Sequence[Sequence[Any]],
        *,
        links: dict[str, str] | None = None,  # A1 in this sheet -> "'Sheet'!B3" target
        col_widths: dict[str, float] | None = None,
        hidden: bool = False,
    ) -> None:
        """Create or replace a sheet we own (点検結果, our hidden state sheet) with these rows."""

    def read_sheet(self, name: str) -> list[list[Any]] | None:
        """Rows of a sheet we own, or None when absent."""
