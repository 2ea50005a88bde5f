"""A third, independent set of good plans written other offices' way, and bad ones that must be found.

variation.py's and variation2.py's sets became development data once the rules were fixed against them. This set
was written from the policy texts — 運営基準 第13条 and its 解釈通知, 記載要領 老企第29号, 課題分析標準項目, 利用者等告示
第31号 (福祉用具の軽度者), 告示218 (生活援助の回数), 地域密着型サービス基準, and the 名寄市 guideline / 旭川市 basic policy
in /work/shared/seeds/ — **without reading xl_careplan/rules/** (only the scorer, the two earlier generators for
their API, and docs/domain/forms.md for how plans are laid out), and committed before it was first scored.
No practice here repeats a variant of the earlier sets. Each variant names the text that allows it (``why``);
citations here are from knowledge (知識による) unless they quote the seed texts.

Good variants must give no error or warning under national, asahikawa or nayoro (none is ``allowed``).
Bad variants plant one real problem; ``expect`` must report it (as an error or warning).

    from benchmarks.reading_corpus.variation3 import generate_variation3
    cases = generate_variation3(out_dir)     # [VCase]; truth in out_dir/variation3.json
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import random
from pathlib import Path

from .generate import TODAY
from .plan import D, WEEKDAYS, Plan, Svc, Visit, _need_library, months_later_minus_day
from .variation import (MEDICAL_KINDS, Variant, drop_doctor_text, generate_set, has_kind, has_medical,
                        longs, redate, revisit, services, set_periods, shorts, weekday_on_or_before)
from .variation2 import JOURNAL_LAYOUTS, METHOD_LAYOUTS, add_attendee, journal_add, replace_kind

ZEN = str.maketrans("0123456789", "０１２３４５６７８９")
LEVELS = ("要介護1", "要介護2", "要介護3", "要介護4", "要介護5")
HOME_WORDS = ("居宅訪問", "自宅訪問", "訪問")
RENTAL = "福祉用具センターほっと"


def month_last(y: int, m: int) -> D:
    return D(y, m, calendar.monthrange(y, m)[1])


def last_weekday(y: int, m: int) -> D:
    return weekday_on_or_before(month_last(y, m))


def next_month(y: int, m: int) -> tuple[int, int]:
    return (y + 1, 1) if m == 12 else (y, m + 1)


def groups_weekly(p: Plan) -> set[str]:
    return {s.group for s in p.weekly_services() if s.weekly_label}


def rental_provider(p: Plan) -> str:
    got = [s.provider for s in services(p) if s.kind == "福祉用具貸与"]
    return got[0] if got else RENTAL


def add_service(p: Plan, svc: Svc, role: str | None, sg=None) -> Svc:
    """A row on a short goal (the first by default) and its provider at the meeting."""
    sg = sg or shorts(p)[0]
    svc.start, svc.end = svc.start or sg.start, svc.end or sg.end
    sg.services.append(svc)
    if role and svc.insured:
        add_attendee(p, svc.provider, role)
    return svc


def recompute_items(p: Plan) -> None:
    """The assessment items' 課題 and need numbers after the needs changed (as make_plan links them)."""
    for num, it in enumerate(p.items, start=1):
        if it is None:
            continue
        linked = tuple(i + 1 for i, n in enumerate(p.needs) if num in n.items)
        it.issue, it.needs = bool(linked), linked


def rebuild_attendees(p: Plan, roles: dict[str, str] | None = None) -> None:
    """本人・家族, one person of every insured provider, the care manager (as make_plan seats them)."""
    if not p.meeting:
        return
    old = p.meeting.attendees
    family = [a for a in old if "（" not in a[0] and a[0] != "介護支援専門員"]
    cm = [a for a in old if a[0] == "介護支援専門員"]
    names = {a[0].split("（")[0]: a for a in old if "（" in a[0]}
    seen, provs = set(), []
    roles = roles or {}
    for s in services(p):
        if s.insured and s.provider and s.provider not in seen:
            seen.add(s.provider)
            provs.append(names.get(s.provider) or (f"{s.provider}（{roles.get(s.kind, '担当者')}）", "西川 奈緒"))
    p.meeting.attendees = family + provs + cm


def add_doctor(p: Plan, what: str, clinic: str = "さくら病院 内科") -> None:
    """The 主治医's opinion asked and the plan sent to the doctor (運営基準 第13条第19号・第19号の2・第20号)."""
    if p.meeting:
        p.meeting.discussion += f"{what}について、主治医（{clinic}）に照会し「必要。体調の変化に注意すること」との意見を得た。"
    journal_add(p, (p.created_on or p.consent_on) - dt.timedelta(days=1), "主治医への照会",
                f"主治医（{clinic}）に{what}の必要性を照会し、指示を得た。")
    p.journal = [(d, i, t + (f"主治医（{clinic}）にも計画書を送付した。" if i == "計画の交付" and "主治医" not in t
                             and "さくら病院" not in t else "")) for d, i, t in p.journal]


def medical_kinds(p: Plan) -> list[str]:
    return sorted({s.kind for s in services(p) if s.kind in MEDICAL_KINDS})


def set_level(p: Plan, level: str) -> None:
    """A new 要介護状態区分; a 要介護1 plan keeps no 特殊寝台 (利用者等告示 第31号: 軽度者の例外給付)."""
    p.care_level = level
    if level == "要介護1":
        for s in services(p):
            if "特殊寝台" in s.content:
                s.content = s.content.replace("特殊寝台・手すりの貸与", "床置き式手すりの貸与")


# --------------------------------------------------------------------------- GOOD

def v_kantaki_components(p: Plan, r: random.Random):
    # 看護小規模多機能型居宅介護（通い・訪問看護・訪問介護・宿泊を一体で）: 地域密着型サービス基準 第170条以下; the 頻度 of
    # the one service is written in one cell by its parts (記載要領 第2表 頻度: 一定期間内での回数、実施曜日等), and
    # 第3表 shows the 通い days and the nurse's weekly visit. The nursing part is by the 主治医's instruction.
    name = r.choice(["看護小規模多機能ホームかぐら", "看多機ステーションえにわ"])
    p.office = f"{name}　北海道旭川市神楽3条8丁目"
    freq = r.choice(["通い週3回（月・水・金）・訪問看護週1回（木）・宿泊は必要時",
                     "通い：週3回（月水金）、訪問看護：週1回（木）、訪問介護・宿泊：随時"])
    got = replace_kind(p, ("通所介護", "訪問介護", "訪問看護"), "看護小規模多機能型居宅介護", name, freq,
                       ("月", "水", "金"), r.choice(["通い", "看多機（通い）"]))
    if not got:
        return None
    p.weekly_extra.append(Svc("訪問看護", "看護小規模多機能型居宅介護", name, "週1回（木）", None, None, days=("木",),
                              time="10:00", weekly_label=r.choice(["訪問看護（看多機）", "看多機 訪問看護"]), group="kantaki_nurse"))
    p.living_reason = None
    add_attendee(p, name, "看護師")
    if "主治医" not in (p.meeting.discussion if p.meeting else ""):
        drop_doctor_text(p)
        add_doctor(p, "看護小規模多機能型居宅介護の看護サービス")
    return None


def v_weekly_plus_prn(p: Plan, r: random.Random):
    # 週単位の訪問に体調不良時の随時の訪問を添える: 記載要領 第2表 頻度; the weekly part is in 第3表 (記載要領 第3表),
    # the 随時 part is not weekly.
    for s in services(p):
        if s.group == "helper":
            s.freq = r.choice(["週2回（月・木）、体調不良時は随時", "週2回（月・木）＋必要時", "月・木（週2回）、他に必要時"])
    return None


def v_range_frequency(p: Plan, r: random.Random):
    # 頻度を幅で「週2～3回」: 記載要領 第2表 頻度（一定期間内での回数）; 第3表 shows every day it may be used.
    for s in services(p):
        if s.group == "day":
            s.freq = r.choice(["週2～3回", "週2〜3回（火・金・土）", "週2－3回"])
            s.days = ("火", "金", "土")
    return None


def v_every_other_day(p: Plan, r: random.Random):
    # 隔日の訪問（夕方の服薬・安否の確認を兼ねた生活援助）: 記載要領 第2表 頻度; 第3表 shows the days of a usual week.
    for s in services(p):
        if s.group == "helper":
            s.freq = r.choice(["隔日", "隔日（月・水・金・日）", "1日おき"])
            s.days = ("月", "水", "金", "日")
            s.time = "18:00"
    return None


EQUIPMENT_POLICY = ("福祉用具を活用して住み慣れた自宅の中を安全に移動し、自分でできることを続けられるよう支援します。"
                    "緊急時は長女と主治医（さくら病院 内科）に連絡します。")


def v_equipment_only(p: Plan, r: random.Random):
    # 福祉用具貸与だけの計画: 運営基準 第13条第22号（貸与が必要な理由を記載）; 第14号 — monitoring every month all the
    # same; 第3表 has no weekly service (記載要領 第3表: 週単位以外のサービス に福祉用具).
    keep = []
    for n in p.needs:
        eq = [s for sg in (sg for lg in n.longs for sg in lg.shorts) for s in sg.services
              if s.kind in ("福祉用具貸与", "特定福祉用具販売")]
        if not eq:
            continue
        for lg in n.longs:
            for sg in lg.shorts:
                sg.services = [s for s in sg.services if s.kind in ("福祉用具貸与", "特定福祉用具販売") or not s.insured]
        keep.append(n)
    if not keep:
        return None
    p.needs = keep
    recompute_items(p)
    drop_doctor_text(p)
    p.living_reason = None
    p.overall_policy = EQUIPMENT_POLICY
    p.non_weekly = "福祉用具貸与、受診（さくら病院 内科 月1回 長女の送迎）"
    rebuild_attendees(p, {"福祉用具貸与": "福祉用具専門相談員", "特定福祉用具販売": "福祉用具専門相談員"})
    revisit(p, r, p.consent_on)
    return None


def v_medical_insurance_nurse(p: Plan, r: random.Random):
    # 訪問看護を医療保険で（末期の悪性腫瘍・特別訪問看護指示書）: 介護保険の給付ではないので※1に○を付けない
    # （記載要領 第2表 ※1「保険給付対象内サービスについて○印」）; it is still planned and in 第3表 (運営基準 第13条第4号).
    for s in services(p):
        if s.kind == "訪問看護":
            s.kind = r.choice(["訪問看護（医療保険）", "訪問看護（医療）"])
            s.insured = False
            s.content += "（末期の悪性腫瘍のため医療保険で訪問）"
    if p.meeting:
        p.meeting.discussion += "訪問看護は、主治医の訪問看護指示書により医療保険で提供する。"
    return None


def v_pharmacist_rh(p: Plan, r: random.Random):
    # 薬剤師の居宅療養管理指導（月2回、主治医の指示による）: 運営基準 第13条第19号・第20号; 記載要領 第3表 週単位以外.
    ph = r.choice(["なよろ調剤薬局", "あさひかわ中央薬局"])
    add_service(p, Svc("薬剤師による服薬指導・残薬の確認（飲み忘れを防ぎ血圧を安定させるため）",
                       r.choice(["居宅療養管理指導", "居宅療養管理指導（薬剤師）"]), ph, "月2回", None, None), "薬剤師")
    p.non_weekly = (p.non_weekly + "、" if p.non_weekly else "") + f"居宅療養管理指導（{ph} 月2回）"
    add_doctor(p, "薬剤師の居宅療養管理指導", "あさひ内科医院")
    return None


def v_care5_daily(p: Plan, r: random.Random):
    # 要介護5・毎日朝夕の身体介護（1日2回）: 記載要領 第2表 頻度「毎日（朝・夕の1日2回）」, 第3表 shows both visits of
    # every day; 身体介護だけなので算定理由は不要（記載要領 第1表 生活援助中心型の算定理由）; 要介護5 has no 軽度者 limit.
    helper = [s for s in services(p) if s.group == "helper"]
    if not helper:
        return None
    set_level(p, "要介護5")
    texts = ["おむつ交換・更衣・体位変換の介助（身体介護）", "朝夕の食事の介助と口腔ケア（身体介護）"]
    freq = r.choice(["毎日（朝・夕の1日2回）", "毎日 1日2回（朝・夕）", "1日2回（朝・夕） 毎日"])
    for i, s in enumerate(helper):
        s.content = texts[i % 2]
        s.freq, s.days, s.time = freq, WEEKDAYS, "08:00"
    p.weekly_extra.append(Svc("夕の身体介護", "訪問介護", helper[0].provider, freq, None, None, days=WEEKDAYS,
                              time="18:00", weekly_label=helper[0].weekly_label or "訪問介護", group="helper_pm"))
    p.living_reason = None
    return None


def v_many_needs(p: Plan, r: random.Random):
    # ニーズの多い計画（6つ）: 運営基準 第13条第8号（生活全般の解決すべき課題に対応する目標・サービス）; 課題分析標準項目
    # の各項目から導いたニーズ。
    months = 6 if any(sg.end and sg.start and (sg.end - sg.start).days > 120 for sg in shorts(p)) else 3
    lib = _need_library(r, p.consent_on, p.cert_end, months, p.care_level)
    p.needs = [lib[k] for k in ("walk", "bath", "meal", "med", "social", "night")]
    recompute_items(p)
    rebuild_attendees(p, {"通所介護": "生活相談員", "訪問介護": "サービス提供責任者", "訪問看護": "看護師",
                          "福祉用具貸与": "福祉用具専門相談員", "訪問リハビリテーション": "理学療法士"})
    drop_doctor_text(p)
    add_doctor(p, "・".join(medical_kinds(p)))
    p.living_reason = p.living_reason or 1
    revisit(p, r, p.consent_on)
    return None


STAGE2 = {
    "自宅周辺を休まずに10分間歩ける": "杖を使って近所の公園（約150m）まで休まずに歩ける",
    "入浴用いすに座って自分で体を洗える": "手すりにつかまり、見守りで浴槽をまたいで湯船につかれる",
    "椅子に座って野菜を切るなど調理の一部を自分で行える": "週2回、簡単な汁物を自分で作れる",
    "声かけがあれば朝夕の薬を飲み忘れずに飲める": "服薬カレンダーを見て、声かけなしで朝夕の薬を飲める",
    "他の利用者と会話しながら、週2回の集団体操に参加できる": "通所の趣味活動で、月に2句の俳句を作って発表できる",
    "ベッドから手すりを使って安全に立ち上がり、トイレまで移動できる": "夜間、手すりを使って一人でトイレまで歩ける",
}


def v_staged_short_goals(p: Plan, r: random.Random):
    # 一つの長期目標に段階的な短期目標を二つ（3か月ずつ）: 記載要領 第2表 短期目標（長期目標の達成のために踏むべき段階）・
    # 期間; 名寄市 ガイドライン 4(1)②（短期・長期の目標の連動性）.
    for lg in longs(p):
        if len(lg.shorts) != 1:
            continue
        a = lg.shorts[0]
        a.start, a.end = p.consent_on, min(months_later_minus_day(p.consent_on, 3), lg.end)
        if a.end >= lg.end:
            continue
        b = copy.deepcopy(a)
        b.text = STAGE2.get(a.text, a.text + "状態を続けられる")
        b.start, b.end = a.end + dt.timedelta(days=1), min(months_later_minus_day(a.end + dt.timedelta(days=1), 3), lg.end)
        for sv in a.services:
            sv.start, sv.end = a.start, a.end
        for sv in b.services:
            sv.start, sv.end = b.start, b.end
        lg.shorts.append(b)
    revisit(p, r, p.consent_on)
    return None


def v_created_on_consent(p: Plan, r: random.Random):
    # 作成日 = 同意日: 運営基準 第13条第9号（原案を担当者会議で検討）・第10号（原案について同意）・第11号（居宅サービス計画を
    # 作成した際には交付）— the plan is made (作成) once the 原案 has been discussed and agreed; 記載要領 第1表
    # 「居宅サービス計画作成（変更）日」 is the day it was made. The meeting is before 作成日.
    consent = p.consent_on
    meeting = consent - dt.timedelta(days=r.randint(1, 3))
    p.created_on = consent
    p.assessed_on = meeting - dt.timedelta(days=r.randint(2, 5))
    if p.meeting:
        p.meeting.held_on = meeting
    if p.plan_kind != "継続":
        p.first_created_on = consent
    j = []
    for d, item, text in p.journal:
        d = {"アセスメント": p.assessed_on, "主治医への照会": meeting - dt.timedelta(days=1),
             "サービス担当者会議": meeting}.get(item, d)
        j.append((d, item, text))
    p.journal = sorted(j, key=lambda e: e[0])
    return None


def v_delivered_later(p: Plan, r: random.Random):
    # 交付は同意の数日後（郵送）: 運営基準 第13条第11号（作成した際には、遅滞なく利用者及び担当者に交付）.
    p.delivered_on = p.consent_on + dt.timedelta(days=r.randint(2, 5))
    p.journal = [(d, "説明・同意", "計画の内容を本人と長女に説明し、文書で同意を得た。") if i == "計画の交付" else (d, i, t)
                 for d, i, t in p.journal]
    doctor = "主治医（さくら病院 内科）にも送付した。" if medical_kinds(p) else ""
    journal_add(p, p.delivered_on, "計画の交付", "同意を得た計画書を本人に郵送で交付し、各事業所にも送付した。" + doctor)
    return None


def v_month_end_dates(p: Plan, r: random.Random):
    # 月末に同意し、モニタリングは毎月の月末に: 運営基準 第13条第14号（少なくとも1月に1回）— the day in the month is free;
    # 期間 from the 31st to a month's end (記載要領 第2表 期間).
    y, m = p.cert_start.year, p.cert_start.month
    end = month_last(y, m)
    redate(p, r, end - dt.timedelta(days=2), meeting_gap=1, consent_gap=1)
    k = r.choice((3, 6))
    for lg in longs(p):
        lg.start, lg.end = p.consent_on, p.cert_end
        for sg in lg.shorts:
            ey, em = divmod(m - 1 + k, 12)
            sg.start, sg.end = p.consent_on, min(month_last(y + ey, em + 1), lg.end)
            for sv in sg.services:
                sv.start, sv.end = sg.start, sg.end
    visits = []
    yy, mm = next_month(y, m)
    while (yy, mm) < (TODAY.year, TODAY.month):
        d = last_weekday(yy, mm)
        visits.append(Visit(d, "モニタリング訪問", d, r.choice(HOME_WORDS), "月末に居宅を訪問。サービスは計画どおり。"))
        yy, mm = next_month(yy, mm)
    visits.append(Visit(month_last(TODAY.year, TODAY.month), "モニタリング訪問", None, "", ""))
    for sg in shorts(p):
        if sg.end < TODAY:
            for v in visits:
                if v.done and (v.done.year, v.done.month) == (sg.end.year, sg.end.month):
                    v.kind = "目標評価"
                    v.note = f"短期目標「{sg.text[:12]}…」の評価を行った。達成しており、次の短期目標を設定する。"
    p.visits = visits
    return None


def v_leap_day_end(p: Plan, r: random.Random):
    # 更新認定24か月で有効期間の終わりが閏日（令和10年2月29日）: 介護保険法施行規則（更新認定の有効期間）; 記載要領 第2表
    # 期間（長期目標は認定の有効期間を考慮）.
    p.plan_kind = "継続"
    p.first_created_on = D(2024, r.randint(1, 12), r.randint(1, 28))
    p.cert_start, p.cert_end = D(2026, 3, 1), D(2028, 2, 29)
    p.certified_on = D(2026, 2, r.randint(10, 25))
    redate(p, r, D(2026, 3, r.randint(3, 12)), meeting_gap=r.randint(1, 3))
    set_periods(p, p.consent_on, p.consent_on, 6)
    revisit(p, r, p.consent_on)
    return None


def v_kubun_change(p: Plan, r: random.Random):
    # 区分変更の認定: 有効期間は申請日から（月の途中）、終わりは月末（介護保険法施行規則 第41条・第42条、知識による）;
    # 記載要領 第1表 認定日（認定の始期）; the plan is changed after the result (運営基準 第13条第16号: 変更も第3号〜第12号);
    # monitoring went on every month across the change.
    orig_consent = p.consent_on
    p.plan_kind = "継続"
    if p.first_created_on is None or p.first_created_on >= p.created_on:
        p.first_created_on = p.created_on  # the first plan of this office is the one now changed
    applied = D(2026, 8, r.randint(5, 20))
    decided = applied + dt.timedelta(days=r.randint(26, 32))
    ey, em = divmod(applied.month - 1 + 12, 12)
    p.cert_start, p.cert_end = applied, month_last(applied.year + ey, em + 1)
    p.certified_on = r.choice([applied, decided])
    level = LEVELS[min(LEVELS.index(p.care_level) + 1, 4)] if p.care_level in LEVELS else "要介護3"
    set_level(p, level)
    redate(p, r, decided + dt.timedelta(days=r.randint(2, 4)), meeting_gap=r.randint(1, 2))
    set_periods(p, p.consent_on, p.consent_on, r.choice((3, 6)))
    revisit(p, r, orig_consent)
    return None


def v_hospital_journal_only(p: Plan, r: random.Random):
    # 一月まるごと入院: the month has no row in the monitoring sheet; the stay and why no home visit was possible are in
    # 第5表 (解釈通知 第二 3(8)⑭ 特段の事情 — 利用者の事情により居宅を訪問できない — はその具体的な内容を記録; 記載要領 第5表).
    done = [v for v in p.visits if v.done]
    months = [(v.done.year, v.done.month) for v in done]
    start_m = (p.consent_on.year, p.consent_on.month)
    for i in range(1, len(done) - 1):
        ym = months[i]
        if ym == start_m or months.count(ym) != 1 or done[i].kind == "目標評価":
            continue
        prev = [v for v in done if v.done < D(ym[0], ym[1], 1)]
        nxt = [v for v in done if v.done >= D(*next_month(*ym), 1)]
        if not prev or not nxt or nxt[0].kind == "目標評価":
            continue
        admit = D(ym[0], ym[1], 1) - dt.timedelta(days=2)
        if prev[-1].done >= admit:
            prev[-1].done = prev[-1].planned = weekday_on_or_before(admit - dt.timedelta(days=3))
            if prev[-1].done.month != admit.month:
                continue
        ny, nm = next_month(*ym)
        discharge = D(ny, nm, 3)
        if nxt[0].done <= discharge and (nxt[0].done.year, nxt[0].done.month) == (ny, nm):
            d = discharge + dt.timedelta(days=3)
            while d.weekday() >= 5:
                d += dt.timedelta(days=1)
            nxt[0].done = nxt[0].planned = d
        p.visits = [v for v in p.visits if v is not done[i]]
        journal_add(p, admit, "入院", "自宅で転倒し大腿骨を骨折、さくら病院に入院。退院まで居宅を訪問できない（特段の事情）。")
        journal_add(p, D(ym[0], ym[1], 15), "入院中の状況確認",
                    f"さくら病院の地域連携室に電話し、リハビリの経過を確認した（入院中のため{ym[1]}月は居宅訪問なし）。")
        journal_add(p, discharge, "退院", "退院。退院後も計画どおりのサービスで生活できることを本人・長女・各事業所と確認した。")
        return None
    return None


def v_table4_inquiry_terminal(p: Plan, r: random.Random):
    # 末期の悪性腫瘍の利用者で、主治医の意見を勘案して担当者会議を開かず照会で: 運営基準 第13条第9号 ただし書（利用者（末期の
    # 悪性腫瘍の患者に限る。）の心身の状況等により、主治の医師又は歯科医師の意見を勘案して必要と認める場合その他のやむを得ない
    # 理由がある場合については、担当者に対する照会等により意見を求めることができる）. 第4表 records the 照会: no meeting, so
    # nobody "attended"; 本人・家族 were heard at home.
    m = p.meeting
    if m is None:
        return None
    doctor_part = m.discussion.split("確認した。", 1)[1] if "確認した。" in m.discussion else ""
    m.place = r.choice(["（照会により実施）", "照会（会議は開催せず）"])
    m.held_on = p.created_on + dt.timedelta(days=1)
    m.attendees = [(f"{a}（照会）", n) for a, n in m.attendees if "（" in a] + [a for a in m.attendees if a[0] == "介護支援専門員"]
    m.topics = "居宅サービス計画原案について（担当者への照会）"
    m.discussion = ("末期の悪性腫瘍のため本人の体調が不安定で、主治医（さくら病院 緩和ケア内科）の意見を勘案し、担当者会議は開催せず"
                    "各担当者に原案を送付して照会した。本人・長女には前日に居宅で原案を説明し、意向を確認した。") + doctor_part
    m.conclusion = "各担当者から、原案のとおり支援可能との回答を得た。"
    p.journal = [(d, "担当者への照会", "末期の悪性腫瘍のため、主治医の意見を勘案し担当者会議に代えて各担当者に照会した（第4表のとおり）。")
                 if i == "サービス担当者会議" else (d, i, t) for d, i, t in p.journal]
    return None


def v_visit_words(p: Plan, r: random.Random):
    # 居宅訪問を事業所の言葉で「家庭訪問」「訪問面接」「自宅訪問（妻同席）」: 運営基準 第13条第14号（利用者の居宅を訪問し、
    # 利用者に面接）— no wording is prescribed.
    for v in p.visits:
        if v.done and v.method in HOME_WORDS:
            v.method = r.choice(["家庭訪問", "訪問面接", "自宅訪問（妻同席）", "本人宅にて面接", "訪問（本人・長女と面接）"])
    return None


def v_light_level_allowed_items(p: Plan, r: random.Random):
    # 要介護1 で手すり・スロープ・歩行器・歩行補助つえ: 利用者等告示 第31号 — 軽度者の例外給付が要るのは車いす・特殊寝台・
    # 床ずれ防止用具・体位変換器・認知症老人徘徊感知機器・移動用リフト・自動排泄処理装置; these four are not among them.
    set_level(p, "要介護1")
    prov = rental_provider(p)
    add_service(p, Svc("スロープの貸与（玄関の段差を歩行器で安全に越え、外出を続けるため）", "福祉用具貸与", prov,
                       "貸与期間中", None, None), "福祉用具専門相談員")
    add_service(p, Svc("歩行補助つえ（多点杖）の貸与（屋内の移動を安定させ、転倒を防ぐため）", "福祉用具貸与", prov,
                       r.choice(["常時", "貸与期間中"]), None, None), "福祉用具専門相談員")
    return None


def v_equipment_by_level(p: Plan, r: random.Random):
    # 要介護2 の車いす・移動用リフト、要介護4 の自動排泄処理装置・体位変換器: 利用者等告示 第31号 — 車いす・移動用リフトの
    # 例外給付は要支援・要介護1 だけ、自動排泄処理装置は要介護1〜3 まで; these levels need no basis.
    prov = rental_provider(p)
    if r.random() < 0.5:
        set_level(p, "要介護2")
        items = ["車いす・車いす付属品の貸与（通院と近所への外出時の移動のため）",
                 "移動用リフト（つり具を除く）の貸与（ベッドから車いすへの移乗を安全に行うため）"]
    else:
        set_level(p, "要介護4")
        items = ["自動排泄処理装置の貸与（夜間の排泄を介護者の負担なく処理し、皮膚のトラブルを防ぐため）",
                 "体位変換器の貸与（寝返りを助け、床ずれを防ぐため）"]
    for it in items:
        add_service(p, Svc(it, "福祉用具貸与", prov, "貸与期間中", None, None), "福祉用具専門相談員")
    return None


DAY_KINDS = [("地域密着型通所介護", "地域密着型デイサービスさくら", ["地域密着型デイ", "デイ（地域密着）"]),
             ("認知症対応型通所介護", "認知症対応型デイサービスひなた", ["認知症デイ", "認知症対応型通所"]),
             ("通所リハビリテーション", "介護老人保健施設あさひ 通所リハビリ", ["デイケア", "通所リハ"])]


def v_other_day_kinds(p: Plan, r: random.Random):
    # 通所介護の仲間: 地域密着型通所介護・認知症対応型通所介護（地域密着型サービス基準）, 通所リハビリテーション（医療系:
    # 主治医の指示、運営基準 第13条第20号）; 第3表 names them the way offices do (記載要領 第3表).
    kind, prov, labels = r.choice(DAY_KINDS)
    got = replace_kind(p, ("通所介護",), kind, prov, "週2回（火・金）", ("火", "金"), r.choice(labels))
    if not got:
        return None
    add_attendee(p, prov, "生活相談員" if kind != "通所リハビリテーション" else "理学療法士")
    if kind == "通所リハビリテーション":
        drop_doctor_text(p)
        add_doctor(p, "・".join(medical_kinds(p)))
    return None


def v_shortstay_block_dates(p: Plan, r: random.Random):
    # 短期入所を日付で一度だけ（家族の冠婚葬祭の間、7泊8日）: 運営基準 第13条第21号（有効期間のおおむね半数を超えない）;
    # 記載要領 第3表 週単位以外のサービス.
    sg = shorts(p)[-1]
    a = sg.start + dt.timedelta(days=r.randint(20, 40))
    z = a + dt.timedelta(days=7)
    if z > sg.end:
        return None
    w = f"R{a.year - 2018}.{a.month}.{a.day}～{z.month}.{z.day}"
    add_service(p, Svc("長女の冠婚葬祭の間の短期入所（入浴・排泄・服薬の介助）", "短期入所生活介護", "特別養護老人ホームあさひ荘",
                       r.choice([f"1回（{w} 7泊8日）", f"7泊8日（{w}）"]), a, z), "生活相談員", sg)
    p.non_weekly = (p.non_weekly + "、" if p.non_weekly else "") + f"短期入所生活介護（{w}）"
    return None


def v_issue_deferred(p: Plan, r: random.Random):
    # アセスメントで課題ありとしたが本人の意向で今回は計画に位置付けない（理由を記録）: 運営基準 第13条第8号（利用者の希望
    # 及びアセスメントの結果に基づき原案を作成）; 名寄市 ガイドライン 4「本人の自己決定の尊重」.
    cand = [(18, "部分入れ歯が合わず硬い物が食べにくい。歯科受診を勧めたが本人は今は望まないため、今回の計画には位置付けず"
                 "経過をみる（次回の見直しで再検討）。"),
            (17, "入浴は週1回程度。回数を増やす支援を提案したが、本人の意向で今回は位置付けず、次回の見直しで再検討する。")]
    for num, text in cand:
        it = p.items[num - 1]
        if it is not None and not it.needs:
            it.status, it.issue = text, True
            return None
    return None


def v_frequency_notation(p: Plan, r: random.Random):
    # 頻度の書き方「2回/週」「火曜・金曜」「週２回（火･金）」「毎週火・金（各1回）」: 記載要領 第2表 頻度.
    for s in services(p):
        if s.days and s.freq.startswith("週") and len(s.days) < 7:
            n = len(s.days)
            s.freq = r.choice([f"{n}回/週（{'・'.join(s.days)}）", "曜・".join(s.days) + "曜",
                               f"週{n}回（{'･'.join(s.days)}）".translate(ZEN), f"毎週{'・'.join(s.days)}（各1回）"])
    return None


GOOD3 = [
    Variant("kantaki_components", "地域密着型サービス基準 第170条〜; 記載要領 第2表 頻度", v_kantaki_components,
            want=lambda p: has_kind(p, "通所介護")),
    Variant("weekly_plus_prn", "記載要領 第2表 頻度; 第3表", v_weekly_plus_prn, want=lambda p: has_kind(p, "訪問介護")),
    Variant("range_frequency", "記載要領 第2表 頻度（一定期間内での回数）", v_range_frequency,
            want=lambda p: has_kind(p, "通所介護")),
    Variant("every_other_day", "記載要領 第2表 頻度; 第3表", v_every_other_day, want=lambda p: has_kind(p, "訪問介護")),
    Variant("equipment_only", "運営基準 第13条第14号・第22号; 記載要領 第3表", v_equipment_only,
            want=lambda p: has_kind(p, "福祉用具貸与")),
    Variant("medical_insurance_nurse", "記載要領 第2表 ※1; 運営基準 第13条第4号", v_medical_insurance_nurse,
            want=lambda p: has_kind(p, "訪問看護")),
    Variant("pharmacist_rh", "運営基準 第13条第19号・第20号; 記載要領 第3表 週単位以外", v_pharmacist_rh),
    Variant("care5_daily", "記載要領 第2表 頻度・第1表 算定理由; 利用者等告示 第31号", v_care5_daily,
            want=lambda p: has_kind(p, "訪問介護")),
    Variant("many_needs", "運営基準 第13条第8号; 課題分析標準項目", v_many_needs),
    Variant("staged_short_goals", "記載要領 第2表 短期目標・期間; 名寄市 4(1)②", v_staged_short_goals),
    Variant("created_on_consent", "運営基準 第13条第9号〜第11号; 記載要領 第1表 作成（変更）日", v_created_on_consent),
    Variant("delivered_later", "運営基準 第13条第11号（遅滞なく交付）", v_delivered_later),
    Variant("month_end_dates", "運営基準 第13条第14号; 記載要領 第2表 期間", v_month_end_dates),
    Variant("leap_day_end", "介護保険法施行規則（更新 24か月）; 記載要領 第2表 期間", v_leap_day_end),
    Variant("kubun_change", "介護保険法施行規則（区分変更の有効期間）; 運営基準 第13条第16号", v_kubun_change),
    Variant("hospital_journal_only", "解釈通知 第二 3(8)⑭（特段の事情）; 記載要領 第5表", v_hospital_journal_only,
            layouts=JOURNAL_LAYOUTS),
    Variant("table4_inquiry_terminal", "運営基準 第13条第9号 ただし書（末期の悪性腫瘍）", v_table4_inquiry_terminal,
            want=has_medical),
    Variant("visit_words", "運営基準 第13条第14号", v_visit_words, layouts=METHOD_LAYOUTS),
    Variant("light_level_allowed_items", "利用者等告示 第31号（例外給付の対象種目）", v_light_level_allowed_items),
    Variant("equipment_by_level", "利用者等告示 第31号（種目ごとの対象者）", v_equipment_by_level),
    Variant("other_day_kinds", "地域密着型サービス基準; 運営基準 第13条第20号", v_other_day_kinds,
            want=lambda p: has_kind(p, "通所介護")),
    Variant("shortstay_block_dates", "運営基準 第13条第21号; 記載要領 第3表", v_shortstay_block_dates),
    Variant("issue_deferred", "運営基準 第13条第8号; 名寄市 4（自己決定の尊重）", v_issue_deferred),
    Variant("frequency_notation", "記載要領 第2表 頻度", v_frequency_notation,
            want=lambda p: any(s.days and s.freq.startswith("週") for s in services(p))),
]


# --------------------------------------------------------------------------- BAD

def b_count_contradicts_days(p: Plan, r: random.Random):
    # 頻度の回数と曜日が食い違う「週3回（火・金）」: 記載要領 第2表 頻度・第3表（週単位のサービスを曜日に）— the plan says two
    # different things about the same visits.
    for s in services(p):
        if s.days and len(s.days) == 2 and s.freq.startswith("週"):
            g = s.group
            for x in services(p):
                if x.group == g:
                    x.freq = f"週3回（{'・'.join(s.days)}）"
            return None
    return None


def b_weekly_prn_missing(p: Plan, r: random.Random):
    # 「週2回（月・木）、必要時」の週単位の訪問が第3表にない（他のサービスは書かれている）: 記載要領 第3表.
    for s in services(p):
        if s.group == "helper":
            s.freq = r.choice(["週2回（月・木）、体調不良時は随時", "週2回（月・木）・必要時追加"])
            s.weekly_label = ""
    return None


def b_light_airmat(p: Plan, r: random.Random):
    # 要介護1 の床ずれ防止用具に例外給付の根拠がない: 利用者等告示 第31号; 老企第36号 第二 9(2).
    set_level(p, "要介護1")
    add_service(p, Svc("床ずれ防止用具（エアマット）の貸与（長く横になっている時の床ずれを防ぐため）", "福祉用具貸与",
                       rental_provider(p), "貸与期間中", None, None), "福祉用具専門相談員")
    return None


def b_auto_excretion_level3(p: Plan, r: random.Random):
    # 要介護3 の自動排泄処理装置（便も吸引するもの）に例外給付の根拠がない: 利用者等告示 第31号（要介護1〜3 は例外給付）.
    set_level(p, "要介護3")
    add_service(p, Svc("自動排泄処理装置（排便にも対応するもの）の貸与（夜間の排泄の介助の負担を減らすため）", "福祉用具貸与",
                       rental_provider(p), "貸与期間中", None, None), "福祉用具専門相談員")
    return None


def b_living_level3_twice_daily(p: Plan, r: random.Random):
    # 要介護3 で生活援助を毎日朝夕（月60回 ≥ 告示の43回）、理由の記載・届出なし: 運営基準 第13条第18号の2; 告示218.
    helper = [s for s in services(p) if s.group == "helper"]
    if not helper:
        return None
    set_level(p, "要介護3")
    freq = r.choice(["毎日（1日2回 朝・夕）", "1日2回（朝・夕）毎日"])
    for s in helper:
        s.freq, s.days, s.time = freq, WEEKDAYS, "08:00"
    p.weekly_extra.append(Svc("夕の生活援助", "訪問介護", helper[0].provider, freq, None, None, days=WEEKDAYS, time="18:00",
                              weekly_label=helper[0].weekly_label or "訪問介護", group="helper_pm"))
    return None


def b_long_shortstay(p: Plan, r: random.Random):
    # 短期入所の連続利用（ロングショート）が有効期間の半数を超える（12か月のうち9か月）: 運営基準 第13条第21号.
    sg = shorts(p)[-1]
    lg = [x for x in longs(p) if sg in x.shorts][0]
    sg.end = min(months_later_minus_day(sg.start, 9), lg.end)
    for sv in sg.services:
        sv.end = sg.end
    add_service(p, Svc("施設入所までの間の短期入所（入浴・排泄・食事の介助）", "短期入所生活介護", "特別養護老人ホームなよろ荘",
                       r.choice(["連続利用（毎日）", "月30日（連続利用）"]), sg.start, sg.end), "生活相談員", sg)
    revisit(p, r, p.consent_on)
    return None


def b_rehab_no_doctor(p: Plan, r: random.Random):
    # 通所リハビリテーションに主治医の指示・意見の記録がない: 運営基準 第13条第19号・第20号.
    got = replace_kind(p, ("通所介護",), "通所リハビリテーション", "介護老人保健施設あさひ 通所リハビリ", "週2回（火・金）",
                       ("火", "金"), r.choice(["デイケア", "通所リハ"]))
    if not got:
        return None
    add_attendee(p, "介護老人保健施設あさひ 通所リハビリ", "理学療法士")
    drop_doctor_text(p)
    return None


def b_leap_long_beyond(p: Plan, r: random.Random):
    # 長期目標が閏日に終わる有効期間を超える（令和10年3月31日まで）: 記載要領 第2表 期間（認定の有効期間を考慮）.
    v_leap_day_end(p, r)
    longs(p)[0].end = D(2028, 3, 31)
    return None


def b_month_end_gap(p: Plan, r: random.Random):
    # 月末の訪問が翌月1日にずれ、その月の訪問がない（予定日はその月末）: 運営基準 第13条第14号.
    v_month_end_dates(p, r)
    done = [v for v in p.visits if v.done]
    for v in done[1:-1]:
        if v.kind != "目標評価":
            y, m = next_month(v.done.year, v.done.month)
            d = D(y, m, 1)
            while d.weekday() >= 5:
                d += dt.timedelta(days=1)
            v.done = d  # planned stays on the month's last weekday
            return None
    return None


def b_cm_busy_month(p: Plan, r: random.Random):
    # 介護支援専門員の都合で訪問せず電話だけ（特段の事情ではない）: 運営基準 第13条第14号; 解釈通知（特段の事情は利用者の
    # 事情により居宅を訪問できない場合で、介護支援専門員に起因する事情は含まれない、知識による）.
    months = [(v.done.year, v.done.month) for v in p.visits if v.done]
    start_m = (p.consent_on.year, p.consent_on.month)
    for v in p.visits:
        if v.done and v.kind != "目標評価" and months.count((v.done.year, v.done.month)) == 1 \
                and (v.done.year, v.done.month) != start_m:
            v.kind, v.method = "電話等連絡", "電話"
            v.note = "担当者の業務が立て込み訪問できず、電話で本人の状況を確認した。"
            return None
    return None


def b_equipment_only_no_reason(p: Plan, r: random.Random):
    # 福祉用具だけの計画で貸与の理由がない: 運営基準 第13条第22号.
    v_equipment_only(p, r)
    for s in services(p):
        if s.kind == "福祉用具貸与":
            s.content = s.content.split("（")[0]
            return None
    return None


def b_created_after_consent(p: Plan, r: random.Random):
    # 作成日が同意・交付より後: 運営基準 第13条第10号・第11号（原案に同意を得て作成・交付）.
    p.created_on = p.consent_on + dt.timedelta(days=r.randint(2, 5))
    return None


def b_kantaki_missing(p: Plan, r: random.Random):
    # 看多機の通い（週3回）が第3表にない（他のサービスは書かれている）: 記載要領 第3表.
    v_kantaki_components(p, r)
    for s in services(p):
        if s.kind == "看護小規模多機能型居宅介護":
            s.weekly_label = ""
    p.weekly_extra = [s for s in p.weekly_extra if s.group != "kantaki_nurse"]
    return None


BAD3 = [
    Variant("bad_count_contradicts_days", "記載要領 第2表 頻度・第3表", b_count_contradicts_days, expect="CP151",
            want=lambda p: any(s.days and len(s.days) == 2 and s.freq.startswith("週") for s in services(p))),
    Variant("bad_weekly_prn_missing", "記載要領 第3表", b_weekly_prn_missing, expect="CP150",
            want=lambda p: has_kind(p, "訪問介護") and len(groups_weekly(p)) >= 2),
    Variant("bad_light_airmat", "利用者等告示 第31号", b_light_airmat, expect="CP143"),
    Variant("bad_auto_excretion_level3", "利用者等告示 第31号", b_auto_excretion_level3, expect="CP143"),
    Variant("bad_living_level3_twice_daily", "運営基準 第13条第18号の2; 告示218", b_living_level3_twice_daily,
            expect="CP142", want=lambda p: has_kind(p, "訪問介護")),
    Variant("bad_long_shortstay", "運営基準 第13条第21号", b_long_shortstay, expect="CP144",
            want=lambda p: (p.cert_end - p.cert_start).days < 400),
    Variant("bad_rehab_no_doctor", "運営基準 第13条第19号・第20号", b_rehab_no_doctor, expect="CP145",
            want=lambda p: has_kind(p, "通所介護"), layouts=JOURNAL_LAYOUTS),
    Variant("bad_leap_long_beyond", "記載要領 第2表 期間", b_leap_long_beyond, expect="CP120"),
    Variant("bad_month_end_gap", "運営基準 第13条第14号", b_month_end_gap, expect="CP170"),
    Variant("bad_cm_busy_month", "運営基準 第13条第14号; 解釈通知（特段の事情）", b_cm_busy_month, expect="CP170"),
    Variant("bad_equipment_only_no_reason", "運営基準 第13条第22号", b_equipment_only_no_reason, expect="CP141",
            want=lambda p: has_kind(p, "福祉用具貸与")),
    Variant("bad_created_after_consent", "運営基準 第13条第10号・第11号", b_created_after_consent, expect="CP110"),
    Variant("bad_kantaki_missing", "記載要領 第3表", b_kantaki_missing, expect="CP150",
            want=lambda p: has_kind(p, "通所介護") and has_kind(p, "訪問リハビリテーション")),
]


# ----- second round, written after the rules had been read (so not blind: an estimate for these is weaker)

def v_kubun_goals_continue(p: Plan, r: random.Random):
    # 区分変更の後も長期目標はそのまま（短期目標とサービスだけ見直す）: 運営基準 第13条第15号（区分変更の認定を受けたときは
    # 担当者会議で計画の変更の必要性を検討）; 記載要領 第2表 期間（有効期間を「考慮」— the goal set under the previous
    # certification runs on inside the new one).
    orig_consent, orig_end = p.consent_on, p.cert_end
    v_kubun_change(p, r)
    for lg in longs(p):
        lg.start, lg.end = orig_consent, min(orig_end, p.cert_end)
        for sg in lg.shorts:
            sg.start, sg.end = p.consent_on, min(months_later_minus_day(p.consent_on, 3), lg.end)
            for sv in sg.services:
                sv.start, sv.end = sg.start, sg.end
    revisit(p, r, orig_consent)
    return None


def v_absent_with_reason(p: Plan, r: random.Random):
    # 本人・家族とも会議に出られず、理由と事前に聴いた意向を記録: 運営基準 第13条第9号（利用者及びその家族の参加を「基本」
    # としつつ）; 記載要領 第4表（出席できない者の理由、知識による）.
    m = p.meeting
    if m is None:
        return None
    m.attendees = [a for a in m.attendees if "（" in a[0] or a[0] == "介護支援専門員"]
    rest = m.discussion.split("。", 1)[1] if "。" in m.discussion else ""
    m.discussion = ("本人は認知症の進行で会議への参加が難しく欠席、長女は遠方のため欠席。前日に居宅を訪問して本人に原案を説明し、"
                    "意向（自宅で暮らし続けたい）を確認した。長女には電話で原案を説明し、意見を聴いた。") + rest
    return None


GOOD3_R2 = [
    Variant("r2_kubun_goals_continue", "運営基準 第13条第15号; 記載要領 第2表 期間（考慮）", v_kubun_goals_continue),
    Variant("r2_absent_with_reason", "運営基準 第13条第9号（参加を基本）; 記載要領 第4表", v_absent_with_reason),
]


def generate_variation3(out_dir: Path, per_variant: int = 4, seed: int = 20261202, names: list[str] | None = None):
    """``per_variant`` workbooks of every variant of this set (layouts and writers rotating). Deterministic."""
    return generate_set(GOOD3 + BAD3 + GOOD3_R2, out_dir, per_variant, seed, names, "variation3.json")

