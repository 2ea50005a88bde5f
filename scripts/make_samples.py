"""Generate the sample workbooks in samples/ (plus samples/expected.toml and samples/README.md).

All content is fictional. Output is deterministic: fixed dates, no randomness, fixed document and
zip timestamps (``xl_careplan.template.save_deterministic``), so regenerating gives the same files.

Each plan is ONE plain dict (第1表 fields, the needs tree, the weekly grid, the meeting, the assessment,
the monitoring rows, the acknowledgements). Renderers turn a plan into a workbook:

- ``render_template(plan)``  our template (xl_careplan.template.build_template + fields.py cells)
- ``render_office_b(plan)``  another office's form: sheet names 居宅サービス計画書(1)…, label variants,
                             和暦 text dates, some values below their labels, columns shifted, merged 第2表
- ``render_office_c(plan)``  a third form: full-width digits, 要介護２, period in two cells around 「～」,
                             第2表 need written once with blank cells below (no merges), real date cells

Samples 01, 03 and 04 are the same plan dict rendered three ways, so they cannot drift apart.
Problems planted in a sample carry their expectation (rule, sheet, cell) next to the data; the script
resolves the cell from the layout and writes samples/expected.toml and the table in samples/README.md.

Usage: python scripts/make_samples.py [OUT_DIR]
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import sys
import unicodedata
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tomli_w  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, Side  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402
from openpyxl.utils.cell import column_index_from_string  # noqa: E402
from openpyxl.worksheet.properties import PageSetupProperties  # noqa: E402

from xl_careplan import fields as F  # noqa: E402
from xl_careplan.template import build_template, save_deterministic  # noqa: E402

D = dt.date
FIXED_TIME = dt.datetime(2026, 11, 25, 9, 0, 0)
WEEKDAYS = ["月", "火", "水", "木", "金", "土", "日"]
NON_INSURED = ("家族", "本人", "インフォーマル")
PROFILES = ["national", "asahikawa", "nayoro"]


class Raw(str):
    """A value written to the cell exactly as given (e.g. an unreadable date 'R8.13.1')."""


# --------------------------------------------------------------------------- 和暦 and width helpers

ERAS = [(D(2019, 5, 1), "令和", "R"), (D(1989, 1, 8), "平成", "H"), (D(1926, 12, 25), "昭和", "S")]


def _era(d: dt.date) -> tuple[str, str, int]:
    for start, name, abbr in ERAS:
        if d >= start:
            return name, abbr, d.year - start.year + 1
    raise ValueError(d)


def wa_long(d: dt.date) -> str:
    """令和8年9月1日"""
    name, _, y = _era(d)
    return f"{name}{'元' if y == 1 else y}年{d.month}月{d.day}日"


def wa_short(d: dt.date) -> str:
    """R8.9.1"""
    _, abbr, y = _era(d)
    return f"{abbr}{y}.{d.month}.{d.day}"


_ZEN = str.maketrans("0123456789.,:RHS()", "０１２３４５６７８９．，：ＲＨＳ（）")


def zen(s: str) -> str:
    """Full-width digits, dots and era letters: Ｒ８．９．１"""
    return s.translate(_ZEN)


# --------------------------------------------------------------------------- plan constructors


def svc(content: str, service_type: str, provider: str, frequency: str, period, *, insured: bool | None = None,
        expect: list | None = None) -> dict:
    return {
        "content": content,
        "insured": (service_type not in NON_INSURED) if insured is None else insured,
        "service_type": service_type,
        "provider": provider,
        "frequency": frequency,
        "period": period,
        "expect": expect or [],
    }


def sg(text: str, period, services: list[dict], *, expect: list | None = None) -> dict:
    return {"text": text, "period": period, "services": services, "expect": expect or []}


def lg(text: str, period, shorts: list[dict], *, expect: list | None = None) -> dict:
    return {"text": text, "period": period, "short_goals": shorts, "expect": expect or []}


def need(text: str, longs: list[dict], *, expect: list | None = None) -> dict:
    return {"text": text, "long_goals": longs, "expect": expect or []}


def ex(rule: str, field: str, *, profile: str = "national", severity: str = "error", note: str = "",
       allow: bool = False, acknowledged: bool = False, not_in: tuple[str, ...] = ()) -> dict:
    """An expected finding on a field of the object it is attached to (``allow``: may or may not appear).

    ``profile`` is the profile that brings the rule (national rules run under every profile); ``not_in`` lists
    profiles where another rule replaces it at the same cell (TX401 -> NY301 under nayoro).
    """
    profiles = [p for p in (PROFILES if profile == "national" else [profile]) if p not in not_in]
    return {"rule": rule, "field": field, "profile": profile, "profiles": profiles, "severity": severity,
            "note": note, "allow": allow, "acknowledged": acknowledged}


ASSESSMENT_DEFAULTS: dict[int, str] = {
    1: "居宅介護支援事業所にて受付。利用者・家族から基本情報を聴取済み。",
    2: "長年この地域で暮らし、家事は本人が担ってきた。",
    3: "介護保険、後期高齢者医療制度、老齢年金を受給。",
    4: "利用中の介護保険サービス・家族の支援は第2表のとおり。",
    5: "J2",
    6: "自立",
    7: "本人・家族の意向は第1表のとおり。",
    8: "要介護状態区分・認定の有効期間は第1表のとおり。審査会の意見は特になし。",
    9: "更新認定に伴う再アセスメント。",
    10: "高血圧症で内科に月1回通院。服薬は1日2回。",
    11: "屋内の移動・食事・排泄は自立。",
    12: "掃除・洗濯は自分で行っている。",
    13: "日常の意思決定は自分でできる。",
    14: "会話による意思疎通は可能。聴力・視力に大きな問題はない。",
    15: "起床6時、就寝22時。日中は居間で過ごすことが多い。",
    16: "排尿・排便ともに自立。夜間トイレ1回。",
    17: "入浴・整容は自分で行っている。",
    18: "上下義歯。手入れは自分で行い、口腔内に問題はない。",
    19: "食欲あり。1日3食摂取している。",
    20: "近所の友人との付き合いがある。",
    21: "家族との関係は良好。",
    22: "持ち家（一戸建て）。冬期は除雪を町内会の業者に依頼。",
    23: "特になし。",
}


def assessment(assessed_on, overrides: dict[int, tuple[str, bool, list[int]]]) -> dict:
    items = []
    for i in range(1, len(F.ASSESSMENT_ITEMS) + 1):
        status, issue, refs = overrides.get(i, (ASSESSMENT_DEFAULTS[i], False, []))
        items.append({"status": status, "has_issue": issue, "need_refs": refs})
    return {"assessed_on": assessed_on, "items": items}


def mon(planned_on, kind, done_on=None, method="", note="") -> dict:
    return {"planned_on": planned_on, "kind": kind, "done_on": done_on, "method": method, "note": note}


# --------------------------------------------------------------------------- plans

P_SHORT = (D(2026, 10, 1), D(2027, 3, 31))  # 6 months
P_LONG = (D(2026, 10, 1), D(2027, 8, 31))  # within 認定の有効期間 R8.9.1～R9.8.31
OFFICE_ASAHI = "居宅介護支援事業所あさひ　旭川市神楽3条5丁目1-8"
OFFICE_NAYORO = "なよろ居宅介護支援センターひまわり　名寄市西3条南6丁目2-4"


def plan_asahikawa_clean() -> dict:
    """Sample 01 (and 03, 04, 10): 要介護2, 旭川市, three needs, clean under every profile."""
    return {
        "t1": {
            "created_on": D(2026, 9, 20),
            "plan_kind": "継続",
            "certification_status": "認定済",
            "user_name": "北野 ハル",
            "birth_date": D(1944, 5, 12),
            "address": "旭川市神楽3条7丁目2-15",
            "care_manager": "佐藤 美咲",
            "office": OFFICE_ASAHI,
            "first_created_on": D(2024, 9, 10),
            "changed_on": None,
            "certified_on": D(2026, 8, 25),
            "cert_period": (D(2026, 9, 1), D(2027, 8, 31)),
            "care_level": "要介護2",
            "user_intent": (
                "本人：膝が痛くて買物やお風呂が大変になってきたが、これからも自分でスーパーに行って好きな物を選び、"
                "料理を作って暮らしたい。\n長女：仕事があり毎日は来られないが、週末の買物には付き添いたい。"
                "母には家で元気に暮らしてほしい。\n課題分析の結果：下肢筋力の低下と膝の痛みにより入浴と買物に支障が"
                "出ており、物忘れによる薬の飲み忘れで血圧が不安定になっている。"
            ),
            "committee_opinion": "特になし",
            "overall_policy": (
                "膝の痛みや物忘れがあっても、住み慣れた神楽の自宅で、自分で買物に出かけて好きな料理を作る"
                "自分らしい生活を続けられるよう、ご本人の「できること」を大切にしながら、通所リハビリテーションでの"
                "体力づくりと、入浴・服薬の支援をチームで行います。\n緊急連絡先：長女（旭川市内在住）"
            ),
            "living_support_reason": "",
            "consent_on": D(2026, 9, 26),
            "delivered_on": D(2026, 9, 26),
        },
        "needs": [
            need(
                "膝の痛み（変形性膝関節症）と下肢筋力の低下のため、浴槽をまたぐ時にふらつき一人での入浴が難しいが、"
                "自宅のお風呂に入って清潔を保ちたい",
                [lg("手すりにつかまり、自宅の浴槽に一人で出入りして入浴する", P_LONG, [
                    sg("手すりにつかまって浴槽を自分でまたぎ、週2回入浴する", P_SHORT, [
                        svc("入浴時の見守りと声かけ、背中・足先の洗身介助、入浴前の体調（血圧）確認",
                            "訪問介護", "ヘルパーステーションかぐら", "週2回（火・金）", P_SHORT),
                        svc("浴槽をまたぐ時と浴室内での立ち上がりの支えとするため、浴槽用手すりを貸与する",
                            "福祉用具貸与", "ほっかい福祉用具サービス", "随時", P_SHORT),
                    ]),
                ])],
            ),
            need(
                "下肢筋力の低下のため、長く歩くと膝が痛み近所のスーパーまで歩いて行けなくなっているが、"
                "自分で食材を選んで買物を続けたい",
                [lg("自宅から約400mのスーパーまでシルバーカーを押して歩いて行き、自分で食材を選んで買う", P_LONG, [
                    sg("シルバーカーを押して、休まずに200m歩く", P_SHORT, [
                        svc("下肢筋力訓練・歩行訓練（屋外歩行を含む）、シルバーカーを使った買物動作の練習",
                            "通所リハビリテーション", "あさひ通所リハビリテーションセンター", "週2回（月・木）", P_SHORT),
                        svc("週末の買物に同行し重い荷物を持つ。食材は本人が選ぶ", "家族", "長女", "週1回（土）", P_SHORT),
                    ]),
                ])],
            ),
            need(
                "物忘れがあり薬の飲み忘れが週に数回あるため血圧が不安定になっているが、決められた時間に自分で薬を飲み、"
                "体調を保ちたい",
                [lg("お薬カレンダーを使い、毎日決められた時間に自分で薬を飲む", P_LONG, [
                    sg("朝・夕の薬を飲んだら、カレンダーに自分で印をつける", P_SHORT, [
                        svc("薬の一包化とお薬カレンダーへのセット、服薬状況と残薬の確認、主治医への報告",
                            "居宅療養管理指導", "かぐら調剤薬局", "月2回", P_SHORT),
                        svc("通院に付き添い、主治医に服薬と血圧の記録を伝える", "家族", "長女", "月1回", P_SHORT),
                    ]),
                ])],
            ),
        ],
        "weekly": {
            "entries": [
                ("月", "10:00", "通所リハビリテーション（あさひ通所リハビリテーションセンター）"),
                ("木", "10:00", "通所リハビリテーション（あさひ通所リハビリテーションセンター）"),
                ("火", "14:00", "訪問介護（入浴の見守り・介助）"),
                ("金", "14:00", "訪問介護（入浴の見守り・介助）"),
                ("土", "14:00", "家族（長女・買物同行）"),
            ],
            "activities": {
                "6:00": "起床・洗面",
                "8:00": "朝食・服薬（カレンダーに印）",
                "12:00": "昼食",
                "18:00": "夕食・服薬（カレンダーに印）",
                "22:00": "就寝",
            },
            "non_weekly": "福祉用具貸与（浴槽用手すり）、居宅療養管理指導（薬剤師・月2回）、通院（長女付き添い・月1回）",
        },
        "meeting": {
            "held_on": D(2026, 9, 24),
            "place": "利用者宅",
            "attendees": (
                "本人、長女、ヘルパーステーションかぐら（サービス提供責任者）、あさひ通所リハビリテーションセンター"
                "（理学療法士）、ほっかい福祉用具サービス（福祉用具専門相談員）、かぐら調剤薬局（薬剤師）、介護支援専門員"
            ),
            "topics": "①入浴の方法と手すりの位置　②買物を続けるための体力づくり　③薬の飲み忘れを防ぐ方法",
            "discussion": (
                "①浴槽の左側に手すりを置き、またぐ動作を本人と確認した。洗える所は本人が洗い、背中と足先のみ介助する。\n"
                "②理学療法士より、屋外歩行200mを当面の目標とし、シルバーカーでの買物動作を練習する提案があった。\n"
                "③薬剤師が一包化しお薬カレンダーにセットする。本人は飲んだらカレンダーに印をつける。\n"
                "④主治医（かぐら内科）に事前に照会し、通所リハビリテーションでの運動と薬剤師による居宅療養管理指導の指示を得ている。"
            ),
            "conclusion": "原案のとおり実施する。短期目標の評価は令和9年3月に行う。",
            "remaining": "膝の痛みが強くなった場合の対応を主治医と相談する。（次回：令和9年3月、短期目標の評価時）",
        },
        "assessment": assessment(D(2026, 9, 12), {
            5: ("A1", False, []),
            6: ("Ⅰ", False, []),
            10: ("変形性膝関節症、高血圧症。血圧が150台の日が続くことがある。", True, [3]),
            11: ("屋内は伝い歩き。浴槽をまたぐ時にふらつきがある。", True, [1]),
            12: ("買物は近所のスーパー（約400m）まで歩けず、長女の付き添いで週1回。調理は自分で行う。", True, [2]),
            13: ("物忘れがあり、薬の飲み忘れが週に2～3回ある。", True, [3]),
            17: ("自宅の浴槽での入浴に不安があり、入浴回数が週1回に減っている。", True, [1]),
            21: ("独居。長女が旭川市内に住み、週末に訪問している。", False, []),
            22: ("持ち家（一戸建て）。浴槽が深く、浴室に手すりがない。", True, [1]),
        }),
        "monitoring": [
            mon(D(2026, 9, 28), "モニタリング訪問", D(2026, 9, 28), "居宅訪問", "手すりの設置を確認し、浴槽の出入りを本人と確認した。"),
            mon(D(2026, 10, 27), "モニタリング訪問", D(2026, 10, 27), "居宅訪問",
                "通所リハに休まず参加している。入浴は手すりを使い見守りで実施できている。飲み忘れは週1回程度に減少。"),
            mon(D(2026, 11, 20), "モニタリング訪問", D(2026, 11, 20), "居宅訪問", "シルバーカーで150m休まず歩けた。長女との買物を継続している。"),
            mon(D(2026, 12, 18), "モニタリング訪問"),
            mon(D(2027, 3, 19), "目標評価"),
            mon(D(2027, 7, 15), "更新手続"),
        ],
        "acks": [],
        "expect_plan": [],
    }


def plan_nayoro_shien() -> dict:
    """Sample 02: 要支援2, 名寄市, on the 居宅サービス計画書 form: advice about the form (CP103, info), checked with the
    予防基準's differences (3-monthly home visits); the schedule plans visits every 3 months and contact in the other months."""
    ps, pl = (D(2026, 9, 1), D(2027, 2, 28)), (D(2026, 9, 1), D(2027, 7, 31))
    return {
        "t1": {
            "created_on": D(2026, 8, 20),
            "plan_kind": "継続",
            "certification_status": "認定済",
            "user_name": "丸山 トシエ",
            "birth_date": D(1946, 2, 3),
            "address": "名寄市西4条南5丁目3-1",
            "care_manager": "高橋 由紀",
            "office": OFFICE_NAYORO,
            "first_created_on": D(2025, 8, 18),
            "changed_on": None,
            "certified_on": D(2026, 7, 24),
            "cert_period": (D(2026, 8, 1), D(2027, 7, 31)),
            "care_level": "要支援2",
            "user_intent": (
                "本人：冬道で転ぶのが怖くて外に出るのが減った。冬も毎週の老人クラブに歩いて行き、友達と話したい。\n"
                "長男（名寄市内）：転ばないように体力をつけてほしい。\n"
                "課題分析の結果：腰痛と下肢筋力・バランス能力の低下により屋外歩行と玄関の段差に不安があり、外出が減っている。"
            ),
            "committee_opinion": "特になし",
            "overall_policy": (
                "冬も歩いて老人クラブの集まりに参加し、友人と話すことを楽しみにしている自分らしい生活を続けられるよう、"
                "通所リハビリテーションで体力とバランス能力を高め、玄関の段差を安全に昇り降りできる環境を整えます。"
            ),
            "living_support_reason": "",
            "consent_on": D(2026, 8, 28),
            "delivered_on": D(2026, 8, 28),
        },
        "needs": [
            need(
                "腰痛と下肢筋力の低下のため、雪道や坂道を歩くことに不安があるが、冬も週1回の老人クラブの集まりに"
                "歩いて参加したい",
                [lg("冬道でも自宅から公民館（約500m）まで歩いて行き、老人クラブの集まりに参加する", pl, [
                    sg("杖とスノーシューズを使い、自宅から公民館まで休みながら歩く", ps, [
                        svc("下肢筋力訓練・バランス訓練、冬道を想定した屋外歩行の練習", "通所リハビリテーション",
                            "なよろ通所リハビリテーションセンター", "週1回（水）", ps),
                        svc("通所リハで教わった体操を自宅で行い、行った日をカレンダーに記録する", "本人", "本人",
                            "週2回（火・土）", ps),
                    ]),
                ])],
            ),
            need(
                "玄関の段差（約20cm）を昇り降りする時にふらつくため転倒の危険があり、安全に外出したい",
                [lg("玄関の段差を手すりにつかまって一人で昇り降りし、外出する", pl, [
                    sg("手すりにつかまって玄関の段差を昇り降りし、外出時に転ばない", ps, [
                        svc("玄関の段差を安全に昇り降りするため、置き型手すりを貸与する", "福祉用具貸与",
                            "福祉用具サービスなよろ", "随時", ps),
                    ]),
                ])],
            ),
        ],
        "weekly": {
            "entries": [
                ("水", "10:00", "通所リハビリテーション（なよろ通所リハビリテーションセンター）"),
                ("火", "10:00", "本人（自宅で体操）"),
                ("土", "10:00", "本人（自宅で体操）"),
            ],
            "activities": {"6:00": "起床", "8:00": "朝食・服薬", "12:00": "昼食", "18:00": "夕食", "20:00": "入浴", "22:00": "就寝"},
            "non_weekly": "福祉用具貸与（玄関用置き型手すり）、老人クラブ（毎週金曜・公民館）",
        },
        "meeting": {
            "held_on": D(2026, 8, 26),
            "place": "利用者宅",
            "attendees": "本人、長男、なよろ通所リハビリテーションセンター（作業療法士）、福祉用具サービスなよろ（福祉用具専門相談員）、担当職員",
            "topics": "①冬期の外出方法　②玄関の段差の安全対策",
            "discussion": "①作業療法士より、スノーシューズと杖の使い方を通所リハで練習する提案があった。\n②玄関に置き型手すりを設置し、昇り降りの動作を確認した。\n③主治医（なよろ内科）より通所リハビリテーションでの運動について指示を得ている。",
            "conclusion": "原案のとおり実施する。",
            "remaining": "積雪期の状況をモニタリングで確認する。（次回：令和9年2月、目標評価時）",
        },
        "assessment": assessment(D(2026, 8, 10), {
            5: ("J2", False, []),
            10: ("腰部脊柱管狭窄症。長く歩くと腰痛が出る。", True, [1]),
            11: ("屋内は自立。屋外は杖歩行。玄関の段差でふらつく。", True, [1, 2]),
            20: ("毎週金曜日の老人クラブが楽しみだが、冬期は休みがちになる。", True, [1]),
            21: ("独居。長男が名寄市内に住み、週1回訪問している。", False, []),
            22: ("持ち家（一戸建て）。玄関に約20cmの段差があり手すりはない。", True, [2]),
        }),
        "monitoring": [
            mon(D(2026, 9, 29), "モニタリング訪問", D(2026, 9, 29), "居宅訪問", "通所リハに毎週参加。玄関の手すりを使って昇り降りできている。"),
            mon(D(2026, 10, 27), "電話等連絡", D(2026, 10, 27), "電話", "体調に変わりなし。自宅での体操を週2回続けている。"),
            mon(D(2026, 11, 24), "電話等連絡", D(2026, 11, 24), "電話", "初雪後も杖を使って公民館まで歩けている。"),
            mon(D(2026, 12, 22), "モニタリング訪問"),
            mon(D(2027, 2, 23), "目標評価"),
        ],
        "acks": [],
        "expect_plan": [ex("CP103", "t1.care_level", severity="info",
                           note="要支援2の計画が居宅サービス計画書の様式（介護予防サービス・支援計画書が様式例。助言で、点検は続ける）")],
    }


def plan_kaimono_daikou() -> dict:
    """Sample 05: 旭川市の基本方針に載っている買物の例そのまま."""
    p = (D(2026, 10, 1), D(2027, 9, 30))  # 12 months: 長期（1年）, 短期も12か月
    return {
        "t1": {
            "created_on": D(2026, 9, 25),
            "plan_kind": "初回",
            "certification_status": "認定済",
            "user_name": "岩田 キヨ",
            "birth_date": D(1940, 11, 3),
            "address": "旭川市豊岡4条2丁目5-9",
            "care_manager": "中村 健一",
            "office": OFFICE_ASAHI,
            "first_created_on": D(2026, 9, 25),
            "changed_on": None,
            "certified_on": D(2026, 9, 18),
            "cert_period": p,
            "care_level": "要介護1",
            "user_intent": "本人：最近、足腰が弱ってしまい、買物に行けなくなってきたので、介護サービスで買物をお願いしたい。\n次男：重い物は自分が届ける。",
            "committee_opinion": "特になし",
            "overall_policy": "足腰が弱っても健康に留意した食生活を送れるよう、買物を支援します。",
            "living_support_reason": "",
            "consent_on": D(2026, 9, 29),
            "delivered_on": D(2026, 9, 29),
        },
        "needs": [
            need("買物を行い、健康に留意した食生活を送る必要がある", [
                lg("健康な生活を続ける", p, [
                    sg("栄養に留意した買物を行う", p, [
                        svc("買物の代行支援", "訪問介護", "ヘルパーステーションとよおか", "週2回（火・金）", p),
                        svc("米や灯油など重い物を届ける", "家族", "次男", "月2回", p),
                    ], expect=[
                        ex("AS201", "period", profile="asahikawa", severity="warning", note="短期目標12か月（6か月を超える）"),
                        dict(ex("AS202", "text", profile="asahikawa", severity="warning", note="買物の目標に対しサービスが「買物の代行支援」"),
                             profiles=["asahikawa", "nayoro"]),
                        ex("TX403", "text", severity="info", allow=True, note="代行による目標（助言）"),
                    ]),
                ], expect=[ex("TX404", "text", severity="info", allow=True, note="「健康な生活を続ける」は観察できる行動がない")]),
            ], expect=[
                ex("NY303", "text", profile="nayoro", severity="warning", allow=True, note="原因・理由の記載がない"),
                ex("AS203", "text", profile="asahikawa", severity="warning", note="課題分析に「なぜ」（原因）がない"),
            ]),
        ],
        "weekly": {
            "entries": [("火", "14:00", "訪問介護（買物）"), ("金", "14:00", "訪問介護（買物）")],
            "activities": {"6:00": "起床", "8:00": "朝食", "12:00": "昼食", "18:00": "夕食", "20:00": "就寝"},
            "non_weekly": "家族（次男・重い物の配達・月2回）",
        },
        "meeting": {
            "held_on": D(2026, 9, 28),
            "place": "利用者宅",
            "attendees": "本人、次男、ヘルパーステーションとよおか（サービス提供責任者）、介護支援専門員",
            "topics": "買物の支援方法",
            "discussion": "本人の希望により、ヘルパーが買物を代行する。",
            "conclusion": "原案のとおり実施する。",
            "remaining": "特になし（次回：更新時）",
        },
        "assessment": assessment(D(2026, 9, 20), {
            9: ("初回のアセスメント。", False, []),
            11: ("足腰が弱ってきたことにより、長く歩くことが難しい。", True, [1]),
            12: ("足腰が弱ってきたことにより、買物が困難になっている。", True, [1]),
        }),
        "monitoring": [
            mon(D(2026, 9, 30), "モニタリング訪問", D(2026, 9, 30), "居宅訪問", "サービス開始前の確認。"),
            mon(D(2026, 10, 28), "モニタリング訪問", D(2026, 10, 28), "居宅訪問", "週2回の買物代行を利用している。"),
            mon(D(2026, 11, 24), "モニタリング訪問", D(2026, 11, 24), "居宅訪問", "変わりなし。"),
            mon(D(2026, 12, 22), "モニタリング訪問"),
        ],
        "acks": [],
        "expect_plan": [ex("CP140", "t1.living_support_reason", note="訪問介護の買物代行（生活援助）があるのに算定理由が空欄"),
                        ex("NY302", "t1.overall_policy", profile="nayoro", severity="warning", allow=True,
                           note="方針が「食生活を送れるよう…支援します」だけで、本人の望む暮らしが薄い")],
    }


def plan_nayoro_request() -> dict:
    """Sample 06: 名寄市ガイドライン 4(4) の「直接的な要望」をそのままニーズにした計画."""
    ps, pl = (D(2026, 10, 16), D(2027, 3, 31)), (D(2026, 10, 16), D(2027, 9, 30))
    return {
        "t1": {
            "created_on": D(2026, 10, 5),
            "plan_kind": "初回",
            "certification_status": "認定済",
            "user_name": "松本 フミ子",
            "birth_date": D(1942, 7, 21),
            "address": "名寄市東3条南2丁目4-10",
            "care_manager": "渡辺 誠",
            "office": OFFICE_NAYORO,
            "first_created_on": D(2026, 10, 5),
            "changed_on": None,
            "certified_on": D(2026, 9, 25),
            "cert_period": (D(2026, 10, 1), D(2027, 9, 30)),
            "care_level": "要介護1",
            "user_intent": "本人：ヘルパーさんに買物や調理、掃除をお願いしたい。友達が通っているデイサービスに通所したい。\n長女（旭川市在住）：母の希望どおりにしてほしい。",
            "committee_opinion": "特になし",
            "overall_policy": "訪問介護と通所介護を利用して在宅生活を支援します。緊急時は長女に連絡します。",
            "living_support_reason": "1. 一人暮らし",
            "consent_on": D(2026, 10, 9),
            "delivered_on": D(2026, 10, 9),
        },
        "needs": [
            need("ヘルパーさんに買物や調理、掃除をお願いしたい", [
                lg("安心して暮らす", pl, [
                    sg("自分で献立を考え、週2回簡単な調理（味噌汁・煮物）を行う", ps, [
                        svc("調理・掃除・買物（生活援助）", "訪問介護", "ヘルパーステーションなよろ", "週2回（月・木）", ps),
                    ], expect=[dict(ex("AS202", "text", profile="asahikawa", severity="warning",
                                       note="本人が調理する目標に、体言止めの生活援助「調理」（名寄市 4(1)⑤ でも）"),
                                    profiles=["asahikawa", "nayoro"])]),
                ], expect=[ex("TX404", "text", severity="info", note="「安心して暮らす」は観察できる行動がない")]),
            ], expect=[
                ex("NY301", "text", profile="nayoro", severity="warning", note="サービスの直接的な要望をニーズにしている"),
                ex("TX401", "text", severity="info", not_in=("nayoro",), note="要望の形のニーズ（名寄市プロファイルでは NY301 に置き換わる）"),
                ex("NY303", "text", profile="nayoro", severity="warning", allow=True, note="原因・理由の記載がない"),
                ex("AS203", "text", profile="asahikawa", severity="warning", note="課題分析に「なぜ」（原因）がない"),
            ]),
            need("友達が通っているデイサービスに通所したい", [
                lg("友人との交流を続け、週2回は外出する", pl, [
                    sg("デイサービスに通う", ps, [
                        svc("送迎、入浴、機能訓練、レクリエーション", "通所介護", "デイサービスセンターてっし", "週2回（火・金）", ps),
                    ], expect=[ex("TX402", "text", severity="info", note="サービスの利用が目標になっている")]),
                ]),
            ], expect=[
                ex("NY301", "text", profile="nayoro", severity="warning", note="サービスの直接的な要望をニーズにしている"),
                ex("TX401", "text", severity="info", not_in=("nayoro",), note="サービス名＋したい（名寄市プロファイルでは NY301 に置き換わる）"),
                ex("NY303", "text", profile="nayoro", severity="warning", allow=True, note="原因・理由の記載がない"),
                ex("AS203", "text", profile="asahikawa", severity="warning", note="課題分析に「なぜ」（原因）がない"),
            ]),
        ],
        "weekly": {
            "entries": [
                ("月", "14:00", "訪問介護（生活援助）"), ("木", "14:00", "訪問介護（生活援助）"),
                ("火", "10:00", "通所介護（デイサービスセンターてっし）"), ("金", "10:00", "通所介護（デイサービスセンターてっし）"),
            ],
            "activities": {"6:00": "起床", "8:00": "朝食", "12:00": "昼食", "18:00": "夕食", "20:00": "就寝"},
            "non_weekly": "",
        },
        "meeting": {
            "held_on": D(2026, 10, 8),
            "place": "利用者宅",
            "attendees": "本人、ヘルパーステーションなよろ（サービス提供責任者）、デイサービスセンターてっし（生活相談員）、介護支援専門員",
            "topics": "サービスの利用曜日",
            "discussion": "本人の希望どおり、訪問介護を月・木、通所介護を火・金とする。",
            "conclusion": "原案のとおり実施する。",
            "remaining": "特になし（次回：令和9年3月）",
        },
        "assessment": assessment(D(2026, 10, 1), {
            9: ("初回のアセスメント。", False, []),
            12: ("買物・調理・掃除をおっくうに感じている。", True, [1]),
            20: ("友人がデイサービスに通っており、自分も行きたいと話す。", True, [2]),
        }),
        "monitoring": [
            mon(D(2026, 10, 29), "モニタリング訪問", D(2026, 10, 29), "居宅訪問", "サービス利用開始。変わりなし。"),
            mon(D(2026, 11, 24), "モニタリング訪問", D(2026, 11, 24), "居宅訪問", "変わりなし。"),
            mon(D(2026, 12, 21), "モニタリング訪問"),
        ],
        "acks": [],
        "expect_plan": [ex("NY302", "t1.overall_policy", profile="nayoro", severity="warning",
                           note="総合的な援助の方針に本人の望む暮らしが書かれていない")],
    }


def plan_period_dates() -> dict:
    """Sample 07: periods and date order."""
    ps, pl = (D(2026, 10, 1), D(2027, 3, 31)), (D(2026, 10, 1), D(2027, 8, 31))
    return {
        "t1": {
            "created_on": D(2026, 9, 20),
            "plan_kind": "継続",
            "certification_status": "認定済",
            "user_name": "工藤 正雄",
            "birth_date": D(1938, 3, 30),
            "address": "旭川市末広5条3丁目6-1",
            "care_manager": "佐藤 美咲",
            "office": OFFICE_ASAHI,
            "first_created_on": D(2025, 3, 12),
            "changed_on": None,
            "certified_on": D(2026, 8, 27),
            "cert_period": (D(2026, 9, 1), D(2027, 8, 31)),
            "care_level": "要介護2",
            "user_intent": "本人：一人でトイレに行けるようになりたい。自分で着替えて通所リハに行きたい。\n妻：夜のトイレの付き添いが負担なので、一人で行けるようになってほしい。",
            "committee_opinion": "特になし",
            "overall_policy": "脳梗塞の後遺症があっても、妻と二人で自宅での生活を続け、好きな囲碁の集まりに再び通える自分らしい生活を目指して、歩行と着替えの練習、血圧の管理を支援します。",
            "living_support_reason": "",
            "consent_on": D(2026, 9, 22),
            "delivered_on": D(2026, 9, 26),
        },
        "needs": [
            need(
                "脳梗塞の後遺症で右半身に軽い麻痺があるため、屋内の移動でふらつき転倒の危険があるが、一人でトイレまで歩いて行きたい",
                [lg("杖を使って寝室からトイレまで一人で歩く", (D(2026, 10, 1), D(2027, 10, 31)), [
                    sg("手すりと杖を使い、見守りのもとでトイレまで歩く", Raw("R8.10.1～R8.13.1"), [
                        svc("歩行訓練・下肢筋力訓練、トイレ動作の練習", "通所リハビリテーション",
                            "すえひろ通所リハビリテーション", "週2回（月・木）", ps),
                    ], expect=[
                        ex("CP102", "period", note="「R8.13.1」は日付として読めない（13月）"),
                        ex("CP123", "period", allow=True, note="読めない期間を空欄扱いする場合"),
                    ]),
                ], expect=[ex("CP120", "period", severity="warning", note="長期目標の終期 令和9年10月31日 が認定の有効期間（令和9年8月31日まで）を超える")])],
            ),
            need(
                "右手の動きが悪いため、ボタンのある服の着替えに時間がかかるが、朝は自分で着替えて身支度を整えたい",
                [lg("前開きの服を自分で着替える", (D(2026, 10, 1), D(2026, 12, 31)), [
                    sg("ボタンの大きい服を選び、自分でボタンをとめて着替える", ps, [
                        svc("更衣の見守り・一部介助（ボタンかけの声かけ）", "訪問介護", "ヘルパーステーションすえひろ",
                            "週2回（火・金）", (D(2026, 10, 1), D(2026, 12, 31))),
                    ], expect=[ex("CP121", "period", note="短期目標（令和9年3月31日まで）が長期目標（令和8年12月31日まで）より長い")]),
                ])],
            ),
            need(
                "高血圧があり塩分の多い食事を好むため血圧の高い日が続いているが、減塩を心がけて体調を保ちたい",
                [lg("塩分を控えた食事を続け、家庭血圧を140未満に保つ", pl, [
                    sg("毎朝血圧を測って手帳に記録し、訪問看護師に見せる", ps, [
                        svc("血圧測定、服薬と食事内容の確認、減塩の助言", "訪問看護", "訪問看護ステーションすえひろ",
                            "月2回", (D(2026, 10, 1), D(2027, 6, 30)), expect=[
                                ex("CP122", "period", severity="warning", note="サービス期間（令和9年6月30日まで）が短期目標（令和9年3月31日まで）を超える")]),
                    ]),
                ])],
            ),
        ],
        "weekly": {
            "entries": [
                ("月", "10:00", "通所リハビリテーション（すえひろ通所リハビリテーション）"),
                ("木", "10:00", "通所リハビリテーション（すえひろ通所リハビリテーション）"),
                ("火", "8:00", "訪問介護（更衣の見守り）"), ("金", "8:00", "訪問介護（更衣の見守り）"),
            ],
            "activities": {"6:00": "起床・血圧測定", "8:00": "朝食・服薬", "12:00": "昼食", "18:00": "夕食・服薬", "22:00": "就寝"},
            "non_weekly": "訪問看護（月2回）",
        },
        "meeting": {
            "held_on": D(2026, 9, 24),
            "place": "利用者宅",
            "attendees": "本人、妻、すえひろ通所リハビリテーション（理学療法士）、ヘルパーステーションすえひろ（サービス提供責任者）、訪問看護ステーションすえひろ（看護師）、介護支援専門員",
            "topics": "①屋内の歩行　②着替え　③血圧の管理",
            "discussion": "①トイレまでの動線に手すりを検討。②大きいボタンの服を長女が用意する。③家庭血圧を毎朝記録する。④主治医の指示書に基づき通所リハビリ・訪問看護を行う。",
            "conclusion": "原案のとおり実施する。",
            "remaining": "夜間のトイレ動作を次回確認する。（次回：令和9年3月）",
        },
        "assessment": assessment(D(2026, 9, 10), {
            10: ("脳梗塞後遺症（右半身の軽い麻痺）、高血圧症。家庭血圧150台が続く。", True, [3]),
            11: ("屋内は伝い歩き、トイレまでふらつきがある。更衣はボタンかけに時間がかかる。", True, [1, 2]),
            19: ("味の濃い物を好み、漬物を毎食食べる。", True, [3]),
            21: ("妻（80歳）と二人暮らし。長女が旭川市内に住む。", False, []),
        }),
        "monitoring": [
            mon(D(2026, 9, 29), "モニタリング訪問", D(2026, 9, 29), "居宅訪問", "サービス開始前の確認。"),
            mon(D(2026, 10, 27), "モニタリング訪問", D(2026, 10, 27), "居宅訪問", "杖歩行でトイレまで見守りで歩けている。"),
            mon(D(2026, 11, 19), "モニタリング訪問", D(2026, 11, 19), "居宅訪問", "ボタンかけの時間が短くなった。"),
            mon(D(2026, 12, 17), "モニタリング訪問"),
        ],
        "acks": [],
        "expect_plan": [
            ex("CP110", "t1.consent_on", note="説明・同意日（令和8年9月22日）が担当者会議の開催日（令和8年9月24日）より前"),
            ex("CP110", "t4.held_on", allow=True, note="開催日の側に出す場合"),
        ],
    }


def plan_missing_service_fields() -> dict:
    """Sample 08: 援助内容の欠け、福祉用具の理由なし、第3表との不一致、アセスメントに根拠のないニーズ."""
    ps, pl = (D(2026, 11, 1), D(2027, 4, 30)), (D(2026, 11, 1), D(2027, 9, 30))
    return {
        "t1": {
            "created_on": D(2026, 10, 20),
            "plan_kind": "継続",
            "certification_status": "認定済",
            "user_name": "森 ヨシ子",
            "birth_date": D(1941, 9, 9),
            "address": "旭川市春光4条6丁目3-22",
            "care_manager": "中村 健一",
            "office": OFFICE_ASAHI,
            "first_created_on": D(2023, 10, 16),
            "changed_on": None,
            "certified_on": D(2026, 9, 29),
            "cert_period": (D(2026, 10, 1), D(2027, 9, 30)),
            "care_level": "要介護3",
            "user_intent": "本人：日中はベッドから起きて居間で過ごしたい。友達と話す時間がほしい。\n夫：妻が寝たきりにならないようにしたい。",
            "committee_opinion": "特になし",
            "overall_policy": "腰の痛みがあっても、日中は居間で夫とテレビを見て過ごし、週2回は外に出て友人と話す自分らしい生活を続けられるよう、起き上がりと移動の支援、外出の機会づくりを行います。",
            "living_support_reason": "",
            "consent_on": D(2026, 10, 24),
            "delivered_on": D(2026, 10, 24),
        },
        "needs": [
            need(
                "腰椎圧迫骨折後の痛みと筋力低下のため、ベッドからの起き上がりや立ち上がりに時間がかかるが、日中は居間で過ごしたい",
                [lg("ベッドから一人で起き上がり、居間まで歩いて移動する", pl, [
                    sg("介助バーにつかまって一人で起き上がり、ベッドの端に5分座る", ps, [
                        svc("起き上がり・移乗の一部介助、トイレへの誘導", "訪問介護", "ヘルパーステーションしゅんこう",
                            "週3回（月・水・金）", ps, expect=[
                                ex("CP151", "frequency", severity="warning", note="頻度 週3回 に対し第3表は月・金の2回"),
                                ex("CP151", "service_type", severity="warning", allow=True, note="サービス種別のセルに出す場合"),
                            ]),
                        svc("車いす貸与", "福祉用具貸与", "ほっかい福祉用具サービス", "随時", ps, expect=[
                            ex("CP141", "content", note="福祉用具貸与の理由（目的）の記載がない")]),
                    ]),
                ])],
            ),
            need(
                "膝と腰の痛みのため外出の機会が減り、人と話すことがほとんどないが、友人と会って話す時間を持ちたい",
                [lg("週2回外出し、友人や他の利用者と会話を楽しむ", pl, [
                    sg("通所先の体操に参加し、他の利用者と会話する", ps, [
                        svc("送迎、入浴、機能訓練（体操）、昼食", "通所介護", "デイサービスしゅんこう", "週2回（火・木）", ps, expect=[
                            ex("CP150", "service_type", note="通所介護 週2回 が第3表にない"),
                            ex("CP150", "content", allow=True, note="サービス内容のセルに出す場合"),
                        ]),
                    ]),
                ])],
            ),
            need(
                "便秘がちで腹部の張りがあるため食欲が落ちることがあるが、毎日の食事をおいしく食べたい",
                [lg("1日3食を食べ、2日に1回は排便がある", pl, [
                    sg("朝食後にトイレに座る習慣をつける", ps, [
                        svc("状態観察、服薬管理、排便コントロール", "訪問看護", "", "", ps, expect=[
                            ex("CP130", "provider", note="※2 事業所が空欄"),
                            ex("CP130", "frequency", note="頻度が空欄"),
                            ex("CP130", "content", allow=True, note="行の先頭に出す場合"),
                        ]),
                    ]),
                ])],
                expect=[ex("CP160", "text", note="このニーズを関連ニーズ番号に挙げたアセスメント項目がない")],
            ),
        ],
        "weekly": {
            "entries": [
                ("月", "10:00", "訪問介護（起き上がり・移乗）"), ("金", "10:00", "訪問介護（起き上がり・移乗）"),
                ("水", "14:00", "訪問看護"),
            ],
            "activities": {"6:00": "起床", "8:00": "朝食・服薬", "12:00": "昼食", "18:00": "夕食", "20:00": "就寝"},
            "non_weekly": "福祉用具貸与（車いす）",
        },
        "meeting": {
            "held_on": D(2026, 10, 23),
            "place": "利用者宅",
            "attendees": "本人、夫、ヘルパーステーションしゅんこう（サービス提供責任者）、デイサービスしゅんこう（生活相談員）、ほっかい福祉用具サービス（福祉用具専門相談員）、介護支援専門員",
            "topics": "①起き上がりと移動　②外出の機会",
            "discussion": "①介助バーを使った起き上がりを練習する。②通所介護を週2回利用する。③主治医の指示書により訪問看護で健康管理を行う。",
            "conclusion": "原案のとおり実施する。",
            "remaining": "訪問看護の事業所を調整中。（次回：令和9年4月）",
        },
        "assessment": assessment(D(2026, 10, 10), {
            5: ("B1", False, []),
            10: ("腰椎圧迫骨折（令和8年6月）後、腰痛が続く。", True, [1]),
            11: ("起き上がり・立ち上がりに時間がかかり、一部介助が必要。", True, [1]),
            19: ("食欲にむらがある。", False, []),
            20: ("外出が減り、人と話す機会がほとんどない。", True, [2]),
            21: ("夫（85歳）と二人暮らし。", False, []),
        }),
        "monitoring": [
            mon(D(2026, 10, 29), "モニタリング訪問", D(2026, 10, 29), "居宅訪問", "サービス開始前の確認。"),
            mon(D(2026, 11, 24), "モニタリング訪問", D(2026, 11, 24), "居宅訪問", "介助バーを使って起き上がれる日が増えた。"),
            mon(D(2026, 12, 22), "モニタリング訪問"),
        ],
        "acks": [],
        "expect_plan": [],
    }


def plan_seikatsu_enjo_over() -> dict:
    """Sample 09: 要介護1 で訪問介護（生活援助）毎日 → 月30回以上（告示218: 27回）."""
    ps, pl = (D(2026, 11, 1), D(2027, 4, 30)), (D(2026, 11, 1), D(2027, 9, 30))
    return {
        "t1": {
            "created_on": D(2026, 10, 15),
            "plan_kind": "継続",
            "certification_status": "認定済",
            "user_name": "小野寺 和子",
            "birth_date": D(1944, 12, 1),
            "address": "旭川市東光12条4丁目1-5",
            "care_manager": "佐藤 美咲",
            "office": OFFICE_ASAHI,
            "first_created_on": D(2025, 10, 20),
            "changed_on": None,
            "certified_on": D(2026, 9, 24),
            "cert_period": (D(2026, 10, 1), D(2027, 9, 30)),
            "care_level": "要介護1",
            "user_intent": "本人：糖尿病の食事を続けて、入院せずに家で暮らしたい。注射は自分で続けたい。\n長男（札幌市）：遠方で手伝えないので、食事の支援をお願いしたい。",
            "committee_opinion": "特になし",
            "overall_policy": "糖尿病があっても食事療法とインスリン注射を自分で続け、入院せずに自宅で、好きな花を育てる自分らしい生活を続けられるよう、食事と服薬・注射の管理を支援します。",
            "living_support_reason": "1. 一人暮らし（長男は札幌市在住で日常の支援が難しい）",
            "consent_on": D(2026, 10, 21),
            "delivered_on": D(2026, 10, 21),
        },
        "needs": [
            need(
                "糖尿病があり、視力の低下と手のしびれのため包丁や火を使う調理が難しくなっているが、食事療法を続けて血糖値を安定させたい",
                [lg("決められたカロリーの食事を毎日3食とり、HbA1cを7.0%未満に保つ", pl, [
                    sg("作り置きのおかずを電子レンジで温め、自分で盛り付けて食べる", ps, [
                        svc("調理（糖尿病食・1日分の作り置き）、台所と居室の掃除", "訪問介護", "ヘルパーステーションとうこう",
                            "毎日", ps, expect=[
                                ex("CP142", "frequency", severity="warning", note="生活援助 毎日 ≒ 月30回 が要介護1の27回を超える（市への届出が必要）")]),
                    ]),
                ])],
            ),
            need(
                "糖尿病性網膜症で視力が低下しているため、インスリン注射の単位合わせが難しくなっているが、自分で注射を続けたい",
                [lg("拡大鏡を使い、自分でインスリンの単位を合わせて注射する", pl, [
                    sg("看護師と単位を確認したうえで、自分で注射する", ps, [
                        svc("インスリン注射の手技確認、血糖値の確認、足の観察", "訪問看護", "訪問看護ステーションとうこう",
                            "週1回（水）", ps),
                    ]),
                ])],
            ),
        ],
        "weekly": {
            "entries": [(d, "12:00", "訪問介護（生活援助・調理）") for d in WEEKDAYS] + [("水", "10:00", "訪問看護")],
            "activities": {"6:00": "起床・血糖測定", "8:00": "朝食・注射", "12:00": "昼食", "18:00": "夕食・注射", "22:00": "就寝"},
            "non_weekly": "",
        },
        "meeting": {
            "held_on": D(2026, 10, 20),
            "place": "利用者宅",
            "attendees": "本人、長男（電話）、ヘルパーステーションとうこう（サービス提供責任者）、訪問看護ステーションとうこう（看護師）、介護支援専門員",
            "topics": "①食事療法の支援　②インスリン注射",
            "discussion": "①糖尿病食の作り置きを毎日行う。②拡大鏡を使った単位合わせを看護師と確認する。③主治医の指示により訪問看護で血糖とインスリン注射を確認する。",
            "conclusion": "原案のとおり実施する。生活援助の回数が基準回数を超えるため、市に届け出る。",
            "remaining": "配食サービスの利用を検討する。（次回：令和9年4月）",
        },
        "assessment": assessment(D(2026, 10, 5), {
            10: ("2型糖尿病（インスリン使用）、糖尿病性網膜症。HbA1c 7.8%。", True, [1, 2]),
            12: ("視力低下と手のしびれで包丁・火を使う調理が難しい。", True, [1]),
            14: ("会話は問題ないが、小さい字が読めない。", True, [2]),
            21: ("独居。長男は札幌市在住。", False, []),
        }),
        "monitoring": [
            mon(D(2026, 10, 29), "モニタリング訪問", D(2026, 10, 29), "居宅訪問", "サービス開始前の確認。"),
            mon(D(2026, 11, 20), "モニタリング訪問", D(2026, 11, 20), "居宅訪問", "作り置きを自分で温めて食べている。"),
            mon(D(2026, 12, 18), "モニタリング訪問"),
        ],
        "acks": [],
        "expect_plan": [],
    }


def plan_acknowledged() -> dict:
    """Sample 10: sample 01 with a 9-month short goal and a written reason (方針と異なる理由)."""
    p = plan_asahikawa_clean()
    nine = (D(2026, 10, 1), D(2027, 6, 30))
    short = p["needs"][0]["long_goals"][0]["short_goals"][0]
    short["period"] = nine
    for s in short["services"]:
        s["period"] = nine
    short["expect"] = [ex("AS201", "period", profile="asahikawa", severity="warning", acknowledged=True,
                          note="短期目標9か月。方針と異なる理由シートに理由あり")]
    p["meeting"]["discussion"] += "\n主治医より、9月上旬の退院直後で状態が安定しないため、入浴の目標は9か月後に評価するよう意見があった。"
    p["acks"] = [{
        "rule": "AS201", "sheet": F.SHEET_T2, "cell": ("t2", "short_period", 0, 0, 0),
        "reason": "退院直後で状態が安定せず、主治医の意見により評価時期を9か月後とした",
        "written_on": D(2026, 9, 24),
    }]
    p["monitoring"][4] = mon(D(2027, 6, 18), "目標評価")
    return p


def plan_monitoring_gap() -> dict:
    """Sample 11: 要介護3, 令和8年7月作成; 9月のモニタリング記録なし; 担当者会議の記録なし."""
    ps, pl = (D(2026, 8, 1), D(2027, 1, 31)), (D(2026, 8, 1), D(2027, 6, 30))
    return {
        "t1": {
            "created_on": D(2026, 7, 15),
            "plan_kind": "継続",
            "certification_status": "認定済",
            "user_name": "斉藤 勝",
            "birth_date": D(1936, 6, 15),
            "address": "旭川市永山6条18丁目2-7",
            "care_manager": "中村 健一",
            "office": OFFICE_ASAHI,
            "first_created_on": D(2023, 7, 10),
            "changed_on": None,
            "certified_on": D(2026, 6, 26),
            "cert_period": (D(2026, 7, 1), D(2027, 6, 30)),
            "care_level": "要介護3",
            "user_intent": "本人：転ばずに家の中を歩き、妻と一緒にこの家で暮らしたい。\n妻：入浴の介助が体力的に難しくなってきた。",
            "committee_opinion": "特になし",
            "overall_policy": "パーキンソン病があっても、妻と二人で永山の自宅に暮らし、庭の手入れを眺めながら過ごす自分らしい生活を続けられるよう、屋内の歩行と入浴を支援し、妻の介護負担を軽くします。",
            "living_support_reason": "",
            "consent_on": D(2026, 7, 20),
            "delivered_on": D(2026, 7, 20),
        },
        "needs": [
            need(
                "パーキンソン病によるすくみ足と筋力低下のため転倒を繰り返しているが、自宅の中を安全に歩き、妻と一緒に暮らし続けたい",
                [lg("歩行器を使って、寝室から居間・トイレまで一人で歩く", pl, [
                    sg("歩行器を使い、声かけなしで寝室からトイレまで歩く", ps, [
                        svc("歩行訓練、すくみ足への対処方法の練習、住環境の確認", "訪問リハビリテーション",
                            "永山病院 訪問リハビリテーション", "週2回（月・木）", ps),
                        svc("屋内を一人で歩けるよう、四輪歩行器を貸与する", "福祉用具貸与", "ほっかい福祉用具サービス", "随時", ps),
                    ]),
                ])],
            ),
            need(
                "浴槽をまたげず妻の介助では入浴が難しくなっているため、週2回は安全に入浴して清潔を保ちたい",
                [lg("週2回入浴し、皮膚のトラブルなく過ごす", pl, [
                    sg("入浴時に顔・胸・腕は自分で洗う", ps, [
                        svc("入浴介助（機械浴）、機能訓練、送迎", "通所介護", "デイサービスながやま", "週2回（火・金）", ps),
                    ]),
                ])],
            ),
        ],
        "weekly": {
            "entries": [
                ("月", "14:00", "訪問リハビリテーション"), ("木", "14:00", "訪問リハビリテーション"),
                ("火", "10:00", "通所介護（デイサービスながやま）"), ("金", "10:00", "通所介護（デイサービスながやま）"),
            ],
            "activities": {"6:00": "起床・服薬", "8:00": "朝食", "12:00": "昼食・服薬", "18:00": "夕食・服薬", "20:00": "就寝"},
            "non_weekly": "福祉用具貸与（四輪歩行器）",
        },
        "meeting": None,  # 第4表 left blank: no サービス担当者会議 recorded (CP171)
        "assessment": assessment(D(2026, 7, 8), {
            5: ("A2", False, []),
            10: ("パーキンソン病（ヤール3）。すくみ足があり、この3か月で2回転倒。", True, [1]),
            11: ("屋内は伝い歩き。浴槽をまたげない。", True, [1, 2]),
            17: ("妻の介助で入浴していたが、浴槽をまたげず週1回のシャワーのみ。", True, [2]),
            21: ("妻（78歳）と二人暮らし。妻に腰痛がある。", True, [2]),
        }),
        "monitoring": [
            mon(D(2026, 7, 28), "モニタリング訪問", D(2026, 7, 28), "居宅訪問", "サービス開始前の確認。"),
            mon(D(2026, 8, 26), "モニタリング訪問", D(2026, 8, 26), "居宅訪問", "歩行器を使い始めた。転倒なし。"),
            mon(D(2026, 10, 21), "モニタリング訪問", D(2026, 10, 21), "居宅訪問", "通所介護で週2回入浴できている。"),
            mon(D(2026, 11, 18), "モニタリング訪問", D(2026, 11, 18), "居宅訪問", "すくみ足の対処方法を身につけつつある。"),
            mon(D(2026, 12, 16), "モニタリング訪問"),
        ],
        "acks": [],
        "expect_plan": [
            ex("CP170", "mon.next_row", note="令和8年9月のモニタリング訪問の記録がない（記録を書き足す最初の空き行の予定日セル）"),
            ex("CP170", "sheet.モニタリング", allow=True, note="シート全体への指摘とする場合"),
            ex("CP171", "t4.held_on", note="第4表の開催日が空欄（担当者会議の記録なし）"),
        ],
    }


# --------------------------------------------------------------------------- 第2表 row layout


def t2_layout(needs: list[dict], first_row: int) -> dict[tuple, tuple[int, int]]:
    """Row spans: ('need', n) / ('long', n, l) / ('short', n, l, s) -> (first, last); ('svc', n, l, s, v) -> (row, row)."""
    spans: dict[tuple, tuple[int, int]] = {}
    r = first_row
    for n, nd in enumerate(needs):
        n0 = r
        for li, lgd in enumerate(nd["long_goals"]):
            l0 = r
            for si, sgd in enumerate(lgd["short_goals"]):
                s0 = r
                for vi, _ in enumerate(sgd["services"] or [None]):
                    spans[("svc", n, li, si, vi)] = (r, r)
                    r += 1
                spans[("short", n, li, si)] = (s0, r - 1)
            spans[("long", n, li)] = (l0, r - 1)
        spans[("need", n)] = (n0, r - 1)
    return spans


T2_FIELD_OF = {  # expectation field on a tree node -> T2 column key
    ("need", "text"): "need",
    ("long", "text"): "long_goal", ("long", "period"): "long_period",
    ("short", "text"): "short_goal", ("short", "period"): "short_period",
    ("svc", "content"): "content", ("svc", "insured"): "insured", ("svc", "service_type"): "service_type",
    ("svc", "provider"): "provider", ("svc", "frequency"): "frequency", ("svc", "period"): "service_period",
}


def iter_tree(needs: list[dict]):
    """(kind, key, node) for every node of the needs tree; key as in t2_layout."""
    for n, nd in enumerate(needs):
        yield "need", ("need", n), nd
        for li, lgd in enumerate(nd["long_goals"]):
            yield "long", ("long", n, li), lgd
            for si, sgd in enumerate(lgd["short_goals"]):
                yield "short", ("short", n, li, si), sgd
                for vi, s in enumerate(sgd["services"]):
                    yield "svc", ("svc", n, li, si, vi), s


def template_t2_cell(needs: list[dict], ref: tuple) -> str:
    """('t2', column_key, n, l?, s?, v?) -> A1 in our template's 第2表."""
    _, col_key, *idx = ref
    kind = {"need": "need", "long_goal": "long", "long_period": "long", "short_goal": "short",
            "short_period": "short"}.get(col_key, "svc")
    row = t2_layout(needs, F.T2_FIRST_ROW)[(kind, *idx)][0]
    return f"{F.T2_COLUMNS[col_key][0]}{row}"


# --------------------------------------------------------------------------- value formatting


def period_text(p, fmt: Callable[[dt.date], str] = wa_long, sep: str = "～") -> str:
    if p is None:
        return ""
    if isinstance(p, Raw):
        return str(p)
    return f"{fmt(p[0])}{sep}{fmt(p[1])}"


def _set(ws, cell: str, value) -> None:
    if value is None or value == "":
        return
    ws[cell] = str(value) if isinstance(value, Raw) else value


# --------------------------------------------------------------------------- renderer: our template


def render_template(plan: dict) -> Workbook:
    wb = build_template()
    t1 = plan["t1"]
    ws = wb[F.SHEET_T1]
    for spec in F.TABLE1_FIELDS:
        v = t1.get(spec.key)
        if spec.kind == "period":
            if isinstance(v, Raw):
                _set(ws, spec.cell, v)
            elif v:
                _set(ws, spec.cell, v[0])
                _set(ws, spec.end_cell, v[1])
        else:
            _set(ws, spec.cell, v)

    ws = wb[F.SHEET_T2]
    needs = plan["needs"]
    spans = t2_layout(needs, F.T2_FIRST_ROW)
    if spans and max(r1 for _, r1 in spans.values()) > F.T2_LAST_ROW:
        raise ValueError("第2表 rows exceed the template")
    col = {k: v[0] for k, v in F.T2_COLUMNS.items()}

    def put(key: str, span: tuple[int, int], value) -> None:
        r0, r1 = span
        _set(ws, f"{col[key]}{r0}", value)
        if r1 > r0:
            ws.merge_cells(f"{col[key]}{r0}:{col[key]}{r1}")

    for kind, key, node in iter_tree(needs):
        span = spans[key]
        if kind == "need":
            put("need", span, node["text"])
        elif kind == "long":
            put("long_goal", span, node["text"])
            put("long_period", span, period_text(node["period"]))
        elif kind == "short":
            put("short_goal", span, node["text"])
            put("short_period", span, period_text(node["period"]))
        else:
            r = span[0]
            _set(ws, f"{col['content']}{r}", node["content"])
            _set(ws, f"{col['insured']}{r}", "○" if node["insured"] else None)
            _set(ws, f"{col['service_type']}{r}", node["service_type"])
            _set(ws, f"{col['provider']}{r}", node["provider"])
            _set(ws, f"{col['frequency']}{r}", node["frequency"])
            _set(ws, f"{col['service_period']}{r}", period_text(node["period"]))

    ws = wb[F.SHEET_T3]
    first = F.T3_HEADER_ROW + 1
    for day, time, text in plan["weekly"]["entries"]:
        ws[f"{F.T3_DAY_COLS[WEEKDAYS.index(day)]}{first + F.T3_TIMES.index(time)}"] = text
    for time, text in plan["weekly"]["activities"].items():
        ws[f"{F.T3_ACTIVITY_COL}{first + F.T3_TIMES.index(time)}"] = text
    _set(ws, F.T3_NON_WEEKLY[1], plan["weekly"]["non_weekly"])

    ws = wb[F.SHEET_T4]
    for spec in F.TABLE4_FIELDS:
        _set(ws, spec.cell, (plan["meeting"] or {}).get(spec.key))

    ws = wb[F.SHEET_ASSESSMENT]
    a = plan["assessment"]
    _set(ws, F.ASSESSMENT_DATE.cell, a["assessed_on"])
    acol = {k: v[0] for k, v in F.ASSESSMENT_COLUMNS.items()}
    for i, item in enumerate(a["items"]):
        r = F.ASSESSMENT_HEADER_ROW + 1 + i
        _set(ws, f"{acol['status']}{r}", item["status"])
        _set(ws, f"{acol['has_issue']}{r}", "有" if item["has_issue"] else "無")
        _set(ws, f"{acol['need_refs']}{r}", ",".join(str(x) for x in item["need_refs"]))

    ws = wb[F.SHEET_MONITORING]
    mcol = {k: v[0] for k, v in F.MONITORING_COLUMNS.items()}
    for i, m in enumerate(plan["monitoring"]):
        r = F.MONITORING_FIRST_ROW + i
        for key in ("planned_on", "kind", "done_on", "method", "note"):
            _set(ws, f"{mcol[key]}{r}", m[key])

    ws = wb[F.SHEET_ACK]
    kcol = {k: v[0] for k, v in F.ACK_COLUMNS.items()}
    for i, ack in enumerate(plan["acks"]):
        r = F.ACK_HEADER_ROW + 1 + i
        cell = ack["cell"]
        if isinstance(cell, tuple):
            cell = template_t2_cell(needs, cell)
        for key, value in (("rule", ack["rule"]), ("sheet", ack["sheet"]), ("cell", cell),
                           ("reason", ack["reason"]), ("written_on", ack["written_on"])):
            _set(ws, f"{kcol[key]}{r}", value)
    return wb


# --------------------------------------------------------------------------- other offices' layouts

_thin = Side(style="thin", color="000000")
_BOX = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_WRAP = Alignment(wrap_text=True, vertical="top")
_FONT = Font(name="ＭＳ 明朝", size=10)
JP_DATE = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@'


def _w(ws, cell: str, value, *, merge_to: str | None = None, box: bool = True, fmt: str | None = None) -> None:
    if value is not None and value != "":
        ws[cell] = str(value) if isinstance(value, Raw) else value
    if merge_to:
        ws.merge_cells(f"{cell}:{merge_to}")
    c = ws[cell]
    c.alignment = _WRAP
    c.font = _FONT
    if box:
        c.border = _BOX
    if fmt:
        c.number_format = fmt


def _widths(ws, widths: dict[str, float]) -> None:
    for c, w in widths.items():
        ws.column_dimensions[c].width = w


def _col(letter: str, shift: int) -> str:
    return get_column_letter(column_index_from_string(letter) + shift)


def render_office_b(plan: dict) -> Workbook:
    """「居宅サービス計画書(1)」形式: 和暦の文字列、ラベルの下の値、列を右へずらした第2表（結合あり）."""
    t1 = plan["t1"]
    wb = Workbook()
    wb.remove(wb.active)

    ws = wb.create_sheet("居宅サービス計画書(1)")
    ws["B1"] = "居宅サービス計画書（1）"
    ws["B1"].font = Font(name="ＭＳ 明朝", size=14, bold=True)
    _w(ws, "H2", "計画作成日", box=False)
    _w(ws, "J2", wa_long(t1["created_on"]))
    _w(ws, "B3", "初回・紹介・継続")
    _w(ws, "C3", t1["plan_kind"])
    _w(ws, "E3", "認定済・申請中")
    _w(ws, "F3", t1["certification_status"])
    _w(ws, "B4", "利用者氏名")
    _w(ws, "C4", t1["user_name"])
    _w(ws, "E4", "生年月日")
    _w(ws, "F4", wa_long(t1["birth_date"]))
    _w(ws, "H4", "住所")
    _w(ws, "I4", t1["address"], merge_to="L4")
    # values BELOW their labels
    _w(ws, "B5", "居宅サービス計画作成者氏名")
    _w(ws, "B6", t1["care_manager"])
    _w(ws, "E5", "居宅介護支援事業者・事業所名及び所在地")
    _w(ws, "E6", t1["office"], merge_to="L6")
    _w(ws, "B7", "初回居宅サービス計画作成日")
    _w(ws, "D7", wa_short(t1["first_created_on"]))  # two columns right of its label
    _w(ws, "B8", "認定日")
    _w(ws, "C8", wa_short(t1["certified_on"]))
    _w(ws, "E8", "認定有効期間")
    _w(ws, "F8", period_text(t1["cert_period"], wa_short), merge_to="H8")  # one cell 'R8.9.1～R9.8.31'
    _w(ws, "B9", "要介護度")
    _w(ws, "C9", t1["care_level"])
    _w(ws, "B10", "利用者及び家族の生活に対する意向")
    _w(ws, "B11", t1["user_intent"], merge_to="L11")
    _w(ws, "B12", "介護認定審査会の意見及びサービスの種類の指定")
    _w(ws, "C12", t1["committee_opinion"], merge_to="L12")
    _w(ws, "B13", "総合的な援助の方針")
    _w(ws, "B14", t1["overall_policy"], merge_to="L14")
    _w(ws, "B15", "生活援助中心型の算定理由")
    _w(ws, "C15", t1["living_support_reason"], merge_to="L15")
    _w(ws, "B17", "説明・同意日")
    _w(ws, "C17", wa_long(t1["consent_on"]))
    _w(ws, "F17", "交付日")
    _w(ws, "G17", wa_short(t1["delivered_on"]))
    for r, h in ((11, 90), (14, 110)):
        ws.row_dimensions[r].height = h
    for c, w in (("B", 18), ("C", 14), ("E", 16), ("F", 14), ("J", 16)):
        ws.column_dimensions[c].width = w

    # 第2表: header at row 6, columns shifted right by one (B..L), needs merged over goals, goals over services
    ws = wb.create_sheet("居宅サービス計画書(2)")
    ws["B1"] = "居宅サービス計画書（2）"
    _w(ws, "B3", "利用者名", box=False)
    _w(ws, "C3", t1["user_name"], box=False)
    _w(ws, "I3", "作成年月日", box=False)
    _w(ws, "J3", wa_long(t1["created_on"]), box=False)
    shift, h1 = 1, 6
    col = {k: _col(v[0], shift) for k, v in F.T2_COLUMNS.items()}
    _w(ws, f"{col['need']}{h1}", "生活全般の解決すべき課題（ニーズ）", merge_to=f"{col['need']}{h1 + 1}")
    _w(ws, f"{col['long_goal']}{h1}", "援助目標", merge_to=f"{col['short_period']}{h1}")
    _w(ws, f"{col['content']}{h1}", "援助内容", merge_to=f"{col['service_period']}{h1}")
    for key, label in (("long_goal", "長期目標"), ("long_period", "（期間）"), ("short_goal", "短期目標"),
                       ("short_period", "（期間）"), ("content", "サービス内容"), ("insured", "※1"),
                       ("service_type", "サービス種別"), ("provider", "※2"), ("frequency", "頻度"),
                       ("service_period", "期間")):
        _w(ws, f"{col[key]}{h1 + 1}", label)
    spans = t2_layout(plan["needs"], h1 + 2)

    def put(key: str, span: tuple[int, int], value) -> None:
        r0, r1 = span
        _w(ws, f"{col[key]}{r0}", value, merge_to=f"{col[key]}{r1}" if r1 > r0 else None)

    for kind, key, node in iter_tree(plan["needs"]):
        span = spans[key]
        if kind == "need":
            put("need", span, node["text"])
        elif kind == "long":
            put("long_goal", span, node["text"])
            put("long_period", span, period_text(node["period"], wa_short))
        elif kind == "short":
            put("short_goal", span, node["text"])
            put("short_period", span, period_text(node["period"], wa_short))
        else:
            r = span[0]
            _w(ws, f"{col['content']}{r}", node["content"])
            _w(ws, f"{col['insured']}{r}", "○" if node["insured"] else None)
            _w(ws, f"{col['service_type']}{r}", node["service_type"])
            _w(ws, f"{col['provider']}{r}", node["provider"])
            _w(ws, f"{col['frequency']}{r}", node["frequency"])
            _w(ws, f"{col['service_period']}{r}", period_text(node["period"], wa_short))
    for k, w in (("need", 24), ("long_goal", 22), ("short_goal", 22), ("content", 26), ("service_type", 16), ("provider", 16)):
        ws.column_dimensions[col[k]].width = w
    ws.print_title_rows = f"{h1}:{h1 + 1}"  # the two header rows on every printed page

    # 第3表: header at row 5, grid one column right
    ws = wb.create_sheet("週間サービス計画表")
    ws["B1"] = "週間サービス計画表"
    _w(ws, "B3", "利用者名", box=False)
    _w(ws, "C3", t1["user_name"], box=False)
    h = 5
    time_col, day_cols, act_col = _col(F.T3_TIME_COL, 1), [_col(c, 1) for c in F.T3_DAY_COLS], _col(F.T3_ACTIVITY_COL, 1)
    _w(ws, f"B{h}", "時間帯")
    _w(ws, f"{time_col}{h}", "時刻")
    for c, d in zip(day_cols, WEEKDAYS):
        _w(ws, f"{c}{h}", d)
    _w(ws, f"{act_col}{h}", "主な日常生活上の活動")
    for i, t in enumerate(F.T3_TIMES):
        _w(ws, f"{time_col}{h + 1 + i}", t)
    for day, time, text in plan["weekly"]["entries"]:
        _w(ws, f"{day_cols[WEEKDAYS.index(day)]}{h + 1 + F.T3_TIMES.index(time)}", text)
    for time, text in plan["weekly"]["activities"].items():
        _w(ws, f"{act_col}{h + 1 + F.T3_TIMES.index(time)}", text)
    nw = h + 1 + len(F.T3_TIMES) + 2
    _w(ws, f"B{nw}", "週単位以外のサービス", merge_to=f"{time_col}{nw}")
    _w(ws, f"{day_cols[0]}{nw}", plan["weekly"]["non_weekly"], merge_to=f"{act_col}{nw}")
    _widths(ws, {"B": 10, time_col: 8, **{c: 13 for c in day_cols}, act_col: 18})

    # 第4表: labels in B, values from C
    ws = wb.create_sheet("サービス担当者会議の要点")
    ws["B1"] = "サービス担当者会議の要点"
    _w(ws, "B3", "利用者名", box=False)
    _w(ws, "C3", t1["user_name"], box=False)
    m = plan["meeting"] or {}
    _w(ws, "B5", "開催日")
    _w(ws, "C5", wa_long(m["held_on"]) if m.get("held_on") else None)
    _w(ws, "E5", "開催場所")
    _w(ws, "F5", m.get("place"))
    for r, (label, key) in enumerate((("会議出席者", "attendees"), ("検討した項目", "topics"), ("検討内容", "discussion"),
                                      ("結論", "conclusion"), ("残された課題（次回の開催時期）", "remaining")), start=6):
        _w(ws, f"B{r}", label)
        _w(ws, f"C{r}", m.get(key), merge_to=f"L{r}")
    _widths(ws, {"B": 18, **{c: 11 for c in "CDEFGHIJKL"}})

    # 課題分析: header row 5, columns B..F
    ws = wb.create_sheet("課題分析")
    ws["B1"] = "課題分析標準項目"
    a = plan["assessment"]
    _w(ws, "B3", "実施日")
    _w(ws, "C3", wa_short(a["assessed_on"]))
    for c, label in zip("BCDEF", ("No.", "課題分析標準項目", "現在の状況", "課題の有無", "関連するニーズ")):
        _w(ws, f"{c}5", label)
    for i, (name, item) in enumerate(zip(F.ASSESSMENT_ITEMS, a["items"]), start=1):
        r = 5 + i
        _w(ws, f"B{r}", i)
        _w(ws, f"C{r}", name)
        _w(ws, f"D{r}", item["status"])
        _w(ws, f"E{r}", "有" if item["has_issue"] else "無")
        _w(ws, f"F{r}", "、".join(str(x) for x in item["need_refs"]))
    _widths(ws, {"B": 6, "C": 28, "D": 56, "E": 10, "F": 14})

    # モニタリング記録: header row 3, columns B..F, dates as R8.10.27 text
    ws = wb.create_sheet("モニタリング記録")
    ws["B1"] = "モニタリング記録"
    for c, label in zip("BCDEF", ("訪問予定日", "区分", "訪問日", "実施方法", "内容・評価")):
        _w(ws, f"{c}3", label)
    for i, mrow in enumerate(plan["monitoring"]):
        r = 4 + i
        _w(ws, f"B{r}", wa_short(mrow["planned_on"]) if mrow["planned_on"] else None)
        _w(ws, f"C{r}", mrow["kind"])
        _w(ws, f"D{r}", wa_short(mrow["done_on"]) if mrow["done_on"] else None)
        _w(ws, f"E{r}", mrow["method"])
        _w(ws, f"F{r}", mrow["note"])
    _widths(ws, {"B": 14, "C": 16, "D": 14, "E": 12, "F": 60})
    if plan["acks"]:
        raise ValueError("render_office_b: acknowledgements are written in our template only")
    return wb


def render_office_c(plan: dict) -> Workbook:
    """全角数字の様式: Ｒ８．９．１、要介護２、期間は「～」をはさむ2セル、第2表は結合なし（下は空欄）、日付セルもあり."""
    t1 = plan["t1"]
    wb = Workbook()
    wb.remove(wb.active)

    ws = wb.create_sheet("第１表")
    ws["A1"] = "第１表　居宅サービス計画書（１）"
    _w(ws, "I2", "作成年月日")
    _w(ws, "J2", t1["created_on"], fmt=JP_DATE)  # a real date cell
    _w(ws, "A3", "利用者名")
    _w(ws, "B3", t1["user_name"])
    _w(ws, "D3", "生年月日")
    _w(ws, "E3", zen(wa_long(t1["birth_date"])))
    _w(ws, "G3", "住所")
    _w(ws, "H3", t1["address"], merge_to="L3")
    _w(ws, "A4", "計画作成者氏名")
    _w(ws, "B4", t1["care_manager"])
    _w(ws, "D4", "事業所名及び所在地")
    _w(ws, "E4", t1["office"], merge_to="L4")
    _w(ws, "A5", "計画区分")
    _w(ws, "B5", t1["plan_kind"])
    _w(ws, "D5", "認定区分")
    _w(ws, "E5", t1["certification_status"])
    _w(ws, "A6", "初回作成日")
    _w(ws, "B6", zen(wa_short(t1["first_created_on"])))
    _w(ws, "D6", "認定日")
    _w(ws, "E6", t1["certified_on"], fmt=JP_DATE)
    _w(ws, "A7", "認定の有効期間")
    start, end = t1["cert_period"]
    _w(ws, "C7", zen(wa_short(start)))  # start two columns right of the label
    _w(ws, "E7", "～")
    _w(ws, "G7", zen(wa_short(end)))
    _w(ws, "A8", "要介護状態区分")
    _w(ws, "B8", zen(t1["care_level"]))
    _w(ws, "A9", "利用者及び家族の生活に対する意向を踏まえた課題分析の結果")
    _w(ws, "B9", t1["user_intent"], merge_to="L9")
    _w(ws, "A10", "介護認定審査会の意見")
    _w(ws, "B10", t1["committee_opinion"], merge_to="L10")
    _w(ws, "A11", "総合的な援助の方針")
    _w(ws, "B11", t1["overall_policy"], merge_to="L11")
    _w(ws, "A12", "生活援助中心型の算定理由")
    _w(ws, "B12", t1["living_support_reason"], merge_to="L12")
    _w(ws, "A14", "同意日")
    _w(ws, "B14", zen(wa_long(t1["consent_on"])))
    _w(ws, "D14", "交付日")
    _w(ws, "E14", t1["delivered_on"], fmt=JP_DATE)
    _widths(ws, {"A": 20, "B": 14, "C": 12, "D": 12, "E": 20, "G": 12, "J": 18})
    for r, h in ((9, 90), (11, 110)):
        ws.row_dimensions[r].height = h

    # 第2表: header rows 5-6, template columns, need/goals written once and the cells below left blank
    ws = wb.create_sheet("第２表")
    ws["A1"] = "第２表　居宅サービス計画書（２）"
    _w(ws, "A3", "利用者名", box=False)
    _w(ws, "B3", t1["user_name"], box=False)
    h1 = 5
    col = {k: v[0] for k, v in F.T2_COLUMNS.items()}
    _w(ws, f"A{h1}", "生活全般の解決すべき課題(ニーズ)")
    _w(ws, f"B{h1}", "援助目標")
    _w(ws, f"F{h1}", "援助内容")
    for key, label in (("need", ""), ("long_goal", "長期目標"), ("long_period", "(期間)"), ("short_goal", "短期目標"),
                       ("short_period", "(期間)"), ("content", "サービス内容"), ("insured", "※１"),
                       ("service_type", "サービス種別"), ("provider", "※２"), ("frequency", "頻度"),
                       ("service_period", "期間")):
        _w(ws, f"{col[key]}{h1 + 1}", label or None)
    spans = t2_layout(plan["needs"], h1 + 2)

    def fw_period(p) -> str:
        return zen(period_text(p, wa_short, "～\n")) if not isinstance(p, Raw) else str(p)

    for kind, key, node in iter_tree(plan["needs"]):
        r = spans[key][0]
        if kind == "need":
            _w(ws, f"{col['need']}{r}", node["text"])
        elif kind == "long":
            _w(ws, f"{col['long_goal']}{r}", node["text"])
            _w(ws, f"{col['long_period']}{r}", fw_period(node["period"]))
        elif kind == "short":
            _w(ws, f"{col['short_goal']}{r}", node["text"])
            _w(ws, f"{col['short_period']}{r}", fw_period(node["period"]))
        else:
            _w(ws, f"{col['content']}{r}", node["content"])
            _w(ws, f"{col['insured']}{r}", "○" if node["insured"] else None)
            _w(ws, f"{col['service_type']}{r}", node["service_type"])
            _w(ws, f"{col['provider']}{r}", node["provider"])
            _w(ws, f"{col['frequency']}{r}", zen(node["frequency"]))
            _w(ws, f"{col['service_period']}{r}", fw_period(node["period"]))
    last = max((r1 for _, r1 in spans.values()), default=h1 + 1)
    for r in range(h1 + 2, last + 1):  # borders on the blank cells below a need or goal
        for c in col.values():
            ws[f"{c}{r}"].border = _BOX
    for k, w in (("need", 24), ("long_goal", 22), ("short_goal", 22), ("content", 26), ("long_period", 16),
                 ("short_period", 16), ("service_type", 14), ("provider", 14), ("frequency", 12), ("service_period", 16)):
        ws.column_dimensions[col[k]].width = w
    ws.print_title_rows = f"{h1}:{h1 + 1}"  # the two header rows on every printed page

    # 第3表: header row 3, our columns
    ws = wb.create_sheet("第３表")
    ws["A1"] = "第３表　週間サービス計画表"
    h = 3
    _w(ws, f"{F.T3_TIME_COL}{h}", "時間")
    for c, d in zip(F.T3_DAY_COLS, WEEKDAYS):
        _w(ws, f"{c}{h}", d)
    _w(ws, f"{F.T3_ACTIVITY_COL}{h}", "主な日常生活上の活動")
    for i, t in enumerate(F.T3_TIMES):
        _w(ws, f"{F.T3_TIME_COL}{h + 1 + i}", t)
    for day, time, text in plan["weekly"]["entries"]:
        _w(ws, f"{F.T3_DAY_COLS[WEEKDAYS.index(day)]}{h + 1 + F.T3_TIMES.index(time)}", text)
    for time, text in plan["weekly"]["activities"].items():
        _w(ws, f"{F.T3_ACTIVITY_COL}{h + 1 + F.T3_TIMES.index(time)}", text)
    nw = h + 1 + len(F.T3_TIMES) + 1
    _w(ws, f"A{nw}", "週単位以外のサービス")
    _w(ws, f"D{nw}", plan["weekly"]["non_weekly"], merge_to=f"K{nw}")
    _widths(ws, {"A": 12, F.T3_TIME_COL: 8, **{c: 13 for c in F.T3_DAY_COLS}, F.T3_ACTIVITY_COL: 18})

    # 第4表: real date cell
    ws = wb.create_sheet("第４表")
    ws["A1"] = "第４表　サービス担当者会議の要点"
    m = plan["meeting"] or {}
    _w(ws, "A3", "開催日")
    _w(ws, "B3", m.get("held_on"), fmt=JP_DATE)
    _w(ws, "D3", "開催場所")
    _w(ws, "E3", m.get("place"))
    for r, (label, key) in enumerate((("出席者", "attendees"), ("検討項目", "topics"), ("検討内容", "discussion"),
                                      ("結論", "conclusion"), ("残された課題", "remaining")), start=4):
        _w(ws, f"A{r}", label)
        _w(ws, f"B{r}", m.get(key), merge_to=f"K{r}")
    _widths(ws, {"A": 16, **{c: 11 for c in "BCDEFGHIJK"}})

    # アセスメントシート: header row 3
    ws = wb.create_sheet("アセスメントシート")
    ws["A1"] = "アセスメントシート（課題分析標準項目）"
    a = plan["assessment"]
    _w(ws, "D2", "アセスメント日")
    _w(ws, "E2", a["assessed_on"], fmt=JP_DATE)
    for c, label in zip("ABCDE", ("番号", "項目名", "状況", "課題", "ニーズ番号")):
        _w(ws, f"{c}3", label)
    for i, (name, item) in enumerate(zip(F.ASSESSMENT_ITEMS, a["items"]), start=1):
        r = 3 + i
        _w(ws, f"A{r}", zen(str(i)))
        _w(ws, f"B{r}", name)
        _w(ws, f"C{r}", item["status"])
        _w(ws, f"D{r}", "有" if item["has_issue"] else "無")
        _w(ws, f"E{r}", zen("，".join(str(x) for x in item["need_refs"])))
    _widths(ws, {"A": 6, "B": 28, "C": 56, "D": 14, "E": 14})

    # モニタリング表: real date cells
    ws = wb.create_sheet("モニタリング表")
    ws["A1"] = "モニタリング表"
    for c, label in zip("ABCDE", ("予定日", "種別", "実施日", "方法", "内容")):
        _w(ws, f"{c}3", label)
    for i, mrow in enumerate(plan["monitoring"]):
        r = 4 + i
        _w(ws, f"A{r}", mrow["planned_on"], fmt=JP_DATE)
        _w(ws, f"B{r}", mrow["kind"])
        _w(ws, f"C{r}", mrow["done_on"], fmt=JP_DATE)
        _w(ws, f"D{r}", mrow["method"])
        _w(ws, f"E{r}", mrow["note"])
    _widths(ws, {"A": 16, "B": 16, "C": 16, "D": 12, "E": 60})
    if plan["acks"]:
        raise ValueError("render_office_c: acknowledgements are written in our template only")
    return wb


# --------------------------------------------------------------------------- the sample list

SAMPLES: list[dict[str, Any]] = [
    {"file": "01_asahikawa_clean.xlsx", "plan": plan_asahikawa_clean, "render": render_template, "layout": "template",
     "ja": "問題なし（要介護2、旭川市、ニーズ3件）", "en": "clean (要介護2, Asahikawa, 3 needs)"},
    {"file": "02_nayoro_shien_on_kyotaku_form.xlsx", "plan": plan_nayoro_shien, "render": render_template, "layout": "template",
     "ja": "要支援2の計画を居宅サービス計画書の様式で作成（CP103 は助言。予定は3か月ごとの訪問と他の月の連絡）", "en": "要支援2 plan on the 居宅 form: CP103 advice (schedule: visit every 3 months, contact in other months)"},
    {"file": "03_other_layout_wareki.xlsx", "plan": plan_asahikawa_clean, "render": render_office_b, "layout": "office-b",
     "ja": "01と同じ計画を別様式で（シート名 居宅サービス計画書(1)…、和暦の文字列、ラベルの下の値、列ずれ、結合した第2表、名前定義なし）",
     "en": "same plan as 01 in another office's form (和暦 text dates, values below labels, shifted columns, merged 第2表, no defined names)"},
    {"file": "04_other_layout_fullwidth.xlsx", "plan": plan_asahikawa_clean, "render": render_office_c, "layout": "office-c",
     "ja": "01と同じ計画を第3の様式で（全角数字 Ｒ８．９．１、要介護２、期間は「～」をはさむ2セル、第2表は結合なし、日付セル）",
     "en": "same plan as 01 in a third form (full-width digits, 要介護２, period in two cells, unmerged 第2表 with blanks, real date cells)"},
    {"file": "05_asahikawa_kaimono_daikou.xlsx", "plan": plan_kaimono_daikou, "render": render_template, "layout": "template",
     "ja": "旭川市基本方針の買物の例（短期目標12か月、買物の代行、算定理由なし）", "en": "Asahikawa policy's shopping example"},
    {"file": "06_nayoro_request_as_need.xlsx", "plan": plan_nayoro_request, "render": render_template, "layout": "template",
     "ja": "要望をそのままニーズにした計画（名寄市ガイドライン4(4)）", "en": "requests written as needs (Nayoro guideline 4(4))"},
    {"file": "07_period_and_dates.xlsx", "plan": plan_period_dates, "render": render_template, "layout": "template",
     "ja": "期間と日付の誤り", "en": "period and date-order errors"},
    {"file": "08_missing_service_fields.xlsx", "plan": plan_missing_service_fields, "render": render_template, "layout": "template",
     "ja": "援助内容の欠け・福祉用具の理由なし・第3表との不一致・根拠のないニーズ", "en": "missing service fields, rental without reason, 第3表 mismatch, need without assessment"},
    {"file": "09_seikatsu_enjo_over.xlsx", "plan": plan_seikatsu_enjo_over, "render": render_template, "layout": "template",
     "ja": "生活援助の回数が基準（要介護1 月27回）を超える", "en": "生活援助 above the 告示218 count"},
    {"file": "10_acknowledged_deviation.xlsx", "plan": plan_acknowledged, "render": render_template, "layout": "template",
     "ja": "01に短期目標9か月と「方針と異なる理由」の記入", "en": "01 with a 9-month short goal and a written reason (acknowledged)"},
    {"file": "11_monitoring_gap.xlsx", "plan": plan_monitoring_gap, "render": render_template, "layout": "template",
     "ja": "9月のモニタリング記録なし・担当者会議の記録なし", "en": "no monitoring visit in September, no meeting recorded"},
]
CLEAN = ["01_asahikawa_clean.xlsx", "03_other_layout_wareki.xlsx", "04_other_layout_fullwidth.xlsx"]


# --------------------------------------------------------------------------- expectations


def expectations(sample: dict) -> list[dict]:
    """Resolve the expectations attached to a (template-layout) plan into sheet/cell rows."""
    plan = sample["plan"]()
    rows: list[dict] = []

    def add(e: dict, sheet: str, cell: str) -> None:
        rows.append({"file": sample["file"], "rule": e["rule"], "sheet": sheet, "cell": cell, "profile": e["profile"],
                     "profiles": e["profiles"], "severity": e["severity"], "acknowledged": e["acknowledged"], "allow": e["allow"], "note": e["note"]})

    for kind, key, node in iter_tree(plan["needs"]):
        for e in node["expect"]:
            col_key = T2_FIELD_OF[(kind, e["field"])]
            add(e, F.SHEET_T2, template_t2_cell(plan["needs"], ("t2", col_key, *key[1:])))
    for e in plan["expect_plan"]:
        where, _, what = e["field"].partition(".")
        if where == "t1":
            add(e, F.SHEET_T1, F.TABLE1_BY_KEY[what].cell)
        elif where == "t4":
            add(e, F.SHEET_T4, {s.key: s.cell for s in F.TABLE4_FIELDS}[what])
        elif where == "sheet":
            add(e, what, "")
        elif where == "mon" and what == "next_row":
            add(e, F.SHEET_MONITORING, f"{F.MONITORING_COLUMNS['planned_on'][0]}{F.MONITORING_FIRST_ROW + len(plan['monitoring'])}")
        else:
            raise ValueError(e["field"])
    if rows and sample["layout"] != "template":
        raise ValueError("expectations are resolved for the template layout only")
    return rows


def expected_toml() -> str:
    doc: dict[str, Any] = {
        "clean": {"files": CLEAN, "profiles": PROFILES},
        "expect": [],
        "allow": [],
    }
    for s in SAMPLES:
        for r in expectations(s):
            item = {k: r[k] for k in ("file", "rule", "sheet", "cell", "profile", "profiles", "severity", "acknowledged", "note")}
            doc["allow" if r["allow"] else "expect"].append(item)
    header = (
        "# Generated by scripts/make_samples.py — do not edit by hand.\n"
        "# [clean]: files with no error and no warning under every profile listed.\n"
        "# [[expect]]: a finding that must be reported under each of `profiles` (profile = the profile that brings the\n"
        "#   rule; national rules run under every profile unless a municipal rule replaces them at the same cell).\n"
        "#   cell = \"\" means the finding is about the sheet, not one cell.\n"
        "#   acknowledged = true: reported, but with acknowledged=True (方針と異なる理由).\n"
        "# [[allow]]: a finding that may or may not be reported (same rule, other cell, or a heuristic's judgement).\n"
    )
    return header + tomli_w.dumps(doc)


README_HEAD = """# サンプルブック / Sample workbooks

`scripts/make_samples.py` が生成します（`make samples` または `python scripts/make_samples.py`）。内容はすべて架空です
（氏名・住所・事業所名は実在しません）。日付は令和8年（2026年）11月25日を「今日」として作っています。
出力は決定的です（固定の日付・タイムスタンプ、乱数なし）。生成し直しても同じ内容になることを `tests/test_samples.py` が確認します。

Generated by `scripts/make_samples.py`; all content is fictional. "Today" is 2026-11-25 (令和8年). Output is
deterministic; `tests/test_samples.py` regenerates the files and compares them cell by cell with the committed ones.

各計画は1つの Python の dict（第1表、ニーズ・目標・援助内容の木、週間計画、担当者会議、アセスメント23項目、
モニタリング、方針と異なる理由）で、様式ごとのレンダラーがブックにします。01・03・04 は同じ dict から作るので、
読み取り結果（セル位置を除く）は同じになるはずです。

Each plan is one dict; renderers lay it out. 01, 03 and 04 come from the same dict, so readers must give the same
model for them (locations aside).

## 様式 / Layouts

| layout | 内容 / description |
|---|---|
| template | 当ツールのひな形（`xl_careplan.template.build_template`、セル位置は `xl_careplan/fields.py`、名前定義あり）。第2表はニーズを目標の行に、目標を援助内容の行に結合。日付は日付セル、第2表の期間は「令和8年10月1日～令和9年3月31日」の文字列。 / our template (defined names; 第2表 merged; periods as 和暦 text) |
| office-b | 別の事業所の様式: シート名「居宅サービス計画書(1)」「居宅サービス計画書(2)」「週間サービス計画表」「サービス担当者会議の要点」「課題分析」「モニタリング記録」、ラベルの言い換え（利用者氏名・認定有効期間・要介護度・計画作成日）、和暦の文字列（令和8年9月1日／R8.9.1）、認定有効期間は1セル「R8.9.1～R9.8.31」、値がラベルの下にある項目あり、列が1～2列右にずれる、第2表の見出しは6行目、ニーズ・目標は結合、名前定義なし。 |
| office-c | 第3の様式: シート名「第１表」…「アセスメントシート」「モニタリング表」、全角数字（Ｒ８．９．１、要介護２、週２回）、認定の有効期間は「～」をはさむ2セル（C7・G7）、第2表はニーズ・目標を最初の行にだけ書き下は空欄（結合なし）、期間は「Ｒ８．１０．１～（改行）Ｒ９．３．３１」、一部の日付は日付セル（和暦の表示形式）。 |

第3表の約束 / 第3表 convention: 週単位の援助（頻度が「週N回」「毎日」の行）は、第3表のマスに「サービス種別（…）」の形で
頻度と同じ回数だけ書いています（家族・本人の行も同じ）。「随時」「月N回」の行は「週単位以外のサービス」に書いています。
Weekly rows (週N回, 毎日) appear in the grid as many times as their frequency, as text starting with the 第2表 service type
(家族 and 本人 rows too); 随時 / 月N回 rows appear under 週単位以外のサービス.

## サンプル一覧 / Samples

| file | layout | 内容 / content |
|---|---|---|
"""

README_PROBLEMS_HEAD = """
## 仕込んだ問題 / Planted problems

`samples/expected.toml` と同じ内容です（機械可読版）。cell が空欄（-）の行はシート全体についての指摘です。
「必須」= 必ず出るべき指摘、「任意」= 出ても出なくてもよい指摘（同じ問題を別のセルに出す実装やヒューリスティックの判断）。
profiles はその指摘が出るべきプロファイル（national の規則はすべてのプロファイルで動きます。ただし名寄市プロファイルでは
TX401 が同じセルの NY301 に置き換わります）。
01・02・03・04 はすべてのプロファイル（national, asahikawa, nayoro）でエラー・警告なし。

Same as `samples/expected.toml`. Cell "-" = about the sheet as a whole. 必須 = must be reported; 任意 = may be reported.
01–04 give no error and no warning under every profile.

| file | rule | sheet | cell | profiles | severity | 必須/任意 | acknowledged | 説明 / note |
|---|---|---|---|---|---|---|---|---|
"""


def readme_text() -> str:
    out = [README_HEAD]
    for s in SAMPLES:
        out.append(f"| {s['file']} | {s['layout']} | {s['ja']} / {s['en']} |\n")
    out.append(README_PROBLEMS_HEAD)
    for s in SAMPLES:
        for r in expectations(s):
            out.append(
                f"| {r['file']} | {r['rule']} | {r['sheet']} | {r['cell'] or '-'} | {', '.join(r['profiles'])} | {r['severity']} | "
                f"{'任意' if r['allow'] else '必須'} | {'yes' if r['acknowledged'] else 'no'} | {r['note']} |\n"
            )
    out.append(
        "\n読み取りの注意 / Notes for readers: 03・04 には名前定義がありません（ラベルで探す経路）。"
        "03 の第1表は「居宅サービス計画作成者氏名」「事業所名」「意向」「総合的な援助の方針」の値がラベルの下の行にあります。\n"
        "03/04 have no defined names (label path); in 03 some 第1表 values sit in the row below their label.\n"
    )
    return "".join(out)



# --------------------------------------------------------------------------- how the samples look printed


def _text_width(text: str, size: float) -> float:
    """Width of ``text`` at ``size`` pt in Excel column-width units (one unit ≈ 7 px; a full-width
    character is about size × 4/3 px, a half-width one about half that)."""
    full = size * 4 / 3 / 7
    return sum(full if unicodedata.east_asian_width(ch) in "WFA" else full * 0.55 for ch in text)


def _lines(text: str, width: float, size: float) -> int:
    usable = max(width - 0.5, 1.0)
    return sum(max(1, math.ceil(_text_width(part, size) / usable)) for part in text.split("\n"))


def fit_rows(ws) -> None:
    """Make rows tall enough for their wrapped text (Excel does not grow rows with merged cells,
    and LibreOffice/Excel keep explicit heights), so nothing is cut off on screen or on paper.
    Only ever makes a row taller; a text merged over several rows spreads its extra height over them."""
    merged = {}
    for rng in ws.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = (rng.max_row, rng.max_col)

    def width(c0: int, c1: int) -> float:
        total = 0.0
        for c in range(c0, c1 + 1):
            w = ws.column_dimensions[get_column_letter(c)].width if get_column_letter(c) in ws.column_dimensions else None
            total += w if w else 8.43
        return total

    def height(r: int) -> float:
        return ws.row_dimensions[r].height or 15.0

    tall: list[tuple[int, int, float]] = []
    for row in ws.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value or not cell.alignment.wrap_text:
                continue
            r1, c1 = merged.get((cell.row, cell.column), (cell.row, cell.column))
            size = cell.font.sz or 11
            need = _lines(cell.value, width(cell.column, c1), size) * size * 1.45 + 4
            tall.append((cell.row, r1, need))
    for r0, r1, need in sorted(tall, key=lambda t: t[1] - t[0]):  # single rows first, then spans
        have = sum(height(r) for r in range(r0, r1 + 1))
        if need > have:
            extra = (need - have) / (r1 - r0 + 1)
            for r in range(r0, r1 + 1):
                ws.row_dimensions[r].height = round(height(r) + extra, 1)


def print_setup(ws) -> None:
    """Landscape A4, one page wide, for sheets whose form has no print setup of its own."""
    props = ws.sheet_properties
    if props.pageSetUpPr is not None and props.pageSetUpPr.fitToPage:
        return
    if props.pageSetUpPr is None:
        props.pageSetUpPr = PageSetupProperties()
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


# --------------------------------------------------------------------------- main


def build(sample: dict) -> Workbook:
    wb = sample["render"](copy.deepcopy(sample["plan"]()))
    for ws in wb.worksheets:
        fit_rows(ws)
        print_setup(ws)
    wb.properties.creator = "xl-careplan samples"
    wb.properties.lastModifiedBy = "xl-careplan samples"
    wb.properties.title = "居宅サービス計画書（サンプル・架空）"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out_dir = Path(argv[0]) if argv else ROOT / "samples"
    out_dir.mkdir(parents=True, exist_ok=True)
    for s in SAMPLES:
        save_deterministic(build(s), out_dir / s["file"], modified=FIXED_TIME)
    (out_dir / "expected.toml").write_text(expected_toml(), encoding="utf-8")
    (out_dir / "README.md").write_text(readme_text(), encoding="utf-8")
    print(f"{len(SAMPLES)} samples -> {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
