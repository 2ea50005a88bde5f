"""Run the rules a profile selects over one CarePlan and return sorted findings.

``run_checks(plan, profile, ctx)`` is the one entry point (pipeline, batch, add-in).
A rule that raises does not stop the run: it becomes a CP000 finding and a log line
that names the rule and the code location only (no cell values, no personal data).
"""

from __future__ import annotations

import unicodedata

from xl_careplan.findings import Finding, Severity
from xl_careplan.logs import get_logger
from xl_careplan.models import CarePlan
from xl_careplan.profiles import Profile, load_profile
from xl_careplan.rules.acks import is_reason
from xl_careplan.rules.base import Context, Rule
from xl_careplan.rules.registry import RULE_MODULES, all_rules, rule_module  # noqa: F401 (the engine's API)

log = get_logger(__name__)

INTERNAL_ERROR_CODE = "CP000"


_INSTANCES: dict[tuple, list[Rule]] = {}


def instantiate(profile: Profile) -> list[Rule]:
    """The profile's rules with their parameters. Rules keep no state between checks, so the instances
    are reused for every file checked with the same rule classes, parameters and severities."""
    rules = all_rules()
    classes = tuple((code, rules.get(code)) for code in profile.selected)
    # what an instance depends on: the classes (and class attributes read at construction), params, severities
    attrs = tuple((c.implemented, c.severity, c.Params) for _, c in classes if c is not None)
    key = (classes, attrs, repr(profile.params), repr(profile.severity))
    hit = _INSTANCES.get(key)
    if hit is None:
        hit = []
        for code, cls in classes:
            if cls is None or not cls.implemented:
                continue
            hit.append(cls(profile.params.get(code), profile.severity.get(code)))
        if len(_INSTANCES) >= 64:
            _INSTANCES.clear()
        _INSTANCES[key] = hit
    return list(hit)


def _safe_traceback(exc: BaseException) -> str:
    """File/line/function of each frame: enough to fix the bug, never the values involved."""
    import traceback  # only when a rule failed

    frames = traceback.extract_tb(exc.__traceback__)
    return " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))


def run_rules(plan: CarePlan, rules: list[Rule], ctx: Context) -> list[Finding]:
    if ctx.home is None:
        ctx.home = plan.home()
    findings: list[Finding] = []
    for rule in rules:
        try:
            produced = list(rule.check(plan, ctx) or [])
        except Exception as exc:  # a broken rule must not hide every other finding
            log.error("rule %s raised %s at %s", rule.code, type(exc).__name__, _safe_traceback(exc))
            findings.append(
                Finding(
                    file=ctx.file,
                    rule=INTERNAL_ERROR_CODE,
                    severity=Severity.ERROR,
                    message=f"点検中に内部エラーが発生しました（ルール {rule.code}）",
                    source="xl-careplan（プログラムの不具合）",
                    hint="この点検結果は不完全です。開発担当に連絡してください（ブックの内容は記録していません）。",
                )
            )
            continue
        findings.extend(produced)
    for f in findings:
        place(f, ctx.home)
    findings = _drop_superseded(findings, rules)
    apply_acknowledgements(findings, plan)
    return sorted(findings, key=Finding.sort_key)


def place(f: Finding, home) -> None:
    """No finding without a place: a sheet-only finding goes to A1 of that sheet, one with neither to ``home``."""
    if f.sheet is None:
        f.sheet, f.cell = home.sheet, home.cell
    elif f.cell is None:
        f.cell = "A1"


def _drop_superseded(findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    """A stricter municipal rule replaces a national advice rule at the same cell (e.g. NY301 over TX401)."""
    over: dict[str, set[str]] = {}
    for r in rules:
        for code in getattr(r, "supersedes", ()):
            over.setdefault(code, set()).add(r.code)
    if not over:
        return findings
    at = {(f.rule, f.sheet, f.cell) for f in findings}
    return [
        f for f in findings
        if not any((by, f.sheet, f.cell) in at for by in over.get(f.rule, ()))
    ]


READING_NOTE_CODE = "CP001"


def _key(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().replace("$", "").upper()


def apply_acknowledgements(findings: list[Finding], plan: CarePlan) -> None:
    """Mark findings the care manager has explained in 「方針と異なる理由」 (same rule; same sheet/cell when given)."""
    acks = [a for a in plan.acknowledgements if is_reason(a.reason)]  # 「なし」「特になし」 acknowledge nothing (CP105)
    if not acks:
        return
    for f in findings:
        if f.rule in (INTERNAL_ERROR_CODE, "CP105"):
            continue  # an internal error, or a note about the reasons themselves
        for a in acks:
            if _key(a.rule) != f.rule:
                continue
            if a.sheet and a.sheet.strip() and _key(a.sheet) != _key(f.sheet):
                continue
            if a.cell and a.cell.strip() and _key(a.cell) != _key(f.cell):
                continue
            f.acknowledged = True
            f.ack_reason = a.reason.strip()
            f.ack_at = str(a.loc)
            break


def run_checks(plan: CarePlan, profile: Profile | None, ctx: Context) -> list[Finding]:
    """All findings of the profile's rules (national when None) on one plan, acknowledged ones marked, sorted."""
    if profile is None:
        profile = load_profile(ctx.profile or None)
    return run_rules(plan, instantiate(profile), ctx)


all_rules()  # importing the engine registers every rule (report.py and batch workers rely on REGISTRY)
