"""The three numbers the standard CSV needs and the care-plan model does not hold: 保険者番号, 被保険者番号,
事業所番号. Many offices write them on 第1表 (or a 基本情報 sheet) as a label with digits to its right or below;
they are read here only for the export, so the checks never depend on them.
"""

from __future__ import annotations

import re
import unicodedata

from xl_careplan.grid import WorkbookGrid

_LABELS = {
    "insurer_no": ("保険者番号",),
    "insured_no": ("被保険者番号",),
    "sender": ("事業所番号", "居宅介護支援事業所番号", "介護保険事業所番号"),
}
_DIGITS = {"insurer_no": 6, "insured_no": 10, "sender": 10}


def _norm(v) -> str:
    s = unicodedata.normalize("NFKC", str(v)) if v is not None else ""
    return re.sub(r"[\s　:：]", "", s)


def _digits_of(v, digits: int) -> str:
    """A number cell loses its leading zeros (保険者番号 012345 is stored as 12345): put them back."""
    if isinstance(v, bool):
        return ""
    if isinstance(v, (int, float)) and float(v).is_integer() and v >= 0:
        return str(int(v)).zfill(digits)
    return _norm(v)


def find_ids(grid: WorkbookGrid) -> dict[str, str]:
    """{key: digits} for the numbers found next to their labels (right, or below), with the right length."""
    found: dict[str, str] = {}
    for sheet in grid.sheets:
        for r, c, v in sheet.iter_cells():
            label = _norm(v)
            for key, names in _LABELS.items():
                if key in found:
                    continue
                for name in names:
                    if not label.startswith(name):
                        continue
                    rest = label[len(name):]
                    digits = _DIGITS[key]
                    if re.fullmatch(rf"\d{{{digits}}}", rest):
                        found[key] = rest
                        break
                    if rest:
                        continue
                    _, _, r3, c3 = sheet.extent(r, c)
                    for rr, cc in ((r, c3 + 1), (r, c3 + 2), (r3 + 1, c)):
                        cand = _digits_of(sheet.value(rr, cc), digits)
                        if re.fullmatch(rf"\d{{{digits}}}", cand):
                            found[key] = cand
                            break
                    if key in found:
                        break
    return found
