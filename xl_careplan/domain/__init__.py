"""Domain facts, one module each, used by rules, report, schedule and profiles alike:

- ``services``: service kinds (サービス種別), 訪問介護 生活援助中心型 vs 身体介護, 医療系サービス, 短期入所,
  福祉用具 items (軽度者の例外給付の対象種目), 特定事業所集中減算 の対象種別;
- ``limits``: numbers fixed by 告示 and 基準 (告示218 回数, 短期入所 半数, 更新申請 60日, 集中 80%);
- ``eras``: 元号 (the parser reads 和暦 with them; dates are shown as 2026年4月1日 by ``xl_careplan.jpdate``);
- ``visits``: kinds of monitoring contact (居宅訪問, テレビ電話等, 電話).
"""
