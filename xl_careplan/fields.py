"""Where fields live: our template's layout (with defined names) and the label variants
that workbooks made elsewhere use. The template generator, the readers and the sample
generator all take their layout from here so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "date", "period", "care_level", "choice"]

# Sheet names in our template, and the names other offices give the same sheets.
SHEET_T1 = "第1表"
SHEET_T2 = "第2表"
SHEET_T3 = "第3表"
SHEET_T4 = "第4表"
SHEET_T5 = "第5表"
SHEET_ASSESSMENT = "アセスメント"
SHEET_MONITORING = "モニタリング"
SHEET_ACK = "方針と異なる理由"
SHEET_RESULTS = "点検結果"  # written by us, never read as plan data
OWN_SHEET_PREFIX = "_xlcp"  # our very hidden sheets' names start so: never read as plan data either
SHEET_STATE = OWN_SHEET_PREFIX + "_state"  # what the last annotation changed (writer.annotate undoes it)

SHEET_VARIANTS: dict[str, list[str]] = {
    SHEET_T1: ["第1表", "第１表", "1表", "１表", "居宅サービス計画書(1)", "居宅サービス計画書（1）", "居宅サービス計画書（１）", "計画書1", "計画書(1)"],
    SHEET_T2: ["第2表", "第２表", "2表", "２表", "居宅サービス計画書(2)", "居宅サービス計画書（2）", "居宅サービス計画書（２）", "計画書2", "計画書(2)"],
    SHEET_T3: ["第3表", "第３表", "3表", "３表", "週間サービス計画表", "週間計画"],
    SHEET_T4: ["第4表", "第４表", "4表", "４表", "サービス担当者会議の要点", "担当者会議", "サービス担当者会議", "担当者会議録", "会議録"],
    SHEET_T5: ["第5表", "第５表", "5表", "５表", "居宅介護支援経過", "支援経過", "支援経過記録"],
    SHEET_ASSESSMENT: ["アセスメント", "課題分析", "アセスメントシート", "課題分析標準項目"],
    SHEET_MONITORING: ["モニタリング", "モニタリング記録", "モニタリング表", "モニタリングシート", "経過記録", "訪問記録", "評価表"],
    SHEET_ACK: ["方針と異なる理由", "逸脱理由", "乖離理由"],
}


@dataclass(frozen=True)
class FieldSpec:
    key: str  # attribute of models.Table1
    kind: Kind
    labels: tuple[str, ...]  # first is the standard label; the rest are variants seen in offices
    cell: str  # value cell in our template (top-left when merged)
    label_cell: str  # label cell in our template
    merge_to: str | None = None  # value cell merged up to here in our template
    choices: tuple[str, ...] = ()
    end_cell: str | None = None  # period fields written as two cells around 「～」
    block: bool = False  # the value is every cell right of the label down to the next label (an attendee grid)

    @property
    def defined_name(self) -> str:
        return f"cp_{self.key}"


TABLE1_FIELDS: list[FieldSpec] = [
    FieldSpec("created_on", "date", ("居宅サービス計画作成（変更）日", "居宅サービス計画作成(変更)日", "計画作成（変更）日", "計画作成日", "作成年月日", "作成日"), "K1", "I1", "L1"),
    FieldSpec("plan_kind", "choice", ("初回・紹介・継続", "計画区分", "初回･紹介･継続", "作成区分", "計画作成区分"), "B3", "A3", "C3", ("初回", "紹介", "継続")),
    FieldSpec("certification_status", "choice", ("認定済・申請中", "認定区分", "認定状況", "認定済･申請中"), "E3", "D3", "F3", ("認定済", "申請中")),
    FieldSpec("user_name", "text", ("利用者名", "利用者氏名", "氏名", "利用者", "ご利用者", "ご利用者名", "ご利用者氏名"), "B4", "A4", "C4"),
    FieldSpec("birth_date", "date", ("生年月日",), "E4", "D4", "F4"),
    FieldSpec("address", "text", ("住所", "利用者住所"), "H4", "G4", "L4"),
    FieldSpec("care_manager", "text", ("居宅サービス計画作成者氏名", "計画作成者氏名", "介護支援専門員", "担当ケアマネジャー", "作成者", "担当ケアマネ", "担当介護支援専門員"), "B5", "A5", "C5"),
    FieldSpec("office", "text", ("居宅介護支援事業者・事業所名及び所在地", "居宅介護支援事業者・事業所名", "事業所名及び所在地", "事業所名"), "E5", "D5", "L5"),
    FieldSpec("first_created_on", "date", ("初回居宅サービス計画作成日", "初回計画作成日", "初回作成日"), "E6", "D6", "F6"),
    FieldSpec("changed_on", "date", ("変更日", "計画変更日"), "H6", "G6", "I6"),
    FieldSpec("certified_on", "date", ("認定日", "要介護認定日"), "B7", "A7", "C7"),
    FieldSpec("cert_period", "period", ("認定の有効期間", "認定有効期間", "有効期間", "認定期間"), "E7", "D7", None, (), "G7"),
    FieldSpec("care_level", "care_level", ("要介護状態区分", "要介護度", "介護度", "要介護区分"), "B8", "A8", "C8",
              ("要支援1", "要支援2", "要介護1", "要介護2", "要介護3", "要介護4", "要介護5")),
    FieldSpec("user_intent", "text", ("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", "利用者及び家族の生活に対する意向", "本人・家族の意向", "生活に対する意向"), "B9", "A9", "L9"),
    FieldSpec("committee_opinion", "text", ("介護認定審査会の意見及びサービスの種類の指定", "介護認定審査会の意見", "審査会の意見"), "B10", "A10", "L10"),
    FieldSpec("overall_policy", "text", ("総合的な援助の方針", "総合的な支援の方針", "援助の方針"), "B11", "A11", "L11"),
    FieldSpec("living_support_reason", "text", ("生活援助中心型の算定理由", "生活援助中心型算定理由", "生活援助の算定理由"), "B12", "A12", "L12"),
    FieldSpec("consent_on", "date", ("説明・同意日", "説明･同意日", "同意日", "説明同意日"), "B14", "A14", "C14"),
    FieldSpec("delivered_on", "date", ("交付日", "計画交付日"), "H14", "G14", "I14"),
]
TABLE1_BY_KEY = {f.key: f for f in TABLE1_FIELDS}
# not on every office's form and no rule needs them: their absence is no reading note
TABLE1_OPTIONAL = frozenset({"changed_on", "delivered_on"})

# Labels a hand-made form writes AFTER the value (「令和8年4月10日｜作成」「R8.4.14｜同意」): read only when the
# field's own label is nowhere, and only a value that fits the field right before them.
LABELS_AFTER: dict[str, tuple[str, ...]] = {
    "created_on": ("作成", "作成済"),
    "consent_on": ("同意", "同意済"),
    "delivered_on": ("交付", "交付済"),
}

LIVING_SUPPORT_CHOICES = ("1. 一人暮らし", "2. 家族等が障害、疾病等", "3. その他")

# Labels in other words, for forms whose wording is in no list above: (what the label says, what it must not
# say), on the normalised text of a short label cell without digits. Tried only after the exact labels.
LABEL_PATTERNS: dict[str, tuple[str, str]] = {
    "created_on": (r"作成(?:\(変更\))?(?:年月)?日$|作成・変更日$", r"初回|会議|アセスメント|署名"),
    "first_created_on": (r"初回.*作成(?:年月)?日$", r"$^"),
    "certified_on": (r"認定(?:年月)?日$", r"有効|申請|審査"),
    "cert_period": (r"有効期間|有効期限|認定期間", r"$^"),
    "care_level": (r"要介護(?:状態)?(?:区分|度)|^介護度", r"$^"),
    "consent_on": (r"同意(?:年月)?日", r"$^"),
    "delivered_on": (r"交付(?:年月)?日", r"$^"),
    "user_name": (r"^(?:利用者|被保険者|本人)(?:氏名|名)(?:\(.*\))?$", r"同意|署名|印"),
    "user_intent": (r"意向(?:を踏まえた課題分析の結果)?$", r"$^"),
    "overall_policy": (r"総合的な.*方針$|(?:援助|支援)(?:の)?方針$", r"$^"),
    "living_support_reason": (r"生活援助.*理由", r"$^"),
    "held_on": (r"開催(?:年月)?日", r"$^"),
    "place": (r"開催場所|会議場所", r"$^"),
    "assessed_on": (r"(?:アセスメント|課題分析)(?:の)?(?:実施)?(?:年月)?日$", r"$^"),
}

# 第2表: two header rows, then data rows. Column keys -> (template column, header labels and variants).
T2_HEADER_ROW = 4  # first header row in our template (援助目標 / 援助内容), second is +1
T2_FIRST_ROW = 6
T2_LAST_ROW = 45
T2_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "need": ("A", ("生活全般の解決すべき課題（ニーズ）", "生活全般の解決すべき課題(ニーズ)", "生活全般の解決すべき課題", "解決すべき課題", "ニーズ", "課題")),
    "long_goal": ("B", ("長期目標",)),
    "long_period": ("C", ("（期間）", "(期間)", "期間", "長期目標期間")),
    "short_goal": ("D", ("短期目標",)),
    "short_period": ("E", ("（期間）", "(期間)", "期間", "短期目標期間")),
    "content": ("F", ("サービス内容", "援助内容", "支援内容")),
    "insured": ("G", ("※1", "※１", "保険給付")),
    "service_type": ("H", ("サービス種別", "種別")),
    "provider": ("I", ("※2", "※２", "事業所", "サービス事業所", "提供事業所")),
    "frequency": ("J", ("頻度", "回数")),
    "service_period": ("K", ("期間", "（期間）", "(期間)", "サービス期間")),
}
SERVICE_TYPE_CHOICES = (
    "訪問介護", "訪問入浴介護", "訪問看護", "訪問リハビリテーション", "居宅療養管理指導", "通所介護",
    "地域密着型通所介護", "通所リハビリテーション", "短期入所生活介護", "短期入所療養介護", "福祉用具貸与",
    "特定福祉用具販売", "住宅改修", "定期巡回・随時対応型訪問介護看護", "夜間対応型訪問介護",
    "認知症対応型通所介護", "小規模多機能型居宅介護", "看護小規模多機能型居宅介護", "家族", "本人", "インフォーマル",
)

# 第3表: time rows x weekday columns.
T3_HEADER_ROW = 4
T3_TIME_COL = "C"  # time labels; column B holds 深夜/早朝/午前/午後/夜間
T3_DAY_COLS = ["D", "E", "F", "G", "H", "I", "J"]  # 月..日
T3_ACTIVITY_COL = "K"  # 主な日常生活上の活動
T3_TIMES = ["0:00", "2:00", "4:00", "6:00", "8:00", "10:00", "12:00", "14:00", "16:00", "18:00", "20:00", "22:00"]
T3_NON_WEEKLY = ("A19", "D19", "K19")  # label cell, value cell, merged to

# 第4表
TABLE4_FIELDS: list[FieldSpec] = [
    # after the 様式's own words, a care manager's 会議メモ (日時, 参加者, 話し合った内容, 決まったこと …)
    FieldSpec("held_on", "date", ("開催日", "開催日時", "開催年月日", "会議開催日", "開催日・時間", "日時"), "B4", "A4", "C4"),
    FieldSpec("place", "text", ("開催場所", "会議場所"), "E4", "D4", "F4"),
    FieldSpec("attendees", "text", ("会議出席者", "出席者", "参加者"), "B5", "A5", "K5", block=True),
    FieldSpec("topics", "text", ("検討した項目", "検討項目", "検討事項", "議題"), "B6", "A6", "K6"),
    FieldSpec("discussion", "text", ("検討内容", "話し合った内容", "協議内容"), "B7", "A7", "K7"),
    FieldSpec("conclusion", "text", ("結論", "決まったこと", "決定事項"), "B8", "A8", "K8"),
    FieldSpec("remaining", "text", ("残された課題（次回の開催時期）", "残された課題", "残された課題(次回の開催時期)", "次回までの課題", "今後の課題"), "B9", "A9", "K9"),
]

# 第5表 居宅介護支援経過: 年月日 | 項目 | 内容, often printed twice side by side on one sheet
TABLE5_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "date": ("A", ("年月日", "日付", "月日", "日時", "年月日（曜日）", "記録日")),
    "item": ("B", ("項目", "区分", "種別")),
    "content": ("C", ("内容", "経過", "支援経過", "記録", "内容（経過）")),
}

# アセスメント: 課題分析標準項目 (令和5年10月16日 老認発1016第1号 改正後の23項目)
ASSESSMENT_ITEMS: list[str] = [
    "基本情報（受付、利用者等基本情報）", "これまでの生活と現在の状況", "利用者の社会保障制度の利用情報",
    "現在利用している支援や社会資源の状況", "日常生活自立度（障害）", "日常生活自立度（認知症）", "主訴・意向",
    "認定情報", "今回のアセスメントの理由", "健康状態", "ADL", "IADL", "認知機能や判断能力",
    "コミュニケーションにおける理解と表出の状況", "生活リズム", "排泄の状況", "清潔の保持に関する状況",
    "口腔内の状況", "食事摂取の状況", "社会との関わり", "家族等の状況", "居住環境", "その他留意すべき事項・状況",
]
ASSESSMENT_DATE = FieldSpec("assessed_on", "date", ("アセスメント実施日", "実施日", "アセスメント日"), "E2", "D2", "F2")
ASSESSMENT_HEADER_ROW = 4
ASSESSMENT_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "number": ("A", ("No.", "No", "番号", "項目番号")),
    "name": ("B", ("項目名", "課題分析標準項目", "項目")),
    "status": ("C", ("状況", "現在の状況", "状況・課題")),
    "has_issue": ("D", ("課題", "課題の有無", "課題有無")),
    "need_refs": ("E", ("関連ニーズ番号", "関連するニーズ", "ニーズ番号", "関連するニーズ番号", "関連ニーズ")),
}

# Table headers other offices write, by what they say rather than their exact wording (matched on the
# normalised header text after the exact labels above; the first key in a table's order wins a cell).
HEADER_PATTERNS: dict[str, dict[str, str]] = {
    "table2": {
        "need": r"ニーズ|解決すべき課題|生活課題",
        "content": r"サービス内容|援助内容|支援内容|サービスの内容",
        "insured": r"^※1|保険給付|給付対象|保険対象",
        "service_type": r"サービス種別|サービスの種類|サービス種類|^種別|^種類$",
        "provider": r"^※2|事業所|事業者|提供者|担当者$",
        "frequency": r"頻度|回数",
    },
    "assessment": {
        "number": r"^(?:No\.?|番号|項目番号|№)$",
        "name": r"項目|標準項目",
        "status": r"状況|現状|状態|内容",
        "has_issue": r"^課題(?:の?有無|あり|有|\(有・?無\))?$|課題の?有無|問題の?有無",
        "need_refs": r"ニーズ.*(?:番号|No|#|№)|関連.*ニーズ|ニーズ番号|関連.*課題|課題番号|^(?:対応する)?ニーズ$",
    },
    "monitoring": {
        "planned_on": r"予定(?:日|年月日|日時)?$",
        "done_on": r"(?:実施|訪問|面接|面談|確認|記録)(?:日|日時|年月日)|^(?:日付|年月日|日時|月日)$",
        "method": r"方法|場所|手段|形態|訪問先|面接先",
        "kind": r"^(?:種別|区分|種類|項目)$",
        "note": r"内容|評価|結果|所見|状況|記録|特記|経過|意見|達成",
    },
}

# モニタリング
MONITORING_HEADER_ROW = 4
MONITORING_FIRST_ROW = 5
MONITORING_LAST_ROW = 60
MONITORING_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "planned_on": ("A", ("予定日", "訪問予定日")),
    "kind": ("B", ("種別", "区分")),
    "done_on": ("C", ("実施日", "訪問日", "実施日時", "訪問日時", "面接日")),
    "method": ("D", ("方法", "実施方法", "場所", "方法・場所", "実施場所")),
    "note": ("E", ("内容・評価", "内容", "評価", "結果")),
}
MONITORING_KINDS = ("モニタリング訪問", "目標評価", "計画見直し", "更新手続", "電話等連絡")

# 方針と異なる理由 (acknowledged deviations)
ACK_HEADER_ROW = 3
ACK_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "rule": ("A", ("ルール", "ルールコード", "コード")),
    "sheet": ("B", ("シート",)),
    "cell": ("C", ("セル", "対象セル")),
    "reason": ("D", ("理由", "方針と異なる理由")),
    "written_on": ("E", ("記入日",)),
}

# Names of table anchors in our template (header row's first cell).
TABLE_NAMES = {
    "cp_t2_table": (SHEET_T2, f"A{T2_HEADER_ROW}"),
    "cp_t3_table": (SHEET_T3, f"A{T3_HEADER_ROW}"),
    "cp_assessment_table": (SHEET_ASSESSMENT, f"A{ASSESSMENT_HEADER_ROW}"),
    "cp_monitoring_table": (SHEET_MONITORING, f"A{MONITORING_HEADER_ROW}"),
    "cp_ack_table": (SHEET_ACK, f"A{ACK_HEADER_ROW}"),
}
