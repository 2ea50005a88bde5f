"""How often a monitoring home visit is due: shared by the schedule (``schedule.py``) and rule CP170.

* 要介護 (居宅介護支援): every calendar month (運営基準 第13条第14号).
* 要支援・事業対象者 (介護予防支援): at least once in every block of ``SUPPORT_VISIT_INTERVAL_MONTHS``
  months, counted from the month after the month the service starts (予防基準 第30条第16号:
  サービスの提供を開始する月の翌月から起算して3月に1回).

What counts as a recorded home visit differs on purpose between the two users: the schedule reads
the sheet's 種別 generously (an unlabelled row with a 実施日 keeps a visit from being planned twice),
CP170 strictly (方法 first, the assessment month, テレビ電話 with ``video_counts``), so only the rhythm
lives here.
"""

from __future__ import annotations

from typing import Sequence, TypeVar

SUPPORT_VISIT_INTERVAL_MONTHS = 3

M = TypeVar("M")


def support_blocks(months: Sequence[M], n: int = SUPPORT_VISIT_INTERVAL_MONTHS) -> list[Sequence[M]]:
    """The blocks of ``n`` months that each need a home visit in a 要支援 plan.

    ``months``: the plan's months in order, the start month first (any month representation: (y, m)
    tuples or month indices). The start month itself belongs to no block; the last block is shorter
    when the months run out (callers that judge only finished blocks drop it).
    """
    counted = months[1:]  # 翌月から起算
    return [counted[i:i + n] for i in range(0, len(counted), n)]
