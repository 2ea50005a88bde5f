"""A second, independent set of good plans written other offices' way, and bad ones that must be found.

variation.py's set became development data once the rules were fixed against it. This set was written from the
policy texts (運営基準 第13条 and its 解釈通知, 記載要領 老企第29号, 予防基準 第30条, 地域密着型サービス基準, 告示,
介護保険法施行規則, the 令和6年度改定 Q&A, and the 名寄市 / 旭川市 documents in /work/shared/seeds/) — what a care
manager may legitimately do — **without reading xl_careplan/rules/**, and committed before it was first scored.
No practice here repeats one of variation.py's variants. Each variant names the text that allows it (``why``);
citations marked 知識による are from knowledge, the others were looked up (search tool) while writing.

Good variants must give no error or warning under national, asahikawa or nayoro (none is ``allowed``: the 要支援
plans on the 居宅 form count too, see v_youshien_3monthly). Bad variants plant one problem; ``expect`` must report it.

    from benchmarks.reading_corpus.variation2 import generate_variation2
    cases = generate_variation2(out_dir)     # [VCase]; truth in out_dir/variation2.json
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from .book import Book, Style
from .generate import TODAY
from .plan import D, Plan, Svc, Visit, months_later_minus_day
from .variation import (SINGLE_CELL_PERIODS, Variant, drop_doctor_text, drop_provider, generate_set, has_kind,
                        has_medical, longs, redate, revisit, services, set_periods, shorts, v_youshien,
                        weekday_on_or_before)

# the layouts that always write a 第5表 (handmade writes its journal only when its record sheet is a 支援経過)
JOURNAL_LAYOUTS = ["mhlw", "prefecture", "split_pages", "software"]
METHOD_LAYOUTS = ["mhlw", "handmade", "software", "listexport"]  # the layouts that write the monitoring 方法 as given


def wareki(d: D) -> str:
    return f"令和{d.year - 2018}年{d.month}月{d.day}日"


def add_attendee(p: Plan, org: str, role: str, name: str = "村井 拓也") -> None:
    if p.meeting and not any(a[0].startswith(org) for a in p.meeting.attendees):
        p.meeting.attendees.insert(-1, (f"{org}（{role}）", name))


def journal_add(p: Plan, d: D, item: str, text: str) -> None:
    p.journal.append((d, item, text))
    p.journal.sort(key=lambda e: e[0])


def month_iter(a: D, b: D):
    """(year, month) from a's month to the month before b's."""
    y, m = a.year, a.month
    while (y, m) < (b.year, b.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def weekday_in(y: int, m: int, r: random.Random, after: D | None = None) -> D:
    days = [D(y, m, x) for x in range(1, 29) if D(y, m, x).weekday() < 5 and (after is None or D(y, m, x) > after)]
    return r.choice(days or [D(y, m, 28)])


def replace_kind(p: Plan, kinds: tuple[str, ...], kind: str, provider: str, freq: str, days: tuple[str, ...],
                 label: str, time: str = "10:00", rows: int = 3) -> list[Svc]:
    """Every row of ``kinds`` becomes one service of another kind (same content), one group in 第3表."""
    out = []
    for s in services(p):
        if s.kind in kinds:
            s.kind, s.provider, s.freq, s.days, s.time, s.rows = kind, provider, freq, days, time, rows
            s.weekly_label, s.group = label, kind
            out.append(s)
    if p.meeting:
        old = {sv.provider for sv in services(p)}
        p.meeting.attendees = [a for a in p.meeting.attendees
                               if "（" not in a[0] or a[0].split("（")[0] in old]
    return out


# --------------------------------------------------------------------------- GOOD

def v_renewal_48m(p: Plan, r: random.Random):
    # 更新認定で直前と同じ要介護度: 認定の有効期間は48か月まで（介護保険法施行規則の改正、令和3年4月1日以降の申請から;
    # 確認: 保険者の案内「更新申請 直前の要介護度と同じ 3〜48ヶ月」）. The plan is this year's review in the middle of that
    # period; the long goal is one year (記載要領 第2表 期間: 認定の有効期間も考慮 — a goal may be shorter than it).
    p.plan_kind = "継続"
    p.first_created_on = D(2021, r.randint(1, 12), r.randint(1, 28))
    p.cert_start, p.cert_end = D(2025, 4, 1), D(2029, 3, 31)
    p.certified_on = D(2025, 3, r.randint(10, 25))
    redate(p, r, D(2026, 4, r.randint(6, 16)), meeting_gap=r.randint(1, 3))
    for lg in longs(p):
        lg.start, lg.end = p.consent_on, months_later_minus_day(p.consent_on, 12)
        for sg in lg.shorts:
            sg.start, sg.end = p.consent_on, months_later_minus_day(p.consent_on, 6)
            for sv in sg.services:
                sv.start, sv.end = sg.start, sg.end
    revisit(p, r, p.consent_on)


def v_new_cert_6m(p: Plan, r: random.Random):
    # 新規認定: 有効期間は原則6か月、始期は申請日（介護保険法施行規則 第38条、知識による）; the 記載要領 第1表「認定日」 is
    # 認定の始期 (= 申請日 for a new application), offices also write the day the result came (both are before 作成日).
    # Long goals = the 有効期間, short goals 3 months.
    p.plan_kind = "初回"
    applied = D(2026, 6, r.randint(1, 10))
    decided = applied + dt.timedelta(days=r.randint(25, 30))
    p.cert_start, p.cert_end = applied, D(2026, 12, 31)
    p.certified_on = r.choice([applied, decided])
    redate(p, r, decided + dt.timedelta(days=r.randint(2, 5)), meeting_gap=r.randint(1, 2))
    p.first_created_on = p.created_on
    set_periods(p, p.consent_on, p.consent_on, 3)
    revisit(p, r, p.consent_on)


def v_short_odd_months(p: Plan, r: random.Random):
    # 短期目標を1・2・4・5か月に: 記載要領 第2表「（期間）」は短期目標の達成期限（知識による）— no length is prescribed;
    # 旭川市 基本方針「可能な限り短期間（長くても最長半年）での評価」; 名寄市 ガイドライン 4(1)②「期間の考慮を含む」.
    # 退院直後の集中的な訓練なら1〜2か月、季節をまたぐ目標なら4〜5か月.
    set_periods(p, p.consent_on, p.consent_on, r.choice((1, 2, 4, 5)))
    revisit(p, r, p.consent_on)


def youshien_visits(p: Plan, r: random.Random, home_every: int = 3) -> None:
    """介護予防支援: a home visit in the month after the start and every 3rd month after it, the other months by
    telephone (予防基準 第30条第16号、知識による)."""
    visits = []
    for i, (y, m) in enumerate(month_iter(D(p.consent_on.year, p.consent_on.month, 1) + dt.timedelta(days=31), TODAY)):
        d = weekday_in(y, m, r)
        if i % home_every == 0:
            visits.append(Visit(d, "モニタリング訪問", d, "居宅訪問", "居宅を訪問。目標に向けて体操を続けている。評価期間の中間の状態を確認した。"))
        else:
            visits.append(Visit(d, "電話等連絡", d, "電話", "電話で本人と話し、体調とサービスの利用状況を確認した（訪問しない月）。"))
    d = D(TODAY.year, TODAY.month, 25)
    visits.append(Visit(d, "モニタリング訪問", None, "", ""))
    for sg in shorts(p):
        if sg.end and sg.end < TODAY:
            e = weekday_on_or_before(sg.end - dt.timedelta(days=2))
            same = [v for v in visits if v.done and (v.done.year, v.done.month) == (e.year, e.month)]
            for v in same:
                v.done = v.planned = e
                v.kind, v.method = "目標評価", "居宅訪問"
                v.note = f"居宅を訪問し、短期目標「{sg.text[:12]}…」の評価を行った。達成。次の目標を設定する。"
    visits.sort(key=lambda v: (v.done is None, v.done or v.planned))
    p.visits = visits


def v_youshien_3monthly(p: Plan, r: random.Random):
    # 要支援2 の介護予防支援（地域包括支援センターから委託を受けた居宅介護支援事業所、または令和6年4月からは指定を受けた
    # 居宅介護支援事業所）: モニタリングは少なくとも3月に1回の居宅訪問、訪問しない月は電話等で（予防基準 第30条第16号、
    # 知識による）. Written on the 居宅 form: the 介護予防サービス・支援計画書 is a 様式例 (老振発第0331009号、知識による),
    # so the form alone is no error; 居宅介護支援 rules that differ (monthly home visits, 生活援助の算定理由) do not apply.
    post = v_youshien(p, r)
    youshien_visits(p, r)
    return post


def video_agreement(p: Plan) -> str:
    return ("テレビ電話装置等を活用したモニタリングについて、本人から文書で同意を得た。担当者会議で、状態が安定していること、"
            "本人が画面越しに意思を伝えられること、訪問しない月の情報は各事業所から得ることについて主治医・担当者の合意を得た"
            "（居宅訪問は2か月に1回）。")


def v_video_table5(p: Plan, r: random.Random):
    # テレビ電話装置等を活用したモニタリング（令和6年度改定）: 文書による同意、担当者会議等で主治医・担当者等の合意、
    # 少なくとも2月に1回は居宅を訪問 (運営基準 第13条第14号、確認: 解釈通知 ⑮ の解説記事). 初回のモニタリングも要件を
    # 満たせばテレビ電話で可 (令和6年度介護報酬改定に関するQ&A Vol.1 問107). The agreement is recorded in 第5表
    # (the 居宅介護支援経過), not in 第4表; the video month is the first month after the plan, then every other month.
    start = p.consent_on
    journal_add(p, p.meeting.held_on if p.meeting else start, "テレビ電話によるモニタリングの合意", video_agreement(p))
    visits = []
    for i, (y, m) in enumerate(month_iter(D(start.year, start.month, 1) + dt.timedelta(days=31), TODAY)):
        d = weekday_in(y, m, r)
        if i % 2 == 0:
            visits.append(Visit(d, "モニタリング訪問", d, r.choice(["テレビ電話", "オンライン面談（タブレット）", "ビデオ通話"]),
                                "画面越しに本人と面接。表情・声の様子に変化なし。訪問介護・通所の様子は各事業所から聞き取った。"))
        else:
            visits.append(Visit(d, "モニタリング訪問", d, "居宅訪問", "居宅を訪問し、本人と面接。サービスは計画どおり。"))
    visits.append(Visit(D(TODAY.year, TODAY.month, 25), "モニタリング訪問", None, "", ""))
    p.visits = visits
    for sg in shorts(p):  # the goal is evaluated on the visit of its last month, else the first one after its end
        if sg.end and sg.end < TODAY:
            cand = [v for v in p.visits if v.done and sg.end - dt.timedelta(days=31) <= v.done <= sg.end][-1:] or \
                [v for v in p.visits if v.done and v.done > sg.end][:1]
            for v in cand:
                v.kind = "目標評価"
                v.note = f"短期目標「{sg.text[:12]}…」の達成状況を本人と評価した（{v.method}）。達成。"


def v_hospital_now(p: Plan, r: random.Random):
    # 入院中で居宅を訪問できない月: 解釈通知 第二 3(8)⑮（特段の事情 — 利用者の事情により居宅を訪問できない — がある場合は
    # その具体的な内容を記録、知識による）; 同Q&A 問110 (機器の不具合は特段の事情に当たらない — so a hospital stay is
    # the kind that is). The user went into hospital last month: the care manager saw them on the ward (or could not),
    # and wrote why. The check is done before the discharge.
    last = [v for v in p.visits if v.done and (v.done.year, v.done.month) == (2026, 10)]
    if not last:
        return None
    v = last[-1]
    day = D(2026, 10, r.randint(2, 9))
    journal_add(p, day, "入院", f"肺炎のためさくら病院に入院（{day.month}月{day.day}日）。退院まで居宅訪問はできない（特段の事情）。")
    for x in p.visits:
        if x.done and x.done >= day:
            x.done, x.method = None, ""
            x.note = ""
    if r.random() < 0.5:
        v.done = day + dt.timedelta(days=5)
        v.method = "病院で面会（入院中）"
        v.note = "入院中のため居宅ではなく病棟で本人と面会。病棟看護師から状態を聞き、退院後の生活について確認した（特段の事情）。"
    else:
        v.note = f"{day.month}月{day.day}日から入院中のため居宅を訪問できず（特段の事情）。病院の相談員に電話で状態を確認した。"
    return None


def v_small_multi(p: Plan, r: random.Random):
    # 小規模多機能型居宅介護の利用者: 居宅サービス計画はその事業所の介護支援専門員が作成（指定地域密着型サービス基準 第74条・
    # 第77条、知識による）; 通い・訪問・宿泊 are one service whose pattern changes with need; the 第3表 shows the usual
    # 通い days. 福祉用具貸与・訪問看護 may be combined with it (知識による).
    name = r.choice(["小規模多機能ホームあかしあ", "小規模多機能型居宅介護事業所ななかまど"])
    p.office = f"{name}　北海道名寄市西3条南4丁目"
    got = replace_kind(p, ("通所介護", "訪問介護"), "小規模多機能型居宅介護", name,  # 水 10:00 is the nurse's
                       r.choice(["通い 週3回（月・火・金）、訪問・宿泊は必要時", "週3回の通い（月火金）・随時の訪問"]),
                       ("月", "火", "金"), r.choice(["通い", "小多機（通い）", "小規模多機能（通い）"]))
    if not got:
        sg = shorts(p)[0]
        sg.services.append(Svc("通いでの入浴・体操、必要時の訪問による安否確認", "小規模多機能型居宅介護", name,
                               "通い 週3回（月・火・金）、訪問は必要時", sg.start, sg.end, days=("月", "火", "金"), time="10:00",
                               rows=3, weekly_label="通い", group="smm"))
    p.living_reason = None
    add_attendee(p, name, "介護職員")
    return None


def v_kantaki(p: Plan, r: random.Random):
    # 看護小規模多機能型居宅介護: 訪問看護を含む一体のサービス; 看護サービスは主治の医師の指示による（指定地域密着型サービス
    # 基準 第175条〜第178条、知識による）, recorded here in 第4表 in the office's words; the plan is made by the 看多機's
    # own care manager.
    name = "看護小規模多機能ホームひだまり"
    p.office = f"{name}　北海道旭川市神楽4条6丁目"
    drop_doctor_text(p)
    got = replace_kind(p, ("通所介護", "訪問介護", "訪問看護"), "看護小規模多機能型居宅介護", name,
                       "通い 週2回（火・金）、訪問看護 週1回、宿泊は必要時", ("火", "金"), r.choice(["通い", "看多機（通い）"]))
    if not got:
        sg = shorts(p)[0]
        sg.services.append(Svc("通いでの入浴、訪問看護による服薬管理と体調の観察", "看護小規模多機能型居宅介護", name,
                               "通い 週2回（火・金）、訪問看護 週1回", sg.start, sg.end, days=("火", "金"), time="10:00", rows=3,
                               weekly_label="通い", group="kantaki"))
    p.living_reason = None
    add_attendee(p, name, "看護師")
    clinic = r.choice(["あさひ内科医院", "名寄東クリニック"])
    if p.meeting:
        p.meeting.discussion += r.choice([
            f"看護サービスについて、主治医（{clinic}）の指示書を受けている（服薬管理と血圧の観察）。",
            f"{clinic}の医師から、看護職による服薬と血圧の管理が必要との意見を得た。"])
    p.journal = [(d, i, t + (f"{clinic}へ計画書を送付した。" if i == "計画の交付" else "")) for d, i, t in p.journal]
    return None


def v_teiki_junkai(p: Plan, r: random.Random):
    # 定期巡回・随時対応型訪問介護看護（連携型）: 1日複数回の定期訪問と随時の対応（指定地域密着型サービス基準 第3条の2以下、
    # 知識による）. It is not 訪問介護: no 生活援助中心型の算定理由, no 告示の回数.
    name = "定期巡回ステーションかぐら"
    got = replace_kind(p, ("訪問介護",), "定期巡回・随時対応型訪問介護看護", name, "毎日（定期巡回 1日2回）・随時対応",
                       ("月", "火", "水", "木", "金", "土", "日"), r.choice(["定期巡回", "定期巡回・随時対応"]), time="08:00", rows=1)
    if not got:
        return None
    p.living_reason = None
    add_attendee(p, name, "計画作成責任者")
    return None


def v_meal_delivery_weekly(p: Plan, r: random.Random):
    # 配食サービス（市の地域支援事業）を計画に位置付け、第3表にも書く: 運営基準 第13条第4号（介護給付等対象サービス以外の
    # 保健医療サービス又は福祉サービス等も含めて位置付ける、知識による）; 第3表 is the week of the whole plan.
    sg = shorts(p)[0]
    sg.services.append(Svc("昼食の配食と配達時の安否確認", r.choice(["配食サービス（市）", "配食サービス"]),
                           r.choice(["名寄市高齢者配食サービス（委託先 ふれあい弁当）", "旭川市配食サービス（業者 まごころ弁当）"]),
                           "週3回（月・水・金）", sg.start, sg.end, insured=False, days=("月", "水", "金"), time="12:00",
                           weekly_label=r.choice(["配食", "配食サービス", "昼食配達"]), group="meal"))
    return None


def v_family_in_table3(p: Plan, r: random.Random):
    # 家族の支援を週の予定として: 記載要領 第2表「サービス種別」（家族が担う介護部分についても誰が行うのか明記、知識による）;
    # 第3表 shows it on its weekday like the other help (旭川市「インフォーマルサービスはないか」).
    sg = shorts(p)[-1]
    who = r.choice(["長女", "長男", "次女"])
    sg.services.append(Svc("買物と作り置きの調理、通院の準備", f"家族（{who}）", who, "毎週土曜日", sg.start, sg.end,
                           insured=False, days=("土",), time="10:00", rows=2,
                           weekly_label=r.choice([f"{who}来訪", f"{who}（買物）", "家族の支援"]), group="family"))
    return None


def v_home_modification(p: Plan, r: random.Random):
    # 住宅改修（手すりの取付け・段差の解消）: 運営基準 第13条第4号; 住宅改修が必要な理由書は介護支援専門員等が作成（介護保険法
    # 施行規則 第75条、知識による）. A one-off work by a builder, not a 居宅サービス事業者: it is in 第3表's 週単位以外 and
    # the builder does not sit in the 担当者会議.
    sg = shorts(p)[0]
    when = sg.start + dt.timedelta(days=r.randint(10, 25))
    sg.services.append(Svc("住宅改修（浴室・トイレへの手すりの取付け、玄関の段差解消：屋内を安全に移動するため）", "住宅改修",
                           r.choice(["有限会社きたの工務店", "旭川リフォームサービス"]),
                           f"1回（{when.month}月施工）", sg.start, sg.end))
    p.non_weekly = (p.non_weekly + "、" if p.non_weekly else "") + f"住宅改修（{when.month}月 手すり取付け）"
    journal_add(p, when - dt.timedelta(days=7), "住宅改修", "住宅改修が必要な理由書を作成し、事前申請を行った。")
    return None


def v_purchase_once(p: Plan, r: random.Random):
    # 特定福祉用具販売は一度の購入: 期間は購入の月だけ、頻度は「1回」（記載要領 第2表 頻度・期間、知識による）.
    for key, s in p.services():
        if s.kind == "特定福祉用具販売":
            when = s.start + dt.timedelta(days=r.randint(3, 12))
            s.freq = r.choice(["1回", "購入（1回）"])
            p.raw[f"{key}.period"] = r.choice([f"令和{when.year - 2018}年{when.month}月", f"R{when.year - 2018}.{when.month}",
                                               f"{wareki(when)}（購入）"])
    return None


def v_meeting_online(p: Plan, r: random.Random):
    # 担当者会議をテレビ電話装置等で: 運営基準 第13条第9号（テレビ電話装置等を活用して行うことができる。利用者又はその家族が
    # 参加する場合は同意を得る — 令和3年度改正、知識による）.
    m = p.meeting
    m.place = r.choice(["オンライン（Zoom）", "テレビ電話会議（本人宅と各事業所を接続）", "Web会議"])
    m.attendees = [(a + ("（オンライン参加）" if "（" in a else ""), n) for a, n in m.attendees]
    m.discussion = "本人・長女の同意を得て、テレビ電話装置等を活用して開催した。" + m.discussion
    return None


def v_discharge_conference(p: Plan, r: random.Random):
    # 退院時の担当者会議を病院で（退院前カンファレンス）: 運営基準 第13条第9号（担当者会議は場所を問わない）, 主治医が出席して
    # 意見を述べた (第13条第19号: 主治の医師等の意見を求める — 会議での聴取も、知識による).
    if not has_medical(p):
        return None
    drop_doctor_text(p)
    p.plan_kind = "初回"
    p.first_created_on = p.created_on
    m = p.meeting
    hosp = "さくら病院"
    m.place = r.choice([f"{hosp} 地域連携室", f"{hosp} 3階病棟 面談室"])
    m.attendees.insert(1, (f"{hosp}（主治医）", "高田 誠"))
    m.attendees.insert(2, (f"{hosp}（退院調整看護師）", "木下 遥"))
    m.discussion += "主治医から、退院後は服薬の確認と血圧の観察が必要で、訪問看護・リハビリで体調の変化を早めに把握してほしいとの意見があった。"
    p.journal = [(d, i, t + (f"{hosp}の主治医へ計画書を送付した。" if i == "計画の交付" else "")) for d, i, t in p.journal]
    return None


def v_doctor_table5_only(p: Plan, r: random.Random):
    # 主治医の意見を第5表だけに: 運営基準 第13条第19号（意見を求める）・第19号の2（計画を交付）; 記載要領 第5表（居宅介護支援
    # 経過: 日時・内容を記載）— the record is the 第5表, 第4表 need not repeat it.
    drop_doctor_text(p)
    clinic = r.choice(["あさひ内科医院", "名寄東クリニック", "さくら病院"])
    kinds = "・".join(sorted({s.kind for s in services(p) if s.kind in ("訪問看護", "訪問リハビリテーション",
                                                                          "通所リハビリテーション", "居宅療養管理指導")}))
    journal_add(p, p.created_on - dt.timedelta(days=2), "主治医",
                r.choice([f"{clinic}の主治医に{kinds}について意見を求め、「必要。服薬と血圧に注意」と回答を得た。",
                          f"{clinic}受診に同行し、医師から{kinds}の指示を受けた。"]))
    p.journal = [(d, i, t + (f"{clinic}へ計画書をFAXした。" if i == "計画の交付" else "")) for d, i, t in p.journal]
    return None


def v_provider_inquiry_table5(p: Plan, r: random.Random):
    # 会議に出られない事業所への照会を第5表に記録: 運営基準 第13条第9号 ただし書（照会等により意見を求める）; 記載要領 第5表.
    org = drop_provider(p, r)
    if org is None:
        return None
    journal_add(p, p.meeting.held_on - dt.timedelta(days=1), "担当者への照会",
                f"{org}は会議に出席できないため、原案を送り電話で照会した。「原案のとおり支援可能」との回答。")
    return None


def v_minor_change(p: Plan, r: random.Random):
    # 軽微な変更（サービス提供の曜日の変更）: 記載要領 冒頭（軽微な変更は変更記録の箇所の冒頭に変更時点を明記し、同一用紙に
    # 継続して記載できる — 確認: 記載要領の本文）; 解釈通知 第二 3(8)⑯（軽微な変更は第3号〜第12号の一連の業務を要しない、
    # 知識による). 第3表 shows the new days.
    groups = [s for s in services(p) if s.days and len(s.days) == 2 and s.freq.startswith("週2回")]
    if not groups:
        return None
    g = groups[0].group
    when = D(2026, 9, 1)
    taken = {d for s in services(p) if s.group != g and s.days for d in s.days}
    free = [d for d in ("月", "火", "水", "木", "金", "土") if d not in taken and d not in groups[0].days]
    if len(free) < 2:
        return None
    new = tuple(free[:2])
    for s in services(p):
        if s.group == g:
            s.freq = f"R8.9.1変更 週2回（{'・'.join(new)}）"
            s.days = new
    journal_add(p, when - dt.timedelta(days=3), "軽微な変更",
                f"本人の希望でサービスの曜日を{'・'.join(new)}に変更（回数・内容は変わらず、軽微な変更として第2表・第3表に記載）。")
    return None


def v_same_building(p: Plan, r: random.Random):
    # サービス付き高齢者向け住宅に住む利用者: そこが居宅（介護保険法 第8条第2項、老人福祉法の有料老人ホーム等を含む、知識による）;
    # モニタリングは居室を訪問して行う. 併設の訪問介護を使う (旭川市 基本方針: 高齢者向け住まい との協力).
    home = r.choice(["サービス付き高齢者向け住宅あかしあ", "住宅型有料老人ホームすずらん"])
    p.address = f"北海道旭川市末広1条3丁目2番1号 {home} {r.randint(1, 3)}0{r.randint(1, 9)}号室"
    for v in p.visits:
        if v.done and v.method in ("居宅訪問", "自宅訪問", "訪問"):
            v.method = r.choice(["居室訪問", "居室にて面接", "訪問（居室）"])
    return None


def v_care_level5(p: Plan, r: random.Random):
    # 要介護5・寝たきりの方: 訪問入浴介護、床ずれ防止用具の貸与、居宅療養管理指導（主治医の訪問診療、月2回）— 要介護5 は軽度者
    # ではないので福祉用具の例外給付は不要（利用者等告示 第31号、知識による）; 居宅療養管理指導は主治医自身のサービス.
    p.care_level = "要介護5"
    sg = shorts(p)[0]
    bath = "アサヒ入浴サービス"
    sg.services.append(Svc("自宅での入浴（全身の清潔と皮膚の観察）", "訪問入浴介護", bath, "週1回（木）", sg.start, sg.end,
                           days=("木",), time="13:00", rows=1, weekly_label=r.choice(["訪問入浴", "訪問入浴介護"]), group="bath5"))
    sg.services.append(Svc("床ずれ防止用具（エアマット）の貸与（長時間の臥床による床ずれを防ぐため）", "福祉用具貸与",
                           "福祉用具センターほっと", "貸与期間中", sg.start, sg.end))
    sg.services.append(Svc("訪問診療時の療養上の指導・助言", "居宅療養管理指導", "名寄東クリニック（医師）", "月2回", sg.start,
                           sg.end))
    p.non_weekly = (p.non_weekly + "、" if p.non_weekly else "") + "居宅療養管理指導（月2回）"
    add_attendee(p, bath, "看護職員")
    add_attendee(p, "福祉用具センターほっと", "福祉用具専門相談員")
    add_attendee(p, "名寄東クリニック", "主治医")
    if p.meeting:
        p.meeting.discussion += "主治医（名寄東クリニック、訪問診療）から、床ずれの予防と入浴時の全身状態の観察をお願いしたいとの意見があった。"
    p.journal = [(d, i, t + ("名寄東クリニックへ計画書を交付した。" if i == "計画の交付" and "クリニック" not in t else ""))
                 for d, i, t in p.journal]
    return None


def v_biweekly(p: Plan, r: random.Random):
    # 隔週・月2回のサービス: 記載要領 第3表「週単位以外のサービス」（各月に利用するサービス等、知識による）or the grid with
    # 「隔週」; 頻度 「隔週」「月2回（第1・3水曜）」.
    cand = [s for s in services(p) if s.days and len(s.days) == 1]
    if not cand:
        return None
    s0 = cand[0]
    day = s0.days[0]
    freq = r.choice([f"隔週（{day}曜日）", f"月2回（第1・第3{day}曜日）", "2週に1回"])
    in_grid = r.random() < 0.5
    for s in services(p):
        if s.group == s0.group:
            s.freq = freq
            if in_grid:
                s.weekly_label = s.weekly_label and f"{s.weekly_label}（隔週）"
            else:
                s.days, s.weekly_label = (), ""
    if not in_grid:
        p.non_weekly = (p.non_weekly + "、" if p.non_weekly else "") + f"{s0.kind}（{freq}）"
    return None


def v_ack_short_9m(p: Plan, r: random.Random):
    # 旭川市の方針（短期目標は最長半年）と異なる理由を書いた計画: 旭川市 基本方針「明確な理由なく本方針と乖離した…」「事情や
    # 理由等を聞かせていただきながら」 — a reason written down is what the city asks (docs/acknowledging.md: 方針と異なる理由).
    set_periods(p, p.consent_on, p.consent_on, 9)
    revisit(p, r, p.consent_on)

    def post(b: Book, p: Plan):
        s = b.sheet("方針と異なる理由")
        s.cells[(1, 1)] = ("方針と異なる理由", Style(bold=True))
        for c, h in enumerate(["ルール", "シート", "セル", "理由", "記入日"], start=1):
            s.cells[(3, c)] = (h, Style(border=True))
        s.cells[(4, 1)] = ("AS201", Style(border=True))
        s.cells[(4, 4)] = ("脳梗塞後の回復に時間がかかると主治医から意見があり、冬をまたいで評価するため短期目標を9か月とした。"
                           "担当者会議で確認済み。", Style(border=True, wrap=True))
        s.cells[(4, 5)] = (wareki(p.consent_on), Style(border=True))
    return post


def v_living_over_reported(p: Plan, r: random.Random):
    # 生活援助が告示の回数以上で市に届け出た計画: 運営基準 第13条第18号の2（厚生労働大臣が定める回数以上の訪問介護
    # （生活援助中心型）を位置付ける場合は、その必要な理由を記載し市町村に届け出る、知識による）; 旭川市 基本方針
    # （一定回数以上の生活援助のケアプランの検証）. 要介護1 の毎日（月30回 ≥ 27回）, reason and 届出 in 第4表 and 第5表.
    helper = [s for s in services(p) if s.kind == "訪問介護"]
    if not helper:
        return None
    p.care_level = "要介護1"
    for s in services(p):
        if "特殊寝台" in s.content:
            s.content = s.content.replace("特殊寝台・手すり", "床置き式手すり")
    for s in helper:  # in the evening: the day service holds the afternoons of its days in 第3表
        s.freq = "毎日"
        s.days = ("月", "火", "水", "木", "金", "土", "日")
        s.time = "18:00"
    why = ("生活援助が告示の回数以上となる理由：腰痛で調理ができず、日中独居で他に支援者がいないため毎日の支援が必要。"
           f"{wareki(p.consent_on)} 市へ届け出た。")
    if p.meeting:
        p.meeting.conclusion += why
    journal_add(p, p.consent_on, "市への届出", why)
    return None


def v_wheelchair_light(p: Plan, r: random.Random):
    # 要介護1 の車いす貸与（例外給付）: 利用者等告示 第31号イ（日常生活範囲における移動の支援が特に必要と認められる者 —
    # 担当者会議等を通じた適切なケアマネジメントにより判断、老企第36号 第二 9(2)、知識による）; the basis is in 第5表.
    p.care_level = "要介護1"
    sg = shorts(p)[0]
    sg.services.append(Svc("車いす・車いす付属品の貸与（通院と近所への外出時の移動のため）", "福祉用具貸与", "ケアショップさくら",
                           "貸与期間中", sg.start, sg.end))
    add_attendee(p, "ケアショップさくら", "福祉用具専門相談員")
    journal_add(p, p.meeting.held_on if p.meeting else p.created_on, "車いすの必要性",
                "車いすについて、長い距離の歩行で膝痛が強まり日常生活範囲の移動に支援が特に必要と担当者会議で判断した"
                "（軽度者の例外、告示第31号イ）。")
    for s in services(p):  # 要介護1: no 特殊寝台 from make_plan's 要介護2+ library
        if "特殊寝台" in s.content:
            s.content = s.content.replace("特殊寝台・", "")
    return None


def v_equipment_words(p: Plan, r: random.Random):
    # 福祉用具の頻度・期間を事業所の書き方で: 記載要領 第2表 頻度（一定期間内での回数、実施曜日等）— a rental has none:
    # 「―」「レンタル中」「常時使用」; 第3表 lists it under 週単位以外 (記載要領 第3表、知識による).
    for s in services(p):
        if s.kind in ("福祉用具貸与",):
            s.freq = r.choice(["―", "レンタル中", "常時使用", "日常的に使用"])
    return None


def v_goal_eval_table5(p: Plan, r: random.Random):
    # 短期目標の評価を第5表に記録（モニタリングシートは毎月の様子だけ）: 運営基準 第13条第13号・第14号（実施状況の把握、
    # 記録）; 記載要領 第5表（モニタリングを通じて把握した…目標の達成度等を記載、知識による）.
    for v in p.visits:
        if v.kind == "目標評価":
            journal_add(p, v.done, "短期目標の評価", f"居宅訪問。{v.note}")
            v.kind, v.note = "モニタリング訪問", "居宅を訪問。サービスは計画どおり。"
    return None


GOOD2 = [
    Variant("renewal_48m", "介護保険法施行規則（更新認定の有効期間 48か月まで）; 記載要領 第2表 期間", v_renewal_48m),
    Variant("new_cert_6m", "介護保険法施行規則 第38条（新規 6か月）; 記載要領 第1表 認定日", v_new_cert_6m),
    Variant("short_odd_months", "記載要領 第2表 期間; 旭川市 基本方針（最長半年）", v_short_odd_months),
    Variant("youshien_3monthly", "予防基準 第30条第16号; 老振発第0331009号（様式例）", v_youshien_3monthly),
    Variant("video_table5", "運営基準 第13条第14号（令和6年改正）; Q&A Vol.1 問107", v_video_table5,
            layouts=["mhlw", "handmade", "software"]),
    Variant("hospital_now", "解釈通知 第二 3(8)⑮（特段の事情）; Q&A Vol.1 問110", v_hospital_now),
    Variant("small_multi", "地域密着型サービス基準 第77条", v_small_multi),
    Variant("kantaki", "地域密着型サービス基準 第175条〜第178条", v_kantaki),
    Variant("teiki_junkai", "地域密着型サービス基準 第3条の2〜", v_teiki_junkai, want=lambda p: has_kind(p, "訪問介護")),
    Variant("meal_delivery_weekly", "運営基準 第13条第4号", v_meal_delivery_weekly),
    Variant("family_in_table3", "記載要領 第2表 サービス種別（家族）; 第3表", v_family_in_table3),
    Variant("home_modification", "運営基準 第13条第4号; 施行規則 第75条（理由書）", v_home_modification),
    Variant("purchase_once", "記載要領 第2表 頻度・期間", v_purchase_once,
            want=lambda p: has_kind(p, "特定福祉用具販売"), layouts=SINGLE_CELL_PERIODS),
    Variant("meeting_online", "運営基準 第13条第9号（テレビ電話装置等）", v_meeting_online),
    Variant("discharge_conference", "運営基準 第13条第9号・第19号", v_discharge_conference, want=has_medical),
    Variant("doctor_table5_only", "運営基準 第13条第19号・第19号の2; 記載要領 第5表", v_doctor_table5_only,
            want=has_medical, layouts=JOURNAL_LAYOUTS),
    Variant("provider_inquiry_table5", "運営基準 第13条第9号 ただし書; 記載要領 第5表", v_provider_inquiry_table5,
            layouts=JOURNAL_LAYOUTS),
    Variant("minor_change", "記載要領 冒頭（軽微な変更）; 解釈通知 第二 3(8)⑯", v_minor_change,
            want=lambda p: any(s.days and len(s.days) == 2 and s.freq.startswith("週2回") for s in services(p))),
    Variant("same_building", "介護保険法 第8条第2項（居宅）", v_same_building, layouts=METHOD_LAYOUTS),
    Variant("care_level5", "利用者等告示 第31号; 運営基準 第13条第19号", v_care_level5),
    Variant("biweekly", "記載要領 第3表 週単位以外のサービス", v_biweekly,
            want=lambda p: any(s.days and len(s.days) == 1 for s in services(p))),
    Variant("ack_short_9m", "旭川市 基本方針（理由の確認）; docs/acknowledging.md", v_ack_short_9m),
    Variant("living_over_reported", "運営基準 第13条第18号の2; 告示218", v_living_over_reported,
            want=lambda p: has_kind(p, "訪問介護")),
    Variant("wheelchair_light", "利用者等告示 第31号イ; 老企第36号 第二 9(2)", v_wheelchair_light, layouts=JOURNAL_LAYOUTS),
    Variant("equipment_words", "記載要領 第2表 頻度; 第3表 週単位以外", v_equipment_words,
            want=lambda p: has_kind(p, "福祉用具貸与")),
    Variant("goal_eval_table5", "運営基準 第13条第13号・第14号; 記載要領 第5表", v_goal_eval_table5,
            want=lambda p: any(v.kind == "目標評価" for v in p.visits), layouts=JOURNAL_LAYOUTS),
]


# --------------------------------------------------------------------------- BAD

def b_48m_long_beyond(p: Plan, r: random.Random):
    # 長期目標が認定の有効期間を超える（48か月の更新の後、期間を延ばしすぎた）: 記載要領 第2表 期間（認定の有効期間も考慮）.
    v_renewal_48m(p, r)
    for lg in longs(p)[:1]:
        lg.end = D(2029, 9, 30)
    return None


def b_youshien_no_home(p: Plan, r: random.Random):
    # 要支援: 居宅訪問が3か月を超えてない（電話だけ）: 予防基準 第30条第16号.
    post = v_youshien_3monthly(p, r)
    for v in p.visits:  # every visit by telephone: no 3-month block has a home visit
        if v.done:
            v.method, v.kind = "電話", "電話等連絡"
            v.note = "電話で体調を確認した。"
    return post


def b_video_no_agreement(p: Plan, r: random.Random):
    # テレビ電話によるモニタリングに同意・合意の記録がない: 運営基準 第13条第14号.
    v_video_table5(p, r)
    p.journal = [e for e in p.journal if "テレビ電話" not in e[1]]
    return None


def b_video_consecutive(p: Plan, r: random.Random):
    # テレビ電話が2か月続き、居宅訪問のない2か月がある（2月に1回の訪問を欠く）: 運営基準 第13条第14号.
    v_video_table5(p, r)
    homes = [v for v in p.visits if v.done and v.method == "居宅訪問"
             and v.done < D(2026, 10, 1) and v.done > p.consent_on + dt.timedelta(days=35)]
    if homes:
        v = homes[-1]
        v.method = "テレビ電話"
        v.note = "画面越しに面接。"
    return None


def b_kantaki_no_doctor(p: Plan, r: random.Random):
    # 看多機の看護サービスに主治医の指示・意見の記録がない: 運営基準 第13条第19号・第20号.
    v_kantaki(p, r)
    if p.meeting:
        p.meeting.discussion = p.meeting.discussion.split("看護サービスについて")[0].split("あさひ内科医院の医師")[0] \
            .split("名寄東クリニックの医師")[0]
    p.journal = [(d, i, t.split("あさひ内科医院へ")[0].split("名寄東クリニックへ")[0]) for d, i, t in p.journal]
    return None


def b_short_stay_over_half(p: Plan, r: random.Random):
    # 短期入所が有効期間のおおむね半数を超える（月20日）: 運営基準 第13条第21号.
    sg = shorts(p)[-1]  # 月20日 over the whole 有効期間 (about 240 of 365 days)
    sg.services.append(Svc("短期入所での入浴・排泄の介助と日中の体操", "短期入所生活介護", "特別養護老人ホームなよろ荘",
                           "月20日", p.cert_start, p.cert_end))
    add_attendee(p, "特別養護老人ホームなよろ荘", "生活相談員")
    return None


def b_living_daily_level1(p: Plan, r: random.Random):
    # 要介護1 の生活援助を毎日、届出・理由の記録なし: 運営基準 第13条第18号の2; 告示218.
    v_living_over_reported(p, r)
    if p.meeting:
        p.meeting.conclusion = p.meeting.conclusion.split("生活援助が告示")[0]
    p.journal = [e for e in p.journal if e[1] != "市への届出"]
    return None


def b_wheelchair_light(p: Plan, r: random.Random):
    # 要介護1 の車いすに例外給付の根拠がない: 利用者等告示 第31号イ.
    v_wheelchair_light(p, r)
    p.journal = [e for e in p.journal if e[1] != "車いすの必要性"]
    return None


def b_delivered_before_consent(p: Plan, r: random.Random):
    # 交付日が同意日より前: 運営基準 第13条第10号・第11号（説明・同意の後に交付）.
    p.delivered_on = p.consent_on - dt.timedelta(days=r.randint(2, 4))
    return None


def b_purchase_no_reason(p: Plan, r: random.Random):
    # 特定福祉用具販売に必要な理由がない: 運営基準 第13条第23号.
    for s in services(p):
        if s.kind == "特定福祉用具販売":
            s.content = "入浴用いすの購入"
    return None


def b_assessment_after_plan(p: Plan, r: random.Random):
    # アセスメントが計画の作成より後: 運営基準 第13条第6号〜第8号（アセスメントに基づき原案を作成）.
    p.assessed_on = p.created_on + dt.timedelta(days=r.randint(2, 5))
    return None


def b_meal_insured_mark(p: Plan, r: random.Random):
    # 市の配食サービスに※1（保険給付対象）の○: 記載要領 第2表 ※1.
    v_meal_delivery_weekly(p, r)
    for s in services(p):
        if s.kind.startswith("配食"):
            s.insured = True
    return None


def b_eval_wrong_date(p: Plan, r: random.Random):
    # 期間の終わった短期目標の評価がない（第5表の「評価」はその期間より前のアセスメントの記録だけ）: 運営基準 第13条第13号・
    # 第14号.
    for v in p.visits:
        if v.kind == "目標評価":
            v.kind, v.note = "モニタリング訪問", "サービスは計画どおり。体調に変化なし。"
    p.journal = [(d, i, t + ("前回計画の短期目標の評価を行い、今回の課題を整理した。" if i == "アセスメント" else ""))
                 for d, i, t in p.journal]
    return None


def b_small_multi_missing(p: Plan, r: random.Random):
    # 小多機の通い（週単位）が第3表にない（他のサービスは書かれている）: 記載要領 第3表.
    v_small_multi(p, r)
    for s in services(p):
        if s.kind == "小規模多機能型居宅介護":
            s.weekly_label = ""
    return None


BAD2 = [
    Variant("bad_48m_long_beyond", "記載要領 第2表 期間", b_48m_long_beyond, expect="CP120"),
    Variant("bad_youshien_no_home", "予防基準 第30条第16号", b_youshien_no_home, expect="CP170"),
    Variant("bad_video_no_agreement", "運営基準 第13条第14号", b_video_no_agreement, expect="CP170",
            layouts=["mhlw", "handmade", "software"]),
    Variant("bad_video_consecutive", "運営基準 第13条第14号", b_video_consecutive, expect="CP170",
            layouts=["mhlw", "handmade", "software"]),
    Variant("bad_kantaki_no_doctor", "運営基準 第13条第19号・第20号", b_kantaki_no_doctor, expect="CP145",
            layouts=JOURNAL_LAYOUTS),
    Variant("bad_short_stay_over_half", "運営基準 第13条第21号", b_short_stay_over_half, expect="CP144"),
    Variant("bad_living_daily_level1", "運営基準 第13条第18号の2; 告示218", b_living_daily_level1, expect="CP142",
            want=lambda p: has_kind(p, "訪問介護")),
    Variant("bad_wheelchair_light", "利用者等告示 第31号イ", b_wheelchair_light, expect="CP143"),
    Variant("bad_delivered_before_consent", "運営基準 第13条第10号・第11号", b_delivered_before_consent, expect="CP110"),
    Variant("bad_purchase_no_reason", "運営基準 第13条第23号", b_purchase_no_reason, expect="CP141",
            want=lambda p: has_kind(p, "特定福祉用具販売")),
    Variant("bad_assessment_after_plan", "運営基準 第13条第6号〜第8号", b_assessment_after_plan, expect="CP115"),
    Variant("bad_meal_insured_mark", "記載要領 第2表 ※1", b_meal_insured_mark, expect="CP131"),
    Variant("bad_eval_wrong_date", "運営基準 第13条第13号・第14号", b_eval_wrong_date, expect="CP177",
            want=lambda p: any(v.kind == "目標評価" for v in p.visits), layouts=JOURNAL_LAYOUTS),
    Variant("bad_small_multi_missing", "記載要領 第3表", b_small_multi_missing, expect="CP150"),
]


def generate_variation2(out_dir: Path, per_variant: int = 4, seed: int = 20261201, names: list[str] | None = None):
    """``per_variant`` workbooks of every variant of this set (layouts and writers rotating). Deterministic."""
    return generate_set(GOOD2 + BAD2, out_dir, per_variant, seed, names, "variation2.json")

