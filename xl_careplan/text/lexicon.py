"""Word lists of the text rules, as data. Each rule takes its lists as parameters with these defaults, and a
profile can add words (``extra_*``) or replace a list. Words are written as a care manager writes them; they
are matched on the analyser's tokens by surface, dictionary form or normalised form, so 買物 also finds
買い物 and 出来る finds できる. A word of several tokens (日常生活動作) matches that run of tokens."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from xl_careplan.text.analyser import Tok, analyse

# Services and whoever provides them (the user's family included: a goal they carry out is not the user's).
SERVICES = [
    "サービス", "介護サービス", "介護保険", "デイサービス", "デイケア", "デイ", "通所", "通所介護", "通所リハ", "通所リハビリ",
    "通所リハビリテーション", "地域密着型通所介護", "認知症対応型通所介護", "訪問介護", "ホームヘルプ", "ヘルパー",
    "訪問看護", "訪看", "訪問リハ", "訪問リハビリ", "訪問リハビリテーション", "訪問入浴", "訪問入浴介護",
    "ショートステイ", "ショート", "短期入所", "短期入所生活介護", "短期入所療養介護", "小規模多機能", "小多機",
    "定期巡回", "福祉用具", "福祉用具貸与", "配食", "配食サービス", "入浴サービス", "家事援助", "生活援助", "身体介護",
    "リハビリ", "居宅療養管理指導", "施設", "住宅改修", "訪問診療", "往診",
    # the places one moves into (入所・入居): obtaining a place is a service goal as much as a day service
    "特別養護老人ホーム", "特養", "老人ホーム", "有料老人ホーム", "グループホーム", "老健", "介護老人保健施設",
    "介護老人福祉施設", "介護医療院", "サービス付き高齢者向け住宅", "サ高住", "入所施設",
    # the abbreviations of care-office notes (ＤＳ is DS after NFKC)
    "DS", "DC", "SS", "HH", "訪介", "通リハ", "訪リハ", "訪入", "福用",
]
# The family carry out a goal for the user like a provider does (長女が夕食を作る), but a goal of their own ability
# (介護者が休息の時間を持てる) is theirs, not an act done for the user: TX403 tells the two apart by FAMILY.
FAMILY = ["介護者", "家族", "長女", "長男", "次女", "次男", "娘", "息子", "嫁", "妻", "夫", "孫"]
PROVIDERS = [
    "ヘルパー", "ヘルパーさん", "職員", "スタッフ", "看護師", "訪問看護師", "理学療法士", "作業療法士", "事業所",
    "ケアマネ", "ケアマネジャー", "訪問介護員", "介護員", "介護職員", "介護士", "介護福祉士", "看護職員", "医師", "主治医",
    "薬剤師", "医療機関", "関係機関",
] + FAMILY
# Help that someone else performs (received: 介助を受ける, or done for the user: 介助で).
CARE_ACTS = ["介助", "介護", "援助", "支援", "手伝い", "代行", "世話", "ケア", "お世話"]
# Verbs that make a service the thing wanted or achieved (デイサービスに通いたい／通える, ショートを利用する).
SERVICE_VERBS = [
    "利用", "使う", "使用", "通う", "通所", "行く", "来る", "受ける", "受け入れる", "入る", "泊まる", "預ける", "増やす",
    "参加", "継続", "続ける", "定着", "慣れる", "借りる", "レンタル", "購入", "設置", "付ける", "入れる", "頼む", "導入",
    "活用", "受け入れ", "入所", "入居",
]
# Asking someone else to act (…してほしい, お願いしたい, 頼みたい).
REQUEST_VERBS = ["願う", "頼む", "任せる", "依頼"]
# Help received from someone else that is not named 介助・支援 (通院の付き添いを希望, 見守りを受けたい).
HELP_NOUNS = ["付き添い", "付添い", "付添", "送迎", "同行", "見守り", "声かけ", "声掛け", "手助け", "手伝い", "指導", "訪問"]
# Things one asks for (福祉用具の種目 of 厚生省告示第93号・第94号 in the words people use — from knowledge):
# 「杖が欲しい」 is a request as much as 「杖を借りたい」.
EQUIPMENT = [
    "杖", "つえ", "ステッキ", "車いす", "車椅子", "車イス", "電動車いす", "介護ベッド", "電動ベッド", "特殊寝台", "ベッド",
    "手すり", "手摺", "スロープ", "歩行器", "歩行車", "シルバーカー", "ポータブルトイレ", "シャワーチェア", "シャワーチェアー",
    "浴槽台", "入浴用いす", "エアマット", "マットレス", "体位変換器", "リフト", "福祉用具", "補聴器",
    "介護用品", "用具", "自助具", "吸引器", "意思伝達装置", "緊急通報装置", "段差解消機", "酸素濃縮器",
    "椅子", "いす", "イス",  # 入浴用の椅子を買う (シャワーチェアの日常の言い方)
]
# A thing is also named by the head of its compound (吸引｜器, 段差解消｜機, 自助｜具, 通報｜装置, 介護｜用品).
EQUIPMENT_HEADS = ("器", "機", "具", "装置", "用品")
# Obtaining a thing (ベッドを借りたい, 手すりの設置を希望).
OBTAIN_VERBS = ["借りる", "レンタル", "購入", "設置", "貸す", "付ける", "取り付ける", "貸与", "導入", "揃える"]
# Words that say what the desire or the plan is for (the life the person wants).
DESIRE_WORDS = ["希望", "望む", "望み", "願い", "思い", "想い", "楽しみ", "生きがい", "生き甲斐", "意欲", "夢"]
# In a policy, the life aimed at is also said without a wish (…自分らしい生活を続けられるよう).
POLICY_AIMS = ["自分らしい", "らしい", "続ける", "目指す", "大切", "好き", "好む", "趣味"]
# Limiting someone else's help to part of an activity (重い物の買物のみヘルパーが…).
LIMITERS = ["のみ", "だけ", "以外", "一部", "部分"]
# Doing it with the user rather than for the user.
JOINT = ["一緒", "共に", "同行", "見守り", "見守る", "声かけ", "声掛け", "付き添い", "付き添う", "促し", "促す", "指導", "練習",
         "訓練", "確認", "助言", "自立支援", "見守り的援助"]
SELF = ["自分", "一人", "独り", "自力", "自ら", "本人"]

# Conditions that explain a difficulty: body and mind, illness, and the person's surroundings.
CONDITIONS = [
    "痛い", "痛み", "痛む", "疼痛", "腰痛", "膝痛", "低下", "弱る", "弱い", "衰える", "衰え", "麻痺", "まひ", "しびれ", "痺れ",
    "震え", "拘縮", "変形", "認知症", "物忘れ", "もの忘れ", "記憶", "疾患", "病気", "病", "持病", "症状", "骨折",
    "骨粗鬆症", "圧迫骨折", "術後", "手術", "入院", "退院", "後遺症", "障害", "不自由", "息切れ", "息苦しい", "疲れる",
    "疲れ", "疲れやすい", "ふらつく", "ふらつき", "不安定", "難聴", "視力", "視野", "聴力", "見えにくい", "聞こえにくい",
    "独り暮らし", "一人暮らし", "独居", "高齢", "高齢者", "不在", "共働き", "遠方", "坂", "坂道", "段差", "階段", "寝たきり",
    "筋力", "体力", "落ちる", "減る", "増える", "悪化", "進行", "脳梗塞", "脳出血", "心不全", "糖尿病", "透析", "人工透析",
    "パーキンソン病", "リウマチ", "関節リウマチ", "COPD", "がん", "癌", "うつ", "鬱", "頻尿", "失禁", "便秘", "むくみ",
    "浮腫", "嚥下", "むせ", "誤嚥", "貧血", "めまい", "転倒", "転ぶ", "骨", "腰", "膝", "股関節", "肩", "手指", "右半身",
    "左半身", "片麻痺", "怖い", "不安", "心配", "つらい", "辛い", "負担", "亡くなる", "死別", "介護者", "老老介護",
    "廃用症候群", "緑内障", "白内障", "酸素", "在宅酸素", "インスリン",
    # what a body that depends on medical care lives with (医療依存度の高い人: 胃ろう, 痰の吸引, 人工肛門)
    "胃ろう", "胃瘻", "経管栄養", "痰", "たん", "人工肛門", "ストーマ", "気管切開", "人工呼吸器", "カテーテル", "褥瘡", "床ずれ",
    "悪い", "遠い", "狭い", "減少", "低栄養",
]
# Joining words that give a reason (痛いので, 一人暮らしのため, 麻痺により); から only as a conjunction.
CAUSE_LINKS = ["ので", "ため", "為", "により", "によって", "による", "から", "せい", "原因"]

# Goals: words that name nothing one can observe (a goal made only of these cannot be evaluated).
GOAL_ABSTRACT = [
    "生活", "暮らし", "暮らす", "過ごす", "送る", "保つ", "保持", "維持", "向上", "改善", "安定", "図る",
    "努める", "目指す", "防ぐ", "予防", "防止", "軽減", "悪化", "進行", "低下", "状態", "状況", "機能", "身体", "心身", "心",
    "体", "体調", "体力", "筋力", "下肢", "上肢", "下肢筋力", "筋肉", "健康", "清潔", "衛生", "安心", "安全", "安楽",
    "快適", "穏やか", "元気", "楽しい", "健やか", "生き生き", "充実", "豊か", "自分", "自分らしい", "らしい", "その人",
    "本人", "自立", "自宅", "在宅", "家", "地域", "住み慣れる", "日常", "日常生活", "毎日", "日々", "ADL", "IADL", "QOL",
    "動作", "日常生活動作", "意欲", "意欲的", "病状", "症状", "病気", "疾患", "認知症", "持病", "管理", "体調管理",
    "健康管理", "リズム", "生活リズム", "整う", "整える", "不安", "心配", "支障", "問題", "必要", "適切", "自由", "家庭",
    "今", "現在", "能力", "レベル", "質", "増進", "回復", "落ち着く", "楽", "明るい", "笑顔", "前向き", "積極的", "主体的",
    "有する", "応じる", "可能", "限り", "長生き", "人生", "日課", "身の回り", "家族", "一緒", "全般", "様々", "いろいろ",
    "色々", "無理", "無事", "清潔保持", "健康状態", "身体機能", "心身機能", "生活機能", "在宅生活", "自立支援", "崩す",
    "損なう", "身体状況", "支える", "不調", "体調不良", "質", "生活の質", "平穏", "充実感", "満足",
    # attitudes, moods, burdens and regularity: nothing one can see done (健康に留意した生活, 気分転換を図る)
    "留意", "注意", "気を付ける", "気をつける", "心がける", "心掛ける", "意識", "気分", "気分転換", "気持ち", "ストレス",
    "負担", "介護負担", "負担感", "規則正しい", "規則的", "栄養状態", "生活習慣", "精神", "ハリ", "張り", "メリハリ",
    # effort, meaning, company and care in general: 頑張る, 生きがいのある生活, 社会参加, 他者との交流, 安心して療養
    "頑張る", "努力", "生きがい", "生き甲斐", "やりがい", "社会参加", "交流", "他者", "他人", "連携", "協力", "療養",
    "在宅療養", "夫婦",
]
# How often, how long, how much: a measure says nothing by itself (毎日穏やかに過ごす is still vague).
MEASURES = [
    "週", "月", "年", "回", "日", "毎日", "毎週", "毎月", "毎朝", "毎晩", "毎食", "時間", "分", "程度", "以上", "以下", "くらい",
    "ぐらい", "頃", "目安", "定期", "定期的", "度", "おき", "ごと", "隔週", "随時", "適宜", "常時",
]
# Nouns that only carry grammar (こと, よう, ため).
FUNCTION_NOUNS = ["こと", "事", "物", "もの", "様", "よう", "ように", "為", "ため", "時", "方", "等", "中", "上", "的", "所", "ところ",
                  "とも", "共に", "ともに"]  # 心身ともに: Sudachi reads とも as a noun; it only joins
# Words that belong to any phrase (neither concrete nor abstract): verbs of being and doing, services and providers.
NEUTRAL = MEASURES + FUNCTION_NOUNS + [
    "する", "為る", "できる", "出来る", "なる", "成る", "いる", "居る", "ある", "有る", "おく", "置く", "しまう", "みる",
    "見る", "くる", "来る", "いく", "行く", "もらう", "貰う", "いただく", "頂く", "くださる", "下さる", "れる", "られる",
    "受ける", "受け入れる", "利用", "使用", "通う", "通所", "参加", "定着", "慣れる", "休む", "行う", "実施", "思う",
    "もらえる", "得る", "受けられる", "使う", "方針", "目標", "持つ", "持てる", "感じる", "抱く",
    "続ける", "継続",  # aspect only: 在宅生活を継続 is vague for 在宅生活, 畑仕事を続ける is not
    "活用",  # using, like 利用・使う: 福祉用具を活用して安全に生活する names no act
    "増やす", "減らす", "増える", "減る", "軽い",  # how much, like the measures: できることを増やす names nothing; 体重を減らす names 体重
] + SERVICES + PROVIDERS + CARE_ACTS
# サービス内容: words that alone do not tell a provider what to do.
CONTENT_GENERIC = [
    "見守り", "見守る", "守り", "見る", "健康", "管理", "健康管理", "状態", "確認", "観察", "状態観察", "様子", "様子観察",
    "支援", "援助", "介護", "介助", "生活", "日常", "日常生活", "全般", "必要", "応じる", "必要時", "時", "声かけ", "声掛け",
    "相談", "助言", "指導", "安否", "安否確認", "リハビリ", "機能", "訓練", "機能訓練", "身体", "身体介護", "生活援助",
    "家事", "家事援助", "サービス", "提供", "対応", "ケア", "世話", "身の回り", "チェック", "健康チェック", "等", "など",
    "随時", "適宜", "適切", "その他", "各種", "総合", "的", "一般", "声", "かけ", "掛け", "見守り支援", "介護全般", "ケア全般",
    "実施", "行う", "する", "為る", "こと", "事", "健康状態", "体調", "体調管理", "生活", "安全", "安全確認", "安心", "清潔",
    "身体状況", "病状", "症状", "日常生活上", "上", "リハビリテーション", "援助全般", "支援全般", "全体", "介護全般",
    "生活全般", "状況", "状況確認", "心身", "精神", "面", "情報", "共有", "連絡", "調整", "用具",
    "サポート", "生活面", "日常生活面", "医療", "医療的", "貸与", "販売",  # 日常生活面のサポート, 福祉用具の貸与 (its kind again)
] + MEASURES + FUNCTION_NOUNS + SERVICES  # a service's name alone (ショートステイ, 訪問入浴) says nothing of what is done
# 総合的な援助の方針: words of any policy (a policy made only of these says nothing of this person).
POLICY_GENERIC = GOAL_ABSTRACT + [
    "支援", "連携", "関係", "機関", "関係機関", "事業所", "サービス事業所", "チーム", "多職種", "意向", "尊重", "希望", "本人",
    "ご本人", "家族", "ご家族", "利用者", "本位", "調整", "サービス", "援助", "緊急", "緊急時", "連絡", "連絡先", "緊急連絡先",
    "主治医", "報告", "努める", "沿う", "図る", "行う", "各", "いたす", "致す", "いく", "思い", "気持ち", "寄り添う", "望む",
    "送る", "できる", "様", "方", "チームケア", "協力", "相談", "共有", "情報", "提供", "介護", "介護者", "長女", "長男",
    "次女", "次男", "娘", "息子", "妻", "夫", "携帯", "電話", "人", "その人らしい", "生きがい", "楽しみ", "ケア", "体制",
    "整える", "取り組む", "いきいき", "生き生き", "大切", "守る", "すごす", "暮らせる", "住む", "必要", "適切", "活用",
    "社会資源", "フォーマル", "インフォーマル", "など", "等", "関係者", "事業者", "支える", "踏まえる", "関わる", "見守る",
    "能力", "まいる", "参る", "応じる", "心がける", "心掛ける", "目指す", "各種", "全体", "考える", "一体的", "総合的",
    # the vocabulary of 法・基準 and of teamwork, which fits every plan
    "尊厳", "意思", "自己決定", "視点", "観点", "立場", "一丸", "全員", "協働", "継続的", "包括的", "多職種連携", "信頼関係",
    "情報共有", "残存", "残存機能", "残存能力", "活かす", "生かす", "有する能力",
    # the plan speaking of itself (…に沿ったプランを作成し): true of every plan
    "プラン", "ケアプラン", "計画", "居宅サービス計画", "作成", "立案", "見直し", "見直す", "評価", "モニタリング",
    # the guideline's own slogans and the words of care in general (名寄市GL の題: 自立支援・重度化防止)
    "重度化", "重度化防止", "重症化", "重症化防止", "介護予防", "医療", "疾病", "最期", "迎える",
]
# In a policy a verb says something particular only when it is an activity (歩く, 食べる): the others
# (支える, 踏まえる, 寄り添う …) belong to any policy.
ACTIVITY_VERBS = [
    "歩く", "食べる", "作る", "飲む", "洗う", "着る", "着替える", "出かける", "話す", "買う", "運ぶ", "上る", "登る", "昇る",
    "降りる", "下りる", "立つ", "座る", "寝る", "起きる", "入る", "書く", "読む", "通う", "会う", "乗る", "干す", "畳む",
    "たたむ", "片付ける", "掃く", "拭く", "磨く", "切る", "煮る", "焼く", "炊く", "育てる", "植える", "歌う", "踊る", "打つ",
    "描く", "編む", "縫う", "散歩", "入浴", "排泄", "移動", "移乗", "外出", "通院", "調理", "買い物", "掃除", "洗濯",
]
# Goals and needs: verbs that are the care-plan's activities of daily living (for AS202's 生活援助 check).
ACTIVITIES = {
    "買物": ["買い物", "買物", "買う", "購入", "買い出し"],
    "調理": ["調理", "料理", "炊事", "自炊", "献立", "味噌汁", "朝食", "昼食", "夕食", "食事作り", "ご飯作り"],
    "掃除": ["掃除", "清掃", "掃除機", "片付け", "片付ける", "整理整頓"],
    "洗濯": ["洗濯", "洗濯物"],
    "ゴミ出し": ["ゴミ出し", "ごみ出し", "ゴミ", "ごみ"],
    # the other 生活援助 of 老計第10号 (ベッドメイク, 衣類の整理, 薬の受け取り)
    "ベッドメイク": ["ベッドメイク", "シーツ交換", "布団干し"],
    "衣類の整理": ["衣類の整理", "衣替え"],
    "薬の受け取り": ["薬の受け取り"],
}
# Body care a goal may say the person does by themselves (for TX409: 一人で入浴できる ＋ サービス内容「入浴介助」).
BODY_ACTS = {
    "入浴": ["入浴", "浴槽", "風呂", "お風呂", "洗身", "洗髪", "シャワー", "シャワー浴"],
    "服薬": ["服薬", "薬", "内服", "配薬", "与薬"],
    "排泄": ["排泄", "排尿", "排便", "トイレ"],
    "食事": ["食事", "食べる"],
    "更衣": ["更衣", "着替え", "着替える", "着脱"],
    "移乗": ["移乗"],
    "整容": ["整容", "歯磨き", "歯みがき", "洗顔", "口腔ケア"],
}
# Care routines of health (薬を飲む, 服薬, 注射, 入浴, 睡眠, 食事・水分): continued, managed, or done 「きちんと」「十分に」
# they still say nothing to evaluate (服薬を継続できる, 安眠できる, 水分を十分にとれる) — 名寄市 4(3), 旭川市 具体的かつ客観的.
# Only these: a hobby continued (趣味の園芸を続けられる) is the life the person wants, not a routine.
ROUTINES = [
    "服薬", "内服", "薬", "飲む", "注射", "インスリン", "療法", "酸素療法", "治療", "入浴", "安眠", "睡眠", "眠る", "熟睡",
    "食事", "食べる", "摂る", "取る", "とれる", "摂取", "水分", "水分補給", "栄養", "排便", "口腔", "ケア", "口腔ケア", "家事",
    "コントロール", "十分", "充分", "適切", "規則正しい", "正しい",
]
# Doing an act for the person rather than with them (入浴介助, 服薬の管理・配薬).
TAKEOVER = ["介助", "全介助", "代行", "管理", "配薬", "与薬"]
# Help limited to what the user cannot carry (重い物（米・灯油）の買物代行, 高い所の掃除).
PARTIAL_OBJECTS = ["重い", "重たい", "重量物", "大きい", "大きな", "かさばる", "力仕事", "高所", "高い所"]


class WordSet:
    """Words matched on tokens: a token by surface, dictionary form or normalised form; a word the analyser
    splits matches the run of its tokens. A verb and the noun of its 連用形 are one word (支える lists 支え,
    しびれ lists 痺れる): care managers write either."""

    def __init__(self, words: Iterable[str]):
        self.single: set[str] = set()
        self.nominal: set[str] = set()  # nouns of the listed verbs (支える → 支え)
        self.runs: dict[str, list[tuple[str, ...]]] = {}  # first lemma -> runs of lemmas
        self.prefixes: set[str] = set()  # of the written words, for a run of surfaces
        self._covered: dict[int, tuple[tuple[Tok, ...], frozenset[int]]] = {}  # by id of the (cached) tokens
        for w in words:
            w = w.strip()
            if not w:
                continue
            self.single.add(w)
            self.prefixes.update(w[:k] for k in range(1, len(w) + 1))
            toks = word_tokens(w)
            if len(toks) == 1:
                self.single.update({toks[0].lemma, toks[0].base, toks[0].surface})
                self.nominal.update(toks[0].nominals)
            elif toks:
                self.runs.setdefault(toks[0].lemma, []).append(tuple(t.lemma for t in toks))

    def at(self, toks: tuple[Tok, ...], i: int) -> int:
        """Length (tokens) of the longest word of the set starting at token i, 0 if none."""
        t = toks[i]
        best = 1 if self.has(t) else 0
        for run in self.runs.get(t.lemma, ()):
            n = len(run)
            if n > best and tuple(u.lemma for u in toks[i:i + n]) == run:
                best = n
        if best == 0:  # a word the analyser joined or split differently here: try the surfaces of a short run
            s = t.surface
            j = i
            while s in self.prefixes and j + 1 < len(toks) and j - i < 4:
                j += 1
                s += toks[j].surface
                if s in self.single:
                    best = j - i + 1
        return best

    def has(self, t: Tok) -> bool:
        if t.lemma in self.single or t.base in self.single or t.surface in self.single:
            return True
        if t.pos == "名詞":
            return t.surface in self.nominal or t.lemma in self.nominal
        return t.pos == "動詞" and any(n in self.single for n in t.nominals)

    def spans(self, toks: tuple[Tok, ...]) -> list[tuple[int, int]]:
        """(start, end) of every match, left to right, not overlapping."""
        out, i = [], 0
        while i < len(toks):
            n = self.at(toks, i)
            if n:
                out.append((i, i + n))
                i += n
            else:
                i += 1
        return out

    def covered(self, toks: tuple[Tok, ...]) -> frozenset[int]:
        """Indices of the tokens a word of the set covers (remembered per token tuple: analyse() caches them,
        and the tuple kept here keeps its id from being reused)."""
        hit = self._covered.get(id(toks))
        if hit is not None and hit[0] is toks:
            return hit[1]
        if len(self._covered) > 4096:
            self._covered.clear()
        got = frozenset(k for a, b in self.spans(toks) for k in range(a, b))
        self._covered[id(toks)] = (toks, got)
        return got


@lru_cache(maxsize=256)
def wordset(words: tuple[str, ...]) -> WordSet:
    return WordSet(words)


def words(*lists: Iterable[str]) -> WordSet:
    """One WordSet for the union of lists (cached on the words)."""
    merged: list[str] = []
    for lst in lists:
        merged.extend(lst)
    return wordset(tuple(dict.fromkeys(merged)))


@lru_cache(maxsize=None)
def neutral() -> WordSet:
    """The NEUTRAL words as one WordSet (built on first use)."""
    return words(NEUTRAL)


@lru_cache(maxsize=None)
def self_words() -> WordSet:
    """The SELF words as one WordSet (built on first use)."""
    return words(SELF)


@lru_cache(maxsize=None)
def routines() -> WordSet:
    return words(ROUTINES)


@lru_cache(maxsize=None)
def persons() -> WordSet:
    """Who may act or help besides the bare act: the user, family, providers, services, their help."""
    return words(SELF, FAMILY, PROVIDERS, SERVICES, CARE_ACTS, HELP_NOUNS)


@lru_cache(maxsize=None)
def nothing() -> WordSet:
    return WordSet(())


# ---------------------------------------------------------------- the analyses of the lists, kept with the code

# The analyser's reading of every word of the lists above, written by ``python -m xl_careplan.text.lexicon``: building
# the WordSets of a process then reads this file instead of analysing each word again (a check of one plan built
# them in about a fifth of its time). tests/rules/test_text_lexicon_tokens.py fails when it no longer matches the
# lists or the analyser; a word not in it (a profile's ``extend``) is analysed as before.
TOKENS_FILE = Path(__file__).with_name("lexicon_tokens.json")


def lexicon_words() -> list[str]:
    """Every word of this module's lists (and of ACTIVITIES), sorted."""
    out: set[str] = set()
    for name, v in list(globals().items()):
        if not name.isupper():
            continue
        lists = v.values() if isinstance(v, dict) else [v] if isinstance(v, list) else []
        for lst in lists:
            out.update(w.strip() for w in lst if isinstance(w, str) and w.strip())
    return sorted(out)


def token_rows(word: str) -> list[list[str]]:
    """What WordSet needs of the analyser's tokens of a word: surface, normalised form, dictionary form, part of
    speech, conjugation type (the 連用形 nouns follow from them)."""
    return [[t.surface, t.lemma, t.base, t.pos, t.ctype] for t in analyse(word)]


@lru_cache(maxsize=None)
def _stored() -> dict[str, tuple[Tok, ...]]:
    try:
        data = json.loads(TOKENS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or unreadable: every word is analysed (the test says so)
    return {w: tuple(Tok(sf, lm, bs, ps, "*", "*", ct) for sf, lm, bs, ps, ct in rows) for w, rows in data["words"].items()}


def word_tokens(word: str) -> tuple[Tok, ...]:
    """The tokens of a listed word: from TOKENS_FILE when it holds the word, else from the analyser."""
    hit = _stored().get(word)
    return hit if hit is not None else analyse(word)


def write_tokens(path: Path = TOKENS_FILE) -> None:
    rows = ",\n".join(f"{json.dumps(w, ensure_ascii=False)}: {json.dumps(token_rows(w), ensure_ascii=False)}"
                      for w in lexicon_words())  # one word a line: a change to the lists is a readable diff
    about = json.dumps("python -m xl_careplan.text.lexicon で作り直す（語の一覧を変えたとき・辞書を上げたとき）", ensure_ascii=False)
    path.write_text(f'{{"_about": {about},\n"words": {{\n{rows}\n}}}}\n', encoding="utf-8")


if __name__ == "__main__":
    write_tokens()
