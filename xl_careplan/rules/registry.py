"""The list of rule modules and the registry they fill: the one place that knows every rule.

Profiles (to check codes and parameters) and the engine (to run rules) both import this module, and
neither imports the other's, so loading a profile does not pull in the engine.
"""

from __future__ import annotations

import importlib

from xl_careplan.rules.base import REGISTRY, Rule

RULE_MODULES = [
    "reading_notes", "table1", "periods", "services", "cross_forms", "monitoring", "asahikawa", "nayoro", "text_advice",
    "plan_dates", "benefits", "medical", "meeting", "assessment_links", "monitoring_records",
    "acks", "plan_form",
]

_loaded = False


def all_rules() -> dict[str, type[Rule]]:
    """Import every rule module (registering its rules) and return the registry."""
    global _loaded
    if not _loaded:
        for mod in RULE_MODULES:
            importlib.import_module(f"xl_careplan.rules.{mod}")
        _loaded = True
    return REGISTRY


def rule_module(code: str) -> str:
    return all_rules()[code].__module__.rsplit(".", 1)[-1]
