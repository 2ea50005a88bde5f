"""The content of one care plan, independent of any layout, and a seeded generator of well-written plans.

Keys name each field so layouts can record where they put it (``Book.put(..., key=...)``):
``t1.<field>``, ``t2.n{i}.text``, ``t2.n{i}.l{j}.text|period``, ``t2.n{i}.l{j}.s{k}.text|period``,
``t2.n{i}.l{j}.s{k}.v{m}.content|insured|kind|provider|freq|period``, ``t4.<field>``, ``as.i{n}.status``,
``as.assessed_on``, ``mon.r{i}.done_on`` (and ``mon.sheet``).
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import random
from dataclasses import dataclass, field

D = dt.date
WEEKDAYS = ("月", "火", "水", "木", "金", "土", "日")

# 課題分析標準項目 (令和5年10月16日 老認発1016第1号 改正後の23項目), as the national list prints them
ITEMS = (
    "基本情報（受付、利用者等基本情報）", "これまでの生活と現在の状況", "利用者の社会保障制度の利用情報",
    "現在利用している支援や社会資源の状況", "日常生活自立度（障害）", "日常生活自立度（認知症）", "主訴・意向",
    "認定情報", "今回のアセスメントの理由", "健康状態", "ADL", "IADL", "認知機能や判断能力",
    "コミュニケーションにおける理解と表出の状況", "生活リズム", "排泄の状況", "清潔の保持に関する状況",
    "口腔内の状況", "食事摂取の状況", "社会との関わり", "家族等の状況", "居住環境", "その他留意すべき事項・状況",
)


@dataclass
class Svc:
    content: str
    kind: str  # サービス種別 as written in 第2表
    provider: str
    freq: str
    start: D | None
    end: D | None
    insured: bool = True
    days: tuple[str, ...] = ()  # weekdays in 第3表 (weekly services only)
    time: str = ""  # start time in 第3表, "HH:MM"
    rows: int = 1  # 2-hour rows it spans in 第3表
    weekly_label: str = ""  # how 第3表 names it
    group: str = ""  # same visits listed under several needs share a group


@dataclass
class Short:
    text: str
    start: D | None
    end: D | None
    services: list[Svc]


@dataclass
class Long:
    text: str
    start: D | None
    end: D | None
    shorts: list[Short]


@dataclass
class Need:
    text: str
    longs: list[Long]
    items: tuple[int, ...]  # 課題分析標準項目 numbers (1-based) this need comes from


@dataclass
class Meeting:
    held_on: D | None
    start_time: str
    end_time: str
    place: str
    attendees: list[tuple[str, str]]  # (所属・職種, 氏名)
    topics: str
    discussion: str
    conclusion: str
    remaining: str


@dataclass
class Item:
    status: str
    issue: bool
    needs: tuple[int, ...]


@dataclass
class Visit:
    planned: D | None
    kind: str
    done: D | None
    method: str
    note: str


@dataclass
class Plan:
    pid: str
    user_name: str
    kana: str
    sex: str
    birth: D
    address: str
    care_manager: str
    office: str
    plan_kind: str  # 初回 / 紹介 / 継続
    cert_status: str | None  # 認定済 / 申請中, None = nothing marked
    certified_on: D | None
    cert_start: D | None
    cert_end: D | None
    care_level: str | None  # 要介護1..5, None = nothing marked
    created_on: D | None
    first_created_on: D | None
    user_intent: str
    committee_opinion: str
    overall_policy: str
    living_reason: int | None  # 1 一人暮らし, 2 家族等が障害、疾病等, 3 その他; None = nothing marked
    living_other: str
    consent_on: D | None
    delivered_on: D | None
    needs: list[Need]
    meeting: Meeting | None
    assessed_on: D | None
    items: list[Item | None]  # index n-1 for item n; None = row left out
    visits: list[Visit]
    activities: dict[str, str] = field(default_factory=dict)  # "HH:MM" -> 主な日常生活上の活動
    non_weekly: str = ""
    raw: dict[str, str] = field(default_factory=dict)  # field key -> text written instead of the value
    weekly_extra: list[Svc] = field(default_factory=list)  # in 第3表 but in no 第2表 row
    journal: list[tuple[D, str, str]] = field(default_factory=list)  # 第5表 居宅介護支援経過: (日付, 項目, 内容)

    def services(self):
        for i, n in enumerate(self.needs):
            for j, lg in enumerate(n.longs):
                for k, sg in enumerate(lg.shorts):
                    for m, s in enumerate(sg.services):
                        yield f"t2.n{i}.l{j}.s{k}.v{m}", s

    def weekly_services(self) -> list[Svc]:
        """What 第3表 shows: each 第2表 weekly service (once per group), then entries written only there."""
        out = [s for _, s in self.services() if s.days and s.weekly_label]
        return out + self.weekly_extra

    def copy(self) -> "Plan":
        return copy.deepcopy(self)


def add_months(d: D, months: int) -> D:
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    return D(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def months_later_minus_day(d: D, months: int) -> D:
    return add_months(d, months) - dt.timedelta(days=1)


# --------------------------------------------------------------------------- content library (fictional)

FAMILY = ["佐々木", "高橋", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山口", "松本", "井上", "木村",
          "斎藤", "清水", "森", "池田", "橋本", "石川", "前田", "藤田", "岡田", "後藤", "長谷川"]
FAMILY_KANA = ["ササキ", "タカハシ", "イトウ", "ワタナベ", "ヤマモト", "ナカムラ", "コバヤシ", "カトウ", "ヨシダ", "ヤマグチ",
               "マツモト", "イノウエ", "キムラ", "サイトウ", "シミズ", "モリ", "イケダ", "ハシモト", "イシカワ", "マエダ",
               "フジタ", "オカダ", "ゴトウ", "ハセガワ"]
GIVEN = [("トメ", "トメ", "女"), ("キヨ", "キヨ", "女"), ("ハル", "ハル", "女"), ("和子", "カズコ", "女"),
         ("久子", "ヒサコ", "女"), ("正雄", "マサオ", "男"), ("勇", "イサム", "男"), ("清", "キヨシ", "男"),
         ("節子", "セツコ", "女"), ("武", "タケシ", "男"), ("貞夫", "サダオ", "男"), ("フミ", "フミ", "女")]
TOWNS = ["北海道旭川市東光3条4丁目", "北海道名寄市西5条南6丁目", "北海道旭川市豊岡8条2丁目", "北海道名寄市風連町本町",
         "北海道旭川市末広2条7丁目", "北海道名寄市東1条北3丁目"]
CMS = ["大西 由美", "川村 聡", "野口 恵子", "平田 真理", "堀 健一"]
OFFICES = ["ほくと居宅介護支援事業所", "ななかまどケアプランセンター", "あさひ野居宅介護支援事業所", "天塩川ケアマネジメント室"]

DAY_PROVIDERS = ["デイサービスセンターこぶし", "通所介護事業所ひまわり", "地域密着型デイすずらん"]
HELPER_PROVIDERS = ["ヘルパーステーションつばさ", "訪問介護事業所わかば"]
NURSE_PROVIDERS = ["訪問看護ステーションあおば", "訪問看護ステーションみなみ"]
RENTAL_PROVIDERS = ["福祉用具センターほっと", "ケアショップさくら"]
REHAB_PROVIDERS = ["さくら病院 訪問リハビリテーション", "通所リハビリテーション北星"]


def _need_library(r: random.Random, start: D, cert_end: D, short_months: int, level: str):
    """Need blocks a care manager in these cities would write: cause + the life the person wants,
    goals the person performs, services with purpose, frequency and period."""
    s_end = min(months_later_minus_day(start, short_months), cert_end)
    day_prov = r.choice(DAY_PROVIDERS)
    helper = r.choice(HELPER_PROVIDERS)
    nurse = r.choice(NURSE_PROVIDERS)
    rental = r.choice(RENTAL_PROVIDERS)
    rehab = r.choice(REHAB_PROVIDERS)

    def day(content):
        return Svc(content, "通所介護", day_prov, "週2回", start, s_end, days=("火", "金"), time="10:00", rows=3,
                   weekly_label=r.choice(["通所介護", "デイサービス", "通所介護（デイ）"]), group="day")

    blocks = {
        "walk": Need(
            "膝の痛みと下肢筋力の低下で屋外を長く歩けなくなっているが、近所のスーパーまで歩いて買物に行く生活を続けたい",
            [Long("杖を使って近所のスーパー（約300m）まで歩いて往復し、自分で買物ができる", start, cert_end, [
                Short("自宅周辺を休まずに10分間歩ける", start, s_end, [
                    day("下肢筋力訓練・歩行訓練（個別機能訓練）"),
                    Svc("歩行器の貸与（屋外を安全に歩き、転倒を防ぐため）", "福祉用具貸与", rental, r.choice(["貸与期間中", "常時", "毎日（貸与）"]), start, s_end),
                    Svc("自宅での足上げ体操（1日10回）", "本人", "本人", "毎日", start, s_end, insured=False),
                ])])],
            (10, 11, 12)),
        "bath": Need(
            "右膝の痛みで浴槽をまたぐことが難しく一人では入浴できていないが、湯船につかってさっぱりと過ごしたい",
            [Long("手すりと入浴用いすを使い、見守りのもとで浴槽をまたいで入浴できる", start, cert_end, [
                Short("入浴用いすに座って自分で体を洗える", start, s_end, [
                    day("入浴介助（洗身の見守り、浴槽をまたぐ動作の一部介助）"),
                    Svc("入浴用いすの購入（浴室で座って安全に体を洗うため）", "特定福祉用具販売", rental,
                        r.choice(["購入時1回", "必要時", "随時"]), start, s_end),
                ])])],
            (11, 17)),
        "meal": Need(
            "腰痛で長く立っていられず調理や掃除が十分にできないが、一人暮らしを続け自分で好きな料理を作って食べたい",
            [Long("簡単な調理を自分で行い、1日3食を欠かさず食べられる", start, cert_end, [
                Short("椅子に座って野菜を切るなど調理の一部を自分で行える", start, s_end, [
                    Svc("居室とトイレの掃除（生活援助）", "訪問介護", helper, "週2回（月・木）", start, s_end, days=("月", "木"),
                        time="14:00", weekly_label=r.choice(["訪問介護", "ヘルパー", "訪問介護（生活援助）"]), group="helper"),
                    Svc("座って行える調理の手順を一緒に確認し、見守る（自立生活支援のための見守り的援助）", "訪問介護", helper,
                        "週2回（月・木）", start, s_end, days=("月", "木"), time="14:00", weekly_label="", group="helper"),
                    Svc("配食時の安否確認と声かけ", "インフォーマル", "地区の見守りボランティア", "随時", start, s_end, insured=False),
                ])])],
            (12, 19)),
        "med": Need(
            "物忘れが増えて薬の飲み忘れがあり血圧が安定しないが、持病を悪化させずに自宅で暮らし続けたい",
            [Long("服薬カレンダーを使い、決められた薬を毎日自分で飲める", start, cert_end, [
                Short("声かけがあれば朝夕の薬を飲み忘れずに飲める", start, s_end, [
                    Svc("服薬確認・血圧測定・体調の観察", "訪問看護", nurse, "週1回", start, s_end, days=("水",), time="10:00",
                        weekly_label=r.choice(["訪問看護", "訪問看護（服薬確認）"]), group="nurse"),
                    Svc("朝夕の電話での服薬の声かけ", "家族", "長女", "毎日", start, s_end, insured=False),
                ])])],
            (10, 13)),
        "social": Need(
            "外出の機会が減って閉じこもりがちになり意欲が低下しているが、以前のように人と話し、趣味の俳句を続けたい",
            [Long("月1回の地区の俳句の会に自分で出かけて参加できる", start, cert_end, [
                Short("他の利用者と会話しながら、週2回の集団体操に参加できる", start, s_end, [
                    day("集団体操・趣味活動（俳句づくり）への参加の支援"),
                    Svc("俳句の会（地区の公民館）", "インフォーマル", "地区の俳句の会", "月1回", start, s_end, insured=False),
                ])])],
            (15, 20)),
        "night": Need(
            "夜間にトイレへ行く時にふらつきがあり転倒の不安が強いが、おむつを使わず自分でトイレに行きたい",
            [Long("夜間も自分で歩いてトイレまで行き、排泄ができる", start, cert_end, [
                Short("ベッドから手すりを使って安全に立ち上がり、トイレまで移動できる", start, s_end, [
                    Svc(("床置き式手すりの貸与" if level == "要介護1" else "特殊寝台・手すりの貸与")  # 軽度者に特殊寝台は例外給付
                        + "（起き上がりと立ち上がりを安定させ、夜間の転倒を防ぐため）", "福祉用具貸与", rental,
                        r.choice(["貸与期間中", "常時"]), start, s_end),
                    Svc("起居動作・立ち上がり動作の訓練", "訪問リハビリテーション", rehab, "週1回", start, s_end, days=("木",),
                        time="16:00", weekly_label=r.choice(["訪問リハビリ", "訪問リハビリテーション"]), group="rehab"),
                ])])],
            (11, 16, 22)),
    }
    return blocks


INTENTS = [
    "本人：膝が痛くても、住み慣れたこの家で自分のことは自分でしながら暮らしたい。長女：できる範囲で手伝いたいが、遠方のため毎日は来られない。"
    "課題分析の結果、下肢筋力の低下と膝の痛みにより外出や家事が難しくなっており、機能訓練と家事の支援で在宅生活の継続を目指します。",
    "本人：また近所の友人とお茶飲みをしたい。長男：一人暮らしが心配だが、本人の希望を大切にしたい。"
    "課題分析の結果、転倒への不安から外出が減っており、移動能力の維持と外出の機会づくりが必要です。",
]
POLICIES = [
    "住み慣れた自宅で一人暮らしを続けたいというご本人の希望を大切にし、通所での機能訓練と家事の支援で、自分でできることを増やしていけるよう支援します。"
    "体調の急変時は主治医（さくら病院 内科）と長女に連絡し、緊急時の連絡体制を関係者で共有します。",
    "ご本人が望む「友人と会い、趣味を続ける暮らし」の実現に向けて、チームで移動能力の維持と外出の機会づくりを支援します。"
    "緊急時は長男（090-0000-0000）と主治医に連絡します。",
]
MEDICAL = ("訪問看護", "訪問リハビリテーション", "通所リハビリテーション", "居宅療養管理指導")
ROLES = {"通所介護": "生活相談員", "訪問介護": "サービス提供責任者", "訪問看護": "看護師", "福祉用具貸与": "福祉用具専門相談員",
         "特定福祉用具販売": "福祉用具専門相談員", "訪問リハビリテーション": "理学療法士"}
STAFF = ["石田 陽子", "内田 修", "上野 美紀", "村井 拓也", "西川 奈緒", "菅原 亮"]
OPINIONS = ["なし", "特になし", "介護認定審査会の意見：なし"]
LIVING_OTHER = "長女は遠方に住み、日中の支援が難しいため"


def monitoring_visits(r: random.Random, start: D, until: D, method_words: tuple[str, ...]) -> list[Visit]:
    """One home visit a month from the plan's start month to the month before ``until``,
    plus the visit planned for the current month (not yet done)."""
    out: list[Visit] = []
    y, m = start.year, start.month
    while (y, m) < (until.year, until.month):
        last = calendar.monthrange(y, m)[1]
        lo = start.day + 1 if (y, m) == (start.year, start.month) else 1
        lo = min(lo, last)
        days = [D(y, m, x) for x in range(lo, last + 1)]
        d = r.choice([x for x in days if x.weekday() < 5] or days)  # an office visits on weekdays
        planned = d - dt.timedelta(days=r.choice((0, 0, 1, 2))) if d.day > 2 else d
        out.append(Visit(planned, "モニタリング訪問", d, r.choice(method_words),
                         r.choice(["サービスは計画どおり提供されている。膝の痛みは変わらず、歩行は安定している。",
                                   "短期目標に向けて訓練を継続。体調に大きな変化なし。本人・家族とも現在のサービスに満足している。",
                                   "入浴は見守りで行えている。新たな課題はなく、計画の変更は不要。"])))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    out.append(Visit(D(until.year, until.month, min(25, calendar.monthrange(until.year, until.month)[1])),
                     "モニタリング訪問", None, "", ""))
    return out


def make_plan(pid: str, seed: int, today: D) -> Plan:
    """A well-written plan: every error/warning rule of the national, asahikawa and nayoro profiles holds."""
    r = random.Random(seed)
    fam = r.randrange(len(FAMILY))
    given, gkana, sex = r.choice(GIVEN)
    cert_start = D(2026, r.choice((3, 4, 5, 6)), 1)
    kind = r.choice(("初回", "継続", "継続", "紹介"))
    cert_end = months_later_minus_day(cert_start, r.choice((12, 12, 24)))
    created = cert_start + dt.timedelta(days=r.randint(3, 12))
    held = created + dt.timedelta(days=r.randint(1, 3))
    consent = held + dt.timedelta(days=r.randint(0, 2))
    first = created if kind != "継続" else D(r.choice((2022, 2023, 2024)), r.randint(1, 12), r.randint(1, 28))
    level = r.choice(("要介護1", "要介護2", "要介護2", "要介護3", "要介護4"))
    short_months = r.choice((3, 6, 6))
    lib = _need_library(r, consent, cert_end, short_months, level)
    names = r.sample(["walk", "bath", "meal", "med", "social", "night"], r.randint(2, 4))
    needs = [lib[n] for n in names]
    has_helper = any(s.kind == "訪問介護" for n in needs for lg in n.longs for sg in lg.shorts for s in sg.services)
    assessed = created - dt.timedelta(days=r.randint(1, 6))
    items: list[Item | None] = []
    for num in range(1, len(ITEMS) + 1):
        linked = tuple(i + 1 for i, n in enumerate(needs) if num in n.items)
        items.append(Item(_status(num, r), bool(linked), linked))
    visits = monitoring_visits(r, consent, today, ("居宅訪問", "自宅訪問", "訪問"))
    cm = r.choice(CMS)
    medical = sorted({sv.kind for n in needs for lg in n.longs for sg in lg.shorts for sv in sg.services
                      if sv.kind in MEDICAL})
    attendees = [("本人", f"{FAMILY[fam]} {given}"), ("長女", f"{FAMILY[fam]} 明美")]
    seen = set()
    for n in needs:
        for lg in n.longs:
            for sg in lg.shorts:
                for sv in sg.services:
                    if sv.insured and sv.provider not in seen:
                        seen.add(sv.provider)
                        attendees.append((f"{sv.provider}（{ROLES.get(sv.kind, '担当者')}）", r.choice(STAFF)))
    attendees.append(("介護支援専門員", cm))
    doctor = "さくら病院 内科の主治医"
    discussion = "本人から、膝の痛みはあるが自分で買物に行けるようになりたいとの発言があった。各事業所の役割と本人が自分で行うことを確認した。"
    if medical:
        discussion += f"{'・'.join(medical)}について、{doctor}の意見（照会への回答）：服薬管理と体調の観察を継続すること。"
    meeting = Meeting(
        held, r.choice(("10:00", "13:30", "14:00")), r.choice(("10:30", "14:15", "14:40")), r.choice(("利用者宅", "ご本人宅（居間）")),
        attendees,
        "居宅サービス計画原案の内容について、本人の望む暮らしと各サービスの役割",
        discussion,
        "原案のとおり実施する。短期目標の期間の終わりに達成状況を評価する。",
        "冬季の外出方法（次回は短期目標の評価時に開催）",
    )
    journal = [(assessed, "アセスメント", "居宅を訪問し、本人・長女と面接して課題分析を行った。")]
    if medical:
        journal.append((created - dt.timedelta(days=1), "主治医への照会",
                        f"{doctor}に{'・'.join(medical)}の必要性を照会し、指示を得た。"))
    journal.append((held, "サービス担当者会議", "利用者宅でサービス担当者会議を開催した（第4表のとおり）。"))
    journal.append((consent, "計画の交付", "計画の内容を本人と長女に説明し、同意を得て交付した。"
                    + (f"{doctor}にも計画書を送付した。" if medical else "")))
    # a short goal whose period is over has been evaluated on a visit in its last month
    for n in needs:
        for lg in n.longs:
            for sg in lg.shorts:
                if sg.end and sg.end < today:
                    d = sg.end - dt.timedelta(days=2)
                    while d.weekday() >= 5:
                        d -= dt.timedelta(days=1)
                    if not any(v.kind == "目標評価" and v.done == d for v in visits):
                        visits.append(Visit(d, "目標評価", d, "居宅訪問", f"短期目標「{sg.text[:12]}…」の評価を行った。達成しており、次の短期目標を設定する。"))
    visits.sort(key=lambda v: (v.done is None, v.done or v.planned))
    return Plan(
        pid=pid, user_name=f"{FAMILY[fam]} {given}", kana=f"{FAMILY_KANA[fam]} {gkana}", sex=sex,
        birth=D(r.randint(1930, 1946), r.randint(1, 12), r.randint(1, 28)), address=r.choice(TOWNS) + f"{r.randint(1, 20)}番{r.randint(1, 30)}号",
        care_manager=cm, office=r.choice(OFFICES) + "　北海道旭川市宮下通7丁目", plan_kind=kind, cert_status="認定済",
        certified_on=cert_start - dt.timedelta(days=r.randint(3, 20)), cert_start=cert_start, cert_end=cert_end,
        care_level=level, created_on=created, first_created_on=first, user_intent=r.choice(INTENTS),
        committee_opinion=r.choice(OPINIONS), overall_policy=r.choice(POLICIES),
        living_reason=(r.choice((1, 1, 3)) if has_helper else None), living_other=LIVING_OTHER,
        consent_on=consent, delivered_on=consent, needs=needs, meeting=meeting, assessed_on=assessed, items=items,
        visits=visits, journal=journal,
        activities={"06:00": "起床・朝食", "12:00": "昼食", "18:00": "夕食", "22:00": "就寝"},
        non_weekly="受診（さくら病院 内科 月1回 長女の送迎）、福祉用具貸与",
    )


def _status(num: int, r: random.Random) -> str:
    texts = {
        1: "令和8年3月 長女より相談受付。一人暮らし。", 2: "農家を営み、70歳まで畑仕事を続けてきた。",
        3: "後期高齢者医療、介護保険（1割負担）、老齢年金。", 4: "配食サービス（週3回）、地区の見守り。",
        5: "J2", 6: "Ⅰ", 7: "自宅で暮らし続けたい。", 8: "要介護認定済み。", 9: "認定の更新に伴う再アセスメント。",
        10: "高血圧症、変形性膝関節症。通院は月1回。", 11: "屋内は伝い歩き、屋外は杖歩行で長距離は困難。入浴は浴槽のまたぎに介助が必要。",
        12: "調理・掃除は腰痛のため一部のみ。買物は長女が週1回。", 13: "短期記憶の低下があり、服薬の飲み忘れがある。",
        14: "会話は問題なく、意思の表出ができる。", 15: "日中は居間で過ごすことが多い。", 16: "夜間のトイレが2回。ふらつきあり。",
        17: "入浴は週1回程度。", 18: "部分入れ歯。口腔内に問題はない。", 19: "食事量は減っている。", 20: "外出は通院のみ。",
        21: "長女が市外に在住。", 22: "段差が多く、トイレまでの動線に手すりがない。", 23: "特になし。",
    }
    return texts[num]
