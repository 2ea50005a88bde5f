"""The national standard CSV of ケアプランデータ連携 (居宅介護支援事業所と訪問介護などのサービス提供事業所間に
おける情報連携の標準仕様, 介護保険最新情報 vol.1156 改訂版 and Q&A vol.1177): file kinds, file names, columns, codes.

Everything the reader and the exporter know of the standard is here, so nothing is decided twice.
Which parts were checked against the published text and which come from knowledge is said per item
(``verified``) and in docs/carecsv.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPEC_NAME = "居宅介護支援事業所と訪問介護などのサービス提供事業所間における情報連携の標準仕様"
SPEC_SOURCE = "介護保険最新情報 vol.1156（標準仕様の改訂）、vol.1177（ケアプランデータ連携標準仕様 Q&A 2023年10月版）"
# The CSVバージョン we write. Files of other versions are read when their columns are known by name
# (a header row) and refused otherwise, naming the file and line.
CSV_VERSION = "0202"
KNOWN_VERSIONS = ("0101", "0102", "0201", "0202")

ENCODING = "cp932"  # Shift-JIS (MS932); characters outside it are not allowed (vol.1156)
PLAN_MONTH_NONE = "000000"  # 対象年月 of 利用者補足情報 sent with 第1表・第2表 (no service month)


@dataclass(frozen=True)
class Column:
    name: str  # 日本語名称 as the standard lists it
    key: str  # our field key
    verified: bool = True  # True: read off the published column list; False: from knowledge


@dataclass(frozen=True)
class FileKind:
    key: str  # hoju | t1 | t2 | t6
    label: str  # Japanese name for messages
    prefix: str  # file-name prefix
    columns: tuple[Column, ...]
    name_has_month: bool  # the file name carries 対象年月 (YYYYMM) after the prefix

    def file_name(self, sender: str, receiver: str, stamp: str, month: str = PLAN_MONTH_NONE) -> str:
        parts = [self.prefix] + ([month] if self.name_has_month else []) + [sender, receiver, stamp]
        return "_".join(parts) + ".CSV"


_COMMON = (
    Column("CSVバージョン", "version"),
    Column("保険者番号", "insurer_no"),
    Column("被保険者番号", "insured_no"),
)

HOJU = FileKind(
    "hoju", "利用者補足情報", "UPHOSOKU",
    _COMMON + (
        Column("居宅サービス計画作成(変更)日", "created_on"),
        Column("利用者氏名フリガナ", "user_kana"),
        Column("利用者氏名", "user_name"),
        Column("利用者性別", "sex"),
        Column("利用者生年月日", "birth_date"),
        Column("利用者郵便番号", "postcode"),
        Column("利用者住所1", "address1"),
        Column("利用者住所2", "address2"),
        Column("利用者電話番号", "phone"),
        Column("認定日", "certified_on"),
        Column("限度額適用開始年月日", "limit_start"),
        Column("限度額適用終了年月日", "limit_end", verified=False),
        Column("要介護状態区分コード", "care_level", verified=False),
        Column("認定有効期間開始年月日", "cert_start", verified=False),
        Column("認定有効期間終了年月日", "cert_end", verified=False),
    ),
    name_has_month=True,
)

T1 = FileKind(
    "t1", "居宅サービス計画1表", "UP1KYO",
    _COMMON + (
        Column("作成年月日", "created_on"),
        Column("利用者郵便番号", "postcode"),
        Column("利用者住所1", "address1"),
        Column("利用者住所2", "address2"),
        Column("居宅サービス計画作成者氏名", "care_manager"),
        Column("介護支援事業者名", "office"),
        Column("介護支援事業者郵便番号", "office_postcode"),
        Column("介護支援事業者住所1", "office_address1"),
        Column("介護支援事業者住所2", "office_address2"),
        Column("介護支援事業者コード", "office_code"),
        Column("居宅サービス計画作成(変更)日", "changed_on"),
        Column("初回居宅サービス計画作成日", "first_created_on", verified=False),
        Column("計画作成区分", "plan_kind", verified=False),
        Column("認定区分", "certification_status", verified=False),
        Column("認定日", "certified_on", verified=False),
        Column("認定の有効期間開始年月日", "cert_start", verified=False),
        Column("認定の有効期間終了年月日", "cert_end", verified=False),
        Column("要介護状態区分", "care_level", verified=False),
        Column("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "user_intent", verified=False),
        Column("介護認定審査会の意見及びサービスの種類の指定", "committee_opinion", verified=False),
        Column("総合的な援助の方針", "overall_policy", verified=False),
        Column("生活援助中心型の算定理由", "living_support_code", verified=False),
        Column("生活援助中心型の算定理由その他", "living_support_other", verified=False),
    ),
    name_has_month=False,
)

T2 = FileKind(
    "t2", "居宅サービス計画2表", "UP2KYO",
    _COMMON + (
        Column("居宅計画書作成年月日", "created_on"),
        Column("居宅サービス計画作成(変更)日", "changed_on"),
        Column("課題NO", "need_no"),
        Column("課題", "need"),
        Column("援助目標NO", "goal_no"),
        Column("長期目標", "long_goal"),
        Column("短期目標", "short_goal"),
        Column("長期期間", "long_period"),
        Column("短期期間", "short_period"),
        Column("援助内容NO", "service_no"),
        Column("サービス内容", "content"),
        Column("保険対象区分", "insured"),
        Column("サービス種別", "service_type"),
        Column("サービス事業者コード", "provider_code"),
        Column("サービス事業所名", "provider"),
        Column("頻度", "frequency"),
        Column("実施期間", "period"),
        Column("更新業者コード", "vendor_code"),
        Column("識別子", "identifier"),
    ),
    name_has_month=False,
)

# 第6表 (UPPLAN, and 実績 UPJSK) is recognised by name; the checks do not use it yet, so it is reported
# in one reading note. 第7表's file name was not verified here, so a 第7表 file is not recognised by name.
T6 = FileKind("t6", "第6表（サービス利用票）", "UPPLAN", _COMMON, name_has_month=True)

KINDS = (HOJU, T1, T2, T6)
PLAN_KINDS = (HOJU, T1, T2)  # the files of one sending unit for a plan (vol.1156 2.4 (1))

# UP1KYO_<from 10>_<to 10>_<YYYYMMDDHHMMSS>.CSV; UPHOSOKU/UPPLAN carry 対象年月 after the prefix.
_NAME_RX = re.compile(
    r"^(?P<prefix>UPHOSOKU|UP1KYO|UP2KYO|UPPLAN|UPJSK)_(?:(?P<month>\d{6})_)?"
    r"(?P<sender>\d{9,10})_(?P<receiver>\d{9,10})_(?P<stamp>\d{14})\.csv$",
    re.IGNORECASE,
)


def kind_of_name(name: str) -> FileKind | None:
    """The file kind a standard file name announces, or None for any other name."""
    m = _NAME_RX.match(name)
    if m is None:
        return None
    prefix = m["prefix"].upper()
    for k in KINDS:
        if k.prefix == prefix:
            return k
    return T6 if prefix == "UPJSK" else None  # 実績情報: same family as 第6表


def stamp_of_name(name: str) -> str | None:
    m = _NAME_RX.match(name)
    return m["stamp"] if m else None


# 要介護状態区分コード (介護保険の共通コード, from knowledge): code -> our CareLevel value
CARE_LEVEL_CODES = {
    "06": "事業対象者",
    "12": "要支援1",
    "13": "要支援2",
    "21": "要介護1",
    "22": "要介護2",
    "23": "要介護3",
    "24": "要介護4",
    "25": "要介護5",
}
PLAN_KIND_CODES = {"1": "初回", "2": "紹介", "3": "継続"}
CERT_STATUS_CODES = {"1": "認定済", "2": "申請中"}
LIVING_SUPPORT_CODES = {"1": "一人暮らし", "2": "家族等が障害、疾病等", "3": "その他"}
INSURED_CODES = {"1": True, "0": False, "2": False}


def code_for(table: dict[str, str], text: str | None) -> str:
    """The code whose meaning is ``text`` ('' when blank or unknown)."""
    if not text:
        return ""
    for code, meaning in table.items():
        if meaning == text:
            return code
    return ""
