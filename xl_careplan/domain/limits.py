"""Numbers fixed by 告示 and 基準, in one place (rules take them as parameter defaults, the office report
and the profiles refer to them; nothing else writes them down)."""

from __future__ import annotations

# 厚生労働大臣が定める回数及び訪問介護（平成30年厚生労働省告示第218号）: 生活援助中心型の訪問介護、1月あたりの回数。
# この回数「以上」を位置付けた計画は市町村に届け出る（運営基準 第13条第18号の2）。
KOKUJI218_LIMITS: dict[str, int] = {"要介護1": 27, "要介護2": 34, "要介護3": 43, "要介護4": 38, "要介護5": 31}

# 運営基準 第13条第21号: 短期入所生活介護・短期入所療養介護を利用する日数は、認定の有効期間のおおむね半数を超えない。
SHORT_STAY_SHARE = 0.5

# 更新申請は有効期間満了日の60日前から（介護保険法 第28条、施行規則 第35条。日数は市町村の案内で確認、条文は知識による）。
RENEWAL_WINDOW_DAYS = 60

# 特定事業所集中減算: 同一事業所の割合 80% 超（指定居宅介護支援に要する費用の額の算定に関する基準。知識による）。
CONCENTRATION_SHARE = 0.80

WEEKS_PER_MONTH = 52 / 12  # 週N回 -> N×52÷12 回/月
